"""Editions: composing from blocks, sending in batches over a real SMTP server, resuming after a
crash without mailing anyone twice, refused addresses, and counted clicks."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.errors import ServiceError
from zorgraad.governance.tests import factories as gf
from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.newsletter import render, services, tokens
from zorgraad.newsletter.models import (
    BlockKind,
    Delivery,
    DeliveryStatus,
    Edition,
    EditionStatus,
    Link,
    Status,
    Subscriber,
)

from . import factories as f

pytestmark = pytest.mark.django_db
CLICK = re.compile(r"http://testserver(/amalo/nieuwsbrief/k/[^\"\s<>]+/)")


def meeting(body: Any, day: dt.date, **kw: Any) -> Meeting:
    return Meeting.objects.create(
        zone=body.zone, body=body, date=day, start_time=dt.time(13, 30), end_time=dt.time(16), **kw
    )


@pytest.fixture
def edition(zone: Any) -> Edition:
    body = gf.body(zone, name="Forum Buurtgerichte Zorg", slug="forum", is_open=True)
    today = timezone.localdate()
    meeting(body, today + dt.timedelta(days=10), title="Voorjaar")
    meeting(body, dt.date(today.year + 1, 3, 17))
    meeting(body, today - dt.timedelta(days=20), status=MeetingStatus.PUBLISHED, published_at=timezone.now())
    closed = gf.body(zone, name="Kerngroep", slug="kern", is_open=False)
    meeting(closed, today + dt.timedelta(days=11))
    ed = services.edition_create(zone=zone, actor=None, subject="Nieuwsbrief maart")
    for kind in (BlockKind.MEETINGS, BlockKind.NEXT_YEAR, BlockKind.MINUTES):
        services.block_save(zone=zone, actor=None, edition=ed, kind=kind)
    services.block_save(
        zone=zone,
        actor=None,
        edition=ed,
        kind=BlockKind.TEXT,
        title="Woord vooraf",
        text='<p onclick="x()">Lees <a href="https://www.example.org/lees">meer</a><script>alert(1)</script></p>',
    )
    return ed


def test_blocks_gather_meetings_next_year_and_minutes_and_sanitise_text(zone: Any, edition: Edition) -> None:
    html = render.preview(zone, edition, list(edition.blocks.all()))
    assert html.count("Forum Buurtgerichte Zorg") == 3  # coming, next year, minutes
    assert "Kerngroep" not in html  # a closed body stays out
    assert "<script>" not in html and "onclick" not in html and 'href="https://www.example.org/lees"' in html


def test_an_edition_without_blocks_is_refused_in_dutch(zone: Any) -> None:
    ed = services.edition_create(zone=zone, actor=None, subject="Leeg")
    with pytest.raises(ServiceError, match="nog geen blokken"):
        services.edition_queue(zone=zone, actor=None, edition=ed)
    assert (
        Delivery.objects.unscoped().count() == 0
        and Edition.objects.for_zone(zone).get().status == EditionStatus.DRAFT
    )


def test_send_over_smtp_personal_unsubscribe_plain_text_and_bounces(
    zone: Any, edition: Edition, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    subs = f.many(zone, 6)
    f.subscriber(zone, "weg@example.org", status=Status.UNSUBSCRIBED)
    smtp_server.refuse.add("lezer3@example.org")
    Subscriber.objects.for_zone(zone).filter(email="lezer3@example.org").update(bounces=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_queue(zone=zone, actor=None, edition=edition)
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == sorted(
        s.email for s in subs if s.email != "lezer3@example.org"
    )
    mail = smtp_server.messages[0]
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        mail.message.get_body(preferencelist=("plain",)) is not None
        and mail.message.get_body(preferencelist=("html",)) is not None
    )
    unsub = mail.message["List-Unsubscribe"].strip().strip("<>")
    assert unsub in mail.body and "unsubscribe.invalid" not in mail.body
    edition.refresh_from_db()
    assert edition.status == EditionStatus.SENT
    refused = Delivery.objects.for_zone(zone).get(subscriber__email="lezer3@example.org")
    assert refused.status == DeliveryStatus.FAILED and "550" in refused.error
    assert (
        Subscriber.objects.for_zone(zone).get(email="lezer3@example.org").status == Status.INACTIVE
    )  # third hard bounce
    page = Client().post(unsub.replace("http://testserver", ""))
    assert "Je bent uitgeschreven" in page.content.decode()


class Crash(BaseException):
    """The worker dies (not an Exception: nothing catches it)."""


def test_a_crashed_send_resumes_and_nobody_gets_two_mails(
    zone: Any, edition: Edition, smtp_server: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    subs = f.many(zone, 25)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.edition_queue(zone=zone, actor=None, edition=edition)
    assert callbacks  # the send waits for the queue
    real_message, real_mark = render.edition_message, services._mark
    calls = {"n": 0}

    def dies_before_the_eleventh(**kw: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 11:
            raise Crash
        return real_message(**kw)

    monkeypatch.setattr(render, "edition_message", dies_before_the_eleventh)
    with pytest.raises(Crash):
        services.edition_send(edition_id=edition.pk, batch_size=4)
    assert len(smtp_server.messages) == 10
    monkeypatch.setattr(render, "edition_message", real_message)

    # second crash: after the mail went out, before it was marked
    marks = {"n": 0}

    def dies_after_sending_the_fifth(zone: Any, delivery: Any, status: str, error: str = "") -> None:
        marks["n"] += 1
        if marks["n"] == 5:
            raise Crash
        real_mark(zone, delivery, status, error)

    # edition_send looks _mark up in its own module (services/sending.py), so that is where it is patched
    monkeypatch.setattr(services.sending, "_mark", dies_after_sending_the_fifth)
    with pytest.raises(Crash):
        services.edition_send(edition_id=edition.pk)
    monkeypatch.setattr(services.sending, "_mark", real_mark)
    assert len(smtp_server.messages) == 15

    # restart much later: the unsure claim is not sent again, the rest goes out
    later = timezone.now() + services.STALE_CLAIM + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    result = services.edition_send(edition_id=edition.pk)
    assert result == {"sent": 10, "failed": 0}
    received = Counter(m.rcpt_tos[0] for m in smtp_server.messages)
    assert set(received) == {s.email for s in subs} and set(received.values()) == {1}
    assert Edition.objects.for_zone(zone).get().status == EditionStatus.SENT
    counts = Counter(Delivery.objects.for_zone(zone).values_list("status", flat=True))
    assert counts == {DeliveryStatus.SENT: 24, DeliveryStatus.FAILED: 1}
    # running it yet again sends nothing
    assert services.edition_send(edition_id=edition.pk) == {"sent": 0, "failed": 0}


def test_clicks_are_counted_per_link_and_block_and_only_for_edition_links(
    zone: Any,
    other_zone: Any,
    edition: Edition,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
    staff_client: Client,
) -> None:
    f.many(zone, 2)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_queue(zone=zone, actor=None, edition=edition)
    html = mailoutbox[0].alternatives[0][0]
    assert "https://www.example.org/lees" not in html  # rewritten
    links = CLICK.findall(html)
    assert len(links) == Link.objects.for_zone(zone).count() == 4
    target = next(
        lnk
        for lnk in links
        if Link.objects.for_zone(zone)
        .get(pk=tokens.click_read(zone_id=zone.pk, token=lnk.split("/")[-2]))
        .kind
        == BlockKind.TEXT
    )
    for _ in range(3):
        response = Client().get(target)
        assert response.status_code == 302 and response["Location"] == "https://www.example.org/lees"
    assert Link.objects.for_zone(zone).get(kind=BlockKind.TEXT).clicks == 3
    # forged, foreign or unknown links do not redirect
    assert Client().get(target[:-3] + "xx/").status_code == 400
    foreign = reverse("newsletter:click", kwargs={"zone": other_zone.slug, "token": target.split("/")[-2]})
    assert Client().get(foreign).status_code == 400
    unknown = reverse(
        "newsletter:click",
        kwargs={"zone": "amalo", "token": tokens.click_token(zone_id=zone.pk, link_id=999999)},
    )
    assert Client().get(unknown).status_code == 404
    page = staff_client.get(
        reverse("newsletter:edition_detail", kwargs={"zone": "amalo", "pk": edition.pk})
    ).content.decode()
    assert "Woord vooraf" in page and "3 kliks in totaal." in page
    from zorgraad.planning import sources

    source = sources.get("newsletter.clicks.text")
    assert source is not None
    query = sources.SourceQuery(
        zone=zone, start=timezone.localdate() - dt.timedelta(days=1), end=timezone.localdate()
    )
    result = source.compute(query)
    assert result.total == 3 and [i.value for i in result.instances] == [3]
    assert sources.get("newsletter.clicks").compute(query).total == 3  # type: ignore[union-attr]
    assert sources.get("newsletter.clicks.partner").compute(query).total == 0  # type: ignore[union-attr]


def test_a_scheduled_edition_goes_out_when_due_and_a_crashed_one_resumes(
    zone: Any,
    edition: Edition,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
    monkeypatch: Any,
) -> None:
    from django.core.management import call_command

    f.many(zone, 3)
    when = timezone.now() + dt.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_queue(zone=zone, actor=None, edition=edition, when=when)
    assert mailoutbox == [] and Edition.objects.for_zone(zone).get().status == EditionStatus.SCHEDULED
    call_command("newsletter_send_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mailoutbox == []  # not yet
    later = when + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("newsletter_send_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(m.to[0] for m in mailoutbox) == [
        "lezer0@example.org",
        "lezer1@example.org",
        "lezer2@example.org",
    ]
    assert Edition.objects.for_zone(zone).get().status == EditionStatus.SENT
    call_command("newsletter_send_due", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailoutbox) == 3


def test_a_mail_server_that_is_down_loses_nothing_and_the_send_resumes(
    zone: Any, edition: Edition, smtp_server: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    f.many(zone, 4)
    with django_capture_on_commit_callbacks(execute=False):
        services.edition_queue(zone=zone, actor=None, edition=edition)
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, 1  # nothing listens there
    with pytest.raises(OSError):
        services.edition_send(edition_id=edition.pk)
    assert set(Delivery.objects.for_zone(zone).values_list("status", flat=True)) == {DeliveryStatus.QUEUED}
    settings.EMAIL_PORT = port
    assert services.edition_send(edition_id=edition.pk) == {"sent": 4, "failed": 0}
    assert len(smtp_server.messages) == 4


def test_a_refused_confirmation_address_stores_nothing_and_the_answer_is_the_same(
    zone: Any, smtp_server: Any, django_capture_on_commit_callbacks: Any
) -> None:
    smtp_server.refuse.add("bestaat.niet@example.org")
    url = reverse("newsletter:subscribe", kwargs={"zone": "amalo"})
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            url, {"email": "bestaat.niet@example.org", "consent": "on", "newsletter": "on"}
        )
    assert response.status_code == 302 and response["Location"].endswith("?klaar=1")
    assert smtp_server.messages == [] and Subscriber.objects.unscoped().count() == 0


def test_an_edition_for_citizens_skips_professionals_and_body_only_subscribers(zone: Any) -> None:
    pro = f.subscriber(zone, "pro@example.org")
    pro.audience = "professionals"
    pro.save()
    citizen = f.subscriber(zone, "burger@example.org")
    citizen.audience = "citizens"
    citizen.save()
    both = f.subscriber(zone, "iedereen@example.org")
    forum = gf.body(zone, name="Forum", slug="forum-agenda", is_open=True)
    f.subscriber(zone, "enkel-agenda@example.org", newsletter=False, bodies=(forum,))
    f.subscriber(zone, "niets-meer@example.org", newsletter=False)  # no interest left
    edition = services.edition_create(zone=zone, actor=None, subject="Voor burgers", audience="citizens")
    assert sorted(s.email for s in services.recipients(zone, edition)) == sorted([citizen.email, both.email])
