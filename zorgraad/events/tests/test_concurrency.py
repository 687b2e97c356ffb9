"""Never oversold: many people taking the last seats at the same moment, each on its own connection."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from zorgraad.events import services
from zorgraad.events.models import Event, Registration, RegistrationStatus

from .factories import make_event


@pytest.mark.django_db(transaction=True)
@pytest.mark.sends_mail
def test_50_parallel_registrations_for_10_seats(zone, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL (bash bin/with-postgres .venv/bin/pytest ...)")
    event = make_event(zone, capacity=10)
    start = threading.Barrier(50)
    errors: list[BaseException] = []

    def register(n: int) -> None:
        try:
            start.wait()
            services.registration_create(
                zone=zone, event=event, name=f"Persoon {n}", email=f"p{n}@voorbeeld.be"
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    regs = Registration.objects.for_zone(zone).filter(event=event)
    statuses = [r.status for r in regs]
    assert statuses.count(RegistrationStatus.CONFIRMED) == 10
    assert statuses.count(RegistrationStatus.WAITLISTED) == 40
    assert len(statuses) == 50  # none lost
    assert Event.objects.for_zone(zone).get(pk=event.pk).seats_taken == 10


@pytest.mark.django_db(transaction=True)
@pytest.mark.sends_mail
def test_parallel_cancellations_promote_each_waiting_person_once(zone, mailoutbox):
    if connection.vendor != "postgresql":
        pytest.skip("parallel writers need PostgreSQL")
    event = make_event(zone, capacity=5)
    regs = [
        services.registration_create(
            zone=zone, event=event, name=f"P {n}", email=f"q{n}@voorbeeld.be"
        ).registration
        for n in range(12)
    ]
    start = threading.Barrier(5)
    errors: list[BaseException] = []

    def cancel(reg: Registration) -> None:
        try:
            start.wait()
            services.registration_cancel(zone=zone, registration=reg)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in regs[:5]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = {r.pk: r.status for r in Registration.objects.for_zone(zone).filter(event=event)}
    assert [rows[r.pk] for r in regs[5:10]] == [RegistrationStatus.CONFIRMED] * 5
    assert [rows[r.pk] for r in regs[10:]] == [RegistrationStatus.WAITLISTED] * 2
    assert Event.objects.for_zone(zone).get(pk=event.pk).seats_taken == 5
