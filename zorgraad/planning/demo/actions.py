"""The eight actions of the demo plan as data: scope, partners, steps, process items, indicators."""

from __future__ import annotations

from typing import Any

from .. import builtin_sources
from .structure import D


def _ind(name: str, **kw: Any) -> dict[str, Any]:
    return {"name": name, **kw}


def _actions(orgs: dict[str, Any], bodies: dict[str, Any]) -> dict[str, dict[str, Any]]:
    def body_ids(*slugs: str) -> list[int]:
        return [bodies[s].pk for s in slugs if s in bodies]

    return {
        "gbo": {
            "title": "Geïntegreerd Breed Onthaal (GBO)",
            "description": (
                "Het Geïntegreerd Breed Onthaal (GBO) is een samenwerkingsverband tussen drie kernpartners: de zeven "
                "OCMW's van Zennevallei, het CAW Halle-Vilvoorde en de Diensten Maatschappelijk Werk (DMW) van de "
                "mutualiteiten."
            ),
            "scope_do": [
                "Communicatieplan verder uitwerken in kader van het digitaal aanmeldpunt GBO Zennevallei",
                "Overlap en hiaten identificeren en wegwerken binnen de kerntaken van de kernpartners",
                "Verdere opvolging van afstemming van onthaalopdracht: vraagverheldering en rechtenverkenning",
                "Aftoetsen van het aanbod aan de 9B's van integratie en inburgering",
                "Actief betrekken van medewerkers bij de uitbouw van het samenwerkingsverband en het hulpaanbod",
                "Mogelijkheden exploreren om de doelgroep te betrekken bij de uitbouw van het hulpaanbod",
            ],
            "scope_dont": [
                "Een uniform intakedocument maken voor alle kernpartners",
                "De uitwerking van het advies over de 9B's op zich nemen (dat doen de kernpartners)",
                "Een klankbordgroep oprichten voor de doelgroep",
                "Een nieuw aanbod of een gecentraliseerd loket opzetten",
            ],
            "why": (
                "GBO Zennevallei is reeds een actief project binnen onze eerstelijnszone. Het samenwerkingsverband "
                "wil de toegankelijkheid van het aanbod verhogen en zich richten naar de meest kwetsbare inwoners; "
                "er is een grote nood aan ondersteuning van jonge en kwetsbare gezinnen in onze regio."
            ),
            "why_local_policy": "Het GBO is opgenomen in de meerjarenplanning van alle 7 lokale besturen in de zone.",
            "target_groups": ["gezinnen-met-kinderen", "kwetsbare-zwangeren-en-gezinnen"],
            "target_text": "Jonge en kwetsbare gezinnen met kinderen van conceptie tot en met 12 jaar.",
            "lead_kind": "consortium",
            "lead_text": (
                "De zorgraad heeft met de zeven lokale besturen een principieel akkoord dat zij middelen vrijmaken "
                "om een coördinator aan te stellen."
            ),
            "zone_role": "coordinerend",
            "partners": [
                ("caw", "kernpartners"),
                ("lb-halle", "kernpartners"),
                ("lb-beersel", "kernpartners"),
                ("solidaris", "kernpartners"),
            ],
            "partners_text": (
                "Aanmelders (zorg- en medische diensten, VDAB, Huizen van het Kind, CLB, CKG), partners die de "
                "participatieve inbreng van de PZON ondersteunen, en partners uit eerste en tweede lijn (CGG, "
                "diensten begeleid wonen)."
            ),
            "steps": [
                (
                    "1",
                    "Communicatieplan digitaal aanmeldpunt: bekendmakingscampagne opzetten, uitrollen en evalueren",
                    True,
                    D(2025, 6, 30),
                    "done",
                ),
                (
                    "2",
                    "Kerntaken van de drie kernpartners definiëren, overlap en hiaten wegwerken, afsprakenkader opmaken",
                    False,
                    None,
                    "doing",
                ),
                ("3", "Verdere opvolging uniforme vraagverheldering", False, None, "doing"),
                (
                    "4",
                    "Aftoetsen van het aanbod aan de 9B's, met bevraging van de PZON",
                    True,
                    D(2025, 10, 31),
                    "done",
                ),
                (
                    "5a",
                    "Minimum één keer per jaar een netwerkevent organiseren",
                    True,
                    D(2025, 11, 30),
                    "done",
                ),
                (
                    "5e",
                    "Minimum één keer per jaar een ontmoetingsdag voor nieuwe medewerkers organiseren",
                    True,
                    D(2025, 12, 15),
                    "done",
                ),
                ("6", "Mogelijkheden exploreren om de doelgroep te betrekken", False, None, "todo"),
            ],
            "process": [
                (
                    "Kerntaken",
                    "statement",
                    "Er is een overzicht van alle achterliggend wettelijk en bijkomend aanbod van de kernpartners.",
                    True,
                ),
                (
                    "Kerntaken",
                    "statement",
                    "Er is een overzicht van de wettelijke taken, wie eigenaarschap heeft en wat elke partner daarnaast opneemt.",
                    False,
                ),
                (
                    "Verdere opvolging uniforme vraagverheldering",
                    "count",
                    "Frequentie overlegmomenten tussen kernpartners",
                    True,
                ),
                (
                    "Aftoetsen aan de 9B's",
                    "statement",
                    "Het af te toetsen aanbod werd geïdentificeerd en afgebakend.",
                    True,
                ),
                (
                    "Aftoetsen aan de 9B's",
                    "statement",
                    "De aftoetsprocedure werd bepaald, waarbij de PZON ook wordt bevraagd.",
                    True,
                ),
                ("Aftoetsen aan de 9B's", "statement", "De aftoetsing is gebeurd.", True),
                (
                    "Aftoetsen aan de 9B's",
                    "statement",
                    "Het resultaat werd teruggekoppeld naar de partners en indien nodig gesignaleerd.",
                    False,
                ),
            ],
            "indicators": [
                _ind(
                    "Aantal (nieuwe) aanmeldingen via het digitaal aanmeldpunt",
                    group="Communicatieplan digitaal aanmeldpunt",
                    values=[(D(2025, 12, 31), 212)],
                ),
                _ind(
                    "Aantal aanwezigen op de netwerkevents",
                    group="Actief betrekken van medewerkers",
                    values=[(D(2025, 11, 27), 64)],
                ),
                _ind(
                    "Aantal inschrijvingen voor kijkstages",
                    group="Actief betrekken van medewerkers",
                    values=[(D(2025, 10, 1), 18)],
                ),
                _ind("Aantal inschrijvingen voor ontmoetingsdagen", group="Actief betrekken van medewerkers"),
            ],
        },
        "buurt": {
            "title": "Buurtgerichte zorg",
            "description": "Het Forum Buurtgerichte Zorg Zennevallei brengt de partners samen die buurtgericht werken.",
            "scope_do": [
                {
                    "text": "Samen met samenwerkende partners het Forum inhoudelijk vorm geven",
                    "group": "core",
                },
                {"text": "Methodieken zoals positieve gezondheid onderzoeken", "group": "core"},
                {"text": "Fora bekendmaken en organiseren", "group": "core"},
                {"text": "Een overzicht maken van de bestaande overleggen in de zone", "group": "secondary"},
                {
                    "text": "Bestaande overleggen bekend maken bij andere buurten en gemeenten",
                    "group": "secondary",
                },
            ],
            "scope_dont": ["Zelf casusoverleg organiseren in de plaats van de partners"],
            "why": "Professionele, vrijwillige en informele zorg werken beter samen wanneer ze elkaar in de buurt kennen.",
            "target_groups": ["professionals"],
            "lead_kind": "zone",
            "zone_role": "trekker",
            "bodies": ["forum-buurtgerichte-zorg"],
            "partners": [
                ("caw", "forumpartners"),
                ("lb-halle", "forumpartners"),
                ("lb-spl", "forumpartners"),
                ("solidaris", "forumpartners"),
            ],
            "partners_text": "Groep intro, netwerkcoördinator CM, de 7 lokale besturen, LDC's, 1G1P, Huisartsenkring Zennevallei, Buurthuis Ommekaar, Woonpunt Zennevallei.",
            "steps": [
                (
                    "a",
                    "Samen met enkele samenwerkende partners het Forum inhoudelijk vorm geven (agenda)",
                    False,
                    None,
                    "done",
                ),
                ("d", "Fora organiseren", True, D(2025, 11, 30), "done"),
                (
                    "e",
                    "Overlegstructuur en methodieken evalueren en aanpassen",
                    False,
                    D(2025, 12, 31),
                    "doing",
                ),
            ],
            "process": [
                (
                    "Kernacties",
                    "statement",
                    "Er is overleg geweest met de samenwerkende partners om het Forum inhoudelijk vorm te geven.",
                    True,
                ),
                ("Kernacties", "moment", "Evaluatie door deelnemers van het Forum buurtgerichte zorg", True),
                (
                    "Kernacties",
                    "statement",
                    "Het platform wordt verder bekend gemaakt bij zorg- en welzijnsprofessionals.",
                    True,
                ),
                (
                    "Kernacties",
                    "statement",
                    "De mogelijke methodieken (zoals positieve gezondheid) zijn in kaart gebracht.",
                    False,
                ),
                (
                    "Secundaire acties",
                    "statement",
                    "Er is een overzicht van de reeds bestaande overleggen binnen onze ELZ.",
                    True,
                ),
                (
                    "Secundaire acties",
                    "statement",
                    "Er is een overzicht van de reeds gebruikte methodieken.",
                    False,
                ),
            ],
            "indicators": [
                _ind(
                    "Aantal overleggen Forum buurtgerichte zorg",
                    group="Kernacties",
                    comparator="gte",
                    target=2,
                    unit="overleggen",
                    period_label="per jaar",
                    source_key=builtin_sources.MEETINGS_HELD,
                    object_ids=body_ids("forum-buurtgerichte-zorg"),
                ),
                _ind(
                    "Aantal casusoverleggen georganiseerd in ELZ Zennevallei",
                    group="Secundaire acties",
                    values=[(D(2025, 12, 31), 9)],
                ),
                _ind(
                    "Aantal disciplines die structureel deelnemen per casusoverleg",
                    group="Secundaire acties",
                    method="Met de hand: de zone organiseert de casusoverleggen niet zelf.",
                    values=[(D(2025, 12, 31), 4)],
                ),
            ],
        },
        "preventie": {
            "title": "Preventiewerking Zennevallei",
            "description": "Een stuurgroep en een kerngroep kiezen en organiseren samen drie gezamenlijke preventieacties in 2025.",
            "scope_do": [
                "Een structuur van stuurgroep en kerngroep opzetten",
                "Drie gezamenlijke acties organiseren",
            ],
            "scope_dont": ["Acties organiseren die partners al zelf aanbieden"],
            "why": "Preventiepartners werken nu naast elkaar; samen bereiken ze meer inwoners.",
            "why_flemish_objectives": "Vlaamse gezondheidsdoelstelling 'gezonder leven'.",
            "target_groups": ["alle-inwoners"],
            "lead_kind": "zone",
            "zone_role": "trekker",
            "zone_role_text": "ELZ Zennevallei trekt de gekozen thema's; de partners voeren uit.",
            "bodies": ["stuurgroep-preventie", "kerngroep-preventie"],
            "partners": [
                ("lb-halle", "stuurgroep"),
                ("az-sint-maria", "stuurgroep"),
                ("caw", "stuurgroep"),
                ("solidaris", "stuurgroep"),
            ],
            "steps": [
                (
                    "a",
                    "Structuren bespreken met de partners; aantal en keuze acties voor 2025 vastleggen",
                    True,
                    None,
                    "done",
                    "najaar 2024",
                ),
                ("b", "Kerngroep samenbrengen om de gekozen acties vorm te geven", False, None, "done"),
                ("c", "Stuurgroep samenbrengen", False, None, "done"),
                (
                    "d",
                    "Drie acties organiseren door Preventiewerking Zennevallei",
                    True,
                    D(2025, 11, 30),
                    "doing",
                ),
                (
                    "e",
                    "Evaluatie van Preventiewerking Zennevallei door partners",
                    True,
                    D(2025, 12, 31),
                    "todo",
                ),
            ],
            "process": [
                ("", "count", "Aantal bijeenkomsten (kerngroep, stuurgroep,…)", True, 6),
                ("", "count", "Aantal aanwezige partners tijdens kerngroep", True, 3),
                ("", "count", "Aantal aanwezige partners tijdens stuurgroep", True, 6),
                ("", "count", "Aantal georganiseerde acties door Preventiewerking Zennevallei", True, 2),
                ("", "moment", "Aantal evaluaties en betrokkenheid bij evaluatie", False),
            ],
            "indicators": [
                _ind(
                    "Aantal bijeenkomsten stuurgroep en kerngroep",
                    method="Gehouden vergaderingen van beide groepen.",
                    source_key=builtin_sources.MEETINGS_HELD,
                    object_ids=body_ids("stuurgroep-preventie", "kerngroep-preventie"),
                ),
                _ind(
                    "Aantal aanwezige partners tijdens kerngroep",
                    source_key=builtin_sources.ORGANISATIONS_PRESENT,
                    object_ids=body_ids("kerngroep-preventie"),
                ),
                _ind(
                    "Aantal aanwezige partners tijdens stuurgroep",
                    source_key=builtin_sources.ORGANISATIONS_PRESENT,
                    object_ids=body_ids("stuurgroep-preventie"),
                ),
                _ind(
                    "Besluiten die door stuurgroep genomen zijn",
                    kind="qualitative",
                    texts=[
                        (D(2025, 2, 11), "Drie gezamenlijke acties gekozen voor 2025"),
                        (D(2025, 9, 16), "Campagne rond bewegen in het najaar"),
                    ],
                ),
                _ind(
                    "Aantal en type aanbevelingen uit de evaluatie die opgevolgd worden", kind="qualitative"
                ),
            ],
        },
        "palliatief": {
            "title": "Palliatief netwerk",
            "description": "Een gedragen visie op palliatieve zorg en vroegtijdige zorgplanning via infosessies en vormingen.",
            "scope_do": [
                "Infosessies en vormingen rond palliatieve zorg en vroegtijdige zorgplanning organiseren"
            ],
            "scope_dont": ["Zelf palliatieve zorg aanbieden"],
            "why": "Vroegtijdige zorgplanning is nog weinig gekend in de eerste lijn.",
            "target_groups": ["professionals"],
            "target_text": "Extra aandacht voor thuiszorgmedewerkers en maatschappelijk werkers.",
            "lead_kind": "consortium",
            "lead_text": "ELZ Zennevallei in samenwerking met Forum palliatieve zorg",
            "zone_role": "co_trekker",
            "partners_text": "De Eerstelijnszone Zennevallei en het Forum Palliatieve Zorg Brussel-Halle-Vilvoorde werken in tandem.",
            "steps": [
                (
                    "a",
                    "Voorbereiding en planning in samenwerking met Forum palliatieve zorg",
                    False,
                    None,
                    "done",
                ),
                (
                    "b",
                    "Inventarisatie van partners die actief betrokken zijn bij palliatieve zorg",
                    False,
                    None,
                    "done",
                ),
                ("e", "Organiseren van infosessies en vormingen", True, D(2025, 11, 30), "done"),
                ("f", "Evaluatie", False, D(2025, 12, 31), "done"),
            ],
            "process": [
                (
                    "",
                    "statement",
                    "Alle partners die actief werken rond palliatieve zorg worden uitgenodigd.",
                    True,
                ),
                ("", "moment", "Evaluatie na infosessies en vormingen", True),
            ],
            "indicators": [
                _ind(
                    "Aantal georganiseerde bijeenkomsten",
                    comparator="gte",
                    target=2,
                    unit="bijeenkomsten",
                    values=[(D(2025, 11, 30), 2)],
                ),
                _ind(
                    "Aantal deelnemers per bijeenkomst",
                    comparator="gte",
                    target=20,
                    unit="deelnemers",
                    scope="instance",
                    instance_label="bijeenkomst",
                    values=[(D(2025, 3, 20), 26), (D(2025, 10, 9), 23)],
                ),
            ],
        },
        "huisartsen": {
            "title": "Huisartsentekort",
            "description": "Samen met de Artsenkring en de lokale besturen het huisartsentekort in de zone aanpakken.",
            "scope_do": [
                "Relevante partners samenbrengen rond het innovatief project toegankelijke huisartsgeneeskunde"
            ],
            "scope_dont": ["Zelf huisartsen rekruteren"],
            "why": "De zone telt 94 huisartsen (1 per 1.484 inwoners); bij de norm van 1 per 1.100 is er een tekort van 32.",
            "why_environment_analysis": "14 huisartsen stoppen binnen 5 jaar, 10 twijfelen.",
            "target_groups": ["alle-inwoners"],
            "lead_kind": "organisation",
            "lead_org": "artsenkring",
            "zone_role": "ondersteunend",
            "zone_role_text": "Samenbrengen van relevante partners; de rol kan trekkend worden als een actie in ons actieplan past.",
            "partners_text": "De 7 lokale besturen, de individuele huisartsen, gezondheidscentra.",
            "steps": [
                (
                    "1",
                    "Aanvraag innovatief project toegankelijke huisartsgeneeskunde",
                    True,
                    D(2025, 3, 31),
                    "done",
                ),
                (
                    "2",
                    "Diepte-interviews door Artsenkring Zennevallei",
                    True,
                    D(2025, 9, 30),
                    "done",
                    "",
                    "Indien de aanvraag wordt goedgekeurd",
                ),
                (
                    "3",
                    "Acties: praktijkaanpassingen, veerkracht, sensibilisering, MDO en wijkmomenten, minder-mobielenvervoer",
                    False,
                    None,
                    "doing",
                ),
            ],
            "process": [
                ("Veerkracht", "moment", "Bevraging bij aanvang en op het einde van het project", False),
                (
                    "Sensibilisering van de burger",
                    "statement",
                    "De communicatiekanalen van de partners hebben de campagne verspreid.",
                    False,
                ),
                (
                    "Multidisciplinaire samenwerkingen",
                    "statement",
                    "Er bestaat een overzicht van bestaande overleggen in de regio.",
                    True,
                ),
            ],
            "indicators": [
                _ind("Aantal afgenomen interviews", group="Diepte-interviews", values=[(D(2025, 9, 30), 31)]),
                _ind("Aantal implementaties op praktijkniveau", group="Praktijkaanpassingen"),
                _ind(
                    "Aantal aanwezigen op de aangeboden sessies",
                    group="Veerkracht",
                    comparator="gte",
                    target=10,
                    unit="deelnemers",
                    scope="instance",
                    instance_label="sessie",
                    values=[(D(2025, 10, 14), 12)],
                ),
                _ind("Aantal casusoverleggen in de regio", group="Multidisciplinaire samenwerkingen"),
                _ind(
                    "Aantal verschillende disciplines op de casusoverleggen",
                    group="Multidisciplinaire samenwerkingen",
                ),
                _ind("Aantal huisbezoeken omgezet naar praktijkconsultaties", group="Mindermobielenvervoer"),
            ],
        },
        "veerkracht": {
            "title": "Veerkracht",
            "description": "Sessies rond veerkracht voor eerstelijnsactoren, aanvullend op wat al bestaat.",
            "scope_do": ["Aanvullende sessies organiseren op basis van de noden van de partners"],
            "scope_dont": ["Individuele begeleiding aanbieden"],
            "why": "Eerstelijnsactoren staan onder druk; hun draagkracht versterken houdt hen aan de slag.",
            "target_groups": ["professionals"],
            "lead_kind": "zone",
            "zone_role": "trekker",
            "partners_text": "Geconventioneerde psychologen (conventie eerstelijnspsychologische zorg) begeleiden de sessies.",
            "steps": [
                ("a", "Nagaan wat er al bestaat", False, None, "done"),
                ("b", "Leden en partners bevragen naar hun noden", True, D(2025, 4, 30), "done"),
                ("c", "Aanvullende sessies organiseren", True, D(2025, 11, 30), "done"),
            ],
            "process": [("", "statement", "Onze partners werden bevraagd naar hun noden.", True)],
            "indicators": [
                _ind(
                    "Aantal aanwezigen op de events",
                    comparator="gte",
                    target=10,
                    unit="deelnemers",
                    scope="instance",
                    instance_label="event",
                    values=[(D(2025, 5, 13), 14), (D(2025, 10, 7), 8)],
                ),
            ],
        },
        "verbindt": {
            "title": "Zennevallei verbindt en inspireert",
            "description": (
                "In 2025 zetten we verder in op het uitbouwen van het open organisatienetwerk en de ontmoeting tussen "
                "professionals in de zone, met verscheidene events."
            ),
            "scope_do": [
                "Events organiseren die een breed publiek van professionals in de zone bereiken",
                "Een brede waaier aan thema's kiezen, fysiek en online",
            ],
            "scope_dont": [
                "Events organiseren met onvoldoende opkomst",
                "Events organiseren zonder relevante inhoud",
            ],
            "why": (
                "De zorgraad heeft de opdracht een open organisatienetwerk te zijn. Partners gaven in de "
                "omgevingsanalyse aan dat ze elkaar en elkaars werking onvoldoende kennen."
            ),
            "target_groups": ["professionals", "alle-inwoners"],
            "target_text": "Alle professionals in de zone, leden en niet-leden; de vrijwilligersbeurs en de klankbordgroep bereiken ook burgers.",
            "lead_kind": "zone",
            "zone_role": "trekker",
            "partners_text": "Sprekers van regionale en lokale partners; samenwerking met andere eerstelijnszones.",
            "bodies": ["klankbordgroep"],
            "steps": [
                (
                    "a",
                    "Online piekuurtjes rond een lokale of regionale partner",
                    True,
                    None,
                    "doing",
                    "doorheen het jaar",
                ),
                ("b", "Rubriek 'Partner in de kijker' in de maandelijkse nieuwsbrief", False, None, "doing"),
                (
                    "c",
                    "Minimaal twee beurzen: partners in de gemeente, vrijwilligerswerking",
                    True,
                    D(2025, 10, 31),
                    "done",
                ),
                (
                    "d",
                    "Netwerkevent 'Zennevallei verbindt en inspireert'",
                    True,
                    D(2025, 3, 31),
                    "done",
                    "eind maart",
                ),
                ("e", "Start van de klankbordgroep", True, D(2025, 6, 30), "done"),
            ],
            "process": [
                ("Piekuurtjes", "moment", "Er zal een evaluatie plaatsvinden na elk piekuurtje.", True),
                (
                    "Nieuwsbrief",
                    "moment",
                    "In de nieuwsbrief van december staat een evaluatie van het hele jaar.",
                    False,
                ),
                (
                    "Beurzen",
                    "moment",
                    "Na elke beurs een evaluatie naar alle aanwezigen; nagaan of de kanalen van de partners de beurs promootten.",
                    True,
                ),
                ("Netwerkevent", "moment", "Na het netwerkevent een evaluatie naar alle aanwezigen.", True),
            ],
            "indicators": [
                _ind(
                    "Aantal aanwezigen per piekuurtje",
                    group="Piekuurtjes",
                    comparator="gte",
                    target=20,
                    unit="aanwezigen",
                    scope="instance",
                    instance_label="piekuurtje",
                    values=[
                        (D(2025, 1, 21), 24),
                        (D(2025, 3, 18), 21),
                        (D(2025, 5, 20), 17),
                        (D(2025, 9, 23), 26),
                        (D(2025, 11, 18), 22),
                    ],
                ),
                _ind(
                    "Aantal kliks van de rubriek in elke nieuwsbrief",
                    group="Nieuwsbrief",
                    scope="instance",
                    instance_label="nieuwsbrief",
                ),
                _ind(
                    "Aantal aanwezigen per beurs",
                    group="Beurzen",
                    comparator="gte",
                    target=40,
                    unit="deelnemers",
                    scope="instance",
                    instance_label="beurs|beurzen",
                    values=[(D(2025, 4, 26), 47), (D(2025, 10, 4), 38)],
                ),
                _ind(
                    "Aantal aanwezigen op het netwerkevent",
                    group="Netwerkevent 'Zennevallei verbindt en inspireert'",
                    comparator="gte",
                    target=40,
                    unit="aanwezigen",
                    values=[(D(2025, 3, 27), 52)],
                ),
            ],
        },
        "perinataal": {
            "title": "Perinatale zorg",
            "description": "Herstart van het perinataal netwerk met een kerngroep en een kick-off event.",
            "scope_do": [
                "Een kerngroep vormen met een vertegenwoordiger van elke beroepsgroep",
                "Een kick-off event organiseren",
            ],
            "scope_dont": ["Individuele screenings registreren"],
            "why": "Jonge ouders vinden de weg naar het aanbod beter wanneer de professionals rond hen samenwerken.",
            "why_flemish_objectives": "Vroeg en Nabij; Interfederaal Plan geïntegreerde zorg.",
            "target_groups": ["kwetsbare-zwangeren-en-gezinnen"],
            "target_text": (
                "Jonge ouders en hun kinderen van conceptie tot 2,5 jaar, met aandacht voor kwetsbare gezinnen. "
                "Professionele doelgroep: vroedvrouwen, Huizen van het Kind, huisartsen, psychologen, gynaecologen, "
                "thuisverpleegkundigen, pediaters, apothekers, ziekenhuis, kraamzorg, lokale besturen (OCMW), CGG en "
                "CKG, expertisecentra kraamzorg, mutualiteiten, 1G1P, fertiliteitscentra."
            ),
            "lead_kind": "tbd",
            "lead_text": "Wordt bepaald bij de opstart van de kerngroep.",
            "zone_role": "faciliterend",
            "bodies": ["kerngroep-perinatale-zorg"],
            "partners": [("opgroeien", "kerngroep"), ("az-sint-maria", "kerngroep")],
            "partners_text": "Afvaardigingen van vroedvrouwen, pediaters, huisartsen, CGG, expertisecentrum Kraamzorg, HVHK en sociale dienst.",
            "steps": [
                (
                    "a",
                    "Opstart kerngroep na individuele overleggen (komt 3 à 4 keer per jaar samen)",
                    True,
                    D(2025, 4, 30),
                    "done",
                ),
                ("b", "Kick-off event voor de professionele doelgroep", True, D(2025, 11, 30), "todo"),
                ("c", "Intervisies en werkgroepen opzetten indien nodig", False, None, "todo"),
            ],
            "process": [
                (
                    "Kick-off event",
                    "moment",
                    "Er zal een evaluatie plaatsvinden na het kick-off event.",
                    False,
                )
            ],
            "indicators": [
                _ind(
                    "Kerngroep gevormd met een vertegenwoordiger van elke beroepsgroep",
                    group="Kerngroep",
                    kind="yesno",
                    values=[(D(2025, 4, 24), 0)],
                ),
                _ind(
                    "Aantal samenkomsten kerngroep",
                    group="Kerngroep",
                    comparator="range",
                    target=3,
                    target_max=4,
                    unit="keer",
                    period_label="per jaar",
                    source_key=builtin_sources.MEETINGS_HELD,
                    object_ids=body_ids("kerngroep-perinatale-zorg"),
                ),
                _ind(
                    "Aantal aanwezigen op het kick-off event",
                    group="Kick-off event",
                    comparator="gte",
                    target=40,
                    unit="deelnemers",
                ),
            ],
        },
    }
