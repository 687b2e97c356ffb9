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
