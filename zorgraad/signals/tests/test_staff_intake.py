"""Staff register a signal heard by phone or mail (outside a meeting): /<zone>/beheer/signalen/nieuw/."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from zorgraad.network.models import Organisation, TargetGroup
from zorgraad.signals.models import Signal, SignalTransition
from zorgraad.signals.services import intake
from zorgraad.zones.models import Sector

from . import factories as f

pytestmark = pytest.mark.django_db


def url(name: str, **kw: Any) -> str:
    return reverse(f"signals:{name}", kwargs={"zone": "amalo", **kw})


GOOD = {
    "title": "Geen vervoer naar de dagopvang",
    "description": "Een mantelzorger belde: haar moeder geraakt twee dagen per week niet naar de dagopvang.",
    "source": "phone",
    "kind": "signal",
}


def test_triage_links_to_the_new_signal_form(zone, staff_client):
    assert url("staff_create") in staff_client.get(url("triage")).content.decode()


def test_register_by_phone_with_reporter_from_the_directory(zone, staff_client, users):
    sector = Sector.objects.order_by("pk").first()
    aff = f.affiliation(zone, first="Tine", last="Beller", org="Thuiszorgdienst Oost")
    Organisation.objects.for_zone(zone).filter(pk=aff.organisation_id).update(sector=sector)
    c1, c2 = f.challenge(zone), f.challenge(zone)
    group = TargetGroup.objects.create(name="Mantelzorgers test", slug="mantelzorgers-test")
    municipality = zone.municipalities_on().first()
    page = staff_client.get(url("staff_create"))
    assert page.status_code == 200
    response = staff_client.post(
        url("staff_create"),
        {
            **GOOD,
            "form_token": page.context["form_token"],
            "reporter_person": aff.person.pk,
            "challenges": [c1.pk, c2.pk],
            "municipalities": [municipality.pk],
            "target_groups": [group.pk],
            "is_structural": "on",
            "internal_notes": "Terugbellen na het overleg.",
        },
    )
    assert response.status_code == 302
    signal = Signal.objects.for_zone(zone).get()
    assert response["Location"] == url("detail", pk=signal.pk)
    assert signal.source == "phone" and signal.status == "received" and signal.is_structural
    assert signal.reporter_person == aff.person and signal.organisation == aff.organisation
    assert signal.sector == sector and signal.created_by == users["staff"]
    assert set(signal.challenges.all()) == {c1, c2}
    assert list(signal.municipalities.all()) == [municipality]
    assert list(signal.target_groups.all()) == [group]
    assert signal.internal_notes == "Terugbellen na het overleg."
    step = SignalTransition.objects.for_zone(zone).get(signal=signal)
    assert step.actor == users["staff"] and step.to_status == "received" and step.at is not None
    assert step.comment == "telefoon"
    detail = staff_client.get(response["Location"]).content.decode()
    assert f"<strong>ontvangen</strong> ({users['staff']}): telefoon" in detail
    triage = staff_client.get(url("triage")).content.decode()
    assert signal.reference in triage


def test_register_with_free_text_reporter_and_no_challenge(zone, staff_client):
    response = staff_client.post(
        url("staff_create"),
        {**GOOD, "source": "mail", "reporter_name": "Een huisarts", "organisation_text": "Praktijk De Linde"},
    )
    assert response.status_code == 302
    signal = Signal.objects.for_zone(zone).get()
    assert signal.reporter_person is None and signal.reporter_name == "Een huisarts"
    assert signal.organisation is None and signal.organisation_text == "Praktijk De Linde"
    assert signal.source == "mail" and not signal.challenges.exists()


def test_signal_from_an_ambassador_shows_via(zone, staff_client):
    aff = f.affiliation(zone, first="Koen", last="Ambassadeur", org="Vzw De Brug")
    f.ambassador(zone, aff)
    r = staff_client.post(url("staff_create"), {**GOOD, "reporter_person": aff.person.pk})
    assert r.status_code == 302
    assert (
        "via signaalambassadeur Koen Ambassadeur (Vzw De Brug)"
        in staff_client.get(r["Location"]).content.decode()
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Geef het signaal een korte titel."),
        ({"description": ""}, "Beschrijf de situatie"),
        ({"description": "x" * 20_000}, "te lang"),
        ({"description": "<img src=x onerror=alert(1)>"}, "zonder HTML"),
        ({"title": "wacht\x1blijst"}, "stuurteken"),
        ({"source": "public_form"}, "Kies hoe het signaal binnenkwam."),
        ({"follow_up": "on"}, "Geef een e-mailadres"),
        ({"contact_email": "geen-adres"}, "geldig e-mailadres"),
        ({"reporter_name": "Naam", "reporter_person": "PERSON"}, "niet allebei"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_saves_nothing(zone, staff_client, changes, message):
    person = f.affiliation(zone).person
    data = {**GOOD, **{k: (person.pk if v == "PERSON" else v) for k, v in changes.items()}}
    response = staff_client.post(url("staff_create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Signal.objects.for_zone(zone).exists()


def test_another_zones_person_organisation_or_challenge_is_refused(zone, other_zone, staff_client):
    theirs = f.affiliation(other_zone)
    their_challenge = f.challenge(other_zone)
    for data, message in [
        ({"reporter_person": theirs.person.pk}, "bestaat niet (meer) in deze eerstelijnszone"),
        ({"organisation": theirs.organisation.pk}, "organisatie van deze eerstelijnszone"),
        ({"challenges": [their_challenge.pk]}, "Kies uitdagingen van deze eerstelijnszone."),
    ]:
        r = staff_client.post(url("staff_create"), {**GOOD, **data})
        assert r.status_code == 200
        assert message in r.content.decode()
    assert not Signal.objects.unscoped().exists()


def test_service_refuses_another_zones_person_and_a_public_source(zone, other_zone, users):
    theirs = f.affiliation(other_zone)
    with pytest.raises(ValidationError) as exc:
        intake.signal_register(
            zone=zone, actor=users["staff"], data={**GOOD, "reporter_person": theirs.person}, source="phone"
        )
    assert "persoon van deze eerstelijnszone" in exc.value.message_dict["reporter_person"][0]
    with pytest.raises(ValidationError) as exc:
        intake.signal_register(zone=zone, actor=users["staff"], data=GOOD, source="public_form")
    assert "binnenkwam" in exc.value.message_dict["source"][0]
    assert not Signal.objects.unscoped().exists()


def test_posting_twice_makes_one_signal(zone, staff_client):
    token = staff_client.get(url("staff_create")).context["form_token"]
    first = staff_client.post(url("staff_create"), {**GOOD, "form_token": token})
    second = staff_client.post(url("staff_create"), {**GOOD, "form_token": token})
    assert first.status_code == second.status_code == 302
    assert Signal.objects.for_zone(zone).count() == 1


@pytest.mark.parametrize("role", ["anonymous", "partner", "member", "secretary", "other_staff"])
def test_only_staff_of_the_zone_may_register(zone, client_as, role):
    client = client_as(role)
    assert client.get(url("staff_create")).status_code in (302, 403)
    assert client.post(url("staff_create"), GOOD).status_code in (302, 403)
    assert not Signal.objects.unscoped().exists()
