"""What the events app adds to what core gathers (core/registry.py) and to the URL table."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from zorgraad.core import permissions
from zorgraad.core.permissions import PARTNER, PUBLIC, STAFF
from zorgraad.core.registry import cacheable_panels

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


STAMP_KIND = "registrations"  # the zone's registrations generation (core/pagecache.STAMP_KINDS)


def registrations_stamp(zone: Any) -> str:
    """What the staff home's events panel shows that changes without raising a page generation, as
    part of the cached staff home's key (core/staffcache.py; declared with the panel's receiver, so a
    hit calls no receiver): the zone's registrations generation, which the registration fast path
    raises in the statement that writes the row (events/fastpath.py; every other write of a
    registration goes through the ORM and raises the events and staff generations), and the first end
    of an event that has not ended (the panel lists only those: the list changes when it ends).

    No query on a hit: the generation came with the zone (pagecache.zone_with_generations), and the
    first end is kept in the cache under the zone's generations of events and staff data, so a write
    to an event makes a new entry; once that moment has passed it is read again (one query)."""
    from zorgraad.core import pagecache

    gens = pagecache.generations_of(zone)
    return f"{gens.get(STAMP_KIND, 0)}:{_first_end(zone, gens)}"


def _first_end(zone: Any, gens: dict[str, int]) -> str:
    """The first end of an event of the zone that has not ended yet ("" when none), as text."""
    from django.core.cache import cache
    from django.utils import timezone

    from zorgraad.core import pagecache

    from .models import Event

    key = f"events:first-end:{zone.pk}:{gens.get(PAGE_KIND, 0)}:{gens.get(pagecache.STAFF_ANY, 0)}"
    now = timezone.now()
    found = cache.get(key)
    if found is not None and (found[0] is None or found[0] > now):
        return str(found[1])
    first = (
        Event.objects.for_zone(zone)
        .filter(ends_at__gte=now)
        .order_by("ends_at")
        .values_list("ends_at", flat=True)
        .first()
    )
    text = first.isoformat() if first is not None else ""
    cache.set(key, (first, text), 24 * 3600)
    return text


@cacheable_panels(stamps=(registrations_stamp,))
def dashboard_panel(zone: Any, request: Any, **kwargs: Any) -> Any:
    """Upcoming events with their registrations: never a cached fragment (no kinds: the fast path
    raises no generation per registration); its stamp makes the whole cached staff home fresh."""
    from zorgraad.core.registry import LazyContext, Panel

    from .selectors import proposed_events, upcoming_with_counts

    return Panel(
        "events-upcoming",
        "events/_dashboard_panel.html",
        40,
        LazyContext(
            lambda: {
                "upcoming_events": upcoming_with_counts(zone),
                "proposed_events_count": proposed_events(zone).count(),
            }
        ),
        stamp=registrations_stamp,
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
    pagecache.register_stamp_kind(STAMP_KIND)  # raised by the registration fast path (fastpath.py)
    for model in (
        "Answer",
        "EvaluationQuestion",
        "EvaluationResponse",
        "EvaluationAnswer",
        "PartnerPromotion",
    ):
        pagecache.register_model(f"events.{model}")


def _iso(value: Any) -> Any:
    return value.isoformat() if value else None


def _registration_row(row: Any) -> dict[str, Any]:
    """An event registration, as the privacy export shows it (the link's token never)."""
    from .models import Answer

    answers = Answer.objects.for_zone(row.zone_id).filter(registration=row).select_related("question")
    return {
        "id": row.pk,
        "event": row.event.title,
        "starts_at": _iso(row.event.starts_at),
        "name": row.name,
        "email": row.email,
        "organisation": row.organisation_label,
        "status": row.status,
        "status_label": str(row.get_status_display()),
        "walk_in": row.walk_in,
        "newsletter_opt_in": row.newsletter_opt_in,
        "created_at": _iso(row.created_at),
        "checked_in_at": _iso(row.checked_in_at),
        "answers": [{"question": a.question.text, "answer": a.value} for a in answers],
    }


def _registrations_by_address(zone: Any, addresses: set[str]) -> Any:
    """Registrations made without an account, with the person's address."""
    from zorgraad.network.services.privacy import address_q

    from .models import Registration

    return Registration.objects.for_zone(zone).filter(address_q("email", addresses))


def _scrub_registrations(zone: Any, rows: list[Any]) -> None:
    """The registration stays (seats, attendance and reports count it) but becomes anonymous: no
    name, address or answers, and a new token so the old personal link no longer opens it."""
    from django.utils.translation import gettext

    from .models import Answer, Registration, _new_token

    pks = [r.pk for r in rows]
    for pk in pks:
        Registration.objects.for_zone(zone).filter(pk=pk).update(
            name=gettext("Anonieme deelnemer"), email="", token=_new_token()
        )
    Answer.objects.for_zone(zone).filter(registration__in=pks).update(value="")


def _release_registrations(zone: Any, actor: Any, rows: list[Any]) -> str:
    """An erased person's registrations for events that have not started: cancelled through
    `services.registration_cancel`, as if the person had used their cancel link, so a seat they held
    goes to the first person on the waiting list (with the usual 'er is een plaats vrij' mail) and a
    place on the waiting list is given up. Runs after `_scrub_registrations`: the cancellation's audit
    entry names an anonymous participant, and no mail goes to the erased address (it is gone).
    Registrations of events that started or are over stay as they are (anonymous) for the counts."""
    from django.utils.translation import ngettext

    from .services import registration_cancel

    upcoming = list(_upcoming(zone, rows).order_by("pk"))
    promoted = 0
    for registration in upcoming:
        promoted += len(registration_cancel(zone=zone, registration=registration, actor=actor))
    if not upcoming:
        return ""
    summary = ngettext(
        "%(count)d inschrijving voor een komende activiteit geannuleerd",
        "%(count)d inschrijvingen voor komende activiteiten geannuleerd",
        len(upcoming),
    ) % {"count": len(upcoming)}
    if promoted:
        summary += ngettext(
            " (%(count)d persoon van de wachtlijst ingeschreven)",
            " (%(count)d personen van de wachtlijst ingeschreven)",
            promoted,
        ) % {"count": promoted}
    return summary


def _upcoming(zone: Any, rows: list[Any]) -> Any:
    """Of these registrations, those for events that have not started and that still count."""
    from django.utils import timezone

    from .models import Registration, RegistrationStatus

    return Registration.objects.for_zone(zone).filter(
        pk__in=[r.pk for r in rows],
        status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
        event__starts_at__gt=timezone.now(),
    )


def _erase_note(zone: Any, rows: list[Any]) -> str:
    from django.utils.translation import ngettext

    count = _upcoming(zone, rows).count()
    if not count:
        return ""
    return ngettext(
        "%(count)d inschrijving voor een activiteit die nog moet beginnen, wordt geannuleerd: "
        "een vrijgekomen plaats gaat naar de eerste op de wachtlijst.",
        "%(count)d inschrijvingen voor activiteiten die nog moeten beginnen, worden geannuleerd: "
        "vrijgekomen plaatsen gaan naar de eersten op de wachtlijst.",
        count,
    ) % {"count": count}


def _privacy() -> None:
    from zorgraad.network.services import privacy

    privacy.register(
        privacy.PersonData(
            key="events.registration",
            label=gettext_lazy("inschrijvingen voor activiteiten"),
            row=_registration_row,
            select_related=("event", "organisation"),
            by_address=_registrations_by_address,
            scrub=_scrub_registrations,
            release=_release_registrations,
            erase_note=_erase_note,
        )
    )


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
    _privacy()
