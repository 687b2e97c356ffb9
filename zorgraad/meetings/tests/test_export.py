"""Export of minutes to .docx and .pdf: the files are opened again and their content checked."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.governance.models import Body, BodyKind, Membership, MembershipRole
from zorgraad.meetings import exporters
from zorgraad.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    PartnerRoundEntry,
)
from zorgraad.network.models import Affiliation, Organisation, Person

pytestmark = pytest.mark.django_db


# --- helpers ------------------------------------------------------------------------------------


def make_body(zone: Any, name: str = "Clusteroverleg welzijn", slug: str = "clusteroverleg-welzijn") -> Body:
    return Body.objects.create(zone=zone, name=name, slug=slug, kind=BodyKind.CLUSTER, is_open=True)


def make_person(
    zone: Any, first: str, last: str, org: Organisation | None = None, function: str = ""
) -> Person:
    email = f"{first}.{last}".lower().replace(" ", "") + "@example.be"
    person = Person.objects.create(zone=zone, first_name=first, last_name=last, email=email)
    if org is not None:
        Affiliation.objects.create(zone=zone, person=person, organisation=org, function=function)
    return person


def make_meeting(zone: Any, body: Body | None = None, *, people: int = 3, items: int = 3) -> Meeting:
    """A held meeting with attendance, minutes, a decision, a follow-up and a partner round."""
    body = body or make_body(zone)
    venue = Organisation.objects.create(
        zone=zone,
        name="Woonzorgcentrum De Proefhoeve",
        street="Voorbeeldstraat 1",
        postal_code="1785",
        city="Merchtem",
    )
    caw = Organisation.objects.create(zone=zone, name="CAW Voorbeeldregio")
    meeting = Meeting.objects.create(
        zone=zone,
        body=body,
        date=dt.date(2025, 10, 9),
        start_time=dt.time(13, 30),
        end_time=dt.time(16, 0),
        venue_organisation=venue,
        status=MeetingStatus.HELD,
        intro="Er waren heel wat verontschuldigingen.",
    )
    chair = make_person(zone, "Mira", "Voorbeeld", caw, "Teamcoördinator")
    Attendance.objects.create(zone=zone, meeting=meeting, person=chair, organisation=caw, status="present")
    for n in range(people - 1):
        person = make_person(zone, "Jan", f"Proef{n}", venue, "Maatschappelijk werker")
        Attendance.objects.create(zone=zone, meeting=meeting, person=person, status=AttendanceStatus.PRESENT)
    excused = make_person(zone, "Tine", "Afwezig", caw, "Directeur")
    Attendance.objects.create(zone=zone, meeting=meeting, person=excused, status=AttendanceStatus.EXCUSED)
    approval = AgendaItem.objects.create(
        zone=zone,
        meeting=meeting,
        order=1,
        title="Goedkeuring verslag vorige vergadering",
        minutes="Het verslag wordt zonder opmerkingen goedgekeurd.\n\nDe agenda en het verslag verschijnen:\n"
        "- in de nieuwsbrief\n- op de website",
        is_fixed=True,
    )
    Decision.objects.create(
        zone=zone, meeting=meeting, item=approval, text="Het verslag van 27 november 2024 is goedgekeurd."
    )
    screening = AgendaItem.objects.create(
        zone=zone,
        meeting=meeting,
        order=2,
        title="Perinataal screeningstraject",
        presenter=chair,
        minutes="Elke zwangere wordt bevraagd.\nEén indicator: adviesgesprek.",
    )
    FollowUp.objects.create(
        zone=zone,
        meeting=meeting,
        item=screening,
        description="Contactpersonen per organisatie doorgeven",
        owner=chair,
        due_date=dt.date(2025, 11, 15),
    )
    for n in range(items):
        AgendaItem.objects.create(
            zone=zone, meeting=meeting, order=10 + n, title=f"Extra punt {n}", minutes="Kort besproken."
        )
    AgendaItem.objects.create(zone=zone, meeting=meeting, order=90, title="Rondje partners", is_fixed=True)
    PartnerRoundEntry.objects.create(
        zone=zone, meeting=meeting, organisation=caw, text="Infoavond over budgetbeheer op 20 november."
    )
    Meeting.objects.create(
        zone=zone,
        body=body,
        date=dt.date(2026, 3, 17),
        start_time=dt.time(8, 30),
        end_time=dt.time(10, 30),
        venue="LDC Den Proefstaak, Opwijk",
    )
    return meeting


def docx_text(content: bytes) -> tuple[list[tuple[str, str]], str]:
    from docx import Document

    doc = Document(io.BytesIO(content))
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in doc.paragraphs]
    return paragraphs, "\n".join(text for _style, text in paragraphs)


def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "verslag.pdf"
        path.write_bytes(content)
        result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


# --- Dutch dates and text blocks ----------------------------------------------------------------


def test_dutch_dates_and_times() -> None:
    assert exporters.dutch_date(dt.date(2025, 10, 9)) == "Donderdag 9 oktober 2025"
    assert exporters.dutch_date(dt.date(2024, 11, 27)) == "Woensdag 27 november 2024"
    assert exporters.dutch_date(dt.date(2026, 3, 17), weekday=False) == "17 maart 2026"
    assert exporters.time_range(dt.time(13, 30), dt.time(16, 0)) == "Van 13u30 tot 16u"
    assert exporters.dutch_time(dt.time(8, 5)) == "8u05"


def test_text_blocks_split_paragraphs_and_bullets() -> None:
    blocks = exporters.text_blocks("Eerste regel\ntweede regel\n\n- een\n- twee\nNa de lijst\r\n\n\n")
    assert [(b.kind, b.lines) for b in blocks] == [
        ("p", ["Eerste regel", "tweede regel"]),
        ("ul", ["een", "twee"]),
        ("p", ["Na de lijst"]),
    ]
    assert exporters.text_blocks("") == []


# --- .docx ---------------------------------------------------------------------------------------


def test_docx_has_the_layout_of_the_minutes(zone: Any) -> None:
    meeting = make_meeting(zone)
    paragraphs, text = docx_text(exporters.minutes_docx(meeting, internal=False))

    # Held, not yet approved: a draft.
    assert paragraphs[0] == ("Title", "Ontwerpverslag Clusteroverleg welzijn AMALO")
    assert "Datum\tDonderdag 9 oktober 2025" in text
    assert "Tijdstip\tVan 13u30 tot 16u" in text
    assert "Locatie\tWoonzorgcentrum De Proefhoeve, Voorbeeldstraat 1, 1785 Merchtem" in text
    headings = [t for style, t in paragraphs if style.startswith("Heading")]
    assert headings[:2] == ["1 Deelnemers", "2 Verslag"]
    assert "1. Goedkeuring verslag vorige vergadering" in headings
    assert "2. Perinataal screeningstraject" in headings
    assert "6. Rondje partners" in headings
    assert "Jan Proef0 – Jan Proef1 – Mira Voorbeeld" in text  # by family name
    assert "Verontschuldigd: Tine Afwezig" in text
    # "- " lines became bullets, the other lines stayed a paragraph with a line break
    bullets = [t for style, t in paragraphs if style == "List Bullet"]
    assert "in de nieuwsbrief" in bullets and "op de website" in bullets
    assert "Elke zwangere wordt bevraagd.\nEén indicator: adviesgesprek." in text
    assert "Beslissing: Het verslag van 27 november 2024 is goedgekeurd." in text
    assert (
        "Opvolging: Contactpersonen per organisatie doorgeven (Mira Voorbeeld, tegen 15 november 2025)"
        in text
    )
    assert "Wordt gebracht door Mira Voorbeeld." in text
    assert "CAW Voorbeeldregio – Infoavond over budgetbeheer op 20 november." in bullets
    assert "Dinsdag 17 maart 2026 – van 8u30 tot 10u30 – LDC Den Proefstaak, Opwijk" in bullets
    # the public copy has no contact details
    assert "3 Contactgegevens deelnemers" not in headings
    assert "@example.be" not in text


def test_docx_internal_copy_adds_contact_details_of_present_people_only(zone: Any) -> None:
    meeting = make_meeting(zone)
    paragraphs, text = docx_text(exporters.minutes_docx(meeting, internal=True))

    headings = [t for style, t in paragraphs if style.startswith("Heading")]
    assert headings[-1] == "3 Contactgegevens deelnemers"
    assert "Mira Voorbeeld - Teamcoördinator - CAW Voorbeeldregio - mira.voorbeeld@example.be" in text
    assert (
        "Jan Proef0 - Maatschappelijk werker - Woonzorgcentrum De Proefhoeve - jan.proef0@example.be" in text
    )
    assert "tine.afwezig@example.be" not in text  # excused, not present
    assert "Interne versie" in text


def test_docx_of_a_meeting_without_anything_yet(zone: Any) -> None:
    body = make_body(zone)
    meeting = Meeting.objects.create(
        zone=zone,
        body=body,
        date=dt.date(2026, 5, 7),
        start_time=dt.time(13, 30),
        end_time=dt.time(16, 0),
        online_url="https://vergader.example.be/welzijn",
    )
    paragraphs, text = docx_text(exporters.minutes_docx(meeting, internal=True))
    assert "Datum\tDonderdag 7 mei 2026" in text
    assert "Locatie\tOnline: https://vergader.example.be/welzijn" in text
    assert "Geen aanwezigheden genoteerd." in text
    assert "Geen aanwezigen genoteerd." in text


def test_export_reads_with_a_fixed_number_of_queries(zone: Any, django_assert_max_num_queries: Any) -> None:
    small = make_meeting(zone, people=1, items=1)
    with django_assert_max_num_queries(8):
        exporters.minutes_document(small, internal=True)
    other = make_body(zone, name="Werkgroep ouderen", slug="werkgroep-ouderen")
    big = make_meeting(zone, other, people=40, items=30)
    with django_assert_max_num_queries(8):
        data = exporters.minutes_document(big, internal=True)
    assert len(data.present) == 40 and len(data.contacts) == 40 and len(data.items) == 33


# --- .pdf ----------------------------------------------------------------------------------------


def test_pdf_contains_the_minutes(zone: Any) -> None:
    meeting = make_meeting(zone)
    content = exporters.minutes_pdf(meeting, internal=False)
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert "Ontwerpverslag Clusteroverleg welzijn AMALO" in text
    assert "Donderdag 9 oktober 2025" in text
    assert "Perinataal screeningstraject" in text
    assert "Beslissing: Het verslag van 27 november 2024 is goedgekeurd." in " ".join(text.split())
    assert "Contactgegevens" not in text
    assert "@example.be" not in text


def test_pdf_internal_copy_has_contact_details(zone: Any) -> None:
    text = pdf_text(exporters.minutes_pdf(make_meeting(zone), internal=True))
    assert "3 CONTACTGEGEVENS DEELNEMERS" in text  # headings are set in capitals, as in the seeds
    assert "mira.voorbeeld@example.be" in text


def test_pdf_escapes_markup_in_minutes(zone: Any) -> None:
    meeting = make_meeting(zone)
    AgendaItem.objects.for_zone(zone).filter(meeting=meeting, order=1).update(
        minutes='<img src="http://voorbeeld.invalid/x.png"> <b>vet</b> & co'
    )
    text = pdf_text(exporters.minutes_pdf(meeting, internal=False))
    assert "<b>vet</b> & co" in text


# --- the view ------------------------------------------------------------------------------------


def test_staff_downloads_docx_and_pdf(zone: Any, staff_client: Any) -> None:
    meeting = make_meeting(zone)
    url = reverse("meetings:minutes_export", kwargs={"zone": zone.slug, "pk": meeting.pk, "fmt": "docx"})
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == exporters.CONTENT_TYPES["docx"]
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="verslag-clusteroverleg-welzijn-2025-10-09.docx"'
    )
    _paragraphs, text = docx_text(response.content)
    assert "@example.be" not in text

    response = staff_client.get(url + "?intern=1")
    assert (
        'filename="verslag-clusteroverleg-welzijn-2025-10-09-intern.docx"' in response["Content-Disposition"]
    )
    assert "mira.voorbeeld@example.be" in docx_text(response.content)[1]

    url = reverse("meetings:minutes_export", kwargs={"zone": zone.slug, "pk": meeting.pk, "fmt": "pdf"})
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="verslag-clusteroverleg-welzijn-2025-10-09.pdf"' in response["Content-Disposition"]


def test_unknown_format_is_404(zone: Any, staff_client: Any) -> None:
    meeting = make_meeting(zone)
    for fmt in ("odt", "csv", "DOCX"):
        url = reverse("meetings:minutes_export", kwargs={"zone": zone.slug, "pk": meeting.pk, "fmt": fmt})
        assert staff_client.get(url).status_code == 404


def test_meeting_of_another_zone_is_404(zone: Any, other_zone: Any, staff_client: Any) -> None:
    meeting = make_meeting(other_zone)
    url = reverse("meetings:minutes_export", kwargs={"zone": zone.slug, "pk": meeting.pk, "fmt": "docx"})
    assert staff_client.get(url).status_code == 404


def test_only_the_secretary_of_this_body_exports(zone: Any, users: Any, client_as: Any) -> None:
    meeting = make_meeting(zone)
    url = reverse("meetings:minutes_export", kwargs={"zone": zone.slug, "pk": meeting.pk, "fmt": "docx"})
    secretary = client_as("secretary")
    secretary.raise_request_exception = False
    assert secretary.get(url).status_code == 403  # a secretary, but not of this body

    person = Person.objects.create(
        zone=zone, first_name="Sien", last_name="Secretaris", user=users["secretary"]
    )
    Membership.objects.create(zone=zone, body=meeting.body, person=person, role=MembershipRole.SECRETARY)
    response = secretary.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == exporters.CONTENT_TYPES["docx"]

    member = client_as("member")
    member.raise_request_exception = False
    response = member.get(url)
    assert response.status_code == 403 or response.status_code == 302
