"""Attendance, minutes, decisions, follow-ups, approval, publication and export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zorgraad.core import pickers
from zorgraad.core.forms import add_service_error
from zorgraad.governance.permissions import require_body_manager
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..forms_minutes import (
    ApproveForm,
    AttendanceForm,
    DecisionForm,
    FollowUpForm,
    GuestForm,
    MinutesForm,
    NextMeetingForm,
    PartnerRoundForm,
    PublishForm,
)
from ..models import AgendaItem, Meeting, MeetingStatus
from ..selectors import meeting_get
from ..selectors import minutes as selectors
from ..services import attendance as attendance_services
from ..services import minutes as minutes_services
from ..services import publication

PUBLISHED_EDIT_MESSAGE = gettext_lazy(
    "Het verslag was al gepubliceerd: je wijziging is bewaard als nieuwe versie."
)
PUBLISHED_CHANGE_MESSAGE = gettext_lazy(
    "Het verslag was al gepubliceerd: de publieke versie toont deze wijziging meteen."
)


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_get(zone=_zone(request), pk=pk)
    require_body_manager(request, meeting.body)
    return meeting


def _minutes_url(current: Zone, meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings:minutes", kwargs={"zone": current.slug, "pk": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


# --- attendance ----------------------------------------------------------------------------------


def attendance(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    rows = selectors.attendance_list(zone=current, meeting=meeting)
    url = reverse("meetings:attendance", kwargs={"zone": current.slug, "pk": meeting.pk})
    if request.method == "POST" and request.POST.get("action") == "add_members":
        try:
            added = attendance_services.attendance_add_members(
                zone=current, actor=request.user, meeting=meeting
            )
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            if added:
                messages.success(
                    request,
                    _("%(n)s leden van %(body)s staan op de lijst.")
                    % {"n": added, "body": meeting.body.name},
                )
            else:
                messages.warning(request, _("Er waren geen (nieuwe) actieve leden om toe te voegen."))
        return redirect(url)
    form = AttendanceForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            attendance_services.attendance_set(
                zone=current, actor=request.user, meeting=meeting, statuses=form.statuses()
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De aanwezigheden zijn bewaard."))
            return redirect(url)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "form": form,
        "missing": selectors.missing_sectors(current, meeting),
        "present_count": sum(1 for r in rows if r.status == "present"),
        "member_count": selectors.active_memberships(zone=current, meeting=meeting).count()
        if not rows
        else 0,
    }
    return render(request, "meetings/attendance.html", context)


def guest_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    form = GuestForm(
        request.POST if request.method == "POST" else None,
        zone=current,
        organisations=selectors.zone_organisations(zone=current),
    )
    pickers.use_search(request, form)
    candidates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = None
        use_person = request.POST.get("use_person", "")
        if use_person:
            # "Dit is dezelfde persoon": only one of the offered matches can be chosen.
            offered = selectors.guest_candidates(
                zone=current, first_name=data["first_name"], last_name=data["last_name"], email=data["email"]
            )
            chosen = next((p for p in offered if str(p.pk) == use_person), None)
            if chosen is None:
                form.add_error(
                    None, _("Kies een van de voorgestelde personen of maak een nieuwe persoon aan.")
                )
        elif request.POST.get("confirm_new") != "1":
            candidates = selectors.guest_candidates(
                zone=current, first_name=data["first_name"], last_name=data["last_name"], email=data["email"]
            )
        if not form.errors and not candidates:
            try:
                row = attendance_services.guest_add(
                    zone=current,
                    actor=request.user,
                    meeting=meeting,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    organisation=data["organisation"],
                    person=chosen,
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s staat als gast op de aanwezigheidslijst.") % {"name": row.person.full_name},
                )
                return redirect("meetings:attendance", zone=current.slug, pk=meeting.pk)
    return render(
        request,
        "meetings/attendance_guest.html",
        {"meeting": meeting, "body": meeting.body, "form": form, "candidates": candidates},
    )


# --- minutes -------------------------------------------------------------------------------------


def minutes(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    full = selectors.minutes_meeting_get(zone=current, pk=meeting.pk)
    items: list[AgendaItem] = list(full.agenda_items.all())
    item_qs = selectors.meeting_items(zone=current, meeting=meeting)
    organisations = selectors.zone_organisations(zone=current)
    action = request.POST.get("action", "") if request.method == "POST" else ""

    def bound(name: str) -> Any:
        return request.POST if action == name else None

    page_forms: dict[str, forms.Form] = {
        "text": MinutesForm(bound("text"), meeting=full, items=items),
        "decision": DecisionForm(bound("decision"), items=item_qs, prefix="decision"),
        "followup": FollowUpForm(
            bound("followup"),
            items=item_qs,
            owners=selectors.followup_owner_choices(zone=current, meeting=meeting),
            prefix="followup",
        ),
        "partner": PartnerRoundForm(
            bound("partner"), zone=current, organisations=organisations, prefix="partner"
        ),
        "next": NextMeetingForm(
            bound("next"), zone=current, body=meeting.body, organisations=organisations, prefix="next"
        ),
    }
    pickers.use_search(request, page_forms["partner"], page_forms["next"])
    if action:
        if action not in page_forms:
            messages.error(request, _("Onbekende actie. Laad de pagina opnieuw."))
            return redirect(_minutes_url(current, full))
        done = _minutes_action(request, current, full, action, page_forms[action])
        if done is not None:
            return done

    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": full,
            "body": full.body,
            "text_form": page_forms["text"],
            "decision_form": page_forms["decision"],
            "followup_form": page_forms["followup"],
            "partner_form": page_forms["partner"],
            "next_form": page_forms["next"],
            "next_meetings": selectors.next_meetings(zone=current, meeting=meeting),
            "published": full.status == MeetingStatus.PUBLISHED,
            "can_approve": full.status == MeetingStatus.HELD,
            "can_publish": full.status == MeetingStatus.MINUTES_APPROVED,
        },
    )


def _minutes_action(
    request: HttpRequest, current: Zone, meeting: Meeting, action: str, form: Any
) -> HttpResponse | None:
    """Handle one form of the minutes page; None re-renders the page with the form's errors."""
    if not form.is_valid():
        return None
    user = request.user
    published = meeting.status == MeetingStatus.PUBLISHED
    try:
        if action == "text":
            result = minutes_services.minutes_save(
                zone=current,
                actor=user,
                meeting=meeting,
                items=form.texts(),
                intro=form.cleaned_data["intro"],
            )
            if result.after_publication:
                messages.warning(request, PUBLISHED_EDIT_MESSAGE)
            elif result.changed:
                messages.success(request, _("Het verslag is bewaard."))
            else:
                messages.info(request, _("Er was niets gewijzigd."))
            return redirect(_minutes_url(current, meeting, "verslag"))
        if action == "decision":
            minutes_services.decision_add(zone=current, actor=user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("De beslissing is toegevoegd."))
            anchor = "beslissingen"
        elif action == "followup":
            minutes_services.followup_add(zone=current, actor=user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("Het opvolgpunt is toegevoegd."))
            anchor = "opvolging"
        elif action == "partner":
            minutes_services.partner_round_add(zone=current, actor=user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("De bijdrage aan het rondje is toegevoegd."))
            anchor = "rondje"
        else:
            new = minutes_services.next_meeting_add(
                zone=current, actor=user, meeting=meeting, **form.cleaned_data
            )
            messages.success(
                request,
                _("De vergadering van %(date)s is gepland.") % {"date": publication.day_label(new.date)},
            )
            return redirect(_minutes_url(current, meeting, "volgende"))
    except ServiceError as exc:
        add_service_error(form, exc)
        return None
    if published and action in ("decision", "partner"):
        messages.warning(request, PUBLISHED_CHANGE_MESSAGE)
    return redirect(_minutes_url(current, meeting, anchor))


