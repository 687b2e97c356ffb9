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

import bisect
import collections
import functools
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.db.models import Count, Min, Q, QuerySet
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from zorgraad.zones.models import PostalPlace, Zone

from .. import searchtext
from ..models import Offer, OfferSearchTerm, SearchIndexState, SearchSynonym

MAX_CHARS = 300
MAX_WORDS = 40  # words looked at (places included)
MAX_CONCEPTS = 8  # content words searched
MAX_TERMS_PER_WORD = 40
MAX_RESULTS = 500

# How well a term matches a query word.
EXACT = 1.0
NEAR = 0.9  # huisart / huisarts, schuld / schulden: the same word in another form
PARTICIPLE = 0.8  # gevallen -> vallen, valt -> val
SYNONYM = 0.8
FUZZY = 0.75  # demetie -> dementie
COMPOUND_HEAD = 0.7  # huisarts -> huisartsenpraktijk
COMPOUND_TAIL = 0.6  # verpleging -> thuisverpleging
QUERY_HEAD = 0.6  # huisartsenpraktijk -> huisarts
QUERY_TAIL = 0.5  # dementiezorg -> zorg
TOP = 10  # results kept varied: ...
SAME_OFFER_ON_TOP = 2  # ... with at most this many offers that differ only by their place
LOCAL_BONUS = 1.25  # an offer of the municipality asked for, above the offers for the whole zone

OfferThemes = Offer.themes.through
OfferTargetGroups = Offer.target_groups.through
OfferMunicipalities = Offer.municipalities.through


# --- what the zone knows: vocabulary and places ------------------------------------------------


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


# --- reading the query -------------------------------------------------------------------------


def _prefixed(ordered: list[str], prefix: str, limit: int) -> list[str]:
    start = bisect.bisect_left(ordered, prefix)
    out: list[str] = []
    for t in ordered[start : start + limit]:
        if not t.startswith(prefix):
            break
        out.append(t)
    return out


def match_word(stem: str, vocab: Vocabulary, *, split: bool = False) -> dict[str, float]:
    """Index terms that stand for the word with this stem, with how well each matches.

    The same word (exact, or within two letters: schuld / schulden), and the compounds of the
    zone that start or end with it (huisarts -> huisartsenpraktijk, verpleging ->
    thuisverpleging). With `split`, an unknown compound is also split into a known head or tail
    (dementiezorg -> dementie): the weakest reading, for words nothing else explains.
    """
    out: dict[str, float] = {}

    def add(term: str, factor: float) -> None:
        if factor > out.get(term, 0.0):
            out[term] = factor

    if stem in vocab.terms:
        add(stem, EXACT)
    if len(stem) < searchtext.MIN_STEM:
        return out
    # A compound counts less the less of it the word covers: huis in huisartsenwachtpost is weak.
    for t in _prefixed(vocab.ordered, stem, MAX_TERMS_PER_WORD):
        if t != stem:
            add(t, NEAR if len(t) - len(stem) <= 2 else COMPOUND_HEAD * math.sqrt(len(stem) / len(t)))
    for r in _prefixed(vocab.reversed_ordered, stem[::-1], MAX_TERMS_PER_WORD):
        t = r[::-1]
        if t != stem:
            add(t, COMPOUND_TAIL * math.sqrt(len(stem) / len(t)))
    for i in range(len(stem) - 1, len(stem) - 3, -1):  # the same word, a letter or two shorter
        if i >= searchtext.MIN_STEM and stem[:i] in vocab.terms:
            add(stem[:i], NEAR)
            break
    if split:
        # Longest known head whose rest is a word of its own (at least 4 letters, after a linking
        # s/e/en): huisartsenpraktijk -> huisarts + praktijk, not huis + artsenpraktijk.
        for i in range(len(stem) - searchtext.MIN_STEM, searchtext.MIN_STEM - 1, -1):
            if stem[:i] in vocab.terms:
                add(stem[:i], QUERY_HEAD)
                break
        for i in range(searchtext.MIN_STEM, len(stem) - searchtext.MIN_STEM + 1):
            if stem[i:] in vocab.terms:
                add(stem[i:], QUERY_TAIL)
                break
    if len(out) > MAX_TERMS_PER_WORD:
        best = sorted(out.items(), key=lambda kv: (-kv[1], -vocab.terms[kv[0]], kv[0]))
        out = dict(best[:MAX_TERMS_PER_WORD])
    return out


@dataclass(frozen=True)
class Alternative:
    """One way an offer can satisfy a concept: every word of `words` matches (a phrase)."""

    words: tuple[dict[str, float], ...]
    factor: float


@dataclass
class Concept:
    typed: str  # the word as typed (normalised)
    alternatives: list[Alternative] = field(default_factory=list)
    correction: str = ""  # "bedoelde je" spelling, if the word was read as a typo
    correction_term: str = ""  # ... the index term it was read as (spelled out by `rank`)

    @property
    def terms(self) -> set[str]:
        return {t for alt in self.alternatives for w in alt.words for t in w}


