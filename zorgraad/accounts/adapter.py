from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .branding import sender


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by zone staff (or by the demo loader), never by public sign-up."""

    # allauth's Dutch for these is stiff or wrong ("Wees geduldig, je gaat te snel."): our own words.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _(
            "Dit account is uitgeschakeld. Vraag de medewerkers van je eerstelijnszone waarom."
        ),
        "email_password_mismatch": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer opnieuw."),
        "incorrect_code": _("Deze code klopt niet. Kijk hem na en probeer opnieuw."),
        "incorrect_password": _("Dit wachtwoord klopt niet."),
        "invalid_password_reset": _(
            "Deze link om een nieuw wachtwoord te kiezen werkt niet meer. Vraag een nieuwe aan."
        ),
        "too_many_login_attempts": _(
            "Te veel mislukte pogingen. Wacht een paar minuten en probeer dan opnieuw."
        ),
        "unknown_email": _("Dit e-mailadres hoort bij geen enkel account."),
        "rate_limited": _("Je probeert het te snel na elkaar. Wacht even en probeer dan opnieuw."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every account mail knows its sender: Zorgraad, the zone when known, the site address."""
        context = {"sender": sender(self.request, email), **context}
        context.pop("signup_url", None)  # there is no public sign-up to point to
        super().send_mail(template_prefix, email, context)
