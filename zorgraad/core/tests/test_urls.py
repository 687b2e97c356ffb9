"""The indexed zone resolver (core/urls.py) matches and reverses exactly as Django's linear walk.

The reference is the URLconf as it was before the index: one `path("<slug:zone>/", include(app))`
per app at the root. Every pattern of the project gets a sample path (its converters filled with
values they accept); that path, variants of it (one character more, without or with an extra slash,
upper case, every prefix) and a few odd paths must resolve to the same view, arguments and names —
or both to a 404 — and every named pattern must reverse to the same address.
"""

from __future__ import annotations

import types
import uuid
from typing import Any

import pytest
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    include,
    path,
    reverse,
)
from django.urls.resolvers import RoutePattern
from django.utils.regex_helper import normalize
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgraad.core.urls import IndexedResolver, first_segments, indexed_path

SAMPLES = ["7", "amalo", "abc", "2026-03", str(uuid.UUID(int=7)), "a/b", "x.y"]


def plain_urlconf() -> types.ModuleType:
    """config.urls as it was: each app included at the root under <slug:zone>/, no index."""
    patterns: list[Any] = []
    for p in get_resolver().url_patterns:
        if isinstance(p, IndexedResolver):
            for child in p.url_patterns:
                assert isinstance(child, IndexedResolver) and str(child.pattern) == ""
                patterns.append(path(str(p.pattern), include(child.urlconf_name)))
        else:
            patterns.append(p)
    module = types.ModuleType("plain_urls")
    module.urlpatterns = patterns  # type: ignore[attr-defined]
    return module


PLAIN = plain_urlconf()


def leaves() -> list[tuple[str, str, str, dict[str, Any]]]:
    """(view name, regex of the whole path, route, converters) for every pattern of the project."""
    found: list[tuple[str, str, str, dict[str, Any]]] = []

    def walk(patterns: Any, ns: str, regex: str, route: str, converters: dict[str, Any]) -> None:
        for p in patterns:
            own = p.pattern.regex.pattern.removeprefix("^")
            conv = {**converters, **getattr(p.pattern, "converters", {})}
            if isinstance(p, URLResolver):
                sub = f"{ns}{p.namespace}:" if p.namespace else ns
                walk(p.url_patterns, sub, regex + own, route + str(p.pattern), conv)
            elif isinstance(p, URLPattern):
                found.append((f"{ns}{p.name}" if p.name else "", regex + own, route + str(p.pattern), conv))

    walk(get_resolver(PLAIN).url_patterns, "", "", "", {})
    return found


