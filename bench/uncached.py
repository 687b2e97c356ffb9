"""Render time of key pages without the page cache (Django test client, one process).

Run after bench/run.sh has filled var/bench:  uv run python bench/uncached.py
"""

import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
os.environ.setdefault("ZORGRAAD_VAR_DIR", os.path.join(ROOT, "var", "bench"))

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

PATHS = [
    "/amalo/",
    "/amalo/sociale-kaart/",
    "/amalo/sociale-kaart/?q=ouderen",
    "/schaal-00/sociale-kaart/",
    "/api/v1/zones/schaal-00/offers",
    "/amalo/overleg/clusteroverleg-welzijn/",
]

with override_settings(
    CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
    ALLOWED_HOSTS=["*"],
    DEBUG=False,
):
    client = Client()
    for path in PATHS:
        client.get(path)
        n = 30
        start = time.perf_counter()
        for _ in range(n):
            response = client.get(path)
        ms = (time.perf_counter() - start) / n * 1000
        print(f"{path:45s} {response.status_code} {ms:6.1f} ms per request uncached")
