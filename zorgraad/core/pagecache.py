"""Cache for public pages, invalidated by generation counters per zone and per KIND of public data.

Why kinds: with one counter per zone, any write to a zone (a person's phone, a reply to an
invitation) cleared every public page of it in every worker, and the hit rate fell from 99 % to
17-46 % as soon as a zone was being edited (issue 17). Now each public page says which kinds of data
it shows, each model says which kinds its writes change, and a write raises only those kinds'
generations, after the transaction commits. A write to staff-only data raises nothing public.

Kinds (`PUBLIC_KINDS`):
- `zone`: the zone itself and its municipalities; every zone page depends on it. Writes to a model
  that declared nothing raise this kind: an app that forgets to declare is slow, never stale.
- `directory`: organisations and offers as the public API lists them;
- `socialmap`: the public social map (offers, organisations, their search words);
- `meetings`: bodies, meetings, agendas, attendance, published minutes, and the names of people in them;
- `reference`: tables shared by every zone (municipalities, sectors, clusters, target groups, themes,
  postal places); stored once, without a zone, and read by every page.

How a new app declares its own kind (events, signals, newsletter, ...), in its hooks.connect():

    from zorgraad.core import pagecache

    pagecache.register_kind("events")                                   # a new kind of public data
    pagecache.register_model("events.Event", "events")                  # its writes raise "events"
    pagecache.register_model("events.Registration", "events", fields={"status"})  # only these fields
    pagecache.register_model("events.StaffNote")                        # no kinds: staff-only data

and decorates its public views with the kinds they show and the query parameters they read:

    @cache_public_page(kinds=("events",), params=("q", "page"))
    def event_list(request, zone): ...

A record kind (core/pagerecords.py) is finer: a save of ONE record touching only some fields raises
it with that record's id instead of the kinds it covers, and a page that tracks it
(`records=(kind,)`) is rendered again only when it read that record. The social map tracks
`contacts`, an organisation's phone, e-mail and website (receivers.py):

    pagecache.register_record_kind("contacts", "network.Organisation", fields={"phone", ...},
                                   covers=(DIRECTORY, SOCIALMAP))
    @cache_public_page(kinds=(SOCIALMAP,), params=(), records=("contacts",))

`@cache_public_page` without arguments still works: the page then depends on every kind of its zone
and its key holds the whole query string (the old behaviour).

Every write path raises the right generations: post_save/post_delete/m2m_changed receivers
(receivers.py) for single writes, and ZoneQuerySet.update/bulk_create/bulk_update (scoping.py) for
bulk ones; reference tables raise `reference` for all zones. Services that write with raw SQL or
outside the ORM call `bump(zone_id, *kinds)` themselves.

The generations live in the database (core.PageGeneration), read together with the zone by
ZoneAccessMiddleware in ONE raw query (core/zonequery.py), so any process sees a committed write at
once, whatever the cache backend: a page is never served after a write that changed it. The key of
a page holds its zone, the generations of its kinds, the language and ONLY the query parameters the
page reads (the view sees only those too, so two addresses with the same key render the same page);
other parameters (tracking tags, typos, random strings) cannot fill the cache. Entries larger than
`MAX_PAGE_BYTES` are not stored; the local memory backend is bounded in bytes (core/cache.py); a
shared Redis (REDIS_URL) is bounded by its `maxmemory` with LRU eviction (bin/with-redis).

Only anonymous GETs without a session or pending messages are cached: those pages carry no CSRF token
and nothing personal.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from . import pagerecords
from .zonequery import zone_read_ahead as zone_read_ahead  # re-exported: callers use pagecache.*
from .zonequery import zone_with_generations as zone_with_generations

PAGE_TIMEOUT = 600
MAX_PAGE_BYTES = 512 * 1024

ZONE = "zone"
DIRECTORY = "directory"
SOCIALMAP = "socialmap"
MEETINGS = "meetings"
REFERENCE = "reference"
PUBLIC_KINDS: list[str] = [ZONE, DIRECTORY, SOCIALMAP, MEETINGS, REFERENCE]
ALL = "__all__"
# A record kind (core/pagerecords.py): one organisation's contact details (receivers.py).
CONTACTS = "contacts"

# model label -> (kinds, fields or None). A model not listed raises ZONE; () raises nothing.
MODEL_KINDS: dict[str, tuple[tuple[str, ...], frozenset[str] | None]] = {}
# Tables without a zone whose writes change every zone's pages.
GLOBAL_MODELS: set[str] = set()


def register_kind(kind: str) -> None:
    """Declare a new kind of public data (an app's own pages)."""
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", kind):
        raise ValueError(f"Bad page-cache kind {kind!r}")
    if kind not in PUBLIC_KINDS:
        PUBLIC_KINDS.append(kind)


def register_model(label: str, *kinds: str, fields: Iterable[str] | None = None) -> None:
    """Writes to `label` ("app.Model") raise `kinds`; with `fields`, only saves that may touch them.

    A save with `update_fields` outside `fields` raises nothing; a save without update_fields, a
    delete and a bulk write always raise. No kinds: the model's writes never touch public pages.
    """
    for kind in kinds:
        if kind not in PUBLIC_KINDS:
            raise ValueError(f"Unknown page-cache kind {kind!r}: register_kind() it first")
    MODEL_KINDS[label] = (tuple(kinds), frozenset(fields) if fields is not None else None)


# model label -> {public kind: fields}: on top of the model's kinds, raised only by writes that may
# touch those fields (a save without update_fields, a delete and a bulk_create always raise them; a
# queryset update() only when it sets one of them).
FIELD_KINDS: dict[str, dict[str, frozenset[str]]] = {}


def register_field_kind(label: str, kind: str, fields: Iterable[str]) -> None:
    """Writes to `label` that may touch `fields` also raise the public `kind`.

    E.g. meeting pages show an organisation's name and address, not its phone number:
    `register_field_kind("network.Organisation", MEETINGS, {"name", "street", ...})`.
    """
    if kind not in PUBLIC_KINDS:
        raise ValueError(f"Unknown page-cache kind {kind!r}: register_kind() it first")
    FIELD_KINDS.setdefault(label, {})[kind] = frozenset(fields)


def register_record_kind(kind: str, label: str, *, fields: Iterable[str], covers: Iterable[str]) -> None:
    """Saves of ONE `label` record touching only `fields` raise `kind` with that record's id instead
    of the public kinds `covers`; see core/pagerecords.py. Pages that track it: `records=(kind,)`."""
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", kind) or kind in PUBLIC_KINDS or kind in STAFF_KINDS:
        raise ValueError(f"Bad record kind {kind!r}")
    covers_t = tuple(covers)
    for covered in covers_t:
        if covered not in PUBLIC_KINDS:
            raise ValueError(f"Unknown page-cache kind {covered!r}: register_kind() it first")
    pagerecords.register(kind, label, fields, covers_t)


def register_global_model(label: str) -> None:
    """A table shared by every zone (reference data): its writes raise REFERENCE."""
    GLOBAL_MODELS.add(label)


def kinds_for(label: str, update_fields: Iterable[str] | None = None) -> tuple[str, ...]:
    kinds, fields = MODEL_KINDS.get(label, ((ZONE,), None))
    if fields is not None and update_fields is not None and not (fields & set(update_fields)):
        kinds = ()
    extra = FIELD_KINDS.get(label)
    if extra:  # public kinds raised only by writes that may touch their fields
        changed = set(update_fields) if update_fields is not None else None
        kinds = kinds + tuple(
            kind for kind, only in extra.items() if kind not in kinds and (changed is None or only & changed)
        )
    staff = STAFF_MODEL_KINDS.get(label)
    if staff:  # kinds of staff-only data (cached staff fragments, core/fragments.py)
        changed = set(update_fields) if update_fields is not None else None
        kinds = kinds + tuple(
            kind
            for kind, only in staff.items()
            if kind not in kinds and (only is None or changed is None or only & changed)
        )
    return kinds


# Kinds of STAFF-ONLY data (core/fragments.py): raised like the public kinds, after commit, by every
# write path, but kept out of PUBLIC_KINDS so that no public page's key depends on them.
# STAFF_ANY is raised by EVERY write of a zone (whatever the model declared, fields or not) and by
# writes to the tables without a zone that staff pages show (accounts, roles, reference tables: for
# None, read by every zone): the whole-page cache of staff pages (core/staffcache.py) depends on it.
# It is added by bump_model/bump_zone/bump_staff, not by kinds_for(): services that raise a model's
# kinds themselves (the events registration fast path) do not raise it per row.
STAFF_ANY = "staff"
STAFF_KINDS: list[str] = [STAFF_ANY]
# model label -> {staff kind: fields or None}, on top of the model's public kinds.
STAFF_MODEL_KINDS: dict[str, dict[str, frozenset[str] | None]] = {}


def register_staff_kind(kind: str, *labels: str, fields: Iterable[str] | None = None) -> None:
    """A kind of staff-only data: writes to the models `labels` raise it (only saves that may touch
    `fields`, when given), without raising any public kind or changing the models' public kinds."""
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", kind) or kind in PUBLIC_KINDS:
        raise ValueError(f"Bad staff kind {kind!r}")
    if kind not in STAFF_KINDS:
        STAFF_KINDS.append(kind)
    for label in labels:
        STAFF_MODEL_KINDS.setdefault(label, {})[kind] = frozenset(fields) if fields is not None else None


# Staff-only kinds raised INSIDE the writing statement by a service that writes outside the ORM (the
# events registration fast path), not after commit: the new generation becomes visible with the row,
# never before it. They are kept out of every page key (public, whole staff page), so that such a
# write, hundreds a minute when an event opens, clears no page; a page that shows that data declares
# a stamp that reads the generation (events/hooks.registrations_stamp, core/registry.cacheable_panels).
STAMP_KINDS: set[str] = set()


def register_stamp_kind(kind: str) -> None:
    """Declare a staff-only kind raised in the writing statement itself (`raise_in_statement_sql`)."""
    if not re.fullmatch(r"[a-z][a-z0-9_-]{0,39}", kind) or kind in PUBLIC_KINDS:
        raise ValueError(f"Bad stamp kind {kind!r}")
    if kind not in STAFF_KINDS:
        STAFF_KINDS.append(kind)
    STAMP_KINDS.add(kind)


def raise_in_statement_sql(connection: Any, source: str = "") -> str:
    """SQL that raises one zone's generation of a kind by one, creating its row at 1; parameters: the
    zone id and the kind. `source` ("FROM reg"): only as many times as it yields rows (a data-modifying
    CTE raises it only when its INSERT wrote a row; the WHERE tells SQLite's parser the upsert from a
    join). An upsert on the (zone, kind) unique index, so two
    concurrent first raises cannot both create the row; it runs in the caller's transaction."""
    from .models import PageGeneration

    quote = connection.ops.quote_name
    table = quote(PageGeneration._meta.db_table)
    zone, kind, value = quote("zone_id"), quote("kind"), quote("value")
    return (
        f"INSERT INTO {table} ({zone}, {kind}, {value}) SELECT %s, %s, 1 {source} WHERE 1 = 1 "
        f"ON CONFLICT ({zone}, {kind}) DO UPDATE SET {value} = {table}.{value} + 1"
    )


# --- raising generations ---------------------------------------------------------------------------


def bump(zone_id: int | None, *kinds: str) -> None:
    """Raise the generations of `kinds` of the zone (None: the shared reference data) after commit."""
    if kinds:
        _pend({(zone_id, kind) for kind in kinds})


def _pend(new: set[tuple[Any, ...]]) -> None:
    """Rows to raise when the transaction commits: (zone, kind), or (zone, record kind, pk)."""
    conn = transaction.get_connection()
    pending: set[tuple[Any, ...]] = conn.__dict__.setdefault("_zorgraad_bumps", set())
    if pending and not any(getattr(func, "func", None) is _flush for _, func, _ in conn.run_on_commit):
        # The transaction that was to flush them was rolled back: its flush is gone, so start over
        # (else this zone's writes would never raise its generation again on this connection).
        pending.clear()
    new = new - pending
    if not new:
        return
    first = not pending
    pending.update(new)
    if first:
        transaction.on_commit(functools.partial(_flush, pending))


def bump_zone(zone_id: int | None) -> None:
    """Raise every public kind of the zone (its record, municipalities; writes of undeclared models)."""
    if zone_id:
        bump(zone_id, ZONE, STAFF_ANY)


def bump_staff(zone_id: int | None) -> None:
    """A write staff pages may show and no public one does (None: a table without a zone)."""
    bump(zone_id, STAFF_ANY)


def bump_model(
    label: str, zone_id: int | None, update_fields: Iterable[str] | None = None, pk: Any = None
) -> None:
    """A write to `label` of the zone: its kinds, and STAFF_ANY whatever it declared.

    `pk`: the write is a save of that one record; when its `update_fields` are all fields of a
    record kind (pagerecords), it raises that kind for this record instead of the kinds it covers."""
    if label in GLOBAL_MODELS:
        bump(None, REFERENCE, STAFF_ANY)
    elif zone_id:
        kinds = kinds_for(label, update_fields)
        record = pagerecords.single_record_write(label, update_fields) if pk is not None else None
        if record is not None:
            kinds = tuple(kind for kind in kinds if kind not in record.covers)
            bump_record(zone_id, record.kind, pk)
        bump(zone_id, *kinds, STAFF_ANY)


def bump_record(zone_id: int, kind: str, pk: Any) -> None:
    """Raise the zone's generation of the record kind `kind` for record `pk`, after commit."""
    _pend({(zone_id, kind, int(pk))})


def _flush(pending: set[tuple[Any, ...]]) -> None:
    from .models import PageGeneration

    rows = set(pending)
    pending.clear()
    records: dict[tuple[int, str], set[int]] = {}
    for row in rows:
        if len(row) == 3:  # (zone, record kind, pk): one raise per zone and kind, with every pk
            records.setdefault((row[0], row[1]), set()).add(row[2])
    for zone_id, kind in sorted((r for r in rows if len(r) == 2), key=lambda r: (r[0] or 0, r[1])):
        PageGeneration.raise_(zone_id, kind)
    for (zone_id, kind), pks in sorted(records.items()):
        pagerecords.raise_with_log(zone_id, kind, pks)


# --- reading generations ---------------------------------------------------------------------------


def generations_of(zone: Any) -> dict[str, int]:
    """The zone's generations per kind: read with the zone by the middleware, else one query."""
    found = getattr(zone, "page_generations", None)
    if found is None:
        from django.db.models import Q

        from .models import PageGeneration

        found = {}
        for kind, value in PageGeneration.objects.filter(
            Q(zone_id=zone.pk) | Q(zone__isnull=True)
        ).values_list("kind", "value"):
            found[kind] = found.get(kind, 0) + value
        zone.page_generations = found
    return found


def _scope(zone: Any, kinds: tuple[str, ...], records: tuple[str, ...] = ()) -> str:
    gens = generations_of(zone)
    if kinds == (ALL,):  # every PUBLIC kind (record kinds too): staff-only kinds share the table
        wanted = sorted(k for k in gens if k not in STAFF_KINDS)
    else:  # a record kind of a covered kind the page does not track: in the key, as a kind
        wanted = sorted({ZONE, REFERENCE, *kinds, *pagerecords.coarse_kinds(kinds, records)})
    if records:  # tracked: checked against what the page read (cached_response), marked in the key
        wanted.append("~" + "~".join(records))
    return f"{zone.pk}:" + ",".join(f"{k}{gens.get(k, 0)}" for k in wanted)


def _all_zones_scope() -> str:
    """For a page about all zones (the start page): the zone kind of every zone and reference data."""
    from django.db.models import Count, Q, Sum

    from zorgraad.zones.models import Zone

    from .models import PageGeneration

    totals = PageGeneration.objects.filter(Q(kind=ZONE) | Q(kind=REFERENCE)).aggregate(g=Sum("value"))
    zones = Zone.objects.aggregate(n=Count("id"))
    return f"all:{totals['g'] or 0}:{zones['n']}"


# --- the decorator -------------------------------------------------------------------------------


def _cacheable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not request.user.is_authenticated
        and "sessionid" not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def _kept(request: HttpRequest, params: tuple[str, ...] | None) -> QueryDict | None:
    """The query parameters the page reads, or None when the request keeps its query string as it is."""
    if params is None or not request.META.get("QUERY_STRING"):
        return None  # no query string: nothing to keep or drop
    kept = QueryDict(mutable=True)
    for name in params:
        values = request.GET.getlist(name)
        if values:
            kept.setlist(name, values)
    kept._mutable = False
    return kept


def _only(request: HttpRequest, params: tuple[str, ...] | None) -> str:
    """The query string of the parameters the page reads; the request keeps only those."""
    kept = _kept(request, params)
    if kept is None:
        return request.META.get("QUERY_STRING", "")
    query = kept.urlencode()
    request.GET = kept  # type: ignore[assignment]
    request.META["QUERY_STRING"] = query
    return query


def page_key(
    request: HttpRequest, zone: Any, kinds: tuple[str, ...], query: str, records: tuple[str, ...] = ()
) -> str:
    """The cache key of a public page: its zone's generations of `kinds` (or every zone's, for a page
    without zone), the active language, the path and the query string of the parameters it reads.
    The public lane (core/publiclane.py) builds the same key with the same function."""
    scope = _scope(zone, kinds, records) if zone is not None else _all_zones_scope()
    digest = hashlib.sha1(f"{request.path}?{query}".encode(), usedforsecurity=False).hexdigest()
    return f"page:{scope}:{get_language()}:{digest}"


def page_query(request: HttpRequest, params: tuple[str, ...] | None) -> str:
    """The query string `page_key` takes, without changing the request (the public lane's)."""
    kept = _kept(request, params)
    return request.META.get("QUERY_STRING", "") if kept is None else kept.urlencode()


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return bool(header) and any(t.strip().removeprefix("W/") in (etag, "*") for t in header.split(","))


def _not_modified(etag: str, stamp: int | None) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    if stamp:
        response["Last-Modified"] = http_date(stamp)
    response["Cache-Control"] = "no-cache"
    response["X-Zorgraad-Cache"] = "not-modified"
    return response


def _etag_of(key: str) -> str:
    return '"' + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:24] + '"'


