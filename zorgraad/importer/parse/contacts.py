"""Contact lines and contact tables: 'Naam - Functie - Organisatie - e-mail' in its variants.

General rules, no rules for one document:
- a record ends at its e-mail address; everything between two addresses belongs to the next one;
- parts are split on en/em dashes, spaced hyphens (a space on either side), bars, tabs and semicolons;
- when that gives too few parts, unspaced hyphens split too (marked: the split may be wrong);
- an e-mail address wrapped over two lines is joined again; an invalid one is kept, marked, never stored;
- a spreadsheet's columns are recognised by their Dutch (or English) header; unknown columns are listed;
- a bare 'Naam' beside a 'Voornaam' column is the surname, as lists in Flanders write it
  ('Naam;Voornaam'); a row's full name is then first name and surname;
- cells lose control characters and runs of white space; a value longer than the directory keeps
  is marked, never cut silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from zorgraad.core.text import strip_control_characters

from .common import EMAIL_LIKE, Field, email_field, fold, split_parts, sure, to_plain, unsure

PHONE_RE = re.compile(r"(?:\+32|0032|\b0)[\s./]?\d{1,3}(?:[\s./]?\d{2,3}){2,4}\b")
FUNCTION_WORDS = (
    "coördinator",
    "coordinator",
    "directeur",
    "directrice",
    "medewerker",
    "medewerkster",
    "verantwoordelijke",
    "maatschappelijk",
    "diensthoofd",
    "stagiair",
    "consulent",
    "leider",
    "manager",
    "deskundige",
    "voorzitter",
    "secretaris",
    "coach",
    "verpleeg",
    "huisarts",
    "apotheker",
    "psycholoog",
    "begeleider",
    "werker",
    "hoofd",
    "beleids",
    "projectleider",
    "adviseur",
    "regio",
    "team",
    "zorgcoördinator",
    "schepen",
    "burgemeester",
    "functionaris",
    "vroedvrouw",
    "kinesitherapeut",
    "ergotherapeut",
    "assistent",
)
PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "vande",
    "vanden",
    "vander",
    "le",
    "la",
    "du",
    "d'",
    "t",
    "ter",
    "ten",
    "op",
}


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


def split_name(name: str) -> tuple[str, str, bool]:
    """'Lotte Van den Broeck' -> ('Lotte', 'Van den Broeck'); 'PEETERS An' (surname in capitals) turned round."""
    words = name.split()
    if not words:
        return "", "", True
    if len(words) == 1:
        return "", words[0], True
    # 'PEETERS An': a surname in capitals first.
    if words[0].isupper() and len(words[0]) > 1 and not words[-1].isupper():
        caps = [w for w in words if w.isupper()]
        rest = [w for w in words if not w.isupper()]
        return " ".join(rest), " ".join(w.capitalize() for w in caps), False
    if "," in name:
        last, first = (p.strip() for p in name.split(",", 1))
        return first, last, False
    # The first word is the given name; particles and the rest make the surname ('Van den Broeck').
    return words[0], " ".join(words[1:]), False


def looks_like_function(text: str) -> bool:
    f = fold(text)
    return any(w in f for w in FUNCTION_WORDS)


def _name_ok(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 6 and all(
        w[:1].isalpha() and w[:1].upper() == w[:1] or fold(w) in PARTICLES for w in words
    )


def join_wrapped(lines: list[str]) -> str:
    """Lines of a contact block as one string; an address cut at the end of a line is glued back."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            out += "\n"
            continue
        if not out or out.endswith("\n"):
            out += line
            continue
        last = out.split()[-1] if out.split() else ""
        first = line.split()[0]
        # Domain parts are written in lower case: 'Eline' on the next line starts a new record.
        lower_next = first[:1].islower() or first[:1].isdigit()
        broken_mail = (
            "@" in last
            and lower_next
            and (last.endswith((".", "-", "@", "_")) or "." not in last.split("@", 1)[1])
        )
        mail_on_next = last.endswith("@") or first.startswith("@")
        # 'dorien.de.' + 'raedt@caw.be': an address cut before its @.
        cut_before_at = (
            "@" not in last
            and re.fullmatch(r"[\w.-]+[._]", last) is not None
            and re.match(r"^[\w.-]+@", first) is not None
        )
        if broken_mail or mail_on_next or cut_before_at:
            out += line
        else:
            out += " " + line
    return out


