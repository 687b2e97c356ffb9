"""Pages of the route of signals through the zone's bodies.

- `route`: staff set the zone's route (add a body as the last step, move, remove with confirmation),
  with per step how many signals wait for that body or are on its agenda.
- `forward`: on a signal's page, "Voorleggen aan <volgend overleg>".
- `body_queue`: the signals that stand at one body (te agenderen, op de agenda), for staff and for
  that body's secretary (object check), who puts a waiting one on the next meeting (`schedule`).

Access levels are in route_hooks.URL_ROLES; every lookup is zone-scoped (another zone's id: 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.core.lists import paginate
from zorgraad.governance.models import Body
from zorgraad.governance.permissions import require_body_manager
from zorgraad.meetings.models import Meeting
from zorgraad.zones.models import Zone

from .. import selectors
from ..forms.routes import ForwardForm, MoveForm, RouteStepForm, ScheduleForm
from ..selectors import routes as sel
from ..services import routes as services

PER_PAGE = 50


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _route_url(zone: Zone) -> str:
    return reverse("signals:route", kwargs={"zone": zone.slug})


def route(request: HttpRequest, zone: str) -> HttpResponse:
    """The zone's route; a POST adds a body as the last step."""
    current = _zone(request)
    form = RouteStepForm(request.POST or None, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            step = services.route_step_add(
                zone=current,
                actor=request.user,
                body=form.cleaned_data["body"],
                purpose=form.cleaned_data["purpose"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("%(body)s is stap %(n)d van de route.") % {"body": step.body, "n": step.position}
            )
            return redirect(_route_url(current))
    return render(
        request,
        "signals/route.html",
        {"steps": sel.route_overview(zone=current), "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def route_step_move(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    step = sel.route_step_get(zone=current, pk=pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies omhoog of omlaag."))
        return redirect(_route_url(current))
    try:
        services.route_step_move(
            zone=current, actor=request.user, step=step, direction=form.cleaned_data["direction"]
        )
    except ServiceError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("De volgorde van de route is aangepast."))
    return redirect(_route_url(current))


def route_step_remove(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Ask first (the step leaves the route), then remove it."""
    current = _zone(request)
    step = sel.route_step_get(zone=current, pk=pk)
    back = _route_url(current)
    if request.method == "POST":
        try:
            services.route_step_remove(zone=current, actor=request.user, step=step)
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("%(body)s is uit de route gehaald.") % {"body": step.body})
        return redirect(back)
    return render(
        request,
        "network/confirm.html",
        {
            "back_label": _("Route van signalen"),
            "title": _("Stap uit de route halen"),
            "question": _(
                "Wil je %(body)s uit de route van signalen halen? Signalen die al aan %(body)s werden "
                "voorgelegd, houden hun geschiedenis, en wie nog op %(body)s wacht, blijft op de lijst "
                "van dat overleg staan. Nieuwe signalen slaan deze stap over."
            )
            % {"body": step.body},
            "confirm_label": _("Uit de route halen"),
            "cancel_url": back,
        },
    )


@require_POST
def forward(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """ "Voorleggen aan <volgend overleg>" on a signal's page."""
    from . import _detail_context

    current = _zone(request)
    signal = selectors.signal_get(zone=current, pk=pk)
    form = ForwardForm(request.POST)
    step = None
    if form.is_valid() and form.cleaned_data["step"]:
        step = sel.route_step_get(zone=current, pk=form.cleaned_data["step"])
    try:
        if not form.is_valid():
            raise ServiceError(list(form.errors.get("comment") or [_("Controleer de toelichting.")]))
        referral = services.signal_forward(
            zone=current, actor=request.user, signal=signal, step=step, comment=form.cleaned_data["comment"]
        )
    except ServiceError as exc:
        context = _detail_context(request, current, signal, forward_form=form)
        context["action_errors"] = exc.messages
        return render(request, "signals/detail.html", context, status=400)
    if referral.meeting_id:
        messages.success(
            request,
            _("Voorgelegd aan %(body)s: het signaal staat op de agenda van %(meeting)s.")
            % {"body": referral.body, "meeting": referral.meeting},
        )
    else:
        messages.warning(
            request,
            _(
                "Voorgelegd aan %(body)s, maar %(body)s heeft nog geen geplande vergadering. Het signaal "
                "wacht ‘te agenderen’ op de lijst van %(body)s tot er een vergadering gepland is."
            )
            % {"body": referral.body},
        )
    return redirect("signals:detail", zone=current.slug, pk=signal.pk)


def _body(request: HttpRequest, zone: Zone, slug: str) -> Body:
    found = Body.objects.for_zone(zone).filter(slug=slug).first()
    if found is None:
        raise Http404(_("Dit overleg bestaat niet."))
    require_body_manager(request, found)
    return found


def body_queue(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    """The signals that stand at this body: te agenderen first, then those on an agenda."""
    current = _zone(request)
    found = _body(request, current, body)
    page, query = paginate(request, sel.body_queue(zone=current, body=found), per_page=PER_PAGE)
    steps = sel.route_steps(zone=current)
    return render(
        request,
        "signals/route_body.html",
        {
            "body": found,
            "page": page,
            "query": query,
            "next_meeting": sel.next_meeting(zone=current, body=found),
            "step": next((s for s in steps if s.body_id == found.pk), None),
            "steps_total": len(steps),
        },
    )


@require_POST
def schedule(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Put a waiting signal on the agenda of its body's next meeting (or the meeting given)."""
    current = _zone(request)
    referral = sel.referral_get(zone=current, pk=pk)
    require_body_manager(request, referral.body)
    form = ScheduleForm(request.POST)
    back = reverse("signals:route_body", kwargs={"zone": current.slug, "body": referral.body.slug})
    meeting = None
    if form.is_valid():
        wanted = request.POST.get("next") or ""
        if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            back = wanted
        if form.cleaned_data["meeting"]:
            meeting = Meeting.objects.for_zone(current).filter(pk=form.cleaned_data["meeting"]).first()
            if meeting is None:
                raise Http404(_("Deze vergadering bestaat niet."))
    try:
        updated = services.referral_schedule(
            zone=current, actor=request.user, referral=referral, meeting=meeting
        )
    except ServiceError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _("%(ref)s staat op de agenda van %(meeting)s.")
            % {"ref": referral.signal.reference, "meeting": updated.meeting},
        )
    return redirect(back)
