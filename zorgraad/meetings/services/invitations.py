"""Invitations: the agenda by mail, with an .ics, to the members and subscribers of the body."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.governance import mail as subscription_mail
from zorgraad.governance.models import MembershipRole
from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .. import ics
from ..models import AgendaItem, Attendance, AttendanceReply, AttendanceStatus, Meeting, MeetingStatus
from ..selectors import schedule as sel
from .schedule import day_label
from .status import meeting_transition

logger = logging.getLogger(__name__)

MAIL_LANGUAGE = "nl-be"
ICS_NAME = "vergadering.ics"
# The calendar travels twice, as mail clients expect of a meeting request: as the text/calendar
# alternative of the text (Outlook, Apple Mail and Gmail show it as an invitation with buttons) and
# as a file to save (application/ics, so no client takes it for a second calendar part).
ICS_FILE_TYPE = "application/ics"
SENDABLE = (MeetingStatus.PLANNED, MeetingStatus.INVITED)
RSVP_SALT = "zorgraad.meetings.rsvp"
ANSWERS = {"ja": AttendanceReply.YES, "nee": AttendanceReply.NO}


class CalendarMail(EmailMultiAlternatives):
    """A mail whose text/calendar alternative carries the iTIP method once, with one charset.

    Django builds a text alternative from "type/subtype" and adds the charset itself; parameters in
    the type string would be doubled (`charset="utf-8"; charset="utf-8"`, an InvalidHeaderDefect).
    """

    def __init__(self, *args: Any, calendar: bytes, method: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.calendar_method = method
        self.attach_alternative(calendar.decode("utf-8"), "text/calendar")
        self.attach(ICS_NAME, calendar, ICS_FILE_TYPE)

    def _create_mime_attachment(self, content: Any, mimetype: str) -> Any:
        part = super()._create_mime_attachment(content, mimetype)  # type: ignore[misc]
        if mimetype == "text/calendar":
            part.set_param("method", self.calendar_method)
        return part


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


def _today() -> Any:
    return timezone.localdate()


@dataclass(frozen=True)
class Organizer:
    """Who answers for the meeting: the mail's Reply-To and the calendar's ORGANIZER."""

    email: str
    name: str


def organizer_for(meeting: Meeting) -> Organizer:
    """The body's secretary (an active mandate with a working address), else the zone's address,
    else the sender of the platform."""
    from ..selectors.schedule import active_memberships

    secretary = (
        active_memberships(zone=meeting.zone, body=meeting.body)
        .filter(role=MembershipRole.SECRETARY, person__is_archived=False, person__email_bounced=False)
        .exclude(person__email="")
        .select_related("person")
        .order_by("start", "id")
        .first()
    )
    if secretary is not None:
        return Organizer(email=secretary.person.email.strip(), name=str(secretary.person))
    if meeting.zone.email:
        return Organizer(email=meeting.zone.email, name=meeting.zone.name)
    return Organizer(email=ics._from_address(), name=meeting.zone.name)


# --- answers: signed links in the invitation -----------------------------------------------------


def rsvp_token(meeting: Meeting, person: Person) -> str:
    return signing.dumps({"z": meeting.zone_id, "m": meeting.pk, "p": person.pk}, salt=RSVP_SALT)


def rsvp_url(meeting: Meeting, person: Person, answer: str) -> str:
    path = reverse("meetings:rsvp", kwargs={"zone": meeting.zone.slug, "token": rsvp_token(meeting, person)})
    return ics.absolute(path) + f"?antwoord={answer}"


def rsvp_read(*, zone: Zone, token: str) -> tuple[Meeting, Person]:
    """The meeting and the invitee a link was made for; ServiceError when it is not a valid link."""
    try:
        data = signing.loads(token, salt=RSVP_SALT)
        meeting_pk, person_pk = int(data["m"]), int(data["p"])
        ok = int(data["z"]) == zone.pk
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        ok = False
    if not ok:
        raise ServiceError(_("Deze link is niet geldig. Gebruik de link uit de uitnodiging, volledig."))
    meeting = (
        Meeting.objects.for_zone(zone)
        .select_related("zone", "body", "venue_organisation")
        .filter(pk=meeting_pk)
        .first()
    )
    person = Person.objects.for_zone(zone).filter(pk=person_pk).first()
    if meeting is None or person is None:
        raise ServiceError(_("Deze vergadering of deze uitnodiging bestaat niet meer."))
    return meeting, person


def _answer_refusal(meeting: Meeting) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Deze vergadering is geannuleerd: je hoeft niet te antwoorden.")
    if meeting.date < _today() or meeting.status not in SENDABLE:
        return _(
            "Deze vergadering ({day}) is voorbij: laat het de secretaris weten als er iets niet klopt."
        ).format(day=day_label(meeting.date))
    return ""


def can_answer(meeting: Meeting) -> bool:
    return not _answer_refusal(meeting)


@transaction.atomic
def invitation_reply(*, zone: Zone, actor: Any, meeting: Meeting, person: Person, answer: str) -> Attendance:
    """Record an invitee's "Ik kom" / "Ik kom niet" before the meeting.

    "Ik kom niet" makes them excused; "Ik kom" undoes an excuse (they stay invited until the
    attendance is taken). A member who was not on the list yet (no invitation sent) is added.
    """
    if meeting.zone_id != zone.pk or person.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))
    reply = ANSWERS.get(answer)
    if reply is None:
        raise ServiceError(_("Kies ‘Ik kom’ of ‘Ik kom niet’."))
    meeting = Meeting.objects.for_zone(zone).select_for_update().select_related("body").get(pk=meeting.pk)
    refusal = _answer_refusal(meeting)
    if refusal:
        raise ServiceError(refusal)
    row = Attendance.objects.for_zone(zone).filter(meeting=meeting, person=person).first()
    if row is None:
        from ..selectors.schedule import active_memberships

        membership = (
            active_memberships(zone=zone, body=meeting.body, day=meeting.date).filter(person=person).first()
        )
        if membership is None:
            raise ServiceError(_("Je staat niet op de lijst van de genodigden van deze vergadering."))
        row = Attendance(
            zone=zone,
            meeting=meeting,
            person=person,
            organisation=membership.organisation,
            status=AttendanceStatus.INVITED,
        )
    before = row.get_status_display() if row.pk else None
    if reply == AttendanceReply.NO:
        row.status = AttendanceStatus.EXCUSED
    elif row.status == AttendanceStatus.EXCUSED:
        row.status = AttendanceStatus.INVITED
    row.reply = reply
    row.replied_at = timezone.now()
    row.save()
    audit.record(
        zone=zone,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        actor_label=""
        if getattr(actor, "is_authenticated", False)
        else _("via de link in de uitnodiging ({name})").format(name=person),
        action="invitation_reply",
        instance=meeting,
        changes={str(person): [before, f"{row.get_reply_display()} ({row.get_status_display()})"]},
    )
    return row


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
        "public_url": ics.public_url(meeting),
    }


def _unsubscribe_url(meeting: Meeting, recipient: sel.Recipient | None) -> str:
    """A subscriber's own signed link to stop the agenda mails (members leave through the body)."""
    if recipient is None or recipient.is_member:
        return ""
    return subscription_mail.unsubscribe_url(zone=meeting.zone, body=meeting.body, email=recipient.email)


