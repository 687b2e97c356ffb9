"""Signals at Flanders scale: the dashboard, triage list and public list of one zone.

Fills a database with `--total` signals (default 200,000, the Flanders scale of PRODUCT.md) spread
over the three demo zones, the measured zone (AMALO) holding `--share` of them (default 10 %, six
times an average zone of 60), each with one or two of 11 challenges (a fifth with none), one or
two municipalities, up to two target groups, a sector and a date in the last two years. Prints
the queries and the median time (of 15) of:

- `selectors.dashboard` (the five counts, in the database);
- the whole dashboard page as staff see it (middleware, template, SVG);
- the first page of the triage list and of the public list.

    bash bin/with-postgres .venv/bin/python bench/signals_dashboard.py      # PostgreSQL (the target)
    .venv/bin/python bench/signals_dashboard.py --total 20000                # SQLite, smaller

Without a PostgreSQL DATABASE_URL it uses a throw-away SQLite file, var/bench_signals.sqlite3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench_signals.sqlite3"
BATCH = 5000


def setup(total: int, share: float) -> None:

    from zorgraad.challenges.models import Challenge
    from zorgraad.network.demo import TARGET_GROUPS
    from zorgraad.network.models import TargetGroup
    from zorgraad.signals.models import Signal
    from zorgraad.zones import demo as zones_demo
    from zorgraad.zones.models import Sector

    zones = zones_demo.load()
    groups = [TargetGroup.objects.get_or_create(slug=s, defaults={"name": n})[0] for s, n in TARGET_GROUPS]
    sectors = list(Sector.objects.all())
    rnd = random.Random(18)
    today = dt.date.today()
    # AMALO: a large zone (share of the total); Zennevallei: an average zone of Flanders' 60; Waasland: the rest
    plan = {"amalo": int(total * share), "zennevallei": total // 60}
    plan["waasland"] = total - plan["amalo"] - plan["zennevallei"]
    statuses = ["received", "analysis", "discussed", "structural", "passed_on", "answered", "closed"]
    Through = Signal.challenges.through
    MThrough = Signal.municipalities.through
    TThrough = Signal.target_groups.through
    for slug, count in plan.items():
        zone = zones[slug]
        challenges = [
            Challenge.objects.create(zone=zone, number=str(n), title=f"Uitdaging {n}", order=n)
            for n in range(1, 12)
        ]
        municipalities = list(zone.municipalities_on())
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            rows = [
                Signal(
                    zone=zone,
                    reference=f"SIG-BENCH-{made + i + 1:06d}",
                    year=today.year,
                    sequence=made + i + 1,
                    title=f"Bench signaal {made + i + 1}",
                    description="Een situatie zonder persoonsgegevens.",
                    status=rnd.choice(statuses),
                    is_structural=rnd.random() < 0.2,
                    source="public_form",
                    received_on=today - dt.timedelta(days=rnd.randrange(730)),
                    sector=rnd.choice(sectors),
                )
                for i in range(size)
            ]
            created = Signal.objects.bulk_create(rows, batch_size=BATCH)
            links, mlinks, tlinks = [], [], []
            for s in created:
                if rnd.random() >= 0.2:
                    for c in rnd.sample(challenges, rnd.choice((1, 1, 2))):
                        links.append(Through(signal_id=s.pk, challenge_id=c.pk))
                for m in rnd.sample(municipalities, min(len(municipalities), rnd.choice((1, 2)))):
                    mlinks.append(MThrough(signal_id=s.pk, municipality_id=m.pk))
                for g in rnd.sample(groups, rnd.choice((0, 1, 2))):
                    tlinks.append(TThrough(signal_id=s.pk, targetgroup_id=g.pk, zone_id=zone.pk))
            Through.objects.bulk_create(links, batch_size=BATCH)
            MThrough.objects.bulk_create(mlinks, batch_size=BATCH)
            TThrough.objects.bulk_create(tlinks, batch_size=BATCH)
            made += size
        print(f"  {slug}: {count} signalen", flush=True)


def _create_database(url: str) -> None:
    """bin/with-postgres starts an empty cluster: create the database of DATABASE_URL when missing."""
    from urllib.parse import urlparse

    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def timed(label: str, fn: object, runs: int = 15) -> None:
    from django.db import connection, reset_queries

    fn()  # warm up
    times = []
    for _ in range(runs):
        reset_queries()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    queries = len(connection.queries)
    print(f"{label:<42} {statistics.median(times):7.1f} ms (median of {runs}), {queries} queries")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--total", type=int, default=200_000)
    parser.add_argument("--share", type=float, default=0.10)
    parser.add_argument("--reuse", action="store_true", help="keep the signals already in the database")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        _create_database(url)
    else:
        DB.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from zorgraad.accounts.models import Role, User, ZoneRole
    from zorgraad.signals.models import Signal
    from zorgraad.zones.models import Zone

    call_command("migrate", verbosity=0)
    if not (args.reuse and Zone.objects.exists() and Signal.objects.unscoped().exists()):
        print(f"Database: {connection.vendor}; {args.total} signalen opbouwen …", flush=True)
        start = time.perf_counter()
        setup(args.total, args.share)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(f"  klaar in {time.perf_counter() - start:.0f} s")
    staff = User.objects.filter(email="bench-staff@zorgraad.test").first() or User.objects.create_user(
        "bench-staff@zorgraad.test", "bench-wachtwoord-1"
    )
    print(f"Database: {connection.vendor}; {Signal.objects.unscoped().count()} signalen in totaal")
    for slug in ("zennevallei", "amalo"):
        zone = Zone.objects.get(slug=slug)
        ZoneRole.objects.get_or_create(zone=zone, user=staff, role=Role.STAFF)
        n = Signal.objects.for_zone(zone).count()
        print(f"-- {zone.name}: {n} signalen")
        measure(zone, staff)
    return 0


def measure(zone: object, staff: object) -> None:
    import time

    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from zorgraad.signals import selectors

    settings.DEBUG = True  # count queries
    with override_settings(ZORGRAAD_REQUIRE_STAFF_MFA=False, ALLOWED_HOSTS=["*"]):
        client = Client()
        client.force_login(staff)
        public = Client()

        def page(c: Client, url: str) -> None:
            response = c.get(url)
            assert response.status_code == 200, (url, response.status_code)

        slug = zone.slug  # type: ignore[attr-defined]
        timed("selectors.dashboard (5 tellingen)", lambda: selectors.dashboard(zone=zone))
        from django.core.cache import cache

        def cold() -> None:
            cache.clear()  # as after a write: the counts are made again
            page(client, f"/{slug}/beheer/signalen/overzicht/")

        timed("dashboardpagina, na een wijziging (koud)", cold)
        timed(
            "dashboardpagina, zelfde zonegeneratie",
            lambda: page(client, f"/{slug}/beheer/signalen/overzicht/"),
        )
        timed("triagelijst", lambda: page(client, f"/{slug}/beheer/signalen/"))
        timed(
            "publieke lijst (zonder cache)",
            lambda: page(public, f"/{slug}/signalen/?n={time.perf_counter_ns()}"),
        )


if __name__ == "__main__":
    raise SystemExit(main())
