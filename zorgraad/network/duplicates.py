"""Find records that may be the one someone is about to create again.

Names are compared with rapidfuzz's `token_sort_ratio` on `normalise()`d text, so word order,
accents, case and punctuation do not matter ("Halle-Vilvoorde CAW" ~ "CAW Halle Vilvoorde").
For people an identical e-mail address (case-insensitive) always counts, archived people included:
an address belongs to one person. Only records of the given zone are considered.

Cost (issue 17): every record of the zone is a possible match, so the check reads and compares all of
them. What a check needs of a zone — each record's comparison key, its e-mail address — is prepared
once per zone and kept in the process (`_Index`) until a write changes those records:

- The entry is valid for one generation of the kind those records' writes raise after commit
  (people: `STAFF_PEOPLE`, raised by every write of a person; organisations: `ORGANISATION_NAMES`,
  raised by every write that may touch a name, the archive flag or the zone — pagecache, network
  hooks). The generation is read from the database at each check, not the one the request started
  with, and a check whose own transaction has written to the zone without committing yet (its raise
  is still pending) reads the rows themselves and keeps nothing. So the next check after a committed
  write sees it, in any process.
- The shared cache holds a token per (zone, kind, generation); a process uses its prepared entry only
  while the token matches (cache.clear() or an expired token makes it prepare again). A record the
  entry offers that has gone from the zone makes the check read the rows again.
- The comparison runs in rapidfuzz's own loop (`process.extract` with a score cutoff one point below
  the threshold); every record it returns is scored again with `token_sort_ratio` exactly as before,
  so the candidates and their order are the ones the plain loop over every record gives (tests:
  test_duplicates_scale.py).

On the 20,000 people of schaal-groot (bench/duplicates.py, in-process CPU): a person check with the
entry prepared 7 ms instead of 56; after a write the rows are read again (streamed, the keys of
unchanged names taken from the previous entry): 29 ms; the first check of a process 43 ms.
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch
from rapidfuzz import fuzz, process, utils

from zorgraad.zones.models import Zone

from .hooks import ORGANISATION_NAMES, STAFF_PEOPLE
from .models import Organisation, Person, normalise
from .selectors import current_affiliations

THRESHOLD = 85
LIMIT = 5
TOKEN_TIMEOUT = 600  # seconds; after that a process prepares its entry again even without a write
LOCAL_ENTRIES = 8  # prepared entries (zone, kind) kept per process
STREAM_ROWS = 2000


def _key(text: str) -> str:
    return str(utils.default_process(normalise(text)))


def _score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return float(fuzz.token_sort_ratio(a, b))


def _near(wanted: str, keys: list[str], threshold: float) -> list[int]:
    """Positions in `keys` that may score `threshold` or more: a superset (cutoff one point lower)."""
    found = process.extract(
        wanted, keys, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=threshold - 1, limit=None
    )
    return [i for _choice, _score_, i in found]


# --- prepared records of a zone --------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    """What a check needs of the records of one zone, in rapidfuzz's preferred shape."""

    pks: list[int]  # records whose names are compared (people and organisations not archived)
    keys: list[str]  # their name keys (people: "first last"; organisations: name)
    extra: list[str]  # organisations: the short name's key, per position (people: empty)
    by_email: dict[str, int]  # people: stripped, lower-case address -> pk (archived too) ...
    shared: dict[str, list[int]]  # ... and all pks of an address more than one person has
    known: dict[str, str] = field(repr=False)  # text -> key, reused by the next rebuild


def _people_index(zone: Zone, previous: _Index | None = None) -> _Index:
    known: dict[str, str] = {}
    reuse = previous.known if previous else {}
    pks: list[int] = []
    keys: list[str] = []
    by_email: dict[str, int] = {}
    shared: dict[str, list[int]] = {}
    rows = Person.objects.for_zone(zone).values_list("pk", "first_name", "last_name", "email", "is_archived")
    # Streamed: each row is freed once read, so reading 20,000 rows does not set off the garbage
    # collector's full passes over the process (they cost more than the rows themselves).
    for pk, first, last, mail, archived in rows.iterator(chunk_size=STREAM_ROWS):
        if mail:
            address = mail.strip().lower()
            if address:
                if address in by_email:
                    shared.setdefault(address, [by_email[address]]).append(pk)
                else:
                    by_email[address] = pk
        if not archived:
            text = f"{first} {last}"
            name = known.get(text)
            if name is None:
                name = reuse.get(text)
                if name is None:
                    name = _key(text)
                known[text] = name
            if name:
                pks.append(pk)
                keys.append(name)
    return _Index(pks, keys, [], by_email, shared, known)


def _organisation_index(zone: Zone, previous: _Index | None = None) -> _Index:
    known: dict[str, str] = {}
    reuse = previous.known if previous else {}

    def key(text: str) -> str:
        found = known.get(text)
        if found is None:
            found = reuse.get(text)
            if found is None:
                found = _key(text)
            known[text] = found
        return found

    pks: list[int] = []
    keys: list[str] = []
    extra: list[str] = []
    rows = Organisation.objects.for_zone(zone).filter(is_archived=False)
    for pk, name, short_name in rows.values_list("pk", "name", "short_name").iterator(chunk_size=STREAM_ROWS):
        pks.append(pk)
        keys.append(key(name))
        extra.append(key(short_name))
    return _Index(pks, keys, extra, {}, {}, known)


_local: OrderedDict[tuple[str, int], tuple[str, _Index]] = OrderedDict()
_local_lock = threading.Lock()


def _dirty(zone: Zone) -> bool:
    """This transaction wrote to the zone and has not committed: its generations are not raised yet."""
    from zorgraad.core import staffcache

    return staffcache._dirty(zone.pk)


