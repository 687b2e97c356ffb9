"""Demo data: real organisations in the right zone, invented people, and `load_demo` is idempotent."""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count

from zorgraad.network import demo
from zorgraad.network.models import Affiliation, Offer, Organisation, Person, TargetGroup, Theme, normalise
from zorgraad.zones.models import Zone

pytestmark = pytest.mark.django_db

SEEDS = Path("/work/shared/seeds")


@pytest.fixture
def loaded() -> dict[str, Zone]:
    """The zones, accounts and network demo only (the full `load_demo` runs in the idempotency test)."""
    from zorgraad.accounts import demo as accounts_demo
    from zorgraad.zones import demo as zones_demo

    zones = zones_demo.load()
    demo.load(zones, accounts_demo.load(zones))
    return zones


def snapshot() -> dict[str, Any]:
    """Counts of every model and the stored values of the network records."""
    counts = {m._meta.label: m._base_manager.count() for m in apps.get_models()}
    rows: dict[str, Any] = {}
    for model in (Organisation, Person, Affiliation, Offer):
        rows[model.__name__] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items())) for row in model._base_manager.values()
        )
    rows["offer_groups"] = sorted(
        Offer.target_groups.through.objects.values_list("offer_id", "targetgroup_id")
    )
    rows["offer_municipalities"] = sorted(
        Offer.municipalities.through.objects.values_list("offer_id", "municipality_id")
    )
    rows["org_clusters"] = sorted(
        Organisation.clusters.through.objects.values_list("organisation_id", "cluster_id")
    )
    return {"counts": counts, "rows": rows}


def test_load_demo_twice_changes_nothing() -> None:
    call_command("load_demo", stdout=io.StringIO())
    first = snapshot()
    assert first["counts"]["network.Organisation"] > 0

    call_command("load_demo", stdout=io.StringIO())

    second = snapshot()
    assert second["counts"] == first["counts"]
    assert second["rows"] == first["rows"]  # including updated_at: nothing was saved again


def test_real_organisations_are_in_the_right_zone(loaded: dict[str, Zone]) -> None:
    amalo, zenne, waas = loaded["amalo"], loaded["zennevallei"], loaded["waasland"]

    ter_linde = Organisation.objects.for_zone(amalo).get(name="Residentie Ter Linde")
    assert ter_linde.address == "Gasthuisstraat 17b, 1785 Merchtem"
    assert ter_linde.sector is not None and ter_linde.sector.code == "woonzorgcentrum"
    assert [m.name for m in ter_linde.municipalities.all()] == ["Merchtem"]

    for zone in (amalo, zenne):
        caw = Organisation.objects.for_zone(zone).get(name="CAW Halle-Vilvoorde")
        assert caw.sector is not None and caw.sector.code == "caw"
        assert [c.code for c in caw.clusters.all()] == ["welzijn"]
    assert not Organisation.objects.for_zone(waas).filter(name="CAW Halle-Vilvoorde").exists()
    assert Organisation.objects.for_zone(zenne).filter(name="Artsenkring Zennevallei").exists()
    assert not Organisation.objects.for_zone(amalo).filter(name="Artsenkring Zennevallei").exists()

    elz = Organisation.objects.for_zone(waas).get(name="Eerstelijnszone Waasland vzw")
    assert elz.address == "Oosterlaan 20, 9100 Sint-Niklaas"
    assert elz.website == "https://www.elzwaasland.be"
    for zone, names in (
        (amalo, ["Asse", "Affligem", "Liedekerke", "Merchtem", "Opwijk"]),
        (zenne, ["Beersel", "Drogenbos", "Halle", "Linkebeek", "Pepingen"]),
        (waas, ["Sint-Niklaas", "Temse", "Beveren-Kruibeke-Zwijndrecht"]),
    ):
        for name in names:
            ocmw = Organisation.objects.for_zone(zone).get(name=f"OCMW {name}")
            assert ocmw.parent is not None and ocmw.parent.name == f"Lokaal bestuur {name}"
            assert [m.name for m in ocmw.municipalities.all()] == [name]


