"""The public social map: search, filters, zone isolation, empty states, detail page, query counts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.network.forms.socialmap import SocialMapSearchForm
from zorgraad.network.models import Offer, Organisation, TargetGroup, Theme
from zorgraad.zones.models import Municipality

pytestmark = pytest.mark.django_db


def make_org(zone: Any, name: str = "CAW Halle-Vilvoorde", **extra: Any) -> Organisation:
    org = Organisation(zone=zone, name=name, **extra)
    org.search_text = org.build_search_text()
    org.save()
    return org


def make_offer(
    zone: Any,
    title: str,
    *,
    org: Organisation | None = None,
    description: str = "Een aanbod.",
    how_to_refer: str = "",
    groups: Iterable[TargetGroup] = (),
    themes: Iterable[Theme] = (),
    municipalities: Iterable[Municipality] = (),
    **extra: Any,
) -> Offer:
    org = org or make_org(zone)
    offer = Offer(
        zone=zone, organisation=org, title=title, description=description, how_to_refer=how_to_refer, **extra
    )
    offer.search_text = offer.build_search_text()
    offer.save()
    offer.target_groups.set(groups)
    offer.themes.set(themes)
    offer.municipalities.set(municipalities)
    return offer


def map_url(zone: Any) -> str:
    return reverse("network:socialmap", kwargs={"zone": zone.slug})


def offer_url(zone: Any, offer: Offer) -> str:
    return reverse("network:socialmap_offer", kwargs={"zone": zone.slug, "pk": offer.pk})


def municipality(name: str) -> Municipality:
    return Municipality.objects.get(name=name)


@pytest.fixture
def dementia() -> TargetGroup:
    return TargetGroup.objects.create(
        name="kwetsbare ouderen en personen met dementie", slug="kwetsbare-ouderen-en-dementie"
    )


@pytest.fixture
def youth() -> TargetGroup:
    return TargetGroup.objects.create(name="jongeren", slug="jongeren")


@pytest.fixture
def poverty() -> Theme:
    return Theme.objects.create(name="armoede", slug="armoede")


def test_list_shows_only_live_offers_of_this_zone(client: Client, zone: Any, other_zone: Any) -> None:
    make_offer(zone, "Onthaal bij het CAW")
    make_offer(zone, "Oud aanbod", is_archived=True)
    make_offer(zone, "Aanbod van een gesloten dienst", org=make_org(zone, "Gesloten vzw", is_archived=True))
    make_offer(other_zone, "Wachtdienst Zennevallei", org=make_org(other_zone, "Artsenkring Zennevallei"))

    response = client.get(map_url(zone))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Onthaal bij het CAW" in body
    assert "Oud aanbod" not in body
    assert "Aanbod van een gesloten dienst" not in body
    assert "Wachtdienst Zennevallei" not in body
    assert "1 resultaat" in body


def test_card_shows_what_a_citizen_needs(client: Client, zone: Any, dementia: TargetGroup) -> None:
    org = make_org(zone, "Inloophuis De Passant", website="https://passant.example.be")
    make_offer(
        zone,
        "Inloophuis voor mensen met dementie",
        org=org,
        description="Een warme plek. " + "woord " * 60,
        how_to_refer="Kom gewoon langs tijdens de openingsuren.",
        groups=[dementia],
        municipalities=[municipality("Asse")],
        contact_email="inloop@example.be",
    )

    body = client.get(map_url(zone)).content.decode()

    assert "Inloophuis voor mensen met dementie" in body
    assert "Inloophuis De Passant" in body
    assert 'class="badge" style="border-radius:.5rem">kwetsbare ouderen en personen met dementie</li>' in body
    assert "Asse" in body
    assert "Hoe doorverwijzen" in body and "Kom gewoon langs tijdens de openingsuren." in body
    assert 'href="mailto:inloop@example.be"' in body
    assert "…" in body  # the long description is cut short on the card
    assert "<table" not in body  # cards, not a wide table: readable on a phone


def test_word_search_ignores_accents_and_case(client: Client, zone: Any) -> None:
    make_offer(zone, "Oncologische revalidatie", description="Begeleiding na kanker.")
    make_offer(zone, "Tandzorg", description="Een tandarts voor iedereen.")

    def titles(q: str) -> list[str]:
        response = client.get(map_url(zone), {"q": q})
        return [o.title for o in response.context["page"].object_list]

    assert titles("ONCOLOGÏSCHE") == ["Oncologische revalidatie"]
    assert titles("kanker revalidatie") == ["Oncologische revalidatie"]
    # Not every word has to match: an offer that answers one of the words is found.
    assert sorted(titles("kanker tandarts")) == ["Oncologische revalidatie", "Tandzorg"]
    assert titles("caw halle") == ["Oncologische revalidatie", "Tandzorg"]  # the organisation's name


def test_word_search_also_finds_target_groups_and_themes(
    client: Client, zone: Any, dementia: TargetGroup, poverty: Theme
) -> None:
    make_offer(zone, "Inloophuis", description="Koffie en een babbel.", groups=[dementia])
    make_offer(zone, "Sociale dienst", description="Hulp bij geldzorgen.", themes=[poverty])
    make_offer(zone, "Kinderopvang", description="Opvang voor baby's.")

    def titles(q: str) -> list[str]:
        return [o.title for o in client.get(map_url(zone), {"q": q}).context["page"].object_list]

    assert titles("dementie") == ["Inloophuis"]
    assert titles("Armoede") == ["Sociale dienst"]


def test_filters_by_target_group_theme_and_municipality(
    client: Client, zone: Any, dementia: TargetGroup, youth: TargetGroup, poverty: Theme
) -> None:
    asse, opwijk = municipality("Asse"), municipality("Opwijk")
    make_offer(zone, "Inloophuis Asse", groups=[dementia], municipalities=[asse])
    make_offer(zone, "Jeugdhuis Opwijk", groups=[youth], themes=[poverty], municipalities=[opwijk])
    make_offer(zone, "Onthaal voor iedereen", groups=[dementia, youth], themes=[poverty])  # whole zone

    def titles(**params: Any) -> list[str]:
        response = client.get(map_url(zone), params)
        assert not response.context["form"].errors
        return [o.title for o in response.context["page"].object_list]

    assert titles(target_group=dementia.pk) == ["Inloophuis Asse", "Onthaal voor iedereen"]
    assert titles(theme=poverty.pk) == ["Jeugdhuis Opwijk", "Onthaal voor iedereen"]
    assert titles(municipality=asse.pk) == ["Inloophuis Asse", "Onthaal voor iedereen"]
    assert titles(municipality=opwijk.pk, target_group=youth.pk) == [
        "Jeugdhuis Opwijk",
        "Onthaal voor iedereen",
    ]
    assert titles(municipality=opwijk.pk, target_group=dementia.pk) == ["Onthaal voor iedereen"]


def test_offer_for_every_municipality_or_none_says_whole_zone(client: Client, zone: Any) -> None:
    make_offer(zone, "Onthaal voor iedereen")
    make_offer(zone, "Overal", municipalities=zone.municipalities_on())
    make_offer(zone, "Twee gemeenten", municipalities=[municipality("Asse"), municipality("Opwijk")])

    response = client.get(map_url(zone))

    marks = {o.title: o.covers_whole_zone for o in response.context["page"].object_list}
    assert marks == {"Onthaal voor iedereen": True, "Overal": True, "Twee gemeenten": False}
    body = response.content.decode()
    assert body.count("Heel AMALO") == 2
    assert "Asse, Opwijk" in body


def test_municipality_choices_are_the_zones_current_municipalities(zone: Any, other_zone: Any) -> None:
    form = SocialMapSearchForm(zone=zone)
    names = [m.name for m in form.fields["municipality"].queryset]
    assert names == ["Affligem", "Asse", "Liedekerke", "Merchtem", "Opwijk"]


def test_municipality_of_another_zone_is_refused_in_dutch(client: Client, zone: Any) -> None:
    make_offer(zone, "Inloophuis Asse", municipalities=[municipality("Asse")])
    make_offer(zone, "Jeugdhuis Opwijk", municipalities=[municipality("Opwijk")])
    offers_before = Offer.objects.for_zone(zone).count()

    response = client.get(map_url(zone), {"municipality": municipality("Halle").pk, "q": "huis"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Kies een gemeente van deze eerstelijnszone uit de lijst." in body
    # The invalid part is left out; the valid word search still runs.
    assert sorted(o.title for o in response.context["page"].object_list) == [
        "Inloophuis Asse",
        "Jeugdhuis Opwijk",
    ]
    assert Offer.objects.for_zone(zone).count() == offers_before


def test_too_long_search_is_refused_in_dutch(client: Client, zone: Any) -> None:
    make_offer(zone, "Onthaal")
    response = client.get(map_url(zone), {"q": "x" * 201})
    assert "Gebruik een kortere zoekterm" in response.content.decode()
    assert response.context["page"].paginator.count == 1


def test_pagination_twenty_per_page_keeps_the_search(client: Client, zone: Any) -> None:
    org = make_org(zone)
    for i in range(25):
        make_offer(zone, f"Aanbod {i:02d}", org=org, description="Hulp bij wonen.")

    first = client.get(map_url(zone), {"q": "wonen"})
    second = client.get(map_url(zone), {"q": "wonen", "page": 2})

    assert len(first.context["page"].object_list) == 20
    assert "?q=wonen&amp;page=2" in first.content.decode()
    assert [o.title for o in second.context["page"].object_list] == [f"Aanbod {i}" for i in range(20, 25)]


def test_empty_map_explains_in_plain_dutch(client: Client, zone: Any) -> None:
    body = client.get(map_url(zone)).content.decode()
    assert "Er staat nog geen aanbod op de sociale kaart van AMALO." in body
    assert "Tip:" in body


def test_search_without_results_gives_a_tip(client: Client, zone: Any) -> None:
    make_offer(zone, "Onthaal")
    body = client.get(map_url(zone), {"q": "paardrijden"}).content.decode()
    assert "We vonden geen aanbod dat past bij je zoekopdracht." in body
    assert "Tip:" in body
    assert "Toon al het aanbod" in body


def _bulk_offers(zone: Any, n: int, groups: list[TargetGroup], themes: list[Theme]) -> None:
    munis = list(zone.municipalities_on())
    for i in range(n):
        org = make_org(zone, f"Organisatie {i}", phone="02 000 00 00")
        make_offer(
            zone,
            f"Aanbod {i}",
            org=org,
            description="Hulp bij wonen en geld.",
            groups=groups,
            themes=themes,
            municipalities=munis[: 1 + i % len(munis)],
        )


@pytest.mark.parametrize("n", [1, 50])
@pytest.mark.parametrize("params", [{}, {"q": "wonen dementie"}])
def test_query_count_does_not_grow_with_offers(
    client: Client,
    zone: Any,
    dementia: TargetGroup,
    youth: TargetGroup,
    poverty: Theme,
    django_assert_max_num_queries: Any,
    n: int,
    params: dict[str, str],
) -> None:
    _bulk_offers(zone, n, [dementia, youth], [poverty])
    # Includes the search's token (twice) and, on a cold cache, the zone's vocabulary, places and
    # everyday words (5 queries), which later searches read from the cache.
    with django_assert_max_num_queries(17):
        response = client.get(map_url(zone), params)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == n


def test_detail_shows_offer_and_organisation(client: Client, zone: Any, poverty: Theme) -> None:
    org = make_org(
        zone,
        "Residentie Ter Linde",
        street="Gasthuisstraat 17b",
        postal_code="1785",
        city="Merchtem",
        website="https://terlinde.example.be",
        phone="052 00 00 00",
        email="info@terlinde.example.be",
    )
    long_text = "Wonen en zorg. " + "Meer uitleg. " * 50 + "Het laatste woord."
    offer = make_offer(
        zone,
        "Wonen in het woonzorgcentrum",
        org=org,
        description=long_text,
        how_to_refer="Bel voor een kennismaking.",
        themes=[poverty],
        municipalities=[municipality("Merchtem")],
    )

    response = client.get(offer_url(zone, offer))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Wonen in het woonzorgcentrum" in body
    assert "Het laatste woord." in body  # the full description
    assert "Gasthuisstraat 17b, 1785 Merchtem" in body
    assert 'href="https://terlinde.example.be"' in body
    assert 'href="tel:0520000' in body
    assert "info@terlinde.example.be" in body
    assert "Bel voor een kennismaking." in body


@pytest.mark.parametrize("case", ["archived", "organisation_archived", "other_zone", "missing"])
def test_detail_is_404_for_what_is_not_public_here(
    client: Client, zone: Any, other_zone: Any, case: str
) -> None:
    if case == "archived":
        offer = make_offer(zone, "Oud aanbod", is_archived=True)
    elif case == "organisation_archived":
        offer = make_offer(zone, "Aanbod", org=make_org(zone, "Gesloten vzw", is_archived=True))
    elif case == "other_zone":
        offer = make_offer(other_zone, "Wachtdienst", org=make_org(other_zone, "Artsenkring Zennevallei"))
    else:
        offer = make_offer(zone, "Weg")
        Offer.objects.for_zone(zone).filter(pk=offer.pk).delete()

    assert client.get(offer_url(zone, offer)).status_code == 404


def test_other_zone_offer_is_public_in_its_own_zone(client: Client, other_zone: Any) -> None:
    offer = make_offer(other_zone, "Wachtdienst", org=make_org(other_zone, "Artsenkring Zennevallei"))
    assert client.get(offer_url(other_zone, offer)).status_code == 200


def test_logged_in_users_see_the_same_map(client_as: Any, zone: Any) -> None:
    make_offer(zone, "Onthaal")
    for role in ("partner", "staff", "other_staff"):
        response = client_as(role).get(map_url(zone))
        assert response.status_code == 200
        assert "Onthaal" in response.content.decode()
