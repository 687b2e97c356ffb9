"""Demo: the events the seeds name (SEEDS-DETAIL §5.3 and appendix A), on their real weekdays,
plus a few upcoming ones relative to today so registration can be tried.

Waasland: the Open netwerk of 25 September 2025 with its programme, the infolunches of 003 (the one
of 3 October full, with a waiting list), the vrijwilligersbeurs, the lokale buurtnetwerken as one
series of five evenings, the training on two dates, intervision, the perinatal network event, the
signal-policy moment and the Trefdag of 21 April 2026 as a save the date. AMALO: babbeltaartjes,
Troostcafé, Missing You, the netwerklunch, the Iedereen mee-dag, the addiction symposium, the
netwerkdag, the social-work breakfast. Zennevallei: piekuurtjes, two fairs, "Zennevallei verbindt
en inspireert" and the perinatal kick-off. Past events have attendance and evaluations; all people
are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from zorgraad.network.models import Organisation
from zorgraad.zones.models import Municipality

from .models import (
    Audience,
    EvaluationAnswer,
    EvaluationKind,
    EvaluationQuestion,
    EvaluationResponse,
    Event,
    EventKind,
    EventSeries,
    EventSession,
    EventStatus,
    ProgrammeSlot,
    Question,
    QuestionKind,
    Registration,
    RegistrationStatus,
)

FIRST = [
    "Lotte", "Bram", "Noor", "Wout", "Fien", "Jens", "Ines", "Sander", "Marthe", "Pieter",
    "Hanne", "Stijn", "Elise", "Joris", "Lien", "Tuur", "Saar", "Korneel", "Amber", "Ruben",
]  # fmt: skip
LAST = [
    "Vandenbroecke", "Maesschalck", "De Wachter", "Verlinde", "Van Hoorick", "Claeskens", "Dewulf",
    "Van Aerschot", "Moerman", "Temmerman", "Goossenaerts", "Van Lierde", "Bruynseels", "Everaert",
]  # fmt: skip

EVALUATION = [
    ("Hoe tevreden ben je over de activiteit?", EvaluationKind.SCALE, ""),
    ("Was de inhoud bruikbaar voor je werk?", EvaluationKind.CHOICE, "ja\neerder wel\neerder niet\nnee"),
    ("Wat neem je mee, wat kan beter?", EvaluationKind.TEXT, ""),
]
COMMENTS = [
    "Fijn om collega's uit andere sectoren te leren kennen.",
    "Graag meer tijd voor vragen.",
    "Heel concreet, ik weet nu naar wie ik kan doorverwijzen.",
    "Broodjes waren lekker!",
    "Iets kortere inleiding graag.",
]


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


class Maker:
    def __init__(self, zone: Any, rng: random.Random) -> None:
        self.zone = zone
        self.rng = rng
        self.orgs = list(Organisation.objects.for_zone(zone).filter(is_archived=False).order_by("pk")[:60])

    def org(self, name: str) -> Organisation | None:
        for org in self.orgs:
            if org.name.lower() == name.lower():
                return org
        return Organisation.objects.for_zone(self.zone).filter(name__iexact=name).first()

    def municipality(self, name: str) -> Municipality | None:
        return Municipality.objects.filter(name__iexact=name).first()

    def event(
        self,
        title: str,
        day: dt.date,
        start: tuple[int, int],
        end: tuple[int, int],
        kind: str,
        *,
        venue: str = "",
        venue_org: str = "",
        municipality: str = "",
        audience: str = Audience.PROFESSIONALS,
        status: str = EventStatus.PUBLISHED,
        capacity: int | None = None,
        registration_required: bool = True,
        **extra: Any,
    ) -> Event:
        event = Event.objects.create(
            zone=self.zone,
            title=title,
            kind=kind,
            audience=audience,
            starts_at=_at(day, *start),
            ends_at=_at(day, *end),
            venue=venue,
            venue_organisation=self.org(venue_org) if venue_org else None,
            municipality=self.municipality(municipality) if municipality else None,
            status=status,
            capacity=capacity,
            registration_required=registration_required,
            **extra,
        )
        return event

    def people(self, event: Event, confirmed: int, *, waiting: int = 0, attended: int | None = None) -> None:
        """Registrations: `confirmed` with a seat (of whom `attended` came, the rest no-show when the
        event is past) and `waiting` on the waiting list."""
        past = event.ends_at < timezone.now()
        rows = []
        used: set[str] = set()
        created = event.starts_at - dt.timedelta(days=20)
        for n in range(confirmed + waiting):
            while True:
                first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
                name = f"{first} {last}"
                if name not in used:
                    used.add(name)
                    break
            seat = n < confirmed
            if seat and past:
                status = (
                    RegistrationStatus.ATTENDED
                    if attended is None or n < attended
                    else RegistrationStatus.NO_SHOW
                )
            elif seat:
                status = RegistrationStatus.CONFIRMED
            else:
                status = RegistrationStatus.WAITLISTED
            org = self.rng.choice(self.orgs) if self.orgs and self.rng.random() < 0.8 else None
            email = f"{first}.{last}".lower().replace(" ", "") + f".{n}@voorbeeld.be"
            rows.append(
                Registration(
                    zone=self.zone,
                    event=event,
                    name=name,
                    email=email,
                    organisation=org,
                    organisation_name=org.name if org else "",
                    status=status,
                    has_seat=seat,
                    confirmed_at=created if seat else None,
                    checked_in_at=event.starts_at if status == RegistrationStatus.ATTENDED else None,
                )
            )
        Registration.objects.bulk_create(rows)
        # created_at is auto_now_add: keep the order of the waiting list by pk (created in order)
        Event.objects.for_zone(self.zone).filter(pk=event.pk).update(seats_taken=confirmed)
        event.seats_taken = confirmed

    def evaluations(self, event: Event, answers: int) -> None:
        questions = [
            EvaluationQuestion.objects.create(zone=self.zone, event=event, text=t, kind=k, choices=c, order=i)
            for i, (t, k, c) in enumerate(EVALUATION, start=1)
        ]
        attendees = list(
            Registration.objects.for_zone(self.zone)
            .filter(event=event, status=RegistrationStatus.ATTENDED)
            .order_by("pk")[:answers]
        )
        day = timezone.make_aware(dt.datetime.combine(timezone.localdate(event.ends_at), dt.time(12)))
        rows = []
        for _reg in attendees:
            response = EvaluationResponse.objects.create(zone=self.zone, event=event, submitted_at=day)
            rows.append(
                EvaluationAnswer(
                    zone=self.zone,
                    response=response,
                    question=questions[0],
                    score=self.rng.choice([3, 4, 4, 5, 5]),
                )
            )
            rows.append(
                EvaluationAnswer(
                    zone=self.zone,
                    response=response,
                    question=questions[1],
                    value=self.rng.choice(["ja", "ja", "eerder wel", "eerder niet"]),
                )
            )
            if self.rng.random() < 0.5:
                rows.append(
                    EvaluationAnswer(
                        zone=self.zone,
                        response=response,
                        question=questions[2],
                        value=self.rng.choice(COMMENTS),
                    )
                )
        EvaluationAnswer.objects.bulk_create(rows)
        Registration.objects.for_zone(self.zone).filter(pk__in=[r.pk for r in attendees]).update(
            evaluated_at=day
        )
        Event.objects.for_zone(self.zone).filter(pk=event.pk).update(
            evaluation_closes_at=day + dt.timedelta(days=14)
        )


def _next_weekday(start: dt.date, weekday: int) -> dt.date:
    return start + dt.timedelta(days=(weekday - start.weekday()) % 7)


def load_waasland(zone: Any, rng: random.Random) -> None:
    from zorgraad.challenges.models import Challenge

    m = Maker(zone, rng)
    challenges = {c.number: c for c in Challenge.objects.for_zone(zone)}
    d = dt.date
    open_net = m.event(
        "Open netwerk", d(2025, 9, 25), (12, 0), (14, 0), EventKind.NETWORK,
        venue="Sint-Niklaas", municipality="Sint-Niklaas", capacity=80,
        description="Het open netwerk van de zorgraad: nieuws uit de werkgroepen, stemmen over de prioritaire uitdagingen en netwerken.",
        practical_notes="Broodjes worden voorzien.",
    )  # fmt: skip
    for order, (start, end, title) in enumerate(
        [
            ((12, 0), (12, 10), "Onthaal en broodjes"),
            ((12, 10), (12, 40), "Stand van zaken van de uitdagingen"),
            ((12, 40), (13, 30), "Stemming en gesprek in kleine groepen"),
            ((13, 30), (14, 0), "Netwerken"),
        ],
        start=1,
    ):
        ProgrammeSlot.objects.create(
            zone=zone,
            event=open_net,
            start_time=dt.time(*start),
            end_time=dt.time(*end),
            title=title,
            order=order,
        )
    open_net.challenges.set([c for n, c in challenges.items() if n in ("1", "5")])
    m.people(open_net, 58, attended=52)
    m.evaluations(open_net, 24)
    previous = m.event(
        "Open netwerk", d(2025, 5, 7), (12, 0), (14, 0), EventKind.NETWORK, venue="Sint-Niklaas", capacity=80
    )
    m.people(previous, 64, attended=60)
    for day, weekday_title in [
        (d(2022, 9, 22), "Infolunch: de sociale kaart"),
        (d(2022, 11, 25), "Infolunch: armoede en gezondheid"),
        (d(2023, 12, 11), "Infolunch: mantelzorg"),
        (d(2024, 6, 13), "Infolunch: jongeren en mentaal welzijn"),
        (d(2024, 12, 6), "Infolunch: dementievriendelijke gemeente"),
        (d(2025, 2, 18), "Infolunch: digitale drempels"),
    ]:
        past = m.event(weekday_title, day, (12, 0), (14, 0), EventKind.INFOLUNCH, venue="Sint-Niklaas", capacity=40,
                       practical_notes="Broodjes worden voorzien.")  # fmt: skip
        m.people(past, rng.randint(22, 38), attended=None)
    victims = m.event(
        "Infolunch slachtofferzorg", d(2025, 10, 3), (12, 0), (14, 0), EventKind.INFOLUNCH,
        venue_org="Odisee Hogeschool", venue="Odisee, Sint-Niklaas", municipality="Sint-Niklaas", capacity=40,
        practical_notes="Broodjes worden voorzien.",
    )  # fmt: skip
    m.people(victims, 40, waiting=6, attended=36)
    m.evaluations(victims, 18)
    fair = m.event(
        "Vrijwilligersbeurs", d(2025, 10, 8), (18, 30), (20, 30), EventKind.FAIR,
        venue="'t Bau-huis", audience=Audience.BOTH, registration_required=False,
    )  # fmt: skip
    fair.refresh_from_db()
    series = EventSeries.objects.create(
        zone=zone,
        title="Lokale buurtnetwerken",
        description="Eén avond per gemeente: lokale partners leren elkaar kennen en bespreken de signalen uit de buurt.",
    )
    for day, place, start, end, notes in [
        (d(2025, 10, 14), "Zwijndrecht", (19, 0), (21, 0), ""),
        (d(2025, 10, 20), "Kruibeke", (19, 0), (21, 0), ""),
        (d(2025, 11, 3), "Temse", (12, 0), (14, 0), "Broodjes worden voorzien."),
        (d(2025, 11, 17), "Sinaai", (19, 0), (21, 0), ""),
        (d(2025, 11, 25), "Sint-Gillis-Waas", (19, 0), (21, 0), ""),
    ]:
        evening = m.event(
            f"Lokaal buurtnetwerk {place}", day, start, end, EventKind.NEIGHBOURHOOD,
            venue=place, municipality="Sint-Niklaas" if place == "Sinaai" else place, series=series,
            capacity=30, practical_notes=notes,
        )  # fmt: skip
        m.people(evening, rng.randint(14, 26), attended=None)
    training = m.event(
        "Training: signalen herkennen", d(2025, 10, 24), (9, 0), (15, 0), EventKind.TRAINING,
        venue="Oosterlaan, Sint-Niklaas", capacity=20,
    )  # fmt: skip
    Event.objects.for_zone(zone).filter(pk=training.pk).update(ends_at=_at(d(2025, 12, 2), 15, 0))
    EventSession.objects.create(
        zone=zone, event=training, starts_at=_at(d(2025, 10, 24), 9), ends_at=_at(d(2025, 10, 24), 13)
    )
    EventSession.objects.create(
        zone=zone, event=training, starts_at=_at(d(2025, 12, 2), 13, 30), ends_at=_at(d(2025, 12, 2), 15)
    )
    m.people(training, 18, attended=17)
    m.event("Intervisie ouderenmis(be)handeling", d(2025, 11, 17), (13, 30), (16, 0), EventKind.INTERVISION,
            venue="Paterskerk, Sint-Niklaas", capacity=15)  # fmt: skip
    perinatal = m.event(
        "Netwerkevent perinatale zorg en OverHoop", d(2025, 11, 20), (9, 0), (16, 0), EventKind.NETWORK,
        venue_org="Odisee Hogeschool", venue="Odisee, Sint-Niklaas", capacity=120,
    )  # fmt: skip
    m.people(perinatal, 96, attended=88)
    m.evaluations(perinatal, 30)
    signals = m.event("Netwerkmoment signalenbeleid", d(2025, 11, 27), (9, 30), (12, 0), EventKind.NETWORK,
                      venue="Paterskerk, Sint-Niklaas", capacity=50)  # fmt: skip
    signals.challenges.set([c for n, c in challenges.items() if n in ("5", "6")])
    m.people(signals, 31, attended=29)
    m.event(
        "Trefdag 2026", d(2026, 4, 21), (9, 0), (16, 0), EventKind.TREFDAG, venue="Meermin",
        status=EventStatus.SAVE_THE_DATE, audience=Audience.BOTH,
        description="Noteer alvast de datum: de trefdag van het open netwerk. Programma en inschrijving volgen.",
    )  # fmt: skip
    # upcoming, relative to today so registration can be tried
    today = timezone.localdate()
    lunch = m.event(
        "Infolunch: wegwijs in de sociale kaart", _next_weekday(today + dt.timedelta(days=14), 3), (12, 0), (14, 0),
        EventKind.INFOLUNCH, venue_org="Odisee Hogeschool", venue="Odisee, Sint-Niklaas", capacity=30,
        practical_notes="Broodjes worden voorzien.",
    )  # fmt: skip
    Question.objects.create(zone=zone, event=lunch, text="Dieetwensen?", kind=QuestionKind.TEXT, order=1)
    m.people(lunch, 12)
    full = m.event(
        "Infolunch: slachtofferzorg (herhaling)", _next_weekday(today + dt.timedelta(days=21), 4), (12, 0), (14, 0),
        EventKind.INFOLUNCH, venue_org="Odisee Hogeschool", venue="Odisee, Sint-Niklaas", capacity=25,
        practical_notes="Broodjes worden voorzien.",
    )  # fmt: skip
    m.people(full, 25, waiting=4)


def load_amalo(zone: Any, rng: random.Random) -> None:
    m = Maker(zone, rng)
    d = dt.date
    m.event("Babbeltaartjes: samen tegen eenzaamheid", d(2025, 10, 11), (9, 0), (12, 0), EventKind.CAMPAIGN,
            audience=Audience.CITIZENS, registration_required=False,
            description="1250 babbeltaartjes met een kaartje, uitgedeeld met CM en de lokale besturen.")  # fmt: skip
    troost = EventSeries.objects.create(zone=zone, title="Troostcafé")
    for day in (d(2025, 10, 15), d(2025, 11, 20)):
        cafe = m.event("Troostcafé", day, (19, 0), (21, 0), EventKind.TALK_GROUP, venue="Asse",
                       municipality="Asse", audience=Audience.CITIZENS, series=troost, capacity=20)  # fmt: skip
        m.people(cafe, rng.randint(8, 14), attended=None)
    missing = m.event("Missing You", d(2025, 10, 18), (10, 0), (12, 0), EventKind.MEETING_DAY,
                      audience=Audience.CITIZENS, capacity=30)  # fmt: skip
    m.people(missing, 22, attended=19)
    m.event("Netwerklunch met IDEWE", d(2025, 10, 23), (12, 0), (13, 30), EventKind.NETWORK_LUNCH, capacity=30,
            price="", practical_notes="Gratis, broodjes worden voorzien.")  # fmt: skip
    everyone = m.event(
        "Iedereen mee-dag en algemene vergadering", d(2025, 11, 6), (13, 0), (16, 0), EventKind.MEETING_DAY,
        venue_org="Residentie Sara", venue="Residentie Sara", capacity=100,
    )  # fmt: skip
    m.people(everyone, 71, attended=64)
    m.evaluations(everyone, 25)
    m.event("Symposium verslaving", d(2025, 11, 22), (9, 0), (16, 0), EventKind.SYMPOSIUM, venue="Dilbeek",
            municipality="Dilbeek", audience=Audience.BOTH, capacity=150)  # fmt: skip
    netday = m.event(
        "Netwerkdag", d(2025, 11, 25), (9, 0), (16, 0), EventKind.NETWORK, capacity=120,
        speakers="Een gekende spreker over vermaatschappelijking van de zorg",
    )  # fmt: skip
    for order, (start, end, title) in enumerate(
        [
            ((9, 0), (10, 0), "Lezing"),
            ((10, 15), (12, 0), "Vier workshops (naar keuze)"),
            ((12, 0), (13, 30), "Netwerkmarkt met broodjes"),
            ((13, 30), (16, 0), "Workshops, tweede ronde"),
        ],
        start=1,
    ):
        ProgrammeSlot.objects.create(
            zone=zone,
            event=netday,
            start_time=dt.time(*start),
            end_time=dt.time(*end),
            title=title,
            order=order,
        )
    Question.objects.create(
        zone=zone, event=netday, text="Welke workshop?", kind=QuestionKind.CHOICE,
        choices="Workshop 1\nWorkshop 2\nWorkshop 3\nWorkshop 4", required=True, order=1,
    )  # fmt: skip
    m.people(netday, 104, attended=95)
    m.evaluations(netday, 40)
    m.event("Kersthappening", d(2025, 12, 14), (14, 0), (17, 0), EventKind.MEETING_DAY,
            venue_org="Residentie Vivas", venue="Residentie Vivas", audience=Audience.CITIZENS,
            registration_required=False)  # fmt: skip
    m.event("Ontbijt voor de dag van het sociaal werk", d(2026, 3, 17), (8, 30), (10, 30), EventKind.NETWORK,
            capacity=60, practical_notes="Ontbijt wordt voorzien.")  # fmt: skip
    today = timezone.localdate()
    upcoming = m.event(
        "Netwerklunch: nieuwe partners stellen zich voor", _next_weekday(today + dt.timedelta(days=10), 3),
        (12, 0), (13, 30), EventKind.NETWORK_LUNCH, capacity=40, practical_notes="Gratis, broodjes worden voorzien.",
    )  # fmt: skip
    m.people(upcoming, 9)


def load_zennevallei(zone: Any, rng: random.Random) -> None:
    m = Maker(zone, rng)
    d = dt.date
    for n, day in enumerate(
        [d(2025, 1, 21), d(2025, 3, 18), d(2025, 5, 20), d(2025, 9, 23), d(2025, 11, 18)], 1
    ):
        peak = m.event(
            f"Piekuurtje {n}: een partner stelt zich voor", day, (12, 30), (13, 15), EventKind.PIEKUURTJE,
            is_online=True, online_url="https://meet.example.org/piekuurtje", capacity=60,
        )  # fmt: skip
        came = [24, 18, 27, 21, 31][n - 1]
        m.people(peak, came + 5, attended=came)
    for title, day in (
        ("Beurs zorg en welzijn Halle", d(2025, 4, 26)),
        ("Beurs zorg en welzijn Beersel", d(2025, 10, 4)),
    ):
        fair = m.event(title, day, (10, 0), (16, 0), EventKind.FAIR, audience=Audience.BOTH, capacity=200)
        m.people(fair, 52, attended=47)
    inspire = m.event("Zennevallei verbindt en inspireert", d(2025, 3, 27), (13, 0), (17, 0), EventKind.NETWORK,
                      capacity=80)  # fmt: skip
    m.people(inspire, 49, attended=44)
    m.evaluations(inspire, 20)
    kick = m.event(
        "Kick-off perinatale zorg", d(2025, 6, 12), (18, 30), (21, 0), EventKind.KICK_OFF, capacity=70
    )
    m.people(kick, 46, attended=42)
    today = timezone.localdate()
    m.event(
        "Piekuurtje: de nieuwe huisartsenwachtpost", _next_weekday(today + dt.timedelta(days=7), 1), (12, 30),
        (13, 15), EventKind.PIEKUURTJE, is_online=True, online_url="https://meet.example.org/piekuurtje", capacity=60,
    )  # fmt: skip


LOADERS = {"waasland": load_waasland, "amalo": load_amalo, "zennevallei": load_zennevallei}


def load(ctx: Any) -> None:
    for slug, zone in ctx.zones.items():
        loader = LOADERS.get(slug)
        if loader is None:
            continue
        loader(zone, random.Random(f"events-{slug}"))  # noqa: S311 - demo data
