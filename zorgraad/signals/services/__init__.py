"""Writes of the signals app: intake, classification, the workflow, bundling and endorsements.

Every write checks that the records it links belong to the signal's zone (another zone's id gets a
Dutch error), runs in one transaction (nothing half-saved) and leaves an audit entry.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone
from zorgraad.core.text import CONTROL_CHARACTER_MESSAGE, has_control_characters
from zorgraad.zones.models import Zone

from .. import tasks
from ..models import (
    AddresseeLevel,
    Signal,
    SignalEndorsement,
    SignalKind,
    SignalSource,
    SignalStatus,
    SignalTransition,
)

TITLE_MAX = 200
DESCRIPTION_MAX = 5_000
NOTE_MAX = 20_000
ENDORSEMENT_WARN_ABOVE = 2
REFERENCE_PREFIX = "SIG"

SIGNAL_FIELDS = [
    "title",
    "description",
    "kind",
    "organisation",
    "organisation_text",
    "sector",
    "cluster",
    "noticed_on",
    "addressee_level",
    "is_structural",
    "internal_notes",
]
SIGNAL_M2M = ["challenges", "municipalities", "target_groups"]

_HTML = re.compile(r"<\s*[a-zA-Z!/?]")


# --- checks --------------------------------------------------------------------------------------


def _text(value: Any, field: str, *, limit: int, required: str = "", errors: dict[str, list[str]]) -> str:
    text = (value or "").strip() if isinstance(value, str) else ""
    if value is not None and not isinstance(value, str):
        errors.setdefault(field, []).append(_("Geef hier tekst in."))
        return ""
    if has_control_characters(text):
        errors.setdefault(field, []).append(str(CONTROL_CHARACTER_MESSAGE))
    elif _HTML.search(text):
        errors.setdefault(field, []).append(_("Gebruik gewone tekst, zonder HTML-code of scripts."))
    if required and not text:
        errors.setdefault(field, []).append(required)
    if len(text) > limit:
        errors.setdefault(field, []).append(
            _("Deze tekst is te lang: hoogstens %(limit)d tekens (nu %(now)d).")
            % {"limit": limit, "now": len(text)}
        )
    return text


def _check_links(zone: Zone, values: dict[str, Any], m2m: dict[str, list[Any]]) -> None:
    """Every linked record of the zone's own; municipalities of the zone's area."""
    msg = _("Kies een record van deze eerstelijnszone.")
    for field in (
        "reporter_person",
        "organisation",
        "meeting",
        "agenda_item",
        "partner_round_entry",
        "parent",
    ):
        same_zone(zone, values.get(field), msg, field)
    for challenge in m2m.get("challenges", []):
        same_zone(zone, challenge, _("Kies een uitdaging van deze eerstelijnszone."), "challenges")
    municipalities = m2m.get("municipalities", [])
    if municipalities:
        own = set(zone.municipalities_on().values_list("pk", flat=True))
        # also municipalities the zone held earlier (merged in 2025): any link the zone ever had
        own |= set(zone.municipality_links.values_list("municipality_id", flat=True))
        if any(m.pk not in own for m in municipalities):
            raise ServiceError({"municipalities": _("Kies gemeenten van deze eerstelijnszone.")})
    item, meeting = values.get("agenda_item"), values.get("meeting")
    if item is not None and meeting is not None and item.meeting_id != meeting.pk:
        raise ServiceError({"agenda_item": _("Dit agendapunt hoort bij een andere vergadering.")})
    entry = values.get("partner_round_entry")
    if entry is not None and meeting is not None and entry.meeting_id != meeting.pk:
        raise ServiceError({"partner_round_entry": _("Deze partnerronde hoort bij een andere vergadering.")})


def _clean_values(data: dict[str, Any], *, require_description: bool) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    values = {k: v for k, v in data.items() if k in SIGNAL_FIELDS}
    values["title"] = _text(
        data.get("title"),
        "title",
        limit=TITLE_MAX,
        required=_("Geef je signaal een korte titel."),
        errors=errors,
    )
    if "description" in data or require_description:
        values["description"] = _text(
            data.get("description"),
            "description",
            limit=DESCRIPTION_MAX,
            required=_("Beschrijf de situatie: wat loopt er vast?") if require_description else "",
            errors=errors,
        )
    for field, limit in (("organisation_text", 200), ("internal_notes", NOTE_MAX)):
        if field in data:
            values[field] = _text(data.get(field), field, limit=limit, errors=errors)
    if values.get("kind", SignalKind.SIGNAL) not in SignalKind.values:
        errors.setdefault("kind", []).append(_("Kies een geldige soort."))
    if values.get("addressee_level") and values["addressee_level"] not in AddresseeLevel.values:
        errors.setdefault("addressee_level", []).append(_("Kies een geldig niveau."))
    noticed = values.get("noticed_on")
    if noticed is not None and noticed > timezone.localdate():
        errors.setdefault("noticed_on", []).append(_("Deze datum ligt in de toekomst."))
    if errors:
        raise ServiceError(errors)
    return values


def _contact(data: dict[str, Any]) -> tuple[str, bool]:
    email = (data.get("contact_email") or "").strip().lower()
    follow = bool(data.get("follow_up"))
    if email:
        if has_control_characters(email) or len(email) > 254:
            raise ServiceError(
                {"contact_email": _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")}
            )
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ServiceError(
                {"contact_email": _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")}
            ) from exc
    if follow and not email:
        raise ServiceError(
            {"contact_email": _("Geef een e-mailadres als je wil horen wat er met je signaal gebeurt.")}
        )
    return email, follow


def _next_reference(zone: Zone, day: dt.date) -> tuple[int, int, str]:
    # Lock the zone row: two intakes at the same moment get two numbers (the unique constraint is
    # the last guard).
    Zone.objects.select_for_update().filter(pk=zone.pk).first()
    last = Signal.objects.for_zone(zone).filter(year=day.year).aggregate(n=Max("sequence"))["n"] or 0
    sequence = last + 1
    return day.year, sequence, f"{REFERENCE_PREFIX}-{day.year}-{sequence:04d}"


def _m2m(signal: Signal, name: str) -> Any:
    return getattr(signal, name)


def _through(zone: Zone, name: str) -> dict[str, Any]:
    """The link rows of target groups carry the zone (SignalTargetGroup)."""
    return {"through_defaults": {"zone": zone}} if name == "target_groups" else {}


def _snapshot(signal: Signal) -> dict[str, Any]:
    data = audit.snapshot(signal, ["status", *SIGNAL_FIELDS])
    for name in SIGNAL_M2M:
        data[name] = sorted(str(o) for o in getattr(signal, name).all())
    return data


# --- intake --------------------------------------------------------------------------------------


@transaction.atomic
def signal_create(
    *,
    zone: Zone,
    actor: Any,
    data: dict[str, Any],
    source: str,
    require_description: bool = True,
    status: str = SignalStatus.RECEIVED,
    received_on: dt.date | None = None,
) -> Signal:
    """A new signal, with its reference number (SIG-2026-0042) and the first step of its trail.

    When a contact address is given, the reporter gets a confirmation mail with the reference.
    """
    if source not in SignalSource.values:
        raise ServiceError(_("Onbekende bron."))
    if status not in (SignalStatus.RECEIVED, SignalStatus.DRAFT):
        raise ServiceError(_("Een nieuw signaal is ontvangen of een ontwerp."))
    values = _clean_values(data, require_description=require_description)
    email, follow = _contact(data)
    errs: dict[str, list[str]] = {}
    reporter_name = _text(data.get("reporter_name"), "reporter_name", limit=200, errors=errs)
    if errs:
        raise ServiceError(errs)
    links = {
        k: data.get(k)
        for k in ("reporter_person", "meeting", "agenda_item", "partner_round_entry")
        if data.get(k) is not None
    }
    m2m = {k: list(data.get(k) or []) for k in SIGNAL_M2M}
    _check_links(zone, {**values, **links}, m2m)
    for source_link in ("agenda_item", "partner_round_entry"):
        linked: Any = links.get(source_link)
        if linked is not None and links.get("meeting") is None:
            links["meeting"] = linked.meeting
    day = received_on or timezone.localdate()
    year, sequence, reference = _next_reference(zone, day)
    user = actor if getattr(actor, "is_authenticated", False) else None
    signal = Signal(
        zone=zone,
        reference=reference,
        year=year,
        sequence=sequence,
        source=source,
        status=status,
        status_changed_at=timezone.now(),
        received_on=day,
        reporter_name=reporter_name,
        reporter_user=data.get("reporter_user"),
        contact_email=email,
        follow_up=follow,
        follow_up_consent_at=timezone.now() if follow else None,
        created_by=user,
        **values,
        **links,
    )
    signal.save()
    for name, objs in m2m.items():
        if objs:
            _m2m(signal, name).set(objs, **_through(zone, name))
    SignalTransition.objects.create(
        zone=zone,
        signal=signal,
        from_status="",
        to_status=status,
        actor=user,
        comment=str(SignalSource(source).label),
    )
    audit.record(
        zone=zone, actor=actor, action="created", instance=signal, changes=audit.diff({}, _snapshot(signal))
    )
    if email:
        transaction.on_commit(partial(tasks.signal_mail.enqueue, zone.pk, signal.pk, "received"))
    return signal


@transaction.atomic
def signal_update(*, zone: Zone, actor: Any, signal: Signal, data: dict[str, Any]) -> Signal:
    """Staff classify and correct a signal: texts, challenges, municipalities, target groups, level, ..."""
    same_zone(zone, signal, _("Dit signaal hoort niet bij deze eerstelijnszone."))
    stored = Signal.objects.for_zone(zone).select_for_update().get(pk=signal.pk)
    before = _snapshot(stored)
    merged = {f: getattr(stored, f) for f in SIGNAL_FIELDS}
    merged.update({k: v for k, v in data.items() if k in SIGNAL_FIELDS})
    values = _clean_values(merged, require_description=False)
    m2m = {k: list(data[k]) for k in SIGNAL_M2M if k in data}
    _check_links(zone, values, m2m)
    for field, value in values.items():
        setattr(stored, field, value)
    stored.save()
    for name, objs in m2m.items():
        _m2m(stored, name).set(objs, **_through(zone, name))
    changes = audit.diff(before, _snapshot(stored))
    if changes:
        audit.record(zone=zone, actor=actor, action="updated", instance=stored, changes=changes)
    return stored


# --- workflow ------------------------------------------------------------------------------------


def _refuse_move(signal: Signal, to_status: str) -> ServiceError:
    here = SignalStatus(signal.status).label
    there = SignalStatus(to_status).label if to_status in SignalStatus.values else to_status
    allowed = ", ".join(str(SignalStatus(s).label) for s in signal.allowed_moves) or _("geen")
    return ServiceError(
        _("Een signaal met status ‘%(here)s’ kan niet naar ‘%(there)s’. Mogelijk: %(allowed)s.")
        % {"here": here, "there": there, "allowed": allowed}
    )


@transaction.atomic
def signal_transition(
    *,
    zone: Zone,
    actor: Any,
    signal: Signal,
    to_status: str,
    comment: str = "",
    passed_on_to: str = "",
    passed_on_text: str = "",
    passed_on_at: dt.date | None = None,
    addressee_level: str = "",
    answer: str = "",
    answered_on: dt.date | None = None,
    reason: str = "",
    body: Any = None,
    meeting: Any = None,
    agenda_item: Any = None,
    merged_into: Signal | None = None,
) -> Signal:
    """Move a signal to `to_status` if its workflow allows it, with what that step needs.

    passed on: to whom and the text sent; answered: the answer (and its date); not retained: the
    reason. Refuses every other move with a Dutch message; nothing changes then.
    """
    same_zone(zone, signal, _("Dit signaal hoort niet bij deze eerstelijnszone."))
    stored = Signal.objects.for_zone(zone).select_for_update().get(pk=signal.pk)
    if to_status not in SignalStatus.values or not stored.can_move_to(to_status):
        raise _refuse_move(stored, to_status)
    if to_status == SignalStatus.MERGED and merged_into is None:
        raise ServiceError(_("Bundelen gebeurt met ‘samenvoegen met een ander signaal’."))
    errors: dict[str, list[str]] = {}
    comment = _text(comment, "comment", limit=NOTE_MAX, errors=errors)
    passed_on_to = _text(
        passed_on_to,
        "passed_on_to",
        limit=300,
        required=_("Aan wie werd het signaal doorgegeven?") if to_status == SignalStatus.PASSED_ON else "",
        errors=errors,
    )
    passed_on_text = _text(
        passed_on_text,
        "passed_on_text",
        limit=NOTE_MAX,
        required=_("Welke tekst werd verstuurd?") if to_status == SignalStatus.PASSED_ON else "",
        errors=errors,
    )
    answer = _text(
        answer,
        "answer",
        limit=NOTE_MAX,
        required=_("Schrijf het antwoord op.") if to_status == SignalStatus.ANSWERED else "",
        errors=errors,
    )
    reason = _text(
        reason,
        "reason",
        limit=NOTE_MAX,
        required=_("Waarom wordt het signaal niet weerhouden?")
        if to_status == SignalStatus.NOT_RETAINED
        else "",
        errors=errors,
    )
    if addressee_level and addressee_level not in AddresseeLevel.values:
        errors.setdefault("addressee_level", []).append(_("Kies een geldig niveau."))
    today = timezone.localdate()
    for field, day in (("passed_on_at", passed_on_at), ("answered_on", answered_on)):
        if day is not None and day > today:
            errors.setdefault(field, []).append(_("Deze datum ligt in de toekomst."))
    if errors:
        raise ServiceError(errors)
    for field, obj in (
        ("body", body),
        ("meeting", meeting),
        ("agenda_item", agenda_item),
        ("merged_into", merged_into),
    ):
        same_zone(zone, obj, _("Kies een record van deze eerstelijnszone."), field)
    before = _snapshot(stored)
    from_status = stored.status
    stored.status = to_status
    stored.status_changed_at = timezone.now()
    if to_status == SignalStatus.STRUCTURAL:
        stored.is_structural = True
    if to_status == SignalStatus.PASSED_ON:
        stored.passed_on_to = passed_on_to
        stored.passed_on_text = passed_on_text
        stored.passed_on_at = passed_on_at or today
        if addressee_level:
            stored.addressee_level = addressee_level
    if to_status == SignalStatus.ANSWERED:
        stored.answer = answer
        stored.answered_on = answered_on or today
    if to_status == SignalStatus.NOT_RETAINED:
        stored.not_retained_reason = reason
    if to_status == SignalStatus.DISCUSSED and meeting is not None:
        stored.meeting = meeting
        if agenda_item is not None:
            stored.agenda_item = agenda_item
    if to_status == SignalStatus.MERGED:
        stored.parent = merged_into
    stored.save()
    SignalTransition.objects.create(
        zone=zone,
        signal=stored,
        from_status=from_status,
        to_status=to_status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment,
        body=body,
        meeting=meeting,
        agenda_item=agenda_item,
        passed_on_to=passed_on_to,
        passed_on_text=passed_on_text,
        answer=answer,
        answered_on=stored.answered_on if to_status == SignalStatus.ANSWERED else None,
        reason=reason,
        merged_into=merged_into,
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="status",
        instance=stored,
        changes=audit.diff(before, _snapshot(stored)),
    )
    if to_status in (SignalStatus.PASSED_ON, SignalStatus.ANSWERED):
        _notify_followers(zone, stored, to_status)
    return stored


def _notify_followers(zone: Zone, signal: Signal, kind: str) -> None:
    """The reporters who asked to follow the signal (also those of the signals bundled into it)."""
    ids = [signal.pk, *Signal.objects.for_zone(zone).filter(parent=signal).values_list("pk", flat=True)]
    followers = (
        Signal.objects.for_zone(zone).filter(pk__in=ids, follow_up=True).exclude(contact_email="")
    ).values_list("pk", flat=True)
    for pk in followers:
        transaction.on_commit(partial(tasks.signal_mail.enqueue, zone.pk, pk, kind, signal.pk))


@transaction.atomic
def signal_merge(*, zone: Zone, actor: Any, duplicate: Signal, parent: Signal, comment: str = "") -> Signal:
    """Bundle `duplicate` into `parent`: the parent counts its reporter and keeps its text.

    The duplicate stays (status ‘gebundeld’, with its own text and reporter); its challenges,
    municipalities and target groups are added to the parent; signals already bundled into the
    duplicate move to the parent.
    """
    if duplicate.pk == parent.pk:
        raise ServiceError(_("Een signaal kan niet met zichzelf samengevoegd worden."))
    if duplicate.zone_id != zone.pk or parent.zone_id != zone.pk:
        raise ServiceError(_("Signalen van verschillende eerstelijnszones kunnen niet samengevoegd worden."))
    locked = {
        s.pk: s
        for s in Signal.objects.for_zone(zone).select_for_update().filter(pk__in=[duplicate.pk, parent.pk])
    }
    dup, par = locked[duplicate.pk], locked[parent.pk]
    if par.status == SignalStatus.MERGED or par.parent_id:
        raise ServiceError(_("Dit signaal is zelf al gebundeld; kies het signaal waarin het gebundeld is."))
    if dup.status == SignalStatus.MERGED:
        raise ServiceError(_("Dit signaal is al gebundeld in een ander signaal."))
    if not dup.can_move_to(SignalStatus.MERGED):
        raise _refuse_move(dup, SignalStatus.MERGED)
    Signal.objects.for_zone(zone).filter(parent=dup).update(parent=par)
    for name in SIGNAL_M2M:
        _m2m(par, name).add(*getattr(dup, name).all(), **_through(zone, name))
    signal_transition(
        zone=zone,
        actor=actor,
        signal=dup,
        to_status=SignalStatus.MERGED,
        comment=comment or _("Gebundeld in %(ref)s") % {"ref": par.reference},
        merged_into=par,
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="merged",
        instance=par,
        changes={"gebundeld": [None, dup.reference]},
    )
    par.refresh_from_db()
    return par


@transaction.atomic
def signal_to_meeting(*, zone: Zone, actor: Any, signal: Signal, body: Any) -> Signal:
    """Put the signal on the agenda of the body's next meeting in one action (status ‘besproken’)."""
    from zorgraad.meetings.models import Meeting, MeetingStatus
    from zorgraad.meetings.services.agenda import agenda_item_add

    same_zone(zone, signal, _("Dit signaal hoort niet bij deze eerstelijnszone."))
    same_zone(zone, body, _("Kies een overleg van deze eerstelijnszone."), "body")
    stored = Signal.objects.for_zone(zone).get(pk=signal.pk)
    if not stored.can_move_to(SignalStatus.DISCUSSED):
        raise _refuse_move(stored, SignalStatus.DISCUSSED)
    meeting = (
        Meeting.objects.for_zone(zone)
        .filter(
            body=body,
            date__gte=timezone.localdate(),
            status__in=[MeetingStatus.PLANNED, MeetingStatus.INVITED],
        )
        .order_by("date", "start_time", "id")
        .first()
    )
    if meeting is None:
        raise ServiceError(
            {
                "body": _("%(body)s heeft geen geplande vergadering. Plan eerst een vergadering.")
                % {"body": body}
            }
        )
    description = stored.description  # the internal notes stay internal: never on an agenda
    item = agenda_item_add(
        zone=zone,
        actor=actor,
        meeting=meeting,
        data={
            "title": (_("Signaal %(ref)s: %(title)s") % {"ref": stored.reference, "title": stored.title})[
                :250
            ],
            "description": description,
        },
    )
    from .routes import referral_record

    referral_record(zone=zone, actor=actor, signal=stored, body=body, meeting=meeting, item=item)
    return signal_transition(
        zone=zone,
        actor=actor,
        signal=stored,
        to_status=SignalStatus.DISCUSSED,
        comment=_("Op de agenda van %(meeting)s") % {"meeting": meeting},
        body=body,
        meeting=meeting,
        agenda_item=item,
    )


