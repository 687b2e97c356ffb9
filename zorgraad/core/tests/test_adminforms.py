"""The platform admin's forms refuse control characters like every other form of the project."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from zorgraad.core.adminforms import SafeTextAdminMixin
from zorgraad.zones.models import Sector


def test_every_admin_of_the_project_uses_the_safe_text_mixin() -> None:
    ours = {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model.__module__.startswith("zorgraad.")
    }
    assert len(ours) >= 5  # the walk finds them (a walk that finds nothing proves nothing)
    missing = [m.__name__ for m, a in ours.items() if not isinstance(a, SafeTextAdminMixin)]
    assert missing == []
    for model_admin in ours.values():
        for inline in model_admin.inlines:
            assert issubclass(inline, SafeTextAdminMixin), inline


@pytest.mark.django_db
def test_an_admin_form_refuses_a_control_character_in_dutch(users) -> None:
    request = RequestFactory().get("/platform/admin/zones/sector/add/")
    request.user = users["admin"]
    model_admin = admin.site._registry[Sector]
    form_class = model_admin.get_form(request)
    form = form_class(data={"name": "Thuiszorg\x0bverpleging", "code": "thuis"})
    assert not form.is_valid()
    assert "stuurteken" in str(form.errors["name"])
