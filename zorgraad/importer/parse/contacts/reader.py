"""A contact list from a spreadsheet, a table in a document, or lines of text."""

from __future__ import annotations

from typing import Any

from ..common import to_plain
from .lines import parse_contacts_text
from .model import ContactsExtraction
from .table import parse_contact_rows


def extraction_json(ex: ContactsExtraction) -> dict[str, Any]:
    return to_plain(ex.to_json())


def parse_contacts(
    text: str, rows: list[list[str]], suffix: str = "", organisations: list[str] | tuple[str, ...] = ()
) -> ContactsExtraction:
    """A contact list from a spreadsheet, a table in a document, or lines of text."""
    has_table = len(rows) > 1 and any("@" in c for r in rows for c in r)
    if suffix in (".csv", ".xlsx") or has_table:
        table = parse_contact_rows(rows, organisations=organisations)
        if table.contacts or suffix in (".csv", ".xlsx"):
            return table
    return parse_contacts_text(text, organisations)
