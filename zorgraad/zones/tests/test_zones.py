from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from zorgraad.zones.models import Municipality


@pytest.mark.django_db
def test_start_page_lists_the_zones_with_their_municipalities(client: Any, zones: dict[str, Any]) -> None:
    html = client.get("/").content.decode()
    for name in ("AMALO", "Zennevallei", "Waasland", "Asse", "Halle"):
        assert name in html


@pytest.mark.django_db
def test_zone_home_shows_municipalities_and_clusters(client: Any, zones: dict[str, Any]) -> None:
    response = client.get(reverse("zones:home", kwargs={"zone": "amalo"}))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Asse", "Affligem", "Liedekerke", "Merchtem", "Opwijk", "Welzijn", "Sociale kaart"):
        assert text in html
    assert "Halle" not in html


@pytest.mark.django_db
def test_unknown_zone_is_a_dutch_404(client: Any, zones: dict[str, Any]) -> None:
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "bestaat niet" in response.content.decode()
    assert client.get("/bestaat-niet/sociale-kaart/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["2300", "230022", "23A02", ""])
def test_nis_code_must_have_five_digits(code: str) -> None:
    m = Municipality(nis_code=code, name="Testgem", province="Vlaams-Brabant")
    with pytest.raises(ValidationError) as err:
        m.full_clean()
    assert "nis_code" in err.value.message_dict
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_merger_is_recorded_with_validity_dates(zones: dict[str, Any]) -> None:
    waasland = zones["waasland"]
    before = {m.name for m in waasland.municipalities_on(dt.date(2024, 6, 1))}
    after = {m.name for m in waasland.municipalities_on(dt.date(2025, 6, 1))}
    assert "Beveren" in before and "Beveren-Kruibeke-Zwijndrecht" not in before
    assert "Beveren-Kruibeke-Zwijndrecht" in after and "Beveren" not in after
    assert Municipality.objects.get(nis_code="46003").merged_into.nis_code == "46030"


@pytest.mark.django_db
def test_zone_demo_load_is_idempotent(zones: dict[str, Any]) -> None:
    from zorgraad.zones import demo
    from zorgraad.zones.models import Cluster, Sector, Zone, ZoneMunicipality

    counts = [m.objects.count() for m in (Zone, Municipality, ZoneMunicipality, Cluster, Sector)]
    demo.load()
    assert [m.objects.count() for m in (Zone, Municipality, ZoneMunicipality, Cluster, Sector)] == counts


@pytest.mark.django_db
def test_language_switch_to_english(client: Any, zones: dict[str, Any]) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/amalo/"})
    assert response.status_code == 302
    html = client.get("/amalo/").content.decode()
    assert '<html lang="en">' in html
    assert "Social map" in html
