"""Planned meetings: lines that start with a date under a 'volgende vergadering' lead or in an item."""

from __future__ import annotations

import datetime as dt
import re

from ..common import DASHES, find_dates, find_time, resolve_date, split_parts, sure, unsure
from .header import _default_end
from .model import BodyInfo, PlannedMeeting
from .patterns import BULLET_RE, NEXT_INLINE_RE, NEXT_LEAD_RE, PREPOSITION_END


def _next_meetings(
    lines: list[str], meeting_day: dt.date | None, body: BodyInfo | None, section_lines: list[str]
) -> list[PlannedMeeting]:
    found: list[PlannedMeeting] = []
    year_hint: int | None = None
    hint_source = ""
    lead_seen = bool(section_lines)
    # Re-join wrapped lines: a bullet line continues until the next bullet or a blank line after a full stop.
    entries: list[tuple[str, int | None, str, bool]] = []
    i = 0
    in_list = False  # the previous line was the lead ('Volgende data:') or a date line
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        stripped = BULLET_RE.sub("", line).strip()
        # 'Volgende vergadering: dinsdag 12 mei 2026 om 14u': the lead and the date on one line.
        inline = NEXT_INLINE_RE.match(stripped)
        if inline and find_dates(inline.group("rest")):
            lead_seen = True
            stripped = inline.group("rest").strip()
            line = "- " + stripped
        ds = find_dates(stripped)
        # A date that opens the line, written with its weekday, as a list item or right under the lead.
        starts_with_date = (
            bool(ds) and ds[0].start <= 2 and (ds[0].weekday is not None or stripped != line or in_list)
        )
        if not starts_with_date:
            in_list = False
            if NEXT_LEAD_RE.search(line):
                lead_seen = True
                in_list = line.rstrip().endswith(":")
                ym = re.search(r"\b(20\d\d)\b", line)
                if ym and not ds:
                    year_hint, hint_source = int(ym.group(1)), f"‘{line[:60]}’"
            continue
        in_list = True
        text = stripped
        # Continuation lines: not a new bullet, not a new date line.
        while i < len(lines):
            nxt = lines[i].strip()
            if not nxt:
                # 'te \n\n Opwijk': a blank line inside a sentence cut at a preposition or separator.
                if PREPOSITION_END.search(text) and i + 1 < len(lines) and lines[i + 1].strip():
                    i += 1
                    continue
                break
            nd = find_dates(BULLET_RE.sub("", nxt))
            if BULLET_RE.match(nxt) or (nd and nd[0].start <= 2):
                break
            text += " " + nxt
            i += 1
        entries.append((text, year_hint, hint_source, lead_seen))
    for text, hint, source, lead in entries:
        if not lead:
            continue
        ds = find_dates(text)
        if not ds:
            continue
        d0 = ds[0]
        if d0.year is None and hint is not None:
            date = resolve_date(d0, year_hint=hint, hint_source=source)
        elif d0.year is None and meeting_day:
            date = resolve_date(d0, after=meeting_day)
        elif d0.year is None:
            date = resolve_date(d0)
        else:
            date = resolve_date(d0)
        rest = text[d0.end :]
        tm = find_time(rest)
        if (
            not tm
            and not re.search(r"vergader|overleg|bijeenkomst", text, re.IGNORECASE)
            and not section_lines
        ):
            continue
        if tm and tm.start:
            start = sure(tm.start)
            end = sure(tm.end) if tm.end and tm.end > tm.start else _default_end(tm.start, body)
            rest = rest[: tm.span[0]] + " – " + rest[tm.span[1] :]
        elif body and body.default_start:
            start = unsure(body.default_start, f"geen uur vermeld; standaard van {body.name}")
            end = _default_end(body.default_start, body)
        else:
            start = unsure(None, "geen beginuur vermeld")
            end = unsure(None, "geen einduur vermeld")
        parts = [p for p in split_parts(rest) if p.strip(DASHES + " .,")]
        venue = ""
        notes = []
        for p in parts:
            p = p.strip(" .()")
            vm = re.match(r"^(?:in|te|bij|locatie:?|plaats:?)\s+(?P<v>.+)$", p, re.IGNORECASE)
            if vm and not venue:
                v = vm.group("v")
                two = re.match(r"^(?P<place>[A-Z][\w-]+)\s+(?:in|bij)\s+(?P<where>.+)$", v)
                venue = f"{two.group('where')} te {two.group('place')}" if two else v
            elif re.search(r"\bte\s+[A-Z]", p) and not venue and len(p) < 80:
                venue = p
            else:
                notes.append(p)
        found.append(
            PlannedMeeting(
                date=date,
                start_time=start,
                end_time=end,
                venue=sure(venue) if venue else unsure("", "geen locatie vermeld"),
                note=" – ".join(notes),
                raw=text,
            )
        )
    return found
