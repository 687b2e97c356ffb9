"""How often the social map finds what citizens ask for: the share of the query set found in the top 5.

The query set (tests/fixtures/socialmap_queries.json) holds questions written the way citizens and
frontline workers ask, each with the demo offers that answer it. Runs on a fresh copy of the demo
(its own SQLite file under var/quality/, or DATABASE_URL):

    uv run python bench/socialmap_quality.py            # share + the queries that fail
    uv run python bench/socialmap_quality.py -v         # also the first five of every query
    uv run python bench/socialmap_quality.py --record   # re-record tests/fixtures/socialmap_golden.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
os.environ.setdefault("ZORGRAAD_VAR_DIR", str(ROOT / "var" / "quality"))
Path(os.environ["ZORGRAAD_VAR_DIR"]).mkdir(parents=True, exist_ok=True)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

QUERIES = ROOT / "tests" / "fixtures" / "socialmap_queries.json"
GOLDEN = ROOT / "tests" / "fixtures" / "socialmap_golden.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--record", action="store_true", help="write the golden top 5 of every query")
    args = parser.parse_args()

    from zorgraad.network.models import Offer
    from zorgraad.network.selectors import offersearch
    from zorgraad.zones.models import Zone

    call_command("migrate", verbosity=0)
    if not Zone.objects.filter(slug="amalo").exists():
        call_command("load_demo", verbosity=0)
    zones = {z.slug: z for z in Zone.objects.all()}
    cases = json.loads(QUERIES.read_text())
    failed = []
    golden = {}
    for case in cases:
        zone = zones[case["zone"]]
        ids = offersearch.rank(zone, case["q"]).ids[:5]
        found = dict(Offer.objects.for_zone(zone).filter(pk__in=ids).values_list("pk", "title"))
        top = [found[pk] for pk in ids]
        golden[f"{case['zone']}: {case['q']}"] = top
        ok = bool(set(case["expected"]) & set(top))
        if not ok:
            failed.append((case, top))
        if args.verbose:
            print(f"{'ok  ' if ok else 'FAIL'} [{case['zone']}] {case['q']!r}: {top}")
    share = 1 - len(failed) / len(cases)
    print(
        f"{len(cases) - len(failed)} of {len(cases)} queries find an expected offer in the top 5: {share:.0%}"
    )
    for case, top in failed:
        print(
            f"  FAIL [{case['zone']}] {case['q']!r}\n       expected one of {case['expected']}\n       got {top}"
        )
    if args.record:
        GOLDEN.write_text(json.dumps(golden, ensure_ascii=False, indent=1) + "\n")
        print(f"recorded {GOLDEN.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
