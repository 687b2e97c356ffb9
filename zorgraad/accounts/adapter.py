from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by zone staff (or by the demo loader), never by public sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
