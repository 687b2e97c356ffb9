"""How well the importer reads documents: field-level precision and recall per document kind, and timing.

Runs the parsers (no database) on every document in tests/fixtures/documents that has a
`<name>.expected.json` next to it, and prints per kind (minutes, contacts, plan) and field kind:
true positives, false positives, false negatives, precision and recall, then the time per document
(median of 5 runs; targets: minutes < 0.3 s, plan < 2 s). Exit code 1 when a field kind is below 95 %
or a document is too slow.

    uv run python bench/import_quality.py          # the table
    uv run python bench/import_quality.py -v       # also every problem per document
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zorgraad.importer import quality  # noqa: E402

LIMITS = {"minutes": 0.3, "plan": 2.0, "contacts": 0.3}
TARGET = 0.95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    per_kind: dict[str, dict[str, list[int]]] = {}
    timings: list[tuple[str, str, float]] = []
    failed = False
    for path, expected_path in quality.fixtures():
        kind = json.loads(expected_path.read_text(encoding="utf-8"))["kind"]
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            counts, problems, _secs = quality.evaluate(path, expected_path)
            runs.append(time.perf_counter() - start)
        seconds = statistics.median(runs)
        timings.append((kind, path.name, seconds))
        table = per_kind.setdefault(kind, {})
        for field, (tp, fp, fn) in counts.items():
            row = table.setdefault(field, [0, 0, 0])
            row[0] += tp
            row[1] += fp
            row[2] += fn
        if args.verbose and problems:
            print(f"{path.name}: " + "; ".join(problems))
    for kind, table in sorted(per_kind.items()):
        print(f"\n{kind}")
        print(f"  {'veld':<28}{'tp':>5}{'fp':>5}{'fn':>5}{'precisie':>10}{'recall':>9}")
        for field, (tp, fp, fn) in sorted(table.items()):
            precision = tp / (tp + fp) if tp + fp else 1.0
            recall = tp / (tp + fn) if tp + fn else 1.0
            low = precision < TARGET or recall < TARGET
            failed |= low
            flag = "  <-- onder 95 %" if low else ""
            print(f"  {field:<28}{tp:>5}{fp:>5}{fn:>5}{precision:>10.1%}{recall:>9.1%}{flag}")
    print("\ntijd (mediaan van 5, inclusief lezen van het bestand)")
    for kind, name, seconds in timings:
        slow = seconds > LIMITS[kind]
        failed |= slow
        print(f"  {kind:<9}{name:<36}{seconds * 1000:>8.1f} ms{'  <-- te traag' if slow else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
