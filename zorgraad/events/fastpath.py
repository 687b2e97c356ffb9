"""The writes of one public registration: the seat, the registration, its audit entry and the mail's
task row (services.registration_create checks everything before and calls `write`).

Two ways, the same rows (tests/test_registration_fast.py runs both wherever they apply):

- portable (SQLite and PostgreSQL): inside the caller's transaction, the conditional seat UPDATE ...
  RETURNING, then one prepared INSERT per row (rawwrite.RowInsert) and the upsert of the zone's
  registrations generation;
- PostgreSQL: ONE statement, a data-modifying CTE: the seat UPDATE, the registration INSERT ...
  SELECT (confirmed with the seat, else waiting, else nothing), the audit entry, the task row and the
  upsert of the zone's registrations generation FROM it. Outside a transaction it is its own transaction: no BEGIN/COMMIT round trips, and the
  event row's lock is held for the statement only, not across four round trips of a Python
  process that may be descheduled meanwhile (under load that lock was what 16 clients queued on).
  It is a prepared statement (rawwrite.prepared_cursor): PostgreSQL plans it once per connection.

Never oversold either way: the seat is taken by the conditional UPDATE of the event row, which
PostgreSQL re-checks on the row's newest version after waiting for its lock (and SQLite serialises
writers), and the check constraint `event_never_oversold` refuses anything that slipped past. A
second registration of one address fails on `registration_one_per_email` and undoes the statement
(or the transaction) with its seat.

The registrations generation (hooks.STAMP_KIND, a pagecache stamp kind) is raised in the same
statement or transaction as the row: the cached staff home, whose key reads it, never sees the new
generation before the registration, nor the registration under the old generation. It raises no
other generation (the public pages' kinds only when the seats they show change: services).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from zorgraad.core import pagecache
from zorgraad.core.models import AuditEntry

from .hooks import STAMP_KIND
from .models import Event, EventStatus, Registration, RegistrationStatus
from .rawwrite import RowInsert, prepared_cursor

REGISTRATION = RowInsert(Registration)
AUDIT = RowInsert(AuditEntry)
_TASK: RowInsert | None = None


def task_insert() -> RowInsert:
    global _TASK
    if _TASK is None:
        from django_tasks_db.models import DBTaskResult

        _TASK = RowInsert(DBTaskResult)
    return _TASK


@dataclass(frozen=True)
class Written:
    seat: bool
    left: int | None  # seats left after this one; None without a capacity or without a seat


@dataclass
class Rows:
    """The rows to write, prepared as if a seat is free; `write` sets what depends on the seat."""

    registration: Registration  # status confirmed, has_seat, confirmed_at set
    audit: AuditEntry  # object_id and object_repr follow the registration
    reprs: dict[str, str]  # the audit's object_repr per status (str(registration))
    task: Any = None  # a DBTaskResult (the outbox) or None; args follow the registration
    kinds: dict[str, str] | None = None  # the mail's kind per status


def _seat_sql(published_only: bool) -> str:
    q = connection.ops.quote_name
    table = q(Event._meta.db_table)
    taken, cap = q("seats_taken"), q("capacity")
    sql = (
        f"UPDATE {table} SET {taken} = {taken} + 1 WHERE {q('id')} = %s AND {q('zone_id')} = %s"
        f" AND ({cap} IS NULL OR {taken} < {cap})"
    )
    if published_only:
        sql += f" AND {q('status')} = %s"
    return sql + f" RETURNING {taken}, {cap}"


_SQL: dict[tuple[str, str, bool], str] = {}


def _cached_sql(name: str, published_only: bool, build: Any) -> str:
    key = (connection.vendor, name, published_only)
    if key not in _SQL:
        _SQL[key] = build(published_only)
    return _SQL[key]


def _seat_params(zone_id: int, event_id: int, published_only: bool) -> list[Any]:
    return [event_id, zone_id] + ([EventStatus.PUBLISHED] if published_only else [])


def _left(taken: int | None, capacity: int | None) -> int | None:
    return None if capacity is None or taken is None else capacity - taken


def write(
    *, zone_id: int, event_id: int, published_only: bool, waitlist: bool, rows: Rows, single: bool
) -> Written | None:
    """Write the rows (None: no seat and no waiting list, nothing written). `single`: PostgreSQL's one
    statement, else the portable statements (call inside a transaction)."""
    if single:  # a prepared statement: parsed and planned once per connection
        with prepared_cursor(connection) as cursor:
            return _write_single(cursor, zone_id, event_id, published_only, waitlist, rows)
    with connection.cursor() as cursor:
        return _write_portable(cursor, zone_id, event_id, published_only, waitlist, rows)


def _settle(rows: Rows, seat: bool) -> None:
    reg = rows.registration
    if not seat:
        reg.status = RegistrationStatus.WAITLISTED
        reg.has_seat = False
        reg.confirmed_at = None


def _task_args(zone_id: int, reg: Registration, kind: str) -> dict[str, Any]:
    return {"args": [zone_id, reg.pk, kind], "kwargs": {}}  # as django_tasks' normalize_json gives it


def _write_portable(
    cursor: Any, zone_id: int, event_id: int, published_only: bool, waitlist: bool, rows: Rows
) -> Written | None:
    cursor.execute(
        _cached_sql("seat", published_only, _seat_sql), _seat_params(zone_id, event_id, published_only)
    )
    found = cursor.fetchone()
    seat = found is not None
    if not seat and not waitlist:
        return None
    reg = rows.registration
    _settle(rows, seat)
    REGISTRATION.execute(cursor, reg)
    rows.audit.object_id = reg.pk
    rows.audit.object_repr = rows.reprs[reg.status]
    AUDIT.execute(cursor, rows.audit)
    if rows.task is not None and rows.kinds is not None:
        rows.task.args_kwargs = _task_args(zone_id, reg, rows.kinds[reg.status])
        task_insert().execute(cursor, rows.task)
    cursor.execute(_cached_sql("stamp", False, _stamp_sql), [zone_id, STAMP_KIND])
    return Written(seat, _left(*found) if seat else None)


def _stamp_sql(_published_only: bool) -> str:
    """Raise the zone's registrations generation (pagecache.STAMP_KINDS) in the writing transaction."""
    return pagecache.raise_in_statement_sql(connection)


