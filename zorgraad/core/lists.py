"""Paginated lists: the page asked for in ?page= and the rest of the query string for the page links."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


def paginate(request: HttpRequest, rows: Any, per_page: int = PAGE_SIZE) -> tuple[Page, str]:
    """The page of `rows` in ?page= (the first or last one when it is out of range) and the query
    string without `page`, for the links of core/_pagination.html (context vars `page` and `query`)."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()
