"""Demo meetings of the AMALO welfare cluster meeting (clusteroverleg welzijn).

Two past meetings mirror the topics of the source minutes (27 November 2024 and 9 October 2025), with
minutes written anew in invented words and invented people. The first fixed the 2025 dates (Monday 17
February, Tuesday 13 May, Thursday 9 October, 13u30); the first one's minutes were approved on 17
February and published. The partner round of 9 October names the organisations that shared each fact.
The three 2026 meetings agreed under "Varia" of the second, and the next
years planned from the body's rule, follow the day the demo is loaded: a meeting whose day has passed
was held (invited three weeks before, with who came), the ones to come are planned. So the staff home
never opens on meetings that are over and still "gepland", whenever the demo is loaded.
Run after `zorgraad.governance.demo.load`. Twice changes nothing: meetings are found again by body and
date, agenda items by meeting and title, the rest by their natural keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from django.utils import timezone

from zorgraad.governance import demo as governance_demo
from zorgraad.governance.models import Body, FixedAgendaItem
from zorgraad.network.models import Person, normalise
from zorgraad.zones.models import Zone

from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    PartnerRoundEntry,
)

BRUSSELS = ZoneInfo("Europe/Brussels")


@dataclass(frozen=True)
class ItemSpec:
    title: str
    minutes: str = ""
    presenter: str = ""  # person key of governance.demo.PEOPLE
    is_fixed: bool = False
    decisions: tuple[str, ...] = ()
    # description, owner key, due date, done
    follow_ups: tuple[tuple[str, str, dt.date, bool], ...] = ()


@dataclass(frozen=True)
class MeetingSpec:
    date: dt.date
    start: dt.time
    end: dt.time
    venue_org: str  # organisation key of governance.demo.ORGANISATIONS
    venue: str = ""
    title: str = ""
    intro: str = ""
    status: str = MeetingStatus.PLANNED
    items: tuple[ItemSpec, ...] = ()
    present: tuple[str, ...] = ()
    excused: tuple[str, ...] = ()
    # organisation key, what was shared
    partner_round: tuple[tuple[str, str], ...] = ()
    accounts_present: bool = False
    fixed_agenda: bool = False


FIRST = MeetingSpec(
    date=dt.date(2024, 11, 27),
    start=dt.time(15, 0),
    end=dt.time(17, 0),
    venue_org="opcura",
    venue="Welzijnsvereniging Opcura te Opwijk",
    status=MeetingStatus.PUBLISHED,
    items=(
        ItemSpec(
            "Nieuwe structuur van de eerstelijnszone AMALO",
            "De coördinator schetst hoe de eerstelijnszone is opgebouwd: een open netwerk met vier "
            "clusters (gezondheidszorg, welzijn, lokale besturen en PZON) dat samen de zorgraad vormt.\n\n"
            "Het bestuurlijke luik bestaat uit:\n"
            "- de algemene vergadering, die ruimer wordt samengesteld;\n"
            "- het bestuursorgaan, dat kleiner wordt en over de werking beslist;\n"
            "- het dagelijks bestuur.\n\n"
            "De cluster welzijn krijgt twee zitjes in het bestuursorgaan. Kandidaturen voor de nieuwe "
            "mandaten kunnen tot eind december worden ingediend. Daarnaast is er het inhoudelijke luik: "
            "overleg en werkgroepen rond thema's, zoals dit clusteroverleg.",
            presenter="griet",
        ),
        ItemSpec(
            "Opstart van het clusteroverleg welzijn",
            "We verkennen samen wat dit overleg moet worden. Het belangrijkste doel: elkaar kennen en "
            "weten wat elke sector doet. Daarnaast willen we knelpunten en hiaten samen op tafel leggen "
            "en elkaar inspireren met lopende projecten, zonder valse verwachtingen te wekken.\n\n"
            "Per vergadering stelt één sector zich voor; de organisaties van die sector bereiden dat "
            "samen voor. Elke sector duidt ook iemand aan die de informatie doorgeeft aan de eigen "
            "achterban.\n\n"
            "Afspraken:\n"
            "- we vergaderen drie keer per jaar, in het eerste, tweede en vierde kwartaal;\n"
            "- de uitnodiging is open voor alle welzijnspartners, maar elke sector zorgt dat minstens "
            "één persoon aanwezig is;\n"
            "- de locatie wisselt tussen de partners;\n"
            "- vaste agendapunten zijn de voorstelling van een sector, het bespreken van signalen, het "
            "delen van lopende (innovatieve) projecten en de link met het beleidsplan van AMALO.",
            decisions=(
                "Het clusteroverleg welzijn vergadert drie keer per jaar (Q1, Q2 en Q4), met een open "
                "uitnodiging voor alle welzijnspartners en een wisselende locatie.",
            ),
            follow_ups=(
                (
                    "Elke sector duidt een aanspreekpunt aan dat de informatie uit het clusteroverleg "
                    "doorgeeft aan de eigen sector.",
                    "bart",
                    dt.date(2025, 2, 17),
                    True,
                ),
            ),
        ),
        ItemSpec(
            "Toelichting drempelscan",
            "Binnen het geïntegreerd breed onthaal gingen verschillende partners na op welke drempels "
            "kwetsbare mensen botsen wanneer ze hulp zoeken.\n\n"
            "Enkele vaststellingen:\n"
            "- een warm onthaal maakt het verschil;\n"
            "- brieven en formulieren zijn vaak te moeilijk geschreven;\n"
            "- digitale dienstverlening wordt overschat en te weinig begeleid;\n"
            "- hulpverleners hebben vaak te weinig tijd per persoon.",
            presenter="liesje",
        ),
        ItemSpec(
            "Signalen",
            "Over de sectoren heen komen dezelfde signalen terug: personeelstekort, wachtlijsten, "
            "mobiliteit en vervoer, taalbarrières en het tekort aan huisartsen en tandartsen.\n\n"
            "We kiezen later één of twee signalen die de cluster samen opvolgt via het signalenbeleid "
            "van de eerstelijnszone.",
            is_fixed=True,
        ),
        ItemSpec("Rondje partners", is_fixed=True),
        ItemSpec(
            "Varia",
            "De data voor 2025 worden vastgelegd, telkens om 13u30:\n"
            "- maandag 17 februari 2025;\n"
            "- dinsdag 13 mei 2025;\n"
            "- donderdag 9 oktober 2025.",
            is_fixed=True,
        ),
    ),
    present=(
        "griet",
        "bart",
        "nele",
        "joris",
        "hilde",
        "eline",
        "ruben",
        "dries",
        "wim",
        "liesje",
        "koen",
        "an",
    ),
    excused=("sofie",),
    partner_round=(
        ("hopstaak", "Start in januari een reeks ontmoetingsnamiddagen rond rouw en verlies."),
        (
            "caw",
            "Het onthaal in Asse heeft nieuwe openingsuren: vrije inloop op dinsdag- en donderdagvoormiddag.",
        ),
        ("ferm", "Zoekt nog vrijwilligers voor de oppasdienst in Liedekerke en Affligem."),
    ),
    accounts_present=True,
)

SECOND = MeetingSpec(
    date=dt.date(2025, 10, 9),
    start=dt.time(13, 30),
    end=dt.time(16, 0),
    venue_org="ter-linde",
    venue="Residentie Ter Linde – Gasthuisstraat 17b – 1785 Merchtem",
    status=MeetingStatus.HELD,
    intro=(
        "Er kwamen heel wat verontschuldigingen: verschillende thuiszorgorganisaties namen vandaag "
        "deel aan een trefdag van hun sector."
    ),
    items=(
        ItemSpec(
            "Goedkeuring verslag vorige vergadering",
            "Het verslag van 13 mei 2025 wordt zonder opmerkingen goedgekeurd. Wat we toen verzamelden "
            "over signalen en acties voor de drie prioritaire doelgroepen neemt de eerstelijnszone mee "
            "bij de opstart van het interfederaal plan.\n\n"
            "Omdat het overleg open is, is er geen vaste lijst van deelnemers. Agenda en verslag worden "
            "daarom bekendgemaakt via:\n"
            "- de nieuwsbrief van de eerstelijnszone (inschrijven kan onderaan de website);\n"
            "- de pagina van het clusteroverleg welzijn op de website, waar ook de data voor 2026 staan.",
            is_fixed=True,
            decisions=("Het verslag van 13 mei 2025 is goedgekeurd en wordt gepubliceerd op de website.",),
        ),
        ItemSpec(
            "Voorstelling van een sector: 1 Gezin 1 Plan",
            "De netwerkcoördinator stelt het samenwerkingsverband voor: een intersectoraal netwerk binnen "
            "de jeugdhulp, waarvoor de partners medewerkers detacheren. Gezinscoaches en "
            "eerstelijnspsychologen werken ambulant vanuit twee teams in de regio.\n\n"
            "Het samenwerkingsverband zit tussen de eerste en de tweede lijn en helpt gezinnen de juiste "
            "hulp te vinden, met één plan per gezin. Samenwerking met de Huizen van het Kind en de "
            "eerstelijnszones is daarbij belangrijk.",
            presenter="koen",
        ),
        ItemSpec(
            "Interfederaal plan: het perinatale screeningstraject",
            "Het perinatale luik is het eerste proefproject van het interfederaal plan voor geïntegreerde "
            "zorg; obesitas bij kinderen en jongeren en kwetsbare ouderen volgen later.\n\n"
            "Elke zwangere wordt bevraagd met een gevalideerde vragenlijst over kwetsbaarheid:\n"
            "- geen enkele indicator: de screening is afgerond;\n"
            "- één indicator: er volgt een adviesgesprek;\n"
            "- twee of meer indicatoren: er start uitgebreidere begeleiding en het gezin wordt doorverwezen.\n\n"
            "De opstart is voorzien begin 2026. Om goed door te verwijzen is een actuele sociale kaart nodig.",
            presenter="liesje",
            follow_ups=(
                (
                    "Elke organisatie geeft een contactpersoon voor perinatale zorg door.",
                    "liesje",
                    dt.date(2025, 11, 15),
                    False,
                ),
            ),
        ),
        ItemSpec(
            "Link met het beleidsplan van AMALO: jaarthema's 2026–2027",
            "Jaarthema's lopen voortaan twee jaar: voeding en beweging in 2026 en 2027, daarna digitale "
            "geletterdheid. In plaats van één dikke brochure komt er een kalender per halfjaar.",
            presenter="griet",
            is_fixed=True,
            decisions=("De cluster welzijn sluit aan bij het jaarthema voeding en beweging 2026–2027.",),
        ),
        ItemSpec(
            "Lopende (innovatieve) projecten delen: babbeltaartjes",
            "Aanstaande zaterdag worden in AMALO ongeveer 1250 babbeltaartjes uitgedeeld, met een kaartje "
            "met info. De kracht zit in de vele gesprekken die het project op gang brengt; het wordt nadien "
            "geëvalueerd. De gemeenten zetten gelijkaardige initiatieven hopelijk verder.",
            is_fixed=True,
        ),
        ItemSpec(
            "Signalen",
            "Geen nieuwe signalen. Wel de vraag om op de volgende vergadering folders en flyers mee te "
            "brengen, zodat we elkaars aanbod beter leren kennen.",
            is_fixed=True,
        ),
        ItemSpec("Rondje partners", is_fixed=True),
        ItemSpec(
            "Varia",
            "Netwerkevent en algemene vergadering van de eerstelijnszone op 6 november 2025.\n\n"
            "Data van het clusteroverleg in 2026:\n"
            "- dinsdag 17 maart 2026, 8u30 tot 10u30: ontbijt voor alle welzijnspartners in LDC Den Hopstaak, Opwijk;\n"
            "- donderdag 7 mei 2026, 13u30 tot 16u: Klein Veldeken, Asse;\n"
            "- maandag 19 oktober 2026, 11u30 tot 13u30, met broodjes en soep: LDC Den Hopstaak, Opwijk.",
            is_fixed=True,
        ),
    ),
    present=("griet", "bart", "nele", "ruben", "wim", "sofie", "liesje", "koen"),
    excused=("eline", "an", "joris", "dries"),
    # What each partner shared on 9 October 2025 (seed 000), in our own words, on its own organisation.
    partner_round=(
        (
            "vivas",
            "Kersthappening op zondag 14 december, voor de tweede keer; de dansavonden zijn hervat om "
            "vereenzaming bij bewoners tegen te gaan.",
        ),
        (
            "hvhk-asse",
            "Jaarthema kinderen met extra zorgnoden, met aanbevelingen voor het lokale beleid; netwerkdag "
            "op dinsdag 25 november met workshops in de namiddag en een netwerkmarkt over de middag.",
        ),
        (
            "lb-asse",
            "Troostcafé rond levend verlies op 15 oktober en 20 november; de praatgroep Missing You voor "
            "kinderen in rouw start op zaterdag 18 oktober van 10 tot 12 uur (inschrijven verplicht).",
        ),
        (
            "caw",
            "Het inloopcentrum in Zellik viert feest; gratis trefdag over bewindvoering, open voor iedereen; "
            "over twee weken de Watcosta-beurs met veel partners.",
        ),
        (
            "overkop",
            "Nog vrije plaatsen in de groep voor jongeren met een ouder met een verslavingsprobleem.",
        ),
        (
            "hopperank",
            "Talentendag met een spreker over autisme en een ontmoeting tussen professionals en de doelgroep.",
        ),
        (
            "lm",
            "Dit najaar valpreventie met een checklist bij de mensen thuis; vanaf volgend jaar vorming over "
            "dementie voor de medewerkers.",
        ),
        (
            "zorgcampus-opwijk",
            "Vier woonzorgcentra maakten samen één reglement voor de huisartsen; in LDC Den Hopstaak sessies "
            "rond rouw en verlies en kiné voor mensen met kanker.",
        ),
        ("walfergem", "Neemt deel aan een pilootproject met Alivia, een nieuwe tool van de overheid."),
        (
            "klein-veldeken",
            "Kleine activiteiten doorheen het jaar; rouw leeft sterk na het verlies van verschillende bewoners.",
        ),
        ("resonans", "Organiseert een ontbijt voor mensen met een niet-aangeboren hersenletsel."),
        ("cm", "Deelt mee babbeltaartjes uit."),
        ("lb-merchtem", "Start in november een LEIF-antennepunt; elke gemeente van AMALO krijgt er een."),
        ("ldc-liedekerke", "Ook een LEIF-antenne, en in november een infoavond over slaap."),
    ),
    accounts_present=True,
)

# The 2025 dates agreed under "Varia" of the first meeting (the third is SECOND), at 13u30. The venue
# rotates among the partners; the seed names none, so the demo takes two partners with a public address.
AGREED_2025 = (
    MeetingSpec(
        date=dt.date(2025, 2, 17),
        start=dt.time(13, 30),
        end=dt.time(16, 0),
        venue_org="ocmw-merchtem",
        fixed_agenda=True,
        present=("griet", "bart", "nele", "joris", "ruben", "dries", "wim", "sofie", "liesje", "koen"),
        excused=("hilde", "eline", "an"),
        accounts_present=True,
    ),
    MeetingSpec(
        date=dt.date(2025, 5, 13),
        start=dt.time(13, 30),
        end=dt.time(16, 0),
        venue_org="opcura",
        fixed_agenda=True,
        present=("griet", "bart", "hilde", "eline", "ruben", "dries", "wim", "liesje", "an"),
        excused=("nele", "joris", "sofie", "koen"),
        accounts_present=True,
    ),
)

# The dates agreed under "Varia" of the second meeting. `present` and `excused` count only once the
# day has passed (see `_as_of`); until then the meeting is planned and nobody has answered yet.
AGREED_2026 = (
    MeetingSpec(
        date=dt.date(2026, 3, 17),
        start=dt.time(8, 30),
        end=dt.time(10, 30),
        venue_org="hopstaak",
        venue="Lokaal dienstencentrum Den Hopstaak, Opwijk",
        title="Ontbijt voor alle welzijnspartners",
        fixed_agenda=True,
        present=(
            "griet",
            "bart",
            "nele",
            "joris",
            "hilde",
            "eline",
            "ruben",
            "wim",
            "sofie",
            "liesje",
            "koen",
            "an",
        ),
        excused=("dries",),
        accounts_present=True,
    ),
    MeetingSpec(
        date=dt.date(2026, 5, 7),
        start=dt.time(13, 30),
        end=dt.time(16, 0),
        venue_org="klein-veldeken",
        venue="Klein Veldeken, Asse",
        fixed_agenda=True,
        present=("griet", "bart", "nele", "ruben", "dries", "wim", "liesje", "koen"),
        excused=("hilde", "eline", "sofie", "an"),
        accounts_present=True,
    ),
    MeetingSpec(
        date=dt.date(2026, 10, 19),
        start=dt.time(11, 30),
        end=dt.time(13, 30),
        venue_org="hopstaak",
        venue="Lokaal dienstencentrum Den Hopstaak, Opwijk",
        title="Clusteroverleg met broodjes en soep",
        fixed_agenda=True,
        present=("griet", "bart", "joris", "hilde", "eline", "wim", "sofie", "koen", "an"),
        excused=("nele", "liesje"),
        accounts_present=True,
    ),
)
# The first year the demo plans from the body's rule, as a coordinator would (after the agreed dates).
FIRST_RULE_YEAR = 2027


def today() -> dt.date:
    """The demo's today (Brussels); tests pass their own day to `load`."""
    return timezone.localdate()


