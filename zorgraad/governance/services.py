"""Writes for bodies: the body itself, memberships, fixed agenda items, mandate renewal, subscribers.

Every service takes the zone and the actor, runs in one transaction, raises ServiceError with a Dutch
message when a rule is broken (nothing is saved then) and leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.models import Organisation, Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Municipality, Zone

from . import mail as subscription_mail
from . import subscriptions, tasks
from .models import Body, Candidacy, FixedAgendaItem, MandateCall, Membership, MembershipRole

# Words that cannot be a body's slug: they are pages of their own under /overleg/ and /beheer/overleg/.
RESERVED_SLUGS = frozenset({"verslagen", "nieuw"})

BODY_FIELDS = [
    "name",
    "slug",
    "kind",
    "cluster",
    "is_open",
    "description",
    "meeting_rule",
    "meetings_per_year",
    "rule_quarters",
    "rule_months",
    "rule_excluded_months",
    "default_weekday",
    "default_start",
    "default_end",
    "rotate_venues",
]
BODY_M2M = ["required_sectors"]

MEMBERSHIP_FIELDS = [
    "person",
    "organisation",
    "role",
    "represents_sector",
    "represents_municipality",
    "start",
    "end",
]

MANDATE_CALL_FIELDS = ["title", "description", "seats", "deadline", "mandate_start", "mandate_end"]


logger = logging.getLogger(__name__)


class AlreadySubscribed(ServiceError):
    """The address already gets this body's agenda: not an error for the person who asks again."""


