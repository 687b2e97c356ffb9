"""Imported documents in the privacy export and erasure (network.services.privacy).

A document is about a person when its import created or linked the person (an ImportedRecord), or
when what was read from it still names them: their full name (either order) or one of their
e-mail addresses in the extraction or the spreadsheet rows, or, for a text original (.csv, .txt),
in the file itself. Names are compared without accents and case. A name that the importer did not
read out of a .docx or .pdf (it is in neither the extraction nor the rows) is not found: a limit.

On erasure (hooks.py registers this): the person's name, e-mail and phone are replaced by
'[gewist]' in the extraction and in the rows (`text_copies`, cell by cell for a pending import), and
the original file is deleted, because a .docx, .pdf or .xlsx cannot be redacted safely; the document
row stays for the records that link back to it, with `original_removed_at`. The import history page
then shows "origineel verwijderd op …" instead of the link, and the link itself answers 410.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from .models import ImportedDocument, ImportedRecord
from .parse.common import fold

SCRUBBED = "[gewist]"  # as network.services.privacy writes it
TEXT_ORIGINALS = (".csv", ".txt")
# shorter needles would match ordinary words
MIN_NEEDLE = 4


def _needles(person: Any) -> set[str]:
    names = {f"{person.first_name} {person.last_name}", f"{person.last_name} {person.first_name}"}
    addresses = {person.email}
    if getattr(person, "user_id", None) and person.user and person.user.email:
        addresses.add(person.user.email)
    found = {" ".join(fold(n).split()) for n in names if person.first_name and person.last_name}
    found |= {fold(a) for a in addresses if a}
    return {n for n in found if len(n) >= MIN_NEEDLE}


def _text_of(document: ImportedDocument) -> str:
    parts = [
        json.dumps(document.extraction, ensure_ascii=False),
        json.dumps(document.rows, ensure_ascii=False),
    ]
    if document.original_removed_at is None and document.filename.lower().endswith(TEXT_ORIGINALS):
        raw = bytes(
            ImportedDocument.objects.for_zone(document.zone_id)
            .filter(pk=document.pk)
            .values_list("content", flat=True)
            .first()
            or b""
        )
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                parts.append(raw.decode(encoding))
                break
            except UnicodeDecodeError:
                continue
    return " ".join(fold(" ".join(parts)).split())


def documents_of(zone: Any, person: Any) -> QuerySet[ImportedDocument]:
    """The zone's documents about the person: linked by an import, or naming them (see above)."""
    linked = set(
        ImportedRecord.objects.for_zone(zone)
        .filter(content_type=ContentType.objects.get_for_model(type(person)), object_id=person.pk)
        .values_list("document_id", flat=True)
    )
    needles = _needles(person)
    if needles:
        candidates = ImportedDocument.objects.for_zone(zone).exclude(pk__in=linked).defer("content")
        for document in candidates.only(
            "pk", "zone", "filename", "extraction", "rows", "original_removed_at"
        ):
            text = _text_of(document)
            if any(needle in text for needle in needles):
                linked.add(document.pk)
    return ImportedDocument.objects.for_zone(zone).filter(pk__in=sorted(linked))


def _keys(person: Any) -> tuple[set[str], tuple[str, str]]:
    """(whole values that name the person: full name either way round, addresses; (first, last))."""
    return _needles(person), (fold(person.first_name), fold(person.last_name))


def _names_person(values: list[str], keys: tuple[set[str], tuple[str, str]]) -> bool:
    whole, (first, last) = keys
    folded = {" ".join(fold(v).split()) for v in values if v}
    return bool(folded & whole) or bool(first and last and first in folded and last in folded)


def _redact_all(value: Any) -> Any:
    if isinstance(value, str):
        return SCRUBBED if value else value
    if isinstance(value, list):
        return [_redact_all(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k in ("uncertain", "id") else _redact_all(v) for k, v in value.items()}
    return value


def _entry_values(entry: dict[str, Any]) -> list[str]:
    """An entry's own values: its strings and the 'value' of its fields ({value, uncertain, reason})."""
    found = [v for v in entry.values() if isinstance(v, str)]
    found += [v["value"] for v in entry.values() if isinstance(v, dict) and isinstance(v.get("value"), str)]
    return found


def _redact_extraction(value: Any, keys: tuple[set[str], tuple[str, str]]) -> Any:
    """Every entry of a list (a contact, a participant) whose own values name the person, wholly
    replaced; free text that merely mentions them is left to the pattern scrub."""
    if isinstance(value, list):
        return [
            _redact_all(v)
            if isinstance(v, dict) and _names_person(_entry_values(v), keys)
            else _redact_extraction(v, keys)
            for v in value
        ]
    if isinstance(value, dict):
        return {k: _redact_extraction(v, keys) for k, v in value.items()}
    return value


def redact(zone: Any, person: Any, rows: list[Any]) -> None:
    """The person's spreadsheet rows and extraction entries, every cell replaced (a row with the
    first and last name in cells of their own too, which the name pattern alone does not find)."""
    keys = _keys(person)
    for document in rows:
        cells = [
            [SCRUBBED if c else c for c in row]
            if isinstance(row, list) and _names_person([str(c) for c in row], keys)
            else row
            for row in document.rows
        ]
        extraction = _redact_extraction(document.extraction, keys)
        if (cells, extraction) != (document.rows, document.extraction):
            document.rows, document.extraction = cells, extraction
            ImportedDocument.objects.for_zone(zone).filter(pk=document.pk).update(
                rows=cells, extraction=extraction
            )


def erase_note(zone: Any, rows: list[Any]) -> str:
    """For the erasure's confirmation page: how many original files will be deleted."""
    from django.utils.translation import ngettext

    count = sum(1 for r in rows if r.original_removed_at is None)
    if not count:
        return ""
    return ngettext(
        "Het originele bestand van %(count)d geïmporteerd document waarin de persoon staat, wordt "
        "verwijderd; wat eruit ingelezen werd, blijft bewaard zonder de persoon.",
        "De originele bestanden van %(count)d geïmporteerde documenten waarin de persoon staat, worden "
        "verwijderd; wat eruit ingelezen werd, blijft bewaard zonder de persoon.",
        count,
    ) % {"count": count}


def remove_originals(zone: Any, rows: list[Any]) -> None:
    """After the extraction and rows were redacted: delete the original files of these documents."""
    ImportedDocument.objects.for_zone(zone).filter(
        pk__in=[r.pk for r in rows], original_removed_at__isnull=True
    ).update(content=b"", original_removed_at=timezone.now())
