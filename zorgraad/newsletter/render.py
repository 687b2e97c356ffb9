"""What the mails of the newsletter look like: blocks gathered from meetings, events and the
network, the frozen edition with counted links, and the personalised copy for each subscriber."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.network.models import Offer
from zorgraad.zones.models import Zone

from . import tokens
from .models import Block, BlockKind, Edition, EditionStatus, Link, Subscriber

MAIL_LANGUAGE = "nl-be"
UNSUBSCRIBE_MARK = "https://unsubscribe.invalid/"
HREF = re.compile(r'href="(https?://[^"<>\s]+)"')


@dataclass
class Item:
    title: str
    when: str = ""
    where: str = ""
    text: str = ""
    url: str = ""


@dataclass
class Rendered:
    block: Block
    heading: str
    items: list[Item] = field(default_factory=list)
    html_text: str = ""
    image_url: str = ""


def _abs(path: str) -> str:
    return tokens.absolute(path)


def _day(value: dt.date) -> str:
    return formats.date_format(value, "l j F Y")


def previous_edition_at(zone: Zone, edition: Edition) -> dt.datetime:
    last = (
        Edition.objects.for_zone(zone)
        .filter(status__in=[EditionStatus.SENT, EditionStatus.SENDING], queued_at__isnull=False)
        .exclude(pk=edition.pk)
        .order_by("-queued_at")
        .first()
    )
    return last.queued_at if last and last.queued_at else timezone.now() - dt.timedelta(days=31)


def _event_url(zone: Zone, event: Any) -> str:
    for name in ("events:event_public", "events:public_detail", "events:detail"):
        try:
            return _abs(reverse(name, kwargs={"zone": zone.slug, "pk": event.pk}))
        except NoReverseMatch:
            continue
    return _abs(f"/{zone.slug}/")


def _events(zone: Zone, block: Block, today: dt.date) -> list[Item]:
    try:
        from zorgraad.events import selectors as events
    except ImportError:  # the events app not there yet
        return []
    if block.event_ids:
        found = events.upcoming_public_events(zone, today, today + dt.timedelta(days=366)).filter(
            pk__in=block.event_ids
        )
    else:
        found = events.upcoming_public_events(zone, today, today + dt.timedelta(weeks=block.weeks))
    items = []
    for e in found[:30]:
        start = timezone.localtime(e.starts_at)
        where = getattr(e, "venue", "") or (
            str(e.venue_organisation) if getattr(e, "venue_organisation_id", None) else ""
        )
        items.append(
            Item(
                title=e.title,
                when=f"{_day(start.date())}, {start:%H.%M} uur",
                where=where,
                url=_event_url(zone, e),
            )
        )
    return items


def _meeting_item(zone: Zone, m: Meeting) -> Item:
    url = _abs(
        reverse("meetings:meeting_public", kwargs={"zone": zone.slug, "body": m.body.slug, "pk": m.pk})
    )
    return Item(
        title=m.body.name + (f": {m.title}" if m.title else ""),
        when=f"{_day(m.date)}, {m.start_time:%H.%M}–{m.end_time:%H.%M} uur",
        where=m.venue or (str(m.venue_organisation) if m.venue_organisation_id else ""),
        url=url,
    )


def _open_meetings(zone: Zone) -> Any:
    return (
        Meeting.objects.for_zone(zone)
        .filter(body__is_open=True, body__is_archived=False)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body", "venue_organisation")
        .order_by("date", "start_time", "pk")
    )


def gather(
    zone: Zone,
    edition: Edition,
    block: Block,
    *,
    today: dt.date | None = None,
    since: dt.datetime | None = None,
) -> Rendered:
    today = today or timezone.localdate()
    heading = block.title or str(block.get_kind_display())
    out = Rendered(block=block, heading=heading, html_text=block.text)
    if block.image:
        out.image_url = _abs(block.image.url)
    if block.kind == BlockKind.EVENTS:
        out.items = _events(zone, block, today)
    elif block.kind == BlockKind.MEETINGS:
        end = today + dt.timedelta(weeks=block.weeks)
        out.items = [
            _meeting_item(zone, m) for m in _open_meetings(zone).filter(date__gte=today, date__lte=end)[:30]
        ]
    elif block.kind == BlockKind.NEXT_YEAR:
        year = today.year + 1
        out.items = [_meeting_item(zone, m) for m in _open_meetings(zone).filter(date__year=year)[:60]]
    elif block.kind == BlockKind.MINUTES:
        since = since or previous_edition_at(zone, edition)
        published = (
            Meeting.objects.for_zone(zone)
            .filter(status=MeetingStatus.PUBLISHED, published_at__gt=since, body__is_open=True)
            .select_related("body", "venue_organisation")
            .order_by("date", "pk")
        )
        out.items = [_meeting_item(zone, m) for m in published[:30]]
        for item in out.items:
            item.text = gettext("Het verslag staat online.")
    elif block.kind == BlockKind.PARTNER and block.organisation_id:
        org = block.organisation
        offers = (
            Offer.objects.for_zone(zone)
            .filter(organisation_id=block.organisation_id, is_archived=False)
            .order_by("title")[:10]
        )
        out.heading = block.title or gettext("Partner in de kijker: %(name)s") % {"name": org}
        out.items = [
            Item(
                title=o.title,
                text=(o.description or "")[:300],
                url=_abs(reverse("network:socialmap_offer", kwargs={"zone": zone.slug, "pk": o.pk})),
            )
            for o in offers
        ]
    return out


def _blocks(zone: Zone, edition: Edition, blocks: list[Block]) -> list[Rendered]:
    since = previous_edition_at(zone, edition)
    return [gather(zone, edition, b, since=since) for b in blocks]


def _render(zone: Zone, edition: Edition, rendered: list[Rendered], unsubscribe: str) -> tuple[str, str]:
    with translation.override(MAIL_LANGUAGE):
        context = {
            "zone": zone,
            "edition": edition,
            "blocks": rendered,
            "unsubscribe_url": unsubscribe,
            "archive_url": _abs(reverse("newsletter:archive", kwargs={"zone": zone.slug})),
        }
        html = render_to_string("newsletter/mail/edition.html", context)
        text = render_to_string("newsletter/mail/edition.txt", context)
    return html, text


def preview(zone: Zone, edition: Edition, blocks: list[Block]) -> str:
    html, _text = _render(zone, edition, _blocks(zone, edition, blocks), "#")
    return html


def freeze(*, zone: Zone, edition: Edition, blocks: list[Block]) -> tuple[str, str]:
    """The edition's HTML and text, with each link replaced by its counting redirect (one Link row per
    link per block). The unsubscribe link is a mark replaced for each subscriber."""
    rendered = _blocks(zone, edition, blocks)
    for r in rendered:
        made: dict[str, str] = {}

        def counted(url: str, r: Rendered = r, made: dict[str, str] = made) -> str:
            """The counting redirect of `url` (as it stands in the HTML, entities and all)."""
            if url not in made:
                target = htmllib.unescape(url)[:2000]
                link = Link.objects.create(
                    zone=zone, edition=edition, block=r.block, kind=r.block.kind, url=target
                )
                made[url] = tokens.click_url(zone_slug=zone.slug, zone_id=zone.pk, link_id=link.pk)
            return made[url]

        def replace(m: re.Match[str], counted: Any = counted) -> str:
            return f'href="{counted(m.group(1))}"'

        r.html_text = HREF.sub(replace, r.html_text)
        for item in r.items:
            if item.url:
                item.url = counted(item.url)
    return _render(zone, edition, rendered, UNSUBSCRIBE_MARK)


def _headers(url: str) -> dict[str, str]:
    return tokens.unsubscribe_headers(url)


def edition_message(
    *, zone: Zone, edition: Edition, subscriber: Subscriber, connection: Any = None
) -> EmailMultiAlternatives:
    url = tokens.unsubscribe_url(zone_slug=zone.slug, zone_id=zone.pk, subscriber_id=subscriber.pk)
    message = EmailMultiAlternatives(
        subject=edition.subject,
        body=edition.text.replace(UNSUBSCRIBE_MARK, url),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        reply_to=[zone.email] if zone.email else None,
        headers=_headers(url),
        connection=connection,
    )
    message.attach_alternative(edition.html.replace(UNSUBSCRIBE_MARK, url), "text/html")
    return message


def test_message(*, zone: Zone, edition: Edition, blocks: list[Block], email: str) -> EmailMultiAlternatives:
    html, text = _render(
        zone,
        edition,
        _blocks(zone, edition, blocks),
        _abs(reverse("newsletter:subscribe", kwargs={"zone": zone.slug})),
    )
    message = EmailMultiAlternatives(
        subject="[TEST] " + edition.subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
    )
    message.attach_alternative(html, "text/html")
    return message


def confirm_message(*, zone: Zone, request: tokens.Request, token: str) -> EmailMessage:
    expires = timezone.localtime(timezone.now() + tokens.CONFIRM_MAX_AGE)
    with translation.override(MAIL_LANGUAGE):
        context = {
            "zone": zone,
            "name": request.name,
            "url": tokens.confirm_url(zone_slug=zone.slug, token=token),
            "expires": formats.date_format(expires, "j F Y"),
            "expires_time": formats.time_format(expires, "H:i"),
        }
        subject = gettext("Bevestig je inschrijving bij %(zone)s") % {"zone": zone.name}
        text = render_to_string("newsletter/mail/confirm.txt", context)
    return EmailMessage(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[request.email]
    )
