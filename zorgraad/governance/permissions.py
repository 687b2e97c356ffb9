"""Object-level access to bodies and their meetings, on top of the URL table in core.permissions.

- manage: staff of the zone (and platform admins), or the user whose Person holds an active
  `secretaris` membership of that body;
- read internal documents (agenda before invitation, approved minutes of a closed body): managers
  and users whose Person holds an active membership of that body;
- the public reads only published minutes of open bodies.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from zorgraad.core import permissions

from .models import Body, Membership, MembershipRole

if TYPE_CHECKING:
    from django.http import HttpRequest


def _active_memberships(request: HttpRequest, body: Body) -> list[Membership]:
    user = request.user
    if not user.is_authenticated:
        return []
    cache: dict[int, list[Membership]] = request.__dict__.setdefault("_body_memberships", {})
    if body.pk not in cache:
        today = dt.date.today()
        cache[body.pk] = list(
            Membership.objects.for_zone(body.zone_id)
            .filter(body=body, person__user_id=user.pk)
            .filter(Q(start__isnull=True) | Q(start__lte=today))
            .filter(Q(end__isnull=True) | Q(end__gte=today))
        )
    return cache[body.pk]


def _zone_of(request: HttpRequest, body: Body) -> Any:
    """The body's zone: the request's own (resolved by the middleware) rather than a lazy `body.zone` query."""
    zone = getattr(request, "zone", None)
    return zone if zone is not None and zone.pk == body.zone_id else body.zone


def can_manage_body(request: HttpRequest, body: Body) -> bool:
    if permissions.is_zone_staff(request, _zone_of(request, body)):
        return True
    return any(m.role == MembershipRole.SECRETARY for m in _active_memberships(request, body))


def is_body_member(request: HttpRequest, body: Body) -> bool:
    return can_manage_body(request, body) or bool(_active_memberships(request, body))


def require_body_manager(request: HttpRequest, body: Body) -> None:
    if not can_manage_body(request, body):
        raise PermissionDenied("Je bent geen secretaris van dit overlegorgaan.")


def managed_body_ids(request: HttpRequest, zone_id: int) -> list[int] | None:
    """Ids of the bodies a secretary manages; None means all (staff)."""
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(pk=zone_id)
    if permissions.is_zone_staff(request, zone):
        return None
    user = request.user
    if not user.is_authenticated:
        return []
    today = dt.date.today()
    return list(
        Membership.objects.for_zone(zone)
        .filter(person__user_id=user.pk, role=MembershipRole.SECRETARY)
        .filter(Q(start__isnull=True) | Q(start__lte=today))
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .values_list("body_id", flat=True)
    )
