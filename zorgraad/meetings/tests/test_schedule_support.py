"""Builders shared by the planning, agenda, invitation and iCal tests (no tests in here).

Every record stays in the zone it is given; all people and addresses are invented.
"""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from zorgraad.governance import subscriptions
from zorgraad.governance.models import Body, BodyKind, FixedAgendaItem, Membership, MembershipRole
from zorgraad.meetings.models import AgendaItem, FollowUp, Meeting, MeetingStatus
from zorgraad.network.models import Organisation, Person

_seq = count(1)

T1330 = dt.time(13, 30)
T1600 = dt.time(16, 0)


def org(
    zone: Any, name: str = "", street: str = "Kerkplein 3", city: str = "Asse", **extra: Any
) -> Organisation:
    n = next(_seq)
    return Organisation.objects.create(
        zone=zone,
        name=name or f"Ontmoetingshuis Testlaan {n}",
        street=street,
        postal_code="1730" if city else "",
        city=city,
        **extra,
    )


def person(zone: Any, first: str = "Wout", last: str = "", email: str | None = None, **extra: Any) -> Person:
    n = next(_seq)
    last = last or f"Claeskens{n}"
    return Person.objects.create(
        zone=zone,
        first_name=first,
        last_name=last,
        email=f"persoon{n}@example.be" if email is None else email,
        **extra,
    )


def body(zone: Any, name: str = "Clusteroverleg welzijn", **extra: Any) -> Body:
    n = next(_seq)
    values: dict[str, Any] = {
        "slug": f"clusteroverleg-welzijn-{n}",
        "kind": BodyKind.CLUSTER,
        "is_open": True,
        "meeting_rule": "3 keer per jaar, in Q1, Q2 en Q4",
        "meetings_per_year": 3,
        "rule_quarters": "1,2,4",
    }
    values.update(extra)
    return Body.objects.create(zone=zone, name=name, **values)


def member(
    body: Body,
    who: Person,
    organisation: Organisation | None = None,
    role: str = MembershipRole.MEMBER,
    **extra: Any,
) -> Membership:
    return Membership.objects.create(
        zone=body.zone, body=body, person=who, organisation=organisation, role=role, **extra
    )


def subscriber(body: Body, email: str, name: str = "") -> subscriptions.BodySubscription:
    """Someone who gets the body's agenda (stored by the newsletter app, through governance's registry)."""
    return subscriptions.store().add(
        zone=body.zone,
        actor=None,
        body=body,
        email=email,
        name=name,
        consent_at=dt.datetime(2026, 1, 5, 10, 0, tzinfo=dt.UTC),
        consent_text="Ik wil de agenda van dit overleg per mail ontvangen.",
        confirmed_at=dt.datetime(2026, 1, 5, 10, 5, tzinfo=dt.UTC),
    )


def meeting(
    body: Body,
    day: dt.date,
    start: dt.time = T1330,
    end: dt.time = T1600,
    venue: Organisation | None = None,
    status: str = MeetingStatus.PLANNED,
    **extra: Any,
) -> Meeting:
    return Meeting.objects.create(
        zone=body.zone,
        body=body,
        date=day,
        start_time=start,
        end_time=end,
        venue_organisation=venue,
        status=status,
        **extra,
    )


def fixed(body: Body, title: str, order: int = 0, at_end: bool = False) -> FixedAgendaItem:
    return FixedAgendaItem.objects.create(zone=body.zone, body=body, title=title, order=order, at_end=at_end)


def item(meeting: Meeting, title: str, order: int, **extra: Any) -> AgendaItem:
    return AgendaItem.objects.create(zone=meeting.zone, meeting=meeting, title=title, order=order, **extra)


def follow_up(meeting: Meeting, text: str, done: bool = False, **extra: Any) -> FollowUp:
    return FollowUp.objects.create(zone=meeting.zone, meeting=meeting, description=text, done=done, **extra)


def orders(meeting: Meeting) -> list[tuple[int, str]]:
    return list(
        AgendaItem.objects.for_zone(meeting.zone)
        .filter(meeting=meeting)
        .order_by("order", "id")
        .values_list("order", "title")
    )


def body_secretary(body: Body, user: Any) -> Membership:
    """Make `user` the secretary of `body` (through an invented person linked to the account)."""
    who = person(body.zone, first="Fien", last="Moortgat", user=user)
    return member(body, who, role=MembershipRole.SECRETARY)
