"""Reads for bodies: the overview, sector coverage, the member's own bodies, the dashboard selector."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from zorgraad.governance import selectors
from zorgraad.meetings.models import MeetingStatus
from zorgraad.zones.models import Sector

from . import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def test_overview_counts_running_members_and_finds_the_next_meeting(zone: Any) -> None:
    body = f.body(zone)
    f.membership(body, f.person(zone), start=TODAY - 10 * DAY)
    f.membership(body, f.person(zone), end=TODAY - DAY)  # ended
    f.membership(body, f.person(zone), start=TODAY + 10 * DAY)  # not yet
    someone = f.person(zone)
    f.membership(body, someone, role="voorzitter")
    f.membership(body, someone, role="lid")  # one person, two roles: counted once
    f.meeting(body, TODAY - 5 * DAY, status=MeetingStatus.HELD)
    f.meeting(body, TODAY + 2 * DAY, status=MeetingStatus.CANCELLED)
    f.meeting(body, TODAY + 40 * DAY)
    f.meeting(body, TODAY + 9 * DAY)
    empty = f.body(zone)
    rows = {b.pk: b for b in selectors.body_overview(zone=zone)}
    assert rows[body.pk].member_count == 2
    assert rows[body.pk].next_meeting_date == TODAY + 9 * DAY
    assert rows[empty.pk].member_count is None
    assert rows[empty.pk].next_meeting_date is None


def test_overview_filters_and_limits_to_ids(zone: Any, other_zone: Any) -> None:
    a = f.body(zone, name="Clusteroverleg welzijn", kind="clusteroverleg")
    b = f.body(zone, name="Werkgroep dementie")
    f.body(other_zone, name="Werkgroep dementie Zennevallei")
    assert [x.pk for x in selectors.body_overview(zone=zone)] == [a.pk, b.pk]
    assert [x.pk for x in selectors.body_overview(zone=zone, ids=[b.pk])] == [b.pk]
    assert [x.pk for x in selectors.body_overview(zone=zone, ids=[])] == []
    found = selectors.body_overview(zone=zone, filters=selectors.BodyFilters(q="dementie"))
    assert [x.pk for x in found] == [b.pk]
    found = selectors.body_overview(zone=zone, filters=selectors.BodyFilters(kind="clusteroverleg"))
    assert [x.pk for x in found] == [a.pk]


def test_sector_coverage_uses_the_chosen_sector_else_the_organisation(zone: Any) -> None:
    caw, gp, ocmw = (Sector.objects.get(code=c) for c in ("caw", "huisartsen", "ocmw"))
    body = f.body(zone)
    body.required_sectors.set([caw, gp, ocmw])
    explicit = f.membership(body, f.person(zone), represents_sector=gp)
    via_org = f.membership(body, f.person(zone), organisation=f.organisation(zone, sector="caw"))
    # An explicit choice wins over the organisation's sector.
    f.membership(body, f.person(zone), organisation=f.organisation(zone, sector="ocmw"), represents_sector=gp)
    members = list(selectors.current_memberships(zone=zone, body=body))
    rows = {r.sector.code: r for r in selectors.sector_coverage(body=body, memberships=members)}
    assert [m.pk for m in rows["caw"].members] == [via_org.pk]
    assert explicit.pk in [m.pk for m in rows["huisartsen"].members]
    assert not rows["ocmw"].covered


def test_bodies_needing_attention(zone: Any, other_zone: Any, django_assert_max_num_queries: Any) -> None:
    caw, gp = Sector.objects.get(code="caw"), Sector.objects.get(code="huisartsen")
    fine = f.body(zone, name="A overleg in orde")
    fine.required_sectors.set([caw])
    f.membership(fine, f.person(zone), represents_sector=caw)
    lacking = f.body(zone, name="B overleg zonder huisarts")
    lacking.required_sectors.set([caw, gp])
    f.membership(lacking, f.person(zone), organisation=f.organisation(zone, sector="caw"))
    f.membership(lacking, f.person(zone), represents_sector=gp, end=TODAY - DAY)  # ended: does not count
    no_rules = f.body(zone, name="C zonder verplichte sectoren")
    f.membership(no_rules, f.person(zone))
    elsewhere = f.body(other_zone)
    elsewhere.required_sectors.set([gp])
    with django_assert_max_num_queries(3):
        result = selectors.bodies_needing_attention(zone)
    assert [(r.body.pk, [s.code for s in r.missing_sectors]) for r in result] == [
        (lacking.pk, ["huisartsen"])
    ]


def test_my_bodies_lists_running_memberships_with_meetings(zone: Any, users: Any) -> None:
    me = f.person(zone, user=users["member"])
    mine = f.body(zone, name="Werkgroep zorgzame buurten", is_open=False)
    f.membership(mine, me, role="lid")
    f.membership(mine, me, role="plaatsvervanger")
    gone = f.body(zone, name="Oude werkgroep")
    f.membership(gone, me, end=TODAY - DAY)
    f.membership(f.body(zone), f.person(zone))  # someone else's body
    upcoming = f.meeting(mine, TODAY + 7 * DAY)
    f.meeting(mine, TODAY + 3 * DAY, status=MeetingStatus.CANCELLED)
    approved = f.meeting(mine, TODAY - 60 * DAY, status=MeetingStatus.MINUTES_APPROVED)
    f.meeting(mine, TODAY - 20 * DAY, status=MeetingStatus.HELD)  # minutes not approved yet
    rows = selectors.my_bodies(zone=zone, user=users["member"])
    assert len(rows) == 1
    row = rows[0]
    assert row.body.pk == mine.pk
    assert row.roles == ["lid", "plaatsvervanger"]
    assert [m.pk for m in row.upcoming] == [upcoming.pk]
    assert [m.pk for m in row.past] == [approved.pk]
    assert selectors.my_bodies(zone=zone, user=users["staff"]) == []
