"""Background work of the events app (django-tasks): the mails to registrants."""

from __future__ import annotations

from django_tasks import task


@task()
def registration_mail(zone_id: int, registration_id: int, kind: str) -> str:
    """Mail a registrant (confirmed, waitlisted, promoted, cancelled, event_cancelled). Returns 'sent',
    'failed' or 'skipped'."""
    from .mail import registration_mail_deliver

    return registration_mail_deliver(zone_id=zone_id, registration_id=registration_id, kind=kind)
