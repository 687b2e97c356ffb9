"""Staff page of the social map search: the zone's own everyday words (synonyms)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zorgraad.core.forms import add_service_error

from ..forms.search import SearchSynonymForm
from ..selectors import socialmap as selectors
from ..services import ServiceError
from ..services import search as services


def search_synonyms(request: HttpRequest, zone: str) -> HttpResponse:
    """List, add (POST `term` + `expands_to`) and remove (POST `delete`=<id>) the zone's words."""
    current = request.zone  # type: ignore[attr-defined]
    form = SearchSynonymForm(
        request.POST if request.method == "POST" and "delete" not in request.POST else None
    )
    if request.method == "POST":
        if "delete" in request.POST:
            synonym = selectors.search_synonym_get(zone=current, pk=request.POST.get("delete", ""))
            if synonym is None:
                raise Http404(_("Dit zoekwoord bestaat niet (meer) voor deze eerstelijnszone."))
            services.search_synonym_delete(zone=current, actor=request.user, synonym=synonym)
            messages.success(request, _("Het zoekwoord ‘%(term)s’ is verwijderd.") % {"term": synonym.term})
            return redirect("network:search_synonyms", zone=current.slug)
        if form.is_valid():
            try:
                synonym = services.search_synonym_create(
                    zone=current,
                    actor=request.user,
                    term=form.cleaned_data["term"],
                    expands_to=form.cleaned_data["expands_to"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Wie zoekt op ‘%(term)s’, vindt nu ook aanbod over %(words)s.")
                    % {"term": synonym.term, "words": synonym.expands_to},
                )
                return redirect("network:search_synonyms", zone=current.slug)
    return render(
        request,
        "network/search_synonyms.html",
        {
            "form": form,
            "own": selectors.search_synonym_list(zone=current),
            "defaults": selectors.search_synonym_defaults(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