# --- helpers ------------------------------------------------------------------------------------


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _full_clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    """Field validation, re-raised as ServiceError so views show it like any other rule.

    Constraints are checked by the services themselves (with a clearer message) and by the database;
    Django's own constraint check would query without a zone.
    """
    try:
        instance.full_clean(
            exclude=["zone", *(exclude or [])], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise ServiceError(exc.error_dict if hasattr(exc, "error_dict") else exc.messages) from exc


def _same_zone(zone: Zone, instance: models.Model | None, message: str) -> None:
    if instance is not None and getattr(instance, "zone_id", None) != zone.pk:
        raise ServiceError(message)


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _m2m_snapshot(instance: Any, names: list[str]) -> dict[str, list[str]]:
    return {n: sorted(str(o) for o in getattr(instance, n).all()) for n in names}


def normalise_quarters(text: str) -> str:
    """'4, 1,2' -> '1,2,4'. Raises ServiceError on anything but distinct digits 1 to 4."""
    text = (text or "").replace(" ", "")
    if not text:
        return ""
    parts = text.split(",")
    if any(len(p) != 1 or p not in "1234" for p in parts):
        raise ServiceError(
            {
                "rule_quarters": _(
                    "Geef de kwartalen als cijfers van 1 tot 4, gescheiden door komma's, bijvoorbeeld 1,2,4."
                )
            }
        )
    if len(set(parts)) != len(parts):
        raise ServiceError({"rule_quarters": _("Elk kwartaal mag maar één keer voorkomen.")})
    return ",".join(sorted(parts))


def normalise_months(text: str, field: str) -> str:
    """'8, 7' -> '7,8'. Raises ServiceError on anything but distinct month numbers 1 to 12."""
    text = (text or "").replace(" ", "").strip(",")
    if not text:
        return ""
    parts = text.split(",")
    if any(not p.isdigit() or not 1 <= int(p) <= 12 for p in parts):
        raise ServiceError(
            {
                field: _(
                    "Geef de maanden als getallen van 1 tot 12, gescheiden door komma's, bijvoorbeeld 7,8."
                )
            }
        )
    numbers = sorted({int(p) for p in parts})
    if len(numbers) != len(parts):
        raise ServiceError({field: _("Elke maand mag maar één keer voorkomen.")})
    return ",".join(str(m) for m in numbers)


def _membership_label(membership: Membership) -> str:
    label = _("%(person)s, %(role)s") % {
        "person": membership.person,
        "role": membership.get_role_display(),
    }
    if membership.organisation_id:
        label += " " + _("namens %(organisation)s") % {"organisation": membership.organisation}
    return label


def _overlapping(
    zone: Zone, body: Body, person: Person, role: str, start: dt.date | None, end: dt.date | None
) -> models.QuerySet[Membership]:
    """Memberships of this person with this role in this body whose period meets [start, end]."""
    qs = Membership.objects.for_zone(zone).filter(body=body, person=person, role=role)
    if end is not None:
        qs = qs.filter(Q(start__isnull=True) | Q(start__lte=end))
    if start is not None:
        qs = qs.filter(Q(end__isnull=True) | Q(end__gte=start))
    return qs


# --- bodies -------------------------------------------------------------------------------------


def _clean_body_data(zone: Zone, data: dict[str, Any], body: Body | None = None) -> dict[str, Any]:
    """The body's fields from `data`, normalised, with every broken rule reported at once."""
    cleaned = {f: data[f] for f in BODY_FIELDS if f in data}
    errors: dict[str, str] = {}
    name = (cleaned.get("name") or (body.name if body else "")).strip()
    if "name" in cleaned:
        cleaned["name"] = name
    if "slug" in cleaned or body is None:
        slug = (cleaned.get("slug") or "").strip().lower() or slugify(name)[:80]
        cleaned["slug"] = slug
        if not slug:
            errors["slug"] = _("Geef een korte naam voor in de URL, bijvoorbeeld clusteroverleg-welzijn.")
        elif slug in RESERVED_SLUGS:
            errors["slug"] = _(
                "‘%(slug)s’ kan geen korte naam zijn: dat woord is voorbehouden. Kies een andere."
            ) % {"slug": slug}
        else:
            taken = Body.objects.for_zone(zone).filter(slug=slug)
            if body is not None:
                taken = taken.exclude(pk=body.pk)
            if taken.exists():
                errors["slug"] = _(
                    "De korte naam ‘%(slug)s’ is al in gebruik voor een ander overlegorgaan in deze zone."
                ) % {"slug": slug}
    if "rule_quarters" in cleaned:
        try:
            cleaned["rule_quarters"] = normalise_quarters(cleaned["rule_quarters"])
        except ServiceError as exc:
            errors["rule_quarters"] = exc.messages[0]
    quarters = cleaned.get("rule_quarters", body.rule_quarters if body else "")
    per_year = cleaned.get("meetings_per_year", body.meetings_per_year if body else 0) or 0
    if "rule_quarters" not in errors and quarters and per_year:
        count = len(quarters.split(","))
        if count != per_year:
            errors["rule_quarters"] = _(
                "Je koos %(quarters)s kwartalen maar %(meetings)s vergaderingen per jaar; "
                "maak die gelijk of laat de kwartalen leeg."
            ) % {"quarters": count, "meetings": per_year}
    for field in ("rule_months", "rule_excluded_months"):
        if field in cleaned:
            try:
                cleaned[field] = normalise_months(cleaned[field], field)
            except ServiceError as exc:
                errors[field] = exc.messages[0]
    if "rule_months" not in errors and "rule_excluded_months" not in errors:
        allowed = set(filter(None, cleaned.get("rule_months", body.rule_months if body else "").split(",")))
        excluded = set(
            filter(
                None,
                cleaned.get("rule_excluded_months", body.rule_excluded_months if body else "").split(","),
            )
        )
        if allowed and allowed <= excluded:
            errors["rule_excluded_months"] = _(
                "Zo blijft er geen enkele maand over om te vergaderen: laat minstens één maand toe."
            )
    weekday = cleaned.get("default_weekday")
    if weekday is not None and not 0 <= weekday <= 4:
        errors["default_weekday"] = _("Kies een werkdag, van maandag tot vrijdag.")
    start = cleaned.get("default_start", body.default_start if body else None)
    end = cleaned.get("default_end", body.default_end if body else None)
    if start and end and end <= start:
        errors["default_end"] = _("Het standaard einduur moet na het beginuur liggen.")
    if errors:
        raise ServiceError(errors)
    return cleaned


def _body_snapshot(body: Body) -> dict[str, Any]:
    snap = audit.snapshot(body, BODY_FIELDS)
    for name in ("default_start", "default_end"):  # audit's JSON has no time type
        value = snap.get(name)
        snap[name] = value.strftime("%H:%M") if isinstance(value, dt.time) else value
    return {**snap, **_m2m_snapshot(body, BODY_M2M)}


@transaction.atomic
def body_create(*, zone: Zone, actor: Any, data: dict[str, Any]) -> Body:
    body = Body(zone=zone, **_clean_body_data(zone, data))
    _full_clean(body)
    body.save()
    if "required_sectors" in data:
        body.required_sectors.set(data["required_sectors"])
    audit.record(
        zone=zone, actor=actor, action="created", instance=body, changes=audit.diff({}, _body_snapshot(body))
    )
    return body


@transaction.atomic
def body_update(*, zone: Zone, actor: Any, body: Body, data: dict[str, Any]) -> Body:
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    stored = Body.objects.for_zone(zone).get(pk=body.pk)
    before = _body_snapshot(stored)
    cleaned = _clean_body_data(zone, data, body=stored)
    for field, value in cleaned.items():
        setattr(body, field, value)
    _full_clean(body)
    body.save()
    if "required_sectors" in data:
        body.required_sectors.set(data["required_sectors"])
    changes = audit.diff(before, _body_snapshot(body))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=body, changes=changes)
    return body


