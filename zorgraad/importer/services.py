"""Importing documents: read and parse (nothing saved), keep the pending extraction server-side,
then save exactly what the user confirmed in ONE transaction, every record linked to its document.

Writes go through the owning apps' services (meetings, network, planning), so their checks,
audit entries and zone rules apply to imported records as to typed ones.

Keeping no more than the job needs (importer/models.py): a confirmed import drops the spreadsheet
rows it read, a cancelled one drops its original file, extraction and rows; erasing a person
redacts the documents that hold them and deletes their original file (importer/privacy.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import DataError, IntegrityError, models, transaction
from django.utils import timezone

from zorgraad.core import audit
from zorgraad.governance.models import Body
from zorgraad.network.models import Organisation, Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .extract import Extracted, ExtractError, extract
from .models import ImportedDocument, ImportedRecord, ImportKind, ImportStatus
from .parse.common import fold
from .parse.contacts import guess_columns, parse_contact_rows, parse_contacts
from .parse.minutes import BodyInfo, parse_minutes
from .parse.plan import parse_plan


class ImportFailed(ServiceError):
    """An import that cannot go on, with the reason in Dutch. Nothing was saved."""


# --- reading --------------------------------------------------------------------------------------


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


# --- matching against the directory ---------------------------------------------------------------


def _person_index(zone: Zone) -> tuple[dict[str, Person], dict[str, Person]]:
    by_mail: dict[str, Person] = {}
    by_name: dict[str, Person] = {}
    for p in Person.objects.for_zone(zone).filter(is_archived=False).only("first_name", "last_name", "email"):
        if p.email:
            by_mail.setdefault(p.email.lower(), p)
        by_name.setdefault(fold(f"{p.first_name} {p.last_name}"), p)
    return by_mail, by_name


def _org_index(zone: Zone) -> dict[str, Organisation]:
    out: dict[str, Organisation] = {}
    for o in Organisation.objects.for_zone(zone).filter(is_archived=False).only("name", "short_name"):
        out.setdefault(fold(o.name), o)
        if o.short_name:
            out.setdefault(fold(o.short_name), o)
    return out


def _match_person(
    name: str, email: str, by_mail: dict[str, Person], by_name: dict[str, Person]
) -> Person | None:
    if email and email.lower() in by_mail:
        return by_mail[email.lower()]
    return by_name.get(fold(name))


def _annotate(zone: Zone, data: dict[str, Any]) -> dict[str, Any]:
    """Add to each person and organisation the directory record it matches (shown, changeable)."""
    by_mail, by_name = _person_index(zone)
    orgs = _org_index(zone)
    for c in data.get("contacts", []):
        p = _match_person(c["name"]["value"] or "", c["email"]["value"] or "", by_mail, by_name)
        c["person_match"] = (
            {"id": p.pk, "label": f"{p.full_name} ({p.email})" if p.email else p.full_name} if p else None
        )
        c["action"] = "link" if p else "create"
        o = orgs.get(fold(c["organisation"]["value"] or ""))
        c["organisation_match"] = {"id": o.pk, "label": o.name} if o else None
    for key in ("participants", "excused"):
        for entry in data.get(key, []):
            p = by_name.get(fold(entry["value"] or ""))
            entry["person_match"] = {"id": p.pk, "label": p.full_name} if p else None
    for entry in data.get("partner_round", []):
        o = orgs.get(fold(entry["organisation"]["value"] or ""))
        entry["organisation_match"] = {"id": o.pk, "label": o.name} if o else None
    return data


# --- pending documents ----------------------------------------------------------------------------


@transaction.atomic
def document_upload(
    *,
    zone: Zone,
    actor: Any,
    filename: str,
    data: bytes,
    kind: str | None = None,
    today: dt.date | None = None,
) -> ImportedDocument:
    """Read the file and keep it with its extraction as a pending import (nothing else is saved)."""
    kind, extraction, rows = read_document(zone=zone, filename=filename, data=data, kind=kind, today=today)
    doc = ImportedDocument.objects.create(
        zone=zone,
        kind=kind,
        filename=(filename or "document")[-255:],
        content=data,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        extraction=extraction,
        rows=rows[:5000],
        mapping=extraction.get("columns", {}) if kind == ImportKind.CONTACTS else {},
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        zone=zone, actor=actor, action="import_uploaded", instance=doc, changes={"kind": [None, kind]}
    )
    return doc


def _pending(zone: Zone, document: ImportedDocument) -> None:
    if document.zone_id != zone.pk:
        raise ImportFailed("Dit document hoort niet bij deze eerstelijnszone.")
    if document.status != ImportStatus.PENDING:
        raise ImportFailed("Dit document werd al geïmporteerd of geannuleerd.")


@transaction.atomic
def document_discard(*, zone: Zone, actor: Any, document: ImportedDocument) -> ImportedDocument:
    _pending(zone, document)
    # nothing was imported: nothing of the file is kept, only that it was read and cancelled
    document.status = ImportStatus.DISCARDED
    document.content = b""
    document.extraction = {}
    document.rows = []
    document.original_removed_at = timezone.now()
    document.save(update_fields=["status", "content", "extraction", "rows", "original_removed_at"])
    audit.record(zone=zone, actor=actor, action="import_discarded", instance=document)
    return document


@dataclass
class ImportResult:
    document: ImportedDocument | None
    created: dict[str, int] = field(default_factory=dict)
    linked: dict[str, int] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)


class _Saver:
    """Collects the records an import creates, to link them to the document at the end."""

    def __init__(self, zone: Zone, actor: Any) -> None:
        self.zone = zone
        self.actor = actor
        self.records: list[tuple[models.Model, bool]] = []
        self.result = ImportResult(document=None)
        self.by_mail, self.by_name = _person_index(zone)
        self.orgs = _org_index(zone)

    def add(self, instance: models.Model, created: bool = True) -> None:
        self.records.append((instance, created))
        label = record_label(instance._meta.model_name or "")
        bucket = self.result.created if created else self.result.linked
        bucket[str(label)] = bucket.get(str(label), 0) + 1

    def organisation(self, name: str, match_id: Any = None) -> Organisation | None:
        from zorgraad.network.services.directory import organisation_create

        name = (name or "").strip()[:200]
        if match_id:
            org = Organisation.objects.for_zone(self.zone).filter(pk=_int(match_id)).first()
            if org is None:
                raise ImportFailed("Een gekozen organisatie bestaat niet (meer) in deze eerstelijnszone.")
            return org
        if not name:
            return None
        found = self.orgs.get(fold(name))
        if found is not None:
            return found
        org = organisation_create(zone=self.zone, actor=self.actor, data={"name": name})
        self.orgs[fold(name)] = org
        self.add(org)
        return org

    def person(
        self,
        name: str,
        *,
        first: str = "",
        last: str = "",
        email: str = "",
        organisation: Organisation | None = None,
        function: str = "",
        match_id: Any = None,
    ) -> Person | None:
        from zorgraad.network.services.directory import affiliation_add, person_create

        if match_id:
            person = Person.objects.for_zone(self.zone).filter(pk=_int(match_id)).first()
            if person is None:
                raise ImportFailed("Een gekozen persoon bestaat niet (meer) in deze eerstelijnszone.")
            if (
                organisation is not None
                and not person.affiliations.filter(organisation=organisation, end__isnull=True).exists()
            ):
                aff = affiliation_add(
                    zone=self.zone,
                    actor=self.actor,
                    person=person,
                    data={"organisation": organisation, "function": function[:150]},
                )
                self.add(aff)
            return person
        email = _valid_email(email)
        found = _match_person(name, email, self.by_mail, self.by_name)
        if found is not None:
            return self.person(name, organisation=organisation, function=function, match_id=found.pk)
        if not (first and last):
            # a part is missing (a row without a surname, a name corrected in the preview): the full name
            words = name.split()
            if len(words) < 2:
                raise ImportFailed(
                    f"‘{name}’ is geen volledige naam: vul voornaam en familienaam in, "
                    "of kies ‘Niet overnemen’."
                )
            first, last = words[0], " ".join(words[1:])
        for label, value in (("voornaam", first), ("familienaam", last)):
            if len(value) > 100:
                raise ImportFailed(f"De {label} is te lang (hoogstens 100 tekens). Kort de naam in.")
        person = person_create(
            zone=self.zone,
            actor=self.actor,
            data={"first_name": first[:100], "last_name": last[:100], "email": email},
            organisation=organisation,
            function=function[:150],
        )
        self.add(person)
        if organisation is not None:
            for aff in person.affiliations.all():
                self.add(aff)
        if email:
            self.by_mail[email] = person
        self.by_name[fold(f"{first} {last}")] = person
        return person

    def link_all(self, document: ImportedDocument) -> None:
        ImportedRecord.objects.bulk_create(
            [
                ImportedRecord(
                    zone=self.zone,
                    document=document,
                    content_type=ContentType.objects.get_for_model(inst),
                    object_id=inst.pk,
                    created=created,
                )
                for inst, created in self.records
            ]
        )


PLURAL_LABELS = {
    "meeting": "vergaderingen",
    "agendaitem": "agendapunten",
    "decision": "beslissingen",
    "attendance": "aanwezigheden",
    "partnerroundentry": "bijdragen aan het rondje",
    "person": "personen",
    "organisation": "organisaties",
    "affiliation": "functies bij organisaties",
    "yearplan": "actieplannen",
    "strategicobjective": "strategische doelstellingen",
    "operationalobjective": "operationele doelstellingen",
    "action": "acties",
    "step": "stappen",
    "processitem": "procesitems",
    "indicator": "indicatoren",
}


def record_label(model_name: str) -> str:
    """Dutch plural for a kind of record an import makes."""
    return PLURAL_LABELS.get(model_name, model_name)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ImportFailed("Ongeldige keuze.") from exc


def _valid_email(value: str) -> str:
    value = (value or "").strip().lower()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        return ""  # an invalid address is shown in the preview, never stored
    return value


def _v(data: dict[str, Any], key: str) -> Any:
    value = data.get(key)
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def _date(value: Any, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or ""))
    except ValueError as exc:
        raise ImportFailed(
            f"{label}: geen geldige datum (‘{value or ''}’). Vul een bestaande datum in."
        ) from exc


def _time(value: Any, label: str) -> dt.time:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value or ""))
    except ValueError as exc:
        raise ImportFailed(f"{label}: geen geldig uur (‘{value or ''}’). Gebruik de vorm 13:30.") from exc


def _service_message(exc: ServiceError | ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return " ".join(m for msgs in exc.message_dict.values() for m in msgs)
    return " ".join(str(m) for m in getattr(exc, "messages", [str(exc)]))


@transaction.atomic
def document_confirm(
    *, zone: Zone, actor: Any, document: ImportedDocument, extraction: dict[str, Any] | None = None
) -> ImportResult:
    """Save the confirmed extraction (default: the pending one) whole, or nothing at all."""
    _pending(zone, document)
    document = ImportedDocument.objects.for_zone(zone).select_for_update().get(pk=document.pk)
    _pending(zone, document)
    data = extraction if extraction is not None else document.extraction
    saver = _Saver(zone, actor)
    try:
        with transaction.atomic():
            if document.kind == ImportKind.MINUTES:
                _save_minutes(saver, data)
            elif document.kind == ImportKind.CONTACTS:
                _save_contacts(saver, data)
            else:
                _save_plan(saver, data)
    except ImportFailed:
        raise
    except (ServiceError, ValidationError) as exc:
        raise ImportFailed(_service_message(exc)) from exc
    except (IntegrityError, DataError) as exc:
        raise ImportFailed(
            "Het document kon niet opgeslagen worden: een waarde past niet (te lang of dubbel). "
            "Verbeter de gemarkeerde velden en probeer opnieuw."
        ) from exc
    document.status = ImportStatus.IMPORTED
    document.extraction = data
    document.rows = []  # read again only to remap columns, which a confirmed import no longer does
    document.confirmed_at = timezone.now()
    document.confirmed_by = actor if getattr(actor, "is_authenticated", False) else None
    document.save(update_fields=["status", "extraction", "rows", "confirmed_at", "confirmed_by"])
    saver.link_all(document)
    audit.record(
        zone=zone,
        actor=actor,
        action="import_confirmed",
        instance=document,
        changes={"created": [None, saver.result.created], "linked": [None, saver.result.linked]},
    )
    saver.result.document = document
    return saver.result


# --- minutes ---------------------------------------------------------------------------------------


def _body(zone: Zone, data: dict[str, Any]) -> Body:
    body_id = data.get("body_id")
    if body_id:
        body = Body.objects.for_zone(zone).filter(pk=_int(body_id)).first()
        if body is None:
            raise ImportFailed("Het gekozen overlegorgaan hoort niet bij deze eerstelijnszone.")
        return body
    name = fold(_v(data, "body") or "")
    for body in Body.objects.for_zone(zone).filter(is_archived=False):
        if fold(body.name) == name:
            return body
    raise ImportFailed("Kies bij welk overlegorgaan deze vergadering hoort.")


def _venue_text(venue: str, address: str) -> str:
    return ", ".join(p for p in ((venue or "").strip(), (address or "").strip()) if p)[:300]


def _save_minutes(saver: _Saver, data: dict[str, Any]) -> None:
    from zorgraad.meetings.models import Meeting, MeetingStatus
    from zorgraad.meetings.services.agenda import agenda_item_add
    from zorgraad.meetings.services.attendance import attendance_set, guest_add
    from zorgraad.meetings.services.minutes import decision_add, minutes_save, partner_round_add
    from zorgraad.meetings.services.schedule import meeting_create
    from zorgraad.meetings.services.status import meeting_transition

    zone, actor = saver.zone, saver.actor
    body = _body(zone, data)
    day = _date(_v(data, "date"), "Datum van de vergadering")
    start = _time(_v(data, "start_time") or body.default_start, "Beginuur")
    end = _time(_v(data, "end_time") or body.default_end, "Einduur")
    if end <= start:
        raise ImportFailed("Het einduur moet na het beginuur liggen.")
    url = (_v(data, "online_url") or "").strip()
    if url and not re.match(r"^https?://", url):
        url = ""
    if (
        Meeting.objects.for_zone(zone)
        .filter(body=body, date=day)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        raise ImportFailed(
            f"{body.name} heeft al een vergadering op {day.strftime('%d/%m/%Y')}. "
            "Vul het verslag daar aan, of kies een andere datum."
        )
    meeting = meeting_create(
        zone=zone,
        actor=actor,
        body=body,
        data={
            "date": day,
            "start_time": start,
            "end_time": end,
            "venue": _venue_text(_v(data, "venue") or "", _v(data, "address") or ""),
            "online_url": url[:200],
            "title": "",
        },
    )
    saver.add(meeting)
    is_minutes = (_v(data, "document_type") or "verslag") != "agenda"
    # Agenda items and their minutes
    texts: dict[int, str] = {}
    for entry in data.get("items", []):
        if entry.get("skip"):
            continue
        title = (_v(entry, "title") or "").strip()[:250]
        if not title:
            continue
        item = agenda_item_add(zone=zone, actor=actor, meeting=meeting, data={"title": title})
        saver.add(item)
        if is_minutes and (entry.get("text") or "").strip():
            texts[item.pk] = entry["text"]
        for dec in entry.get("decisions", []):
            text = (_v(dec, "value") if isinstance(dec, dict) else dec) or ""
            if isinstance(dec, dict) and dec.get("skip"):
                continue
            if text.strip():
                saver.add(decision_add(zone=zone, actor=actor, meeting=meeting, text=text, item=item))
    if texts:
        minutes_save(zone=zone, actor=actor, meeting=meeting, items=texts)
    # People: the contact block first (it has organisations and e-mails), then the lists of names.
    contacts_by_name: dict[str, Person] = {}
    for c in data.get("contacts", []):
        person = _save_contact(saver, c)
        if person is not None:
            contacts_by_name[fold(_v(c, "name") or "")] = person
    statuses: dict[int, str] = {}
    for key, status in (("participants", "present"), ("excused", "excused")):
        for entry in data.get(key, []):
            if entry.get("skip"):
                continue
            name = (_v(entry, "value") or "").strip()
            if not name:
                continue
            match = (
                (entry.get("person_match") or {}).get("id")
                if isinstance(entry.get("person_match"), dict)
                else None
            )
            person = contacts_by_name.get(fold(name)) or saver.person(name, match_id=match)
            if person is None or person.pk in statuses:
                continue
            saver.add(guest_add(zone=zone, actor=actor, meeting=meeting, person=person))
            statuses[person.pk] = status
    if any(s == "excused" for s in statuses.values()):
        attendance_set(
            zone=zone,
            actor=actor,
            meeting=meeting,
            statuses={k: v for k, v in statuses.items() if v == "excused"},
        )
    # Partner round
    for entry in data.get("partner_round", []):
        if entry.get("skip") or not (entry.get("text") or "").strip():
            continue
        match = entry.get("organisation_match") or {}
        org = saver.organisation(
            _v(entry, "organisation") or "", match.get("id") if isinstance(match, dict) else None
        )
        saver.add(
            partner_round_add(zone=zone, actor=actor, meeting=meeting, text=entry["text"], organisation=org)
        )
    # Held, if the minutes are of a past meeting.
    if is_minutes and day <= timezone.localdate():
        meeting_transition(zone=zone, actor=actor, meeting=meeting, to=MeetingStatus.HELD)
    # Next meetings: planned; one the body already has that day is linked, not doubled.
    for nm in data.get("next_meetings", []):
        if nm.get("skip"):
            continue
        nday = _date(_v(nm, "date"), "Datum van een volgende vergadering")
        nstart = _time(_v(nm, "start_time") or body.default_start, "Beginuur van een volgende vergadering")
        nend = _time(_v(nm, "end_time") or body.default_end, "Einduur van een volgende vergadering")
        if nend <= nstart:
            raise ImportFailed(
                f"Volgende vergadering van {nday.strftime('%d/%m/%Y')}: het einduur moet na het beginuur liggen."
            )
        existing = (
            Meeting.objects.for_zone(zone)
            .filter(body=body, date=nday)
            .exclude(status=MeetingStatus.CANCELLED)
            .first()
        )
        if existing is not None:
            saver.add(existing, created=False)
            continue
        planned = meeting_create(
            zone=zone,
            actor=actor,
            body=body,
            data={
                "date": nday,
                "start_time": nstart,
                "end_time": nend,
                "venue": (_v(nm, "venue") or "")[:300],
                "title": "",
            },
        )
        saver.add(planned)
    saver.result.summary.append(f"Vergadering van {body.name} op {day.strftime('%d/%m/%Y')}")


def _save_contact(saver: _Saver, c: dict[str, Any]) -> Person | None:
    action = c.get("action") or "create"
    if action == "skip":
        return None
    org_match = c.get("organisation_match") if isinstance(c.get("organisation_match"), dict) else None
    org = saver.organisation(_v(c, "organisation") or "", (org_match or {}).get("id"))
    match = c.get("person_match") if isinstance(c.get("person_match"), dict) else None
    match_id = (match or {}).get("id") if action == "link" else None
    name = (_v(c, "name") or "").strip()
    if not name and not match_id:
        return None
    return saver.person(
        name,
        first=(_v(c, "first_name") or "").strip(),
        last=(_v(c, "last_name") or "").strip(),
        email=_v(c, "email") or "",
        organisation=org,
        function=(_v(c, "function") or "").strip(),
        match_id=match_id,
    )


def _save_contacts(saver: _Saver, data: dict[str, Any]) -> None:
    contacts = data.get("contacts", [])
    if not contacts:
        raise ImportFailed("Er zijn geen contacten om te importeren.")
    for number, c in enumerate(contacts, start=1):
        try:
            _save_contact(saver, c)
        except (ImportFailed, ServiceError, ValidationError) as exc:
            # say which row: a list has hundreds
            name = str(_v(c, "name") or "").strip()[:80] or "?"
            raise ImportFailed(f"Contact {number} ({name}): {_service_message(exc)}") from exc
    saver.result.summary.append(f"{len(contacts)} contacten verwerkt")


# --- plan ------------------------------------------------------------------------------------------


def _save_plan(saver: _Saver, data: dict[str, Any]) -> None:
    from zorgraad.planning import services as plan_services
    from zorgraad.planning.models import YearPlan

    zone, actor = saver.zone, saver.actor
    year = _v(data, "year")
    try:
        year = int(year)
    except (TypeError, ValueError) as exc:
        raise ImportFailed("Vul het jaar van het actieplan in.") from exc
    if YearPlan.objects.for_zone(zone).filter(year=year).exists():
        raise ImportFailed(f"Er bestaat al een actieplan voor {year} in deze zone.")
    plan = plan_services.plan_create(
        zone=zone, actor=actor, year=year, title=(_v(data, "title") or f"Acties {year}")[:200]
    )
    saver.add(plan)
    sds: dict[str, Any] = {}
    ods: dict[tuple[str, str], Any] = {}
    for s in data.get("strategic", []):
        sd = plan_services.objective_create(
            zone=zone, actor=actor, plan=plan, label=s["label"], text=s.get("text") or s["label"]
        )
        saver.add(sd)
        sds[s["label"]] = sd
        for o in s.get("operational", []):
            od = plan_services.operational_objective_create(
                zone=zone, actor=actor, strategic=sd, label=o["label"], text=o.get("text") or o["label"]
            )
            saver.add(od)
            ods[(s["label"], o["label"])] = od
    for a in data.get("actions", []):
        if a.get("skip"):
            continue
        parent = ods.get((a.get("sd_label", ""), a.get("od_label", "")))
        if parent is None:
            raise ImportFailed(f"Actie ‘{_v(a, 'title')}’ hangt niet onder een operationele doelstelling.")
        title = (_v(a, "title") or "").strip()[:300]
        if not title:
            raise ImportFailed("Elke actie heeft een titel nodig.")
        lead_kind = a.get("lead_kind", "zone")
        lead_text = (a.get("lead_text") or "").strip()
        lead_org = None
        if lead_kind == "organisation":
            # A short name is the organisation (matched or added); a sentence is a partnership.
            if lead_text and len(lead_text.split()) <= 8 and not lead_text.rstrip(".").count("."):
                lead_org = saver.organisation(lead_text.rstrip(". "), a.get("lead_organisation_id"))
            else:
                lead_kind = "consortium"
        action = plan_services.action_create(
            zone=zone,
            actor=actor,
            objective=parent,
            title=title,
            lead_organisation=lead_org,
            description=a.get("description", ""),
            scope_do=a.get("scope_do", []),
            scope_dont=a.get("scope_dont", []),
            why=a.get("why", ""),
            target_text=a.get("target_text", ""),
            lead_kind=lead_kind,
            lead_text=lead_text,
            zone_role=a.get("zone_role", "trekker"),
            zone_role_text=a.get("zone_role_text", ""),
            partners_text=a.get("partners_text", ""),
            evaluates_process=bool(a.get("evaluates_process")),
            evaluates_output=bool(a.get("evaluates_output")),
        )
        saver.add(action)
        for step in a.get("steps", []):
            saver.add(
                plan_services.step_create(
                    zone=zone,
                    actor=actor,
                    action=action,
                    text=step["text"],
                    number=(step.get("number") or "")[:10],
                    condition=step.get("condition", ""),
                    due_text=(step.get("due_text") or "")[:80],
                )
            )
        for p in a.get("process_items", []):
            saver.add(
                plan_services.process_item_create(
                    zone=zone,
                    actor=actor,
                    action=action,
                    text=p["text"],
                    group=(p.get("group") or "")[:120],
                    kind=p.get("kind", "statement"),
                )
            )
        for ind in a.get("indicators", []):
            target = ind.get("target") or {}
            extra: dict[str, Any] = {}
            if target.get("comparator"):
                extra = {
                    "comparator": target["comparator"],
                    "target": _decimal(target.get("number")),
                    "target_max": _decimal(target.get("number_max")),
                    "unit": (target.get("unit") or "")[:60],
                    "scope": target.get("scope") or "period",
                    "target_text": (target.get("text") or "")[:200],
                }
                per = (target.get("per") or "")[:60]
                if extra["scope"] == "instance":
                    extra["instance_label"] = per
                elif per:
                    extra["period_label"] = per
            saver.add(
                plan_services.indicator_create(
                    zone=zone,
                    actor=actor,
                    action=action,
                    name=ind["name"][:300],
                    group=(ind.get("group") or "")[:120],
                    kind=ind.get("kind", "number"),
                    **extra,
                )
            )
    saver.result.summary.append(f"Actieplan {year}")


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
