"""An output indicator's target read from its words ('minimum 40 deelnemers', '3 à 4 keer per jaar')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..common import parse_number

COMPARATORS = [
    (
        r"minimaal|minimum(?:\s+van)?|minstens|ten\s+minste|min\.|≥|>=|meer\s+dan|streefdoel(?:\s+is)?\s+minimum",
        "gte",
    ),
    (r"maximaal|maximum(?:\s+van)?|hoogstens|ten\s+hoogste|max\.|≤|<=|minder\s+dan", "lte"),
]
NUM = r"(\d+(?:[.,]\d+)?|één|eén|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|dertig|veertig|vijftig|honderd)"
PERIOD_WORDS = r"jaar|maand|kwartaal|week|semester|trimester|schooljaar|werkjaar"
RANGE_RE = re.compile(NUM + r"\s*(?:à|a|tot|-|–|of)\s*" + NUM + r"\s+(?P<unit>keer|maal|\w+)", re.IGNORECASE)
PER_RE = re.compile(r"\b(?:per|in\s+elke|in\s+elk|elke|na\s+elke|na\s+elk)\s+(?P<what>[\w-]+)", re.IGNORECASE)


@dataclass
class Target:
    comparator: str = ""  # gte, lte, eq, range, '' (none)
    number: float | None = None
    number_max: float | None = None
    unit: str = ""
    scope: str = "period"  # 'instance' (per bijeenkomst) or 'period' (in total, per year)
    per: str = ""  # 'bijeenkomst', 'jaar'
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "comparator": self.comparator,
            "number": self.number,
            "number_max": self.number_max,
            "unit": self.unit,
            "scope": self.scope,
            "per": self.per,
            "text": self.text,
        }


def _num(text: str) -> float | None:
    n = parse_number(text)
    if n is not None:
        return float(n)
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def parse_target(text: str) -> Target | None:
    """The target in an indicator's words, or None when it names none."""
    t = " ".join(text.split())
    target = Target()
    found = False
    m = RANGE_RE.search(t)
    low, high = (_num(m.group(1)), _num(m.group(2))) if m else (None, None)
    if m and low is not None and high is not None and low < high:
        target.comparator, target.number, target.number_max = "range", low, high
        target.unit = m.group("unit")
        target.text = m.group(0)
        found = True
    if not found:
        for words, comp in COMPARATORS:
            cm = re.search(
                rf"(?:{words})\s*(?:van\s+)?(?:\(\s*)?{NUM}(?:\s+(?P<unit>[\w-]+))?", t, re.IGNORECASE
            )
            if cm:
                number = _num(cm.group(1))
                if number is None:
                    continue
                target.comparator, target.number = comp, number
                unit = cm.group("unit") or ""
                if unit.lower() in ("per", "in", "op", "tot", "en", "of"):
                    unit = ""
                target.unit = unit
                target.text = re.sub(r"\s+(per|in|op|tot|en|of)$", "", cm.group(0).strip("() "))
                found = True
                break
    if not found:
        return None
    if target.unit.lower() in ("keer", "maal") or target.unit.lower().startswith("keer"):
        target.unit = "keer"
    per = None
    for pm in PER_RE.finditer(t):
        per = pm
        break
    if per:
        what = per.group("what").lower()
        target.per = what
        target.scope = "period" if re.fullmatch(PERIOD_WORDS, what) else "instance"
    return target
