"""The sectors, clusters and municipalities of the staff forms come from a per-zone cached list
(network/reference.py), never stale after a write and never another zone's."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zorgraad.zones.models import Municipality, Sector, ZoneMunicipality

from .test_directory_helpers import make_org, url

pytestmark = pytest.mark.django_db
REFERENCE_TABLES = ('FROM "zones_sector"', 'FROM "zones_cluster"', 'FROM "zones_municipality"')


def _reference_queries(client: Any, page: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page).status_code == 200
    return [q["sql"] for q in captured if any(t in q["sql"] for t in REFERENCE_TABLES)]


@pytest.mark.parametrize("page", ["organisation_list", "person_list", "organisation_create"])
def test_reference_lists_are_read_once_not_per_page(zone: Any, staff_client: Any, page: str) -> None:
    address = url(page, zone)
    staff_client.get(address)
    assert _reference_queries(staff_client, address) == []


def test_organisation_edit_reads_no_reference_list(zone: Any, staff_client: Any) -> None:
    org = make_org(zone)
    address = url("organisation_edit", zone, pk=org.pk)
    staff_client.get(address)
    # The organisation's own clusters and municipalities are read with it (a join through its links),
    # the lists of every sector, cluster and municipality are not.
    assert all("INNER JOIN" in sql for sql in _reference_queries(staff_client, address))


@pytest.mark.django_db(transaction=True)  # the generations are raised after commit
def test_a_new_sector_is_offered_at_once(zone: Any, staff_client: Any) -> None:
    address = url("organisation_list", zone)
    assert "Sector van morgen" not in staff_client.get(address).content.decode()
    Sector.objects.create(code="morgen", name="Sector van morgen")
    assert "Sector van morgen" in staff_client.get(address).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_municipality_joining_the_zone_is_offered_at_once_and_only_there(
    zone: Any, other_zone: Any, staff_client: Any, client_as: Any
) -> None:
    address = url("organisation_list", zone)
    other = client_as("other_staff")
    other_address = url("organisation_list", other_zone)
    assert "Nieuwdorp" not in staff_client.get(address).content.decode()
    assert "Nieuwdorp" not in other.get(other_address).content.decode()
    place = Municipality.objects.create(nis_code="99999", name="Nieuwdorp", province="Vlaams-Brabant")
    ZoneMunicipality.objects.create(zone=zone, municipality=place)
    assert "Nieuwdorp" in staff_client.get(address).content.decode()
    assert "Nieuwdorp" not in other.get(other_address).content.decode()


def test_a_posted_sector_is_still_validated(zone: Any, staff_client: Any) -> None:
    response = staff_client.get(url("organisation_list", zone) + "?sector=999999")
    assert response.status_code == 200
    assert response.context["form"].errors["sector"]
