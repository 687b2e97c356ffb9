"""Issue 21 end to end: a visitor subscribes and confirms from the mail; staff compose an edition
with the upcoming events and the latest published minutes and send it; the visitor clicks a link in
the received mail; the edition page counts the click."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Page, expect


@pytest.mark.django_db(transaction=True)
def test_subscribe_confirm_compose_send_and_count_a_click(
    live_server: Any, page: Page, users: Any, settings: Any, shot: Any, smtp_server: Any
) -> None:
    from django.utils import timezone

    from zorgraad.events.tests.factories import make_event
    from zorgraad.governance.models import Body, BodyKind
    from zorgraad.meetings.models import Meeting, MeetingStatus
    from zorgraad.zones.models import Zone

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    settings.ZORGRAAD_BASE_URL = live_server.url
    base = live_server.url
    zone = Zone.objects.get(slug="amalo")
    make_event(zone, days=9, title="Infolunch mantelzorg")
    body = Body.objects.create(
        zone=zone, name="Forum Buurtgerichte Zorg", slug="forum", kind=BodyKind.FORUM, is_open=True
    )
    Meeting.objects.create(
        zone=zone,
        body=body,
        date=timezone.localdate() - dt.timedelta(days=12),
        start_time=dt.time(13, 30),
        end_time=dt.time(16),
        status=MeetingStatus.PUBLISHED,
        published_at=timezone.now(),
    )

    # 1. A visitor subscribes and confirms from the mail.
    page.goto(f"{base}/amalo/nieuwsbrief/")
    page.locator("input[name=email]").fill("griet.aerts@example.org")
    page.locator("input[name=name]").fill("Griet Aerts")
    page.locator("input[name=consent]").check()
    shot(page, "nieuwsbrief-1-inschrijven")
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("main")).to_contain_text("krijg je een mail met een bevestigingslink")
    [confirmation] = smtp_server.messages
    link = re.search(r"(http://\S+/nieuwsbrief/bevestigen/\S+/)", confirmation.body).group(1)  # type: ignore[union-attr]
    page.goto(link)
    page.get_by_role("button", name="Inschrijving bevestigen").click()
    expect(page.locator("main")).to_contain_text("Je inschrijving is bevestigd.")
    shot(page, "nieuwsbrief-2-bevestigd")

    # 2. Staff compose an edition with the upcoming events and the latest minutes, and send it.
    staff = page.context.browser.new_context(locale="nl-BE")
    client = Client()
    client.force_login(users["staff"])
    staff.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    desk = staff.new_page()
    desk.goto(f"{base}/amalo/beheer/nieuwsbrief/")
    desk.get_by_role("link", name="Nieuwe editie").click()
    desk.locator("input[name=subject]").fill("Nieuwsbrief december")
    desk.get_by_role("button", name="Bewaren").click()
    desk.locator("main").get_by_role("link", name="Activiteiten", exact=True).click()
    desk.get_by_role("button", name="Bewaren").click()
    desk.locator("main").get_by_role("link", name="Nieuwe verslagen").click()
    desk.get_by_role("button", name="Bewaren").click()
    expect(desk.locator("main ol")).to_contain_text("Nieuwe verslagen")
    shot(desk, "nieuwsbrief-3-editie")
    desk.get_by_role("button", name="Versturen of plannen").click()
    expect(desk.locator("#progress")).to_contain_text("1 van 1 verstuurd, 0 mislukt")

    # 3. The subscriber clicks the event in the received mail; the edition page counts it.
    mail = next(m for m in smtp_server.messages if m.subject == "Nieuwsbrief december")
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = mail.message.get_body(preferencelist=("html",)).get_content()
    assert "Forum Buurtgerichte Zorg" in html
    counted = re.search(r'href="(http://[^"]+/nieuwsbrief/k/[^"]+/)">Infolunch mantelzorg', html).group(1)  # type: ignore[union-attr]
    page.goto(counted)
    expect(page.locator("h1")).to_contain_text("Infolunch mantelzorg")
    desk.reload()
    expect(desk.locator("main")).to_contain_text("1 klik in totaal.")
    expect(desk.locator("#clicks-per-block")).to_contain_text("Activiteiten die eraan komen")
    shot(desk, "nieuwsbrief-4-kliks")
