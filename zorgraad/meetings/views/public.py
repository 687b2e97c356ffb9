"""Public pages: bodies, upcoming meetings with their agenda, published minutes and their search."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def body_index(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def minutes_search(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def body_public(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def meeting_public(request: HttpRequest, zone: str, body: str, pk: int) -> HttpResponse:
    raise NotImplementedError
