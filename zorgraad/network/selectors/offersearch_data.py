"""What the social map search knows of a zone: its vocabulary (the index terms of its live offers),
its places (postcodes and place names) and its everyday words (synonyms), kept per process until the
zone's index or words change. Part of offersearch.py, which re-exports every name."""

from __future__ import annotations

import collections
import functools
import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q

from zorgraad.zones.models import PostalPlace, Zone

from .. import searchtext
from ..models import Offer, OfferSearchTerm, SearchIndexState, SearchSynonym


@dataclass(frozen=True)
class Vocabulary:
    """The terms of the zone's live offers: term -> number of offers that use it."""

    terms: dict[str, int]
    ordered: list[str]  # sorted terms, for prefix look-ups
    reversed_ordered: list[str]  # sorted reversed terms, for suffix look-ups
    offers: int
    by_initial: dict[str, list[str]]  # first letter -> terms, for typo look-ups

    @classmethod
    def build(cls, rows: Iterable[tuple[str, int]], offers: int) -> Vocabulary:
        terms = dict(rows)
        ordered = sorted(terms)
        by_initial: dict[str, list[str]] = {}
        for t in ordered:
            by_initial.setdefault(t[:1], []).append(t)
        return cls(terms, ordered, sorted(t[::-1] for t in terms), offers, by_initial)

    def idf(self, term: str) -> float:
        return math.log(1 + max(self.offers, 1) / max(self.terms.get(term, 1), 1))


@dataclass(frozen=True)
class Places:
    """Postcodes and place names of the zone's current municipalities -> municipality ids."""

    postcodes: dict[str, frozenset[int]]
    names: dict[tuple[str, ...], frozenset[int]]  # normalised words of the name
    labels: dict[int, str]  # municipality id -> name
    longest: int


def _vocabulary_rows(zone: Zone) -> tuple[list[tuple[str, int]], int]:
    """(term, number of offers) from the index (covered by its index), and the number of offers."""
    rows = (
        OfferSearchTerm.objects.for_zone(zone)
        .values("term")
        .annotate(df=Count("id"))
        .order_by()
        .values_list("term", "df")
    )
    offers = Offer.objects.for_zone(zone).filter(is_archived=False, organisation__is_archived=False).count()
    return list(rows), offers


def _places(zone: Zone) -> Places:
    municipalities = list(zone.municipalities_on().values_list("pk", "name"))
    ids = [pk for pk, _ in municipalities]
    postcodes: dict[str, set[int]] = {}
    names: dict[tuple[str, ...], set[int]] = {}
    for pk, name in municipalities:
        names.setdefault(tuple(searchtext.all_words(name)), set()).add(pk)
    for code, name, pk in PostalPlace.objects.filter(municipality_id__in=ids).values_list(
        "postal_code", "name", "municipality_id"
    ):
        postcodes.setdefault(code, set()).add(pk)
        names.setdefault(tuple(searchtext.all_words(name)), set()).add(pk)
    names.pop((), None)
    return Places(
        {k: frozenset(v) for k, v in postcodes.items()},
        {k: frozenset(v) for k, v in names.items()},
        dict(municipalities),
        max((len(k) for k in names), default=0),
    )


# --- everyday words --------------------------------------------------------------------------


@dataclass(frozen=True)
class Synonym:
    term: str  # as staff typed it
    key: tuple[str, ...]  # stems of its words that are not stop words
    phrase: tuple[str, ...]  # stems of all its words: "geen eten" must be said as such
    expansions: tuple[tuple[str, ...], ...]  # each a phrase: the normalised words


@functools.lru_cache(maxsize=20_000)
def _synonym(term: str, expands_to: str) -> Synonym | None:
    key = tuple(dict.fromkeys(searchtext.stem(w) for w in searchtext.words(term)))
    phrase = tuple(searchtext.stem(w) for w in searchtext.all_words(term))
    phrases = tuple(
        tuple(words) for p in expands_to.replace(";", ",").split(",") if (words := searchtext.words(p))
    )
    return Synonym(term, key, phrase, phrases) if key and phrases else None


@dataclass(frozen=True)
class Synonyms:
    """The everyday words of a zone, looked up by the stems of their words."""

    single: dict[str, Synonym]  # one-word synonyms by their stem
    by_stem: dict[str, tuple[Synonym, ...]]  # every synonym under each stem of its words

    @classmethod
    def build(cls, synonyms: Iterable[Synonym]) -> Synonyms:
        single: dict[str, Synonym] = {}
        by_stem: dict[str, list[Synonym]] = {}
        for syn in synonyms:
            if len(syn.phrase) == 1:
                single.setdefault(syn.key[0], syn)
            for stem in syn.key:
                by_stem.setdefault(stem, []).append(syn)
        return cls(single, {k: tuple(v) for k, v in by_stem.items()})


def synonyms_for(zone: Zone) -> Synonyms:
    """The zone's own everyday words and the installation's defaults (one query)."""
    rows = SearchSynonym.objects.filter(Q(zone=zone) | Q(zone__isnull=True)).values_list(
        "zone_id", "term", "expands_to", "id"
    )
    # The zone's own words first, then the defaults; sorted here, where NULLs sort the same on
    # every database.
    ordered = sorted(rows, key=lambda r: (r[0] is None, r[1], r[3]))
    return Synonyms.build(syn for _, term, expands_to, _ in ordered if (syn := _synonym(term, expands_to)))


_ZONE_DATA: collections.OrderedDict[tuple[int, str], tuple[Vocabulary, Places, Synonyms]] = (
    collections.OrderedDict()
)
_ZONE_DATA_LOCK = threading.Lock()
ZONE_DATA_KEPT = 128  # zones whose search data a process keeps


def zone_search_data(zone: Zone) -> tuple[Vocabulary, Places, Synonyms]:
    """The zone's vocabulary, places and everyday words, kept until its index or words change.

    Every write to the index or to the zone's words sets a new random token (SearchIndexState),
    read here with one small query: a copy kept under an older token is never used again, in any
    process, whether that write was committed or rolled back. The copy is kept in the process (a
    shared cache would have to unpickle it on every search); a change to the default words in the
    platform admin or to the places reaches it with the next write to the zone's index.
    """
    token = next(
        iter(SearchIndexState.objects.filter(zone_id=zone.pk).values_list("token", flat=True)[:1]), ""
    )
    key = (zone.pk, token)
    with _ZONE_DATA_LOCK:
        hit = _ZONE_DATA.get(key)
        if hit is not None:
            _ZONE_DATA.move_to_end(key)
            return hit
    rows, offers = _vocabulary_rows(zone)
    data = (Vocabulary.build(rows, offers), _places(zone), synonyms_for(zone))
    with _ZONE_DATA_LOCK:
        _ZONE_DATA[key] = data
        while len(_ZONE_DATA) > ZONE_DATA_KEPT:
            _ZONE_DATA.popitem(last=False)
    return data
