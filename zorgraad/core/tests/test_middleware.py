"""The zone access middleware skips only the admin and the API, never a view because of its name."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import ResolverMatch

from zorgraad.core.middleware import ZoneAccessMiddleware


def _view(request):  # pragma: no cover - never called
    raise AssertionError


@pytest.mark.parametrize(
    "view_name", ["network:static_list", "meetings:staticpage", "django.views.static.serve", "x_static"]
)
def test_views_with_static_in_their_name_need_an_entry_too(view_name: str) -> None:
    request = RequestFactory().get("/amalo/static/")
    request.resolver_match = ResolverMatch(_view, (), {"zone": "amalo"}, url_name=view_name)
    middleware = ZoneAccessMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
    with pytest.raises(ImproperlyConfigured, match="no entry"):
        middleware.process_view(request, _view, (), {"zone": "amalo"})
