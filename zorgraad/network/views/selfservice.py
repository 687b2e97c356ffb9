"""Self-service links, the yearly confirmation round, the stale-records report, own profile."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from zorgraad.core.ratelimit import limit_posts

from ..forms.selfservice import SelfServiceForm
from ..models import SelfServiceLink
from ..selectors import selfservice as selectors
from ..services import selfservice as services
from ..services.directory import ServiceError

PAGE_SIZE = 25


@require_POST
def selfservice_send(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    person = selectors.person_get(zone=current, pk=pk)
    try:
        link = services.selfservice_link_send(zone=current, actor=request.user, person=person)
    except ServiceError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request,
            _(
                "De zelfservicelink wordt naar %(email)s gestuurd. %(name)s kan er tot %(date)s "
                "één keer de eigen gegevens mee nakijken en aanpassen."
            )
            % {
                "email": link.email,
                "name": person.full_name,
                "date": formats.date_format(timezone.localtime(link.expires_at), "j F Y"),
            },
        )
    return redirect("network:person_detail", zone=current.slug, pk=person.pk)


def confirmation_round(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    if request.method == "POST":
        try:
            started = services.confirmation_round_start(zone=current, actor=request.user)
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request,
                _("De bevestigingsronde is gestart: %(count)s personen krijgen een e-mail met hun link.")
                % {"count": started.total},
            )
        return redirect("network:confirmation_round", zone=current.slug)
    return render(
        request,
        "network/confirmation_round.html",
        {
            "candidates": selectors.confirmation_candidates(zone=current).count(),
            "rounds": selectors.confirmation_rounds(zone=current),
            "days": selectors.link_lifetime().days,
        },
    )


def stale_report(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    report = selectors.stale_report(zone=current)

    def page(name: str, qs: object) -> object:
        return Paginator(qs, PAGE_SIZE).get_page(request.GET.get(f"{name}_page"))  # type: ignore[arg-type]

    return render(
        request,
        "network/stale_report.html",
        {
            "stale_people": page("people", report.stale_people),
            "stale_organisations": page("organisations", report.stale_organisations),
            "bounced_people": page("bounced", report.bounced_people),
            "unaffiliated_people": page("unaffiliated", report.unaffiliated_people),
        },
    )


def _refused(request: HttpRequest, refusal: selectors.LinkRefused) -> HttpResponse:
    reason = {
        selectors.LinkExpired: "expired",
        selectors.LinkUsed: "used",
    }.get(type(refusal), "invalid")
    response = render(request, "network/selfservice_refused.html", {"reason": reason}, status=refusal.status)
    return _private(response)


def _private(response: HttpResponse) -> HttpResponse:
    """The token in the URL is a credential: no referrer to other sites, no search engines.

    `same-origin`, not `no-referrer`: with no-referrer Chromium posts the form with `Origin: null`
    and Django's CSRF check refuses it (found by the browser test).
    """
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@limit_posts("selfservice", limit=30)
def selfservice(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    try:
        link: SelfServiceLink = selectors.selfservice_link_get(zone=current, token=token)
    except selectors.LinkRefused as refusal:
        return _refused(request, refusal)
    person = link.person
    form = SelfServiceForm(
        request.POST if request.method == "POST" else None,
        person=person,
        affiliations=selectors.current_affiliations(zone=current, person=person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.selfservice_apply(
                zone=current,
                actor=None,
                person=person,
                data=form.cleaned_data,
                link=link,
                actor_label=services.selfservice_actor_label(person),
            )
        except services.LinkUsedError:
            return _refused(request, selectors.LinkUsed())
        except services.LinkExpiredError:
            return _refused(request, selectors.LinkExpired())
        except ServiceError as exc:
            form.errors_before.extend(exc.messages)
        else:
            return _private(render(request, "network/selfservice_done.html", {"person": person}))
    return _private(render(request, "network/selfservice.html", {"form": form, "link": link}))


def my_profile(request: HttpRequest, zone: str) -> HttpResponse:
    current = request.zone  # type: ignore[attr-defined]
    raw = request.POST.get("persoon") or request.GET.get("persoon") or ""
    pk = int(raw) if raw.isdigit() else None
    person, people = selectors.own_person_get(zone=current, user=request.user, pk=pk)
    if person is None:
        return render(request, "network/my_profile.html", {"person": None})
    form = SelfServiceForm(
        request.POST if request.method == "POST" else None,
        person=person,
        affiliations=selectors.current_affiliations(zone=current, person=person),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.selfservice_apply(
                zone=current,
                actor=request.user,
                person=person,
                data=form.cleaned_data,
                actor_label=services.PROFILE_LABEL,
            )
        except ServiceError as exc:
            form.errors_before.extend(exc.messages)
        else:
            messages.success(request, _("Bedankt! Je gegevens zijn bewaard en bevestigd."))
            response = redirect("network:my_profile", zone=current.slug)
            if len(people) > 1:
                response["Location"] += f"?persoon={person.pk}"
            return response
    return render(request, "network/my_profile.html", {"person": person, "people": people, "form": form})