def _as_of(spec: MeetingSpec, day: dt.date) -> MeetingSpec:
    """A meeting agreed in advance as it stands on `day`: held once its day has passed, else planned."""
    if spec.date < day:
        return replace(spec, status=MeetingStatus.HELD)
    return replace(spec, status=MeetingStatus.PLANNED, present=(), excused=(), accounts_present=False)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=BRUSSELS)


def _search_text(zone: Zone, meeting: Meeting) -> str:
    """What the public search looks in (body, title, intro, items, decisions, partner round)."""
    parts: list[str] = [meeting.body.name, meeting.title, meeting.intro]
    for item in AgendaItem.objects.for_zone(zone).filter(meeting=meeting).order_by("order", "id"):
        parts += [item.title, item.minutes]
    parts += [d.text for d in Decision.objects.for_zone(zone).filter(meeting=meeting).order_by("id")]
    for entry in (
        PartnerRoundEntry.objects.for_zone(zone)
        .filter(meeting=meeting)
        .select_related("organisation")
        .order_by("id")
    ):
        parts += [entry.organisation.name if entry.organisation else "", entry.text]
    return normalise(" ".join(p for p in parts if p))


def _meeting(zone: Zone, body: Body, spec: MeetingSpec) -> Meeting:
    invited = spec.status != MeetingStatus.PLANNED
    meeting, _created = Meeting.objects.for_zone(zone).get_or_create(
        zone=zone,
        body=body,
        date=spec.date,
        defaults={
            "start_time": spec.start,
            "end_time": spec.end,
            "venue_organisation": governance_demo.organisation(zone, spec.venue_org),
            "venue": spec.venue,
            "title": spec.title,
            "intro": spec.intro,
            "status": spec.status,
            "invited_at": _at(spec.date - dt.timedelta(days=21)) if invited else None,
        },
    )
    items = spec.items
    if spec.fixed_agenda:
        fixed = FixedAgendaItem.objects.for_zone(zone).filter(body=body).order_by("at_end", "order", "id")
        items = tuple(ItemSpec(f.title, is_fixed=True) for f in fixed)
    for order, item_spec in enumerate(items, start=1):
        _item(zone, meeting, order, item_spec)

    people = {key: governance_demo.person(zone, key) for key in (*spec.present, *spec.excused)}
    for key, who in people.items():
        status = AttendanceStatus.PRESENT if key in spec.present else AttendanceStatus.EXCUSED
        affiliation = who.affiliations.select_related("organisation").order_by("pk").first()
        Attendance.objects.for_zone(zone).get_or_create(
            zone=zone,
            meeting=meeting,
            person=who,
            defaults={"status": status, "organisation": affiliation.organisation if affiliation else None},
        )
    if spec.accounts_present:
        for who in _account_people(zone, body):
            Attendance.objects.for_zone(zone).get_or_create(
                zone=zone, meeting=meeting, person=who, defaults={"status": AttendanceStatus.PRESENT}
            )
    for org_key, text in spec.partner_round:
        PartnerRoundEntry.objects.for_zone(zone).get_or_create(
            zone=zone,
            meeting=meeting,
            text=text,
            defaults={"organisation": governance_demo.organisation(zone, org_key)},
        )
    return meeting


