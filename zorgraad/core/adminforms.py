"""The platform admin's forms get the same text checks as every other form (core/forms.py)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .forms import harden_text_field


class SafeTextAdminMixin:
    """For ModelAdmin and inlines: every text field refuses control characters and has a limit."""

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None:
            harden_text_field(field)
        return field


class ModelAdmin(SafeTextAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
    """Django's ModelAdmin with the project's text checks."""


class TabularInline(SafeTextAdminMixin, admin.TabularInline):  # type: ignore[type-arg]
    """Django's TabularInline with the project's text checks."""
