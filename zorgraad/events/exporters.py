"""Exports of the events app: the attendance list (.xlsx, printable) and the programme brochure (PDF)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.network.exporters import ListExporter

from .models import Event, Registration


class AttendanceExporter(ListExporter):
    title = "Aanwezigheden"
    basename = "aanwezigheden"

    def headers(self) -> list[str]:
        return [
            _("Naam"),
            _("Organisatie"),
            _("E-mail"),
            _("Status"),
            _("Ter plaatse"),
            _("Ingeschreven op"),
            _("Aangemeld om"),
        ]

    def row(self, record: Registration) -> list[Any]:
        return [
            record.name,
            record.organisation_label,
            record.email,
            record.get_status_display(),
            _("ja") if record.walk_in else _("nee"),
            timezone.localtime(record.created_at).replace(tzinfo=None),
            timezone.localtime(record.checked_in_at).replace(tzinfo=None) if record.checked_in_at else None,
        ]


def programme_pdf(zone: Any, events: list[Event], title: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string("events/export/programme.html", {"zone": zone, "events": events, "title": title})
    fetcher = URLFetcher(allowed_protocols={"data"})  # nothing from outside
    return bytes(HTML(string=html, url_fetcher=fetcher).write_pdf() or b"")
