"""Behind a proxy, allauth's login limits count the client's address, not the proxy's."""

from __future__ import annotations

import subprocess
import sys


def _setting(env: dict[str, str]) -> str:
    code = (
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings.test');"
        "import django; django.setup(); from django.conf import settings;"
        "print(getattr(settings, 'ALLAUTH_TRUSTED_CLIENT_IP_HEADER', None))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env={"PATH": "/usr/bin:/bin", **env}, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_proxy_header_reaches_allauth() -> None:
    assert _setting({"ZORGRAAD_TRUSTED_PROXY_HEADER": "HTTP_X_REAL_IP"}) == "X-Real-Ip"
    assert _setting({}) == "None"
