"""The day itself: check-in, walk-ins and closing the attendance list."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.errors import ServiceError, same_zone

from ..models import (
    Event,
    Registration,
    RegistrationStatus,
)
from .registrations import existing_registration, match_organisation, normalise_email


def registration_check_in(
    *, zone: Any, actor: Any, registration: Registration, present: bool = True
) -> Registration:
    """Tick someone present (or undo it). Someone from the waiting list who shows up is let in
    without a seat of the registration count."""
    same_zone(zone, registration, _("Deze inschrijving hoort niet bij deze zorgraad."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise ServiceError(_("Deze inschrijving is geannuleerd."))
    with transaction.atomic():
        if present:
            registration.status = RegistrationStatus.ATTENDED
            registration.checked_in_at = timezone.now()
        else:
            registration.status = (
                RegistrationStatus.CONFIRMED if registration.has_seat else RegistrationStatus.WAITLISTED
            )
            registration.checked_in_at = None
        registration.save(update_fields=["status", "checked_in_at"])
        audit.record(
            zone=zone, actor=actor, action="check_in" if present else "check_in_undo", instance=registration
        )
    return registration


def walk_in_add(
    *, zone: Any, actor: Any, event: Event, name: str, email: str = "", organisation_name: str = ""
) -> Registration:
    """Someone who comes without registering: present at once; walk-ins take no seat of the count."""
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError({"name": _("Vul de naam in.")})
    email = normalise_email(email)
    if email and existing_registration(event, email) is not None:
        raise ServiceError({"email": _("Dit e-mailadres is al ingeschreven: zoek de persoon in de lijst.")})
    with transaction.atomic():
        reg = Registration.objects.create(
            zone=zone,
            event=event,
            name=name[:200],
            email=email,
            organisation=match_organisation(zone, organisation_name) if organisation_name else None,
            organisation_name=organisation_name.strip()[:200],
            status=RegistrationStatus.ATTENDED,
            walk_in=True,
            checked_in_at=timezone.now(),
        )
        audit.record(zone=zone, actor=actor, action="walk_in", instance=reg)
    return reg


def attendance_close(*, zone: Any, actor: Any, event: Event) -> int:
    """After the event: everyone confirmed who was not ticked present is a no-show. Returns how many."""
    same_zone(zone, event, _("Deze activiteit hoort niet bij deze zorgraad."))
    with transaction.atomic():
        count = (
            Registration.objects.for_zone(zone)
            .filter(event=event, status=RegistrationStatus.CONFIRMED)
            .update(status=RegistrationStatus.NO_SHOW)
        )
        audit.record(
            zone=zone, actor=actor, action="attendance_close", instance=event, changes={"no_show": count}
        )
    return count
