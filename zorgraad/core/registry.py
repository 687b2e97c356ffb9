"""What gathers from every app, gathered without core knowing the apps.

The staff home's panels and the demo loader collect their parts from the domain apps through
Django signals, the way pretix's plugins add widgets and exporters: each app connects a receiver
in its `AppConfig.ready()` and returns what it contributes. Adding an app touches that app only,
and imports keep pointing down towards core. (The privacy export and erasure find an app's rows
by walking the relations to Person, see network/services/privacy/.)

Pages of panels kept whole in the staff page cache (core/staffcache.py: the staff home, a person's
page) must know, BEFORE calling any receiver, whether they may be cached and what their key needs
beyond the generations: the stamps of data written outside the ORM. A receiver says so once, where
it is defined, with `@cacheable_panels(stamps=...)`; `declared_stamps` reads these declarations
of the connected receivers without calling them (a cache hit then runs no receiver and no selector).
A receiver without the declaration makes its page uncached (the safe default), and a page whose
panels turn out not to match their declarations when rendered is not stored (core/fragments.py,
`covered`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.dispatch import Signal

# send(...) of dashboard_panels and person_panels: receivers taking these keywords.
Receiver = Callable[..., Any]

# send(sender=Zone, zone=zone, request=request) -> Panel | list[Panel] | None
dashboard_panels = Signal()

# send(sender=None) -> DemoPart | list[DemoPart]
demo_parts = Signal()

# send(sender=Person, zone=zone, person=person, request=request) -> Panel | list[Panel] | None
# Cards on a person's staff page from other apps (their memberships of bodies, …). Declare the
# receiver with @cacheable_panels so the page is cached whole. These cards are NOT cached fragments
# (core/fragments.render_panels): a fragment's key holds no person; the page's key holds its path.
person_panels = Signal()

# send(sender=Challenge, zone=zone, challenge=challenge, request=request, public=bool) -> Panel | list | None
# Sections on a challenge's hub page (its events, plan actions, communication, signals). With
# public=True the page is the public hub: return only what the public may read (or None).
challenge_panels = Signal()


@dataclass(frozen=True)
class Panel:
    """A card on the staff home or a person's page: a template of the app's own, rendered with `context`.

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
    key of the whole cached page (core/staffcache.py). A page of panels (the staff home, a person's
    page) is cached as a whole only when every receiver declared its panels (`cacheable_panels`: each
    declares `kinds` or one of the receiver's declared stamps).
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


@dataclass(frozen=True)
class Declared:
    """What a panel receiver promises about every Panel it returns (see `cacheable_panels`)."""

    stamps: tuple[Callable[[Any], str], ...] = ()


DECLARED = "zorgraad_panels"  # the attribute `cacheable_panels` sets on a receiver


def cacheable_panels(*, stamps: tuple[Callable[[Any], str], ...] = ()) -> Callable[[Receiver], Receiver]:
    """Declare a panel receiver (dashboard_panels, person_panels) cacheable as part of a whole page:
    every Panel it returns (it may return none) declares `kinds`, or a `stamp` that is one of
    `stamps`. The page then computes its key from these declarations without calling the receiver;
    the stamps (a fingerprint of data written outside the ORM, `stamp(zone) -> str`) are part of it.

        @cacheable_panels(stamps=(registrations_stamp,))
        def dashboard_panel(zone, request, **kwargs): ...

    A receiver returning a panel that breaks the promise makes the page it is on render fresh every
    time (not stored: core/fragments.covered), never stale.
    """

    def mark(receiver: Receiver) -> Receiver:
        setattr(receiver, DECLARED, Declared(tuple(stamps)))
        return receiver

    return mark


def declared_stamps(signal: Signal, sender: Any) -> tuple[Callable[[Any], str], ...] | None:
    """The stamp functions the receivers of `signal` for `sender` declared (`cacheable_panels`),
    without calling them, in a stable order; None when one of them is not declared (or async)."""
    # Django's own list of the live receivers for a sender, as Signal.send() walks it.
    sync, asynchronous = signal._live_receivers(sender)
    if asynchronous:
        return None
    found: dict[str, Callable[[Any], str]] = {}
    for receiver in sync:
        declared = getattr(receiver, DECLARED, None)
        if not isinstance(declared, Declared):
            return None
        for stamp in declared.stamps:
            name = stamp_name(stamp)
            if found.setdefault(name, stamp) is not stamp:
                return None  # two stamps of one name (local functions): the key could not tell them apart
    return tuple(found[name] for name in sorted(found))


def stamp_name(stamp: Callable[[Any], str]) -> str:
    """How a stamp is named in a page key (the same in every process)."""
    return f"{stamp.__module__}.{stamp.__qualname__}"


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


# send(sender=Organisation, zone=zone, organisation=organisation, request=request)
#   -> Panel | list[Panel] | None
# Cards on an organisation's staff page from other apps (its signal ambassadors, …), as person_panels.
organisation_panels = Signal()


def organisation_panels_for(zone: Any, organisation: Any, request: Any) -> list[Panel]:
    panels = collect(
        organisation_panels, sender=type(organisation), zone=zone, organisation=organisation, request=request
    )
    return sorted(panels, key=lambda p: (p.order, p.key))