def page_etag(key: str, zone: Any = None, records: tuple[str, ...] = ()) -> str:
    """The ETag of the page of `key` now: the key, and the generations of the record kinds it tracks
    (a tracked page's key leaves them out: a write to a record it read changes the page, not its key)."""
    if records and zone is not None:
        gens = generations_of(zone)
        key = key + "|" + ",".join(f"{kind}{gens.get(kind, 0)}" for kind in records)
    return _etag_of(key)


def cached_response(
    key: str, request: HttpRequest, etag: str | None = None, zone: Any = None
) -> HttpResponse | None:
    """The page of `key` as the cache has it (200, or 304 to a conditional request), or None: render it.

    A request whose If-None-Match holds the page's ETag (`page_etag`) gets a 304 without a cache
    lookup: the ETag holds the generations read in this request, so the page it names is still
    current. A copy of a page that tracks records (pagerecords) is served only when none of the
    records it read changed since it was rendered.
    """
    etag = etag or _etag_of(key)
    if _etag_matches(request, etag):
        return _not_modified(etag, None)
    hit = cache.get(key)
    if hit is None:
        return None
    content, content_type, extra, stamp, *rest = hit
    if rest and rest[0]:  # the records it read, and the generations it saw
        if zone is None or not pagerecords.still_current(zone.pk, rest[0], generations_of(zone)):
            return None
        extra = {**extra, "ETag": etag}
    if "HTTP_IF_MODIFIED_SINCE" in request.META and "HTTP_IF_NONE_MATCH" not in request.META:
        since = parse_http_date_safe(request.META["HTTP_IF_MODIFIED_SINCE"])
        if since is not None and since >= stamp:
            return _not_modified(etag, stamp)
    response = HttpResponse(content, content_type=content_type)
    # ETag, Last-Modified and Cache-Control were worked out when the page was stored.
    for header, value in extra.items():
        response[header] = value
    response["X-Zorgraad-Cache"] = "hit"
    if "Last-Modified" not in extra:  # an entry stored before they were
        response["ETag"] = etag
        response["Last-Modified"] = http_date(stamp)
        response["Cache-Control"] = "no-cache"
    return response


