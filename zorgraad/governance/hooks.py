"""What the governance app adds to what core gathers (core/registry.py): panels and demo."""

from __future__ import annotations

from typing import Any

from zorgraad.core.registry import (
    DemoContext,
    DemoPart,
    LazyContext,
    Panel,
    cacheable_panels,
    dashboard_panels,
    demo_parts,
    person_panels,
)


@cacheable_panels()
def panels(zone: Any, request: Any, **kwargs: Any) -> Panel:
    """Bodies missing a sector: a cached fragment (core/fragments.py) of the meetings kind (bodies,
    memberships, their organisations' sectors), the reference data (sectors) and the day (mandates)."""
    from django.utils import timezone

    from zorgraad.core.pagecache import MEETINGS

    from .selectors import bodies_needing_attention

    today = timezone.localdate()
    return Panel(
        "governance-bodies",
        "governance/_dashboard_sectors.html",
        30,
        kinds=(MEETINGS,),
        day=today,
        context=LazyContext(lambda: {"bodies_attention": bodies_needing_attention(zone, today=today)}),
    )


@cacheable_panels()
def person_memberships_panel(zone: Any, person: Any, **kwargs: Any) -> Panel:
    """The bodies a person sits in (current, coming and ended mandates), on the person's staff page:
    of the meetings kind (bodies, memberships, their organisations' names; sectors and municipalities
    are reference data) and the day (which mandates run). Lazy: the query runs when the card is
    rendered, so a cached person page (core/staffcache.py) runs none."""
    from django.utils import timezone

    from zorgraad.core.pagecache import MEETINGS

    from .selectors import person_memberships

    today = timezone.localdate()
    return Panel(
        "governance-memberships",
        "governance/_person_memberships.html",
        50,
        kinds=(MEETINGS,),
        day=today,
        context=LazyContext(lambda: {"memberships": person_memberships(zone=zone, person=person, day=today)}),
    )


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones, ctx.users)


def demo_part(**kwargs: Any) -> DemoPart:
    # After the network: bodies reuse its organisations and people.
    return DemoPart(name="governance", label="overlegorganen", load=_load, after=("network",))


def connect() -> None:
    dashboard_panels.connect(panels, dispatch_uid="governance-panels")
    demo_parts.connect(demo_part, dispatch_uid="governance-demo")
    person_panels.connect(person_memberships_panel, dispatch_uid="governance-person-memberships")
