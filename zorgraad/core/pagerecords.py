"""Record kinds: a write to ONE record clears only the cached public pages that read that record.

Why (issue 17): a partner's phone number, e-mail or website is shown on the social map's offer pages
and on every search page that lists one of its offers. With one generation per kind, each such write
raised `socialmap` and every worker rendered every page of the social map again (50 of the 57 pages
of the bench's rotation, about 0.5 s of CPU per worker per write), so the public pages fell from
60 % to 36-58 % of hello world while a zone was being edited. Most pages do not show that partner.

How it works:
- A record kind (`register_record_kind("contacts", "network.Organisation", fields=..., covers=...)`)
  names the fields of a model whose single-record saves raise it INSTEAD OF the `covers` kinds: a
  save with `update_fields` inside `fields` raises the zone's generation of the record kind and logs
  which record it was (core.RecordChange, in the same transaction as the raise, after the write's
  commit). Every other write of the model (a full save, a delete, a queryset update, bulk writes)
  raises the covered kinds as before, so nothing depends on the log being complete for them.
- A page that TRACKS the record kind (`cache_public_page(..., records=("contacts",))`) keeps with
  its cached copy the ids of the model's records it read while rendering (every instance the ORM
  built: `ReadTracked.from_db`, select_related and prefetches included) and the record kind's
  generation it saw. A cached copy is served only when no record it read changed since: the ids
  changed between the two generations come from the log, read once per process and generation.
  An unknown change (pruned log, a generation that went back, a raise without ids) renders again.
- A page keyed on a covered kind that does NOT track the record kind (the public API, a page about
  every kind) has the record kind's generation in its key: any such write clears it, as before.

A page may only track a record kind when everything it shows of those records comes from model
instances (not `.values()`, raw SQL or a cache of its own) and when no record's changed fields
decide WHICH records it lists (a search over phone numbers would have to stay coarse).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RecordKind:
    kind: str
    label: str  # "app.Model"
    fields: frozenset[str]
    covers: tuple[str, ...]  # the page kinds its writes no longer raise


RECORD_KINDS: dict[str, RecordKind] = {}
BY_LABEL: dict[str, RecordKind] = {}


def register(kind: str, label: str, fields: Iterable[str], covers: Iterable[str]) -> None:
    found = RecordKind(kind, label, frozenset(fields), tuple(covers))
    RECORD_KINDS[kind] = found
    BY_LABEL[label] = found


def single_record_write(label: str, update_fields: Iterable[str] | None) -> RecordKind | None:
    """The record kind a save of one `label` record with `update_fields` raises, or None (coarse)."""
    found = BY_LABEL.get(label)
    if found is None or update_fields is None:
        return None
    changed = set(update_fields)
    return found if changed and changed <= found.fields else None


def coarse_kinds(page_kinds: Iterable[str], tracked: Iterable[str]) -> set[str]:
    """Record kinds whose generation a page keyed on `page_kinds` must hold in its key."""
    kinds = set(page_kinds)
    skip = set(tracked)
    return {r.kind for r in RECORD_KINDS.values() if r.kind not in skip and kinds & set(r.covers)}


# --- tracking what a render reads ----------------------------------------------------------------

_reading: ContextVar[set[tuple[str, Any]] | None] = ContextVar("zorgraad_records_read", default=None)


class ReadTracked:
    """Model mixin: while a tracking page renders, note every record of this model the ORM builds."""

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any) -> Any:
        instance = super().from_db(db, field_names, values)  # type: ignore[misc]
        seen = _reading.get()
        if seen is not None:
            seen.add((cls._meta.label, instance.pk))  # type: ignore[attr-defined]
        return instance


@contextlib.contextmanager
def reading() -> Iterator[set[tuple[str, Any]]]:
    """Collect the (label, pk) of the tracked records built inside the block (nested: both see them)."""
    outer = _reading.get()
    seen: set[tuple[str, Any]] = set()
    token = _reading.set(seen)
    try:
        yield seen
    finally:
        _reading.reset(token)
        if outer is not None:
            outer.update(seen)


def snapshot(kinds: Iterable[str], generations: dict[str, int], seen: set[tuple[str, Any]]) -> dict:
    """What a cached page keeps: per tracked kind, the generation it saw and the ids it read."""
    out = {}
    for kind in kinds:
        label = RECORD_KINDS[kind].label
        out[kind] = (generations.get(kind, 0), frozenset(int(pk) for lbl, pk in seen if lbl == label))
    return out


def still_current(zone_id: int, kept: dict, generations: dict[str, int]) -> bool:
    """Did none of the records a cached page read change since it was rendered?"""
    for kind, (seen_gen, ids) in kept.items():
        now = generations.get(kind, 0)
        if now == seen_gen:
            continue
        changed = changed_between(zone_id, kind, seen_gen, now)
        if changed is None or not changed.isdisjoint(ids):
            return False
    return True


# --- the log, read once per process and generation -------------------------------------------------

MAX_SPAN = 2000  # generations between a cached copy and now: more, render again
KEPT_VALUES = 20_000  # logged generations a process keeps per zone and kind
ALL_RECORDS = -1  # a raise without ids: every record counts as changed

_LOG: dict[tuple[int, str], dict[int, frozenset[int]]] = {}
_SPANS: dict[tuple[int, str, int, int], frozenset[int] | None] = {}
_LOCK = threading.Lock()


def changed_between(zone_id: int, kind: str, since: int, until: int) -> frozenset[int] | None:
    """Ids of the records of `kind` changed by generations since+1..until; None: unknown."""
    if until < since or until - since > MAX_SPAN:
        return None
    span = (zone_id, kind, since, until)
    known = _SPANS.get(span, _SPANS)  # one lookup: another thread may clear it meanwhile
    if known is not _SPANS:
        return known  # type: ignore[return-value]
    log = _LOG.setdefault((zone_id, kind), {})
    wanted = range(since + 1, until + 1)
    if any(value not in log for value in wanted):
        _load(zone_id, kind, since, until, log)
    ids: set[int] = set()
    found: frozenset[int] | None
    for value in wanted:
        got = log.get(value)
        if got is None or ALL_RECORDS in got:  # a generation without its log rows: unknown
            found = None
            break
        ids.update(got)
    else:
        found = frozenset(ids)
    with _LOCK:
        if len(_SPANS) > 10_000:
            _SPANS.clear()
        _SPANS[span] = found
    return found


def _load(zone_id: int, kind: str, since: int, until: int, log: dict[int, frozenset[int]]) -> None:
    from .models import RecordChange

    rows: dict[int, set[int]] = {}
    for value, record_id in RecordChange.objects.filter(
        zone_id=zone_id, kind=kind, value__gt=since, value__lte=until
    ).values_list("value", "record_id"):
        rows.setdefault(value, set()).add(ALL_RECORDS if record_id is None else record_id)
    with _LOCK:
        if len(log) > KEPT_VALUES:
            log.clear()
        for value, ids in rows.items():
            log[value] = frozenset(ids)


def forget() -> None:
    """Drop what this process read of the log (tests; another process never had it)."""
    with _LOCK:
        _LOG.clear()
        _SPANS.clear()


# --- writing the log (pagecache._flush, after the write's commit) --------------------------------

PRUNE_EVERY = 256  # generations; rows older than KEEP_SECONDS are deleted then
KEEP_SECONDS = 3600  # a cached page lives at most pagecache.PAGE_TIMEOUT (600 s)


def raise_with_log(zone_id: int, kind: str, ids: Iterable[int | None]) -> int:
    """Raise the zone's generation of a record kind by one and log the records it changed, in ONE
    transaction: whoever reads the new generation also finds its log rows."""
    import datetime as dt

    from django.db import transaction
    from django.utils import timezone

    from .models import PageGeneration, RecordChange

    with transaction.atomic():
        PageGeneration.raise_(zone_id, kind)
        value = PageGeneration.objects.filter(zone_id=zone_id, kind=kind).values_list("value", flat=True)[0]
        RecordChange.objects.bulk_create(
            [RecordChange(zone_id=zone_id, kind=kind, value=value, record_id=pk) for pk in set(ids)]
        )
    if value % PRUNE_EVERY == 0:
        RecordChange.objects.filter(
            created_at__lt=timezone.now() - dt.timedelta(seconds=KEEP_SECONDS)
        ).delete()
    return value