def sample_paths(regex: str, converters: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """Paths the pattern should match: its converters filled with values they accept."""
    out = []
    try:
        forms = normalize(regex)
    except (NotImplementedError, ValueError):
        return []
    for form, params in forms[:2]:
        values: dict[str, str] = {}
        for name in params:
            converter = converters.get(name)
            ok = [v for v in SAMPLES if converter is None or _accepts(converter, v)]
            values[name] = ok[0] if ok else "7"
        try:
            out.append(("/" + form % values, values))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _accepts(converter: Any, value: str) -> bool:
    import re

    if not re.fullmatch(converter.regex, value):
        return False
    try:
        converter.to_python(value)
    except ValueError:
        return False
    return True


def outcome(urlconf: Any, address: str) -> Any:
    try:
        m = get_resolver(urlconf).resolve(address)
    except Resolver404:
        return "404"
    return (
        m.func,
        m.args,
        m.kwargs,
        m.url_name,
        m.view_name,
        m.app_names,
        m.namespaces,
        m.route,
        m.captured_kwargs,
        m.extra_kwargs,
    )


def variants(address: str) -> set[str]:
    found = {address, address + "x", address + "/", address.upper(), address.replace("/", "//", 2)}
    if address.endswith("/"):
        found.add(address[:-1])
    parts = address.split("/")
    for i in range(1, len(parts)):
        found.add("/".join(parts[:i]) + "/")
    return found


LEAVES = leaves()
ODD = [
    "/",
    "",
    "/amalo",
    "/amalo/",
    "/amalo//agenda/",
    "/AMALO/agenda/",
    "/amalo/agenda",
    "/amalo/agendax/",
    "/amalo/beheer",
    "/amalo/beheer/nope/",
    "/ander-zone/agenda/",
    "/amalo/activiteiten/abc/",
    "/amalo/activiteiten/-1/",
    "/healthz/x/",
    "/amalo/%/",
    "/amalo/ /",
    "/amalo/agenda/?x=1",
]


def test_the_project_is_mounted_through_the_index() -> None:
    indexed = [p for p in get_resolver().url_patterns if isinstance(p, IndexedResolver)]
    assert len(indexed) == 1 and str(indexed[0].pattern) == "<slug:zone>/"
    assert len(LEAVES) > 150  # the walk saw the whole project


def test_every_pattern_resolves_as_with_the_plain_urlconf() -> None:
    checked = matched = 0
    for name, regex, route, converters in LEAVES:
        for address, _ in sample_paths(regex, converters):
            for probe in variants(address):
                expected = outcome(PLAIN, probe)
                assert outcome(None, probe) == expected, (name, route, probe)
                checked += 1
            if outcome(PLAIN, address) != "404":
                matched += 1
    for probe in ODD:
        assert outcome(None, probe) == outcome(PLAIN, probe), probe
    assert checked > 1000
    assert matched > 0.9 * len(LEAVES)  # the samples did reach (nearly) every pattern


def test_every_name_reverses_as_with_the_plain_urlconf() -> None:
    done = 0
    for name, regex, _route, converters in LEAVES:
        if not name:
            continue
        for _address, values in sample_paths(regex, converters)[:1]:
            try:
                expected = reverse(name, urlconf=PLAIN, kwargs=values)
            except NoReverseMatch:
                with pytest.raises(NoReverseMatch):
                    reverse(name, kwargs=values)
                continue
            assert reverse(name, kwargs=values) == expected, name
            done += 1
    assert done > 150


SEGMENTS = sorted(
    {part for _, _, route, _ in LEAVES for part in route.split("/") if part and "<" not in part}
    | {"amalo", "7", "abc", "", "x"}
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SEGMENTS), min_size=0, max_size=5), st.booleans())
def test_random_paths_resolve_as_with_the_plain_urlconf(parts: list[str], slash: bool) -> None:
    address = "/" + "/".join(["amalo", *parts]) + ("/" if slash else "")
    assert outcome(None, address) == outcome(PLAIN, address), address


def test_a_public_page_tries_a_handful_of_patterns() -> None:
    plain = get_resolver(PLAIN).resolve("/amalo/agenda/")
    fast = get_resolver().resolve("/amalo/agenda/")
    assert fast.view_name == plain.view_name == "events:agenda"
    assert len(plain.tried) > 100  # Django's linear walk
    # the root's own patterns (healthz/, accounts/, api/v1/, ...), then agenda/ at once
    root = len(get_resolver().url_patterns) - 1
    assert len(fast.tried) <= root + 3, [str(t[-1].pattern) for t in fast.tried]


def test_a_404_is_the_same_404() -> None:
    with pytest.raises(Resolver404) as plain:
        get_resolver(PLAIN).resolve("/amalo/bestaat-niet/")
    with pytest.raises(Resolver404) as fast:
        get_resolver().resolve("/amalo/bestaat-niet/")
    assert fast.value.args[0]["path"] == plain.value.args[0]["path"]
    # the full walk once more: every pattern is listed (the technical 404 page in DEBUG)
    assert len(fast.value.args[0]["tried"]) == len(plain.value.args[0]["tried"])


def test_first_segments_refuses_to_guess() -> None:
    from django.urls import re_path

    def view(request: Any) -> None:  # pragma: no cover - never called
        return None

    assert first_segments(path("agenda/", view)) == {"agenda"}
    assert first_segments(path("agenda.ics", view)) == {"agenda.ics"}
    assert first_segments(path("", view)) == {""}
    assert first_segments(path("<int:pk>/", view)) is None
    assert first_segments(path("a<int:pk>/", view)) is None
    assert first_segments(re_path(r"^agenda/$", view)) is None
    assert first_segments(path("agenda", include([path("x/", view)]))) is None  # matches agendax/
    assert first_segments(path("agenda/", include([path("<int:pk>/", view)]))) == {"agenda"}
    assert first_segments(path("", include([path("a/", view), path("b", view)]))) == {"a", "b"}
    assert first_segments(path("", include([path("a/", view), path("<slug:s>/", view)]))) is None


