"""Demo directory and social map: the real organisations of the source documents, invented people."""

from __future__ import annotations

from typing import Any


def load(zones: dict[str, Any], users: dict[str, Any]) -> None:
    return None
