"""Staff compose an edition through the pages: blocks (events, partner, free text with an image),
preview, test mail, sending, progress, archive; and the newsletter box of an event registration."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from zorgraad.events.models import EventStatus
from zorgraad.events.tests.factories import make_event
from zorgraad.network.models import Offer, Organisation
from zorgraad.newsletter import services
from zorgraad.newsletter.models import Block, BlockKind, Edition, EditionStatus, Subscriber

from . import factories as f

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def u(name: str, **kw: Any) -> str:
    return reverse(f"newsletter:{name}", kwargs={"zone": "amalo", **kw})


def test_compose_preview_test_mail_send_and_archive(
    zone: Any,
    other_zone: Any,
    staff_client: Client,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    make_event(zone, days=7, title="Infolunch mantelzorg")
    make_event(zone, days=70, title="Te ver weg")
    make_event(zone, days=8, title="Geannuleerd", status=EventStatus.CANCELLED)
    org = Organisation.objects.create(zone=zone, name="Huis van het Kind Asse")
    Offer.objects.create(zone=zone, organisation=org, title="Babymassage", description="Voor ouders")
    theirs = Organisation.objects.create(zone=other_zone, name="Elders vzw")
    f.many(zone, 3)

    response = staff_client.post(u("edition_new"), {"subject": "Nieuwsbrief april"})
    edition = Edition.objects.for_zone(zone).get()
    assert response["Location"] == u("edition_detail", pk=edition.pk)
    # an edition without blocks cannot go out
    staff_client.post(u("edition_send", pk=edition.pk), {"when": ""})
    page = staff_client.get(u("edition_detail", pk=edition.pk)).content.decode()
    assert "nog geen blokken" in page and Edition.objects.for_zone(zone).get().status == EditionStatus.DRAFT

    assert staff_client.post(u("block_add", pk=edition.pk), {"kind": "events", "weeks": 4}).status_code == 302
    # partner: required, and never another zone's organisation
    page = staff_client.post(u("block_add", pk=edition.pk), {"kind": "partner", "weeks": 6}).content.decode()
    assert "Kies de partner die in de kijker staat." in page
    page = staff_client.post(
        u("block_add", pk=edition.pk), {"kind": "partner", "weeks": 6, "organisation": theirs.pk}
    ).content.decode()
    assert "errorlist" in page and Block.objects.for_zone(zone).count() == 1
    assert (
        staff_client.post(
            u("block_add", pk=edition.pk), {"kind": "partner", "weeks": 6, "organisation": org.pk}
        ).status_code
        == 302
    )
    # free text: a fake image is refused, a real one stored
    fake = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    page = staff_client.post(
        u("block_add", pk=edition.pk), {"kind": "text", "weeks": 6, "text": "Hallo", "image": fake}
    ).content.decode()
    assert "Enkel afbeeldingen in PNG, JPEG of GIF" in page
    image = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    staff_client.post(
        u("block_add", pk=edition.pk),
        {
            "kind": "text",
            "weeks": 6,
            "title": "Woordje",
            "text": "<b>Dag</b> <img src=x onerror=alert(1)>",
            "image": image,
        },
    )
    text_block = Block.objects.for_zone(zone).get(kind=BlockKind.TEXT)
    assert text_block.image.name.startswith("newsletter/") and "onerror" not in text_block.text

    preview = staff_client.get(u("edition_preview", pk=edition.pk))
    html = preview.content.decode()
    assert "Infolunch mantelzorg" in html and "Te ver weg" not in html and "Geannuleerd" not in html
    assert "Partner in de kijker: Huis van het Kind Asse" in html and "Babymassage" in html
    assert "default-src 'none'" in preview["Content-Security-Policy"]

    staff_client.post(u("edition_test", pk=edition.pk), {"email": "test@example.org"})
    assert [m.to for m in mailoutbox] == [["test@example.org"]] and mailoutbox[0].subject.startswith("[TEST]")
    assert Edition.objects.for_zone(zone).get().status == EditionStatus.DRAFT

    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(u("edition_send", pk=edition.pk), {"when": ""})
    assert len(mailoutbox) == 1 + 3
    progress = staff_client.get(u("edition_progress", pk=edition.pk), HTTP_HX_REQUEST="true").content.decode()
    assert "3 van 3 verstuurd, 0 mislukt" in progress
    # a sent edition can no longer change
    staff_client.post(u("block_add", pk=edition.pk), {"kind": "minutes", "weeks": 6})
    assert Block.objects.for_zone(zone).count() == 3
    archive = Client().get(u("archive")).content.decode()
    assert "Nieuwsbrief april" in archive
    detail = Client().get(u("archive_detail", pk=edition.pk)).content.decode()
    assert "Infolunch mantelzorg" in detail and "unsubscribe.invalid" not in detail
    home = staff_client.get(reverse("zones:dashboard", kwargs={"zone": "amalo"})).content.decode()
    assert (
        "Laatste editie: &#x27;Nieuwsbrief april&#x27;" in home
        or "Laatste editie: 'Nieuwsbrief april'" in home
    )


def test_scheduling_needs_a_future_moment(zone: Any, staff_client: Client) -> None:
    edition = services.edition_create(zone=zone, actor=None, subject="Later")
    services.block_save(zone=zone, actor=None, edition=edition, kind=BlockKind.MEETINGS)
    staff_client.post(u("edition_send", pk=edition.pk), {"when": "2000-01-01T10:00"})
    assert Edition.objects.for_zone(zone).get().status == EditionStatus.DRAFT
    staff_client.post(u("edition_send", pk=edition.pk), {"when": "2099-01-01T10:00"})
    assert Edition.objects.for_zone(zone).get().status == EditionStatus.SCHEDULED


def test_event_registration_newsletter_box_asks_for_confirmation(
    zone: Any, mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    from zorgraad.events import services as events

    event = make_event(zone)
    with django_capture_on_commit_callbacks(execute=True):
        events.registration_create(
            zone=zone, event=event, name="Griet Aerts", email="griet@example.org", newsletter_opt_in=True
        )
    confirm = next(m for m in mailoutbox if "Bevestig je inschrijving bij" in m.subject)
    link = re.search(r"http://testserver(/amalo/nieuwsbrief/bevestigen/[^/\s]+/)", confirm.body).group(1)  # type: ignore[union-attr]
    assert Subscriber.objects.for_zone(zone).count() == 0
    assert "Je inschrijving is bevestigd." in Client().post(link).content.decode()
    sub = Subscriber.objects.for_zone(zone).get()
    assert sub.consents.get().source == "event" and sub.interests.filter(body__isnull=True).exists()


def test_staff_pages_show_subscribers_and_editions_with_few_queries(
    zone: Any, staff_client: Client, django_assert_max_num_queries: Any
) -> None:
    f.many(zone, 30)
    for i in range(5):
        services.edition_create(zone=zone, actor=None, subject=f"Editie {i}")
    with django_assert_max_num_queries(25):
        page = staff_client.get(u("subscribers")).content.decode()
    assert "lezer1@example.org" in page
    with django_assert_max_num_queries(25):
        page = staff_client.get(u("editions")).content.decode()
    assert "Editie 4" in page


def test_editions_and_blocks_tied_to_a_challenge_show_on_its_hub(zone: Any, other_zone: Any) -> None:
    from zorgraad.challenges.models import Challenge
    from zorgraad.core.errors import ServiceError
    from zorgraad.newsletter import selectors

    mental = Challenge.objects.create(zone=zone, number="2", title="Mentaal welzijn")
    theirs = Challenge.objects.create(zone=other_zone, number="2", title="Elders")
    edition = services.edition_create(zone=zone, actor=None, subject="Editie met uitdaging")
    services.block_save(zone=zone, actor=None, edition=edition, kind=BlockKind.MEETINGS, challenges=[mental])
    with pytest.raises(ServiceError):
        services.block_save(
            zone=zone, actor=None, edition=edition, kind=BlockKind.MEETINGS, challenges=[theirs]
        )
    assert selectors.challenge_editions(zone=zone, challenge=mental) == [edition]
    assert selectors.challenge_editions(zone=zone, challenge=mental, public=True) == []  # not sent yet
    from django.template.loader import render_to_string

    from zorgraad.newsletter.hooks import challenge_panel

    panel = challenge_panel(zone=zone, challenge=mental)
    html = render_to_string(panel.template, {"panel": panel, "zone": zone})
    assert "Editie met uitdaging" in html and u("edition_detail", pk=edition.pk) in html


def test_a_persons_staff_page_shows_their_subscriptions(zone: Any, staff_client: Client) -> None:
    from zorgraad.network.models import Person

    person = Person.objects.create(
        zone=zone, first_name="Saar", last_name="Verbist", email="Saar@example.org"
    )
    f.subscriber(zone, "saar@example.org")
    page = staff_client.get(
        reverse("network:person_detail", kwargs={"zone": "amalo", "pk": person.pk})
    ).content.decode()
    assert "Nieuwsbrief en agenda" in page and "saar@example.org" in page
