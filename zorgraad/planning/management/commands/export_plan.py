"""manage.py export_plan --zone Z --plan ID --format docx|pdf -o FILE [--action ID]"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Exporteer een actieplan (of één actie) naar .docx of .pdf in het sjabloon van het departement."

    def add_arguments(self, parser: CommandParser) -> None:
        from zorgraad.planning import exporters

        parser.add_argument("--zone", required=True, help="slug van de zone")
        parser.add_argument("--plan", required=True, type=int, help="id van het jaarplan")
        parser.add_argument("--format", required=True, choices=sorted(exporters.EXPORTERS))
        parser.add_argument("--action", type=int, default=None, help="alleen deze actie")
        parser.add_argument("-o", required=True, help="uitvoerbestand")

    def handle(self, *args: Any, **opts: Any) -> None:
        from zorgraad.planning import exporters
        from zorgraad.planning.models import Action, YearPlan
        from zorgraad.zones.models import Zone

        zone = Zone.objects.filter(slug=opts["zone"]).first()
        if zone is None:
            raise CommandError(f"Onbekende zone: {opts['zone']}")
        plan = YearPlan.objects.for_zone(zone).filter(pk=opts["plan"]).first()
        if plan is None:
            raise CommandError(f"Geen actieplan {opts['plan']} in zone {zone.slug}.")
        action = None
        if opts["action"]:
            action = (
                Action.objects.for_zone(zone)
                .filter(pk=opts["action"], objective__strategic__plan=plan)
                .first()
            )
            if action is None:
                raise CommandError(f"Geen actie {opts['action']} in dit plan.")
        content = exporters.export(zone=zone, plan=plan, fmt=opts["format"], action=action)
        Path(opts["o"]).write_bytes(content)
        self.stdout.write(f"{opts['o']}: {len(content)} bytes")
