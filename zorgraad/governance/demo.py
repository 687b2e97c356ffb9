"""Demo bodies: the AMALO welfare cluster meeting, and a board and general assembly in every demo zone.

The organisations are the real ones of the source documents; the people are invented (fictional names,
@example.be addresses). Organisations are looked up by zone and name first, so whatever the network
demo already created is reused; what is missing is created here. Running `load` twice changes nothing:
every record is found again by its natural key (zone + slug, body + title, body + person + role, ...).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from zorgraad.network.models import Affiliation, Organisation, Person, normalise
from zorgraad.zones.models import Cluster, Municipality, Sector, Zone

from .models import Body, BodyKind, FixedAgendaItem, Membership, MembershipRole

WELFARE_SLUG = "clusteroverleg-welzijn"
BOARD_SLUG = "bestuursorgaan"
ASSEMBLY_SLUG = "algemene-vergadering"
SECRETARY_ACCOUNT = "secretaris@amalo.zorgraad.test"
MEMBER_ACCOUNT = "lid@amalo.zorgraad.test"
MANDATE_START = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class OrgSpec:
    name: str
    sector: str = ""
    city: str = ""
    postal_code: str = ""
    street: str = ""
    aliases: tuple[str, ...] = ()
    parent: str = ""  # key of the parent organisation


# Real organisations of the source documents (names only; addresses where the minutes give them).
ORGANISATIONS: dict[str, dict[str, OrgSpec]] = {
    "amalo": {
        "elz": OrgSpec(
            "Eerstelijnszone AMALO vzw",
            "overig",
            aliases=("ELZ AMALO", "ELZ AMALO vzw", "Eerstelijnszone AMALO"),
        ),
        "caw": OrgSpec(
            "CAW Halle-Vilvoorde",
            "caw",
            aliases=("CAW Halle Vilvoorde", "CAW Halle-Vilvoorde vzw", "CAW huis AMALO"),
        ),
        "cm": OrgSpec(
            "CM",
            "mutualiteit",
            aliases=("Christelijke Mutualiteit", "CM Liedekerke Merchtem", "CM Midden-Vlaanderen"),
        ),
        "lm": OrgSpec(
            "LM Plus", "mutualiteit", aliases=("Liberale Mutualiteit", "LM Plus Liberale Mutualiteit")
        ),
        "solidaris": OrgSpec("Solidaris Brabant", "mutualiteit", aliases=("Solidaris",)),
        "ferm": OrgSpec("Ferm Thuiszorg", "thuiszorg", aliases=("Ferm Thuiszorg vzw",)),
        "familiehulp": OrgSpec("Familiehulp", "thuiszorg", aliases=("Familiehulp vzw",)),
        "ocmw-merchtem": OrgSpec(
            "OCMW Merchtem",
            "ocmw",
            "Merchtem",
            "1785",
            "Stationsstraat 4",
            aliases=("Sociaal Huis Merchtem", "Sociale dienst Merchtem"),
        ),
        "opcura": OrgSpec(
            "Welzijnsvereniging Opcura",
            "woonzorgcentrum",
            "Opwijk",
            "1745",
            "Kloosterstraat",
            aliases=("Opcura", "Welzijnsvereniging Opcura vzw"),
        ),
        "hopstaak": OrgSpec(
            "Lokaal dienstencentrum Den Hopstaak",
            "lokaal-dienstencentrum",
            "Opwijk",
            "1745",
            aliases=("LDC Den Hopstaak",),
            parent="opcura",
        ),
        "oase": OrgSpec(
            "WZC De Oase",
            "woonzorgcentrum",
            "Opwijk",
            "1745",
            "Kloosterstraat",
            aliases=("Woonzorgcentrum De Oase", "WZC De Oase Opwijk"),
            parent="opcura",
        ),
        "ter-linde": OrgSpec(
            "Residentie Ter Linde", "woonzorgcentrum", "Merchtem", "1785", "Gasthuisstraat 17b"
        ),
        "klein-veldeken": OrgSpec(
            "Klein Veldeken",
            "woonzorgcentrum",
            "Asse",
            "1730",
            aliases=("Klein Veldeken vzw", "WZC Klein Veldeken"),
        ),
        "sint-rafael": OrgSpec(
            "WZC Sint-Rafaël",
            "woonzorgcentrum",
            "Liedekerke",
            "1770",
            aliases=("WZC Sint Rafael", "WZC Sint-Rafael Liedekerke", "WZC Sint Rafael Liedekerke"),
        ),
        "hvhk-asse": OrgSpec("Huis van het Kind Asse", "huis-van-het-kind", "Asse", "1730"),
        "1g1p": OrgSpec(
            "1 Gezin 1 Plan Halle-Vilvoorde",
            "jeugdhulp",
            aliases=("1 Gezin 1 Plan", "1G1P Halle-Vilvoorde", "1 gezin 1 plan Halle Vilvoorde"),
        ),
        "lb-asse": OrgSpec(
            "Lokaal bestuur Asse",
            "lokaal-bestuur",
            "Asse",
            "1730",
            "Gemeenteplein 1",
            aliases=("Gemeente Asse",),
        ),
        "lb-merchtem": OrgSpec(
            "Lokaal bestuur Merchtem",
            "lokaal-bestuur",
            "Merchtem",
            "1785",
            "Stationsstraat 4",
            aliases=("Gemeente Merchtem",),
        ),
        "lb-opwijk": OrgSpec(
            "Lokaal bestuur Opwijk",
            "lokaal-bestuur",
            "Opwijk",
            "1745",
            "Marktstraat 55",
            aliases=("Gemeente Opwijk",),
        ),
        "lb-affligem": OrgSpec(
            "Lokaal bestuur Affligem",
            "lokaal-bestuur",
            "Affligem",
            "1790",
            "Bellestraat 52",
            aliases=("Gemeente Affligem",),
        ),
        "lb-liedekerke": OrgSpec(
            "Lokaal bestuur Liedekerke",
            "lokaal-bestuur",
            "Liedekerke",
            "1770",
            "Opperstraat 31",
            aliases=("Gemeente Liedekerke",),
        ),
        # Partners of the partner round of 9 October 2025 (seed 000).
        "vivas": OrgSpec("Residentie Vivas", "woonzorgcentrum"),
        "walfergem": OrgSpec("WZC Walfergem", "woonzorgcentrum", "Asse", "1730"),
        "zorgcampus-opwijk": OrgSpec("Zorgcampus Opwijk", "woonzorgcentrum", "Opwijk", "1745"),
        "ldc-liedekerke": OrgSpec(
            "Lokaal dienstencentrum Liedekerke",
            "lokaal-dienstencentrum",
            "Liedekerke",
            "1770",
            aliases=("LDC Liedekerke",),
        ),
        "resonans": OrgSpec("Resonans", "overig", aliases=("Resonans vzw",)),
        "hopperank": OrgSpec("Hopperank", "overig"),
        "overkop": OrgSpec("OverKophuis AMALO", "jeugdhulp", aliases=("OverKop", "Overkop Zellik")),
    },
    "zennevallei": {
        "caw": OrgSpec(
            "CAW Halle-Vilvoorde", "caw", aliases=("CAW Halle Vilvoorde", "CAW Halle-Vilvoorde vzw")
        ),
        "lb-halle": OrgSpec(
            "Lokaal bestuur Halle", "lokaal-bestuur", "Halle", "1500", aliases=("Stad Halle",)
        ),
        "lb-beersel": OrgSpec(
            "Lokaal bestuur Beersel", "lokaal-bestuur", "Beersel", "1650", aliases=("Gemeente Beersel",)
        ),
        "lb-spl": OrgSpec(
            "Lokaal bestuur Sint-Pieters-Leeuw",
            "lokaal-bestuur",
            "Sint-Pieters-Leeuw",
            "1600",
            aliases=("Gemeente Sint-Pieters-Leeuw",),
        ),
        "solidaris": OrgSpec("Solidaris Brabant", "mutualiteit", aliases=("Solidaris",)),
        "az-sint-maria": OrgSpec(
            "AZ Sint-Maria Halle", "ziekenhuis", "Halle", "1500", aliases=("AZ Sint-Maria",)
        ),
        "opgroeien": OrgSpec("Opgroeien", "jeugdhulp"),
    },
    "waasland": {
        "ldc-schutterij": OrgSpec(
            "Lokaal dienstencentrum De Schutterij",
            "lokaal-dienstencentrum",
            "Sint-Niklaas",
            "9100",
            aliases=("LDC De Schutterij",),
        ),
        "lb-sint-niklaas": OrgSpec(
            "Lokaal bestuur Sint-Niklaas",
            "lokaal-bestuur",
            "Sint-Niklaas",
            "9100",
            aliases=("Stad Sint-Niklaas",),
        ),
        "lb-temse": OrgSpec(
            "Lokaal bestuur Temse", "lokaal-bestuur", "Temse", "9140", aliases=("Gemeente Temse",)
        ),
        "lb-stekene": OrgSpec(
            "Lokaal bestuur Stekene", "lokaal-bestuur", "Stekene", "9190", aliases=("Gemeente Stekene",)
        ),
        "vitaz": OrgSpec("Vitaz", "ziekenhuis", "Sint-Niklaas", "9100"),
    },
}


@dataclass(frozen=True)
class PersonSpec:
    first: str
    last: str
    org: str = ""  # organisation key in ORGANISATIONS[zone]
    function: str = ""

    @property
    def email(self) -> str:
        local = f"{self.first}.{self.last}".replace(" ", "").replace("-", "").lower()
        local = "".join(c for c in unicodedata.normalize("NFKD", local) if not unicodedata.combining(c))
        return f"{local}@example.be"


# Invented people. Keys are used by the meetings demo (attendance, presenters, follow-ups).
PEOPLE: dict[str, dict[str, PersonSpec]] = {
    "amalo": {
        "griet": PersonSpec("Griet", "Vanhoutte", "elz", "Coördinator eerstelijnszone"),
        "bart": PersonSpec("Bart", "Cools", "caw", "Teamcoördinator onthaal"),
        "nele": PersonSpec("Nele", "Declercq", "cm", "Maatschappelijk werker"),
        "joris": PersonSpec("Joris", "Wuyts", "lm", "Diensthoofd maatschappelijk werk"),
        "hilde": PersonSpec("Hilde", "Bogaerts", "solidaris", "Maatschappelijk werker"),
        "eline": PersonSpec("Eline", "Maes", "ferm", "Regioverantwoordelijke"),
        "ruben": PersonSpec("Ruben", "Aerts", "ocmw-merchtem", "Diensthoofd zorg"),
        "dries": PersonSpec("Dries", "Van Hove", "opcura", "Directeur ouderenzorg"),
        "wim": PersonSpec("Wim", "Hendrickx", "hopstaak", "Centrumleider"),
        "sofie": PersonSpec("Sofie", "Lambrecht", "ter-linde", "Directeur"),
        "liesje": PersonSpec("Liesje", "Van Acker", "hvhk-asse", "Coördinator"),
        "koen": PersonSpec("Koen", "De Smedt", "1g1p", "Netwerkcoördinator"),
        "an": PersonSpec("An", "Willems", "familiehulp", "Regiodirecteur"),
        "karel": PersonSpec("Karel", "Wouters", "lb-asse", "Schepen van welzijn"),
        "ilse": PersonSpec("Ilse", "Verbruggen", "lb-merchtem", "Schepen van sociale zaken"),
        "tom": PersonSpec("Tom", "Jacobs", "lb-opwijk", "Schepen van senioren"),
        "lien": PersonSpec("Lien", "Michiels", "", "Huisarts"),
        "eva": PersonSpec("Eva", "Dewulf", "lb-liedekerke", "Schepen van welzijn"),
        "mira": PersonSpec("Mira", "Vanderstraeten", "lb-affligem", "Schepen van sociale zaken"),
    },
    "zennevallei": {
        "hans": PersonSpec("Hans", "Verstraete", "lb-halle", "Schepen van welzijn"),
        "leen": PersonSpec("Leen", "De Backer", "lb-beersel", "Schepen van sociale zaken"),
        "yasmine": PersonSpec("Yasmine", "El Amrani", "caw", "Regioverantwoordelijke"),
        "pieter": PersonSpec("Pieter", "Van Rompaey", "", "Huisarts"),
        "marc": PersonSpec("Marc", "Desmet", "lb-spl", "Schepen van senioren"),
        "ann": PersonSpec("Ann", "Lemmens", "solidaris", "Diensthoofd maatschappelijk werk"),
        "femke": PersonSpec("Femke", "Verhulst", "az-sint-maria", "Vroedvrouw"),
        "jonas": PersonSpec("Jonas", "Mertens", "opgroeien", "Regioverantwoordelijke"),
        "ilias": PersonSpec("Ilias", "Benali", "", "Inwoner van Halle"),
        "marleen": PersonSpec("Marleen", "Goossens", "", "Mantelzorger uit Beersel"),
    },
    "waasland": {
        "jef": PersonSpec("Jef", "Van Puyvelde", "lb-sint-niklaas", "Schepen van welzijn"),
        "kim": PersonSpec("Kim", "De Wilde", "lb-temse", "Schepen van sociale zaken"),
        "stijn": PersonSpec("Stijn", "Baert", "ldc-schutterij", "Centrumleider"),
        "laura": PersonSpec("Laura", "Wyns", "", "Huisarts"),
        "evi": PersonSpec("Evi", "Roels", "lb-stekene", "Schepen van welzijn"),
        "wouter": PersonSpec("Wouter", "Van Hecke", "vitaz", "Sociaal werker"),
    },
}

# (person key, role, represents sector code, represents municipality NIS code)
MemberSpec = tuple[str, str, str, str]

WELFARE_MEMBERS: list[MemberSpec] = [
    ("bart", MembershipRole.CHAIR, "caw", ""),
    ("griet", MembershipRole.SECRETARY, "", ""),
    ("nele", MembershipRole.MEMBER, "mutualiteit", ""),
    ("joris", MembershipRole.MEMBER, "", ""),
    ("hilde", MembershipRole.DEPUTY, "mutualiteit", ""),
    ("eline", MembershipRole.MEMBER, "thuiszorg", ""),
    ("ruben", MembershipRole.MEMBER, "ocmw", "23050"),
    ("dries", MembershipRole.MEMBER, "", ""),
    ("wim", MembershipRole.MEMBER, "lokaal-dienstencentrum", ""),
    ("sofie", MembershipRole.MEMBER, "woonzorgcentrum", ""),
    ("liesje", MembershipRole.MEMBER, "huis-van-het-kind", "23002"),
    ("koen", MembershipRole.MEMBER, "jeugdhulp", ""),
    ("an", MembershipRole.OBSERVER, "thuiszorg", ""),
]
WELFARE_SECTORS = [
    "caw",
    "ocmw",
    "mutualiteit",
    "woonzorgcentrum",
    "lokaal-dienstencentrum",
    "thuiszorg",
    "huis-van-het-kind",
]
WELFARE_FIXED_ITEMS = [
    # title, at_end
    ("Goedkeuring verslag vorige vergadering", False),
    ("Voorstelling van een sector", False),
    ("Signalen", False),
    ("Lopende (innovatieve) projecten delen", False),
    ("Link met het beleidsplan van AMALO", False),
    ("Rondje partners", True),
    ("Varia", True),
]

BOARD_MEMBERS: dict[str, list[MemberSpec]] = {
    # The five local governments of AMALO keep their seat in the board and the general assembly
    # (seed 001); the welfare cluster has two seats in the board.
    "amalo": [
        ("karel", MembershipRole.CHAIR, "lokaal-bestuur", "23002"),
        ("ilse", MembershipRole.MEMBER, "lokaal-bestuur", "23050"),
        ("tom", MembershipRole.MEMBER, "lokaal-bestuur", "23060"),
        ("eva", MembershipRole.MEMBER, "lokaal-bestuur", "23044"),
        ("mira", MembershipRole.MEMBER, "lokaal-bestuur", "23105"),
        ("lien", MembershipRole.MEMBER, "huisartsen", ""),
        ("bart", MembershipRole.MEMBER, "caw", ""),
        ("sofie", MembershipRole.MEMBER, "woonzorgcentrum", ""),
    ],
    "zennevallei": [
        ("hans", MembershipRole.CHAIR, "lokaal-bestuur", "23027"),
        ("leen", MembershipRole.MEMBER, "lokaal-bestuur", "23003"),
        ("yasmine", MembershipRole.MEMBER, "caw", ""),
        ("pieter", MembershipRole.MEMBER, "huisartsen", ""),
    ],
    "waasland": [
        ("jef", MembershipRole.CHAIR, "lokaal-bestuur", "46021"),
        ("kim", MembershipRole.MEMBER, "lokaal-bestuur", "46025"),
        ("stijn", MembershipRole.MEMBER, "lokaal-dienstencentrum", ""),
        ("laura", MembershipRole.MEMBER, "huisartsen", ""),
    ],
}
ASSEMBLY_EXTRA: dict[str, list[MemberSpec]] = {
    "amalo": [
        ("an", MembershipRole.MEMBER, "thuiszorg", ""),
        ("nele", MembershipRole.MEMBER, "mutualiteit", ""),
    ],
    "zennevallei": [
        ("marc", MembershipRole.MEMBER, "lokaal-bestuur", "23077"),
        ("ann", MembershipRole.MEMBER, "mutualiteit", ""),
    ],
    "waasland": [
        ("evi", MembershipRole.MEMBER, "lokaal-bestuur", "46024"),
        ("wouter", MembershipRole.MEMBER, "ziekenhuis", ""),
    ],
}


@dataclass(frozen=True)
class BodySpec:
    """A further body of a zone, as the seeds count it (members are MemberSpecs)."""

    slug: str
    name: str
    kind: str
    description: str
    meeting_rule: str
    meetings_per_year: int
    members: tuple[MemberSpec, ...]
    cluster: str = ""
    is_open: bool = False
    rule_quarters: str = ""
    default_weekday: int | None = None
    default_start: dt.time = dt.time(13, 30)
    default_end: dt.time = dt.time(15, 30)
    rotate_venues: bool = True
    required_sectors: tuple[str, ...] = ()


# The bodies the Zennevallei action plan 2025 counts (forum, prevention steering and core group,
# perinatal core group, sounding board) and AMALO's cluster of local governments.
MORE_BODIES: dict[str, list[BodySpec]] = {
    "amalo": [
        BodySpec(
            "cluster-lokale-besturen",
            "Cluster lokale besturen",
            BodyKind.CLUSTER,
            "Overleg van de vijf lokale besturen van AMALO: elke gemeente heeft een verantwoordelijke "
            "ambtenaar of schepen. Eén keer per jaar is er een uitgebreide zitting met burgemeester, "
            "schepen, algemeen directeur en effectief lid.",
            "minstens 3 keer per jaar",
            3,
            (
                ("karel", MembershipRole.CHAIR, "lokaal-bestuur", "23002"),
                ("griet", MembershipRole.SECRETARY, "", ""),
                ("ilse", MembershipRole.MEMBER, "lokaal-bestuur", "23050"),
                ("tom", MembershipRole.MEMBER, "lokaal-bestuur", "23060"),
                ("eva", MembershipRole.MEMBER, "lokaal-bestuur", "23044"),
                ("mira", MembershipRole.MEMBER, "lokaal-bestuur", "23105"),
            ),
            cluster="lokale-besturen",
            rule_quarters="1,2,4",
            default_weekday=1,
            default_start=dt.time(9, 0),
            default_end=dt.time(11, 0),
            required_sectors=("lokaal-bestuur",),
        ),
    ],
    "zennevallei": [
        BodySpec(
            "forum-buurtgerichte-zorg",
            "Forum Buurtgerichte Zorg",
            BodyKind.FORUM,
            "Open forum van de partners die buurtgericht werken: lokale besturen, lokale "
            "dienstencentra, CAW, mutualiteiten en huisartsen delen methodes en casussen.",
            "minstens 2 keer per jaar",
            2,
            (
                ("yasmine", MembershipRole.CHAIR, "caw", ""),
                ("hans", MembershipRole.MEMBER, "lokaal-bestuur", "23027"),
                ("leen", MembershipRole.MEMBER, "lokaal-bestuur", "23003"),
                ("ann", MembershipRole.MEMBER, "mutualiteit", ""),
                ("pieter", MembershipRole.MEMBER, "huisartsen", ""),
            ),
            cluster="welzijn",
            is_open=True,
            rule_quarters="2,4",
            default_weekday=3,
        ),
        BodySpec(
            "stuurgroep-preventie",
            "Stuurgroep preventie",
            BodyKind.STEERING_GROUP,
            "Kiest de thema's en gezamenlijke acties van de preventiewerking in Zennevallei en volgt ze op.",
            "2 keer per jaar",
            2,
            (
                ("hans", MembershipRole.CHAIR, "lokaal-bestuur", "23027"),
                ("leen", MembershipRole.MEMBER, "lokaal-bestuur", "23003"),
                ("marc", MembershipRole.MEMBER, "lokaal-bestuur", "23077"),
                ("pieter", MembershipRole.MEMBER, "huisartsen", ""),
                ("yasmine", MembershipRole.MEMBER, "caw", ""),
                ("ann", MembershipRole.MEMBER, "mutualiteit", ""),
            ),
            rule_quarters="1,3",
            default_weekday=1,
            default_start=dt.time(10, 0),
            default_end=dt.time(12, 0),
        ),
        BodySpec(
            "kerngroep-preventie",
            "Kerngroep preventie",
            BodyKind.CORE_GROUP,
            "Werkt de gezamenlijke preventieacties uit die de stuurgroep koos.",
            "4 keer per jaar",
            4,
            (
                ("yasmine", MembershipRole.CHAIR, "caw", ""),
                ("ann", MembershipRole.MEMBER, "mutualiteit", ""),
                ("marc", MembershipRole.MEMBER, "lokaal-bestuur", "23077"),
            ),
            rule_quarters="1,2,3,4",
            default_weekday=2,
        ),
        BodySpec(
            "kerngroep-perinatale-zorg",
            "Kerngroep perinatale zorg",
            BodyKind.CORE_GROUP,
            "Herstart van het perinataal netwerk, van de conceptie tot 2,5 jaar: een vertegenwoordiger "
            "van elke beroepsgroep; de zorgraad faciliteert.",
            "3 à 4 keer per jaar",
            4,
            (
                ("jonas", MembershipRole.CHAIR, "jeugdhulp", ""),
                ("femke", MembershipRole.MEMBER, "ziekenhuis", ""),
                ("pieter", MembershipRole.MEMBER, "huisartsen", ""),
                ("leen", MembershipRole.MEMBER, "lokaal-bestuur", "23003"),
            ),
            rule_quarters="1,2,3,4",
            default_weekday=3,
            required_sectors=("huisartsen", "vroedvrouwen", "ziekenhuis", "jeugdhulp"),
        ),
        # The first step of the zone's route of signals (signals/demo_route.py): werkgroep →
        # klankbordgroep → bestuursorgaan.
        BodySpec(
            "werkgroep-signalen",
            "Werkgroep signalen",
            BodyKind.WORKING_GROUP,
            "Bundelt en analyseert de signalen van partners en inwoners en legt ze voor aan de "
            "klankbordgroep.",
            "4 keer per jaar",
            4,
            (
                ("yasmine", MembershipRole.CHAIR, "caw", ""),
                ("ann", MembershipRole.MEMBER, "mutualiteit", ""),
                ("leen", MembershipRole.MEMBER, "lokaal-bestuur", "23003"),
                ("pieter", MembershipRole.MEMBER, "huisartsen", ""),
            ),
            cluster="welzijn",
            rule_quarters="1,2,3,4",
            default_weekday=1,
        ),
        BodySpec(
            "klankbordgroep",
            "Klankbordgroep",
            BodyKind.SOUNDING_BOARD,
            "Inwoners geven hun kijk op de plannen van de zorgraad; van start in 2025.",
            "2 keer per jaar",
            2,
            (
                ("ilias", MembershipRole.MEMBER, "", ""),
                ("marleen", MembershipRole.MEMBER, "", ""),
            ),
            rule_quarters="2,4",
            default_weekday=1,
            default_start=dt.time(19, 0),
            default_end=dt.time(21, 0),
            rotate_venues=False,
        ),
    ],
}


# --- lookups that reuse what exists ----------------------------------------------------------------


def organisation(zone: Zone, key: str) -> Organisation:
    """The organisation of the zone with this name (or one of its usual spellings); created if missing."""
    spec = ORGANISATIONS[zone.slug][key]
    orgs = Organisation.objects.for_zone(zone).order_by("is_archived", "pk")
    names = (spec.name, *spec.aliases)
    for name in names:
        found = orgs.filter(name__iexact=name).first()
        if found is not None:
            return found
    wanted = {normalise(n) for n in names}  # also "Sint-Rafael" for "Sint-Rafaël"
    for pk, name in orgs.values_list("pk", "name"):
        if normalise(name) in wanted:
            return orgs.get(pk=pk)
    sector = Sector.objects.filter(code=spec.sector).first() if spec.sector else None
    org = Organisation.objects.create(
        zone=zone,
        name=spec.name,
        sector=sector,
        street=spec.street,
        postal_code=spec.postal_code,
        city=spec.city,
        parent=organisation(zone, spec.parent) if spec.parent else None,
    )
    org.search_text = org.build_search_text()
    org.save(update_fields=["search_text"])
    if sector is not None and sector.cluster_id:
        org.clusters.add(sector.cluster_id)
    if spec.city:
        org.municipalities.add(*Municipality.objects.filter(name=spec.city, zone_links__zone=zone))
    return org


def person(zone: Zone, key: str) -> Person:
    """An invented person of the demo (found again by e-mail), with a function at their organisation."""
    spec = PEOPLE[zone.slug][key]
    found = Person.objects.for_zone(zone).filter(email__iexact=spec.email).order_by("pk").first()
    if found is None:
        found = Person.objects.create(zone=zone, first_name=spec.first, last_name=spec.last, email=spec.email)
        found.search_text = found.build_search_text()
        found.save(update_fields=["search_text"])
    if spec.org:
        Affiliation.objects.for_zone(zone).get_or_create(
            zone=zone,
            person=found,
            organisation=organisation(zone, spec.org),
            defaults={"function": spec.function, "start": dt.date(2020, 9, 1)},
        )
    return found


def account_person(zone: Zone, user: Any, org_key: str = "", function: str = "") -> Person:
    """The Person of a demo account in the zone (linked through Person.user); created if missing."""
    people = Person.objects.for_zone(zone)
    found = people.filter(user=user).order_by("pk").first()
    if found is None:
        found = people.filter(email__iexact=user.email, user__isnull=True).order_by("pk").first()
        if found is not None:
            found.user = user
            found.save(update_fields=["user"])
    if found is None:
        found = Person.objects.create(
            zone=zone,
            first_name=user.first_name or user.email.split("@")[0],
            last_name=user.last_name,
            email=user.email,
            user=user,
        )
        found.search_text = found.build_search_text()
        found.save(update_fields=["search_text"])
    if org_key:
        Affiliation.objects.for_zone(zone).get_or_create(
            zone=zone,
            person=found,
            organisation=organisation(zone, org_key),
            defaults={"function": function, "start": dt.date(2023, 1, 1)},
        )
    return found


def _user(users: dict[str, Any], email: str) -> Any:
    user = users.get(email)
    if user is None:
        user = get_user_model().objects.filter(email=email).first()
    return user


def _member(
    zone: Zone, body: Body, who: Person, role: str, sector: str, nis: str, org: Organisation | None
) -> None:
    Membership.objects.for_zone(zone).get_or_create(
        zone=zone,
        body=body,
        person=who,
        role=role,
        defaults={
            "organisation": org,
            "represents_sector": Sector.objects.filter(code=sector).first() if sector else None,
            "represents_municipality": Municipality.objects.filter(nis_code=nis).first() if nis else None,
            "start": MANDATE_START,
        },
    )


def _members(zone: Zone, body: Body, specs: list[MemberSpec]) -> None:
    for key, role, sector, nis in specs:
        spec = PEOPLE[zone.slug][key]
        org = organisation(zone, spec.org) if spec.org else None
        _member(zone, body, person(zone, key), role, sector, nis, org)


# --- the bodies ------------------------------------------------------------------------------------


def load_welfare_cluster(zone: Zone, users: dict[str, Any]) -> Body:
    body, _created = Body.objects.for_zone(zone).get_or_create(
        zone=zone,
        slug=WELFARE_SLUG,
        defaults={
            "name": "Clusteroverleg welzijn",
            "kind": BodyKind.CLUSTER,
            "cluster": Cluster.objects.filter(code="welzijn").first(),
            "is_open": True,
            "description": (
                "Open overleg van alle welzijnspartners in AMALO: elkaar leren kennen, weten wat elke "
                "sector doet, knelpunten en signalen samen op tafel leggen en samen werken aan de "
                "jaarthema's van de eerstelijnszone. Iedere professional uit de welzijnssector is welkom; "
                "elke sector zorgt dat er minstens één persoon aanwezig is."
            ),
            "meeting_rule": "3 keer per jaar, in Q1, Q2 en Q4",
            "meetings_per_year": 3,
            "rule_quarters": "1,2,4",
            "default_weekday": 3,
            "default_start": dt.time(13, 30),
            "default_end": dt.time(16, 0),
            "rotate_venues": True,
        },
    )
    body.required_sectors.add(*Sector.objects.filter(code__in=WELFARE_SECTORS))
    for order, (title, at_end) in enumerate(WELFARE_FIXED_ITEMS, start=1):
        FixedAgendaItem.objects.for_zone(zone).get_or_create(
            zone=zone, body=body, title=title, defaults={"order": order, "at_end": at_end}
        )
    _members(zone, body, WELFARE_MEMBERS)
    secretary_user = _user(users, SECRETARY_ACCOUNT)
    if secretary_user is not None:
        who = account_person(zone, secretary_user, "opcura", "beleidsmedewerker ouderenzorg")
        _member(zone, body, who, MembershipRole.SECRETARY, "", "", organisation(zone, "opcura"))
    member_user = _user(users, MEMBER_ACCOUNT)
    if member_user is not None:
        who = account_person(zone, member_user, "lb-affligem", "beleidsmedewerker welzijn")
        _member(
            zone,
            body,
            who,
            MembershipRole.MEMBER,
            "lokaal-bestuur",
            "23105",
            organisation(zone, "lb-affligem"),
        )
    return body


def load_board_and_assembly(zone: Zone) -> tuple[Body, Body]:
    board, _created = Body.objects.for_zone(zone).get_or_create(
        zone=zone,
        slug=BOARD_SLUG,
        defaults={
            "name": "Bestuursorgaan",
            "kind": BodyKind.BOARD,
            "is_open": False,
            "description": (
                "Het bestuursorgaan van de vzw beslist over de werking van de eerstelijnszone, behalve "
                "over wat de wet en de statuten aan de algemene vergadering voorbehouden."
            ),
            "meeting_rule": "10 keer per jaar, niet in juli en augustus",
            "meetings_per_year": 10,
            "rule_quarters": "",
            "rule_excluded_months": "7,8",
            "default_weekday": 1,
            "default_start": dt.time(19, 0),
            "default_end": dt.time(21, 0),
            "rotate_venues": False,
        },
    )
    assembly, _created = Body.objects.for_zone(zone).get_or_create(
        zone=zone,
        slug=ASSEMBLY_SLUG,
        defaults={
            "name": "Algemene vergadering",
            "kind": BodyKind.GENERAL_ASSEMBLY,
            "is_open": False,
            "description": (
                "De algemene vergadering van de vzw: keurt de rekeningen en de begroting goed, benoemt "
                "de bestuurders en wijzigt de statuten."
            ),
            "meeting_rule": "2 keer per jaar, in Q2 en Q4",
            "meetings_per_year": 2,
            "rule_quarters": "2,4",
            "default_weekday": 3,
            "default_start": dt.time(18, 0),
            "default_end": dt.time(20, 0),
            "rotate_venues": True,
        },
    )
    _members(zone, board, BOARD_MEMBERS[zone.slug])
    _members(zone, assembly, BOARD_MEMBERS[zone.slug] + ASSEMBLY_EXTRA[zone.slug])
    return board, assembly


def load_more_bodies(zone: Zone) -> dict[str, Body]:
    """The further bodies of the zone (MORE_BODIES); found again by slug, never rewritten."""
    bodies: dict[str, Body] = {}
    for spec in MORE_BODIES.get(zone.slug, []):
        body, created = Body.objects.for_zone(zone).get_or_create(
            zone=zone,
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "kind": spec.kind,
                "cluster": Cluster.objects.filter(code=spec.cluster).first() if spec.cluster else None,
                "is_open": spec.is_open,
                "description": spec.description,
                "meeting_rule": spec.meeting_rule,
                "meetings_per_year": spec.meetings_per_year,
                "rule_quarters": spec.rule_quarters,
                "default_weekday": spec.default_weekday,
                "default_start": spec.default_start,
                "default_end": spec.default_end,
                "rotate_venues": spec.rotate_venues,
            },
        )
        if created and spec.required_sectors:
            body.required_sectors.add(*Sector.objects.filter(code__in=spec.required_sectors))
        _members(zone, body, list(spec.members))
        bodies[spec.slug] = body
    return bodies


def load(zones: dict[str, Zone], users: dict[str, Any]) -> dict[str, dict[str, Body]]:
    """Create (or find again) the demo bodies; returns them by zone slug and body slug."""
    bodies: dict[str, dict[str, Body]] = {}
    for slug, zone in zones.items():
        if slug not in BOARD_MEMBERS:
            continue
        board, assembly = load_board_and_assembly(zone)
        bodies[slug] = {BOARD_SLUG: board, ASSEMBLY_SLUG: assembly, **load_more_bodies(zone)}
    if "amalo" in zones:
        bodies["amalo"][WELFARE_SLUG] = load_welfare_cluster(zones["amalo"], users)
    return bodies
