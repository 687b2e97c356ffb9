"""Staff and secretary screens for bodies, memberships and mandate renewal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def body_list(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def body_create(request: HttpRequest, zone: str) -> HttpResponse:
    raise NotImplementedError


def body_detail(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def body_edit(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def membership_add(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def fixed_items(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def mandate_call_create(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def membership_end(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def mandate_call_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def candidacy_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def mandate_call_decide(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError
