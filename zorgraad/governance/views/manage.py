"""Staff and secretary screens for bodies, memberships and mandate renewal.

The URL table lets staff and secretaries in; pages at secretary level also check that the user manages
*this* body (`require_body_manager`), so a secretary of another body gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core.audit import history_for
from zorgraad.core.forms import add_service_error
from zorgraad.core.lists import paginate
from zorgraad.core.rows import choice_labels, label_of, url_maker
from zorgraad.core.staffcache import cache_staff_page
from zorgraad.meetings.models import Meeting
from zorgraad.network import pickers
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .. import permissions, selectors, services
from ..forms import (
    WEEKDAYS,
    BodyFilterForm,
    BodyForm,
    CandidacyForm,
    DecideForm,
    FixedItemForm,
    MandateCallForm,
    MembershipForm,
)
from ..models import Body, MandateCall, Membership

HISTORY_ROWS = 50


# --- helpers -------------------------------------------------------------------------------------


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _managed_body(request: HttpRequest, slug: str) -> Body:
    """The body of the URL (404 in another zone), if the user manages it (403 otherwise)."""
    body = selectors.body_get(zone=_zone(request), slug=slug)
    permissions.require_body_manager(request, body)
    return body


def body_url(zone: Zone, body: Body) -> str:
    return reverse("governance:body_detail", kwargs={"zone": zone.slug, "body": body.slug})


def call_url(zone: Zone, call: MandateCall) -> str:
    return reverse("governance:mandate_call_detail", kwargs={"zone": zone.slug, "pk": call.pk})


# --- bodies --------------------------------------------------------------------------------------


def body_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    ids = permissions.managed_body_ids(request, current.pk)
    form = BodyFilterForm(request.GET or None)
    filters = selectors.BodyFilters()
    if form.is_valid():
        d = form.cleaned_data
        filters = selectors.BodyFilters(
            q=d["q"].strip(), kind=d["kind"], cluster=d["cluster"].pk if d["cluster"] else None
        )
    page, query = paginate(request, selectors.body_overview(zone=current, ids=ids, filters=filters))
    return render(
        request,
        "governance/body_list.html",
        {"form": form, "page": page, "query": query, "filtered": filters != selectors.BodyFilters()},
    )


def body_create(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form = BodyForm(request.POST or None, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(zone=current, actor=request.user, data=form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Overlegorgaan %(name)s is aangemaakt.") % {"name": body.name})
            return redirect(body_url(current, body))
    return render(request, "governance/body_form.html", {"form": form, "creating": True})


@cache_staff_page
def body_detail(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    current = _zone(request)
    obj = _managed_body(request, body)
    today = timezone.localdate()
    members = list(selectors.current_memberships(zone=current, body=obj, day=today))
    meetings, _query = paginate(request, selectors.body_meetings(zone=current, body=obj))
    # Row addresses reversed once for the list, not per row in the template.
    meetings.object_list = list(meetings.object_list)
    meeting_at = url_maker("meetings:meeting_detail", zone=current.slug)
    for meeting in meetings.object_list:
        meeting.url = meeting_at(meeting.pk)
    statuses = choice_labels(Meeting, "status")
    for meeting in meetings.object_list:
        meeting.status_label = label_of(statuses, meeting.status)
    end_at = url_maker("governance:membership_end", zone=current.slug)
    roles = choice_labels(Membership, "role")
    future = list(selectors.future_memberships(zone=current, body=obj, day=today))
    for member in members:
        member.end_url = end_at(member.pk)  # type: ignore[attr-defined]
    for member in members + future:
        member.role_label = label_of(roles, member.role)  # type: ignore[attr-defined]
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": obj,
            "members": members,
            "future_members": future,
            "coverage": selectors.sector_coverage(body=obj, memberships=members),
            "fixed_items": list(selectors.fixed_item_list(zone=current, body=obj)),
            "calls": list(selectors.mandate_call_list(zone=current, body=obj)),
            "page": meetings,
            "query": "",
            "today": today,
            "year": today.year,
            "weekday": dict(WEEKDAYS).get(obj.default_weekday, "") if obj.default_weekday is not None else "",
            "history": history_for(zone=current, instance=obj)[:HISTORY_ROWS],
        },
    )


def body_edit(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    current = _zone(request)
    obj = selectors.body_get(zone=current, slug=body)
    form = BodyForm(request.POST or None, instance=obj, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.body_update(zone=current, actor=request.user, body=obj, data=form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
            obj = selectors.body_get(zone=current, slug=body)  # the page shows the stored name
        else:
            messages.success(request, _("De wijzigingen zijn bewaard."))
            return redirect(body_url(current, obj))
    return render(request, "governance/body_form.html", {"form": form, "body": obj})


# --- memberships ---------------------------------------------------------------------------------


@cache_staff_page
def membership_add(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    """Add a member: the person and organisation are found with search pickers (no list of the zone)."""
    current = _zone(request)
    obj = _managed_body(request, body)
    initial: dict[str, Any] = {}
    if request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = MembershipForm(request.POST or None, zone=current, initial=initial)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.membership_add(
                zone=current, actor=request.user, body=obj, data=form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s is toegevoegd als %(role)s van %(body)s.")
                % {"person": membership.person, "role": membership.get_role_display(), "body": obj.name},
            )
            return redirect(body_url(current, obj))
    return render(request, "governance/membership_form.html", {"form": form, "body": obj})


def membership_end(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    membership = selectors.membership_get(zone=current, pk=pk)
    permissions.require_body_manager(request, membership.body)
    back = body_url(current, membership.body)
    if request.method == "POST":
        try:
            services.membership_end(zone=current, actor=request.user, membership=membership)
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("Het mandaat van %(person)s in %(body)s is beëindigd.")
                % {"person": membership.person, "body": membership.body.name},
            )
        return redirect(back)
    return render(
        request,
        "network/confirm.html",
        {
            "back_label": membership.body.name,
            "title": _("Mandaat beëindigen"),
            "question": _(
                "Wil je het mandaat van %(person)s als %(role)s van %(body)s vandaag beëindigen? "
                "Het lidmaatschap blijft in de geschiedenis bewaard."
            )
            % {
                "person": membership.person,
                "role": membership.get_role_display(),
                "body": membership.body.name,
            },
            "confirm_label": _("Mandaat beëindigen"),
            "cancel_url": back,
        },
    )


# --- fixed agenda items --------------------------------------------------------------------------


def fixed_items(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    """List, add, delete and reorder the fixed items; plain POST buttons, so it works without JavaScript."""
    current = _zone(request)
    obj = _managed_body(request, body)
    here = reverse("governance:fixed_items", kwargs={"zone": current.slug, "body": obj.slug})
    form = FixedItemForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "add":
            form = FixedItemForm(request.POST)
            if form.is_valid():
                try:
                    item = services.fixed_item_add(
                        zone=current,
                        actor=request.user,
                        body=obj,
                        title=form.cleaned_data["title"],
                        at_end=form.cleaned_data["at_end"],
                    )
                except ServiceError as exc:
                    add_service_error(form, exc)
                else:
                    messages.success(request, _("‘%(title)s’ is toegevoegd.") % {"title": item.title})
                    return redirect(here)
        elif action in ("up", "down", "delete"):
            item_pk = request.POST.get("item", "")
            if not item_pk.isdigit():
                raise Http404(_("Dit agendapunt bestaat niet."))
            item = selectors.fixed_item_get(zone=current, body=obj, pk=int(item_pk))
            try:
                if action == "delete":
                    services.fixed_item_delete(zone=current, actor=request.user, item=item)
                else:
                    services.fixed_item_move(zone=current, actor=request.user, item=item, direction=action)
            except ServiceError as exc:
                messages.error(request, exc.messages[0])
            else:
                if action == "delete":
                    messages.success(request, _("‘%(title)s’ is verwijderd.") % {"title": item.title})
                else:
                    messages.success(request, _("‘%(title)s’ is verplaatst.") % {"title": item.title})
            return redirect(here)
        else:
            messages.error(request, _("Onbekende actie."))
            return redirect(here)
    elif request.GET.get("verwijderen", "").isdigit():
        item = selectors.fixed_item_get(zone=current, body=obj, pk=int(request.GET["verwijderen"]))
        return render(
            request,
            "network/confirm.html",
            {
                "back_label": obj.name,
                "title": _("Vast agendapunt verwijderen"),
                "question": _(
                    "Wil je ‘%(title)s’ van de vaste agendapunten van %(body)s halen? "
                    "Agenda's die al bestaan, blijven zoals ze zijn."
                )
                % {"title": item.title, "body": obj.name},
                "confirm_label": _("Verwijderen"),
                "cancel_url": here,
                "hidden": {"action": "delete", "item": item.pk},
                "action_url": here,
            },
        )
    items = list(selectors.fixed_item_list(zone=current, body=obj))
    return render(
        request,
        "governance/fixed_items.html",
        {
            "body": obj,
            "form": form,
            "start_items": [i for i in items if not i.at_end],
            "end_items": [i for i in items if i.at_end],
        },
    )


# --- mandate renewal -----------------------------------------------------------------------------


def mandate_call_create(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    current = _zone(request)
    obj = selectors.body_get(zone=current, slug=body)
    form = MandateCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.mandate_call_open(
                zone=current, actor=request.user, body=obj, data=form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("De oproep ‘%(title)s’ staat open.") % {"title": call.title})
            return redirect(call_url(current, call))
    return render(request, "governance/mandate_call_form.html", {"form": form, "body": obj})


def _call_page(request: HttpRequest, call: MandateCall, form: CandidacyForm) -> HttpResponse:
    current = _zone(request)
    today = timezone.localdate()
    return render(
        request,
        "governance/mandate_call_detail.html",
        {
            "call": call,
            "body": call.body,
            "candidacies": list(call.candidacies.all()),
            "form": form,
            "deadline_passed": today > call.deadline,
            "is_decided": call.status == MandateCall.Status.DECIDED,
            "history": history_for(zone=current, instance=call)[:HISTORY_ROWS],
        },
    )


def mandate_call_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    call = selectors.mandate_call_get(zone=current, pk=pk)
    form = CandidacyForm(zone=current)
    pickers.use_search(request, form)
    return _call_page(request, call, form)


def candidacy_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    call = selectors.mandate_call_get(zone=current, pk=pk)
    if request.method != "POST":
        return redirect(call_url(current, call) + "#kandidaat")
    form = CandidacyForm(request.POST, zone=current)
    if form.is_valid():
        try:
            candidacy = services.candidacy_submit(
                zone=current, actor=request.user, call=call, data=form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s is kandidaat voor ‘%(title)s’.")
                % {"person": candidacy.person, "title": call.title},
            )
            return redirect(call_url(current, call))
    return _call_page(request, call, form)


def mandate_call_decide(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    call = selectors.mandate_call_get(zone=current, pk=pk)
    form = DecideForm(request.POST or None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_call_decide(
                zone=current,
                actor=request.user,
                call=call,
                accepted=list(form.cleaned_data["accepted"]),
                end_current=form.cleaned_data["end_current"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("Over ‘%(title)s’ is beslist; de nieuwe mandaten starten op %(start)s.")
                % {"title": call.title, "start": call.mandate_start.strftime("%d/%m/%Y")},
            )
            return redirect(body_url(current, call.body))
    return render(
        request,
        "governance/mandate_call_decide.html",
        {
            "call": call,
            "body": call.body,
            "form": form,
            "is_decided": call.status == MandateCall.Status.DECIDED,
            "deadline_passed": timezone.localdate() > call.deadline,
        },
    )
