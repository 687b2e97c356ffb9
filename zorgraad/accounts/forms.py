from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role
from .services import GRANTABLE


class AccessForm(forms.Form):
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
