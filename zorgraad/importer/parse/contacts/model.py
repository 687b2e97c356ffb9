"""A contact and a contact list as read from a document or a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..common import Field, sure


@dataclass
class Contact:
    name: Field
    first_name: Field
    last_name: Field
    function: Field = field(default_factory=lambda: sure(""))
    organisation: Field = field(default_factory=lambda: sure(""))
    email: Field = field(default_factory=lambda: sure(""))
    phone: Field = field(default_factory=lambda: sure(""))
    raw: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name.to_json(),
            "first_name": self.first_name.to_json(),
            "last_name": self.last_name.to_json(),
            "function": self.function.to_json(),
            "organisation": self.organisation.to_json(),
            "email": self.email.to_json(),
            "phone": self.phone.to_json(),
            "raw": self.raw,
        }


@dataclass
class ContactsExtraction:
    contacts: list[Contact] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # column header -> field ('' = not used)
    warnings: list[str] = field(default_factory=list)
    kind: str = "contacts"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "contacts": [c.to_json() for c in self.contacts],
            "columns": self.columns,
            "warnings": self.warnings,
        }
