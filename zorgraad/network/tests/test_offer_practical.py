"""An offer tells how to get there: where, when, cost, languages, accessibility, referral; empty is hidden."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.network.models import Offer, Organisation, Referral
from zorgraad.network.services import offer_create, offer_update

pytestmark = pytest.mark.django_db


def _offer(zone: Any, **extra: Any) -> Offer:
    org = Organisation.objects.create(zone=zone, name="Dienstencentrum De Linde", street="Kerkplein 1")
    return offer_create(
        zone=zone,
        actor=None,
        organisation=org,
        data={"title": "Sociaal restaurant", "description": "Een warme maaltijd.", **extra},
    )


def _page(zone: Any, offer: Offer) -> str:
    url = reverse("network:socialmap_offer", kwargs={"zone": zone.slug, "pk": offer.pk})
    return Client().get(url).content.decode()


def test_practical_facts_are_shown_and_the_site_address_is_the_offers(zone: Any) -> None:
    offer = _offer(
        zone,
        site_address="Stationsstraat 12, 1730 Asse",
        opening_hours="ma–vr 11u30–13u30",
        cost="€ 4 per maaltijd, minder volgens inkomen",
        languages="Nederlands, Frans",
        accessibility="rolstoeltoegankelijk",
        referral=Referral.FREE,
    )
    html = _page(zone, offer)
    for text in (
        "Praktisch",
        "Stationsstraat 12, 1730 Asse",
        "ma–vr 11u30–13u30",
        "€ 4 per maaltijd",
        "Nederlands, Frans",
        "rolstoeltoegankelijk",
        "Vrij toegankelijk",
    ):
        assert text in html
    from zorgraad.network.selectors import socialmap as selectors

    offer = Offer.objects.for_zone(zone).select_related("organisation__parent").get()
    selectors.mark_reach(offers=[offer])
    assert offer.reach.address == "Stationsstraat 12, 1730 Asse"


def test_empty_facts_are_hidden_not_shown_as_a_dash(zone: Any) -> None:
    html = _page(zone, _offer(zone))
    assert "Praktisch" not in html
    assert "Openingsuren" not in html
    assert "<dd>–</dd>" not in html


def test_changes_are_in_the_history_and_bad_input_is_refused(zone: Any, staff_client: Any) -> None:
    offer = _offer(zone)
    offer_update(zone=zone, actor=None, offer=offer, data={"cost": "gratis"})
    from zorgraad.core.models import AuditEntry

    entry = AuditEntry.objects.for_zone(zone).filter(action="updated").latest("pk")
    assert "cost" in entry.changes
    url = reverse("network:offer_edit", kwargs={"zone": zone.slug, "pk": offer.pk})
    response = staff_client.post(
        url,
        {
            "title": offer.title,
            "description": offer.description,
            "opening_hours": "ma\x0bdi",
            "referral": "x",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "stuurteken" in html
    offer.refresh_from_db()
    assert offer.opening_hours == "" and offer.referral == "" and offer.cost == "gratis"
