"""Speed of the social map search at Flanders scale: 60 zones x 500 offers = 30,000 offers.

Builds (once) a data set of its own under var/bench-search/ (or in DATABASE_URL): every zone gets
offers whose titles, descriptions, themes and target groups are drawn from the demo offers, so the
vocabulary and the index look like real ones, with organisation names and municipalities of its
own. Then it times `offersearch.rank` (what the social map and the API call) for the questions of
tests/fixtures/socialmap_queries.json in random zones, with a warm cache (as in production, where
the zone's vocabulary is cached until the index changes) and with a cold one (right after a write).

    uv run python bench/socialmap_search.py                 # SQLite
    DATABASE_URL=postgres://... uv run python bench/socialmap_search.py
    uv run python bench/socialmap_search.py --zones 60 --offers 500 --searches 2000

Prints p50 / p95 / max in milliseconds per search. Never run as a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
os.environ.setdefault("ZORGRAAD_VAR_DIR", str(ROOT / "var" / "bench-search"))
Path(os.environ["ZORGRAAD_VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.DEBUG = False  # no query log, as in production

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

PLACES = ["De Linde", "Ter Beuken", "Zonnebloem", "Het Anker", "De Brug", "Horizon", "De Vlinder", "Kompas"]


def build(zones: int, per_zone: int, seed: int) -> None:
    from zorgraad.network import demo
    from zorgraad.network.models import Offer, Organisation, TargetGroup, Theme
    from zorgraad.network.services.search import offer_index_rebuild, search_synonym_defaults_sync
    from zorgraad.zones.models import Municipality, PostalPlace, Zone, ZoneMunicipality

    rnd = random.Random(seed)
    search_synonym_defaults_sync()
    groups = demo._reference(TargetGroup, demo.TARGET_GROUPS)
    themes = demo._reference(Theme, demo.THEMES)
    texts = [a for _, specs in demo.ZONE_DATA.values() for a in specs]
    orgs_by_name = {o.name: o for orgs, _ in demo.ZONE_DATA.values() for o in orgs}
    for z in range(zones):
        slug = f"zoek-{z:02d}"
        if Zone.objects.filter(slug=slug).exists():
            continue
        start = time.monotonic()
        with transaction.atomic():
            zone = Zone.objects.create(slug=slug, name=f"Zoekzone {z:02d}")
            munis = []
            for i in range(6):
                m = Municipality.objects.create(
                    nis_code=f"8{z:02d}{i:02d}", name=f"Gemeente {z:02d}-{i}", province="Test"
                )
                ZoneMunicipality.objects.create(zone=zone, municipality=m)
                PostalPlace.objects.create(postal_code=f"{8000 + z * 10 + i}", name=m.name, municipality=m)
                munis.append(m)
            orgs = Organisation.objects.bulk_create(
                [
                    Organisation(
                        zone=zone,
                        name=f"{rnd.choice(texts).org} {rnd.choice(PLACES)} {i}",
                        city=rnd.choice(munis).name,
                    )
                    for i in range(per_zone // 2)
                ]
            )
            specs = [rnd.choice(texts) for _ in range(per_zone)]
            offers = Offer.objects.bulk_create(
                [
                    Offer(
                        zone=zone,
                        organisation=rnd.choice(orgs),
                        title=spec.title,
                        description=spec.description,
                        how_to_refer=spec.how_to_refer,
                    )
                    for spec in specs
                ],
                batch_size=1000,
            )
            through_g, through_t, through_m = (
                Offer.target_groups.through,
                Offer.themes.through,
                Offer.municipalities.through,
            )
            through_g.objects.bulk_create(
                [
                    through_g(offer_id=o.pk, targetgroup_id=groups[g].pk)
                    for o, s in zip(offers, specs, strict=True)
                    for g in s.groups
                ]
            )
            through_t.objects.bulk_create(
                [
                    through_t(offer_id=o.pk, theme_id=themes[t].pk)
                    for o, s in zip(offers, specs, strict=True)
                    for t in s.themes
                ]
            )
            through_m.objects.bulk_create(
                [
                    through_m(offer_id=o.pk, municipality_id=m.pk)
                    for o, s in zip(offers, specs, strict=True)
                    if orgs_by_name[s.org].where != demo.ALL
                    for m in rnd.sample(munis, 1)
                ]
            )
            offer_index_rebuild(zone=zone)
        print(f"zone {z + 1}/{zones}: {per_zone} offers ({time.monotonic() - start:.1f} s)", flush=True)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zones", type=int, default=60)
    parser.add_argument("--offers", type=int, default=500, help="per zone")
    parser.add_argument("--searches", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from zorgraad.network.models import Offer, OfferSearchTerm
    from zorgraad.network.selectors import offersearch
    from zorgraad.zones.models import Zone

    call_command("migrate", verbosity=0)
    build(args.zones, args.offers, args.seed)
    zones = list(Zone.objects.filter(slug__startswith="zoek-").order_by("slug")[: args.zones])
    total = Offer.objects.unscoped().filter(zone__in=zones).count()
    rows = OfferSearchTerm.objects.unscoped().count()
    print(f"{connection.vendor}: {len(zones)} zones, {total} offers, {rows} index rows")
    questions = [
        c["q"] for c in json.loads((ROOT / "tests" / "fixtures" / "socialmap_queries.json").read_text())
    ]
    questions += ["8001", "schulden 8002", "ik kan mijn huur niet betalen", "demetie", "x" * 300]
    rnd = random.Random(args.seed)

    for label, cold in (("warm cache", False), ("cold cache", True)):
        for zone in zones:  # fill (or empty) the cache first
            offersearch.rank(zone, "hulp")
        times: list[float] = []
        found = 0
        for _ in range(args.searches):
            zone = rnd.choice(zones)
            q = rnd.choice(questions)
            if cold:
                cache.clear()
                offersearch._ZONE_DATA.clear()
            t = time.perf_counter()
            outcome = offersearch.rank(zone, q)
            times.append((time.perf_counter() - t) * 1000)
            found += bool(outcome.ids)
        print(
            f"{label}: {len(times)} searches, p50 {statistics.median(times):.1f} ms, "
            f"p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms ({found} with results)"
        )


if __name__ == "__main__":
    main()