def parse_contact_record(text: str, organisations: list[str] | tuple[str, ...] = ()) -> Contact | None:
    """One record: everything before the e-mail address split into name, function, organisation."""
    raw = " ".join(text.split())
    mails = EMAIL_LIKE.findall(raw)
    email = email_field(mails[-1]) if mails else sure("")
    rest = raw
    for m in mails:
        rest = rest.replace(m, " ")
    phone = ""
    pm = PHONE_RE.search(rest)
    if pm:
        phone = pm.group(0)
        rest = rest.replace(phone, " ")
    rest = re.sub(r"\b(?:e-?mail|mail|tel|gsm|telefoon)\s*[:.]?\s*$", "", rest.strip(), flags=re.IGNORECASE)
    rest = re.sub(r"\(\s*\)", " ", rest).strip(" -–—|,;:")
    # 'Naam (Organisatie)'
    paren = re.match(r"^(.+?)\s*\((.+)\)\s*$", rest)
    if paren and "-" not in paren.group(1) and "–" not in paren.group(1):
        parts = [paren.group(1).strip(), paren.group(2).strip()]
    else:
        paren = None
        parts = split_parts(rest)
        if len(parts) == 1 and "," in rest:
            parts = [p.strip() for p in rest.split(",") if p.strip()]
    guessed = False
    if len(parts) < 3 and not paren:
        finer: list[str] = []
        for p in parts:
            finer.extend(x.strip() for x in re.split(r"(?<=[^\s\d])-(?=[^\s\d])", p) if x.strip())
        # Unspaced hyphens split only when the result reads as name / ... / organisation.
        if len(finer) > len(parts) and _name_ok(finer[0]) and len(finer) <= 4:
            parts = finer[:1] + [" – ".join(finer[1:-1])] + finer[-1:] if len(finer) > 3 else finer
            guessed = True
    if not parts or not parts[0]:
        if not mails:
            return None
        parts = [""]
    name = parts[0]
    function, organisation = "", ""
    if len(parts) >= 3:
        organisation = parts[-1]
        function = " – ".join(parts[1:-1])
    elif len(parts) == 2:
        if looks_like_function(parts[1]) and not _known(parts[1], organisations):
            function = parts[1]
            # 'Centrumleider LDC Den Hopstaak OPcura': a known organisation at the end of the function.
            for org in sorted(organisations, key=len, reverse=True):
                if len(org) > 2 and fold(function).endswith(" " + fold(org)):
                    function, organisation = function[: -len(org)].strip(" -–,"), function[-len(org) :]
                    guessed = True
                    break
        else:
            organisation = parts[1]
    first, last, odd = split_name(name)
    name_field = sure(name) if _name_ok(name) else unsure(name, "naam onzeker: controleer")
    if not name:
        name_field = unsure("", "geen naam gevonden")
    split_reason = "scheiding tussen naam, functie en organisatie onzeker (koppeltekens zonder spatie)"
    org_field: Field
    if organisation:
        org_field = unsure(organisation, split_reason) if guessed else sure(organisation)
    else:
        org_field = unsure("", "geen organisatie gevonden")
    func_field = unsure(function, split_reason) if guessed and function else sure(function)
    return Contact(
        name=name_field,
        first_name=unsure(first, "voornaam onzeker") if odd else sure(first),
        last_name=sure(last),
        function=func_field,
        organisation=org_field,
        email=email,
        phone=sure(phone),
        raw=raw,
    )


def _known(text: str, organisations: list[str] | tuple[str, ...]) -> bool:
    f = fold(text)
    return any(fold(o) == f for o in organisations)


def _is_header_row(line: str) -> bool:
    parts = split_parts(line)
    if len(parts) < 2 or "@" in line:
        return False
    return sum(1 for v in guess_columns(parts).values() if v) >= max(2, len(parts) - 1)


def parse_contact_lines(lines: list[str], organisations: list[str] | tuple[str, ...] = ()) -> list[Contact]:
    """A block of contact lines: one record per e-mail address, names wrapped over lines allowed."""
    # A table's header row ('Naam | Functie | Organisatie | E-mail') is no contact.
    lines = [ln for ln in lines if not _is_header_row(ln)]
    joined = join_wrapped(lines)
    flat = re.sub(r"\s*\n\s*", " \n ", joined)
    contacts: list[Contact] = []
    pos = 0
    for m in EMAIL_LIKE.finditer(flat):
        chunk = flat[pos : m.end()]
        pos = m.end()
        record = parse_contact_record(chunk.replace("\n", " "), organisations)
        if record is not None and record.name.value:
            contacts.append(record)
    # Lines after the last address without one: people without e-mail ('Naam – Functie – Organisatie').
    tail = flat[pos:]
    for piece in tail.split("\n"):
        piece = piece.strip()
        if piece and len(split_parts(piece)) >= 2 and _name_ok(split_parts(piece)[0]):
            record = parse_contact_record(piece, organisations)
            if record is not None:
                record.email = unsure("", "geen e-mailadres")
                contacts.append(record)
    return contacts


# --- tables ---------------------------------------------------------------------------------------

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


def parse_contacts_text(text: str, organisations: list[str] | tuple[str, ...] = ()) -> ContactsExtraction:
    from .common import normalise_text

    lines = normalise_text(text)
    # A heading like 'CONTACTGEGEVENS' starts the block when there is one.
    for i, line in enumerate(lines):
        if re.match(r"^\d*\.?\s*contact(gegevens|lijst)?\b", fold(line)):
            lines = lines[i + 1 :]
            break
    return ContactsExtraction(contacts=parse_contact_lines(lines, organisations))


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
