"""Local demo: `make run`. Debug on, mail printed to the console unless SMTP is configured."""

import os

os.environ.setdefault("ZORGRAAD_REQUIRE_STAFF_MFA", "0")

from .base import *  # noqa: E402,F403
from .base import env_bool  # noqa: E402

DEBUG = env_bool("DEBUG", True)
if "EMAIL_BACKEND" not in os.environ and "EMAIL_HOST" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
