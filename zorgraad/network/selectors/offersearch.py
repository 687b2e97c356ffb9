"""The search of the social map: from the words a citizen types to a ranked list of live offers.

How a query is read (all in Python, the same on every database):

1. The query is cleaned and cut short (control characters out, at most MAX_CHARS characters,
   MAX_WORDS words): a pasted page or a hostile request costs no more than a long question.
2. Postcodes (1745) and place names (Mazenzele, Opwijk) of the zone's municipalities become a
   municipality filter; offers for the whole zone stay in, offers of that municipality rank first.
3. Stop words are dropped ("ik kan mijn huur niet betalen" -> huur, betalen); each remaining word
   is a *concept* that an offer may or may not match: not every word has to match.
4. A word matches the index terms with the same stem (huisartsen -> huisarts), near forms
   (schuld / schulden), compounds in both directions (huisarts -> huisartsenpraktijk,
   thuisverpleging -> verpleging), the words its everyday synonyms stand for (rusthuis ->
   woonzorgcentrum; SearchSynonym, data per zone) and, when nothing else matches, the closest
   term within one or two typing errors (demetie -> dementie), which also feeds "bedoelde je".
5. The index rows of the matched terms are read with one indexed query; an offer's score is the
   sum over the concepts of its best match (term weight x match quality x rarity of the term), so
   a word in the title or themes counts more than one in the description, and offers matching
   more of the question come first.

Why an index table of our own and not SQLite FTS5 / PostgreSQL full-text search: the two engines
tokenise, stem (PostgreSQL's Dutch Snowball vs. none in FTS5), treat accents (unaccent vs.
remove_diacritics) and rank (ts_rank vs. bm25) differently, so the same query would give other
results on a laptop and on the regional server, and neither knows compounds, typos or everyday
words. Here the analysis is Python (searchtext.py) at write time, the database only answers
"which offers have these terms" from a covering index (zone, term, offer, weight), and scoring is
Python with a fixed order of sums: the same results on both, as the golden test checks. It is
fast enough: bench/socialmap_search.py measures a search on a zone of 500 offers among 30,000.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Min, Q, QuerySet

from zorgraad.zones.models import Zone

from .. import searchtext
from ..models import Offer, OfferSearchTerm
from .offersearch_data import (
    _ZONE_DATA,
    _ZONE_DATA_LOCK,
    ZONE_DATA_KEPT,
    Places,
    Synonym,
    Synonyms,
    Vocabulary,
    _places,
    _synonym,
    _vocabulary_rows,
    synonyms_for,
    zone_search_data,
)
from .offersearch_query import (
    COMPOUND_HEAD,
    COMPOUND_TAIL,
    EXACT,
    FUZZY,
    MAX_CHARS,
    MAX_CONCEPTS,
    MAX_TERMS_PER_WORD,
    MAX_WORDS,
    NEAR,
    PARTICIPLE,
    QUERY_HEAD,
    QUERY_TAIL,
    SYNONYM,
    Alternative,
    Concept,
    ParsedQuery,
    _compound_synonyms,
    _find_places,
    _fuzzy,
    _prefixed,
    match_word,
    parse_query,
)

MAX_RESULTS = 500


TOP = 10  # results kept varied: ...
SAME_OFFER_ON_TOP = 2  # ... with at most this many offers that differ only by their place
LOCAL_BONUS = 1.25  # an offer of the municipality asked for, above the offers for the whole zone

OfferThemes = Offer.themes.through
OfferTargetGroups = Offer.target_groups.through
OfferMunicipalities = Offer.municipalities.through


# --- scoring -------------------------------------------------------------------------------------


def _score(parsed: ParsedQuery, vocab: Vocabulary, rows: Iterable[tuple[int, str, int]]) -> dict[int, float]:
    """Score of every offer in `rows` (offer, term, weight): per concept its best alternative (a
    phrase counts when all its words match: the mean of their values), summed over the concepts and
    scaled by the share of concepts matched. Sums run in a fixed order: the same floats everywhere."""
    live = [c for c in parsed.concepts if c.alternatives]
    if not live:
        return {}
    # A slot is one word of one alternative of one concept; the index terms feed the slots.
    slots_by_term: dict[str, list[tuple[int, float]]] = {}
    slot_alt: list[int] = []  # slot -> alternative id
    alt_concept: list[int] = []  # alternative id -> concept index
    alt_factor: list[float] = []
    alt_slots: list[list[int]] = []
    for ci, concept in enumerate(live):
        for alt in concept.alternatives:
            aid = len(alt_factor)
            alt_concept.append(ci)
            alt_factor.append(alt.factor)
            alt_slots.append([])
            for word in alt.words:
                slot = len(slot_alt)
                slot_alt.append(aid)
                alt_slots[aid].append(slot)
                for term, factor in word.items():
                    slots_by_term.setdefault(term, []).append((slot, factor * vocab.idf(term)))
    best: dict[int, dict[int, float]] = {}
    for offer_id, term, weight in rows:
        values = best.setdefault(offer_id, {})
        for slot, coef in slots_by_term.get(term, ()):
            v = weight * coef
            if v > values.get(slot, 0.0):
                values[slot] = v
    n_live = len(live)
    scores: dict[int, float] = {}
    for offer_id, values in best.items():
        tops = [0.0] * n_live
        done: set[int] = set()
        for slot in values:
            aid = slot_alt[slot]
            if aid in done:
                continue
            done.add(aid)
            ids = alt_slots[aid]
            if len(ids) == 1:
                value = alt_factor[aid] * values[slot]
            elif all(i in values for i in ids):
                value = alt_factor[aid] * sum(values[i] for i in ids) / len(ids)  # in word order
            else:
                continue
            ci = alt_concept[aid]
            if value > tops[ci]:
                tops[ci] = value
        matched = sum(1 for t in tops if t > 0.0)
        if matched:
            scores[offer_id] = sum(tops) * (0.5 + 0.5 * matched / n_live)
    return scores


@dataclass(frozen=True)
class SearchFilters:
    target_group: int | None = None
    theme: int | None = None
    municipality: int | None = None
    target_group_slug: str = ""
    theme_slug: str = ""
    municipality_nis: str = ""


def filtered_offers(
    zone: Zone, f: SearchFilters, municipality_ids: Iterable[int] | None = None
) -> QuerySet[Offer]:
    """Live offers of `zone` that pass the filters (no ordering, no relations)."""
    qs = Offer.objects.for_zone(zone).filter(is_archived=False, organisation__is_archived=False)
    if f.target_group:
        qs = qs.filter(
            pk__in=OfferTargetGroups.objects.filter(targetgroup_id=f.target_group).values("offer_id")
        )
    if f.target_group_slug:
        qs = qs.filter(
            pk__in=OfferTargetGroups.objects.filter(targetgroup__slug=f.target_group_slug).values("offer_id")
        )
    if f.theme:
        qs = qs.filter(pk__in=OfferThemes.objects.filter(theme_id=f.theme).values("offer_id"))
    if f.theme_slug:
        qs = qs.filter(pk__in=OfferThemes.objects.filter(theme__slug=f.theme_slug).values("offer_id"))
    everywhere = ~Q(pk__in=OfferMunicipalities.objects.filter(offer__zone=zone).values("offer_id"))
    if f.municipality:
        qs = qs.filter(
            Q(pk__in=OfferMunicipalities.objects.filter(municipality_id=f.municipality).values("offer_id"))
            | everywhere
        )
    if f.municipality_nis:
        qs = qs.filter(
            Q(
                pk__in=OfferMunicipalities.objects.filter(municipality__nis_code=f.municipality_nis).values(
                    "offer_id"
                )
            )
            | everywhere
        )
    if municipality_ids:
        qs = qs.filter(
            Q(
                pk__in=OfferMunicipalities.objects.filter(municipality_id__in=list(municipality_ids)).values(
                    "offer_id"
                )
            )
            | everywhere
        )
    return qs


def _local_offers(offer_ids: Iterable[int], municipality_ids: frozenset[int], zone_size: int) -> set[int]:
    """Offers among `offer_ids` that name one of the municipalities and not the whole zone."""
    named: dict[int, set[int]] = {}
    rows = OfferMunicipalities.objects.filter(offer_id__in=list(offer_ids)).values_list(
        "offer_id", "municipality_id"
    )
    for offer_id, municipality_id in rows:
        named.setdefault(offer_id, set()).add(municipality_id)
    return {pk for pk, ids in named.items() if ids & municipality_ids and len(ids) < zone_size}


@dataclass
class SearchOutcome:
    """Ranked offer ids and what the page says about the query."""

    ids: list[int]
    parsed: ParsedQuery | None = None

    @property
    def suggestion(self) -> str:
        return self.parsed.suggestion() if self.parsed else ""

    @property
    def places(self) -> list[str]:
        return self.parsed.place_labels if self.parsed else []


def rank(zone: Zone, q: str, filters: SearchFilters | None = None) -> SearchOutcome:
    """The ids of the live offers of `zone` that answer `q`, best first (at most MAX_RESULTS)."""
    f = filters or SearchFilters()
    vocab, places, synonyms = zone_search_data(zone)
    parsed = parse_query(q, vocab, places, synonyms)
    candidates = filtered_offers(zone, f, parsed.municipality_ids)
    terms = sorted({t for c in parsed.concepts for t in c.terms})
    titles: dict[int, str] = {}
    if parsed.concepts:
        rows: list[tuple[int, str, int]] = []
        if terms:
            found = OfferSearchTerm.objects.for_zone(zone).filter(term__in=terms)
            if f != SearchFilters() or parsed.municipality_ids:
                # The index holds live offers only; filters narrow it with a subquery.
                found = found.filter(offer_id__in=candidates.values("pk"))
            found = found.values_list("offer_id", "term", "weight", "offer__title")
            for offer_id, term, weight, title in found:
                rows.append((offer_id, term, weight))
                titles[offer_id] = title
        scores = _score(parsed, vocab, rows)
    elif parsed.municipality_ids:  # only a place: everything there
        scores = {}
        for pk, title in candidates.values_list("pk", "title"):
            scores[pk] = 1.0
            titles[pk] = title
    else:
        return SearchOutcome([], parsed)
    _spell_corrections(zone, parsed)
    if parsed.municipality_ids and scores:
        for pk in _local_offers(scores, parsed.municipality_ids, len(places.labels)):
            scores[pk] *= LOCAL_BONUS
    order = sorted(scores, key=lambda pk: (-round(scores[pk], 6), titles[pk].lower(), pk))
    return SearchOutcome(_diversify(order, titles, places)[:MAX_RESULTS], parsed)


def _spell_corrections(zone: Zone, parsed: ParsedQuery) -> None:
    """The words to show in "bedoelde je" for typos read as an index term: one spelling each."""
    wanted = {c.correction_term for c in parsed.concepts if c.correction_term and not c.correction}
    if not wanted:
        return
    rows = (
        OfferSearchTerm.objects.for_zone(zone)
        .filter(term__in=sorted(wanted))
        .values("term")
        .annotate(spelling=Min("word"))
        .order_by()
        .values_list("term", "spelling")
    )
    words = dict(rows)
    for concept in parsed.concepts:
        if concept.correction_term and not concept.correction:
            concept.correction = words.get(concept.correction_term, concept.correction_term)


def _diversify(order: list[int], titles: dict[int, str], places: Places) -> list[int]:
    """At most SAME_OFFER_ON_TOP offers with the same title but for the place (the OCMW of each
    municipality) among the first TOP results: the others move just below, so a citizen who did not
    say where sees other kinds of help too."""
    place_words = {w for name in places.names for w in name}
    seen: dict[tuple[str, ...], int] = {}
    top: list[int] = []
    later: list[int] = []
    for n, pk in enumerate(order):
        if len(top) == TOP:
            return top + later + order[n:]
        key = tuple(w for w in searchtext.all_words(titles[pk]) if w not in place_words)
        seen[key] = seen.get(key, 0) + 1
        (top if seen[key] <= SAME_OFFER_ON_TOP else later).append(pk)
    return top + later


class RankedOffers(Sequence[Offer]):
    """The ranked ids as a sequence the paginator can slice; only the page's offers are loaded."""

    def __init__(self, ids: list[int], load: Any) -> None:
        self.ids = ids
        self._load = load

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Offer: ...

    @overload
    def __getitem__(self, index: slice) -> list[Offer]: ...

    def __getitem__(self, index: int | slice) -> Offer | list[Offer]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        ids = self.ids[index]
        found = {o.pk: o for o in self._load(ids)}
        return [found[pk] for pk in ids if pk in found]


