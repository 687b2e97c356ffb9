"""The site menu of base.html is rendered once per zone, level and language (`{% cache %}`, issue 17:
its fifteen `{% url %}` were a third of the floor of every staff page). Nobody gets a menu rendered
for another zone, another level or another language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import reverse


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def nav(client: Client, zone: str = "amalo", name: str = "zones:dashboard") -> str:
    response = client.get(reverse(name, kwargs={"zone": zone}))
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<nav class="site-nav"') : html.index("</nav>")]


@pytest.mark.django_db
def test_menu_is_rendered_once_and_the_same(staff_client: Client, monkeypatch: Any) -> None:
    first = nav(staff_client)
    calls: list[str] = []
    import django.template.defaulttags as tags

    original = tags.URLNode.render

    def counting(self: Any, context: Any) -> str:
        calls.append(str(self.view_name))
        return str(original(self, context))

    monkeypatch.setattr(tags.URLNode, "render", counting)
    assert nav(staff_client) == first
    assert not any("importer:upload" in c or "challenges:list" in c for c in calls)  # menu from the cache


@pytest.mark.django_db
def test_menu_of_one_level_is_never_served_to_another(client_as: Any) -> None:
    staff = nav(client_as("staff"), name="zones:home")
    assert reverse("zones:dashboard", kwargs={"zone": "amalo"}) in staff
    member = nav(client_as("member"), name="zones:home")
    assert reverse("zones:dashboard", kwargs={"zone": "amalo"}) not in member
    assert reverse("governance:my_bodies", kwargs={"zone": "amalo"}) in member


@pytest.mark.django_db
def test_menu_of_one_zone_is_never_served_to_another(client_as: Any) -> None:
    assert "/amalo/" in nav(client_as("staff"))
    theirs = nav(client_as("other_staff"), zone="zennevallei")
    assert "/amalo/" not in theirs and "/zennevallei/" in theirs


@pytest.mark.django_db
def test_menu_follows_the_language(staff_client: Client) -> None:
    assert "Sociale kaart" in nav(staff_client)
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = nav(staff_client)
    assert "Social map" in english and "Sociale kaart" not in english
