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

The package (callers import from here, `zorgraad.importer.parse.minutes`):

- model.py: the extraction (`MinutesExtraction`, `Item`, `PartnerEntry`, `PlannedMeeting`) and `BodyInfo`;
- patterns.py: the labels, headings and regular expressions the rules above use;
- text.py: paragraphs, `reflow`, headings, lists of names;
- header.py: the body a title names, venue and address, a default end hour;
- items.py: agenda items and their decisions;
- partners.py: the partner round;
- next_meetings.py: planned meetings;
- reader.py: `parse_minutes`, which puts it together.
"""

from __future__ import annotations

from .model import BodyInfo, Item, MinutesExtraction, PartnerEntry, PlannedMeeting
from .patterns import (
    ADDRESS_RE,
    BULLET_RE,
    DECISION_LABEL_RE,
    DECISION_SENTENCE_RE,
    ITEM_RE,
    LABEL_RE,
    LABELS,
    NEXT_INLINE_RE,
    NEXT_LEAD_RE,
    ONLINE_WORDS_RE,
    ORG_START_RE,
    PARTNER_ROUND_RE,
    PREPOSITION_END,
    SECTION_RE,
    SECTION_WORDS,
    SEE_LIST_RE,
    TITLE_PREFIX_RE,
    URL_RE,
)
from .reader import parse_minutes
from .text import reflow

__all__ = [
    "ADDRESS_RE",
    "BULLET_RE",
    "BodyInfo",
    "DECISION_LABEL_RE",
    "DECISION_SENTENCE_RE",
    "ITEM_RE",
    "Item",
    "LABELS",
    "LABEL_RE",
    "MinutesExtraction",
    "NEXT_INLINE_RE",
    "NEXT_LEAD_RE",
    "ONLINE_WORDS_RE",
    "ORG_START_RE",
    "PARTNER_ROUND_RE",
    "PREPOSITION_END",
    "PartnerEntry",
    "PlannedMeeting",
    "SECTION_RE",
    "SECTION_WORDS",
    "SEE_LIST_RE",
    "TITLE_PREFIX_RE",
    "URL_RE",
    "parse_minutes",
    "reflow",
]
