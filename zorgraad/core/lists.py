"""Paginated lists: the page asked for in ?page= and the rest of the query string for the page links;
the bound on the search terms that filter a list."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 25


def paginate(request: HttpRequest, rows: Any, per_page: int = PAGE_SIZE) -> tuple[Page, str]:
    """The page of `rows` in ?page= (the first or last one when it is out of range) and the query
    string without `page`, for the links of core/_pagination.html (context vars `page` and `query`)."""
    page = Paginator(rows, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


# --- search terms --------------------------------------------------------------------------------

# Every word of a search box becomes one condition of the query. A database refuses a query with
# thousands of them (SQLite: "Expression tree is too large"), so search terms are bounded: forms and
# the API refuse longer input with a message, and `search_words` cuts whatever reaches a selector.
SEARCH_MAX_LENGTH = 200
SEARCH_MAX_WORDS = 10


def search_words(text: str) -> list[str]:
    """The words of a (normalised) search text: the first SEARCH_MAX_WORDS distinct words of its
    first SEARCH_MAX_LENGTH characters."""
    words = list(dict.fromkeys(text[:SEARCH_MAX_LENGTH].split()))
    return words[:SEARCH_MAX_WORDS]


TOO_MANY_SEARCH_WORDS = _("Gebruik hoogstens %(limit)d zoekwoorden.")


def validate_search_terms(value: str) -> None:
    """Form validator of a search box: at most SEARCH_MAX_WORDS words (the length is the field's max_length)."""
    if len(value.split()) > SEARCH_MAX_WORDS:
        raise ValidationError(
            TOO_MANY_SEARCH_WORDS, code="too_many_words", params={"limit": SEARCH_MAX_WORDS}
        )
