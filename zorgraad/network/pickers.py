"""Search pickers: choose one person or organisation of the zone without a <select> of all of them.

A `<select>` of every person or organisation grows with the zone (on a zone of 20,000 people it
was 93-97 % of the page's time) and shows more than choosing needs. A `PickerField` is a
`ModelChoiceField` whose widget never lists its queryset. It shows:

- a search box: with JavaScript, htmx asks the zone's picker endpoint (`network:person_picker`,
  `network:organisation_picker`) for matches while you type;
- the chosen record (a checked radio button), "none" for an optional field, and after a search at
  most `PICKER_LIMIT` matches as radio buttons. A person is shown by name and organisation, never by
  e-mail address.

Without JavaScript the search box belongs to a small GET form next to the page's POST form
(`{% include "core/_picker_forms.html" %}` after the form), so "Zoeken" reloads the page with
`?<field>__zoek=words` and the view hands those words to its forms with `use_search(request, form)`.

The POST carries only the chosen id; the field validates it against its zone-scoped queryset (an
id of another zone is "not a valid choice"), and the services check the zone again.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Length, StrIndex
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.forms.renderers import TemplatesSetting
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from zorgraad.zones.models import Zone

PERSON = "person"
ORGANISATION = "organisation"
KINDS = (PERSON, ORGANISATION)
URL_NAMES = {PERSON: "network:person_picker", ORGANISATION: "network:organisation_picker"}
PICKER_LIMIT = 20
QUERY_SUFFIX = "__zoek"
MAX_QUERY = 100
MAX_WORDS = 5
ORGANISATIONS_SHOWN = 2
FIELD_NAME = re.compile(r"^[A-Za-z0-9_-]{1,80}$")
_RENDERER = TemplatesSetting()


@dataclass(frozen=True)
class Choice:
    pk: int
    label: str
    detail: str = ""


@dataclass(frozen=True)
class Matches:
    query: str
    choices: list[Choice]
    more: bool  # there were more than the limit: type more words


# --- selectors ----------------------------------------------------------------------------------


def clean_query(text: str | None) -> str:
    return " ".join((text or "").split())[:MAX_QUERY]


def _words(text: str) -> list[tuple[str, str]]:
    """(as typed, normalised) per word, at most MAX_WORDS."""
    from zorgraad.network.models import normalise

    return [(w, normalise(w)) for w in clean_query(text).split()[:MAX_WORDS]]


def _in_name(word: str, plain: str, *fields: str, prefix: str = "") -> Q:
    """`word` in one of the name fields, accents ignored.

    `search_text` starts with the normalised name fields joined by spaces (Person: first and last
    name, then the e-mail address; Organisation: name and short name, then city, e-mail, description),
    so a normalised word found at a position within the length of those fields is in the name, and
    never only in the e-mail address or the description.
    """
    at = StrIndex(f"{prefix}search_text", Value(plain))
    name_length: Any = Length(prefix + fields[0])
    for name in fields[1:]:
        name_length = name_length + Length(prefix + name) + 1
    typed = Q()
    for name in fields:
        typed |= Q(**{f"{prefix}{name}__icontains": word})
    return typed | (Q(GreaterThan(at, 0)) & Q(LessThanOrEqual(at, name_length)))


def _current(day: dt.date) -> Q:
    return (Q(start__isnull=True) | Q(start__lte=day)) & (Q(end__isnull=True) | Q(end__gte=day))


def _person_choices(zone: Zone, people: list[Any], day: dt.date) -> list[Choice]:
    """Name and current organisations, from one prefetch (done by the caller)."""
    choices = []
    for p in people:
        names = sorted({a.organisation.name for a in p.picker_affiliations})
        detail = ", ".join(names[:ORGANISATIONS_SHOWN]) + (" …" if len(names) > ORGANISATIONS_SHOWN else "")
        choices.append(Choice(pk=p.pk, label=f"{p.last_name} {p.first_name}".strip(), detail=detail))
    return choices


def _with_organisations(zone: Zone, qs: QuerySet[Any], day: dt.date) -> QuerySet[Any]:
    from zorgraad.network.models import Affiliation

    current = (
        Affiliation.objects.for_zone(zone)
        .filter(_current(day))
        .select_related("organisation")
        .only("id", "person_id", "organisation__name")
    )
    return qs.prefetch_related(Prefetch("affiliations", queryset=current, to_attr="picker_affiliations"))


def person_picker_search(*, zone: Zone, q: str, limit: int = PICKER_LIMIT) -> Matches:
    """People of the zone (not archived) whose name, or the name of an organisation they work for
    now, contains every word; accents and case ignored. Two queries, whatever the zone's size."""
    from zorgraad.network.models import Affiliation, Person

    query = clean_query(q)
    words = _words(query)
    if not words:
        return Matches(query=query, choices=[], more=False)
    day = timezone.localdate()
    qs = Person.objects.for_zone(zone).filter(is_archived=False)
    for word, plain in words:
        works_for = (
            Affiliation.objects.for_zone(zone)
            .filter(_current(day), person=OuterRef("pk"))
            .filter(_in_name(word, plain, "name", "short_name", prefix="organisation__"))
        )
        qs = qs.filter(_in_name(word, plain, "first_name", "last_name") | Q(Exists(works_for)))
    qs = qs.only("id", "first_name", "last_name").order_by("last_name", "first_name", "id")
    people = list(_with_organisations(zone, qs, day)[: limit + 1])
    return Matches(query=query, choices=_person_choices(zone, people[:limit], day), more=len(people) > limit)


