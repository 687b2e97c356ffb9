"""Background work of the network app (django-tasks; `manage.py db_worker` runs it).

Tasks take plain ids so they can be stored; the services do the work.
"""

from __future__ import annotations

from django_tasks import task


@task()
def selfservice_link_mail(zone_id: int, link_id: int) -> str:
    """Mail one self-service link. Returns 'sent', 'bounced', 'failed' or 'skipped'."""
    from .services import selfservice

    return selfservice.selfservice_link_deliver(zone_id=zone_id, link_id=link_id)


@task()
def confirmation_batch_send(zone_id: int, round_id: int, person_ids: list[int]) -> dict[str, int]:
    """Create yearly links for one batch of people of a confirmation round and mail them."""
    from .services import selfservice

    return selfservice.confirmation_batch_run(zone_id=zone_id, round_id=round_id, person_ids=person_ids)


@task()
def offer_proposal_outcome_mail(zone_id: int, proposal_id: int) -> str:
    """Mail a partner the outcome of their proposal for an offer. Returns 'sent' or 'skipped'."""
    from .services import proposals

    return proposals.offer_proposal_outcome_deliver(zone_id=zone_id, proposal_id=proposal_id)
