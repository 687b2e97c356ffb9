"""Small builders for signals tests (invented names only)."""

from __future__ import annotations

from itertools import count
from typing import Any

from zorgraad.challenges.models import Challenge
from zorgraad.signals import services
from zorgraad.signals.models import Signal, SignalSource

_seq = count(1)


def challenge(zone: Any, number: str = "", title: str = "") -> Challenge:
    n = next(_seq)
    return Challenge.objects.create(
        zone=zone, number=number or str(n), title=title or f"Uitdaging {n}", short_label=f"Kort {n}", order=n
    )


def signal(zone: Any, title: str = "", actor: Any = None, **data: Any) -> Signal:
    n = next(_seq)
    source = data.pop("source", SignalSource.STAFF)
    status = data.pop("status", "received")
    received_on = data.pop("received_on", None)
    return services.signal_create(
        zone=zone,
        actor=actor,
        data={
            "title": title or f"Wachtlijst test {n}",
            "description": data.pop("description", "Een situatie."),
            **data,
        },
        source=source,
        status=status,
        received_on=received_on,
    )
