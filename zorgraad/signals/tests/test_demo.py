"""The demo signals are the seeds' (SEEDS-DETAIL §5.1): one record per signal, shared ones on two challenges."""

from __future__ import annotations

import pytest

from zorgraad.challenges.models import Challenge
from zorgraad.signals import demo
from zorgraad.signals.models import Signal

pytestmark = pytest.mark.django_db


def test_waasland_structural_signals_as_the_seed_lists_them(zones):
    zone = zones["waasland"]
    for n in range(1, 12):
        Challenge.objects.create(zone=zone, number=str(n), title=f"Uitdaging {n}", order=n)
    demo.load({"waasland": zone}, {})
    signals = Signal.objects.for_zone(zone)
    assert signals.count() == 24
    assert not signals.exclude(status="structural").exists()
    per = {c.number: c.signals.count() for c in Challenge.objects.for_zone(zone)}
    assert per == {"1": 0, "2": 3, "3": 5, "4": 5, "5": 1, "6": 0, "7": 0, "8": 1, "9": 0, "10": 0, "11": 2}
    assert signals.filter(challenges__isnull=True).count() == 10
    assert signals.filter(title__icontains="psychiatrische ziekenhuizen").count() == 1
    psychologists = signals.get(title__startswith="Tekort aan psychologen")
    assert sorted(psychologists.challenges.values_list("number", flat=True)) == ["2", "4"]
    demo.load({"waasland": zone}, {})  # a second run adds nothing
    assert signals.count() == 24


def test_amalo_welfare_signals_ideas_and_drempelscan_drafts(zones):
    zone = zones["amalo"]
    demo.load({"amalo": zone}, {})
    signals = Signal.objects.for_zone(zone)
    welfare = signals.exclude(source="drempelscan")
    assert welfare.count() == 15
    assert set(welfare.filter(kind="idea").values_list("title", flat=True)) == {
        "Jobbeurzen",
        "Gezamenlijke vrijwilligersinitiatieven",
        "Innovatieve projecten",
        "Gezamenlijke campagnes voor zorgpersoneel",
    }
    assert {s.received_on.isoformat() for s in welfare} == {"2024-11-27"}
    drafts = signals.filter(source="drempelscan")
    assert drafts.count() == 5 and set(drafts.values_list("status", flat=True)) == {"draft"}
