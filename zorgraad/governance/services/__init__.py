"""Writes for bodies: the body itself, memberships, fixed agenda items, mandate renewal, subscribers.

Every service takes the zone and the actor, runs in one transaction, raises ServiceError with a Dutch
message when a rule is broken (nothing is saved then) and leaves an audit entry.

The package, by topic (callers import from here, `zorgraad.governance.services`, which re-exports
every name the single module had):

- common.py: the helpers the others share (field validation as ServiceError, the zone check, dates);
- bodies.py: `body_create`, `body_update` and the rules of a body's meeting schedule;
- memberships.py: `membership_add`, `membership_end`;
- fixed_items.py: the fixed agenda items of a body;
- mandates.py: mandate renewal (call, candidacies, decision);
- subscribers.py: the agenda subscription of an open body (double opt-in, unsubscribe link).
"""

from __future__ import annotations

from zorgraad.network.services import ServiceError

from .bodies import (
    BODY_FIELDS,
    BODY_M2M,
    RESERVED_SLUGS,
    _body_snapshot,
    _clean_body_data,
    body_create,
    body_update,
    normalise_months,
    normalise_quarters,
)
from .common import _date, _full_clean, _m2m_snapshot, _same_zone, _today
from .fixed_items import fixed_item_add, fixed_item_delete, fixed_item_move
from .mandates import MANDATE_CALL_FIELDS, candidacy_submit, mandate_call_decide, mandate_call_open
from .memberships import (
    MEMBERSHIP_FIELDS,
    _check_membership_parties,
    _membership_label,
    _overlapping,
    _record_membership,
    membership_add,
    membership_end,
)
from .subscribers import (
    AlreadySubscribed,
    _consent,
    _subscribable,
    _subscriber_address,
    subscriber_add,
    subscriber_remove,
    subscription_confirm,
    subscription_confirm_deliver,
    subscription_request,
)

__all__ = [
    "AlreadySubscribed",
    "BODY_FIELDS",
    "BODY_M2M",
    "MANDATE_CALL_FIELDS",
    "MEMBERSHIP_FIELDS",
    "RESERVED_SLUGS",
    "ServiceError",
    "_body_snapshot",
    "_check_membership_parties",
    "_clean_body_data",
    "_consent",
    "_date",
    "_full_clean",
    "_m2m_snapshot",
    "_membership_label",
    "_overlapping",
    "_record_membership",
    "_same_zone",
    "_subscribable",
    "_subscriber_address",
    "_today",
    "body_create",
    "body_update",
    "candidacy_submit",
    "fixed_item_add",
    "fixed_item_delete",
    "fixed_item_move",
    "mandate_call_decide",
    "mandate_call_open",
    "membership_add",
    "membership_end",
    "normalise_months",
    "normalise_quarters",
    "subscriber_add",
    "subscriber_remove",
    "subscription_confirm",
    "subscription_confirm_deliver",
    "subscription_request",
]
