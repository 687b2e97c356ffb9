"""Field-level scoring of extractions against hand-written expectations (tests/fixtures/documents).

Pure Python, no database: the parsers run with the fixture's own context (bodies and organisations
listed in the expectation file), so the score measures the parsers, not the demo data.

An expectation file `<document>.expected.json` holds the compact truth (see `compact`) plus
`"uncertain"`: paths that must be marked (e.g. "next_meetings.2.date"). A value that is extracted
but wrong counts as a false positive AND a false negative; a marked wrong value still counts as
wrong, but a wrong value that is not marked is also listed as 'silent'.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

from .extract import extract
from .parse.common import fold
from .parse.contacts import parse_contacts
from .parse.minutes import BodyInfo, parse_minutes
from .parse.plan import parse_plan

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "documents"
DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf", ".csv", ".xlsx")


def _val(field: Any) -> Any:
    return field.get("value") if isinstance(field, dict) and "value" in field else field


def _flag(field: Any) -> bool:
    return bool(field.get("uncertain")) if isinstance(field, dict) else False


def compact(data: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    """(the values that are scored, the paths marked uncertain) of a full extraction."""
    kind = data.get("kind")
    flags: set[str] = set()
    out: dict[str, Any] = {"kind": kind}
    if kind == "minutes":
        for k in (
            "document_type",
            "body",
            "date",
            "start_time",
            "end_time",
            "venue",
            "address",
            "online_url",
        ):
            out[k] = _val(data.get(k)) or ""
            if _flag(data.get(k)):
                flags.add(k)
        if _flag(data.get("participants_note")):
            flags.add("participants_note")
        out["participants"] = [_val(p) for p in data.get("participants", [])]
        out["excused"] = [_val(p) for p in data.get("excused", [])]
        out["items"] = [_val(i["title"]) for i in data.get("items", [])]
        out["decisions"] = [_val(d) for i in data.get("items", []) for d in i.get("decisions", [])]
        out["partner_round"] = [_val(p["organisation"]) or "" for p in data.get("partner_round", [])]
        out["next_meetings"] = []
        for i, m in enumerate(data.get("next_meetings", [])):
            out["next_meetings"].append(
                {k: _val(m[k]) or "" for k in ("date", "start_time", "end_time", "venue")}
            )
            for k in ("date", "start_time", "end_time", "venue"):
                if _flag(m[k]):
                    flags.add(f"next_meetings.{i}.{k}")
    if kind in ("minutes", "contacts"):
        out["contacts"] = []
        for i, c in enumerate(data.get("contacts", [])):
            out["contacts"].append(
                {k: _val(c[k]) or "" for k in ("name", "function", "organisation", "email")}
            )
            for k in ("name", "function", "organisation", "email"):
                if _flag(c[k]):
                    flags.add(f"contacts.{i}.{k}")
    if kind == "plan":
        out["year"] = _val(data.get("year"))
        out["strategic"] = [s["label"] + " – " + s["text"] for s in data.get("strategic", [])]
        out["operational"] = [
            f"{s['label']} / {o['label']} – {o['text']}"
            for s in data.get("strategic", [])
            for o in s.get("operational", [])
        ]
        out["actions"] = [
            {
                "title": _val(a["title"]),
                "sd": a["sd_label"],
                "od": a["od_label"],
                "lead_kind": a["lead_kind"],
                "zone_role": a["zone_role"],
                "steps": [f"{s['number']} {s['text']}".strip() for s in a["steps"]],
                "process_items": [p["text"] for p in a["process_items"]],
                "indicators": [i["name"] for i in a["indicators"]],
                "targets": [_target_key(i.get("target")) for i in a["indicators"] if i.get("target")],
                "evaluates": [a["evaluates_process"], a["evaluates_output"]],
            }
            for a in data.get("actions", [])
        ]
    return out, flags


def _target_key(t: dict[str, Any] | None) -> str:
    if not t:
        return ""
    n = t.get("number")
    m = t.get("number_max")
    num = f"{n:g}" if isinstance(n, int | float) else str(n)
    if m is not None:
        num += f"-{m:g}"
    return f"{t.get('comparator')} {num} {t.get('scope')} {t.get('per') or ''}".strip()


def _norm(v: Any) -> str:
    return " ".join(fold(str(v if v is not None else "")).split())


Counts = dict[str, list[int]]  # field kind -> [tp, fp, fn]


def _add(counts: Counts, kind: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
    row = counts.setdefault(kind, [0, 0, 0])
    row[0] += tp
    row[1] += fp
    row[2] += fn


def _scalar(counts: Counts, kind: str, want: Any, got: Any) -> bool:
    w, g = _norm(want), _norm(got)
    if w and g == w:
        _add(counts, kind, tp=1)
        return True
    if g and g != w:
        _add(counts, kind, fp=1)
    if w and g != w:
        _add(counts, kind, fn=1)
    return not w and not g


def _multiset(counts: Counts, kind: str, want: list[Any], got: list[Any]) -> None:
    w = [_norm(x) for x in want]
    g = [_norm(x) for x in got]
    remaining = list(w)
    tp = 0
    for x in g:
        if x in remaining:
            remaining.remove(x)
            tp += 1
    _add(counts, kind, tp=tp, fp=len(g) - tp, fn=len(w) - tp)


def _records(
    counts: Counts, prefix: str, want: list[dict[str, Any]], got: list[dict[str, Any]], key: str
) -> None:
    """Pair records by their key field (name, date, title), then score each field."""
    used: set[int] = set()
    for w in want:
        j = next(
            (i for i, g in enumerate(got) if i not in used and _norm(g.get(key)) == _norm(w.get(key))), None
        )
        if j is None:
            j = next((i for i in range(len(got)) if i not in used), None) if len(got) == len(want) else None
        g = got[j] if j is not None else {}
        if j is not None:
            used.add(j)
        for field, value in w.items():
            if isinstance(value, list):
                _multiset(counts, f"{prefix}.{field}", value, g.get(field, []))
            else:
                _scalar(counts, f"{prefix}.{field}", value, g.get(field, ""))
    for i, g in enumerate(got):
        if i not in used:
            for field, value in g.items():
                if isinstance(value, list):
                    _multiset(counts, f"{prefix}.{field}", [], value)
                elif _norm(value):
                    _add(counts, f"{prefix}.{field}", fp=1)


def score(expected: dict[str, Any], got: dict[str, Any], got_flags: set[str]) -> tuple[Counts, list[str]]:
    """Counts per field kind, and the problems: unmarked paths that must be marked."""
    counts: Counts = {}
    problems: list[str] = []
    for field, want in expected.items():
        if field in ("kind", "uncertain", "context"):
            continue
        have = got.get(field)
        if field in ("contacts",):
            _records(counts, field, want, have or [], "name")
        elif field == "next_meetings":
            _records(counts, field, want, have or [], "date")
        elif field == "actions":
            _records(counts, "action", want, have or [], "title")
        elif isinstance(want, list):
            _multiset(counts, field, want, have or [])
        else:
            _scalar(counts, field, want, have)
    for path in expected.get("uncertain", []):
        if path in got_flags:
            _add(counts, "marked uncertain", tp=1)
        else:
            _add(counts, "marked uncertain", fn=1)
            problems.append(f"niet gemarkeerd: {path}")
    return counts, problems


def context_of(expected: dict[str, Any]) -> dict[str, Any]:
    ctx = expected.get("context", {})
    bodies = [
        BodyInfo(b["name"], dt.time.fromisoformat(b["start"]), dt.time.fromisoformat(b["end"]))
        for b in ctx.get("bodies", [])
    ]
    return {"bodies": bodies, "organisations": ctx.get("organisations", []), "today": dt.date(2026, 12, 2)}


def run_parser(path: Path, expected: dict[str, Any]) -> dict[str, Any]:
    kind = expected["kind"]
    ctx = context_of(expected)
    ex = extract(path.name, path.read_bytes())
    if kind == "plan":
        return parse_plan(ex.text, filename=path.name).to_json()
    if kind == "contacts":
        return parse_contacts(ex.text, ex.rows, ex.suffix, ctx["organisations"]).to_json()
    return parse_minutes(
        ex.text,
        bodies=ctx["bodies"],
        organisations=ctx["organisations"],
        today=ctx["today"],
        filename=path.name,
    ).to_json()


def fixtures() -> list[tuple[Path, Path]]:
    out = []
    for p in sorted(FIXTURES.iterdir()):
        if p.suffix in DOCUMENT_SUFFIXES and not p.name.endswith(".src.txt"):
            exp = p.with_name(p.name + ".expected.json")
            if exp.exists():
                out.append((p, exp))
    return out


def evaluate(path: Path, expected_path: Path) -> tuple[Counts, list[str], float]:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    data = run_parser(path, expected)
    seconds = time.perf_counter() - start
    got, flags = compact(data)
    counts, problems = score(expected, got, flags)
    return counts, problems, seconds
