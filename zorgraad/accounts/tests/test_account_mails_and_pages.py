"""Account mails and pages: branded Zorgraad (and the zone when known), correct Dutch, no sign-up.

allauth's defaults greeted with the request's host ("Hallo van 127.0.0.1:8106!"), had Dutch
mistakes ("Je ontvang deze e-mail"), and the login page and the unknown-account mail invited people
to register at /accounts/signup/, which answers that registration is closed.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.test import Client
from django.urls import reverse

from zorgraad.accounts.demo import DEMO_TOTP_SECRET

from .helpers import PASSWORD, login_through_allauth

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"
# allauth's English, and its Dutch that is wrong, formal or stiff.
NOT_OURS = [
    "Hallo van",
    "Hello from",
    "Thank you for using",
    "Bedankt voor het gebruiken",
    "Je ontvang ",
    "registreer",
    "sign up",
    "Sign In",
    "Registratie gesloten",
    "alstublieft",
    "a.u.b.",
    "Uw ",
    "You kunt",
    "e-emailadres",
    "Zet wachtwoord",
    "Huidig email",
    "Authenticeer",
    "verificatie e-mail",
    "Andere aanmeld-opties",
    "Neem contact met ons op",
    "Onthouden",
    "Twee-factor-authenticatie",
]


def assert_ours(text: str) -> None:
    found = [p for p in NOT_OURS if re.search(r"(?<!\w)" + re.escape(p), text, flags=re.IGNORECASE)]
    assert found == [], found
    assert SIGNUP_URL not in text


def main(response: Any) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def only_mail() -> Any:
    assert len(mail.outbox) == 1, [m.subject for m in mail.outbox]
    return mail.outbox[0]


# --- the login page and the closed sign-up -------------------------------------------------------


def test_login_page_says_whom_to_ask_for_an_account_instead_of_inviting_to_register(zones: Any) -> None:
    page = main(Client().get(reverse("account_login")))
    assert_ours(page)
    assert "Aanmelden bij Zorgraad" in page
    assert "Nog geen account?" in page and "Je kan jezelf niet registreren" in page
    assert "de medewerkers van je eerstelijnszone maken de accounts aan" in page
    assert 'href="/"' in page  # where to find one's zone
    assert reverse("account_request_login_code") in page and "Stuur me een aanmeldcode" in page


def test_login_page_from_a_zone_names_the_zone_and_its_address(zones: Any) -> None:
    zone = zones["amalo"]
    zone.email = "info@amalo.example"
    zone.save(update_fields=["email"])
    page = main(Client().get(reverse("account_login") + "?next=/amalo/beheer/"))
    assert_ours(page)
    assert "Aanmelden bij AMALO" in page
    assert "de medewerkers van AMALO maken de accounts aan" in page
    assert 'href="mailto:info@amalo.example"' in page
    assert 'name="next" value="/amalo/beheer/"' in page


def test_signup_address_explains_instead_of_registratie_gesloten(zones: Any) -> None:
    page = main(Client().get(SIGNUP_URL))
    assert_ours(page)
    assert "Een account aanvragen" in page and "Je kan jezelf niet registreren" in page
    assert reverse("account_login") in page


# --- the mails -----------------------------------------------------------------------------------


def test_unknown_account_mail_says_whom_to_ask_and_has_no_signup_link(
    zones: Any, mailoutbox: Any, settings: Any
) -> None:
    settings.ZORGRAAD_BASE_URL = "https://zorgraad.example.be"
    Client().post(reverse("account_request_login_code"), {"email": "onbekend@example.be"})
    message = only_mail()
    assert message.subject == "[Zorgraad] Geen account met dit e-mailadres"
    assert_ours(message.body)
    assert message.body.startswith("Hallo,\n\n")
    assert "Er is geen account met dat adres." in message.body
    assert "Je kan jezelf niet registreren: de medewerkers van je eerstelijnszone maken de accounts aan" in (
        message.body
    )
    assert "https://zorgraad.example.be/" in message.body
    assert message.body.rstrip().endswith("Groeten,\nZorgraad\nhttps://zorgraad.example.be")
    assert "testserver" not in message.body  # the site's address, not the request's host


def test_unknown_account_mail_from_a_zone_page_names_the_zone_and_its_contact(
    zones: Any, mailoutbox: Any
) -> None:
    zone = zones["amalo"]
    zone.email = "info@amalo.example"
    zone.save(update_fields=["email"])
    Client().post(reverse("account_reset_password"), {"email": "onbekend@example.be", "next": "/amalo/"})
    message = only_mail()
    assert_ours(message.body)
    assert "de medewerkers van AMALO maken de accounts aan. Vraag er een aan via info@amalo.example." in (
        message.body
    )
    assert "Zorgraad – Eerstelijnszone AMALO vzw\nhttp://testserver/amalo/" in message.body


def test_login_code_mail_is_branded_with_the_zone_in_correct_dutch(users: Any, mailoutbox: Any) -> None:
    Client().post(reverse("account_request_login_code"), {"email": users["partner"].email})
    message = only_mail()
    assert message.subject == "[Zorgraad] Je aanmeldcode voor AMALO"
    assert_ours(message.body)
    assert "Dit is je aanmeldcode:" in message.body
    assert re.search(r"\n[A-Z0-9]{4}-[A-Z0-9]{4}\n", message.body)
    assert "Vroeg je geen code aan? Dan mag je deze mail negeren" in message.body
    assert "Zorgraad – Eerstelijnszone AMALO vzw\nhttp://testserver/amalo/" in message.body


def test_password_reset_mail_is_branded_and_its_link_opens_a_dutch_form(users: Any, mailoutbox: Any) -> None:
    client = Client()
    done = client.post(reverse("account_reset_password"), {"email": users["partner"].email}, follow=True)
    assert_ours(main(done))
    assert "Kijk in je mailbox" in main(done)
    message = only_mail()
    assert message.subject == "[Zorgraad] Kies een nieuw wachtwoord voor AMALO"
    assert_ours(message.body)
    assert f"voor het account {users['partner'].email}" in message.body
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", message.body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert_ours(main(form))
    assert "Kies een nieuw wachtwoord" in main(form) and "Minstens 10 tekens" in main(form)
    bad = client.get("/accounts/password/reset/key/1-fout-fout/")
    assert "Deze link werkt niet meer" in main(bad)


def test_confirming_a_new_address_mails_a_branded_code(users: Any, mailoutbox: Any) -> None:
    client = login_through_allauth(users["partner"])
    page = client.post(reverse("account_email"), {"email": "nieuw@example.be", "action_add": ""}, follow=True)
    assert_ours(main(page))
    assert "Bevestig je e-mailadres" in main(page)
    message = only_mail()
    assert message.subject == "[Zorgraad] Bevestig je e-mailadres"
    assert_ours(message.body)
    assert "Bevestig dat nieuw@example.be jouw e-mailadres is voor je account bij AMALO." in message.body
    wrong = client.post(reverse("account_email_verification_sent"), {"code": "FOUT-CODE"})
    assert "Deze code klopt niet." in main(wrong)


# --- every page a person can reach ---------------------------------------------------------------


def test_the_pages_before_login_are_ours(users: Any, mailoutbox: Any) -> None:
    client = Client()
    for name in (
        "account_login",
        "account_request_login_code",
        "account_reset_password",
        "account_reset_password_done",
        "account_inactive",
    ):
        assert_ours(main(client.get(reverse(name))))
    wrong = client.post(reverse("account_login"), {"login": users["partner"].email, "password": "fout"})
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in main(wrong)
    code = client.post(reverse("account_request_login_code"), {"email": users["partner"].email}, follow=True)
    assert_ours(main(code))
    assert "Vul je aanmeldcode in" in main(code)


def test_the_pages_after_login_are_ours(users: Any) -> None:
    client = login_through_allauth(users["partner"])
    for name in (
        "account_email",
        "account_change_password",
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
    ):
        page = main(client.get(reverse(name)))
        assert_ours(page)
    assert "Aanmelden in twee stappen" in main(client.get(reverse("mfa_index")))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    activate = main(client.get(reverse("mfa_activate_totp")))
    assert_ours(activate)
    assert "Authenticator-app instellen" in activate and "<img" in activate


def test_the_totp_pages_of_staff_are_ours(users: Any) -> None:
    staff = users["staff"]
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": DEMO_TOTP_SECRET})
    client = Client()
    step = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD}, follow=True)
    assert_ours(main(step))
    assert "Bevestig je aanmelding" in main(step)
    client = login_through_allauth(staff, step=1)
    for name in ("mfa_index", "mfa_reauthenticate", "mfa_generate_recovery_codes", "mfa_deactivate_totp"):
        assert_ours(main(client.get(reverse(name), follow=True)))


def test_english_interface_gets_english_account_pages_and_mails(users: Any, mailoutbox: Any) -> None:
    client = Client()
    client.get(reverse("switch_language") + "?taal=en&next=/")
    page = main(client.get(reverse("account_login")))
    assert "Log in to Zorgraad" in page and "No account yet?" in page
    assert "Nog geen account" not in page
    client.post(reverse("account_request_login_code"), {"email": users["partner"].email})
    message = only_mail()
    assert message.subject == "[Zorgraad] Your login code for AMALO"
    assert message.body.startswith("Hello,\n\nYou asked for a code to log in without a password.")
