"""What the newsletter app adds to what core gathers (core/registry.py), to the URL table, to the
plan's indicator sources and to governance's body-subscription registry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgraad.core import permissions
from zorgraad.core.permissions import PUBLIC, STAFF
from zorgraad.core.registry import (
    DemoContext,
    DemoPart,
    LazyContext,
    Panel,
    cacheable_panels,
    challenge_panels,
    dashboard_panels,
    demo_parts,
    person_panels,
)

URL_ROLES: dict[str, str] = {
    "newsletter:subscribe": PUBLIC,
    # the signed link in the mail is the credential (double opt-in, unsubscribe, counted click)
    "newsletter:confirm": PUBLIC,
    "newsletter:unsubscribe": PUBLIC,
    "newsletter:click": PUBLIC,
    "newsletter:archive": PUBLIC,
    "newsletter:archive_detail": PUBLIC,
    "newsletter:editions": STAFF,
    "newsletter:edition_new": STAFF,
    "newsletter:subscribers": STAFF,
    "newsletter:edition_detail": STAFF,
    "newsletter:edition_edit": STAFF,
    "newsletter:edition_preview": STAFF,
    "newsletter:edition_progress": STAFF,
    "newsletter:block_add": STAFF,
    "newsletter:edition_test": STAFF,
    "newsletter:edition_send": STAFF,
    "newsletter:block_edit": STAFF,
    "newsletter:block_delete": STAFF,
}


# Staff-only kind of the cached panel (core/fragments.py): subscribers, their interests, editions
# (any field) and the links' clicks.
STAFF_KIND = "staff-newsletter"


@cacheable_panels()
def panels(zone: Any, request: Any, **kwargs: Any) -> Panel:
    """Subscribers, the edition being sent, the last one's clicks, the draft: a cached fragment."""
    from .selectors import dashboard

    return Panel(
        "newsletter",
        "newsletter/_dashboard_panel.html",
        60,
        kinds=(STAFF_KIND,),
        context=LazyContext(lambda: {"newsletter": dashboard(zone=zone)}),
    )


def challenge_panel(
    zone: Any, challenge: Any, request: Any = None, public: bool = False, **kwargs: Any
) -> Panel:
    """Newsletter editions (and blocks) tied to a challenge, on its hub (public: sent editions only)."""
    from .selectors import challenge_editions

    return Panel(
        "newsletter-challenge",
        "newsletter/_challenge_panel.html",
        60,
        {
            "newsletter_editions": challenge_editions(zone=zone, challenge=challenge, public=public),
            "public": public,
        },
    )


@cacheable_panels()
def person_panel(zone: Any, person: Any, **kwargs: Any) -> Panel:
    """On a person's staff page: their newsletter and agenda subscriptions (by link or address).

    Lazy (the query runs when the card is rendered; no card without subscriptions), of the
    newsletter's staff kind (subscribers, interests), the person's (the address it is found by) and
    the meetings kind (the bodies of agenda subscriptions)."""
    from zorgraad.core.pagecache import MEETINGS
    from zorgraad.network.hooks import STAFF_PEOPLE

    from .selectors import person_subscriptions

    return Panel(
        "newsletter-person",
        "newsletter/_person_panel.html",
        70,
        kinds=(STAFF_KIND, STAFF_PEOPLE, MEETINGS),
        context=LazyContext(
            lambda: {"newsletter_subscribers": person_subscriptions(zone=zone, person=person)}
        ),
    )


def _load(ctx: DemoContext) -> None:
    from . import demo

    demo.load(ctx.zones)


def demo_part(**kwargs: Any) -> DemoPart:
    return DemoPart(name="newsletter", label="nieuwsbrief", load=_load, after=("governance", "meetings"))


def _sources() -> None:
    from zorgraad.planning import sources

    from . import indicators
    from .models import BlockKind

    sources.register(
        sources.IndicatorSource(
            key="newsletter.clicks",
            label=str(_("kliks in de nieuwsbrief (alle rubrieken)")),
            target_model="newsletter.Edition",
            compute=indicators.clicks_for(()),
            instance_label=str(_("nieuwsbrief")),
        )
    )
    for kind, label in BlockKind.choices:
        sources.register(
            sources.IndicatorSource(
                key=f"newsletter.clicks.{kind}",
                label=_("kliks op de rubriek '%(rubric)s' in de nieuwsbrief") % {"rubric": label},
                target_model="newsletter.Edition",
                compute=indicators.clicks_for((kind,)),
                instance_label=str(_("nieuwsbrief")),
            )
        )


PAGE_KIND = "newsletter"


