"""The public social map: search the offer of a zone, read one offer. No login, plain Dutch."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from zorgraad.core.lists import paginate
from zorgraad.core.pagecache import CONTACTS, SOCIALMAP, cache_public_page

from .. import referral
from ..forms.socialmap import SocialMapSearchForm
from ..selectors import socialmap as selectors

PAGE_SIZE = 20


@cache_public_page(
    kinds=(SOCIALMAP,), params=("q", "target_group", "theme", "municipality", "page"), records=(CONTACTS,)
)
def socialmap(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    form = SocialMapSearchForm(request.GET or None, zone=current)
    filters = selectors.OfferFilters()
    if form.is_bound:
        form.is_valid()  # invalid fields are reported and left out of the search
        filters = form.filters()
    found = selectors.offer_find(zone=current, filters=filters)
    page, query = paginate(request, found.offers, PAGE_SIZE)
    page.object_list = list(page.object_list)
    selectors.mark_whole_zone(zone=current, offers=page.object_list)
    selectors.mark_reach(offers=page.object_list)
    searching = filters != selectors.OfferFilters()
    nothing_found = searching and not page.object_list
    where = found.municipality_ids or ([filters.municipality] if filters.municipality else [])
    return render(
        request,
        "network/socialmap.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "searching": searching,
            "ranked": found.ranked,
            "suggestion": found.suggestion,
            "places": found.places,
            "examples": selectors.search_examples(zone=current),
            "themes": selectors.nearest_themes(zone=current, q=filters.q) if nothing_found else [],
            "doors": selectors.general_doors(zone=current, municipality_ids=where) if searching else [],
            "refining": bool(form.errors)
            or any(request.GET.get(k) for k in ("target_group", "theme", "municipality")),
        },
    )


@cache_public_page(kinds=(SOCIALMAP,), params=(), records=(CONTACTS,))
def socialmap_offer(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    offer = selectors.offer_public_get(zone=current, pk=pk)
    selectors.mark_whole_zone(zone=current, offers=[offer])
    selectors.mark_reach(offers=[offer])
    url = settings.ZORGRAAD_BASE_URL.rstrip("/") + request.path
    return render(
        request,
        "network/socialmap_offer.html",
        {
            "offer": offer,
            "org": offer.organisation,
            "org_reach": selectors.organisation_reach(offer.organisation),
            "card_mail_body": f"{offer.title} ({offer.organisation.name}): {url}",
        },
    )


@cache_public_page(kinds=(SOCIALMAP,), params=(), records=(CONTACTS,))
def socialmap_offer_card(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """The referral card of one offer (A6 PDF) with a QR code to its page."""
    current = request.zone  # type: ignore[attr-defined]
    offer = selectors.offer_public_get(zone=current, pk=pk)
    selectors.mark_reach(offers=[offer])
    path = reverse("network:socialmap_offer", kwargs={"zone": current.slug, "pk": offer.pk})
    url = settings.ZORGRAAD_BASE_URL.rstrip("/") + path
    pdf = referral.card_pdf(offer=offer, url=url, context={"zone": current})
    response = HttpResponse(pdf, content_type="application/pdf")
    name = slugify(offer.title)[:60] or "aanbod"
    response["Content-Disposition"] = f'attachment; filename="doorverwijskaartje-{name}.pdf"'
    return response
