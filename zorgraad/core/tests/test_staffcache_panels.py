"""Whole-page cache of the pages made of other apps' panels (core/staffcache.py, core/registry.py):
the staff home and a person's staff page.

Their key comes from the panel receivers' declarations (`cacheable_panels`): a hit calls no
receiver and runs no selector, yet every committed write (membership, newsletter subscription,
person, meeting, signal, plan, events through the ORM and through the registration fast path)
renders the next page fresh and the same as an uncached render; never another zone's staff, a
secretary, another user; an undeclared receiver, or a declared one whose panel breaks its
declaration, leaves the page uncached.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.dispatch import Signal
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from zorgraad.core import fragments, pagecache, registry, staffcache
from zorgraad.core.registry import Panel, cacheable_panels, dashboard_panels, person_panels
from zorgraad.governance.models import Body, BodyKind, Membership
from zorgraad.network.models import Person

pytestmark = pytest.mark.django_db(transaction=True)

HOME = "/amalo/beheer/"


@pytest.fixture(autouse=True)
def _real_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def state(response: Any) -> str | None:
    return response.get(staffcache.HEADER)  # type: ignore[no-any-return]


def warm(client: Client, path: str) -> Any:
    """Requests until one is a hit (the first gets the CSRF cookie, the next is stored)."""
    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200
        if state(response) == "staff-hit":
            return response
    pytest.fail(f"{path} is never a hit")


TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="\w+"|"X-CSRFToken": "\w+"')


def same_page(a: bytes, b: bytes) -> bool:
    """Equal but for the masked CSRF tokens (each render masks the secret anew)."""
    return TOKEN.sub(b"", a) == TOKEN.sub(b"", b)


def fresh(client: Client, path: str) -> bytes:
    with override_settings(ZORGRAAD_STAFF_PAGE_CACHE=False):
        response = client.get(path)
    assert response.status_code == 200 and state(response) is None
    return response.content  # type: ignore[no-any-return]


@pytest.fixture
def person(zone: Any) -> Person:
    return Person.objects.create(zone=zone, first_name="Ada", last_name="Proefmans", email="ada@voorbeeld.be")


def page_of(person: Person) -> str:
    return reverse("network:person_detail", kwargs={"zone": "amalo", "pk": person.pk})


class Counting:
    """A declared receiver that counts its calls (and may return what a test asks)."""

    def __init__(self, make: Callable[[], Any] | None = None, stamps: tuple[Any, ...] = ()) -> None:
        self.calls = 0
        self.make = make or (
            lambda: Panel("test-counting", "network/_dashboard_directory.html", 999, kinds=())
        )

        def receive(**kwargs: Any) -> Any:
            self.calls += 1
            return self.make()

        self.receiver = cacheable_panels(stamps=stamps)(receive)


@pytest.fixture
def connect() -> Iterator[Callable[..., None]]:
    done: list[tuple[Signal, str]] = []

    def do(signal: Signal, receiver: Any, uid: str) -> None:
        signal.connect(receiver, dispatch_uid=uid, weak=False)
        done.append((signal, uid))

    yield do
    for signal, uid in done:
        signal.disconnect(dispatch_uid=uid)


# --- the declarations ------------------------------------------------------------------------------


def test_every_receiver_of_the_product_is_declared() -> None:
    from zorgraad.events.hooks import registrations_stamp

    # If this fails, a receiver lost (or never had) its @cacheable_panels: its page is no longer cached.
    assert registry.declared_stamps(person_panels, Person) == ()
    assert registry.declared_stamps(dashboard_panels, object) == (registrations_stamp,)


def test_an_undeclared_or_async_receiver_makes_the_declarations_unknown(connect: Any) -> None:
    signal = Signal()

    def one(zone: Any) -> str:
        return "1"

    def two(zone: Any) -> str:
        return "2"

    signal.connect(cacheable_panels(stamps=(two, one))(lambda **kw: None), dispatch_uid="a", weak=False)
    signal.connect(cacheable_panels(stamps=(one,))(lambda **kw: None), dispatch_uid="b", weak=False)
    assert registry.declared_stamps(signal, None) == (one, two)  # once each, in a stable order
    signal.connect(lambda **kw: None, dispatch_uid="c", weak=False)
    assert registry.declared_stamps(signal, None) is None
    signal.disconnect(dispatch_uid="c")

    async def asynchronous(**kwargs: Any) -> None:
        return None

    signal.connect(cacheable_panels()(asynchronous), dispatch_uid="d", weak=False)
    assert registry.declared_stamps(signal, None) is None
    signal.disconnect(dispatch_uid="d")
    assert registry.declared_stamps(signal, None) == (one, two)

    def twin() -> Callable[[Any], str]:
        def stamp(zone: Any) -> str:
            return "t"

        return stamp

    # two different stamps of one name: their values could not be told apart in the key
    signal.connect(cacheable_panels(stamps=(twin(), twin()))(lambda **kw: None), dispatch_uid="e", weak=False)
    assert registry.declared_stamps(signal, None) is None


def test_covered_refuses_panels_that_break_their_declaration(rf: Any) -> None:
    signal = Signal()

    def declared(zone: Any) -> str:
        return "d"

    def other(zone: Any) -> str:
        return "o"

    signal.connect(cacheable_panels(stamps=(declared,))(lambda **kw: None), dispatch_uid="a", weak=False)
    ok = [
        Panel("a", "t", kinds=()),
        Panel("b", "t", stamp=declared),
        Panel("c", "t", kinds=("x",), stamp=declared),
    ]
    assert fragments.covered(ok, signal, None)
    assert not fragments.covered([*ok, Panel("d", "t")], signal, None)  # neither kinds nor stamp
    assert not fragments.covered([Panel("e", "t", kinds=(), stamp=other)], signal, None)  # undeclared stamp
    signal.connect(lambda **kw: None, dispatch_uid="b", weak=False)
    assert not fragments.covered(ok, signal, None)  # an undeclared receiver


def test_each_stamp_runs_once_per_request(rf: Any, zone: Any) -> None:
    calls: list[int] = []

    def stamp(zone: Any) -> str:
        calls.append(1)
        return "42"

    signal = Signal()
    signal.connect(cacheable_panels(stamps=(stamp,))(lambda **kw: None), dispatch_uid="a", weak=False)
    request = rf.get("/")
    first = fragments.declared_page_stamps(signal, None, zone, request)
    assert first is not None and first.endswith("=42")
    assert fragments.panel_stamp(Panel("p", "t", stamp=stamp), zone, request) == "42"
    assert fragments.declared_page_stamps(signal, None, zone, request) == first
    assert len(calls) == 1


# --- the person page -------------------------------------------------------------------------------


def test_the_person_page_is_cached_and_a_hit_calls_no_receiver(
    staff_client: Client, person: Person, connect: Any
) -> None:
    counting = Counting()
    connect(person_panels, counting.receiver, "test-person-counting")
    url = page_of(person)
    staff_client.get(url)
    miss = staff_client.get(url)
    calls = counting.calls
    with CaptureQueriesContext(connection) as ctx:
        hit = staff_client.get(url)
    assert (state(miss), state(hit)) == ("staff-miss", "staff-hit")
    assert counting.calls == calls  # no receiver ran (nor, so, any selector of a panel)
    assert hit.content == miss.content and b"Proefmans" in hit.content
    # user, zone with its generations, roles: the floor of every staff page, nothing of the panels
    assert len(ctx.captured_queries) <= 3, [q["sql"] for q in ctx.captured_queries]
    assert same_page(hit.content, fresh(staff_client, url))


def _body(zone: Any, name: str, slug: str) -> Body:
    return Body.objects.create(zone=zone, name=name, slug=slug, kind=BodyKind.CLUSTER)


def test_the_person_page_follows_memberships(staff_client: Client, zone: Any, person: Person) -> None:
    url = page_of(person)
    body = _body(zone, "Clusteroverleg welzijn", "welzijn")
    membership = Membership.objects.create(zone=zone, body=body, person=person)
    assert b"Clusteroverleg welzijn" in warm(staff_client, url).content
    Membership.objects.create(zone=zone, body=_body(zone, "Raad van bestuur", "raad"), person=person)
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Raad van bestuur" in response.content
    warm(staff_client, url)
    membership.end = timezone.localdate() - dt.timedelta(days=1)  # ended: under "Vroeger"
    membership.save()
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Vroeger" in response.content
    assert same_page(response.content, fresh(staff_client, url))
    warm(staff_client, url)
    Body.objects.for_zone(zone).filter(pk=body.pk).update(name="Welzijnsoverleg")  # a queryset update
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Welzijnsoverleg" in response.content


def test_the_person_page_follows_newsletter_subscriptions(
    staff_client: Client, zone: Any, person: Person
) -> None:
    from zorgraad.newsletter.models import Interest, Status, Subscriber

    url = page_of(person)
    assert b"Nieuwsbrief en agenda" not in warm(staff_client, url).content  # no card without one
    subscriber = Subscriber.objects.create(zone=zone, email="ada@voorbeeld.be")  # found by address
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Nieuwsbrief en agenda" in response.content
    assert b"wacht op bevestiging" in response.content
    warm(staff_client, url)
    Subscriber.objects.for_zone(zone).filter(pk=subscriber.pk).update(status=Status.ACTIVE)
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"actief" in response.content
    warm(staff_client, url)
    Interest.objects.create(
        zone=zone, subscriber=subscriber, body=_body(zone, "Werkgroep dementie", "dementie")
    )
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Werkgroep dementie" in response.content
    assert same_page(response.content, fresh(staff_client, url))
    warm(staff_client, url)
    subscriber.delete()
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"Nieuwsbrief en agenda" not in response.content


def test_the_person_page_follows_the_person_history_and_account(
    staff_client: Client, zone: Any, person: Person, users: Any
) -> None:
    from zorgraad.core.models import AuditEntry

    url = page_of(person)
    warm(staff_client, url)
    Person.objects.for_zone(zone).filter(pk=person.pk).update(phone="02 123 45 67")
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"02 123 45 67" in response.content
    warm(staff_client, url)
    AuditEntry.objects.create(zone=zone, action="export", model="person", object_id=person.pk)
    assert state(staff_client.get(url)) == "staff-miss"
    warm(staff_client, url)
    account = users["member"]
    Person.objects.for_zone(zone).filter(pk=person.pk).update(user=account)
    assert b"member@amalo.test" in staff_client.get(url).content
    warm(staff_client, url)
    account.email = "nieuw-adres@amalo.test"  # a table without a zone: raises every zone
    account.save()
    response = staff_client.get(url)
    assert state(response) == "staff-miss" and b"nieuw-adres@amalo.test" in response.content


def test_a_fast_path_registration_refreshes_a_person_page_with_a_stamped_card(
    staff_client: Client, zone: Any, person: Person, connect: Any, mailoutbox: Any
) -> None:
    """No card of the product shows registrations on a person's page yet; one that would declares the
    events stamp, and a registration through the raw fast path (which raises its stamp kind only)
    refreshes the page."""
    from zorgraad.events import services
    from zorgraad.events.hooks import registrations_stamp
    from zorgraad.events.tests.factories import make_event

    counting = Counting(
        lambda: Panel(
            "test-registrations", "network/_dashboard_directory.html", 999, stamp=registrations_stamp
        ),
        stamps=(registrations_stamp,),
    )
    connect(person_panels, counting.receiver, "test-person-registrations")
    event = make_event(zone, capacity=None, title="Infolunch")
    url = page_of(person)
    warm(staff_client, url)
    gens = dict(pagecache.zone_with_generations("amalo").page_generations)
    services.registration_create(zone=zone, event=event, name="Ada Proefmans", email="ada@voorbeeld.be")
    after = dict(pagecache.zone_with_generations("amalo").page_generations)
    assert after.pop("registrations") == gens.pop("registrations", 0) + 1  # its stamp kind only
    assert after == gens
    assert state(staff_client.get(url)) == "staff-miss"


@pytest.mark.parametrize("other", ["other_staff", "secretary", "partner", "anonymous"])
def test_no_other_zones_staff_or_lower_level_gets_the_person_page(
    client_as: Any, users: Any, person: Person, other: str
) -> None:
    url = page_of(person)
    warm(client_as("staff"), url)
    client = client_as(other)
    for _ in range(2):
        response = client.get(url)
        assert state(response) != "staff-hit"
        assert b"Proefmans" not in response.content
        assert response.status_code in (302, 403, 404)


def test_an_admin_gets_a_page_of_its_own(client_as: Any, users: Any, person: Person) -> None:
    url = page_of(person)
    warm(client_as("staff"), url)
    client = client_as("admin")
    client.get(url)
    response = client.get(url)
    assert state(response) == "staff-miss" and b"admin@platform.test" in response.content
    assert b"staff@amalo.test" not in response.content


def test_a_person_page_with_an_undeclared_card_is_not_cached(
    staff_client: Client, person: Person, connect: Any
) -> None:
    url = page_of(person)
    connect(
        person_panels,
        lambda **kw: Panel("test-undeclared", "network/_dashboard_directory.html", 999, kinds=()),
        "test-person-undeclared",
    )
    for _ in range(3):
        response = staff_client.get(url)
        assert response.status_code == 200 and state(response) is None


@pytest.mark.parametrize(
    "panel",
    [
        Panel("test-no-kinds", "network/_dashboard_directory.html", 999),
        Panel("test-stamp", "network/_dashboard_directory.html", 999, kinds=(), stamp=lambda zone: "x"),
    ],
    ids=["neither kinds nor stamp", "a stamp it did not declare"],
)
def test_a_card_that_breaks_its_declaration_is_never_stored(
    staff_client: Client, person: Person, connect: Any, panel: Panel
) -> None:
    counting = Counting(lambda: panel)
    connect(person_panels, counting.receiver, "test-person-broken")
    url = page_of(person)
    for _ in range(3):
        response = staff_client.get(url)
        assert response.status_code == 200 and state(response) is None
    assert counting.calls == 3  # rendered every time


# --- the staff home --------------------------------------------------------------------------------


@pytest.fixture
def gathered(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How often the staff home gathered its panels (every app's receiver)."""
    from zorgraad.zones import views

    calls: list[int] = []
    real = views.panels_for

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "panels_for", counting)
    return calls


