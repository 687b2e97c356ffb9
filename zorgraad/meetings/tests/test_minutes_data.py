"""Test data for the minutes, publication and public-page tests, built with the ORM (invented people)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zorgraad.governance.models import Body, BodyKind, Membership, MembershipRole
from zorgraad.meetings.models import AgendaItem, Meeting, MeetingStatus
from zorgraad.network.models import Affiliation, Organisation, Person
from zorgraad.zones.models import Sector


def sector(code: str) -> Sector:
    return Sector.objects.get(code=code)


def make_body(
    zone: Any,
    *,
    name: str = "Clusteroverleg welzijn",
    slug: str = "clusteroverleg-welzijn",
    is_open: bool = True,
    sectors: tuple[str, ...] = (),
    description: str = "Alle welzijnspartners van de zone zijn welkom.",
) -> Body:
    body = Body.objects.create(
        zone=zone,
        name=name,
        slug=slug,
        kind=BodyKind.CLUSTER if is_open else BodyKind.BOARD,
        is_open=is_open,
        description=description,
        meeting_rule="3 keer per jaar, in Q1, Q2 en Q4",
        meetings_per_year=3,
        rule_quarters="1,2,4",
    )
    if sectors:
        body.required_sectors.set([sector(code) for code in sectors])
    return body


def make_org(zone: Any, name: str, sector_code: str | None = None) -> Organisation:
    return Organisation.objects.create(
        zone=zone, name=name, sector=sector(sector_code) if sector_code else None, search_text=name.lower()
    )


def make_person(zone: Any, first: str, last: str, email: str = "", user: Any = None) -> Person:
    return Person.objects.create(zone=zone, first_name=first, last_name=last, email=email, user=user)


def make_member(
    zone: Any,
    body: Body,
    person: Person,
    *,
    organisation: Organisation | None = None,
    role: str = MembershipRole.MEMBER,
    represents: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Membership:
    return Membership.objects.create(
        zone=zone,
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        represents_sector=sector(represents) if represents else None,
        start=start,
        end=end,
    )


def make_affiliation(
    zone: Any, person: Person, organisation: Organisation, end: dt.date | None = None
) -> Affiliation:
    return Affiliation.objects.create(zone=zone, person=person, organisation=organisation, end=end)


def make_meeting(
    zone: Any,
    body: Body,
    day: dt.date,
    *,
    status: str = MeetingStatus.HELD,
    start: dt.time = dt.time(13, 30),
    end: dt.time = dt.time(16, 0),
    venue: str = "",
    venue_organisation: Organisation | None = None,
    title: str = "",
    intro: str = "",
    search_text: str = "",
) -> Meeting:
    return Meeting.objects.create(
        zone=zone,
        body=body,
        date=day,
        start_time=start,
        end_time=end,
        status=status,
        venue=venue,
        venue_organisation=venue_organisation,
        title=title,
        intro=intro,
        search_text=search_text,
    )


def make_item(zone: Any, meeting: Meeting, order: int, title: str, minutes: str = "") -> AgendaItem:
    return AgendaItem.objects.create(zone=zone, meeting=meeting, order=order, title=title, minutes=minutes)


def make_secretary(zone: Any, body: Body, user: Any) -> Person:
    """Make `user` (a zone user with the secretary role) the secretary of `body`."""
    person = make_person(zone, "Sofie", "Schrijvers", "sofie.schrijvers@example.be", user=user)
    make_member(zone, body, person, role=MembershipRole.SECRETARY)
    return person
