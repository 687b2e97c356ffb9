"""API of the directory: public read of organisations and offers; people only for staff of the zone."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["netwerk"])
