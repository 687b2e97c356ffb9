"""Query-count guards: the list pages cost the same number of queries for 1 row as for 50."""

from __future__ import annotations

import pytest

from .test_directory_helpers import affiliate, cluster, make_org, make_person, municipality, sector, url

pytestmark = pytest.mark.django_db

# session, user, roles, zone, count, page, prefetches; the filter choices (sectors, clusters,
# municipalities) come from a cached list (network/reference.py): 10-12 queries before issue 17.
LIST_BOUND = 8
EXPORT_BOUND = 9


def _organisations(zone, n):
    asse = municipality(zone, "Asse")
    for i in range(n):
        org = make_org(
            zone,
            f"Proeforganisatie {i:02}",
            sector=sector("caw"),
            clusters=[cluster("welzijn")],
            municipalities=[asse],
        )
        affiliate(make_person(zone, f"Voornaam{i:02}", "Proef"), org)


@pytest.mark.parametrize("rows", [1, 50])
def test_organisation_list_queries(zone, staff_client, django_assert_max_num_queries, rows):
    _organisations(zone, rows)
    staff_client.get(url("organisation_list", zone))  # warm the session
    with django_assert_max_num_queries(LIST_BOUND):
        response = staff_client.get(url("organisation_list", zone) + "?q=proef")
    assert response.content.decode().count("Proeforganisatie") == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 50])
def test_person_list_queries(zone, staff_client, django_assert_max_num_queries, rows):
    _organisations(zone, rows)
    staff_client.get(url("person_list", zone))
    with django_assert_max_num_queries(LIST_BOUND):
        response = staff_client.get(url("person_list", zone) + f"?sector={sector('caw').pk}")
    html = response.content.decode()
    assert html.count("maatschappelijk werker") == min(rows, 25)


@pytest.mark.parametrize("rows", [1, 50])
def test_exports_queries(zone, staff_client, django_assert_max_num_queries, rows):
    _organisations(zone, rows)
    with django_assert_max_num_queries(EXPORT_BOUND):
        assert staff_client.get(url("person_export", zone, fmt="xlsx")).status_code == 200
    with django_assert_max_num_queries(EXPORT_BOUND):
        assert staff_client.get(url("organisation_export", zone, fmt="csv")).status_code == 200
