"""One model row by one column, in a raw statement planned once per database connection.

For lookups that run on EVERY request (the logged-in user): building the ORM query cost 0.4-0.6 ms
of CPU a request (issue 17), more than the rest of a cached staff page. The statement, the column
names and the value converters are worked out once per connection; a call runs the statement and
turns the row into an instance with the model's own `from_db`, as the ORM would (deferred fields
none, `_state` set, converters applied: the same object `Model.objects.get()` gives).

    user = rawrow.one(User, "id", user_id)   # None when there is no such row

Never cached between calls: every call reads the committed row (a password change, a deactivated
account count at once). Queries go through Django's cursor, so they are logged and counted as any.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connections, models

M = TypeVar("M", bound=models.Model)

_PLANS = "_zorgraad_rawrow_plans"


def _plan(conn: Any, model: type[models.Model], column: str) -> tuple[str, list[str], list[Any]]:
    plans: dict[tuple[str, str], tuple[str, list[str], list[Any]]] = conn.__dict__.setdefault(_PLANS, {})
    key = (model._meta.label, column)
    found = plans.get(key)
    if found is not None:
        return found
    fields: list[Any] = list(model._meta.concrete_fields)
    quote = conn.ops.quote_name
    table = model._meta.db_table
    where = model._meta.get_field(column).column  # type: ignore[union-attr]
    sql = f"SELECT {', '.join(quote(f.column) for f in fields)} FROM {quote(table)} WHERE {quote(where)} = %s"
    converters = []
    for i, field in enumerate(fields):
        col = field.get_col(table)
        funcs = conn.ops.get_db_converters(col) + field.get_db_converters(conn)
        if funcs:
            converters.append((i, col, funcs))
    plan = (sql, [f.attname for f in fields], converters)
    plans[key] = plan
    return plan


def one(model: type[M], column: str, value: Any, using: str = "default") -> M | None:
    """The row of `model` whose `column` (a unique field) is `value`, or None."""
    conn = connections[using]
    sql, attnames, converters = _plan(conn, model, column)
    with conn.cursor() as cursor:
        cursor.execute(sql, (value,))
        rows = cursor.fetchmany(2)
    if len(rows) != 1:
        return None
    values = list(rows[0])
    for i, col, funcs in converters:
        value = values[i]
        for func in funcs:
            value = func(value, col, conn)
        values[i] = value
    return model.from_db(using, attnames, values)  # type: ignore[return-value]
