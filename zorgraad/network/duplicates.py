"""Find records that may be the one someone is about to create again.

Names are compared with rapidfuzz's `token_sort_ratio` on `normalise()`d text, so word order,
accents, case and punctuation do not matter ("Halle-Vilvoorde CAW" ~ "CAW Halle Vilvoorde").
For people an identical e-mail address (case-insensitive) always counts, archived people included:
an address belongs to one person. Only records of the given zone are considered.
"""

from __future__ import annotations

from django.db.models import Prefetch
from rapidfuzz import fuzz, utils

from zorgraad.zones.models import Zone

from .models import Organisation, Person, normalise
from .selectors import current_affiliations

THRESHOLD = 85
LIMIT = 5


def _key(text: str) -> str:
    return utils.default_process(normalise(text))


def _score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return float(fuzz.token_sort_ratio(a, b))


def organisation_candidates(zone: Zone, name: str, exclude_pk: int | None = None) -> list[Organisation]:
    """At most LIMIT organisations of `zone` (not archived) whose name looks like `name`, best first."""
    wanted = _key(name)
    if not wanted:
        return []
    rows = Organisation.objects.for_zone(zone).filter(is_archived=False)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    scored: list[tuple[float, int]] = []
    for pk, org_name, short_name in rows.values_list("pk", "name", "short_name"):
        score = max(_score(wanted, _key(org_name)), _score(wanted, _key(short_name)))
        if score >= THRESHOLD:
            scored.append((score, pk))
    best = [pk for _score_, pk in sorted(scored, key=lambda s: (-s[0], s[1]))[:LIMIT]]
    found = {
        o.pk: o for o in Organisation.objects.for_zone(zone).filter(pk__in=best).select_related("sector")
    }
    return [found[pk] for pk in best if pk in found]


def person_candidates(
    zone: Zone, first_name: str, last_name: str, email: str, exclude_pk: int | None = None
) -> list[Person]:
    """At most LIMIT people of `zone` with the same e-mail address or a name that looks alike.

    Same e-mail first (always shown), then by name similarity. Each person comes with
    `current_affiliations` so the warning can say where they work.
    """
    wanted = _key(f"{first_name} {last_name}")
    address = (email or "").strip().lower()
    if not wanted and not address:
        return []
    rows = Person.objects.for_zone(zone)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    same_email: list[int] = []
    scored: list[tuple[float, int]] = []
    for pk, first, last, mail, archived in rows.values_list(
        "pk", "first_name", "last_name", "email", "is_archived"
    ):
        if address and (mail or "").strip().lower() == address:
            same_email.append(pk)
            continue
        if archived or not wanted:
            continue
        score = _score(wanted, _key(f"{first} {last}"))
        if score >= THRESHOLD:
            scored.append((score, pk))
    by_name = [pk for _score_, pk in sorted(scored, key=lambda s: (-s[0], s[1]))]
    best = (sorted(same_email) + by_name)[:LIMIT]
    functions = current_affiliations(zone).select_related("organisation").order_by("organisation__name")
    found = {
        p.pk: p
        for p in Person.objects.for_zone(zone)
        .filter(pk__in=best)
        .prefetch_related(Prefetch("affiliations", queryset=functions, to_attr="current_affiliations"))
    }
    return [found[pk] for pk in best if pk in found]
