"""Send the editions that are due and resume sends a crash interrupted (safe to run every minute).

Each edition goes out only to the subscribers whose Delivery row is still queued, so running this
while a worker is sending, or twice, mails nobody twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from zorgraad.newsletter import services


class Command(BaseCommand):
    help = "Send due newsletter editions and resume interrupted ones."

    def handle(self, *args: Any, **options: Any) -> None:
        for edition_id in services.editions_due():
            result = services.edition_send(edition_id=edition_id)
            self.stdout.write(f"editie {edition_id}: {result['sent']} verstuurd, {result['failed']} mislukt")