@dataclass
class ParsedQuery:
    concepts: list[Concept]
    municipality_ids: frozenset[int] | None  # from postcodes and place names
    place_labels: list[str]
    words: list[str]  # all normalised words kept, in order (for "bedoelde je")

    @property
    def corrections(self) -> dict[str, str]:
        return {c.typed: c.correction for c in self.concepts if c.correction}

    def suggestion(self) -> str:
        """The query with its typos replaced, or "" when nothing was corrected."""
        fixes = self.corrections
        if not fixes:
            return ""
        return " ".join(fixes.get(w, w) for w in self.words)


def _find_places(tokens: list[str], places: Places) -> tuple[list[str], set[int], list[str]]:
    """Split off postcodes and place names: (remaining tokens, municipality ids, labels)."""
    rest: list[str] = []
    found: set[int] = set()
    labels: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok in places.postcodes:
            found |= places.postcodes[tok]
            labels.append(tok)
            i += 1
            continue
        for n in range(min(places.longest, len(tokens) - i), 0, -1):
            ids = places.names.get(tuple(tokens[i : i + n]))
            if ids:
                found |= ids
                labels.append(" ".join(tokens[i : i + n]))
                i += n
                break
        else:
            rest.append(tok)
            i += 1
    return rest, found, labels


def _fuzzy(stem: str, vocab: Vocabulary, synonym_keys: dict[str, Synonym]) -> str | None:
    """The known term or everyday word closest to a misspelt stem, within 1 (2 for long words)."""
    if len(stem) < 5 or stem.isdigit():
        return None
    limit = 1 if len(stem) < 8 else 2
    choices = vocab.by_initial.get(stem[:1], []) + [k for k in synonym_keys if k[:1] == stem[:1]]
    best = process.extract(stem, choices, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8)
    if not best:
        return None
    # Closest first; then a word that many offers use; then alphabetical (stable on every database).
    best.sort(key=lambda r: (r[1], -vocab.terms.get(r[0], 0), r[0]))
    return str(best[0][0])


def _compound_synonyms(stem: str, single: dict[str, Synonym]) -> list[Synonym]:
    """Everyday words that an unknown compound starts or ends with: zelfmoordgedachten ->
    zelfmoord, alcoholprobleem -> alcohol (the longest of at least 5 letters on each side)."""
    found: list[Synonym] = []
    for i in range(len(stem) - 3, 4, -1):
        if stem[:i] in single:
            found.append(single[stem[:i]])
            break
    for i in range(3, len(stem) - 4):
        if stem[i:] in single and single[stem[i:]] not in found:
            found.append(single[stem[i:]])
            break
    return found


def parse_query(q: str, vocab: Vocabulary, places: Places, synonyms: Synonyms) -> ParsedQuery:
    tokens = searchtext.all_words(searchtext.clean_query(q, max_chars=MAX_CHARS))[:MAX_WORDS]
    rest, municipality_ids, labels = _find_places(tokens, places)
    content = list(dict.fromkeys(w for w in rest if w not in searchtext.STOP_WORDS and len(w) > 1))
    content = content[:MAX_CONCEPTS]
    stems = {w: searchtext.stem(w) for w in content}
    alt_stems = {w: searchtext.stem(b) for w in content if (b := searchtext.verb_base(w))}
    said = [searchtext.stem(t) for t in tokens]

    def is_said(syn: Synonym) -> bool:
        """A one-word synonym is said by its word; a longer one only as the whole phrase."""
        n = len(syn.phrase)
        return n == 1 or any(tuple(said[i : i + n]) == syn.phrase for i in range(len(said) - n + 1))

    single = synonyms.single

    def expansions(syn: Synonym, factor: float) -> list[Alternative]:
        alts = []
        for phrase in syn.expansions:
            words = tuple(match_word(searchtext.stem(w), vocab) for w in phrase)
            if all(words):
                alts.append(Alternative(words, factor))
        return alts

    concepts: list[Concept] = []
    for w in content:
        s = stems[w]
        concept = Concept(typed=w)
        direct = match_word(s, vocab)
        base = alt_stems.get(w)
        via_base = match_word(base, vocab) if base else {}
        candidates = synonyms.by_stem.get(s, ()) + (synonyms.by_stem.get(base, ()) if base else ())
        related = list(dict.fromkeys(syn for syn in candidates if is_said(syn)))
        understood = bool(via_base or related) or max(direct.values(), default=0.0) >= NEAR
        guess = None if understood else _fuzzy(s, vocab, single)
        if not understood and guess is None:  # an unknown compound: read its known parts
            direct = match_word(s, vocab, split=True)
            related = _compound_synonyms(s, single)
        if direct:
            concept.alternatives.append(Alternative((direct,), 1.0))
        if via_base:
            concept.alternatives.append(Alternative((via_base,), PARTICIPLE))
        for syn in related:
            concept.alternatives.extend(expansions(syn, SYNONYM))
        if guess is not None:
            if guess in vocab.terms:
                concept.alternatives.append(Alternative((match_word(guess, vocab),), FUZZY))
                concept.correction_term = guess
            if guess in single:
                concept.alternatives.extend(expansions(single[guess], FUZZY * SYNONYM))
                if not concept.correction_term:
                    concept.correction = single[guess].term
        concepts.append(concept)
    return ParsedQuery(
        concepts=concepts,
        municipality_ids=frozenset(municipality_ids) if municipality_ids else None,
        place_labels=labels,
        words=[w for w in tokens if w not in searchtext.STOP_WORDS],
    )


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
