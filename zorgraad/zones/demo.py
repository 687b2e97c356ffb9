"""Demo zones: AMALO, Zennevallei and Waasland with their municipalities, clusters and sectors."""

from __future__ import annotations

import datetime as dt

from .models import Cluster, Municipality, PostalPlace, Sector, Zone, ZoneMunicipality

CLUSTERS = [
    ("gezondheidszorg", "Gezondheidszorg", True),
    ("welzijn", "Welzijn", True),
    ("lokale-besturen", "Lokale besturen", True),
    ("pzon", "PZON (personen met een zorg- en ondersteuningsnood)", True),
    ("facultatief", "Facultatieve partners", False),
]

SECTORS = [
    ("caw", "CAW (centrum algemeen welzijnswerk)", "welzijn"),
    ("ocmw", "OCMW / sociale dienst lokaal bestuur", "lokale-besturen"),
    ("lokaal-bestuur", "Lokaal bestuur", "lokale-besturen"),
    ("mutualiteit", "Mutualiteit / dienst maatschappelijk werk", "welzijn"),
    ("woonzorgcentrum", "Woonzorgcentrum", "welzijn"),
    ("lokaal-dienstencentrum", "Lokaal dienstencentrum", "welzijn"),
    ("thuiszorg", "Thuiszorg (gezinszorg, thuisverpleging)", "welzijn"),
    ("huis-van-het-kind", "Huis van het Kind", "welzijn"),
    ("jeugdhulp", "Jeugdhulp", "welzijn"),
    ("huisartsen", "Huisartsen", "gezondheidszorg"),
    ("apothekers", "Apothekers", "gezondheidszorg"),
    ("ggz", "Geestelijke gezondheidszorg", "gezondheidszorg"),
    ("kinesitherapie", "Kinesitherapie", "gezondheidszorg"),
    ("vroedvrouwen", "Vroedvrouwen", "gezondheidszorg"),
    ("ziekenhuis", "Ziekenhuis", "gezondheidszorg"),
    ("patienten-mantelzorg", "Patiënten-, mantelzorg- en vrijwilligersorganisatie", "pzon"),
    ("onderwijs", "Onderwijs en CLB", "facultatief"),
    ("overig", "Andere", None),
]
# The partners of the integrated broad intake (GBO): they help with any question and refer on.
GENERAL_DOOR_SECTORS = {"caw", "ocmw", "mutualiteit"}

# (NIS code, name, province, valid_from, valid_to, merged_into)
MUNICIPALITIES = [
    ("23002", "Asse", "Vlaams-Brabant"),
    ("23105", "Affligem", "Vlaams-Brabant"),
    ("23044", "Liedekerke", "Vlaams-Brabant"),
    ("23050", "Merchtem", "Vlaams-Brabant"),
    ("23060", "Opwijk", "Vlaams-Brabant"),
    ("23003", "Beersel", "Vlaams-Brabant"),
    ("23098", "Drogenbos", "Vlaams-Brabant"),
    ("23027", "Halle", "Vlaams-Brabant"),
    ("23100", "Linkebeek", "Vlaams-Brabant"),
    ("23064", "Pepingen", "Vlaams-Brabant"),
    ("23101", "Sint-Genesius-Rode", "Vlaams-Brabant"),
    ("23077", "Sint-Pieters-Leeuw", "Vlaams-Brabant"),
    ("46021", "Sint-Niklaas", "Oost-Vlaanderen"),
    ("46025", "Temse", "Oost-Vlaanderen"),
    ("46020", "Sint-Gillis-Waas", "Oost-Vlaanderen"),
    ("46024", "Stekene", "Oost-Vlaanderen"),
    ("42025", "Waasmunster", "Oost-Vlaanderen"),
]
MERGER_DAY = dt.date(2025, 1, 1)
# The 2025 merger: three municipalities became Beveren-Kruibeke-Zwijndrecht.
MERGED = ("46030", "Beveren-Kruibeke-Zwijndrecht", "Oost-Vlaanderen")
MERGED_FROM = [
    ("46003", "Beveren", "Oost-Vlaanderen"),
    ("46013", "Kruibeke", "Oost-Vlaanderen"),
    ("11056", "Zwijndrecht", "Antwerpen"),
]