def _organisation_choice(org: Any) -> Choice:
    label = org.name + (f" ({org.short_name})" if org.short_name else "")
    return Choice(pk=org.pk, label=label, detail=org.city)


def organisation_picker_search(*, zone: Zone, q: str, limit: int = PICKER_LIMIT) -> Matches:
    """Organisations of the zone (not archived) whose name or short name contains every word. One query."""
    from zorgraad.network.models import Organisation

    query = clean_query(q)
    words = _words(query)
    if not words:
        return Matches(query=query, choices=[], more=False)
    qs = Organisation.objects.for_zone(zone).filter(is_archived=False)
    for word, plain in words:
        qs = qs.filter(_in_name(word, plain, "name", "short_name"))
    orgs = list(qs.only("id", "name", "short_name", "city").order_by("name", "id")[: limit + 1])
    return Matches(
        query=query, choices=[_organisation_choice(o) for o in orgs[:limit]], more=len(orgs) > limit
    )


def picker_search(*, kind: str, zone: Zone, q: str, limit: int = PICKER_LIMIT) -> Matches:
    if kind == PERSON:
        return person_picker_search(zone=zone, q=q, limit=limit)
    return organisation_picker_search(zone=zone, q=q, limit=limit)


def picker_chosen(*, kind: str, zone: Zone, queryset: QuerySet[Any], pk: int) -> Choice | None:
    """The chosen record as the picker shows it, if `queryset` (the field's) holds it."""
    qs = queryset.filter(pk=pk)
    if kind == PERSON:
        day = timezone.localdate()
        found = list(_with_organisations(zone, qs, day)[:1])
        return _person_choices(zone, found, day)[0] if found else None
    org = qs.first()
    return _organisation_choice(org) if org is not None else None


def _widget_context(
    name: str, widget_id: str, kind: str, chosen: Choice | None, matches: Matches
) -> dict[str, Any]:
    return {
        "name": name,
        "id": widget_id,
        "kind": kind,
        "query_name": name + QUERY_SUFFIX,
        "chosen": chosen,
        "results": [c for c in matches.choices if chosen is None or c.pk != chosen.pk],
        "query": matches.query,
        "more": matches.more,
        "found": len(matches.choices),
        "searched": bool(matches.query),
    }


# --- the field and its widget --------------------------------------------------------------------


class PickerWidget(forms.Widget):
    template_name = "core/widgets/picker.html"
    # Filled in by PickerBoundField just before rendering.
    field: PickerField | None = None
    query: str = ""

    def _pk(self, value: Any) -> int | None:
        if hasattr(value, "pk"):
            return int(value.pk)
        text = str(value[0] if isinstance(value, list | tuple) and value else value or "")
        return int(text) if text.isdigit() and len(text) < 19 else None

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> Any:
        # The project's templates (zorgraad/templates), not only Django's form templates.
        return super().render(name, value, attrs, _RENDERER)

    def format_value(self, value: Any) -> Any:
        return value  # keep a model instance: get_context reads its pk

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        field = self.field
        pk = self._pk(value)
        chosen = None
        matches = Matches(query="", choices=[], more=False)
        if field is not None and field.zone is not None and field.queryset is not None:
            if pk is not None:
                chosen = picker_chosen(kind=field.kind, zone=field.zone, queryset=field.queryset, pk=pk)
            if self.query:
                matches = picker_search(kind=field.kind, zone=field.zone, q=self.query)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        kind = field.kind if field else PERSON
        context["widget"].update(_widget_context(name, widget_id, kind, chosen, matches))
        context["widget"].update(
            {
                "search_url": field.search_url if field else "",
                "empty_label": "" if field is None or field.required else field.empty_label or "",
                "label": field.label if field else "",
            }
        )
        return context

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        return data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data

    def id_for_label(self, id_: str) -> str:
        return id_  # the label names the search box