def _account_people(zone: Zone, body: Body) -> list[Person]:
    """The demo accounts' people who sit in the body (secretary and member), if the accounts exist."""
    return list(
        Person.objects.for_zone(zone)
        .filter(user__email__in=[governance_demo.SECRETARY_ACCOUNT, governance_demo.MEMBER_ACCOUNT])
        .filter(memberships__body=body)
        .distinct()
        .order_by("pk")
    )


def _item(zone: Zone, meeting: Meeting, order: int, spec: ItemSpec) -> AgendaItem:
    item, created = AgendaItem.objects.for_zone(zone).get_or_create(
        zone=zone,
        meeting=meeting,
        title=spec.title,
        defaults={
            "order": order,
            "minutes": spec.minutes,
            "presenter": governance_demo.person(zone, spec.presenter) if spec.presenter else None,
            "is_fixed": spec.is_fixed,
            "minutes_updated_at": _at(meeting.date + dt.timedelta(days=7)) if spec.minutes else None,
        },
    )
    if created and spec.minutes:
        MinutesRevision.objects.create(zone=zone, item=item, text=spec.minutes)
    for text in spec.decisions:
        Decision.objects.for_zone(zone).get_or_create(zone=zone, meeting=meeting, item=item, text=text)
    for description, owner, due, done in spec.follow_ups:
        FollowUp.objects.for_zone(zone).get_or_create(
            zone=zone,
            meeting=meeting,
            description=description,
            defaults={
                "item": item,
                "owner": governance_demo.person(zone, owner),
                "due_date": due,
                "done": done,
                "done_at": _at(due) if done else None,
            },
        )
    return item


