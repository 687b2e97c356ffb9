"""Small builders for governance tests. Every record stays in the zone it is given; people are invented."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from zorgraad.governance.models import Body, BodyKind, Membership, MembershipRole
from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.network.models import Organisation, Person
from zorgraad.zones.models import Sector

_seq = count(1)

FIRST_NAMES = ["Lien", "Wout", "Fien", "Jens", "Ilse", "Bram", "Saar", "Tijl"]
LAST_NAMES = ["Verbraeken", "De Smedt", "Van Oosterwijck", "Claeskens", "Moortgat", "Pieters"]


def organisation(zone: Any, name: str = "", sector: str | None = None) -> Organisation:
    n = next(_seq)
    return Organisation.objects.create(
        zone=zone,
        name=name or f"Dienstencentrum Testlaan {n}",
        sector=Sector.objects.get(code=sector) if sector else None,
    )


def person(zone: Any, first_name: str = "", last_name: str = "", user: Any = None) -> Person:
    n = next(_seq)
    first = first_name or FIRST_NAMES[n % len(FIRST_NAMES)]
    last = last_name or f"{LAST_NAMES[n % len(LAST_NAMES)]}{n}"
    p = Person(zone=zone, first_name=first, last_name=last, email=f"persoon{n}@example.be", user=user)
    p.search_text = p.build_search_text()
    p.save()
    return p


def body(zone: Any, name: str = "", is_open: bool = True, **extra: Any) -> Body:
    n = next(_seq)
    name = name or f"Werkgroep test {n}"
    return Body.objects.create(
        zone=zone,
        name=name,
        slug=extra.pop("slug", f"werkgroep-test-{n}"),
        kind=extra.pop("kind", BodyKind.WORKING_GROUP),
        is_open=is_open,
        **extra,
    )


def membership(
    body: Body,
    person: Person,
    role: str = MembershipRole.MEMBER,
    start: dt.date | None = None,
    end: dt.date | None = None,
    **extra: Any,
) -> Membership:
    return Membership.objects.create(
        zone=body.zone, body=body, person=person, role=role, start=start, end=end, **extra
    )


def meeting(body: Body, day: dt.date, status: str = MeetingStatus.PLANNED, **extra: Any) -> Meeting:
    return Meeting.objects.create(
        zone=body.zone,
        body=body,
        date=day,
        start_time=dt.time(13, 30),
        end_time=dt.time(16, 0),
        status=status,
        **extra,
    )


# --- agenda subscriptions (kept by the newsletter app since the merge) -------------------------


def subscription_count() -> int:
    """Active agenda subscriptions of bodies, in every zone."""
    from zorgraad.newsletter.models import Interest

    return Interest.objects.unscoped().filter(body__isnull=False, subscriber__status="active").count()


def subscriptions(zone: Any, body: Any = None) -> list[Any]:
    """The agenda subscriptions of the zone (of one body), as governance sees them."""
    from zorgraad.governance.subscriptions import store

    bodies = [body] if body is not None else list(Body.objects.for_zone(zone).order_by("pk"))
    return [s for b in bodies for s in store().for_body(zone=zone, body=b)]
