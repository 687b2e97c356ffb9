"""The signals app's cards on other apps' staff pages (core/registry.py): the signal ambassador
roles on a person's page and on an organisation's page.

Both are lazy (their one query runs only when the card is rendered, so a cached page runs none) and
declare the page-cache kinds of what they show: the ambassador roles and the functions they sit on
(the staff kind registered here), the training event's title (the events kind), and the
organisation's name (its public name kind) or the people's names (the network's people kind). The
day is part of them: which roles are active, coming or ended depends on it.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zorgraad.core import pagecache
from zorgraad.core.registry import (
    LazyContext,
    Panel,
    cacheable_panels,
    organisation_panels,
    person_panels,
)

# staff-only data: ambassador roles, and the functions (affiliations) they are a role on
STAFF_AMBASSADORS = "staff-signal-ambassadors"
EVENTS_KIND = "events"  # events/hooks.py PAGE_KIND: the training event's title


@cacheable_panels()
def person_ambassador_panel(zone: Any, person: Any, **kwargs: Any) -> Panel:
    """'Signaalambassadeur' on a person's staff page (nothing when the person never was one)."""
    from zorgraad.network.hooks import ORGANISATION_NAMES

    from .selectors.ambassadors import ambassador_card

    today = timezone.localdate()
    return Panel(
        "signals-ambassador-person",
        "signals/_person_ambassador_panel.html",
        60,
        kinds=(STAFF_AMBASSADORS, ORGANISATION_NAMES, EVENTS_KIND),
        day=today,
        context=LazyContext(lambda: {"roles": ambassador_card(zone=zone, day=today, person=person)}),
    )


@cacheable_panels()
def organisation_ambassador_panel(zone: Any, organisation: Any, **kwargs: Any) -> Panel:
    """'Signaalambassadeurs' on an organisation's staff page (nothing when it never had one)."""
    from zorgraad.network.hooks import STAFF_PEOPLE

    from .selectors.ambassadors import ambassador_card

    today = timezone.localdate()
    return Panel(
        "signals-ambassador-organisation",
        "signals/_organisation_ambassador_panel.html",
        60,
        kinds=(STAFF_AMBASSADORS, STAFF_PEOPLE, EVENTS_KIND),
        day=today,
        context=LazyContext(
            lambda: {"roles": ambassador_card(zone=zone, day=today, organisation=organisation)}
        ),
    )


def connect() -> None:
    pagecache.register_staff_kind(STAFF_AMBASSADORS, "signals.SignalAmbassador", "network.Affiliation")
    person_panels.connect(person_ambassador_panel, dispatch_uid="signals-ambassador-person")
    organisation_panels.connect(organisation_ambassador_panel, dispatch_uid="signals-ambassador-organisation")
