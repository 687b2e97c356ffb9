"""What one instance of an indicator is called ('4 van 5 piekuurtjes'): Dutch endings on a Dutch page,
English ones on an English page, and odd labels (empty, '|', HTML, very long)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from zorgraad.planning import services
from zorgraad.planning.selectors import instance_names
from zorgraad.planning.tests.test_services import make_tree

DUTCH = [
    ("piekuurtje", "piekuurtjes"),  # -je
    ("sessie", "sessies"),  # -ie
    ("bijeenkomste", "bijeenkomstes"),  # -e
    ("artikel", "artikels"),  # -el
    ("lezer", "lezers"),  # -er
    ("bezem", "bezems"),  # -em
    ("teken", "tekens"),  # -en
    ("vergadering", "vergaderingen"),
    ("bijeenkomst", "bijeenkomsten"),
    ("keer", "keer"),
    ("beurs|beurzen", ("beurs", "beurzen")),
    (" beurs | beurzen ", ("beurs", "beurzen")),
    ("beurs|", ("beurs", "beurs")),
]
ENGLISH = [
    ("session", "sessions"),
    ("meeting", "meetings"),
    ("newsletter", "newsletters"),
    ("challenge", "challenges"),
    ("class", "classes"),
    ("box", "boxes"),
    ("match", "matches"),
    ("wish", "wishes"),
    ("activity", "activities"),
    ("day", "days"),
    ("keer", "keer"),
    ("person|people", ("person", "people")),
    ("beurs|beurzen", ("beurs", "beurzen")),
]


def _expected(label: str, plural: str | tuple[str, str]) -> tuple[str, str]:
    return plural if isinstance(plural, tuple) else (label, plural)


@pytest.mark.parametrize(("label", "plural"), DUTCH)
def test_dutch_endings_as_before(label: str, plural: str | tuple[str, str]) -> None:
    with translation.override("nl-be"):
        assert instance_names(label) == _expected(label, plural)


@pytest.mark.parametrize(("label", "plural"), ENGLISH)
def test_english_page_gets_english_plurals(label: str, plural: str | tuple[str, str]) -> None:
    with translation.override("en"):
        assert instance_names(label) == _expected(label, plural)


def test_no_dutch_ending_on_an_english_page() -> None:
    with translation.override("en"):
        for label in ("meeting", "session", "event", "workshop", "bijeenkomst"):
            assert not instance_names(label)[1].endswith(label + "en")
    with translation.override("en-gb"):
        assert instance_names("meeting") == ("meeting", "meetings")


@pytest.mark.parametrize("label", ["", "   ", "|", " | ", None])
def test_no_label_is_the_default_in_either_language(label: Any) -> None:
    with translation.override("nl-be"):
        assert instance_names(label) == ("keer", "keer")
    with translation.override("en"):
        assert instance_names(label) == ("time", "times")


def test_only_a_plural_names_both_forms() -> None:
    for lang in ("nl-be", "en"):
        with translation.override(lang):
            assert instance_names("|beurzen") == ("beurzen", "beurzen")


def test_html_is_kept_as_text() -> None:
    """The names are plain text (templates escape them), never cut or cleaned here."""
    with translation.override("nl-be"):
        assert instance_names("<b>sessie</b>") == ("<b>sessie</b>", "<b>sessie</b>en")
    with translation.override("en"):
        assert instance_names("<b>session</b>") == ("<b>session</b>", "<b>session</b>s")


def test_a_very_long_label_is_not_cut() -> None:
    long = "b" * 10_000 + "y"
    with translation.override("nl-be"):
        assert instance_names(long) == (long, long + "en")
    with translation.override("en"):
        assert instance_names(long) == (long, "b" * 10_000 + "ies")
        assert instance_names("x" * 10_000 + "|" + "z" * 10_000) == ("x" * 10_000, "z" * 10_000)


def _indicator(zone: Any, label: str) -> Any:
    t = make_tree(zone)
    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=t["action"],
        name="Aanwezigen",
        comparator="gte",
        target=20,
        scope="instance",
        instance_label=label,
    )
    for day, n in ((1, 25), (2, 18)):
        services.indicator_value_add(
            zone=zone, actor=None, indicator=ind, date=dt.date(2025, day, 10), value=n
        )
    return t, ind


def _page(client: Client, t: dict[str, Any], **headers: Any) -> str:
    url = reverse("planning:action_detail", kwargs={"zone": "amalo", "pk": t["action"].pk})
    r = client.get(url, **headers)
    assert r.status_code == 200
    return r.content.decode()


@pytest.mark.django_db
def test_action_page_in_english_and_in_dutch(zone: Any, staff_client: Client) -> None:
    t, ind = _indicator(zone, "session")
    english = _page(staff_client, t, HTTP_ACCEPT_LANGUAGE="en")
    assert "1 of 2 sessions reached 20" in english and "sessionen" not in english
    assert "per session" in english
    services.indicator_update(zone=zone, actor=None, indicator=ind, instance_label="sessie")
    dutch = _page(staff_client, t, HTTP_ACCEPT_LANGUAGE="nl-be")
    assert "1 van 2 sessies haalden 20" in dutch and "per sessie" in dutch


@pytest.mark.django_db
def test_html_label_is_escaped_on_the_page(zone: Any, staff_client: Client) -> None:
    t, _ind = _indicator(zone, "<i>x</i>")
    html = _page(staff_client, t, HTTP_ACCEPT_LANGUAGE="nl-be")
    assert "<i>x</i>" not in html
    assert "1 van 2 &lt;i&gt;x&lt;/i&gt;en haalden 20" in html