def _serve(
    key: str,
    request: HttpRequest,
    render: Callable[[], HttpResponse],
    zone: Any = None,
    records: tuple[str, ...] = (),
) -> HttpResponse:
    """From the cache or rendered; conditional: the ETag is the key, Last-Modified the first render.

    `Cache-Control: no-cache`: browsers and calendar clients ask again each time (a 304 costs no
    rendering), so they never show a page older than the last committed write either.
    `records`: the record kinds the page tracks; the ids it reads are kept with it.
    """
    records = records if zone is not None else ()
    etag = page_etag(key, zone, records)
    found = cached_response(key, request, etag, zone)
    if found is not None:
        return found
    kept: dict[str, Any] = {}
    if records:
        gens = dict(generations_of(zone))  # read before rendering: a later change is seen as one
        with pagerecords.reading() as seen:
            response = render()
        kept = pagerecords.snapshot(records, gens, seen)
    else:
        response = render()
    if response.status_code != 200 or response.streaming or response.cookies:
        return response
    stamp = int(time.time())
    headers = {"ETag": etag, "Last-Modified": http_date(stamp), "Cache-Control": "no-cache"}
    if len(response.content) <= MAX_PAGE_BYTES:
        extra = {h: response[h] for h in ("Content-Disposition",) if h in response}
        entry = (response.content, response["Content-Type"], extra | headers, stamp, kept)
        cache.set(key, entry, PAGE_TIMEOUT)
    response["X-Zorgraad-Cache"] = "miss"
    for header, value in headers.items():
        response[header] = value
    return response