def invitation_body(
    meeting: Meeting,
    items: list[AgendaItem],
    recipient: sel.Recipient | None = None,
    *,
    preview: bool = False,
) -> str:
    """The text of the invitation for `recipient`. A preview shows where each member's own answer
    links go, not working links of the first member (staff would answer in their name)."""
    person = recipient.person if recipient is not None else None
    yes_url = no_url = ""
    if person is not None and preview:
        yes_url, no_url = _preview_link(_("Ik kom")), _preview_link(_("Ik kom niet"))
    elif person is not None:
        yes_url, no_url = rsvp_url(meeting, person, "ja"), rsvp_url(meeting, person, "nee")
    context = {
        **_context(meeting, items),
        "name": recipient.name if recipient else "",
        "is_subscriber": recipient is not None and not recipient.is_member,
        "unsubscribe_url": _unsubscribe_url(meeting, recipient),
        "yes_url": yes_url,
        "no_url": no_url,
        "organizer": organizer_for(meeting),
    }
    if not meeting.body.is_open and (recipient is None or not recipient.is_member):
        context["public_url"] = ""
    return render_to_string("meetings/mail/invitation.txt", context)


def _preview_link(answer: str) -> str:
    return _("[persoonlijke link ‘{answer}’ van elk lid]").format(answer=answer)


def _check(zone: Zone, meeting: Meeting) -> None:
    if meeting.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))
    if meeting.status not in SENDABLE:
        raise ServiceError(
            _(
                "Uitnodigingen gaan enkel uit voor een geplande vergadering; deze vergadering is ‘{status}’."
            ).format(status=meeting.get_status_display())
        )
    warning = past_warning(meeting)
    if warning:
        raise ServiceError(warning)


def past_warning(meeting: Meeting) -> str:
    """Why no invitation can go out for a meeting whose day is over ("" when it lies ahead)."""
    if meeting.date < _today():
        return _(
            "Deze vergadering lag op {day}, in het verleden: er gaat geen uitnodiging uit. "
            "Klopt de datum niet? Pas ze eerst aan."
        ).format(day=day_label(meeting.date))
    return ""


