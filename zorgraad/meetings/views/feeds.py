"""iCalendar feeds of meetings."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def zone_ics(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def body_ics(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def meeting_ics(request: HttpRequest, zone: str, body: str, pk: int) -> HttpResponse:
    raise NotImplementedError
