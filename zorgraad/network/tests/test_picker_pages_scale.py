"""Every page with a person or organisation picker costs the same queries with 1 and with 5,000 records
(issue 17: a <select> of every organisation or person was 93-97 % of those pages' time on a zone of
20,000 people). The 5,000 rows are made with bulk_create, so the test stays fast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zorgraad.governance.models import MandateCall
from zorgraad.meetings.models import MeetingStatus
from zorgraad.meetings.tests import test_schedule_support as make
from zorgraad.network.models import Affiliation, Organisation, Person

pytestmark = pytest.mark.django_db
MANY = 5000


def _pages(zone: Any) -> dict[str, str]:
    """Every staff page whose form picks a person or an organisation, with a search in its pickers."""
    org = make.org(zone, name="Eerste Dienst")
    person = make.person(zone, "Eerste", "Persoon")
    Affiliation.objects.create(zone=zone, person=person, organisation=org, function="medewerker")
    body = make.body(zone)
    planned = make.meeting(body, dt.date(2030, 3, 14), status=MeetingStatus.PLANNED)
    held = make.meeting(body, dt.date(2025, 2, 13), status=MeetingStatus.HELD)
    call = MandateCall.objects.create(
        zone=zone, body=body, title="Oproep", deadline=dt.date(2030, 1, 1), mandate_start=dt.date(2030, 2, 1)
    )
    z = {"zone": zone.slug}
    search = (
        "?organisation__zoek=dienst&person__zoek=persoon&parent__zoek=dienst&venue_organisation__zoek=dienst"
    )
    urls = {
        "person_create": reverse("network:person_create", kwargs=z),
        "person_list": reverse("network:person_list", kwargs=z),
        "organisation_create": reverse("network:organisation_create", kwargs=z),
        "organisation_edit": reverse("network:organisation_edit", kwargs={**z, "pk": org.pk}),
        "affiliation_add": reverse("network:affiliation_add", kwargs={**z, "pk": person.pk}),
        "membership_add": reverse("governance:membership_add", kwargs={**z, "body": body.slug}),
        "mandate_call_detail": reverse("governance:mandate_call_detail", kwargs={**z, "pk": call.pk}),
        "meeting_create": reverse("meetings:meeting_create", kwargs={**z, "body": body.slug}),
        "meeting_edit": reverse("meetings:meeting_edit", kwargs={**z, "pk": planned.pk}),
        "minutes": reverse("meetings:minutes", kwargs={**z, "pk": held.pk}),
        "guest_add": reverse("meetings:guest_add", kwargs={**z, "pk": held.pk}),
    }
    return {**urls, **{f"{name} (search)": url + search for name, url in urls.items()}}


def _grow(zone: Any, n: int = MANY) -> None:
    """n organisations and n people working there, in three bulk inserts."""
    orgs = Organisation.objects.bulk_create(
        [Organisation(zone=zone, name=f"Dienst Groot {i}", search_text=f"dienst groot {i}") for i in range(n)]
    )
    people = Person.objects.bulk_create(
        [
            Person(zone=zone, first_name="Persoon", last_name=f"Groot{i}", search_text=f"persoon groot{i}")
            for i in range(n)
        ]
    )
    Affiliation.objects.bulk_create(
        [Affiliation(zone=zone, person=p, organisation=o) for p, o in zip(people, orgs, strict=True)]
    )


def _queries(client: Client, url: str) -> tuple[int, int]:
    client.get(url)  # warm the session and per-zone caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), len(response.content)


def test_every_picker_page_costs_the_same_with_1_and_5000_records(staff_client: Client, zone: Any) -> None:
    pages = _pages(zone)
    small = {name: _queries(staff_client, url) for name, url in pages.items()}
    _grow(zone)
    large = {name: _queries(staff_client, url) for name, url in pages.items()}
    grew = {name: (small[name][0], large[name][0]) for name in pages if large[name][0] != small[name][0]}
    assert not grew, f"queries grew with {MANY} records (before, after): {grew}"
    # And the pages do not list the records: a search shows at most the picker's limit of matches.
    bigger = {
        name: (small[name][1], large[name][1]) for name in pages if large[name][1] > small[name][1] + 20_000
    }
    assert not bigger, f"pages grew with {MANY} records (bytes before, after): {bigger}"


def test_no_select_of_every_organisation_or_person(staff_client: Client, zone: Any) -> None:
    pages = _pages(zone)
    for name, url in pages.items():
        html = staff_client.get(url).content.decode()
        for field in ("organisation", "person", "parent", "venue_organisation"):
            assert f'<select name="{field}"' not in html, (name, field)


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_autocomplete_never_shows_another_zones_records(
    client_as: Callable[[str], Client], zone: Any, other_zone: Any, kind: str
) -> None:
    if kind == "person":
        make.person(other_zone, "Zelfde", "Naamgenoot")
        mine = make.person(zone, "Zelfde", "Naamgenoot")
    else:
        make.org(other_zone, name="Zelfde Naamgenoot")
        mine = make.org(zone, name="Zelfde Naamgenoot")
    url = reverse(f"network:{kind}_picker", kwargs={"zone": zone.slug})
    html = client_as("staff").get(url, {"veld": "x", "x__zoek": "naamgenoot"}).content.decode()
    assert html.count('name="x" value=') == 1 and f'value="{mine.pk}"' in html
    # Their staff cannot search our zone; an id of their zone as the checked value shows nothing.
    assert client_as("other_staff").get(url, {"veld": "x", "x__zoek": "naamgenoot"}).status_code == 403
    theirs = (Person if kind == "person" else Organisation).objects.for_zone(other_zone).get()
    html = client_as("staff").get(url, {"veld": "x", "x": str(theirs.pk)}).content.decode()
    assert f'value="{theirs.pk}"' not in html
