"""The public social map."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def socialmap(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def socialmap_offer(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError
