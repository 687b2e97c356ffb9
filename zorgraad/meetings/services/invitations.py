"""Invitations: the agenda by mail, with an .ics, to the members and subscribers of the body."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.governance import mail as subscription_mail
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .. import ics
from ..models import AgendaItem, Attendance, AttendanceStatus, Meeting, MeetingStatus
from ..selectors import schedule as sel
from .schedule import day_label
from .status import meeting_transition

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "nl-be"
ICS_NAME = "vergadering.ics"
ICS_TYPE = "text/calendar; method=REQUEST; charset=utf-8"
SENDABLE = (MeetingStatus.PLANNED, MeetingStatus.INVITED)


@dataclass
class InvitationPreview:
    subject: str
    body: str
    recipients: list[sel.Recipient]
    items: list[AgendaItem]

    @property
    def members(self) -> int:
        return sum(1 for r in self.recipients if r.is_member)

    @property
    def subscribers(self) -> int:
        return len(self.recipients) - self.members


@dataclass(frozen=True)
class InvitationResult:
    sent: int
    members: int
    subscribers: int
    again: bool


def invitation_subject(meeting: Meeting) -> str:
    return _("Uitnodiging: {body} op {day}").format(body=meeting.body.name, day=day_label(meeting.date))


def _context(meeting: Meeting, items: list[AgendaItem]) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "body": meeting.body,
        "zone": meeting.zone,
        "day": day_label(meeting.date),
        "start": meeting.start_time.strftime("%H:%M"),
        "end": meeting.end_time.strftime("%H:%M"),
        "location": meeting.location,
        "online_url": meeting.online_url,
        "items": items,
        "public_url": ics.public_url(meeting) if meeting.body.is_open else "",
    }


def _unsubscribe_url(meeting: Meeting, recipient: sel.Recipient | None) -> str:
    """A subscriber's own signed link to stop the agenda mails (members leave through the body)."""
    if recipient is None or recipient.is_member:
        return ""
    return subscription_mail.unsubscribe_url(zone=meeting.zone, body=meeting.body, email=recipient.email)


def invitation_body(meeting: Meeting, items: list[AgendaItem], recipient: sel.Recipient | None = None) -> str:
    context = {
        **_context(meeting, items),
        "name": recipient.name if recipient else "",
        "is_subscriber": recipient is not None and not recipient.is_member,
        "unsubscribe_url": _unsubscribe_url(meeting, recipient),
    }
    return render_to_string("meetings/mail/invitation.txt", context)


def _check(zone: Zone, meeting: Meeting) -> None:
    if meeting.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))
    if meeting.status not in SENDABLE:
        raise ServiceError(
            _(
                "Uitnodigingen gaan enkel uit voor een geplande vergadering; deze vergadering is ‘{status}’."
            ).format(status=meeting.get_status_display())
        )


def invitation_preview(*, zone: Zone, meeting: Meeting) -> InvitationPreview:
    """The mail as a recipient will read it, and who will get it."""
    items = list(sel.agenda_items(zone=zone, meeting=meeting))
    recipients = sel.invitation_recipients(zone=zone, meeting=meeting)
    with translation.override(MAIL_LANGUAGE):
        subject = invitation_subject(meeting)
        body = invitation_body(meeting, items, recipients[0] if recipients else None)
    return InvitationPreview(subject=subject, body=body, recipients=recipients, items=items)


def _deliver(
    messages: list[EmailMultiAlternatives], zone: Zone | None = None, meeting: Meeting | None = None
) -> None:
    """Send after the commit, one mail per recipient over one connection.

    A refused address does not stop the others; the addresses that failed are written to the
    meeting's history, where staff see them.
    """
    failed: list[str] = []
    with get_connection() as connection:
        for message in messages:
            message.connection = connection
            try:
                message.send()
            except Exception:  # one bad address must not stop the others
                logger.warning("Invitation to %s could not be sent", message.to, exc_info=True)
                failed.extend(message.to)
    if failed and zone is not None and meeting is not None:
        audit.record(
            zone=zone,
            actor=None,
            action="invitation_failed",
            instance=meeting,
            changes={"niet verstuurd naar": [None, ", ".join(failed)]},
        )


@transaction.atomic
def invitation_send(*, zone: Zone, actor: Any, meeting: Meeting) -> InvitationResult:
    """Mail the invitation to every recipient, register the members as invited, mark the meeting invited.

    Sending again for an invited meeting is allowed (after a change of the agenda or the place).
    """
    _check(zone, meeting)
    meeting = (
        Meeting.objects.for_zone(zone)
        .select_for_update(of=("self",))  # the venue is a nullable (outer) join
        .select_related("zone", "body", "venue_organisation")
        .get(pk=meeting.pk)
    )
    _check(zone, meeting)
    again = meeting.status == MeetingStatus.INVITED
    items = list(sel.agenda_items(zone=zone, meeting=meeting))
    recipients = sel.invitation_recipients(zone=zone, meeting=meeting)
    if not recipients:
        raise ServiceError(
            _(
                "Er is niemand om uit te nodigen: {body} heeft geen actieve leden met een werkend "
                "e-mailadres en geen ingeschreven volgers."
            ).format(body=meeting.body.name)
        )

    members = [r for r in recipients if r.person is not None]
    known = set(Attendance.objects.for_zone(zone).filter(meeting=meeting).values_list("person_id", flat=True))
    new_rows = [
        Attendance(
            zone=zone,
            meeting=meeting,
            person=r.person,
            organisation=r.organisation,
            status=AttendanceStatus.INVITED,
        )
        for r in members
        if r.person is not None and r.person.pk not in known
    ]
    Attendance.objects.bulk_create(new_rows)

    if not again:
        meeting = meeting_transition(zone=zone, actor=actor, meeting=meeting, to=MeetingStatus.INVITED)

    reply_to = [meeting.zone.email] if meeting.zone.email else None
    messages: list[EmailMultiAlternatives] = []
    with translation.override(MAIL_LANGUAGE):
        subject = invitation_subject(meeting)
        for r in recipients:
            unsubscribe = _unsubscribe_url(meeting, r)
            message = EmailMultiAlternatives(
                subject=subject,
                body=invitation_body(meeting, items, r),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[r.email],
                reply_to=reply_to,
                headers=subscription_mail.unsubscribe_headers(unsubscribe) if unsubscribe else None,
            )
            message.attach(
                ICS_NAME,
                ics.invitation_bytes(meeting, attendee_email=r.email, attendee_name=r.name),
                ICS_TYPE,
            )
            messages.append(message)
    audit.record(
        zone=zone,
        actor=actor,
        action="invitation_resent" if again else "invitation_sent",
        instance=meeting,
        changes={
            "ontvangers": [None, len(recipients)],
            "leden": [None, len(members)],
            "volgers": [None, len(recipients) - len(members)],
        },
    )
    transaction.on_commit(partial(_deliver, messages, zone, meeting))
    return InvitationResult(
        sent=len(recipients), members=len(members), subscribers=len(recipients) - len(members), again=again
    )
