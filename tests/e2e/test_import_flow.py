"""Issue 22 end to end: staff upload a minutes .docx, correct one field in the preview, confirm,
and find the meeting with its participants and the next planned meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from zorgraad.importer import quality


@pytest.mark.django_db(transaction=True)
def test_upload_correct_confirm_find_the_meeting(
    live_server: Any, page: Page, settings: Any, shot: Any
) -> None:
    from zorgraad.accounts.models import Role, User, ZoneRole
    from zorgraad.governance.models import Body, BodyKind
    from zorgraad.meetings.models import Attendance, Meeting, MeetingStatus
    from zorgraad.zones import demo

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    zone = demo.load()["amalo"]
    body = Body.objects.create(
        zone=zone,
        name="Werkgroep dementie",
        slug="werkgroep-dementie",
        kind=BodyKind.CLUSTER,
        default_start=dt.time(14),
        default_end=dt.time(16),
    )
    user = User.objects.create_user("import-staf@amalo.test", "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zone, user=user, role=Role.STAFF)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    base = live_server.url

    page.goto(f"{base}/amalo/beheer/import/")
    page.locator("input[type=file]").set_input_files(str(quality.FIXTURES / "minutes_werkgroep_2026.docx"))
    page.get_by_role("button", name="Inlezen en voorvertonen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voorvertoning")
    # The uncertain end time of the next meeting is marked, with why.
    expect(page.get_by_text("Onzeker: geen einduur in het document").first).to_be_visible()
    shot(page, "22-import-preview")
    date = page.locator("input[name=date]")
    expect(date).to_have_value("2026-03-04")
    date.fill("2026-03-05")  # the one correction
    page.get_by_role("button", name="Bevestigen en importeren").click()
    expect(page.locator(".messages")).to_contain_text("Geïmporteerd")
    shot(page, "22-import-done")

    meeting = Meeting.objects.for_zone(zone).get(body=body, date=dt.date(2026, 3, 5))
    page.get_by_role("link", name=str(meeting)).click()
    for name in ("Nora Claes", "Pieter Jacobs", "Evi Maes", "Lars Wouters"):
        expect(page.get_by_text(name).first).to_be_visible()
    shot(page, "22-import-meeting")
    present = Attendance.objects.for_zone(zone).filter(meeting=meeting, status="present").count()
    assert present == 4
    assert Attendance.objects.for_zone(zone).filter(meeting=meeting, status="excused").count() == 2
    nxt = Meeting.objects.for_zone(zone).get(body=body, date=dt.date(2026, 5, 12))
    assert nxt.status == MeetingStatus.PLANNED and nxt.start_time == dt.time(19)
    page.goto(f"{base}/amalo/beheer/vergaderingen/{nxt.pk}/")
    expect(page.locator("main")).to_contain_text("Dienstencentrum De Brug te Asse")
