"""Demo and scale data carry known passwords and invented people: refuse them on a production database."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError


def refuse_in_production() -> None:
    if not getattr(settings, "ZORGRAAD_ALLOW_DEMO_DATA", False):
        raise CommandError(
            "Demogegevens horen niet in een productiedatabank: deze instellingen "
            f"({settings.SETTINGS_MODULE}) staan het niet toe. Gebruik config.settings.dev voor een demo."
        )
