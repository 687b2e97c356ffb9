from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from zorgraad.core import adminforms as safe_admin
from zorgraad.core.adminforms import SafeTextAdminMixin

from .models import User, ZoneRole


def admin_login(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Django admin's own password form is never used: logging in goes through allauth.

    allauth applies its rate limits and the TOTP step; Django's form would apply neither.
    Logged-in users who may use the admin go on to where they were going, others get 403.
    """
    from allauth.account.utils import get_next_redirect_url

    next_url = get_next_redirect_url(request) or reverse("admin:index")
    if request.user.is_authenticated:
        if not admin.site.has_permission(request):
            raise PermissionDenied
        return redirect(next_url)
    return redirect_to_login(next_url, reverse("account_login"))


def admin_logout(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Logging out of the admin is allauth's logout (GET asks to confirm, POST logs out)."""
    from allauth.account.views import logout

    return logout(request)


# Set before config/urls.py builds admin.site.urls (admin modules load first, at autodiscovery).
admin.site.login = admin_login  # type: ignore[method-assign,assignment]
admin.site.logout = admin_logout  # type: ignore[method-assign,assignment]


@admin.register(User)
class UserAdmin(SafeTextAdminMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Persoon", {"fields": ("first_name", "last_name")}),
        ("Rechten", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(ZoneRole)
class ZoneRoleAdmin(safe_admin.ModelAdmin):
    list_display = ["user", "zone", "role"]
    list_filter = ["zone", "role"]
