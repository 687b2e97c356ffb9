"""Fill the database with a synthetic data set at the scale of PRODUCT.md for benchmarks.

Default: 60 zones x 500 organisations x 2,500 people ("all of Flanders"), each zone with 8 bodies
of 12 members and 40 meetings each (about 19,000 meetings in all, with 5 agenda items and an
attendance row per member), one staff user per zone (`staf@<zone>.zorgraad.test`, no password) and,
with --big-zone, one outsized zone `schaal-groot` (5,000 organisations, 20,000 people). Use --zones
and the per-zone numbers for smaller runs. Deterministic for a given --seed; every write is a
bulk_create. Names are generated, never real people.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from zorgraad.accounts.models import Role, User, ZoneRole
from zorgraad.core.management.demo_guard import refuse_in_production
from zorgraad.governance.models import Body, BodyKind, Membership
from zorgraad.meetings.models import AgendaItem, Attendance, AttendanceStatus, Meeting, MeetingStatus
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
        parser.add_argument("--bodies", type=int, default=8, help="per zone")
        parser.add_argument("--members", type=int, default=12, help="per body")
        parser.add_argument("--meetings", type=int, default=40, help="per body")
        parser.add_argument("--items", type=int, default=5, help="agenda items per meeting")
        parser.add_argument("--big-zone", action="store_true", help="also one zone of 5,000 organisations")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **opts: Any) -> None:
        refuse_in_production()
        start = time.monotonic()
        sectors = list(Sector.objects.all())
        groups = list(TargetGroup.objects.all())
        themes = list(Theme.objects.all())
        plan = [
            (f"schaal-{z:02d}", f"Schaalzone {z:02d}", opts["organisations"], opts["people"])
            for z in range(opts["zones"])
        ]
        if opts["big_zone"]:
            plan.append(("schaal-groot", "Schaalzone groot", 5000, 20000))
        for z, (slug, name, n_orgs, n_people) in enumerate(plan):
            rnd = random.Random(f"{opts['seed']}-{slug}")  # each zone the same, whatever was made before
            with transaction.atomic():
                zone, created = Zone.objects.get_or_create(slug=slug, defaults={"name": name})
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
                for i in range(n_orgs):
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
                for i in range(n_people):
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
                self._governance(zone, rnd, orgs, people, opts)
                self._staff(zone)
            self.stdout.write(f"zone {z + 1}/{len(plan)} {slug} ({time.monotonic() - start:.1f} s)")
        self.stdout.write(self.style.SUCCESS(f"Klaar in {time.monotonic() - start:.1f} s."))

    def _staff(self, zone: Zone) -> None:
        user = User(email=f"staf@{zone.slug}.zorgraad.test", first_name="Staf", last_name=zone.name)
        user.set_unusable_password()
        user = User.objects.bulk_create([user])[0]
        ZoneRole.objects.bulk_create([ZoneRole(zone=zone, user=user, role=Role.STAFF)])

    def _governance(
        self, zone: Zone, rnd: random.Random, orgs: list[Any], people: list[Any], opts: dict[str, Any]
    ) -> None:
        """Bodies with members, meetings in the past and the future, agenda items and attendance."""
        if not opts["bodies"] or not people:
            return
        kinds = [k for k, _ in BodyKind.choices]
        bodies = Body.objects.bulk_create(
            [
                Body(
                    zone=zone,
                    name=f"Overleg {b + 1}",
                    slug=f"overleg-{b + 1}",
                    kind=kinds[b % len(kinds)],
                    is_open=b % 2 == 0,
                )
                for b in range(opts["bodies"])
            ]
        )
        members: dict[int, list[Any]] = {}
        rows = []
        for body in bodies:
            chosen = rnd.sample(people, min(opts["members"], len(people)))
            members[body.pk] = chosen
            rows += [
                Membership(zone=zone, body=body, person=p, organisation=rnd.choice(orgs)) for p in chosen
            ]
        Membership.objects.bulk_create(rows, batch_size=1000)
        today = dt.date(2026, 1, 5)  # fixed: the same data whatever the day it is made
        meetings = []
        for body in bodies:
            for m in range(opts["meetings"]):
                day = today + dt.timedelta(days=14 * (m - opts["meetings"] // 2))
                meetings.append(
                    Meeting(
                        zone=zone,
                        body=body,
                        date=day,
                        start_time=dt.time(13, 30),
                        end_time=dt.time(16, 0),
                        status=MeetingStatus.HELD if day < today else MeetingStatus.PLANNED,
                        title=f"{body.name} {day:%d/%m/%Y}",
                        venue_organisation=rnd.choice(orgs),
                    )
                )
        meetings = Meeting.objects.bulk_create(meetings, batch_size=1000)
        items = []
        attendance = []
        for meeting in meetings:
            people_of = members[meeting.body_id]
            for i in range(opts["items"]):
                items.append(
                    AgendaItem(
                        zone=zone,
                        meeting=meeting,
                        order=i,
                        title=f"Agendapunt {i + 1}",
                        presenter=rnd.choice(people_of),
                    )
                )
            attendance += [
                Attendance(zone=zone, meeting=meeting, person=p, status=AttendanceStatus.INVITED)
                for p in people_of
            ]
        AgendaItem.objects.bulk_create(items, batch_size=1000)
        Attendance.objects.bulk_create(attendance, batch_size=1000)
