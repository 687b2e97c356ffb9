"""Planning, agenda and invitations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def schedule(request: HttpRequest, zone: str, body: str, year: int) -> HttpResponse:
    raise NotImplementedError


def meeting_create(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    raise NotImplementedError


def meeting_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def meeting_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def meeting_transition(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def agenda(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def agenda_item_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def agenda_item_move(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def agenda_item_delete(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError


def invite(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    raise NotImplementedError
