"""Action plan speed: overview queries, computing every indicator, .docx and .pdf of the full plan.

Builds a throw-away SQLite database (var/bench_plan.sqlite3) with the Zennevallei 2025 demo plan,
then adds a year of meetings at Flanders scale to the zone (default: 200 bodies meeting monthly,
2,400 held meetings, 20 of 25 members present at each = 48,000 attendance rows; the same again in two other
zones as noise) and 40 more actions with computed indicators linked to those bodies. Prints:

- the queries of `plan_overview` for the demo plan alone and for the full plan (should be equal);
- the time to compute every indicator of the plan (median of 5; target < 200 ms);
- the time of the full plan's .docx (target < 1 s) and .pdf (target < 3 s).

    .venv/bin/python bench/plan_speed.py                 # default scale
    .venv/bin/python bench/plan_speed.py --bodies 100    # smaller
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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench_plan.sqlite3"


def setup(bodies_per_zone: int, present: int) -> None:
    from django.core.management import call_command

    from zorgraad.governance import demo as governance_demo
    from zorgraad.governance.models import Body, BodyKind
    from zorgraad.meetings.models import Attendance, Meeting
    from zorgraad.network.models import Organisation, Person
    from zorgraad.planning import demo as planning_demo
    from zorgraad.zones import demo as zones_demo
    from zorgraad.zones.models import Sector

    call_command("migrate", run_syncdb=True, verbosity=0)
    zones = zones_demo.load()
    zone = zones["zennevallei"]
    governance_demo.load_more_bodies(zone)
    planning_demo.load({"zennevallei": zone})
    sectors = list(Sector.objects.all())
    rnd = random.Random(19)
    for slug in ("zennevallei", "amalo", "waasland"):
        z = zones[slug]
        orgs = Organisation.objects.bulk_create(
            [
                Organisation(zone=z, name=f"Bench organisatie {i}", sector=rnd.choice(sectors))
                for i in range(300)
            ]
        )
        people = Person.objects.bulk_create(
            [Person(zone=z, first_name="Bench", last_name=f"Persoon {i}") for i in range(2000)]
        )
        bodies = Body.objects.bulk_create(
            [
                Body(zone=z, name=f"Bench werkgroep {i}", slug=f"bench-{i}", kind=BodyKind.WORKING_GROUP)
                for i in range(bodies_per_zone)
            ]
        )
        meetings = Meeting.objects.bulk_create(
            [
                Meeting(
                    zone=z,
                    body=b,
                    date=dt.date(2025, m, 10),
                    start_time=dt.time(13, 30),
                    end_time=dt.time(15),
                    status="held",
                )
                for b in bodies
                for m in range(1, 13)
            ],
            batch_size=2000,
        )
        # Like real bodies: each has a pool of members (each person works for one organisation) and
        # most of them come to each meeting.
        works_for = {p.pk: rnd.choice(orgs) for p in people}
        pools = {b.pk: rnd.sample(people, present + 5) for b in bodies}
        rows = []
        for meeting in meetings:
            for p in rnd.sample(pools[meeting.body_id], present):
                rows.append(
                    Attendance(
                        zone=z, meeting=meeting, person=p, organisation=works_for[p.pk], status="present"
                    )
                )
            if len(rows) > 20000:
                Attendance.objects.bulk_create(rows, batch_size=5000)
                rows = []
        Attendance.objects.bulk_create(rows, batch_size=5000)


def add_actions(n: int) -> None:
    from zorgraad.governance.models import Body
    from zorgraad.planning import builtin_sources, services
    from zorgraad.planning.models import OperationalObjective, YearPlan
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug="zennevallei")
    plan = YearPlan.objects.for_zone(zone).get(year=2025)
    ods = list(OperationalObjective.objects.for_zone(zone).filter(strategic__plan=plan))
    body_ids = list(
        Body.objects.for_zone(zone).filter(slug__startswith="bench-").values_list("pk", flat=True)
    )
    rnd = random.Random(7)
    for i in range(n):
        a = services.action_create(
            zone=zone, actor=None, objective=ods[i % len(ods)], title=f"Bench actie {i}"
        )
        services.step_create(
            zone=zone, actor=None, action=a, text="Mijlpaal", is_milestone=True, due_date=dt.date(2025, 6, 30)
        )
        services.process_item_create(zone=zone, actor=None, action=a, text="Evaluatie na elke sessie")
        linked = rnd.sample(body_ids, 5)
        for key, scope in (
            (builtin_sources.MEETINGS_HELD, "period"),
            (builtin_sources.ATTENDEES, "instance"),
            (builtin_sources.ORGANISATIONS_PRESENT, "period"),
            (builtin_sources.SECTORS_PRESENT, "period"),
        ):
            services.indicator_create(
                zone=zone,
                actor=None,
                action=a,
                name=f"{key} {i}",
                comparator="gte",
                target=20,
                scope=scope,
                source_key=key,
                object_ids=linked,
            )
        ind = services.indicator_create(
            zone=zone, actor=None, action=a, name="Met de hand", comparator="gte", target=5
        )
        services.indicator_value_add(zone=zone, actor=None, indicator=ind, date=dt.date(2025, 5, 1), value=6)


def measure() -> dict[str, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from zorgraad.planning import exporters, selectors
    from zorgraad.planning.models import Indicator, YearPlan
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug="zennevallei")
    plan = YearPlan.objects.for_zone(zone).get(year=2025)
    selectors.plan_overview(zone=zone, plan=plan)  # stores last values once
    with CaptureQueriesContext(connection) as ctx:
        overview = selectors.plan_overview(zone=zone, plan=plan)
    indicators = list(
        Indicator.objects.for_zone(zone)
        .filter(action__objective__strategic__plan=plan)
        .prefetch_related("values")
    )
    for ind in indicators:
        ind.hand_values = list(ind.values.all())  # type: ignore[attr-defined]

    def timed(fn: Any, n: int) -> tuple[float, float]:
        """Median wall time and median CPU time of this process (the machine may be shared)."""
        wall, cpu = [], []
        for _ in range(n):
            w, c = time.perf_counter(), time.process_time()
            fn()
            wall.append(time.perf_counter() - w)
            cpu.append(time.process_time() - c)
        return statistics.median(wall), statistics.median(cpu)

    exporters.export(zone=zone, plan=plan, fmt="pdf")  # warm up: fonts are loaded once per process
    compute = timed(lambda: selectors.readings_for(zone, plan, indicators, save=False), 5)
    docx = timed(lambda: exporters.export(zone=zone, plan=plan, fmt="docx"), 3)
    pdf = timed(lambda: exporters.export(zone=zone, plan=plan, fmt="pdf"), 3)
    computed = sum(1 for i in indicators if i.source_key)
    return {
        "actions": len(overview.action_rows),
        "indicators": len(indicators),
        "computed": computed,
        "overview_queries": len(ctx),
        "compute_ms": compute[0] * 1000,
        "compute_cpu_ms": compute[1] * 1000,
        "docx_s": docx[0],
        "docx_cpu_s": docx[1],
        "pdf_s": pdf[0],
        "pdf_cpu_s": pdf[1],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bodies", type=int, default=200, help="bodies per zone, each meeting monthly in 2025"
    )
    parser.add_argument("--present", type=int, default=20, help="people present per meeting")
    parser.add_argument("--actions", type=int, default=40, help="extra actions with computed indicators")
    args = parser.parse_args()
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False
    start = time.perf_counter()
    setup(args.bodies, args.present)
    demo_plan = measure()
    add_actions(5)
    few = measure()
    add_actions(args.actions)
    full = measure()
    built = time.perf_counter() - start
    print(
        f"data: {args.bodies} bodies x 12 held meetings x {args.present} present, in 3 zones ({built:.0f} s to build)"
    )
    for name, m in (("demo plan", demo_plan), ("stress plan", full)):
        print(
            f"{name} ({m['actions']} actions, {m['indicators']} indicators, {m['computed']} computed): "
            f"compute all {m['compute_ms']:.0f} ms (cpu {m['compute_cpu_ms']:.0f} ms), "
            f".docx {m['docx_s']:.2f} s (cpu {m['docx_cpu_s']:.2f}), .pdf {m['pdf_s']:.2f} s (cpu {m['pdf_cpu_s']:.2f})"
        )
    print(
        f"overview queries: demo plan {demo_plan['overview_queries']}; "
        f"{few['actions']} actions / {few['indicators']} indicators: {few['overview_queries']}; "
        f"{full['actions']} actions / {full['indicators']} indicators: {full['overview_queries']}"
    )
    print("targets for the plan as a zone writes it: compute < 200 ms, .docx < 1 s, .pdf < 3 s")
    ok = (
        full["overview_queries"] == few["overview_queries"]
        and demo_plan["compute_ms"] < 200
        and demo_plan["docx_s"] < 1
        and demo_plan["pdf_s"] < 3
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
