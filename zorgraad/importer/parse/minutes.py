"""Minutes, agendas and invitations of a meeting, as text lines, into a MinutesExtraction.

General rules (not rules for one document):
- the header is a run of labelled lines: 'Datum', 'Tijdstip'/'Uur', 'Locatie'/'Plaats', 'Aanwezig',
  'Verontschuldigd'... with or without a colon or a table bar;
- sections are headings in capitals, numbered or not ('1 DEELNEMERS', 'VERSLAG', 'Agenda:');
- agenda items are numbered lines '1.', '2)', 'Punt 3:' and count up one by one, so a numbered list
  inside an item ('1) Wat ga je wel doen?') does not start a new item;
- a line that starts with a date (bullets allowed) in an item or a 'volgende vergadering' section
  is a planned meeting: date, hours, venue, the rest as a note; a missing year comes from a year
  named just above, else the first such date after the meeting, and is marked;
- the partner round is the item about the 'rondje' or the partners' news: each paragraph that
  starts with 'Organisatie: …', 'Vanuit Organisatie …' or a known organisation's name;
- decisions are lines labelled 'Beslissing'/'Besluit' (sure) or sentences saying 'werd beslist' (marked).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .common import (
    DASHES,
    Field,
    find_dates,
    find_time,
    fold,
    normalise_text,
    resolve_date,
    split_parts,
    sure,
    to_plain,
    unsure,
)
from .contacts import Contact, parse_contact_lines


@dataclass
class BodyInfo:
    name: str
    default_start: dt.time | None = None
    default_end: dt.time | None = None
    short_name: str = ""


@dataclass
class Item:
    number: int
    title: Field
    text: str = ""
    decisions: list[Field] = field(default_factory=list)
    lines: list[str] = field(default_factory=list, repr=False)  # as in the document, for dated lines

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title.to_json(),
            "text": self.text,
            "decisions": [d.to_json() for d in self.decisions],
        }


@dataclass
class PartnerEntry:
    organisation: Field
    text: str
    dates: list[Field] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation.to_json(),
            "text": self.text,
            "dates": [d.to_json() for d in self.dates],
        }


@dataclass
class PlannedMeeting:
    date: Field
    start_time: Field
    end_time: Field
    venue: Field
    note: str = ""
    raw: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.to_json(),
            "start_time": self.start_time.to_json(),
            "end_time": self.end_time.to_json(),
            "venue": self.venue.to_json(),
            "note": self.note,
            "raw": self.raw,
        }


@dataclass
class MinutesExtraction:
    kind: str = "minutes"
    document_type: Field = field(default_factory=lambda: sure("verslag"))
    title: Field = field(default_factory=Field)
    body: Field = field(default_factory=Field)
    date: Field = field(default_factory=Field)
    start_time: Field = field(default_factory=Field)
    end_time: Field = field(default_factory=Field)
    venue: Field = field(default_factory=lambda: sure(""))
    address: Field = field(default_factory=lambda: sure(""))
    online_url: Field = field(default_factory=lambda: sure(""))
    participants: list[Field] = field(default_factory=list)
    participants_note: Field = field(default_factory=lambda: sure(""))
    excused: list[Field] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    partner_round: list[PartnerEntry] = field(default_factory=list)
    next_meetings: list[PlannedMeeting] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        for name in (
            "document_type",
            "title",
            "body",
            "date",
            "start_time",
            "end_time",
            "venue",
            "address",
            "online_url",
            "participants_note",
        ):
            data[name] = getattr(self, name).to_json()
        data["participants"] = [p.to_json() for p in self.participants]
        data["excused"] = [p.to_json() for p in self.excused]
        data["contacts"] = [c.to_json() for c in self.contacts]
        data["items"] = [i.to_json() for i in self.items]
        data["partner_round"] = [p.to_json() for p in self.partner_round]
        data["next_meetings"] = [m.to_json() for m in self.next_meetings]
        data["warnings"] = list(self.warnings)
        return to_plain(data)


LABELS: list[tuple[str, str]] = [
    ("date", r"datum(?:\s+en\s+(?:uur|tijdstip))?|wanneer|dag"),
    ("time", r"tijdstip|tijd|uur|uren|aanvang|start"),
    ("venue", r"locatie|plaats|waar|adres|plaats van samenkomst"),
    ("online", r"(?:online|link|vergaderlink|teams|zoom)(?=\s*:)"),
    ("participants", r"aanwezig(?:en)?|deelnemers|aanwezigheden"),
    (
        "excused",
        r"verontschuldigd|verontschuldigingen|afwezig(?:\s+met\s+kennisgeving)?|excuses|verontschuldigd\s*:?",
    ),
    ("chair", r"voorzitter|verslaggever|notulist|secretaris"),
]
LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(f"(?P<{k}>{v})" for k, v in LABELS) + r")\s*(?::|\||\s)\s*(?P<value>.*)$",
    re.IGNORECASE,
)
SECTION_WORDS: list[tuple[str, str]] = [
    ("participants", r"deelnemers|aanwezig(?:en|heden)?|aanwezigheidslijst"),
    ("excused", r"verontschuldigd|verontschuldigingen|afwezig(?:en)?"),
    ("report", r"verslag|notulen|besproken punten|bespreking|agenda en verslag|verslag en agenda"),
    ("agenda", r"agenda|dagorde"),
    ("contacts", r"contactgegevens(?:\s+deelnemers)?|contactlijst|contacten"),
    ("next", r"volgende\s+vergadering(?:en)?|volgende\s+data|data\s+volgende\s+vergaderingen|planning"),
]
SECTION_RE = re.compile(
    r"^(?:\d{1,2}[.)]?\s+)?(?P<word>" + "|".join(f"(?P<{k}>{v})" for k, v in SECTION_WORDS) + r")\s*:?\s*$",
    re.IGNORECASE,
)
ITEM_RE = re.compile(
    r"^(?P<word>(?:agenda)?punt\s+)?(?P<n>\d{1,2})(?:\s*(?P<delim>[.):])|\s+(?P<dash>[-–—])\s)\s*(?P<title>\S.*)?$",
    re.IGNORECASE,
)
BULLET_RE = re.compile(r"^(?:[-–—•o▪◦*·●]\s+|[-–—•▪◦*·●](?=\S))")
SEE_LIST_RE = re.compile(
    r"\b(zie|cf\.?|in)\s+(de\s+)?(aparte|bijgevoegde|afzonderlijke)?\s*(deelnemers|aanwezigheids)lijst|"
    r"deelnemerslijst\s+(in|als)\s+bijlage|zie\s+bijlage",
    re.IGNORECASE,
)
PARTNER_ROUND_RE = re.compile(
    r"rondje|ronde\s+(van|langs)\s+de\s+(partners|organisaties|leden)|tafelronde|partnerronde|"
    r"nieuws\s+(van|uit)\s+(de\s+)?(partners|organisaties|sectoren|sector|leden|werkveld)|"
    r"mededelingen\s+(van|uit)\s+(de\s+)?(partners|organisaties|leden)|uit\s+de\s+organisaties|"
    r"netwerken\s+en\s+overleg|delen\s+van\s+ervaringen|mededelingen\s+(van\s+)?(de\s+)?partners|ronde\s+van\s+de\s+tafel",
    re.IGNORECASE,
)
NEXT_LEAD_RE = re.compile(
    r"volgende\s+(vergadering|overleg|bijeenkomst|samenkomst)|vergaderdata|vergaderkalender|"
    r"\bdata\s+(voor|van|volgende|en\s+locaties)|\bdata\b.*\b(vastgelegd|vastleggen)|\b(vastgelegd|vastleggen)\b.*\bdata\b|"
    r"\bvolgende\s+data\b|\bdata\s+\d{4}\b",
    re.IGNORECASE,
)
NEXT_INLINE_RE = re.compile(
    r"^(?:volgende\s+(?:vergadering|bijeenkomst|samenkomst|overleg)(?:en)?|nieuwe\s+datum)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)
DECISION_LABEL_RE = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:beslissing|besluit|beslist|afspraak)\s*:\s*(?P<text>[^\n]+)$", re.IGNORECASE
)
DECISION_SENTENCE_RE = re.compile(
    r"\b(werd|wordt|is|zijn|werden)\s+(\w+\s+){0,4}(beslist|besloten|goedgekeurd)\b|\bbesluit\s+(om|dat)\b|"
    r"\bgaat\s+akkoord\b|\bkeurt\b.*\bgoed\b",
    re.IGNORECASE,
)
TITLE_PREFIX_RE = re.compile(
    r"^(?:ontwerp)?(?:verslag|notulen|agenda|uitnodiging|dagorde)\s*(?:van\s+)?(?:het|de|voor\s+het|voor\s+de)?\s*[:\-–]?\s*",
    re.IGNORECASE,
)
URL_RE = re.compile(r"https?://\S+", re.IGNORECASE)
ONLINE_WORDS_RE = re.compile(
    r"\b(online|teams|zoom|webex|google meet|digitaal|videogesprek)\b", re.IGNORECASE
)
ADDRESS_RE = re.compile(
    r"\b\d{4}\s+[A-Z][\w'-]+|\b[A-Z][\w'-]*(straat|laan|weg|plein|dreef|steenweg|lei|baan|kaai|hof|markt|dries|veld|berg|park)\b.*\d",
    re.UNICODE,
)
PREPOSITION_END = re.compile(
    r"(?:\s(?:te|in|van|tot|en|de|het|bij|met|voor|om|op|aan)|[,–—-])$", re.IGNORECASE
)


def _is_heading(line: str) -> str | None:
    m = SECTION_RE.match(line)
    # '4. Volgende vergadering' is an agenda item; '3 CONTACTGEGEVENS' (capitals) is a heading.
    if m and line[:1].isdigit() and not m.group("word").isupper():
        return None
    if m:
        for k, _v in SECTION_WORDS:
            if m.group(k):
                return k
    return None


def _paragraphs(lines: Sequence[str]) -> list[list[str]]:
    paras: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if not line:
            if cur:
                paras.append(cur)
                cur = []
            continue
        cur.append(line)
    if cur:
        paras.append(cur)
    return paras


def _short_list_item(line: str) -> bool:
    """A list item too short to have been wrapped ('3. Wandelgroep in Oosterzele')."""
    is_item = BULLET_RE.match(line) or re.match(r"^(\d{1,2}[.)]|[a-z]\))\s", line)
    return bool(is_item) and len(line) < 50 and not line.rstrip().endswith((",", "–", "-", ":"))


def reflow(lines: Sequence[str]) -> str:
    """Lines of a PDF or text file as paragraphs; bullets start a new line, wrapped lines are joined."""
    out: list[str] = []
    for para in _paragraphs(lines):
        text = ""
        for line in para:
            if not text:
                text = line
            elif (
                BULLET_RE.match(line)
                or re.match(r"^[a-z]\)\s", line)
                or re.match(r"^\d{1,2}[.)]\s", line)
                or any(d.start == 0 and d.weekday is not None for d in find_dates(line))
            ):
                text += "\n" + line
            elif _short_list_item(text.rsplit("\n", 1)[-1]) and line[:1].isupper():
                text += "\n" + line  # '3. Wandelgroep' then a new sentence: the list item was not wrapped
            elif text.endswith("-") and text[-2:-1].isalpha() and re.match(r"^(en|of|tot|en/of)\b", line):
                text += " " + line  # 'zorg- en welzijn' cut after the hyphen
            elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].isupper():
                text += line  # 'Sint-' + 'Pieters-Leeuw'
            elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower():
                text = text[:-1] + line  # a word broken with a hyphen at the end of the line
            else:
                text += " " + line
        out.append(text)
    return "\n\n".join(out)


def _match_body(title: str, bodies: Sequence[BodyInfo]) -> tuple[BodyInfo | None, str]:
    name = TITLE_PREFIX_RE.sub("", title).strip(" -–:")
    name = re.sub(
        r"\s*[-–—:]\s*(?:ontwerp)?(?:verslag|notulen|agenda|uitnodiging)\b.*$", "", name, flags=re.IGNORECASE
    )
    words = set(re.findall(r"\w+", fold(name)))
    best: tuple[int, BodyInfo | None] = (0, None)
    for body in bodies:
        for candidate in (body.name, body.short_name):
            tokens = [t for t in re.findall(r"\w+", fold(candidate)) if len(t) > 2]
            if tokens and all(t in words for t in tokens) and len(tokens) > best[0]:
                best = (len(tokens), body)
    return best[1], name


def _split_venue(text: str) -> tuple[str, str, str]:
    """'Residentie Ter Linde – Gasthuisstraat 17b – 1785 Merchtem' -> (venue, address, online url)."""
    url = ""
    m = URL_RE.search(text)
    if m:
        url = m.group(0).rstrip(").,;")
        text = (text[: m.start()] + text[m.end() :]).strip(" -–:")
    parts = split_parts(text)
    if len(parts) == 1 and "," in text:
        parts = [p.strip() for p in text.split(",") if p.strip()]
    venue_parts = [p for p in parts if not ADDRESS_RE.search(p)]
    address_parts = [p for p in parts if ADDRESS_RE.search(p)]
    venue = " – ".join(venue_parts) if venue_parts else ""
    if not venue and address_parts:
        venue = address_parts[0]
        address_parts = address_parts[1:] if len(address_parts) > 1 else address_parts
    if not venue and url:
        venue = "Online"
    return venue, ", ".join(address_parts), url


def _names(text: str) -> list[str]:
    """'A – B - C\nD' -> names; one name per line when there are no separators."""
    text = re.sub(r"[ \t]+", " ", text)
    if any(s in text for s in (" - ", " – ", "- ", " -", "–", ",", ";", "|")):
        flat = text.replace("\n", " ")
        pieces = re.split(r"\s*[,;|]\s*|\s+[-–—]\s*|\s*[-–—]\s+|–", flat)
    else:
        pieces = text.split("\n")
    names = []
    for p in pieces:
        p = re.sub(r"\s+", " ", p).strip(" .-–")
        p = re.sub(
            r"\s*\([^)]*\)\s*$", "", p
        )  # 'An Pauwels (Logo Zenneland)': the organisation is not part of the name
        p = re.sub(r"^(en|and)\s+", "", p, flags=re.IGNORECASE)
        if p and len(p) < 120 and not SEE_LIST_RE.search(p):
            names.append(p)
    return names


def _person_field(name: str) -> Field:
    words = name.split()
    if 1 < len(words) <= 8 and name[:1].isupper():
        return sure(name)
    if len(words) == 1:
        return unsure(name, "enkel een voornaam of familienaam")
    return unsure(name, "geen gewone persoonsnaam: controleer")


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


def _looks_like_list(text: str) -> bool:
    """A list of names: short pieces between separators, hardly any verbs or full stops."""
    pieces = _names(text)
    if len(pieces) < 2:
        return len(text.split()) <= 4
    return sum(1 for p in pieces if len(p.split()) <= 5) >= 0.8 * len(pieces) and text.count(". ") <= 1


def _default_end(start: dt.time, body: BodyInfo | None) -> Field:
    if body and body.default_end and body.default_end > start:
        return unsure(body.default_end, f"geen einduur in het document; standaard einduur van {body.name}")
    end = (dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(hours=2)).time()
    if end < start:
        end = dt.time(23, 59)
    return unsure(end, "geen einduur in het document; twee uur na het begin aangenomen")


def _items(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    cur: Item | None = None
    cur_lines: list[str] = []
    title_open = False
    style: tuple[bool, str] | None = (
        None  # how the items are numbered ('1.', '1)', 'Punt 1:'): a list written otherwise is text
    )
    sub_last = 0  # the last number of a numbered list inside the current item
    for line in lines:
        m = ITEM_RE.match(line)
        expected = (items[-1].number + 1) if items else None
        if cur is not None:
            expected = cur.number + 1
        line_style = (bool(m.group("word")), m.group("delim") or "–") if m else None
        n = int(m.group("n")) if m else -1
        is_item = bool(
            m
            and m.group("title")
            and (expected is None and n in (0, 1) or n == expected)
            and (not style or line_style == style)
            and not (sub_last and n == sub_last + 1)  # '3.' continuing a list '1. 2.' in the item
        )
        if m and not is_item and cur is not None:
            sub_last = n if n == sub_last + 1 or n == 1 else sub_last
        if is_item and m:
            style = style or line_style
            sub_last = 0
            if cur is not None:
                cur.text = reflow(cur_lines).strip()
                cur.lines = cur_lines
                items.append(cur)
            cur = Item(int(m.group("n")), sure(m.group("title").strip()))
            cur_lines = []
            title_open = True
            continue
        if cur is None:
            continue
        if title_open and line and not BULLET_RE.match(line):
            prev = cur.title.value
            # A title wrapped over lines: the next line starts small or the title ends mid-sentence.
            if (line[:1].islower() or PREPOSITION_END.search(prev)) and len(prev) + len(line) < 250:
                cur.title = sure(f"{prev} {line}".strip())
                continue
        title_open = False
        cur_lines.append(line)
    if cur is not None:
        cur.text = reflow(cur_lines).strip()
        cur.lines = cur_lines
        items.append(cur)
    for item in items:
        item.title = sure(re.sub(r"\s+", " ", item.title.value).strip(" :"))
    return items


def _decisions(text: str) -> list[Field]:
    found: list[Field] = []
    under_heading = False  # 'Beslissingen:' alone on a line, the decisions listed below it
    for line in text.split("\n"):
        bare = line.strip()
        if re.fullmatch(
            r"(?:beslissingen|besluiten|beslissing|besluit|genomen beslissingen)\s*:?", bare, re.IGNORECASE
        ):
            under_heading = True
            continue
        if under_heading and BULLET_RE.match(bare):
            found.append(sure(BULLET_RE.sub("", bare).strip()))
            continue
        under_heading = under_heading and not bare
        m = DECISION_LABEL_RE.search(bare.lstrip("-•* "))
        if m:
            # The labelled decision is its first sentence; what follows is read like any text.
            first, sep, rest = m.group("text").strip().partition(". ")
            found.append(sure(first + ("." if sep else "")))
            line = line[: line.find(m.group(0))] + " " + rest if m.group(0) in line else rest
        for sentence in re.split(r"(?<=[.!?])\s+|\s+[–—]\s+", line):
            if DECISION_SENTENCE_RE.search(sentence) and len(sentence) > 20:
                found.append(
                    unsure(sentence.strip(), "afgeleid uit de tekst: controleer of dit een beslissing is")
                )
    return found


def _known_org(text: str, organisations: Sequence[str]) -> str | None:
    f = fold(text)
    best = None
    for org in organisations:
        o = fold(org)
        starts = f == o or f.startswith((o + " ", o + ":", o + ","))
        if len(o) > 1 and starts and (best is None or len(org) > len(best)):
            best = org
    return best


ORG_START_RE = re.compile(r"^(?:(?:vanuit|namens)\s+\S|[^:.!?]{2,60}:\s)", re.IGNORECASE)


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