@require_POST
def followup_done(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    follow_up = selectors.followup_get(zone=current, pk=pk)
    require_body_manager(request, follow_up.meeting.body)
    try:
        minutes_services.followup_done(zone=current, actor=request.user, follow_up=follow_up)
    except ServiceError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Het opvolgpunt is afgewerkt."))
    back = request.POST.get("next", "")
    if back.startswith(f"/{current.slug}/") and not back.startswith("//"):
        return redirect(back)
    return redirect(_minutes_url(current, follow_up.meeting, "opvolging"))


# --- approval and publication --------------------------------------------------------------------


def minutes_approve(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    candidates = selectors.approval_candidates(zone=current, meeting=meeting)
    first = candidates.first()
    form = ApproveForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        initial={"at_meeting": first.pk if first else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = minutes_services.minutes_approve(
                zone=current, actor=request.user, meeting=meeting, at_meeting=form.cleaned_data["at_meeting"]
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Het verslag is goedgekeurd op de vergadering van %(date)s.")
                % {"date": publication.day_label(form.cleaned_data["at_meeting"].date)},
            )
            return redirect("meetings:minutes", zone=current.slug, pk=done.pk)
    return render(
        request,
        "meetings/approve.html",
        {"meeting": meeting, "body": meeting.body, "form": form, "has_candidates": first is not None},
    )


def minutes_publish(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    form = PublishForm(
        request.POST if request.method == "POST" else None, initial={"newsletter": meeting.body.is_open}
    )
    if request.method == "POST" and form.is_valid():
        try:
            published_meeting = publication.minutes_publish(
                zone=current, actor=request.user, meeting=meeting, newsletter=form.cleaned_data["newsletter"]
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            text = _("Het verslag is gepubliceerd.")
            if published_meeting.newsletter_queued_at:
                text += " " + _("Het komt in de volgende nieuwsbrief.")
            messages.success(request, text)
            return redirect("meetings:minutes", zone=current.slug, pk=meeting.pk)
    return render(request, "meetings/publish.html", {"meeting": meeting, "body": meeting.body, "form": form})


def minutes_export(request: HttpRequest, zone: str, pk: int, fmt: str) -> HttpResponse:
    """The minutes as .docx or .pdf (`?intern=1` adds the participants' contact details)."""
    from ..exporters import minutes_export_response

    return minutes_export_response(request, pk=pk, fmt=fmt)
