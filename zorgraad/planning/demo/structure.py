"""The demo plan's structure: its zone and year, the objectives with their labels as written, the
2025 meetings of the bodies the plan counts, and the plan-level chapters.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

SLUG = "zennevallei"
YEAR = 2025
D = dt.date

SDS = [
    (
        "Strategische doelstelling 1",
        "Het ondersteunings- en zorgaanbod in eerstelijnszone Zennevallei is toegankelijk en laagdrempelig "
        "dankzij een outreachende en buurtgerichte aanpak.",
        [
            (
                "Operationele doelstelling 1",
                "Met het Geïntegreerd Breed Onthaal (GBO) leggen we de focus op toegang voor kwetsbare groepen. "
                "We verhogen de toegankelijkheid door in de zetten op de 9-B's van integratie en inburgering met "
                "betreedbaarheid en creëren een vlot en continu aanbod voor de gebruiker zodat er geen breuken in "
                "het hulpverleningstraject optreden.",
                ["gbo"],
            ),
            (
                "Operationele doelstelling 2",
                "Professionele, vrijwillige en informele zorg- en welzijnsactoren werken samen in een buurtgericht "
                "kader met de burger in zijn context.",
                ["buurt"],
            ),
        ],
    ),
    (
        "Strategische doelstelling 2",
        "Geïntegreerde zorg is van preventie tot palliatie een gekend en geleefd principe in eerstelijnszone "
        "Zennevallei waarbij burgers in hun context integraal worden ondersteund.",
        [
            (
                "Operationele doelstelling 1",
                "In de Zennevallei is er een netwerk van complementaire overlegmomenten in het kader van preventie. "
                "Dit netwerk laat de preventie partners toe optimaal samen te werken, waarbij de zorgraad binnen "
                "dit netwerk verbindt en inspireert.",
                ["preventie"],
            ),
            (
                "Operationele doelstelling 2",
                "In de eerste lijn van de Zennevallei is er een breed gedragen gemeenschappelijke visie rond "
                "palliatieve zorg, met bijzondere aandacht voor vroegtijdige zorgplanning.",
                ["palliatief"],
            ),
        ],
    ),
    (
        "Strategische doelstelling 3",
        "De eerstelijnsactoren in de Zennevallei voelen zich verbonden met elkaar en werken interprofessioneel "
        "samen in een sfeer van vertrouwen waarbij ze door het delen van hun ervaringen, expertise en data, "
        "elkaar versterken.",
        [
            (
                "Operationele doelstelling 3",
                "De actoren van de eerste lijn worden ondersteund door in samenwerking met het organisatienetwerk "
                "van de zorgraad hun draagkracht te vergroten.",
                ["huisartsen", "veerkracht"],
            ),
        ],
    ),
    (
        "Strategische doelstelling 5",
        "Lokale welzijns- en zorgactoren, waaronder gezondheidswerkers, welzijnsorganisaties, lokale besturen en "
        "PZON, hebben toegang tot de Zorgraad als open organisatienetwerk waar ze lid kunnen zijn. Binnen dit "
        "netwerk is de benodigde structuur, competentie en expertise aanwezig om samen te werken en af te "
        "stemmen, zelfs met actoren buiten de eerste lijn, ook in tijden van crisis.",
        [
            (
                "Operationele doelstelling 4",
                "We willen kennis en vertrouwen opbouwen door middel van ontmoetingen en informatie-uitwisseling "
                "tussen alle leden van de zorgraad, met als resultaat een sterkere verbinding tussen de leden van "
                "dit open organisatienetwerk. Dit zal een ideale omgeving creëren voor het gezamenlijk aanpakken "
                "van complexe vraagstukken.",
                ["verbindt", "perinataal"],
            ),
        ],
    ),
]

# The 2025 meetings of the bodies the plan counts (held; members present).
MEETINGS = {
    "forum-buurtgerichte-zorg": [D(2025, 5, 15), D(2025, 11, 20)],
    "stuurgroep-preventie": [D(2025, 2, 11), D(2025, 9, 16)],
    "kerngroep-preventie": [D(2025, 3, 12), D(2025, 5, 21), D(2025, 9, 24), D(2025, 12, 3)],
    "kerngroep-perinatale-zorg": [D(2025, 4, 24), D(2025, 6, 26), D(2025, 10, 16)],
}

CHAPTERS: list[tuple[str, str, str, list[dict[str, Any]], int | None, str | None]] = [
    ("general", "Algemeen", "", [], None, None),
    ("communication", "Communicatie naar specifieke doelgroepen", "", [], None, "Algemeen"),
    (
        "communication",
        "Communicatie naar zorg- en welzijnsprofessionals",
        "We richten onze communicatie voornamelijk op de intermediairs: zorg- en welzijnsprofessionals.",
        [
            {
                "title": "Netwerkbijeenkomsten en intervisie",
                "text": "bijeenkomsten, intervisies en informele momenten zoals piekuurtjes",
            },
            {
                "title": "Bevragingen en signalen",
                "text": "feedback via bevragingen, intervisies, casusoverleggen en netwerkevents",
            },
            {
                "title": "Structuur en terugkoppeling",
                "text": "signalen besproken in werkgroepen en doorgegeven aan de klankbordgroep",
            },
            {"title": "Vormingen", "text": "GELO+ workshops rond duidelijke en toegankelijke communicatie"},
            {"title": "Directe kanalen", "text": "nieuwsbrieven, events, mailings"},
        ],
        None,
        "Communicatie naar specifieke doelgroepen",
    ),
    (
        "communication",
        "Communicatie naar burgers, met focus op kwetsbare groepen",
        "Inclusieve communicatie volgens de 9B-methode.",
        [
            {"title": "Aangepaste communicatie", "text": "eenvoudige, toegankelijke taal (cfr. GBO)"},
            {
                "title": "Directe kanalen",
                "text": "toegankelijke kanalen, fysieke contactmomenten, klankbordgroepen",
            },
            {
                "title": "Preventiecampagnes op maat",
                "text": "afgestemd op kwetsbare groepen (cfr. Preventiewerking Zennevallei)",
            },
        ],
        None,
        "Communicatie naar specifieke doelgroepen",
    ),
    (
        "network",
        "Functioneren als netwerkorganisatie",
        "Voor een effectieve netwerkorganisatie gaat 60% van onze tijd naar:",
        [
            {
                "title": "Netwerkopbouw en onderhoud",
                "text": "nieuwe partners betrekken, bestaande relaties onderhouden",
                "percent": 30,
            },
            {
                "title": "Samenwerking en co-creatie",
                "text": "werkgroepen en projecten faciliteren, het netwerk promoten",
                "percent": 20,
            },
            {
                "title": "Participatie en input",
                "text": "bevragingen organiseren en signalen verwerken voor beleid",
                "percent": 10,
            },
        ],
        60,
        None,
    ),
    (
        "explanation",
        "Aanvullende toelichting bij opmaak van het actieplan 2025",
        "",
        [
            {
                "title": "Focus op versterkte provinciale samenwerking tussen de eerstelijnszones",
                "text": "expertise en middelen delen binnen Vlaams-Brabant",
            },
            {
                "title": "Focus op data en populatiemanagement",
                "text": "data-gestuurde besluitvorming en acties op maat van de noden",
            },
        ],
        None,
        None,
    ),
]
