"""What the meetings app adds to what core gathers (core/registry.py): panels and demo."""

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
)


@cacheable_panels()
def panels(zone: Any, request: Any, **kwargs: Any) -> Panel:
    """Meetings to prepare, minutes to finish, overdue follow-ups: a cached fragment (core/fragments.py)
    of the meetings kind (meetings, bodies, follow-ups, names of people) and the day."""
    from django.utils import timezone

    from zorgraad.core.pagecache import MEETINGS

    from .selectors.dashboard import meeting_work

    today = timezone.localdate()
    return Panel(
        "meetings-work",
        "meetings/_dashboard_panels.html",
        10,
        kinds=(MEETINGS,),
        day=today,
        context=LazyContext(lambda: {"work": meeting_work(zone=zone, today=today)}),
    )


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones)


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(name="meetings", label="vergaderingen en verslagen", load=_load, after=("governance",))


def connect() -> None:
    from zorgraad.core import audit

    from .models import AttendanceStatus

    audit.register_value_choices("attendance", AttendanceStatus)
    dashboard_panels.connect(panels, dispatch_uid="meetings-panels")
    demo_parts.connect(demo_part, dispatch_uid="meetings-demo")
