"""The governance screens: happy paths, Dutch messages on bad input, permissions and query counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.models import AuditEntry
from zorgraad.governance.forms import CONSENT_TEXT
from zorgraad.governance.models import (
    Body,
    Candidacy,
    FixedAgendaItem,
    MandateCall,
    Membership,
)
from zorgraad.meetings.models import MeetingStatus
from zorgraad.zones.models import Sector

from . import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


@dataclass
class World:
    zone: Any
    a: Body  # the secretary's body (open)
    b: Body  # another body (closed)
    foreign: Body  # a body of Zennevallei
    secretary_membership: Membership
    member_membership: Membership
    b_membership: Membership


@pytest.fixture
def world(zone: Any, other_zone: Any, users: Any) -> World:
    a = f.body(zone, name="Clusteroverleg welzijn", slug="clusteroverleg-welzijn", is_open=True)
    a.required_sectors.set([Sector.objects.get(code="caw"), Sector.objects.get(code="huisartsen")])
    b = f.body(zone, name="Dagelijks bestuur", slug="dagelijks-bestuur", is_open=False)
    foreign = f.body(other_zone, name="Kerngroep Zennevallei", slug="kerngroep")
    sec = f.person(zone, first_name="Saar", last_name="Verbraeken", user=users["secretary"])
    mem = f.person(zone, first_name="Jens", last_name="Moortgat", user=users["member"])
    caw = f.organisation(zone, name="CAW Testregio", sector="caw")
    return World(
        zone=zone,
        a=a,
        b=b,
        foreign=foreign,
        secretary_membership=f.membership(a, sec, role="secretaris", start=TODAY - 100 * DAY),
        member_membership=f.membership(a, mem, role="lid", organisation=caw, start=TODAY - 100 * DAY),
        b_membership=f.membership(b, f.person(zone), role="lid"),
    )


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"governance:{name}", kwargs={"zone": "amalo", **kwargs})


def page(response: Any) -> str:
    return str(response.content.decode())


def counts() -> tuple[int, ...]:
    return (
        Body.objects.unscoped().count(),
        Membership.objects.unscoped().count(),
        MandateCall.objects.unscoped().count(),
        Candidacy.objects.unscoped().count(),
        FixedAgendaItem.objects.unscoped().count(),
        f.subscription_count(),
        AuditEntry.objects.unscoped().count(),
    )


# --- permissions --------------------------------------------------------------------------------


def test_secretary_manages_only_their_own_body(world: World, client_as: Any) -> None:
    c = client_as("secretary")
    a, b = world.a.slug, world.b.slug
    assert c.get(url("body_detail", body=a)).status_code == 200
    assert c.get(url("membership_add", body=a)).status_code == 200
    assert c.get(url("fixed_items", body=a)).status_code == 200
    assert c.get(url("membership_end", pk=world.member_membership.pk)).status_code == 200
    for address in (
        url("body_detail", body=b),
        url("membership_add", body=b),
        url("fixed_items", body=b),
        url("membership_end", pk=world.b_membership.pk),
    ):
        assert c.get(address).status_code == 403, address
    before = counts()
    response = c.post(url("membership_end", pk=world.b_membership.pk))
    assert response.status_code == 403
    response = c.post(url("fixed_items", body=b), {"action": "add", "title": "Varia"})
    assert response.status_code == 403
    assert counts() == before
    # Zone-wide and staff-only pages.
    assert c.get(url("body_create")).status_code == 403
    assert c.get(url("body_edit", body=a)).status_code == 403
    assert c.get(url("mandate_call_create", body=a)).status_code == 403


def test_member_and_other_zone_staff_are_refused(world: World, client_as: Any) -> None:
    for role in ("member", "other_staff", "partner"):
        c = client_as(role)
        for address in (
            url("body_list"),
            url("body_detail", body=world.a.slug),
            url("membership_add", body=world.a.slug),
            url("fixed_items", body=world.a.slug),
            url("body_create"),
        ):
            assert c.get(address).status_code == 403, (role, address)


def test_a_body_of_another_zone_is_not_found(world: World, staff_client: Client) -> None:
    assert staff_client.get(url("body_detail", body=world.foreign.slug)).status_code == 404
    assert staff_client.get(url("body_edit", body=world.foreign.slug)).status_code == 404
    assert staff_client.get(url("membership_add", body=world.foreign.slug)).status_code == 404
    assert staff_client.get(url("body_subscribe", body=world.foreign.slug)).status_code == 404
    foreign_membership = f.membership(world.foreign, f.person(world.foreign.zone))
    assert staff_client.get(url("membership_end", pk=foreign_membership.pk)).status_code == 404


# --- list ---------------------------------------------------------------------------------------


def test_staff_see_all_bodies_secretary_only_theirs(world: World, client_as: Any) -> None:
    f.meeting(world.a, TODAY + 12 * DAY)
    html = page(client_as("staff").get(url("body_list")))
    assert "Clusteroverleg welzijn" in html and "Dagelijks bestuur" in html
    assert "Kerngroep Zennevallei" not in html
    assert (TODAY + 12 * DAY).strftime("%Y") in html
    html = page(client_as("secretary").get(url("body_list")))
    assert "Clusteroverleg welzijn" in html and "Dagelijks bestuur" not in html


def _bodies(zone: Any, n: int) -> None:
    for i in range(n):
        body = f.body(zone, name=f"Werkgroep {i:02d}", is_open=bool(i % 2))
        f.membership(body, f.person(zone))
        f.meeting(body, TODAY + (i + 1) * DAY)


@pytest.mark.parametrize("n", [1, 50])
def test_body_list_query_count_does_not_grow(
    zone: Any, staff_client: Client, django_assert_max_num_queries: Any, n: int
) -> None:
    _bodies(zone, n)
    with django_assert_max_num_queries(8):
        response = staff_client.get(url("body_list"))
    assert response.status_code == 200
    assert "Werkgroep 00" in page(response)


@pytest.mark.parametrize("n", [1, 30])
def test_body_detail_query_count_does_not_grow(
    world: World, staff_client: Client, django_assert_max_num_queries: Any, n: int
) -> None:
    for i in range(n):
        f.membership(
            world.a, f.person(world.zone), organisation=f.organisation(world.zone), represents_sector=None
        )
        f.meeting(world.a, TODAY + i * DAY, venue_organisation=f.organisation(world.zone))
    with django_assert_max_num_queries(14):
        response = staff_client.get(url("body_detail", body=world.a.slug))
    assert response.status_code == 200


# --- create and edit ----------------------------------------------------------------------------


def body_post(**extra: Any) -> dict[str, Any]:
    data = {
        "name": "Werkgroep dementievriendelijke gemeente",
        "slug": "",
        "kind": "werkgroep",
        "cluster": "",
        "is_open": "on",
        "description": "",
        "meeting_rule": "3 keer per jaar",
        "meetings_per_year": "3",
        "rule_quarters": "1,2,4",
        "default_weekday": "3",
        "default_start": "13:30",
        "default_end": "16:00",
        "rotate_venues": "on",
        "required_sectors": [Sector.objects.get(code="caw").pk],
    }
    data.update(extra)
    return data


def test_staff_create_a_body(zones: Any, staff_client: Client) -> None:
    response = staff_client.post(url("body_create"), body_post())
    body = Body.objects.for_zone(zones["amalo"]).get()
    assert response.status_code == 302
    assert response["Location"] == url("body_detail", body="werkgroep-dementievriendelijke-gemeente")
    assert (body.default_weekday, body.rule_quarters) == (3, "1,2,4")
    html = page(staff_client.get(response["Location"]))
    assert "is aangemaakt" in html and "Q1, Q2, Q4" in html and "donderdag" in html


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"slug": "verslagen"}, "kan geen korte naam zijn: dat woord is voorbehouden"),
        ({"slug": "nieuw"}, "kan geen korte naam zijn: dat woord is voorbehouden"),
        ({"rule_quarters": "1,2,5"}, "Geef de kwartalen als cijfers van 1 tot 4"),
        ({"rule_quarters": "1,2,2"}, "Elk kwartaal mag maar één keer voorkomen."),
        ({"meetings_per_year": "4"}, "Je koos 3 kwartalen maar 4 vergaderingen per jaar"),
        ({"default_end": "12:00"}, "Het standaard einduur moet na het beginuur liggen."),
        ({"name": ""}, "Geef het overlegorgaan een naam."),
    ],
)
def test_body_create_unhappy(zones: Any, staff_client: Client, extra: dict[str, str], message: str) -> None:
    before = counts()
    response = staff_client.post(url("body_create"), body_post(**extra))
    assert response.status_code == 200
    assert message in page(response)
    assert counts() == before


def test_body_create_slug_taken(world: World, staff_client: Client) -> None:
    before = counts()
    response = staff_client.post(url("body_create"), body_post(slug="dagelijks-bestuur"))
    assert "al in gebruik" in page(response)
    assert counts() == before


def test_staff_edit_a_body(world: World, staff_client: Client) -> None:
    response = staff_client.post(
        url("body_edit", body=world.b.slug), body_post(name="Dagelijks bestuur AMALO", slug="db")
    )
    assert response.status_code == 302 and response["Location"] == url("body_detail", body="db")
    world.b.refresh_from_db()
    assert world.b.name == "Dagelijks bestuur AMALO"
    before = counts()
    response = staff_client.post(url("body_edit", body="db"), body_post(slug=world.a.slug))
    assert "al in gebruik" in page(response)
    assert counts() == before


# --- detail -------------------------------------------------------------------------------------


def test_body_detail_shows_members_sectors_items_and_meetings(world: World, client_as: Any) -> None:
    FixedAgendaItem.objects.create(zone=world.zone, body=world.a, title="Rondje partners", at_end=True)
    meeting = f.meeting(world.a, TODAY + 20 * DAY, status=MeetingStatus.PLANNED)
    html = page(client_as("secretary").get(url("body_detail", body=world.a.slug)))
    assert "Saar Verbraeken" in html and "Jens Moortgat" in html and "CAW Testregio" in html
    assert "beëindigen" in html
    # CAW is represented through Jens's organisation; nobody for the general practitioners.
    assert "vertegenwoordigd" in html and "niemand" in html
    assert "Rondje partners" in html
    assert reverse("meetings:meeting_detail", kwargs={"zone": "amalo", "pk": meeting.pk}) in html
    assert (
        reverse("meetings:schedule", kwargs={"zone": "amalo", "body": world.a.slug, "year": TODAY.year})
        in html
    )
    assert reverse("meetings:meeting_create", kwargs={"zone": "amalo", "body": world.a.slug}) in html
    # Staff-only links are not offered to a secretary.
    assert url("body_edit", body=world.a.slug) not in html
    assert url("mandate_call_create", body=world.a.slug) not in html


# --- memberships --------------------------------------------------------------------------------


def test_secretary_adds_a_member(world: World, client_as: Any) -> None:
    person = f.person(world.zone, first_name="Tijl", last_name="Claeskens")
    org = f.organisation(world.zone)
    response = client_as("secretary").post(
        url("membership_add", body=world.a.slug),
        {"person": person.pk, "organisation": org.pk, "role": "lid", "start": "01/01/2026", "end": ""},
    )
    assert response.status_code == 302
    m = Membership.objects.for_zone(world.zone).get(person=person)
    assert (m.body_id, m.organisation_id, m.start) == (world.a.pk, org.pk, dt.date(2026, 1, 1))


def test_membership_search_narrows_the_people(world: World, client_as: Any) -> None:
    f.person(world.zone, first_name="Fien", last_name="Ötztal")
    f.person(world.zone, first_name="Lien", last_name="Anders")
    html = page(client_as("secretary").get(url("membership_add", body=world.a.slug) + "?person__zoek=otztal"))
    assert "Ötztal Fien" in html and "Anders Lien" not in html
    assert "1 persoon gevonden" in html


def test_add_member_page_shows_no_addresses_and_no_list_of_the_zone(world: World, client_as: Any) -> None:
    people = [f.person(world.zone, first_name=f"Voornaam{n}", last_name=f"Achternaam{n}") for n in range(25)]
    orgs = [f.organisation(world.zone, name=f"Organisatie nummer {n}") for n in range(25)]
    html = page(client_as("secretary").get(url("membership_add", body=world.a.slug)))
    assert 'name="person__zoek"' in html and 'name="organisation__zoek"' in html
    assert '<select name="person"' not in html and '<select name="organisation"' not in html
    for p in people:
        assert p.email not in html and p.last_name not in html
    for o in orgs:
        assert o.name not in html
    assert "@example.be" not in html


def test_add_member_search_finds_by_name_and_choosing_adds(world: World, client_as: Any) -> None:
    c = client_as("secretary")
    tijl = f.person(world.zone, first_name="Tijl", last_name="Zoekbaar")
    f.person(world.zone, first_name="Ander", last_name="Iemand")
    html = page(c.get(url("membership_add", body=world.a.slug) + "?person__zoek=zoekbaar"))
    assert f'name="person" value="{tijl.pk}"' in html and "Zoekbaar Tijl" in html
    assert "Iemand Ander" not in html and tijl.email not in html
    response = c.post(url("membership_add", body=world.a.slug), {"person": tijl.pk, "role": "lid"})
    assert response.status_code == 302
    assert Membership.objects.for_zone(world.zone).filter(person=tijl, body=world.a).exists()


def test_add_member_refuses_another_zones_person_and_organisation(world: World, client_as: Any) -> None:
    c = client_as("secretary")
    stranger = f.person(world.foreign.zone)
    their_org = f.organisation(world.foreign.zone)
    mine = f.person(world.zone)
    before = counts()
    response = c.post(url("membership_add", body=world.a.slug), {"person": stranger.pk, "role": "lid"})
    assert "Deze persoon bestaat niet (meer) in deze eerstelijnszone." in page(response)
    response = c.post(
        url("membership_add", body=world.a.slug),
        {"person": mine.pk, "organisation": their_org.pk, "role": "lid"},
    )
    assert "Kies een organisatie van deze eerstelijnszone." in page(response)
    assert counts() == before


@pytest.mark.parametrize("n", [1, 30])
def test_add_member_page_query_count_does_not_grow_with_the_zone(
    world: World, client_as: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    for _ in range(n):
        f.person(world.zone)
        f.organisation(world.zone)
    c = client_as("secretary")
    c.get(url("membership_add", body=world.a.slug))
    with django_assert_max_num_queries(13):
        c.get(url("membership_add", body=world.a.slug) + "?person__zoek=a&organisation__zoek=dienst")


def test_candidacy_form_shows_no_list_of_the_zone(world: World, staff_client: Client) -> None:
    call = MandateCall.objects.create(
        zone=world.zone,
        body=world.a,
        title="Vernieuwing",
        deadline=TODAY + 10 * DAY,
        mandate_start=TODAY + 40 * DAY,
    )
    people = [f.person(world.zone) for _ in range(10)]
    html = page(staff_client.get(url("mandate_call_detail", pk=call.pk)))
    assert 'name="person__zoek"' in html and '<select name="person"' not in html
    assert all(p.email not in html and p.last_name not in html for p in people)
    html = page(
        staff_client.get(url("mandate_call_detail", pk=call.pk) + f"?person__zoek={people[0].last_name}")
    )
    assert f'name="person" value="{people[0].pk}"' in html and people[0].email not in html


def test_membership_add_unhappy(world: World, client_as: Any) -> None:
    c = client_as("secretary")
    jens = world.member_membership.person
    before = counts()
    response = c.post(
        url("membership_add", body=world.a.slug),
        {"person": jens.pk, "role": "lid", "start": "2026-03-01", "end": "2026-02-01"},
    )
    assert "Het mandaat eindigt vóór het begint" in page(response)
    response = c.post(url("membership_add", body=world.a.slug), {"person": jens.pk, "role": "lid"})
    assert "Jens Moortgat is in die periode al lid van Clusteroverleg welzijn." in page(response)
    stranger = f.person(world.foreign.zone)
    response = c.post(url("membership_add", body=world.a.slug), {"person": stranger.pk, "role": "lid"})
    assert "Deze persoon bestaat niet (meer) in deze eerstelijnszone." in page(response)
    assert counts()[1] == before[1]


def test_membership_end_asks_first_then_ends_today(world: World, client_as: Any) -> None:
    c = client_as("secretary")
    address = url("membership_end", pk=world.member_membership.pk)
    html = page(c.get(address))
    assert "Mandaat beëindigen" in html and "Jens Moortgat" in html
    world.member_membership.refresh_from_db()
    assert world.member_membership.end is None
    response = c.post(address, follow=True)
    assert "is beëindigd" in page(response)
    world.member_membership.refresh_from_db()
    # not the import-time TODAY: a run may cross midnight in Brussels
    assert world.member_membership.end == timezone.localdate()
    before = counts()
    response = c.post(address, follow=True)
    assert "Dit mandaat is al beëindigd." in page(response)
    assert counts() == before


# --- fixed items --------------------------------------------------------------------------------


def test_fixed_items_add_move_and_delete_without_javascript(world: World, client_as: Any) -> None:
    c = client_as("secretary")
    address = url("fixed_items", body=world.a.slug)
    for title, at_end in [
        ("Goedkeuring verslag vorige vergadering", ""),
        ("Varia", "on"),
        ("Rondje partners", "on"),
    ]:
        assert c.post(address, {"action": "add", "title": title, "at_end": at_end}).status_code == 302
    rondje = FixedAgendaItem.objects.for_zone(world.zone).get(title="Rondje partners")
    assert c.post(address, {"action": "up", "item": rondje.pk}).status_code == 302
    order = [i.title for i in FixedAgendaItem.objects.for_zone(world.zone).filter(body=world.a)]
    assert order == ["Goedkeuring verslag vorige vergadering", "Rondje partners", "Varia"]
    html = page(c.get(address))
    end_part = html[html.index("Achteraan de agenda") :]
    assert end_part.index("Rondje partners") < end_part.index("Varia")
    # Moving the first item up: a Dutch message, nothing changes.
    before = counts()
    response = c.post(address, {"action": "up", "item": rondje.pk}, follow=True)
    assert "Dit agendapunt staat al bovenaan." in page(response)
    assert counts() == before
    # Delete asks first.
    html = page(c.get(address + f"?verwijderen={rondje.pk}"))
    assert "Vast agendapunt verwijderen" in html and 'name="action" value="delete"' in html
    assert FixedAgendaItem.objects.for_zone(world.zone).filter(pk=rondje.pk).exists()
    c.post(address, {"action": "delete", "item": rondje.pk})
    assert not FixedAgendaItem.objects.for_zone(world.zone).filter(pk=rondje.pk).exists()


def test_fixed_items_unhappy(world: World, client_as: Any) -> None:
    c = client_as("secretary")
    address = url("fixed_items", body=world.a.slug)
    other = FixedAgendaItem.objects.create(zone=world.zone, body=world.b, title="Varia")
    before = counts()
    assert "Geef het vaste agendapunt een titel." in page(c.post(address, {"action": "add", "title": ""}))
    # An item of another body cannot be moved or deleted through this body's page.
    assert c.post(address, {"action": "delete", "item": other.pk}).status_code == 404
    assert c.post(address, {"action": "up", "item": "x"}).status_code == 404
    assert counts() == before


# --- mandate renewal ----------------------------------------------------------------------------


def call_post(**extra: Any) -> dict[str, Any]:
    data = {
        "title": "Vernieuwing mandaten 2027",
        "description": "Twee plaatsen voor de welzijnspartners.",
        "seats": "2",
        "deadline": (TODAY + 10 * DAY).isoformat(),
        "mandate_start": (TODAY + 30 * DAY).isoformat(),
        "mandate_end": "",
    }
    data.update(extra)
    return data


def test_mandate_renewal_from_call_to_new_members(world: World, staff_client: Client) -> None:
    c = staff_client
    response = c.post(url("mandate_call_create", body=world.a.slug), call_post())
    call = MandateCall.objects.for_zone(world.zone).get()
    assert response["Location"] == url("mandate_call_detail", pk=call.pk)
    candidates = [f.person(world.zone) for _ in range(3)]
    for person in candidates:
        response = c.post(
            url("candidacy_add", pk=call.pk), {"person": person.pk, "role": "lid", "motivation": "Graag."}
        )
        assert response.status_code == 302
    html = page(c.get(url("mandate_call_detail", pk=call.pk)))
    assert all(p.full_name in html for p in candidates)
    chosen = list(Candidacy.objects.for_zone(world.zone).filter(call=call, person__in=candidates[:2]))
    response = c.post(
        url("mandate_call_decide", pk=call.pk),
        {"accepted": [x.pk for x in chosen], "end_current": "on"},
    )
    assert response.status_code == 302 and response["Location"] == url("body_detail", body=world.a.slug)
    new = Membership.objects.for_zone(world.zone).filter(body=world.a, start=TODAY + 30 * DAY)
    assert {m.person_id for m in new} == {p.pk for p in candidates[:2]}
    world.member_membership.refresh_from_db()
    assert world.member_membership.end == TODAY + 29 * DAY  # same role "lid": ended the day before
    world.secretary_membership.refresh_from_db()
    assert world.secretary_membership.end is None
    # Deciding again: a Dutch message, nothing changes.
    before = counts()
    response = c.post(url("mandate_call_decide", pk=call.pk), {"accepted": [chosen[0].pk]})
    assert "Over deze oproep is al beslist" in page(response)
    assert counts() == before


def test_mandate_call_unhappy_paths(world: World, staff_client: Client) -> None:
    c = staff_client
    before = counts()
    response = c.post(
        url("mandate_call_create", body=world.a.slug),
        call_post(deadline=(TODAY + 30 * DAY).isoformat()),
    )
    assert "De termijn voor kandidaturen moet aflopen vóór de nieuwe mandaten starten." in page(response)
    assert counts() == before
    call = MandateCall.objects.create(
        zone=world.zone,
        body=world.a,
        title="Oproep voorzitter",
        seats=1,
        deadline=TODAY + 5 * DAY,
        mandate_start=TODAY + 20 * DAY,
    )
    person = f.person(world.zone, first_name="Ilse", last_name="De Smedt")
    c.post(url("candidacy_add", pk=call.pk), {"person": person.pk, "role": "voorzitter"})
    before = counts()
    response = c.post(url("candidacy_add", pk=call.pk), {"person": person.pk, "role": "voorzitter"})
    assert "Ilse De Smedt is al kandidaat voor deze oproep." in page(response)
    other = Candidacy.objects.create(
        zone=world.zone, call=call, person=f.person(world.zone), role="voorzitter"
    )
    response = c.post(
        url("mandate_call_decide", pk=call.pk),
        {
            "accepted": list(
                Candidacy.objects.for_zone(world.zone).filter(call=call).values_list("pk", flat=True)
            )
        },
    )
    assert "Je koos 2 kandidaten, maar er zijn maar 1 mandaten te begeven." in page(response)
    assert counts()[:4] == (before[0], before[1], before[2], before[3] + 1)
    assert Candidacy.objects.for_zone(world.zone).get(pk=other.pk).status == "submitted"
    # After the deadline.
    MandateCall.objects.for_zone(world.zone).filter(pk=call.pk).update(deadline=TODAY - DAY)
    before = counts()
    response = c.post(url("candidacy_add", pk=call.pk), {"person": f.person(world.zone).pk, "role": "lid"})
    assert "De termijn voor kandidaturen is verstreken" in page(response)
    assert counts()[3] == before[3]


def test_mandate_call_of_another_zone_is_not_found(world: World, staff_client: Client) -> None:
    call = MandateCall.objects.create(
        zone=world.foreign.zone,
        body=world.foreign,
        title="Andere zone",
        deadline=TODAY + DAY,
        mandate_start=TODAY + 9 * DAY,
    )
    assert staff_client.get(url("mandate_call_detail", pk=call.pk)).status_code == 404
    assert staff_client.post(url("mandate_call_decide", pk=call.pk), {}).status_code == 404


# --- my bodies ----------------------------------------------------------------------------------


def test_member_sees_their_bodies_and_minutes_links(world: World, client_as: Any) -> None:
    upcoming = f.meeting(world.a, TODAY + 14 * DAY)
    past = f.meeting(world.a, TODAY - 30 * DAY, status=MeetingStatus.PUBLISHED)
    f.meeting(world.b, TODAY + 3 * DAY)
    html = page(client_as("member").get(url("my_bodies")))
    assert "Clusteroverleg welzijn" in html and "Dagelijks bestuur" not in html
    assert (TODAY + 14 * DAY).strftime("%Y") in html
    assert (
        reverse("meetings:meeting_public", kwargs={"zone": "amalo", "body": world.a.slug, "pk": past.pk})
        in html
    )
    assert upcoming.pk != past.pk
    html = page(client_as("staff").get(url("my_bodies")))
    assert "geen lopend mandaat" in html


# --- public subscription ------------------------------------------------------------------------


def test_subscribe_page_shows_the_consent_and_the_honeypot(world: World, client: Client) -> None:
    html = page(client.get(url("body_subscribe", body=world.a.slug)))
    assert str(CONSENT_TEXT) in html and 'name="website"' in html
    # Posting is double opt-in: see test_subscription.py.


def test_subscribe_to_a_closed_body_is_not_found(world: World, client: Client) -> None:
    assert client.get(url("body_subscribe", body=world.b.slug)).status_code == 404
    before = counts()
    assert (
        client.post(
            url("body_subscribe", body=world.b.slug), {"email": "a@example.be", "consent": "on"}
        ).status_code
        == 404
    )
    assert counts() == before