def _generation(zone: Zone, kind: str) -> int:
    """The zone's committed generation of `kind`, read now (not the one read with the request)."""
    from zorgraad.core.models import PageGeneration

    value = PageGeneration.objects.filter(zone_id=zone.pk, kind=kind).values_list("value", flat=True).first()
    return int(value or 0)


def _index(zone: Zone, kind: str, build: Callable[[Zone, _Index | None], _Index]) -> _Index:
    """The zone's prepared records for this check: kept while the kind's generation stays the same."""
    if _dirty(zone):
        return build(zone, None)
    name = f"duplicates:{kind}:{zone.pk}:{_generation(zone, kind)}"
    token = cache.get(name)
    with _local_lock:
        held = _local.get((kind, zone.pk))
    if token is not None and held is not None and held[0] == token:
        with _local_lock:
            _local.move_to_end((kind, zone.pk))
        return held[1]
    index = build(zone, held[1] if held else None)
    if token is None:
        token = secrets.token_hex(16)
        if not cache.add(name, token, TOKEN_TIMEOUT):
            token = cache.get(name) or token  # another process prepared the same generation meanwhile
    with _local_lock:
        _local[(kind, zone.pk)] = (token, index)
        _local.move_to_end((kind, zone.pk))
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return index


def _forget(zone: Zone, kind: str) -> None:
    with _local_lock:
        _local.pop((kind, zone.pk), None)


# --- matching ---------------------------------------------------------------------------------------


def _best(scored: Iterable[tuple[float, int]]) -> list[int]:
    return [pk for _score_, pk in sorted(scored, key=lambda s: (-s[0], s[1]))]


def _organisation_pks(index: _Index, wanted: str, exclude_pk: int | None) -> list[int]:
    near = set(_near(wanted, index.keys, THRESHOLD)) | set(_near(wanted, index.extra, THRESHOLD))
    scored: list[tuple[float, int]] = []
    for i in near:
        pk = index.pks[i]
        if pk == exclude_pk:
            continue
        score = max(_score(wanted, index.keys[i]), _score(wanted, index.extra[i]))
        if score >= THRESHOLD:
            scored.append((score, pk))
    return _best(scored)[:LIMIT]


def _person_pks(
    index: _Index, wanted: str, address: str, exclude_pk: int | None, threshold: float, limit: int
) -> list[int]:
    same_email: list[int] = []
    if address and address in index.by_email:
        same = index.shared.get(address) or [index.by_email[address]]
        same_email = sorted(pk for pk in same if pk != exclude_pk)
    scored: list[tuple[float, int]] = []
    if wanted:
        taken = set(same_email)
        for i in _near(wanted, index.keys, threshold):
            pk = index.pks[i]
            if pk == exclude_pk or pk in taken:
                continue
            score = _score(wanted, index.keys[i])
            if score >= threshold:
                scored.append((score, pk))
    return (same_email + _best(scored))[:limit]


def organisation_candidates(zone: Zone, name: str, exclude_pk: int | None = None) -> list[Organisation]:
    """At most LIMIT organisations of `zone` (not archived) whose name looks like `name`, best first."""
    wanted = _key(name)
    if not wanted:
        return []
    best = _organisation_pks(_index(zone, ORGANISATION_NAMES, _organisation_index), wanted, exclude_pk)
    found = {
        o.pk: o for o in Organisation.objects.for_zone(zone).filter(pk__in=best).select_related("sector")
    }
    if len(found) < len(best):  # a record of the prepared entry is gone: read the rows themselves
        _forget(zone, ORGANISATION_NAMES)
        best = _organisation_pks(_organisation_index(zone), wanted, exclude_pk)
        found = {
            o.pk: o for o in Organisation.objects.for_zone(zone).filter(pk__in=best).select_related("sector")
        }
    return [found[pk] for pk in best if pk in found]


def people_like(
    zone: Zone,
    first_name: str,
    last_name: str,
    email: str,
    *,
    load: Callable[[list[int]], dict[int, Person]],
    threshold: float = THRESHOLD,
    limit: int = LIMIT,
    exclude_pk: int | None = None,
) -> list[Person]:
    """At most `limit` people of `zone`: same e-mail address first (by id, archived people included),
    then people not archived whose name scores at least `threshold`, best first. `load(ids)` reads
    those people as the caller shows them (id -> person)."""
    wanted = _key(f"{first_name} {last_name}")
    address = (email or "").strip().lower()
    if not wanted and not address:
        return []
    best = _person_pks(
        _index(zone, STAFF_PEOPLE, _people_index), wanted, address, exclude_pk, threshold, limit
    )
    found = load(best) if best else {}
    if not set(best) <= set(found):  # a person of the prepared entry is gone: read the rows themselves
        _forget(zone, STAFF_PEOPLE)
        best = _person_pks(_people_index(zone), wanted, address, exclude_pk, threshold, limit)
        found = load(best) if best else {}
    return [found[pk] for pk in best if pk in found]


def person_candidates(
    zone: Zone, first_name: str, last_name: str, email: str, exclude_pk: int | None = None
) -> list[Person]:
    """At most LIMIT people of `zone` with the same e-mail address or a name that looks alike.

    Same e-mail first (always shown), then by name similarity. Each person comes with
    `current_affiliations` so the warning can say where they work.
    """

    def load(pks: list[int]) -> dict[int, Person]:
        functions = current_affiliations(zone).select_related("organisation").order_by("organisation__name")
        return {
            p.pk: p
            for p in Person.objects.for_zone(zone)
            .filter(pk__in=pks)
            .prefetch_related(Prefetch("affiliations", queryset=functions, to_attr="current_affiliations"))
        }

    return people_like(zone, first_name, last_name, email, load=load, exclude_pk=exclude_pk)