def load(zones: dict[str, Zone], day: dt.date | None = None) -> list[Meeting]:
    """The meetings of the AMALO welfare cluster as they stand on `day` (default: today).

    Needs the bodies of governance.demo.
    """
    zone = zones.get("amalo")
    if zone is None:
        return []
    day = day or today()
    body = Body.objects.for_zone(zone).get(slug=governance_demo.WELFARE_SLUG)
    first = _meeting(zone, body, FIRST)
    february, may = (_meeting(zone, body, _as_of(spec, day)) for spec in AGREED_2025)
    second = _meeting(zone, body, SECOND)
    agreed = [_meeting(zone, body, _as_of(spec, day)) for spec in AGREED_2026]

    # The minutes of the first meeting were approved at the next one (17 February 2025), then published.
    if first.approved_at_meeting_id is None:
        first.approved_at_meeting = february
        first.published_at = first.published_at or _at(dt.date(2025, 3, 3))
        first.save(update_fields=["approved_at_meeting", "published_at", "updated_at"])
    for meeting in (first, second):
        text = _search_text(zone, meeting)
        if meeting.search_text != text:
            Meeting.objects.for_zone(zone).filter(pk=meeting.pk).update(search_text=text)
            meeting.search_text = text
    from_rule = [
        meeting
        for year in range(FIRST_RULE_YEAR, max(day.year + 2, FIRST_RULE_YEAR + 1))
        for meeting in _plan_year(zone, body, year, day)
    ]
    return [first, february, may, second, *agreed, *from_rule]


