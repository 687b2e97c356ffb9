"""What the minutes parser gives: the extraction of one meeting document, and the bodies it knows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..common import Field, sure, to_plain
from ..contacts import Contact


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
