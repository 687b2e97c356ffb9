"""'Mijn profiel': a logged-in partner checks and corrects their own details, and nobody else's."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from zorgraad.core.audit import history_for
from zorgraad.network.models import Person

from .test_selfservice import form_data, make_org, make_person, snapshot, text


def profile_url(zone: Any) -> str:
    return reverse("network:my_profile", kwargs={"zone": zone.slug})


@pytest.mark.django_db
def test_partner_edits_their_phone(zone, users, client_as):
    org = make_org(zone)
    person = make_person(zone, org=org, phone="02 000 00 01", user=users["partner"])
    partner = client_as("partner")
    page = partner.get(profile_url(zone))
    assert page.status_code == 200
    assert "02 000 00 01" in text(page) and "Thuiszorg De Proefhoeve" in text(page)

    response = partner.post(profile_url(zone), form_data(zone, person, **{"person-phone": "02 000 00 02"}))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.phone == "02 000 00 02"
    assert person.last_confirmed_at is not None
    update = history_for(zone=zone, instance=person).get(action="updated")
    assert update.changes["phone"] == ["02 000 00 01", "02 000 00 02"]
    assert update.actor == users["partner"]
    followed = partner.get(response["Location"])
    assert "Je gegevens zijn bewaard en bevestigd" in text(followed)


@pytest.mark.django_db
def test_bad_input_on_own_profile_saves_nothing(zone, users, client_as):
    person = make_person(zone, user=users["partner"])
    before = snapshot(zone)
    response = client_as("partner").post(
        profile_url(zone), form_data(zone, person, **{"person-email": "geen-adres", "person-phone": "09 1"})
    )
    assert response.status_code == 200
    assert "Geef een geldig e-mailadres" in text(response)
    assert snapshot(zone) == before


@pytest.mark.django_db
def test_without_a_linked_person_a_friendly_explanation(zone, client_as):
    zone.email = "info@zone.example.be"
    zone.save()
    make_person(zone)  # exists, but not linked to the partner's account
    response = client_as("partner").get(profile_url(zone))
    assert response.status_code == 200
    page = text(response)
    assert "geen persoon in het adresboek gekoppeld" in page
    assert "info@zone.example.be" in page
    assert "Testjens" not in page


@pytest.mark.django_db
def test_partner_cannot_edit_someone_else(zone, users, client_as):
    mine = make_person(zone, user=users["partner"])
    theirs = make_person(zone, "Wannes", "Voorbeeldt", "wannes@example.be", phone="02 555 55 55")
    partner = client_as("partner")
    assert partner.get(profile_url(zone), {"persoon": theirs.pk}).status_code == 404
    before = snapshot(zone)
    data = form_data(zone, theirs, **{"person-phone": "02 666 66 66", "persoon": str(theirs.pk)})
    assert partner.post(profile_url(zone), data).status_code == 404
    assert snapshot(zone) == before
    # a post without `persoon` edits the partner's own record, never the other one
    partner.post(profile_url(zone), form_data(zone, mine, **{"person-phone": "02 777 77 77"}))
    assert Person.objects.for_zone(zone).get(pk=theirs.pk).phone == "02 555 55 55"
    assert Person.objects.for_zone(zone).get(pk=mine.pk).phone == "02 777 77 77"


@pytest.mark.django_db
def test_another_zones_staff_sees_nothing_of_this_zones_person(zone, other_zone, users, client_as):
    make_person(zone, "Wannes", "Voorbeeldt", "wannes@example.be", user=users["other_staff"])
    other_staff = client_as("other_staff")
    assert other_staff.get(profile_url(zone)).status_code == 403
    own_zone_page = other_staff.get(profile_url(other_zone))
    assert own_zone_page.status_code == 200
    assert "Voorbeeldt" not in text(own_zone_page)
    assert "geen persoon in het adresboek gekoppeld" in text(own_zone_page)


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(zone, client):
    response = client.get(profile_url(zone))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.django_db
def test_two_own_records_can_each_be_chosen(zone, users, client_as):
    first = make_person(zone, user=users["partner"], email="een@example.be")
    second = make_person(zone, user=users["partner"], email="twee@example.be", phone="02 222 22 22")
    partner = client_as("partner")
    page = text(partner.get(profile_url(zone), {"persoon": second.pk}))
    assert "02 222 22 22" in page
    data = form_data(zone, second, **{"person-phone": "02 333 33 33", "persoon": str(second.pk)})
    response = partner.post(profile_url(zone), data)
    assert response.status_code == 302 and response["Location"].endswith(f"?persoon={second.pk}")
    assert Person.objects.for_zone(zone).get(pk=second.pk).phone == "02 333 33 33"
    assert Person.objects.for_zone(zone).get(pk=first.pk).phone == "0470 12 34 56"
