"""Writes of the directory: organisations, people, affiliations and offers (aanbod)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError
from zorgraad.zones.models import Zone

from ..models import Affiliation, Offer, Organisation, Person

ORGANISATION_FIELDS = [
    "name",
    "short_name",
    "sector",
    "parent",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "description",
]
ORGANISATION_M2M = ["clusters", "municipalities"]

PERSON_FIELDS = ["first_name", "last_name", "email", "phone", "email_bounced"]

AFFILIATION_FIELDS = ["organisation", "function", "start", "end"]

OFFER_FIELDS = [
    "title",
    "description",
    "how_to_refer",
    "contact_email",
    "contact_phone",
    "website",
    "site_address",
    "opening_hours",
    "cost",
    "languages",
    "accessibility",
    "referral",
]
OFFER_M2M = ["target_groups", "themes", "municipalities"]


def _m2m_snapshot(instance: Any, names: list[str]) -> dict[str, list[str]]:
    return {n: sorted(str(o) for o in getattr(instance, n).all()) for n in names}


def _stored(instance: models.Model) -> Any:
    """The record as it is in the database: the "before" of an audit diff.

    A ModelForm bound to the instance has already copied the new values onto it, so the instance
    itself cannot tell what changed.
    """
    return type(instance)._base_manager.get(pk=instance.pk)


def _full_clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    """Model validation, re-raised as ServiceError so views show it like any other rule."""
    try:
        instance.full_clean(exclude=["zone", *(exclude or [])], validate_unique=False)
    except ServiceError:
        raise
    except ValidationError as exc:
        raise ServiceError(exc.error_dict if hasattr(exc, "error_dict") else exc.messages) from exc


def _same_zone(zone: Zone, instance: models.Model | None, message: str) -> None:
    if instance is not None and getattr(instance, "zone_id", None) != zone.pk:
        raise ServiceError(message)


def _check_postal_code(value: str) -> None:
    if value and (len(value) != 4 or not value.isdigit()):
        raise ServiceError({"postal_code": _("Een Belgische postcode heeft 4 cijfers, bijvoorbeeld 1730.")})


def _check_municipalities(zone: Zone, municipalities: Any) -> None:
    if not municipalities:
        return
    allowed = set(zone.municipalities_on().values_list("pk", flat=True))
    if any(m.pk not in allowed for m in municipalities):
        raise ServiceError(
            {"municipalities": _("Kies enkel gemeenten van deze eerstelijnszone.")},
        )


def _save(
    instance: Any,
    *,
    data: dict[str, Any] | None = None,
    m2m: list[str] | None = None,
    exclude: list[str] | None = None,
    stored: Any = None,
) -> None:
    """Validate, refresh the search text, save, and set the many-to-many fields `m2m` found in `data`.

    `stored`: the record as it is in the database (an update): only the fields that differ from it
    are written, with the time of the change, so the page cache clears only the pages that show
    them (a partner's new phone number: the pages that show that partner, core/pagerecords.py)."""
    _full_clean(instance, exclude=exclude)
    instance.search_text = instance.build_search_text()
    update_fields = None
    if stored is not None and not instance.get_deferred_fields():
        update_fields = [
            f.name
            for f in type(instance)._meta.concrete_fields
            if not f.primary_key and getattr(stored, f.attname) != getattr(instance, f.attname)
        ]
        update_fields = sorted({*update_fields, "updated_at"})
    instance.save(update_fields=update_fields)
    for name in m2m or []:
        if data is not None and name in data:
            getattr(instance, name).set(data[name])


def _record_update(
    *,
    zone: Zone,
    actor: Any,
    instance: models.Model,
    before: dict[str, Any],
    after: dict[str, Any],
    actor_label: str,
) -> None:
    """The audit entry of an update, if anything changed."""
    changes = audit.diff(before, after)
    if changes:
        audit.record(
            zone=zone,
            actor=actor,
            action="updated",
            instance=instance,
            changes=changes,
            actor_label=actor_label,
        )


def _archive(*, zone: Zone, actor: Any, record: Organisation | Person) -> None:
    """Archive an organisation or person (now) and record it; the caller checked it may."""
    record.is_archived = True
    record.archived_at = timezone.now()
    record.save(update_fields=["is_archived", "archived_at", "updated_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="archived",
        instance=record,
        changes={"is_archived": [False, True]},
    )


# --- organisations ------------------------------------------------------------------------------


def _organisation_snapshot(organisation: Organisation) -> dict[str, Any]:
    return {
        **audit.snapshot(organisation, ORGANISATION_FIELDS),
        **_m2m_snapshot(organisation, ORGANISATION_M2M),
    }


@transaction.atomic
def organisation_create(*, zone: Zone, actor: Any, data: dict[str, Any]) -> Organisation:
    parent = data.get("parent")
    if parent is not None and parent.zone_id != zone.pk:
        raise ServiceError(_("De bovenliggende organisatie hoort niet bij deze eerstelijnszone."))
    _check_postal_code(data.get("postal_code", ""))
    _check_municipalities(zone, data.get("municipalities"))
    org = Organisation(zone=zone, **{f: data[f] for f in ORGANISATION_FIELDS if f in data})
    _save(org, data=data, m2m=ORGANISATION_M2M)
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=org,
        changes=audit.diff({}, _organisation_snapshot(org)),
    )
    return org


@transaction.atomic
def organisation_update(
    *, zone: Zone, actor: Any, organisation: Organisation, data: dict[str, Any], actor_label: str = ""
) -> Organisation:
    if organisation.zone_id != zone.pk:
        raise ServiceError(_("Deze organisatie hoort niet bij deze eerstelijnszone."))
    parent = data.get("parent")
    if parent is not None and (parent.zone_id != zone.pk or parent.pk == organisation.pk):
        raise ServiceError(_("Kies een andere bovenliggende organisatie van deze eerstelijnszone."))
    if "postal_code" in data:
        _check_postal_code(data["postal_code"])
    _check_municipalities(zone, data.get("municipalities"))
    stored = _stored(organisation)
    before = _organisation_snapshot(stored)
    for f in ORGANISATION_FIELDS:
        if f in data:
            setattr(organisation, f, data[f])
    _save(organisation, data=data, m2m=ORGANISATION_M2M, stored=stored)
    _record_update(
        zone=zone,
        actor=actor,
        instance=organisation,
        before=before,
        after=_organisation_snapshot(organisation),
        actor_label=actor_label,
    )
    return organisation


@transaction.atomic
def organisation_archive(*, zone: Zone, actor: Any, organisation: Organisation) -> Organisation:
    if organisation.zone_id != zone.pk:
        raise ServiceError(_("Deze organisatie hoort niet bij deze eerstelijnszone."))
    if organisation.is_archived:
        raise ServiceError(_("Deze organisatie is al gearchiveerd."))
    _archive(zone=zone, actor=actor, record=organisation)
    return organisation


# --- people -------------------------------------------------------------------------------------


def _clean_person_data(data: dict[str, Any]) -> dict[str, Any]:
    cleaned = {f: data[f] for f in PERSON_FIELDS if f in data}
    for f in ("first_name", "last_name", "email", "phone"):
        if f in cleaned and isinstance(cleaned[f], str):
            cleaned[f] = cleaned[f].strip()
    if cleaned.get("email"):
        cleaned["email"] = cleaned["email"].lower()
    return cleaned


@transaction.atomic
def person_create(
    *,
    zone: Zone,
    actor: Any,
    data: dict[str, Any],
    organisation: Organisation | None = None,
    function: str = "",
) -> Person:
    """Create a person; with `organisation`, also their current function there (from today)."""
    _same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze eerstelijnszone."))
    person = Person(zone=zone, **_clean_person_data(data))
    _save(person, exclude=["user"])
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=person,
        changes=audit.diff({}, audit.snapshot(person, PERSON_FIELDS)),
    )
    if organisation is not None:
        affiliation_add(
            zone=zone,
            actor=actor,
            person=person,
            data={"organisation": organisation, "function": function, "start": timezone.localdate()},
        )
    return person


