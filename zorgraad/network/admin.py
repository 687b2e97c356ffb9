from django.contrib import admin

from zorgraad.core import adminforms as safe_admin

from .models import SearchSynonym


@admin.register(SearchSynonym)
class SearchSynonymAdmin(safe_admin.ModelAdmin):
    """The platform admin keeps the default everyday words (rows without a zone)."""

    list_display = ["term", "expands_to", "zone"]
    list_filter = [("zone", admin.EmptyFieldListFilter)]
    search_fields = ["term", "expands_to"]
