"""The evaluation after an event: when it is open, and storing an anonymous response."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core.errors import ServiceError, same_zone

from ..models import (
    EvaluationAnswer,
    EvaluationKind,
    EvaluationResponse,
    Event,
    Registration,
    RegistrationStatus,
)


def evaluation_open(event: Event, now: dt.datetime | None = None) -> bool:
    now = now or timezone.now()
    if now < event.ends_at - dt.timedelta(hours=1):
        return False
    return event.evaluation_closes_at is None or now < event.evaluation_closes_at


def evaluation_submit(
    *, zone: Any, registration: Registration, answers: dict[int, Any], now: dt.datetime | None = None
) -> EvaluationResponse:
    """Store an anonymous evaluation: the response does not point at the registration; the
    registration only remembers that it answered (once)."""
    event = registration.event
    same_zone(zone, registration, _("Deze inschrijving hoort niet bij deze zorgraad."))
    if registration.status != RegistrationStatus.ATTENDED:
        raise ServiceError(_("Alleen wie aanwezig was, kan de activiteit evalueren."))
    if not evaluation_open(event, now):
        raise ServiceError(_("De evaluatie van deze activiteit is gesloten."))
    questions = {q.pk: q for q in event.evaluation_questions.all()}
    rows: list[EvaluationAnswer] = []
    for qid, value in answers.items():
        q = questions.get(qid)
        if q is None:
            raise ServiceError(_("Onbekende vraag in de evaluatie."))
        if value in (None, ""):
            continue
        if q.kind == EvaluationKind.SCALE:
            score = int(value)
            if not 1 <= score <= 5:
                raise ServiceError(_("Kies een score van 1 tot 5."))
            rows.append(EvaluationAnswer(zone=zone, question=q, score=score))
        else:
            if q.kind == EvaluationKind.CHOICE and value not in q.choice_list:
                raise ServiceError(_("Kies een van de mogelijke antwoorden."))
            rows.append(EvaluationAnswer(zone=zone, question=q, value=str(value)[:5000]))
    with transaction.atomic():
        done = (
            Registration.objects.for_zone(zone)
            .filter(pk=registration.pk, evaluated_at__isnull=True)
            .update(evaluated_at=timezone.now())
        )
        if not done:
            raise ServiceError(_("Je hebt deze activiteit al geëvalueerd. Bedankt!"))
        # the moment is rounded to the day, so the response cannot be matched to a check-in time
        day = timezone.localdate()
        response = EvaluationResponse.objects.create(
            zone=zone, event=event, submitted_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        )
        for row in rows:
            row.response = response
        EvaluationAnswer.objects.bulk_create(rows)
    return response
