"""Prepared writes for the public registration's hot path (issue 20: ≥ 400 registrations/s).

Building an ORM query costs 0.4-1 ms of CPU per statement (compiler, expressions, signals); on the
registration POST that was most of the request. `RowInsert` writes one model instance as
`Model.save()` would on creation — the same columns and the same values: field defaults (the
registration's random token), `auto_now_add` timestamps, and each field's own conversion to the
database (`pre_save` + `get_db_prep_save`, what the ORM's insert compiler calls) — from one SQL
string built once per model and database. It sends no pre_save/post_save signals: callers do what
those would do (the page cache: `pagecache.bump`). tests/test_rawwrite.py checks that a row written
here equals the one the ORM writes, field by field, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.fields import AutoFieldMixin


class RowInsert:
    """INSERT of one `model` row with every concrete column (a database-generated id excepted)."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        meta = model._meta
        self.pk = meta.pk
        self.generated_pk = isinstance(meta.pk, AutoFieldMixin)
        self.fields = [f for f in meta.concrete_fields if not (f.primary_key and self.generated_pk)]
        self._sql: dict[str, tuple[str, bool]] = {}  # per database vendor

    def sql(self, connection: BaseDatabaseWrapper) -> tuple[str, bool]:
        """(statement, returns the id) for this database."""
        key = connection.vendor
        if key not in self._sql:
            quote = connection.ops.quote_name
            columns = ", ".join(quote(f.column) for f in self.fields)
            marks = ", ".join(["%s"] * len(self.fields))
            sql = f"INSERT INTO {quote(self.model._meta.db_table)} ({columns}) VALUES ({marks})"
            returning = self.generated_pk and connection.features.can_return_columns_from_insert
            if returning:
                sql += f" RETURNING {quote(self.pk.column)}"  # type: ignore[union-attr]
            self._sql[key] = (sql, returning)
        return self._sql[key]

    def values(self, obj: models.Model, connection: BaseDatabaseWrapper) -> list[Any]:
        """The values the ORM's insert compiler would send (pre_save fills auto_now_add on `obj`)."""
        return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in self.fields]

    def columns(self, connection: BaseDatabaseWrapper) -> str:
        key = "columns:" + connection.vendor
        if key not in self._sql:
            quote = connection.ops.quote_name
            self._sql[key] = (", ".join(quote(f.column) for f in self.fields), False)
        return self._sql[key][0]

    def select(
        self, obj: models.Model, connection: BaseDatabaseWrapper, overrides: dict[str, tuple[str, list[Any]]]
    ) -> tuple[tuple[str, ...], list[Any]]:
        """The row as the parts of a SELECT list for `INSERT ... SELECT` (a PostgreSQL data-modifying
        CTE) and their parameters: every column's value as `values()` gives it, except the
        `overrides` (attname: SQL and its params). The parts depend only on which values are NULL,
        so a caller can keep the statement built from them."""
        parts: list[str] = []
        params: list[Any] = []
        for field, value in zip(self.fields, self.values(obj, connection), strict=True):
            if field.attname in overrides:
                sql, extra = overrides[field.attname]
                parts.append(sql)
                params.extend(extra)
            elif value is None:
                parts.append("NULL")  # fewer parameters: psycopg caches the parsing of a statement up to 50
            else:
                parts.append("%s")
                params.append(value)
        return tuple(parts), params

    def execute(self, cursor: Any, obj: models.Model) -> models.Model:
        """Write `obj` (inside the caller's transaction); it gets its id and counts as saved."""
        connection = cursor.db
        sql, returning = self.sql(connection)
        cursor.execute(sql, self.values(obj, connection))
        if self.generated_pk:
            if returning:
                value = cursor.fetchone()[0]
            else:
                value = connection.ops.last_insert_id(cursor, self.model._meta.db_table, self.pk.column)
            setattr(obj, self.pk.attname, value)  # type: ignore[union-attr]
        obj._state.adding = False
        obj._state.db = connection.alias
        return obj


_ONLY_WHEN_ASKED = 1 << 30  # a threshold no statement reaches: only `prepare=True` statements are prepared


def prepared_statements_on() -> bool:
    """ZORGRAAD_PREPARED_STATEMENTS (setting or environment, default on). Switch it off only behind a
    connection pooler in transaction mode that does not keep prepared statements (PgBouncer before
    1.21, or without max_prepared_statements): Django disables psycopg's automatic preparing for
    the same reason, and this module prepares its few statements only when asked."""
    value = getattr(settings, "ZORGRAAD_PREPARED_STATEMENTS", None)
    if value is None:
        value = os.environ.get("ZORGRAAD_PREPARED_STATEMENTS", "1")
    return str(value).strip().lower() not in ("0", "false", "no", "off", "")


_PREPARING: Any = None


def _preparing_class() -> Any:
    """A psycopg cursor with server-side parameters whose every statement is prepared (once per
    connection; psycopg keeps the statement's name per query and parameter types)."""
    global _PREPARING
    if _PREPARING is None:
        from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]

        class PreparingCursor(ServerBindingCursor):  # type: ignore[misc,valid-type]
            def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
                conn = self.connection
                before = conn.prepare_threshold
                # psycopg prepares nothing while the connection's threshold is None (Django's default)
                conn.prepare_threshold = before if before is not None else _ONLY_WHEN_ASKED
                try:
                    return super().execute(query, params, prepare=True)
                finally:
                    conn.prepare_threshold = before

            def _maybe_prepare_gen(self, pgq: Any, **kwargs: Any) -> Any:
                # psycopg keeps the statement it sent for Django's query log (last_executed_query)
                # only when it was not prepared
                self._query = pgq
                return super()._maybe_prepare_gen(pgq, **kwargs)

        _PREPARING = PreparingCursor
    return _PREPARING


@contextmanager
def prepared_cursor(connection: BaseDatabaseWrapper) -> Iterator[Any]:
    """A Django cursor (query logging, execute wrappers, Django's database errors) whose statements
    PostgreSQL prepares; elsewhere, or with prepared statements switched off, a plain cursor."""
    if connection.vendor != "postgresql" or not prepared_statements_on():
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    with connection.wrap_database_errors:
        raw = _preparing_class()(connection.connection)
    cursor = connection._prepare_cursor(raw)  # type: ignore[attr-defined]  # as connection.cursor() does
    with cursor:
        yield cursor