def invitation_preview(*, zone: Zone, meeting: Meeting) -> InvitationPreview:
    """The mail as a recipient will read it, and who will get it."""
    items = list(sel.agenda_items(zone=zone, meeting=meeting))
    recipients = sel.invitation_recipients(zone=zone, meeting=meeting)
    with translation.override(MAIL_LANGUAGE):
        subject = invitation_subject(meeting)
        body = invitation_body(meeting, items, recipients[0] if recipients else None, preview=True)
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
    else:
        # Sent again after a change: calendars take it as an update only with a higher SEQUENCE.
        meeting.sequence += 1
        meeting.save(update_fields=["sequence", "updated_at"])

    messages = _calendar_mails(meeting, recipients, items, method="REQUEST")
    audit.record(
        zone=zone,
        actor=actor,
        action="invitation_resent" if again else "invitation_sent",
        instance=meeting,
        changes={
            "ontvangers": [None, len(recipients)],
            "leden": [None, len(members)],
            "volgers": [None, len(recipients) - len(members)],
            **({"sequence": [meeting.sequence - 1, meeting.sequence]} if again else {}),
        },
    )
    transaction.on_commit(partial(_deliver, messages, zone, meeting))
    return InvitationResult(
        sent=len(recipients), members=len(members), subscribers=len(recipients) - len(members), again=again
    )


def _calendar_mails(
    meeting: Meeting, recipients: list[sel.Recipient], items: list[AgendaItem], *, method: str
) -> list[EmailMultiAlternatives]:
    """One mail per recipient with its own calendar; Reply-To and ORGANIZER: the organiser."""
    organizer = organizer_for(meeting)
    stamp = timezone.now()
    messages: list[EmailMultiAlternatives] = []
    with translation.override(MAIL_LANGUAGE):
        subject = cancellation_subject(meeting) if method == "CANCEL" else invitation_subject(meeting)
        for r in recipients:
            unsubscribe = _unsubscribe_url(meeting, r)
            body = cancellation_body(meeting, r) if method == "CANCEL" else invitation_body(meeting, items, r)
            messages.append(
                CalendarMail(
                    subject=subject,
                    body=body,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[r.email],
                    reply_to=[organizer.email],
                    headers=subscription_mail.unsubscribe_headers(unsubscribe) if unsubscribe else None,
                    calendar=ics.invitation_bytes(
                        meeting,
                        attendee_email=r.email,
                        attendee_name=r.name,
                        organizer_email=organizer.email,
                        organizer_name=organizer.name,
                        method=method,
                        stamp=stamp,
                    ),
                    method=method,
                )
            )
    return messages


# --- cancellation ----------------------------------------------------------------------------------


def cancellation_subject(meeting: Meeting) -> str:
    return _("Geannuleerd: {body} op {day}").format(body=meeting.body.name, day=day_label(meeting.date))


def cancellation_body(meeting: Meeting, recipient: sel.Recipient | None = None) -> str:
    context = {
        **_context(meeting, []),
        "name": recipient.name if recipient else "",
        "is_subscriber": recipient is not None and not recipient.is_member,
        "unsubscribe_url": _unsubscribe_url(meeting, recipient),
        "organizer": organizer_for(meeting),
    }
    return render_to_string("meetings/mail/cancellation.txt", context)


def cancellation_send(*, zone: Zone, actor: Any, meeting: Meeting) -> int:
    """Tell everyone who got the invitation that the meeting is off: METHOD:CANCEL, same UID, the
    meeting's raised SEQUENCE, so calendars drop the event. Call inside the transaction that
    cancels the meeting (after its SEQUENCE went up); the mails leave after the commit.

    Returns the number of recipients (0 when no invitation had gone out).
    """
    meeting = (
        Meeting.objects.for_zone(zone).select_related("zone", "body", "venue_organisation").get(pk=meeting.pk)
    )
    if meeting.invited_at is None:
        return 0
    recipients = sel.invitation_recipients(zone=zone, meeting=meeting)
    invited = set(
        Attendance.objects.for_zone(zone).filter(meeting=meeting).values_list("person_id", flat=True)
    )
    # Members who joined after the invitation never had it in their calendar.
    recipients = [r for r in recipients if r.person is None or r.person.pk in invited]
    if not recipients:
        return 0
    messages = _calendar_mails(meeting, recipients, [], method="CANCEL")
    audit.record(
        zone=zone,
        actor=actor,
        action="cancellation_sent",
        instance=meeting,
        changes={"ontvangers": [None, len(recipients)], "sequence": [None, meeting.sequence]},
    )
    transaction.on_commit(partial(_deliver, messages, zone, meeting))
    return len(recipients)
