"""Issue 3 end to end: the AMALO welfare cluster's 2026 meetings from its rule, an agenda,
attendance with an excused member and a missing required sector, minutes with a decision and a
follow-up, approval at the next meeting, publication, and the public search that finds them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from zorgraad.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

from .conftest import totp_code


def login(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/2fa/authenticate/|/beheer/|/mijn-"))
    if "/2fa/" in page.url:  # the demo staff have an authenticator, so allauth asks for the code
        page.locator("input[name=code]").fill(totp_code(DEMO_TOTP_SECRET))
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/beheer/|/mijn-"))


@pytest.mark.django_db(transaction=True)
def test_schedule_hold_report_approve_publish_and_search(
    live_server: Any, page: Page, demo: None, settings: Any, shot: Any, mailoutbox: list[Any]
) -> None:
    from zorgraad.governance.models import Body
    from zorgraad.meetings.models import AgendaItem, Meeting, MeetingStatus
    from zorgraad.zones.models import Zone

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    zone = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(zone).get(slug="clusteroverleg-welzijn")
    # Start 2026 from an empty calendar: the demo already holds the dates announced in the seed.
    Meeting.objects.for_zone(zone).filter(body=body, date__year=2026).delete()
    base = live_server.url
    login(page, base, "staf@amalo.zorgraad.test")

    # 1. The coordinator plans 2026 from the body's rule (Q1, Q2, Q4 on Thursdays).
    page.goto(f"{base}/amalo/beheer/overleg/{body.slug}/planning/2026/")
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(3)
    for checkbox in page.locator("tbody input[type=checkbox]").all():
        checkbox.check()
    shot(page, "11-planning-2026")
    page.get_by_role("button", name="Aangevinkte data plannen").click()
    expect(page.locator(".messages")).to_be_visible()
    planned = list(Meeting.objects.for_zone(zone).filter(body=body, date__year=2026).order_by("date"))
    assert len(planned) == 3
    assert [m.date.month for m in planned][0] in (1, 2, 3)
    assert all(m.date.weekday() == 3 for m in planned)
    first, second = planned[0], planned[1]

    # 2. The agenda: opening it changes nothing; "Agenda opbouwen" brings the fixed items; the
    #    coordinator adds one.
    page.goto(f"{base}/amalo/beheer/vergaderingen/{first.pk}/agenda/")
    expect(page.locator("main")).to_contain_text("Deze agenda is nog leeg")
    assert not AgendaItem.objects.for_zone(zone).filter(meeting=first).exists()  # the GET built nothing
    shot(page, "12a-agenda-leeg")
    page.get_by_role("button", name="Agenda opbouwen").click()
    expect(page.locator("main")).to_contain_text("Goedkeuring verslag vorige vergadering")
    add = page.locator("section[aria-labelledby=h-add]")
    add.get_by_label("Titel").fill("Voorstelling van het Huis van het Kind")
    add.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("main")).to_contain_text("Voorstelling van het Huis van het Kind")
    shot(page, "12-agenda")

    # 3. Attendance: members on the list, one excused, a required sector missing.
    page.goto(f"{base}/amalo/beheer/vergaderingen/{first.pk}/aanwezigheden/")
    page.locator("form:has(input[name=action][value=add_members]) button[type=submit]").first.click()
    radios = page.locator("tbody tr")
    count = radios.count()
    assert count >= 5
    for i in range(count):
        row = radios.nth(i)
        # Only the first three attend; the fourth is excused; the rest absent.
        choice = 0 if i < 3 else (1 if i == 3 else 2)
        row.locator("input[type=radio]").nth(choice).check()
    page.get_by_role("button", name="Aanwezigheden bewaren").click()
    expect(page.locator("main")).to_contain_text("verontschuldigd")
    expect(page.get_by_role("heading", name="Niet elke sector is vertegenwoordigd")).to_be_visible()
    shot(page, "13-aanwezigheden-sector-ontbreekt")

    # 4. The meeting was held; the minutes get text, a decision and a follow-up.
    page.goto(f"{base}/amalo/beheer/vergaderingen/{first.pk}/")
    page.locator("main button[name=to][value=held]").click()
    expect(page.locator("main")).to_contain_text("gehouden")
    minutes_url = f"{base}/amalo/beheer/vergaderingen/{first.pk}/verslag/"
    page.goto(minutes_url)
    typed = "Het Huis van het Kind stelde het peuterspeelaanbod en de steun bij oncologie voor jonge gezinnen voor."
    item_box = page.get_by_label(re.compile(r"Voorstelling van het Huis van het Kind"))
    item_box.fill(typed)
    # Leaving with unsaved text asks first (static/js/unsaved.js); staying keeps the text.
    dialogs: list[str] = []

    def stay(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.locator("main nav").get_by_role("link", name="Aanwezigheden").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.startswith(minutes_url)
    expect(item_box).to_have_value(typed)
    # The secretary does not press "Verslag bewaren" but adds a decision: nothing typed is lost.
    decisions = page.locator("#beslissingen")
    decisions.locator("textarea").first.fill("De cluster verspreidt de folder over het peuterspeelaanbod.")
    decisions.get_by_role("button", name="Beslissing toevoegen").click()
    expect(page.locator(".messages")).to_contain_text("De beslissing is toegevoegd.")
    expect(page.locator(".messages")).to_contain_text("Het verslag is bewaard.")
    item_box = page.get_by_label(re.compile(r"Voorstelling van het Huis van het Kind"))
    expect(item_box).to_have_value(typed)
    expect(page.locator("#beslissingen")).to_contain_text("De cluster verspreidt de folder")
    assert (
        AgendaItem.objects.for_zone(zone)
        .get(meeting=first, title="Voorstelling van het Huis van het Kind")
        .minutes
        == typed
    )
    shot(page, "14a-verslag-beslissing-tekst-behouden")
    # An incomplete follow-up: the Dutch error, and the new text typed in an item is still there.
    intro = page.get_by_label("Inleiding (optioneel)")
    intro.fill("Twee partners lieten zich verontschuldigen.")
    follow = page.locator("#opvolging")
    follow.get_by_label("Of wie (vrij)").fill("Coördinator")
    follow.get_by_role("button", name="Opvolgpunt toevoegen").click()
    expect(page.locator("#opvolging")).to_contain_text("Beschrijf wat er opgevolgd moet worden.")
    expect(page.get_by_label("Inleiding (optioneel)")).to_have_value(
        "Twee partners lieten zich verontschuldigen."
    )
    expect(page.locator("#opvolging").get_by_label("Of wie (vrij)")).to_have_value("Coördinator")
    shot(page, "14b-verslag-fout-niets-verloren")
    # What came back with an error is not saved yet: leaving asks first.
    page.once("dialog", stay)
    page.locator("main nav").get_by_role("link", name="Aanwezigheden").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload", "beforeunload"]
    expect(page.get_by_label("Inleiding (optioneel)")).to_have_value(
        "Twee partners lieten zich verontschuldigen."
    )
    follow = page.locator("#opvolging")
    follow.locator("textarea").first.fill("Folder naar alle partners mailen")
    follow.get_by_role("button", name="Opvolgpunt toevoegen").click()
    expect(page.locator("main")).to_contain_text("De cluster verspreidt de folder")
    expect(page.locator("main")).to_contain_text("Folder naar alle partners mailen")
    expect(page.get_by_label("Inleiding (optioneel)")).to_have_value(
        "Twee partners lieten zich verontschuldigen."
    )
    # Saved: leaving now asks nothing.
    page.once("dialog", stay)
    shot(page, "14-verslag")
    page.locator("main nav").get_by_role("link", name="Goedkeuren").click()
    page.wait_for_url(re.compile(r"/goedkeuren/"))
    assert dialogs == ["beforeunload", "beforeunload"]

    # 5. Approved at the next meeting, then published.
    page.goto(f"{base}/amalo/beheer/vergaderingen/{first.pk}/goedkeuren/")
    expect(page.locator("main")).to_contain_text("Goedkeuring per mail registreren")
    shot(page, "15a-goedkeuren-vergadering-of-mail")
    page.get_by_label("Goedgekeurd op de vergadering van").select_option(str(second.pk))
    page.get_by_role("button", name="Verslag goedkeuren").click()
    page.goto(f"{base}/amalo/beheer/vergaderingen/{first.pk}/publiceren/")
    page.get_by_role("button", name="Verslag publiceren").click()
    first.refresh_from_db()
    assert first.status == MeetingStatus.PUBLISHED
    assert first.approved_at_meeting_id == second.pk
    shot(page, "15-gepubliceerd")

    # 6. A citizen finds the minutes through the public search, accents and case ignored.
    visitor = page.context.browser.new_page(locale="nl-BE")
    visitor.goto(f"{base}/amalo/overleg/verslagen/?q=Oncologïe")
    expect(visitor.locator("main")).to_contain_text("1 verslag gevonden")
    shot(visitor, "16-zoeken-verslagen")
    visitor.locator(f"main a[href*='/overleg/{body.slug}/{first.pk}/']").first.click()
    expect(visitor.locator("main")).to_contain_text("De cluster verspreidt de folder")
    expect(visitor.locator("main")).not_to_contain_text("@example.be")
    shot(visitor, "17-publiek-verslag")
    assert first.date < dt.date(2027, 1, 1)
