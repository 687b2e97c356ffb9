"""Reading a document (nothing saved): its kind, the extraction and rows, a new column mapping."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from zorgraad.governance.models import Body
from zorgraad.network.models import Organisation
from zorgraad.zones.models import Zone

from ..extract import Extracted, ExtractError, extract
from ..models import ImportedDocument, ImportKind
from ..parse.common import fold
from ..parse.contacts import guess_columns, parse_contact_rows, parse_contacts
from ..parse.minutes import BodyInfo, parse_minutes
from ..parse.plan import parse_plan
from .common import ImportFailed, _pending
from .matching import _annotate


def detect_kind(text: str, suffix: str = "") -> str:
    """minutes, plan or contacts, from the words a document uses."""
    if suffix in (".csv", ".xlsx"):
        return ImportKind.CONTACTS
    head = fold(text[:20000])
    plan_score = len(
        re.findall(
            r"strategische doelstelling|operationele doelstelling|procesevaluatie|resultaatgerichte", head
        )
    )
    minutes_score = len(
        re.findall(
            r"\b(verslag|notulen|agenda|uitnodiging|deelnemers|aanwezig|tijdstip|locatie|varia)\b", head
        )
    )
    mails = len(re.findall(r"@", head))
    lines = max(1, len([ln for ln in head.split("\n") if ln.strip()]))
    if plan_score >= 2 and plan_score >= minutes_score / 3:
        return ImportKind.PLAN
    if mails >= 3 and mails >= lines / 3 and minutes_score < 3:
        return ImportKind.CONTACTS
    return ImportKind.MINUTES


def bodies_for(zone: Zone) -> list[BodyInfo]:
    return [
        BodyInfo(b.name, b.default_start, b.default_end, b.slug.replace("-", " "))
        for b in Body.objects.for_zone(zone)
        .filter(is_archived=False)
        .only("name", "slug", "default_start", "default_end")
    ]


def organisation_names(zone: Zone) -> list[str]:
    names: list[str] = []
    for name, short in (
        Organisation.objects.for_zone(zone).filter(is_archived=False).values_list("name", "short_name")
    ):
        names.append(name)
        if short:
            names.append(short)
    return names


def read_document(
    *, zone: Zone, filename: str, data: bytes, kind: str | None = None, today: dt.date | None = None
) -> tuple[str, dict[str, Any], list[list[str]]]:
    """(kind, extraction as JSON, spreadsheet rows) of a file. Raises ImportFailed with a Dutch reason."""
    try:
        ex: Extracted = extract(filename, data)
    except ExtractError as exc:
        raise ImportFailed(str(exc)) from exc
    if kind and kind not in ImportKind.values:
        raise ImportFailed(
            "Onbekende soort: kies verslag (minutes), actieplan (plan) of contacten (contacts)."
        )
    kind = kind or detect_kind(ex.text, ex.suffix)
    orgs = organisation_names(zone)
    if kind == ImportKind.CONTACTS:
        result = parse_contacts(ex.text, ex.rows, ex.suffix, orgs)
        rows = ex.rows if result.columns else []
        return kind, _annotate(zone, result.to_json()), rows
    if ex.suffix in (".csv", ".xlsx"):
        raise ImportFailed("Een spreadsheet kan enkel als contactenlijst ingelezen worden.")
    if kind == ImportKind.PLAN:
        return kind, parse_plan(ex.text, filename=filename).to_json(), []
    minutes = parse_minutes(
        ex.text, bodies=bodies_for(zone), organisations=orgs, today=today, filename=filename
    )
    return kind, _annotate(zone, minutes.to_json()), []


def remap_contacts(*, zone: Zone, document: ImportedDocument, mapping: dict[str, str]) -> ImportedDocument:
    """Apply a new column mapping to a pending spreadsheet import (rows kept server-side)."""
    _pending(zone, document)
    allowed = {"", "name", "first_name", "last_name", "function", "organisation", "email", "phone"}
    if any(v not in allowed for v in mapping.values()):
        raise ImportFailed("Kies voor elke kolom een geldige betekenis.")
    used = [v for v in mapping.values() if v]
    if len(used) != len(set(used)):
        raise ImportFailed("Elke betekenis mag maar bij één kolom staan.")
    result = parse_contact_rows(document.rows, mapping=mapping, organisations=organisation_names(zone))
    document.extraction = _annotate(zone, result.to_json())
    document.mapping = mapping
    document.save(update_fields=["extraction", "mapping"])
    return document


def default_mapping(rows: list[list[str]]) -> dict[str, str]:
    return guess_columns(rows[0]) if rows else {}
