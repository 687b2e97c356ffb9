"""Background work of the newsletter (django-tasks; `manage.py db_worker` runs it)."""

from __future__ import annotations

from django_tasks import task


@task()
def confirm_mail(zone_id: int, token: str) -> str:
    """Mail the confirmation link of a subscription. Returns 'sent', 'failed' or 'skipped'."""
    from .services import confirm_mail_deliver

    return confirm_mail_deliver(zone_id=zone_id, token=token)


@task()
def send_edition(edition_id: int) -> dict[str, int]:
    """Send an edition to everyone whose Delivery row is still queued (safe to run again)."""
    from .services import edition_send

    return edition_send(edition_id=edition_id)