# bpost postcodes and places (deelgemeenten) of the demo municipalities, by NIS code of the
# municipality they lie in today.
POSTAL_PLACES = {
    "23002": [
        ("1730", "Asse"),
        ("1730", "Bekkerzeel"),
        ("1730", "Kobbegem"),
        ("1730", "Mollem"),
        ("1731", "Relegem"),
        ("1731", "Zellik"),
    ],
    "23105": [("1790", "Affligem"), ("1790", "Essene"), ("1790", "Hekelgem"), ("1790", "Teralfene")],
    "23044": [("1770", "Liedekerke")],
    "23050": [("1785", "Merchtem"), ("1785", "Brussegem"), ("1785", "Hamme")],
    "23060": [("1745", "Opwijk"), ("1745", "Mazenzele")],
    "23003": [
        ("1650", "Beersel"),
        ("1651", "Lot"),
        ("1652", "Alsemberg"),
        ("1653", "Dworp"),
        ("1654", "Huizingen"),
    ],
    "23098": [("1620", "Drogenbos")],
    "23027": [("1500", "Halle"), ("1501", "Buizingen"), ("1502", "Lembeek")],
    "23100": [("1630", "Linkebeek")],
    "23064": [
        ("1670", "Pepingen"),
        ("1670", "Bogaarden"),
        ("1670", "Heikruis"),
        ("1671", "Elingen"),
        ("1673", "Beert"),
        ("1674", "Bellingen"),
    ],
    "23101": [("1640", "Sint-Genesius-Rode")],
    "23077": [
        ("1600", "Sint-Pieters-Leeuw"),
        ("1600", "Oudenaken"),
        ("1600", "Sint-Laureins-Berchem"),
        ("1601", "Ruisbroek"),
        ("1602", "Vlezenbeek"),
    ],
    "46021": [
        ("9100", "Sint-Niklaas"),
        ("9100", "Nieuwkerken-Waas"),
        ("9111", "Belsele"),
        ("9112", "Sinaai"),
    ],
    "46025": [("9140", "Temse"), ("9140", "Elversele"), ("9140", "Steendorp"), ("9140", "Tielrode")],
    "46020": [
        ("9170", "Sint-Gillis-Waas"),
        ("9170", "De Klinge"),
        ("9170", "Meerdonk"),
        ("9170", "Sint-Pauwels"),
    ],
    "46024": [("9190", "Stekene"), ("9190", "Kemzeke")],
    "42025": [("9250", "Waasmunster")],
    "46030": [
        ("9120", "Beveren"),
        ("9120", "Haasdonk"),
        ("9120", "Melsele"),
        ("9120", "Vrasene"),
        ("9130", "Kallo"),
        ("9130", "Doel"),
        ("9130", "Kieldrecht"),
        ("9130", "Verrebroek"),
        ("9150", "Kruibeke"),
        ("9150", "Bazel"),
        ("9150", "Rupelmonde"),
        ("2070", "Zwijndrecht"),
        ("2070", "Burcht"),
    ],
}

ZONES = [
    {
        "slug": "amalo",
        "name": "AMALO",
        "legal_name": "Eerstelijnszone AMALO vzw",
        "intro": "De eerstelijnszone van Asse, Merchtem, Affligem, Liedekerke en Opwijk.",
        "municipalities": ["23002", "23105", "23044", "23050", "23060"],
    },
    {
        "slug": "zennevallei",
        "name": "Zennevallei",
        "legal_name": "Eerstelijnszone Zennevallei vzw",
        "intro": "De eerstelijnszone van Beersel, Drogenbos, Halle, Linkebeek, Pepingen, "
        "Sint-Genesius-Rode en Sint-Pieters-Leeuw.",
        "municipalities": ["23003", "23098", "23027", "23100", "23064", "23101", "23077"],
    },
    {
        "slug": "waasland",
        "name": "Waasland",
        "legal_name": "Eerstelijnszone Waasland vzw",
        "intro": "De eerstelijnszone van het Waasland.",
        "municipalities": ["46021", "46025", "46020", "46024", "42025"],
    },
]


def load() -> dict[str, Zone]:
    clusters = {}
    for order, (code, name, core) in enumerate(CLUSTERS):
        clusters[code], _ = Cluster.objects.update_or_create(
            code=code, defaults={"name": name, "is_core": core, "order": order}
        )
    for code, name, cluster in SECTORS:
        Sector.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "cluster": clusters.get(cluster) if cluster else None,
                "is_general_door": code in GENERAL_DOOR_SECTORS,
            },
        )
    for nis, name, province in MUNICIPALITIES:
        Municipality.objects.update_or_create(nis_code=nis, defaults={"name": name, "province": province})
    merged, _ = Municipality.objects.update_or_create(
        nis_code=MERGED[0], defaults={"name": MERGED[1], "province": MERGED[2], "valid_from": MERGER_DAY}
    )
    for nis, name, province in MERGED_FROM:
        Municipality.objects.update_or_create(
            nis_code=nis,
            defaults={
                "name": name,
                "province": province,
                "valid_to": MERGER_DAY - dt.timedelta(days=1),
                "merged_into": merged,
            },
        )
    for nis, places in POSTAL_PLACES.items():
        municipality = Municipality.objects.get(nis_code=nis)
        for postal_code, name in places:
            PostalPlace.objects.update_or_create(
                postal_code=postal_code, name=name, defaults={"municipality": municipality}
            )
    zones: dict[str, Zone] = {}
    for spec in ZONES:
        zone, _ = Zone.objects.update_or_create(
            slug=spec["slug"],
            defaults={"name": spec["name"], "legal_name": spec["legal_name"], "intro": spec["intro"]},
        )
        for nis in spec["municipalities"]:
            ZoneMunicipality.objects.get_or_create(
                zone=zone,
                municipality=Municipality.objects.get(nis_code=nis),
                defaults={"valid_from": dt.date(2020, 7, 1)},
            )
        zones[zone.slug] = zone
    # Waasland: Beveren until the merger, Beveren-Kruibeke-Zwijndrecht from 2025 on.
    waasland = zones["waasland"]
    ZoneMunicipality.objects.get_or_create(
        zone=waasland,
        municipality=Municipality.objects.get(nis_code="46003"),
        valid_from=dt.date(2020, 7, 1),
        defaults={"valid_to": MERGER_DAY - dt.timedelta(days=1)},
    )
    ZoneMunicipality.objects.get_or_create(zone=waasland, municipality=merged, valid_from=MERGER_DAY)
    return zones