def test_a_staff_home_hit_calls_no_receiver_and_one_stamp_query(
    staff_client: Client, gathered: list[int], connect: Any
) -> None:
    counting = Counting()
    connect(dashboard_panels, counting.receiver, "test-home-counting")
    warm(staff_client, HOME)
    before, calls = len(gathered), counting.calls
    with CaptureQueriesContext(connection) as ctx:
        hit = staff_client.get(HOME)
    assert state(hit) == "staff-hit"
    assert len(gathered) == before and counting.calls == calls
    # the floor (user, zone with its generations, roles) and the events panel's stamp
    assert len(ctx.captured_queries) <= 4, [q["sql"] for q in ctx.captured_queries]
    assert same_page(hit.content, fresh(staff_client, HOME))


def home_writes() -> dict[str, Callable[[Any, Any], None]]:
    """A committed write that changes each panel of the staff home (each app's, by its own path)."""

    def network_person(zone: Any, users: Any) -> None:
        Person.objects.create(zone=zone, first_name="Nog", last_name="Nooit Bevestigd")

    def network_proposal(zone: Any, users: Any) -> None:
        from zorgraad.network.models import OfferProposal, Organisation

        org = Organisation.objects.create(zone=zone, name="Vzw Voorstel")
        OfferProposal.objects.create(zone=zone, organisation=org, is_new=True, proposer_name="Partner")

    def meetings(zone: Any, users: Any) -> None:
        from zorgraad.meetings.models import Meeting

        body = _body(zone, "Kernteam Zorgzaam", "kernteam")
        day = timezone.localdate() + dt.timedelta(days=9)
        Meeting.objects.create(zone=zone, body=body, date=day, start_time=dt.time(9), end_time=dt.time(11))

    def governance(zone: Any, users: Any) -> None:
        from zorgraad.zones.models import Sector

        body = Body.objects.create(
            zone=zone, name="Werkgroep woonzorg", slug="woonzorg", kind=BodyKind.WORKING_GROUP
        )
        body.required_sectors.add(Sector.objects.get(code="caw"))

    def signals(zone: Any, users: Any) -> None:
        from zorgraad.signals.tests import factories as sf

        sf.signal(zone)

    def planning(zone: Any, users: Any) -> None:
        from zorgraad.planning.models import Step
        from zorgraad.planning.tests.test_services import make_tree

        action = make_tree(zone)["action"]
        overdue = timezone.localdate() - dt.timedelta(days=5)
        Step.objects.create(zone=zone, action=action, text="Kick-off", is_milestone=True, due_date=overdue)

    def newsletter(zone: Any, users: Any) -> None:
        from zorgraad.newsletter.tests import factories as nf

        nf.subscriber(zone, "nieuw@voorbeeld.be")

    def events_orm(zone: Any, users: Any) -> None:
        from zorgraad.events.tests.factories import make_event

        make_event(zone, capacity=None, title="Infolunch bij De Linde")

    def events_fast_path(zone: Any, users: Any) -> None:
        from zorgraad.events import services
        from zorgraad.events.models import Event

        event = Event.objects.for_zone(zone).get(title="Vooraf")
        services.registration_create(zone=zone, event=event, name="An Test", email="an@voorbeeld.be")

    return {
        "a person to confirm": network_person,
        "an offer proposal": network_proposal,
        "a meeting": meetings,
        "a body": governance,
        "a signal": signals,
        "an overdue milestone": planning,
        "a newsletter subscriber": newsletter,
        "an event (ORM)": events_orm,
        "a registration (raw fast path)": events_fast_path,
    }


