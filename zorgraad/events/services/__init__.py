"""Writes of the events app: events, registrations, waiting list, check-in, evaluation, promotion.

Seats: `Event.seats_taken` counts the registrations with `has_seat`. Taking a seat is one
conditional UPDATE of the event row (`seats_taken < capacity`); the database runs it atomically
(SQLite serialises writers, PostgreSQL locks the row and re-checks the condition), and the check
constraint `event_never_oversold` refuses anything that would still slip past. Every path that
frees or hands on a seat (cancel, capacity raised) starts with a write on the event row too, so
two of them for one event run one after the other.

The package, by topic (callers import from here, `zorgraad.events.services`, which re-exports
every name the single module had):

- registrations.py: `registration_create` (the seat, the fast path's prepared write, the mail's
  outbox row), `registration_cancel`, the waiting list, the newsletter consent signal and wording;
- editing.py: events themselves (create, update, propose, decide, cancel), series, co-organisers,
  partner promotion and an event's parts (sessions, programme, questions);
- attendance.py: the day itself (check-in, walk-ins, closing the list);
- evaluation.py: the anonymous evaluation afterwards.
"""

from __future__ import annotations

from .attendance import attendance_close, registration_check_in, walk_in_add
from .editing import (
    EVENT_FIELDS,
    _check_links,
    _check_m2m,
    _editable_fields,
    co_organiser_add,
    event_cancel,
    event_create,
    event_decide,
    event_part_add,
    event_propose,
    event_update,
    promotion_record,
    question_add,
    series_create,
)
from .evaluation import evaluation_open, evaluation_submit
from .registrations import (
    _MAIL_KIND,
    _SETTLED,
    _STATUS_LABELS,
    NEWSLETTER_CONSENT_TEXT,
    AlreadyRegistered,
    Outcome,
    _fill_from_waitlist,
    _mail_after_commit,
    _outbox_backend,
    _outbox_row,
    _question_ids,
    _raise_page_cache,
    _take_seat,
    _window_message,
    existing_registration,
    match_organisation,
    newsletter_consent_given,
    normalise_email,
    registration_cancel,
    registration_create,
)

__all__ = [
    "AlreadyRegistered",
    "EVENT_FIELDS",
    "NEWSLETTER_CONSENT_TEXT",
    "Outcome",
    "_MAIL_KIND",
    "_SETTLED",
    "_STATUS_LABELS",
    "_check_links",
    "_check_m2m",
    "_editable_fields",
    "_fill_from_waitlist",
    "_mail_after_commit",
    "_outbox_backend",
    "_outbox_row",
    "_question_ids",
    "_raise_page_cache",
    "_take_seat",
    "_window_message",
    "attendance_close",
    "co_organiser_add",
    "evaluation_open",
    "evaluation_submit",
    "event_cancel",
    "event_create",
    "event_decide",
    "event_part_add",
    "event_propose",
    "event_update",
    "existing_registration",
    "match_organisation",
    "newsletter_consent_given",
    "normalise_email",
    "promotion_record",
    "question_add",
    "registration_cancel",
    "registration_check_in",
    "registration_create",
    "series_create",
    "walk_in_add",
]
