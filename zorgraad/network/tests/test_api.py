"""The JSON API: public organisations and offers per zone, people only for staff of that zone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from zorgraad.network.models import Affiliation, Person, TargetGroup, Theme
from zorgraad.zones.models import Municipality, Sector, Zone

from .test_socialmap import make_offer, make_org

pytestmark = pytest.mark.django_db

API = "/api/v1"
STAFF_ONLY = "Alleen medewerkers van deze eerstelijnszone kunnen personen opvragen."


def make_person(zone: Any, first: str, last: str, **extra: Any) -> Person:
    person = Person(zone=zone, first_name=first, last_name=last, email=f"{first.lower()}@example.be", **extra)
    person.search_text = person.build_search_text()
    person.save()
    return person


@pytest.fixture
def amalo_people(zone: Any) -> dict[str, Any]:
    caw = make_org(zone, "CAW Halle-Vilvoorde")
    ocmw = make_org(zone, "OCMW Asse")
    mira = make_person(zone, "Mira", "Voorbeeld", phone="0000 00 00 01")
    Affiliation.objects.create(zone=zone, person=mira, organisation=caw, function="maatschappelijk werker")
    Affiliation.objects.create(
        zone=zone,
        person=mira,
        organisation=ocmw,
        function="vroegere job",
        start=dt.date(2015, 1, 1),
        end=dt.date(2019, 12, 31),
    )
    gone = make_person(zone, "Oud", "Gearchiveerd", is_archived=True)
    return {"mira": mira, "gone": gone, "caw": caw}


# --- zones and OpenAPI -------------------------------------------------------------------------


def test_zones_lists_active_zones(client: Client, zones: dict[str, Zone]) -> None:
    Zone.objects.filter(slug="waasland").update(is_active=False)
    response = client.get(f"{API}/zones")
    assert response.status_code == 200
    assert response.json() == [
        {"slug": "amalo", "name": "AMALO"},
        {"slug": "zennevallei", "name": "Zennevallei"},
    ]


def test_openapi_document_lists_the_paths(client: Client) -> None:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    paths = response.json()["paths"]
    for path in (
        "/api/v1/zones",
        "/api/v1/zones/{zone}/organisations",
        "/api/v1/zones/{zone}/organisations/{id}",
        "/api/v1/zones/{zone}/offers",
        "/api/v1/zones/{zone}/offers/{id}",
        "/api/v1/zones/{zone}/people",
        "/api/v1/zones/{zone}/people/{id}",
    ):
        assert path in paths, path


def test_unknown_zone_is_404(client: Client, zones: dict[str, Zone]) -> None:
    assert client.get(f"{API}/zones/atlantis/organisations").status_code == 404
    assert client.get(f"{API}/zones/atlantis/offers").status_code == 404


# --- organisations -----------------------------------------------------------------------------


def test_organisations_are_public_live_and_of_this_zone_only(
    client: Client, zone: Any, other_zone: Any
) -> None:
    make_org(zone, "CAW Halle-Vilvoorde", website="https://caw.example.be")
    make_org(zone, "Gesloten vzw", is_archived=True)
    make_org(other_zone, "Artsenkring Zennevallei")

    response = client.get(f"{API}/zones/amalo/organisations")

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert [o["name"] for o in data["items"]] == ["CAW Halle-Vilvoorde"]
    assert data["items"][0]["website"] == "https://caw.example.be"


def test_organisation_filters(client: Client, zone: Any) -> None:
    caw = make_org(zone, "Centrum Algemeen Welzijnswerk", sector=Sector.objects.get(code="caw"))
    caw.municipalities.set([Municipality.objects.get(nis_code="23002")])  # Asse
    wzc = make_org(zone, "Résidentie Ter Linde", sector=Sector.objects.get(code="woonzorgcentrum"))
    wzc.municipalities.set([Municipality.objects.get(nis_code="23050")])  # Merchtem

    def names(**params: str) -> list[str]:
        return [o["name"] for o in client.get(f"{API}/zones/amalo/organisations", params).json()["items"]]

    assert names(q="RESIDENTIE") == ["Résidentie Ter Linde"]
    assert names(sector="caw") == ["Centrum Algemeen Welzijnswerk"]
    assert names(municipality="23050") == ["Résidentie Ter Linde"]
    assert names(sector="onbekend") == []
    item = client.get(f"{API}/zones/amalo/organisations", {"sector": "caw"}).json()["items"][0]
    assert item["sector"] == {"code": "caw", "name": "CAW (centrum algemeen welzijnswerk)"}
    assert item["clusters"] == []
    assert item["municipalities"] == [{"nis_code": "23002", "name": "Asse"}]


def test_organisation_detail_and_its_404s(client: Client, zone: Any, other_zone: Any) -> None:
    org = make_org(zone, "CAW Halle-Vilvoorde")
    archived = make_org(zone, "Gesloten vzw", is_archived=True)
    foreign = make_org(other_zone, "Artsenkring Zennevallei")

    assert client.get(f"{API}/zones/amalo/organisations/{org.pk}").json()["name"] == "CAW Halle-Vilvoorde"
    for pk in (archived.pk, foreign.pk, 999999):
        response = client.get(f"{API}/zones/amalo/organisations/{pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Deze organisatie bestaat niet in deze eerstelijnszone."}


def test_organisations_are_paginated(client: Client, zone: Any) -> None:
    for i in range(5):
        make_org(zone, f"Organisatie {i}")
    first = client.get(f"{API}/zones/amalo/organisations", {"page_size": 2}).json()
    last = client.get(f"{API}/zones/amalo/organisations", {"page_size": 2, "page": 3}).json()
    assert first["count"] == 5
    assert [o["name"] for o in first["items"]] == ["Organisatie 0", "Organisatie 1"]
    assert [o["name"] for o in last["items"]] == ["Organisatie 4"]


def test_bad_page_number_is_refused(client: Client, zone: Any) -> None:
    response = client.get(f"{API}/zones/amalo/organisations", {"page": 0})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"parameter": "page", "location": "query", "message": "Geef een paginanummer van 1 tot en met 10000."}
    ]


# --- bounded parameters (issue 14, finding 7) ---------------------------------------------------

THOUSAND_WORDS = " ".join(f"woord{i}" for i in range(1000))


@pytest.mark.parametrize("what", ["organisations", "offers", "people"])
def test_search_terms_are_bounded_with_a_dutch_422(client_as: Any, zone: Any, what: str) -> None:
    client = client_as("staff")
    client.raise_request_exception = False
    url = f"{API}/zones/amalo/{what}"
    for q, message in [
        (THOUSAND_WORDS, "De zoekterm is te lang: hoogstens 200 tekens."),
        (" ".join(["zorg"] * 11), "Gebruik hoogstens 10 zoekwoorden."),
        ("zorg\x0bpunt", "De zoekterm bevat een onzichtbaar stuurteken. Verwijder het en probeer opnieuw."),
        ("zorg\x00", "De zoekterm bevat een onzichtbaar stuurteken. Verwijder het en probeer opnieuw."),
    ]:
        response = client.get(url, {"q": q})
        assert response.status_code == 422, (q[:20], response.status_code)
        body = response.json()
        assert body["errors"] == [{"parameter": "q", "location": "query", "message": message}]
        assert body["detail"] == f"Ongeldige parameter: `q`. {message}"
    # Ten words, spaces around them and a tab between them are fine.
    assert client.get(url, {"q": " " + " ".join(["zorg"] * 10) + " "}).status_code == 200
    assert client.get(url, {"q": "zorg\tpunt"}).status_code == 200


def test_anonymous_thousand_word_search_is_a_422_not_a_500(client: Client, zone: Any) -> None:
    client.raise_request_exception = False
    for what in ("organisations", "offers"):
        response = client.get(f"{API}/zones/amalo/{what}", {"q": THOUSAND_WORDS})
        assert response.status_code == 422
        assert response["Content-Type"].startswith("application/json")


def test_page_and_page_size_are_bounded(client: Client, zone: Any) -> None:
    client.raise_request_exception = False
    for i in range(3):
        make_org(zone, f"Organisatie {i}")
    url = f"{API}/zones/amalo/organisations"
    for params, name in [
        ({"page": "999999999999999999999"}, "page"),
        ({"page": 10_001}, "page"),
        ({"page": "een"}, "page"),
        ({"page_size": 101}, "page_size"),
        ({"page_size": 0}, "page_size"),
    ]:
        response = client.get(url, params)
        assert response.status_code == 422, params
        assert [e["parameter"] for e in response.json()["errors"]] == [name]
    # A page after the last one is an empty list, with the total.
    assert client.get(url, {"page": 10_000}).json() == {"items": [], "count": 3}
    assert client.get(url, {"page": 2, "page_size": 2}).json()["count"] == 3
    assert len(client.get(url, {"page_size": 100}).json()["items"]) == 3


def test_ids_and_codes_are_bounded(client_as: Any, zone: Any) -> None:
    client = client_as("staff")
    client.raise_request_exception = False
    for path in ("organisations", "offers", "people"):
        for bad in ("99999999999999999999999", "0", "-1"):
            response = client.get(f"{API}/zones/amalo/{path}/{bad}")
            assert response.status_code == 422, (path, bad)
            assert response.json()["errors"][0]["parameter"] == "id"
        assert client.get(f"{API}/zones/amalo/{path}/9223372036854775807").status_code == 404
    for params in (
        {"sector": "caw\x00"},
        {"municipality": "230"},
        {"theme": "a b"},
        {"target_group": "x" * 121},
    ):
        what = "organisations" if "sector" in params else "offers"
        response = client.get(f"{API}/zones/amalo/{what}", params)
        assert response.status_code == 422, params
        assert response.json()["errors"][0]["parameter"] == next(iter(params))


def test_openapi_documents_the_bounds_and_the_error_answers(client: Client) -> None:
    document = client.get(f"{API}/openapi.json").json()
    operations = [op for path in document["paths"].values() for op in path.values()]
    # the directory's 7 operations and the signals' 2; every one documents its error answers
    assert len(operations) >= 9
    for op in operations:
        for code in ("403", "404", "422"):
            assert code in op["responses"], (op["operationId"], code)
            schema = op["responses"][code]["content"]["application/json"]["schema"]
            assert schema["$ref"].endswith("/ValidationErrorOut" if code == "422" else "/Message")
            assert op["responses"][code]["description"]
    params = {
        p["name"]: p["schema"] for p in document["paths"]["/api/v1/zones/{zone}/offers"]["get"]["parameters"]
    }
    assert params["q"]["maxLength"] == 200
    assert "{0,9}" in params["q"]["pattern"]
    assert (params["page"]["minimum"], params["page"]["maximum"]) == (1, 10_000)
    assert (params["page_size"]["default"], params["page_size"]["maximum"]) == (50, 100)
    assert params["municipality"]["pattern"] == "^([0-9]{5})?$"
    people = document["paths"]["/api/v1/zones/{zone}/people/{id}"]["get"]["parameters"]
    assert {p["name"]: p["schema"].get("maximum") for p in people}["id"] == 2**63 - 1


def test_the_api_docs_page_loads_nothing_from_elsewhere(client: Client) -> None:
    import re

    from django.contrib.staticfiles import finders

    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets), assets
    assert any(a.endswith("swagger-ui.css") for a in assets), assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "cdn" not in html.lower()


# --- offers ------------------------------------------------------------------------------------


def test_an_amalo_offer_never_appears_under_zennevallei(client: Client, zone: Any, other_zone: Any) -> None:
    amalo_offer = make_offer(zone, "Onthaal AMALO")
    make_offer(other_zone, "Wachtdienst Zennevallei", org=make_org(other_zone, "Artsenkring Zennevallei"))

    listed = client.get(f"{API}/zones/zennevallei/offers").json()
    assert [o["title"] for o in listed["items"]] == ["Wachtdienst Zennevallei"]
    assert client.get(f"{API}/zones/zennevallei/offers", {"q": "AMALO"}).json()["count"] == 0
    response = client.get(f"{API}/zones/zennevallei/offers/{amalo_offer.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Dit aanbod bestaat niet in deze eerstelijnszone."}


def test_offers_hide_archived_offers_and_offers_of_archived_organisations(client: Client, zone: Any) -> None:
    make_offer(zone, "Levend aanbod")
    old = make_offer(zone, "Oud aanbod", is_archived=True)
    closed = make_offer(zone, "Gesloten", org=make_org(zone, "Gesloten vzw", is_archived=True))

    assert [o["title"] for o in client.get(f"{API}/zones/amalo/offers").json()["items"]] == ["Levend aanbod"]
    assert client.get(f"{API}/zones/amalo/offers/{old.pk}").status_code == 404
    assert client.get(f"{API}/zones/amalo/offers/{closed.pk}").status_code == 404


def test_offer_filters_and_output(client: Client, zone: Any) -> None:
    dementia = TargetGroup.objects.create(name="kwetsbare ouderen en personen met dementie", slug="dementie")
    youth = TargetGroup.objects.create(name="jongeren", slug="jongeren")
    poverty = Theme.objects.create(name="armoede", slug="armoede")
    asse = Municipality.objects.get(nis_code="23002")
    opwijk = Municipality.objects.get(nis_code="23060")
    inloop = make_offer(
        zone, "Inloophuis", groups=[dementia], municipalities=[asse], how_to_refer="Kom langs."
    )
    make_offer(zone, "Jeugdhuis", groups=[youth], themes=[poverty], municipalities=[opwijk])
    make_offer(zone, "Onthaal", themes=[poverty])  # whole zone

    def titles(**params: str) -> list[str]:
        return [o["title"] for o in client.get(f"{API}/zones/amalo/offers", params).json()["items"]]

    assert titles(target_group="dementie") == ["Inloophuis"]
    assert titles(theme="armoede") == ["Jeugdhuis", "Onthaal"]
    assert titles(municipality="23060") == ["Jeugdhuis", "Onthaal"]
    assert titles(q="dementie") == ["Inloophuis"]
    detail = client.get(f"{API}/zones/amalo/offers/{inloop.pk}").json()
    assert detail["organisation"] == {"id": inloop.organisation_id, "name": "CAW Halle-Vilvoorde"}
    assert detail["target_groups"] == [
        {"slug": "dementie", "name": "kwetsbare ouderen en personen met dementie"}
    ]
    assert detail["municipalities"] == [{"nis_code": "23002", "name": "Asse"}]
    assert detail["how_to_refer"] == "Kom langs."
    assert detail["url"] == f"/amalo/sociale-kaart/{inloop.pk}/"


@pytest.mark.parametrize("n", [1, 50])
def test_api_lists_query_count_does_not_grow(
    client: Client, zone: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    group = TargetGroup.objects.create(name="jongeren", slug="jongeren")
    theme = Theme.objects.create(name="armoede", slug="armoede")
    munis = list(zone.municipalities_on())
    for i in range(n):
        org = make_org(zone, f"Organisatie {i}", sector=Sector.objects.get(code="caw"))
        org.municipalities.set(munis)
        make_offer(zone, f"Aanbod {i}", org=org, groups=[group], themes=[theme], municipalities=munis)
    # +1: the page cache reads the zone's generation first (core/pagecache.py)
    with django_assert_max_num_queries(6):
        assert client.get(f"{API}/zones/amalo/organisations").json()["count"] == n
    with django_assert_max_num_queries(7):
        assert client.get(f"{API}/zones/amalo/offers").json()["count"] == n


# --- people ------------------------------------------------------------------------------------


def test_staff_of_the_zone_sees_people_with_current_affiliations(
    client_as: Any, zone: Any, amalo_people: dict[str, Any]
) -> None:
    response = client_as("staff").get(f"{API}/zones/amalo/people")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1  # the archived person is left out
    mira = data["items"][0]
    assert mira == {
        "id": amalo_people["mira"].pk,
        "first_name": "Mira",
        "last_name": "Voorbeeld",
        "email": "mira@example.be",
        "phone": "0000 00 00 01",
        "affiliations": [
            {
                "organisation": {"id": amalo_people["caw"].pk, "name": "CAW Halle-Vilvoorde"},
                "function": "maatschappelijk werker",
            }
        ],
    }
    detail = client_as("staff").get(f"{API}/zones/amalo/people/{amalo_people['mira'].pk}")
    assert detail.json()["last_name"] == "Voorbeeld"
    assert client_as("staff").get(f"{API}/zones/amalo/people/{amalo_people['gone'].pk}").status_code == 404


def test_platform_admin_may_read_people(client_as: Any, amalo_people: dict[str, Any]) -> None:
    assert client_as("admin").get(f"{API}/zones/amalo/people").json()["count"] == 1


@pytest.mark.parametrize("role", ["anonymous", "partner", "member", "secretary", "other_staff"])
def test_people_are_refused_to_everyone_else(client_as: Any, amalo_people: dict[str, Any], role: str) -> None:
    client = client_as(role)
    for url in (f"{API}/zones/amalo/people", f"{API}/zones/amalo/people/{amalo_people['mira'].pk}"):
        response = client.get(url)
        assert response.status_code == 403, (role, url)
        assert response.json()["detail"].startswith(STAFF_ONLY)
        assert "Voorbeeld" not in response.content.decode()


def test_people_of_one_zone_never_reach_another_zones_staff(
    client_as: Any, zone: Any, other_zone: Any, amalo_people: dict[str, Any]
) -> None:
    make_person(other_zone, "Zeno", "Zennevaller")
    other_staff = client_as("other_staff")
    own = other_staff.get(f"{API}/zones/zennevallei/people").json()
    assert [p["last_name"] for p in own["items"]] == ["Zennevaller"]
    # AMALO's person through the Zennevallei path: not found there.
    assert other_staff.get(f"{API}/zones/zennevallei/people/{amalo_people['mira'].pk}").status_code == 404
    # AMALO staff on the Zennevallei path: refused.
    assert client_as("staff").get(f"{API}/zones/zennevallei/people").status_code == 403


def test_people_search(client_as: Any, zone: Any, amalo_people: dict[str, Any]) -> None:
    make_person(zone, "Ömer", "Yıldız")
    client = client_as("staff")
    assert [
        p["first_name"] for p in client.get(f"{API}/zones/amalo/people", {"q": "omer"}).json()["items"]
    ] == ["Ömer"]
    assert client.get(f"{API}/zones/amalo/people", {"q": "niemand"}).json()["count"] == 0


@pytest.mark.parametrize("n", [1, 50])
def test_people_query_count_does_not_grow(
    client_as: Any, zone: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    client = client_as("staff")
    org = make_org(zone, "CAW Halle-Vilvoorde")
    for i in range(n):
        person = make_person(zone, f"Persoon{i}", "Voorbeeld")
        Affiliation.objects.create(zone=zone, person=person, organisation=org, function="medewerker")
    with django_assert_max_num_queries(8):
        assert client.get(f"{API}/zones/amalo/people").json()["count"] == n
