"""Dutch text analysis for the social map search: the same words on every database.

A text becomes a list of *terms*: lower case without accents (`normalise`), split on everything
that is not a letter or a digit, stop words dropped, and each word reduced to its stem by the
Snowball stemmer for Dutch (`huisartsen` -> `huisarts`, `schulden` -> `schuld`). The index of the
social map (OfferSearchTerm) and the query go through the same functions, so SQLite and PostgreSQL
see the same terms; no database text search is involved.

The classic Snowball (Porter) algorithm is used rather than the newer Kraaij-Pohlmann one that is
called "dutch" since Snowball 3: the latter also strips `ge` inside words (`gezinszorg` ->
`zinszorg`, `budgethulp` -> `budthulp`), which breaks the compound matching the search relies on.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator

import snowballstemmer

from .models import normalise

MAX_WORD = 40  # longer "words" are noise (URLs, pasted hashes): dropped
MIN_STEM = 4  # words of this length or longer are stemmed; shorter ones are kept as they are

_SPLIT = re.compile(r"[^0-9a-z]+")

# Function words and the fillers of a question ("ik zoek iemand die ..."). Words that can carry a
# need on their own (hulp, zorg, thuis, alleen, geld) are NOT here.
_STOP_TEXT = """
aan aub af al alle allemaal alles als alsjeblieft alstublieft altijd ander andere anders bedankt
ben beste bij binnen daar daarom dag dan dank dat de deze der die dit doch doe doen door dus
echt een eens en enkel er erg ergens even ge geen gewoon gij graag had hadden hallo heb hebben
hebt heeft heel hem het hier hij hoe hoi hun ik in is ja je jij jou jouw jullie kan kon kunnen
kunt laat maar me meer men met mevrouw meneer mij mijn misschien moet moeten mogen mag na naar
nie niet niets ni nodig nog nu of om omdat onder ons onze ook op over pls postcode precies
reeds sinds sommige te tegen toch toen tot u uit uw uwe van veel voor waar wanneer want waren
was wat we weet wel welk welke werd wie wij wil willen wilt worden wordt ze zal zelf zich zie
zij zijn zo zoek zoeken zoekt zonder zou zouden zullen
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())

_stemmer = snowballstemmer.stemmer("dutch_porter")
_stem_lock = threading.Lock()  # a Snowball stemmer object keeps state while it works


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The stem of one normalised word; numbers and short words are kept as they are."""
    if len(word) < MIN_STEM or word.isdigit():
        return word
    with _stem_lock:
        result: str = _stemmer.stemWord(word)
    return result or word


def words(text: str) -> list[str]:
    """The normalised words of `text`, stop words and over-long words left out."""
    return [w for w in _SPLIT.split(normalise(text)) if w and len(w) <= MAX_WORD and w not in STOP_WORDS]


def all_words(text: str) -> list[str]:
    """The normalised words of `text`, stop words included (for phrases such as place names)."""
    return [w for w in _SPLIT.split(normalise(text)) if w and len(w) <= MAX_WORD]


def terms(text: str) -> Iterator[tuple[str, str]]:
    """(term, word) for every word of `text` that is not a stop word."""
    for w in words(text):
        if len(w) < 2 and not w.isdigit():
            continue
        yield stem(w), w


def verb_base(word: str) -> str | None:
    """The verb under a conjugated form: `gevallen` -> `vallen`, `valt` -> `val`, `drinkt` -> `drink`.

    Citizens describe what happens ("oma is gevallen", "papa drinkt"); the offer names the activity
    (vallen, valpreventie, drinken). Past participles ge...en / ge...d / ge...t lose their `ge`; a
    present form ending in -t (not -dt, -tt) loses the `t`. Used as an alternative reading only.
    """
    if (
        len(word) >= 7
        and word.startswith("ge")
        and word.endswith(("en", "d", "t"))
        and word[2] not in "aeiou"
    ):
        return word[2:]
    if 4 <= len(word) <= 9 and word.endswith("t") and word[-2] not in "aeioudt":
        return word[:-1]
    return None


def clean_query(q: str, *, max_chars: int = 300) -> str:
    """A query fit for the search: bounded in length, without control characters."""
    q = (q or "")[: max_chars * 4]
    q = "".join(c if c.isprintable() else " " for c in q)
    return q[:max_chars]
