"""Reading a social map query: places split off, stop words dropped, each remaining word a concept
with the index terms that stand for it (same stem, near forms, compounds, everyday words, typos) and
how well each matches. Part of offersearch.py, which re-exports every name."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from .. import searchtext
from .offersearch_data import Places, Synonym, Synonyms, Vocabulary

MAX_CHARS = 300
MAX_WORDS = 40  # words looked at (places included)
MAX_CONCEPTS = 8  # content words searched
MAX_TERMS_PER_WORD = 40


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
