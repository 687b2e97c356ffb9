"""`load_demo` loads each app's part once: a restart neither duplicates nor overwrites what users changed."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from zorgraad.core.models import DemoLoad
from zorgraad.core.registry import DemoPart, demo_parts, ordered_demo_parts
from zorgraad.governance.models import Body
from zorgraad.meetings.models import Meeting
from zorgraad.network.models import Organisation, Person
from zorgraad.zones.models import Zone

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_a_restart_keeps_what_users_changed() -> None:
    first = run()
    assert "Demogegevens geladen" in first and "overlegorganen" in first
    amalo = Zone.objects.get(slug="amalo")
    person = Person.objects.for_zone(amalo).exclude(email="").order_by("pk").first()
    assert person is not None
    old_email = person.email
    person.email = "nieuw.adres@example.be"
    person.save()
    org = Organisation.objects.for_zone(amalo).exclude(street="").order_by("pk").first()
    assert org is not None
    org.street = "Verbeterde straat 1"
    org.save()
    amalo.name = "AMALO (hernoemd)"
    amalo.save()
    people = Person.objects.unscoped().count()
    meetings = Meeting.objects.unscoped().count()

    second = run()

    assert "niets veranderd" in second
    assert Person.objects.unscoped().count() == people
    assert not Person.objects.for_zone(amalo).filter(email=old_email).exists()
    org.refresh_from_db()
    assert org.street == "Verbeterde straat 1"
    assert Zone.objects.get(slug="amalo").name == "AMALO (hernoemd)"
    assert Meeting.objects.unscoped().count() == meetings


def test_only_missing_parts_are_loaded_and_it_says_which() -> None:
    run()
    zenne = Zone.objects.get(slug="zennevallei")
    Body.objects.for_zone(zenne).delete()
    DemoLoad.objects.filter(part="governance", zone_slug="zennevallei").delete()
    amalo_bodies = Body.objects.for_zone(Zone.objects.get(slug="amalo")).count()

    out = run()

    assert "overlegorganen (Zennevallei)" in out
    assert "organisaties" not in out  # the network part was loaded before
    assert Body.objects.for_zone(zenne).exists()
    assert Body.objects.for_zone(Zone.objects.get(slug="amalo")).count() == amalo_bodies


def test_a_database_from_before_the_parts_is_left_alone() -> None:
    run()
    DemoLoad.objects.all().delete()
    amalo = Zone.objects.get(slug="amalo")
    Organisation.objects.for_zone(amalo).filter(pk=Organisation.objects.for_zone(amalo).first().pk).delete()
    count = Organisation.objects.unscoped().count()

    out = run()

    assert "Bestaande demogegevens gevonden" in out
    assert Organisation.objects.unscoped().count() == count
    assert DemoLoad.objects.filter(part="network", zone_slug="amalo").exists()


def test_every_app_registers_its_part_in_a_sound_order() -> None:
    names = [p.name for p in ordered_demo_parts()]
    assert names.index("zones") < names.index("accounts") < names.index("network")
    assert names.index("network") < names.index("governance") < names.index("meetings")


def test_a_part_that_needs_an_unknown_part_is_refused() -> None:
    def broken(**kwargs: object) -> DemoPart:
        return DemoPart(name="broken", label="x", load=lambda ctx: None, after=("nowhere",))

    demo_parts.connect(broken, dispatch_uid="test-broken")
    try:
        with pytest.raises(ValueError, match="nowhere"):
            ordered_demo_parts()
    finally:
        demo_parts.disconnect(dispatch_uid="test-broken")
