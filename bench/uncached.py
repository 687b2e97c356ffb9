"""Render time of key pages without the page cache (Django test client, one process): uv run python bench/uncached.py"""

import os, time

os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
os.environ.setdefault(
    "ZORGRAAD_VAR_DIR",
    os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "var", "bench"),
)
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import django

django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from django.db import connection, reset_queries

settings.DEBUG = False
with override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}, ALLOWED_HOSTS=["*"]
):
    c = Client()
    for path in [
        "/amalo/",
        "/amalo/sociale-kaart/",
        "/amalo/sociale-kaart/?q=ouderen",
        "/schaal-00/sociale-kaart/",
        "/api/v1/zones/schaal-00/offers",
        "/amalo/overleg/clusteroverleg-welzijn/",
    ]:
        c.get(path)
        n = 30
        t = time.perf_counter()
        for _ in range(n):
            r = c.get(path)
        dt = (time.perf_counter() - t) / n * 1000
        print(f"{path:45s} {r.status_code} {dt:6.1f} ms per request uncached")
