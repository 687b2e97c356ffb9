"""Reads for self-service links, the confirmation round, the stale-records report and own profile."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zorgraad.zones.models import Zone

from ..models import Affiliation, ConfirmationRound, Organisation, Person, SelfServiceLink

TOKEN_SALT = "zorgraad.selfservice"
STALE_AFTER = dt.timedelta(days=365)


# --- self-service links -------------------------------------------------------------------------


class LinkRefused(Exception):
    """The link cannot be used; `status` is the HTTP status of the page that explains why."""

    status = 404


class LinkInvalid(LinkRefused):
    status = 404


class LinkExpired(LinkRefused):
    status = 410


class LinkUsed(LinkRefused):
    status = 410


def link_lifetime() -> dt.timedelta:
    return dt.timedelta(days=settings.ZORGRAAD_SELFSERVICE_DAYS)


def selfservice_token(link: SelfServiceLink) -> str:
    """The signed, unguessable part of the link: which link, for which zone, and when it was made."""
    return signing.dumps({"l": link.pk, "z": link.zone_id}, salt=TOKEN_SALT)


def selfservice_link_get(*, zone: Zone, token: str) -> SelfServiceLink:
    """The link behind a token, or LinkInvalid / LinkExpired / LinkUsed."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=link_lifetime())
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not isinstance(payload, dict) or payload.get("z") != zone.pk or not isinstance(payload.get("l"), int):
        raise LinkInvalid
    link = (
        SelfServiceLink.objects.for_zone(zone)
        .select_related("person", "sent_by")
        .filter(pk=payload["l"])
        .first()
    )
    if link is None or link.person.is_archived:
        raise LinkInvalid
    if link.used_at is not None:
        raise LinkUsed
    if link.expires_at <= timezone.now():
        raise LinkExpired
    return link


def person_get(*, zone: Zone, pk: int) -> Person:
    return get_object_or_404(Person.objects.for_zone(zone), pk=pk)


# --- the form: a person and the organisations they currently work for ---------------------------


def current_affiliations(*, zone: Zone, person: Person) -> list[Affiliation]:
    """The person's current functions at organisations that are not archived, organisation loaded."""
    today = timezone.localdate()
    return list(
        Affiliation.objects.for_zone(zone)
        .filter(person=person, organisation__is_archived=False)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("organisation")
        .order_by("organisation__name", "id")
    )


def own_people(*, zone: Zone, user: object) -> list[Person]:
    """The Person records of this zone that are linked to the logged-in user."""
    return list(Person.objects.for_zone(zone).filter(user=user, is_archived=False).order_by("pk"))


def own_person_get(*, zone: Zone, user: object, pk: int | None) -> tuple[Person | None, list[Person]]:
    """The person to edit on 'mijn profiel' (the first one unless `pk` picks another own record)."""
    people = own_people(zone=zone, user=user)
    if pk is None:
        return (people[0] if people else None), people
    for person in people:
        if person.pk == pk:
            return person, people
    raise Http404("Dit profiel hoort niet bij jouw account.")


# --- confirmation round -------------------------------------------------------------------------


def confirmation_candidates(*, zone: Zone) -> QuerySet[Person]:
    """People to mail: active, with a working address, not confirmed in 12 months, no recent link."""
    now = timezone.now()
    recent_link = SelfServiceLink.objects.for_zone(zone).filter(
        person=OuterRef("pk"), created_at__gte=now - link_lifetime()
    )
    return (
        Person.objects.for_zone(zone)
        .filter(is_archived=False, email_bounced=False)
        .exclude(email="")
        .filter(Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=now - STALE_AFTER))
        .filter(~Exists(recent_link))
        .order_by("pk")
    )


def confirmation_rounds(*, zone: Zone, limit: int = 5) -> list[ConfirmationRound]:
    return list(ConfirmationRound.objects.for_zone(zone).select_related("started_by")[:limit])


# --- stale-records report -----------------------------------------------------------------------


@dataclass(frozen=True)
class StaleReport:
    stale_people: QuerySet[Person]
    stale_organisations: QuerySet[Organisation]
    bounced_people: QuerySet[Person]
    unaffiliated_people: QuerySet[Person]


def _stale(now: dt.datetime) -> Q:
    return Q(last_confirmed_at__isnull=True) | Q(last_confirmed_at__lt=now - STALE_AFTER)


def stale_report(*, zone: Zone) -> StaleReport:
    """Four lazy querysets; each page of each one costs a count and one or two queries."""
    now = timezone.now()
    today = timezone.localdate()
    current = (
        Affiliation.objects.for_zone(zone)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("organisation")
        .order_by("organisation__name")
    )
    people = Person.objects.for_zone(zone).filter(is_archived=False)
    with_orgs = people.prefetch_related(Prefetch("affiliations", queryset=current, to_attr="current"))
    has_current = Exists(
        Affiliation.objects.for_zone(zone)
        .filter(person=OuterRef("pk"))
        .filter(Q(end__isnull=True) | Q(end__gte=today))
    )
    return StaleReport(
        stale_people=with_orgs.filter(_stale(now)).order_by(
            F("last_confirmed_at").asc(nulls_first=True), "last_name", "first_name", "pk"
        ),
        stale_organisations=Organisation.objects.for_zone(zone)
        .filter(is_archived=False)
        .filter(_stale(now))
        .order_by(F("last_confirmed_at").asc(nulls_first=True), "name", "pk"),
        bounced_people=with_orgs.filter(email_bounced=True).order_by("last_name", "first_name", "pk"),
        unaffiliated_people=people.filter(~has_current).order_by("last_name", "first_name", "pk"),
    )
