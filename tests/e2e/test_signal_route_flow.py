"""The route of signals through a zone's bodies, end to end: staff set werkgroep → klankbordgroep,
put a signal before the working group (it lands on the agenda of its next meeting), then before the
sounding board, which has no meeting planned: the signal waits "te agenderen" on its list until a
meeting is planned and it is put on that agenda."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.django_db(transaction=True)
def test_signal_along_the_route_of_bodies(live_server: Any, page: Page, settings: Any, shot: Any) -> None:
    from django.utils import timezone

    from zorgraad.accounts.models import Role, User, ZoneRole
    from zorgraad.governance.models import Body, BodyKind
    from zorgraad.meetings.models import AgendaItem, Meeting
    from zorgraad.signals import services
    from zorgraad.signals.models import SignalReferral
    from zorgraad.zones import demo as zones_demo

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    zone = zones_demo.load()["zennevallei"]
    staff = User.objects.create_user("coordinator@zennevallei.test", "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zone, user=staff, role=Role.STAFF)
    group = Body.objects.create(
        zone=zone, name="Werkgroep signalen", slug="werkgroep-signalen", kind=BodyKind.WORKING_GROUP
    )
    board = Body.objects.create(
        zone=zone, name="Klankbordgroep", slug="klankbordgroep", kind=BodyKind.SOUNDING_BOARD
    )
    day = timezone.localdate() + dt.timedelta(days=14)
    meeting = Meeting.objects.create(
        zone=zone, body=group, date=day, start_time=dt.time(13, 30), end_time=dt.time(15, 30)
    )
    signal = services.signal_create(
        zone=zone,
        actor=None,
        data={"title": "Geen vervoer naar de dagopvang", "description": "Ouderen haken af."},
        source="staff",
    )
    base = live_server.url

    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill("coordinator@zennevallei.test")
    page.locator("input[name=password]").fill("geheim-wachtwoord-1")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    # 1. Staff set the route: the working group, then the sounding board.
    page.goto(f"{base}/zennevallei/beheer/signalen/")
    page.get_by_role("link", name="Route langs de overleggen").click()
    expect(page.locator("main")).to_contain_text("Nog geen route")
    for body, purpose in ((group, "Bundelt en analyseert"), (board, "Toetst bij inwoners")):
        page.locator("#id_body").select_option(label=body.name)
        page.locator("#id_purpose").fill(purpose)
        page.get_by_role("button", name="Toevoegen").click()
        expect(page.locator(".messages")).to_contain_text(body.name)
    expect(page.locator("main")).to_contain_text("Werkgroep signalen → Klankbordgroep")
    shot(page, "signal-route-01-route")

    # 2. The signal goes before the working group: on the agenda of its next meeting.
    page.goto(f"{base}/zennevallei/beheer/signalen/{signal.pk}/")
    page.get_by_label("Toelichting (niet verplicht)").first.fill("Meerdere meldingen uit Pepingen")
    page.get_by_role("button", name="Voorleggen aan Werkgroep signalen").click()
    expect(page.locator(".messages")).to_contain_text("op de agenda van")
    item = AgendaItem.objects.for_zone(zone).get(meeting=meeting)
    assert item.title.startswith(f"Signaal {signal.reference}")

    # 3. Then before the sounding board, which has no meeting planned: it waits there.
    page.get_by_role("button", name="Voorleggen aan Klankbordgroep").click()
    expect(page.locator(".messages")).to_contain_text("heeft nog geen geplande vergadering")
    expect(page.locator("#h-route + ol")).to_contain_text("te agenderen")
    shot(page, "signal-route-02-signal")
    page.get_by_role("link", name="Naar de lijst van Klankbordgroep").click()
    expect(page.locator("main")).to_contain_text("Er is nog geen vergadering gepland")
    expect(page.locator("main")).to_contain_text(signal.reference)

    # 4. A meeting is planned: the waiting signal goes on its agenda from the body's list.
    later = Meeting.objects.create(
        zone=zone, body=board, date=day + dt.timedelta(days=7), start_time=dt.time(19), end_time=dt.time(21)
    )
    page.reload()
    page.get_by_role("button", name="Op de agenda van").click()
    expect(page.locator(".messages")).to_contain_text("staat op de agenda van")
    shot(page, "signal-route-03-body-list")
    current = SignalReferral.objects.for_zone(zone).get(signal=signal, is_current=True)
    assert current.body == board and current.meeting == later and current.agenda_item is not None