def test_real_organisations_get_no_invented_phone_numbers(loaded: dict[str, Zone]) -> None:
    """Only the organisations' own public numbers and addresses (listed with their source)."""
    names = {org.name for orgs, _ in demo.ZONE_DATA.values() for org in orgs}
    ours = Organisation.objects.unscoped().filter(name__in=names)
    assert ours.count() >= 100
    phones = set(ours.exclude(phone="").values_list("phone", flat=True))
    phones |= set(
        Offer.objects.unscoped()
        .filter(organisation__in=ours)
        .exclude(contact_phone="")
        .values_list("contact_phone", flat=True)
    )
    assert phones and phones <= set(demo.PUBLIC_PHONES)
    assert set(ours.exclude(email="").values_list("email", flat=True)) <= set(demo.PUBLIC_EMAILS)


def test_offers_and_reference_rows(loaded: dict[str, Zone]) -> None:
    assert TargetGroup.objects.filter(name="kwetsbare zwangeren en gezinnen (eerste 1000 dagen)").exists()
    assert Theme.objects.filter(name="perinatale zorg").exists()
    for zone in loaded.values():
        offers = Offer.objects.for_zone(zone).select_related("organisation")
        assert offers.count() >= 15
        per_org = Counter(o.organisation.name for o in offers)
        assert max(per_org.values()) <= 3
        for offer in offers:
            assert offer.organisation.zone_id == zone.pk
            assert offer.search_text == offer.build_search_text()
            assert offer.target_groups.exists() and offer.themes.exists()
    caw_offers = Offer.objects.for_zone(loaded["amalo"]).filter(organisation__name="CAW Halle-Vilvoorde")
    assert 2 <= caw_offers.count() <= 3
    assert Organisation.objects.unscoped().filter(search_text="").count() == 0


def test_about_forty_invented_people_per_zone(loaded: dict[str, Zone]) -> None:
    for zone in loaded.values():
        people = Person.objects.for_zone(zone)
        invented = people.filter(email__in=[email for _, _, email in demo.invented_people(zone.slug)])
        assert invented.count() == 40
        assert all(p.email.endswith("@example.be") for p in invented)
        assert invented.filter(last_confirmed_at__isnull=True).count() > invented.count() / 2
        assert invented.filter(last_confirmed_at__isnull=False).exists()
        assert invented.filter(email_bounced=True).count() == 1
        assert not invented.annotate(n=Count("affiliations")).filter(n=0).exists()
        assert Affiliation.objects.for_zone(zone).filter(end__isnull=False).exists()  # some ended jobs
        emails = list(people.values_list("email", flat=True))
        assert len(emails) == len(set(emails))


def test_demo_accounts_have_a_person_and_a_job(loaded: dict[str, Zone]) -> None:
    for email, (slug, org_name, function) in demo.ACCOUNT_JOBS.items():
        person = Person.objects.for_zone(loaded[slug]).get(email=email)
        assert person.user is not None and person.user.email == email
        assert [(a.organisation.name, a.function) for a in person.affiliations.all()] == [
            (org_name, function)
        ]
    partner = Person.objects.for_zone(loaded["amalo"]).get(email="partner@amalo.zorgraad.test")
    org = partner.affiliations.get().organisation
    assert org.zone_id == loaded["amalo"].pk and org.name == "CAW Halle-Vilvoorde"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source documents are not on this machine")
def test_no_person_of_the_source_documents_is_used(loaded: dict[str, Zone]) -> None:
    text = normalise(" ".join(p.read_text(errors="ignore") for p in SEEDS.glob("*.txt")))
    for person in Person.objects.unscoped().all():
        assert normalise(person.full_name) not in text, person.full_name
    for zone in loaded.values():
        for _first, last, email in demo.invented_people(zone.slug):
            assert not re.search(rf"\b{re.escape(normalise(last))}\b", text), last
            assert email.split("@")[0] not in text
