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


def affiliation(
    zone: Any, first: str = "Ilse", last: str = "", org: str = "", function: str = "", **kw: Any
) -> Any:
    """An invented person working at an (invented) organisation of the zone."""
    from zorgraad.network.models import Affiliation, Organisation, Person

    n = next(_seq)
    person = kw.pop("person", None) or Person.objects.create(
        zone=zone, first_name=first, last_name=last or f"Testpersoon{n}", email=f"p{n}@example.be"
    )
    organisation = kw.pop("organisation", None) or Organisation.objects.create(
        zone=zone, name=org or f"Dienstencentrum {n}"
    )
    return Affiliation.objects.create(
        zone=zone, person=person, organisation=organisation, function=function, **kw
    )


def ambassador(zone: Any, aff: Any = None, actor: Any = None, **data: Any) -> Any:
    import datetime as dt

    from zorgraad.signals.services import ambassadors

    return ambassadors.ambassador_create(
        zone=zone,
        actor=actor,
        affiliation=aff or affiliation(zone),
        data={"active_from": data.pop("active_from", dt.date(2025, 1, 1)), **data},
    )
