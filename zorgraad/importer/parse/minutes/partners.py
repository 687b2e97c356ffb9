"""The partner round: a paragraph per organisation, with the dates it mentions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..common import Field, find_dates, fold, resolve_date, sure, unsure
from .model import PartnerEntry
from .patterns import ORG_START_RE
from .text import reflow


def _known_org(text: str, organisations: Sequence[str]) -> str | None:
    f = fold(text)
    best = None
    for org in organisations:
        o = fold(org)
        starts = f == o or f.startswith((o + " ", o + ":", o + ","))
        if len(o) > 1 and starts and (best is None or len(org) > len(best)):
            best = org
    return best


def _partner_paragraphs(lines: Sequence[str], organisations: Sequence[str]) -> list[str]:
    """Paragraphs of the partner round: a blank line or a line that opens with an organisation starts one."""
    paras: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if not line:
            if cur:
                paras.append(cur)
            cur = []
            continue
        starts = ORG_START_RE.match(line) and not re.match(r"^(https?|mailto)", line, re.IGNORECASE)
        if (
            cur
            and (starts or _known_org(line, organisations))
            and cur[-1].rstrip().endswith((".", "!", "?", ")"))
        ):
            paras.append(cur)
            cur = []
        cur.append(line)
    if cur:
        paras.append(cur)
    return [reflow(p) for p in paras]


def _partner_round(
    paras: list[str], organisations: Sequence[str], meeting_day: dt.date | None
) -> list[PartnerEntry]:
    entries: list[PartnerEntry] = []
    for para in paras:
        para = para.strip()
        if not para:
            continue
        org: Field | None = None
        body = para
        m = re.match(
            r"^(?:vanuit|namens|voor)\s+(?P<org>[^:,–-]{2,60}?)\s*[:,–-]\s*(?P<rest>.+)$",
            para,
            re.IGNORECASE | re.DOTALL,
        )
        colon = re.match(r"^(?P<org>[^:.!?\n]{2,60}?)\s*:\s*(?P<rest>.+)$", para, re.DOTALL)
        known = _known_org(para, organisations)
        if m:
            org, body = sure(m.group("org").strip()), m.group("rest").strip()
        elif (
            colon
            and len(colon.group("org").split()) <= 7
            and not re.search(r"\b(we|wij|volgende|info|deelt|vraagt)\b", colon.group("org"), re.IGNORECASE)
        ):
            org, body = sure(colon.group("org").strip()), colon.group("rest").strip()
        elif known:
            org, body = sure(known), para
        if org is None:
            if not entries:
                continue  # the lead before the first partner ('We organiseren een rondje …')
            org = unsure("", "geen organisatie herkend")
        dates = []
        for d in find_dates(body):
            dates.append(resolve_date(d, after=meeting_day) if meeting_day else resolve_date(d))
        entries.append(PartnerEntry(org, body, [d for d in dates if d.value]))
    return entries
