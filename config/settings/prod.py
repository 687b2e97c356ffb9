"""Production: everything from the environment, secure defaults, MFA for staff."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
ZORGRAAD_ALLOW_DEMO_DATA = False  # load_demo and generate_scale_data refuse to run
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("Zet SECRET_KEY in de omgeving (minstens 50 willekeurige tekens).")
ZORGRAAD_REQUIRE_STAFF_MFA = env_bool("ZORGRAAD_REQUIRE_STAFF_MFA", True)
ZORGRAAD_DEMO_MFA_HINT = False  # never from the environment: the TOTP step shows no demo code
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
CSP_HEADER = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
)
