"""What the meetings app adds to what core gathers (core/registry.py): panels and demo."""

from __future__ import annotations

from typing import Any

from zorgraad.core.registry import DemoContext, DemoPart, Panel, dashboard_panels, demo_parts


def panels(zone: Any, request: Any, **kwargs: Any) -> Panel:
    from .selectors.dashboard import meeting_work

    return Panel("meetings-work", "meetings/_dashboard_panels.html", 10, {"work": meeting_work(zone=zone)})


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
