"""What the accounts app adds to what core gathers (core/registry.py): the demo accounts."""

from __future__ import annotations

from typing import Any

from zorgraad.core.registry import DemoContext, DemoPart, demo_parts


def _load(ctx: DemoContext) -> None:
    from . import demo

    ctx.users = demo.load(ctx.all_zones)


def _restore(ctx: DemoContext) -> None:
    from . import demo
    from .models import User

    emails = [row[0] for row in demo.ACCOUNTS]
    ctx.users = {u.email: u for u in User.objects.filter(email__in=emails)}
    admin = User.objects.filter(email="admin@zorgraad.test").first()
    if admin is not None:
        ctx.users["admin"] = admin


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(
        name="accounts",
        label="demo-accounts",
        load=_load,
        restore=_restore,
        after=("zones",),
        per_zone=False,
    )


def connect() -> None:
    demo_parts.connect(demo_part, dispatch_uid="accounts-demo")
