"""The whole plan: year and title, strategic and operational objectives, the action blocks."""

from __future__ import annotations

import re

from ..common import normalise_text, sure, unsure
from .action import SECTION_RE, _action
from .model import Objective, PlanExtraction

SD_RE = re.compile(
    r"^(?P<label>(?:strategische\s+doelstelling|SD)\s*(?P<n>\d+[\w.]*))\s*(?:[-–—:]\s*|\s+)(?P<text>.*)$",
    re.IGNORECASE,
)
OD_RE = re.compile(
    r"^(?P<label>(?:operationele\s+doelstelling|OD)\s*(?P<n>\d+[\w.]*))\s*(?:[-–—:]\s*|\s+)(?P<text>.*)$",
    re.IGNORECASE,
)


def _heading_text(lines: list[str], i: int, first: str) -> tuple[str, int]:
    """The objective text: the rest of the heading line plus the lines up to a blank one."""
    parts = [first] if first else []
    j = i + 1
    while j < len(lines) and not SD_RE.match(lines[j]) and not OD_RE.match(lines[j]):
        nxt = lines[j]
        if not nxt:
            # A blank line inside a sentence (a paragraph per line, as in some .docx files).
            k = j + 1
            while k < len(lines) and not lines[k]:
                k += 1
            if (
                parts
                and not parts[-1].rstrip().endswith((".", ":", "!", "?"))
                and k < len(lines)
                and lines[k][:1].islower()
            ):
                j = k
                continue
            break
        # 'zorgplanning.' followed by a short line without a full stop: that line is the action title.
        if parts and parts[-1].endswith(".") and len(nxt.split()) <= 8 and not nxt.endswith("."):
            break
        parts.append(nxt)
        j += 1
    return " ".join(" ".join(parts).split()), j


def _norm_label(label: str) -> str:
    return " ".join(label.split())


def parse_plan(text: str, *, filename: str = "") -> PlanExtraction:
    ex = PlanExtraction()
    lines = normalise_text(text)
    years = re.findall(r"\b(?:acties|actieplan|jaarplan)\s+(20\d\d)\b", text, re.IGNORECASE)
    years = years or re.findall(r"\b(20\d\d)\b", filename)
    if years:
        ex.year = sure(int(years[0]))
        ex.title = sure(f"Acties {years[0]}")
    else:
        any_year = re.findall(r"\b(20\d\d)\b", text)
        ex.year = (
            unsure(int(any_year[0]), "jaar afgeleid uit het eerste jaartal in het document")
            if any_year
            else unsure(None, "geen jaar gevonden")
        )
        ex.title = unsure(
            f"Acties {ex.year.value}" if ex.year.value else "Actieplan", "geen titel 'Acties JJJJ' gevonden"
        )

    sd_by_label: dict[str, Objective] = {}
    current_sd: Objective | None = None
    current_od: Objective | None = None
    # Split into action blocks: each starts after the last objective heading before a 'Wat?'.
    blocks: list[tuple[Objective | None, Objective | None, list[str]]] = []
    buf: list[str] = []
    i = 0
    started = False
    while i < len(lines):
        line = lines[i]
        sd = SD_RE.match(line)
        od = OD_RE.match(line)
        if sd:
            if started and buf:
                blocks.append((current_sd, current_od, buf))
            buf, started = [], True
            txt, i = _heading_text(lines, i, sd.group("text"))
            label = _norm_label(sd.group("label"))
            label = label[0].upper() + label[1:]
            if label not in sd_by_label:
                sd_by_label[label] = Objective(label, txt)
                ex.strategic.append(sd_by_label[label])
            current_sd = sd_by_label[label]
            current_od = None
            continue
        if od:
            if started and buf and any(SECTION_RE.match(b) for b in buf):
                blocks.append((current_sd, current_od, buf))
                buf = []
            started = True
            txt, i = _heading_text(lines, i, od.group("text"))
            label = _norm_label(od.group("label"))
            label = label[0].upper() + label[1:]
            parent = current_sd
            if parent is None:
                parent = Objective("Strategische doelstelling (onbekend)", "")
                ex.strategic.append(parent)
                sd_by_label[parent.label] = parent
                ex.warnings.append(f"‘{label}’ staat niet onder een strategische doelstelling.")
                current_sd = parent
            existing = next((c for c in parent.children if c.label == label), None)
            if existing is None:
                existing = Objective(label, txt)
                parent.children.append(existing)
            current_od = existing
            continue
        if started:
            buf.append(line)
        i += 1
    if started and buf:
        blocks.append((current_sd, current_od, buf))
    for sd_obj, od_obj, block in blocks:
        if not any(SECTION_RE.match(b) for b in block):
            continue
        action = _action(block, sd_obj, od_obj)
        ex.actions.append(action)
    if not ex.strategic:
        ex.warnings.append("Geen strategische doelstellingen gevonden ('Strategische doelstelling 1 - …').")
    if not ex.actions:
        ex.warnings.append(
            "Geen acties gevonden (een actie heeft de onderdelen 'Wat?', 'Waarom?', … 'Evaluatie')."
        )
    return ex