@transaction.atomic
def person_update(
    *, zone: Zone, actor: Any, person: Person, data: dict[str, Any], actor_label: str = ""
) -> Person:
    if person.zone_id != zone.pk:
        raise ServiceError(_("Deze persoon hoort niet bij deze eerstelijnszone."))
    return _person_write(
        zone=zone, actor=actor, person=person, values=_clean_person_data(data), actor_label=actor_label
    )


def _person_write(
    *, zone: Zone, actor: Any, person: Person, values: dict[str, Any], actor_label: str = ""
) -> Person:
    """Set `values` (already cleaned) on the person, validate, save and record what changed.

    Shared by person_update and the self-service, which passes its own values (the person's
    corrections, plus `email_bounced` and `last_confirmed_at`). Only PERSON_FIELDS are audited.
    """
    before = audit.snapshot(_stored(person), PERSON_FIELDS)
    for f, value in values.items():
        setattr(person, f, value)
    _save(person, exclude=["user"])
    _record_update(
        zone=zone,
        actor=actor,
        instance=person,
        before=before,
        after=audit.snapshot(person, PERSON_FIELDS),
        actor_label=actor_label,
    )
    return person


@transaction.atomic
def person_archive(*, zone: Zone, actor: Any, person: Person) -> Person:
    if person.zone_id != zone.pk:
        raise ServiceError(_("Deze persoon hoort niet bij deze eerstelijnszone."))
    if person.is_archived:
        raise ServiceError(_("Deze persoon is al gearchiveerd."))
    _archive(zone=zone, actor=actor, record=person)
    return person


# --- affiliations -------------------------------------------------------------------------------


def _affiliation_label(affiliation: Affiliation) -> str:
    function = affiliation.function or _("medewerker")
    return _("%(function)s bij %(organisation)s") % {
        "function": function,
        "organisation": affiliation.organisation,
    }


