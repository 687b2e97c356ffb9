"""What the signals app adds to what core gathers (core/registry.py) and to the URL table:
the staff home card, the 'Structurele signalen' section of a challenge's hub page, the demo part,
and the indicator source 'signals.count' for the action plan."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zorgraad.core import audit, permissions
from zorgraad.core.registry import (
    DemoContext,
    DemoPart,
    LazyContext,
    Panel,
    cacheable_panels,
    challenge_panels,
    dashboard_panels,
    demo_parts,
)

P = permissions
URL_ROLES: dict[str, str] = {
    "signals:public_list": P.PUBLIC,
    "signals:public_create": P.PUBLIC,
    "signals:public_done": P.PUBLIC,
    # the signed link in the mail is the credential
    "signals:unfollow": P.PUBLIC,
    "signals:partner_create": P.PARTNER,
    "signals:triage": P.STAFF,
    "signals:export": P.STAFF,
    "signals:dashboard": P.STAFF,
    "signals:cluster_list": P.STAFF,
    "signals:body_endorsements": P.STAFF,
    "signals:register_from_meeting": P.STAFF,
    "signals:detail": P.STAFF,
    "signals:edit": P.STAFF,
    "signals:transition": P.STAFF,
    "signals:to_meeting": P.STAFF,
    "signals:endorse": P.STAFF,
    "signals:merge": P.STAFF,
    "signals:staff_create": P.STAFF,
    "signals:ambassador_list": P.STAFF,
    "signals:ambassador_create": P.STAFF,
    "signals:ambassador_edit": P.STAFF,
    "signals:ambassador_end": P.STAFF,
}


@cacheable_panels()
def dashboard_panel(zone: Any, request: Any, **kwargs: Any) -> Panel:
    """Signals waiting for triage: a cached fragment (core/fragments.py) of the signals kind, which
    every write of a signal raises (signals/pagekinds.py)."""
    from .pagekinds import PAGE_KIND
    from .selectors import untreated_count

    return Panel(
        "signals-untreated",
        "signals/_dashboard_panel.html",
        40,
        kinds=(PAGE_KIND,),
        context=LazyContext(lambda: {"untreated": untreated_count(zone)}),
    )


def challenge_panel(zone: Any, challenge: Any, **kwargs: Any) -> Panel:
    from .selectors import challenge_signals

    return Panel(
        "signals-structural",
        "signals/_challenge_panel.html",
        50,
        {"structural_signals": list(challenge_signals(zone=zone, challenge=challenge))},
    )


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones, ctx.users)


def _load_ambassadors(ctx: DemoContext) -> None:
    from . import demo

    demo.load_ambassadors(ctx.zones)


def demo_part(**kwargs: Any) -> list[DemoPart]:
    return [
        DemoPart(name="signals", label="signalen", load=_load, after=("challenges", "meetings")),
        # a part of its own, so a demo loaded before the ambassadors existed gets them on the next run
        DemoPart(
            name="signal_ambassadors",
            label="signaalambassadeurs",
            load=_load_ambassadors,
            after=("signals", "network", "events"),
        ),
    ]


def _count_source(query: Any) -> Any:
    from .selectors import indicator_count

    return indicator_count(query)


def connect() -> None:
    from zorgraad.planning import sources

    from . import panels

    permissions.register(URL_ROLES)
    dashboard_panels.connect(dashboard_panel, dispatch_uid="signals-panels")
    challenge_panels.connect(challenge_panel, dispatch_uid="signals-challenge-panel")
    demo_parts.connect(demo_part, dispatch_uid="signals-demo")
    panels.connect()
    connect_privacy()
    audit.register_actions({"ambassador_ended": _("rol van signaalambassadeur beëindigd")})
    sources.register(
        sources.IndicatorSource(
            key="signals.count",
            label=str(_("signalen in een uitdaging")),
            target_model="challenges.Challenge",
            compute=_count_source,
            instance_label=str(_("uitdaging")),
            help_text=str(
                _("Signalen ontvangen in de periode, per gekoppelde uitdaging (gebundelde niet dubbel).")
            ),
        )
    )


def _privacy_row(signal: Any) -> dict[str, Any]:
    """A signal the person reported, as the privacy export shows it."""
    return {
        "reference": signal.reference,
        "title": signal.title,
        "description": signal.description,
        "status": signal.get_status_display(),
        "received_on": signal.received_on.isoformat() if signal.received_on else None,
        "reporter_name": signal.reporter_name,
        "contact_email": signal.contact_email,
        "follow_up": signal.follow_up,
    }


def _by_address(zone: Any, addresses: set[str]) -> Any:
    """Signals reported without an account, with the person's address for feedback."""
    from zorgraad.network.services.privacy import address_q

    from .models import Signal

    return Signal.objects.for_zone(zone).filter(address_q("contact_email", addresses))


def _scrub(zone: Any, rows: list[Any]) -> None:
    """The signal stays (it counts and may be bundled); who reported it and how to reach them go."""
    from .models import Signal

    Signal.objects.for_zone(zone).filter(pk__in=[r.pk for r in rows]).update(
        reporter_name="", contact_email="", follow_up=False, follow_up_consent_at=None
    )


def _ambassador_row(role: Any) -> dict[str, Any]:
    """A signal ambassador role of the person, as the privacy export shows it."""
    return {
        "id": role.pk,
        "organisation": role.affiliation.organisation.name,
        "function": role.affiliation.function,
        "trained_on": role.trained_on.isoformat() if role.trained_on else None,
        "training_event": str(role.training_event) if role.training_event_id else None,
        "active_from": role.active_from.isoformat(),
        "active_to": role.active_to.isoformat() if role.active_to else None,
        "note": role.note,
    }


def _ambassador_roles(zone: Any, person: Any) -> Any:
    """The person's ambassador roles: they point at an affiliation, not at the person."""
    from .models import SignalAmbassador

    return SignalAmbassador.objects.for_zone(zone).filter(affiliation__person=person)


def connect_privacy() -> None:
    """The privacy export and erasure (network.services.privacy) show and scrub the signals a person
    reported, by link to the person or by contact address, and show and remove the person's signal
    ambassador roles."""
    from zorgraad.network.services import privacy

    privacy.register(
        privacy.PersonData(
            key="signals.signalambassador",
            label=_("rollen als signaalambassadeur"),
            row=_ambassador_row,
            select_related=("affiliation__organisation", "training_event"),
            delete_on_erase=True,
            by_person=_ambassador_roles,
        )
    )

    privacy.register(
        privacy.PersonData(
            key="signals.signal",
            label=_("gemelde signalen"),
            row=_privacy_row,
            text_copies=("title", "description"),
            by_address=_by_address,
            scrub=_scrub,
        )
    )
