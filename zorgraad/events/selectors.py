"""Reads for the events app. Other apps (newsletter, planning) read events only through here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    PUBLIC_STATUSES,
    Audience,
    Event,
    EventStatus,
    Question,
    Registration,
    RegistrationStatus,
    registration_state,
)


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def upcoming_public_events(zone: Any, start: dt.date, end: dt.date) -> QuerySet[Event]:
    """The zone's public events (published or save the date, not cancelled) starting on `start` … `end` (inclusive).

    For the newsletter's "upcoming events" block. Ordered by start; venue and organiser joined.
    """
    return (
        Event.objects.for_zone(zone)
        .filter(
            status__in=(EventStatus.PUBLISHED, EventStatus.SAVE_THE_DATE),
            starts_at__gte=_day_start(start),
            starts_at__lt=_day_start(end + dt.timedelta(days=1)),
        )
        .select_related("venue_organisation", "organiser", "municipality")
        .order_by("starts_at", "pk")
    )


# --- the public agenda ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaFilters:
    audience: str = ""
    kind: str = ""
    theme: str = ""  # slug
    target_group: str = ""  # slug
    municipality: str = ""  # NIS code

    @property
    def active(self) -> bool:
        return any((self.audience, self.kind, self.theme, self.target_group, self.municipality))


def agenda_events(zone: Any, filters: AgendaFilters, start: dt.date, end: dt.date) -> QuerySet[Event]:
    """Public events (published, save the date, or cancelled so people see it) that overlap `start`
    to `end` inclusive, filtered. Fixed number of queries: joins and two prefetches."""
    qs = Event.objects.for_zone(zone).filter(
        status__in=PUBLIC_STATUSES,
        # every event that overlaps the period: one still running at its start (begun yesterday
        # evening, a two-day training) is shown too
        ends_at__gt=_day_start(start),
        starts_at__lt=_day_start(end + dt.timedelta(days=1)),
    )
    if filters.audience:
        if filters.audience == Audience.BOTH:
            qs = qs.filter(audience=Audience.BOTH)
        else:
            qs = qs.filter(audience__in=(filters.audience, Audience.BOTH))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.theme:
        qs = qs.filter(themes__slug=filters.theme)
    if filters.target_group:
        qs = qs.filter(target_groups__slug=filters.target_group)
    if filters.municipality:
        qs = qs.filter(municipality__nis_code=filters.municipality)
    return (
        qs.distinct()
        .select_related("venue_organisation", "organiser", "municipality", "series")
        .prefetch_related("themes", "target_groups")
        .order_by("starts_at", "pk")
    )


def event_public_get(zone: Any, pk: int) -> Event:
    from django.http import Http404

    event = (
        Event.objects.for_zone(zone)
        .filter(pk=pk, status__in=PUBLIC_STATUSES)
        .select_related("venue_organisation", "organiser", "municipality", "series")
        .first()
    )
    if event is None:
        raise Http404(_("Deze activiteit bestaat niet of is niet openbaar."))
    return event


def event_for_registration(zone: Any, pk: int) -> Event:
    """A public event for a registration POST: no joins (the page's venue and organiser are read
    only when the form is shown again with errors)."""
    from django.http import Http404

    event = Event.objects.for_zone(zone).filter(pk=pk, status__in=PUBLIC_STATUSES).first()
    if event is None:
        raise Http404(_("Deze activiteit bestaat niet of is niet openbaar."))
    return event


@dataclass(frozen=True)
class QuestionSpec:
    """An event's own registration question, as the public form needs it (cached with the settings)."""

    pk: int
    text: str
    kind: str
    choices: str
    required: bool

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]


@dataclass(frozen=True)
class RegistrationSettings:
    """What a registration POST needs to know of its event: read once, then kept in the cache under the
    zone's page-cache generations of the events and zone kinds. Every write that changes these fields
    (an event, its questions) raises the events generation, so a changed event is read again at once."""

    pk: int
    zone_id: int
    title: str
    status: str
    registration_required: bool
    registration_opens_at: dt.datetime | None
    registration_closes_at: dt.datetime | None
    starts_at: dt.datetime
    waitlist_enabled: bool
    questions: tuple[QuestionSpec, ...]

    @property
    def question_ids(self) -> frozenset[int]:
        return frozenset(q.pk for q in self.questions)

    def registration_state(self, now: dt.datetime | None = None) -> str:
        return registration_state(self, now)


