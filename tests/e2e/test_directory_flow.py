"""Issue 2 end to end: public social map, staff login with TOTP, a new organisation and person,
a self-service link sent over real SMTP, opened in the browser, a corrected phone number, and
the change in the record's history."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from zorgraad.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

from .conftest import totp_code


@pytest.mark.django_db(transaction=True)
def test_directory_and_self_service_flow(
    live_server: Any, page: Page, demo: None, smtp_server: Any, settings: Any, shot: Any, browser: Any
) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    settings.ZORGRAAD_BASE_URL = live_server.url
    base = live_server.url

    # A visitor opens the start page, picks AMALO and searches the social map.
    page.goto(base + "/")
    page.get_by_role("link", name="AMALO").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("AMALO")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Sociale kaart").click()
    page.locator("input[name=q]").fill("ouderen")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("resultat")
    shot(page, "01-sociale-kaart-zoeken")

    # The coordinator logs in with password and TOTP.
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill("staf@amalo.zorgraad.test")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp_code(DEMO_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.goto(base + "/amalo/beheer/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Beheer")
    shot(page, "02-beheer")

    # ... creates an organisation ...
    page.goto(base + "/amalo/beheer/organisaties/nieuw/")
    page.locator("#id_name").fill("Buurtzorg De Kade")
    page.locator("#id_city").fill("Asse")
    page.locator("#id_postal_code").fill("1730")
    page.locator("main form").get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Buurtzorg De Kade")
    shot(page, "03-organisatie-aangemaakt")

    # ... adds a person who works there ...
    page.goto(base + "/amalo/beheer/personen/nieuw/")
    page.locator("#id_first_name").fill("Roosje")
    page.locator("#id_last_name").fill("Vanderkaden")
    page.locator("#id_email").fill("roosje.vanderkaden@example.be")
    page.locator("#id_phone").fill("02 000 11 22")
    # the organisation is found by searching (no list of the whole zone)
    page.locator("#id_organisation").press_sequentially("De Kade", delay=30)
    page.locator("#id_organisation-resultaten").get_by_role(
        "radio", name=re.compile("Buurtzorg De Kade")
    ).first.check()
    page.locator("#id_function").fill("Teamverantwoordelijke")
    page.locator("main form").get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roosje Vanderkaden")
    person_url = page.url

    # ... and sends her a self-service link. The mail goes over a real SMTP conversation.
    page.get_by_role("button", name="Zelfservicelink versturen").click()
    expect(page.locator(".messages")).to_contain_text("roosje.vanderkaden@example.be")
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail.rcpt_tos == ["roosje.vanderkaden@example.be"]
    body = mail.message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/mijn-gegevens/\S+/", body)
    assert link, body
    shot(page, "04-zelfservicelink-verstuurd")

    # Roosje opens the link in her own browser and corrects her phone number.
    context = browser.new_context(locale="nl-BE", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(link.group(0))
    expect(phone.locator("#id_person-phone")).to_have_value("02 000 11 22")
    shot(phone, "05-zelfservice-formulier-gsm")
    phone.locator("#id_person-phone").fill("0470 12 34 56")
    phone.get_by_role("button", name=re.compile("Wijzigingen bewaren")).click()
    expect(phone.locator("main")).to_contain_text("Bedankt")
    shot(phone, "06-zelfservice-bedankt")
    # The link works once.
    phone.goto(link.group(0))
    expect(phone.locator("main")).to_contain_text("al gebruikt")
    context.close()

    # The coordinator sees the change, with the old and the new value, in the history.
    page.goto(person_url)
    history = page.locator("#h-history").locator("xpath=..")
    expect(history).to_contain_text("02 000 11 22")
    expect(history).to_contain_text("0470 12 34 56")
    expect(history).to_contain_text("zelfservicelink")
    shot(page, "07-geschiedenis")
