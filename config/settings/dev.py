"""Local demo: `make run`. Debug on, mail printed to the console unless SMTP is configured."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# Staff confirm their login with TOTP, as in production (ZORGRAAD_REQUIRE_STAFF_MFA, on by default).
# The TOTP step of a demo account shows the published demo secret and its code of now (see README);
# production forces this off, and it never shows for a secret other than the demo's.
ZORGRAAD_DEMO_MFA_HINT = env_bool("ZORGRAAD_DEMO_MFA_HINT", True)
if "EMAIL_BACKEND" not in os.environ and "EMAIL_HOST" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
