"""Planning services: proposals from a body's rule, confirming them, creating and editing one meeting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zorgraad.core.models import AuditEntry
from zorgraad.meetings import holidays
from zorgraad.meetings.models import Meeting, MeetingStatus, MeetingStatusChange
from zorgraad.meetings.services import schedule as svc
from zorgraad.network.services import ServiceError

from . import test_schedule_support as make

D = dt.date
pytestmark = pytest.mark.django_db


def _count(zone: Any) -> int:
    return Meeting.objects.for_zone(zone).count()


def _proposal(day: dt.date, start: dt.time = make.T1330, end: dt.time = make.T1600, venue: Any = None) -> Any:
    return svc.Proposal(date=day, start=start, end=end, venue_organisation=venue, reason="")


# --- proposals --------------------------------------------------------------------------------------


def test_three_meetings_in_q1_q2_q4_on_thursdays_around_the_middle_month(zone: Any) -> None:
    body = make.body(zone)
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    # Q1: 12/02 (19/02 is in the spring break); Q2: 14/05 is Ascension, so 21/05; Q4: 12/11 after the autumn break.
    assert [p.date for p in proposals] == [D(2026, 2, 12), D(2026, 5, 21), D(2026, 11, 12)]
    assert [p.label for p in proposals] == ["Q1", "Q2", "Q4"]
    assert all(p.start == dt.time(13, 30) and p.end == dt.time(16, 0) for p in proposals)
    assert "14/05 O.L.H. Hemelvaart" in proposals[1].reason
    assert proposals[1].reason.startswith("Donderdag het dichtst bij half mei")


def test_q3_moves_out_of_the_summer_break(zone: Any) -> None:
    body = make.body(zone, rule_quarters="3", meetings_per_year=1)
    [p] = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert p.date == D(2026, 9, 3)  # the first Thursday after the summer break
    assert p.date.weekday() == 3


def test_preferred_weekday_of_the_body(zone: Any) -> None:
    body = make.body(zone, default_weekday=1)  # Tuesday
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert len(proposals) == 3
    assert {p.date.weekday() for p in proposals} == {1}


def test_spread_evenly_when_only_a_number_per_year_is_set(zone: Any) -> None:
    body = make.body(zone, rule_quarters="", meetings_per_year=4)
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert len(proposals) == 4
    assert [p.label for p in proposals] == ["1/4", "2/4", "3/4", "4/4"]
    # one per quarter of the year, never on a day off
    assert [(p.date.month - 1) // 3 for p in proposals] == [0, 1, 2, 3]


def test_no_rule_no_proposals(zone: Any) -> None:
    body = make.body(zone, rule_quarters="", meetings_per_year=0)
    assert svc.meeting_dates_propose(zone=zone, body=body, year=2026) == []


@pytest.mark.parametrize("year", range(2024, 2036))
def test_monthly_never_on_a_day_off_and_never_twice_on_a_day(zone: Any, year: int) -> None:
    body = make.body(zone, rule_quarters="", meetings_per_year=12, default_weekday=0)
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=year)
    days = [p.date for p in proposals]
    assert len(days) == 12
    assert len(set(days)) == 12
    assert all(d.year == year for d in days)
    assert all(d.weekday() < 5 and holidays.public_holiday(d) is None for d in days)
    # July and August lie wholly in the summer break: those two keep a (summer) day and say why
    for p in proposals:
        if p.date.month in (7, 8):
            assert "valt in de zomervakantie" in p.reason
        else:
            assert holidays.day_off(p.date) is None, (p.date, holidays.day_off(p.date))


def test_not_on_a_day_the_body_already_meets(zone: Any) -> None:
    body = make.body(zone)
    make.meeting(body, D(2026, 2, 12))
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert proposals[0].date != D(2026, 2, 12)
    assert proposals[0].already_planned == [D(2026, 2, 12)]
    assert proposals[1].already_planned == []


def test_a_cancelled_meeting_does_not_block_its_day(zone: Any) -> None:
    body = make.body(zone)
    make.meeting(body, D(2026, 2, 12), status=MeetingStatus.CANCELLED)
    assert svc.meeting_dates_propose(zone=zone, body=body, year=2026)[0].date == D(2026, 2, 12)


def test_venues_rotate_after_the_last_host(zone: Any) -> None:
    body = make.body(zone)
    a = make.org(zone, "A Dienstencentrum")
    b = make.org(zone, "B Woonzorgcentrum")
    c = make.org(zone, "C Welzijnshuis")
    no_address = make.org(zone, "AA Zonder adres", street="", city="")
    archived = make.org(zone, "AB Gearchiveerd", is_archived=True)
    for o in (a, b, b, c, no_address, archived):  # b twice: two members of one organisation
        make.member(body, make.person(zone), o)
    make.member(body, make.person(zone))  # a member without organisation
    make.member(body, make.person(zone), make.org(zone, "AC Oud lid"), end=D(2020, 1, 1))
    make.meeting(body, D(2025, 11, 13), venue=b)
    make.meeting(body, D(2025, 12, 4), venue=a, status=MeetingStatus.CANCELLED)  # cancelled: not counted
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert [p.venue_organisation for p in proposals] == [c, a, b]


def test_rotation_starts_at_the_first_without_history(zone: Any) -> None:
    body = make.body(zone)
    a, b = make.org(zone, "Alfa"), make.org(zone, "Beta")
    make.member(body, make.person(zone), b)
    make.member(body, make.person(zone), a)
    assert [p.venue_organisation for p in svc.meeting_dates_propose(zone=zone, body=body, year=2026)] == [
        a,
        b,
        a,
    ]


def test_a_busy_venue_moves_the_date(zone: Any) -> None:
    body = make.body(zone)
    host = make.org(zone, "Huis van het Kind")
    make.member(body, make.person(zone), host)
    other = make.body(zone, name="Werkgroep armoede", rule_quarters="")
    make.meeting(other, D(2026, 2, 12), start=dt.time(14, 0), end=dt.time(15, 0), venue=host)
    first = svc.meeting_dates_propose(zone=zone, body=body, year=2026)[0]
    assert first.date == D(2026, 2, 5)
    assert "Huis van het Kind is dan bezet (Werkgroep armoede)" in first.reason


def test_proposals_refuse_another_zones_body(zone: Any, other_zone: Any) -> None:
    body = make.body(other_zone)
    with pytest.raises(ServiceError):
        svc.meeting_dates_propose(zone=zone, body=body, year=2026)


# --- confirming proposals ---------------------------------------------------------------------------


def test_schedule_creates_planned_meetings_with_audit(zone: Any, users: Any) -> None:
    body = make.body(zone)
    host = make.org(zone)
    make.member(body, make.person(zone), host)
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    made = svc.meetings_schedule(zone=zone, actor=users["staff"], body=body, proposals=proposals)
    assert [m.date for m in made] == [D(2026, 2, 12), D(2026, 5, 21), D(2026, 11, 12)]
    stored = list(Meeting.objects.for_zone(zone).filter(body=body).order_by("date"))
    assert [m.status for m in stored] == [MeetingStatus.PLANNED] * 3
    assert {m.venue_organisation_id for m in stored} == {host.pk}
    assert AuditEntry.objects.for_zone(zone).filter(model="meeting", action="created").count() == 3


def test_schedule_is_all_or_nothing_with_errors_per_row(zone: Any, users: Any) -> None:
    body = make.body(zone)
    good = _proposal(D(2026, 2, 12))
    bad = _proposal(D(2026, 5, 21), start=dt.time(16, 0), end=dt.time(13, 30))
    with pytest.raises(ServiceError) as exc:
        svc.meetings_schedule(zone=zone, actor=users["staff"], body=body, proposals=[good, bad])
    assert exc.value.message_dict == {"1": ["Het einduur moet na het beginuur liggen."]}
    assert _count(zone) == 0


def test_schedule_refuses_a_venue_taken_by_another_body(zone: Any, users: Any) -> None:
    body = make.body(zone)
    host = make.org(zone, "Lokaal dienstencentrum De Linde")
    other = make.body(zone, name="Werkgroep armoede")
    make.meeting(other, D(2026, 2, 12), start=dt.time(15, 0), end=dt.time(17, 0), venue=host)
    with pytest.raises(ServiceError) as exc:
        svc.meetings_schedule(
            zone=zone, actor=users["staff"], body=body, proposals=[_proposal(D(2026, 2, 12), venue=host)]
        )
    [message] = exc.value.message_dict["0"]
    assert message.startswith(
        "Op donderdag 12 februari 2026 is er bij Lokaal dienstencentrum De Linde al een vergadering: "
        "Werkgroep armoede (15:00–17:00)."
    )
    assert _count(zone) == 1


def test_schedule_refuses_the_same_day_twice_in_one_batch(zone: Any, users: Any) -> None:
    body = make.body(zone)
    with pytest.raises(ServiceError) as exc:
        svc.meetings_schedule(
            zone=zone,
            actor=users["staff"],
            body=body,
            proposals=[_proposal(D(2026, 2, 12)), _proposal(D(2026, 2, 12))],
        )
    assert exc.value.message_dict == {"1": ["Deze datum staat ook op rij 1: plan één vergadering per dag."]}
    assert _count(zone) == 0


def test_schedule_refuses_an_empty_selection_and_an_archived_body(zone: Any, users: Any) -> None:
    body = make.body(zone)
    with pytest.raises(ServiceError, match="Vink minstens één datum aan"):
        svc.meetings_schedule(zone=zone, actor=users["staff"], body=body, proposals=[])
    body.is_archived = True
    body.save()
    with pytest.raises(ServiceError, match="is gearchiveerd: er kunnen geen vergaderingen meer bij"):
        svc.meetings_schedule(
            zone=zone, actor=users["staff"], body=body, proposals=[_proposal(D(2026, 2, 12))]
        )
    assert _count(zone) == 0


# --- one meeting ------------------------------------------------------------------------------------


def _data(**extra: Any) -> dict[str, Any]:
    return {
        "title": "",
        "date": D(2026, 3, 12),
        "start_time": make.T1330,
        "end_time": make.T1600,
        "venue_organisation": None,
        "venue": "",
        "online_url": "",
        **extra,
    }


def test_create_one_meeting(zone: Any, users: Any) -> None:
    body = make.body(zone)
    m = svc.meeting_create(
        zone=zone, actor=users["staff"], body=body, data=_data(online_url="https://meet.example.be/x")
    )
    assert m.status == MeetingStatus.PLANNED
    assert m.sequence == 0
    assert m.location == "online"


def test_create_end_before_start(zone: Any, users: Any) -> None:
    body = make.body(zone)
    with pytest.raises(ServiceError) as exc:
        svc.meeting_create(
            zone=zone,
            actor=users["staff"],
            body=body,
            data=_data(start_time=dt.time(16, 0), end_time=dt.time(9, 0)),
        )
    assert exc.value.message_dict == {"end_time": ["Het einduur moet na het beginuur liggen."]}
    assert _count(zone) == 0


def test_create_on_a_day_the_venue_is_taken(zone: Any, users: Any) -> None:
    body = make.body(zone)
    host = make.org(zone, "Woonzorgcentrum Ter Linde")
    other = make.body(zone, name="Stuurgroep ouderen")
    make.meeting(other, D(2026, 3, 12), start=dt.time(9, 0), end=dt.time(14, 0), venue=host)
    with pytest.raises(ServiceError) as exc:
        svc.meeting_create(zone=zone, actor=users["staff"], body=body, data=_data(venue_organisation=host))
    [message] = exc.value.message_dict["venue_organisation"]
    assert "Woonzorgcentrum Ter Linde al een vergadering: Stuurgroep ouderen (09:00–14:00)" in message
    assert _count(zone) == 1
    # after the other meeting the venue is free; a cancelled meeting does not block it either
    later = svc.meeting_create(
        zone=zone,
        actor=users["staff"],
        body=body,
        data=_data(venue_organisation=host, start_time=dt.time(14, 0)),
    )
    assert later.pk


def test_create_in_another_zone_or_an_archived_body(zone: Any, other_zone: Any, users: Any) -> None:
    foreign = make.body(other_zone)
    with pytest.raises(ServiceError, match="hoort niet bij deze eerstelijnszone"):
        svc.meeting_create(zone=zone, actor=users["staff"], body=foreign, data=_data())
    archived = make.body(zone, is_archived=True)
    with pytest.raises(ServiceError, match="gearchiveerd"):
        svc.meeting_create(zone=zone, actor=users["staff"], body=archived, data=_data())
    foreign_venue = make.org(other_zone)
    with pytest.raises(ServiceError, match="organisatie van deze eerstelijnszone"):
        svc.meeting_create(
            zone=zone,
            actor=users["staff"],
            body=make.body(zone),
            data=_data(venue_organisation=foreign_venue),
        )
    assert _count(zone) == 0
    assert _count(other_zone) == 0


def test_update_raises_the_sequence_only_when_time_or_place_change(zone: Any, users: Any) -> None:
    body = make.body(zone)
    m = make.meeting(body, D(2026, 3, 12))
    m = svc.meeting_update(zone=zone, actor=users["staff"], meeting=m, data={"title": "Thema armoede"})
    assert m.sequence == 0
    m = svc.meeting_update(zone=zone, actor=users["staff"], meeting=m, data={"date": D(2026, 3, 19)})
    assert m.sequence == 1
    m = svc.meeting_update(zone=zone, actor=users["staff"], meeting=m, data={"venue": "Zaal De Kouter, Asse"})
    assert m.sequence == 2
    m.refresh_from_db()
    assert (m.title, m.date, m.sequence) == ("Thema armoede", D(2026, 3, 19), 2)
    # the same hours again do not clash with the meeting itself
    m = svc.meeting_update(
        zone=zone,
        actor=users["staff"],
        meeting=m,
        data=_data(date=D(2026, 3, 19), venue="Zaal De Kouter, Asse", title="Thema armoede"),
    )
    assert m.sequence == 2


def test_update_unhappy_paths_leave_the_meeting_unchanged(zone: Any, users: Any) -> None:
    body = make.body(zone)
    host = make.org(zone, "CAW Testhuis")
    m = make.meeting(body, D(2026, 3, 12))
    make.meeting(make.body(zone, name="Forum"), D(2026, 3, 19), venue=host)
    with pytest.raises(ServiceError, match="Het einduur moet na het beginuur liggen."):
        svc.meeting_update(zone=zone, actor=users["staff"], meeting=m, data={"end_time": dt.time(12, 0)})
    with pytest.raises(ServiceError, match="CAW Testhuis al een vergadering: Forum"):
        svc.meeting_update(
            zone=zone,
            actor=users["staff"],
            meeting=m,
            data={"date": D(2026, 3, 19), "venue_organisation": host},
        )
    published = make.meeting(body, D(2025, 3, 13), status=MeetingStatus.PUBLISHED)
    with pytest.raises(ServiceError, match="al goedgekeurd: datum, uren en locatie liggen vast"):
        svc.meeting_update(zone=zone, actor=users["staff"], meeting=published, data={"date": D(2025, 3, 20)})
    m.refresh_from_db()
    published.refresh_from_db()
    assert (m.date, m.end_time, m.venue_organisation_id, m.sequence) == (D(2026, 3, 12), make.T1600, None, 0)
    assert published.date == D(2025, 3, 13)


# --- status from the meeting page -------------------------------------------------------------------


def test_status_held_only_after_the_day(zone: Any, users: Any) -> None:
    body = make.body(zone)
    future = make.meeting(body, dt.date.today() + dt.timedelta(days=10))
    with pytest.raises(ServiceError, match="nog niet gehouden"):
        svc.meeting_status_set(zone=zone, actor=users["staff"], meeting=future, to=MeetingStatus.HELD)
    future.refresh_from_db()
    assert future.status == MeetingStatus.PLANNED
    past = make.meeting(body, dt.date.today() - dt.timedelta(days=1))
    moved = svc.meeting_status_set(zone=zone, actor=users["staff"], meeting=past, to=MeetingStatus.HELD)
    assert moved.status == MeetingStatus.HELD
    assert MeetingStatusChange.objects.for_zone(zone).filter(meeting=past, to_status="held").count() == 1


def test_cancel_raises_the_sequence_and_replanning_checks_the_venue(zone: Any, users: Any) -> None:
    body = make.body(zone)
    host = make.org(zone)
    m = make.meeting(body, D(2026, 12, 3), venue=host)
    cancelled = svc.meeting_status_set(zone=zone, actor=users["staff"], meeting=m, to=MeetingStatus.CANCELLED)
    assert (cancelled.status, cancelled.sequence) == (MeetingStatus.CANCELLED, 1)
    make.meeting(make.body(zone, name="Kerngroep"), D(2026, 12, 3), venue=host)
    with pytest.raises(ServiceError, match="al een vergadering: Kerngroep"):
        svc.meeting_status_set(zone=zone, actor=users["staff"], meeting=cancelled, to=MeetingStatus.PLANNED)
    cancelled.refresh_from_db()
    assert (cancelled.status, cancelled.sequence) == (MeetingStatus.CANCELLED, 1)


@pytest.mark.parametrize(
    ("to", "message"),
    [
        (MeetingStatus.INVITED, "door de uitnodiging te versturen"),
        (MeetingStatus.PUBLISHED, "vanuit het verslag"),
        ("nonsense", "Onbekende status"),
    ],
)
def test_status_steps_that_belong_elsewhere(zone: Any, users: Any, to: str, message: str) -> None:
    m = make.meeting(make.body(zone), D(2026, 12, 3))
    with pytest.raises(ServiceError, match=message):
        svc.meeting_status_set(zone=zone, actor=users["staff"], meeting=m, to=to)
    m.refresh_from_db()
    assert m.status == MeetingStatus.PLANNED
    assert not MeetingStatusChange.objects.for_zone(zone).exists()


def test_refused_transition_has_a_dutch_message(zone: Any, users: Any) -> None:
    m = make.meeting(make.body(zone), D(2025, 12, 3), status=MeetingStatus.PUBLISHED)
    with pytest.raises(
        ServiceError, match="Een vergadering met status ‘gepubliceerd’ kan niet naar ‘gehouden’."
    ):
        svc.meeting_status_set(zone=zone, actor=users["staff"], meeting=m, to=MeetingStatus.HELD)
