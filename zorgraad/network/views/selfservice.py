"""Self-service links, the yearly confirmation round, the stale-records report, own profile."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def selfservice_send(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def confirmation_round(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def stale_report(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def selfservice(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    raise NotImplementedError


def my_profile(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError
