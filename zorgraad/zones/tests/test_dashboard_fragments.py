"""Cached staff fragments on the staff home (issue 17, core/fragments.py).

The panels that declare their kinds are cached under a key of zone, generations, language, level
and day: a second request renders none of them and issues few queries, every write path of what a
panel shows (save, QuerySet.update, bulk_create, m2m, a write in another thread) refreshes it at
once after commit, another zone's staff and another level never get this zone's entries.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.core import fragments, pagecache
from zorgraad.core.registry import LazyContext, Panel, dashboard_panels, panels_for
from zorgraad.governance.models import Body, BodyKind, Membership
from zorgraad.meetings.models import FollowUp, Meeting, MeetingStatus
from zorgraad.network.models import Offer, OfferProposal, Organisation, Person

pytestmark = pytest.mark.django_db(transaction=True)

CACHED = {
    "meetings-work",
    "governance-bodies",
    "network-confirm",
    "network-proposals",
    "network-directory",
    "network-socialmap",
    "signals-untreated",
    "planning-overdue",
    "newsletter",
}


@pytest.fixture(autouse=True)
def _real_cache(settings: Any) -> Iterator[None]:
    # The panels themselves are under test: every request renders the page (no whole-page cache,
    # core/staffcache.py, which would replay the first render's X-Zorgraad-Fragments header).
    settings.ZORGRAAD_STAFF_PAGE_CACHE = False
    cache.clear()
    yield
    cache.clear()


def get_home(client: Client, zone: str = "amalo") -> tuple[str, tuple[int, int, int]]:
    response = client.get(reverse("zones:dashboard", kwargs={"zone": zone}))
    assert response.status_code == 200
    hits, cacheable, total = (int(n) for n in response["X-Zorgraad-Fragments"].split("/"))
    return response.content.decode(), (hits, cacheable, total)


def without_token(html: str) -> str:
    """The page without its CSRF tokens (masked anew on every request)."""
    html = re.sub(r'"X-CSRFToken": "\w+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "", html)


def warm(client: Client, zone: str = "amalo") -> str:
    """The home twice: the second time every cacheable panel comes from the cache."""
    get_home(client, zone)
    html, (hits, cacheable, _total) = get_home(client, zone)
    assert hits == cacheable == len(CACHED), (hits, cacheable)
    return html


def after(client: Client, write: Any) -> str:
    """Warm the cache, write (committed: autocommit), and return the next home page."""
    warm(client)
    write()
    html, (hits, cacheable, _total) = get_home(client)
    assert hits < cacheable  # the write raised a kind of at least one panel
    return html


def test_which_panels_are_cached(zone: Any, staff_client: Client) -> None:
    from django.test import RequestFactory

    panels = {p.key: p for p in panels_for(zone, RequestFactory().get("/"))}
    assert {key for key, p in panels.items() if p.kinds is not None} == CACHED
    assert panels["events-upcoming"].kinds is None  # registrations are written raw: never cached


def test_second_request_renders_no_panel_and_issues_few_queries(
    zone: Any, staff_client: Client, django_assert_max_num_queries: Any
) -> None:
    Person.objects.create(zone=zone, first_name="Nog", last_name="Nooit")
    first, (hits, cacheable, total) = get_home(staff_client)
    assert (hits, cacheable) == (0, len(CACHED)) and total == len(CACHED) + 1
    # user, zone with its generations, roles, and the events panel (2): no panel selector runs
    with django_assert_max_num_queries(6):
        second, (hits, _, _) = get_home(staff_client)
    assert hits == len(CACHED)
    assert without_token(second) == without_token(first)


def test_the_same_html_as_rendering_every_panel(zone: Any, staff_client: Client, monkeypatch: Any) -> None:
    Person.objects.create(zone=zone, first_name="Nog", last_name="Nooit")
    cached = warm(staff_client)
    monkeypatch.setattr(fragments, "_kinds", lambda panel: ["__never__"])
    monkeypatch.setattr(fragments.cache, "get_many", lambda keys: {})
    fresh, _ = get_home(staff_client)
    assert without_token(fresh) == without_token(cached)


def test_meetings_panel_follows_every_write_path(zone: Any, staff_client: Client) -> None:
    body = Body.objects.create(zone=zone, name="Kernteam Zorgzaam", slug="kernteam", kind=BodyKind.CLUSTER)
    today = timezone.localdate()

    def planned() -> None:  # a save
        Meeting.objects.create(
            zone=zone,
            body=body,
            date=today + dt.timedelta(days=9),
            start_time=dt.time(9),
            end_time=dt.time(11),
        )

    assert "nog geen uitnodiging verstuurd" in after(staff_client, planned)
    html = after(  # QuerySet.update
        staff_client, lambda: Meeting.objects.for_zone(zone).update(status=MeetingStatus.INVITED)
    )
    assert "nog geen uitnodiging verstuurd" not in html
    held = Meeting.objects.for_zone(zone).get()
    owner = Person.objects.create(zone=zone, first_name="Wies", last_name="Vandamme")
    html = after(  # bulk_create
        staff_client,
        lambda: FollowUp.objects.bulk_create(
            [
                FollowUp(
                    zone=zone,
                    meeting=held,
                    owner=owner,
                    description="Folder nalezen",
                    due_date=today - dt.timedelta(days=2),
                )
            ]
        ),
    )
    assert "Folder nalezen" in html and "Wies Vandamme" in html

    def rename() -> None:  # a name shown in the panel
        owner.last_name = "Van Damme"
        owner.save(update_fields=["last_name"])

    assert "Wies Van Damme" in after(staff_client, rename)
    html = after(staff_client, lambda: FollowUp.objects.for_zone(zone).update(done=True))
    assert "Folder nalezen" not in html


def test_governance_panel_follows_m2m_bulk_and_update(zone: Any, staff_client: Client) -> None:
    from zorgraad.zones.models import Sector

    sector = Sector.objects.get(code="caw")
    body = Body.objects.create(
        zone=zone, name="Werkgroep woonzorg", slug="woonzorg", kind=BodyKind.WORKING_GROUP
    )
    html = after(staff_client, lambda: body.required_sectors.add(sector))  # m2m
    assert "Sectoren zonder vertegenwoordiger" in html and "Werkgroep woonzorg" in html
    person = Person.objects.create(zone=zone, first_name="Lien", last_name="Claes")
    html = after(
        staff_client,
        lambda: Membership.objects.bulk_create(
            [Membership(zone=zone, body=body, person=person, represents_sector=sector)]
        ),
    )
    assert "Werkgroep woonzorg" not in html
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    html = after(staff_client, lambda: Membership.objects.for_zone(zone).update(end=yesterday))
    assert "Werkgroep woonzorg" in html


def test_network_panels_follow_staff_only_writes(zone: Any, staff_client: Client) -> None:
    person = Person.objects.create(zone=zone, first_name="Nog", last_name="Nooit", email="nn@example.be")
    assert "1 persoon niet bevestigd" in warm(staff_client)
    html = after(  # QuerySet.update of a field no public page shows
        staff_client, lambda: Person.objects.for_zone(zone).update(last_confirmed_at=timezone.now())
    )
    assert "0 personen niet bevestigd" in html

    def bounced() -> None:  # save(update_fields) of a staff-only field
        person.email_bounced = True
        person.save(update_fields=["email_bounced"])

    assert "1 onbestelbaar e-mailadres" in after(staff_client, bounced)
    html = after(
        staff_client,
        lambda: Organisation.objects.bulk_create([Organisation(zone=zone, name="Wijkhuis Noord")]),
    )
    assert "1 organisatie niet bevestigd" in html
    org = Organisation.objects.for_zone(zone).get()

    def proposal() -> None:
        OfferProposal.objects.create(zone=zone, organisation=org, is_new=True, proposer_name="Partner")

    assert "1 voorstel voor aanbod wacht" in after(staff_client, proposal)
    html = after(staff_client, lambda: OfferProposal.objects.for_zone(zone).update(status="rejected"))
    assert "Geen voorstellen voor aanbod die wachten." in html
    html = after(
        staff_client,
        lambda: Offer.objects.create(
            zone=zone, organisation=org, title="Praatcafé", description="Elke dinsdag"
        ),
    )
    assert "Praatcafé" in html
    html = after(staff_client, lambda: Organisation.objects.for_zone(zone).update(phone="02 555 12 12"))
    assert "Praatcafé" not in html and "Elk aanbod zegt hoe je het bereikt." in html


def test_signals_panel_follows_create_and_update(zone: Any, staff_client: Client) -> None:
    from zorgraad.signals.models import Signal
    from zorgraad.signals.tests import factories as sf

    assert "1 signaal wacht" in after(staff_client, lambda: sf.signal(zone))
    html = after(staff_client, lambda: Signal.objects.for_zone(zone).update(status="analysis"))
    assert "Geen signalen die op een eerste behandeling wachten." in html


def test_planning_panel_follows_steps_and_actions(zone: Any, staff_client: Client) -> None:
    from zorgraad.planning.models import Action, Step, StepStatus
    from zorgraad.planning.tests.test_services import make_tree

    action = make_tree(zone)["action"]
    overdue = timezone.localdate() - dt.timedelta(days=5)
    html = after(
        staff_client,
        lambda: Step.objects.bulk_create(
            [
                Step(
                    zone=zone,
                    action=action,
                    text="Kick-off perinataal netwerk",
                    is_milestone=True,
                    due_date=overdue,
                )
            ]
        ),
    )
    assert "Kick-off perinataal netwerk" in html
    html = after(staff_client, lambda: Action.objects.for_zone(zone).update(title="Verbinden en inspireren"))
    assert "Verbinden en inspireren" in html
    html = after(staff_client, lambda: Step.objects.for_zone(zone).update(status=StepStatus.DONE))
    assert "Geen mijlpalen over tijd." in html


def test_newsletter_panel_follows_subscribers_editions_and_clicks(zone: Any, staff_client: Client) -> None:
    from zorgraad.newsletter.models import Edition, EditionStatus, Link, Status, Subscriber
    from zorgraad.newsletter.tests import factories as nf

    assert "1 abonnees op de nieuwsbrief." in after(
        staff_client, lambda: nf.subscriber(zone, "lezer@example.org")
    )
    html = after(staff_client, lambda: Subscriber.objects.for_zone(zone).update(status=Status.INACTIVE))
    assert "0 abonnees op de nieuwsbrief." in html
    edition = Edition.objects.create(zone=zone, subject="Lente in de zone", status=EditionStatus.SENT)
    Link.objects.create(zone=zone, edition=edition, url="https://example.org/lente")
    assert "Laatste editie: 'Lente in de zone', 0 kliks." in warm(staff_client)
    html = after(staff_client, lambda: Link.objects.for_zone(zone).update(clicks=F("clicks") + 1))
    assert "Laatste editie: 'Lente in de zone', 1 kliks." in html
    html = after(staff_client, lambda: Edition.objects.for_zone(zone).update(status=EditionStatus.DRAFT))
    assert "Ontwerp: 'Lente in de zone'" in html


def test_a_write_in_another_thread_is_seen_at_once(zone: Any, staff_client: Client) -> None:
    warm(staff_client)
    errors: list[BaseException] = []

    def other_process() -> None:
        try:
            Person.objects.create(zone=zone, first_name="Elders", last_name="Geschreven")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=other_process)
    worker.start()
    worker.join()
    assert not errors
    html, (hits, _, _) = get_home(staff_client)
    assert "1 persoon niet bevestigd" in html and hits < len(CACHED)


def test_another_zones_staff_never_sees_this_zones_panels(
    zone: Any, other_zone: Any, staff_client: Client, client_as: Any
) -> None:
    body = Body.objects.create(zone=zone, name="Kernteam Zorgzaam", slug="kernteam", kind=BodyKind.CLUSTER)
    Meeting.objects.create(
        zone=zone,
        body=body,
        date=timezone.localdate() + dt.timedelta(days=9),
        start_time=dt.time(9),
        end_time=dt.time(11),
    )
    assert "Kernteam Zorgzaam" in warm(staff_client)
    theirs = client_as("other_staff")
    html, (hits, _, _) = get_home(theirs, other_zone.slug)
    assert hits == 0 and "Kernteam Zorgzaam" not in html
    # and the same generations in both zones still give other keys
    request = type("R", (), {"zone_level": "staff", "user": None})()
    panel = Panel("x", "network/_dashboard_directory.html", kinds=())
    assert fragments.key_for(panel, zone, request) != fragments.key_for(panel, other_zone, request)


def test_a_fragment_rendered_for_one_level_is_not_served_to_another(
    zone: Any, staff_client: Client, client_as: Any
) -> None:
    warm(client_as("admin"))
    _, (hits, cacheable, _) = get_home(staff_client)
    assert hits == 0 and cacheable == len(CACHED)
    panel = Panel("x", "network/_dashboard_directory.html", kinds=())
    keys = {
        fragments.key_for(panel, zone, type("R", (), {"zone_level": level, "user": None})())
        for level in ("secretary", "staff", "admin")
    }
    assert len(keys) == 3


def test_key_holds_language_day_user_and_generations(zone: Any) -> None:
    from django.utils import translation

    request = type("R", (), {"zone_level": "staff", "user": type("U", (), {"pk": 7})()})()
    today = timezone.localdate()
    daily = Panel("x", "t.html", kinds=(pagecache.MEETINGS,), day=today)
    key = fragments.key_for(daily, zone, request)
    assert key != fragments.key_for(
        Panel("x", "t.html", kinds=(pagecache.MEETINGS,), day=today + dt.timedelta(1)), zone, request
    )
    with translation.override("fr"):
        assert fragments.key_for(daily, zone, request) != key
    assert "u7" in fragments.key_for(Panel("x", "t.html", kinds=(), per_user=True), zone, request)
    zone.page_generations = {**pagecache.generations_of(zone), pagecache.MEETINGS: 99}
    assert fragments.key_for(daily, zone, request) != key


def test_a_panel_without_kinds_is_never_cached_and_its_context_is_lazy(
    zone: Any, staff_client: Client
) -> None:
    calls: list[str] = []

    def load() -> dict[str, Any]:
        calls.append("load")
        return {}

    def receiver(zone: Any, request: Any, **kwargs: Any) -> list[Panel]:
        return [
            Panel("test-uncached", "network/_dashboard_directory.html", 1, context=LazyContext(load)),
            Panel("test-cached", "network/_dashboard_directory.html", 2, kinds=(), context=LazyContext(load)),
        ]

    dashboard_panels.connect(receiver, dispatch_uid="test-fragments")
    try:
        get_home(staff_client)
        assert calls == []  # the template does not read its context: the selectors never ran
        lazy = LazyContext(load)
        assert calls == [] and dict(lazy) == {} and calls == ["load"]
        _, (hits, cacheable, total) = get_home(staff_client)
        assert (hits, cacheable, total) == (len(CACHED) + 1, len(CACHED) + 1, len(CACHED) + 3)
    finally:
        dashboard_panels.disconnect(dispatch_uid="test-fragments")


@pytest.mark.django_db(transaction=False)
def test_a_write_not_yet_committed_is_seen_in_its_own_transaction(zone: Any, staff_client: Client) -> None:
    """In a transaction (this test) the write raised nothing yet: its panels are rendered fresh."""
    from django.db import transaction

    # the fixtures' writes count as committed earlier (their generations are in the keys)
    transaction.get_connection().__dict__.get("_zorgraad_bumps", set()).clear()
    get_home(staff_client)
    _, (hits, _, _) = get_home(staff_client)
    assert hits == len(CACHED)
    Person.objects.create(zone=zone, first_name="Nog", last_name="Nooit")
    html, (hits, cacheable, _) = get_home(staff_client)
    assert "1 persoon niet bevestigd" in html
    assert cacheable < len(CACHED)  # the panels of the raised kinds skipped the cache
