"""Where account mails and pages say they come from: Zorgraad, the zone when it is known, the site.

allauth's own mails greet with the host name of the request ("Hallo van 127.0.0.1:8106!"). Ours
name the product, the zone of the account (or of the page the person came from) and the address of
the site from `ZORGRAAD_BASE_URL`, and say whom to ask for an account: there is no public sign-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

PRODUCT = "Zorgraad"


@dataclass(frozen=True)
class Sender:
    """What a mail or page says about its sender; `zone` is None when no single zone is known."""

    product: str
    site_url: str
    zone: Any = None

    @property
    def zone_url(self) -> str:
        return f"{self.site_url}/{self.zone.slug}/" if self.zone is not None else ""

    @property
    def contact(self) -> str:
        """Whom to ask for an account: the zone's address, its website, or its page on this site."""
        if self.zone is None:
            return ""
        return str(self.zone.email or self.zone.website or self.zone_url)


def site_url() -> str:
    return str(settings.ZORGRAAD_BASE_URL).rstrip("/")


def zone_from_next(request: HttpRequest | None) -> Any:
    """The zone of the page the person came from (`?next=/<zone>/...`), if it is an active zone."""
    if request is None:
        return None
    from zorgraad.zones.models import Zone

    target = request.POST.get("next") or request.GET.get("next") or ""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:  # only paths on this site
        return None
    slug = parts.path.strip("/").split("/", 1)[0]
    if not slug:
        return None
    return Zone.objects.filter(slug=slug, is_active=True).first()


def zone_for(request: HttpRequest | None, email: str | None = None) -> Any:
    """The one zone a mail to `email` belongs to: the zone of the account (the one with that address,
    else the one logged in, e.g. confirming a new address) when it has a role in exactly one, else the
    zone of the page the person came from (when the account has no role elsewhere)."""
    from zorgraad.zones.models import Zone

    from .models import User

    from_page = zone_from_next(request)
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    if user is None:
        return from_page
    zones = list(Zone.objects.filter(roles__user=user, is_active=True).distinct().order_by("pk")[:2])
    if len(zones) == 1:
        return zones[0]
    if from_page is not None and (not zones or from_page in zones):
        return from_page
    return None


def sender(request: HttpRequest | None, email: str | None = None) -> Sender:
    return Sender(product=PRODUCT, site_url=site_url(), zone=zone_for(request, email))