def _page_cache() -> None:
    """Only the archive is public: sent editions. Subscribers, clicks and deliveries are never shown."""
    from zorgraad.core import pagecache

    if not hasattr(pagecache, "register_kind"):  # a page cache without kinds: any write clears the zone
        return
    pagecache.register_kind(PAGE_KIND)
    pagecache.register_model("newsletter.Edition", PAGE_KIND, fields=("status", "subject", "sent_at", "html"))
    for model in ("Subscriber", "Interest", "Consent", "Block", "Link", "Delivery"):
        pagecache.register_model(f"newsletter.{model}")


def event_consent(zone: Any, email: str, name: str = "", consent_text: str = "", **kwargs: Any) -> None:
    """Someone ticked the newsletter box when registering for an event: the same double opt-in as
    the site (a confirmation mail; nothing stored until the click)."""
    import logging

    from zorgraad.core.errors import ServiceError

    from .models import Source
    from .services import subscription_request

    try:
        subscription_request(
            zone=zone, email=email, name=name, consent_text=consent_text, source=Source.EVENT
        )
    except ServiceError:
        logging.getLogger(__name__).warning(
            "Newsletter consent from an event registration refused", exc_info=True
        )


def _subscriber_row(row: Any) -> dict[str, Any]:
    return {
        "id": row.pk,
        "email": row.email,
        "name": row.name,
        "status": str(row.get_status_display()),
        "created_at": row.created_at.isoformat() if row.created_at else None,
        "confirmed_at": row.confirmed_at.isoformat() if row.confirmed_at else None,
    }


def _body_subscription_row(interest: Any) -> dict[str, Any]:
    """An agenda subscription (an interest in one body), with the consent given for it."""
    from .models import Consent

    consents = Consent.objects.for_zone(interest.zone_id).filter(subscriber_id=interest.subscriber_id)
    consent = consents.filter(body_id=interest.body_id).last() or consents.filter(body=None).last()
    return {
        "id": interest.subscriber_id,
        "body": interest.body.name,
        "email": interest.subscriber.email,
        "name": interest.subscriber.name,
        "consent_at": consent.given_at.isoformat() if consent else None,
        "consent_text": consent.wording if consent else "",
    }


def _subscribers_by_address(zone: Any, addresses: set[str]) -> Any:
    from .models import Subscriber

    return Subscriber.objects.for_zone(zone).filter(email__in=sorted(addresses))


def _body_subscriptions_by_address(zone: Any, addresses: set[str]) -> Any:
    from .models import Interest

    return Interest.objects.for_zone(zone).filter(body__isnull=False, subscriber__email__in=sorted(addresses))


def _privacy() -> None:
    """The privacy export and erasure (network.services.privacy): a subscriber and its agenda
    subscriptions exist only for the person, so erasure deletes them."""
    from zorgraad.network.services import privacy

    privacy.register(
        privacy.PersonData(
            key="newsletter.subscriber",
            label=gettext_lazy("inschrijvingen op de nieuwsbrief"),
            row=_subscriber_row,
            delete_on_erase=True,
            by_address=_subscribers_by_address,
        )
    )
    privacy.register(
        privacy.PersonData(
            key="governance.subscriber",
            label=gettext_lazy("inschrijvingen op agenda's"),
            row=_body_subscription_row,
            select_related=("subscriber", "body"),
            delete_on_erase=True,
            by_address=_body_subscriptions_by_address,
        )
    )


AUDIT_ACTIONS = {
    "queued": gettext_lazy("nieuwsbrief klaargezet voor verzending"),
}


def connect() -> None:
    from zorgraad.core import audit

    audit.register_actions(AUDIT_ACTIONS)
    from zorgraad.governance import subscriptions

    from .services import BodySubscriptions

    permissions.register(URL_ROLES)
    subscriptions.register(BodySubscriptions())
    _page_cache()
    _privacy()
    try:
        from zorgraad.events.services import newsletter_consent_given
    except ImportError:  # pragma: no cover - events not installed
        return
    newsletter_consent_given.connect(event_consent, dispatch_uid="newsletter-event-consent")
    from zorgraad.core import pagecache

    pagecache.register_staff_kind(
        STAFF_KIND, "newsletter.Subscriber", "newsletter.Interest", "newsletter.Edition", "newsletter.Link"
    )
    dashboard_panels.connect(panels, dispatch_uid="newsletter-panels")
    challenge_panels.connect(challenge_panel, dispatch_uid="newsletter-challenge")
    person_panels.connect(person_panel, dispatch_uid="newsletter-person")
    demo_parts.connect(demo_part, dispatch_uid="newsletter-demo")
    _sources()
