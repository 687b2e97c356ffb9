"""What the events app adds to what core gathers (core/registry.py) and to the URL table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from zorgraad.core import permissions
from zorgraad.core.permissions import PARTNER, PUBLIC, STAFF

URL_ROLES: dict[str, str] = {
    "events:agenda": PUBLIC,
    "events:agenda_ics": PUBLIC,
    "events:agenda_pdf": PUBLIC,
    "events:event_public": PUBLIC,
    "events:event_ics": PUBLIC,
    # the signed personal link is the credential
    "events:registration_manage": PUBLIC,
    "events:evaluation": PUBLIC,
    "events:my_events": PARTNER,
    "events:event_propose": PARTNER,
    "events:event_list": STAFF,
    "events:event_create": STAFF,
    "events:same_day": STAFF,
    "events:event_detail": STAFF,
    "events:event_edit": STAFF,
    "events:event_part_add": STAFF,
    "events:event_decide": STAFF,
    "events:event_cancel": STAFF,
    "events:registration_cancel": STAFF,
    "events:check_in": STAFF,
    "events:walk_in": STAFF,
    "events:attendance_close": STAFF,
    "events:attendance_export": STAFF,
    "events:attendance_print": STAFF,
    "events:evaluation_summary": STAFF,
    "events:promotion": STAFF,
}


def dashboard_panel(zone: Any, request: Any, **kwargs: Any) -> Any:
    from zorgraad.core.registry import Panel

    from .selectors import proposed_events, upcoming_with_counts

    return Panel(
        "events-upcoming",
        "events/_dashboard_panel.html",
        40,
        {
            "upcoming_events": upcoming_with_counts(zone),
            "proposed_events_count": proposed_events(zone).count(),
        },
    )


def challenge_panel(
    zone: Any, challenge: Any, request: Any = None, public: bool = False, **kwargs: Any
) -> Any:
    """The events linked to a challenge, on its hub page (the public hub: public events only)."""
    from zorgraad.core.registry import Panel

    from .selectors import challenge_events

    return Panel(
        "events-challenge",
        "events/_challenge_panel.html",
        40,
        {"challenge_events": challenge_events(zone, challenge, public=public), "public": public},
    )


def _load_demo(ctx: Any) -> None:
    from .demo import load

    load(ctx)


def demo_part(**kwargs: Any) -> Any:
    from zorgraad.core.registry import DemoPart

    return DemoPart(name="events", label="activiteiten", load=_load_demo, after=("network", "challenges"))


PAGE_KIND = "events"


def _page_cache() -> None:
    """What the public agenda and event pages show: events, their sessions, programme and questions,
    and the seats (a registration's status). Answers, evaluations and promotion are never public."""
    from zorgraad.core import pagecache

    if not hasattr(pagecache, "register_kind"):  # a page cache without kinds: any write clears the zone
        return
    pagecache.register_kind(PAGE_KIND)
    for model in ("Event", "EventSeries", "EventSession", "ProgrammeSlot", "Question"):
        pagecache.register_model(f"events.{model}", PAGE_KIND)
    pagecache.register_model("events.Registration", PAGE_KIND, fields=("status", "has_seat"))
    for model in (
        "Answer",
        "EvaluationQuestion",
        "EvaluationResponse",
        "EvaluationAnswer",
        "PartnerPromotion",
    ):
        pagecache.register_model(f"events.{model}")


AUDIT_ACTIONS = {
    "approve": gettext_lazy("voorstel goedgekeurd"),
    "reject": gettext_lazy("voorstel afgewezen"),
    "cancel": gettext_lazy("geannuleerd"),
    "register": gettext_lazy("ingeschreven"),
    "promote": gettext_lazy("van de wachtlijst ingeschreven"),
    "promotion": gettext_lazy("promotie door een partner genoteerd"),
    "check_in": gettext_lazy("aanwezig gemeld"),
    "check_in_undo": gettext_lazy("aanwezigheid ongedaan gemaakt"),
    "walk_in": gettext_lazy("ter plaatse ingeschreven"),
    "attendance_close": gettext_lazy("aanwezigheden afgesloten"),
    "co_organiser": gettext_lazy("medeorganisator gewijzigd"),
}


def connect() -> None:
    from zorgraad.core import audit

    audit.register_actions(AUDIT_ACTIONS)
    from zorgraad.core.registry import challenge_panels, dashboard_panels, demo_parts

    from . import indicators

    permissions.register(URL_ROLES)
    dashboard_panels.connect(dashboard_panel, dispatch_uid="events-panel")
    challenge_panels.connect(challenge_panel, dispatch_uid="events-challenge")
    demo_parts.connect(demo_part, dispatch_uid="events-demo")
    indicators.register()
    _page_cache()
