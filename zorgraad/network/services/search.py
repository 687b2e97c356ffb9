"""Writes of the social map search: its index of offers and the everyday words (synonyms) of a zone.

The index (OfferSearchTerm) holds, for every live offer, each term of its title, themes, target
groups, organisation, description and referral text with a weight: a word in the title counts
more than the same word in the description. It is refreshed from the receivers (receivers.py)
whenever an offer, its organisation, a theme or a target group is saved, so every way in (services,
demo, admin, merge) keeps it right; `offer_index_rebuild` redoes a whole zone after bulk loads.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.pagecache import REFERENCE, bump, bump_zone
from zorgraad.zones.models import Zone

from .. import searchtext
from ..models import Offer, OfferSearchTerm, SearchIndexState, SearchSynonym
from ..search_defaults import default_rows
from .directory import ServiceError

# Weight of a term by where it stands. A term found in several fields adds up (capped).
FIELD_WEIGHTS = {
    "title": 12,
    "themes": 8,
    "target_groups": 5,
    "organisation": 5,
    "description": 3,
    "how_to_refer": 1,
}
MAX_WEIGHT = 30
BATCH = 500


def offer_terms(offer: Offer) -> dict[str, tuple[int, str]]:
    """term -> (weight, word) of one offer; themes, target groups and organisation must be loaded."""
    org = offer.organisation
    fields = {
        "title": offer.title,
        "themes": " ".join(t.name for t in offer.themes.all()),
        "target_groups": " ".join(g.name for g in offer.target_groups.all()),
        "organisation": f"{org.name} {org.short_name}",
        "description": offer.description,
        "how_to_refer": offer.how_to_refer,
    }
    found: dict[str, tuple[int, str]] = {}
    for field, text in fields.items():
        seen: set[str] = set()
        for term, word in searchtext.terms(text):
            if term in seen:
                continue
            seen.add(term)
            weight, first = found.get(term, (0, word))
            found[term] = (min(MAX_WEIGHT, weight + FIELD_WEIGHTS[field]), min(first, word))
    return found


def _is_live(offer: Offer) -> bool:
    return not offer.is_archived and not offer.organisation.is_archived


def _load(offer_ids: Iterable[int]) -> list[Offer]:
    return list(
        Offer.objects.unscoped()
        .filter(pk__in=list(offer_ids))
        .select_related("organisation")
        .prefetch_related("themes", "target_groups")
    )


def search_index_touch(*, zone_ids: Iterable[int]) -> None:
    """A new token for these zones: what the search cached for them is no longer used."""
    for zone_id in set(zone_ids):
        SearchIndexState.objects.update_or_create(zone_id=zone_id, defaults={"token": secrets.token_hex(16)})


def _write(offers: list[Offer]) -> None:
    """Replace the index rows of `offers` (a few hundred at most) with their current terms."""
    if not offers:
        return
    # The base manager: the index is derived from the offers, whose own writes already raised the
    # zone's page-cache generation (ZoneQuerySet would raise it once more).
    OfferSearchTerm._base_manager.filter(offer_id__in=[o.pk for o in offers]).delete()
    rows = [
        OfferSearchTerm(zone_id=o.zone_id, offer_id=o.pk, term=term, word=word, weight=weight)
        for o in offers
        if _is_live(o)
        for term, (weight, word) in offer_terms(o).items()
    ]
    OfferSearchTerm._base_manager.bulk_create(rows, batch_size=1000)
    search_index_touch(zone_ids={o.zone_id for o in offers})


def offer_index_refresh(*, offer_ids: Iterable[int]) -> None:
    """Bring the index rows of these offers up to date (archived offers leave the index)."""
    ids = sorted(set(offer_ids))
    for start in range(0, len(ids), BATCH):
        _write(_load(ids[start : start + BATCH]))


def offer_index_rebuild(*, zone: Zone) -> int:
    """Rebuild the whole index of `zone`; returns the number of offers indexed."""
    ids = list(Offer.objects.for_zone(zone).order_by("pk").values_list("pk", flat=True))
    with transaction.atomic():
        OfferSearchTerm.objects.for_zone(zone).delete()
        offer_index_refresh(offer_ids=ids)
    return len(ids)


def offer_index_missing_zones() -> list[int]:
    """Zones that have offers but no index at all (a database from before the index existed)."""
    with_offers = set(Offer.objects.unscoped().values_list("zone_id", flat=True).distinct())
    indexed = set(OfferSearchTerm.objects.unscoped().values_list("zone_id", flat=True).distinct())
    return sorted(with_offers - indexed)


# --- everyday words (synonyms) -------------------------------------------------------------------


def search_synonym_defaults_sync() -> int:
    """Add the default words that are missing (rows without a zone); returns how many were added."""
    existing = set(SearchSynonym.objects.filter(zone__isnull=True).values_list("term", flat=True))
    new = [SearchSynonym(term=t, expands_to=e) for t, e in default_rows() if t not in existing]
    SearchSynonym.objects.bulk_create(new)
    if new:
        bump(None, REFERENCE)  # bulk_create sends no post_save: the shared words changed for every zone
        search_index_touch(zone_ids=SearchIndexState.objects.values_list("zone_id", flat=True))
    return len(new)


def _clean_synonym(term: str, expands_to: str) -> tuple[str, str]:
    term = " ".join(searchtext.all_words(term))
    if not term or not searchtext.words(term):
        raise ServiceError({"term": _("Geef een zoekwoord met minstens één woord dat iets betekent.")})
    parts = [" ".join(searchtext.all_words(p)) for p in expands_to.replace(";", ",").split(",")]
    parts = [p for p in parts if p and searchtext.words(p)]
    if not parts:
        raise ServiceError({"expands_to": _("Geef minstens één woord waarnaar ook gezocht moet worden.")})
    if len(term) > 100 or len(", ".join(parts)) > 300:
        raise ServiceError(
            _("Gebruik kortere woorden (zoekwoord hoogstens 100, de rest hoogstens 300 tekens).")
        )
    return term, ", ".join(parts)


@transaction.atomic
def search_synonym_create(*, zone: Zone, actor: Any, term: str, expands_to: str) -> SearchSynonym:
    """A word of this zone's staff: searching `term` also searches the words of `expands_to`."""
    term, expands_to = _clean_synonym(term, expands_to)
    if SearchSynonym.objects.filter(zone=zone, term=term).exists():
        raise ServiceError({"term": _("Dit zoekwoord bestaat al voor deze eerstelijnszone.")})
    synonym = SearchSynonym.objects.create(zone=zone, term=term, expands_to=expands_to)
    search_index_touch(zone_ids=[zone.pk])
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=synonym,
        changes=audit.diff({}, {"term": term, "expands_to": expands_to}),
    )
    bump_zone(zone.pk)
    return synonym


@transaction.atomic
def search_synonym_delete(*, zone: Zone, actor: Any, synonym: SearchSynonym) -> None:
    if synonym.zone_id != zone.pk:
        raise ServiceError(_("Dit zoekwoord hoort niet bij deze eerstelijnszone."))
    audit.record(
        zone=zone,
        actor=actor,
        action="deleted",
        instance=synonym,
        changes={"term": [synonym.term, None], "expands_to": [synonym.expands_to, None]},
    )
    synonym.delete()
    search_index_touch(zone_ids=[zone.pk])
    bump_zone(zone.pk)