def _plan_year(zone: Zone, body: Body, year: int, day: dt.date) -> list[Meeting]:
    """A year planned from the body's rule, as a coordinator would (once; idempotent).

    Planned up to the year after `day`, so there is always a next meeting; the dates before `day`
    were held.
    """
    from .services.schedule import meeting_dates_propose, meetings_schedule

    existing = list(Meeting.objects.for_zone(zone).filter(body=body, date__year=year).order_by("date"))
    if existing:
        return existing
    proposals = [p for p in meeting_dates_propose(zone=zone, body=body, year=year)]
    planned = meetings_schedule(zone=zone, actor=None, body=body, proposals=proposals)
    return [_held(zone, body, meeting) if meeting.date < day else meeting for meeting in planned]


def _held(zone: Zone, body: Body, meeting: Meeting) -> Meeting:
    """A meeting planned from the rule whose day has passed: invited, its fixed agenda, members came."""
    fixed = FixedAgendaItem.objects.for_zone(zone).filter(body=body).order_by("at_end", "order", "id")
    for order, item in enumerate(fixed, start=1):
        _item(zone, meeting, order, ItemSpec(item.title, is_fixed=True))
    members = (
        Person.objects.for_zone(zone).filter(memberships__body=body).distinct().order_by("last_name", "pk")
    )
    for who in members:
        Attendance.objects.for_zone(zone).get_or_create(
            zone=zone, meeting=meeting, person=who, defaults={"status": AttendanceStatus.PRESENT}
        )
    meeting.status = MeetingStatus.HELD
    meeting.invited_at = _at(meeting.date - dt.timedelta(days=21))
    meeting.save(update_fields=["status", "invited_at", "updated_at"])
    return meeting
