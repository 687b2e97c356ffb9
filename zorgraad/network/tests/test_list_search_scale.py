"""Searched staff lists read the matches, not the zone (issue 17, "flat in the size of the zone").

A search of the people or organisation list is sorted after it is found when it matches at most
SEARCH_SORT_AFTER rows (selectors/directory.py SearchedRows), and read in name order from the list's
index when it matches more: the same rows in the same order either way, the same queries with one
match as with many, and on PostgreSQL a trigram index (migration network 0006) to find them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from zorgraad.network.models import Organisation, Person
from zorgraad.network.selectors import directory
from zorgraad.network.selectors.directory import (
    OrganisationFilters,
    PersonFilters,
    SearchedRows,
    organisation_list_values,
    person_list_page,
)

from .test_directory_helpers import affiliate, make_org, make_person, url

pytestmark = pytest.mark.django_db


def _people(zone: Any, n: int, last: str = "Zoekmans") -> None:
    rows = []
    for i in range(n):
        p = Person(zone=zone, first_name=f"Voornaam{i:03}", last_name=f"{last}{i % 7}", email="")
        p.search_text = p.build_search_text()
        rows.append(p)
    Person.objects.bulk_create(rows)


def _organisations(zone: Any, n: int) -> None:
    rows = []
    for i in range(n):
        o = Organisation(zone=zone, name=f"Zoekdienst {(i * 37) % 101:03} {i}")
        o.search_text = o.build_search_text()
        rows.append(o)
    Organisation.objects.bulk_create(rows)


@pytest.mark.parametrize("sort_after", [0, 10_000])
def test_searched_people_same_rows_and_order_either_way(zone: Any, other_zone: Any, sort_after: int) -> None:
    _people(zone, 60)
    _people(other_zone, 5)
    make_person(zone, "Andere", "Naam")
    plain = list(
        Person.objects.for_zone(zone)
        .filter(is_archived=False, search_text__contains="zoekmans")
        .order_by("last_name", "first_name", "id")
        .values_list("pk", flat=True)
    )
    assert len(plain) == 60
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(directory, "SEARCH_SORT_AFTER", sort_after)
        rows = person_list_page(zone=zone, filters=PersonFilters(q="Zoekmans"))
        assert isinstance(rows, SearchedRows)
        assert rows.count() == 60
        found = [p.pk for start in range(0, 60, 25) for p in rows[start : start + 25]]
    assert found == plain


@pytest.mark.parametrize("sort_after", [0, 10_000])
def test_searched_organisations_same_rows_and_order_either_way(zone: Any, sort_after: int) -> None:
    _organisations(zone, 40)
    plain = list(
        Organisation.objects.for_zone(zone)
        .filter(is_archived=False, search_text__contains="zoekdienst")
        .order_by("name", "id")
        .values_list("pk", flat=True)
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(directory, "SEARCH_SORT_AFTER", sort_after)
        rows = organisation_list_values(zone=zone, filters=OrganisationFilters(q="zoekdienst"))
        assert len(rows) == 40
        found = [r["pk"] for r in rows[0:40]]
    assert found == plain


def test_unsearched_lists_stay_plain_querysets(zone: Any) -> None:
    assert not isinstance(person_list_page(zone=zone, filters=PersonFilters()), SearchedRows)
    assert not isinstance(organisation_list_values(zone=zone), SearchedRows)


def test_few_matches_are_sorted_after_they_are_found(zone: Any) -> None:
    """Below the bound the page's SELECT is ordered on `name || ''` (no index gives that order, so the
    database finds the matches first); above it, on the indexed name itself."""
    _people(zone, 12)
    with pytest.MonkeyPatch.context() as mp:
        for bound, expect_expression in ((100, True), (5, False)):
            mp.setattr(directory, "SEARCH_SORT_AFTER", bound)
            rows = person_list_page(zone=zone, filters=PersonFilters(q="zoekmans"))
            with CaptureQueriesContext(connection) as captured:
                list(rows[0:25])
            select = next(q["sql"] for q in captured if q["sql"].startswith('SELECT "network_person"."id"'))
            order = select.upper().split("ORDER BY", 1)[1]
            assert ("||" in order or "CONCAT" in order) is expect_expression, (bound, order)


def _queries(client: Client, path: str) -> tuple[int, str]:
    with override_settings(ZORGRAAD_STAFF_PAGE_CACHE=False):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.mark.parametrize(("page", "word"), [("person_list", "zoekmans"), ("organisation_list", "zoekdienst")])
def test_search_pages_cost_the_same_queries_with_one_and_many_matches(
    zone: Any, staff_client: Client, page: str, word: str
) -> None:
    org = make_org(zone, "Zoekdienst Eerste")
    affiliate(make_person(zone, "Eva", "Zoekmans"), org)
    path = url(page, zone) + f"?q={word}"
    one, html = _queries(staff_client, path)
    assert "Zoekdienst Eerste" in html if page == "organisation_list" else "Eva" in html
    _people(zone, 300)
    _organisations(zone, 300)
    many, html = _queries(staff_client, path)
    assert many == one
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(directory, "SEARCH_SORT_AFTER", 10)  # the other way of reading: no query more
        assert _queries(staff_client, path)[0] == one
    assert "Pagina 1 van 13" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
def test_trigram_indexes_on_postgresql() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('person_search_trgm', 'organisation_search_trgm')"
        )
        found = dict(cursor.fetchall())
    assert set(found) == {"person_search_trgm", "organisation_search_trgm"}
    assert all("gin_trgm_ops" in d for d in found.values())
