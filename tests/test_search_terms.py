"""Search boxes outside the API: a very long search text never reaches the database as a query.

Every word of a search is one condition; with 1,000 words SQLite refuses the query ("Expression
tree is too large") and the page answered 500. `core.lists.search_words` keeps the first 10 words
of the first 200 characters for every selector that searches; the public social map reads whole
sentences and bounds its own search (network/selectors/offersearch.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from zorgraad.core.lists import SEARCH_MAX_WORDS, search_words
from zorgraad.governance import selectors as governance
from zorgraad.meetings.selectors import public as minutes
from zorgraad.network import pickers
from zorgraad.network.selectors import directory

pytestmark = pytest.mark.django_db

THOUSAND_WORDS = " ".join(f"woord{i}" for i in range(1000))


def test_search_words_keeps_the_first_ten_distinct_words_of_200_characters() -> None:
    assert search_words("a b  a c") == ["a", "b", "c"]
    assert search_words(THOUSAND_WORDS) == [f"woord{i}" for i in range(SEARCH_MAX_WORDS)]
    assert search_words("x" * 500) == ["x" * 200]
    assert search_words("") == []


def test_every_search_selector_takes_a_thousand_words(zone: Any) -> None:
    assert (
        list(directory.organisation_list(zone=zone, filters=directory.OrganisationFilters(q=THOUSAND_WORDS)))
        == []
    )
    assert list(directory.person_list(zone=zone, filters=directory.PersonFilters(q=THOUSAND_WORDS))) == []
    assert list(governance.body_overview(zone=zone, filters=governance.BodyFilters(q=THOUSAND_WORDS))) == []
    assert pickers.person_picker_search(zone=zone, q=THOUSAND_WORDS).choices == []
    assert pickers.organisation_picker_search(zone=zone, q=THOUSAND_WORDS).choices == []
    assert list(minutes.minutes_search(zone=zone, filters=minutes.MinutesFilters(q=THOUSAND_WORDS))) == []


@pytest.mark.parametrize(
    "path",
    [
        "/amalo/beheer/personen/",
        "/amalo/beheer/organisaties/",
        "/amalo/beheer/overleg/",
        "/amalo/beheer/personen/export.csv",
        "/amalo/beheer/organisaties/export.csv",
        "/amalo/overleg/verslagen/",
        "/amalo/sociale-kaart/",
    ],
)
def test_search_pages_answer_a_thousand_words(client_as: Any, path: str) -> None:
    client = client_as("staff")
    client.raise_request_exception = False
    assert client.get(path, {"q": THOUSAND_WORDS}).status_code == 200


def test_the_social_map_takes_a_whole_sentence(client: Client, zones: Any) -> None:
    """Citizens ask in sentences; the social map's search bounds its own work (offersearch.py)."""
    sentence = "mijn moeder wordt vergeetachtig en ik kan het echt niet meer aan alleen"
    response = client.get("/amalo/sociale-kaart/", {"q": sentence})
    assert response.status_code == 200
    assert "zoekwoorden" not in response.content.decode()
    assert response.context["form"].is_valid()
