"""Views of the newsletter: public subscription, confirmation, one-click unsubscribe, counted clicks
and the archive; staff compose, preview, test, schedule and send editions and follow their progress."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from zorgraad.core import pagecache
from zorgraad.core.errors import ServiceError
from zorgraad.core.forms import add_service_error
from zorgraad.core.lists import paginate
from zorgraad.core.ratelimit import limit_posts
from zorgraad.governance.forms import CONSENT_TEXT as BODY_CONSENT_TEXT
from zorgraad.network import pickers
from zorgraad.zones.models import Zone

from . import render as mail_render
from . import selectors, services, tokens
from .forms import CONSENT_TEXT, BlockForm, EditionForm, PreviewMailForm, ScheduleForm, SubscribeForm
from .hooks import PAGE_KIND
from .models import Block, Edition, EditionStatus, Source, Subscriber


def _zone(request: HttpRequest) -> Zone:
    return request.zone  # type: ignore[attr-defined,no-any-return]


def consent_wording(source: str) -> str:
    """The wording the form of `source` shows (the body pages keep their own sentence)."""
    if source == Source.EVENT:
        from zorgraad.events.services import NEWSLETTER_CONSENT_TEXT

        return str(NEWSLETTER_CONSENT_TEXT)
    return str(BODY_CONSENT_TEXT if source == Source.BODY else CONSENT_TEXT)


# --- public -------------------------------------------------------------------------------------


def _cached(view: Any) -> Any:
    """The archive is cached per zone; only sent editions (the newsletter kind) change it."""
    if hasattr(pagecache, "register_kind"):
        return pagecache.cache_public_page(kinds=(PAGE_KIND,))(view)
    return pagecache.cache_public_page(view)


@limit_posts("newsletter-subscribe", limit=10)
def subscribe(request: HttpRequest, zone: str) -> HttpResponse:
    """Whatever the address, a valid POST gets the same answer: the form never tells whether an
    address is subscribed."""
    current = _zone(request)
    done_url = reverse("newsletter:subscribe", kwargs={"zone": current.slug}) + "?klaar=1"
    if request.method == "GET" and request.GET.get("klaar"):
        return render(request, "newsletter/subscribe.html", {"done": True})
    form = SubscribeForm(request.POST or None, zone=current)
    if request.method == "POST":
        if form.is_bound and form.is_robot:
            return redirect(done_url)
        if form.is_valid():
            try:
                services.subscription_request(
                    zone=current,
                    email=form.cleaned_data["email"],
                    name=form.cleaned_data["name"],
                    audience=form.cleaned_data["audience"] or "",
                    newsletter=form.cleaned_data["newsletter"],
                    body_ids=[b.pk for b in form.cleaned_data["bodies"]],
                    consent_text=str(CONSENT_TEXT),
                    source=Source.SITE,
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                return redirect(done_url)
    return render(request, "newsletter/subscribe.html", {"form": form})


def confirm(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    """The link in the confirmation mail. The GET asks; only the POST (the button) confirms, so a
    mail scanner that opens links subscribes nobody."""
    current = _zone(request)
    try:
        wanted = tokens.confirm_read(zone_id=current.pk, token=token)
    except tokens.LinkRefused as exc:
        expired = isinstance(exc, tokens.LinkExpired)
        return render(
            request, "newsletter/confirm.html", {"refused": True, "expired": expired}, status=exc.status
        )
    context: dict[str, Any] = {"email": wanted.email}
    if request.method == "POST":
        try:
            _sub, new = services.subscription_confirm(
                zone=current,
                actor=request.user,
                token=token,
                consent_text=consent_wording(wanted.source),
                request=wanted,
            )
        except services.LinkUsed as exc:
            return render(
                request,
                "newsletter/confirm.html",
                {**context, "used": True, "error": exc.messages[0]},
                status=410,
            )
        except ServiceError as exc:
            return render(
                request,
                "newsletter/confirm.html",
                {**context, "refused": True, "error": exc.messages[0]},
                status=400,
            )
        return render(request, "newsletter/confirm.html", {**context, "confirmed": True, "new": new})
    return render(request, "newsletter/confirm.html", context)


@csrf_exempt  # the signed link is the credential; mail programs POST to it (RFC 8058 one-click)
def unsubscribe(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    """The unsubscribe link of every mail. The GET asks; the POST (button or mail program) unsubscribes."""
    current = _zone(request)
    try:
        subscriber_id, body_id = tokens.unsubscribe_read(zone_id=current.pk, token=token)
    except tokens.LinkRefused as exc:
        return render(request, "newsletter/unsubscribe.html", {"refused": True}, status=exc.status)
    subscriber = Subscriber.objects.for_zone(current).filter(pk=subscriber_id).first()
    if subscriber is None:
        return render(request, "newsletter/unsubscribe.html", {"refused": True}, status=400)
    body = None
    if body_id:
        from zorgraad.governance.models import Body

        body = Body.objects.for_zone(current).filter(pk=body_id).first()
    context = {"email": subscriber.email, "body": body}
    if request.method == "POST":
        services.subscriber_unsubscribe(
            zone=current, actor=request.user, subscriber_id=subscriber_id, body_id=body_id
        )
        return render(request, "newsletter/unsubscribe.html", {**context, "done": True})
    return render(request, "newsletter/unsubscribe.html", context)


def click(request: HttpRequest, zone: str, token: str) -> HttpResponse:
    """A counted link of a sent edition. Only links that are in an edition redirect (no open redirect)."""
    current = _zone(request)
    try:
        link_id = tokens.click_read(zone_id=current.pk, token=token)
    except tokens.LinkRefused:
        return render(request, "newsletter/click_refused.html", status=400)
    link = services.link_click(zone=current, link_id=link_id)
    if link is None:
        return render(request, "newsletter/click_refused.html", status=404)
    response = HttpResponseRedirect(link.url)
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@_cached
def archive(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    page, query = paginate(request, selectors.archive(zone=current))
    return render(request, "newsletter/archive.html", {"page": page, "query": query})


@_cached
def archive_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    edition = selectors.archived_edition(zone=current, pk=pk)
    subscribe_url = tokens.absolute(reverse("newsletter:subscribe", kwargs={"zone": current.slug}))
    html = edition.html.replace(mail_render.UNSUBSCRIBE_MARK, subscribe_url)
    return render(request, "newsletter/archive_detail.html", {"edition": edition, "html": html})


# --- staff --------------------------------------------------------------------------------------


def _edition_url(zone: Zone, edition: Edition) -> str:
    return reverse("newsletter:edition_detail", kwargs={"zone": zone.slug, "pk": edition.pk})


def editions(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    page, query = paginate(request, selectors.edition_list(zone=current))
    return render(
        request,
        "newsletter/editions.html",
        {"page": page, "query": query, "counts": selectors.subscriber_counts(zone=current)},
    )


def edition_new(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    form = EditionForm(request.POST or None, zone=current)
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_create(zone=current, actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            return redirect(_edition_url(current, edition))
    return render(request, "newsletter/edition_form.html", {"form": form})


def edition_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    edition = selectors.edition_get(zone=current, pk=pk)
    initial = {
        "subject": edition.subject,
        "intro": edition.intro,
        "audience": edition.audience,
        "challenges": list(edition.challenges.all()),
    }
    form = EditionForm(request.POST or None, zone=current, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_update(zone=current, actor=request.user, edition=edition, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            return redirect(_edition_url(current, edition))
    return render(request, "newsletter/edition_form.html", {"form": form, "edition": edition})


def edition_detail(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    edition = selectors.edition_get(zone=current, pk=pk)
    return render(
        request,
        "newsletter/edition_detail.html",
        {
            "edition": edition,
            "blocks": selectors.blocks(zone=current, edition=edition),
            "progress": selectors.progress(zone=current, edition=edition),
            "failures": selectors.failures(zone=current, edition=edition),
            "clicks": selectors.clicks(zone=current, edition=edition),
            "schedule_form": ScheduleForm(),
            "test_form": PreviewMailForm(initial={"email": getattr(request.user, "email", "")}),
            "recipients": services.recipients(current, edition).count()
            if edition.status == EditionStatus.DRAFT
            else None,
        },
    )


def edition_progress(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    edition = selectors.edition_get(zone=current, pk=pk)
    if not request.headers.get("HX-Request"):
        # the fragment the edition page polls; opened on its own, the edition page shows it whole
        return redirect("newsletter:edition_detail", zone=current.slug, pk=edition.pk)
    return render(
        request,
        "newsletter/_progress.html",
        {"edition": edition, "progress": selectors.progress(zone=current, edition=edition)},
    )


def edition_preview(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    edition = selectors.edition_get(zone=current, pk=pk)
    if edition.html:
        html = edition.html
    else:
        html = mail_render.preview(current, edition, selectors.blocks(zone=current, edition=edition))
    response = HttpResponse(html)
    response["Content-Security-Policy"] = "default-src 'none'; img-src * data:; style-src 'unsafe-inline'"
    return response


def _block_form(request: HttpRequest, current: Zone, edition: Edition, block: Block | None) -> HttpResponse:
    initial: dict[str, Any] = {}
    if block is not None:
        initial = {
            "kind": block.kind,
            "title": block.title,
            "text": block.text,
            "weeks": block.weeks,
            "event_ids": ", ".join(str(i) for i in block.event_ids),
            "organisation": block.organisation_id,
            "challenges": list(block.challenges.all()),
        }
    elif request.GET.get("soort"):
        initial = {"kind": request.GET["soort"]}
    form = BlockForm(request.POST or None, request.FILES or None, zone=current, initial=initial)
    pickers.use_search(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.block_save(
                zone=current, actor=request.user, edition=edition, block=block, **form.cleaned_data
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            return redirect(_edition_url(current, edition))
    return render(
        request,
        "newsletter/block_form.html",
        {"form": form, "edition": edition, "block": block, "editing": block is not None},
    )


def block_add(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    return _block_form(request, current, selectors.edition_get(zone=current, pk=pk), None)


def block_edit(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    block = selectors.block_get(zone=current, pk=pk)
    return _block_form(request, current, block.edition, block)


@require_POST
def block_delete(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    block = selectors.block_get(zone=current, pk=pk)
    try:
        services.block_delete(zone=current, actor=request.user, block=block)
    except ServiceError as exc:
        messages.error(request, exc.messages[0])
    return redirect(_edition_url(current, block.edition))


@require_POST
def edition_test(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    edition = selectors.edition_get(zone=current, pk=pk)
    form = PreviewMailForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef een geldig e-mailadres voor de testmail."))
    else:
        try:
            services.edition_test_send(
                zone=current, actor=request.user, edition=edition, email=form.cleaned_data["email"]
            )
        except ServiceError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(
                request, _("De testmail is verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]}
            )
    return redirect(_edition_url(current, edition))


@require_POST
def edition_send(request: HttpRequest, zone: str, pk: int) -> HttpResponse:
    current = _zone(request)
    edition = selectors.edition_get(zone=current, pk=pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldig moment om te versturen."))
        return redirect(_edition_url(current, edition))
    when = form.cleaned_data.get("when")
    try:
        services.edition_queue(zone=current, actor=request.user, edition=edition, when=when)
    except ServiceError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("De editie is gepland.") if when else _("De editie wordt verstuurd."))
    return redirect(_edition_url(current, edition))


def subscribers(request: HttpRequest, zone: str) -> HttpResponse:
    current = _zone(request)
    q = (request.GET.get("q") or "").strip()[:100]
    page, query = paginate(request, selectors.subscribers(zone=current, q=q))
    return render(
        request,
        "newsletter/subscribers.html",
        {"page": page, "query": query, "q": q, "counts": selectors.subscriber_counts(zone=current)},
    )
