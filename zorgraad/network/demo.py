"""Demo directory and social map: the real organisations of the source documents, invented people.

Organisations are the ones named in the five source documents (AMALO: the welfare cluster minutes
and the framework agreement with the local governments; Zennevallei: the 2025 action plan;
Waasland: the open network slides), plus a local government and OCMW per municipality and a few
public services every zone has (the GP on duty, home nursing). Contact details are the
organisations' own public ones (town hall desk, central numbers such as 1733 for the GP on duty);
where an organisation has none here, the social map shows those of the organisation it belongs
to (`parent`). Every person is invented (names from the lists below, addresses at example.be).

Idempotent: records are found by their natural keys (zone + name for organisations, zone +
organisation + title for offers, zone + e-mail for people) and saved only when a value differs,
so a second `load_demo` changes nothing, not even `updated_at`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from zorgraad.zones.models import Cluster, Municipality, Sector, Zone

from .models import Affiliation, Offer, Organisation, Person, TargetGroup, Theme, normalise
from .services import search

ALL = ("*",)  # the whole zone

# --- reference rows ----------------------------------------------------------------------------

TARGET_GROUPS = [
    ("kwetsbare-zwangeren-en-gezinnen", "kwetsbare zwangeren en gezinnen (eerste 1000 dagen)"),
    ("kwetsbare-ouderen-en-dementie", "kwetsbare ouderen en personen met dementie"),
    ("kinderen-en-jongeren-met-obesitas", "kinderen en jongeren met obesitas"),
    ("mantelzorgers", "mantelzorgers"),
    ("personen-in-armoede", "personen in armoede"),
    ("jongeren", "jongeren"),
    ("kinderen", "kinderen (tot 12 jaar)"),
    ("gezinnen-met-kinderen", "gezinnen met kinderen"),
    ("ouderen", "ouderen"),
    ("migratieachtergrond", "inwoners met een migratieachtergrond"),
    ("personen-met-een-beperking", "personen met een beperking"),
    ("psychische-kwetsbaarheid", "personen met een psychische kwetsbaarheid"),
    ("verslaving", "personen met een verslaving"),
    ("professionals", "zorg- en welzijnsprofessionals"),
    ("alle-inwoners", "alle inwoners"),
]

THEMES = [
    ("armoede", "armoede"),
    ("mentaal-welzijn", "mentaal welzijn"),
    ("wonen", "wonen"),
    ("eenzaamheid", "eenzaamheid"),
    ("perinatale-zorg", "perinatale zorg"),
    ("dementie", "dementie"),
    ("thuiszorg", "thuiszorg"),
    ("opvoedingsondersteuning", "opvoedingsondersteuning"),
    ("mantelzorg", "mantelzorg"),
    ("verslaving", "verslaving"),
    ("voeding-en-beweging", "voeding en beweging"),
    ("digitale-geletterdheid", "digitale geletterdheid"),
    ("rouw-en-verlies", "rouw en verlies"),
    ("palliatieve-zorg", "palliatieve zorg"),
    ("preventie", "preventie"),
    ("rechten-en-administratie", "rechten en administratie"),
    ("jeugdhulp", "jeugdhulp"),
    ("valpreventie", "valpreventie"),
    ("huisartsenzorg", "huisartsenzorg"),
]


@dataclass(frozen=True)
class Org:
    name: str
    sector: str
    where: tuple[str, ...] = ()  # municipality names, ALL for the whole zone
    short: str = ""
    parent: str = ""
    clusters: tuple[str, ...] = ()  # default: the sector's cluster
    street: str = ""
    postal_code: str = ""
    city: str = ""
    website: str = ""
    description: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Aanbod:
    org: str
    title: str
    description: str
    how_to_refer: str
    groups: tuple[str, ...]
    themes: tuple[str, ...]
    where: tuple[str, ...] | None = None  # None: where the organisation works
    phone: str = ""  # contact of the offer itself, when it differs from the organisation's


# --- texts shared by several zones -------------------------------------------------------------

CAW_ONTHAAL = Aanbod(
    "CAW Halle-Vilvoorde",
    "Onthaal bij het CAW: met al je vragen",
    "Zit je met een vraag of een probleem en weet je niet waar je terecht kan? Bij het onthaal van het "
    "CAW luisteren we naar je verhaal. Het kan gaan over geld, wonen, relaties, geweld, papieren of je "
    "verblijf. We zoeken samen wat je nodig hebt en helpen je zelf, of we brengen je bij de juiste "
    "dienst. Het is gratis en we praten met niemand over jou zonder jouw toestemming.",
    "Je kan zelf binnenlopen tijdens de openingsuren, bellen of chatten. Als hulpverlener kan je samen "
    "met de persoon bellen of een afspraak maken; vraag altijd eerst of de persoon akkoord gaat.",
    ("alle-inwoners", "personen-in-armoede"),
    ("armoede", "wonen", "rechten-en-administratie", "mentaal-welzijn"),
)
CAW_ENERGIE = Aanbod(
    "CAW Halle-Vilvoorde",
    "Hulp bij energiefacturen en schulden",
    "Kan je je rekening voor gas, elektriciteit of water niet meer betalen? Of stapelen de schulden zich "
    "op? We bekijken samen je budget, leggen uit welke rechten je hebt (zoals het sociaal tarief) en "
    "zoeken met jou een oplossing, bijvoorbeeld een afbetalingsplan.",
    "Maak een afspraak via het onthaal van het CAW. Breng je facturen en brieven mee.",
    ("personen-in-armoede",),
    ("armoede", "wonen", "rechten-en-administratie"),
)
GEZINSCOACHING = Aanbod(
    "1 Gezin 1 Plan Halle-Vilvoorde",
    "Gezinscoaching: één plan voor je gezin",
    "Zijn er veel hulpverleners rond je gezin en loopt het niet goed? Een gezinscoach gaat samen met het "
    "hele gezin aan de slag. We maken één plan, met één aanspreekpunt, en brengen de hulp rond jullie "
    "samen. We werken bij jou thuis of op een plek die je kiest.",
    "Aanmelden kan door het gezin zelf of door een hulpverlener (huisarts, CLB, CAW, Huis van het Kind, "
    "OCMW …), altijd met toestemming van het gezin. We nemen binnen de maand contact op.",
    ("gezinnen-met-kinderen", "jongeren", "kinderen"),
    ("opvoedingsondersteuning", "jeugdhulp"),
)
ELP_JONGEREN = Aanbod(
    "1 Gezin 1 Plan Halle-Vilvoorde",
    "Eerstelijnspsycholoog voor kinderen en jongeren",
    "Voel je je niet goed in je vel, pieker je veel of zit je vast? Een eerstelijnspsycholoog praat met "
    "je in een paar gesprekken. Samen zoeken jullie wat helpt. De gesprekken zijn gratis of goedkoop.",
    "Jongeren en ouders kunnen zelf contact opnemen. Ook een huisarts, CLB of jeugdwerker kan aanmelden.",
    ("jongeren", "kinderen"),
    ("mentaal-welzijn", "jeugdhulp"),
)
DMW_CM = Aanbod(
    "CM",
    "Dienst maatschappelijk werk: hulp bij zorg en rechten",
    "Ben je ziek, heb je een handicap of zorg je voor iemand? De maatschappelijk werker van het "
    "ziekenfonds helpt je je weg te vinden: welke tegemoetkomingen je krijgt, hoe je thuiszorg regelt "
    "en welke papieren je moet invullen. Ook als je geen lid bent, kan je een eerste vraag stellen.",
    "Maak een afspraak in een kantoor van het ziekenfonds of vraag een huisbezoek.",
    ("kwetsbare-ouderen-en-dementie", "mantelzorgers", "personen-met-een-beperking"),
    ("thuiszorg", "rechten-en-administratie", "mantelzorg"),
)
DMW_SOLIDARIS = Aanbod(
    "Solidaris Brabant",
    "Dienst maatschappelijk werk: hulp bij zorg en rechten",
    "Heb je vragen over je gezondheid, je inkomen of zorg thuis? De maatschappelijk werker van het "
    "ziekenfonds luistert, zoekt welke rechten je hebt en helpt je met de aanvraag.",
    "Maak een afspraak in een kantoor van het ziekenfonds of vraag een huisbezoek.",
    ("alle-inwoners", "mantelzorgers"),
    ("thuiszorg", "rechten-en-administratie"),
)
OCMW_SOCIALE_DIENST = (
    "Heb je te weinig geld om rond te komen, problemen met je huur of je energie, of vragen over je "
    "rechten? De maatschappelijk werkers van het OCMW luisteren naar je situatie. Ze kijken samen met "
    "jou waar je recht op hebt (bijvoorbeeld een leefloon, een toelage of hulp bij je budget) en helpen "
    "je met de aanvraag."
)
OCMW_HOE = (
    "Loop binnen tijdens de zitdagen of maak een afspraak. Je kan ook samen met een hulpverlener komen."
)


@dataclass(frozen=True)
class Desk:
    """The public desk of a town hall (gemeente and OCMW share it)."""

    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""


def local_government(municipality: str, *, website: str = "", desk: Desk | None = None) -> list[Org]:
    d = desk or Desk()
    return [
        Org(
            f"Lokaal bestuur {municipality}",
            "lokaal-bestuur",
            (municipality,),
            street=d.street,
            postal_code=d.postal_code,
            city=d.city,
            phone=d.phone,
            email=d.email,
            website=website,
        ),
        Org(
            f"OCMW {municipality}",
            "ocmw",
            (municipality,),
            short="OCMW",
            parent=f"Lokaal bestuur {municipality}",
            street=d.street,
            postal_code=d.postal_code,
            city=d.city,
            phone=d.phone,
            email=d.email,
            website=website,
        ),
    ]


def ocmw_offer(municipality: str) -> Aanbod:
    return Aanbod(
        f"OCMW {municipality}",
        f"Sociale dienst van het OCMW {municipality}",
        OCMW_SOCIALE_DIENST,
        OCMW_HOE,
        ("personen-in-armoede", "alle-inwoners"),
        ("armoede", "wonen", "rechten-en-administratie"),
    )


# --- AMALO -------------------------------------------------------------------------------------

# The only phone numbers in the demo: public numbers of organisations, with where they are published.
PUBLIC_PHONES = {
    "02 454 19 19": "asse.be: onthaal van het gemeentehuis van Asse",
    "0800 13 500": "caw.be: het gratis nummer van de CAW's",
    "1733": "het centrale nummer van de huisarts van wacht (RIZIV)",
}
PUBLIC_EMAILS = {"info@asse.be": "asse.be: algemeen adres van de gemeente"}

AMALO_MUNICIPALITIES = ["Asse", "Affligem", "Liedekerke", "Merchtem", "Opwijk"]
AMALO_WEBSITES = {
    "Asse": "https://www.asse.be",
    "Affligem": "https://www.affligem.be",
    "Liedekerke": "https://www.liedekerke.be",
    "Merchtem": "https://www.merchtem.be",
    "Opwijk": "https://www.opwijk.be",
}
# The town halls' public addresses (the gemeente and OCMW share the desk): asse.be, opwijk.be,
# merchtem.be, affligem.be (the Bellekouter site) and the address of the college of mayor and aldermen
# printed in Liedekerke's municipal magazine "#1770".
AMALO_DESKS = {
    "Asse": Desk("Gemeenteplein 1", "1730", "Asse", "02 454 19 19", "info@asse.be"),
    "Opwijk": Desk("Marktstraat 55", "1745", "Opwijk"),
    "Merchtem": Desk("Stationsstraat 4", "1785", "Merchtem"),
    "Affligem": Desk("Bellestraat 52", "1790", "Affligem"),
    "Liedekerke": Desk("Opperstraat 31", "1770", "Liedekerke"),
}
# The care campus of Opcura (woonzorgcentrum De Oase) on the Kloosterstraat in Opwijk, as the
# municipality's publications describe it; Residentie Ter Linde's address is in the minutes of 9 October 2025.
OPCURA_CAMPUS = Desk("Kloosterstraat", "1745", "Opwijk")

AMALO_ORGS = [
    Org(
        "Eerstelijnszone AMALO vzw",
        "overig",
        ALL,
        short="ELZ AMALO",
        clusters=("gezondheidszorg", "welzijn", "lokale-besturen", "pzon"),
        description="De zorgraad van Asse, Merchtem, Affligem, Liedekerke en Opwijk.",
    ),
    *[
        org
        for m in AMALO_MUNICIPALITIES
        for org in local_government(m, website=AMALO_WEBSITES.get(m, ""), desk=AMALO_DESKS.get(m))
    ],
    Org(
        "CAW Halle-Vilvoorde",
        "caw",
        ALL,
        short="CAW",
        website="https://www.cawhallevilvoorde.be",
        phone="0800 13 500",
    ),
    Org("CAW-huis AMALO", "caw", ALL, parent="CAW Halle-Vilvoorde"),
    Org("CM", "mutualiteit", ALL, website="https://www.cm.be", description="Christelijke Mutualiteit"),
    Org("Solidaris Brabant", "mutualiteit", ALL, website="https://www.solidaris.be"),
    Org("LM Plus", "mutualiteit", ALL, website="https://www.lmplus.be", description="Liberale Mutualiteit"),
    Org("Ferm Thuiszorg", "thuiszorg", ALL, website="https://www.samenferm.be"),
    Org("Familiezorg", "thuiszorg", ALL, website="https://www.familiezorg.be"),
    Org("Familiehulp", "thuiszorg", ALL, website="https://www.familiehulp.be"),
    Org(
        "Welzijnsvereniging Opcura",
        "woonzorgcentrum",
        ("Opwijk",),
        short="Opcura",
        website="https://www.opcura.be",
        street=OPCURA_CAMPUS.street,
        postal_code=OPCURA_CAMPUS.postal_code,
        city=OPCURA_CAMPUS.city,
    ),
    Org(
        "WZC De Oase",
        "woonzorgcentrum",
        ("Opwijk",),
        parent="Welzijnsvereniging Opcura",
        street=OPCURA_CAMPUS.street,
        postal_code=OPCURA_CAMPUS.postal_code,
        city=OPCURA_CAMPUS.city,
    ),
    Org(
        "Lokaal dienstencentrum Den Hopstaak",
        "lokaal-dienstencentrum",
        ("Opwijk",),
        short="LDC Den Hopstaak",
        parent="Welzijnsvereniging Opcura",
    ),
    Org("Zorgcampus Opwijk", "woonzorgcentrum", ("Opwijk",)),
    Org(
        "Residentie Ter Linde",
        "woonzorgcentrum",
        ("Merchtem",),
        street="Gasthuisstraat 17b",
        postal_code="1785",
        city="Merchtem",
    ),
    Org("Residentie Vivas", "woonzorgcentrum"),
    Org("Residentie Sara", "woonzorgcentrum"),
    Org("WZC Walfergem", "woonzorgcentrum", ("Asse",)),
    Org("Klein Veldeken", "woonzorgcentrum", ("Asse",)),
    Org("WZC Sint-Rafaël", "woonzorgcentrum", ("Liedekerke",)),
    Org("WZC Heydeveld", "woonzorgcentrum", website="https://www.heydeveld.be"),
    Org("WZC Hof ter Woarbeek", "woonzorgcentrum"),
    Org("WZC Van Lierde", "woonzorgcentrum"),
    Org(
        "Lokaal dienstencentrum Liedekerke", "lokaal-dienstencentrum", ("Liedekerke",), short="LDC Liedekerke"
    ),
    Org("Huis van het Kind Asse", "huis-van-het-kind", ("Asse",), parent="Lokaal bestuur Asse"),
    Org("Huis van het Kind Opwijk", "huis-van-het-kind", ("Opwijk",), parent="Lokaal bestuur Opwijk"),
    Org("1 Gezin 1 Plan Halle-Vilvoorde", "jeugdhulp", ALL, short="1G1P", website="https://www.1g1p.be"),
    Org("Opgroeien", "jeugdhulp", ALL, website="https://www.opgroeien.be"),
    Org("Yuneco", "jeugdhulp"),
    Org(
        "OverKophuis AMALO",
        "jeugdhulp",
        ALL,
        short="OverKop",
        clusters=("welzijn", "gezondheidszorg"),
        website="https://www.overkop.be",
    ),
    Org("CGG Ahasverus", "ggz", ALL, short="CGG"),
    Org("Inloophuis De Passant", "patienten-mantelzorg", ("Asse",)),
    Org("Resonans", "overig", ALL, clusters=("welzijn", "pzon"), website="https://www.resonansvzw.be"),
    Org("Hopperank", "overig", clusters=("welzijn", "pzon")),
    Org("Zonnelied vzw", "overig", clusters=("welzijn", "pzon"), website="https://www.zonnelied.be"),
    Org("Gezondheidsmakers", "overig", ALL, clusters=("gezondheidszorg",)),
    Org("vzw De Link", "overig", clusters=("welzijn",)),
    Org("AZORG", "ziekenhuis"),
    Org(
        "Huisartsenwachtpost Noord-West-Brabant",
        "huisartsen",
        ("Asse", "Merchtem", "Opwijk"),
        street="Maurits Sacréstraat",
        postal_code="1785",
        city="Merchtem",
        phone="1733",
        description="De wachtpost van de huisartsen in het weekend en op feestdagen.",
    ),
    Org(
        "Wit-Gele Kruis Vlaams-Brabant",
        "thuiszorg",
        ALL,
        short="Wit-Gele Kruis",
        website="https://www.witgelekruis.be",
    ),
]

AMALO_OFFERS = [
    Aanbod(
        "Eerstelijnszone AMALO vzw",
        "Perinataal netwerk: steun voor kwetsbare zwangeren",
        "Zwanger zijn en een baby krijgen is niet voor iedereen even makkelijk. Met het perinataal netwerk "
        "werken vroedvrouwen, huisartsen, het ziekenhuis, Huizen van het Kind en sociale diensten samen. "
        "Elke zwangere krijgt een korte bevraging. Is er een zorg, dan volgt een gesprek en zoeken we "
        "samen de juiste hulp, van de zwangerschap tot de eerste 1000 dagen van je kind.",
        "Hulpverleners die een kwetsbare zwangere ontmoeten, nemen contact op met de eerstelijnszone of "
        "met het Huis van het Kind van de gemeente.",
        ("kwetsbare-zwangeren-en-gezinnen", "professionals"),
        ("perinatale-zorg", "opvoedingsondersteuning"),
    ),
    Aanbod(
        "Eerstelijnszone AMALO vzw",
        "Clusteroverleg welzijn en netwerkevents",
        "Werk je in zorg of welzijn in Asse, Merchtem, Affligem, Liedekerke of Opwijk? Kom naar het "
        "clusteroverleg welzijn (drie keer per jaar) en naar de netwerkevents. Je leert andere diensten "
        "kennen, deelt signalen en hoort wat er loopt in de regio.",
        "Iedereen die in de regio werkt is welkom. Schrijf je in op de nieuwsbrief om de uitnodiging te krijgen.",
        ("professionals",),
        ("preventie",),
    ),
    CAW_ONTHAAL,
    Aanbod(
        "CAW Halle-Vilvoorde",
        "Inloopcentrum Zellik",
        "Het inloopcentrum is een warme plek waar je zonder afspraak binnen kan. Je kan er een koffie "
        "drinken, iemand ontmoeten en een vraag stellen aan een hulpverlener.",
        "Gewoon binnenlopen tijdens de openingsuren. Je hoeft niets mee te brengen.",
        ("personen-in-armoede", "alle-inwoners"),
        ("eenzaamheid", "armoede"),
        ("Asse",),
    ),
    Aanbod(
        "CAW Halle-Vilvoorde",
        "Mindspring: groepen voor mensen met een migratieachtergrond",
        "Mindspring is een groep voor mensen die naar België gevlucht of verhuisd zijn. In je eigen taal "
        "praat je met anderen over stress, heimwee, opvoeding en het leven hier. Een begeleider die zelf "
        "een migratieverhaal heeft, leidt de groep.",
        "Vraag het aan het onthaal van het CAW. Hulpverleners kunnen iemand aanmelden met zijn of haar akkoord.",
        ("migratieachtergrond",),
        ("mentaal-welzijn",),
    ),
    DMW_CM,
    Aanbod(
        "CM",
        "Babbeltaartjes: een gesprek met je buren",
        "Met een babbeltaartje ga je langs bij een buur of een oudere die misschien weinig bezoek krijgt. "
        "Het taartje is een aanleiding voor een gesprek. Zo voelt niemand zich alleen.",
        "Doe mee via het ziekenfonds of het lokaal bestuur van je gemeente.",
        ("ouderen", "alle-inwoners"),
        ("eenzaamheid",),
    ),
    DMW_SOLIDARIS,
    Aanbod(
        "LM Plus",
        "Dienst maatschappelijk werk",
        "De maatschappelijk werker van het ziekenfonds helpt bij vragen over ziekte, handicap, "
        "tegemoetkomingen en zorg thuis. Ook referentiepersonen dementie denken met je mee.",
        "Maak een afspraak in een kantoor van het ziekenfonds of vraag een huisbezoek.",
        ("kwetsbare-ouderen-en-dementie", "mantelzorgers"),
        ("thuiszorg", "dementie", "rechten-en-administratie"),
    ),
    Aanbod(
        "LM Plus",
        "Valpreventie: veilig thuis",
        "Vallen is bij ouderen een van de grootste risico's. Een medewerker overloopt met jou een checklist "
        "van je woning: losse tapijten, verlichting, trappen. Achteraf bellen we nog eens om te horen of "
        "het lukte om iets aan te passen.",
        "Vraag een bezoek aan via de dienst maatschappelijk werk. Ook familie of een hulpverlener kan dit vragen.",
        ("ouderen", "kwetsbare-ouderen-en-dementie"),
        ("valpreventie", "thuiszorg"),
    ),
    Aanbod(
        "Ferm Thuiszorg",
        "Gezinszorg en kraamzorg aan huis",
        "Een verzorgende helpt bij je thuis met wassen, koken, boodschappen en het huishouden als dat even "
        "niet lukt, bijvoorbeeld na een ziekenhuisopname of na de geboorte van een baby.",
        "Bel of mail zelf, of vraag het via je ziekenfonds of de sociale dienst van het ziekenhuis. "
        "Je betaalt volgens je inkomen.",
        ("ouderen", "kwetsbare-zwangeren-en-gezinnen"),
        ("thuiszorg", "perinatale-zorg"),
    ),
    Aanbod(
        "Familiezorg",
        "Gezinszorg: hulp in het huishouden en bij de verzorging",
        "Verzorgenden helpen ouderen, zieken en gezinnen thuis: bij de persoonlijke verzorging, het "
        "huishouden en de boodschappen. Zo kan je langer thuis blijven wonen.",
        "Neem zelf contact op of vraag het via je ziekenfonds. Er volgt eerst een huisbezoek.",
        ("ouderen", "personen-met-een-beperking"),
        ("thuiszorg",),
    ),
    Aanbod(
        "Familiehulp",
        "Gezinszorg en kraamzorg",
        "Familiehulp helpt thuis bij verzorging, huishouden en na een bevalling. Ook oppas voor zieke "
        "kinderen kan.",
        "Neem zelf contact op of vraag het via je ziekenfonds of de sociale dienst van het ziekenhuis.",
        ("ouderen", "gezinnen-met-kinderen"),
        ("thuiszorg", "perinatale-zorg"),
    ),
    Aanbod(
        "Lokaal dienstencentrum Den Hopstaak",
        "Ontmoeting en activiteiten in het dienstencentrum",
        "In het dienstencentrum kan je iedere week terecht voor een babbel, een maaltijd, een cursus of "
        "beweging. Je leert er andere mensen uit de buurt kennen.",
        "Kom gewoon langs. Voor sommige activiteiten schrijf je vooraf in.",
        ("ouderen", "alle-inwoners"),
        ("eenzaamheid", "voeding-en-beweging"),
    ),
    Aanbod(
        "Lokaal dienstencentrum Den Hopstaak",
        "Samen rond rouw en verlies",
        "Heb je iemand verloren? In een kleine groep praat je met anderen die ook een verlies meemaken. "
        "Een begeleider zorgt voor een veilige sfeer.",
        "Schrijf vooraf in bij het dienstencentrum.",
        ("alle-inwoners", "ouderen"),
        ("rouw-en-verlies", "mentaal-welzijn"),
    ),
    Aanbod(
        "Lokaal dienstencentrum Liedekerke",
        "Infosessies over gezondheid",
        "Een paar keer per jaar is er een avond rond een gezondheidsthema, bijvoorbeeld goed slapen. Een "
        "spreker legt uit en je kan vragen stellen.",
        "Schrijf in bij het dienstencentrum. De sessies zijn gratis of goedkoop.",
        ("alle-inwoners", "ouderen"),
        ("preventie",),
    ),
    Aanbod(
        "Residentie Ter Linde",
        "Wonen en zorg in het woonzorgcentrum",
        "Als thuis wonen niet meer lukt, kan je in een woonzorgcentrum wonen. Je krijgt er verzorging, "
        "maaltijden en gezelschap. Er zijn activiteiten, en familie is welkom.",
        "Neem contact op met het woonzorgcentrum voor een kennismaking en om je in te schrijven.",
        ("ouderen", "kwetsbare-ouderen-en-dementie"),
        ("dementie", "wonen"),
    ),
    Aanbod(
        "WZC De Oase",
        "Ondersteuning voor ouderen met psychische kwetsbaarheid",
        "Het woonzorgcentrum werkt samen met een psycholoog voor bewoners die het psychisch moeilijk "
        "hebben. Zo krijgen ze hulp op de plek waar ze wonen.",
        "Bespreek het met de verantwoordelijke zorg van het woonzorgcentrum.",
        ("ouderen", "psychische-kwetsbaarheid"),
        ("mentaal-welzijn",),
    ),
    Aanbod(
        "Huis van het Kind Asse",
        "Vragen over opvoeden en opgroeien",
        "Heb je een vraag over je baby, je peuter of je tiener? Over slapen, eten, huilen of ruzie? Bij het "
        "Huis van het Kind kan je terecht voor advies, consultaties voor je baby en activiteiten voor "
        "ouders en kinderen.",
        "Loop binnen of maak een afspraak. Hulpverleners kunnen ouders samen met hen aanmelden.",
        ("gezinnen-met-kinderen", "kwetsbare-zwangeren-en-gezinnen"),
        ("opvoedingsondersteuning", "perinatale-zorg"),
    ),
    Aanbod(
        "Huis van het Kind Asse",
        "Taalwijs: vragen over de ontwikkeling van je kind",
        "Praat je kind nog niet veel, of heb je het gevoel dat er iets anders is? Bij Taalwijs kan je "
        "eens komen praten over je vragen, zonder wachtlijst en zonder diagnose.",
        "Maak een afspraak via het Huis van het Kind.",
        ("kinderen", "gezinnen-met-kinderen"),
        ("opvoedingsondersteuning",),
    ),
    Aanbod(
        "Huis van het Kind Opwijk",
        "Vragen over opvoeden en opgroeien",
        "Advies, consultaties en ontmoeting voor ouders met jonge kinderen in Opwijk.",
        "Loop binnen of maak een afspraak.",
        ("gezinnen-met-kinderen",),
        ("opvoedingsondersteuning",),
    ),
    GEZINSCOACHING,
    ELP_JONGEREN,
    Aanbod(
        "OverKophuis AMALO",
        "OverKophuis: een plek voor jongeren",
        "Het OverKophuis is een plek voor jongeren van 12 tot 25 jaar. Je kan er chillen, iets doen met "
        "anderen of praten met iemand die luistert als het even niet gaat.",
        "Gewoon binnenlopen. Je hoeft geen afspraak te maken en het is gratis.",
        ("jongeren",),
        ("mentaal-welzijn",),
        ("Asse",),
    ),
    Aanbod(
        "OverKophuis AMALO",
        "Wat nu? Groep voor jongeren met een ouder met een verslaving",
        "Drinkt je mama of papa te veel, of gebruikt die drugs? In deze groep praat je met jongeren die "
        "hetzelfde meemaken. Je bent niet alleen.",
        "Vraag het aan een begeleider van het OverKophuis. Ook een CLB of hulpverlener kan je aanmelden.",
        ("jongeren",),
        ("verslaving", "mentaal-welzijn"),
        ("Asse",),
    ),
    Aanbod(
        "CGG Ahasverus",
        "Hulp bij psychische problemen",
        "Het centrum voor geestelijke gezondheidszorg helpt kinderen, jongeren, volwassenen en ouderen met "
        "ernstige psychische problemen, zoals depressie, angst of een verslaving.",
        "Vraag een doorverwijzing aan je huisarts, of meld je zelf aan. Er kan een wachtlijst zijn.",
        ("psychische-kwetsbaarheid", "ouderen"),
        ("mentaal-welzijn", "verslaving"),
    ),
    Aanbod(
        "Inloophuis De Passant",
        "Inloophuis voor mensen met (jong)dementie",
        "In het inloophuis zijn mensen met dementie en hun mantelzorgers welkom voor een gesprek, een "
        "activiteit of gewoon gezelschap. Mantelzorgers vinden er steun bij elkaar.",
        "Kom langs tijdens de openingsuren. Je hoeft niet vooraf in te schrijven.",
        ("kwetsbare-ouderen-en-dementie", "mantelzorgers"),
        ("dementie", "mantelzorg", "eenzaamheid"),
    ),
    Aanbod(
        "Resonans",
        "Trajectbegeleiding voor volwassenen met een beperking",
        "Een trajectconsulent helpt je zoeken naar werk, dagbesteding of ondersteuning die bij je past.",
        "Neem zelf contact op of vraag het via je maatschappelijk werker.",
        ("personen-met-een-beperking",),
        ("rechten-en-administratie",),
    ),
    Aanbod(
        "Resonans",
        "NAH-ontbijt",
        "Een ontbijt voor mensen met niet-aangeboren hersenletsel en hun naasten. Je ontmoet lotgenoten "
        "en deelt ervaringen in een rustige sfeer.",
        "Schrijf vooraf in.",
        ("personen-met-een-beperking", "mantelzorgers"),
        ("eenzaamheid",),
    ),
    Aanbod(
        "Lokaal bestuur Asse",
        "Troostcafé Levend verlies",
        "Leef je met een verlies dat niet voorbijgaat, zoals een ziekte, een scheiding of een kind dat "
        "anders is? In het troostcafé praat je met anderen die dat ook kennen.",
        "Kom gewoon langs. Data vind je bij de gemeente.",
        ("alle-inwoners",),
        ("rouw-en-verlies", "mentaal-welzijn"),
    ),
    Aanbod(
        "Lokaal bestuur Merchtem",
        "LEIF-antennepunt: praten over het levenseinde",
        "Wil je nadenken over je zorg later, of je wensen voor het levenseinde vastleggen? Bij het "
        "antennepunt krijg je informatie over vroegtijdige zorgplanning en de documenten die je kan invullen.",
        "Maak een afspraak bij de gemeente.",
        ("ouderen", "alle-inwoners"),
        ("palliatieve-zorg",),
    ),
    Aanbod(
        "Lokaal bestuur Opwijk",
        "Krasse Buurt: ouderen en buren verbinden",
        "Krasse Buurt brengt ouderen en buren met elkaar in contact, zodat niemand er alleen voor staat.",
        "Neem contact op met de welzijnsdienst van de gemeente.",
        ("ouderen",),
        ("eenzaamheid",),
    ),
    Aanbod(
        "Gezondheidsmakers",
        "Preventiekoffer en preventiecampagnes",
        "Gezondheidsmakers helpt gemeenten en organisaties met campagnes over gezond leven. Met de "
        "preventiekoffer kan je zelf een standje opzetten op een markt of een kermis.",
        "Lokale besturen en organisaties nemen contact op met de eerstelijnszone om de koffer te lenen.",
        ("professionals",),
        ("preventie", "voeding-en-beweging"),
    ),
    Aanbod(
        "Huisartsenwachtpost Noord-West-Brabant",
        "Huisarts van wacht: bel 1733",
        "Is je eigen huisarts niet bereikbaar, 's avonds, 's nachts, in het weekend of op een feestdag, "
        "en kan het niet wachten? Bel 1733. Je kiest je taal en tikt je postcode in; dan hoor je welke "
        "huisarts van wacht is of maak je een afspraak in de huisartsenwachtpost in Merchtem. Kan je je "
        "niet verplaatsen, dan komt de arts langs. Bij levensgevaar bel je 112.",
        "Bel 1733. Ga niet zonder afspraak naar de wachtpost. Breng je identiteitskaart en je "
        "medicatielijst mee.",
        ("alle-inwoners",),
        ("huisartsenzorg",),
        phone="1733",
    ),
    Aanbod(
        "Eerstelijnszone AMALO vzw",
        "Een huisarts vinden",
        "Ben je net verhuisd, of neemt je huisarts geen nieuwe patiënten meer aan? De eerstelijnszone houdt "
        "bij welke huisartsenpraktijken in Asse, Merchtem, Affligem, Liedekerke en Opwijk nog nieuwe "
        "patiënten inschrijven, en helpt je op weg. Een vaste huisarts kent je geschiedenis en bewaart je "
        "globaal medisch dossier (GMD), waardoor je minder betaalt.",
        "Vraag het aan de eerstelijnszone of aan het onthaal van je gemeente. Tot je een eigen huisarts "
        "hebt, bel je 's avonds en in het weekend 1733.",
        ("alle-inwoners",),
        ("huisartsenzorg",),
    ),
    Aanbod(
        "Wit-Gele Kruis Vlaams-Brabant",
        "Thuisverpleging: verpleegkundige zorg bij je thuis",
        "Een thuisverpleegkundige komt bij je thuis, ook 's avonds en in het weekend: wondzorg, "
        "inspuitingen, medicatie klaarzetten, diabeteszorg, hulp bij wassen en aankleden, zorg na een "
        "ziekenhuisopname en palliatieve zorg. Zo kan je langer thuis blijven wonen, ook met dementie.",
        "Bel zelf of vraag het aan je huisarts of aan de sociale dienst van het ziekenhuis. Voor de meeste "
        "zorg is een voorschrift van de arts nodig; het ziekenfonds betaalt de zorg terug.",
        ("ouderen", "kwetsbare-ouderen-en-dementie", "personen-met-een-beperking"),
        ("thuiszorg", "palliatieve-zorg"),
    ),
    *[ocmw_offer(m) for m in AMALO_MUNICIPALITIES],
]

# --- Zennevallei -------------------------------------------------------------------------------

ZENNEVALLEI_MUNICIPALITIES = [
    "Beersel",
    "Drogenbos",
    "Halle",
    "Linkebeek",
    "Pepingen",
    "Sint-Genesius-Rode",
    "Sint-Pieters-Leeuw",
]

ZENNEVALLEI_ORGS = [
    Org(
        "Eerstelijnszone Zennevallei vzw",
        "overig",
        ALL,
        short="ELZ Zennevallei",
        clusters=("gezondheidszorg", "welzijn", "lokale-besturen", "pzon"),
    ),
    *[org for m in ZENNEVALLEI_MUNICIPALITIES for org in local_government(m)],
    Org(
        "GBO Zennevallei",
        "overig",
        ALL,
        short="GBO",
        clusters=("welzijn", "lokale-besturen"),
        description="Geïntegreerd Breed Onthaal van de OCMW's, het CAW en de diensten maatschappelijk werk "
        "van de mutualiteiten.",
    ),
    Org(
        "CAW Halle-Vilvoorde",
        "caw",
        ALL,
        short="CAW",
        website="https://www.cawhallevilvoorde.be",
        phone="0800 13 500",
    ),
    Org("CM", "mutualiteit", ALL, website="https://www.cm.be", description="Christelijke Mutualiteit"),
    Org("Solidaris Brabant", "mutualiteit", ALL, website="https://www.solidaris.be"),
    Org("Artsenkring Zennevallei", "huisartsen", ALL),
    Org("Logo Zenneland", "overig", ALL, clusters=("gezondheidszorg",)),
    Org("AZ Sint-Maria Halle", "ziekenhuis", ("Halle",)),
    Org("1 Gezin 1 Plan Halle-Vilvoorde", "jeugdhulp", ALL, short="1G1P", website="https://www.1g1p.be"),
    Org("Opgroeien", "jeugdhulp", ALL, website="https://www.opgroeien.be"),
    Org("Forum Palliatieve Zorg Brussel-Halle-Vilvoorde", "overig", ALL, clusters=("gezondheidszorg",)),
    Org("Woonpunt Zennevallei", "overig", ALL, clusters=("lokale-besturen",)),
    Org("Buurthuis Ommekaar", "overig", clusters=("welzijn",)),
    Org("Groep Intro", "overig", clusters=("welzijn",)),
    Org("Riso Vlaams-Brabant", "overig", clusters=("welzijn",)),
    Org("Open Armen", "overig", clusters=("welzijn", "pzon")),
    Org("SPITT", "ggz"),
    Org("Expertisecentrum Kraamzorg Bakermat", "thuiszorg"),
    Org("Expertisecentrum Kraamzorg Volle Maan", "thuiszorg"),
]

ZENNEVALLEI_OFFERS = [
    Aanbod(
        "GBO Zennevallei",
        "Digitaal aanmeldpunt: één plek voor je hulpvraag",
        "Weet je niet bij welke dienst je moet zijn? Via het aanmeldpunt van het Geïntegreerd Breed Onthaal "
        "geef je je vraag één keer door. Het OCMW, het CAW of de dienst maatschappelijk werk van het "
        "ziekenfonds neemt contact met je op. Zo hoef je je verhaal niet drie keer te vertellen.",
        "Vul het aanmeldformulier in, zelf of samen met een hulpverlener. Jonge gezinnen met kinderen tot "
        "12 jaar krijgen voorrang.",
        ("gezinnen-met-kinderen", "personen-in-armoede", "kwetsbare-zwangeren-en-gezinnen"),
        ("armoede", "rechten-en-administratie"),
    ),
    Aanbod(
        "Eerstelijnszone Zennevallei vzw",
        "Forum Buurtgerichte Zorg",
        "Buurtwerkers, lokale besturen, dienstencentra en zorgverleners komen samen om ervaringen te delen "
        "en moeilijke situaties in de buurt te bespreken.",
        "Professionals die buurtgericht werken, kunnen aansluiten. Vraag de data aan de eerstelijnszone.",
        ("professionals",),
        ("eenzaamheid", "preventie"),
    ),
    Aanbod(
        "Eerstelijnszone Zennevallei vzw",
        "Perinataal netwerk Zennevallei",
        "Vroedvrouwen, huisartsen, Huizen van het Kind, het ziekenhuis en kraamzorg werken samen om ouders "
        "en kinderen goed te begeleiden van de zwangerschap tot 2,5 jaar, met extra aandacht voor "
        "kwetsbare gezinnen.",
        "Hulpverleners nemen contact op met de eerstelijnszone om aan te sluiten bij het netwerk.",
        ("kwetsbare-zwangeren-en-gezinnen", "professionals"),
        ("perinatale-zorg",),
    ),
    Aanbod(
        "Eerstelijnszone Zennevallei vzw",
        "Piekuurtjes: partners in een halfuur",
        "In een kort online moment stelt een organisatie uit de regio zich voor: wat doen ze, voor wie en "
        "hoe verwijs je door.",
        "Schrijf je in via de nieuwsbrief van de eerstelijnszone.",
        ("professionals",),
        ("preventie",),
    ),
    CAW_ONTHAAL,
    CAW_ENERGIE,
    DMW_CM,
    DMW_SOLIDARIS,
    Aanbod(
        "Artsenkring Zennevallei",
        "Huisartsenwachtdienst 's avonds en in het weekend",
        "Heb je 's nachts, in het weekend of op een feestdag dringend een huisarts nodig? De huisartsen van "
        "de regio houden samen wachtdienst.",
        "Bel 1733. Bij levensgevaar bel je 112.",
        ("alle-inwoners",),
        ("huisartsenzorg",),
    ),
    Aanbod(
        "Logo Zenneland",
        "Preventiewerking Zennevallei: gezond leven",
        "Samen met de gemeenten, de huisartsen, het ziekenhuis en de ziekenfondsen organiseren we "
        "campagnes en activiteiten om langer gezond te blijven: bewegen, gezond eten, niet roken.",
        "Organisaties en gemeenten die willen meedoen, nemen contact op met de eerstelijnszone.",
        ("alle-inwoners", "professionals"),
        ("preventie", "voeding-en-beweging"),
    ),
    Aanbod(
        "AZ Sint-Maria Halle",
        "Sociale dienst van het ziekenhuis",
        "Ben je opgenomen en maak je je zorgen over thuiskomen, de kosten of de zorg voor je kinderen? "
        "De sociale dienst van het ziekenhuis helpt je dat te regelen.",
        "Vraag tijdens je opname naar de sociale dienst, of laat een verpleegkundige contact opnemen.",
        ("alle-inwoners", "ouderen"),
        ("thuiszorg", "rechten-en-administratie"),
    ),
    GEZINSCOACHING,
    ELP_JONGEREN,
    Aanbod(
        "Forum Palliatieve Zorg Brussel-Halle-Vilvoorde",
        "Informatie over palliatieve zorg en vroegtijdige zorgplanning",
        "Wil je weten welke zorg er is als genezing niet meer mogelijk is? Of wil je als hulpverlener meer "
        "leren over palliatieve zorg en gesprekken over het levenseinde? We geven informatie en vorming.",
        "Neem contact op met het Forum. Voor infosessies schrijf je vooraf in.",
        ("alle-inwoners", "professionals", "mantelzorgers"),
        ("palliatieve-zorg",),
    ),
    Aanbod(
        "Woonpunt Zennevallei",
        "Een sociale huurwoning aanvragen",
        "Heb je een laag inkomen en zoek je een betaalbare huurwoning? Je kan je inschrijven voor een "
        "sociale woning. We leggen uit hoe het werkt en hoe lang je ongeveer moet wachten.",
        "Schrijf je in bij het kantoor. Breng je identiteitskaart en een bewijs van je inkomen mee.",
        ("personen-in-armoede",),
        ("wonen",),
    ),
    *[ocmw_offer(m) for m in ZENNEVALLEI_MUNICIPALITIES],
]

# --- Waasland ----------------------------------------------------------------------------------

WAASLAND_MUNICIPALITIES = [
    "Sint-Niklaas",
    "Temse",
    "Sint-Gillis-Waas",
    "Stekene",
    "Waasmunster",
    "Beveren-Kruibeke-Zwijndrecht",
]

WAASLAND_ORGS = [
    Org(
        "Eerstelijnszone Waasland vzw",
        "overig",
        ALL,
        short="ELZ Waasland",
        clusters=("gezondheidszorg", "welzijn", "lokale-besturen", "pzon"),
        street="Oosterlaan 20",
        postal_code="9100",
        city="Sint-Niklaas",
        website="https://www.elzwaasland.be",
    ),
    *[org for m in WAASLAND_MUNICIPALITIES for org in local_government(m)],
    Org(
        "Perinataal netwerk Waasland",
        "overig",
        ALL,
        parent="Eerstelijnszone Waasland vzw",
        clusters=("gezondheidszorg", "welzijn"),
    ),
    Org(
        "Overlegplatform dementie Waasland",
        "patienten-mantelzorg",
        ALL,
        parent="Eerstelijnszone Waasland vzw",
    ),
    Org("Wase werkgroep geestelijke gezondheid", "ggz", ALL, parent="Eerstelijnszone Waasland vzw"),
    Org("Netwerk jeugdhulp Waas en Dender", "jeugdhulp", ALL),
    Org("OverHoop Waasland", "jeugdhulp", ALL, parent="Eerstelijnszone Waasland vzw"),
    Org("Vitaz", "ziekenhuis", ALL),
    Org("PC Sint-Hiëronymus", "ggz", ALL),
    Org("VloCo", "overig", description="Vlaams Ondersteuningscentrum Ouderenmis(be)handeling"),
    Org("Odisee Hogeschool", "onderwijs", ("Sint-Niklaas",)),
    Org("Lokaal dienstencentrum De Flamingo", "lokaal-dienstencentrum", ("Temse",), short="LDC De Flamingo"),
    Org(
        "Lokaal dienstencentrum De Schutterij",
        "lokaal-dienstencentrum",
        ("Sint-Niklaas",),
        short="LDC De Schutterij",
    ),
    Org("GC De Route", "lokaal-bestuur", ("Sint-Gillis-Waas",), parent="Lokaal bestuur Sint-Gillis-Waas"),
]

WAASLAND_OFFERS = [
    Aanbod(
        "Eerstelijnszone Waasland vzw",
        "Signalentool: meld een knelpunt in zorg en welzijn",
        "Zie je in je werk een probleem dat vaker voorkomt, zoals lange wachtlijsten of mensen die geen "
        "hulp vinden? Meld het in de signalentool. De zorgraad bundelt de signalen en brengt ze naar wie er "
        "iets aan kan doen.",
        "Meld je signaal via de website van de eerstelijnszone.",
        ("professionals",),
        ("preventie",),
    ),
    Aanbod(
        "Eerstelijnszone Waasland vzw",
        "Infolunches voor hulpverleners",
        "Over de middag leer je in een uur een thema of een dienst kennen, bijvoorbeeld het aanbod "
        "geestelijke gezondheidszorg, energiearmoede of dak- en thuisloosheid.",
        "Schrijf je in via de nieuwsbrief van de eerstelijnszone.",
        ("professionals",),
        ("mentaal-welzijn", "wonen", "armoede"),
    ),
    Aanbod(
        "Eerstelijnszone Waasland vzw",
        "Steun voor mantelzorgers",
        "Zorg je voor een partner, ouder of kind? Met het mantelzorgplan brengen we in kaart waar je "
        "terecht kan voor informatie, respijt en lotgenoten.",
        "Neem contact op met de eerstelijnszone of met de sociale dienst van je gemeente.",
        ("mantelzorgers",),
        ("mantelzorg",),
    ),
    Aanbod(
        "Perinataal netwerk Waasland",
        "Perinataal zorgprogramma",
        "Zorg en steun voor zwangere vrouwen en hun gezin tijdens de eerste 1000 dagen. Vroedvrouwen, "
        "huisartsen, het ziekenhuis en welzijnsdiensten werken samen, met extra aandacht voor gezinnen die "
        "het moeilijk hebben.",
        "Hulpverleners nemen contact op met de eerstelijnszone.",
        ("kwetsbare-zwangeren-en-gezinnen",),
        ("perinatale-zorg",),
    ),
    Aanbod(
        "Overlegplatform dementie Waasland",
        "Zorgpad dementie",
        "Wat als je geheugen achteruitgaat? Het zorgpad toont welke stappen er zijn, van de eerste vragen "
        "tot zorg thuis of in een woonzorgcentrum, en wie je daarbij helpt.",
        "Praat erover met je huisarts. Mantelzorgers kunnen ook terecht bij de sociale dienst van het ziekenfonds.",
        ("kwetsbare-ouderen-en-dementie", "mantelzorgers"),
        ("dementie", "mantelzorg"),
    ),
    Aanbod(
        "OverHoop Waasland",
        "OverHoop: wegwijzer naar hulp voor kinderen",
        "Maak je je zorgen over een kind tot en met 12 jaar? OverHoop toont in een schema welke hulp er is "
        "en bij wie je terecht kan, van een eerste gesprek tot gespecialiseerde hulp.",
        "Bekijk de wegwijzer of vraag raad aan het Huis van het Kind of het CLB.",
        ("kinderen", "gezinnen-met-kinderen"),
        ("jeugdhulp", "mentaal-welzijn"),
    ),
    Aanbod(
        "Vitaz",
        "Sociale dienst van het ziekenhuis",
        "Maak je je zorgen over thuiskomen na een opname, over de kosten of over zorg thuis? De sociale "
        "dienst helpt je dat te regelen.",
        "Vraag tijdens je opname naar de sociale dienst.",
        ("alle-inwoners", "ouderen"),
        ("thuiszorg", "rechten-en-administratie"),
    ),
    Aanbod(
        "PC Sint-Hiëronymus",
        "Behandeling bij ernstige psychische problemen",
        "Het psychiatrisch centrum biedt opname en behandeling voor mensen met ernstige psychische "
        "problemen of een verslaving.",
        "Een opname gebeurt na verwijzing door een huisarts of psychiater.",
        ("psychische-kwetsbaarheid", "verslaving"),
        ("mentaal-welzijn", "verslaving"),
    ),
    Aanbod(
        "Lokaal dienstencentrum De Flamingo",
        "Ontmoeting en activiteiten in het dienstencentrum",
        "Een babbel, een maaltijd, een cursus of beweging: in het dienstencentrum ben je welkom.",
        "Kom gewoon langs.",
        ("ouderen", "alle-inwoners"),
        ("eenzaamheid",),
    ),
    Aanbod(
        "Lokaal dienstencentrum De Schutterij",
        "Ontmoeting en activiteiten in het dienstencentrum",
        "Een babbel, een maaltijd, een cursus of beweging: in het dienstencentrum ben je welkom.",
        "Kom gewoon langs.",
        ("ouderen", "alle-inwoners"),
        ("eenzaamheid",),
    ),
    *[ocmw_offer(m) for m in WAASLAND_MUNICIPALITIES],
]

ZONE_DATA: dict[str, tuple[list[Org], list[Aanbod]]] = {
    "amalo": (AMALO_ORGS, AMALO_OFFERS),
    "zennevallei": (ZENNEVALLEI_ORGS, ZENNEVALLEI_OFFERS),
    "waasland": (WAASLAND_ORGS, WAASLAND_OFFERS),
}

# --- invented people ---------------------------------------------------------------------------

FIRST_NAMES = [
    "Annelies", "Bart", "Katrien", "Jeroen", "Elke", "Tom", "Griet", "Koen", "Hilde", "Wim",
    "Sien", "Stijn", "Lien", "Joke", "Dries", "Marijke", "Hannes", "Evi", "Arne", "Lore",
    "Thijs", "Ilse", "Jens", "Tine", "Maarten", "Kaat", "Sander", "Robbe", "Margot", "Yannick",
    "Jolien", "Warre", "Roel", "Amira", "Youssef", "Aylin", "Samir", "Olena", "Fatima", "Bavo",
]  # fmt: skip
LAST_NAMES = [
    "Van Acker", "Bogaert", "De Smedt", "Verstraete", "Lambrecht", "Van Damme", "Cools", "Wauters",
    "De Bock", "Verbeke", "Hermans", "Maes", "Van Hoof", "Peeters", "Vanhove", "De Wilde",
    "Willems", "Jacobs", "Van Steen", "D'Hondt", "Vervoort", "Baert", "De Clercq", "Sterckx",
    "Van Loo", "Dewulf", "Raes", "Verlinden", "Hendrickx", "Lemmens", "Callens", "Depuydt",
    "Schepers", "Buyse", "Verheyen", "De Vos", "Aerts", "El Amrani", "Yilmaz", "Diallo",
]  # fmt: skip
ZONE_OFFSET = {"amalo": 0, "zennevallei": 13, "waasland": 27}
PEOPLE_PER_ZONE = 40

FUNCTIONS = {
    "caw": ["maatschappelijk werker", "onthaalmedewerker", "teamcoördinator"],
    "ocmw": ["maatschappelijk werker", "diensthoofd sociale dienst", "budgetbegeleider"],
    "lokaal-bestuur": ["beleidsmedewerker welzijn", "preventiewerker", "buurtwerker"],
    "mutualiteit": ["maatschappelijk werker", "netwerkcoördinator"],
    "woonzorgcentrum": ["directeur", "hoofdverpleegkundige", "ergotherapeut", "sociaal assistent"],
    "lokaal-dienstencentrum": ["centrumleider", "animator", "vrijwilligerscoördinator"],
    "thuiszorg": ["regioverantwoordelijke", "verzorgende", "maatschappelijk werker"],
    "huis-van-het-kind": ["coördinator", "opvoedingsondersteuner"],
    "jeugdhulp": ["gezinscoach", "eerstelijnspsycholoog", "jongerenbegeleider"],
    "huisartsen": ["huisarts", "coördinator"],
    "ggz": ["psycholoog", "psychiatrisch verpleegkundige", "maatschappelijk werker"],
    "ziekenhuis": ["sociaal werker", "vroedvrouw", "ontslagmanager"],
    "patienten-mantelzorg": ["vrijwilligerscoördinator", "coördinator"],
    "onderwijs": ["lector", "onderzoeker"],
    "overig": ["stafmedewerker", "coördinator", "projectmedewerker"],
}

# Demo accounts (zorgraad/accounts/demo.py) and where they work.
ACCOUNT_JOBS = {
    "staf@amalo.zorgraad.test": ("amalo", "Eerstelijnszone AMALO vzw", "stafmedewerker"),
    "staf@zennevallei.zorgraad.test": ("zennevallei", "Eerstelijnszone Zennevallei vzw", "stafmedewerker"),
    "staf@waasland.zorgraad.test": ("waasland", "Eerstelijnszone Waasland vzw", "stafmedewerker"),
    "secretaris@amalo.zorgraad.test": ("amalo", "Welzijnsvereniging Opcura", "beleidsmedewerker ouderenzorg"),
    "lid@amalo.zorgraad.test": ("amalo", "Lokaal bestuur Affligem", "beleidsmedewerker welzijn"),
    "partner@amalo.zorgraad.test": ("amalo", "CAW Halle-Vilvoorde", "maatschappelijk werker"),
}


def email_for(first: str, last: str) -> str:
    def part(s: str) -> str:
        return "".join(c for c in normalise(s) if c.isalnum())

    return f"{part(first)}.{part(last)}@example.be"


# --- loading -----------------------------------------------------------------------------------


def _apply(obj: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; return the names of the changed fields."""
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for k in changed:
        setattr(obj, k, values[k])
    return changed


