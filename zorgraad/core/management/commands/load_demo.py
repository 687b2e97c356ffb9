from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from zorgraad.core.management.demo_guard import refuse_in_production
from zorgraad.core.models import DemoLoad
from zorgraad.core.registry import DemoContext, DemoPart, ordered_demo_parts

DEMO_ZONES = ("amalo", "zennevallei", "waasland")
ALL = ""  # DemoLoad.zone_slug of a part that is loaded once for all zones


class Command(BaseCommand):
    help = (
        "Laadt de demogegevens (AMALO, Zennevallei, Waasland). Elk deel wordt één keer geladen: "
        "opnieuw uitvoeren maakt alleen aan wat nog ontbreekt en laat wat gebruikers veranderden staan."
    )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        refuse_in_production()
        parts = ordered_demo_parts()
        self._adopt_earlier_demo(parts)
        done = {(row.part, row.zone_slug) for row in DemoLoad.objects.all()}
        ctx = DemoContext()
        loaded: list[str] = []
        for part in parts:
            wanted = DEMO_ZONES if part.per_zone else (ALL,)
            missing = [slug for slug in wanted if (part.name, slug) not in done]
            if not missing:
                if part.restore is not None:
                    part.restore(ctx)
                continue
            if part.per_zone:
                ctx.zones = {slug: z for slug, z in ctx.all_zones.items() if slug in missing}
            else:
                ctx.zones = dict(ctx.all_zones)
            part.load(ctx)
            DemoLoad.objects.bulk_create([DemoLoad(part=part.name, zone_slug=slug) for slug in missing])
            where = ", ".join(ctx.all_zones[s].name for s in missing if s in ctx.all_zones)
            loaded.append(f"{part.label}" + (f" ({where})" if part.per_zone and where else ""))
        if loaded:
            self.stdout.write(self.style.SUCCESS("Demogegevens geladen: " + "; ".join(loaded) + "."))
        else:
            self.stdout.write(
                "De demogegevens waren al geladen; niets veranderd (wat gebruikers aanpasten blijft staan)."
            )

    def _adopt_earlier_demo(self, parts: list[DemoPart]) -> None:
        """A database loaded before parts were recorded: count what is there as loaded, touch nothing."""
        if DemoLoad.objects.exists():
            return
        from zorgraad.zones.models import Zone

        present = list(Zone.objects.filter(slug__in=DEMO_ZONES).values_list("slug", flat=True))
        if not present:
            return
        rows = []
        for part in parts:
            for slug in present if part.per_zone else [ALL]:
                rows.append(DemoLoad(part=part.name, zone_slug=slug))
        DemoLoad.objects.bulk_create(rows)
        self.stdout.write("Bestaande demogegevens gevonden: die blijven zoals ze zijn.")