# --- memberships --------------------------------------------------------------------------------


def _check_membership_parties(
    zone: Zone, person: Person | None, organisation: Organisation | None, municipality: Municipality | None
) -> None:
    if person is None:
        raise ServiceError({"person": _("Kies een persoon.")})
    _same_zone(zone, person, _("Deze persoon hoort niet bij deze eerstelijnszone."))
    if person.is_archived:
        raise ServiceError({"person": _("Deze persoon is gearchiveerd en kan geen mandaat opnemen.")})
    _same_zone(zone, organisation, _("Deze organisatie hoort niet bij deze eerstelijnszone."))
    if municipality is not None and not zone.municipalities_on().filter(pk=municipality.pk).exists():
        raise ServiceError({"represents_municipality": _("Kies een gemeente van deze eerstelijnszone.")})


@transaction.atomic
def membership_add(*, zone: Zone, actor: Any, body: Body, data: dict[str, Any]) -> Membership:
    """A person takes a seat in the body, for a period, with a role, possibly for an organisation."""
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    person: Person | None = data.get("person")
    organisation: Organisation | None = data.get("organisation")
    _check_membership_parties(zone, person, organisation, data.get("represents_municipality"))
    assert person is not None
    role = data.get("role") or MembershipRole.MEMBER
    start: dt.date | None = data.get("start")
    end: dt.date | None = data.get("end")
    if start and end and end < start:
        raise ServiceError(
            {"end": _("Het mandaat eindigt vóór het begint: kies een einddatum na de begindatum.")}
        )
    # Lock the body so two simultaneous requests cannot both add the same seat.
    Body.objects.for_zone(zone).select_for_update().get(pk=body.pk)
    if _overlapping(zone, body, person, role, start, end).exists():
        raise ServiceError(
            _("%(person)s is in die periode al %(role)s van %(body)s.")
            % {"person": person, "role": MembershipRole(role).label, "body": body}
        )
    membership = Membership(
        zone=zone,
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        represents_sector=data.get("represents_sector"),
        represents_municipality=data.get("represents_municipality"),
        start=start,
        end=end,
    )
    _full_clean(membership)
    membership.save()
    _record_membership(zone, actor, "membership_added", membership, [None, _membership_label(membership)])
    return membership


def _record_membership(
    zone: Zone, actor: Any, action: str, membership: Membership, change: list[Any]
) -> None:
    changes = {
        "lidmaatschap": change,
        **audit.diff({}, audit.snapshot(membership, ["start", "end"])),
    }
    # On the body and on the person, so both histories tell the same story.
    audit.record(zone=zone, actor=actor, action=action, instance=membership.body, changes=changes)
    audit.record(zone=zone, actor=actor, action=action, instance=membership.person, changes=changes)


