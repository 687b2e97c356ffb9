"""Settings shared by every environment. Everything that differs comes from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ZORGRAAD_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-zorgraad")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # the API docs page with ninja's own Swagger UI files, no CDN
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "zorgraad.core",
    "zorgraad.accounts",
    "zorgraad.zones",
    "zorgraad.network",
    "zorgraad.governance",
    "zorgraad.meetings",
    "zorgraad.challenges",
    "zorgraad.signals",
    "zorgraad.planning",
    "zorgraad.events",
    "zorgraad.newsletter",
    "zorgraad.importer",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "zorgraad.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A cached public page for a visitor without session, answered here as the stack below would
    # (core/publiclane.py; ZORGRAAD_PUBLIC_LANE=0 switches it off); everything else goes on.
    "zorgraad.core.publiclane.PublicLaneMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "zorgraad.core.pagecache.PublicApiCacheMiddleware",
    "zorgraad.accounts.middleware.StaffMfaMiddleware",
    "zorgraad.core.middleware.ZoneAccessMiddleware",
]

ZORGRAAD_PUBLIC_LANE = env_bool("ZORGRAAD_PUBLIC_LANE", True)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zorgraad" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zorgraad.core.context_processors.zone",
            ],
        },
    }
]
# Django's default form renderer with its common widget, label and error templates answered in
# Python, byte for byte the same (issue 17: the form machinery was a third of a staff form page).
FORM_RENDERER = "zorgraad.core.formrender.FastRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zorgraad.sqlite3'}"),
        conn_max_age=600,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [  # Django's and allauth's, with a lean get_user (accounts/backends.py)
    "zorgraad.accounts.backends.ModelBackend",
    "zorgraad.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home_redirect"

# allauth: login by e-mail with a password or an e-mailed code; no public sign-up.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# An account's address changes only after the code mailed to the new address is entered (no
# unverified address is ever stored, so none can be made primary); an address of another account
# is refused (accounts/forms.py). Every account's own address is verified (accounts/models.py).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_FORMS = {"add_email": "zorgraad.accounts.forms.AddEmailForm"}
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_ADAPTER = "zorgraad.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Zorgraad] "
# Brute force: allauth's limits, written out. Django admin logs in through allauth too (accounts/admin.py).
# Wrong passwords: 5 per address per 5 minutes, 10 per IP per minute; the TOTP step counts as
# "login_failed" per user. Login codes: 3 requests per address per minute, 3 tries per code.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
}
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Zorgraad"
MFA_TOTP_TOLERANCE = 1  # accept the previous and next 30-second code: clocks drift, people type slowly
# Staff hold personal data: they must use TOTP. On in production, off in the local demo.
ZORGRAAD_REQUIRE_STAFF_MFA = env_bool("ZORGRAAD_REQUIRE_STAFF_MFA", True)

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "zorgraad" / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "zorgraad" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Mail: SMTP, configured from the environment.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Zorgraad <noreply@zorgraad.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: Django's tasks API, stored in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Public pages are cached; keys hold the generations of the kinds of data a page shows, read from the
# database, so every process sees a committed write at once (see zorgraad/core/pagecache.py).
# With REDIS_URL (redis://host:6379/0) cache, sessions and allauth's rate limits are shared by every
# process and machine (Django's own RedisCache); the server bounds itself (maxmemory, allkeys-lru).
# Without it, a local-memory cache per process, bounded in bytes.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("ZORGRAAD_CACHE_PREFIX", "zorgraad"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "zorgraad.core.cache.BoundedLocMemCache",
            "OPTIONS": {
                "MAX_ENTRIES": 20000,
                "MAX_BYTES": int(os.environ.get("ZORGRAAD_CACHE_MAX_BYTES", str(64 * 1024 * 1024))),
            },
        }
    }
# Sessions read from the cache, written through to the database (a login survives a cache restart).
SESSION_ENGINE = "zorgraad.accounts.sessionstore"  # cached_db, safe with a per-process cache

# Zorgraad
ZORGRAAD_BASE_URL = os.environ.get("ZORGRAAD_BASE_URL", "http://127.0.0.1:8000")
ZORGRAAD_SELFSERVICE_DAYS = 14
ZORGRAAD_CONFIRMATION_BATCH_SIZE = int(os.environ.get("ZORGRAAD_CONFIRMATION_BATCH_SIZE", "50"))
ZORGRAAD_STRICT_SCOPING = True
# Whole-page cache of the key staff pages (zorgraad/core/staffcache.py); =0 renders every one fresh.
ZORGRAAD_STAFF_PAGE_CACHE = env_bool("ZORGRAAD_STAFF_PAGE_CACHE", True)
CSP_HEADER = ""  # production sets a Content-Security-Policy

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# Demo and synthetic scale data (invented people, known passwords): never on a production database.
ZORGRAAD_ALLOW_DEMO_DATA = True

# Behind a proxy: the header that carries the client's address (META name, e.g. HTTP_X_REAL_IP),
# for our form rate limiter (core/ratelimit.py) and allauth's login limits alike.
ZORGRAAD_TRUSTED_PROXY_HEADER = os.environ.get("ZORGRAAD_TRUSTED_PROXY_HEADER", "")
if ZORGRAAD_TRUSTED_PROXY_HEADER:
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = (
        ZORGRAAD_TRUSTED_PROXY_HEADER.removeprefix("HTTP_").replace("_", "-").title()
    )