class PickerBoundField(forms.BoundField):
    def as_widget(
        self, widget: forms.Widget | None = None, attrs: Any = None, only_initial: bool = False
    ) -> Any:
        target = widget or self.field.widget
        if isinstance(target, PickerWidget):
            assert isinstance(self.field, PickerField)
            target.field = self.field
            searched = getattr(self.form, "picker_query", None) or {}
            target.query = clean_query(searched.get(self.html_name + QUERY_SUFFIX, ""))
        return super().as_widget(widget, attrs, only_initial)


class PickerField(forms.ModelChoiceField):
    """Choose one record of the zone by searching. Call `for_zone(zone, queryset)` in the form's __init__."""

    widget = PickerWidget
    is_picker = True

    def __init__(self, *, kind: str, queryset: Any = None, **kwargs: Any) -> None:
        if kind not in KINDS:
            raise ValueError(f"Unknown picker kind {kind!r}")
        if queryset is None:
            from zorgraad.network.models import Organisation, Person

            queryset = (Person if kind == PERSON else Organisation).objects.none()
        super().__init__(queryset=queryset, **kwargs)
        self.kind = kind
        self.zone: Zone | None = None

    def for_zone(self, zone: Zone, queryset: QuerySet[Any]) -> None:
        """The zone whose records may be chosen and the queryset a posted id must be in."""
        self.zone = zone
        self.queryset = queryset

    @property
    def search_url(self) -> str:
        if self.zone is None:
            return ""
        return reverse(URL_NAMES[self.kind], kwargs={"zone": self.zone.slug})

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> forms.BoundField:
        return PickerBoundField(form, self, field_name)


def use_search(request: HttpRequest, *page_forms: forms.BaseForm) -> None:
    """Hand the words of a no-JavaScript picker search (`?<field>__zoek=...`) to the forms' pickers."""
    for form in page_forms:
        form.picker_query = request.GET  # type: ignore[attr-defined]


# --- the search endpoint (htmx) -----------------------------------------------------------------


def _default_queryset(kind: str, zone: Zone) -> QuerySet[Any]:
    from zorgraad.network.models import Organisation, Person

    model = Person if kind == PERSON else Organisation
    return model.objects.for_zone(zone).filter(is_archived=False)


def _search(request: HttpRequest, kind: str) -> HttpResponse:
    """The chosen record and the matches as radio buttons for the picker named `veld` (htmx fragment).

    Parameters: `veld` (the field's HTML name), `id` (the widget's id), `<veld>__zoek` (the words)
    and `<veld>` (the id that is checked now, so it stays checked while the matches change).
    """
    zone: Zone = request.zone  # type: ignore[attr-defined]
    name = request.GET.get("veld", "")
    if not FIELD_NAME.match(name):
        raise Http404(_("Onbekend keuzeveld."))
    widget_id = request.GET.get("id", "")
    if not FIELD_NAME.match(widget_id):
        widget_id = f"id_{name}"
    checked = request.GET.get(name, "")
    chosen = None
    if checked.isdigit() and len(checked) < 19:
        chosen = picker_chosen(kind=kind, zone=zone, queryset=_default_queryset(kind, zone), pk=int(checked))
    matches = picker_search(kind=kind, zone=zone, q=request.GET.get(name + QUERY_SUFFIX, ""))
    return render(
        request,
        "core/widgets/_picker_results.html",
        {"widget": _widget_context(name, widget_id, kind, chosen, matches)},
    )


def person_picker(request: HttpRequest, zone: str) -> HttpResponse:
    return _search(request, PERSON)


def organisation_picker(request: HttpRequest, zone: str) -> HttpResponse:
    return _search(request, ORGANISATION)
