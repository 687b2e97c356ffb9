import pytest

from zorgraad.core.scoping import UnscopedQueryError
from zorgraad.network.models import Organisation


@pytest.mark.django_db
def test_query_without_zone_fails_loudly(zone):
    Organisation.objects.create(zone=zone, name="CAW Halle-Vilvoorde")
    with pytest.raises(UnscopedQueryError):
        list(Organisation.objects.all())
    with pytest.raises(UnscopedQueryError):
        Organisation.objects.filter(name__icontains="caw").count()
    with pytest.raises(UnscopedQueryError):
        Organisation.objects.get(name="CAW Halle-Vilvoorde")


@pytest.mark.django_db
def test_for_zone_sees_only_its_own_zone(zone, other_zone):
    Organisation.objects.create(zone=zone, name="In AMALO")
    Organisation.objects.create(zone=other_zone, name="In Zennevallei")
    assert [o.name for o in Organisation.objects.for_zone(zone)] == ["In AMALO"]
    assert Organisation.objects.for_zone(other_zone).filter(name="In AMALO").count() == 0


@pytest.mark.django_db
def test_related_managers_are_scoped_through_their_parent(zone):
    org = Organisation.objects.create(zone=zone, name="Parent")
    Organisation.objects.create(zone=zone, name="Child", parent=org)
    assert [c.name for c in org.children.all()] == ["Child"]


@pytest.mark.django_db
def test_model_validation_checks_uniqueness_without_tripping_the_scope_guard(zone):
    from django.core.exceptions import ValidationError

    from zorgraad.governance.models import Body, BodyKind

    Body.objects.create(zone=zone, name="Forum", slug="forum", kind=BodyKind.FORUM)
    with pytest.raises(ValidationError) as err:
        Body(zone=zone, name="Forum 2", slug="forum", kind=BodyKind.FORUM).full_clean()
    assert "__all__" in err.value.message_dict
    # and the guard is back on afterwards
    with pytest.raises(UnscopedQueryError):
        list(Body.objects.all())


@pytest.mark.django_db
def test_reverse_relations_of_shared_models_are_not_scoped(zone, other_zone):
    """theme.offer_set spans every zone: it must say .for_zone() like any other query."""
    from zorgraad.network.models import Offer, Theme

    theme = Theme.objects.create(name="Testthema", slug="testthema")
    for z in (zone, other_zone):
        org = Organisation.objects.create(zone=z, name=f"Org {z.slug}")
        offer = Offer.objects.create(zone=z, organisation=org, title=f"Aanbod {z.slug}", description="")
        offer.themes.add(theme)
    with pytest.raises(UnscopedQueryError):
        list(theme.offer_set.all())
    assert [o.title for o in theme.offer_set.for_zone(zone)] == [f"Aanbod {zone.slug}"]
    # the reverse relation of a zone-owned parent stays scoped through its parent
    org = Organisation.objects.for_zone(zone).get()
    assert [o.title for o in org.offers.all()] == [f"Aanbod {zone.slug}"]


@pytest.mark.django_db
def test_load_demo_and_scale_data_refuse_production_settings(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.ZORGRAAD_ALLOW_DEMO_DATA = False
    for command in ("load_demo", "generate_scale_data"):
        with pytest.raises(CommandError, match="productiedatabank"):
            call_command(command)
    assert not Organisation.objects.unscoped().exists()


def test_production_settings_forbid_demo_data():
    import subprocess
    import sys

    code = "import config.settings.prod as s; print(s.ZORGRAAD_ALLOW_DEMO_DATA)"
    env = {"SECRET_KEY": "x" * 60, "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.django_db
def test_cross_zone_links_are_found(zone, other_zone):
    """The invariant check itself: a FK and an M2M link between two zones are both reported."""
    from zorgraad.core.invariants import cross_zone_links, zone_links
    from zorgraad.network.models import Affiliation, Person

    fields = {(m._meta.label, f.name) for m, f in zone_links()}
    assert ("network.Affiliation", "organisation") in fields
    assert ("network.Organisation", "parent") in fields
    assert cross_zone_links() == []
    here = Organisation.objects.create(zone=zone, name="Hier")
    there = Organisation.objects.create(zone=other_zone, name="Daar")
    person = Person.objects.create(zone=zone, first_name="An", last_name="Voorbeeld")
    Organisation.objects.for_zone(zone).filter(pk=here.pk).update(parent=there)
    Affiliation.objects.create(zone=zone, person=person, organisation=there)
    found = {(p.model, p.field) for p in cross_zone_links()}
    assert ("network.Organisation", "parent") in found
    assert ("network.Affiliation", "organisation") in found
    # clean up, so the autouse guard of this very test passes
    Affiliation.objects.for_zone(zone).delete()
    Organisation.objects.for_zone(zone).update(parent=None)
    assert cross_zone_links() == []
