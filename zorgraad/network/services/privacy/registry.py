"""The registry of personal rows: what the export and erasure know per export key.

Network's own relations are described here; other apps add theirs with `register(PersonData(...))`
from their hooks.connect(). The tables below are filled once at start-up and read by collect.py,
export.py and erasure.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy

from zorgraad.zones.models import Zone

from ...models import Person
from .rows import (
    _access_invitation,
    _affiliation,
    _agenda_item,
    _attendance,
    _candidacy,
    _follow_up,
    _membership,
    _offer_proposal,
    _partner_round_entry,
    _selfservice_link,
)

EXPORT_FORMAT = "zorgraad-persoonsgegevens/1"
ERASED_FIRST_NAME = "Gewiste"
ERASED_LAST_NAME = "persoon"
SCRUBBED = "[gewist]"
# Audit keys whose old and new values are personal data of the person itself.
PERSONAL_AUDIT_KEYS = ("first_name", "last_name", "email", "phone", "merged_from")
# Shorter traces are not scrubbed as text: they would hit ordinary words.
MIN_TRACE_LENGTH = 4

# Relation key -> readable row. A relation without an entry is exported with `_plain_row`.
ROW_BUILDERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "accounts.accessinvitation": _access_invitation,
    "network.affiliation": _affiliation,
    "network.selfservicelink": _selfservice_link,
    "governance.membership": _membership,
    "governance.candidacy": _candidacy,
    "meetings.agendaitem": _agenda_item,
    "meetings.attendance": _attendance,
    "meetings.followup": _follow_up,
    "meetings.partnerroundentry": _partner_round_entry,
    "network.offerproposal": _offer_proposal,
}
SELECT_RELATED: dict[str, list[str]] = {
    "accounts.accessinvitation": ["created_by"],
    "network.affiliation": ["organisation"],
    "network.selfservicelink": ["sent_by"],
    "governance.membership": ["body", "organisation", "represents_sector", "represents_municipality"],
    "governance.candidacy": ["call__body", "organisation"],
    "meetings.agendaitem": ["meeting__body"],
    "meetings.attendance": ["meeting__body", "organisation"],
    "meetings.followup": ["meeting__body"],
    "meetings.partnerroundentry": ["meeting__body", "organisation"],
    "network.offerproposal": ["organisation", "offer"],
}
# How the confirmation page names each relation (models without a Dutch verbose name included).
RELATION_LABELS: dict[str, Any] = {
    "accounts.accessinvitation": gettext_lazy("uitnodigingen voor toegang"),
    "network.affiliation": gettext_lazy("functies bij organisaties"),
    "network.selfservicelink": gettext_lazy("zelfservicelinks"),
    "governance.membership": gettext_lazy("lidmaatschappen van overlegorganen"),
    "governance.candidacy": gettext_lazy("kandidaturen voor een mandaat"),
    "meetings.agendaitem": gettext_lazy("agendapunten die de persoon bracht"),
    "meetings.attendance": gettext_lazy("aanwezigheden op vergaderingen"),
    "meetings.followup": gettext_lazy("opvolgpunten"),
    "meetings.partnerroundentry": gettext_lazy("bijdragen aan de partnerronde"),
    "network.offerproposal": gettext_lazy("voorstellen voor aanbod"),
}
# Relations whose rows exist only for the person: erasure deletes them instead of keeping them.
DELETED_ON_ERASE = {"network.selfservicelink", "accounts.accessinvitation"}
# Free-text copies of a name on rows that point at the person: scrubbed, the row itself stays.
TEXT_COPIES: dict[str, list[str]] = {
    "meetings.agendaitem": ["presenter_text"],
    "meetings.followup": ["owner_text"],
    # the proposal stays (the offer's history refers to it); who proposed it does not
    "network.offerproposal": ["proposer_name"],
}


# --- the registration API for other apps ----------------------------------------------------------


@dataclass(frozen=True)
class PersonData:
    """What an app tells the privacy export and erasure about one kind of row.

    `key` is the export key (normally the model label, e.g. 'events.registration'); `row` makes a
    readable row (default: every plain field); `delete_on_erase` deletes the rows on erasure,
    otherwise they stay, `text_copies` (free-text fields with the person's name) are scrubbed and
    `scrub(zone, rows)` may blank more. `by_address(zone, addresses)` returns the zone's rows that
    hold one of the person's e-mail addresses (lower case) without a foreign key to the person;
    `by_person(zone, person)` the rows tied to the person some other way (a generic relation).
    `release(zone, actor, rows)` runs after the rows were scrubbed, inside the erasure's transaction:
    the app ends through its own services what the person still holds (a seat at an event that has
    not started goes to the waiting list) and returns a short Dutch summary for the erasure's audit
    entry ("" when there was nothing to end). `redact(zone, person, rows)` runs before `text_copies`
    are scrubbed, for what only knowing the person finds (a spreadsheet row with the first and last
    name in cells of their own); it changes the row objects in memory too, as the scrub reads them.
    `erase_note(zone, rows)` tells the confirmation page, in one Dutch sentence, what erasure will do
    beyond keeping or deleting the rows ("" for nothing): the cancellations of `release`, say.
    """

    key: str
    label: Any
    row: Callable[[Any], dict[str, Any]] | None = None
    select_related: tuple[str, ...] = ()
    delete_on_erase: bool = False
    text_copies: tuple[str, ...] = ()
    by_address: Callable[[Zone, set[str]], models.QuerySet[Any]] | None = None
    scrub: Callable[[Zone, list[Any]], None] | None = None
    by_person: Callable[[Zone, Person], models.QuerySet[Any]] | None = None
    release: Callable[[Zone, Any, list[Any]], str] | None = None
    redact: Callable[[Zone, Person, list[Any]], None] | None = None
    erase_note: Callable[[Zone, list[Any]], str] | None = None


ERASE_NOTES: dict[str, Callable[[Zone, list[Any]], str]] = {}
RELEASERS: dict[str, Callable[[Zone, Any, list[Any]], str]] = {}
REDACTORS: dict[str, Callable[[Zone, Person, list[Any]], None]] = {}
BY_PERSON: dict[str, Callable[[Zone, Person], models.QuerySet[Any]]] = {}
BY_ADDRESS: dict[str, Callable[[Zone, set[str]], models.QuerySet[Any]]] = {}
SCRUBBERS: dict[str, Callable[[Zone, list[Any]], None]] = {}


def register(data: PersonData) -> None:
    """Describe one kind of personal row (call it from the app's hooks.connect(); idempotent)."""
    if data.row is not None:
        ROW_BUILDERS[data.key] = data.row
    RELATION_LABELS[data.key] = data.label
    if data.select_related:
        SELECT_RELATED[data.key] = list(data.select_related)
    if data.delete_on_erase:
        DELETED_ON_ERASE.add(data.key)
    else:
        DELETED_ON_ERASE.discard(data.key)
    if data.text_copies:
        TEXT_COPIES[data.key] = list(data.text_copies)
    if data.by_address is not None:
        BY_ADDRESS[data.key] = data.by_address
    if data.scrub is not None:
        SCRUBBERS[data.key] = data.scrub
    if data.by_person is not None:
        BY_PERSON[data.key] = data.by_person
    if data.release is not None:
        RELEASERS[data.key] = data.release
    if data.redact is not None:
        REDACTORS[data.key] = data.redact
    if data.erase_note is not None:
        ERASE_NOTES[data.key] = data.erase_note


def address_q(field: str, addresses: Iterable[str]) -> Q:
    """Rows whose `field` is one of these addresses, in any case (for a `by_address`)."""
    query = Q(pk__in=[])
    for address in addresses:
        if address:
            query |= Q(**{f"{field}__iexact": address})
    return query
