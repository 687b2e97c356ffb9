"""Saving what was confirmed: whole or nothing, linked to the source document, through the apps' services."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from zorgraad.governance.models import Body, BodyKind
from zorgraad.importer import quality, services
from zorgraad.importer.models import ImportedDocument, ImportedRecord, ImportStatus
from zorgraad.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingStatus,
    PartnerRoundEntry,
)
from zorgraad.network.models import Affiliation, Organisation, Person

pytestmark = pytest.mark.django_db
DOCS = quality.FIXTURES


def _body(zone: Any, name: str, start: dt.time = dt.time(13, 30), end: dt.time = dt.time(16, 0)) -> Body:
    slug = name.lower().replace(" ", "-")
    return Body.objects.create(
        zone=zone, name=name, slug=slug, kind=BodyKind.CLUSTER, default_start=start, default_end=end
    )


def _counts(zone: Any) -> tuple[int, ...]:
    return (
        Meeting.objects.for_zone(zone).count(),
        AgendaItem.objects.for_zone(zone).count(),
        Person.objects.for_zone(zone).count(),
        Organisation.objects.for_zone(zone).count(),
        Affiliation.objects.for_zone(zone).count(),
        ImportedRecord.objects.for_zone(zone).count(),
    )


def _upload(zone: Any, user: Any, name: str, kind: str | None = None) -> ImportedDocument:
    path = DOCS / name
    return services.document_upload(
        zone=zone, actor=user, filename=name, data=path.read_bytes(), kind=kind, today=dt.date(2026, 12, 2)
    )


def test_upload_saves_nothing_but_the_pending_document(zone: Any, users: Any) -> None:
    _body(zone, "Clusteroverleg welzijn")
    before = _counts(zone)
    doc = _upload(zone, users["staff"], "minutes_welzijn_2025.txt")
    assert doc.status == ImportStatus.PENDING and doc.kind == "minutes"
    assert bytes(doc.content) == (DOCS / "minutes_welzijn_2025.txt").read_bytes()
    assert doc.extraction["body"]["value"] == "Clusteroverleg welzijn"
    assert _counts(zone) == before


def test_confirmed_minutes_become_a_meeting_with_everything_linked(zone: Any, users: Any) -> None:
    body = _body(zone, "Clusteroverleg welzijn")
    doc = _upload(zone, users["staff"], "minutes_welzijn_2025.txt")
    result = services.document_confirm(zone=zone, actor=users["staff"], document=doc)
    meeting = Meeting.objects.for_zone(zone).get(body=body, date=dt.date(2025, 10, 14))
    assert meeting.status == MeetingStatus.HELD
    assert (meeting.start_time, meeting.end_time) == (dt.time(13, 30), dt.time(16, 0))
    assert meeting.venue == "WZC De Linde, Kerkstraat 12, 1740 Ternat"
    items = list(AgendaItem.objects.for_zone(zone).filter(meeting=meeting).order_by("order"))
    assert [i.title for i in items][:2] == [
        "Goedkeuring verslag vorige vergadering – toelichting nieuwe website",
        "Voorstelling Buurtwerk Zuid",
    ]
    assert "vrijwilligers" in items[1].minutes
    assert Decision.objects.for_zone(zone).filter(meeting=meeting).count() == 3
    round_orgs = [
        e.organisation.name if e.organisation else ""
        for e in PartnerRoundEntry.objects.for_zone(zone).filter(meeting=meeting)
    ]
    assert "CAW" in round_orgs and "Familiehulp" in round_orgs
    planned = Meeting.objects.for_zone(zone).filter(body=body, status=MeetingStatus.PLANNED).order_by("date")
    assert [m.date for m in planned] == [dt.date(2026, 2, 12), dt.date(2026, 5, 19), dt.date(2026, 10, 12)]
    assert planned[2].end_time == dt.time(16, 0)  # the body's default for 'Om 13u30'
    # The contact block: people with their organisation; the invalid address is not stored.
    marleen = Person.objects.for_zone(zone).get(first_name="Marleen", last_name="Wouters")
    assert marleen.email == ""
    assert marleen.affiliations.get().organisation.name == "ELZ Zonnedal"
    ilse = Person.objects.for_zone(zone).get(email="ilse.vandenbroeck@ternat.be")
    assert ilse.last_name == "Van den Broeck"
    assert (
        Attendance.objects.for_zone(zone).filter(meeting=meeting).count() == 0
    )  # 'Zie aparte deelnemerslijst'
    doc.refresh_from_db()
    assert doc.status == ImportStatus.IMPORTED and doc.confirmed_by == users["staff"]
    linked = ImportedRecord.objects.for_zone(zone).filter(document=doc)
    assert linked.filter(content_type__model="meeting").count() == 4
    assert linked.filter(content_type__model="person").count() == 5
    assert result.created


def test_confirm_saves_exactly_what_was_confirmed(zone: Any, users: Any) -> None:
    body = _body(zone, "Werkgroep dementie", dt.time(14), dt.time(16))
    doc = _upload(zone, users["staff"], "minutes_werkgroep_2026.docx")
    edited = copy.deepcopy(doc.extraction)
    edited["date"]["value"] = "2026-03-05"
    edited["items"][0]["title"]["value"] = "Welkom"
    edited["items"][2]["skip"] = True
    edited["excused"] = []
    edited["participants"] = edited["participants"][:2]
    services.document_confirm(zone=zone, actor=users["staff"], document=doc, extraction=edited)
    meeting = Meeting.objects.for_zone(zone).get(body=body, date=dt.date(2026, 3, 5))
    titles = list(AgendaItem.objects.for_zone(zone).filter(meeting=meeting).values_list("title", flat=True))
    assert titles == ["Welkom", "Inloophuis dementie", "Volgende vergadering"]
    people = sorted(a.person.full_name for a in Attendance.objects.for_zone(zone).filter(meeting=meeting))
    assert people == ["Nora Claes", "Pieter Jacobs"]
    assert meeting.online_url == "https://teams.example.org/meet/dementie"
    doc.refresh_from_db()
    assert doc.extraction["date"]["value"] == "2026-03-05"  # the confirmed version is what is kept
    assert not Meeting.objects.for_zone(zone).filter(date=dt.date(2026, 3, 4)).exists()


def test_a_bad_value_saves_nothing_at_all(zone: Any, users: Any) -> None:
    _body(zone, "Clusteroverleg welzijn")
    doc = _upload(zone, users["staff"], "minutes_welzijn_2025.txt")
    before = _counts(zone)
    edited = copy.deepcopy(doc.extraction)
    edited["next_meetings"][2]["date"]["value"] = "2026-02-30"  # the last step fails
    with pytest.raises(services.ImportFailed, match="geen geldige datum"):
        services.document_confirm(zone=zone, actor=users["staff"], document=doc, extraction=edited)
    assert _counts(zone) == before
    doc.refresh_from_db()
    assert doc.status == ImportStatus.PENDING


def test_a_second_import_of_the_same_meeting_is_refused(zone: Any, users: Any) -> None:
    _body(zone, "Clusteroverleg welzijn")
    services.document_confirm(
        zone=zone, actor=users["staff"], document=_upload(zone, users["staff"], "minutes_welzijn_2025.txt")
    )
    again = _upload(zone, users["staff"], "minutes_welzijn_2025.txt")
    before = _counts(zone)
    with pytest.raises(services.ImportFailed, match="heeft al een vergadering"):
        services.document_confirm(zone=zone, actor=users["staff"], document=again)
    assert _counts(zone) == before


def test_another_zones_body_or_document_is_refused(zone: Any, other_zone: Any, users: Any) -> None:
    foreign = _body(other_zone, "Werkgroep dementie")
    _body(zone, "Werkgroep dementie")
    doc = _upload(zone, users["staff"], "minutes_werkgroep_2026.docx")
    edited = copy.deepcopy(doc.extraction)
    edited["body_id"] = foreign.pk
    with pytest.raises(services.ImportFailed, match="hoort niet bij deze eerstelijnszone"):
        services.document_confirm(zone=zone, actor=users["staff"], document=doc, extraction=edited)
    with pytest.raises(services.ImportFailed, match="hoort niet bij deze eerstelijnszone"):
        services.document_confirm(zone=other_zone, actor=users["other_staff"], document=doc)


def test_an_agenda_gives_a_planned_meeting_with_its_agenda(zone: Any, users: Any) -> None:
    body = _body(zone, "Forum buurtgerichte zorg", dt.time(9), dt.time(12))
    doc = _upload(zone, users["staff"], "agenda_forum.txt")
    services.document_confirm(zone=zone, actor=users["staff"], document=doc)
    meeting = Meeting.objects.for_zone(zone).get(body=body, date=dt.date(2026, 2, 6))
    assert meeting.status == MeetingStatus.PLANNED
    assert AgendaItem.objects.for_zone(zone).filter(meeting=meeting).count() == 3
    assert Meeting.objects.for_zone(zone).filter(body=body).count() == 3


def test_contacts_spreadsheet_into_the_directory_matching_existing_records(zone: Any, users: Any) -> None:
    existing = Person.objects.create(
        zone=zone, first_name="Dirk", last_name="Lambrechts", email="dirk.lambrechts@zele.be"
    )
    doc = _upload(zone, users["staff"], "contacts.csv")
    rows = doc.extraction["contacts"]
    assert rows[1]["person_match"]["id"] == existing.pk and rows[1]["action"] == "link"
    assert doc.extraction["columns"]["Opmerking"] == ""
    services.document_confirm(zone=zone, actor=users["staff"], document=doc)
    assert Person.objects.for_zone(zone).filter(last_name="Lambrechts").count() == 1
    assert existing.affiliations.get().organisation.name == "OCMW Zele"
    fatima = Person.objects.for_zone(zone).get(first_name="Fatima")
    assert fatima.email == ""  # 'fatima.ouali@zele_be' is shown, never stored


def test_remapping_columns_is_applied_server_side(zone: Any, users: Any) -> None:
    doc = _upload(zone, users["staff"], "contacts.xlsx")
    mapping = dict(doc.mapping)
    mapping["Rol"] = ""
    services.remap_contacts(zone=zone, document=doc, mapping=mapping)
    assert all(c["function"]["value"] == "" for c in doc.extraction["contacts"])
    with pytest.raises(services.ImportFailed):
        services.remap_contacts(zone=zone, document=doc, mapping={"Naam": "name", "Mail": "name"})


def test_plan_into_the_plan_tree(zone: Any, users: Any) -> None:
    from zorgraad.planning.models import Action, Indicator, OperationalObjective, Step, StrategicObjective

    doc = _upload(zone, users["staff"], "plan_2026.txt", kind="plan")
    services.document_confirm(zone=zone, actor=users["staff"], document=doc)
    labels = list(StrategicObjective.objects.for_zone(zone).values_list("label", flat=True))
    assert labels == ["Strategische doelstelling 2", "Strategische doelstelling 4"]
    assert OperationalObjective.objects.for_zone(zone).count() == 2
    assert Action.objects.for_zone(zone).count() == 3
    per_evening = Indicator.objects.for_zone(zone).get(name__startswith="Aantal deelnemers per netwerkavond")
    assert (per_evening.comparator, per_evening.target, per_evening.scope) == ("gte", 20, "instance")
    assert Step.objects.for_zone(zone).filter(number="1a").exists()
    kern = Action.objects.for_zone(zone).get(title="Kerngroep mantelzorg")
    assert kern.lead_kind == "tbd" and kern.zone_role == "faciliterend" and not kern.evaluates_process


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.txt", b"", "leeg"),
        ("kapot.docx", b"PK\x03\x04 kapot", "beschadigd"),
        ("lijst.csv", b"Kolom A;Kolom B\nx;y\n", None),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(
    zone: Any, users: Any, name: str, data: bytes, message: str | None
) -> None:
    before = ImportedDocument.objects.for_zone(zone).count()
    if message:
        with pytest.raises(services.ImportFailed, match=message):
            services.document_upload(zone=zone, actor=users["staff"], filename=name, data=data)
        assert ImportedDocument.objects.for_zone(zone).count() == before
    else:
        doc = services.document_upload(zone=zone, actor=users["staff"], filename=name, data=data)
        assert "Geen enkele kolom" in doc.extraction["warnings"][0]
        with pytest.raises(services.ImportFailed, match="geen contacten"):
            services.document_confirm(zone=zone, actor=users["staff"], document=doc)


def test_kind_detection() -> None:
    assert services.detect_kind((DOCS / "plan_2026.txt").read_text()) == "plan"
    assert services.detect_kind((DOCS / "minutes_welzijn_2025.txt").read_text()) == "minutes"
    assert services.detect_kind((DOCS / "contacts_block.txt").read_text()) == "contacts"
    assert services.detect_kind("a;b", ".csv") == "contacts"
