"""The stale-records report: what shows where, zone isolation, pagination, constant query count."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from zorgraad.network.models import Affiliation

from .test_selfservice import make_org, make_person, text


def report_url(zone: Any) -> str:
    return reverse("network:stale_report", kwargs={"zone": zone.slug})


def section(page: str, heading_id: str) -> str:
    """The HTML of one <section> of the report, found by its heading id."""
    start = page.index(f'aria-labelledby="{heading_id}"')
    end = page.find("</section>", start)
    return page[start:end]


@pytest.mark.django_db
def test_report_shows_each_kind_of_stale_record_in_its_table(zone, other_zone, staff_client):
    now = timezone.now()
    fresh_org = make_org(zone, name="Verse Dienst", last_confirmed_at=now)
    stale_org = make_org(zone, name="Oude Dienst", last_confirmed_at=now - dt.timedelta(days=400))
    make_org(zone, name="Opgeheven Dienst", is_archived=True)
    make_org(other_zone, name="Dienst Elders")
    never = make_person(zone, "Fien", "Fictief", "fien@example.be", org=stale_org)
    make_person(zone, "Ruben", "Nepper", "ruben@example.be", org=fresh_org, last_confirmed_at=now)
    bounced = make_person(
        zone,
        "Kobe",
        "Onbestelbaar",
        "kobe@example.be",
        org=fresh_org,
        email_bounced=True,
        last_confirmed_at=now,
    )
    left = make_person(zone, "Jelle", "Proefmans", "jelle@example.be", org=fresh_org, last_confirmed_at=now)
    Affiliation.objects.for_zone(zone).filter(person=left).update(end=dt.date.today() - dt.timedelta(days=1))
    make_person(zone, "Oud", "Vertrokkenen", "oud@example.be", is_archived=True, email_bounced=True)
    make_person(other_zone, "Andere", "Zone", "andere@example.be", email_bounced=True)

    response = staff_client.get(report_url(zone))
    assert response.status_code == 200
    page = text(response)
    stale = section(page, "h-stale")
    assert "Fien Fictief" in stale and "nog nooit" in stale
    assert "Jelle Proefmans" not in stale and "Ruben Nepper" not in stale
    assert "Oude Dienst" in stale and "Verse Dienst" not in stale
    assert reverse("network:person_detail", kwargs={"zone": zone.slug, "pk": never.pk}) in stale
    assert reverse("network:organisation_detail", kwargs={"zone": zone.slug, "pk": stale_org.pk}) in stale
    bounced_html = section(page, "h-bounced")
    assert "Kobe Onbestelbaar" in bounced_html and "kobe@example.be" in bounced_html
    assert reverse("network:person_detail", kwargs={"zone": zone.slug, "pk": bounced.pk}) in bounced_html
    assert "Fien Fictief" not in bounced_html
    unaffiliated = section(page, "h-unaffiliated")
    assert "Jelle Proefmans" in unaffiliated  # the function ended yesterday
    assert "Fien Fictief" not in unaffiliated and "Kobe Onbestelbaar" not in unaffiliated
    for hidden in ("Vertrokkenen", "Opgeheven Dienst", "Dienst Elders", "Andere Zone"):
        assert hidden not in page


@pytest.mark.django_db
def test_empty_report_says_so(zone, staff_client):
    page = text(staff_client.get(report_url(zone)))
    assert "Iedereen bevestigde zijn gegevens in de voorbije 12 maanden." in page
    assert "Geen onbestelbare e-mailadressen." in page
    assert "Iedereen is aan een organisatie gekoppeld." in page


@pytest.mark.django_db
def test_report_is_staff_only(zone, client_as):
    for role in ("partner", "member", "secretary", "other_staff"):
        assert client_as(role).get(report_url(zone)).status_code == 403


@pytest.mark.django_db
def test_tables_page_on_their_own(zone, staff_client):
    for i in range(30):
        make_person(zone, "Persoon", f"Nummer{i:02d}", f"p{i}@example.be")
    first = text(staff_client.get(report_url(zone)))
    assert "Nummer00" in first and "Nummer29" not in first
    assert "30 personen" in first
    assert "people_page=2" in first
    second = text(staff_client.get(report_url(zone), {"people_page": 2}))
    stale = section(second, "h-stale")
    assert "Nummer29" in stale and "Nummer00" not in stale
    # the other table stays on its first page
    assert "Nummer00" in section(second, "h-unaffiliated")


def make_rows(zone: Any, n: int) -> None:
    long_ago = timezone.now() - dt.timedelta(days=400)
    for i in range(n):
        org = make_org(zone, name=f"Dienst {i}", last_confirmed_at=long_ago)
        make_person(zone, "Met", f"Werk{i}", f"werk{i}@example.be", org=org, email_bounced=True)
        make_person(zone, "Zonder", f"Werk{i}", f"zonder{i}@example.be")


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 50])
def test_query_count_does_not_grow_with_rows(zone, staff_client, django_assert_max_num_queries, rows):
    make_rows(zone, rows)
    with django_assert_max_num_queries(14):
        response = staff_client.get(report_url(zone))
    assert response.status_code == 200
    assert "Werk0" in text(response)
