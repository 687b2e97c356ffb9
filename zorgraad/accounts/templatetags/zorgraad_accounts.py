"""Template tags of the account pages: the zone a login page belongs to, and the demo's TOTP hint."""

from __future__ import annotations

import time
from typing import Any

from django import template
from django.conf import settings
from django.core.cache import cache

from ..branding import Sender, sender

register = template.Library()


@register.simple_tag(takes_context=True)
def account_sender(context: template.Context) -> Sender:
    """Zorgraad, the site address and the zone of the page the person came from (`?next=/<zone>/…`)."""
    return sender(context.get("request"))


@register.simple_tag
def demo_totp_hint(user: Any) -> dict[str, str] | None:
    """The demo's shared TOTP secret and its code of now, for the TOTP step of a demo account.

    Only with DEBUG and ZORGRAAD_DEMO_MFA_HINT on (the local demo; production forces both off) and
    only for a user whose authenticator holds the published demo secret: a real secret never shows.
    """
    if not (settings.DEBUG and getattr(settings, "ZORGRAAD_DEMO_MFA_HINT", False)):
        return None
    if user is None or not getattr(user, "pk", None):
        return None
    from allauth.mfa import app_settings as mfa_settings
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    from ..demo import DEMO_TOTP_SECRET

    authenticator = Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    try:
        secret = decrypt(authenticator.data["secret"])
    except (KeyError, TypeError, ValueError):  # no readable secret: not the demo's
        return None
    if secret != DEMO_TOTP_SECRET:
        return None
    # allauth takes each code once (and the next one too, MFA_TOTP_TOLERANCE): after a login in the
    # same 30 seconds, show the next code instead of one that would be refused.
    used = TOTP(authenticator)._get_used_cache_key
    step = int(time.time()) // mfa_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, step))
    if cache.get(used(code)) is not None:
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, step + 1))
    return {"secret": DEMO_TOTP_SECRET, "code": code}
