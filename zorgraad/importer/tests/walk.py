"""The importer's records for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

from typing import Any

PK_BY_NAME = [("importer:", "importeddocument")]


def make_objects(zone: Any, users: Any, objects: dict[str, Any]) -> dict[str, Any]:
    from zorgraad.importer.models import ImportedDocument

    text = b"Verslag werkgroep\n\nDatum: 3 maart 2026\n\n1. Welkom\n"
    doc = ImportedDocument.objects.create(
        zone=zone,
        kind="minutes",
        filename="verslag.txt",
        content=text,
        size=len(text),
        extraction={
            "kind": "minutes",
            "title": {"value": "Verslag werkgroep", "uncertain": False, "reason": ""},
        },
    )
    return {"importeddocument": doc.pk}
