from __future__ import annotations

from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form, SafeTextMixin

from .models import Role
from .services import GRANTABLE, account_for_address


class AccessForm(Form):
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[(r.value, r.label) for r in GRANTABLE],
        initial=Role.PARTNER,
        help_text=_(
            "Partnergebruiker: eigen gegevens en die van de organisatie bijwerken. Lid: interne stukken van "
            "de eigen overlegorganen lezen. Secretaris: vergaderingen en verslagen van het eigen orgaan. "
            "Medewerker: alles in deze zone."
        ),
    )


class AddEmailForm(SafeTextMixin, AllauthAddEmailForm):
    """allauth's "change e-mail address" form (ACCOUNT_FORMS["add_email"]).

    The new address only replaces the login address after the code mailed to it is entered
    (ACCOUNT_CHANGE_EMAIL with verification by code). An address of another account is refused
    here, in Dutch, instead of failing later on the unique login address.
    """

    def clean_email(self) -> str:
        value: str = super().clean_email()
        owner = account_for_address(value)
        if owner is not None and self.user is not None and owner.pk != self.user.pk:
            raise forms.ValidationError(
                _("Dit e-mailadres hoort al bij een ander account. Kies een ander e-mailadres."),
                code="email_taken",
            )
        return value