def cache_public_page(
    view: Callable[..., HttpResponse] | None = None,
    *,
    kinds: Iterable[str] = (ALL,),
    params: Iterable[str] | None = None,
    records: Iterable[str] = (),
) -> Any:
    """Cache an anonymous GET of a public page; see the module docstring for `kinds` and `params`.

    `records`: record kinds (core/pagerecords.py) the page tracks: a write to one record clears it
    only when it read that record. Checked when the first request comes, as the kinds are."""
    kinds_t = tuple(kinds)
    params_t = tuple(params) if params is not None else None
    records_t = tuple(records)
    for kind in kinds_t:
        if kind != ALL and kind not in PUBLIC_KINDS:
            raise ValueError(f"Unknown page-cache kind {kind!r}")
    if records_t and kinds_t == (ALL,):
        raise ValueError("A page that tracks records names the kinds it shows")

    def decorate(func: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                return func(request, *args, **kwargs)
            zone = getattr(request, "zone", None)
            key = page_key(request, zone, kinds_t, _only(request, params_t), records_t)
            return _serve(key, request, lambda: func(request, *args, **kwargs), zone, records_t)

        wrapped.page_cache_kinds = kinds_t  # type: ignore[attr-defined]
        wrapped.page_cache_params = params_t  # type: ignore[attr-defined]
        wrapped.page_cache_records = records_t  # type: ignore[attr-defined]
        # The wrapper itself: a decorator put around it copies these attributes (functools.wraps)
        # but is not this function, so the public lane leaves such a view to the whole stack.
        wrapped.page_cache_view = wrapped  # type: ignore[attr-defined]
        return wrapped

    if view is not None:
        return decorate(view)
    return decorate


class PublicApiCacheMiddleware:
    """The same cache for the public read API (`/api/v1/zones/<zone>/organisations|offers...`).

    The API resolves its zone itself, so this middleware reads the zone and its generations by slug
    (one raw query) and serves anonymous GETs of the public endpoints from the cache.
    """

    PATTERN = re.compile(r"^/api/v1/zones/(?P<zone>[-\w]+)/(organisations|offers)(/\d+)?/?$")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = self.PATTERN.match(request.path)
        if match is None or not _cacheable(request):
            return self.get_response(request)
        zone = zone_with_generations(match["zone"])
        if zone is None:
            return self.get_response(request)
        path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
        key = f"api:{_scope(zone, (DIRECTORY, SOCIALMAP))}:{path}"
        return _serve(key, request, lambda: self.get_response(request))
