"""The self-service form: a person's own details and those of the organisations they work for.

Used by the public self-service link and by 'mijn profiel'. It only validates; the service writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form

from ..models import Affiliation, Organisation, Person

PERSON_FIELDS = ["first_name", "last_name", "email", "phone"]
ORGANISATION_FIELDS = ["phone", "email", "website", "street", "postal_code", "city"]

EMAIL_INVALID = _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")
URL_INVALID = _("Geef een volledig webadres, bijvoorbeeld https://www.voorbeeld.be.")
POSTAL_CODE_INVALID = _("Een Belgische postcode heeft 4 cijfers, bijvoorbeeld 1730.")
PHONE_INVALID = _(
    "Een telefoonnummer bevat alleen cijfers, spaties en de tekens + / . - ( ), bijvoorbeeld 02 123 45 67."
)
PHONE_RE = re.compile(r"^[0-9+/.() -]*$")


def _clean_phone(value: str) -> str:
    value = value.strip()
    if value and (not PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 3):
        raise forms.ValidationError(PHONE_INVALID)
    return value


class PersonDetailsForm(Form):
    first_name = forms.CharField(
        label=_("Voornaam"), max_length=100, error_messages={"required": _("Vul je voornaam in.")}
    )
    last_name = forms.CharField(
        label=_("Familienaam"), max_length=100, error_messages={"required": _("Vul je familienaam in.")}
    )
    email = forms.EmailField(
        label=_("E-mailadres"), required=False, max_length=254, error_messages={"invalid": EMAIL_INVALID}
    )
    phone = forms.CharField(label=_("Telefoon"), required=False, max_length=40)

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))


class OrganisationContactForm(Form):
    phone = forms.CharField(label=_("Telefoon"), required=False, max_length=40)
    email = forms.EmailField(
        label=_("Algemeen e-mailadres"),
        required=False,
        max_length=254,
        error_messages={"invalid": EMAIL_INVALID},
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": URL_INVALID},
    )
    street = forms.CharField(label=_("Straat en nummer"), required=False, max_length=200)
    postal_code = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{4}", "size": 4}),
    )
    city = forms.CharField(label=_("Gemeente"), required=False, max_length=120)

    def clean_phone(self) -> str:
        return _clean_phone(self.cleaned_data.get("phone", ""))

    def clean_postal_code(self) -> str:
        value: str = self.cleaned_data.get("postal_code", "").strip()
        if value and (len(value) != 4 or not value.isdigit()):
            raise forms.ValidationError(POSTAL_CODE_INVALID)
        return value


class FunctionForm(Form):
    function = forms.CharField(label=_("Jouw functie"), required=False, max_length=150)

    def __init__(self, *args: Any, affiliation: Affiliation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.affiliation = affiliation


class OrganisationSection:
    """One organisation on the form with the person's functions there."""

    def __init__(
        self, organisation: Organisation, form: OrganisationContactForm, functions: list[FunctionForm]
    ) -> None:
        self.organisation = organisation
        self.form = form
        self.functions = functions


class SelfServiceForm:
    """The person's details plus, per current organisation, its contact details and the function.

    `shown` (a hidden field) lists what the form showed; if the affiliations changed between
    opening and posting the form, the post is not applied and the form is shown again, fresh.
    """

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        person: Person,
        affiliations: list[Affiliation],
    ) -> None:
        self.person = person
        self.affiliations = affiliations
        self.errors_before: list[str] = []  # messages of the service, shown above the form
        orgs: dict[int, Organisation] = {}
        for aff in affiliations:
            orgs.setdefault(aff.organisation_id, aff.organisation)
        self.organisations = list(orgs.values())
        self.shown = "o" + ".".join(str(pk) for pk in orgs) + "a" + ".".join(str(a.pk) for a in affiliations)
        self.changed_meanwhile = data is not None and data.get("shown") != self.shown
        if self.changed_meanwhile:
            data = None
        self.is_bound = data is not None
        self.person_form = PersonDetailsForm(
            data, prefix="person", initial={f: getattr(person, f) for f in PERSON_FIELDS}
        )
        self.sections: list[OrganisationSection] = []
        for org in self.organisations:
            org_form = OrganisationContactForm(
                data, prefix=f"org-{org.pk}", initial={f: getattr(org, f) for f in ORGANISATION_FIELDS}
            )
            functions = [
                FunctionForm(
                    data, prefix=f"aff-{aff.pk}", initial={"function": aff.function}, affiliation=aff
                )
                for aff in affiliations
                if aff.organisation_id == org.pk
            ]
            self.sections.append(OrganisationSection(org, org_form, functions))

    def _forms(self) -> list[forms.Form]:
        found: list[forms.Form] = [self.person_form]
        for section in self.sections:
            found.append(section.form)
            found.extend(section.functions)
        return found

    def is_valid(self) -> bool:
        return self.is_bound and all([f.is_valid() for f in self._forms()])

    @property
    def has_errors(self) -> bool:
        return bool(self.errors_before) or (self.is_bound and any(f.errors for f in self._forms()))

    @property
    def cleaned_data(self) -> dict[str, Any]:
        """{"person": {...}, "organisations": {org_pk: {...}}, "functions": {affiliation_pk: str}}"""
        return {
            "person": {f: self.person_form.cleaned_data[f] for f in PERSON_FIELDS},
            "organisations": {
                s.organisation.pk: {f: s.form.cleaned_data[f] for f in ORGANISATION_FIELDS}
                for s in self.sections
            },
            "functions": {
                fn.affiliation.pk: fn.cleaned_data["function"] for s in self.sections for fn in s.functions
            },
        }
