"""Issue 15, section 2, end to end: the coordinator sends an invitation, a member answers
"Ik kom niet" from the link in the mail (no login), and the attendance list shows them excused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .test_meeting_flow import login


@pytest.mark.django_db(transaction=True)
def test_member_excuses_themself_from_the_invitation_link(
    live_server: Any, page: Page, demo: None, settings: Any, shot: Any, mailoutbox: list[Any]
) -> None:
    from django.utils import timezone

    from zorgraad.governance.models import Body
    from zorgraad.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
    from zorgraad.zones.models import Zone

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    settings.ZORGRAAD_BASE_URL = live_server.url
    zone = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(zone).get(slug="clusteroverleg-welzijn")
    day = timezone.localdate() + dt.timedelta(days=40)
    while day.weekday() != 3 or Meeting.objects.for_zone(zone).filter(date=day).exists():
        day += dt.timedelta(days=1)
    meeting = Meeting.objects.create(
        zone=zone, body=body, date=day, start_time=dt.time(13, 30), end_time=dt.time(16, 0)
    )
    base = live_server.url

    # 1. The coordinator sends the invitation.
    login(page, base, "staf@amalo.zorgraad.test")
    page.goto(f"{base}/amalo/beheer/vergaderingen/{meeting.pk}/uitnodigen/")
    expect(page.locator("main")).to_contain_text("persoonlijke link ‘Ik kom niet’")
    shot(page, "21-uitnodiging-voorbeeld")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.locator(".messages")).to_contain_text("De uitnodiging is verstuurd")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.INVITED
    mail = next(m for m in mailoutbox if "Ik kom niet: " in m.body)
    name = mail.body.splitlines()[0].removeprefix("Beste ").rstrip(",")
    link = next(
        line.removeprefix("Ik kom niet: ")
        for line in mail.body.splitlines()
        if line.startswith("Ik kom niet: ")
    )
    assert link.startswith(base + "/amalo/overleg/antwoord/")

    # 2. The member opens the link from the mail, without logging in: a question, then the answer.
    member = page.context.browser.new_page(locale="nl-BE")
    member.goto(link)
    expect(member.locator("main")).to_contain_text("Bevestig dat je niet kan komen")
    expect(member.locator("main")).to_contain_text(name)
    shot(member, "22-antwoord-vraag")
    member.get_by_role("button", name="Ik kom niet").click()
    expect(member.locator(".messages")).to_contain_text("Genoteerd: je kan niet komen")
    shot(member, "23-antwoord-genoteerd")
    row = Attendance.objects.for_zone(zone).get(meeting=meeting, person__email=mail.to[0])
    assert row.status == AttendanceStatus.EXCUSED

    # 3. The attendance list shows the member excused.
    page.goto(f"{base}/amalo/beheer/vergaderingen/{meeting.pk}/aanwezigheden/")
    person_row = page.locator("tbody tr", has_text=name)
    expect(person_row.locator("input[type=radio][value=excused]")).to_be_checked()
    shot(page, "24-aanwezigheden-verontschuldigd")

    # 4. The meeting page (the address in the mail and the feeds) shows it, with the answers.
    page.goto(f"{base}/amalo/beheer/vergaderingen/{meeting.pk}/")
    expect(page.locator("main")).to_contain_text("1 kan niet (verontschuldigd)")
    visitor = page.context.browser.new_page(locale="nl-BE")
    visitor.goto(f"{base}/amalo/overleg/{body.slug}/{meeting.pk}/")
    expect(visitor.locator("h1")).to_contain_text("Vergadering Clusteroverleg welzijn")
    shot(visitor, "25-vergadering-publiek")

    # 5. Cancelled: everyone who got the invitation gets the cancellation for their calendar.
    mailoutbox.clear()
    page.goto(f"{base}/amalo/beheer/vergaderingen/{meeting.pk}/")
    page.locator("summary", has_text="Vergadering annuleren").click()
    page.locator("main button[name=to][value=cancelled]").click()
    expect(page.locator(".messages")).to_contain_text("De annulering is verstuurd")
    shot(page, "26-geannuleerd")
    cancel = next(m for m in mailoutbox if m.to == mail.to)
    [(calendar, _type)] = cancel.alternatives
    assert "METHOD:CANCEL" in calendar and "STATUS:CANCELLED" in calendar
