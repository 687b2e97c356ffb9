from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .models import Role, ZoneRole


def home_redirect(request: HttpRequest) -> HttpResponse:  # noqa: D103
    """After login: staff to their zone's work page, partners to their profile, others to the start."""
    roles = list(
        ZoneRole.objects.filter(user_id=request.user.pk or 0).select_related("zone").order_by("role")
    )
    for zr in roles:
        if zr.role == Role.STAFF:
            return redirect("zones:dashboard", zone=zr.zone.slug)
    if roles:
        return redirect("network:my_profile", zone=roles[0].zone.slug)
    return redirect("zone_list")