_SINGLE: dict[tuple[Any, ...], str] = {}


def _write_single(
    cursor: Any, zone_id: int, event_id: int, published_only: bool, waitlist: bool, rows: Rows
) -> Written | None:
    db = cursor.db  # the connection itself, not the thread-local proxy (looked up on every access)
    q = db.ops.quote_name
    reg = rows.registration
    has_seat = "EXISTS (SELECT 1 FROM seat)"
    confirmed, waiting = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
    status_col, id_col = q("status"), q("id")
    # the registration: as prepared, except what follows the seat
    confirmed_at = Registration._meta.get_field("confirmed_at")
    at = confirmed_at.get_db_prep_save(reg.confirmed_at, db)  # type: ignore[union-attr]
    reg_parts, params = REGISTRATION.select(
        reg,
        db,
        {
            "status": (f"CASE WHEN {has_seat} THEN %s ELSE %s END", [confirmed, waiting]),
            "has_seat": (has_seat, []),
            "confirmed_at": (f"CASE WHEN {has_seat} THEN %s::timestamptz END", [at]),
        },
    )
    audit_parts, audit_params = AUDIT.select(
        rows.audit,
        db,
        {
            "object_id": (f"reg.{id_col}", []),
            "object_repr": (
                f"CASE WHEN reg.{status_col} = %s THEN %s ELSE %s END",
                [confirmed, rows.reprs[confirmed], rows.reprs[waiting]],
            ),
        },
    )
    all_params = [*_seat_params(zone_id, event_id, published_only), *params, waitlist, *audit_params]
    task_parts: tuple[str, ...] = ()
    with_task = rows.task is not None and rows.kinds is not None
    if with_task:
        task_parts, task_params = task_insert().select(
            rows.task,
            db,
            {
                "args_kwargs": (
                    f"jsonb_build_object('args', jsonb_build_array(%s::bigint, reg.{id_col}, "
                    f"CASE WHEN reg.{status_col} = %s THEN %s::text ELSE %s::text END), 'kwargs', '{{}}'::jsonb)",
                    [zone_id, confirmed, rows.kinds[confirmed], rows.kinds[waiting]],  # type: ignore[index]
                )
            },
        )
        all_params += task_params
    all_params += [zone_id, STAMP_KIND]
    key = (db.vendor, published_only, reg_parts, audit_parts, task_parts)
    sql = _SINGLE.get(key)
    if sql is None:  # a few shapes per process (which values are NULL): built once each
        sql = (
            f"WITH seat AS ({_cached_sql('seat', published_only, _seat_sql)}), "
            f"reg AS (INSERT INTO {q(Registration._meta.db_table)} ({REGISTRATION.columns(db)}) "
            f"SELECT {', '.join(reg_parts)} WHERE {has_seat} OR %s RETURNING {id_col}, {status_col}), "
            f"audit AS (INSERT INTO {q(AuditEntry._meta.db_table)} ({AUDIT.columns(db)}) "
            f"SELECT {', '.join(audit_parts)} FROM reg)"
        )
        if with_task:
            task = task_insert()
            sql += (
                f", task AS (INSERT INTO {q(task.model._meta.db_table)} ({task.columns(db)}) "
                f"SELECT {', '.join(task_parts)} FROM reg)"
            )
        # the staff home's stamp (events/hooks.registrations_stamp): raised with the row, never before
        sql += f", stamp AS ({pagecache.raise_in_statement_sql(db, 'FROM reg')})"
        sql += f" SELECT reg.{id_col}, reg.{status_col}, seat.* FROM reg LEFT JOIN seat ON TRUE"
        if len(_SINGLE) > 64:
            _SINGLE.clear()
        _SINGLE[key] = sql
    cursor.execute(sql, all_params)
    found = cursor.fetchone()
    if found is None:
        return None  # no seat and no waiting list: nothing was written
    pk, status, taken, capacity = found
    seat = status == confirmed
    _settle(rows, seat)
    reg.pk = pk
    reg._state.adding = False
    reg._state.db = db.alias
    if with_task:
        rows.task.args_kwargs = _task_args(zone_id, reg, rows.kinds[status])  # type: ignore[index]
        rows.task._state.adding = False
    return Written(seat, _left(taken, capacity) if seat else None)
