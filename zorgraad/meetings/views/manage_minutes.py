"""Attendance, minutes, decisions, follow-ups, approval, publication and export."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from zorgraad.core import audit
from zorgraad.core.forms import add_service_error
from zorgraad.core.staffcache import cache_staff_page
from zorgraad.governance.permissions import require_body_manager
from zorgraad.network import pickers
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..forms_minutes import (
    ApproveByMailForm,
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


@cache_staff_page
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
        "missing": selectors.missing_sectors(current, meeting, rows),
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


# The parts of the minutes page besides the text, in the order the page shows them, with the anchor
# the page returns to after a save started by that part's button.
MINUTES_PARTS = ("decision", "followup", "partner", "next")
MINUTES_ANCHORS = {
    "text": "verslag",
    "decision": "beslissingen",
    "followup": "opvolging",
    "done": "opvolging",
    "partner": "rondje",
    "next": "volgende",
}
MINUTES_ADDED = {
    "decision": gettext_lazy("De beslissing is toegevoegd."),
    "followup": gettext_lazy("Het opvolgpunt is toegevoegd."),
    "partner": gettext_lazy("De bijdrage aan het rondje is toegevoegd."),
}


def _minutes_part_form(
    name: str,
    data: Any,
    current: Zone,
    meeting: Meeting,
    item_qs: Any,
    organisations: Any,
    shown: dict[str, Any],
) -> forms.Form:
    """One part of the minutes page. `shown`: the agenda items and owners read once by the view,
    shown as the options of the selects (the querysets validate what is posted)."""
    if name == "decision":
        return DecisionForm(data, items=item_qs, item_choices=shown["items"], prefix="decision")
    if name == "followup":
        return FollowUpForm(
            data,
            items=item_qs,
            owners=shown["owner_qs"],
            item_choices=shown["items"],
            owner_choices=shown["owners"],
            prefix="followup",
        )
    if name == "partner":
        return PartnerRoundForm(data, zone=current, organisations=organisations, prefix="partner")
    return NextMeetingForm(data, zone=current, body=meeting.body, organisations=organisations, prefix="next")


@cache_staff_page
def minutes(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """The minutes page: one form for everything (text per item, a new decision, follow-up,
    partner-round entry, next meeting). Every button saves all that was typed; when one part is
    refused, nothing is saved and the page comes back with everything still filled in."""
    current = _zone(request)
    # One read of the meeting with everything the page shows (the permission check uses its body).
    full = selectors.minutes_meeting_get(zone=current, pk=pk)
    require_body_manager(request, full.body)
    meeting = full
    items: list[AgendaItem] = list(full.agenda_items.all())
    item_qs = selectors.meeting_items(zone=current, meeting=meeting)
    organisations = selectors.zone_organisations(zone=current)
    owner_qs = selectors.followup_owner_choices(zone=current, meeting=meeting)
    shown = {"items": items, "owner_qs": owner_qs, "owners": list(owner_qs)}
    data = request.POST if request.method == "POST" else None

    text_form = MinutesForm(data, meeting=full, items=items)
    parts = {
        name: _minutes_part_form(name, data, current, full, item_qs, organisations, shown)
        for name in MINUTES_PARTS
    }
    pickers.use_search(request, parts["partner"], parts["next"])
    if data is not None:
        done = _minutes_save(request, current, full, text_form, parts)
        if done is not None:
            return done
        for name in MINUTES_PARTS:  # parts left empty are shown fresh, without "required" errors
            if not getattr(parts[name], "is_bound_part", False):
                parts[name] = _minutes_part_form(name, None, current, full, item_qs, organisations, shown)
                pickers.use_search(request, parts[name])

    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": full,
            "body": full.body,
            "text_form": text_form,
            "decision_form": parts["decision"],
            "followup_form": parts["followup"],
            "partner_form": parts["partner"],
            "next_form": parts["next"],
            "next_meetings": selectors.next_meetings(zone=current, meeting=meeting),
            "published": full.status == MeetingStatus.PUBLISHED,
            "can_approve": full.status == MeetingStatus.HELD,
            "can_publish": full.status == MeetingStatus.MINUTES_APPROVED,
        },
    )


def _minutes_save(
    request: HttpRequest, current: Zone, meeting: Meeting, text_form: MinutesForm, parts: dict[str, Any]
) -> HttpResponse | None:
    """Save the whole minutes page; None re-renders it with the errors and everything typed."""
    action = request.POST.get("action", "text")
    done: Any = None
    if action.startswith("done-"):
        done_pk = action.removeprefix("done-")
        if not done_pk.isdigit() or len(done_pk) > 18:
            action = "text"
        else:
            done = selectors.followup_get(zone=current, pk=int(done_pk))
            action = "done"
    if action not in MINUTES_ANCHORS:
        action = "text"
    valid = text_form.is_valid()
    for name, form in parts.items():
        # A part is saved when something was typed in it, or when its own button was pressed (an
        # empty decision with "Beslissing toevoegen" gets "Schrijf de beslissing op.").
        form.is_bound_part = name == action or any(
            form.add_prefix(field) in form.data for field in form.changed_data
        )
        if form.is_bound_part:
            valid = form.is_valid() and valid
    if not valid:
        messages.error(
            request, _("Er is nog niets bewaard: verbeter wat hieronder gemeld wordt en bewaar opnieuw.")
        )
        return None

    def cleaned(name: str) -> dict[str, Any] | None:
        form = parts[name]
        return dict(form.cleaned_data) if form.is_bound_part else None

    try:
        result = minutes_services.minutes_page_save(
            zone=current,
            actor=request.user,
            meeting=meeting,
            items=text_form.texts(),
            intro=text_form.intro_text(),
            decision=cleaned("decision"),
            follow_up=cleaned("followup"),
            partner=cleaned("partner"),
            next_meeting=cleaned("next"),
            done=done,
        )
    except minutes_services.MinutesPartError as exc:
        if exc.part in parts:
            add_service_error(parts[exc.part], exc)
        elif exc.part == "text":
            add_service_error(text_form, exc)
        else:
            messages.error(request, exc.messages[0])
        messages.error(
            request, _("Er is nog niets bewaard: verbeter wat hieronder gemeld wordt en bewaar opnieuw.")
        )
        return None
    published = meeting.status == MeetingStatus.PUBLISHED
    if result.text.after_publication:
        messages.warning(request, PUBLISHED_EDIT_MESSAGE)
    elif result.text.changed:
        messages.success(request, _("Het verslag is bewaard."))
    for name, saved in (
        ("decision", result.decision),
        ("followup", result.follow_up),
        ("partner", result.partner),
    ):
        if saved is not None:
            messages.success(request, MINUTES_ADDED[name])
    if result.next_meeting is not None:
        messages.success(
            request,
            _("De vergadering van %(date)s is gepland.")
            % {"date": publication.day_label(result.next_meeting.date)},
        )
    if result.done is not None:
        messages.success(request, _("Het opvolgpunt is afgewerkt."))
    if published and (result.decision is not None or result.partner is not None):
        messages.warning(request, PUBLISHED_CHANGE_MESSAGE)
    if not (
        result.text.changed
        or result.decision
        or result.follow_up
        or result.partner
        or result.next_meeting
        or result.done
    ):
        messages.info(request, _("Er was niets gewijzigd."))
    return redirect(_minutes_url(current, meeting, MINUTES_ANCHORS[action]))


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
    """Two ways: at a later meeting that took place, or by mail (`how=mail`) with the comments received."""
    current = _zone(request)
    meeting = _managed_meeting(request, pk)
    candidates = selectors.approval_candidates(zone=current, meeting=meeting)
    first = candidates.first()
    how = request.POST.get("how", "meeting") if request.method == "POST" else ""
    form = ApproveForm(
        request.POST if how == "meeting" else None,
        candidates=candidates,
        initial={"at_meeting": first.pk if first else None},
    )
    mail_form = ApproveByMailForm(request.POST if how == "mail" else None)
    if how == "meeting" and form.is_valid():
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
    if how == "mail" and mail_form.is_valid():
        try:
            done = minutes_services.minutes_approve_by_mail(
                zone=current,
                actor=request.user,
                meeting=meeting,
                approved_on=mail_form.cleaned_data["approved_on"],
                comments=mail_form.cleaned_data["comments"],
            )
        except ServiceError as exc:
            add_service_error(mail_form, exc)
        else:
            messages.success(
                request,
                _("Het verslag is per mail goedgekeurd op %(date)s.")
                % {"date": publication.day_label(mail_form.cleaned_data["approved_on"])},
            )
            return redirect("meetings:minutes", zone=current.slug, pk=done.pk)
    return render(
        request,
        "meetings/approve.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "form": form,
            "mail_form": mail_form,
            "has_candidates": first is not None,
            "today": timezone.localdate(),
        },
    )


# --- correcting and removing decisions, follow-ups and partner-round entries ---------------------


def _entry_page(
    request: HttpRequest,
    *,
    entry: Any,
    form: forms.Form,
    title: str,
    anchor: str,
    update: Any,
    saved: str,
) -> HttpResponse:
    current = _zone(request)
    meeting = entry.meeting
    back = _minutes_url(current, meeting, anchor)
    if request.method == "POST" and form.is_valid():
        try:
            update(**form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, saved)
            if meeting.status == MeetingStatus.PUBLISHED and anchor != "opvolging":
                messages.warning(request, PUBLISHED_CHANGE_MESSAGE)
            return redirect(back)
    return render(
        request,
        "meetings/minutes_entry_form.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "form": form,
            "title": title,
            "back": back,
            "history": audit.history_for(zone=current, instance=entry),
        },
    )


def _entry_delete_page(
    request: HttpRequest, *, entry: Any, anchor: str, title: str, question: str, delete: Any, deleted: str
) -> HttpResponse:
    current = _zone(request)
    back = _minutes_url(current, entry.meeting, anchor)
    if request.method == "POST":
        try:
            delete()
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, deleted)
        return redirect(back)
    return render(
        request,
        "network/confirm.html",
        {
            "title": title,
            "question": question,
            "confirm_label": _("Verwijderen"),
            "cancel_url": back,
            "back_label": _("Terug naar het verslag"),
        },
    )


def _quoted(text: str) -> str:
    return text if len(text) <= 80 else text[:79] + "…"


def decision_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    decision = selectors.decision_get(zone=current, pk=pk)
    require_body_manager(request, decision.meeting.body)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        items=selectors.meeting_items(zone=current, meeting=decision.meeting),
        initial={"text": decision.text, "item": decision.item_id},
    )
    return _entry_page(
        request,
        entry=decision,
        form=form,
        title=_("Beslissing wijzigen"),
        anchor="beslissingen",
        update=lambda **data: minutes_services.decision_update(
            zone=current, actor=request.user, decision=decision, **data
        ),
        saved=_("De beslissing is gewijzigd."),
    )


def decision_delete(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    decision = selectors.decision_get(zone=current, pk=pk)
    require_body_manager(request, decision.meeting.body)
    return _entry_delete_page(
        request,
        entry=decision,
        anchor="beslissingen",
        title=_("Beslissing verwijderen"),
        question=_(
            "Wil je de beslissing ‘%(text)s’ uit het verslag verwijderen? De geschiedenis houdt bij wat er stond."
        )
        % {"text": _quoted(decision.text)},
        delete=lambda: minutes_services.decision_delete(zone=current, actor=request.user, decision=decision),
        deleted=_("De beslissing is verwijderd."),
    )


def followup_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    follow_up = selectors.followup_get(zone=current, pk=pk)
    require_body_manager(request, follow_up.meeting.body)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        items=selectors.meeting_items(zone=current, meeting=follow_up.meeting),
        owners=selectors.followup_owner_choices(zone=current, meeting=follow_up.meeting),
        initial={
            "description": follow_up.description,
            "owner": follow_up.owner_id,
            "owner_text": follow_up.owner_text,
            "due_date": follow_up.due_date,
            "item": follow_up.item_id,
        },
    )
    return _entry_page(
        request,
        entry=follow_up,
        form=form,
        title=_("Opvolgpunt wijzigen"),
        anchor="opvolging",
        update=lambda **data: minutes_services.followup_update(
            zone=current, actor=request.user, follow_up=follow_up, **data
        ),
        saved=_("Het opvolgpunt is gewijzigd."),
    )


def followup_delete(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    follow_up = selectors.followup_get(zone=current, pk=pk)
    require_body_manager(request, follow_up.meeting.body)
    return _entry_delete_page(
        request,
        entry=follow_up,
        anchor="opvolging",
        title=_("Opvolgpunt verwijderen"),
        question=_("Wil je het opvolgpunt ‘%(text)s’ verwijderen? De geschiedenis houdt bij wat er stond.")
        % {"text": _quoted(follow_up.description)},
        delete=lambda: minutes_services.followup_delete(
            zone=current, actor=request.user, follow_up=follow_up
        ),
        deleted=_("Het opvolgpunt is verwijderd."),
    )


def partner_round_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    entry = selectors.partner_round_get(zone=current, pk=pk)
    require_body_manager(request, entry.meeting.body)
    form = PartnerRoundForm(
        request.POST if request.method == "POST" else None,
        zone=current,
        organisations=selectors.zone_organisations(zone=current),
        initial={"organisation": entry.organisation_id, "text": entry.text},
    )
    pickers.use_search(request, form)
    return _entry_page(
        request,
        entry=entry,
        form=form,
        title=_("Bijdrage aan het rondje wijzigen"),
        anchor="rondje",
        update=lambda **data: minutes_services.partner_round_update(
            zone=current, actor=request.user, entry=entry, **data
        ),
        saved=_("De bijdrage aan het rondje is gewijzigd."),
    )


def partner_round_delete(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    entry = selectors.partner_round_get(zone=current, pk=pk)
    require_body_manager(request, entry.meeting.body)
    who = entry.organisation.name if entry.organisation else _("een onbekende organisatie")
    return _entry_delete_page(
        request,
        entry=entry,
        anchor="rondje",
        title=_("Bijdrage aan het rondje verwijderen"),
        question=_(
            "Wil je de bijdrage van %(who)s (‘%(text)s’) verwijderen? De geschiedenis houdt bij wat er stond."
        )
        % {"who": who, "text": _quoted(entry.text)},
        delete=lambda: minutes_services.partner_round_delete(zone=current, actor=request.user, entry=entry),
        deleted=_("De bijdrage aan het rondje is verwijderd."),
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
