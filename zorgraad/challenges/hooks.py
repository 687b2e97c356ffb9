"""What the challenges app adds to the URL table and the demo (core/registry.py)."""

from __future__ import annotations

from typing import Any

from zorgraad.core import permissions
from zorgraad.core.registry import DemoContext, DemoPart, demo_parts

URL_ROLES: dict[str, str] = {
    "challenges:list": permissions.STAFF,
    "challenges:create": permissions.STAFF,
    "challenges:detail": permissions.STAFF,
    "challenges:edit": permissions.STAFF,
    "challenges:public_list": permissions.PUBLIC,
    "challenges:public_detail": permissions.PUBLIC,
}


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones)


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(name="challenges", label="uitdagingen", load=_load, after=("governance",))


def connect() -> None:
    permissions.register(URL_ROLES)
    demo_parts.connect(demo_part, dispatch_uid="challenges-demo")
