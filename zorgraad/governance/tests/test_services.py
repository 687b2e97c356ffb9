"""The governance services: bodies, memberships, fixed items, mandate renewal and subscribers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from zorgraad.core.models import AuditEntry
from zorgraad.governance import services
from zorgraad.governance.models import (
    Body,
    BodyKind,
    Candidacy,
    FixedAgendaItem,
    MandateCall,
    Membership,
    MembershipRole,
)
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Municipality, Sector

from . import factories as f

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = dt.timedelta(days=1)


def body_data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Clusteroverleg welzijn",
        "slug": "",
        "kind": BodyKind.CLUSTER,
        "cluster": None,
        "is_open": True,
        "description": "",
        "meeting_rule": "3 keer per jaar, in Q1, Q2 en Q4",
        "meetings_per_year": 3,
        "rule_quarters": "1,2,4",
        "default_weekday": 3,
        "default_start": dt.time(13, 30),
        "default_end": dt.time(16, 0),
        "rotate_venues": True,
        "required_sectors": [],
    }
    data.update(extra)
    return data


def counts() -> tuple[int, ...]:
    return (
        Body.objects.unscoped().count(),
        Membership.objects.unscoped().count(),
        MandateCall.objects.unscoped().count(),
        Candidacy.objects.unscoped().count(),
        FixedAgendaItem.objects.unscoped().count(),
        f.subscription_count(),
        AuditEntry.objects.unscoped().count(),
    )


def error_text(exc: pytest.ExceptionInfo[ServiceError]) -> str:
    return " ".join(exc.value.messages)


# --- bodies -------------------------------------------------------------------------------------


def test_body_create_makes_slug_normalises_quarters_and_records_audit(zone: Any, users: Any) -> None:
    caw = Sector.objects.get(code="caw")
    body = services.body_create(
        zone=zone,
        actor=users["staff"],
        data=body_data(rule_quarters="4, 1,2", required_sectors=[caw]),
    )
    body.refresh_from_db()
    assert body.slug == "clusteroverleg-welzijn"
    assert body.rule_quarters == "1,2,4"
    assert body.quarters == [1, 2, 4]
    assert list(body.required_sectors.all()) == [caw]
    entry = AuditEntry.objects.for_zone(zone).get(model="body", object_id=body.pk)
    assert entry.action == "created"
    assert entry.changes["required_sectors"] == [None, [caw.name]]


@pytest.mark.parametrize(
    ("quarters", "per_year", "message"),
    [
        ("1,5", 2, "cijfers van 1 tot 4"),
        ("1,2,x", 3, "cijfers van 1 tot 4"),
        ("1,,2", 2, "cijfers van 1 tot 4"),
        ("12", 1, "cijfers van 1 tot 4"),
        ("1,1,2", 3, "maar één keer"),
        ("1,2,4", 2, "3 kwartalen maar 2 vergaderingen per jaar"),
    ],
)
def test_body_rule_quarters_are_checked(
    zone: Any, users: Any, quarters: str, per_year: int, message: str
) -> None:
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.body_create(
            zone=zone,
            actor=users["staff"],
            data=body_data(rule_quarters=quarters, meetings_per_year=per_year),
        )
    assert message in exc.value.message_dict["rule_quarters"][0]
    assert counts() == before


def test_body_quarters_without_meetings_per_year_are_fine(zone: Any, users: Any) -> None:
    body = services.body_create(
        zone=zone, actor=users["staff"], data=body_data(rule_quarters="2,3", meetings_per_year=0)
    )
    assert body.rule_quarters == "2,3"


def test_body_end_must_be_after_start(zone: Any, users: Any) -> None:
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.body_create(
            zone=zone,
            actor=users["staff"],
            data=body_data(default_start=dt.time(16, 0), default_end=dt.time(16, 0)),
        )
    assert exc.value.message_dict["default_end"] == ["Het standaard einduur moet na het beginuur liggen."]
    assert counts() == before


@pytest.mark.parametrize("slug", ["verslagen", "nieuw"])
def test_body_slug_cannot_be_a_reserved_word(zone: Any, users: Any, slug: str) -> None:
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.body_create(zone=zone, actor=users["staff"], data=body_data(slug=slug))
    assert "voorbehouden" in exc.value.message_dict["slug"][0]
    assert counts() == before


def test_body_slug_is_unique_in_the_zone_only(zone: Any, other_zone: Any, users: Any) -> None:
    f.body(zone, slug="kerngroep")
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.body_create(
            zone=zone, actor=users["staff"], data=body_data(name="Kerngroep", slug="kerngroep")
        )
    assert "al in gebruik" in exc.value.message_dict["slug"][0]
    assert counts() == before
    other = services.body_create(
        zone=other_zone, actor=users["other_staff"], data=body_data(name="Kerngroep", slug="kerngroep")
    )
    assert other.zone == other_zone


def test_body_update_records_the_changes_and_keeps_its_own_slug(zone: Any, users: Any) -> None:
    body = services.body_create(zone=zone, actor=users["staff"], data=body_data())
    services.body_update(
        zone=zone,
        actor=users["staff"],
        body=body,
        data=body_data(slug="clusteroverleg-welzijn", is_open=False),
    )
    body.refresh_from_db()
    assert body.is_open is False
    entry = AuditEntry.objects.for_zone(zone).filter(model="body", object_id=body.pk, action="updated").get()
    assert entry.changes == {"is_open": [True, False]}


def test_body_update_to_a_taken_slug_changes_nothing(zone: Any, users: Any) -> None:
    f.body(zone, slug="stuurgroep")
    body = services.body_create(zone=zone, actor=users["staff"], data=body_data())
    before = counts()
    with pytest.raises(ServiceError):
        services.body_update(
            zone=zone, actor=users["staff"], body=body, data=body_data(slug="stuurgroep", name="Andere naam")
        )
    assert counts() == before
    stored = Body.objects.for_zone(zone).get(pk=body.pk)
    assert (stored.slug, stored.name) == ("clusteroverleg-welzijn", "Clusteroverleg welzijn")


# --- memberships --------------------------------------------------------------------------------


def test_membership_add_records_on_body_and_person(zone: Any, users: Any) -> None:
    body = f.body(zone)
    org = f.organisation(zone, sector="caw")
    person = f.person(zone)
    membership = services.membership_add(
        zone=zone,
        actor=users["staff"],
        body=body,
        data={"person": person, "organisation": org, "role": MembershipRole.CHAIR, "start": TODAY},
    )
    assert membership.role == "voorzitter"
    actions = set(
        AuditEntry.objects.for_zone(zone).filter(action="membership_added").values_list("model", flat=True)
    )
    assert actions == {"body", "person"}


def test_membership_end_before_start_is_refused(zone: Any, users: Any) -> None:
    body = f.body(zone)
    person = f.person(zone)
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.membership_add(
            zone=zone,
            actor=users["staff"],
            body=body,
            data={"person": person, "role": "lid", "start": TODAY, "end": TODAY - DAY},
        )
    assert "eindigt vóór het begint" in exc.value.message_dict["end"][0]
    assert counts() == before


def test_same_person_same_role_twice_is_refused_other_role_is_fine(zone: Any, users: Any) -> None:
    body = f.body(zone)
    person = f.person(zone, first_name="Wout", last_name="Claeskens")
    f.membership(body, person, role="lid", start=TODAY - 30 * DAY)
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.membership_add(
            zone=zone, actor=users["staff"], body=body, data={"person": person, "role": "lid", "start": TODAY}
        )
    assert error_text(exc) == f"Wout Claeskens is in die periode al lid van {body.name}."
    assert counts() == before
    services.membership_add(
        zone=zone, actor=users["staff"], body=body, data={"person": person, "role": "plaatsvervanger"}
    )


def test_same_role_after_an_ended_mandate_is_fine(zone: Any, users: Any) -> None:
    body = f.body(zone)
    person = f.person(zone)
    f.membership(body, person, role="lid", start=TODAY - 400 * DAY, end=TODAY - 10 * DAY)
    services.membership_add(
        zone=zone, actor=users["staff"], body=body, data={"person": person, "role": "lid", "start": TODAY}
    )
    assert Membership.objects.for_zone(zone).filter(body=body, person=person).count() == 2


def test_membership_of_a_person_or_municipality_of_another_zone_is_refused(
    zone: Any, other_zone: Any, users: Any
) -> None:
    body = f.body(zone)
    stranger = f.person(other_zone)
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.membership_add(zone=zone, actor=users["staff"], body=body, data={"person": stranger})
    assert "hoort niet bij deze eerstelijnszone" in error_text(exc)
    halle = Municipality.objects.get(nis_code="23027")
    with pytest.raises(ServiceError) as exc:
        services.membership_add(
            zone=zone,
            actor=users["staff"],
            body=body,
            data={"person": f.person(zone), "represents_municipality": halle},
        )
    assert "gemeente van deze eerstelijnszone" in error_text(exc)
    assert counts()[1] == before[1]


def test_membership_end_today_and_not_twice(zone: Any, users: Any) -> None:
    body = f.body(zone)
    membership = f.membership(body, f.person(zone), start=TODAY - 100 * DAY)
    services.membership_end(zone=zone, actor=users["staff"], membership=membership)
    membership.refresh_from_db()
    assert membership.end == TODAY
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.membership_end(zone=zone, actor=users["staff"], membership=membership)
    assert error_text(exc) == "Dit mandaat is al beëindigd."
    assert counts() == before


def test_membership_that_starts_later_cannot_end_today(zone: Any, users: Any) -> None:
    body = f.body(zone)
    membership = f.membership(body, f.person(zone), start=TODAY + 10 * DAY)
    with pytest.raises(ServiceError) as exc:
        services.membership_end(zone=zone, actor=users["staff"], membership=membership)
    assert "begint pas op" in error_text(exc)
    membership.refresh_from_db()
    assert membership.end is None


# --- fixed agenda items -------------------------------------------------------------------------


def titles(body: Body) -> list[tuple[str, bool]]:
    return [(i.title, i.at_end) for i in FixedAgendaItem.objects.for_zone(body.zone).filter(body=body)]


def test_fixed_items_are_added_in_their_part_and_reordered(zone: Any, users: Any) -> None:
    body = f.body(zone)
    staff = users["staff"]
    add = services.fixed_item_add
    add(zone=zone, actor=staff, body=body, title="Varia", at_end=True)
    approve = add(zone=zone, actor=staff, body=body, title="Goedkeuring verslag vorige vergadering")
    rondje = add(zone=zone, actor=staff, body=body, title="Rondje partners", at_end=True)
    add(zone=zone, actor=staff, body=body, title="Voorstelling van een sector")
    assert titles(body) == [
        ("Goedkeuring verslag vorige vergadering", False),
        ("Voorstelling van een sector", False),
        ("Varia", True),
        ("Rondje partners", True),
    ]
    services.fixed_item_move(zone=zone, actor=staff, item=rondje, direction="up")
    assert [t for t, _ in titles(body)][2:] == ["Rondje partners", "Varia"]
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.fixed_item_move(zone=zone, actor=staff, item=approve, direction="up")
    assert error_text(exc) == "Dit agendapunt staat al bovenaan."
    assert counts() == before
    services.fixed_item_move(zone=zone, actor=staff, item=approve, direction="down")
    assert titles(body)[1] == ("Goedkeuring verslag vorige vergadering", False)
    services.fixed_item_delete(zone=zone, actor=staff, item=approve)
    assert len(titles(body)) == 3


def test_fixed_item_needs_a_new_title(zone: Any, users: Any) -> None:
    body = f.body(zone)
    services.fixed_item_add(zone=zone, actor=users["staff"], body=body, title="Varia", at_end=True)
    before = counts()
    for title, message in [("  ", "Geef het vaste agendapunt een titel."), ("varia", "al bij de vaste")]:
        with pytest.raises(ServiceError) as exc:
            services.fixed_item_add(zone=zone, actor=users["staff"], body=body, title=title)
        assert message in exc.value.message_dict["title"][0]
    assert counts() == before


# --- mandate renewal ----------------------------------------------------------------------------


def call_data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Nieuwe leden bestuursorgaan 2027",
        "description": "",
        "seats": 2,
        "deadline": TODAY + 10 * DAY,
        "mandate_start": TODAY + 30 * DAY,
        "mandate_end": TODAY + 30 * DAY + 3 * 365 * DAY,
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    ("extra", "field", "message"),
    [
        ({"deadline": TODAY + 30 * DAY}, "deadline", "moet aflopen vóór de nieuwe mandaten starten"),
        ({"deadline": TODAY + 40 * DAY}, "deadline", "moet aflopen vóór de nieuwe mandaten starten"),
        ({"deadline": TODAY - DAY}, "deadline", "niet in het verleden"),
        ({"mandate_end": TODAY + 29 * DAY}, "mandate_end", "niet eindigen vóór ze starten"),
        ({"seats": 0}, "seats", "minstens één mandaat"),
    ],
)
def test_mandate_call_dates_are_checked(
    zone: Any, users: Any, extra: dict[str, Any], field: str, message: str
) -> None:
    body = f.body(zone)
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.mandate_call_open(zone=zone, actor=users["staff"], body=body, data=call_data(**extra))
    assert message in exc.value.message_dict[field][0]
    assert counts() == before


def open_call(zone: Any, users: Any, body: Any = None, **extra: Any) -> MandateCall:
    return services.mandate_call_open(
        zone=zone, actor=users["staff"], body=body or f.body(zone), data=call_data(**extra)
    )


def test_candidacy_once_per_person_and_not_after_the_deadline(zone: Any, users: Any) -> None:
    call = open_call(zone, users)
    person = f.person(zone, first_name="Ilse", last_name="Moortgat")
    services.candidacy_submit(
        zone=zone, actor=users["staff"], call=call, data={"person": person, "role": "lid"}
    )
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.candidacy_submit(zone=zone, actor=users["staff"], call=call, data={"person": person})
    assert exc.value.message_dict["person"] == ["Ilse Moortgat is al kandidaat voor deze oproep."]
    with pytest.raises(ServiceError) as exc:
        services.candidacy_submit(
            zone=zone,
            actor=users["staff"],
            call=call,
            data={"person": f.person(zone)},
            today=call.deadline + DAY,
        )
    assert error_text(exc) == "De termijn voor kandidaturen is verstreken."
    assert counts()[3] == before[3]
    # On the deadline itself it still counts.
    services.candidacy_submit(
        zone=zone, actor=users["staff"], call=call, data={"person": f.person(zone)}, today=call.deadline
    )


def test_decide_creates_mandates_and_ends_running_ones_when_asked(zone: Any, users: Any) -> None:
    body = f.body(zone)
    call = open_call(zone, users, body=body)
    old_member = f.person(zone)
    old_chair = f.person(zone)
    running = f.membership(body, old_member, role="lid", start=TODAY - 700 * DAY)
    chair = f.membership(body, old_chair, role="voorzitter", start=TODAY - 700 * DAY)
    a, b, c = f.person(zone), f.person(zone), f.person(zone)
    org = f.organisation(zone)
    ca = services.candidacy_submit(
        zone=zone, actor=users["staff"], call=call, data={"person": a, "organisation": org, "role": "lid"}
    )
    cb = services.candidacy_submit(
        zone=zone, actor=users["staff"], call=call, data={"person": b, "role": "lid"}
    )
    cc = services.candidacy_submit(
        zone=zone, actor=users["staff"], call=call, data={"person": c, "role": "lid"}
    )

    services.mandate_call_decide(
        zone=zone, actor=users["staff"], call=call, accepted=[ca, cb], end_current=True
    )

    call.refresh_from_db()
    assert call.status == MandateCall.Status.DECIDED and call.decided_at is not None
    statuses = {x.pk: x.status for x in Candidacy.objects.for_zone(zone).filter(call=call)}
    assert statuses == {ca.pk: "accepted", cb.pk: "accepted", cc.pk: "rejected"}
    new = Membership.objects.for_zone(zone).filter(body=body, start=call.mandate_start)
    assert {(m.person_id, m.organisation_id, m.end) for m in new} == {
        (a.pk, org.pk, call.mandate_end),
        (b.pk, None, call.mandate_end),
    }
    running.refresh_from_db()
    chair.refresh_from_db()
    assert running.end == call.mandate_start - DAY
    assert chair.end is None  # another role: untouched


def test_decide_without_ending_keeps_running_mandates(zone: Any, users: Any) -> None:
    body = f.body(zone)
    call = open_call(zone, users, body=body)
    running = f.membership(body, f.person(zone), role="lid", start=TODAY - 700 * DAY)
    cand = services.candidacy_submit(
        zone=zone, actor=users["staff"], call=call, data={"person": f.person(zone)}
    )
    services.mandate_call_decide(
        zone=zone, actor=users["staff"], call=call, accepted=[cand], end_current=False
    )
    running.refresh_from_db()
    assert running.end is None
    assert Membership.objects.for_zone(zone).filter(body=body).count() == 2


def test_decide_more_than_the_seats_or_twice_changes_nothing(zone: Any, users: Any) -> None:
    body = f.body(zone)
    call = open_call(zone, users, body=body, seats=1)
    cands = [
        services.candidacy_submit(zone=zone, actor=users["staff"], call=call, data={"person": f.person(zone)})
        for _ in range(2)
    ]
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.mandate_call_decide(zone=zone, actor=users["staff"], call=call, accepted=cands)
    assert error_text(exc) == "Je koos 2 kandidaten, maar er zijn maar 1 mandaten te begeven."
    assert counts() == before
    services.mandate_call_decide(zone=zone, actor=users["staff"], call=call, accepted=cands[:1])
    after = counts()
    with pytest.raises(ServiceError) as exc:
        services.mandate_call_decide(zone=zone, actor=users["staff"], call=call, accepted=cands[1:])
    assert error_text(exc) == "Over deze oproep is al beslist; er is niets gewijzigd."
    assert counts() == after
    assert Candidacy.objects.for_zone(zone).get(pk=cands[1].pk).status == "rejected"
    with pytest.raises(ServiceError) as exc:
        services.candidacy_submit(zone=zone, actor=users["staff"], call=call, data={"person": f.person(zone)})
    assert "al beslist" in error_text(exc)


def test_decide_a_sitting_member_again_without_ending_is_refused_whole(zone: Any, users: Any) -> None:
    body = f.body(zone)
    call = open_call(zone, users, body=body, seats=2)
    sitting = f.person(zone, first_name="Bram", last_name="Pieters")
    f.membership(body, sitting, role="lid", start=TODAY - 700 * DAY)
    newcomer = services.candidacy_submit(
        zone=zone, actor=users["staff"], call=call, data={"person": f.person(zone)}
    )
    again = services.candidacy_submit(zone=zone, actor=users["staff"], call=call, data={"person": sitting})
    before = counts()
    with pytest.raises(ServiceError) as exc:
        services.mandate_call_decide(zone=zone, actor=users["staff"], call=call, accepted=[newcomer, again])
    assert "Bram Pieters is op" in error_text(exc) and "lopende mandaten beëindigen" in error_text(exc)
    assert counts() == before
    call.refresh_from_db()
    assert call.status == MandateCall.Status.OPEN
    # Ticking the box makes it work: the running mandate ends, the new one starts.
    services.mandate_call_decide(
        zone=zone, actor=users["staff"], call=call, accepted=[newcomer, again], end_current=True
    )
    periods = sorted(
        (m.start, m.end) for m in Membership.objects.for_zone(zone).filter(body=body, person=sitting)
    )
    assert periods == [
        (TODAY - 700 * DAY, call.mandate_start - DAY),
        (call.mandate_start, call.mandate_end),
    ]


# --- subscribers --------------------------------------------------------------------------------


def test_subscriber_keeps_consent_and_is_not_added_twice(zone: Any) -> None:
    body = f.body(zone, is_open=True)
    sub = services.subscriber_add(
        zone=zone,
        actor=None,
        body=body,
        email=" Fien@Example.be ",
        consent_text="Ik ga akkoord.",
        name="Fien",
    )
    assert (sub.email, sub.consent_text) == ("fien@example.be", "Ik ga akkoord.")
    assert abs((timezone.now() - sub.consent_at).total_seconds()) < 60
    before = counts()
    with pytest.raises(services.AlreadySubscribed) as exc:
        services.subscriber_add(zone=zone, actor=None, body=body, email="FIEN@example.be", consent_text="x")
    assert "krijgt de agenda van" in error_text(exc)
    assert counts() == before


def test_subscriber_only_for_open_bodies(zone: Any) -> None:
    body = f.body(zone, is_open=False)
    with pytest.raises(ServiceError) as exc:
        services.subscriber_add(zone=zone, actor=None, body=body, email="a@example.be", consent_text="ja")
    assert "open overleg" in error_text(exc)
    assert f.subscription_count() == 0
