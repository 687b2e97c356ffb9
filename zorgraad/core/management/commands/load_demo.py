from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from zorgraad.core.management.demo_guard import refuse_in_production


class Command(BaseCommand):
    help = "Laadt de demogegevens (AMALO, Zennevallei, Waasland). Twee keer uitvoeren verandert niets."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        refuse_in_production()
        from zorgraad.accounts import demo as accounts_demo
        from zorgraad.governance import demo as governance_demo
        from zorgraad.meetings import demo as meetings_demo
        from zorgraad.network import demo as network_demo
        from zorgraad.zones import demo as zones_demo

        zones = zones_demo.load()
        users = accounts_demo.load(zones)
        network_demo.load(zones, users)
        # Bodies and meetings after the network: they reuse its organisations and people.
        governance_demo.load(zones, users)
        meetings_demo.load(zones)
        self.stdout.write(
            self.style.SUCCESS(f"Demogegevens geladen: {', '.join(z.name for z in zones.values())}.")
        )
