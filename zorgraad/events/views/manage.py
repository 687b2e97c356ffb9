"""Staff pages (events, registrations, the check-in on the day, evaluation, promotion) and the
partners' proposals. The URL table (hooks.URL_ROLES) sets who may open them; every record is read
through the zone of the URL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.core.lists import paginate
from zorgraad.network.models import Organisation
from zorgraad.network.pickers import use_search
from zorgraad.zones.models import Zone

from .. import mail, selectors, services
from ..exporters import AttendanceExporter
from ..forms import (
    CheckInSearchForm,
    DecisionForm,
    EvaluationQuestionForm,
    EventForm,
    ProgrammeSlotForm,
    PromotionForm,
    QuestionForm,
    SessionForm,
    WalkInForm,
)
from ..models import Event, PartnerPromotion, Registration, RegistrationStatus


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _detail_url(zone: Zone, event: Event) -> str:
    return reverse("events:event_detail", kwargs={"zone": zone.slug, "pk": event.pk})


def event_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    past = request.GET.get("voorbij") == "1"
    page, query = paginate(request, selectors.staff_event_list(current, past=past), 25)
    return render(
        request,
        "events/manage/event_list.html",
        {"page": page, "query": query, "past": past, "proposed": list(selectors.proposed_events(current))},
    )


def _save_event(request: HttpRequest, form: EventForm, event: Event | None) -> Event | None:
    current = _zone(request)
    if not form.is_valid():
        return None
    plain, m2m = form.event_data()
    new_series = form.cleaned_data.get("new_series") or ""
    co_organiser = form.cleaned_data.get("co_organiser")
    try:
        with transaction.atomic():
            if new_series and not plain.get("series"):
                plain["series"] = services.series_create(zone=current, actor=request.user, title=new_series)
            if event is None:
                saved = services.event_create(zone=current, actor=request.user, data=plain, m2m=m2m)
            else:
                saved = services.event_update(
                    zone=current, actor=request.user, event=event, data=plain, m2m=m2m
                )
            if co_organiser is not None:
                services.co_organiser_add(
                    zone=current, actor=request.user, event=saved, organisation=co_organiser
                )
            return saved
    except ServiceError as exc:
        add_service_error(form, exc)
    except ValidationError as exc:
        add_service_error(form, exc)
    return None


def _same_day(zone: Zone, form: EventForm, event: Event | None) -> dict[str, Any] | None:
    day = None
    if form.is_bound:
        day = form.cleaned_data.get("day") if hasattr(form, "cleaned_data") else None
    elif event is not None:
        day = timezone.localdate(event.starts_at)
    if day is None:
        return None
    return {"day": day, **selectors.events_on_day(zone, day, exclude_pk=event.pk if event else None)}


def event_create(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form = EventForm(request.POST or None, zone=current)
    use_search(request, form)
    if request.method == "POST":
        event = _save_event(request, form, None)
        if event is not None:
            messages.success(request, _("De activiteit is aangemaakt."))
            return redirect(_detail_url(current, event))
    return render(
        request,
        "events/manage/event_form.html",
        {"form": form, "event": None, "same_day": _same_day(current, form, None)},
    )


def event_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    form = EventForm(request.POST or None, instance=event, zone=current)
    use_search(request, form)
    if request.method == "POST":
        saved = _save_event(request, form, event)
        if saved is not None:
            messages.success(request, _("De activiteit is bijgewerkt."))
            return redirect(_detail_url(current, saved))
        event.refresh_from_db()
    return render(
        request,
        "events/manage/event_form.html",
        {"form": form, "event": event, "same_day": _same_day(current, form, event)},
    )


def same_day(request: HttpRequest, zone: str) -> HttpResponse:
    """htmx: what already happens on the chosen day (this zone, its partners, the other zones)."""
    current = _zone(request)
    try:
        day = dt.date.fromisoformat(request.GET.get("day", "")[:10])
    except ValueError:
        # a fragment for the event form; without a valid day there is nothing to show
        return HttpResponse(
            _("Kies een geldige datum."), status=400, content_type="text/plain; charset=utf-8"
        )
    return render(
        request,
        "events/manage/_same_day.html",
        {"same_day": {"day": day, **selectors.events_on_day(current, day)}},
    )


def event_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    regs = list(selectors.registrations_for(current, event))
    counts = {s: sum(1 for r in regs if r.status == s) for s in RegistrationStatus.values}
    return render(
        request,
        "events/manage/event_detail.html",
        {
            "event": event,
            "registrations": regs,
            "counts": counts,
            "sessions": list(event.sessions.all()),
            "programme": list(event.programme.all()),
            "questions": list(event.questions.all()),
            "evaluation_questions": list(event.evaluation_questions.all()),
            "promotions": list(
                PartnerPromotion.objects.for_zone(current).filter(event=event).select_related("organisation")
            ),
            "session_form": SessionForm(prefix="sessie"),
            "slot_form": ProgrammeSlotForm(prefix="programma"),
            "question_form": QuestionForm(prefix="vraag"),
            "evaluation_form": EvaluationQuestionForm(prefix="evaluatie"),
            "promotion_form": PromotionForm(zone=current, prefix="promotie"),
            "decision_form": DecisionForm(),
            "challenges": list(event.challenges.all()),
        },
    )


PARTS = {
    "sessie": SessionForm,
    "programma": ProgrammeSlotForm,
    "vraag": QuestionForm,
    "evaluatie": EvaluationQuestionForm,
}


@require_POST
def event_part_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Add a session, programme slot, registration question or evaluation question."""
    current = _zone(request)
    event = selectors.event_get(current, pk)
    part = request.POST.get("onderdeel", "")
    form_class = PARTS.get(part)
    if form_class is None:
        raise Http404(_("Onbekend onderdeel."))
    form = form_class(request.POST, prefix=part)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(
                request,
                f"{label}: {' '.join(str(e) for e in errors)}" if label else " ".join(str(e) for e in errors),
            )
        return redirect(_detail_url(current, event))
    try:
        services.event_part_add(
            zone=current, actor=request.user, event=event, part=part, data=form.cleaned_data
        )
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(_detail_url(current, event))
    messages.success(request, _("Toegevoegd."))
    return redirect(_detail_url(current, event))


