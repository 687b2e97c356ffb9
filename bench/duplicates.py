"""Duplicate checks (network/duplicates.py, meetings guest_candidates) on AMALO and the 5,000-organisation
zone, before and after the prepared records (issue 17): in-process CPU, production settings.

"Before" is the code of a base commit (`--base`, default c7d2881: the plain loop over every record),
loaded from git into this process next to the current code, so the two run interleaved on the same
data and connection. For each check: best of `--rounds` rounds of `--n` calls, time.process_time
(this process; the database backend's CPU is not in it) and wall time per call.

    bash bin/with-postgres .venv/bin/python bench/duplicates.py          # fills a fresh database first
    DATABASE_URL=postgres://... .venv/bin/python bench/duplicates.py     # a database with the data

The data are those of bench/staff_pages.py (migrate, load_demo, generate_scale_data --zones 2
--big-zone), made when the database lacks them.

States of the current code:
- prepared: the zone's records prepared by an earlier check, no write since (the common case);
- after a write: the kind's generation raised before each call (a person or organisation saved):
  the records are read again, the keys of unchanged names reused from the previous entry;
- cold: nothing prepared in this process (first check after a start or a cache.clear()).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _setup() -> None:
    import staff_pages

    for key, value in staff_pages.base_env().items():
        os.environ.setdefault(key, value)
    if not staff_pages.data_ready():
        staff_pages.prepare()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    import django

    django.setup()


def _old_module(base: str, path: str, name: str) -> types.ModuleType:
    """The module at `path` as it was in commit `base`, loaded under `name` (relative imports work)."""
    source = subprocess.run(
        ["git", "show", f"{base}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    module = types.ModuleType(name)
    module.__package__ = name.rpartition(".")[0]
    module.__file__ = f"{base}:{path}"
    sys.modules[name] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def _best(
    func: Callable[[], Any], before: Callable[[], Any] | None, n: int, rounds: int
) -> tuple[float, float]:
    """Best per-call (cpu, wall) in ms over `rounds` rounds of `n` calls; `before` runs untimed."""
    cpu_best = wall_best = float("inf")
    for _ in range(rounds):
        cpu = wall = 0.0
        for _ in range(n):
            if before:
                before()
            c0, w0 = time.process_time(), time.perf_counter()
            func()
            cpu += time.process_time() - c0
            wall += time.perf_counter() - w0
        cpu_best, wall_best = min(cpu_best, cpu / n), min(wall_best, wall / n)
    return cpu_best * 1000, wall_best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="c7d2881", help="commit of the code before")
    parser.add_argument("--n", type=int, default=10, help="calls per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    _setup()

    import staff_pages
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from zorgraad.core.models import PageGeneration
    from zorgraad.meetings.selectors import minutes
    from zorgraad.network import duplicates, hooks
    from zorgraad.network.models import Organisation, Person
    from zorgraad.network.views import manage
    from zorgraad.zones.models import Zone

    old = _old_module(args.base, "zorgraad/network/duplicates.py", "zorgraad.network._duplicates_before")
    old_minutes = _old_module(
        args.base, "zorgraad/meetings/selectors/minutes.py", "zorgraad.meetings.selectors._minutes_before"
    )

    def raise_(zone: Any, kind: str) -> Callable[[], None]:
        return lambda: PageGeneration.raise_(zone.pk, kind)

    def cold() -> None:
        duplicates._local.clear()
        cache.clear()

    print(f"database {connection.vendor}, load {os.getloadavg()[0]:.1f}, best of {args.rounds} x {args.n}")
    print("| zone | check | before | after: prepared | after: after a write | after: cold | same result |")
    print("|---|---|---|---|---|---|---|")
    for slug in ("amalo", "schaal-groot"):
        zone = Zone.objects.get(slug=slug)
        person = Person.objects.for_zone(zone).filter(is_archived=False).order_by("pk")[7]
        org = Organisation.objects.for_zone(zone).filter(is_archived=False).order_by("pk")[7]
        first, last = person.first_name, person.last_name[:-1] + "x"  # a typo of an existing name
        checks: list[tuple[str, Any, str]] = [
            (
                f"person_candidates({first} {last})",
                lambda m, z=zone, f=first, la=last: [p.pk for p in m.person_candidates(z, f, la, "")],
                hooks.STAFF_PEOPLE,
            ),
            (
                "person_candidates(e-mail only)",
                lambda m, z=zone, e=person.email or "x@example.be": [
                    p.pk for p in m.person_candidates(z, "", "", e)
                ],
                hooks.STAFF_PEOPLE,
            ),
            (
                f"organisation_candidates({org.name[:30]})",
                lambda m, z=zone, n=org.name: [o.pk for o in m.organisation_candidates(z, n)],
                hooks.ORGANISATION_NAMES,
            ),
            (
                "guest_candidates",
                lambda m, z=zone, f=first, la=last: [
                    p.pk for p in m.guest_candidates(zone=z, first_name=f, last_name=la, email="")
                ],
                hooks.STAFF_PEOPLE,
            ),
        ]
        for label, call, kind in checks:
            before_mod = old_minutes if label == "guest_candidates" else old
            after_mod = minutes if label == "guest_candidates" else duplicates
            same = call(before_mod) == call(after_mod)
            call(after_mod)
            figures = []
            for func, before in (
                (lambda m=before_mod, c=call: c(m), None),
                (lambda m=after_mod, c=call: c(m), None),
                (lambda m=after_mod, c=call: c(m), raise_(zone, kind)),
                (lambda m=after_mod, c=call: c(m), cold),
            ):
                cpu, wall = _best(func, before, args.n, args.rounds)
                figures.append(f"{cpu:.2f} ms ({wall:.2f})")
            print(
                f"| {slug} | {label} | " + " | ".join(figures) + f" | {'yes' if same else 'NO'} |", flush=True
            )

    # The whole POST of "new person" with a look-alike name (the warning page, nothing saved).
    session = staff_pages._staff_session("staf@schaal-groot.zorgraad.test")
    client = Client()
    client.cookies["sessionid"] = session
    zone = Zone.objects.get(slug="schaal-groot")
    person = Person.objects.for_zone(zone).filter(is_archived=False).order_by("pk")[7]
    data = {"first_name": person.first_name, "last_name": person.last_name[:-1] + "x", "email": ""}
    path = f"/{zone.slug}/beheer/personen/nieuw/"

    def post() -> None:
        response = client.post(path, data)
        assert response.status_code == 200 and "Bestaat dit al?" in response.content.decode(), (
            response.status_code
        )

    real = manage.duplicates
    post()
    rows = []
    for label, module in (("before", old), ("after: prepared", real)):
        manage.duplicates = module  # type: ignore[assignment]
        post()
        rows.append((label, _best(post, None, args.n, args.rounds)))
    manage.duplicates = real  # type: ignore[assignment]
    rows.append(("after: after a write", _best(post, raise_(zone, hooks.STAFF_PEOPLE), args.n, args.rounds)))
    print()
    print("POST new person with a look-alike name, schaal-groot (whole request, test client):")
    for label, (cpu, wall) in rows:
        print(f"- {label}: {cpu:.2f} ms CPU ({wall:.2f} ms wall)")
    print(f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
