"""Members' own bodies and the public subscription to an open body's agenda."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def my_bodies(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def body_subscribe(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError
