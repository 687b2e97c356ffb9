"""Issue 14, finding 8: a secretary adds a member by searching (with htmx and without JavaScript);
the page never lists the zone's people or their e-mail addresses. A visitor subscribes to an open
body's agenda and is subscribed only after clicking the link in the mail."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from .test_meeting_flow import login


def _invented_person(zone: Any, first: str, last: str) -> Any:
    from zorgraad.network.models import Affiliation, Organisation, Person

    org = Organisation.objects.for_zone(zone).filter(is_archived=False).order_by("name").first()
    person = Person(
        zone=zone, first_name=first, last_name=last, email=f"{first.lower()}.{last.lower()}@example.be"
    )
    person.search_text = person.build_search_text()
    person.save()
    Affiliation.objects.create(zone=zone, person=person, organisation=org)
    return person, org


@pytest.mark.django_db(transaction=True)
def test_secretary_adds_a_member_by_searching(
    live_server: Any, page: Page, demo: None, settings: Any, shot: Any
) -> None:
    from zorgraad.governance.models import Body, Membership
    from zorgraad.zones.models import Zone

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    zone = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(zone).get(slug="clusteroverleg-welzijn")
    zoe, org = _invented_person(zone, "Zoë", "Zoektest")
    base = live_server.url
    url = f"{base}/amalo/beheer/overleg/{body.slug}/leden/nieuw/"

    # With JavaScript: matches appear while typing (htmx), by name, accents ignored.
    login(page, base, "secretaris@amalo.zorgraad.test")
    page.goto(url)
    main = page.locator("main")
    expect(main).not_to_contain_text("@")
    assert page.locator("main select[name=person], main select[name=organisation]").count() == 0
    page.locator("#id_person").press_sequentially("zoektest", delay=30)
    radio = page.get_by_role("radio", name=re.compile("Zoektest Zoë"))
    expect(radio).to_be_visible()
    expect(main).to_contain_text(org.name)  # name and organisation, no e-mail
    expect(main).not_to_contain_text("@")
    radio.check()
    page.locator("#id_organisation").press_sequentially(org.name.split()[0], delay=30)
    page.locator("#id_organisation-resultaten").get_by_role(
        "radio", name=re.compile(re.escape(org.name))
    ).first.check()
    # Typing on keeps what was chosen.
    page.locator("#id_person").fill("zonder resultaat")
    expect(page.locator("#id_person-resultaten")).to_contain_text(
        "0 personen gevonden voor ‘zonder resultaat’"
    )
    expect(page.get_by_role("radio", name=re.compile("Zoektest Zoë"))).to_be_checked()
    shot(page, "21-lid-zoeken-htmx")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".messages")).to_contain_text("Zoë Zoektest is toegevoegd")
    membership = Membership.objects.for_zone(zone).get(body=body, person=zoe)
    assert membership.organisation_id == org.pk

    # Without JavaScript: "Zoeken" reloads the page with at most 20 matches as radio buttons.
    bram, _org = _invented_person(zone, "Bram", "Zonderjs")
    context = page.context.browser.new_context(java_script_enabled=False, locale="nl-BE")
    plain = context.new_page()
    login(plain, base, "secretaris@amalo.zorgraad.test")
    plain.goto(url)
    plain.locator("#id_person").fill("zonderjs")
    plain.locator("#id_person-kiezer").get_by_role("button", name="Zoeken").click()
    expect(plain).to_have_url(re.compile(r"person__zoek=zonderjs"))
    plain.get_by_role("radio", name=re.compile("Zonderjs Bram")).check()
    shot(plain, "22-lid-zoeken-zonder-javascript")
    plain.get_by_role("button", name="Toevoegen").click()
    expect(plain.locator("main")).to_contain_text("Bram Zonderjs is toegevoegd")
    assert Membership.objects.for_zone(zone).filter(body=body, person=bram).exists()
    context.close()


@pytest.mark.django_db(transaction=True)
def test_visitor_subscribes_with_double_opt_in(
    live_server: Any, page: Page, demo: None, shot: Any, mailoutbox: list[Any]
) -> None:
    from zorgraad.governance import subscriptions
    from zorgraad.governance.models import Body
    from zorgraad.zones.models import Zone

    def subscribed() -> bool:
        # the agenda subscriptions live in the newsletter's subscriber model (issue 21)
        return subscriptions.store().exists(zone=zone, body=body, email="nieuwe.volger@example.be")

    zone = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(zone).filter(is_open=True).order_by("name").first()
    base = live_server.url
    page.goto(f"{base}/amalo/overleg/{body.slug}/inschrijven/")
    page.locator("#id_email").fill("nieuwe.volger@example.be")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.locator("main")).to_contain_text(
        "Als dit adres nog niet ingeschreven is, krijg je een mail met een bevestigingslink."
    )
    shot(page, "23-inschrijven-mail-verstuurd")
    assert not subscribed()
    [message] = [m for m in mailoutbox if m.to == ["nieuwe.volger@example.be"]]
    link = re.search(r"(/amalo/overleg/\S+/inschrijven/\S+/)", message.body)
    assert link, message.body
    page.goto(base + link.group(1))
    expect(page.get_by_role("button", name="Inschrijving bevestigen")).to_be_visible()
    assert not subscribed()
    page.get_by_role("button", name="Inschrijving bevestigen").click()
    expect(page.locator("main")).to_contain_text("Je inschrijving is bevestigd.")
    shot(page, "24-inschrijving-bevestigd")
    assert subscribed()
