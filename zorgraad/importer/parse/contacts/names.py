"""Names and functions: a full name split in first name and surname, function words, particles."""

from __future__ import annotations

from ..common import fold

FUNCTION_WORDS = (
    "coördinator",
    "coordinator",
    "directeur",
    "directrice",
    "medewerker",
    "medewerkster",
    "verantwoordelijke",
    "maatschappelijk",
    "diensthoofd",
    "stagiair",
    "consulent",
    "leider",
    "manager",
    "deskundige",
    "voorzitter",
    "secretaris",
    "coach",
    "verpleeg",
    "huisarts",
    "apotheker",
    "psycholoog",
    "begeleider",
    "werker",
    "hoofd",
    "beleids",
    "projectleider",
    "adviseur",
    "regio",
    "team",
    "zorgcoördinator",
    "schepen",
    "burgemeester",
    "functionaris",
    "vroedvrouw",
    "kinesitherapeut",
    "ergotherapeut",
    "assistent",
)
PARTICLES = {
    "van",
    "de",
    "der",
    "den",
    "vande",
    "vanden",
    "vander",
    "le",
    "la",
    "du",
    "d'",
    "t",
    "ter",
    "ten",
    "op",
}


def split_name(name: str) -> tuple[str, str, bool]:
    """'Lotte Van den Broeck' -> ('Lotte', 'Van den Broeck'); 'PEETERS An' (surname in capitals) turned round."""
    words = name.split()
    if not words:
        return "", "", True
    if len(words) == 1:
        return "", words[0], True
    # 'PEETERS An': a surname in capitals first.
    if words[0].isupper() and len(words[0]) > 1 and not words[-1].isupper():
        caps = [w for w in words if w.isupper()]
        rest = [w for w in words if not w.isupper()]
        return " ".join(rest), " ".join(w.capitalize() for w in caps), False
    if "," in name:
        last, first = (p.strip() for p in name.split(",", 1))
        return first, last, False
    # The first word is the given name; particles and the rest make the surname ('Van den Broeck').
    return words[0], " ".join(words[1:]), False


def looks_like_function(text: str) -> bool:
    f = fold(text)
    return any(w in f for w in FUNCTION_WORDS)


def _name_ok(text: str) -> bool:
    words = text.split()
    return 1 < len(words) <= 6 and all(
        w[:1].isalpha() and w[:1].upper() == w[:1] or fold(w) in PARTICLES for w in words
    )