SETTINGS_TIMEOUT = 3600


def _settings_key(zone: Any, pk: int) -> str:
    from zorgraad.core import pagecache

    from .hooks import PAGE_KIND

    gens = pagecache.generations_of(zone)
    return f"events:reg:{zone.pk}:{pk}:{gens.get(PAGE_KIND, 0)}:{gens.get(pagecache.ZONE, 0)}"


def registration_settings(zone: Any, pk: int) -> RegistrationSettings:
    """The registration settings of a public event of `zone` (Http404 if there is none), from the cache
    when the zone's events have not changed since (0 queries), else read in two queries."""
    from django.core.cache import cache
    from django.http import Http404

    key = _settings_key(zone, pk)
    found = cache.get(key)
    if found is None:
        row = (
            Event.objects.for_zone(zone)
            .filter(pk=pk, status__in=PUBLIC_STATUSES)
            .values_list(
                "title",
                "status",
                "registration_required",
                "registration_opens_at",
                "registration_closes_at",
                "starts_at",
                "waitlist_enabled",
            )
            .first()
        )
        if row is None:
            raise Http404(_("Deze activiteit bestaat niet of is niet openbaar."))
        questions = tuple(
            QuestionSpec(*q)
            for q in Question.objects.for_zone(zone)
            .filter(event_id=pk)
            .order_by("order", "pk")
            .values_list("pk", "text", "kind", "choices", "required")
        )
        found = RegistrationSettings(pk, zone.pk, *row, questions=questions)  # type: ignore[misc]
        cache.set(key, found, SETTINGS_TIMEOUT)
    return found  # type: ignore[no-any-return]


def event_get(zone: Any, pk: int) -> Event:
    from django.http import Http404

    event = (
        Event.objects.for_zone(zone)
        .filter(pk=pk)
        .select_related("venue_organisation", "organiser", "municipality", "series", "proposed_by")
        .first()
    )
    if event is None:
        raise Http404(_("Deze activiteit bestaat niet."))
    return event


# --- staff ----------------------------------------------------------------------------------------


def staff_event_list(zone: Any, *, past: bool = False, status: str = "") -> QuerySet[Event]:
    now = timezone.now()
    qs = Event.objects.for_zone(zone)
    qs = (
        qs.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
        if past
        else qs.filter(ends_at__gte=now).order_by("starts_at", "pk")
    )
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("venue_organisation", "organiser").annotate(**_registration_counts())


