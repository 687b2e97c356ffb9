"""The newsletter's records for the permission walk (tests/test_permission_walk.py)."""

from __future__ import annotations

from typing import Any

PK_BY_NAME = [
    ("newsletter:block_edit", "nl_block"),
    ("newsletter:block_delete", "nl_block"),
    ("newsletter:", "nl_edition"),
]


def make_objects(zone: Any, users: Any, objects: dict[str, Any]) -> dict[str, Any]:
    from django.utils import timezone

    from zorgraad.newsletter.models import Block, BlockKind, Edition, EditionStatus

    edition = Edition.objects.create(
        zone=zone, subject="Nieuwsbrief maart", status=EditionStatus.SENT, sent_at=timezone.now(), html=""
    )
    block = Block.objects.create(zone=zone, edition=edition, kind=BlockKind.TEXT, text="<p>Hallo</p>")
    return {"nl_edition": edition.pk, "nl_block": block.pk}
