from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form
from zorgraad.zones.models import Zone

from ..models import TargetGroup, Theme
from ..selectors.socialmap import OfferFilters


class SocialMapSearchForm(Form):
    """The search box of the public social map (GET). Invalid fields are ignored, with a message."""

    q = forms.CharField(
        label=_("Wat zoek je?"),
        required=False,
        max_length=200,
        help_text=_("Typ je vraag in je eigen woorden."),
        error_messages={"max_length": _("Gebruik een kortere zoekterm (hoogstens 200 tekens).")},
        # No word limit: citizens type whole sentences ("mijn moeder wordt vergeetachtig en ik kan
        # het niet meer aan"). The search bounds its own work (offersearch.MAX_WORDS/MAX_CONCEPTS).
        widget=forms.TextInput(attrs={"type": "search", "enterkeyhint": "search"}),
    )
    target_group = forms.ModelChoiceField(
        label=_("Voor wie?"),
        queryset=TargetGroup.objects.all(),
        required=False,
        empty_label=_("Iedereen"),
        error_messages={"invalid_choice": _("Kies een doelgroep uit de lijst.")},
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.all(),
        required=False,
        empty_label=_("Alle thema's"),
        error_messages={"invalid_choice": _("Kies een thema uit de lijst.")},
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=TargetGroup.objects.none(),
        required=False,
        empty_label=_("Alle gemeenten"),
        error_messages={"invalid_choice": _("Kies een gemeente van deze eerstelijnszone uit de lijst.")},
    )

    def __init__(self, *args: Any, zone: Zone, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = zone.municipalities_on()

    def filters(self) -> OfferFilters:
        """The filters of the fields that are valid; call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        q = data.get("q") or ""
        group = data.get("target_group")
        theme = data.get("theme")
        municipality = data.get("municipality")
        return OfferFilters(
            q=q.strip(),
            target_group=group.pk if group else None,
            theme=theme.pk if theme else None,
            municipality=municipality.pk if municipality else None,
        )
