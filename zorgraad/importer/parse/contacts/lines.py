"""Contact lines in a document: one record per e-mail address, parts split on dashes and bars."""

from __future__ import annotations

import re

from ..common import EMAIL_LIKE, Field, email_field, fold, split_parts, sure, unsure
from .model import Contact, ContactsExtraction
from .names import _name_ok, looks_like_function, split_name
from .table import guess_columns

PHONE_RE = re.compile(r"(?:\+32|0032|\b0)[\s./]?\d{1,3}(?:[\s./]?\d{2,3}){2,4}\b")


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


def parse_contacts_text(text: str, organisations: list[str] | tuple[str, ...] = ()) -> ContactsExtraction:
    from ..common import normalise_text

    lines = normalise_text(text)
    # A heading like 'CONTACTGEGEVENS' starts the block when there is one.
    for i, line in enumerate(lines):
        if re.match(r"^\d*\.?\s*contact(gegevens|lijst)?\b", fold(line)):
            lines = lines[i + 1 :]
            break
    return ContactsExtraction(contacts=parse_contact_lines(lines, organisations))
