"""Newsletter speed: compose and queue an edition for 10,000 subscribers, then send it over SMTP.

Builds a throw-away SQLite database (var/bench_newsletter.sqlite3) with the demo zones, an open body
with meetings, 10,000 active subscribers and an edition of five blocks (meetings, next year's dates,
new minutes, free text with links, partner in de kijker). Prints:

- the time to queue it: freeze the mail with its counted links and make one Delivery row per
  subscriber (target < 10 s);
- the send rate over a real SMTP conversation with a local aiosmtpd server in this process
  (one connection per batch of 200, one claim and one mark per mail), and that every subscriber
  got exactly one mail.

    .venv/bin/python bench/newsletter_send.py                    # 10,000 subscribers, send all
    .venv/bin/python bench/newsletter_send.py --send 2000        # send only the first 2,000
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "var" / "bench_newsletter.sqlite3"


class Counter:
    def __init__(self) -> None:
        self.rcpts: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.rcpts.extend(envelope.rcpt_tos)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def setup(n: int) -> Any:
    from django.core.management import call_command
    from django.utils import timezone

    from zorgraad.governance.models import Body, BodyKind
    from zorgraad.meetings.models import Meeting, MeetingStatus
    from zorgraad.network.models import Offer, Organisation
    from zorgraad.newsletter import services
    from zorgraad.newsletter.models import BlockKind, Interest, Status, Subscriber
    from zorgraad.zones import demo as zones_demo

    call_command("migrate", verbosity=0)
    zone = zones_demo.load()["amalo"]
    body = Body.objects.create(zone=zone, name="Forum", slug="forum", kind=BodyKind.FORUM, is_open=True)
    today = timezone.localdate()
    for days in (10, 40, 400):
        Meeting.objects.create(
            zone=zone,
            body=body,
            date=today + dt.timedelta(days=days),
            start_time=dt.time(13, 30),
            end_time=dt.time(16),
        )
    Meeting.objects.create(
        zone=zone,
        body=body,
        date=today - dt.timedelta(days=5),
        start_time=dt.time(13, 30),
        end_time=dt.time(16),
        status=MeetingStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    org = Organisation.objects.create(zone=zone, name="Huis van het Kind")
    for i in range(3):
        Offer.objects.create(zone=zone, organisation=org, title=f"Aanbod {i}", description="Voor gezinnen")
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(zone=zone, email=f"lezer{i}@example.org", status=Status.ACTIVE, confirmed_at=now)
            for i in range(n)
        ],
        batch_size=2000,
    )
    ids = Subscriber.objects.for_zone(zone).values_list("pk", flat=True)
    Interest.objects.bulk_create([Interest(zone=zone, subscriber_id=pk) for pk in ids], batch_size=2000)
    edition = services.edition_create(zone=zone, actor=None, subject="Nieuwsbrief bench")
    for kind in (BlockKind.MEETINGS, BlockKind.NEXT_YEAR, BlockKind.MINUTES):
        services.block_save(zone=zone, actor=None, edition=edition, kind=kind, weeks=8)
    services.block_save(
        zone=zone,
        actor=None,
        edition=edition,
        kind=BlockKind.TEXT,
        text='<p>Lees <a href="https://www.example.org/a">dit</a> en <a href="https://www.example.org/b">dat</a>.</p>',
    )
    services.block_save(zone=zone, actor=None, edition=edition, kind=BlockKind.PARTNER, organisation=org)
    return zone, edition


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--send", type=int, default=None, help="send only this many (default: all)")
    args = parser.parse_args()
    DB.parent.mkdir(exist_ok=True)
    DB.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.conf import settings

    from zorgraad.newsletter import services
    from zorgraad.newsletter.models import Delivery, DeliveryStatus

    settings.DEBUG = False
    zone, edition = setup(args.subscribers)

    from django.urls import reverse

    reverse("newsletter:archive", kwargs={"zone": zone.slug})  # load the URLconf, as a running worker has
    start = time.perf_counter()
    services.edition_queue(zone=zone, actor=None, edition=edition)
    queued = time.perf_counter() - start
    rows = Delivery.objects.for_zone(zone).filter(edition=edition).count()
    print(f"queue: {rows} deliveries in {queued:.2f} s (target < 10 s)")

    handler = Counter()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        start = time.perf_counter()
        result = services.edition_send(edition_id=edition.pk, limit=args.send)
        seconds = time.perf_counter() - start
    finally:
        controller.stop()
    sent = result["sent"]
    print(
        f"send: {sent} mails over SMTP in {seconds:.1f} s = {sent / seconds:.0f} mails/s ({result['failed']} failed)"
    )
    once = len(handler.rcpts) == len(set(handler.rcpts)) == sent
    left = Delivery.objects.for_zone(zone).filter(edition=edition, status=DeliveryStatus.QUEUED).count()
    print(f"every recipient exactly once: {once}; still queued: {left}")
    return 0 if queued < 10 and once else 1


if __name__ == "__main__":
    raise SystemExit(main())
