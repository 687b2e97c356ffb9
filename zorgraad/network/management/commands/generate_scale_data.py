"""Fill the database with a synthetic data set at the scale of PRODUCT.md for benchmarks.

Default: 60 zones x 500 organisations x 2,500 people ("all of Flanders"); use --zones and the
per-zone numbers for smaller runs. Names are generated, never real people.
"""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from zorgraad.core.management.demo_guard import refuse_in_production
from zorgraad.network.models import Affiliation, Offer, Organisation, Person, TargetGroup, Theme
from zorgraad.network.services.search import offer_index_rebuild
from zorgraad.zones.models import Municipality, Sector, Zone, ZoneMunicipality

FIRST = [
    "An",
    "Bart",
    "Chloë",
    "Dries",
    "Els",
    "Femke",
    "Gert",
    "Hanne",
    "Ilse",
    "Jens",
    "Karel",
    "Lien",
    "Maarten",
    "Nele",
    "Olivier",
    "Pieter-Jan",
    "Quinten",
    "Roel",
    "Sien",
    "Tom",
    "Ursula",
    "Vic",
    "Wim",
]
LAST = [
    "Aerts",
    "Bogaert",
    "Claes",
    "De Smet",
    "Engels",
    "Francken",
    "Goossens",
    "Hermans",
    "Jacobs",
    "Kenis",
    "Lemmens",
    "Martens",
    "Nijs",
    "Op de Beeck",
    "Peeters",
    "Raes",
    "Stevens",
    "Thys",
    "Van Damme",
    "Wouters",
]
KINDS = [
    "Lokaal dienstencentrum",
    "Woonzorgcentrum",
    "Huis van het Kind",
    "Thuiszorgdienst",
    "Praktijk",
    "Vzw",
    "Dienst maatschappelijk werk",
    "Ontmoetingshuis",
]
PLACES = ["De Linde", "Ter Beuken", "Zonnebloem", "Het Anker", "De Brug", "Horizon", "De Vlinder", "Kompas"]


class Command(BaseCommand):
    help = "Maakt synthetische schaalgegevens voor benchmarks (bench/)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--zones", type=int, default=60)
        parser.add_argument("--organisations", type=int, default=500, help="per zone")
        parser.add_argument("--people", type=int, default=2500, help="per zone")
        parser.add_argument("--offers", type=int, default=2, help="per organisation")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **opts: Any) -> None:
        refuse_in_production()
        rnd = random.Random(opts["seed"])
        start = time.monotonic()
        sectors = list(Sector.objects.all())
        groups = list(TargetGroup.objects.all())
        themes = list(Theme.objects.all())
        for z in range(opts["zones"]):
            with transaction.atomic():
                zone, created = Zone.objects.get_or_create(
                    slug=f"schaal-{z:02d}", defaults={"name": f"Schaalzone {z:02d}"}
                )
                if not created:
                    continue
                munis = []
                for i in range(5):
                    m, _ = Municipality.objects.get_or_create(
                        nis_code=f"9{z:02d}{i:02d}",
                        defaults={"name": f"Gemeente {z:02d}-{i}", "province": "Test"},
                    )
                    ZoneMunicipality.objects.create(zone=zone, municipality=m)
                    munis.append(m)
                orgs = []
                for i in range(opts["organisations"]):
                    o = Organisation(
                        zone=zone,
                        name=f"{rnd.choice(KINDS)} {rnd.choice(PLACES)} {i}",
                        sector=rnd.choice(sectors) if sectors else None,
                        city=rnd.choice(munis).name,
                    )
                    o.search_text = o.build_search_text()
                    orgs.append(o)
                orgs = Organisation.objects.bulk_create(orgs, batch_size=1000)
                people = []
                for i in range(opts["people"]):
                    p = Person(
                        zone=zone,
                        first_name=rnd.choice(FIRST),
                        last_name=rnd.choice(LAST),
                        email=f"p{z}-{i}@example.be",
                    )
                    p.search_text = p.build_search_text()
                    people.append(p)
                people = Person.objects.bulk_create(people, batch_size=1000)
                Affiliation.objects.bulk_create(
                    [
                        Affiliation(zone=zone, person=p, organisation=rnd.choice(orgs), function="medewerker")
                        for p in people
                    ],
                    batch_size=1000,
                )
                offers = []
                for o in orgs:
                    for k in range(opts["offers"]):
                        offer = Offer(
                            zone=zone,
                            organisation=o,
                            title=f"Aanbod {k + 1} van {o.name}",
                            description="Ondersteuning en advies voor inwoners.",
                            how_to_refer="Bel ons.",
                        )
                        offer.search_text = offer.build_search_text()
                        offers.append(offer)
                offers = Offer.objects.bulk_create(offers, batch_size=1000)
                through_m = Offer.municipalities.through
                through_m.objects.bulk_create(
                    [through_m(offer_id=o.pk, municipality_id=rnd.choice(munis).pk) for o in offers],
                    batch_size=1000,
                )
                if groups:
                    through_g = Offer.target_groups.through
                    through_g.objects.bulk_create(
                        [through_g(offer_id=o.pk, targetgroup_id=rnd.choice(groups).pk) for o in offers],
                        batch_size=1000,
                    )
                if themes:
                    through_t = Offer.themes.through
                    through_t.objects.bulk_create(
                        [through_t(offer_id=o.pk, theme_id=rnd.choice(themes).pk) for o in offers],
                        batch_size=1000,
                    )
                offer_index_rebuild(zone=zone)  # bulk writes send no signals: the search index by hand
            self.stdout.write(f"zone {z + 1}/{opts['zones']} ({time.monotonic() - start:.1f} s)")
        self.stdout.write(self.style.SUCCESS(f"Klaar in {time.monotonic() - start:.1f} s."))