def _reference(model: type[TargetGroup] | type[Theme], rows: list[tuple[str, str]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    existing: list[Any] = list(model.objects.all())
    for slug, name in rows:
        obj = next((o for o in existing if o.slug == slug), None) or next(
            (o for o in existing if o.name == name), None
        )
        if obj is None:
            obj = model.objects.create(slug=slug, name=name)
        elif _apply(obj, {"slug": slug, "name": name}):
            obj.save()
        found[slug] = obj
    return found


def _organisations(
    zone: Zone, specs: list[Org]
) -> tuple[dict[str, Organisation], dict[str, list[Municipality]]]:
    """The organisations of `zone` by name, and the municipalities each works in."""
    municipalities = {m.name: m for m in zone.municipalities_on()}
    sectors = {s.code: s for s in Sector.objects.all()}
    clusters = {c.code: c for c in Cluster.objects.all()}
    existing = {o.name: o for o in Organisation.objects.for_zone(zone)}
    made: dict[str, Organisation] = {}
    works_in: dict[str, list[Municipality]] = {}
    for spec in specs:
        sector = sectors[spec.sector]
        values = {
            "short_name": spec.short,
            "sector_id": sector.pk,
            "parent_id": made[spec.parent].pk if spec.parent else None,
            "street": spec.street,
            "postal_code": spec.postal_code,
            "city": spec.city,
            "website": spec.website,
            "description": spec.description,
            "phone": spec.phone,
            "email": spec.email,
        }
        org = existing.get(spec.name)
        if org is None:
            org = Organisation(zone=zone, name=spec.name, **values)
            org.search_text = org.build_search_text()
            org.save()
        else:
            changed = _apply(org, values)
            changed += _apply(org, {"search_text": org.build_search_text()})
            if changed:
                org.save()
        codes = spec.clusters or ((sector.cluster.code,) if sector.cluster else ())
        org.clusters.set([clusters[c] for c in codes])
        where = (
            list(municipalities.values()) if spec.where == ALL else [municipalities[m] for m in spec.where]
        )
        org.municipalities.set(where)
        made[spec.name] = org
        works_in[spec.name] = where
    return made, works_in


def _offers(
    zone: Zone,
    specs: list[Aanbod],
    orgs: dict[str, Organisation],
    works_in: dict[str, list[Municipality]],
    groups: dict[str, TargetGroup],
    themes: dict[str, Theme],
) -> None:
    municipalities = {m.name: m for m in zone.municipalities_on()}
    existing = {(o.organisation_id, o.title): o for o in Offer.objects.for_zone(zone)}
    for spec in specs:
        org = orgs[spec.org]
        values = {
            "description": spec.description,
            "how_to_refer": spec.how_to_refer,
            "website": org.website,
            "contact_phone": spec.phone,
        }
        offer = existing.get((org.pk, spec.title))
        if offer is None:
            offer = Offer(zone=zone, organisation=org, title=spec.title, **values)
            offer.search_text = offer.build_search_text()
            offer.save()
        else:
            changed = _apply(offer, values)
            changed += _apply(offer, {"search_text": offer.build_search_text()})
            if changed:
                offer.save()
        offer.target_groups.set([groups[g] for g in spec.groups])
        offer.themes.set([themes[t] for t in spec.themes])
        if spec.where is None:
            offer.municipalities.set(works_in[spec.org])
        else:
            offer.municipalities.set([municipalities[m] for m in spec.where])


def _person(
    zone: Zone, existing: dict[str, Person], *, email: str, values: dict[str, Any], on_create: dict[str, Any]
) -> Person:
    person = existing.get(email)
    if person is None:
        person = Person(zone=zone, email=email, **values, **on_create)
        person.search_text = person.build_search_text()
        person.save()
        existing[email] = person
    else:
        changed = _apply(person, values)
        changed += _apply(person, {"search_text": person.build_search_text()})
        if changed:
            person.save()
    return person


def _affiliation(
    zone: Zone, person: Person, org: Organisation, function: str, start: dt.date, end: dt.date | None = None
) -> None:
    aff = (
        Affiliation.objects.for_zone(zone).filter(person=person, organisation=org, function=function).first()
    )
    if aff is None:
        Affiliation.objects.create(
            zone=zone, person=person, organisation=org, function=function, start=start, end=end
        )
    elif _apply(aff, {"start": start, "end": end}):
        aff.save()


def invented_people(zone_slug: str) -> list[tuple[str, str, str]]:
    """(first name, last name, e-mail) of the invented people of a zone, always the same."""
    offset = ZONE_OFFSET[zone_slug]
    people = []
    for k in range(PEOPLE_PER_ZONE):
        first = FIRST_NAMES[(k * 7 + offset) % len(FIRST_NAMES)]
        last = LAST_NAMES[(k + offset) % len(LAST_NAMES)]
        people.append((first, last, email_for(first, last)))
    return people


def _people(zone: Zone, specs: list[Org], orgs: dict[str, Organisation], users: dict[str, Any]) -> None:
    existing = {p.email: p for p in Person.objects.for_zone(zone)}
    offset = ZONE_OFFSET[zone.slug]
    sector_of = {spec.name: spec.sector for spec in specs}
    workplaces = sorted(orgs.values(), key=lambda o: o.name)
    now = timezone.now()
    for k, (first, last, email) in enumerate(invented_people(zone.slug)):
        on_create: dict[str, Any] = {}
        if k % 8 == 0:  # a few confirmed recently
            on_create["last_confirmed_at"] = now - dt.timedelta(days=10 + 3 * k)
        elif k % 8 == 3:  # a few confirmed long ago: stale
            on_create["last_confirmed_at"] = now - dt.timedelta(days=400 + 5 * k)
        person = _person(
            zone,
            existing,
            email=email,
            values={"first_name": first, "last_name": last, "email_bounced": k == 5},
            on_create=on_create,
        )
        org = workplaces[(k * 3 + offset) % len(workplaces)]
        functions = FUNCTIONS[sector_of[org.name]]
        start = dt.date(2015 + k % 10, k % 12 + 1, 1)
        _affiliation(zone, person, org, functions[k % len(functions)], start)
        if k % 9 == 4:  # an earlier job that ended
            previous = workplaces[(k * 5 + offset + 1) % len(workplaces)]
            if previous.pk != org.pk:
                _affiliation(
                    zone, person, previous, "medewerker", dt.date(2010, 9, 1), start - dt.timedelta(days=1)
                )
    for email, (slug, org_name, function) in ACCOUNT_JOBS.items():
        user = users.get(email)
        if slug != zone.slug or user is None:
            continue
        person = _person(
            zone,
            existing,
            email=user.email,
            values={"first_name": user.first_name, "last_name": user.last_name, "user_id": user.pk},
            on_create={},
        )
        _affiliation(zone, person, orgs[org_name], function, dt.date(2022, 1, 1))


def load(zones: dict[str, Any], users: dict[str, Any]) -> None:
    search.search_synonym_defaults_sync()
    groups = _reference(TargetGroup, TARGET_GROUPS)
    themes = _reference(Theme, THEMES)
    for slug, (org_specs, offer_specs) in ZONE_DATA.items():
        zone = zones.get(slug)
        if zone is None:
            continue
        orgs, works_in = _organisations(zone, org_specs)
        _offers(zone, offer_specs, orgs, works_in, groups, themes)
        _people(zone, org_specs, orgs, users)
