"""Background work of the signals app (django-tasks): the mails to a reporter."""

from __future__ import annotations

from django_tasks import task


@task()
def signal_mail(zone_id: int, signal_id: int, kind: str, about_id: int | None = None) -> str:
    """Mail the reporter of `signal_id`: 'received' (confirmation), 'passed_on' or 'answered'
    (about `about_id`, the signal it was bundled into, or itself). Returns 'sent', 'failed' or 'skipped'."""
    from .mail import deliver

    return deliver(zone_id=zone_id, signal_id=signal_id, kind=kind, about_id=about_id)
