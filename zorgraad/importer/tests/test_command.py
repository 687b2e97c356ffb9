"""manage.py import_document: --json prints the extraction, --dry-run saves nothing, errors in Dutch."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from zorgraad.governance.models import Body, BodyKind
from zorgraad.importer import quality
from zorgraad.importer.models import ImportedDocument
from zorgraad.meetings.models import Meeting

pytestmark = pytest.mark.django_db
DOCS = quality.FIXTURES


@pytest.fixture
def body(zone: Any) -> Body:
    return Body.objects.create(
        zone=zone,
        name="Stuurgroep preventie",
        slug="stuurgroep-preventie",
        kind=BodyKind.CLUSTER,
        default_start=dt.time(15),
        default_end=dt.time(17),
    )


def test_json_dry_run_prints_iso_dates_and_24_hour_times_and_saves_nothing(zone: Any, body: Body) -> None:
    out = io.StringIO()
    call_command(
        "import_document",
        str(DOCS / "minutes_stuurgroep_2026.txt"),
        zone=zone.slug,
        json=True,
        dry_run=True,
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["date"]["value"] == "2026-01-19"
    assert data["start_time"]["value"] == "15:00" and data["end_time"]["value"] == "17:00"
    assert data["next_meetings"][1]["date"] == {
        "value": None,
        "uncertain": True,
        "reason": "‘dinsdag 31 april 2026’ bestaat niet",
    }
    assert "weekdag klopt niet" in data["next_meetings"][0]["date"]["reason"]
    assert Meeting.objects.for_zone(zone).count() == 0
    assert ImportedDocument.objects.for_zone(zone).count() == 0


def test_import_saves_and_links(zone: Any, body: Body) -> None:
    out = io.StringIO()
    call_command(
        "import_document", str(DOCS / "agenda_forum.txt"), zone=zone.slug, body=body.slug, stdout=out
    )
    assert "Geïmporteerd" in out.getvalue()
    assert Meeting.objects.for_zone(zone).filter(body=body, date=dt.date(2026, 2, 6)).exists()
    assert ImportedDocument.objects.for_zone(zone).get().records.count() > 0


def test_errors_are_dutch_and_nothing_is_saved(zone: Any, body: Body, tmp_path: Any) -> None:
    with pytest.raises(CommandError, match="Geen eerstelijnszone"):
        call_command("import_document", str(DOCS / "agenda_forum.txt"), zone="bestaat-niet")
    empty = tmp_path / "leeg.docx"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="leeg"):
        call_command("import_document", str(empty), zone=zone.slug)
    with pytest.raises(CommandError, match="Niets geïmporteerd"):
        # The dates of 2026 and a 31 April: refused whole, nothing half-saved.
        call_command(
            "import_document", str(DOCS / "minutes_stuurgroep_2026.txt"), zone=zone.slug, body=body.slug
        )
    assert Meeting.objects.for_zone(zone).count() == 0
    assert ImportedDocument.objects.for_zone(zone).count() == 0
