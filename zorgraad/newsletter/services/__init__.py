"""Writes of the newsletter: subscribing (double opt-in), unsubscribing, editions and sending.

Subscribing stores nothing until the address's owner clicks the signed link that was mailed; the
visitor sees the same answer whether or not the address is already subscribed. Sending makes one
Delivery row per subscriber per edition (unique): a row is claimed before its mail goes out and
marked after, so a worker that restarts after a crash sends only what was never claimed.

The package, by topic (callers import from here, `zorgraad.newsletter.services`, which re-exports
every name the single module had):

- subscribing.py: `subscription_request`, `subscription_confirm`, `subscriber_unsubscribe`, the
  confirmation mail's task body;
- body_subscriptions.py: `BodySubscriptions`, the store of bodies' agenda subscriptions that
  governance asks;
- editions.py: drafts and their blocks;
- sending.py: recipients, queueing, `edition_send` (claim, send, mark), test mail, link clicks.
"""

from __future__ import annotations

from .body_subscriptions import BodySubscriptions, _body_row
from .editions import (
    IMAGE_SIGNATURES,
    MAX_IMAGE_BYTES,
    _challenges,
    _check_image,
    _editable,
    block_delete,
    block_save,
    edition_create,
    edition_update,
)
from .sending import (
    BATCH_SIZE,
    HARD_BOUNCES_MAKE_INACTIVE,
    STALE_CLAIM,
    _archive_changed,
    _claim,
    _enqueue_send,
    _hard_bounce,
    _mark,
    _next_batch,
    edition_queue,
    edition_send,
    edition_test_send,
    editions_due,
    from_email,
    link_click,
    recipients,
)
from .subscribing import (
    LinkUsed,
    _address,
    _has_all,
    _link_person,
    _open_bodies,
    confirm_mail_deliver,
    interests_add,
    subscriber_unsubscribe,
    subscription_confirm,
    subscription_request,
)

__all__ = [
    "BATCH_SIZE",
    "BodySubscriptions",
    "HARD_BOUNCES_MAKE_INACTIVE",
    "IMAGE_SIGNATURES",
    "LinkUsed",
    "MAX_IMAGE_BYTES",
    "STALE_CLAIM",
    "_address",
    "_archive_changed",
    "_body_row",
    "_challenges",
    "_check_image",
    "_claim",
    "_editable",
    "_enqueue_send",
    "_hard_bounce",
    "_has_all",
    "_link_person",
    "_mark",
    "_next_batch",
    "_open_bodies",
    "block_delete",
    "block_save",
    "confirm_mail_deliver",
    "edition_create",
    "edition_queue",
    "edition_send",
    "edition_test_send",
    "edition_update",
    "editions_due",
    "from_email",
    "interests_add",
    "link_click",
    "recipients",
    "subscriber_unsubscribe",
    "subscription_confirm",
    "subscription_request",
]
