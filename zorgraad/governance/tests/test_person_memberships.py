"""A person's staff page shows the bodies they sit in: running, still to start and ended mandates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zorgraad.governance.models import Body, BodyKind, Membership, MembershipRole
from zorgraad.governance.selectors import person_memberships
from zorgraad.network.models import Organisation, Person

pytestmark = pytest.mark.django_db


def _body(zone: Any, name: str, slug: str) -> Body:
    return Body.objects.create(zone=zone, name=name, slug=slug, kind=BodyKind.CLUSTER)


def _setup(zone: Any) -> tuple[Person, dict[str, Body]]:
    today = timezone.localdate()
    person = Person.objects.create(zone=zone, first_name="Ada", last_name="Proefmans")
    org = Organisation.objects.create(zone=zone, name="Vzw Proefhuis")
    bodies = {
        "welzijn": _body(zone, "Clusteroverleg welzijn", "welzijn"),
        "raad": _body(zone, "Raad van bestuur", "raad"),
        "oud": _body(zone, "Werkgroep dementie", "dementie"),
        "later": _body(zone, "Algemene vergadering", "av"),
    }
    Membership.objects.create(
        zone=zone, body=bodies["welzijn"], person=person, organisation=org, role=MembershipRole.SECRETARY
    )
    Membership.objects.create(zone=zone, body=bodies["raad"], person=person, start=dt.date(2024, 1, 1))
    Membership.objects.create(
        zone=zone,
        body=bodies["oud"],
        person=person,
        start=dt.date(2020, 1, 1),
        end=today - dt.timedelta(days=30),
    )
    Membership.objects.create(
        zone=zone, body=bodies["later"], person=person, start=today + dt.timedelta(days=30)
    )
    return person, bodies


def test_selector_splits_running_coming_and_ended_mandates(zone: Any, other_zone: Any) -> None:
    person, bodies = _setup(zone)
    stranger = Person.objects.create(zone=other_zone, first_name="Bo", last_name="Elders")
    Membership.objects.create(zone=other_zone, body=_body(other_zone, "Elders", "elders"), person=stranger)
    found = person_memberships(zone=zone, person=person)
    assert [m.body.name for m in found.current] == ["Clusteroverleg welzijn", "Raad van bestuur"]
    assert [m.body.name for m in found.coming] == ["Algemene vergadering"]
    assert [m.body.name for m in found.past] == ["Werkgroep dementie"]
    assert person_memberships(zone=other_zone, person=person).current == []


def test_person_page_lists_the_bodies_with_role_and_links(zone: Any, staff_client: Any) -> None:
    person, bodies = _setup(zone)
    url = reverse("network:person_detail", kwargs={"zone": zone.slug, "pk": person.pk})
    response = staff_client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overlegorganen</h2>" in html
    for body in bodies.values():
        link = reverse("governance:body_detail", kwargs={"zone": zone.slug, "body": body.slug})
        assert f'href="{link}"' in html
    assert "secretaris" in html and "Vzw Proefhuis" in html
    assert "begint nog" in html
    assert "Vroeger" in html


def test_person_without_mandates_says_so(zone: Any, staff_client: Any) -> None:
    person = Person.objects.create(zone=zone, first_name="Cas", last_name="Zonderraad")
    html = staff_client.get(
        reverse("network:person_detail", kwargs={"zone": zone.slug, "pk": person.pk})
    ).content.decode()
    assert "Zit in geen enkel overlegorgaan" in html


def test_person_page_queries_do_not_grow_with_mandates(zone: Any, staff_client: Any) -> None:
    person, _bodies = _setup(zone)
    url = reverse("network:person_detail", kwargs={"zone": zone.slug, "pk": person.pk})
    staff_client.get(url)
    with CaptureQueriesContext(connection) as few:
        staff_client.get(url)
    for n in range(5):
        Membership.objects.create(zone=zone, body=_body(zone, f"Werkgroep {n}", f"wg-{n}"), person=person)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(url)
    assert len(many) == len(few)
