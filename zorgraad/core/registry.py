"""What gathers from every app, gathered without core knowing the apps.

The staff home's panels and the demo loader collect their parts from the domain apps through
Django signals, the way pretix's plugins add widgets and exporters: each app connects a receiver
in its `AppConfig.ready()` and returns what it contributes. Adding an app touches that app only,
and imports keep pointing down towards core. (The privacy export and erasure find an app's rows
by walking the relations to Person, see network/services/privacy.py.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal

# send(sender=Zone, zone=zone, request=request) -> Panel | list[Panel] | None
dashboard_panels = Signal()

# send(sender=None) -> DemoPart | list[DemoPart]
demo_parts = Signal()

# send(sender=Person, zone=zone, person=person, request=request) -> Panel | list[Panel] | None
# Cards on a person's staff page from other apps (their memberships of bodies, …).
person_panels = Signal()

# send(sender=Challenge, zone=zone, challenge=challenge, request=request, public=bool) -> Panel | list | None
# Sections on a challenge's hub page (its events, plan actions, communication, signals). With
# public=True the page is the public hub: return only what the public may read (or None).
challenge_panels = Signal()


@dataclass(frozen=True)
class Panel:
    """A card on the staff home: a template of the app's own, rendered with `context`.

    Cached staff fragments (core/fragments.py, issue 17): a panel that declares `kinds` (the
    page-cache kinds of the data it shows, public or staff-only, see pagecache.register_staff_kind)
    is rendered once and kept under a key of its zone, those kinds' generations, the language, the
    user's level in the zone, the date `day` when set (the day its content was computed for: it shows
    "overdue", "in the coming 6 weeks"; pass the same date to the selectors) and the user when
    `per_user`. Give such a panel a `LazyContext`: its selectors then run only when the fragment
    is not in the cache. A panel without `kinds` (None) is never cached: the safe default.
    `kinds=()` means it depends on the zone itself only (links, texts).

    `stamp(zone) -> str`: for data written outside the ORM, whose writes raise no generation (event
    registrations through the fast path): a cheap fingerprint of it (one indexed query), part of the
    key of the whole cached staff home (core/staffcache.py). The staff home is cached as a whole only
    when every panel declares `kinds` or a `stamp`.
    """

    key: str
    template: str
    order: int = 100
    context: Mapping[str, Any] = field(default_factory=dict)
    kinds: tuple[str, ...] | None = None
    day: dt.date | None = None
    per_user: bool = False
    stamp: Callable[[Any], str] | None = None


class LazyContext(Mapping[str, Any]):
    """A panel's context computed on first use: `LazyContext(lambda: {"rows": selector(zone)})`.

    A cached panel (core/fragments.py) whose HTML comes from the cache never reads its context, so
    its selectors never run; a template or a test reading `panel.context[...]` runs them once.
    """

    def __init__(self, load: Callable[[], Mapping[str, Any]]) -> None:
        self._load = load
        self._data: dict[str, Any] | None = None

    def _get(self) -> dict[str, Any]:
        if self._data is None:
            self._data = dict(self._load())
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._get()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


@dataclass
class DemoContext:
    """What demo parts hand on to later parts: the demo zones and accounts.

    `zones` holds the zones this part still has to load (not those it loaded before); `all_zones`
    every demo zone.
    """

    zones: dict[str, Any] = field(default_factory=dict)
    all_zones: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoPart:
    """One app's share of the demo.

    `load(ctx)` creates the part's rows for the zones in `ctx.zones`. A part is loaded once per
    zone (or once in all, when `per_zone` is false) and never again, so running `load_demo` after
    users changed the data neither duplicates nor overwrites anything. `restore(ctx)` fills the
    context from the database when the part was loaded in an earlier run (zones, accounts).
    """

    name: str
    label: str
    load: Callable[[DemoContext], None]
    after: tuple[str, ...] = ()
    per_zone: bool = True
    restore: Callable[[DemoContext], None] | None = None


def collect(signal: Signal, **kwargs: Any) -> list[Any]:
    """Every contribution to `signal`, flattened (a receiver may return one item, a list or None)."""
    found: list[Any] = []
    for _receiver, response in signal.send(sender=kwargs.pop("sender", None), **kwargs):
        if response is None:
            continue
        if isinstance(response, list | tuple):
            found.extend(response)
        else:
            found.append(response)
    return found


def panels_for(zone: Any, request: Any) -> list[Panel]:
    panels = collect(dashboard_panels, sender=type(zone), zone=zone, request=request)
    return sorted(panels, key=lambda p: (p.order, p.key))


def person_panels_for(zone: Any, person: Any, request: Any) -> list[Panel]:
    panels = collect(person_panels, sender=type(person), zone=zone, person=person, request=request)
    return sorted(panels, key=lambda p: (p.order, p.key))


def challenge_panels_for(zone: Any, challenge: Any, request: Any, public: bool = False) -> list[Panel]:
    panels = collect(
        challenge_panels,
        sender=type(challenge),
        zone=zone,
        challenge=challenge,
        request=request,
        public=public,
    )
    return sorted(panels, key=lambda p: (p.order, p.key))


def ordered_demo_parts() -> list[DemoPart]:
    """The demo parts, each after the parts it names in `after` (a stable topological order)."""
    parts = {p.name: p for p in collect(demo_parts)}
    done: list[DemoPart] = []
    seen: set[str] = set()

    def visit(part: DemoPart, path: tuple[str, ...]) -> None:
        if part.name in seen:
            return
        if part.name in path:
            raise ValueError(f"Demo parts depend on each other in a circle: {' → '.join(path)}")
        for name in part.after:
            if name not in parts:
                raise ValueError(f"Demo part '{part.name}' needs '{name}', which no app registers.")
            visit(parts[name], (*path, part.name))
        seen.add(part.name)
        done.append(part)

    for part in sorted(parts.values(), key=lambda p: p.name):
        visit(part, ())
    return done
