"""Contact tables (spreadsheets): columns recognised by their header, one contact per row."""

from __future__ import annotations

from typing import Any

from zorgraad.core.text import strip_control_characters

from ..common import Field, email_field, fold, sure, unsure
from .model import Contact, ContactsExtraction
from .names import split_name

COLUMN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("naam", "volledige naam", "name", "deelnemer", "contactpersoon", "persoon"),
    "first_name": ("voornaam", "first name", "firstname", "given name"),
    "last_name": ("familienaam", "achternaam", "last name", "lastname", "surname", "naam (familie)"),
    "function": ("functie", "rol", "function", "job", "titel", "functietitel"),
    "organisation": (
        "organisatie",
        "werkgever",
        "dienst",
        "organisation",
        "organization",
        "bedrijf",
        "voorziening",
    ),
    "email": ("e-mail", "email", "e-mailadres", "emailadres", "mail", "mailadres"),
    "phone": ("telefoon", "tel", "gsm", "telefoonnummer", "phone", "tel.", "mobiel"),
}
FIELDS = tuple(COLUMN_SYNONYMS)
# Headers that name the surname when the table also has a first-name column ('Voornaam;Naam').
BARE_NAME_HEADERS = ("naam", "name")
# The longest value the preview and the directory take per field (the preview form's max_length).
MAX_LENGTH = {
    "name": 200,
    "first_name": 100,
    "last_name": 100,
    "function": 150,
    "organisation": 200,
    "email": 254,
}


def guess_columns(header: list[str]) -> dict[str, str]:
    """Header cell -> field name, '' when unknown."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for cell in header:
        key = fold(cell).strip(" :*")
        found = ""
        for name, words in COLUMN_SYNONYMS.items():
            if name in used:
                continue
            if key in words or any(key.startswith(w) for w in words if len(w) > 4):
                found = name
                break
        if found:
            used.add(found)
        mapping[cell] = found
    found_fields = set(mapping.values())
    if "first_name" in found_fields and "last_name" not in found_fields:
        for cell, found in mapping.items():
            if found == "name" and fold(cell).strip(" :*") in BARE_NAME_HEADERS:
                mapping[cell] = "last_name"
    return mapping


def _cell(value: Any) -> str:
    """A spreadsheet cell as one line of text: no control characters, single spaces."""
    return " ".join(strip_control_characters("" if value is None else str(value)).split())


def _without(name: str, part: str) -> str | None:
    """`name` without `part` at its start or end (compared without case and accents), None when absent."""
    words, known = name.split(), [fold(w) for w in part.split()]
    if not known or len(words) <= len(known):
        return None
    if [fold(w) for w in words[: len(known)]] == known:
        return " ".join(words[len(known) :])
    if [fold(w) for w in words[-len(known) :]] == known:
        return " ".join(words[: -len(known)])
    return None


def complete_name(name: str, first: str, last: str) -> tuple[str, str, str]:
    """(full name, first name, surname) from whatever name columns a row fills.

    A full name alone is split; a name column beside only a first name (or only a surname) holds
    either the full name ('An Peeters') or the other part ('Peeters'), and is read as such.
    """
    if name and not (first or last):
        first, last, _odd = split_name(name)
    elif name and first and not last:
        rest = _without(name, first)
        last = rest if rest is not None else ("" if fold(name) == fold(first) else name)
    elif name and last and not first:
        rest = _without(name, last)
        first = rest if rest is not None else ("" if fold(name) == fold(last) else name)
    if (
        first
        and last
        and [fold(w) for w in last.split()[: len(first.split())]] == [fold(w) for w in first.split()]
    ):
        last = _without(last, first) or last  # a surname column that holds the full name ('An Peeters')
    if first and last and (not name or _without(name, first) is None or _without(name, last) is None):
        name = f"{first} {last}"
    return (name or f"{first} {last}").strip(), first, last


def _field(key: str, value: str, missing: str = "") -> Field:
    """A cell as a field: marked when it is empty (with `missing`) or longer than the directory keeps."""
    if not value:
        return unsure("", missing) if missing else sure("")
    limit = MAX_LENGTH.get(key)
    if limit and len(value) > limit:
        return unsure(value, f"te lang: hoogstens {limit} tekens, dit zijn er {len(value)}; kort het in")
    return sure(value)


def parse_contact_rows(
    rows: list[list[str]],
    mapping: dict[str, str] | None = None,
    organisations: list[str] | tuple[str, ...] = (),
) -> ContactsExtraction:
    """A spreadsheet: the first row that names at least two known columns is the header."""
    result = ContactsExtraction()
    rows = [[_cell(c) for c in r] for r in rows]
    rows = [r for r in rows if any(r)]
    if not rows:
        result.warnings.append("Het bestand bevat geen rijen.")
        return result
    header_i = 0
    for i, r in enumerate(rows[:10]):
        if sum(1 for v in guess_columns(r).values() if v) >= 2:
            header_i = i
            break
    header = [c or f"kolom {j + 1}" for j, c in enumerate(rows[header_i])]
    cols = dict(mapping) if mapping else guess_columns(header)
    result.columns = {h: cols.get(h, "") for h in header}
    known = [v for v in result.columns.values() if v]
    if not known:
        result.warnings.append(
            "Geen enkele kolom werd herkend (naam, voornaam, familienaam, functie, organisatie, e-mail, telefoon). "
            "Kies per kolom wat erin staat."
        )
        return result
    unknown = [h for h, v in result.columns.items() if not v]
    if unknown:
        result.warnings.append("Deze kolommen worden niet gebruikt: " + ", ".join(unknown) + ".")
    if not ({"name", "last_name"} & set(known)):
        result.warnings.append("Er is geen kolom met de naam: kies welke kolom de naam bevat.")
        return result
    for r in rows[header_i + 1 :]:
        values = {
            result.columns[h]: (r[j] if j < len(r) else "") for j, h in enumerate(header) if result.columns[h]
        }
        name, first, last = complete_name(
            values.get("name", ""), values.get("first_name", ""), values.get("last_name", "")
        )
        if not name:
            continue
        mail = values.get("email", "")
        email = _field("email", mail, "geen e-mailadres")
        name_field = _field("name", name)
        if not name_field.uncertain and not (first and last):
            name_field = unsure(name, "voornaam of familienaam ontbreekt: vul de volledige naam in")
        elif not name_field.uncertain and max(len(first), len(last)) > MAX_LENGTH["last_name"]:
            name_field = unsure(name, "voornaam of familienaam te lang: hoogstens 100 tekens elk")
        result.contacts.append(
            Contact(
                name=name_field,
                first_name=_field("first_name", first, "voornaam ontbreekt"),
                last_name=_field("last_name", last, "familienaam ontbreekt"),
                function=_field("function", values.get("function", "")),
                organisation=_field("organisation", values.get("organisation", ""), "geen organisatie"),
                email=email if email.uncertain else email_field(mail),
                phone=sure(values.get("phone", "")),
                raw=" | ".join(r),
            )
        )
    if not result.contacts:
        result.warnings.append(
            "Onder de kopregel staat geen enkele rij met een naam: er is niets om te importeren."
        )
    return result
