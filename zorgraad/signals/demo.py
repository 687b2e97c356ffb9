"""Demo signals (filled in below)."""

from __future__ import annotations

from typing import Any


def load(zones: dict[str, Any], users: dict[str, Any]) -> None:
    return None
