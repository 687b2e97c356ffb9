"""Forms of proposals: a partner proposes an offer's new text, staff give the reason of a refusal.

They only validate; services/proposals.py writes.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form

from .directory import OfferForm


class OfferProposalForm(OfferForm):
    """The offer's public fields as the partner would like them, and a note for the staff."""

    note = forms.CharField(
        label=_("Toelichting voor de medewerkers van de zone"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Niet publiek. Bijvoorbeeld waarom iets verandert of vanaf wanneer."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["how_to_refer"].label = _("Hoe aanmelden of contact opnemen")


class ProposalRejectForm(Form):
    reason = forms.CharField(
        label=_("Waarom niet aanvaard?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De partner krijgt deze uitleg per e-mail."),
        error_messages={
            "required": _(
                "Schrijf kort waarom het voorstel niet aanvaard wordt; de partner krijgt die uitleg."
            )
        },
    )
