"""A create form posted twice makes one record and sends the second POST to the first record."""

from __future__ import annotations

import pytest

from zorgraad.network.models import Affiliation, Offer, Organisation, Person

from .test_directory_helpers import form_token, make_org, make_person, url

pytestmark = pytest.mark.django_db

MESSAGE = "Dit formulier werd al verstuurd; er is niets dubbel aangemaakt."


def test_organisation_posted_twice(zone, staff_client):
    page = url("organisation_create", zone)
    data = {"name": "Proefcentrum Eenmaal", "form_token": form_token(staff_client, page)}
    first = staff_client.post(page, data)
    org = Organisation.objects.for_zone(zone).get()
    assert first["Location"] == url("organisation_detail", zone, pk=org.pk)
    second = staff_client.post(page, data, follow=True)
    assert second.redirect_chain[-1][0] == url("organisation_detail", zone, pk=org.pk)
    assert MESSAGE in second.content.decode()
    assert Organisation.objects.for_zone(zone).count() == 1


def test_person_posted_twice(zone, staff_client):
    page = url("person_create", zone)
    data = {"first_name": "Nele", "last_name": "Eenmaalproef", "form_token": form_token(staff_client, page)}
    staff_client.post(page, data)
    person = Person.objects.for_zone(zone).get()
    second = staff_client.post(page, data, follow=True)
    assert second.redirect_chain[-1][0] == url("person_detail", zone, pk=person.pk)
    assert MESSAGE in second.content.decode()
    assert Person.objects.for_zone(zone).count() == 1


def test_offer_posted_twice(zone, staff_client):
    org = make_org(zone)
    page = url("offer_create", zone, pk=org.pk)
    data = {
        "title": "Eenmalig aanbod",
        "description": "Uitleg.",
        "form_token": form_token(staff_client, page),
    }
    staff_client.post(page, data)
    offer = Offer.objects.for_zone(zone).get()
    second = staff_client.post(page, data, follow=True)
    assert second.redirect_chain[-1][0] == url("offer_edit", zone, pk=offer.pk)
    assert MESSAGE in second.content.decode()
    assert Offer.objects.for_zone(zone).count() == 1


def test_affiliation_posted_twice(zone, staff_client):
    person, org = make_person(zone), make_org(zone)
    page = url("affiliation_add", zone, pk=person.pk)
    data = {"organisation": org.pk, "function": "vrijwilliger", "form_token": form_token(staff_client, page)}
    staff_client.post(page, data)
    second = staff_client.post(page, data, follow=True)
    assert second.redirect_chain[-1][0] == url("person_detail", zone, pk=person.pk)
    assert MESSAGE in second.content.decode()
    assert Affiliation.objects.for_zone(zone).count() == 1


def test_form_with_errors_keeps_its_token_and_can_still_be_sent_once(zone, staff_client):
    page = url("organisation_create", zone)
    token = form_token(staff_client, page)
    bad = staff_client.post(page, {"name": "", "form_token": token})
    assert f'value="{token}"' in bad.content.decode()
    staff_client.post(page, {"name": "Proefcentrum Eenmaal", "form_token": token})
    staff_client.post(page, {"name": "Proefcentrum Eenmaal", "form_token": token})
    assert Organisation.objects.for_zone(zone).count() == 1


def test_two_forms_opened_separately_make_two_records(zone, staff_client):
    page = url("organisation_create", zone)
    first, second = form_token(staff_client, page), form_token(staff_client, page)
    assert first != second
    staff_client.post(page, {"name": "Proefcentrum Noord", "form_token": first})
    staff_client.post(page, {"name": "Zorgpunt Zuid", "form_token": second})
    assert Organisation.objects.for_zone(zone).count() == 2


def test_token_is_bound_to_the_session(zone, staff_client, client_as):
    page = url("organisation_create", zone)
    data = {"name": "Proefcentrum Eenmaal", "form_token": form_token(staff_client, page)}
    staff_client.post(page, data)
    # Someone else's session does not know the token: a normal create, not a redirect to a record.
    other = client_as("staff")
    other.post(page, {**data, "name": "Zorgpunt Zuid"})
    assert Organisation.objects.for_zone(zone).count() == 2