@transaction.atomic
def membership_end(
    *, zone: Zone, actor: Any, membership: Membership, day: dt.date | None = None
) -> Membership:
    """End a running mandate (today unless `day` is given)."""
    _same_zone(zone, membership, _("Dit lidmaatschap hoort niet bij deze eerstelijnszone."))
    day = _today(day)
    membership = Membership.objects.for_zone(zone).select_for_update().get(pk=membership.pk)
    if membership.end is not None and membership.end <= day:
        raise ServiceError(_("Dit mandaat is al beëindigd."))
    if membership.start is not None and membership.start > day:
        raise ServiceError(
            _("Dit mandaat begint pas op %(start)s; het kan niet eindigen vóór het begint.")
            % {"start": _date(membership.start)}
        )
    before = membership.end
    membership.end = day
    membership.save(update_fields=["end"])
    changes = {"lidmaatschap": [_membership_label(membership), None], "end": [_date(before), _date(day)]}
    audit.record(zone=zone, actor=actor, action="membership_ended", instance=membership.body, changes=changes)
    audit.record(
        zone=zone, actor=actor, action="membership_ended", instance=membership.person, changes=changes
    )
    return membership


# --- fixed agenda items -------------------------------------------------------------------------


@transaction.atomic
def fixed_item_add(
    *, zone: Zone, actor: Any, body: Body, title: str, at_end: bool = False
) -> FixedAgendaItem:
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    title = (title or "").strip()
    if not title:
        raise ServiceError({"title": _("Geef het vaste agendapunt een titel.")})
    items = FixedAgendaItem.objects.for_zone(zone).filter(body=body)
    if items.filter(title__iexact=title).exists():
        raise ServiceError({"title": _("‘%(title)s’ staat al bij de vaste agendapunten.") % {"title": title}})
    last = items.filter(at_end=at_end).aggregate(m=Max("order"))["m"]
    item = FixedAgendaItem(
        zone=zone, body=body, title=title, at_end=at_end, order=0 if last is None else last + 1
    )
    _full_clean(item)
    item.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="fixed_item_added",
        instance=body,
        changes={"vast agendapunt": [None, title]},
    )
    return item


@transaction.atomic
def fixed_item_move(*, zone: Zone, actor: Any, item: FixedAgendaItem, direction: str) -> FixedAgendaItem:
    """Swap the item with its neighbour above ("up") or below ("down") within its part of the agenda."""
    _same_zone(zone, item, _("Dit agendapunt hoort niet bij deze eerstelijnszone."))
    if direction not in ("up", "down"):
        raise ServiceError(_("Onbekende richting."))
    group = list(
        FixedAgendaItem.objects.for_zone(zone)
        .select_for_update()
        .filter(body_id=item.body_id, at_end=item.at_end)
        .order_by("order", "id")
    )
    index = next((i for i, other in enumerate(group) if other.pk == item.pk), None)
    if index is None:
        raise ServiceError(_("Dit agendapunt bestaat niet meer."))
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(group):
        raise ServiceError(
            _("Dit agendapunt staat al bovenaan.")
            if direction == "up"
            else _("Dit agendapunt staat al onderaan.")
        )
    group[index], group[target] = group[target], group[index]
    for order, other in enumerate(group):
        if other.order != order:
            other.order = order
            other.save(update_fields=["order"])
    moved = group[target]
    audit.record(
        zone=zone,
        actor=actor,
        action="fixed_item_moved",
        instance=moved.body,
        changes={"vast agendapunt": [moved.title, _("naar boven") if direction == "up" else _("naar onder")]},
    )
    return moved


@transaction.atomic
def fixed_item_delete(*, zone: Zone, actor: Any, item: FixedAgendaItem) -> None:
    _same_zone(zone, item, _("Dit agendapunt hoort niet bij deze eerstelijnszone."))
    body = item.body
    title = item.title
    item.delete()
    audit.record(
        zone=zone,
        actor=actor,
        action="fixed_item_deleted",
        instance=body,
        changes={"vast agendapunt": [title, None]},
    )


# --- mandate renewal ----------------------------------------------------------------------------