# --- help when nothing matches -----------------------------------------------------------------

EXAMPLE_WORDS = [
    "dementie",
    "schulden",
    "zwanger",
    "eenzaam",
    "poetshulp",
    "rusthuis",
    "depressie",
    "huisarts",
    "opvoeding",
    "verslaving",
    "mantelzorg",
]


def search_examples(zone: Zone, limit: int = 4) -> list[str]:
    """Example words that find at least one offer in `zone` (never an example that finds nothing)."""
    vocab, places, synonyms = zone_search_data(zone)
    found = []
    for word in EXAMPLE_WORDS:
        parsed = parse_query(word, vocab, places, synonyms)
        # One single-word alternative with a term of the vocabulary: some live offer has that term.
        if any(
            len(a.words) == 1 and a.words[0] and a.factor >= SYNONYM
            for c in parsed.concepts
            for a in c.alternatives
        ):
            found.append(word)
        if len(found) == limit:
            break
    return found


def nearest_themes(zone: Zone, q: str, limit: int = 5) -> list[tuple[int, str]]:
    """(pk, name) of themes that live offers of `zone` use, closest to the words of `q` first."""
    from rapidfuzz import fuzz

    from ..models import Theme

    live = Offer.objects.for_zone(zone).filter(is_archived=False, organisation__is_archived=False)
    themes = list(
        Theme.objects.filter(
            pk__in=OfferThemes.objects.filter(offer__in=live).values("theme_id")
        ).values_list("pk", "name")
    )
    words = searchtext.words(searchtext.clean_query(q, max_chars=MAX_CHARS))[:MAX_CONCEPTS]

    def closeness(name: str) -> float:
        target = searchtext.normalise(name)
        return max((fuzz.partial_ratio(w, target) for w in words if len(w) > 2), default=0.0)

    themes.sort(key=lambda t: (-round(closeness(t[1]), 3), searchtext.normalise(t[1]), t[0]))
    return themes[:limit]


