"""Offers (aanbod): create, edit, archive; what the social map relies on (search_text, is_archived)."""

from __future__ import annotations

import pytest

from zorgraad.network import services
from zorgraad.network.models import Offer, TargetGroup, Theme

from .test_directory_helpers import audit_rows, make_offer, make_org, municipality, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocab(db):
    return {
        "ouderen": TargetGroup.objects.create(name="Kwetsbare ouderen", slug="kwetsbare-ouderen"),
        "eenzaamheid": Theme.objects.create(name="Eenzaamheid", slug="eenzaamheid"),
    }


def test_offer_create_service(zone, users, vocab):
    org = make_org(zone, "Dienstencentrum Proefhof")
    asse = municipality(zone, "Asse")
    offer = services.offer_create(
        zone=zone,
        actor=users["staff"],
        organisation=org,
        data={
            "title": "Babbelbezoek",
            "description": "Een vrijwilliger komt op bezoek.",
            "how_to_refer": "Bel het onthaal.",
            "target_groups": [vocab["ouderen"]],
            "themes": [vocab["eenzaamheid"]],
            "municipalities": [asse],
        },
    )
    offer.refresh_from_db()
    assert not offer.is_archived
    assert "babbelbezoek" in offer.search_text and "dienstencentrum proefhof" in offer.search_text
    assert [t.name for t in offer.target_groups.all()] == ["Kwetsbare ouderen"]
    assert [m.name for m in offer.municipalities.all()] == ["Asse"]
    [entry] = audit_rows(zone, offer)
    assert entry.action == "created"


def test_offer_create_service_refuses_other_zone_municipality(zone, other_zone, users):
    org = make_org(zone)
    with pytest.raises(services.ServiceError) as caught:
        services.offer_create(
            zone=zone,
            actor=users["staff"],
            organisation=org,
            data={"title": "X", "description": "Y", "municipalities": [municipality(other_zone, "Halle")]},
        )
    assert caught.value.message_dict == {"municipalities": ["Kies enkel gemeenten van deze eerstelijnszone."]}
    assert Offer.objects.for_zone(zone).count() == 0


def test_offer_create_service_refuses_archived_or_foreign_organisation(zone, other_zone, users):
    archived = make_org(zone, "Oud Centrum", is_archived=True)
    foreign = make_org(other_zone, "CAW Zennevallei")
    for org in (archived, foreign):
        with pytest.raises(services.ServiceError):
            services.offer_create(
                zone=zone, actor=users["staff"], organisation=org, data={"title": "X", "description": "Y"}
            )
    assert Offer.objects.unscoped().count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "onthaal@", "Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be."),
        ("website", "proefhof punt be", "Geef een volledig webadres, bijvoorbeeld https://www.voorbeeld.be."),
        ("description", "", "Beschrijf kort wat dit aanbod inhoudt."),
    ],
)
def test_offer_create_view_unhappy(zone, staff_client, field, value, message):
    org = make_org(zone)
    data = {"title": "Babbelbezoek", "description": "Een bezoek.", field: value}
    response = staff_client.post(url("offer_create", zone, pk=org.pk), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Offer.objects.for_zone(zone).count() == 0


def test_offer_create_view_municipality_of_other_zone_is_not_a_choice(zone, other_zone, staff_client):
    org = make_org(zone)
    halle = municipality(other_zone, "Halle")
    html = staff_client.get(url("offer_create", zone, pk=org.pk)).content.decode()
    assert "Asse" in html and "Halle" not in html
    response = staff_client.post(
        url("offer_create", zone, pk=org.pk), {"title": "X", "description": "Y", "municipalities": [halle.pk]}
    )
    assert response.status_code == 200
    assert Offer.objects.for_zone(zone).count() == 0


def test_offer_create_view_happy(zone, staff_client, vocab):
    org = make_org(zone, "Dienstencentrum Proefhof")
    response = staff_client.post(
        url("offer_create", zone, pk=org.pk),
        {"title": "Babbelbezoek", "description": "Een bezoek.", "themes": [vocab["eenzaamheid"].pk]},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("organisation_detail", zone, pk=org.pk)
    html = response.content.decode()
    assert "Aanbod Babbelbezoek is toegevoegd." in html
    offer = Offer.objects.for_zone(zone).get()
    assert url("offer_edit", zone, pk=offer.pk) in html


def test_offer_edit_view_audits_and_rebuilds_search_text(zone, staff_client):
    offer = make_offer(make_org(zone), "Babbelbezoek")
    response = staff_client.post(
        url("offer_edit", zone, pk=offer.pk), {"title": "Praatcafé", "description": "Elke dinsdag."}
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Praatcafé" and "praatcafe" in offer.search_text
    [entry] = audit_rows(zone, offer)
    assert entry.changes["title"] == ["Babbelbezoek", "Praatcafé"]
    html = staff_client.get(url("offer_edit", zone, pk=offer.pk)).content.decode()
    assert "Geschiedenis" in html and "Praatcafé" in html


def test_offer_archive_confirm_then_archive(zone, staff_client):
    org = make_org(zone)
    offer = make_offer(org, "Babbelbezoek")
    html = staff_client.get(url("offer_archive", zone, pk=offer.pk)).content.decode()
    assert "Wil je het aanbod Babbelbezoek archiveren?" in html
    offer.refresh_from_db()
    assert not offer.is_archived
    response = staff_client.post(url("offer_archive", zone, pk=offer.pk), follow=True)
    assert "Aanbod Babbelbezoek is gearchiveerd." in response.content.decode()
    offer.refresh_from_db()
    assert offer.is_archived
    # archived offers leave the organisation page
    html = staff_client.get(url("organisation_detail", zone, pk=org.pk)).content.decode()
    assert url("offer_edit", zone, pk=offer.pk) not in html
    response = staff_client.post(url("offer_archive", zone, pk=offer.pk), follow=True)
    assert "Dit aanbod is al gearchiveerd." in response.content.decode()


def test_offer_pages_are_404_across_zones(zone, other_zone, staff_client):
    offer = make_offer(make_org(other_zone, "CAW Zennevallei"))
    for name in ("offer_edit", "offer_archive"):
        assert staff_client.get(url(name, zone, pk=offer.pk)).status_code == 404
    assert (
        staff_client.post(
            url("offer_edit", zone, pk=offer.pk), {"title": "X", "description": "Y"}
        ).status_code
        == 404
    )
    offer.refresh_from_db()
    assert offer.title == "Sociaal huisbezoek"
