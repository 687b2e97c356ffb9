"""Demo signals, as the seeds list them (SEEDS-DETAIL §5.1).

- Waasland (seed 003, open network of 25 September 2025): the structural signals of the 11
  challenges, one record per signal; a signal that the slides list under two challenges is linked
  to both ("Tekort aan psychologen aan huis", "substitutietherapie", and the psychiatric hospitals'
  waiting lists, which the slides word in two ways), plus the ten "andere structurele signalen"
  that belong to no challenge.
- AMALO (seed 001): the signals shared across sectors at the welfare cluster of 27 November 2024,
  linked to that meeting; the proposals among them are kept as "idee of voorstel"; and the
  drempelscan findings as draft signals.

Challenges are looked up by number (the challenges app's demo creates them); a number that is not
there is skipped, so the signals still load.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from zorgraad.zones.models import Cluster, Zone

OPEN_NETWORK_DAY = dt.date(2025, 9, 25)
WELFARE_DAY = dt.date(2024, 11, 27)

# (title, challenge numbers, addressee level)
WAASLAND: list[tuple[str, tuple[str, ...], str]] = [
    (
        "Wachtlijsten psychiatrische ziekenhuizen",
        ("2", "4"),
        "flemish",
    ),
    (
        "Moeilijkheid om geschikte hulp te vinden voor mensen die op substitutietherapie staan",
        ("2", "11"),
        "",
    ),
    ("Tekort aan psychologen aan huis binnen de ouderenzorg", ("2", "4"), "federal"),
    (
        "Sociaal tarief voor gas en elektriciteit omwille van laag inkomen kwijt waardoor problemen op "
        "financieel vlak",
        ("3",),
        "federal",
    ),
    (
        "Gebrek aan gehoor bij/samenwerking private verhuurmaatschappijen over gemeenten heen bij aanpak "
        "dakloosheid",
        ("3",),
        "third_party",
    ),
    (
        "Geen duidelijke wetgeving rond (sociale) co-houseprojecten op vlak van registratie bij het "
        "bevolkingsregister",
        ("3",),
        "",
    ),
    ("Aanpak huurachterstal woonmaatschappijen", ("3",), "third_party"),
    (
        "Wooncrisis. Te weinig kwaliteitsvolle, betaalbare woningen beschikbaar, zowel privaat als sociaal",
        ("3",),
        "",
    ),
    ("Tekort aan zorgpersoneel waardoor wachtlijsten zowel in thuis- als residentiële zorg", ("4",), ""),
    ("Wachtlijst RTH ondersteuning voor mensen met (vermoeden van) beperking", ("4",), "flemish"),
    ("Wachtlijst Tanderuis", ("4",), ""),
    ("Tekort aan betaalbaar medisch/sociaal vervoer", ("5",), ""),
    ("Huisartsentekort", ("8",), ""),
    (
        "Onhoudbaarheid van cliëntsituaties met alcohol/verslavingsproblematiek in thuiszorg & "
        "thuisverpleging",
        ("11",),
        "",
    ),
    # "Andere structurele signalen": no challenge
    ("Tekort aan kortverblijven", (), ""),
    ("Tekort aan opvang/verblijfsmogelijkheden voor mensen met laag zorgprofiel", (), ""),
    (
        "Tekort opvang mensen met Gedrags- en Emotionele Stoornis (GES) & licht verstandelijke beperking",
        (),
        "",
    ),
    (
        "Geen aanbod voor Korsakov-patiënten in regio Waasland wegens aanpassing aanbod A Tempo van "
        "PC Sint-Hiëronymus",
        (),
        "",
    ),
    ("Sociale dienst Vitaz ervaart het als erg moeilijk om mutualiteiten telefonisch te bereiken", (), ""),
    ("Tekort aan laagdrempelige verbinding van hulpverlening met ROMA-groepen in Waasland", (), ""),
    (
        "Aangepaste hulpverlening en financiële steun nodig voor kinderen met diagnose ASS, "
        "hoogsensitiviteit, hoogbegaafdheid",
        (),
        "",
    ),
    ("Gebrek aan terugbetaling en gebrekkige informatie bij ziekenhuis en mutualiteit", (), ""),
    ("Onevenwichtige focus door projectoproepen overheid", (), ""),
    ("Tandzorg wordt heel prijzig – hoe langer hoe minder geconventioneerde tandartsen", (), ""),
]

# The slides word the psychiatric hospitals' waiting list in two ways: one signal, both wordings kept.
WORDINGS = {
    "Wachtlijsten psychiatrische ziekenhuizen": (
        "Onder uitdaging 2 als ‘Wachtlijsten psychiatrische ziekenhuizen’, onder uitdaging 4 als "
        "‘Wachtlijst psychiatrische ziekenhuizen’: één signaal."
    ),
}

# Seed 001: the common signals across the welfare sectors; (title, kind)
AMALO_WELFARE: list[tuple[str, str]] = [
    ("Mobiliteit", "signal"),
    ("Taal", "signal"),
    ("Multiculturaliteit", "signal"),
    ("Banden met Brussel", "signal"),
    ("Vervoer van kinderen en mensen met een beperking", "signal"),
    ("Personeelstekorten", "signal"),
    ("Wachtlijsten", "signal"),
    ("Tekort aan tandartsen en huisartsen", "signal"),
    ("Flexijobs in de zorg mogelijk maken", "signal"),
    ("Jobbeurzen", "idea"),
    ("Gezamenlijke vrijwilligersinitiatieven", "idea"),
    ("Onbetaalde facturen", "signal"),
    ("Innovatieve projecten", "idea"),
    ("Kinderopvang voor zorgpersoneel", "signal"),
    ("Gezamenlijke campagnes voor zorgpersoneel", "idea"),
]

DREMPELSCAN: list[str] = [
    "Tijdsgebrek: soms te weinig tijd voor mensen",
    "Warm onthaal is cruciaal",
    "Belang om je ruimte of praktijk sfeervol te maken",
    "Schriftelijke communicatie is niet steeds afgestemd op de doelgroep",
    "Digitale dienstverlening wordt onderbenut en overschat",
]


def load(zones: dict[str, Zone], users: dict[str, Any]) -> None:
    if "waasland" in zones:
        load_waasland(zones["waasland"])
    if "amalo" in zones:
        load_amalo(zones["amalo"])


def _exists(zone: Zone) -> bool:
    from .models import Signal

    return Signal.objects.for_zone(zone).exists()


def load_waasland(zone: Zone) -> None:
    from zorgraad.challenges.models import Challenge

    from . import services
    from .models import Signal, SignalSource, SignalStatus, SignalTransition

    if _exists(zone):
        return
    by_number = {c.number: c for c in Challenge.objects.for_zone(zone)}
    for title, numbers, level in WAASLAND:
        challenges = [by_number[n] for n in numbers if n in by_number]
        note = WORDINGS.get(title, "")
        signal = services.signal_create(
            zone=zone,
            actor=None,
            data={
                "title": title,
                "description": note,
                "challenges": challenges,
                "addressee_level": level,
                "is_structural": True,
                "internal_notes": "Uit de slides van het Open netwerk van 25 september 2025.",
            },
            source=SignalSource.NETWORK_EVENT,
            require_description=False,
            received_on=OPEN_NETWORK_DAY,
        )
        # the zone already treats these as structural: one step of the trail says so
        Signal.objects.for_zone(zone).filter(pk=signal.pk).update(status=SignalStatus.STRUCTURAL)
        SignalTransition.objects.create(
            zone=zone,
            signal=signal,
            from_status=SignalStatus.RECEIVED,
            to_status=SignalStatus.STRUCTURAL,
            comment="Structureel signaal op het Open netwerk",
        )


def load_amalo(zone: Zone) -> None:
    from zorgraad.governance import demo as governance_demo
    from zorgraad.governance.models import Body
    from zorgraad.meetings.models import AgendaItem, Meeting

    from . import services
    from .models import SignalSource, SignalStatus

    if _exists(zone):
        return
    welfare = Cluster.objects.filter(code="welzijn").first()
    body = Body.objects.for_zone(zone).filter(slug=governance_demo.WELFARE_SLUG).first()
    meeting = (
        Meeting.objects.for_zone(zone).filter(body=body, date=WELFARE_DAY).first()
        if body is not None
        else None
    )
    items = list(AgendaItem.objects.for_zone(zone).filter(meeting=meeting)) if meeting is not None else []
    start_item = next((i for i in items if i.title.startswith("Opstart")), None)
    scan_item = next((i for i in items if "drempelscan" in i.title.lower()), None)
    origin = (
        "Opgesomd op het clusteroverleg welzijn van 27 november 2024 als gemeenschappelijk signaal "
        "over de welzijnssectoren heen."
    )
    for title, kind in AMALO_WELFARE:
        services.signal_create(
            zone=zone,
            actor=None,
            data={
                "title": title,
                "description": origin,
                "kind": kind,
                "cluster": welfare,
                "noticed_on": WELFARE_DAY,
                "meeting": meeting,
                "agenda_item": start_item,
            },
            source=SignalSource.AGENDA_ITEM,
            require_description=False,
            received_on=WELFARE_DAY,
        )
    for finding in DREMPELSCAN:
        services.signal_create(
            zone=zone,
            actor=None,
            data={
                "title": finding,
                "description": "Bevinding van de drempelscan van het geïntegreerd breed onthaal (GBO), "
                "toegelicht op het clusteroverleg welzijn van 27 november 2024.",
                "cluster": welfare,
                "noticed_on": WELFARE_DAY,
                "meeting": meeting,
                "agenda_item": scan_item,
            },
            source=SignalSource.DREMPELSCAN,
            require_description=False,
            status=SignalStatus.DRAFT,
            received_on=WELFARE_DAY,
        )


# --- signal ambassadors (seed 003 "signaalambassadeurs") -----------------------------------------

AMBASSADORS_WANTED = 4
TRAINING_TITLE = "Netwerkmoment signalenbeleid"
TRAINING_DAY = dt.date(2025, 11, 27)
# Invented signals that ambassadors passed on by phone or mail after the training.
AMBASSADOR_SIGNALS: list[tuple[str, str, str, dt.date]] = [
    (
        "Geen thuisverpleging beschikbaar in het weekend voor nieuwe cliënten",
        "Cliënten die op vrijdag uit het ziekenhuis komen, vinden pas op maandag een thuisverpleegkundige.",
        "phone",
        dt.date(2025, 12, 9),
    ),
    (
        "Lange wachttijd voor budgetbegeleiding",
        "Gezinnen met schulden wachten maanden op een eerste gesprek; intussen lopen de kosten op.",
        "mail",
        dt.date(2026, 1, 14),
    ),
]


def load_ambassadors(zones: dict[str, Zone]) -> None:
    if "waasland" in zones:
        load_waasland_ambassadors(zones["waasland"])


def load_waasland_ambassadors(zone: Zone) -> None:
    """A few of the demo's invented people in Waasland as signal ambassadors, trained at the
    'Netwerkmoment signalenbeleid', one of whom has stopped; and two signals they passed on."""
    from zorgraad.events.models import Event
    from zorgraad.network.models import Affiliation

    from .models import SignalAmbassador, SignalSource
    from .services import ambassadors, intake

    if SignalAmbassador.objects.for_zone(zone).exists():
        return
    training = Event.objects.for_zone(zone).filter(title=TRAINING_TITLE).order_by("starts_at").first()
    chosen: list[Any] = []
    seen_orgs: set[int] = set()
    candidates = (
        Affiliation.objects.for_zone(zone)
        .filter(end__isnull=True, person__is_archived=False)
        .exclude(organisation__name__startswith="Eerstelijnszone")
        .select_related("person", "organisation")
        .order_by("organisation__name", "person__last_name", "id")
    )
    for affiliation in candidates:
        if affiliation.organisation_id in seen_orgs:
            continue
        seen_orgs.add(affiliation.organisation_id)
        chosen.append(affiliation)
        if len(chosen) == AMBASSADORS_WANTED:
            break
    roles = []
    for i, affiliation in enumerate(chosen):
        roles.append(
            ambassadors.ambassador_create(
                zone=zone,
                actor=None,
                affiliation=affiliation,
                data={
                    "trained_on": TRAINING_DAY,
                    "training_event": training,
                    "active_from": TRAINING_DAY,
                    "active_to": dt.date(2026, 2, 28) if i == len(chosen) - 1 and i > 0 else None,
                    "note": "Verzamelt signalen binnen de eigen organisatie en brengt ze mee naar het clusteroverleg.",
                },
            )
        )
    for role, (title, description, source, day) in zip(roles, AMBASSADOR_SIGNALS, strict=False):
        intake.signal_register(
            zone=zone,
            actor=None,
            data={
                "title": title,
                "description": description,
                "reporter_person": role.affiliation.person,
                "organisation": role.affiliation.organisation,
                "noticed_on": day,
            },
            source=SignalSource(source),
            received_on=day,
        )
