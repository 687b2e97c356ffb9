"""Attendance, minutes, decisions, follow-ups, approval, publication and export."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def attendance(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def guest_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def minutes(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def followup_done(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def minutes_approve(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def minutes_publish(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def minutes_export(request: HttpRequest, zone: str, pk: int, fmt: str) -> HttpResponse:
    """The minutes as .docx or .pdf (`?intern=1` adds the participants' contact details)."""
    from ..exporters import minutes_export_response

    return minutes_export_response(request, pk=pk, fmt=fmt)