# Every name of the search, its parts in offersearch_data.py and offersearch_query.py included.
__all__ = [
    "Alternative",
    "COMPOUND_HEAD",
    "COMPOUND_TAIL",
    "Concept",
    "EXACT",
    "EXAMPLE_WORDS",
    "FUZZY",
    "LOCAL_BONUS",
    "MAX_CHARS",
    "MAX_CONCEPTS",
    "MAX_RESULTS",
    "MAX_TERMS_PER_WORD",
    "MAX_WORDS",
    "NEAR",
    "OfferMunicipalities",
    "OfferTargetGroups",
    "OfferThemes",
    "PARTICIPLE",
    "ParsedQuery",
    "Places",
    "QUERY_HEAD",
    "QUERY_TAIL",
    "RankedOffers",
    "SAME_OFFER_ON_TOP",
    "SYNONYM",
    "SearchFilters",
    "SearchOutcome",
    "Synonym",
    "Synonyms",
    "TOP",
    "Vocabulary",
    "ZONE_DATA_KEPT",
    "_ZONE_DATA",
    "_ZONE_DATA_LOCK",
    "_compound_synonyms",
    "_diversify",
    "_find_places",
    "_fuzzy",
    "_local_offers",
    "_places",
    "_prefixed",
    "_score",
    "_spell_corrections",
    "_synonym",
    "_vocabulary_rows",
    "filtered_offers",
    "match_word",
    "nearest_themes",
    "parse_query",
    "rank",
    "search_examples",
    "synonyms_for",
    "zone_search_data",
]
