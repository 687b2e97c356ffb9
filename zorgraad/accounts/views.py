from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError

from . import selectors, services, sessions
from .forms import AccessForm
from .models import AccessInvitation, Role, ZoneRole


def home_redirect(request: HttpRequest) -> HttpResponse:  # noqa: D103
    """After login: staff to their zone's work page, partners to their profile, others to the start."""
    roles = list(
        ZoneRole.objects.filter(user_id=request.user.pk or 0).select_related("zone").order_by("role")
    )
    for zr in roles:
        if zr.role == Role.STAFF:
            return redirect("zones:dashboard", zone=zr.zone.slug)
    if roles:
        return redirect("network:my_profile", zone=roles[0].zone.slug)
    return redirect("zone_list")


def person_access(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    """Staff give a person of the directory an account with a role in this zone, or take it back.

    An address that already has an account gets an invitation instead (accounts/services.py);
    open invitations are listed here and can be withdrawn (`?intrekken=<id>` asks to confirm).
    """
    current = request.zone  # type: ignore[attr-defined]
    person = get_object_or_404(Person.objects.for_zone(current).select_related("user"), pk=pk)
    form = AccessForm(request.POST or None)
    here = redirect("accounts:person_access", zone=current.slug, pk=person.pk)
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                services.access_revoke(
                    zone=current, actor=request.user, person=person, role=request.POST["revoke"]
                )
                if person.user_id == request.user.pk:
                    sessions.keep_current_session(request)
                messages.success(request, _("De rol is ingetrokken."))
                return here
            if "withdraw" in request.POST:
                services.invitation_withdraw(
                    zone=current,
                    actor=request.user,
                    person=person,
                    invitation_id=_int(request.POST["withdraw"]),
                )
                messages.success(
                    request, _("De uitnodiging is ingetrokken: de link in de mail werkt niet meer.")
                )
                return here
            if form.is_valid():
                result = services.access_grant(
                    zone=current, actor=request.user, person=person, role=form.cleaned_data["role"]
                )
                if person.user_id == request.user.pk:
                    sessions.keep_current_session(request)
                if isinstance(result, AccessInvitation):
                    messages.success(
                        request,
                        _(
                            "Er bestaat al een account met %(email)s. %(name)s kreeg een uitnodiging per "
                            "mail en krijgt de rol pas na het aanvaarden ervan."
                        )
                        % {"email": result.email, "name": person},
                    )
                else:
                    messages.success(
                        request,
                        _("%(name)s heeft nu toegang en kreeg een mail om zich aan te melden.")
                        % {"name": person},
                    )
                return here
        except ServiceError as exc:
            form.add_error(None, exc.messages[0])
    invitations = list(selectors.pending_invitations(zone=current, person=person))
    withdrawing = None
    if request.method == "GET" and "intrekken" in request.GET:
        wanted = _int(request.GET["intrekken"])
        withdrawing = next((i for i in invitations if i.pk == wanted), None)
        if withdrawing is None:
            messages.error(request, _("Deze uitnodiging staat niet (meer) open."))
    return render(
        request,
        "accounts/person_access.html",
        {
            "person": person,
            "form": form,
            "roles": selectors.person_roles(zone=current, person=person),
            "invitations": invitations,
            "withdrawing": withdrawing,
        },
    )


def _int(value: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _private(response: HttpResponse) -> HttpResponse:
    """The token in the URL is a credential: no referrer to other sites, no search engines."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
def invitation_accept(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    """The invited address's owner, logged in, accepts a role in this zone (GET shows, POST accepts)."""
    current = request.zone  # type: ignore[attr-defined]
    try:
        invitation = selectors.invitation_get(zone=current, token=token)
    except selectors.InvitationExpired:
        return _refused(request, "expired", 410)
    except selectors.InvitationUsed:
        return _refused(request, "used", 410)
    except selectors.InvitationInvalid:
        return _refused(request, "invalid", 400)
    error = None
    if request.method == "POST":
        try:
            services.invitation_accept(zone=current, user=request.user, invitation=invitation)
        except ServiceError as exc:
            error = exc.messages[0]
        else:
            sessions.keep_current_session(request)
            messages.success(
                request,
                _("Welkom bij %(zone)s: je hebt nu de rol %(role)s.")
                % {"zone": current.name, "role": invitation.get_role_display()},
            )
            return redirect("home_redirect")
    elif not _is_invited(request, invitation):
        error = services.WRONG_ACCOUNT
    response = render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "error": error},
        status=403 if error == services.WRONG_ACCOUNT else 200,
    )
    return _private(response)


def _is_invited(request: HttpRequest, invitation: AccessInvitation) -> bool:
    return EmailAddress.objects.filter(
        user_id=request.user.pk, email__iexact=invitation.email, verified=True
    ).exists()


def _refused(request: HttpRequest, reason: str, status: int) -> HttpResponse:
    return _private(render(request, "accounts/invitation_refused.html", {"reason": reason}, status=status))
