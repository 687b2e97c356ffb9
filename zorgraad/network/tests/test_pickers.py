"""Search pickers: find a person or organisation of the zone by name, never list them all, never show
e-mail addresses, never another zone's records; a constant number of queries however big the zone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zorgraad.network import pickers
from zorgraad.network.models import Affiliation, Organisation, Person

pytestmark = pytest.mark.django_db


def person(zone: Any, first: str, last: str, email: str = "", **extra: Any) -> Person:
    p = Person(zone=zone, first_name=first, last_name=last, email=email, **extra)
    p.search_text = p.build_search_text()
    p.save()
    return p


def organisation(zone: Any, name: str, short_name: str = "", city: str = "", **extra: Any) -> Organisation:
    o = Organisation(zone=zone, name=name, short_name=short_name, city=city, **extra)
    o.search_text = o.build_search_text()
    o.save()
    return o


def works_for(p: Person, o: Organisation, **extra: Any) -> Affiliation:
    return Affiliation.objects.create(zone=p.zone, person=p, organisation=o, **extra)


def labels(matches: pickers.Matches) -> list[str]:
    return [c.label for c in matches.choices]


def search_url(kind: str, **params: str) -> str:
    name = "network:person_picker" if kind == "person" else "network:organisation_picker"
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse(name, kwargs={"zone": "amalo"}) + "?" + query


def test_people_are_found_by_name_or_current_organisation_not_by_email(zone: Any, other_zone: Any) -> None:
    caw = organisation(zone, "Centrum Algemeen Welzijnswerk Zuid", short_name="CAW", city="Asse")
    old = organisation(zone, "Vroegere Dienst")
    fien = person(zone, "Fien", "Ötztal", "verborgen.adres@example.be")
    works_for(fien, caw)
    bram = person(zone, "Bram", "Pieters", "bram@example.be")
    works_for(bram, old, end=dt.date(2020, 1, 1))  # no longer works there
    person(zone, "Ilse", "Ötztal-Archief", is_archived=True)
    person(other_zone, "Fien", "Ötztal", "elders@example.be")

    assert labels(pickers.person_picker_search(zone=zone, q="otztal")) == ["Ötztal Fien"]
    assert labels(pickers.person_picker_search(zone=zone, q="ÖTZ fien")) == ["Ötztal Fien"]
    found = pickers.person_picker_search(zone=zone, q="caw")
    assert labels(found) == ["Ötztal Fien"]
    assert found.choices[0].detail == "Centrum Algemeen Welzijnswerk Zuid"
    assert labels(pickers.person_picker_search(zone=zone, q="welzijnswerk")) == ["Ötztal Fien"]
    assert labels(pickers.person_picker_search(zone=zone, q="verborgen")) == []  # e-mail is not searched
    assert labels(pickers.person_picker_search(zone=zone, q="example")) == []
    assert labels(pickers.person_picker_search(zone=zone, q="vroegere")) == []  # an ended affiliation
    assert labels(pickers.person_picker_search(zone=zone, q="")) == []
    assert labels(pickers.person_picker_search(zone=zone, q="x" * 5000)) == []  # bounded, no error


def test_organisations_are_found_by_name_or_short_name(zone: Any, other_zone: Any) -> None:
    organisation(zone, "Woonzorgcentrum De Linde", city="Ternat")
    organisation(zone, "Centrum Algemeen Welzijnswerk", short_name="CAW")
    organisation(zone, "Gesloten Dienst", is_archived=True)
    organisation(other_zone, "Woonzorgcentrum Elders")
    organisation(zone, "Dienst met omschrijving", description="linde")
    found = pickers.organisation_picker_search(zone=zone, q="linde")
    assert labels(found) == ["Woonzorgcentrum De Linde"] and found.choices[0].detail == "Ternat"
    assert labels(pickers.organisation_picker_search(zone=zone, q="caw")) == [
        "Centrum Algemeen Welzijnswerk (CAW)"
    ]
    assert labels(pickers.organisation_picker_search(zone=zone, q="gesloten")) == []


def test_search_shows_at_most_the_limit_and_says_there_is_more(zone: Any) -> None:
    for n in range(pickers.PICKER_LIMIT + 3):
        person(zone, f"Jan{n:02d}", "Janssens")
    found = pickers.person_picker_search(zone=zone, q="janssens")
    assert len(found.choices) == pickers.PICKER_LIMIT and found.more


def test_endpoint_answers_radio_buttons_with_name_and_organisation_only(
    zone: Any, other_zone: Any, client_as: Any
) -> None:
    caw = organisation(zone, "CAW Testregio")
    fien = person(zone, "Fien", "Ötztal", "fien.otztal@example.be")
    works_for(fien, caw)
    chosen = person(zone, "Wout", "Gekozen", "wout@example.be")
    stranger = person(other_zone, "Fien", "Ötztal", "elders@example.be")
    response = client_as("secretary").get(
        search_url("person", veld="person", person__zoek="otztal", person=str(chosen.pk)),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert f'name="person" value="{fien.pk}"' in html and "Ötztal Fien" in html and "CAW Testregio" in html
    assert f'value="{chosen.pk}" checked' in html  # what was chosen stays chosen
    assert f'value="{stranger.pk}"' not in html
    assert "@" not in html
    # A chosen id of another zone is not shown.
    html = (
        client_as("secretary")
        .get(search_url("person", veld="person", person=str(stranger.pk)))
        .content.decode()
    )
    assert f'value="{stranger.pk}"' not in html


def test_endpoint_refuses_odd_field_names_and_other_roles(zone: Any, client_as: Any) -> None:
    assert client_as("secretary").get(search_url("person", veld='x"><script>')).status_code == 404
    for role in ("member", "partner", "other_staff"):
        assert client_as(role).get(search_url("person", veld="person", person__zoek="a")).status_code == 403
    assert client_as("anonymous").get(search_url("organisation", veld="o")).status_code == 302


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_endpoint_query_count_does_not_grow_with_the_zone(zone: Any, client_as: Any, kind: str) -> None:
    client = client_as("staff")
    url = search_url(kind, veld="x", x__zoek="de")

    def queries() -> int:
        client.get(url)  # warm the session and zone caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    org = organisation(zone, "De Eerste")
    works_for(person(zone, "An", "De Smet"), org)
    small = queries()
    for n in range(40):
        o = organisation(zone, f"De Dienst {n}")
        p = person(zone, f"Piet{n}", f"De Wit{n}")
        works_for(p, o)
        works_for(p, org)
    assert queries() == small


class PickForm(forms.Form):
    person = pickers.PickerField(kind=pickers.PERSON, label="Persoon")
    organisation = pickers.PickerField(kind=pickers.ORGANISATION, required=False, empty_label="(geen)")

    def __init__(self, *args: Any, zone: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].for_zone(zone, Person.objects.for_zone(zone).filter(is_archived=False))
        self.fields["organisation"].for_zone(zone, Organisation.objects.for_zone(zone))


def test_the_field_takes_an_id_of_its_zone_only(zone: Any, other_zone: Any) -> None:
    mine = person(zone, "Lien", "Anders")
    theirs = person(other_zone, "Lien", "Elders")
    assert PickForm({"person": str(mine.pk)}, zone=zone).is_valid()
    for value in (str(theirs.pk), "abc", "99999999"):
        form = PickForm({"person": value}, zone=zone)
        assert not form.is_valid() and "person" in form.errors
    assert PickForm({}, zone=zone).errors["person"]


def test_the_widget_lists_only_the_chosen_record_and_the_matches(zone: Any) -> None:
    for n in range(30):
        person(zone, f"Naam{n}", f"Familie{n}", f"p{n}@example.be")
    chosen = person(zone, "Lien", "Anders", "lien@example.be")
    html = str(PickForm(initial={"person": chosen.pk}, zone=zone)["person"])
    assert "Anders Lien" in html and "Familie1" not in html and "@" not in html and "<option" not in html
    assert f'value="{chosen.pk}" checked' in html
    form = PickForm(zone=zone)
    pickers.use_search(type("R", (), {"GET": {"person__zoek": "familie2"}})(), form)  # type: ignore[arg-type]
    html = str(form["person"])
    assert "Familie2 Naam2" in html and "Familie20 Naam20" in html and "Familie3 " not in html
    assert 'name="person__zoek" value="familie2"' in html
    assert 'form="id_person-zoekform"' in html  # the search box is not part of the POST
    html = str(form["organisation"])
    assert 'name="organisation" value="" checked' in html and "(geen)" in html
