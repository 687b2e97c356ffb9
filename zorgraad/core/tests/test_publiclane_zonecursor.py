"""The zone query of every zone page (pagecache.zone_with_generations) runs on a driver cursor kept on
the connection: the same rows as a fresh cursor, a new cursor for a new connection, and counted as
any other statement whenever queries are logged (assertNumQueries, DEBUG)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from zorgraad.core import pagecache, zonequery
from zorgraad.core.models import PageGeneration


def held() -> Any:
    return connections["default"].__dict__.get("_zorgraad_zone_cursor")


@pytest.mark.django_db
def test_the_kept_cursor_gives_the_rows_of_a_fresh_one_and_is_reused(zones: dict[str, Any]) -> None:
    PageGeneration.raise_(zones["amalo"].pk, "socialmap")
    connections["default"].__dict__.pop("_zorgraad_zone_cursor", None)
    first = pagecache.zone_with_generations("amalo")
    kept = held()
    assert kept is not None and kept[0] is connection.connection
    second = pagecache.zone_with_generations("amalo")
    assert held() is kept  # the same driver cursor, run again
    sql = connections["default"].__dict__["_zorgraad_zone_plan"][0]
    with connection.cursor() as cursor:
        cursor.execute(sql, ("amalo",))
        fresh = cursor.fetchall()
    assert zonequery._zone_rows(connections["default"], sql, ("amalo",)) == list(fresh)
    assert first.pk == second.pk == zones["amalo"].pk
    assert first.page_generations == second.page_generations == {"socialmap": 1}
    assert pagecache.zone_with_generations("bestaat-niet") is None
    assert pagecache.zone_with_generations("zennevallei").pk == zones["zennevallei"].pk


@pytest.mark.django_db
def test_another_driver_connection_gets_a_new_cursor(zones: dict[str, Any]) -> None:
    assert pagecache.zone_with_generations("amalo") is not None
    conn = connections["default"]
    stale = (object(), held()[1])  # a cursor of a connection that is not the current one
    conn.__dict__["_zorgraad_zone_cursor"] = stale
    assert pagecache.zone_with_generations("amalo").slug == "amalo"
    assert held() is not stale and held()[0] is conn.connection


@pytest.mark.django_db(transaction=True)
def test_a_closed_connection_is_opened_again_with_a_new_cursor(zones: dict[str, Any]) -> None:
    conn = connections["default"]
    if conn.vendor == "sqlite":
        pytest.skip("the in-memory test database of SQLite is never closed")
    assert pagecache.zone_with_generations("amalo") is not None
    old = held()
    conn.close()
    zone = pagecache.zone_with_generations("amalo")  # reconnects, as connection.cursor() would
    assert zone is not None and zone.slug == "amalo"
    assert held() is not old and held()[0] is conn.connection


@pytest.mark.django_db
def test_the_zone_query_is_counted_when_queries_are_captured(zones: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as captured:
        assert pagecache.zone_with_generations("amalo") is not None
    assert len(captured.captured_queries) == 1
    assert "page" in captured.captured_queries[0]["sql"].lower()


@pytest.mark.django_db
def test_database_errors_are_djangos(zones: dict[str, Any]) -> None:
    """Errors come wrapped as Django's own (django.db.utils), as from connection.cursor()."""
    from django.db.utils import DatabaseError

    with pytest.raises(DatabaseError):
        zonequery._zone_rows(
            connections["default"], "SELECT * FROM no_such_table_here WHERE x = %s", ("amalo",)
        )
