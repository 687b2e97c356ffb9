"""The minutes .docx as a record: A4, page numbers, its own metadata, and frozen once approved."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm

from zorgraad.meetings import exporters
from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.meetings.services.minutes import minutes_approve
from zorgraad.meetings.services.publication import minutes_publish
from zorgraad.meetings.services.status import meeting_transition

from .test_export import docx_text, make_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(users: dict[str, Any]) -> Any:
    return users["staff"]


def _later_meeting(meeting: Meeting, day: dt.date, **extra: Any) -> Meeting:
    return Meeting.objects.create(
        zone=meeting.zone,
        body=meeting.body,
        date=day,
        start_time=dt.time(13, 30),
        end_time=dt.time(16, 0),
        venue="Gemeentehuis Proefdorp",
        **extra,
    )


def _footer_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))


def _app_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read("docProps/app.xml").decode()


def test_docx_is_a4_with_page_numbers_in_the_footer(zone: Any) -> None:
    meeting = make_meeting(zone)
    content = exporters.minutes_docx(meeting, internal=False)
    doc = Document(io.BytesIO(content))
    for section in doc.sections:
        assert section.page_width is not None and section.page_height is not None
        assert abs(section.page_width - Cm(21)) < Cm(0.05)
        assert abs(section.page_height - Cm(29.7)) < Cm(0.05)
        for margin in (section.left_margin, section.right_margin, section.top_margin, section.bottom_margin):
            assert margin is not None and Cm(1.5) <= margin <= Cm(3)
    footer = _footer_xml(content)
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert 'fldCharType="begin"' in footer
    footer = doc.sections[0].footer.paragraphs[0]
    assert "pagina" in footer.text and " van " in footer.text
    # page numbers at the right margin of A4 (17 cm of text), no tab stops of the Letter template
    stops = [(round(t.position.cm, 2), t.alignment) for t in footer.paragraph_format.tab_stops]
    assert stops == [(17.0, WD_TAB_ALIGNMENT.RIGHT)]
    assert footer.style is not None and len(footer.style.paragraph_format.tab_stops) == 0


def test_docx_metadata_come_from_the_meeting_and_the_zone(zone: Any) -> None:
    meeting = make_meeting(zone)
    content = exporters.minutes_docx(meeting, internal=False)
    props = Document(io.BytesIO(content)).core_properties
    assert props.title == f"Ontwerpverslag Clusteroverleg welzijn {zone.name}"
    zone_name = zone.legal_name or zone.name
    assert props.author == zone_name
    assert props.last_modified_by == zone_name
    # 9 October 2025, 13:30 in Brussels is 11:30 UTC (summer time)
    assert props.created == dt.datetime(2025, 10, 9, 11, 30, tzinfo=dt.UTC)
    assert props.modified is not None and props.modified.year >= 2025
    assert props.language == "nl-BE"
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert not [n for n in archive.namelist() if "thumbnail" in n]
    app = _app_xml(content)
    assert "Macintosh" not in app and "<Application>Zorgraad</Application>" in app


def test_unapproved_minutes_say_ontwerp(zone: Any) -> None:
    meeting = make_meeting(zone)
    content = exporters.minutes_docx(meeting, internal=False)
    doc = Document(io.BytesIO(content))
    _paragraphs, text = docx_text(content)
    assert text.startswith("Ontwerpverslag Clusteroverleg welzijn")
    assert "Ontwerp – dit verslag is nog niet goedgekeurd." in text
    header = doc.sections[0].header.paragraphs[0].text
    assert header == "ONTWERP – DIT VERSLAG IS NOG NIET GOEDGEKEURD"


def test_approved_minutes_say_when_and_keep_their_next_meetings(zone: Any, staff_user: Any) -> None:
    meeting = make_meeting(zone)  # has one later meeting, 17 March 2026
    approving = _later_meeting(meeting, dt.date(2025, 12, 11))
    minutes_approve(zone=zone, actor=staff_user, meeting=meeting, at_meeting=approving)
    meeting.refresh_from_db()
    assert meeting.next_meetings_frozen is not None
    before = docx_text(exporters.minutes_docx(meeting, internal=False))[1]
    assert "Goedgekeurd op 11 december 2025" in before
    assert "Ontwerp" not in before
    assert "Donderdag 11 december 2025" in before and "Dinsdag 17 maart 2026" in before

    # The planning moves on: a meeting is added, another cancelled. The approved minutes do not change.
    _later_meeting(meeting, dt.date(2025, 11, 20))
    Meeting.objects.for_zone(zone).filter(pk=approving.pk).update(status=MeetingStatus.CANCELLED)
    minutes_publish(zone=zone, actor=staff_user, meeting=meeting)
    meeting.refresh_from_db()
    after = docx_text(exporters.minutes_docx(meeting, internal=False))[1]
    assert after == before
    assert "20 november 2025" not in after
    header = Document(io.BytesIO(exporters.minutes_docx(meeting, internal=False))).sections[0].header
    assert header.paragraphs[0].text == "Goedgekeurd op 11 december 2025"


def test_the_frozen_lines_are_those_of_the_approval_not_of_the_publication(
    zone: Any, staff_user: Any
) -> None:
    meeting = make_meeting(zone)
    approving = _later_meeting(meeting, dt.date(2025, 12, 11))
    minutes_approve(zone=zone, actor=staff_user, meeting=meeting, at_meeting=approving)
    frozen = Meeting.objects.for_zone(zone).get(pk=meeting.pk).next_meetings_frozen
    _later_meeting(meeting, dt.date(2025, 11, 20))
    minutes_publish(zone=zone, actor=staff_user, meeting=meeting)
    assert Meeting.objects.for_zone(zone).get(pk=meeting.pk).next_meetings_frozen == frozen


def test_draft_minutes_follow_the_planning(zone: Any, staff_user: Any) -> None:
    meeting = make_meeting(zone)
    _later_meeting(meeting, dt.date(2025, 11, 20))
    text = docx_text(exporters.minutes_docx(meeting, internal=False))[1]
    assert "Donderdag 20 november 2025" in text
    assert Meeting.objects.for_zone(zone).get(pk=meeting.pk).next_meetings_frozen is None


def test_approval_recorded_without_meeting_uses_the_day_it_was_recorded(zone: Any, staff_user: Any) -> None:
    meeting = make_meeting(zone)
    meeting_transition(zone=zone, actor=staff_user, meeting=meeting, to=MeetingStatus.MINUTES_APPROVED)
    meeting.refresh_from_db()
    line = exporters.approval_line(meeting)
    assert line.startswith("Goedgekeurd op ")
    assert meeting.next_meetings_frozen is not None


def test_pdf_says_ontwerp_until_approved(zone: Any, staff_user: Any) -> None:
    from .test_export import pdf_text

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    meeting = make_meeting(zone)
    text = pdf_text(exporters.minutes_pdf(meeting, internal=False))
    assert "ONTWERP" in text and "Ontwerpverslag" in text
    approving = _later_meeting(meeting, dt.date(2025, 12, 11))
    minutes_approve(zone=zone, actor=staff_user, meeting=meeting, at_meeting=approving)
    meeting.refresh_from_db()
    text = pdf_text(exporters.minutes_pdf(meeting, internal=False))
    assert "Goedgekeurd op 11 december 2025" in text and "Ontwerp" not in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_docx_to_an_a4_pdf(zone: Any) -> None:
    meeting = make_meeting(zone)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "verslag.docx"
        path.write_bytes(exporters.minutes_docx(meeting, internal=False))
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        pdf = Path(tmp) / "verslag.pdf"
        assert pdf.exists()
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
            assert "595.3" in info or "595" in info  # A4 width in points
            assert "Title:" in info and "Ontwerpverslag" in info
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, check=True
            ).stdout.decode()
            assert "pagina 1 van" in text


def test_minutes_approved_by_mail_say_the_day_of_the_mail_and_are_frozen(zone: Any, staff_user: Any) -> None:
    from zorgraad.meetings.services.minutes import minutes_approve_by_mail

    meeting = make_meeting(zone)
    minutes_approve_by_mail(
        zone=zone, actor=staff_user, meeting=meeting, approved_on=dt.date(2025, 10, 24), comments="Geen"
    )
    meeting.refresh_from_db()
    assert meeting.next_meetings_frozen is not None
    before = docx_text(exporters.minutes_docx(meeting, internal=False))[1]
    assert "Goedgekeurd op 24 oktober 2025" in before
    _later_meeting(meeting, dt.date(2025, 11, 20))
    assert docx_text(exporters.minutes_docx(meeting, internal=False))[1] == before


def test_published_minutes_page_keeps_the_next_meetings_as_approved(
    zone: Any, staff_user: Any, client: Any
) -> None:
    from django.core.cache import cache
    from django.urls import reverse

    meeting = make_meeting(zone)
    approving = _later_meeting(meeting, dt.date(2025, 12, 11))
    minutes_approve(zone=zone, actor=staff_user, meeting=meeting, at_meeting=approving)
    minutes_publish(zone=zone, actor=staff_user, meeting=meeting)
    _later_meeting(meeting, dt.date(2025, 11, 20))  # planned after the approval
    cache.clear()
    url = reverse(
        "meetings:meeting_public", kwargs={"zone": zone.slug, "body": meeting.body.slug, "pk": meeting.pk}
    )
    html = client.get(url).content.decode()
    assert "Volgende vergaderingen" in html
    assert "Donderdag 11 december 2025" in html
    assert "20 november 2025" not in html