@require_POST
def event_decide(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    approve = request.POST.get("besluit") == "opnemen"
    try:
        services.event_decide(
            zone=current,
            actor=request.user,
            event=event,
            approve=approve,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("De activiteit staat in de agenda.") if approve else _("Het voorstel is niet opgenomen."),
        )
    return redirect(_detail_url(current, event))


def event_cancel(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    if request.method == "POST":
        try:
            services.event_cancel(zone=current, actor=request.user, event=event)
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De activiteit is geannuleerd; de ingeschrevenen krijgen een mail."))
        return redirect(_detail_url(current, event))
    return render(request, "events/manage/event_cancel.html", {"event": event})


@require_POST
def registration_cancel(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Staff cancel one registration (POST field `inschrijving`)."""
    current = _zone(request)
    event = selectors.event_get(current, pk)
    reg = _registration(current, event, request.POST.get("inschrijving", ""))
    try:
        promoted = services.registration_cancel(zone=current, registration=reg, actor=request.user)
    except ServiceError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        text = _("De inschrijving van %(name)s is geannuleerd.") % {"name": reg.name}
        if promoted:
            text += " " + _("%(name)s schuift door van de wachtlijst.") % {"name": promoted[0].name}
        messages.success(request, text)
    return redirect(_detail_url(current, event))


def _registration(zone: Zone, event: Event, raw: str) -> Registration:
    if not raw.isdigit() or len(raw) > 18:
        raise Http404(_("Deze inschrijving bestaat niet."))
    reg = Registration.objects.for_zone(zone).filter(event=event, pk=int(raw)).first()
    if reg is None:
        raise Http404(_("Deze inschrijving bestaat niet."))
    return reg


# --- the day itself -------------------------------------------------------------------------------


def check_in(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """The check-in list for a phone: search by name, tick present (htmx or a plain POST), walk-ins."""
    current = _zone(request)
    event = selectors.event_get(current, pk)
    if request.method == "POST":
        reg = _registration(current, event, request.POST.get("inschrijving", ""))
        tick = request.POST.get("aanwezig", "1") == "1"
        try:
            services.registration_check_in(zone=current, actor=request.user, registration=reg, present=tick)
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        if request.headers.get("HX-Request"):
            listed = (
                Registration.objects.for_zone(current)
                .filter(event=event)
                .exclude(status=RegistrationStatus.CANCELLED)
            )
            return render(
                request,
                "events/manage/_checkin_row.html",
                {
                    "reg": reg,
                    "event": event,
                    "oob_count": True,
                    "present": listed.filter(status=RegistrationStatus.ATTENDED).count(),
                    "total": listed.count(),
                },
            )
        return redirect(
            reverse("events:check_in", kwargs={"zone": current.slug, "pk": event.pk})
            + "?"
            + request.GET.urlencode()
        )
    search = CheckInSearchForm(request.GET or None)
    q = search.cleaned_data.get("q", "") if search.is_valid() else ""
    regs = list(selectors.registrations_for(current, event, q).exclude(status=RegistrationStatus.CANCELLED))
    listed = (
        Registration.objects.for_zone(current)
        .filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
    )
    present = listed.filter(status=RegistrationStatus.ATTENDED).count()
    total = listed.count()
    template = (
        "events/manage/_checkin_rows.html"
        if request.headers.get("HX-Request")
        else "events/manage/check_in.html"
    )
    return render(
        request,
        template,
        {
            "event": event,
            "registrations": regs,
            "search": search,
            "present": present,
            "total": total,
            "walk_in_form": WalkInForm(),
        },
    )


@require_POST
def walk_in(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            reg = services.walk_in_add(
                zone=current,
                actor=request.user,
                event=event,
                name=form.cleaned_data["name"],
                email=form.cleaned_data.get("email") or "",
                organisation_name=form.cleaned_data.get("organisation") or "",
            )
        except ServiceError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(name)s is toegevoegd en aanwezig.") % {"name": reg.name})
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
    return redirect(reverse("events:check_in", kwargs={"zone": current.slug, "pk": event.pk}))


@require_POST
def attendance_close(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    count = services.attendance_close(zone=current, actor=request.user, event=event)
    messages.success(
        request, _("%(n)d ingeschrevenen zonder vinkje staan nu als 'niet gekomen'.") % {"n": count}
    )
    return redirect(_detail_url(current, event))


def attendance_export(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    regs = selectors.registrations_for(current, event).exclude(status=RegistrationStatus.CANCELLED)
    return AttendanceExporter(regs).response("xlsx", current.slug)


def attendance_print(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    regs = list(selectors.registrations_for(current, event).exclude(status=RegistrationStatus.CANCELLED))
    return render(request, "events/manage/attendance_print.html", {"event": event, "registrations": regs})


# --- evaluation and promotion ---------------------------------------------------------------------


def evaluation_summary(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    if request.method == "POST":
        attendees = list(
            Registration.objects.for_zone(current)
            .filter(event=event, status=RegistrationStatus.ATTENDED, evaluated_at__isnull=True)
            .exclude(email="")
        )
        for reg in attendees:
            services._mail_after_commit(reg, "evaluation")
        messages.success(
            request, _("De evaluatie is naar %(n)d aanwezigen gestuurd.") % {"n": len(attendees)}
        )
        return redirect(reverse("events:evaluation_summary", kwargs={"zone": current.slug, "pk": event.pk}))
    responses, summaries = selectors.evaluation_summary(current, event)
    attended = (
        Registration.objects.for_zone(current).filter(event=event, status=RegistrationStatus.ATTENDED).count()
    )
    return render(
        request,
        "events/manage/evaluation_summary.html",
        {
            "event": event,
            "responses": responses,
            "summaries": summaries,
            "attended": attended,
            "open": services.evaluation_open(event),
        },
    )


@require_POST
def promotion(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_get(current, pk)
    form = PromotionForm(request.POST, zone=current, prefix="promotie")
    if form.is_valid():
        org: Organisation = form.cleaned_data["organisation"]
        services.promotion_record(
            zone=current,
            actor=request.user,
            event=event,
            organisation=org,
            promoted=form.cleaned_data.get("promoted", False),
            channels=form.cleaned_data.get("channels", ""),
        )
        messages.success(request, _("Promotie door %(org)s genoteerd.") % {"org": org.name})
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
    return redirect(_detail_url(current, event))


# --- partners ------------------------------------------------------------------------------------


def my_events(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    events = list(
        Event.objects.for_zone(current).filter(proposed_by=request.user).order_by("-starts_at")[:100]
    )
    return render(request, "events/my_events.html", {"events": events})


def event_propose(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form = EventForm(request.POST or None, zone=current, partner=True)
    use_search(request, form)
    if request.method == "POST" and form.is_valid():
        plain, m2m = form.event_data()
        try:
            services.event_propose(zone=current, actor=request.user, data=plain, m2m=m2m)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("Bedankt! De zorgraad bekijkt je voorstel en zet het daarna in de agenda.")
            )
            return redirect(reverse("events:my_events", kwargs={"zone": current.slug}))
    return render(request, "events/manage/event_form.html", {"form": form, "event": None, "partner": True})


def personal_link(reg: Registration, zone: Zone) -> str:
    return mail.personal_url(reg, zone.slug)
