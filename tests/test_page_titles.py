"""Every staff page has its own <title>: tabs, bookmarks and the browser history tell them apart."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.core import permissions

from .test_permission_walk import SKIP_PREFIXES, all_url_names, kwargs_for, make_objects

TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# Levels whose pages zone staff work in (their own pages included).
STAFF_LEVELS = {permissions.MEMBER, permissions.SECRETARY, permissions.STAFF}


def staff_pages(objects: dict[str, Any]) -> list[tuple[str, str]]:
    pages = []
    for name, route in all_url_names():
        if name.startswith(SKIP_PREFIXES) or permissions.level_for(name) not in STAFF_LEVELS:
            continue
        pages.append((name, reverse(name, kwargs=kwargs_for(name, route, objects))))
    return pages


@pytest.mark.django_db
def test_every_staff_page_has_its_own_title(zone: Any, users: dict[str, Any], client_as: Any) -> None:
    objects = make_objects(zone, users)
    client = client_as("staff")
    client.raise_request_exception = False
    titles: dict[str, list[str]] = {}
    generic = f"{zone.name} – Zorgraad"
    seen = 0
    plain: list[str] = []
    for name, url in staff_pages(objects):
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        seen += 1
        match = TITLE.search(response.content.decode())
        assert match, f"{url} has no <title>"
        title = html.unescape(" ".join(match.group(1).split()))
        if title == generic or zone.name not in title:
            plain.append(f"{name}: {title}")
        titles.setdefault(title, []).append(name)
    assert seen > 30
    assert plain == [], "pages with only the generic title:\n" + "\n".join(plain)
    shared = {title: names for title, names in titles.items() if len(names) > 1}
    assert shared == {}, "pages that share a title"
