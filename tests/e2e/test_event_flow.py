"""Issue 20 end to end: a citizen registers for a full event and lands on the waiting list; the
person holding the seat cancels through their personal link; the citizen is promoted and mailed;
staff check them in on a phone-sized screen; the citizen fills in the evaluation; the linked plan
indicator counts the attendance."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

CITIZEN = "mira.burger@example.be"
PASSWORD = "geheim-wachtwoord-1"


def _link(mail: Any, part: str) -> str:
    return next(word for word in mail.body.split() if part in word)


@pytest.mark.django_db(transaction=True)
def test_waiting_list_promotion_check_in_evaluation_and_indicator(
    live_server: Any, page: Page, settings: Any, shot: Any, mailoutbox: list[Any]
) -> None:
    from django.utils import timezone

    from zorgraad.accounts.models import Role, User, ZoneRole
    from zorgraad.events import mail as event_mail
    from zorgraad.events import services
    from zorgraad.events.models import EvaluationKind, EvaluationQuestion, Event, EventStatus
    from zorgraad.planning import services as planning
    from zorgraad.zones import demo as zones_demo

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    settings.ZORGRAAD_BASE_URL = live_server.url
    zone = zones_demo.load()["amalo"]
    staff = User.objects.create_user("coordinator@amalo.test", PASSWORD)
    ZoneRole.objects.create(zone=zone, user=staff, role=Role.STAFF)
    now = timezone.now()
    plan = planning.plan_create(zone=zone, actor=staff, year=timezone.localdate().year)
    sd = planning.objective_create(zone=zone, actor=staff, plan=plan, label="SD 1", text="Netwerk versterken")
    od = planning.operational_objective_create(
        zone=zone, actor=staff, strategic=sd, label="OD 1", text="Elkaar kennen"
    )
    action = planning.action_create(zone=zone, actor=staff, objective=od, title="Infolunches")
    year = timezone.localdate().year
    planning.indicator_create(
        zone=zone,
        actor=staff,
        action=action,
        name="Aanwezigen op de infolunches",
        source_key="events.attendees",
        object_ids=[],
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
    )
    event = Event.objects.create(
        zone=zone,
        title="Infolunch mantelzorg",
        starts_at=now - dt.timedelta(minutes=30),
        ends_at=now + dt.timedelta(minutes=30),
        registration_closes_at=now + dt.timedelta(minutes=20),
        evaluation_closes_at=now + dt.timedelta(days=7),
        status=EventStatus.PUBLISHED,
        capacity=1,
        venue="Gemeentehuis Asse",
        plan_action=action,
    )
    EvaluationQuestion.objects.create(
        zone=zone, event=event, text="Hoe tevreden ben je?", kind=EvaluationKind.SCALE
    )
    first = services.registration_create(
        zone=zone, event=event, name="Jonas Eerste", email="jonas@example.be"
    ).registration
    base = live_server.url

    # 1. The citizen finds the event full and joins the waiting list.
    page.goto(f"{base}/amalo/agenda/")
    expect(page.locator("main")).to_contain_text("(wachtlijst)")
    page.get_by_role("link", name="Infolunch mantelzorg").click()
    expect(page.locator("main")).to_contain_text("Volzet")
    page.get_by_label("Naam").fill("Mira Burger")
    page.get_by_label("E-mail").fill(CITIZEN)
    page.get_by_role("button", name="Op de wachtlijst").click()
    expect(page.locator("#status")).to_contain_text("Je staat op de wachtlijst")
    expect(page.locator("#status")).to_contain_text("nummer 1")
    shot(page, "20-wachtlijst")

    # 2. The person with the seat cancels through the personal link in their mail.
    page.goto(event_mail.personal_url(first, zone.slug))
    page.get_by_role("button", name="Inschrijving annuleren").click()
    expect(page.locator("main")).to_contain_text("Je inschrijving is geannuleerd")

    # 3. The citizen is promoted and mailed, with a calendar invitation.
    promoted = [m for m in mailoutbox if m.to == [CITIZEN] and "plaats vrij" in m.subject]
    assert len(promoted) == 1 and promoted[0].attachments
    page.goto(_link(promoted[0], "/activiteiten/inschrijving/"))
    expect(page.locator("#status")).to_contain_text("Je inschrijving is bevestigd")

    # 4. Staff check the citizen in on a phone.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill("coordinator@amalo.test")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{base}/amalo/beheer/activiteiten/{event.pk}/aanmelden/")
    page.get_by_label("Zoek op naam").fill("Mira")
    row = page.locator("#checkin-rows li", has_text="Mira Burger")
    expect(row).to_have_count(1)
    expect(page.locator("#checkin-rows li", has_text="Jonas Eerste")).to_have_count(0)
    row.get_by_role("button", name="Mira Burger aanwezig").click()
    expect(page.locator("#checkin-rows li", has_text="Mira Burger")).to_contain_text("✓ aanwezig")
    expect(page.locator("#present-count")).to_have_text("1 van 1 aanwezig")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the check-in list scrolls sideways on a phone ({width}px)"
    shot(page, "20-aanmelden-gsm")

    # 5. Staff send the evaluation; the citizen fills it in (anonymously).
    page.goto(f"{base}/amalo/beheer/activiteiten/{event.pk}/evaluatie/")
    page.get_by_role("button", name="Evaluatie mailen naar de aanwezigen").click()
    evaluation = [m for m in mailoutbox if m.to == [CITIZEN] and "Hoe vond je" in m.subject]
    assert len(evaluation) == 1
    citizen = page.context.browser.new_page(locale="nl-BE")  # type: ignore[union-attr]
    citizen.goto(_link(evaluation[0], "/activiteiten/evaluatie/"))
    citizen.get_by_label("5").check()
    citizen.get_by_role("button", name="Versturen").click()
    expect(citizen.locator("main")).to_contain_text("al geëvalueerd")
    citizen.close()
    page.reload()
    expect(page.locator("#evaluation-totals")).to_contain_text("1 antwoorden van 1 aanwezigen")

    # 6. The plan's indicator counts the attendance of the linked event.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/amalo/beheer/actieplan/actie/{action.pk}/")
    row = page.locator("tr.indicator", has_text="Aanwezigen op de infolunches")
    expect(row.locator("td.value")).to_have_text(re.compile(r"^\s*1\b"))
    shot(page, "20-indicator")