@pytest.mark.parametrize("name", list(home_writes()))
def test_the_staff_home_changes_after_each_kind_of_write(
    staff_client: Client, zone: Any, users: Any, gathered: list[int], name: str, mailoutbox: Any
) -> None:
    from zorgraad.events.tests.factories import make_event

    make_event(zone, capacity=None, title="Vooraf")
    before = warm(staff_client, HOME).content
    home_writes()[name](zone, users)
    response = staff_client.get(HOME)
    assert state(response) == "staff-miss"
    assert not same_page(response.content, before), "the write changed nothing the home shows"
    assert same_page(response.content, fresh(staff_client, HOME))
    calls = len(gathered)
    assert state(staff_client.get(HOME)) == "staff-hit" and len(gathered) == calls


def test_two_staff_of_the_zone_each_get_their_own_staff_home(client_as: Any, users: Any, zone: Any) -> None:
    from zorgraad.accounts.models import Role, User, ZoneRole

    second = User.objects.create_user("tweede@amalo.test", "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zone, user=second, role=Role.STAFF)
    warm(client_as("staff"), HOME)
    client = Client()
    client.force_login(second)
    client.get(HOME)
    response = client.get(HOME)
    assert state(response) == "staff-miss" and b"tweede@amalo.test" in response.content
    assert b"staff@amalo.test" not in response.content


@pytest.mark.parametrize("other", ["other_staff", "secretary", "anonymous"])
def test_no_other_zones_staff_or_secretary_gets_the_staff_home(
    client_as: Any, users: Any, other: str
) -> None:
    warm(client_as("staff"), HOME)
    client = client_as(other)
    for _ in range(2):
        response = client.get(HOME)
        assert state(response) != "staff-hit" and response.status_code in (302, 403)


def test_a_staff_home_panel_that_breaks_its_declaration_is_never_stored(
    staff_client: Client, connect: Any
) -> None:
    counting = Counting(lambda: Panel("test-broken", "network/_dashboard_directory.html", 999))
    connect(dashboard_panels, counting.receiver, "test-home-broken")
    for _ in range(3):
        assert state(staff_client.get(HOME)) is None
    assert counting.calls == 3
