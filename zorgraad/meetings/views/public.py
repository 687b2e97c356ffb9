"""Public pages: bodies, upcoming meetings with their agenda, published minutes and their search."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgraad.core.lists import paginate
from zorgraad.core.pagecache import cache_public_page
from zorgraad.governance.permissions import is_body_member
from zorgraad.governance.selectors import body_get
from zorgraad.zones.models import Zone

from ..forms_minutes import MinutesSearchForm
from ..models import MeetingStatus
from ..selectors import public as selectors
from ..selectors.minutes import next_meetings

MINUTES_PAGE_SIZE = 25
SEARCH_PAGE_SIZE = 20


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


@cache_public_page
def body_index(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    bodies = selectors.open_body_list(zone=current)
    rows = [(body, body.upcoming[0] if body.upcoming else None) for body in bodies]  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/body_index.html",
        {"rows": rows, "closed_bodies": selectors.closed_body_list(zone=current)},
    )


@cache_public_page
def minutes_search(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form = MinutesSearchForm(request.GET or None, bodies=list(selectors.open_bodies(zone=current)))
    filters = selectors.MinutesFilters()
    if form.is_bound:
        form.is_valid()  # a wrong field is reported and left out of the search
        data = getattr(form, "cleaned_data", {})
        filters = selectors.MinutesFilters(
            q=data.get("q") or "",
            body=data.get("orgaan") or "",
            date_from=data.get("van"),
            date_to=data.get("tot"),
        )
    page, query = paginate(request, selectors.minutes_search(zone=current, filters=filters), SEARCH_PAGE_SIZE)
    words = filters.words
    results = [(meeting, selectors.snippet(meeting, words)) for meeting in page.object_list]
    return render(
        request,
        "meetings/search.html",
        {
            "form": form,
            "page": page,
            "results": results,
            "query": query,
            "searching": filters.active,
        },
    )


@cache_public_page
def body_public(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    current = _zone(request)
    found = body_get(zone=current, slug=body)
    member = is_body_member(request, found)
    visible = selectors.can_see_meetings(body=found, member=member)
    context: dict[str, object] = {"body": found, "member": member, "visible": visible}
    if visible:
        upcoming = selectors.upcoming_meetings(zone=current, body=found)
        next_meeting = upcoming[0] if upcoming else None
        context.update(
            {
                "next_meeting": next_meeting,
                # The agenda is internal until the invitation goes out; members see the draft.
                "show_agenda": next_meeting is not None
                and (member or next_meeting.status == MeetingStatus.INVITED),
                "later_meetings": upcoming[1:],
                "page": Paginator(
                    selectors.minutes_list(zone=current, body=found, member=member), MINUTES_PAGE_SIZE
                ).get_page(request.GET.get("page")),
                "query": "",
            }
        )
    return render(request, "meetings/public_body.html", context)


@cache_public_page
def meeting_public(request: HttpRequest, zone: str, body: str, pk: int) -> HttpResponse:
    current = _zone(request)
    found = body_get(zone=current, slug=body)
    member = is_body_member(request, found)
    meeting = selectors.meeting_minutes_get(zone=current, body=found, pk=pk, member=member)
    attendances = list(meeting.attendances.all())
    return render(
        request,
        "meetings/public_meeting.html",
        {
            "body": found,
            "meeting": meeting,
            "member": member,
            "present": [a for a in attendances if a.status == "present"],
            "excused": [a for a in attendances if a.status == "excused"],
            "next_meetings": next_meetings(zone=current, meeting=meeting),
        },
    )
