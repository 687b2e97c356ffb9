"""The floor of a staff page: in-process CPU of a page that renders only the base layout.

Run by hand, never in CI (it fills its own database under var/bench-floor/ the first time):

    uv run python bench/staff_floor.py                          # SQLite
    bash bin/with-postgres uv run python bench/staff_floor.py   # a throwaway PostgreSQL
    BENCH_N=500 uv run python bench/staff_floor.py /amalo/beheer/organisaties/

What it measures, with production settings and the Django test client (no network, no gunicorn),
as CPU time (time.process_time) per request, the best of three runs of BENCH_N requests:

- `/healthz/`, the hello-world view (anonymous);
- the FLOOR: `/<zone>/beheer/vloer/`, a view added by this script only (never in the product) that
  renders `base.html` (header, menu, footer) and nothing else, with a staff session that passed
  TOTP, through the whole middleware stack (session, user, zone and generations, roles, MFA,
  messages, CSRF, security headers);
- the staff home `/<zone>/beheer/` and any path given on the command line, with the same session;

and the queries of one request of each. The floor tells whether a staff page can reach 20 % of
hello world at all: a page cannot cost less than the floor.
"""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import staff_pages as sp  # noqa: E402

N = int(os.environ.get("BENCH_N", "300"))
ZONE = os.environ.get("BENCH_ZONE", "amalo")
STAFF = os.environ.get("BENCH_STAFF", f"staf@{ZONE}.zorgraad.test")


def setup() -> None:
    os.environ.setdefault("ZORGRAAD_VAR_DIR", str(ROOT / "var" / "bench-floor"))
    os.environ.update(sp.base_env())
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    Path(os.environ["ZORGRAAD_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    sp.ensure_database()
    sp.manage("migrate", "--noinput", "-v0")
    env = sp.base_env() | {"DJANGO_SETTINGS_MODULE": "config.settings.prod"}
    import subprocess

    subprocess.run([sp.PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.prod"
    import django

    django.setup()
    from zorgraad.accounts.models import User

    if not User.objects.filter(email=STAFF).exists():
        sp.manage("load_demo")


def floor_urlconf() -> str:
    """A URL conf of the product's patterns plus the floor page (first, so it resolves at once)."""
    from django.http import HttpRequest, HttpResponse
    from django.shortcuts import render
    from django.urls import path

    import config.urls
    from zorgraad.core import permissions

    def floor(request: HttpRequest, zone: str) -> HttpResponse:
        return render(request, "bench/floor.html", {})

    module = types.ModuleType("bench_floor_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("<slug:zone>/beheer/vloer/", floor, name="bench_floor"),
        *config.urls.urlpatterns,
    ]
    sys.modules["bench_floor_urls"] = module
    permissions.register({"bench_floor": permissions.STAFF})
    return "bench_floor_urls"


def measure(client: object, path: str) -> tuple[float, int, int]:
    from django.db import connection, reset_queries

    for _ in range(20):
        response = client.get(path, secure=True)  # type: ignore[attr-defined]
        assert response.status_code == 200, (path, response.status_code, response.get("Location"))
    connection.force_debug_cursor = True
    reset_queries()
    client.get(path, secure=True)  # type: ignore[attr-defined]
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(N):
            client.get(path, secure=True)  # type: ignore[attr-defined]
        best = min(best, (time.process_time() - start) * 1000 / N)
    return best, queries, len(response.content)


def main() -> None:
    setup()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    # The floor's template: the base layout and nothing else, from memory (no file in the product).
    templates: list[dict[str, Any]] = [dict(t) for t in settings.TEMPLATES]
    options: dict[str, Any] = dict(templates[0].get("OPTIONS", {}))
    inner = options.pop("loaders", None) or [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    if inner and isinstance(inner[0], tuple) and inner[0][0].endswith("cached.Loader"):
        inner = list(inner[0][1])
    options["loaders"] = [
        (
            "django.template.loaders.cached.Loader",
            [
                ("django.template.loaders.locmem.Loader", {"bench/floor.html": '{% extends "base.html" %}'}),
                *inner,
            ],
        )
    ]
    templates[0] = {**templates[0], "APP_DIRS": False, "OPTIONS": options}
    with override_settings(ROOT_URLCONF=floor_urlconf(), TEMPLATES=templates):
        hello = Client()
        staff = Client()
        staff.cookies["sessionid"] = sp._staff_session(STAFF)
        rows = [
            ("hello world", "/healthz/", hello),
            ("staff floor (base layout)", f"/{ZONE}/beheer/vloer/", staff),
        ]
        rows.append(("staff home", f"/{ZONE}/beheer/", staff))
        rows += [(path, path, staff) for path in sys.argv[1:]]
        if os.environ.get("BENCH_AB"):
            compare(rows)
            return
        print(f"{sp.db_label()}, {N} requests x 3 (best), CPU per request in-process:")
        base = None
        for label, path, client in rows:
            ms, queries, size = measure(client, path)
            base = base or ms
            print(
                f"  {label:28s} {path:32s} {ms:7.3f} ms  {queries:2d} queries  {size:6d} bytes  x{ms / base:.1f}"
            )


def compare(rows: list[tuple[str, str, Any]]) -> None:
    """BENCH_AB=1: each page with the staff fragments and the menu cache off, then on, in turns
    (three rounds): the same code and the same moment of the machine, only the caches differ."""
    from django.conf import settings
    from django.core.cache.backends.dummy import DummyCache
    from django.test.utils import override_settings

    from zorgraad.core import fragments

    real = fragments.cache
    off_caches = {
        **settings.CACHES,
        "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    results: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for _round in range(3):
        for mode in ("off", "on"):
            if mode == "off":
                fragments.cache = DummyCache("off", {})  # type: ignore[assignment]
                ctx: Any = override_settings(CACHES=off_caches)
            else:
                fragments.cache = real
                ctx = override_settings()
            with ctx:
                for label, path, client in rows:
                    ms, queries, _size = measure(client, path)
                    results.setdefault((label, mode), []).append((ms, queries))
    fragments.cache = real
    print(f"{sp.db_label()}, {N} requests x 3, best of 3 rounds; caches off -> on (CPU in-process, queries):")
    for label, path, _client in rows:
        off = min(results[(label, "off")])
        on = min(results[(label, "on")])
        print(f"  {label:28s} {path:28s} {off[0]:7.3f} ms {off[1]:2d} q -> {on[0]:7.3f} ms {on[1]:2d} q")


if __name__ == "__main__":
    main()
