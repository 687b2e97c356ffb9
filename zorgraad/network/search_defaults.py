"""The default everyday words of the social map search: how citizens say it -> how the field says it.

Loaded as SearchSynonym rows without a zone (migration 0003 and `load_demo`); a zone's staff add
their own words on the page "Zoekwoorden van de sociale kaart". Each group is (words people type,
words of the field they also search for). Words in the second part are searched like a query
word: stemmed, compounds included (`budget` also finds `budgethulp`); a phrase ("palliatieve
zorg") must match as a whole.
"""

from __future__ import annotations

DEFAULT_GROUPS: list[tuple[tuple[str, ...], str]] = [
    # money
    (
        (
            "schulden", "schuld", "geldproblemen", "geldzorgen", "geldnood", "deurwaarder",
            "afbetalingsplan", "achterstallig", "incasso", "rekeningen", "facturen", "aanmaning",
            "schuldbemiddeling", "collectieve schuldenregeling", "budgetbeheer",
        ),
        "budget, budgethulp, schulden, afbetalingsplan, armoede, OCMW, sociale dienst",
    ),
    (
        (
            "geld", "rondkomen", "inkomen", "leefloon", "uitkering", "armoede", "betalen", "kosten",
            "te weinig geld", "arm",
        ),
        "armoede, geld, leefloon, budget, toelage, OCMW, sociale dienst",
    ),
    (
        (
            "huur", "huren", "huurachterstand", "huurwaarborg", "uithuiszetting", "dakloos", "thuisloos",
            "huisvesting", "sociale woning", "verhuizen", "onderdak", "slaapplaats", "woning", "geen huis",
            "geen woning", "op straat",
        ),
        "wonen, woning, huisvesting, huur, OCMW, CAW",
    ),
    (
        (
            "energie", "gas", "elektriciteit", "stroom", "verwarming", "stookolie", "energiefactuur",
            "waterfactuur", "afgesloten",
        ),
        "energie, energiefacturen, sociaal tarief, OCMW",
    ),
    (
        (
            "voedselpakket", "voedselbank", "honger", "sociale kruidenier", "voedselhulp", "geen eten",
            "niets te eten",
        ),
        "voedselhulp, sociale kruidenier, maaltijd, armoede, OCMW",
    ),
    (
        ("belastingen", "belastingbrief", "belastingaangifte", "tax-on-web", "aangifte"),
        "administratie, papieren, rechten, sociale dienst",
    ),
    # help at home
    (
        (
            "poetshulp", "poetsvrouw", "poetsen", "kuisen", "kuishulp", "kuisvrouw", "schoonmaak",
            "schoonmaken", "huishoudhulp", "huishouden", "strijken", "dienstencheques", "boodschappen",
        ),
        "gezinszorg, huishoudhulp, huishouden, poetsdienst, thuiszorg",
    ),
    (
        (
            "thuisverpleging", "verpleegster", "verpleger", "thuisverpleegkundige", "verpleegkundige",
            "wondzorg", "wonde", "spuiten", "inspuiting", "insuline", "verband", "medicatie",
        ),
        "thuisverpleging, verpleegkundige, thuiszorg",
    ),
    (
        ("wassen", "douchen", "aankleden", "verzorging", "verzorgen", "zorg thuis", "thuis blijven wonen"),
        "gezinszorg, verzorging, thuiszorg, thuisverpleging",
    ),
    (
        ("maaltijden", "warme maaltijd", "maaltijd aan huis", "koken"),
        "maaltijd, maaltijden, dienstencentrum",
    ),
    (
        ("vervoer", "taxi", "rijden", "mobiliteit", "minder mobiel", "rolwagen"),
        "vervoer, mobiliteit, minder mobielen centrale",
    ),
    # older people
    (
        (
            "oma", "opa", "grootmoeder", "grootvader", "grootouder", "grootouders", "bejaard", "bejaarde",
            "bejaarden", "senior", "senioren", "gepensioneerd", "gepensioneerde", "hoogbejaard", "oud",
        ),
        "ouderen",
    ),
    (
        (
            "rusthuis", "rusthuizen", "bejaardentehuis", "verzorgingstehuis", "tehuis", "home",
            "serviceflat", "assistentiewoning", "woonzorgcentra",
        ),
        "woonzorgcentrum, woonzorgcentra, assistentiewoning",
    ),
    (
        (
            "alzheimer", "vergeetachtig", "vergeetachtigheid", "vergeten", "geheugen", "geheugenproblemen",
            "dement", "dementerend", "verward", "jongdementie",
        ),
        "dementie",
    ),
    (
        ("vallen", "gevallen", "valpartij", "val", "struikelen", "valgevaar", "heupbreuk"),
        "valpreventie, vallen",
    ),
    (
        (
            "euthanasie", "levenseinde", "sterven", "doodgaan", "wilsverklaring", "laatste levensfase",
            "terminaal", "palliatief", "zorgplanning", "levenstestament", "ongeneeslijk",
        ),
        "palliatieve zorg, levenseinde, vroegtijdige zorgplanning, LEIF",
    ),
    (
        (
            "rouw", "rouwen", "overlijden", "overleden", "gestorven", "dood", "verdriet", "weduwe",
            "weduwnaar", "afscheid", "begrafenis",
        ),
        "rouw, verlies",
    ),
    (
        (
            "eenzaam", "alleen", "eenzaamheid", "vereenzaming", "niemand", "isolement", "gezelschap",
            "vrienden", "babbel", "vervelen",
        ),
        "eenzaamheid, ontmoeting, gezelschap, babbel",
    ),
    # mental health and addiction
    (
        (
            "depressie", "depressief", "somber", "angst", "angstig", "paniek", "paniekaanval", "stress",
            "burn-out", "burnout", "piekeren", "psychisch", "psychische problemen", "zelfmoord",
            "suicide", "zelfdoding", "psychiater", "psychiatrie", "zenuwen", "overspannen", "mentaal",
            "slecht in mijn vel", "triest", "verdrietig", "slapeloosheid", "slaapproblemen",
        ),
        "mentaal welzijn, psychische problemen, psycholoog, geestelijke gezondheidszorg",
    ),
    (
        ("psycholoog", "therapeut", "therapie", "praten met iemand", "luisterend oor", "gesprek"),
        "psycholoog, eerstelijnspsycholoog, gesprekken, mentaal welzijn",
    ),
    (
        (
            "verslaafd", "verslaving", "drank", "alcohol", "drinken", "drinkt", "drugs", "cannabis",
            "wiet", "cocaine", "gokken", "gokverslaving", "middelengebruik", "gamen", "gameverslaving",
            "roken", "stoppen met roken", "sigaretten", "tabak",
        ),
        "verslaving, alcohol, drugs",
    ),
    # families and children
    (
        (
            "zwanger", "zwangerschap", "baby", "bevalling", "bevallen", "kraamzorg", "pasgeboren",
            "geboorte", "borstvoeding", "vroedvrouw", "kraam", "kinderwens",
        ),
        "perinatale zorg, zwangeren, zwanger, baby, kraamzorg, Huis van het Kind",
    ),
    (
        (
            "opvoeding", "opvoeden", "opvoedingsvragen", "peuter", "kleuter", "puber", "tiener",
            "ouderschap", "driftbui", "huilbaby", "huilen",
        ),
        "opvoedingsondersteuning, opvoeden, opgroeien, Huis van het Kind",
    ),
    (
        ("jongere", "jongeren", "tieners", "adolescent", "student", "jeugd", "jeugdzorg"),
        "jongeren, jeugdhulp",
    ),
    (
        ("school", "clb", "leerling", "pesten", "gepest", "spijbelen"),
        "CLB, jongeren, school",
    ),
    (
        (
            "overgewicht", "obesitas", "dik", "te dik", "afvallen", "gezond eten", "eten", "voeding", "bewegen",
            "sporten", "sport",
        ),
        "voeding en beweging, gezond leven, beweging",
    ),
    # health care
    (
        (
            "dokter", "doktoor", "dokters", "arts", "geneesheer", "huisdokter", "wachtdienst", "wachtpost",
            "huisartsenwacht", "dokter van wacht", "huisartsenpraktijk",
        ),
        "huisarts, huisartsenzorg, wachtpost",
    ),
    (
        (
            "ziek", "ziekte", "kanker", "chemo", "chronisch ziek", "parkinson", "ms", "diabetes",
            "suikerziekte", "hartfalen",
        ),
        "ziekte, ziek, thuiszorg, thuisverpleging, dienst maatschappelijk werk",
    ),
    (
        ("ziekenhuis", "opname", "hospitaal", "revalidatie", "operatie"),
        "ziekenhuis, ziekenhuisopname, thuiszorg",
    ),
    (
        ("tandarts", "tanden", "gebit"),
        "tandzorg, tandarts",
    ),
    # rights, carers, disability, migration, violence, work, digital
    (
        (
            "mantelzorger", "mantelzorgers", "zorgen voor", "overbelast", "respijt", "ontlasten",
            "zorgende", "zieke partner",
        ),
        "mantelzorg, mantelzorgers, respijtzorg, oppas",
    ),
    (
        (
            "handicap", "gehandicapt", "rolstoel", "autisme", "hersenletsel", "nah", "vaph",
            "mindervalide", "blind", "doof", "slechtziend",
        ),
        "personen met een beperking, beperking, handicap",
    ),
    (
        (
            "papieren", "administratie", "formulieren", "formulier", "brieven", "rechten",
            "tegemoetkoming", "premie", "toelage", "aanvraag", "zorgbudget", "invullen",
            "verhoogde tegemoetkoming",
        ),
        "rechten en administratie, rechten, tegemoetkomingen, dienst maatschappelijk werk",
    ),
    (
        (
            "ziekenfonds", "mutualiteit", "mutualiteiten", "ziekenkas", "mutualiteit",
        ),
        "ziekenfonds, dienst maatschappelijk werk",
    ),
    (
        (
            "vluchteling", "vluchtelingen", "asiel", "nieuwkomer", "nieuwkomers", "migrant", "migranten",
            "anderstalig", "anderstalige", "verblijf", "verblijfsvergunning", "inburgering", "heimwee",
        ),
        "migratieachtergrond, gevlucht, eigen taal, verblijf",
    ),
    (
        (
            "geweld", "partnergeweld", "huiselijk geweld", "mishandeling", "mishandeld", "misbruik",
            "slaan", "slaat", "sloeg", "geslagen", "agressie", "intrafamiliaal geweld", "seksueel geweld", "verkrachting",
        ),
        "geweld, CAW, ouderenmis(be)handeling",
    ),
    (
        ("scheiding", "uit elkaar", "relatie", "relatieproblemen", "ruzie", "echtscheiding"),
        "relaties, scheiding, CAW",
    ),
    (
        ("werk", "werkloos", "job", "werkloosheid", "vdab", "arbeid", "zinvolle dagbesteding"),
        "werk, dagbesteding, trajectbegeleiding",
    ),
    (
        (
            "computer", "internet", "smartphone", "gsm", "tablet", "itsme", "digitaal", "online",
            "laptop", "e-mail",
        ),
        "digitale geletterdheid, digitaal",
    ),
]  # fmt: skip


def default_rows() -> list[tuple[str, str]]:
    """(term, expands_to) for every default word, each term once (the first group wins)."""
    seen: set[str] = set()
    rows: list[tuple[str, str]] = []
    for terms, expands_to in DEFAULT_GROUPS:
        for term in terms:
            if term not in seen:
                seen.add(term)
                rows.append((term, expands_to))
    return rows
