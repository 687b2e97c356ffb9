"""A rolled-back write must not stop later writes from raising the zone's page-cache generation."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from zorgraad.network.models import Organisation
from zorgraad.zones.models import Zone


@pytest.mark.django_db(transaction=True)
def test_a_write_after_a_rolled_back_one_still_raises_the_generation(zones: dict[str, Any]) -> None:
    zone = zones["amalo"]
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.create(zone=zone, name="Dienstencentrum Teruggedraaid")
        raise RuntimeError("rolled back")
    generation = Zone.objects.get(pk=zone.pk).generation
    Organisation.objects.create(zone=zone, name="Dienstencentrum Bewaard")
    assert Zone.objects.get(pk=zone.pk).generation == generation + 1
    # and inside a transaction that commits, once
    with transaction.atomic():
        Organisation.objects.create(zone=zone, name="Dienstencentrum Een")
        Organisation.objects.create(zone=zone, name="Dienstencentrum Twee")
    assert Zone.objects.get(pk=zone.pk).generation == generation + 2
