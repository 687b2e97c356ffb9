"""Demo data of bodies and meetings: what load_demo creates, and that running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from zorgraad.governance import demo as governance_demo
from zorgraad.governance.models import Body, FixedAgendaItem, Membership, MembershipRole
from zorgraad.meetings import exporters
from zorgraad.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from zorgraad.network.models import Organisation, Person
from zorgraad.zones.models import Zone

pytestmark = pytest.mark.django_db

SEEDS = Path("/work/shared/seeds")
DEMO_DAY = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def _demo_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo follows the day it is loaded: these tests load it on one fixed day."""
    from zorgraad.meetings import demo as meetings_demo

    monkeypatch.setattr(meetings_demo, "today", lambda: DEMO_DAY)


def counts() -> dict[str, int]:
    found = {}
    for label in ("governance", "meetings", "network", "accounts", "zones"):
        for model in apps.get_app_config(label).get_models():
            manager = model._default_manager
            qs = manager.unscoped() if hasattr(manager, "unscoped") else manager.all()
            found[model._meta.label] = qs.count()
    return found


def load_demo() -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_load_demo_twice_changes_no_counts() -> None:
    load_demo()
    first = counts()
    # board and assembly in 3 zones, the welfare cluster and the cluster of local governments of AMALO,
    # the 5 bodies of the Zennevallei action plan and its working group on signals (the first step of
    # its route of signals), and Waasland's 7 steering groups (challenges demo)
    assert first["governance.Body"] == 21
    # 2024 and 9 October 2025 from the seeds, 17 February and 13 May 2025, 3 agreed for 2026 (held),
    # 3 planned for 2027; and the 11 held 2025 meetings of Zennevallei's bodies that the action
    # plan's indicators count (planning demo); and the working group's and sounding board's meetings
    # of Zennevallei's route of signals, one held and one planned each (signals/demo_route.py)
    assert first["meetings.Meeting"] == 10 + 11 + 4
    load_demo()
    assert counts() == first


def test_welfare_cluster_body_with_rule_members_and_fixed_items() -> None:
    load_demo()
    amalo = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(amalo).get(slug="clusteroverleg-welzijn")
    assert body.name == "Clusteroverleg welzijn"
    assert body.is_open and body.kind == "clusteroverleg" and body.cluster is not None
    assert body.cluster.code == "welzijn"
    assert body.meeting_rule == "3 keer per jaar, in Q1, Q2 en Q4"
    assert body.quarters == [1, 2, 4] and body.meetings_per_year == 3
    assert (body.default_weekday, body.default_start, body.default_end) == (3, dt.time(13, 30), dt.time(16))
    assert {s.code for s in body.required_sectors.all()} >= {
        "caw",
        "ocmw",
        "woonzorgcentrum",
        "huis-van-het-kind",
    }
    fixed = list(FixedAgendaItem.objects.for_zone(amalo).filter(body=body).values_list("title", "at_end"))
    assert fixed == [
        ("Goedkeuring verslag vorige vergadering", False),
        ("Voorstelling van een sector", False),
        ("Signalen", False),
        ("Lopende (innovatieve) projecten delen", False),
        ("Link met het beleidsplan van AMALO", False),
        ("Rondje partners", True),
        ("Varia", True),
    ]
    memberships = Membership.objects.for_zone(amalo).filter(body=body).select_related("person__user")
    assert 12 <= memberships.count() <= 16
    # the demo accounts: secretary and member of this body
    roles = {m.person.user.email: m.role for m in memberships if m.person.user_id}
    assert roles == {
        "secretaris@amalo.zorgraad.test": MembershipRole.SECRETARY,
        "lid@amalo.zorgraad.test": MembershipRole.MEMBER,
    }
    invented = [m.person for m in memberships if not m.person.user_id]
    assert all(p.email.endswith("@example.be") for p in invented)
    assert all(p.affiliations.exists() for p in invented)


def test_every_demo_zone_has_a_closed_board_and_general_assembly() -> None:
    load_demo()
    for zone in Zone.objects.all():
        bodies = {b.slug: b for b in Body.objects.for_zone(zone)}
        for slug in ("bestuursorgaan", "algemene-vergadering"):
            assert not bodies[slug].is_open
            assert bodies[slug].memberships.count() >= 3


