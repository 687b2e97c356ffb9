"""The registration POST's fast path (issue 20, ≥ 400 registrations/s): prepared SQL that writes what
the ORM would, the mail's task row in the registration's transaction (outbox), the event's settings
from the cache, no SELECT before the write (the database's unique constraint catches a second
registration), and the public pages raised only when what they show changes, never stale."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client, TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.errors import ServiceError
from zorgraad.core.models import AuditEntry
from zorgraad.events import rawwrite, services
from zorgraad.events.models import Event, Registration, RegistrationStatus
from zorgraad.network.models import Organisation

from .factories import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.sends_mail]

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _columns(obj: Any) -> dict[str, Any]:
    """A row as the database gives it back, column by column."""
    model = type(obj)
    return {
        f.attname: getattr(model._base_manager.get(pk=obj.pk), f.attname) for f in model._meta.concrete_fields
    }


def _orm_twin(cls: type, **values: Any) -> Any:
    """The same values written by the ORM (the model's own manager, signals and all)."""
    with override_settings(ZORGRAAD_STRICT_SCOPING=False):
        return cls._base_manager.create(**values)


def test_a_registration_row_written_with_prepared_sql_equals_the_orms(zone):
    event = make_event(zone)
    values = {"zone": zone, "event": event, "name": "An Test", "email": "an@voorbeeld.be"}
    before = timezone.now()
    fast = Registration(**values)
    with transaction.atomic(), connection.cursor() as cursor:
        rawwrite.RowInsert(Registration).execute(cursor, fast)
    orm = _orm_twin(Registration, **{**values, "email": "bo@voorbeeld.be"})
    a, b = _columns(fast), _columns(orm)
    assert isinstance(a["id"], int) and a["id"] == fast.pk and not fast._state.adding
    # the defaults: a fresh random token of the same form, timestamps of the moment of writing
    assert re.fullmatch(r"[-\w]{32}", a["token"]) and a["token"] != b["token"]
    assert before <= a["created_at"] <= timezone.now() and a["created_at"] == fast.created_at
    differ = {"id", "token", "created_at", "email"}
    assert {k: v for k, v in a.items() if k not in differ} == {k: v for k, v in b.items() if k not in differ}
    assert a["status"] == RegistrationStatus.CONFIRMED and a["sequence"] == 0 and a["has_seat"] is False


def test_an_audit_row_written_with_prepared_sql_equals_the_orms(zone):
    values = {
        "zone": zone,
        "actor_label": "An Test",
        "action": "register",
        "model": "registration",
        "object_id": 7,
        "object_repr": "An Test (bevestigd)",
        "changes": {"a": [1, "é"]},
    }
    fast = AuditEntry(**values)
    with transaction.atomic(), connection.cursor() as cursor:
        rawwrite.RowInsert(AuditEntry).execute(cursor, fast)
    a, b = _columns(fast), _columns(_orm_twin(AuditEntry, **values))
    assert a.pop("id") != b.pop("id")
    assert abs(a.pop("created_at") - b.pop("created_at")) < dt.timedelta(seconds=5)
    assert a == b


def test_the_registration_service_writes_the_rows_the_orm_wrote_before(zone, mailoutbox):
    """Row by row what the ORM version of registration_create wrote: the registration, its audit
    entry (who registered when, as audit.record writes it) and the seat."""
    event = make_event(zone, capacity=1)
    first = services.registration_create(zone=zone, event=event, name=" An  Test ", email="AN@voorbeeld.be")
    reg = first.registration
    row = _columns(reg)
    assert row["status"] == "confirmed" and row["has_seat"] is True and row["confirmed_at"] is not None
    assert (row["name"], row["email"], row["event_id"], row["zone_id"]) == (
        "An Test",
        "an@voorbeeld.be",
        event.pk,
        zone.pk,
    )
    assert row["newsletter_consent_text"] == "" and row["newsletter_consent_at"] is None
    entry = AuditEntry.objects.for_zone(zone).get(model="registration", object_id=reg.pk)
    assert (entry.action, entry.actor_id, entry.actor_label, entry.changes) == (
        "register",
        None,
        "An Test",
        {},
    )
    assert entry.object_repr == "An Test (bevestigd)"
    second = services.registration_create(
        zone=zone, event=event, name="Bo", email="bo@voorbeeld.be", newsletter_opt_in=True
    ).registration
    row = _columns(second)
    assert row["status"] == "waitlisted" and row["has_seat"] is False and row["confirmed_at"] is None
    assert row["newsletter_consent_text"] == str(services.NEWSLETTER_CONSENT_TEXT)
    assert row["newsletter_consent_at"] is not None
    assert Event.objects.for_zone(zone).get(pk=event.pk).seats_taken == 1


@pytest.mark.parametrize("seat", [True, False])
def test_a_registration_written_by_the_service_equals_the_orms(zone, seat):
    """On PostgreSQL in one statement (status, seat and dates decided in SQL), on SQLite statement by
    statement: either way the row the ORM would have written, column by column."""
    event = make_event(zone, capacity=1 if seat else 0)
    org = Organisation.objects.create(zone=zone, name="CAW Oost-Brabant")
    with transaction.atomic():  # the one-statement path also runs inside a transaction
        reg = services.registration_create(
            zone=zone,
            event=event,
            name="An Test",
            email="an@voorbeeld.be",
            organisation_name="caw oost-brabant",
            newsletter_opt_in=True,
        ).registration
    row = _columns(reg)
    twin = _orm_twin(
        Registration,
        zone=zone,
        event=event,
        name="An Test",
        email="twin@voorbeeld.be",
        organisation=org,
        organisation_name="CAW Oost-Brabant",
        status=RegistrationStatus.CONFIRMED if seat else RegistrationStatus.WAITLISTED,
        has_seat=seat,
        confirmed_at=row["confirmed_at"],
        newsletter_opt_in=True,
        newsletter_consent_text=str(services.NEWSLETTER_CONSENT_TEXT),
        newsletter_consent_at=row["newsletter_consent_at"],
    )
    other = _columns(twin)
    assert (row["confirmed_at"] is not None) is seat and row["newsletter_consent_at"] is not None
    for key in ("id", "token", "created_at", "email"):
        assert row.pop(key) != other.pop(key) or key == "created_at"
    assert row == other
    # the instance the caller gets says what the row says
    assert (reg.status, reg.has_seat, reg.confirmed_at) == (twin.status, twin.has_seat, twin.confirmed_at)
    entry = AuditEntry.objects.for_zone(zone).get(model="registration", object_id=reg.pk)
    assert entry.object_repr == str(Registration.objects.for_zone(zone).get(pk=reg.pk))


@pytest.mark.parametrize("tasks_backend", [None, DB_TASKS])
def test_a_full_event_without_waiting_list_writes_nothing(zone, tasks_backend):
    from django_tasks_db.models import DBTaskResult

    event = make_event(zone, capacity=1, waitlist_enabled=False)
    services.registration_create(zone=zone, event=event, name="A", email="a@voorbeeld.be")
    with override_settings(**({"TASKS": tasks_backend} if tasks_backend else {})):
        before = DBTaskResult.objects.count()
        with pytest.raises(ServiceError, match="volzet"):
            services.registration_create(zone=zone, event=event, name="B", email="b@voorbeeld.be")
        assert DBTaskResult.objects.count() == before
    assert Registration.objects.for_zone(zone).count() == 1
    assert AuditEntry.objects.for_zone(zone).filter(action="register").count() == 1
    assert Event.objects.for_zone(zone).get(pk=event.pk).seats_taken == 1


def test_the_database_refuses_a_second_active_registration_for_one_address(zone):
    """The constraint the service relies on instead of a SELECT first (SQLite and PostgreSQL)."""
    event = make_event(zone)
    Registration.objects.create(zone=zone, event=event, name="A", email="a@voorbeeld.be")
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(zone=zone, event=event, name="B", email="a@voorbeeld.be")
    Registration.objects.for_zone(zone).update(status=RegistrationStatus.CANCELLED)
    Registration.objects.create(
        zone=zone, event=event, name="A", email="a@voorbeeld.be"
    )  # again after cancelling
    Registration.objects.create(zone=zone, event=event, name="C", email="")  # walk-ins without an address
    Registration.objects.create(zone=zone, event=event, name="D", email="")


def test_a_second_registration_with_one_address_is_caught_by_the_database_and_changes_nothing(zone):
    event = make_event(zone, capacity=2)
    first = services.registration_create(
        zone=zone, event=event, name="A", email="a@voorbeeld.be"
    ).registration
    with CaptureQueriesContext(connection) as queries, pytest.raises(services.AlreadyRegistered) as exc:
        services.registration_create(zone=zone, event=event, name="A", email="A@voorbeeld.be")
    assert exc.value.registration.pk == first.pk
    # no SELECT before the write: the seat and the INSERT refused by the constraint (one statement on
    # PostgreSQL), then the lookup of the existing registration
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    if connection.vendor == "postgresql":
        assert sql[0].startswith("WITH seat AS (UPDATE") and "INSERT INTO" in sql[0], sql
    else:
        assert sql[0].startswith("UPDATE") and sql[1].startswith("INSERT"), sql
    assert sql[-1].startswith("SELECT") and len(sql) == (2 if connection.vendor == "postgresql" else 3)
    assert Event.objects.for_zone(zone).get(pk=event.pk).seats_taken == 1  # the seat went back
    assert Registration.objects.for_zone(zone).count() == 1
    assert (
        not AuditEntry.objects.for_zone(zone).filter(action="register").exclude(object_id=first.pk).exists()
    )


def _prepared_runs(sql: str) -> int:
    """How often this connection ran `sql` as a prepared statement (0: not prepared)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(generic_plans + custom_plans), 0) FROM pg_prepared_statements"
            " WHERE statement = %s",
            [sql],
        )
        return int(cursor.fetchone()[0])


def _register(zone: Any, event: Event, n: int) -> str:
    """Register person n; the one statement it ran."""
    with CaptureQueriesContext(connection) as queries:
        services.registration_create(zone=zone, event=event, name=f"P {n}", email=f"p{n}@voorbeeld.be")
    (sql,) = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("WITH seat AS")]
    return sql


@pytest.mark.django_db(transaction=True)  # autocommit: the statement is its own transaction, as in production
def test_on_postgresql_the_registration_is_a_statement_prepared_once_per_connection(zone):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements: PostgreSQL")
    event = make_event(zone, capacity=2)
    sql = _register(zone, event, 1)
    assert "$1" in sql and "p1@voorbeeld.be" not in sql  # the values travel as parameters
    before = _prepared_runs(sql)
    assert before >= 1
    assert _register(zone, event, 2) == sql and _register(zone, event, 3) == sql  # the third waits
    assert _prepared_runs(sql) == before + 2
    # a second registration of one address is refused by the prepared statement too, seat given back
    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(zone=zone, event=event, name="P 1", email="P1@voorbeeld.be")
    assert Event.objects.for_zone(zone).get(pk=event.pk).seats_taken == 2
    statuses = list(Registration.objects.for_zone(zone).order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert connection.connection.prepare_threshold is None  # Django's setting for the connection kept


@override_settings(ZORGRAAD_PREPARED_STATEMENTS=False)
def test_prepared_statements_can_be_switched_off_for_connection_poolers(zone):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements: PostgreSQL")
    event = make_event(zone, capacity=1)
    sql = _register(zone, event, 1)
    assert "p1@voorbeeld.be" in sql and _prepared_runs(sql) == 0  # the values in the text: not prepared
    _register(zone, event, 2)
    statuses = list(Registration.objects.for_zone(zone).order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "waitlisted"]


@pytest.mark.parametrize(
    ("value", "on"), [(None, True), (True, True), ("1", True), (False, False), ("0", False), ("off", False)]
)
def test_the_prepared_statements_setting(value, on, monkeypatch, settings):
    monkeypatch.delenv("ZORGRAAD_PREPARED_STATEMENTS", raising=False)
    if value is None:
        if hasattr(settings, "ZORGRAAD_PREPARED_STATEMENTS"):
            del settings.ZORGRAAD_PREPARED_STATEMENTS
    else:
        settings.ZORGRAAD_PREPARED_STATEMENTS = value
    assert rawwrite.prepared_statements_on() is on


@override_settings(TASKS=DB_TASKS)
def test_the_mail_task_is_written_in_the_registrations_transaction(zone):
    from django_tasks_db.models import DBTaskResult

    from zorgraad.events import tasks

    event = make_event(zone)
    with transaction.atomic():
        reg = services.registration_create(
            zone=zone, event=event, name="A", email="a@voorbeeld.be"
        ).registration
        mine = _columns(DBTaskResult.objects.get())  # already there before the commit: one transaction
        transaction.set_rollback(True)
    assert not DBTaskResult.objects.exists() and not Registration.objects.for_zone(zone).exists()
    # what django_tasks_db's own enqueue writes for the same call, field by field
    with transaction.atomic():
        tasks.registration_mail.enqueue(zone.pk, reg.pk, "confirmed")
        other = _columns(DBTaskResult.objects.get())
        transaction.set_rollback(True)
    for key in ("id", "enqueued_at"):
        mine.pop(key), other.pop(key)
    assert mine == other


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DB_TASKS)
def test_the_real_database_worker_sends_the_confirmation_from_the_outbox(zone, mailoutbox):
    from django_tasks_db.models import DBTaskResult

    from zorgraad.events import tasks

    event = make_event(zone, title="Infolunch dementie")
    reg = services.registration_create(
        zone=zone, event=event, name="An", email="an@voorbeeld.be"
    ).registration
    row = DBTaskResult.objects.get()
    result = tasks.registration_mail.get_backend().get_result(str(row.id))
    assert result.args == [zone.pk, reg.pk, "confirmed"] and result.status == "READY"
    assert not mailoutbox
    call_command("db_worker", batch=True, verbosity=0)
    assert [m.to for m in mailoutbox] == [["an@voorbeeld.be"]]
    assert mailoutbox[0].subject == "Inschrijving bevestigd: Infolunch dementie"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert DBTaskResult.objects.get().return_value == "sent"


def _post(event: Event, n: int, client: Client | None = None) -> Any:
    url = reverse("events:event_public", kwargs={"zone": event.zone.slug, "pk": event.pk})
    client = client or Client(REMOTE_ADDR=f"10.9.{n // 256 % 256}.{n % 256}")
    return client.post(url, {"name": f"Deelnemer {n}", "email": f"p{n}@voorbeeld.be", "organisation": ""})


@override_settings(ZORGRAAD_EVENT_REGISTRATIONS_PER_HOUR=0)  # the rate limit's own queries aside
def test_a_post_reads_the_events_settings_from_the_cache_and_writes_in_few_queries(zone, mailoutbox):
    event = make_event(zone, capacity=100)
    assert _post(event, 1).status_code == 302
    with CaptureQueriesContext(connection) as queries:
        assert _post(event, 2).status_code == 302
    sql = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    assert sql[0].startswith("SELECT") and "zones_zone" in sql[0]  # the zone and generations (middleware)
    if connection.vendor == "postgresql":
        # the seat, the registration and the audit entry in one statement
        assert len(sql) == 2 and sql[1].startswith('WITH seat AS (UPDATE "events_event"'), sql
        assert 'stamp AS (INSERT INTO "core_pagegeneration"' in sql[1]  # the stamp kind, with the row
    else:
        assert [s.split()[0] for s in sql[1:]] == ["UPDATE", "INSERT", "INSERT", "INSERT"], sql
        assert "events_event" in sql[1] and "events_registration" in sql[2] and "core_auditentry" in sql[3]
        assert "core_pagegeneration" in sql[4] and "ON CONFLICT" in sql[4]  # the stamp kind, with the row


@pytest.mark.django_db(transaction=True)
def test_changed_event_settings_are_read_again_at_once(zone, mailoutbox):
    from zorgraad.events.models import Question

    event = make_event(zone)
    assert _post(event, 1).status_code == 302
    Question.objects.create(zone=zone, event=event, text="Dieetwensen?", required=True, order=1)
    refused = _post(event, 2)
    assert refused.status_code == 400 and "Beantwoord deze vraag." in refused.content.decode()
    services.event_update(
        zone=zone,
        actor=None,
        event=Event.objects.for_zone(zone).get(pk=event.pk),
        data={"registration_closes_at": timezone.now() - dt.timedelta(minutes=1)},
    )
    closed = _post(event, 3)
    assert closed.status_code == 400 and "afgesloten" in closed.content.decode()
    assert Registration.objects.for_zone(zone).count() == 1


# --- the public pages: raised only when what they show changes, never stale ----------------------


def _page(path: str, cached: bool = True) -> tuple[str, str]:
    """(body, cache state); uncached: as a visitor with a session, whom the page cache never serves."""
    client = Client()
    if not cached:
        client.cookies["sessionid"] = "geen"
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    return body, str(response.get("X-Zorgraad-Cache", ""))


def _seats_text(body: str) -> str:
    found = re.search(r"Nog [^<]*vrij\.|Volzet\.", body)
    return found.group(0) if found else ""


@pytest.mark.django_db(transaction=True)
def test_public_pages_are_never_stale_after_a_registration(zone, mailoutbox):
    """After every committed registration, the cached event page and agenda equal a fresh render."""
    event = make_event(zone, capacity=12, title="Infolunch zorgzame buurten")
    pages = [
        reverse("events:event_public", kwargs={"zone": zone.slug, "pk": event.pk}),
        reverse("events:agenda", kwargs={"zone": zone.slug}),
    ]
    for path in pages:
        _page(path)
    seen = []
    for n in range(15):
        with TestCase.captureOnCommitCallbacks(execute=True):
            assert _post(event, n).status_code == 302
        for path in pages:
            cached, _state = _page(path)
            fresh, _ = _page(path, cached=False)
            assert cached == fresh, (n, path)
        seen.append(_seats_text(_page(pages[0])[0]))
    assert seen[0] == "Nog meer dan 10 plaatsen vrij."
    assert seen[1] == "Nog 10 plaatsen vrij."
    assert seen[10] == "Nog 1 plaats vrij."
    assert seen[11:] == ["Volzet."] * 4
    assert "(wachtlijst)" in _page(pages[1])[0]


@pytest.mark.django_db(transaction=True)
def test_a_registration_that_changes_nothing_shown_leaves_the_pages_cached(zone, mailoutbox):
    event = make_event(zone, capacity=40)
    full = make_event(zone, capacity=1, title="Volle infolunch")
    pages = [
        reverse("events:event_public", kwargs={"zone": zone.slug, "pk": event.pk}),
        reverse("events:event_public", kwargs={"zone": zone.slug, "pk": full.pk}),
        reverse("events:agenda", kwargs={"zone": zone.slug}),
    ]
    assert _post(full, 100).status_code == 302  # the last seat: the pages change
    for path in pages:
        _page(path)
    assert _post(event, 1).status_code == 302  # 39 seats left: "more than 10", as before
    assert _post(full, 101).status_code == 302  # the waiting list of a full event: nothing shown changes
    for path in pages:
        assert _page(path)[1] == "hit", path
    body = _page(pages[0])[0]
    assert "Nog meer dan 10 plaatsen vrij." in body
