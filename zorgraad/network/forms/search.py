"""The staff form for the everyday words (synonyms) of the social map search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form


class SearchSynonymForm(Form):
    term = forms.CharField(
        label=_("Als iemand zoekt op"),
        max_length=100,
        help_text=_("Een woord of korte uitdrukking zoals inwoners het zeggen, bv. ‘poetshulp’ of ‘oma’."),
        error_messages={
            "required": _("Vul het zoekwoord in."),
            "max_length": _("Gebruik hoogstens 100 tekens."),
        },
    )
    expands_to = forms.CharField(
        label=_("zoek dan ook naar"),
        max_length=300,
        help_text=_(
            "Woorden zoals ze in het aanbod staan, gescheiden door komma's, bv. ‘gezinszorg, huishoudhulp’."
        ),
        error_messages={
            "required": _("Vul minstens één woord in waarnaar ook gezocht moet worden."),
            "max_length": _("Gebruik hoogstens 300 tekens."),
        },
    )
