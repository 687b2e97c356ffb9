"""Pages of the signals app. Thin: forms validate, services write, selectors read.

Access levels are in hooks.URL_ROLES (checked by the middleware); every lookup is zone-scoped, so an
id of another zone is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from zorgraad.core import once
from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.core.lists import paginate
from zorgraad.core.pagecache import cache_public_page
from zorgraad.core.ratelimit import limit_posts
from zorgraad.governance.models import Body
from zorgraad.meetings.models import AgendaItem, Meeting, PartnerRoundEntry
from zorgraad.network.models import Person
from zorgraad.zones.models import Cluster, Zone

from .. import mail, selectors, services
from ..exporters import SignalExporter
from ..forms import (
    EndorseForm,
    MergeForm,
    PartnerSignalForm,
    PublicSignalForm,
    RegisterFromMeetingForm,
    StaffSignalForm,
    ToMeetingForm,
    TransitionForm,
    TriageFilterForm,
)
from ..forms.routes import ForwardForm
from ..models import Signal, SignalSource, SignalStatus
from ..pagekinds import PAGE_KIND
from ..selectors.ambassadors import mark_collected, signal_ambassador
from ..selectors.routes import signal_route

DONE_SALT = "zorgraad.signals.done"
DONE_MAX_AGE = dt.timedelta(hours=6)
ENDORSEMENT_WARN_ABOVE = services.ENDORSEMENT_WARN_ABOVE


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def _intake_data(form: PublicSignalForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data.pop("website", None)
    return data


def _done_url(zone: Zone, signal: Signal) -> str:
    token = signing.dumps({"z": zone.pk, "s": signal.pk}, salt=DONE_SALT)
    return reverse("signals:public_done", kwargs={"zone": zone.slug, "token": token})


# --- public -------------------------------------------------------------------------------------


@limit_posts("signal-intake", limit=10)
def public_create(request: HttpRequest, zone: str) -> HttpResponse:
    """The public form: no login, anonymous allowed, a honeypot and a rate limit per address."""
    current = _zone(request)
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    form = PublicSignalForm(request.POST or None, zone=current)
    if request.method == "POST":
        if form.is_robot:  # the honeypot was filled in: look like the others, store nothing
            return render(request, "signals/public_done.html", {"reference": None})
        if form.is_valid():
            try:
                signal = services.signal_create(
                    zone=current, actor=request.user, data=_intake_data(form), source=SignalSource.PUBLIC_FORM
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                url = _done_url(current, signal)
                once.mark_used(request, token, url)
                return redirect(url)
    return render(request, "signals/public_form.html", {"form": form, "form_token": token})


def public_done(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    current = _zone(request)
    try:
        data = signing.loads(token, salt=DONE_SALT, max_age=DONE_MAX_AGE)
    except signing.BadSignature as exc:
        raise Http404(_("Deze bevestiging is niet (meer) geldig.")) from exc
    if not isinstance(data, dict) or data.get("z") != current.pk or not isinstance(data.get("s"), int):
        raise Http404(_("Deze bevestiging is niet (meer) geldig."))
    signal = Signal.objects.for_zone(current).filter(pk=data["s"]).only("reference", "contact_email").first()
    if signal is None:
        raise Http404(_("Deze bevestiging is niet (meer) geldig."))
    return render(
        request,
        "signals/public_done.html",
        {"reference": signal.reference, "mailed": bool(signal.contact_email)},
    )


@cache_public_page(kinds=(PAGE_KIND,), params=("page",))
def public_list(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    rows = selectors.public_structural(zone=current)
    page, query = paginate(request, rows, per_page=50)
    return render(request, "signals/public_list.html", {"page": page, "query": query})


@csrf_exempt  # the signed link is the credential; mail programs POST to it for one-click unsubscribe
def unfollow(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    current = _zone(request)
    try:
        pk = mail.unfollow_signal_id(zone=current, token=token)
    except mail.LinkInvalid:
        return render(request, "signals/unfollow.html", {"refused": True}, status=400)
    signal = Signal.objects.for_zone(current).filter(pk=pk).first()
    if signal is None:
        return render(request, "signals/unfollow.html", {"refused": True}, status=400)
    if request.method == "POST":
        services.signal_unfollow(zone=current, signal=signal)
        return render(request, "signals/unfollow.html", {"signal": signal, "done": True})
    return render(request, "signals/unfollow.html", {"signal": signal})


# --- partners -----------------------------------------------------------------------------------


def partner_create(request: HttpRequest, zone: str) -> HttpResponse:
    """A partner reports from their account: reporter, organisation and sector filled in from their record."""
    current = _zone(request)
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    person = (
        Person.objects.for_zone(current)
        .filter(user=request.user, is_archived=False)
        .prefetch_related("affiliations__organisation__sector")
        .first()
    )
    affiliation = next((a for a in person.affiliations.all() if a.is_current), None) if person else None
    organisation = affiliation.organisation if affiliation else None
    initial = {"contact_email": (person.email if person else "") or request.user.email}  # type: ignore[union-attr]
    form = PartnerSignalForm(request.POST or None, zone=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = _intake_data(form)
        data.update(reporter_person=person, reporter_user=request.user, organisation=organisation)
        if organisation is not None:
            data["sector"] = organisation.sector
            data["organisation_text"] = data.get("organisation_text") or ""
        try:
            signal = services.signal_create(
                zone=current, actor=request.user, data=data, source=SignalSource.PARTNER_ACCOUNT
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            url = _done_url(current, signal)
            once.mark_used(request, token, url)
            return redirect(url)
    return render(
        request,
        "signals/partner_form.html",
        {"form": form, "form_token": token, "person": person, "organisation": organisation},
    )


# --- staff --------------------------------------------------------------------------------------


def _filters(request: HttpRequest, zone: Zone) -> tuple[TriageFilterForm, dict[str, Any]]:
    form = TriageFilterForm(request.GET or None, zone=zone)
    return form, (form.cleaned_data if form.is_valid() else {})


def triage(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form, filters = _filters(request, current)
    page, query = paginate(request, selectors.triage_list(zone=current, filters=filters))
    mark_collected(zone=current, signals=page.object_list)
    return render(
        request,
        "signals/triage.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "clusters": Cluster.objects.filter(is_core=True),
            "untreated": selectors.untreated_count(current),
        },
    )


def export(request: HttpRequest, zone: str, fmt: str) -> HttpResponse:
    current = _zone(request)
    _form, filters = _filters(request, current)
    return SignalExporter(selectors.export_list(zone=current, filters=filters)).response(fmt, current.slug)


def dashboard(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    return render(request, "signals/dashboard.html", {"charts": selectors.dashboard_cached(zone=current)})


def cluster_list(request: HttpRequest, zone: str, cluster: str) -> HttpResponse:
    current = _zone(request)
    found = Cluster.objects.filter(code=cluster).first()
    if found is None:
        raise Http404(_("Deze cluster bestaat niet."))
    rows = selectors.cluster_follow_up(zone=current, cluster=found)
    return render(request, "signals/cluster_list.html", {"cluster": found, "rows": rows})


def body_endorsements(request: HttpRequest, zone: str, body: str) -> HttpResponse:
    current = _zone(request)
    found = Body.objects.for_zone(current).filter(slug=body).first()
    if found is None:
        raise Http404(_("Dit overleg bestaat niet."))
    rows = list(selectors.body_endorsements(zone=current, body=found))
    return render(
        request,
        "signals/body_endorsements.html",
        {
            "body": found,
            "rows": rows,
            "too_many": len(rows) > ENDORSEMENT_WARN_ABOVE,
            "limit": ENDORSEMENT_WARN_ABOVE,
        },
    )


def _detail_context(request: HttpRequest, zone: Zone, signal: Signal, **extra: Any) -> dict[str, Any]:
    # bundling has its own page; "besproken → besproken" is the route's next body ("voorleggen")
    moves = [
        (s, SignalStatus(s).label)
        for s in signal.allowed_moves
        if s != SignalStatus.MERGED and s != signal.status
    ]
    endorsements = list(selectors.endorsements(zone=zone, signal=signal))
    context: dict[str, Any] = {
        "signal": signal,
        "trail": selectors.signal_trail(zone=zone, signal=signal),
        "children": selectors.bundled(zone=zone, signal=signal),
        "endorsements": endorsements,
        "moves": moves,
        "transition_form": TransitionForm(),
        "meeting_form": ToMeetingForm(zone=zone),
        "endorse_form": EndorseForm(zone=zone),
        "can_discuss": signal.can_move_to(SignalStatus.DISCUSSED),
        "can_merge": signal.can_move_to(SignalStatus.MERGED),
        "reporters": 1 + signal.children.count() if signal.pk else 1,  # type: ignore[attr-defined]
        "ambassador": signal_ambassador(zone=zone, signal=signal),
        "route": signal_route(zone=zone, signal=signal, endorsements=endorsements),
        "forward_form": ForwardForm(),
    }
    context.update(extra)
    return context


def detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    signal = selectors.signal_get(zone=current, pk=pk)
    return render(request, "signals/detail.html", _detail_context(request, current, signal))


def edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    signal = selectors.signal_get(zone=current, pk=pk)
    initial = {f: getattr(signal, f) for f in services.SIGNAL_FIELDS if f != "organisation"}
    initial.update({name: list(getattr(signal, name).all()) for name in services.SIGNAL_M2M})
    form = StaffSignalForm(request.POST or None, zone=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_update(
                zone=current, actor=request.user, signal=signal, data=dict(form.cleaned_data)
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Het signaal is bijgewerkt."))
            return redirect("signals:detail", zone=current.slug, pk=signal.pk)
    return render(request, "signals/edit.html", {"signal": signal, "form": form})


def _back(current: Zone, signal: Signal) -> HttpResponse:
    return redirect("signals:detail", zone=current.slug, pk=signal.pk)


def _refused(
    request: HttpRequest, current: Zone, signal: Signal, exc: ServiceError, **forms: Any
) -> HttpResponse:
    context = _detail_context(request, current, signal, **forms)
    context["action_errors"] = exc.messages
    return render(request, "signals/detail.html", context, status=400)


@require_POST
def transition(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    signal = selectors.signal_get(zone=current, pk=pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _refused(
            request, current, signal, ServiceError(_("Controleer de velden.")), transition_form=form
        )
    data = form.cleaned_data
    try:
        services.signal_transition(
            zone=current,
            actor=request.user,
            signal=signal,
            to_status=data["to_status"],
            comment=data["comment"],
            passed_on_to=data["passed_on_to"],
            passed_on_text=data["passed_on_text"],
            passed_on_at=data["passed_on_at"],
            addressee_level=data["addressee_level"],
            answer=data["answer"],
            answered_on=data["answered_on"],
            reason=data["reason"],
        )
    except ServiceError as exc:
        return _refused(request, current, signal, exc, transition_form=form)
    messages.success(
        request, _("Status gewijzigd naar ‘%(status)s’.") % {"status": SignalStatus(data["to_status"]).label}
    )
    return _back(current, signal)


@require_POST
def to_meeting(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    signal = selectors.signal_get(zone=current, pk=pk)
    form = ToMeetingForm(request.POST, zone=current)
    if not form.is_valid():
        return _refused(request, current, signal, ServiceError(_("Kies een overleg.")), meeting_form=form)
    try:
        updated = services.signal_to_meeting(
            zone=current, actor=request.user, signal=signal, body=form.cleaned_data["body"]
        )
    except ServiceError as exc:
        return _refused(request, current, signal, exc, meeting_form=form)
    messages.success(
        request, _("Het signaal staat op de agenda van %(meeting)s.") % {"meeting": updated.meeting}
    )
    return _back(current, signal)


@require_POST
def endorse(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    signal = selectors.signal_get(zone=current, pk=pk)
    form = EndorseForm(request.POST, zone=current)
    if not form.is_valid():
        return _refused(
            request,
            current,
            signal,
            ServiceError(_("Kies een overleg en schrijf de beslissing op.")),
            endorse_form=form,
        )
    body = form.cleaned_data["body"]
    meeting = signal.meeting if signal.meeting and signal.meeting.body_id == body.pk else None
    try:
        services.signal_endorse(
            zone=current,
            actor=request.user,
            signal=signal,
            body=body,
            meeting=meeting,
            decision_text=form.cleaned_data["decision_text"],
        )
    except ServiceError as exc:
        return _refused(request, current, signal, exc, endorse_form=form)
    count = selectors.body_endorsements(zone=current, body=body).count()
    if count > ENDORSEMENT_WARN_ABOVE:
        messages.warning(
            request,
            _(
                "%(body)s staat nu achter %(n)d signalen. Het afgesproken is één of twee: kies waar jullie echt op inzetten."
            )
            % {"body": body, "n": count},
        )
    else:
        messages.success(request, _("%(body)s staat achter dit signaal.") % {"body": body})
    return _back(current, signal)


def merge(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Bundle this signal (a duplicate) into another: search, pick, confirm."""
    current = _zone(request)
    signal = selectors.signal_get(zone=current, pk=pk)
    q = (request.GET.get("q") or "")[:200]
    form = MergeForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        parent = Signal.objects.for_zone(current).filter(pk=form.cleaned_data["parent"]).first()
        if parent is None:
            error = _("Kies een signaal van deze eerstelijnszone.")
        else:
            try:
                services.signal_merge(
                    zone=current,
                    actor=request.user,
                    duplicate=signal,
                    parent=parent,
                    comment=form.cleaned_data["comment"],
                )
            except ServiceError as exc:
                error = exc.messages[0]
            else:
                messages.success(
                    request,
                    _("%(dup)s is gebundeld in %(ref)s.")
                    % {"dup": signal.reference, "ref": parent.reference},
                )
                return redirect("signals:detail", zone=current.slug, pk=parent.pk)
    elif request.method == "POST":
        error = _("Kies een signaal.")
    candidates = selectors.merge_candidates(zone=current, signal=signal, q=q)
    return render(
        request,
        "signals/merge.html",
        {"signal": signal, "q": q, "candidates": candidates, "form": form, "error": error},
        status=400 if error else 200,
    )


