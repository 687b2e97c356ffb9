"""The active zone of a slug and its page-cache generations, in one raw SQL statement (issue 17).

Split from core/pagecache.py, which re-exports `zone_with_generations` and `zone_read_ahead`: every
request of a zone (ZoneAccessMiddleware, the public lane, the public API cache) starts here, so no
ORM query is built for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.db import connections


def zone_with_generations(slug: str, rider: tuple[str, tuple[Any, ...]] | None = None) -> Any:
    """The active zone of `slug` with its generations (`zone.page_generations`), in one raw query.

    Raw SQL: no ORM query is built on every request (issue 17: building one cost 0.4-0.6 ms). The
    statement, column names and value converters are worked out once per database connection
    (`_zone_plan`); a request only runs the query and turns its rows into the zone. Never cached
    between requests: every request reads the committed generations, so a write in another process
    is seen by the next request. (Prepared statements were tried on PostgreSQL: psycopg's
    `prepare=True` saved no measurable server CPU for this plan, 0.14 ms per statement either way.)

    `rider`: (sql, params) of a SELECT of one column named `rider_value` that the request needs too
    (the user's roles in the zone: permissions.roles_rider), read in the same statement (UNION ALL:
    one round trip less, and the same snapshot as the zone). Its values, as text, are in
    `zone.rider_values`; without a rider that attribute is None.
    """
    ahead = _read_ahead.get()
    if ahead is not None:  # read a moment ago in this request by the public lane: not twice
        _read_ahead.set(None)
        if ahead[0] == slug:
            return ahead[1]  # without rider values: the caller reads them itself
    conn = connections["default"]  # the thread's own connection (not the proxy): one lookup
    sql, attnames, converters, n, from_db = conn.__dict__.get("_zorgraad_zone_plan") or _zone_plan(conn)
    params: tuple[Any, ...] = (slug,)
    if rider is not None:
        sql = f"{sql} UNION ALL SELECT {_nulls(n)}, NULL, NULL, 1, r.rider_value FROM ({rider[0]}) r"
        params = (slug, *rider[1])
    rows = _zone_rows(conn, sql, params)
    zone_rows = [row for row in rows if row[n + 2] == 0]
    if not zone_rows:
        return None
    values = list(zone_rows[0][:n])
    for i, col, funcs in converters:
        value = values[i]
        for func in funcs:
            value = func(value, col, conn)
        values[i] = value
    zone = from_db("default", attnames, values)
    generations: dict[str, int] = {}
    for row in zone_rows:
        kind = row[n]
        if kind is not None:
            generations[kind] = generations.get(kind, 0) + int(row[n + 1])
    zone.page_generations = generations
    zone.rider_values = None if rider is None else [str(row[n + 3]) for row in rows if row[n + 2] == 1]
    return zone


_NULLS: dict[int, str] = {}


def _nulls(n: int) -> str:
    if n not in _NULLS:
        _NULLS[n] = ", ".join(["NULL"] * n)
    return _NULLS[n]


_read_ahead: ContextVar[tuple[str, Any] | None] = ContextVar("zorgraad_zone_read_ahead", default=None)


@contextlib.contextmanager
def zone_read_ahead(slug: str, zone: Any) -> Iterator[None]:
    """Within the block, the first `zone_with_generations(slug)` returns `zone` without a query.

    For the public lane (core/publiclane.py): on a cache miss it has just read the zone and its
    generations, and hands the request to the stack, whose ZoneAccessMiddleware would read them again.
    Only the first call of the block gets it, only for that slug, and never after the block.
    """
    token = _read_ahead.set((slug, zone))
    try:
        yield
    finally:
        _read_ahead.reset(token)


def _zone_rows(conn: Any, sql: str, params: tuple[Any, ...]) -> list[Any]:
    """The rows of the zone query, on a database cursor kept for it on the connection.

    Django's `connection.cursor()` makes a new driver cursor and wrapper for every statement (about
    half of this query's client CPU on PostgreSQL). Here Django's own steps run as they would — the
    health check, (re)connecting, the broken-transaction check, the error wrapping, Django's own
    `create_cursor` (time zone loader) — but the driver cursor is made once per database connection
    and run again. When queries are logged or wrapped (DEBUG, assertNumQueries, debug tools) the
    statement goes through `connection.cursor()` as any other, so it is seen and counted.
    """
    if conn.queries_logged or conn.execute_wrappers:
        with conn.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
    conn.close_if_health_check_failed()
    conn.ensure_connection()
    conn.validate_thread_sharing()
    conn.validate_no_broken_transaction()
    held = conn.__dict__.get("_zorgraad_zone_cursor")
    with conn.wrap_database_errors:
        if held is None or held[0] is not conn.connection:  # a new connection: a new cursor
            held = (conn.connection, conn.create_cursor())
            conn.__dict__["_zorgraad_zone_cursor"] = held
        cursor = held[1]
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _zone_plan(conn: Any) -> tuple[str, list[str], list[tuple[int, Any, list[Any]]], int, Any]:
    """The zone query of `conn`: SQL, attribute names, the converters of the columns that need one."""
    from zorgraad.zones.models import Zone

    from .models import PageGeneration

    fields: list[Any] = list(Zone._meta.concrete_fields)
    quote = conn.ops.quote_name
    columns = ", ".join(f"z.{quote(f.column)}" for f in fields)
    zt = quote(Zone._meta.db_table)
    gt = quote(PageGeneration._meta.db_table)
    sql = (
        f"SELECT {columns}, g.kind, g.value, 0, NULL FROM {zt} z LEFT JOIN {gt} g "
        f"ON (g.zone_id = z.id OR g.zone_id IS NULL) WHERE z.slug = %s AND z.is_active"
    )
    converters = []
    for i, field in enumerate(fields):
        col = field.get_col(Zone._meta.db_table)
        funcs = conn.ops.get_db_converters(col) + field.get_db_converters(conn)
        if funcs:
            converters.append((i, col, funcs))
    plan = (sql, [f.attname for f in fields], converters, len(fields), Zone.from_db)
    conn.__dict__["_zorgraad_zone_plan"] = plan
    return plan
