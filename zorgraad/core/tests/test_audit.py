import pytest

from zorgraad.core import audit
from zorgraad.network.models import Person


@pytest.mark.django_db
def test_history_shows_dutch_labels_and_only_this_record(zone, other_zone):
    p = Person.objects.create(zone=zone, first_name="Ada", last_name="Voorbeeld")
    q = Person.objects.create(zone=other_zone, first_name="Bo", last_name="Anders")
    audit.record(zone=zone, actor=None, action="updated", instance=p, changes={"phone": ["", "02 123 45 67"]})
    audit.record(zone=other_zone, actor=None, action="created", instance=q)
    entries = list(audit.history_for(zone=zone, instance=p))
    assert [e.action_label for e in entries] == ["gewijzigd"]
    assert entries[0].changes == {"phone": ["", "02 123 45 67"]}
    assert entries[0].who == "systeem"
    assert list(audit.history_for(zone=zone, instance=q)) == []
