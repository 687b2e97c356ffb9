"""The staff flow: upload, preview with the uncertain fields marked, correct, confirm; bad files in Dutch."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zorgraad.governance.models import Body, BodyKind
from zorgraad.importer import quality
from zorgraad.importer.models import ImportedDocument, ImportStatus
from zorgraad.meetings.models import AgendaItem, Attendance, Meeting, MeetingStatus
from zorgraad.network.models import Person

pytestmark = pytest.mark.django_db
DOCS = quality.FIXTURES


@pytest.fixture
def body(zone: Any) -> Body:
    return Body.objects.create(
        zone=zone,
        name="Werkgroep dementie",
        slug="werkgroep-dementie",
        kind=BodyKind.WORKGROUP if hasattr(BodyKind, "WORKGROUP") else BodyKind.CLUSTER,
        default_start=dt.time(14),
        default_end=dt.time(16),
    )


def _upload(client: Client, zone: Any, name: str, data: bytes | None = None, kind: str = "") -> Any:
    content = data if data is not None else (DOCS / name).read_bytes()
    url = reverse("importer:upload", kwargs={"zone": zone.slug})
    page = client.get(url)
    token = page.context["form_token"]
    return client.post(url, {"file": SimpleUploadedFile(name, content), "kind": kind, "form_token": token})


def _form_data(page: Any) -> dict[str, Any]:
    """The preview form as the browser would post it, untouched."""
    form = page.context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(value, bool) or getattr(field.widget, "input_type", "") == "checkbox":
            if value:
                data[name] = "on"
            continue
        if value is None:
            continue
        if isinstance(value, dt.date):
            value = value.isoformat()
        data[name] = value
    return data


def test_upload_preview_correct_confirm(staff_client: Client, zone: Any, body: Body) -> None:
    response = _upload(staff_client, zone, "minutes_werkgroep_2026.docx")
    assert response.status_code == 302
    doc = ImportedDocument.objects.for_zone(zone).get()
    page = staff_client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Onzeker: geen einduur in het document" in html  # the next meeting without an end
    assert "Data in deze tekst (mogelijke activiteiten): 20/03/2026" in html  # from the partner round
    assert Meeting.objects.for_zone(zone).count() == 0  # nothing saved by the preview
    data = _form_data(page)
    data["date"] = "2026-03-05"  # one correction
    data["participants"] = "Nora Claes\nPieter Jacobs\nEvi Maes\nLars Wouters\nJana Peeters"
    data["confirm"] = "1"
    done = staff_client.post(response["Location"], data)
    assert done.status_code == 302
    meeting = Meeting.objects.for_zone(zone).get(body=body, date=dt.date(2026, 3, 5))
    names = sorted(
        a.person.full_name
        for a in Attendance.objects.for_zone(zone).filter(meeting=meeting, status="present")
    )
    assert names == ["Evi Maes", "Jana Peeters", "Lars Wouters", "Nora Claes", "Pieter Jacobs"]
    assert (
        Meeting.objects.for_zone(zone)
        .filter(body=body, date=dt.date(2026, 5, 12), status=MeetingStatus.PLANNED)
        .exists()
    )
    doc.refresh_from_db()
    assert doc.status == ImportStatus.IMPORTED
    assert doc.extraction["date"]["value"] == "2026-03-05" and doc.extraction["date"]["corrected"]
    summary = staff_client.get(response["Location"])
    assert (
        reverse("meetings:meeting_detail", kwargs={"zone": zone.slug, "pk": meeting.pk})
        in summary.content.decode()
    )
    # Posting the confirmation again changes nothing.
    again = staff_client.post(response["Location"], data)
    assert again.status_code == 200
    assert Meeting.objects.for_zone(zone).filter(body=body).count() == 2


def test_the_server_keeps_the_extraction_a_posted_blob_is_ignored(
    staff_client: Client, zone: Any, body: Body
) -> None:
    response = _upload(staff_client, zone, "minutes_werkgroep_2026.docx")
    page = staff_client.get(response["Location"])
    data = _form_data(page)
    data["confirm"] = "1"
    data["extraction"] = '{"kind": "minutes", "items": [{"title": {"value": "Ingeschoven"}}]}'
    data["item_99_title"] = "Ingeschoven"
    staff_client.post(response["Location"], data)
    titles = list(AgendaItem.objects.for_zone(zone).values_list("title", flat=True))
    assert "Ingeschoven" not in titles and "Inloophuis dementie" in titles


def test_an_invalid_correction_is_refused_in_dutch_and_nothing_saved(
    staff_client: Client, zone: Any, body: Body
) -> None:
    response = _upload(staff_client, zone, "minutes_werkgroep_2026.docx")
    page = staff_client.get(response["Location"])
    data = _form_data(page)
    data.update({"date": "2026-02-30", "end_time": "10:00", "confirm": "1"})
    result = staff_client.post(response["Location"], data)
    assert result.status_code == 400
    html = result.content.decode()
    assert "Het einduur moet na het beginuur liggen." in html
    assert Meeting.objects.for_zone(zone).count() == 0


def test_discard_saves_nothing(staff_client: Client, zone: Any, body: Body) -> None:
    response = _upload(staff_client, zone, "minutes_werkgroep_2026.docx")
    staff_client.post(response["Location"], {"discard": "1"})
    assert ImportedDocument.objects.for_zone(zone).get().status == ImportStatus.DISCARDED
    assert Meeting.objects.for_zone(zone).count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.docx", b"", "Het bestand is leeg"),
        ("kapot.docx", b"PK\x03\x04kapot", "beschadigd"),
        ("foto.png", b"\x89PNG\r\n", "niet ondersteund"),
        ("geheim.pdf", b"%PDF-1.7\n1 0 obj <</Encrypt 2 0 R>> endobj\n%%EOF", "PDF"),
    ],
)
def test_bad_uploads_get_a_dutch_message_not_an_error(
    staff_client: Client, zone: Any, name: str, data: bytes, message: str
) -> None:
    response = _upload(staff_client, zone, name, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ImportedDocument.objects.for_zone(zone).count() == 0


def test_contacts_spreadsheet_mapping_screen(staff_client: Client, zone: Any) -> None:
    Person.objects.create(zone=zone, first_name="Wim", last_name="Baert", email="wim.baert@logodender.be")
    response = _upload(staff_client, zone, "contacts.xlsx")
    page = staff_client.get(response["Location"])
    html = page.content.decode()
    assert "Kolommen" in html and "Geboortejaar" in html
    assert "Bestaande persoon: Wim Baert" in html
    doc = ImportedDocument.objects.for_zone(zone).get()
    mapping_url = reverse("importer:mapping", kwargs={"zone": zone.slug, "pk": doc.pk})
    cols = list(doc.mapping)
    post = {f"col_{i}": doc.mapping[c] for i, c in enumerate(cols)}
    post[f"col_{cols.index('Rol')}"] = ""
    staff_client.post(mapping_url, post)
    doc.refresh_from_db()
    assert doc.mapping["Rol"] == ""


def test_other_zone_staff_cannot_see_or_confirm(
    client_as: Any, staff_client: Client, zone: Any, body: Body
) -> None:
    response = _upload(staff_client, zone, "minutes_werkgroep_2026.docx")
    doc = ImportedDocument.objects.for_zone(zone).get()
    other = client_as("other_staff")
    assert other.get(response["Location"]).status_code in (403, 404)
    url = reverse("importer:original", kwargs={"zone": zone.slug, "pk": doc.pk})
    assert other.get(url).status_code in (403, 404)
    assert staff_client.get(url).content == (DOCS / "minutes_werkgroep_2026.docx").read_bytes()


def test_the_list_of_earlier_imports_costs_the_same_queries_for_2_and_20(
    staff_client: Client, zone: Any, django_assert_max_num_queries: Any
) -> None:
    url = reverse("importer:upload", kwargs={"zone": zone.slug})

    def make(n: int) -> None:
        for i in range(n):
            ImportedDocument.objects.create(
                zone=zone, kind="minutes", filename=f"v{i}.txt", content=b"x", size=1
            )

    make(2)
    staff_client.get(url)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(url)
    make(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = staff_client.get(url)
    assert page.content.decode().count("v1") >= 1
