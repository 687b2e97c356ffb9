"""Demo: the eleven challenges of the Waasland open network (seed 003) and the bodies they hang on.

Titles and short labels as the zone writes them; challenge 6 has no short label (it is not in the
voting lists). The seven steering groups (stuurgroepen) are bodies with a target group; they are
created here when the zone has no body of that name yet.
"""

from __future__ import annotations

from typing import Any

from zorgraad.governance.models import Body, BodyKind

# (number, title, short label, steering group keys)
WAASLAND: list[tuple[str, str, str, tuple[str, ...]]] = [
    (
        "1",
        "Nood aan overzicht en kennis van het zorgaanbod in kader van doorverwijzing",
        "Kennis van zorgaanbod",
        ("dzl", "gbo", "jeugdhulp", "perinataal", "transmuraal", "dementie", "ggz"),
    ),
    ("2", "Psychisch welzijn en geestelijke gezondheid versterken", "Mentaal welzijn", ("ggz",)),
    ("3", "Nood aan toegankelijke, betaalbare huisvesting en woonbegeleiding", "Huisvesting", ()),
    (
        "4",
        "Wachtlijsten en personeelstekorten in de gezondheids- en welzijnssector",
        "Wachtlijsten en personeelstekorten",
        (),
    ),
    (
        "5",
        "Inzetten op verbinding en gemeenschapsvorming tegen vereenzaming en uitsluiting",
        "Gemeenschapsvorming",
        (),
    ),
    (
        "6",
        "Nood aan interdisciplinaire samenwerking en geïntegreerde zorg",
        "",
        ("dzl", "gbo", "jeugdhulp", "perinataal", "transmuraal", "dementie", "ggz"),
    ),
    (
        "7",
        "Digitale ongeletterdheid en administratieve drempels verlagen",
        "Digitale ongeletterdheid",
        ("dzl",),
    ),
    ("8", "Huisartsen en eerstelijnspraktijken ondersteunen", "Huisartsen ondersteunen", ()),
    ("9", "Mantelzorgers ondersteunen en erkennen", "Mantelzorgers", ("dementie",)),
    ("10", "Inzetten op overgangsmomenten in de levensloop", "Overgangsmomenten", ("jeugdhulp",)),
    ("11", "Nood aan aanpak verslavingsproblematiek en dubbeldiagnose", "Verslaving", ()),
]

# key -> (slug, name, target group)
STEERING_GROUPS: dict[str, tuple[str, str, str]] = {
    "dzl": (
        "digitaal-zorglandschap",
        "Digitaal zorglandschap",
        "personen met een zorg- en ondersteuningsnood (PZON)",
    ),
    "gbo": ("geintegreerd-breed-onthaal", "Geïntegreerd Breed Onthaal", "onderbeschermden"),
    "jeugdhulp": (
        "netwerk-jeugdhulp-waas-en-dender",
        "Netwerk jeugdhulp Waas en Dender",
        "kinderen en jongeren",
    ),
    "perinataal": (
        "perinataal-netwerk",
        "Perinataal netwerk",
        "kinderen in de eerste 1000 dagen en hun gezin",
    ),
    "transmuraal": (
        "netwerk-transmurale-zorg",
        "Netwerk transmurale zorg",
        "personen met een zorg- en ondersteuningsnood (PZON)",
    ),
    "dementie": (
        "overlegplatform-dementie",
        "Overlegplatform dementie",
        "personen met dementie en hun mantelzorgers",
    ),
    "ggz": (
        "wase-werkgroep-geestelijke-gezondheid",
        "Wase werkgroep geestelijke gezondheid",
        "personen met een psychische kwetsbaarheid",
    ),
}


def _steering_groups(zone: Any) -> dict[str, Body]:
    found: dict[str, Body] = {}
    for key, (slug, name, target) in STEERING_GROUPS.items():
        body = Body.objects.for_zone(zone).filter(slug=slug).first()
        if body is None:
            body = Body.objects.create(
                zone=zone,
                slug=slug,
                name=name,
                kind=BodyKind.STEERING_GROUP,
                description=f"Thematische stuurgroep. Doelgroep: {target}.",
            )
        found[key] = body
    return found


def load(zones: dict[str, Any]) -> None:
    from .models import Challenge

    zone = zones.get("waasland")
    if zone is None:
        return
    groups = _steering_groups(zone)
    for order, (number, title, label, bodies) in enumerate(WAASLAND, start=1):
        challenge = Challenge.objects.create(
            zone=zone, number=number, title=title, short_label=label, order=order
        )
        challenge.bodies.set([groups[k] for k in bodies])
