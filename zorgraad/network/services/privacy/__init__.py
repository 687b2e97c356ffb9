"""Privacy on request (GDPR art. 15 and 17): export everything about one person, or erase it.

Both walk every relation to Person generically, hidden ones (`related_name="+"`) included, so a model
that a later app adds is exported and taken into account without this module knowing it. Known
relations get a readable row (`ROW_BUILDERS`); an unknown one falls back to its plain fields, and a
test fails until someone writes a readable row for it and decides what erasure must do with it.

Other apps describe their rows with `register(PersonData(...))` from their hooks.connect(): a
readable row, a label, whether erasure deletes or scrubs the row, and (`by_address`) how to find rows
that hold the person's e-mail address without pointing at the person (an event registration made
without an account, a newsletter subscriber, a signal's contact address). Network never imports them.

Erasure keeps the records that reports count (functions, memberships, attendance, ...) but lets them
point at an anonymous person, deletes what only exists for the person (self-service links, agenda
subscriptions), and scrubs the person's name, e-mail and phone from the audit trail.

The package, by responsibility (callers import only from here, `zorgraad.network.services.privacy`):

- registry.py: `PersonData`, `register`, `address_q` and the tables they fill (row builders, labels,
  what erasure deletes, scrubs, releases, ...), with network's own relations;
- rows.py: the readable rows of network's relations, the plain-field fallback and the audit row;
- collect.py: every row about a person (relations, `by_person`, `by_address`), `is_erased`;
- export.py: `person_data_export` (art. 15);
- erasure.py: `person_erase_preview` and `person_erase` (art. 17), the scrubbing of traces;
- account.py: what erasure does to the linked account.
"""

from .account import ACCOUNT_DEACTIVATED, ACCOUNT_DETACHED, ACCOUNT_OUTCOMES, ERASED_ACCOUNT_DOMAIN
from .collect import is_erased, person_relations, person_rows, relation_key, row_key
from .erasure import person_erase, person_erase_preview
from .export import person_data_export
from .registry import (
    BY_ADDRESS,
    BY_PERSON,
    DELETED_ON_ERASE,
    ERASE_NOTES,
    ERASED_FIRST_NAME,
    ERASED_LAST_NAME,
    EXPORT_FORMAT,
    MIN_TRACE_LENGTH,
    PERSONAL_AUDIT_KEYS,
    REDACTORS,
    RELATION_LABELS,
    RELEASERS,
    ROW_BUILDERS,
    SCRUBBED,
    SCRUBBERS,
    SELECT_RELATED,
    TEXT_COPIES,
    PersonData,
    address_q,
    register,
)
from .rows import SKIPPED_FIELDS, _plain_row

__all__ = [
    "ACCOUNT_DEACTIVATED",
    "ACCOUNT_DETACHED",
    "ACCOUNT_OUTCOMES",
    "BY_ADDRESS",
    "BY_PERSON",
    "DELETED_ON_ERASE",
    "ERASED_ACCOUNT_DOMAIN",
    "ERASED_FIRST_NAME",
    "ERASED_LAST_NAME",
    "ERASE_NOTES",
    "EXPORT_FORMAT",
    "MIN_TRACE_LENGTH",
    "PERSONAL_AUDIT_KEYS",
    "REDACTORS",
    "RELATION_LABELS",
    "RELEASERS",
    "ROW_BUILDERS",
    "SCRUBBED",
    "SCRUBBERS",
    "SELECT_RELATED",
    "SKIPPED_FIELDS",
    "TEXT_COPIES",
    "PersonData",
    "_plain_row",
    "address_q",
    "is_erased",
    "person_data_export",
    "person_erase",
    "person_erase_preview",
    "person_relations",
    "person_rows",
    "register",
    "relation_key",
    "row_key",
]
