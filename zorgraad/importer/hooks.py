"""What the importer app adds to what core gathers (core/registry.py) and to the URL table."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from zorgraad.core import permissions

URL_ROLES: dict[str, str] = {
    "importer:upload": permissions.STAFF,
    "importer:preview": permissions.STAFF,
    "importer:mapping": permissions.STAFF,
    "importer:original": permissions.STAFF,
}


AUDIT_ACTIONS = {
    "import_uploaded": gettext_lazy("document opgeladen"),
    "import_confirmed": gettext_lazy("import bevestigd"),
    "import_discarded": gettext_lazy("import geannuleerd"),
}


def connect() -> None:
    from zorgraad.core import audit

    audit.register_actions(AUDIT_ACTIONS)
    permissions.register(URL_ROLES)