def test_order_wins_as_in_django() -> None:
    """A converter pattern listed before a literal one still wins for the literal's path."""

    def first(request: Any) -> None:  # pragma: no cover
        return None

    def second(request: Any) -> None:  # pragma: no cover
        return None

    patterns = [path("<slug:word>/", first, name="first"), path("agenda/", second, name="second")]
    fast = indexed_path("<slug:zone>/", include(patterns))
    plain = URLResolver(RoutePattern("<slug:zone>/"), patterns)
    for probe in ("z/agenda/", "z/iets/", "z/agenda/x/"):
        assert _safe(fast, probe) == _safe(plain, probe), probe
    assert _safe(fast, "z/agenda/")[0] is first


def _safe(resolver: URLResolver, probe: str) -> Any:
    try:
        m = resolver.resolve(probe)
    except Resolver404:
        return "404"
    return (m.func, m.kwargs, m.url_name)


def test_prefixes_refuse_to_guess() -> None:
    from django.urls import re_path

    from zorgraad.core.urls import END, WILD, prefixes

    def view(request: Any) -> None:  # pragma: no cover - never called
        return None

    assert prefixes(path("beheer/", view)) == {("beheer", "")}
    assert prefixes(path("beheer", view)) == {("beheer", END)}
    assert prefixes(path("beheer/personen/<int:pk>/", view)) == {("beheer", "personen")}
    assert prefixes(path("beheer/<int:pk>/", view)) == {("beheer", WILD)}
    assert prefixes(path("beheer/a<int:pk>/", view)) == {("beheer", WILD)}
    assert prefixes(path("<slug:s>/personen/", view)) is None
    assert prefixes(re_path(r"^beheer/personen/$", view)) is None
    assert prefixes(path("beheer/sig", include([path("x/", view)]))) == {("beheer", WILD)}  # sigx/
    assert prefixes(path("beheer/signalen/", include([path("<int:pk>/", view)]))) == {("beheer", "signalen")}
    assert prefixes(path("beheer/", include([path("a/", view), path("b", view)]))) == {
        ("beheer", "a"),
        ("beheer", "b"),
    }
    assert prefixes(path("beheer/", include([path("a/", view), path("<int:pk>/", view)]))) == {
        ("beheer", WILD)
    }
    assert prefixes(path("", include([path("a/b/", view), path("c", view)]))) == {("a", "b"), ("c", END)}
    assert prefixes(path("", include([path("a/", view), path("<slug:s>/", view)]))) is None
    assert prefixes(path("beheer", include([path("x/", view)]))) is None  # beheerx/


def test_a_staff_page_tries_a_handful_of_patterns() -> None:
    """/amalo/beheer/personen/ no longer walks every app's beheer/ patterns."""
    plain = get_resolver(PLAIN).resolve("/amalo/beheer/activiteiten/")
    fast = get_resolver().resolve("/amalo/beheer/activiteiten/")
    assert fast.view_name == plain.view_name
    assert len(plain.tried) > 100
    root = len(get_resolver().url_patterns) - 1
    assert len(fast.tried) <= root + 12, [str(t[-1].pattern) for t in fast.tried]


def test_order_wins_on_the_second_segment_too() -> None:
    def first(request: Any) -> None:  # pragma: no cover
        return None

    def second(request: Any) -> None:  # pragma: no cover
        return None

    patterns = [
        path("beheer/<slug:word>/", first, name="first"),
        path("beheer/personen/", second, name="second"),
        path("beheer", second, name="bare"),
    ]
    fast = indexed_path("<slug:zone>/", include(patterns))
    plain = URLResolver(RoutePattern("<slug:zone>/"), patterns)
    for probe in ("z/beheer/personen/", "z/beheer/iets/", "z/beheer/", "z/beheer", "z/beheer/personen/x/"):
        assert _safe(fast, probe) == _safe(plain, probe), probe
    assert _safe(fast, "z/beheer/personen/")[0] is first
