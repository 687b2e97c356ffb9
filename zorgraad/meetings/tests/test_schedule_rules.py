"""The planner follows the whole rule of a body: N a year, allowed quarters or months, excluded
months, preferred weekday and hours (issue 15, section 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from zorgraad.governance import services as governance_services
from zorgraad.meetings.services import schedule as svc
from zorgraad.network.services import ServiceError

from . import test_schedule_support as make

pytestmark = pytest.mark.django_db


def test_ten_a_year_not_in_july_and_august(zone: Any) -> None:
    body = make.body(
        zone,
        meeting_rule="10 keer per jaar, niet in juli en augustus",
        meetings_per_year=10,
        rule_quarters="",
        rule_excluded_months="7,8",
        default_weekday=1,
        default_start=dt.time(19, 0),
        default_end=dt.time(21, 0),
    )
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert len(proposals) == 10
    assert [p.date.month for p in proposals] == [1, 2, 3, 4, 5, 6, 9, 10, 11, 12]
    assert {p.date.weekday() for p in proposals} == {1}  # Tuesday
    assert all((p.start, p.end) == (dt.time(19, 0), dt.time(21, 0)) for p in proposals)


def test_ten_a_year_with_all_quarters_is_not_four(zone: Any) -> None:
    """The demo board's first rule: 10 a year, quarters 1-4, not in July and August."""
    body = make.body(zone, meetings_per_year=10, rule_quarters="1,2,3,4", rule_excluded_months="7,8")
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2027)
    assert len(proposals) == 10
    assert not {7, 8} & {p.date.month for p in proposals}


def test_only_in_the_allowed_months(zone: Any) -> None:
    body = make.body(zone, meetings_per_year=3, rule_quarters="", rule_months="3,4,5,9,10")
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert len(proposals) == 3
    assert {p.date.month for p in proposals} <= {3, 4, 5, 9, 10}


def test_quarters_without_an_excluded_month(zone: Any) -> None:
    # one per quarter, but Q3 never in July or August: September it is
    body = make.body(zone, meetings_per_year=2, rule_quarters="2,3", rule_excluded_months="7,8")
    proposals = svc.meeting_dates_propose(zone=zone, body=body, year=2026)
    assert [p.label for p in proposals] == ["Q2", "Q3"]
    assert proposals[1].date.month == 9


def test_month_rule_is_checked_in_dutch(zone: Any, users: Any) -> None:
    body = make.body(zone)
    for data, field, message in (
        ({"rule_excluded_months": "7,13"}, "rule_excluded_months", "van 1 tot 12"),
        ({"rule_months": "3,3"}, "rule_months", "maar één keer"),
        ({"rule_months": "7,8", "rule_excluded_months": "7,8"}, "rule_excluded_months", "geen enkele maand"),
    ):
        with pytest.raises(ServiceError) as exc:
            governance_services.body_update(zone=zone, actor=users["staff"], body=body, data=data)
        assert message in " ".join(exc.value.message_dict[field]), data
    body.refresh_from_db()
    assert (body.rule_months, body.rule_excluded_months) == ("", "")
    saved = governance_services.body_update(
        zone=zone, actor=users["staff"], body=body, data={"rule_excluded_months": "8, 7"}
    )
    assert saved.rule_excluded_months == "7,8"
    assert saved.months_description == "niet in juli, augustus"
