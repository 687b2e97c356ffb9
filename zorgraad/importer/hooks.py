"""What the importer app adds to what core gathers (core/registry.py) and to the URL table."""

from __future__ import annotations

from zorgraad.core import permissions

URL_ROLES: dict[str, str] = {
    "importer:upload": permissions.STAFF,
    "importer:preview": permissions.STAFF,
    "importer:mapping": permissions.STAFF,
    "importer:original": permissions.STAFF,
}


def connect() -> None:
    permissions.register(URL_ROLES)
