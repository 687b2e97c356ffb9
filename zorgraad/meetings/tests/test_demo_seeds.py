"""The demo as the seeds tell it (issue 15, section 4): the welfare cluster's 2025 dates and fixed items
(seed 001), the five local governments in board and assembly, the partner round of 9 October 2025 on
the organisations that shared it (seed 000), and venues that rotate over the partners' addresses.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from zorgraad.governance import demo as governance_demo
from zorgraad.governance.models import Body, BodyKind, FixedAgendaItem, Membership
from zorgraad.meetings import demo as meetings_demo
from zorgraad.meetings.models import Meeting, MeetingStatus, PartnerRoundEntry
from zorgraad.meetings.selectors.schedule import venue_candidates
from zorgraad.meetings.services.schedule import meeting_dates_propose
from zorgraad.zones import demo as zones_demo
from zorgraad.zones.models import Zone

pytestmark = pytest.mark.django_db

DEMO_DAY = dt.date(2026, 12, 2)
AMALO_NIS = {
    "23002": "Asse",
    "23105": "Affligem",
    "23044": "Liedekerke",
    "23050": "Merchtem",
    "23060": "Opwijk",
}
MONDAY, TUESDAY, THURSDAY = 0, 1, 3


def _load_bodies_and_meetings() -> Zone:
    zones = zones_demo.load()
    governance_demo.load(zones, {})
    meetings_demo.load(zones, DEMO_DAY)
    return zones["amalo"]


def test_the_2025_dates_of_seed_001_with_their_weekdays() -> None:
    zone = _load_bodies_and_meetings()
    meetings = Meeting.objects.for_zone(zone).filter(body__slug=governance_demo.WELFARE_SLUG, date__year=2025)
    rows = [(m.date, m.date.weekday(), m.start_time, m.status) for m in meetings.order_by("date")]
    assert rows == [
        (dt.date(2025, 2, 17), MONDAY, dt.time(13, 30), MeetingStatus.HELD),
        (dt.date(2025, 5, 13), TUESDAY, dt.time(13, 30), MeetingStatus.HELD),
        (dt.date(2025, 10, 9), THURSDAY, dt.time(13, 30), MeetingStatus.HELD),
    ]
    # the minutes of 27 November 2024 were approved at the next meeting, 17 February 2025
    first = Meeting.objects.for_zone(zone).get(
        body__slug=governance_demo.WELFARE_SLUG, date=dt.date(2024, 11, 27)
    )
    assert first.approved_at_meeting is not None and first.approved_at_meeting.date == dt.date(2025, 2, 17)
    varia = first.agenda_items.get(title="Varia")
    for line in ("maandag 17 februari 2025", "dinsdag 13 mei 2025", "donderdag 9 oktober 2025"):
        assert line in varia.minutes


def test_the_four_fixed_agenda_items_of_seed_001() -> None:
    zone = _load_bodies_and_meetings()
    body = Body.objects.for_zone(zone).get(slug=governance_demo.WELFARE_SLUG)
    titles = set(FixedAgendaItem.objects.for_zone(zone).filter(body=body).values_list("title", flat=True))
    assert {
        "Voorstelling van een sector",
        "Signalen",
        "Lopende (innovatieve) projecten delen",
        "Link met het beleidsplan van AMALO",
    } <= titles
    # the meetings held from the fixed agenda carry all four
    february = Meeting.objects.for_zone(zone).get(body=body, date=dt.date(2025, 2, 17))
    assert titles <= set(february.agenda_items.filter(is_fixed=True).values_list("title", flat=True))


def test_board_and_general_assembly_hold_all_five_local_governments() -> None:
    zones = zones_demo.load()
    governance_demo.load(zones, {})
    zone = zones["amalo"]
    for slug in (governance_demo.BOARD_SLUG, governance_demo.ASSEMBLY_SLUG):
        memberships = Membership.objects.for_zone(zone).filter(
            body__slug=slug, represents_sector__code="lokaal-bestuur"
        )
        nis = {m.represents_municipality.nis_code for m in memberships if m.represents_municipality}
        assert nis == set(AMALO_NIS), slug
        orgs = {m.organisation.name for m in memberships if m.organisation}
        assert orgs == {f"Lokaal bestuur {name}" for name in AMALO_NIS.values()}, slug


def test_the_partner_round_of_9_october_2025_belongs_to_the_organisations_of_seed_000() -> None:
    zone = _load_bodies_and_meetings()
    second = Meeting.objects.for_zone(zone).get(
        body__slug=governance_demo.WELFARE_SLUG, date=dt.date(2025, 10, 9)
    )
    entries = {
        e.organisation.name: e.text
        for e in PartnerRoundEntry.objects.for_zone(zone)
        .filter(meeting=second)
        .select_related("organisation")
        if e.organisation
    }
    expected = {
        "Residentie Vivas": "14 december",
        "Huis van het Kind Asse": "25 november",
        "Lokaal bestuur Asse": "Missing You",
        "CAW Halle-Vilvoorde": "Watcosta",
        "Hopperank": "Talentendag",
        "LM Plus": "valpreventie",
        "WZC Walfergem": "Alivia",
        "Lokaal bestuur Merchtem": "LEIF",
        "CM": "babbeltaartjes",
    }
    for name, fact in expected.items():
        assert fact in entries.get(name, ""), name
    # the Christmas event is Vivas's, not the venue's
    assert "Residentie Ter Linde" not in entries
    assert not any("14 december" in text for name, text in entries.items() if name != "Residentie Vivas")


def test_the_bodies_of_the_zennevallei_action_plan_and_amalos_cluster_of_local_governments() -> None:
    zones = zones_demo.load()
    governance_demo.load(zones, {})
    zennevallei = {b.slug: b for b in Body.objects.for_zone(zones["zennevallei"])}
    expected = {
        "forum-buurtgerichte-zorg": ("Forum Buurtgerichte Zorg", BodyKind.FORUM),
        "stuurgroep-preventie": ("Stuurgroep preventie", BodyKind.STEERING_GROUP),
        "kerngroep-preventie": ("Kerngroep preventie", BodyKind.CORE_GROUP),
        "kerngroep-perinatale-zorg": ("Kerngroep perinatale zorg", BodyKind.CORE_GROUP),
        "klankbordgroep": ("Klankbordgroep", BodyKind.SOUNDING_BOARD),
    }
    for slug, (name, kind) in expected.items():
        assert (zennevallei[slug].name, zennevallei[slug].kind) == (name, kind)
        assert zennevallei[slug].memberships.exists()
    # the forum meets at least twice a year, as the action plan counts
    assert zennevallei["forum-buurtgerichte-zorg"].meetings_per_year >= 2
    amalo = Body.objects.for_zone(zones["amalo"]).get(slug="cluster-lokale-besturen")
    assert (
        amalo.kind == BodyKind.CLUSTER
        and amalo.cluster is not None
        and amalo.cluster.code == "lokale-besturen"
    )
    municipalities = set(
        amalo.memberships.exclude(represents_municipality=None).values_list(
            "represents_municipality__nis_code", flat=True
        )
    )
    assert municipalities == set(AMALO_NIS)
    # loading again adds nothing
    count = Body.objects.unscoped().count()
    governance_demo.load(zones, {})
    assert Body.objects.unscoped().count() == count


def test_venue_rotation_visits_the_partners_in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the organisations' public addresses, the planner rotates the welfare cluster's venues."""
    monkeypatch.setattr(meetings_demo, "today", lambda: DEMO_DAY)
    call_command("load_demo", stdout=io.StringIO())
    zone = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(zone).get(slug=governance_demo.WELFARE_SLUG)
    candidates = venue_candidates(zone=zone, body=body)
    assert len(candidates) >= 4
    assert all(o.street and o.city for o in candidates)

    # the year the demo planned from the rule already rotates ...
    planned = Meeting.objects.for_zone(zone).filter(body=body, date__year=2027).order_by("date")
    venues_2027 = [m.venue_organisation_id for m in planned]
    assert None not in venues_2027 and len(set(venues_2027)) == 3
    # ... and the next proposal continues after the last host, never the same venue twice in a row
    proposals = meeting_dates_propose(zone=zone, body=body, year=2028)
    venues = [p.venue_organisation for p in proposals]
    assert len(venues) == 3 and all(v is not None for v in venues)
    ids = [v.pk for v in venues if v is not None]
    assert len(set(ids)) == 3
    assert ids[0] != venues_2027[-1]