def test_the_meetings_of_the_welfare_cluster() -> None:
    load_demo()
    amalo = Zone.objects.get(slug="amalo")
    meetings = list(
        Meeting.objects.for_zone(amalo)
        .filter(body__slug="clusteroverleg-welzijn", date__year__lt=2027)
        .order_by("date")
    )
    next_year = Meeting.objects.for_zone(amalo).filter(body__slug="clusteroverleg-welzijn", date__year=2027)
    # planned from the body's rule: Q1, Q2 and Q4, on Thursdays
    assert sorted((m.date.month - 1) // 3 + 1 for m in next_year) == [1, 2, 4]
    assert all(m.date.weekday() == 3 and m.status == MeetingStatus.PLANNED for m in next_year)
    assert [(m.date, m.start_time, m.end_time, m.status) for m in meetings] == [
        (dt.date(2024, 11, 27), dt.time(15), dt.time(17), MeetingStatus.PUBLISHED),
        (dt.date(2025, 2, 17), dt.time(13, 30), dt.time(16), MeetingStatus.HELD),
        (dt.date(2025, 5, 13), dt.time(13, 30), dt.time(16), MeetingStatus.HELD),
        (dt.date(2025, 10, 9), dt.time(13, 30), dt.time(16), MeetingStatus.HELD),
        (dt.date(2026, 3, 17), dt.time(8, 30), dt.time(10, 30), MeetingStatus.HELD),
        (dt.date(2026, 5, 7), dt.time(13, 30), dt.time(16), MeetingStatus.HELD),
        (dt.date(2026, 10, 19), dt.time(11, 30), dt.time(13, 30), MeetingStatus.HELD),
    ]
    first, february, second = meetings[0], meetings[1], meetings[3]
    assert first.approved_at_meeting == february and first.published_at is not None
    assert "drempelscan" in first.search_text
    assert second.location == "Residentie Ter Linde – Gasthuisstraat 17b – 1785 Merchtem"
    assert "Opwijk" in first.location
    assert (
        meetings[5].venue_organisation is not None and meetings[5].venue_organisation.name == "Klein Veldeken"
    )
    for meeting in (first, second):
        assert meeting.decisions.exists() and meeting.follow_ups.exists() and meeting.partner_round.exists()
        statuses = set(
            Attendance.objects.for_zone(amalo).filter(meeting=meeting).values_list("status", flat=True)
        )
        assert statuses == {AttendanceStatus.PRESENT, AttendanceStatus.EXCUSED}
    titles = list(second.agenda_items.values_list("title", flat=True))
    assert titles[0] == "Goedkeuring verslag vorige vergadering"
    assert "Interfederaal plan: het perinatale screeningstraject" in titles
    for planned in meetings[1:3] + meetings[4:]:
        assert planned.agenda_items.filter(is_fixed=True).count() == 7


def test_demo_minutes_export_and_name_the_next_meetings() -> None:
    load_demo()
    amalo = Zone.objects.get(slug="amalo")
    second = Meeting.objects.for_zone(amalo).get(
        body__slug="clusteroverleg-welzijn", date=dt.date(2025, 10, 9)
    )
    data = exporters.minutes_document(second, internal=True)
    # not approved in the demo: a draft (issue 15, section 3)
    assert data.title == "Ontwerpverslag Clusteroverleg welzijn AMALO"
    assert data.date_line == "Donderdag 9 oktober 2025"
    assert data.next_meetings[0].startswith(
        "Dinsdag 17 maart 2026 – van 8u30 tot 10u30 – Lokaal dienstencentrum Den Hopstaak"
    )
    rondje = next(i for i in data.items if i.title == "Rondje partners")
    assert any(line.startswith("Residentie Vivas – ") for line in rondje.partner_round)
    assert all("@" in line for line in data.contacts)


def test_demo_reuses_organisations_that_already_exist() -> None:
    """Whatever the network demo created under a usual spelling is found again, not duplicated."""
    from zorgraad.zones import demo as zones_demo

    zones = zones_demo.load()
    amalo = zones["amalo"]
    existing = Organisation.objects.create(zone=amalo, name="OPcura")
    governance_demo.load(zones, {})
    assert governance_demo.organisation(amalo, "opcura") == existing
    assert Organisation.objects.for_zone(amalo).filter(name__icontains="opcura").count() == 1
    hopstaak = governance_demo.organisation(amalo, "hopstaak")
    assert hopstaak.parent == existing


def test_demo_without_accounts_still_loads() -> None:
    from zorgraad.meetings import demo as meetings_demo
    from zorgraad.zones import demo as zones_demo

    zones = zones_demo.load()
    governance_demo.load(zones, {})
    meetings = meetings_demo.load(zones)
    assert len(meetings) == 10
    assert not Person.objects.for_zone(zones["amalo"]).filter(user__isnull=False).exists()


@pytest.mark.skipif(not SEEDS.exists(), reason="source documents not on this machine")
def test_demo_people_are_invented() -> None:
    """No person of the demo carries a name or e-mail of the source documents."""
    seeds = " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in SEEDS.glob("00*.txt"))
    seeds = re.sub(r"\s+", " ", seeds).lower()
    for zone_people in governance_demo.PEOPLE.values():
        for spec in zone_people.values():
            assert f"{spec.first} {spec.last}".lower() not in seeds
            assert spec.last.lower() not in seeds, spec.last
            assert spec.email.endswith("@example.be")


def test_demo_loads_inside_a_test_with_the_fixture_users(users: Any) -> None:
    """The loaders accept whatever users exist; conftest users are not demo accounts and are ignored."""
    zones = {z.slug: z for z in Zone.objects.all()}
    governance_demo.load(zones, users)
    body = Body.objects.for_zone(zones["amalo"]).get(slug="clusteroverleg-welzijn")
    assert (
        not Membership.objects.for_zone(zones["amalo"]).filter(body=body, person__user__isnull=False).exists()
    )
