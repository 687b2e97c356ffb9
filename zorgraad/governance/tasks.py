"""Background work of the governance app (django-tasks; `manage.py db_worker` runs it).

Tasks take plain values so they can be stored; the services do the work.
"""

from __future__ import annotations

from django_tasks import task


@task()
def subscription_confirm_mail(zone_id: int, body_id: int, token: str) -> str:
    """Mail the confirmation link of an agenda subscription. Returns 'sent', 'failed' or 'skipped'."""
    from .services import subscription_confirm_deliver

    return subscription_confirm_deliver(zone_id=zone_id, body_id=body_id, token=token)
