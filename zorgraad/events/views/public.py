"""Public pages: the agenda (list and month), an event with its registration form, the personal
link to view or cancel, the anonymous evaluation, and the iCal feeds and printable programme.

GET pages, the iCal feeds and the programme PDF are cached per zone under the `events` page-cache
kind (core.pagecache, declared in hooks._page_cache): a write to an event or a registration's seat
raises only that kind, so the seats shown are never stale and the zone's other public pages (social
map, meetings) stay cached. The registration form posts without a
CSRF token on purpose: the page is cached for anonymous visitors (no session, no token), and a
forged cross-site POST can do nothing a direct POST could not; posts are rate limited per client.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import os
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core import pagecache, ratelimit
from zorgraad.core.dutch import long_date, month_name
from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.zones.models import Zone

from .. import ics, mail, selectors, services
from ..forms import AgendaFilterForm, EvaluationForm, RegistrationForm
from ..models import SEATS_SHOWN_EXACTLY, Event, RegistrationStatus

FEED_TYPE = "text/calendar; charset=utf-8"
AGENDA_PARAMS = ("doelpubliek", "soort", "thema", "doelgroep", "gemeente", "maand", "weergave")


def _cached(params: tuple[str, ...]) -> Any:
    """The page cache, keyed on the events and the organisations' names and addresses (organisers,
    venues: not their phone or e-mail) and only the given parameters."""
    if hasattr(pagecache, "register_kind"):
        from zorgraad.network.hooks import ORGANISATION_NAMES

        from ..hooks import PAGE_KIND

        return pagecache.cache_public_page(kinds=(PAGE_KIND, ORGANISATION_NAMES), params=params)
    return pagecache.cache_public_page


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _filters(
    request: HttpRequest, zone: Zone
) -> tuple[AgendaFilterForm, selectors.AgendaFilters, dt.date | None]:
    form = AgendaFilterForm(request.GET or None, zone=zone)
    data: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # a wrong value is reported and left out
        data = getattr(form, "cleaned_data", {})
    filters = selectors.AgendaFilters(
        audience=data.get("doelpubliek") or "",
        kind=data.get("soort") or "",
        theme=data.get("thema") or "",
        target_group=data.get("doelgroep") or "",
        municipality=data.get("gemeente") or "",
    )
    return form, filters, data.get("maand")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


@_cached(AGENDA_PARAMS)
def agenda(request: HttpRequest, zone: str) -> HttpResponse:
    """The list (the coming six months) or one month as a calendar grid (?weergave=maand&maand=2026-03)."""
    current = _zone(request)
    form, filters, month = _filters(request, current)
    view = "maand" if request.GET.get("weergave") == "maand" else "lijst"
    today = timezone.localdate()
    if view == "maand" or month:
        first = month or today.replace(day=1)
        last = _add_months(first, 1) - dt.timedelta(days=1)
    else:
        first, last = today, _add_months(today.replace(day=1), 6) - dt.timedelta(days=1)
    events = list(selectors.agenda_events(current, filters, first, last))
    weeks: list[list[tuple[dt.date | None, list[Event]]]] = []
    if view == "maand":
        by_day: dict[dt.date, list[Event]] = {}
        for event in events:
            by_day.setdefault(timezone.localdate(event.starts_at), []).append(event)
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
            weeks.append([(d if d.month == first.month else None, by_day.get(d, [])) for d in week])
    query = request.GET.copy()
    for key in ("maand", "weergave"):
        query.pop(key, None)
    return render(
        request,
        "events/agenda.html",
        {
            "form": form,
            "events": events,
            "view": view,
            "first": first,
            "last": last,
            "month_label": f"{month_name(first.month)} {first.year}",
            "prev_month": _add_months(first, -1).strftime("%Y-%m"),
            "next_month": _add_months(first, 1).strftime("%Y-%m"),
            "weeks": weeks,
            "filter_query": query.urlencode(),
            "filtering": filters.active,
        },
    )


def _limit() -> int:
    """Registrations per client per hour (0: no limit, for bench/events_register.py)."""
    default = os.environ.get("ZORGRAAD_EVENT_REGISTRATIONS_PER_HOUR", "30")
    return int(getattr(settings, "ZORGRAAD_EVENT_REGISTRATIONS_PER_HOUR", default))


def _over_limit(request: HttpRequest) -> bool:
    limit = _limit()
    if limit <= 0:
        return False
    return ratelimit.hit(
        scope="event-register", client=ratelimit.client_key(request), limit=limit, window_seconds=3600
    )


@_cached(())  # an anonymous GET only: a POST always reaches the view
def event_public(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _register(request, pk)
    return _event_page(request, zone=zone, pk=pk)


# What @csrf_exempt marks, set on the page cache's own wrapper: a decorator around it would hide
# the cached page from the public lane (core/publiclane.py), and every visitor's GET would go
# through the whole middleware stack.
event_public.csrf_exempt = True  # type: ignore[attr-defined]


def _event_page(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_public_get(current, pk)
    form = RegistrationForm(questions=list(event.questions.all()))
    return _render_event(request, event, form)


def _render_event(
    request: HttpRequest, event: Event, form: RegistrationForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "events/event_public.html",
        {
            "event": event,
            "form": form,
            "state": event.registration_state(),
            "seats_shown_exactly": SEATS_SHOWN_EXACTLY,
            "sessions": list(event.sessions.all()),
            "programme": list(event.programme.all()),
            "themes": list(event.themes.all()),
            "target_groups": list(event.target_groups.all()),
            "co_organisers": [o.name for o in event.co_organisers.all()]
            + [z.name for z in event.co_organising_zones.all()],
            "series_events": list(
                Event.objects.for_zone(event.zone_id)
                .filter(series=event.series_id, status__in=("published", "save_the_date"))
                .exclude(pk=event.pk)
                .select_related("municipality")
            )
            if event.series_id
            else [],
        },
        status=status,
    )


def _register(request: HttpRequest, pk: int) -> HttpResponse:
    """The form's POST: the event's registration settings come from the cache (selectors.
    registration_settings, kept per page-cache generation), the writes are one transaction."""
    current = _zone(request)
    event = selectors.registration_settings(current, pk)
    if _over_limit(request):
        return render(request, "core/rate_limited.html", status=429)
    form = RegistrationForm(request.POST, questions=list(event.questions))
    if form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.registration_create(
                zone=current,
                event=event,
                name=data["name"],
                email=data["email"],
                organisation_name=data.get("organisation") or "",
                answers=form.answers(),
                newsletter_opt_in=bool(data.get("newsletter")),
                consent_text=str(services.NEWSLETTER_CONSENT_TEXT),
            )
        except services.AlreadyRegistered as exc:
            existing = exc.registration
            services._mail_after_commit(existing, _resend_kind(existing))
            return render(
                request,
                "events/registration_exists.html",
                {"event": event, "existing": existing},
                status=200,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            reg = outcome.registration
            return redirect(
                reverse(
                    "events:registration_manage", kwargs={"zone": current.slug, "token": mail.link_token(reg)}
                )
                + "?nieuw=1"
            )
    # shown again with the errors: the whole event, as it is now
    return _render_event(request, selectors.event_public_get(current, pk), form, status=400)


def _resend_kind(reg: Any) -> str:
    return "waitlisted" if reg.status == RegistrationStatus.WAITLISTED else "confirmed"


def _from_link(request: HttpRequest, token: str) -> Any:
    try:
        return mail.registration_from_link(_zone(request), token)
    except mail.LinkInvalid:
        return None


def _link_refused(request: HttpRequest) -> HttpResponse:
    return render(request, "events/link_refused.html", status=404)


def registration_manage(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    """The personal link: status, the waiting-list place, and cancel (POST)."""
    reg = _from_link(request, token)
    if reg is None:
        return _link_refused(request)
    current = _zone(request)
    if request.method == "POST":
        if ratelimit.hit(
            scope="event-cancel", client=ratelimit.client_key(request), limit=60, window_seconds=3600
        ):
            return render(request, "core/rate_limited.html", status=429)
        try:
            services.registration_cancel(zone=current, registration=reg)
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("Je inschrijving is geannuleerd. Je krijgt een bevestiging per mail.")
            )
        return redirect(reverse("events:registration_manage", kwargs={"zone": current.slug, "token": token}))
    position = None
    if reg.status == RegistrationStatus.WAITLISTED:
        ids = list(selectors.waiting_list(current, reg.event).values_list("pk", flat=True))
        position = ids.index(reg.pk) + 1 if reg.pk in ids else None
    return render(
        request,
        "events/registration_manage.html",
        {
            "reg": reg,
            "event": reg.event,
            "position": position,
            "new": request.GET.get("nieuw") == "1",
            "online_url": reg.event.online_url
            if reg.event.is_online
            and reg.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
            else "",
        },
    )


def evaluation(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    reg = _from_link(request, token)
    if reg is None:
        return _link_refused(request)
    current = _zone(request)
    event = reg.event
    questions = list(event.evaluation_questions.all())
    form = EvaluationForm(request.POST or None, questions=questions)
    closed = not services.evaluation_open(event)
    done = reg.evaluated_at is not None
    if request.method == "POST" and not closed and not done and form.is_valid():
        try:
            services.evaluation_submit(zone=current, registration=reg, answers=form.answers())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Bedankt voor je evaluatie!"))
            return redirect(reverse("events:evaluation", kwargs={"zone": current.slug, "token": token}))
    allowed = reg.status == RegistrationStatus.ATTENDED
    return render(
        request,
        "events/evaluation.html",
        {"event": event, "form": form, "closed": closed, "done": done, "allowed": allowed},
    )


# --- feeds and programme -------------------------------------------------------------------------


def _etag_response(request: HttpRequest, body: bytes, content_type: str, filename: str) -> HttpResponse:
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if request.META.get("HTTP_IF_NONE_MATCH") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=900"
    return response


@_cached(AGENDA_PARAMS)
def agenda_ics(request: HttpRequest, zone: str) -> HttpResponse:
    """The zone's agenda as a feed, with the same filters as the page (a year back, two ahead)."""
    current = _zone(request)
    _form, filters, _month = _filters(request, current)
    today = timezone.localdate()
    events = selectors.agenda_events(
        current, filters, today - dt.timedelta(days=365), today + dt.timedelta(days=730)
    )
    name = _("Activiteiten %(zone)s") % {"zone": current.name}
    return _etag_response(
        request, ics.feed_bytes(events, name, current.slug), FEED_TYPE, f"activiteiten-{current.slug}.ics"
    )


@_cached(())
def event_ics(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    event = selectors.event_public_get(current, pk)
    return _etag_response(
        request, ics.feed_bytes([event], event.title, current.slug), FEED_TYPE, "activiteit.ics"
    )


@_cached((*AGENDA_PARAMS, "periode"))
def agenda_pdf(request: HttpRequest, zone: str) -> HttpResponse:
    """The zone's brochure: a month (?maand=2026-03) or half a year (&periode=half) of activities."""
    from ..exporters import programme_pdf

    current = _zone(request)
    _form, filters, month = _filters(request, current)
    first = month or timezone.localdate().replace(day=1)
    months = 6 if request.GET.get("periode") == "half" else 1
    last = _add_months(first, months) - dt.timedelta(days=1)
    events = list(selectors.agenda_events(current, filters, first, last))
    title = _("Activiteiten %(from)s – %(to)s") % {
        "from": long_date(first, weekday=False),
        "to": long_date(last, weekday=False),
    }
    body = programme_pdf(current, events, title)
    return _etag_response(request, body, "application/pdf", f"programma-{current.slug}-{first:%Y-%m}.pdf")