def _registration_counts() -> dict[str, Any]:
    return {
        "n_confirmed": Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        "n_waiting": Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
        "n_attended": Count("registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED)),
    }


def proposed_events(zone: Any) -> QuerySet[Event]:
    return Event.objects.for_zone(zone).filter(status=EventStatus.PROPOSED).select_related("organiser")


def upcoming_with_counts(zone: Any, limit: int = 6) -> list[Event]:
    now = timezone.now()
    return list(
        Event.objects.for_zone(zone)
        .filter(ends_at__gte=now)
        .exclude(status__in=(EventStatus.REJECTED, EventStatus.CANCELLED))
        .annotate(**_registration_counts())
        .order_by("starts_at", "pk")[:limit]
    )


def registrations_for(zone: Any, event: Event, q: str = "") -> QuerySet[Registration]:
    qs = Registration.objects.for_zone(zone).filter(event=event).select_related("organisation")
    for word in q.split()[:5]:
        qs = qs.filter(name__icontains=word)
    return qs.order_by("name", "pk")


def waiting_list(zone: Any, event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.for_zone(zone)
        .filter(event=event, status=RegistrationStatus.WAITLISTED)
        .order_by("created_at", "pk")
    )


def events_on_day(zone: Any, day: dt.date, exclude_pk: int | None = None) -> dict[str, list[Event]]:
    """What already happens on `day`: this zone's events (the partners' included) and the shared
    events of the other zones (published, co-organised or neighbouring). For the date picker."""
    start, end = _day_start(day), _day_start(day + dt.timedelta(days=1))
    own = (
        Event.objects.for_zone(zone)
        .filter(starts_at__lt=end, ends_at__gt=start)
        .exclude(status__in=(EventStatus.REJECTED, EventStatus.CANCELLED))
    )
    if exclude_pk:
        own = own.exclude(pk=exclude_pk)
    others = (
        Event.objects.unscoped()
        .filter(
            starts_at__lt=end,
            ends_at__gt=start,
            status__in=(EventStatus.PUBLISHED, EventStatus.SAVE_THE_DATE),
        )
        .exclude(zone=zone)
        .select_related("zone")
        .order_by("starts_at")
    )
    return {
        "own": list(own.select_related("organiser").order_by("starts_at")[:30]),
        "others": list(others[:30]),
    }


# --- evaluation -----------------------------------------------------------------------------------


@dataclass
class QuestionSummary:
    question: Any
    count: int = 0
    average: float | None = None
    distribution: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


def evaluation_summary(zone: Any, event: Event) -> tuple[int, list[QuestionSummary]]:
    """(number of responses, per question: count, average 1-5 and distribution, or choice counts, or texts)."""
    from .models import EvaluationAnswer, EvaluationKind, EvaluationQuestion, EvaluationResponse

    responses = EvaluationResponse.objects.for_zone(zone).filter(event=event).count()
    questions = list(EvaluationQuestion.objects.for_zone(zone).filter(event=event))
    answers = list(
        EvaluationAnswer.objects.for_zone(zone)
        .filter(question__event=event)
        .values_list("question_id", "score", "value")
        .order_by("pk")
    )
    out = []
    for q in questions:
        mine = [(s, v) for qid, s, v in answers if qid == q.pk]
        summary = QuestionSummary(question=q, count=len(mine))
        if q.kind == EvaluationKind.SCALE:
            scores = [s for s, _v in mine if s]
            summary.average = round(sum(scores) / len(scores), 2) if scores else None
            summary.distribution = [(str(n), scores.count(n)) for n in range(1, 6)]
        elif q.kind == EvaluationKind.CHOICE:
            values = [v for _s, v in mine]
            summary.distribution = [(c, values.count(c)) for c in q.choice_list]
        else:
            summary.texts = [v for _s, v in mine if v]
        out.append(summary)
    return responses, out


# --- counts for the action plan -------------------------------------------------------------------


def counts_for(
    zone: Any,
    *,
    start: dt.date,
    end: dt.date,
    object_ids: tuple[int, ...] = (),
    action_id: int | None = None,
    extra: Q | None = None,
) -> list[dict[str, Any]]:
    """Per event starting in the period (the given events; with none given, those linked to the plan
    action; `extra` for a batch): pk, title, starts_at, plan_action_id, registrations (confirmed,
    attended or no-show) and attendees. Cancelled, rejected, proposed and draft events do not count.
    One query."""
    qs = Event.objects.for_zone(zone).filter(
        starts_at__gte=_day_start(start),
        starts_at__lt=_day_start(end + dt.timedelta(days=1)),
        status__in=(EventStatus.PUBLISHED, EventStatus.SAVE_THE_DATE),
    )
    if extra is not None:
        qs = qs.filter(extra)
    elif object_ids:
        qs = qs.filter(pk__in=object_ids)
    elif action_id is not None:
        qs = qs.filter(plan_action_id=action_id)
    else:
        return []
    held = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
    return list(
        qs.annotate(
            registrations_n=Count(
                "registrations", filter=Q(registrations__status__in=held, registrations__walk_in=False)
            ),
            attendees_n=Count("registrations", filter=Q(registrations__status=RegistrationStatus.ATTENDED)),
        )
        .order_by("starts_at", "pk")
        .values("pk", "title", "starts_at", "plan_action_id", "registrations_n", "attendees_n")
    )


def challenge_events(zone: Any, challenge: Any, *, public: bool) -> list[Event]:
    qs = Event.objects.for_zone(zone).filter(challenges=challenge)
    if public:
        qs = qs.filter(status__in=(EventStatus.PUBLISHED, EventStatus.SAVE_THE_DATE))
    else:
        qs = qs.exclude(status=EventStatus.REJECTED)
    return list(qs.order_by("-starts_at", "-pk")[:20])
