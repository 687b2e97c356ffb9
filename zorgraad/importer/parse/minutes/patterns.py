"""The labels, section headings and regular expressions of meeting documents (Dutch)."""

from __future__ import annotations

import re

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


ORG_START_RE = re.compile(r"^(?:(?:vanuit|namens)\s+\S|[^:.!?]{2,60}:\s)", re.IGNORECASE)
