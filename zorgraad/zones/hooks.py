"""What the zones app adds to what core gathers (core/registry.py): the demo's zones."""

from __future__ import annotations

from typing import Any

from zorgraad.core.registry import DemoContext, DemoPart, demo_parts


def _load(ctx: DemoContext) -> None:
    from . import demo

    ctx.all_zones = demo.load()


def _restore(ctx: DemoContext) -> None:
    from .models import Zone

    ctx.all_zones = {z.slug: z for z in Zone.objects.filter(slug__in=["amalo", "zennevallei", "waasland"])}


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(
        name="zones",
        label="zones, gemeenten, clusters en sectoren",
        load=_load,
        restore=_restore,
        per_zone=False,
    )


def connect() -> None:
    demo_parts.connect(demo_part, dispatch_uid="zones-demo")
