"""Who came: the attendance list of a meeting, guests added on the fly, the sector check."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.network.models import Organisation, Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from ..selectors.minutes import active_memberships, missing_sectors  # noqa: F401  (re-exported)

# What the attendance table records; "invited" is only the starting point.
RECORDED = (AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED, AttendanceStatus.ABSENT)


def _open_meeting(zone: Zone, meeting: Meeting) -> Meeting:
    if meeting.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))
    locked = Meeting.objects.for_zone(zone).select_for_update().select_related("body").get(pk=meeting.pk)
    if locked.status == MeetingStatus.CANCELLED:
        raise ServiceError(_("Deze vergadering is geannuleerd: er zijn geen aanwezigheden te noteren."))
    return locked


@transaction.atomic
def attendance_add_members(*, zone: Zone, actor: Any, meeting: Meeting) -> int:
    """Put every active member of the body on the list (status 'uitgenodigd'). Returns how many were added."""
    meeting = _open_meeting(zone, meeting)
    already = set(
        Attendance.objects.for_zone(zone).filter(meeting=meeting).values_list("person_id", flat=True)
    )
    added: list[Attendance] = []
    for membership in active_memberships(zone=zone, meeting=meeting):
        if membership.person_id in already or membership.person.is_archived:
            continue
        already.add(membership.person_id)
        added.append(
            Attendance(
                zone=zone,
                meeting=meeting,
                person=membership.person,
                organisation=membership.organisation,
                status=AttendanceStatus.INVITED,
            )
        )
    Attendance.objects.bulk_create(added)
    if added:
        audit.record(
            zone=zone,
            actor=actor,
            action="attendance_members",
            instance=meeting,
            changes={"attendance": [None, [str(a.person) for a in added]]},
        )
    return len(added)


@transaction.atomic
def attendance_set(*, zone: Zone, actor: Any, meeting: Meeting, statuses: dict[int, str]) -> int:
    """Record present / excused / absent for people on the list (person id -> status), all or nothing.

    Returns the number of rows that changed.
    """
    meeting = _open_meeting(zone, meeting)
    allowed = {str(s) for s in RECORDED}
    wrong = [pk for pk, status in statuses.items() if status not in allowed]
    if wrong:
        raise ServiceError(_("Kies voor iedereen aanwezig, verontschuldigd of afwezig."))
    rows = {
        a.person_id: a
        for a in Attendance.objects.for_zone(zone)
        .filter(meeting=meeting, person_id__in=list(statuses))
        .select_related("person")
    }
    if len(rows) != len(statuses):
        raise ServiceError(
            _(
                "Iemand staat niet (meer) op de aanwezigheidslijst van deze vergadering. Laad de pagina opnieuw."
            )
        )
    changes: dict[str, list[str]] = {}
    changed: list[Attendance] = []
    for person_id, status in statuses.items():
        row = rows[person_id]
        if row.status != status:
            changes[str(row.person)] = [row.status, status]
            row.status = status
            changed.append(row)
    Attendance.objects.for_zone(zone).bulk_update(changed, ["status"])
    if changed:
        audit.record(zone=zone, actor=actor, action="attendance", instance=meeting, changes=changes)
    return len(changed)


@transaction.atomic
def guest_add(
    *,
    zone: Zone,
    actor: Any,
    meeting: Meeting,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    organisation: Organisation | None = None,
    person: Person | None = None,
) -> Attendance:
    """Add a guest who is present. With `person` the guest is someone already in the directory;
    without, a new person is created from the name and e-mail."""
    meeting = _open_meeting(zone, meeting)
    if organisation is not None and organisation.zone_id != zone.pk:
        raise ServiceError({"organisation": _("Deze organisatie hoort niet bij deze eerstelijnszone.")})
    if person is not None:
        if person.zone_id != zone.pk:
            raise ServiceError(_("Deze persoon hoort niet bij deze eerstelijnszone."))
        existing = Attendance.objects.for_zone(zone).filter(meeting=meeting, person=person).first()
        if existing is not None:
            raise ServiceError(
                _("%(name)s staat al op de aanwezigheidslijst (%(status)s). Pas de status aan in de tabel.")
                % {"name": person.full_name, "status": existing.get_status_display()}
            )
    else:
        first_name, last_name, email = first_name.strip(), last_name.strip(), email.strip()
        errors: dict[str, str] = {}
        if not first_name:
            errors["first_name"] = _("Vul de voornaam in.")
        if not last_name:
            errors["last_name"] = _("Vul de familienaam in.")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors["email"] = _("Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be.")
        if errors:
            raise ServiceError(errors)
        person = Person(zone=zone, first_name=first_name, last_name=last_name, email=email)
        person.search_text = person.build_search_text()
        person.save()
        audit.record(
            zone=zone,
            actor=actor,
            action="created",
            instance=person,
            changes={
                **audit.diff({}, audit.snapshot(person, ["first_name", "last_name", "email"])),
                "guest_at_meeting": [None, meeting.pk],
            },
        )
    attendance = Attendance.objects.create(
        zone=zone,
        meeting=meeting,
        person=person,
        organisation=organisation,
        status=AttendanceStatus.PRESENT,
        is_guest=True,
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="guest_added",
        instance=meeting,
        changes={
            "guest": [None, f"{person.full_name} ({organisation.name})" if organisation else person.full_name]
        },
    )
    return attendance
