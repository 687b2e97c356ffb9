"""manage.py import_document PATH --zone Z [--kind minutes|plan|contacts] [--dry-run] [--json]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from zorgraad.importer import services
from zorgraad.zones.models import Zone


class Command(BaseCommand):
    help = (
        "Lees een verslag, actieplan of contactenlijst in (.docx, .pdf, .txt, .csv, .xlsx) en importeer het."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--zone", required=True, help="slug van de eerstelijnszone")
        parser.add_argument("--kind", choices=["minutes", "plan", "contacts"], default=None)
        parser.add_argument("--body", default=None, help="slug van het overlegorgaan (verslagen)")
        parser.add_argument("--dry-run", action="store_true", help="niets opslaan")
        parser.add_argument("--json", action="store_true", help="de extractie als JSON tonen")

    def handle(self, *args: Any, **opts: Any) -> None:
        zone = Zone.objects.filter(slug=opts["zone"]).first()
        if zone is None:
            raise CommandError(f"Geen eerstelijnszone met slug ‘{opts['zone']}’.")
        path = Path(opts["path"])
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {path}")
        data = path.read_bytes()
        try:
            kind, extraction, _rows = services.read_document(
                zone=zone, filename=path.name, data=data, kind=opts["kind"]
            )
        except services.ImportFailed as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if opts["body"]:
            from zorgraad.governance.models import Body

            body = Body.objects.for_zone(zone).filter(slug=opts["body"]).first()
            if body is None:
                raise CommandError(f"Geen overlegorgaan met slug ‘{opts['body']}’ in {zone}.")
            extraction["body_id"] = body.pk
        if opts["json"]:
            self.stdout.write(json.dumps(extraction, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"Soort: {kind}")
            for warning in extraction.get("warnings", []):
                self.stdout.write(f"Let op: {warning}")
        if opts["dry_run"]:
            if not opts["json"]:
                self.stdout.write("Proefdraai: niets opgeslagen.")
            return
        try:
            with transaction.atomic():  # the document and what it creates, or nothing
                doc = services.document_upload(
                    zone=zone, actor=None, filename=path.name, data=data, kind=kind
                )
                result = services.document_confirm(zone=zone, actor=None, document=doc, extraction=extraction)
        except services.ImportFailed as exc:
            raise CommandError("Niets geïmporteerd: " + " ".join(exc.messages)) from exc
        created = ", ".join(f"{n} {label}" for label, n in result.created.items()) or "niets"
        out = self.stderr if opts["json"] else self.stdout
        out.write(f"Geïmporteerd ({doc.filename}): {created}.")