@transaction.atomic
def signal_endorse(
    *, zone: Zone, actor: Any, signal: Signal, body: Any, meeting: Any = None, decision_text: str = ""
) -> SignalEndorsement:
    """A body stands behind a signal, by a decision in its minutes (written into the meeting's
    decisions when a meeting is given)."""
    from zorgraad.meetings.services.minutes import decision_add

    same_zone(zone, signal, _("Dit signaal hoort niet bij deze eerstelijnszone."))
    same_zone(zone, body, _("Kies een overleg van deze eerstelijnszone."), "body")
    same_zone(zone, meeting, _("Kies een vergadering van deze eerstelijnszone."), "meeting")
    if meeting is not None and meeting.body_id != body.pk:
        raise ServiceError({"meeting": _("Kies een vergadering van dit overleg.")})
    errors: dict[str, list[str]] = {}
    text = _text(
        decision_text, "decision_text", limit=NOTE_MAX, required=_("Schrijf de beslissing op."), errors=errors
    )
    if errors:
        raise ServiceError(errors)
    if SignalEndorsement.objects.for_zone(zone).filter(signal=signal, body=body).exists():
        raise ServiceError(_("%(body)s staat al achter dit signaal.") % {"body": body})
    decision = None
    if meeting is not None:
        decision = decision_add(zone=zone, actor=actor, meeting=meeting, text=f"{signal.reference}: {text}")
    endorsement = SignalEndorsement.objects.create(
        zone=zone,
        signal=signal,
        body=body,
        meeting=meeting,
        decision=decision,
        decision_text=text,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        zone=zone, actor=actor, action="created", instance=endorsement, changes={"beslissing": [None, text]}
    )
    return endorsement


@transaction.atomic
def signal_unfollow(*, zone: Zone, signal: Signal) -> bool:
    """The reporter clicked the unsubscribe link: no more mails about this signal."""
    changed = Signal.objects.for_zone(zone).filter(pk=signal.pk, follow_up=True).update(follow_up=False)
    if changed:
        audit.record(
            zone=zone,
            actor=None,
            action="updated",
            instance=signal,
            changes={"follow_up": [True, False]},
            actor_label=_("melder (afmeldlink)"),
        )
    return bool(changed)