@transaction.atomic
def mandate_call_open(
    *, zone: Zone, actor: Any, body: Body, data: dict[str, Any], today: dt.date | None = None
) -> MandateCall:
    """Open a call for candidates: until `deadline`; the new mandates start on `mandate_start`."""
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    today = _today(today)
    cleaned = {f: data[f] for f in MANDATE_CALL_FIELDS if f in data}
    cleaned["title"] = (cleaned.get("title") or "").strip()
    errors: dict[str, str] = {}
    deadline: dt.date | None = cleaned.get("deadline")
    start: dt.date | None = cleaned.get("mandate_start")
    end: dt.date | None = cleaned.get("mandate_end")
    if (cleaned.get("seats") or 0) < 1:
        errors["seats"] = _("Er moet minstens één mandaat te begeven zijn.")
    if deadline and deadline < today:
        errors["deadline"] = _("De termijn voor kandidaturen kan niet in het verleden liggen.")
    if deadline and start and deadline >= start:
        errors["deadline"] = _("De termijn voor kandidaturen moet aflopen vóór de nieuwe mandaten starten.")
    if start and end and end < start:
        errors["mandate_end"] = _("De nieuwe mandaten kunnen niet eindigen vóór ze starten.")
    if errors:
        raise ServiceError(errors)
    call = MandateCall(zone=zone, body=body, status=MandateCall.Status.OPEN, **cleaned)
    _full_clean(call)
    call.save()
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=call,
        changes=audit.diff({}, audit.snapshot(call, MANDATE_CALL_FIELDS)),
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="mandate_call_opened",
        instance=body,
        changes={"oproep": [None, call.title]},
    )
    return call


