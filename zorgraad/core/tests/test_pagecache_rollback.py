"""A rolled-back write must not stop later writes from raising the zone's page-cache generation."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from zorgraad.network.models import Organisation


def socialmap_generation(zone: Any) -> int:
    from zorgraad.core.models import PageGeneration

    row = PageGeneration.objects.filter(zone=zone, kind="socialmap").first()
    return row.value if row else 0


@pytest.mark.django_db(transaction=True)
def test_a_write_after_a_rolled_back_one_still_raises_the_generation(zones: dict[str, Any]) -> None:
    zone = zones["amalo"]
    with pytest.raises(RuntimeError), transaction.atomic():
        Organisation.objects.create(zone=zone, name="Dienstencentrum Teruggedraaid")
        raise RuntimeError("rolled back")
    generation = socialmap_generation(zone)
    Organisation.objects.create(zone=zone, name="Dienstencentrum Bewaard")
    assert socialmap_generation(zone) == generation + 1
    # and inside a transaction that commits, once
    with transaction.atomic():
        Organisation.objects.create(zone=zone, name="Dienstencentrum Een")
        Organisation.objects.create(zone=zone, name="Dienstencentrum Twee")
    assert socialmap_generation(zone) == generation + 2
