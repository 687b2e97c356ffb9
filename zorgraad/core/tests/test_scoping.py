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
