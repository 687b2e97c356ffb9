"""The signals API: public read without personal data; partners report; bounded input with Dutch 422."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from zorgraad.signals import services
from zorgraad.signals.models import Signal

from . import factories as f

pytestmark = pytest.mark.django_db
URL = "/api/v1/zones/amalo/signals"


def post(client: Client, payload: dict) -> object:
    return client.post(URL, json.dumps(payload), content_type="application/json")


def test_public_read_shows_structural_without_reporter(zone, users):
    s = f.signal(zone, title="Wachtlijst RTH", reporter_name="Geheime Melder", internal_notes="intern")
    services.signal_transition(zone=zone, actor=users["staff"], signal=s, to_status="structural")
    f.signal(zone, title="Niet publiek")
    response = Client().get(URL)
    assert response.status_code == 200
    data = response.json()
    assert [i["title"] for i in data["items"]] == ["Wachtlijst RTH"]
    text = response.content.decode()
    assert "Geheime Melder" not in text and "intern" not in text and "reporter" not in text


def test_partner_creates(zone, client_as):
    response = post(
        client_as("partner"),
        {"title": "Geen tandarts", "description": "Lange wachttijd.", "municipalities": ["23002"]},
    )
    assert response.status_code == 201, response.content
    s = Signal.objects.for_zone(zone).get()
    assert response.json()["reference"] == s.reference
    assert s.source == "partner_account" and [m.nis_code for m in s.municipalities.all()] == ["23002"]


@pytest.mark.parametrize("who", ["anonymous", "other_staff"])
def test_create_refused_without_partner_role(zone, client_as, who):
    response = post(client_as(who), {"title": "x", "description": "y"})
    assert response.status_code == 403
    assert "partners" in response.json()["detail"]
    assert not Signal.objects.for_zone(zone).exists()


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"title": "x", "description": ""}, "Beschrijf de situatie"),
        ({"title": "x", "description": "y" * 20_000}, "te lang"),
        ({"title": "x", "description": "<script>alert(1)</script>"}, "zonder HTML"),
        ({"title": "x\x00", "description": "y"}, "stuurteken"),
        ({"title": "x", "description": "y", "municipalities": ["46021"]}, "gemeenten van deze"),
        ({"title": "x", "description": "y", "municipalities": ["1"] * 30}, "hoogstens 20"),
    ],
)
def test_create_bad_input_is_422_in_dutch(zone, client_as, payload, message):
    response = post(client_as("partner"), payload)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Signal.objects.for_zone(zone).exists()
