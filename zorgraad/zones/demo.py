"""Demo zones: AMALO, Zennevallei and Waasland with their municipalities, clusters and sectors."""

from __future__ import annotations

import datetime as dt

from .models import Cluster, Municipality, Sector, Zone, ZoneMunicipality

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
            code=code, defaults={"name": name, "cluster": clusters.get(cluster) if cluster else None}
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
