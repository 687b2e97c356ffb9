"""Cached staff fragments (issue 17): the panels of the staff home, rendered once per generation.

The staff home gathers a panel from every app (core/registry.py). Rendering them all on every
request cost 22 queries and most of 25-80 ms of CPU, while what they show changes a few times a day.
A panel that declares the kinds of data it shows (`Panel.kinds`: page-cache kinds of
core/pagecache.py, public ones or the staff-only kinds registered with
`pagecache.register_staff_kind`) is rendered to HTML once and kept in the cache (the same backend as
the page cache) under a key of

- its zone and its own key,
- the generations of its kinds, plus the zone and reference kinds every zone page depends on,
- the language, and the user's level in the zone (staff and admin never share an entry, and neither
  would a level that may see less, should it ever open the page),
- the panel's `day` when it has one (the date its selectors computed "overdue", "in the coming six
  weeks" for: the panel function takes today's date once and passes it to both),
- the user when the panel is `per_user`.

Every write that changes a kind raises its generation after commit (pagecache.bump, the post_save
and bulk paths of core/receivers.py and core/scoping.py), so the next request builds a new key and
renders the panel again: never stale after a committed write. The generations come with the zone
in the middleware's single raw query, so a page whose panels all hit costs no query for them.

A panel without `kinds` is never cached (the safe default): use it for data whose writes raise no
kind (the events panel counts registrations, which are written with raw SQL and raise the events
kind only when the last seats change). A panel's `stamp` (a fingerprint of such data, one query) is
part of its key when it has kinds too, and of the key of the whole cached page it is on
(core/staffcache.py): that key takes the stamps from the receivers' declarations
(registry.cacheable_panels, `declared_page_stamps`) without calling them, and `covered` checks on a
miss that the panels the receivers returned match them (else the page is not stored). Each stamp
runs once per request, shared by the page key and the fragments' keys.

A write of the current transaction that is not committed yet (a test, or a view that writes and then
renders) has raised nothing yet: panels of the kinds it will raise are rendered fresh and not stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from . import pagecache, permissions
from .registry import Panel, declared_stamps, stamp_name

FRAGMENT_TIMEOUT = 6 * 3600


def _pending_kinds(zone_id: int) -> set[str]:
    """Kinds of the zone raised by writes of this transaction that are not committed yet."""
    pending = transaction.get_connection().__dict__.get("_zorgraad_bumps")
    if not pending:
        return set()
    return {row[1] for row in pending if row[0] == zone_id or row[0] is None}


def _kinds(panel: Panel) -> list[str]:
    return sorted({pagecache.ZONE, pagecache.REFERENCE, *(panel.kinds or ())})


def level_of(request: Any, zone: Any) -> str:
    level = getattr(request, "zone_level", None)
    return str(level) if level else permissions.user_level(request, zone)


def stamp_value(stamp: Callable[[Any], str], zone: Any, request: Any) -> str:
    """`stamp(zone)`, worked out once per request (the page key and the fragments' keys share it)."""
    stamps: dict[Callable[[Any], str], str] = request.__dict__.setdefault("_zorgraad_panel_stamps", {})
    if stamp not in stamps:  # by the function itself: two functions of one name stay apart
        stamps[stamp] = str(stamp(zone))
    return stamps[stamp]


def panel_stamp(panel: Panel, zone: Any, request: Any) -> str:
    """The panel's `stamp(zone)`, worked out once per request ("" without one)."""
    return "" if panel.stamp is None else stamp_value(panel.stamp, zone, request)


def declared_page_stamps(signal: Signal, sender: Any, zone: Any, request: Any) -> str | None:
    """What a page of the panels of `signal` adds to its whole-page key (core/staffcache.py), from
    the receivers' declarations (registry.cacheable_panels) WITHOUT calling them: the values of the
    stamps they declared; None when a receiver is not declared (the page is then not cached)."""
    stamps = declared_stamps(signal, sender)
    if stamps is None:
        return None
    return ";".join(f"{stamp_name(s)}={stamp_value(s, zone, request)}" for s in stamps)


def panels_extra(signal: Signal, sender: Any) -> Callable[[Any, Any], str | None]:
    """The `extra` of `@cache_staff_page` for a page of the panels of `signal` (for `sender`)."""

    def extra(request: Any, zone: Any) -> str | None:
        return declared_page_stamps(signal, sender, zone, request)

    return extra


def covered(panels: Iterable[Panel], signal: Signal, sender: Any) -> bool:
    """Whether the page key of `declared_page_stamps` covers these panels, as the receivers gave
    them on this request: every panel declares kinds or a stamp, and every stamp was declared (so
    its value is in the key). When not, the page must not be stored (staffcache.dont_store)."""
    stamps = declared_stamps(signal, sender)
    if stamps is None:
        return False
    for panel in panels:
        if panel.stamp is not None:
            if panel.stamp not in stamps:
                return False
        elif panel.kinds is None:
            return False
    return True


def key_for(panel: Panel, zone: Any, request: Any) -> str:
    """The cache key of a panel's HTML (see the module docstring for what it holds)."""
    gens = pagecache.generations_of(zone)
    scope = ",".join(f"{kind}{gens.get(kind, 0)}" for kind in _kinds(panel))
    parts = [f"frag:{zone.pk}:{panel.key}", scope, get_language() or "", level_of(request, zone)]
    if panel.day is not None:
        parts.append(panel.day.isoformat())
    if panel.per_user:
        parts.append(f"u{request.user.pk}")
    if panel.stamp is not None:
        parts.append(panel_stamp(panel, zone, request))
    return ":".join(parts)


def render_panel(panel: Panel, zone: Any, request: Any) -> str:
    """A panel's template with its context (a LazyContext's selectors run here)."""
    level = level_of(request, zone)
    context = {
        "zone": zone,
        "panel": panel,
        "request": request,
        "user": request.user,
        "zone_level": level,
        "is_zone_staff": permissions.allows(level, permissions.STAFF),
    }
    return str(get_template(panel.template).render(context))


class Rendered(list[SafeString]):
    """The panels' HTML, in order, with how many came from the cache (for tests and the header)."""

    hits: int = 0
    cacheable: int = 0


def render_panels(panels: Iterable[Panel], zone: Any, request: Any) -> Rendered:
    """Every panel's HTML: cached panels from one `get_many`, the others (and misses) rendered.

    For the staff home's panels only: a fragment's key holds the zone, never the record a page is
    about, so the cards of a person's or an organisation's page must not come through here."""
    panels = list(panels)
    dirty = _pending_kinds(zone.pk)
    keys: dict[int, str] = {}
    for n, panel in enumerate(panels):
        if panel.kinds is None or (dirty and dirty & set(_kinds(panel))):
            continue
        keys[n] = key_for(panel, zone, request)
    found = cache.get_many(list(keys.values())) if keys else {}
    out = Rendered()
    out.cacheable = len(keys)
    store: dict[str, str] = {}
    for n, panel in enumerate(panels):
        key = keys.get(n)
        html = found.get(key) if key is not None else None
        if html is None:
            html = render_panel(panel, zone, request)
            if key is not None:
                store[key] = html
        else:
            out.hits += 1
        out.append(mark_safe(html))  # noqa: S308 - our own templates' output, autoescaped there
    if store:
        cache.set_many(store, FRAGMENT_TIMEOUT)
    return out
