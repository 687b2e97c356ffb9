"""Possible duplicates: fuzzy names, identical e-mail, only the own zone; the warning on create."""

from __future__ import annotations

import pytest

from zorgraad.network import duplicates
from zorgraad.network.models import Organisation, Person

from .test_directory_helpers import affiliate, make_org, make_person, url

pytestmark = pytest.mark.django_db


def test_organisation_candidates_ignore_accents_order_case_and_punctuation(zone, other_zone):
    caw = make_org(zone, "CAW Halle-Vilvoorde")
    make_org(zone, "Woonzorgcentrum Klaproos")
    make_org(other_zone, "CAW Halle-Vilvoorde")
    assert duplicates.organisation_candidates(zone, "caw halle vilvoorde") == [caw]
    assert duplicates.organisation_candidates(zone, "Halle-Vilvoorde CAW") == [caw]
    assert duplicates.organisation_candidates(zone, "CAW Hale-Vilvoorde") == [caw]  # typo
    assert duplicates.organisation_candidates(zone, "CAW Oost-Brabant") == []
    assert duplicates.organisation_candidates(zone, "CAW Halle-Vilvoorde", exclude_pk=caw.pk) == []


def test_organisation_candidates_match_short_name_and_skip_archived(zone):
    ocmw = make_org(zone, "Openbaar Centrum voor Maatschappelijk Welzijn Asse", short_name="OCMW Asse")
    make_org(zone, "OCMW Asse", is_archived=True)
    assert duplicates.organisation_candidates(zone, "ocmw asse") == [ocmw]


def test_organisation_candidates_at_most_five_best_first(zone):
    exact = make_org(zone, "Dienstencentrum Proefhof")
    for i in range(7):
        make_org(zone, f"Dienstencentrum Proefhof {i}")
    found = duplicates.organisation_candidates(zone, "Dienstencentrum Proefhof")
    assert len(found) == 5
    assert found[0] == exact


def test_person_candidates_by_name_and_email(zone, other_zone):
    anna = make_person(zone, "Anna", "Proefmans", "anna.p@example.be")
    other_mail = make_person(zone, "Zeger", "Anders", "ANNA.P@EXAMPLE.BE", is_archived=True)
    make_person(zone, "Piet", "Proefmans")
    make_person(other_zone, "Anna", "Proefmans", "anna.p@example.be")
    found = duplicates.person_candidates(zone, "Ánna", "proefmans", "Anna.P@example.be")
    assert [p.pk for p in found] == sorted(
        [anna.pk, other_mail.pk]
    )  # e-mail matches first, archived included
    assert duplicates.person_candidates(zone, "Proefmans", "Anna", "") == [anna]  # order of words
    assert duplicates.person_candidates(zone, "Jan", "Janssens", "jan@example.be") == []
    assert duplicates.person_candidates(zone, "Anna", "Proefmans", "", exclude_pk=anna.pk) == []


def test_person_with_same_email_is_always_a_candidate(zone):
    same = make_person(zone, "Totaal", "Anders", "gedeeld@example.be")
    for i in range(6):
        make_person(zone, "Anna", f"Proefmans{i}")
    found = duplicates.person_candidates(zone, "Anna", "Proefmans", "gedeeld@example.be")
    assert len(found) == 5
    assert found[0] == same


def test_person_create_warns_and_saves_nothing_until_confirmed(zone, staff_client):
    org = make_org(zone, "CAW Proefland")
    existing = make_person(zone, "Jonas", "Proefkens", "jonas@example.be")
    affiliate(existing, org, "onthaal")
    data = {"first_name": "Jonas", "last_name": "Proefkens", "email": "JONAS@example.be"}
    response = staff_client.post(url("person_create", zone), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bestaat dit al?" in html
    assert url("person_detail", zone, pk=existing.pk) in html
    assert "zelfde e-mailadres" in html
    assert "onthaal" in html and "CAW Proefland" in html
    assert 'name="confirm_new" value="1"' in html
    assert "Toch nieuw aanmaken" in html
    assert Person.objects.for_zone(zone).count() == 1

    response = staff_client.post(url("person_create", zone), {**data, "confirm_new": "1"})
    assert response.status_code == 302
    assert Person.objects.for_zone(zone).count() == 2


def test_person_create_warns_for_an_email_in_use_under_another_name(zone, staff_client):
    existing = make_person(zone, "Griet", "Verproef", "info@proefhof.example.be")
    response = staff_client.post(
        url("person_create", zone),
        {"first_name": "Karel", "last_name": "Andersproef", "email": "info@proefhof.example.be"},
    )
    assert url("person_detail", zone, pk=existing.pk) in response.content.decode()
    assert Person.objects.for_zone(zone).count() == 1


def test_organisation_create_warns_and_saves_nothing_until_confirmed(zone, other_zone, staff_client):
    existing = make_org(zone, "Woonzorgcentrum Klaproos", city="Asse")
    make_org(other_zone, "Woonzorgcentrum Klaproos")
    response = staff_client.post(url("organisation_create", zone), {"name": "WOONZORGCENTRUM KLAPROOS"})
    html = response.content.decode()
    assert "Bestaat dit al?" in html
    assert html.count("/beheer/organisaties/") >= 1
    assert url("organisation_detail", zone, pk=existing.pk) in html
    assert Organisation.objects.for_zone(zone).count() == 1
    response = staff_client.post(
        url("organisation_create", zone), {"name": "WOONZORGCENTRUM KLAPROOS", "confirm_new": "1"}
    )
    assert response.status_code == 302
    assert Organisation.objects.for_zone(zone).count() == 2
    assert Organisation.objects.for_zone(other_zone).count() == 1


def test_no_warning_without_candidates(zone, staff_client):
    make_org(zone, "Woonzorgcentrum Klaproos")
    response = staff_client.post(url("organisation_create", zone), {"name": "Huisartsenkring Proefland"})
    assert response.status_code == 302
