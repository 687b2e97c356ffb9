"""Planning, agenda and invitations (staff of the zone and the secretary of the body)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zorgraad.core import once
from zorgraad.core.audit import history_for
from zorgraad.core.forms import add_service_error
from zorgraad.core.staffcache import cache_staff_page
from zorgraad.governance.models import Body
from zorgraad.governance.permissions import require_body_manager
from zorgraad.governance.selectors import body_get
from zorgraad.network import pickers
from zorgraad.network.models import Organisation
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..forms.schedule import AgendaItemForm, MeetingForm, ScheduleFormSet
from ..models import AgendaItem, Meeting, MeetingStatus
from ..selectors import meeting_get
from ..selectors import schedule as sel
from ..services import agenda as agenda_services
from ..services import invitations as invitation_services
from ..services import schedule as schedule_services

HISTORY_ROWS = 50
MIN_YEAR, MAX_YEAR = 2000, 2100


# --- helpers -------------------------------------------------------------------------------------


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _managed_body(request: HttpRequest, slug: str) -> Body:
    body = body_get(zone=_zone(request), slug=slug)
    require_body_manager(request, body)
    return body


def _managed_meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_get(zone=_zone(request), pk=pk)
    require_body_manager(request, meeting.body)
    return meeting


def _managed_item(request: HttpRequest, pk: int) -> AgendaItem:
    item = sel.agenda_item_get(zone=_zone(request), pk=pk)
    require_body_manager(request, item.meeting.body)
    return item


def detail_url(zone_slug: str, pk: int) -> str:
    return reverse("meetings:meeting_detail", kwargs={"zone": zone_slug, "pk": pk})


def agenda_url(zone_slug: str, pk: int) -> str:
    return reverse("meetings:agenda", kwargs={"zone": zone_slug, "pk": pk})


def _first_message(exc: ServiceError) -> str:
    return str(exc.messages[0]) if exc.messages else _("Dat lukte niet.")


# --- planning ------------------------------------------------------------------------------------


def _venue_choices(venues: list[Organisation]) -> list[tuple[Any, str]]:
    return [("", _("(nog te bepalen)")), *((o.pk, o.name) for o in venues)]


def schedule(request: HttpRequest, zone: str, body: str, year: int) -> HttpResponse:
    current = _zone(request)
    the_body = _managed_body(request, body)
    wanted = request.GET.get("jaar", "")
    if wanted.isdigit() and int(wanted) != year:
        return redirect("meetings:schedule", zone=current.slug, body=the_body.slug, year=int(wanted))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404(_("Kies een jaar tussen 2000 en 2100."))
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)

    proposals = schedule_services.meeting_dates_propose(zone=current, body=the_body, year=year)
    venues = sel.venue_candidates(zone=current, body=the_body)
    for p in proposals:
        if p.venue_organisation is not None and p.venue_organisation not in venues:
            venues.append(p.venue_organisation)
    by_id = {o.pk: o for o in venues}
    form_kwargs = {"venue_choices": _venue_choices(venues)}
    today = timezone.localdate()

    if request.method == "POST":
        formset = ScheduleFormSet(request.POST, form_kwargs=form_kwargs, prefix="rij")
        if formset.is_valid():
            ticked = [f for f in formset.forms if f.cleaned_data.get("include")]
            if not ticked:
                messages.error(request, _("Vink minstens één datum aan om te plannen."))
            else:
                chosen = [
                    schedule_services.Proposal(
                        date=f.cleaned_data["date"],
                        start=f.cleaned_data["start_time"],
                        end=f.cleaned_data["end_time"],
                        venue_organisation=by_id.get(f.cleaned_data["venue_organisation"] or 0),
                        reason=f.cleaned_data.get("reason", ""),
                        label=f.cleaned_data.get("label", ""),
                    )
                    for f in ticked
                ]
                try:
                    made = schedule_services.meetings_schedule(
                        zone=current, actor=request.user, body=the_body, proposals=chosen
                    )
                except ServiceError as exc:
                    if hasattr(exc, "error_dict"):
                        for key, errors in exc.error_dict.items():
                            target = ticked[int(key)] if key.isdigit() and int(key) < len(ticked) else None
                            if target is not None:
                                target.add_error(None, errors)
                            else:
                                messages.error(request, " ".join(str(m) for e in errors for m in e.messages))
                    else:
                        messages.error(request, _first_message(exc))
                else:
                    url = reverse(
                        "meetings:schedule",
                        kwargs={"zone": current.slug, "body": the_body.slug, "year": year},
                    )
                    once.mark_used(request, token, url)
                    messages.success(
                        request,
                        _("%(n)s vergadering(en) gepland voor %(body)s.")
                        % {"n": len(made), "body": the_body.name},
                    )
                    return redirect(url)
    else:
        formset = ScheduleFormSet(
            initial=[
                {
                    "include": not p.already_planned and p.date >= today,
                    "date": p.date,
                    "start_time": p.start,
                    "end_time": p.end,
                    "venue_organisation": p.venue_organisation.pk if p.venue_organisation else "",
                    "label": p.label,
                    "reason": p.reason,
                }
                for p in proposals
            ],
            form_kwargs=form_kwargs,
            prefix="rij",
        )
    existing = sel.body_meetings_between(
        zone=current, body=the_body, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )
    return render(
        request,
        "meetings/schedule.html",
        {
            "body": the_body,
            "year": year,
            "previous_year": year - 1,
            "next_year": year + 1,
            "formset": formset,
            "existing": existing,
            "has_rule": bool(the_body.quarters or the_body.meetings_per_year),
            "form_token": token,
        },
    )


def meeting_create(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    current = _zone(request)
    the_body = _managed_body(request, body)
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    initial: dict[str, Any] = {"start_time": the_body.default_start, "end_time": the_body.default_end}
    if request.GET.get("datum"):
        initial["date"] = request.GET["datum"]
    form = MeetingForm(request.POST or None, zone=current, initial=initial)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = schedule_services.meeting_create(
                zone=current, actor=request.user, body=the_body, data=form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            url = detail_url(current.slug, meeting.pk)
            once.mark_used(request, token, url)
            messages.success(
                request,
                _("De vergadering van %(day)s is gepland.")
                % {"day": schedule_services.day_label(meeting.date)},
            )
            return redirect(url)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "body": the_body, "creating": True, "form_token": token},
    )


@cache_staff_page
def meeting_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    form = MeetingForm(request.POST or None, zone=current, meeting=meeting)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        sequence = meeting.sequence
        try:
            saved = schedule_services.meeting_update(
                zone=current, actor=request.user, meeting=meeting, data=form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            if saved.sequence != sequence and saved.status == MeetingStatus.INVITED:
                messages.warning(
                    request,
                    _(
                        "De uitnodiging was al verstuurd. Verstuur ze opnieuw, dan krijgt iedereen de "
                        "nieuwe datum, uren of locatie ook in zijn agenda."
                    ),
                )
            return redirect(detail_url(current.slug, meeting.pk))
    return render(
        request, "meetings/meeting_form.html", {"form": form, "body": meeting.body, "meeting": meeting}
    )


# --- the meeting page ----------------------------------------------------------------------------

STEP_LABELS: dict[str, Any] = {
    MeetingStatus.HELD: gettext_lazy("Markeren als gehouden"),
    MeetingStatus.PLANNED: gettext_lazy("Opnieuw plannen"),
    MeetingStatus.CANCELLED: gettext_lazy("Vergadering annuleren"),
}


@cache_staff_page
def meeting_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = sel.meeting_detail_get(zone=current, pk=pk)
    require_body_manager(request, meeting.body)
    allowed = meeting.TRANSITIONS.get(meeting.status, ())
    buttons = [
        {"to": str(to), "label": STEP_LABELS[to], "danger": to == MeetingStatus.CANCELLED}
        for to in allowed
        if to in STEP_LABELS
    ]
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "items": list(meeting.agenda_items.all()),
            "buttons": buttons,
            "can_invite": meeting.status in invitation_services.SENDABLE,
            "past_warning": invitation_services.past_warning(meeting)
            if meeting.status == MeetingStatus.PLANNED
            else "",
            "can_approve": MeetingStatus.MINUTES_APPROVED in allowed,
            "can_publish": MeetingStatus.PUBLISHED in allowed,
            "has_minutes": meeting.status
            in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED),
            "history": history_for(zone=current, instance=meeting)[:HISTORY_ROWS],
            "replies": sel.reply_counts(zone=current, meeting=meeting),
        },
    )


@require_POST
def meeting_transition(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    to = request.POST.get("to", "")
    try:
        moved = schedule_services.meeting_status_set(zone=current, actor=request.user, meeting=meeting, to=to)
    except ServiceError as exc:
        messages.error(request, _first_message(exc))
    else:
        messages.success(
            request, _("De vergadering staat nu op ‘%(status)s’.") % {"status": moved.get_status_display()}
        )
        sent = getattr(moved, "cancellation_sent_to", 0)
        if sent:
            messages.info(
                request,
                _("De annulering is verstuurd naar %(n)s ontvanger(s); hun agenda haalt de vergadering weg.")
                % {"n": sent},
            )
    return redirect(detail_url(current.slug, meeting.pk))


# --- agenda --------------------------------------------------------------------------------------


def _agenda_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    current = _zone(request)
    items = list(sel.agenda_items(zone=current, meeting=meeting))
    editable = meeting.status not in agenda_services.LOCKED
    return {
        "meeting": meeting,
        "body": meeting.body,
        "items": items,
        "editable": editable,
        # Never built and still empty: the page offers "Agenda opbouwen" first.
        "unbuilt": editable and not items and not sel.agenda_built(zone=current, meeting=meeting),
    }


@cache_staff_page
def agenda(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """The agenda of a meeting. Only a POST changes it: "Agenda opbouwen" (action=build) or a new item."""
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    presenters = sel.presenter_choices(zone=current, body=meeting.body)
    form = AgendaItemForm(presenters=presenters)
    if request.method == "POST":
        if request.POST.get("action") == "build":
            try:
                added = agenda_services.agenda_build(zone=current, actor=request.user, meeting=meeting)
            except ServiceError as exc:
                messages.error(request, _first_message(exc))
            else:
                if added:
                    messages.success(
                        request, _("%(n)s punt(en) toegevoegd aan de agenda.") % {"n": len(added)}
                    )
                else:
                    messages.info(request, _("De vaste punten en open opvolgpunten staan al op de agenda."))
            return redirect(agenda_url(current.slug, meeting.pk))
        form = AgendaItemForm(request.POST, presenters=presenters)
        if form.is_valid():
            try:
                item = agenda_services.agenda_item_add(
                    zone=current, actor=request.user, meeting=meeting, data=form.cleaned_data
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("‘%(title)s’ staat op de agenda.") % {"title": item.title})
                return redirect(agenda_url(current.slug, meeting.pk) + f"#punt-{item.pk}")
    # A GET only shows: an agenda that was never built gets a button that builds it (POST).
    return render(request, "meetings/agenda.html", {**_agenda_context(request, meeting), "form": form})


def agenda_item_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    item = _managed_item(request, pk)
    meeting = item.meeting
    presenters = sel.presenter_choices(zone=current, body=meeting.body, include=item.presenter)
    initial = {
        "title": item.title,
        "description": item.description,
        "presenter": item.presenter_id,
        "presenter_text": item.presenter_text,
    }
    form = AgendaItemForm(request.POST or None, presenters=presenters, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_services.agenda_item_update(
                zone=current, actor=request.user, item=item, data=form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Het agendapunt is bewaard."))
            return redirect(agenda_url(current.slug, meeting.pk) + f"#punt-{item.pk}")
    return render(
        request,
        "meetings/agenda_item_form.html",
        {"form": form, "item": item, "meeting": meeting, "body": meeting.body},
    )


@require_POST
def agenda_item_move(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    item = _managed_item(request, pk)
    meeting = item.meeting
    error = ""
    try:
        agenda_services.agenda_item_move(
            zone=current, actor=request.user, item=item, direction=request.POST.get("direction", "")
        )
    except ServiceError as exc:
        error = _first_message(exc)
    if getattr(request, "htmx", False):
        return render(
            request,
            "meetings/agenda_list.html",
            {**_agenda_context(request, meeting), "error": error, "moved": item.pk},
        )
    if error:
        messages.error(request, error)
    return redirect(agenda_url(current.slug, meeting.pk) + f"#punt-{item.pk}")


def agenda_item_delete(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    item = _managed_item(request, pk)
    meeting = item.meeting
    back = agenda_url(current.slug, meeting.pk)
    if request.method == "POST":
        try:
            agenda_services.agenda_item_delete(zone=current, actor=request.user, item=item)
        except ServiceError as exc:
            messages.error(request, _first_message(exc))
        else:
            messages.success(request, _("‘%(title)s’ is van de agenda gehaald.") % {"title": item.title})
        return redirect(back)
    return render(
        request,
        "network/confirm.html",
        {
            "title": _("Agendapunt verwijderen"),
            "question": _("Wil je ‘%(title)s’ van de agenda van %(day)s halen?")
            % {"title": item.title, "day": schedule_services.day_label(meeting.date)},
            "confirm_label": _("Verwijderen"),
            "cancel_url": back,
        },
    )


# --- invitation ----------------------------------------------------------------------------------


def invite(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    error = ""
    if request.method == "POST":
        try:
            result = invitation_services.invitation_send(zone=current, actor=request.user, meeting=meeting)
        except ServiceError as exc:
            error = _first_message(exc)
        else:
            url = detail_url(current.slug, meeting.pk)
            once.mark_used(request, token, url)
            if result.again:
                text = _("De uitnodiging is opnieuw verstuurd naar %(n)s ontvanger(s).")
            else:
                text = _("De uitnodiging is verstuurd naar %(n)s ontvanger(s).")
            messages.success(request, text % {"n": result.sent})
            return redirect(url)
    preview = invitation_services.invitation_preview(zone=current, meeting=meeting)
    return render(
        request,
        "meetings/invite.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "preview": preview,
            "sendable": meeting.status in invitation_services.SENDABLE
            and not invitation_services.past_warning(meeting),
            "past_warning": invitation_services.past_warning(meeting),
            "again": meeting.status == MeetingStatus.INVITED,
            "error": error,
            "form_token": token,
        },
    )