def register_from_meeting(request: HttpRequest, zone: str, meeting: int) -> HttpResponse:
    """Staff register a signal heard in a meeting, linked to its agenda item or partner round entry."""
    current = _zone(request)
    found = Meeting.objects.for_zone(current).select_related("body").filter(pk=meeting).first()
    if found is None:
        raise Http404(_("Deze vergadering bestaat niet."))
    item = entry = None
    if raw := request.GET.get("punt") or request.POST.get("punt"):
        item = (
            AgendaItem.objects.for_zone(current).filter(meeting=found, pk=raw if raw.isdigit() else 0).first()
        )
    if raw := request.GET.get("ronde") or request.POST.get("ronde"):
        entry = (
            PartnerRoundEntry.objects.for_zone(current)
            .filter(meeting=found, pk=raw if raw.isdigit() else 0)
            .first()
        )
    if (again := once.replay(request)) is not None:
        return again
    token = once.token(request)
    initial: dict[str, Any] = {
        "source": SignalSource.PARTNER_ROUND if entry else SignalSource.AGENDA_ITEM,
        "noticed_on": found.date,
        "cluster": found.body.cluster_id,
    }
    if entry is not None:
        initial["description"] = entry.text
    form = RegisterFromMeetingForm(request.POST or None, zone=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        source = data.pop("source")
        data.update(meeting=found, agenda_item=item, partner_round_entry=entry)
        if entry is not None:
            data.setdefault("organisation", entry.organisation)
            data["reporter_person"] = entry.person
        try:
            signal = services.signal_create(
                zone=current, actor=request.user, data=data, source=source, require_description=False
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            url = reverse("signals:detail", kwargs={"zone": current.slug, "pk": signal.pk})
            once.mark_used(request, token, url)
            messages.success(request, _("Signaal %(ref)s geregistreerd.") % {"ref": signal.reference})
            return redirect(url)
    return render(
        request,
        "signals/register_from_meeting.html",
        {"meeting": found, "item": item, "entry": entry, "form": form, "form_token": token},
    )
