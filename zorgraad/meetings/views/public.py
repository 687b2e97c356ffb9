"""Public pages: bodies, upcoming meetings with their agenda, published minutes and their search."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgraad.core.lists import paginate
from zorgraad.core.pagecache import MEETINGS, cache_public_page
from zorgraad.governance.permissions import is_body_member
from zorgraad.governance.selectors import body_get
from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..forms_minutes import MinutesSearchForm
from ..models import Attendance, Meeting, MeetingStatus
from ..selectors import public as selectors
from ..selectors.minutes import next_meetings
from ..selectors.schedule import active_memberships
from ..services import invitations

MINUTES_PAGE_SIZE = 25
SEARCH_PAGE_SIZE = 20


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


@cache_public_page(kinds=(MEETINGS,), params=())
def body_index(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    bodies = selectors.open_body_list(zone=current)
    rows = [(body, body.upcoming[0] if body.upcoming else None) for body in bodies]  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/body_index.html",
        {"rows": rows, "closed_bodies": selectors.closed_body_list(zone=current)},
    )


@cache_public_page(kinds=(MEETINGS,), params=("q", "orgaan", "van", "tot", "page"))
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


@cache_public_page(kinds=(MEETINGS,), params=("page",))
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


def _my_person(request: HttpRequest, zone: Zone) -> Person | None:
    if not request.user.is_authenticated:
        return None
    return Person.objects.for_zone(zone).filter(user_id=request.user.pk, is_archived=False).first()


def _my_answer(request: HttpRequest, zone: Zone, meeting: Meeting) -> dict[str, Any]:
    """What the logged-in member may do about coming: their row on the list, if any."""
    person = _my_person(request, zone)
    if person is None or not invitations.can_answer(meeting):
        return {}
    row = Attendance.objects.for_zone(zone).filter(meeting=meeting, person=person).first()
    if (
        row is None
        and not active_memberships(zone=zone, body=meeting.body, day=meeting.date)
        .filter(person=person)
        .exists()
    ):
        return {}
    return {"my_row": row, "can_reply": True}


@cache_public_page(kinds=(MEETINGS,), params=())
def meeting_public(request: HttpRequest, zone: str, body: str, pk: int) -> HttpResponse:
    current = _zone(request)
    found = body_get(zone=current, slug=body)
    member = is_body_member(request, found)
    try:
        meeting = selectors.meeting_minutes_get(zone=current, body=found, pk=pk, member=member)
    except Http404:
        # Not (yet) readable minutes: the meeting itself, from the moment it is planned.
        meeting = selectors.meeting_get(zone=current, body=found, pk=pk, member=member)
        return render(
            request,
            "meetings/public_meeting_planned.html",
            {
                "body": found,
                "meeting": meeting,
                "member": member,
                # The agenda is internal until the invitation goes out; members see the draft.
                "show_agenda": member or meeting.status != MeetingStatus.PLANNED,
                **_my_answer(request, current, meeting),
            },
        )
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
            # Published minutes show the next meetings as approved (frozen at approval), not today's planning.
            "next_meeting_lines": meeting.next_meetings_frozen,
            "next_meetings": next_meetings(zone=current, meeting=meeting)
            if meeting.next_meetings_frozen is None
            else [],
        },
    )


def _reply_message(row: Attendance) -> str:
    if row.reply == "no":
        return _("Genoteerd: je kan niet komen. Je staat op de lijst als verontschuldigd.")
    return _("Genoteerd: je komt. Tot dan!")


@require_POST
def meeting_reply(request: HttpRequest, zone: str, body: str, pk: int) -> HttpResponse:
    """A logged-in member says from the meeting page (reached from "Mijn overleg") whether they come."""
    current = _zone(request)
    found = body_get(zone=current, slug=body)
    meeting = selectors.meeting_get(zone=current, body=found, pk=pk, member=is_body_member(request, found))
    person = _my_person(request, current)
    back = reverse(
        "meetings:meeting_public", kwargs={"zone": current.slug, "body": found.slug, "pk": meeting.pk}
    )
    if person is None:
        messages.error(request, _("Je account hoort bij geen persoon van deze eerstelijnszone."))
        return redirect(back)
    try:
        row = invitations.invitation_reply(
            zone=current,
            actor=request.user,
            meeting=meeting,
            person=person,
            answer=request.POST.get("antwoord", ""),
        )
    except ServiceError as exc:
        messages.error(request, str(exc.messages[0]))
    else:
        messages.success(request, _reply_message(row))
    return redirect(back)


def rsvp(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    """The "Ik kom / Ik kom niet" link of an invitation: the signed link is the credential.

    A GET only shows the question (mail scanners open links); the answer is recorded by the POST.
    """
    current = _zone(request)
    try:
        meeting, person = invitations.rsvp_read(zone=current, token=token)
    except ServiceError as exc:
        return render(request, "meetings/rsvp.html", {"error": str(exc.messages[0])}, status=404)
    answer = request.POST.get("antwoord", "") if request.method == "POST" else request.GET.get("antwoord", "")
    if request.method == "POST":
        try:
            row = invitations.invitation_reply(
                zone=current, actor=request.user, meeting=meeting, person=person, answer=answer
            )
        except ServiceError as exc:
            messages.error(request, str(exc.messages[0]))
        else:
            messages.success(request, _reply_message(row))
            return redirect(request.path + f"?antwoord={answer}")
    row = Attendance.objects.for_zone(current).filter(meeting=meeting, person=person).first()
    return render(
        request,
        "meetings/rsvp.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "person": person,
            "row": row,
            "answer": answer if answer in invitations.ANSWERS else "",
            "refusal": "" if invitations.can_answer(meeting) else invitations._answer_refusal(meeting),
            "show_link": meeting.body.is_open,
        },
    )
