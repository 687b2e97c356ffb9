"""Issue 18 end to end: a citizen reports a signal anonymously with a follow-up address; staff
classify it under two challenges, bundle a duplicate into it, put it on the next cluster meeting,
mark it structural, pass it on to the Flemish government and record the answer; the citizen's
mails arrive, and the public list shows the signal without personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import Page, expect

CITIZEN = "burger.volgt@example.be"


@pytest.mark.django_db(transaction=True)
def test_signal_from_citizen_to_answer(
    live_server: Any, page: Page, settings: Any, shot: Any, mailoutbox: list[Any]
) -> None:
    from django.utils import timezone

    from zorgraad.accounts.models import Role, User, ZoneRole
    from zorgraad.challenges.models import Challenge
    from zorgraad.governance.models import Body, BodyKind
    from zorgraad.meetings.models import Meeting
    from zorgraad.signals import services
    from zorgraad.signals.models import Signal
    from zorgraad.zones import demo as zones_demo
    from zorgraad.zones.models import Cluster

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    settings.ZORGRAAD_BASE_URL = live_server.url
    zone = zones_demo.load()["amalo"]
    staff = User.objects.create_user("coordinator@amalo.test", "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zone, user=staff, role=Role.STAFF)
    for n, label in ((1, "Kennis van zorgaanbod"), (2, "Mobiliteit"), (3, "Huisvesting")):
        Challenge.objects.create(zone=zone, number=str(n), title=label, short_label=label, order=n)
    body = Body.objects.create(
        zone=zone,
        name="Clusteroverleg welzijn",
        slug="clusteroverleg-welzijn",
        kind=BodyKind.CLUSTER,
        cluster=Cluster.objects.get(code="welzijn"),
    )
    day = timezone.localdate() + dt.timedelta(days=30)
    meeting = Meeting.objects.create(
        zone=zone, body=body, date=day, start_time=dt.time(13, 30), end_time=dt.time(16, 0)
    )
    base = live_server.url

    # 1. A citizen reports without logging in and leaves an address to follow the signal.
    page.goto(f"{base}/amalo/signalen/nieuw/")
    page.get_by_label("Waarover gaat je signaal?").fill("Geen betaalbaar vervoer naar het ziekenhuis")
    page.get_by_label("Beschrijf de situatie").fill(
        "Oudere mensen zonder auto missen afspraken in het ziekenhuis: de belbus rijdt niet op tijd."
    )
    page.get_by_label("Je e-mailadres").fill(CITIZEN)
    page.get_by_label("Ik wil een mail krijgen").check()
    shot(page, "signal-01-form")
    page.get_by_role("button", name="Signaal versturen").click()
    expect(page.locator("main")).to_contain_text("Het referentienummer is")
    signal = Signal.objects.for_zone(zone).get()
    expect(page.locator("main")).to_contain_text(signal.reference)
    duplicate = services.signal_create(
        zone=zone,
        actor=None,
        data={"title": "Belbus te laat", "description": "Dezelfde klacht van een andere melder."},
        source="public_form",
    )

    # 2. Staff classify it under two challenges.
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=login]").fill("coordinator@amalo.test")
    page.locator("input[name=password]").fill("geheim-wachtwoord-1")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"{base}/amalo/beheer/signalen/")
    page.get_by_role("link", name=signal.reference).click()
    page.get_by_role("link", name="Indelen en bewerken").click()
    page.get_by_label("1. Kennis van zorgaanbod").check()
    page.get_by_label("2. Mobiliteit").check()
    page.get_by_role("button", name="Bewaren").click()
    expect(page.locator(".messages")).to_contain_text("bijgewerkt")

    # 3. The duplicate is bundled into it.
    page.goto(f"{base}/amalo/beheer/signalen/{duplicate.pk}/")
    page.get_by_role("link", name="bundelen in een ander signaal").click()
    page.get_by_label("Zoek het hoofdsignaal").fill(signal.reference)
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("button", name="Bundelen").click()
    expect(page.locator(".messages")).to_contain_text("gebundeld in " + signal.reference)
    expect(page.locator("main")).to_contain_text("2 melders")

    # 4. On the next cluster meeting, structural, passed on, answered.
    page.get_by_label("Op de volgende vergadering zetten van").select_option(label="Clusteroverleg welzijn")
    page.get_by_role("button", name="Agenderen").click()
    expect(page.locator(".messages")).to_contain_text("op de agenda")
    page.get_by_role("button", name="Markeren als structureel").click()
    page.locator("#id_pot").fill("Vlaamse overheid, Departement Zorg")
    page.locator("#id_lvl").select_option("flemish")
    page.locator("#id_pott").fill("De zorgraad vraagt betaalbaar vervoer naar het ziekenhuis.")
    page.get_by_role("button", name="Doorgeven").click()
    page.locator("#id_ans").fill("Het departement neemt het vervoer op in de volgende projectoproep.")
    page.get_by_role("button", name="Antwoord registreren").click()
    expect(page.locator("main")).to_contain_text("antwoord ontvangen")
    shot(page, "signal-02-staff-detail")
    signal.refresh_from_db()
    assert signal.status == "answered" and signal.is_structural
    assert signal.meeting == meeting and signal.agenda_item is not None
    assert sorted(signal.challenges.values_list("number", flat=True)) == ["1", "2"]

    # 5. The citizen's mails: the confirmation, passed on, answered, each with an unsubscribe link.
    to_citizen = [m for m in mailoutbox if m.to == [CITIZEN]]
    assert len(to_citizen) == 3
    assert "doorgegeven" in to_citizen[1].subject and "Departement Zorg" in to_citizen[1].body
    assert "projectoproep" in to_citizen[2].body and "/signalen/afmelden/" in to_citizen[2].body

    # 6. The public list shows it, with the answer, without the reporter.
    visitor = page.context.browser.new_page(locale="nl-BE")
    visitor.goto(f"{base}/amalo/signalen/")
    main = visitor.locator("main")
    expect(main).to_contain_text("Geen betaalbaar vervoer naar het ziekenhuis")
    expect(main).to_contain_text("projectoproep")
    expect(main).not_to_contain_text(CITIZEN)
    expect(main).not_to_contain_text("Belbus te laat")
    shot(visitor, "signal-03-public-list")
