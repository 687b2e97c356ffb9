"""Trigram indexes on the search text of people and organisations (PostgreSQL only).

The staff lists search with `search_text LIKE '%word%'` (selectors/directory.py). Without an index
that can answer it, PostgreSQL reads every person of the zone for the page and again for its count:
on the 20,000 people of bench/staff_pages.py's `schaal-groot` the people search cost 11 + 3 ms of
PostgreSQL against 0.3 ms on AMALO. A GIN index with `gin_trgm_ops` (extension pg_trgm, "trusted"
since PostgreSQL 13: the database owner may create it) answers LIKE with the matching rows only.

Not declared on the models: the index needs an extension and an operator class that SQLite has not,
so it is created here by hand, and the migration state does not know it (makemigrations stays quiet).
Where the extension cannot be created (no privilege, not installed), the migration says so and goes
on: the searches still work, only slower; create the extension and migrate this app back and forth.
"""

from __future__ import annotations

import sys
from typing import Any

from django.db import DatabaseError, migrations, transaction

INDEXES = (
    ("network_person", "person_search_trgm"),
    ("network_organisation", "organisation_search_trgm"),
)


def create(apps: Any, schema_editor: Any) -> None:
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=connection.alias):  # a savepoint: a refusal leaves the rest intact
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as exc:
        sys.stderr.write(
            f"network 0006: pg_trgm not available ({exc}); the staff searches run without their index.\n"
        )
        return
    for table, name in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("search_text" gin_trgm_ops)'
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, name in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0005_offer_how_to_get_there"),
    ]

    operations = [migrations.RunPython(create, drop)]
