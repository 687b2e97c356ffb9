"""Who gets the agenda of an open body by mail without being a member: asked through a registry.

The subscriptions themselves live in the newsletter app (one subscriber per address, with its
interests and consents). Governance and meetings never import the newsletter: the newsletter
registers its store here in its hooks.connect(), and the subscription services, the agenda mails
and the privacy export ask `store()`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from zorgraad.zones.models import Zone

    from .models import Body


@dataclass(frozen=True)
class BodySubscription:
    """One address that gets one body's agenda."""

    id: int  # the subscriber's id
    body_id: int
    body_name: str
    email: str
    name: str
    consent_at: dt.datetime | None
    consent_text: str
    confirmed_at: dt.datetime | None


class Store(Protocol):
    def exists(self, *, zone: Zone, body: Body, email: str) -> bool: ...

    def add(
        self,
        *,
        zone: Zone,
        actor: Any,
        body: Body,
        email: str,
        name: str,
        consent_text: str,
        consent_at: dt.datetime,
        confirmed_at: dt.datetime | None,
    ) -> BodySubscription: ...

    def remove(self, *, zone: Zone, actor: Any, body: Body, email: str) -> bool: ...

    def for_body(self, *, zone: Zone, body: Body) -> list[BodySubscription]: ...

    def for_addresses(self, *, zone: Zone, addresses: set[str]) -> list[BodySubscription]: ...

    def records(self, *, zone: Zone, addresses: set[str]) -> list[Any]:
        """The stored rows behind these addresses (their history is scrubbed on erasure)."""
        ...

    def erase(self, *, zone: Zone, addresses: set[str]) -> int: ...


_store: Store | None = None


def register(store: Store) -> None:
    global _store
    _store = store


def store() -> Store:
    if _store is None:  # pragma: no cover - the newsletter app is installed with governance
        raise RuntimeError("No body-subscription store registered (is zorgraad.newsletter installed?)")
    return _store