@transaction.atomic
def candidacy_submit(
    *, zone: Zone, actor: Any, call: MandateCall, data: dict[str, Any], today: dt.date | None = None
) -> Candidacy:
    """Register a candidate for an open call, up to and including its deadline."""
    _same_zone(zone, call, _("Deze oproep hoort niet bij deze eerstelijnszone."))
    call = MandateCall.objects.for_zone(zone).select_for_update().get(pk=call.pk)
    if call.status == MandateCall.Status.DECIDED:
        raise ServiceError(_("Over deze oproep is al beslist; er kunnen geen kandidaturen meer bij."))
    if _today(today) > call.deadline:
        raise ServiceError(_("De termijn voor kandidaturen is verstreken."))
    person: Person | None = data.get("person")
    organisation: Organisation | None = data.get("organisation")
    _check_membership_parties(zone, person, organisation, None)
    assert person is not None
    if Candidacy.objects.for_zone(zone).filter(call=call, person=person).exists():
        raise ServiceError({"person": _("%(person)s is al kandidaat voor deze oproep.") % {"person": person}})
    candidacy = Candidacy(
        zone=zone,
        call=call,
        person=person,
        organisation=organisation,
        role=data.get("role") or MembershipRole.MEMBER,
        motivation=(data.get("motivation") or "").strip(),
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _full_clean(candidacy, exclude=["submitted_by"])
    try:
        with transaction.atomic():
            candidacy.save()
    except IntegrityError as exc:  # the same person submitted at the same moment
        raise ServiceError(
            {"person": _("%(person)s is al kandidaat voor deze oproep.") % {"person": person}}
        ) from exc
    audit.record(
        zone=zone,
        actor=actor,
        action="candidacy_submitted",
        instance=call,
        changes={"kandidaat": [None, f"{person} ({candidacy.get_role_display()})"]},
    )
    return candidacy


@transaction.atomic
def mandate_call_decide(
    *, zone: Zone, actor: Any, call: MandateCall, accepted: Iterable[Candidacy], end_current: bool = False
) -> MandateCall:
    """Decide a call: the chosen candidacies become mandates from `mandate_start`, the others are not kept.

    With `end_current`, running mandates of the same role(s) that last beyond `mandate_start` end the day
    before it. Deciding a call twice changes nothing and says so.
    """
    _same_zone(zone, call, _("Deze oproep hoort niet bij deze eerstelijnszone."))
    call = MandateCall.objects.for_zone(zone).select_for_update().select_related("body").get(pk=call.pk)
    if call.status == MandateCall.Status.DECIDED:
        raise ServiceError(_("Over deze oproep is al beslist; er is niets gewijzigd."))
    candidacies = list(
        Candidacy.objects.for_zone(zone).filter(call=call).select_related("person", "organisation")
    )
    by_pk = {c.pk: c for c in candidacies}
    chosen_pks = {c.pk for c in accepted}
    if any(pk not in by_pk for pk in chosen_pks):
        raise ServiceError(_("Kies enkel kandidaten van deze oproep."))
    if len(chosen_pks) > call.seats:
        raise ServiceError(
            _("Je koos %(chosen)s kandidaten, maar er zijn maar %(seats)s mandaten te begeven.")
            % {"chosen": len(chosen_pks), "seats": call.seats}
        )
    chosen = [c for c in candidacies if c.pk in chosen_pks]
    body = call.body
    start = call.mandate_start
    day_before = start - dt.timedelta(days=1)
    ended: list[Membership] = []
    if end_current and chosen:
        running = (
            Membership.objects.for_zone(zone)
            .select_for_update(of=("self",))
            .filter(body=body, role__in={c.role for c in chosen})
            .filter(Q(end__isnull=True) | Q(end__gte=start))
            .filter(Q(start__isnull=True) | Q(start__lt=start))
            .select_related("person", "organisation", "body")
        )
        for membership in running:
            before = membership.end
            membership.end = day_before
            membership.save(update_fields=["end"])
            ended.append(membership)
            _record_membership(
                zone,
                actor,
                "membership_ended",
                membership,
                [_membership_label(membership), None],
            )
            audit.record(
                zone=zone,
                actor=actor,
                action="membership_ended",
                instance=call,
                changes={
                    "lopend mandaat": [_membership_label(membership), None],
                    "end": [_date(before), _date(day_before)],
                },
            )
    for candidacy in chosen:
        if _overlapping(zone, body, candidacy.person, candidacy.role, start, call.mandate_end).exists():
            raise ServiceError(
                _(
                    "%(person)s is op %(start)s nog %(role)s van %(body)s. Vink ‘lopende mandaten beëindigen’ "
                    "aan of beëindig dat mandaat eerst."
                )
                % {
                    "person": candidacy.person,
                    "start": _date(start),
                    "role": candidacy.get_role_display(),
                    "body": body,
                }
            )
        membership = Membership(
            zone=zone,
            body=body,
            person=candidacy.person,
            organisation=candidacy.organisation,
            role=candidacy.role,
            start=start,
            end=call.mandate_end,
        )
        _full_clean(membership)
        membership.save()
        _record_membership(zone, actor, "membership_added", membership, [None, _membership_label(membership)])
    for candidacy in candidacies:
        candidacy.status = (
            Candidacy.Status.ACCEPTED if candidacy.pk in chosen_pks else Candidacy.Status.REJECTED
        )
        candidacy.save(update_fields=["status"])
    call.status = MandateCall.Status.DECIDED
    call.decided_at = timezone.now()
    call.save(update_fields=["status", "decided_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="mandate_call_decided",
        instance=call,
        changes={
            "status": [str(MandateCall.Status.OPEN.label), str(MandateCall.Status.DECIDED.label)],
            "aanvaard": [None, sorted(str(c.person) for c in chosen)],
            "lopende mandaten beëindigd": [None, len(ended)],
        },
    )
    return call


# --- subscribers --------------------------------------------------------------------------------
#
# Double opt-in: the public form calls subscription_request, which stores nothing and mails a signed
# link unless the address already gets the agenda; the visitor sees the same answer either way. The
# click on the link (subscription_confirm) makes the subscription, kept by the newsletter app
# (see subscriptions.py). Every agenda mail to a
# subscriber carries a signed unsubscribe link (subscriber_remove).


def _subscribable(zone: Zone, body: Body) -> None:
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    if not body.is_open or body.is_archived:
        raise ServiceError(_("Je kan je enkel inschrijven voor de agenda van een open overleg."))


def _subscriber_address(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ServiceError(
            {"email": _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")}
        ) from exc
    return email


def _consent(consent_text: str) -> str:
    consent_text = (consent_text or "").strip()
    if not consent_text:
        raise ServiceError({"consent": _("Geef je toestemming om de agenda per e-mail te krijgen.")})
    return consent_text


@transaction.atomic
def subscription_request(*, zone: Zone, body: Body, email: str, consent_text: str, name: str = "") -> bool:
    """Someone asks for the agenda by mail: send a confirmation link, unless the address already gets it.

    Stores nothing. Returns whether a mail goes out; the page the visitor sees must not depend on it,
    so that the form does not tell anyone whether an address is subscribed.
    """
    _subscribable(zone, body)
    email = _subscriber_address(email)
    consent_text = _consent(consent_text)
    if subscriptions.store().exists(zone=zone, body=body, email=email):
        return False
    token = subscription_mail.confirm_token(
        zone=zone, body=body, email=email, name=(name or "").strip()[:200], consent_text=consent_text
    )
    transaction.on_commit(partial(tasks.subscription_confirm_mail.enqueue, zone.pk, body.pk, token))
    return True


def subscription_confirm_deliver(*, zone_id: int, body_id: int, token: str) -> str:
    """Task body: mail the confirmation link."""
    zone = Zone.objects.get(pk=zone_id)
    body = Body.objects.for_zone(zone).filter(pk=body_id, is_open=True, is_archived=False).first()
    if body is None:
        return "skipped"
    try:
        request = subscription_mail.confirm_request_get(zone=zone, body=body, token=token)
    except subscription_mail.LinkRefused:
        return "skipped"
    message = subscription_mail.confirm_message(
        zone=zone, body=body, email=request.email, name=request.name, token=token
    )
    try:
        message.send()
    except Exception:  # a refused address must not crash the worker; nothing was stored
        logger.warning("Subscription confirmation for body %s could not be sent", body.pk, exc_info=True)
        return "failed"
    return "sent"


@transaction.atomic
def subscription_confirm(
    *, zone: Zone, actor: Any, body: Body, request: subscription_mail.SubscriptionRequest, consent_text: str
) -> tuple[subscriptions.BodySubscription, bool]:
    """The address's owner clicked the confirmation link: the subscription starts now.

    `consent_text` is the wording the form shows today; it must be the one the person agreed to.
    Returns the subscription and whether it is new (a second click changes nothing).
    """
    _subscribable(zone, body)
    if request.body_id != body.pk:
        raise ServiceError(_("Deze link hoort bij een ander overleg."))
    if request.wording != subscription_mail.wording_fingerprint(_consent(consent_text)):
        raise ServiceError(
            _(
                "De tekst waarmee je toestemming gaf, is intussen gewijzigd. Schrijf je opnieuw in, "
                "dan krijg je een nieuwe link."
            )
        )
    existing = next(
        (s for s in subscriptions.store().for_body(zone=zone, body=body) if s.email == request.email), None
    )
    if existing is not None:
        return existing, False
    subscriber = subscriber_add(
        zone=zone,
        actor=actor,
        body=body,
        email=request.email,
        name=request.name,
        consent_text=consent_text,
        consent_at=request.consent_at,
        confirmed_at=timezone.now(),
    )
    return subscriber, True


@transaction.atomic
def subscriber_add(
    *,
    zone: Zone,
    actor: Any,
    body: Body,
    email: str,
    consent_text: str,
    name: str = "",
    consent_at: dt.datetime | None = None,
    confirmed_at: dt.datetime | None = None,
) -> subscriptions.BodySubscription:
    """Store a subscription with the consent wording and time. The public form goes through
    subscription_request and subscription_confirm (double opt-in), never straight here."""
    _subscribable(zone, body)
    email = _subscriber_address(email)
    consent_text = _consent(consent_text)
    already = _("Dit e-mailadres krijgt de agenda van %(body)s al. Je hoeft niets meer te doen.") % {
        "body": body
    }
    store = subscriptions.store()
    if store.exists(zone=zone, body=body, email=email):
        raise AlreadySubscribed(already)
    try:
        with transaction.atomic():
            return store.add(
                zone=zone,
                actor=actor,
                body=body,
                email=email,
                name=(name or "").strip()[:200],
                consent_text=consent_text,
                consent_at=consent_at or timezone.now(),
                confirmed_at=confirmed_at,
            )
    except IntegrityError as exc:  # the same address sent twice at the same moment
        raise AlreadySubscribed(already) from exc


@transaction.atomic
def subscriber_remove(*, zone: Zone, actor: Any, body: Body, email: str) -> bool:
    """Stop sending the agenda to `email` (the unsubscribe link). Returns whether there was a subscription."""
    _same_zone(zone, body, _("Dit overlegorgaan hoort niet bij deze eerstelijnszone."))
    return subscriptions.store().remove(zone=zone, actor=actor, body=body, email=email)