@transaction.atomic
def affiliation_add(*, zone: Zone, actor: Any, person: Person, data: dict[str, Any]) -> Affiliation:
    """Link a person to an organisation of the same zone, with a function and optional dates."""
    _same_zone(zone, person, _("Deze persoon hoort niet bij deze eerstelijnszone."))
    organisation = data.get("organisation")
    if organisation is None:
        raise ServiceError({"organisation": _("Kies een organisatie.")})
    _same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze eerstelijnszone."))
    start: dt.date | None = data.get("start")
    end: dt.date | None = data.get("end")
    if start and end and end < start:
        raise ServiceError({"end": _("De einddatum ligt vóór de begindatum.")})
    affiliation = Affiliation(
        zone=zone,
        person=person,
        organisation=organisation,
        function=(data.get("function") or "").strip(),
        start=start,
        end=end,
    )
    _full_clean(affiliation)
    affiliation.save()
    changes = {
        "affiliation": [None, _affiliation_label(affiliation)],
        **audit.diff({}, audit.snapshot(affiliation, ["start", "end"])),
    }
    # On both records, so the history of the person and of the organisation tell the same story.
    audit.record(zone=zone, actor=actor, action="affiliation_added", instance=person, changes=changes)
    audit.record(zone=zone, actor=actor, action="affiliation_added", instance=organisation, changes=changes)
    return affiliation


@transaction.atomic
def affiliation_end(
    *, zone: Zone, actor: Any, affiliation: Affiliation, day: dt.date | None = None
) -> Affiliation:
    """End a current affiliation (today unless `day` is given)."""
    _same_zone(zone, affiliation, _("Deze functie hoort niet bij deze eerstelijnszone."))
    day = day or timezone.localdate()
    if affiliation.end is not None and affiliation.end <= day:
        raise ServiceError(_("Deze functie is al beëindigd."))
    if affiliation.start is not None and affiliation.start > day:
        raise ServiceError(
            _("Deze functie begint pas op %(start)s; een einddatum vóór de begindatum kan niet.")
            % {"start": affiliation.start.strftime("%d/%m/%Y")}
        )
    before = affiliation.end
    affiliation.end = day
    affiliation.save(update_fields=["end"])
    changes = {"affiliation": [_affiliation_label(affiliation), None], "end": [str(before or ""), str(day)]}
    person = affiliation.person
    audit.record(zone=zone, actor=actor, action="affiliation_ended", instance=person, changes=changes)
    audit.record(
        zone=zone,
        actor=actor,
        action="affiliation_ended",
        instance=affiliation.organisation,
        changes=changes,
    )
    return affiliation


# --- offers (aanbod on the social map) ----------------------------------------------------------


def _offer_snapshot(offer: Offer) -> dict[str, Any]:
    return {**audit.snapshot(offer, OFFER_FIELDS), **_m2m_snapshot(offer, OFFER_M2M)}


@transaction.atomic
def offer_create(
    *, zone: Zone, actor: Any, organisation: Organisation, data: dict[str, Any], actor_label: str = ""
) -> Offer:
    _same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze eerstelijnszone."))
    if organisation.is_archived:
        raise ServiceError(_("Deze organisatie is gearchiveerd; voeg geen nieuw aanbod toe."))
    _check_municipalities(zone, data.get("municipalities"))
    offer = Offer(zone=zone, organisation=organisation, **{f: data[f] for f in OFFER_FIELDS if f in data})
    _save(offer, data=data, m2m=OFFER_M2M)
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=offer,
        changes=audit.diff({}, _offer_snapshot(offer)),
        actor_label=actor_label,
    )
    return offer


@transaction.atomic
def offer_update(
    *, zone: Zone, actor: Any, offer: Offer, data: dict[str, Any], actor_label: str = ""
) -> Offer:
    _same_zone(zone, offer, _("Dit aanbod hoort niet bij deze eerstelijnszone."))
    _check_municipalities(zone, data.get("municipalities"))
    before = _offer_snapshot(_stored(offer))
    for f in OFFER_FIELDS:
        if f in data:
            setattr(offer, f, data[f])
    _save(offer, data=data, m2m=OFFER_M2M)
    _record_update(
        zone=zone,
        actor=actor,
        instance=offer,
        before=before,
        after=_offer_snapshot(offer),
        actor_label=actor_label,
    )
    return offer


@transaction.atomic
def offer_archive(*, zone: Zone, actor: Any, offer: Offer) -> Offer:
    _same_zone(zone, offer, _("Dit aanbod hoort niet bij deze eerstelijnszone."))
    if offer.is_archived:
        raise ServiceError(_("Dit aanbod is al gearchiveerd."))
    offer.is_archived = True
    offer.save(update_fields=["is_archived", "updated_at"])
    audit.record(
        zone=zone, actor=actor, action="archived", instance=offer, changes={"is_archived": [False, True]}
    )
    return offer
