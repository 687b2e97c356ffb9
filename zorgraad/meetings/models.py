"""Meetings of bodies: schedule, agenda, attendance, minutes, decisions, follow-ups, publication."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    INVITED = "invited", _("uitgenodigd")
    HELD = "held", _("gehouden")
    MINUTES_APPROVED = "approved", _("verslag goedgekeurd")
    PUBLISHED = "published", _("gepubliceerd")
    CANCELLED = "cancelled", _("geannuleerd")


class Meeting(ZoneOwned):
    # The status pipeline: which status may follow which. Services perform and record each change.
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        MeetingStatus.PLANNED: (MeetingStatus.INVITED, MeetingStatus.HELD, MeetingStatus.CANCELLED),
        MeetingStatus.INVITED: (MeetingStatus.HELD, MeetingStatus.CANCELLED),
        MeetingStatus.HELD: (MeetingStatus.MINUTES_APPROVED,),
        MeetingStatus.MINUTES_APPROVED: (MeetingStatus.PUBLISHED,),
        MeetingStatus.PUBLISHED: (),
        MeetingStatus.CANCELLED: (MeetingStatus.PLANNED,),
    }

    body = models.ForeignKey("governance.Body", on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("datum"), db_index=True)
    start_time = models.TimeField(_("beginuur"))
    end_time = models.TimeField(_("einduur"))
    venue_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("locatie bij"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_meetings",
    )
    venue = models.CharField(_("locatie"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    intro = models.TextField(_("inleiding bij het verslag"), blank=True)
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE, raised on each change
    approved_at_meeting = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
        verbose_name=_("verslag goedgekeurd op vergadering"),
    )
    # The second way to approve minutes: by mail ("opmerkingen binnen 14 dagen, anders goedgekeurd").
    approved_by_mail_on = models.DateField(_("verslag goedgekeurd per mail op"), null=True, blank=True)
    approval_comments = models.TextField(_("opmerkingen bij de goedkeuring"), blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    newsletter_queued_at = models.DateTimeField(null=True, blank=True)
    # The "Volgende vergaderingen" lines as approved: set when the minutes are approved, so the
    # exports of approved minutes never change afterwards (None: not frozen yet, computed live).
    next_meetings_frozen = models.JSONField(null=True, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "start_time"]
        indexes = [models.Index(fields=["zone", "body", "date"], name="meeting_zone_body_date")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="meeting_end_after_start",
                violation_error_message=_("Het einduur moet na het beginuur liggen."),
            )
        ]
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")

    def __str__(self) -> str:
        return f"{self.title or self.body.name} {self.date:%d/%m/%Y}"

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.status, ())

    @property
    def approval_label(self) -> str:
        """How the minutes were approved, in Dutch ("" while not approved): at a later meeting or by mail."""
        from django.utils.formats import date_format

        if self.approved_at_meeting_id and self.approved_at_meeting:
            day = date_format(self.approved_at_meeting.date, "j F Y")
            return str(_("Goedgekeurd op de vergadering van %(date)s") % {"date": day})
        if self.approved_by_mail_on:
            day = date_format(self.approved_by_mail_on, "j F Y")
            return str(_("Goedgekeurd per mail op %(date)s") % {"date": day})
        return ""

    @property
    def location(self) -> str:
        if self.venue:
            return self.venue
        if self.venue_organisation_id and self.venue_organisation:
            org = self.venue_organisation
            return ", ".join(p for p in (org.name, org.address) if p)
        return str(_("online")) if self.online_url else ""


class MeetingStatusChange(ZoneOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=MeetingStatus.choices)
    to_status = models.CharField(max_length=12, choices=MeetingStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class AgendaItem(ZoneOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=250)
    description = models.TextField(_("toelichting"), blank=True)
    presenter = models.ForeignKey(
        "network.Person",
        verbose_name=_("wordt gebracht door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presented_items",
    )
    presenter_text = models.CharField(_("presentator (vrij)"), max_length=200, blank=True)
    is_fixed = models.BooleanField(default=False)
    carried_from = models.ForeignKey(
        "FollowUp", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    # Minutes of this item (the current text; earlier versions in MinutesRevision).
    minutes = models.TextField(_("verslag"), blank=True)
    minutes_updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")

    def __str__(self) -> str:
        return self.title

    @property
    def presenter_name(self) -> str:
        if self.presenter_id and self.presenter:
            return str(self.presenter)
        return self.presenter_text


class MinutesRevision(ZoneOwned):
    """Every saved version of an agenda item's minutes; editing published minutes adds one too."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="revisions")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    after_publication = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"revision of {self.item_id}"


class AttendanceStatus(models.TextChoices):
    INVITED = "invited", _("uitgenodigd")
    PRESENT = "present", _("aanwezig")
    EXCUSED = "excused", _("verontschuldigd")
    ABSENT = "absent", _("afwezig")


class AttendanceReply(models.TextChoices):
    YES = "yes", _("komt")
    NO = "no", _("komt niet")


class Attendance(ZoneOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("network.Person", on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=AttendanceStatus.choices, default=AttendanceStatus.INVITED
    )
    is_guest = models.BooleanField(_("gast"), default=False)
    # The invitee's own answer before the meeting (link in the invitation or their page).
    reply = models.CharField(_("antwoord"), max_length=3, choices=AttendanceReply.choices, blank=True)
    replied_at = models.DateTimeField(_("geantwoord op"), null=True, blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class Decision(ZoneOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    text = models.TextField(_("beslissing"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]


class FollowUp(ZoneOwned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="follow_ups"
    )
    description = models.TextField(_("opvolgpunt"))
    owner = models.ForeignKey(
        "network.Person",
        verbose_name=_("wie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    owner_text = models.CharField(_("wie (vrij)"), max_length=200, blank=True)
    due_date = models.DateField(_("tegen"), null=True, blank=True)
    done = models.BooleanField(_("afgewerkt"), default=False)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done", "due_date", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class PartnerRoundEntry(ZoneOwned):
    """What a partner shared in the 'rondje' (e.g. an upcoming activity)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="partner_round")
    organisation = models.ForeignKey(
        "network.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        "network.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("wat werd gedeeld"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]
