"""Search in published minutes: accents and case ignored, body and period filters, this zone only."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.meetings.selectors.public import MinutesFilters, minutes_search, snippet
from zorgraad.meetings.services.publication import build_search_text

from .test_minutes_data import make_body, make_item, make_meeting

URL = "/amalo/overleg/verslagen/"


def published(
    zone: Any, body: Any, day: dt.date, text: str, status: str = MeetingStatus.PUBLISHED
) -> Meeting:
    meeting = make_meeting(zone, body, day, status=status)
    make_item(zone, meeting, 1, "Jaarthema’s", text)
    meeting.search_text = build_search_text(zone=zone, meeting=meeting)
    meeting.save(update_fields=["search_text"])
    return meeting


@pytest.fixture
def world(zone: Any, other_zone: Any) -> dict[str, Any]:
    welzijn = make_body(zone)
    zorg = make_body(zone, name="Clusteroverleg gezondheidszorg", slug="clusteroverleg-gezondheidszorg")
    closed = make_body(zone, name="Raad van bestuur", slug="raad-van-bestuur", is_open=False)
    return {
        "welzijn": welzijn,
        "zorg": zorg,
        "oct": published(
            zone, welzijn, dt.date(2025, 10, 9), "In LDC Den Hopstaak loopt het jaarthema Oncologie en rouw."
        ),
        "feb": published(zone, zorg, dt.date(2025, 2, 17), "Vorming rond oncologische zorg voor huisartsen."),
        "other": published(zone, welzijn, dt.date(2025, 5, 13), "Babbeltaartjes in alle gemeenten."),
        "approved": published(
            zone,
            welzijn,
            dt.date(2025, 11, 20),
            "Oncologie, nog niet gepubliceerd.",
            MeetingStatus.MINUTES_APPROVED,
        ),
        "closed": published(zone, closed, dt.date(2025, 10, 1), "Oncologie in het bestuur."),
        "foreign": published(
            other_zone, make_body(other_zone), dt.date(2025, 10, 9), "Oncologie in Zennevallei."
        ),
    }


def found(client: Any, **params: str) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [m.pk for m, _snip in response.context["results"]]


@pytest.mark.django_db
@pytest.mark.parametrize("word", ["oncologie", "Oncologie", "oncologïe", "ONCOLOGIE"])
def test_search_ignores_accents_and_case(client: Any, world: dict[str, Any], word: str) -> None:
    # "oncologische" (February) does not contain "oncologie": only October matches.
    assert found(client, q=word) == [world["oct"].pk]


@pytest.mark.django_db
def test_search_matches_every_word_and_finds_words_with_accents_in_the_text(
    client: Any, world: dict[str, Any]
) -> None:
    assert found(client, q="jaarthema rouw") == [world["oct"].pk]
    assert found(client, q="jaarthema bestuur") == []
    assert found(client, q="oncolog") == [world["oct"].pk, world["feb"].pk]
    assert found(client, q="JAARTHEMA’S") == [world["oct"].pk, world["other"].pk, world["feb"].pk]


@pytest.mark.django_db
def test_search_filters_on_body_and_period(client: Any, world: dict[str, Any]) -> None:
    assert found(client, q="oncolog", orgaan="clusteroverleg-gezondheidszorg") == [world["feb"].pk]
    assert found(client, van="2025-05-01", tot="2025-10-31") == [world["oct"].pk, world["other"].pk]
    assert found(client, q="oncolog", van="2025-03-01") == [world["oct"].pk]
    assert found(client, tot="2025-03-01") == [world["feb"].pk]


@pytest.mark.django_db
def test_search_shows_only_published_minutes_of_open_bodies_of_this_zone(
    client: Any, world: dict[str, Any]
) -> None:
    every = found(client)
    assert set(every) == {world["oct"].pk, world["feb"].pk, world["other"].pk}
    for hidden in ("approved", "closed", "foreign"):
        assert world[hidden].pk not in every
    # A closed body is no choice in the filter either: the wrong choice gets a Dutch error.
    response = client.get(URL, {"q": "oncologie", "orgaan": "raad-van-bestuur"})
    assert "Kies een overlegorgaan uit de lijst." in response.content.decode()
    assert [m.pk for m, _s in response.context["results"]] == [world["oct"].pk]


@pytest.mark.django_db
def test_search_result_shows_a_snippet_around_the_match(client: Any, world: dict[str, Any]) -> None:
    page = client.get(URL, {"q": "oncologïe"}).content.decode()
    assert "jaarthema <mark>Oncologie</mark> en rouw" in page
    assert (
        reverse(
            "meetings:meeting_public",
            kwargs={"zone": "amalo", "body": "clusteroverleg-welzijn", "pk": world["oct"].pk},
        )
        in page
    )
    assert "1 verslag gevonden" in page


@pytest.mark.django_db
def test_snippet_maps_accents_back_to_the_original_text(zone: Any) -> None:
    body = make_body(zone)
    long_text = "Inleiding. " * 30 + "Het café van de Ouderraad opent. " + "Slot. " * 60
    meeting = published(zone, body, dt.date(2025, 10, 9), long_text)
    row = minutes_search(zone=zone, filters=MinutesFilters(q="cafe")).get(pk=meeting.pk)
    snip = snippet(row, ["cafe"])
    assert snip.match == "café"
    assert snip.starts_inside and snip.ends_inside
    assert snip.before.endswith("Het ") and snip.after.startswith(" van de Ouderraad")
    assert len(snip.before) <= 80 and len(snip.after) <= 180


@pytest.mark.django_db
def test_empty_states_in_plain_dutch(client: Any, zone: Any, world: dict[str, Any]) -> None:
    page = client.get(URL, {"q": "vergadertijger"}).content.decode()
    assert "We vonden geen verslag met deze woorden." in page
    assert "0 verslagen gevonden" in page
    page = client.get(URL, {"van": "2025-10-31", "tot": "2025-01-01"}).content.decode()
    assert "De einddatum ligt vóór de begindatum." in page
    page = client.get(URL, {"van": "31-31-2025"}).content.decode()
    assert "Geef een geldige datum" in page


@pytest.mark.django_db
def test_no_published_minutes_yet(client: Any, zone: Any) -> None:
    page = client.get(URL).content.decode()
    assert "Er zijn nog geen gepubliceerde verslagen." in page


@pytest.mark.django_db
def test_search_pages_by_twenty(client: Any, zone: Any) -> None:
    body = make_body(zone)
    for n in range(25):
        published(zone, body, dt.date(2024, 1, 1) + dt.timedelta(days=7 * n), f"Oncologie deel {n}.")
    first = client.get(URL, {"q": "oncologie"})
    assert len(first.context["results"]) == 20 and "Pagina 1 van 2" in first.content.decode()
    second = client.get(URL, {"q": "oncologie", "page": "2"})
    assert len(second.context["results"]) == 5


@pytest.mark.django_db
def test_search_query_count_does_not_grow_with_results(
    client: Any, zone: Any, django_assert_max_num_queries: Any
) -> None:
    body = make_body(zone)
    published(zone, body, dt.date(2024, 1, 1), "Oncologie deel 0.")
    with django_assert_max_num_queries(12) as small:
        client.get(URL, {"q": "oncologie", "orgaan": body.slug})
    for n in range(1, 30):
        meeting = published(
            zone, body, dt.date(2024, 1, 1) + dt.timedelta(days=7 * n), f"Oncologie deel {n}."
        )
        make_item(zone, meeting, 2, "Varia", "Nog iets over oncologie.")
    cache.clear()  # this test's writes are never committed, so they do not raise the generation
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(URL, {"q": "oncologie", "orgaan": body.slug})
    assert len(response.context["results"]) == 20
