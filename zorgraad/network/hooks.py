"""What the network app adds to what core gathers (core/registry.py): panels and demo."""

from __future__ import annotations

from typing import Any

from zorgraad.core.registry import (
    DemoContext,
    DemoPart,
    LazyContext,
    Panel,
    cacheable_panels,
    dashboard_panels,
    demo_parts,
)

UNREACHABLE_ROWS = 10


# Staff-only kinds of the cached staff fragments (core/fragments.py): every write of a person (its
# confirmation date, a bounced address) and of an offer proposal raises them; no public page reads them.
STAFF_PEOPLE = "staff-people"
STAFF_PROPOSALS = "staff-proposals"

# A public kind for pages of other apps that show an organisation's name and address only (the
# events agenda and event pages: organiser, co-organisers, venue): raised by writes that may touch
# these fields, so an organisation's phone, e-mail, website or description leaves those pages cached.
# A save without update_fields, a delete and a bulk_create raise it whatever they change.
ORGANISATION_NAMES = "organisation-names"
ORGANISATION_NAME_FIELDS = frozenset(
    {"name", "short_name", "street", "postal_code", "city", "zone", "zone_id", "is_archived"}
)


@cacheable_panels()
def panels(zone: Any, request: Any, **kwargs: Any) -> list[Panel]:
    """The network's cards, all cached fragments: records to confirm (people, organisations; by day,
    the 12 months are counted from the day's first render), pending proposals, the links, and offers
    that tell no way to reach them (social map kind: offers and organisations)."""
    from django.utils import timezone

    from zorgraad.core.pagecache import DIRECTORY, SOCIALMAP

    from . import selectors
    from .selectors import proposals, socialmap

    return [
        Panel(
            "network-confirm",
            "network/_dashboard_confirm.html",
            40,
            kinds=(DIRECTORY, STAFF_PEOPLE),
            day=timezone.localdate(),
            context=LazyContext(lambda: {"stale": selectors.stale_summary(zone=zone)}),
        ),
        Panel(
            "network-proposals",
            "network/_dashboard_proposals.html",
            45,
            kinds=(STAFF_PROPOSALS,),
            context=LazyContext(lambda: {"pending": proposals.pending_count(zone=zone)}),
        ),
        Panel("network-directory", "network/_dashboard_directory.html", 90, kinds=()),
        Panel(
            "network-socialmap",
            "network/_dashboard_socialmap.html",
            95,
            kinds=(SOCIALMAP,),
            context=LazyContext(
                lambda: {
                    "unreachable": list(socialmap.offer_unreachable_list(zone=zone)[: UNREACHABLE_ROWS + 1])
                }
            ),
        ),
    ]


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones, ctx.users)


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(
        name="network",
        label="organisaties, aanbod en personen",
        load=_load,
        after=("zones", "accounts"),
    )


def connect() -> None:
    from zorgraad.core import pagecache

    pagecache.register_kind(ORGANISATION_NAMES)
    pagecache.register_field_kind("network.Organisation", ORGANISATION_NAMES, ORGANISATION_NAME_FIELDS)
    pagecache.register_staff_kind(STAFF_PEOPLE, "network.Person")
    pagecache.register_staff_kind(STAFF_PROPOSALS, "network.OfferProposal")
    dashboard_panels.connect(panels, dispatch_uid="network-panels")
    demo_parts.connect(demo_part, dispatch_uid="network-demo")
