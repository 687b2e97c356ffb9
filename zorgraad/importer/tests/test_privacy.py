"""What the importer keeps of an uploaded file, and what is left of a person after their erasure."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.importer import services
from zorgraad.importer.models import ImportedDocument, ImportStatus
from zorgraad.network.models import Person
from zorgraad.network.services import privacy

pytestmark = pytest.mark.django_db

EMAIL = "mira.wissel@example.be"
CSV = (
    "Voornaam;Achternaam;E-mail;Telefoon;Organisatie\n"
    f"Mira;Wisselaar;{EMAIL};0470 12 34 56;CAW Halle\n"
    "Anke;Naastenbos;anke@example.be;0470 65 43 21;OCMW Asse\n"
).encode()
TRACES = ("mira", "wisselaar", EMAIL, "0470 12 34 56")


def _upload(zone: Any, actor: Any, data: bytes = CSV, filename: str = "contacten.csv") -> ImportedDocument:
    return services.document_upload(zone=zone, actor=actor, filename=filename, data=data)


def _stored(document: ImportedDocument) -> str:
    """Everything stored of a document, as lower-case text."""
    row = ImportedDocument.objects.for_zone(document.zone_id).get(pk=document.pk)
    text = json.dumps([row.filename, row.extraction, row.rows], ensure_ascii=False)
    return (text + bytes(row.content).decode("utf-8", "replace")).lower()


def _url(name: str, zone: Any, document: ImportedDocument) -> str:
    return reverse(name, kwargs={"zone": zone.slug, "pk": document.pk})


def _mira(zone: Any) -> Person:
    return Person.objects.for_zone(zone).get(email=EMAIL)


# --- keeping no more than the job needs -------------------------------------------------------------


def test_a_confirmed_import_drops_the_rows_it_read_and_keeps_its_original(zone, users, staff_client):
    doc = _upload(zone, users["staff"])
    assert len(doc.rows) == 3  # kept while pending, to apply another column mapping
    services.document_confirm(zone=zone, actor=users["staff"], document=doc)

    doc.refresh_from_db()
    assert doc.status == ImportStatus.IMPORTED and doc.rows == []
    assert doc.mapping["E-mail"] == "email"  # the column meanings are no personal data
    assert doc.original_removed_at is None
    response = staff_client.get(_url("importer:original", zone, doc))
    assert response.status_code == 200 and b"Wisselaar" in response.content


def test_a_cancelled_import_keeps_nothing_of_the_file(zone, users, staff_client):
    doc = _upload(zone, users["staff"])
    services.document_discard(zone=zone, actor=users["staff"], document=doc)

    doc.refresh_from_db()
    assert (doc.status, bytes(doc.content), doc.extraction, doc.rows) == (ImportStatus.DISCARDED, b"", {}, [])
    assert doc.original_removed_at is not None
    assert not any(trace in _stored(doc) for trace in TRACES)
    gone = staff_client.get(_url("importer:original", zone, doc))
    assert gone.status_code == 410
    assert "Origineel bestand verwijderd" in gone.content.decode()
    history = staff_client.get(reverse("importer:upload", kwargs={"zone": zone.slug}))
    assert history.status_code == 200 and "contacten.csv" in history.content.decode()
    page = staff_client.get(_url("importer:preview", zone, doc)).content.decode()
    assert "origineel bestand verwijderd op" in page and _url("importer:original", zone, doc) not in page


# --- erasure --------------------------------------------------------------------------------------


def test_erasure_redacts_a_confirmed_import_and_deletes_its_original(zone, other_zone, users, staff_client):
    doc = _upload(zone, users["staff"])
    services.document_confirm(zone=zone, actor=users["staff"], document=doc)
    elsewhere = _upload(other_zone, users["other_staff"])
    elsewhere_before = _stored(elsewhere)
    person = _mira(zone)
    assert privacy.person_erase_preview(zone=zone, person=person)["notes"] == [
        "Het originele bestand van 1 geïmporteerd document waarin de persoon staat, wordt verwijderd; "
        "wat eruit ingelezen werd, blijft bewaard zonder de persoon."
    ]

    privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Vraag per mail")

    doc.refresh_from_db()
    stored = _stored(doc)
    assert not any(trace in stored for trace in TRACES), stored
    assert "naastenbos" in stored  # someone else's entry stays in what was confirmed
    assert bytes(doc.content) == b"" and doc.original_removed_at is not None
    person.refresh_from_db()
    export = json.dumps(privacy.person_data_export(zone=zone, actor=users["staff"], person=person)).lower()
    assert not any(trace in export for trace in TRACES)
    # the import history still works; the original link answers that the file is gone
    assert staff_client.get(reverse("importer:upload", kwargs={"zone": zone.slug})).status_code == 200
    done = staff_client.get(_url("importer:preview", zone, doc))
    assert done.status_code == 200 and "origineel bestand verwijderd op" in done.content.decode()
    assert staff_client.get(_url("importer:original", zone, doc)).status_code == 410
    # the other zone's import of the same list: untouched
    assert _stored(elsewhere) == elsewhere_before


def test_erasure_redacts_the_persons_cells_in_a_pending_import(zone, users, staff_client):
    person = services_person(zone, users)
    # a pending list naming the person in cells of their own: first name, last name, address
    pending = _upload(zone, users["staff"], filename="nieuwe lijst.csv")
    assert any(r[:2] == ["Mira", "Wisselaar"] for r in pending.rows)

    privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Vraag per mail")

    pending.refresh_from_db()
    assert pending.status == ImportStatus.PENDING
    assert pending.rows[1] == ["[gewist]"] * 5
    assert pending.rows[2] == ["Anke", "Naastenbos", "anke@example.be", "0470 65 43 21", "OCMW Asse"]
    mira, anke = pending.extraction["contacts"]
    assert mira["first_name"]["value"] == mira["last_name"]["value"] == mira["email"]["value"] == "[gewist]"
    assert anke["last_name"]["value"] == "Naastenbos"
    assert not any(trace in _stored(pending) for trace in TRACES)
    assert pending.original_removed_at is not None
    # the pending import can still be checked and its columns mapped again
    assert staff_client.get(_url("importer:preview", zone, pending)).status_code == 200
    services.remap_contacts(zone=zone, document=pending, mapping=pending.mapping)
    pending.refresh_from_db()
    assert [c["last_name"]["value"] for c in pending.extraction["contacts"]] == ["[gewist]", "Naastenbos"]


def services_person(zone: Any, users: dict[str, Any]) -> Person:
    from zorgraad.network import services as network

    return network.person_create(
        zone=zone, actor=users["staff"], data={"first_name": "Mira", "last_name": "Wisselaar", "email": EMAIL}
    )


def test_the_export_lists_a_pending_import_that_names_the_person(zone, users):
    person = services_person(zone, users)
    pending = _upload(zone, users["staff"])
    other_list = CSV.replace(b"Mira;Wisselaar;" + EMAIL.encode(), b"Jo;Ander;jo@example.be")
    _upload(zone, users["staff"], data=other_list, filename="andere lijst.csv")

    data = privacy.person_data_export(zone=zone, actor=users["staff"], person=person)
    assert [d["id"] for d in data["records"]["importer.importeddocument"]] == [pending.pk]


def test_erasing_someone_not_in_any_import_leaves_the_imports_alone(zone, users):
    doc = _upload(zone, users["staff"])
    services.document_confirm(zone=zone, actor=users["staff"], document=doc)
    pending = _upload(zone, users["staff"])
    before = (_stored(doc), _stored(pending))
    stranger = services_person_named(zone, users, "Olaf", "Zonderimport")

    privacy.person_erase(zone=zone, actor=users["staff"], person=stranger, reason="Verzoek")

    assert (_stored(doc), _stored(pending)) == before
    doc.refresh_from_db()
    pending.refresh_from_db()
    assert doc.original_removed_at is None and pending.original_removed_at is None


def services_person_named(zone: Any, users: dict[str, Any], first: str, last: str) -> Person:
    from zorgraad.network import services as network

    return network.person_create(
        zone=zone, actor=users["staff"], data={"first_name": first, "last_name": last}
    )
