"""parse_minutes: one meeting document, header, sections, items, partner round and next meetings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..common import find_dates, find_time, fold, normalise_text, resolve_date, sure, unsure
from ..contacts import parse_contact_lines
from .header import _default_end, _match_body, _split_venue
from .items import _decisions, _items
from .model import BodyInfo, MinutesExtraction
from .next_meetings import _next_meetings
from .partners import _partner_paragraphs, _partner_round
from .patterns import ITEM_RE, LABEL_RE, LABELS, ONLINE_WORDS_RE, PARTNER_ROUND_RE, SEE_LIST_RE, URL_RE
from .text import _is_heading, _looks_like_list, _names, _paragraphs, _person_field


def parse_minutes(
    text: str,
    *,
    bodies: Sequence[BodyInfo] = (),
    organisations: Sequence[str] = (),
    today: dt.date | None = None,
    filename: str = "",
) -> MinutesExtraction:
    """The extraction of one meeting document. Never raises on odd input; unsure values are marked."""
    ex = MinutesExtraction()
    lines = normalise_text(text)
    today = today or dt.date.today()

    # --- title and header ----------------------------------------------------------------------
    header: dict[str, list[str]] = {}
    title_lines: list[str] = []
    i = 0
    last_label = ""
    body_start = len(lines)
    while i < len(lines):
        line = lines[i]
        if not line:
            last_label = "" if last_label not in ("participants", "excused") else last_label
            i += 1
            continue
        if _is_heading(line) or ITEM_RE.match(line) and title_lines and header:
            body_start = i
            break
        m = LABEL_RE.match(line) or LABEL_RE.match(line + " ")
        if m and not (m.group("value") or "").strip() and not (m.group("participants") or m.group("excused")):
            # 'Datum' alone on a line (a table cell in a PDF): the value is the next non-blank line.
            j = i + 1
            while j < len(lines) and not lines[j]:
                j += 1
            if j < len(lines) and not LABEL_RE.match(lines[j]) and not _is_heading(lines[j]):
                line = f"{line} {lines[j]}"
                i = j
                m = LABEL_RE.match(line)
        if (
            m
            and (m.group("value") or "").strip() != ""
            or m
            and m.group("participants")
            or m
            and m.group("excused")
        ):
            key = next(k for k, _ in LABELS if m.group(k))
            if (
                key == "time"
                and not find_time(m.group("value") or "")
                or key == "date"
                and not find_dates(m.group("value") or "")
            ):
                m = None
        if m:
            key = next(k for k, _ in LABELS if m.group(k))
            header.setdefault(key, []).append(m.group("value").strip())
            last_label = key
        elif last_label in ("participants", "excused", "venue", "online") and header:
            prev = header[last_label][-1] if header[last_label] else ""
            if prev.split() and "://" in prev.split()[-1] and " " not in line:
                header[last_label][-1] = prev + line  # a link wrapped over two lines
            else:
                header[last_label].append(line)
        elif not header and len(title_lines) < 3:
            title_lines.append(line)
        elif header and i > 40 or header:
            body_start = i
            break
        i += 1
    title = " ".join(title_lines).strip()
    ex.title = sure(title) if title else unsure("", "geen titel gevonden")
    lower_title = fold(title)
    if (
        re.search(r"\b(agenda|uitnodiging|dagorde|aankondiging)\b", lower_title)
        and "verslag" not in lower_title
    ):
        ex.document_type = sure("agenda")

    # Body
    body, proposed = _match_body(title, bodies)
    if body is not None:
        ex.body = sure(body.name)
    elif proposed:
        ex.body = unsure(proposed, "geen overlegorgaan met deze naam gevonden: kies er een of maak het aan")
    else:
        ex.body = unsure("", "geen overlegorgaan gevonden: kies er een")

    # Date (also from a 'Datum en uur' line or the title)
    year_in_title = re.search(r"\b(20\d\d)\b", title) or re.search(r"\b(20\d\d)\b", filename)
    date_sources = header.get("date", []) + [title]
    for src in date_sources:
        ds = find_dates(src)
        if ds:
            hint = int(year_in_title.group(1)) if year_in_title else None
            if ds[0].year is None and hint is None:
                ex.date = resolve_date(ds[0], year_hint=today.year, hint_source="het huidige jaar")
            else:
                ex.date = resolve_date(ds[0], year_hint=hint, hint_source="de titel")
            break
    else:
        ex.date = unsure(None, "geen datum gevonden")

    # Hours
    time_sources = header.get("time", []) + header.get("date", [])
    tm = None
    for src in time_sources:
        tm = find_time(src)
        if tm:
            break
    matched_body = body
    if tm and tm.start:
        ex.start_time = sure(tm.start)
        if tm.end and tm.end > tm.start:
            ex.end_time = sure(tm.end)
        elif tm.end:
            ex.end_time = unsure(None, "het einduur ligt niet na het beginuur")
        else:
            ex.end_time = _default_end(tm.start, matched_body)
    else:
        if matched_body and matched_body.default_start:
            ex.start_time = unsure(
                matched_body.default_start, f"geen uur in het document; standaard van {matched_body.name}"
            )
            ex.end_time = _default_end(matched_body.default_start, matched_body)
        else:
            ex.start_time = unsure(None, "geen beginuur gevonden")
            ex.end_time = unsure(None, "geen einduur gevonden")

    # Venue
    venue_text = " – ".join(header.get("venue", []))
    online_text = " ".join(header.get("online", []))
    if venue_text or online_text:
        venue, address, url = _split_venue(venue_text or online_text)
        if online_text and not url:
            m = URL_RE.search(online_text)
            url = m.group(0) if m else ""
        if not venue and (url or ONLINE_WORDS_RE.search(venue_text + online_text)):
            venue = "Online"
        ex.venue = sure(venue)
        ex.address = sure(address)
        if url:
            ex.online_url = sure(url)
        elif ONLINE_WORDS_RE.search(venue_text + " " + online_text):
            ex.online_url = unsure("", "online vergadering zonder link in het document")
    else:
        ex.venue = unsure("", "geen locatie gevonden")

    # --- sections --------------------------------------------------------------------------------
    sections: list[tuple[str, list[str]]] = []
    current = "report"
    buf: list[str] = []
    for line in lines[body_start:]:
        kind = _is_heading(line)
        if kind:
            sections.append((current, buf))
            current, buf = kind, []
            continue
        buf.append(line)
    sections.append((current, buf))
    agenda_only = any(k == "agenda" for k, _ in sections) and not any(
        k == "report" and any(b) for k, b in sections
    )

    participants_text = "\n".join(header.get("participants", []))
    excused_text = "\n".join(header.get("excused", []))
    report_lines: list[str] = []
    contact_lines: list[str] = []
    next_lines: list[str] = []
    for kind, buf in sections:
        if kind == "participants":
            # The list is the first paragraph(s) up to the first prose sentence.
            paras = _paragraphs(buf)
            taken: list[str] = []
            listing = True  # the list ends at the first paragraph that is no list of names
            for para in paras:
                if not listing or ITEM_RE.match(para[0]):
                    listing = False
                    report_lines.extend(para + [""])
                    continue
                rest_para: list[str] = []
                for ln in para:
                    lm = LABEL_RE.match(ln)
                    if lm and lm.group("excused"):
                        excused_text += "\n" + lm.group("value")
                    else:
                        rest_para.append(ln)
                para = rest_para
                if not para:
                    continue
                joined = "\n".join(para)
                if SEE_LIST_RE.search(joined) or _looks_like_list(joined):
                    taken.append("\n".join(para))
                else:
                    listing = False
                    report_lines.extend(para + [""])
            participants_text += "\n" + "\n".join(taken)
        elif kind == "excused":
            excused_text += "\n" + "\n".join(buf)
        elif kind == "contacts":
            contact_lines.extend(buf)
        elif kind == "next":
            next_lines.extend(buf)
        else:
            report_lines.extend(buf)

    # Participants
    if SEE_LIST_RE.search(participants_text):
        ex.participants_note = unsure(
            participants_text.strip().split("\n")[0],
            "deelnemerslijst staat niet in het document: niemand ingevuld",
        )
    ex.participants = [_person_field(n) for n in _names(SEE_LIST_RE.sub("", participants_text))]
    ex.excused = [_person_field(n) for n in _names(excused_text)]
    if not ex.participants and not ex.participants_note.value and ex.document_type.value == "verslag":
        ex.participants_note = unsure("", "geen deelnemers gevonden")

    # Contacts
    if contact_lines:
        ex.contacts = parse_contact_lines(contact_lines, list(organisations))

    # --- items -------------------------------------------------------------------------------------
    ex.items = _items(report_lines)
    if agenda_only and ex.items and not any(item.text for item in ex.items):
        ex.document_type = sure("agenda")  # an agenda: numbered items without minutes
    meeting_day = ex.date.value if isinstance(ex.date.value, dt.date) else None
    for item in ex.items:
        item.decisions = _decisions(item.text)
        is_round = PARTNER_ROUND_RE.search(item.title.value or "") or PARTNER_ROUND_RE.search(item.text[:300])
        if is_round and not ex.partner_round:
            round_paras = _partner_paragraphs(item.lines, organisations)
            ex.partner_round = _partner_round(round_paras, organisations, meeting_day)
    # Planned meetings: in 'volgende vergadering' sections and in items, lines that start with a date.
    candidates = next_lines + [
        ln
        for item in ex.items
        if not PARTNER_ROUND_RE.search(item.title.value or "")
        for ln in ([""] + [item.title.value, ""] + item.lines + [""])
    ]
    ex.next_meetings = _next_meetings(candidates, meeting_day, matched_body, next_lines)
    if ex.document_type.value == "agenda":
        for item in ex.items:
            item.decisions = []
    if not ex.items:
        ex.warnings.append("Geen genummerde agendapunten gevonden.")
    return ex
