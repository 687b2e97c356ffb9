"""A URL resolver that tries only the patterns that can match the path's first two segments.

Django's URLResolver tries its patterns one by one. config/urls.py mounts eleven apps under
`<slug:zone>/`, about 180 patterns, and a request for `/amalo/agenda/` tried some 150 of them
before it matched (a third of the CPU of a cached public page, issue 17). `IndexedResolver` groups
its patterns by the first literal segment of their route: `agenda/`, `agenda/activiteiten.ics` and
`activiteiten/<int:pk>/` are only tried for paths whose next segment is `agenda` or `activiteiten`;
and by the second one too: `beheer/personen/<int:pk>/` only for paths under `beheer/personen/` (the
staff pages of every app share `beheer/`: some 265 patterns, ~0.1 ms of a staff page's CPU walked
them). An include under `beheer/` is indexed by its own patterns' first segments; a converter in
the second segment makes the pattern a candidate for every path under its first.

Why the match is always the one of Django's linear walk: a pattern is left out only when it cannot
match the path (its route starts with a literal segment different from the path's). The patterns
that may match are tried in their original order, each by Django's own `resolve`, and the match is
built by Django's own URLResolver.resolve over that shorter list. A route whose first segment holds
a converter, a regular expression, a translated route, or an include without a trailing slash
(`path("foo", include(...))` also matches `foobar/`) is tried for every path. An include with an
empty route is indexed by its own patterns' first segments. When nothing matches, the resolver
walks the whole list once more, so a 404 carries exactly the `tried` list Django gives (the
technical 404 page in DEBUG). Only a successful match's `tried` is shorter: it lists what was tried.

Reversing is unchanged: the resolver only replaces `resolve`; names, namespaces and converters come
from Django's own `_populate`. zorgraad/core/tests/test_urls.py checks both for every pattern of the
project against a plain URLconf.
"""

from __future__ import annotations

from typing import Any

from django.urls import Resolver404, URLPattern, URLResolver, include, path
from django.urls.resolvers import ResolverMatch, RoutePattern

# The first segments a pattern can match: a frozenset of literal segments, or ANY.
ANY = None


def first_segments(pattern: URLPattern | URLResolver) -> frozenset[str] | None:
    """The first path segments `pattern` can match (text before the first "/"), or ANY."""
    route_pattern = pattern.pattern
    route = getattr(route_pattern, "_route", None) if isinstance(route_pattern, RoutePattern) else None
    if not isinstance(route, str):
        return ANY  # a regular expression, a locale prefix, a translated route
    head, slash, _ = route.partition("/")
    if "<" in head:
        return ANY  # a converter in the first segment
    if isinstance(pattern, URLPattern):
        # An endpoint matches its whole route: the path's first segment is `head` exactly.
        return frozenset((head,))
    if slash:
        return frozenset((head,))  # an include under "head/": only paths starting with it
    if route:
        return ANY  # path("foo", include(...)) also matches "foobar/..."
    # An include with an empty route: whatever its own patterns can match.
    found: set[str] = set()
    for child in pattern.url_patterns:
        child_segments = first_segments(child)
        if child_segments is ANY:
            return ANY
        found |= child_segments
    return frozenset(found)


# Second segments in prefixes(): WILD, the pattern can match any second segment; END, the path has
# none ("beheer" without a slash). "/" never is a path segment, so WILD is no literal one.
WILD = "/"
END = None
Prefix = tuple[str, str | None]


def prefixes(pattern: URLPattern | URLResolver) -> frozenset[Prefix] | None:
    """The (first, second) path segments `pattern` can match, or ANY.

    The second is WILD when the pattern takes any second segment under its first (a converter
    there, an include under "head/" whose own patterns may start with anything) and END when it
    matches a path without a second segment ("beheer" exactly)."""
    route_pattern = pattern.pattern
    route = getattr(route_pattern, "_route", None) if isinstance(route_pattern, RoutePattern) else None
    if not isinstance(route, str):
        return ANY
    segments = route.split("/")
    head = segments[0]
    if "<" in head:
        return ANY
    if len(segments) == 1:
        if isinstance(pattern, URLPattern):
            return frozenset(((head, END),))  # an endpoint "head": the path "head" exactly
        if route:
            return ANY  # path("foo", include(...)) also matches "foobar/..."
        found: set[Prefix] = set()
        for child in pattern.url_patterns:
            child_prefixes = prefixes(child)
            if child_prefixes is ANY:
                return ANY
            found |= child_prefixes
        return frozenset(found)
    second = segments[1]
    if "<" in second:
        return frozenset(((head, WILD),))
    if isinstance(pattern, URLPattern) or len(segments) > 2:
        return frozenset(((head, second),))  # an endpoint, or an include under "head/second/..."
    if second:
        return frozenset(((head, WILD),))  # path("head/foo", include(...)) also matches head/foobar/
    # an include under "head/": the second segment is whatever its own patterns start with
    firsts: set[str] = set()
    for child in pattern.url_patterns:
        child_firsts = first_segments(child)
        if child_firsts is ANY:
            return frozenset(((head, WILD),))
        firsts |= child_firsts
    return frozenset((head, first) for first in firsts)


class IndexedResolver(URLResolver):
    """A URLResolver whose `resolve` tries only the patterns that can match the first two segments."""

    _index: tuple[dict[Prefix, URLResolver], dict[str, URLResolver], URLResolver] | None = None

    def _build_index(self) -> tuple[dict[Prefix, URLResolver], dict[str, URLResolver], URLResolver]:
        patterns = list(self.url_patterns)
        found = [prefixes(p) for p in patterns]
        keys: set[Prefix] = set()
        for one in found:
            if one is not ANY:
                keys |= {key for key in one if key[1] != WILD}
        heads = {head for one in found if one is not ANY for head, _ in one}

        def part(head: str | None, second: str | None = WILD) -> URLResolver:
            def may_match(one: frozenset[Prefix] | None) -> bool:
                if one is ANY:
                    return True
                if head is None:
                    return False
                return (head, WILD) in one or (second != WILD and (head, second) in one)

            chosen = [p for p, one in zip(patterns, found, strict=True) if may_match(one)]
            # A plain resolver over the candidates, with this resolver's pattern, defaults and
            # names: Django's own resolve() builds the match exactly as it would over the full list.
            return URLResolver(self.pattern, chosen, self.default_kwargs, self.app_name, self.namespace)

        index = (
            {key: part(*key) for key in keys},
            {head: part(head) for head in heads},
            part(None),
        )
        self._index = index
        return index

    def resolve(self, path: Any) -> ResolverMatch:
        path = str(path)
        by_prefix, by_head, others = self._index or self._build_index()
        match = self.pattern.match(path)
        if match:
            parts = match[0].split("/", 2)
            head = parts[0]
            second = parts[1] if len(parts) > 1 else END
            candidates = by_prefix.get((head, second))
            if candidates is None:
                candidates = by_head.get(head, others)
            try:
                return candidates.resolve(path)
            except Resolver404:
                pass
        return super().resolve(path)  # no match: the same Resolver404 (and `tried`) as Django's


def indexed_path(route: str, view: Any, kwargs: dict[str, Any] | None = None) -> IndexedResolver:
    """`path(route, include(...))` with an IndexedResolver: `indexed_path("<slug:zone>/", [...])`.

    `view` is an include() (module name or list), or a list of patterns; includes in that list
    with an empty route (`path("", include(...))`) can be given as `include(...)` tuples.
    """
    if isinstance(view, list):
        view = include(
            [indexed_path("", item) if isinstance(item, tuple) and len(item) == 3 else item for item in view]
        )
    plain = path(route, view, kwargs or {})
    if not isinstance(plain, URLResolver):
        raise TypeError("indexed_path() takes an include() or a list of patterns")
    return IndexedResolver(
        plain.pattern, plain.urlconf_name, plain.default_kwargs, plain.app_name, plain.namespace
    )
