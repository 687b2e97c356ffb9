"""Signal ambassadors (signaalambassadeurs): the services, the staff pages, the signals they collect,
the privacy export and erasure, and the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.models import AuditEntry
from zorgraad.events.tests.factories import make_event
from zorgraad.network.models import Affiliation, Person
from zorgraad.network.services import privacy
from zorgraad.signals import demo
from zorgraad.signals.models import SignalAmbassador
from zorgraad.signals.services import ambassadors as services
from zorgraad.zones.models import Cluster, Sector

from . import factories as f

pytestmark = pytest.mark.django_db

START = dt.date(2025, 11, 27)


def url(name: str, zone: str = "amalo", **kw: Any) -> str:
    return reverse(f"signals:{name}", kwargs={"zone": zone, **kw})


# --- services ------------------------------------------------------------------------------------


def test_create_links_the_affiliation_with_training_and_audit(zone, users):
    training = make_event(zone, days=-30, title="Netwerkmoment signalenbeleid", kind="netwerk")
    aff = f.affiliation(
        zone, first="Ilse", org="Lokaal dienstencentrum De Bron", function="Maatschappelijk werker"
    )
    role = services.ambassador_create(
        zone=zone,
        actor=users["staff"],
        affiliation=aff,
        data={
            "trained_on": START,
            "training_event": training,
            "active_from": START,
            "note": "Voor de thuiszorg.",
        },
    )
    stored = SignalAmbassador.objects.for_zone(zone).get()
    assert stored.pk == role.pk and stored.affiliation == aff and stored.training_event == training
    assert stored.trained_on == START and stored.active_to is None and stored.is_active
    assert stored.created_by == users["staff"]
    entry = AuditEntry.objects.for_zone(zone).get(model="signalambassador", object_id=role.pk)
    assert entry.action == "created" and entry.actor == users["staff"]
    assert entry.changes["note"] == [None, "Voor de thuiszorg."]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"note": "<script>alert(1)</script>"}, "note", "zonder HTML"),
        ({"note": "bel\x0bmij"}, "note", "stuurteken"),
        ({"note": "x" * 2_001}, "note", "te lang"),
        ({"active_to": dt.date(2025, 1, 1)}, "active_to", "vóór de begindatum"),
        ({"trained_on": dt.date(2999, 1, 1)}, "trained_on", "in de toekomst"),
        ({"active_from": None}, "active_from", "Vanaf wanneer"),
    ],
)
def test_create_refuses_bad_input_in_dutch_and_saves_nothing(zone, users, data, field, message):
    aff = f.affiliation(zone)
    with pytest.raises(ValidationError) as exc:
        services.ambassador_create(
            zone=zone, actor=users["staff"], affiliation=aff, data={"active_from": START, **data}
        )
    assert any(message in m for m in exc.value.message_dict[field])
    assert not SignalAmbassador.objects.for_zone(zone).exists()
    assert not AuditEntry.objects.for_zone(zone).filter(model="signalambassador").exists()


def test_another_zones_affiliation_or_event_is_refused(zone, other_zone, users):
    theirs = f.affiliation(other_zone)
    with pytest.raises(ValidationError) as exc:
        services.ambassador_create(
            zone=zone, actor=users["staff"], affiliation=theirs, data={"active_from": START}
        )
    assert "van deze eerstelijnszone" in exc.value.message_dict["affiliation"][0]
    their_event = make_event(other_zone, days=-3)
    with pytest.raises(ValidationError) as exc:
        services.ambassador_create(
            zone=zone,
            actor=users["staff"],
            affiliation=f.affiliation(zone),
            data={"active_from": START, "training_event": their_event},
        )
    assert "activiteit van deze eerstelijnszone" in exc.value.message_dict["training_event"][0]
    assert not SignalAmbassador.objects.unscoped().exists()


def test_overlapping_roles_on_one_affiliation_are_refused(zone, users):
    aff = f.affiliation(zone, first="Bavo")
    f.ambassador(zone, aff, active_from=START)
    with pytest.raises(ValidationError) as exc:
        f.ambassador(zone, aff, active_from=dt.date(2026, 3, 1))
    assert "al signaalambassadeur" in exc.value.message_dict["affiliation"][0]
    assert SignalAmbassador.objects.for_zone(zone).count() == 1


def test_role_after_the_person_left_the_organisation_is_refused(zone, users):
    aff = f.affiliation(zone, start=dt.date(2020, 1, 1), end=dt.date(2024, 12, 31))
    with pytest.raises(ValidationError) as exc:
        f.ambassador(zone, aff, active_from=START)
    assert "werkt sinds 31/12/2024 niet meer" in exc.value.message_dict["active_from"][0]


def test_end_sets_the_last_day_and_refuses_twice(zone, users):
    role = f.ambassador(zone, active_from=START)
    services.ambassador_end(zone=zone, actor=users["staff"], ambassador=role)
    role.refresh_from_db()
    assert role.active_to == timezone.localdate()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    SignalAmbassador.objects.for_zone(zone).filter(pk=role.pk).update(active_to=yesterday)
    with pytest.raises(ValidationError, match="geen signaalambassadeur meer"):
        services.ambassador_end(zone=zone, actor=users["staff"], ambassador=role)
    role.refresh_from_db()
    assert role.active_to == yesterday
    assert AuditEntry.objects.for_zone(zone).filter(action="ambassador_ended", object_id=role.pk).count() == 1


def test_end_before_the_start_is_refused(zone, users):
    role = f.ambassador(zone, active_from=timezone.localdate() + dt.timedelta(days=10))
    with pytest.raises(ValidationError, match="vóór de begindatum"):
        services.ambassador_end(zone=zone, actor=users["staff"], ambassador=role)
    role.refresh_from_db()
    assert role.active_to is None


def test_update_of_another_zones_role_is_refused(zone, other_zone, users):
    theirs = f.ambassador(other_zone)
    with pytest.raises(ValidationError, match="hoort niet bij deze eerstelijnszone"):
        services.ambassador_update(zone=zone, actor=users["staff"], ambassador=theirs, data={"note": "x"})
    theirs.refresh_from_db()
    assert theirs.note == ""


# --- the signals they collect --------------------------------------------------------------------


def test_signals_of_an_ambassador_show_via_and_are_counted(zone, staff_client, users):
    aff = f.affiliation(zone, first="Margot", last="Verzinsel", org="Thuiszorg Het Anker")
    f.affiliation(zone, person=aff.person, org="Buurthuis Zonder Rol")  # works there too, no role
    f.ambassador(zone, aff, active_from=dt.date(2025, 6, 1))
    via = f.signal(
        zone, title="Wachtlijst thuiszorg", reporter_person=aff.person, received_on=dt.date(2025, 7, 1)
    )
    before = f.signal(
        zone, title="Van voor de rol", reporter_person=aff.person, received_on=dt.date(2025, 5, 1)
    )
    f.signal(zone, title="Van iemand anders", reporter_person=f.affiliation(zone).person)
    triage = staff_client.get(url("triage")).content.decode()
    assert triage.count("via signaalambassadeur") == 1
    assert "via signaalambassadeur Margot Verzinsel (Thuiszorg Het Anker)" in triage
    detail = staff_client.get(url("detail", pk=via.pk)).content.decode()
    assert "via signaalambassadeur Margot Verzinsel (Thuiszorg Het Anker)" in detail
    assert "via signaalambassadeur" not in staff_client.get(url("detail", pk=before.pk)).content.decode()
    charts = {c.key: c for c in staff_client.get(url("dashboard")).context["charts"]}
    assert {b.label: b.count for b in charts["ambassador"].bars} == {"Thuiszorg Het Anker": 1}
    listing = staff_client.get(url("ambassador_list"))
    assert [a.collected for a in listing.context["page"].object_list] == [1]


# --- pages ---------------------------------------------------------------------------------------


def test_list_per_organisation_with_sector_cluster_search_and_states(zone, staff_client):
    sector = Sector.objects.order_by("pk").first()
    cluster = Cluster.objects.filter(is_core=True).order_by("pk").first()
    a1 = f.affiliation(zone, first="Annelies", last="Zoekbaar", org="Wijkgezondheidscentrum Zuid")
    a1.organisation.sector = sector
    a1.organisation.save()
    a1.organisation.clusters.set([cluster])
    f.ambassador(zone, a1)
    gone = f.ambassador(zone, f.affiliation(zone, first="Bart", last="Gestopt", org="CAW Test"))
    SignalAmbassador.objects.for_zone(zone).filter(pk=gone.pk).update(active_to=dt.date(2025, 2, 1))
    body = staff_client.get(url("ambassador_list")).content.decode()
    assert "Wijkgezondheidscentrum Zuid" in body and "Annelies Zoekbaar" in body
    assert sector.name in body and cluster.name in body
    assert "Bart Gestopt" not in body  # ended roles only on request
    ended = staff_client.get(url("ambassador_list"), {"state": "beeindigd"}).content.decode()
    assert "Bart Gestopt" in ended and "Annelies Zoekbaar" not in ended
    found = staff_client.get(url("ambassador_list"), {"q": "zuid", "state": "alle"}).content.decode()
    assert "Annelies Zoekbaar" in found and "Bart Gestopt" not in found
    none = staff_client.get(url("ambassador_list"), {"q": "onbestaand"}).content.decode()
    assert "Geen signaalambassadeurs gevonden" in none


def test_empty_list_explains_what_to_do(zone, staff_client):
    body = staff_client.get(url("ambassador_list")).content.decode()
    assert "Nog geen signaalambassadeurs" in body
    assert url("ambassador_create") in body


def test_list_is_paginated(zone, staff_client):
    org = f.affiliation(zone).organisation
    for _ in range(26):
        f.ambassador(zone, f.affiliation(zone, organisation=org))
    first = staff_client.get(url("ambassador_list"))
    assert len(first.context["page"].object_list) == 25
    assert len(staff_client.get(url("ambassador_list"), {"page": 2}).context["page"].object_list) == 1


def test_list_queries_do_not_grow_with_the_number_of_ambassadors(
    zone, staff_client, django_assert_max_num_queries
):
    def add(n: int) -> None:
        for i in range(n):
            aff = f.affiliation(zone, org=f"Organisatie {i % 7} {n}")
            aff.organisation.clusters.set(Cluster.objects.all()[:2])
            f.ambassador(zone, aff)
            f.signal(zone, reporter_person=aff.person, received_on=dt.date(2025, 3, 1))

    add(1)
    staff_client.get(url("ambassador_list"))  # warm the session and the staff menu
    with django_assert_max_num_queries(12) as one:
        assert staff_client.get(url("ambassador_list") + "?state=alle").status_code == 200
    add(49)
    with django_assert_max_num_queries(12) as fifty:
        response = staff_client.get(url("ambassador_list") + "?state=alle&x=1")
    assert response.status_code == 200 and len(response.context["page"].object_list) == 25
    assert len(fifty.captured_queries) == len(one.captured_queries)


def test_add_through_the_page_with_the_person_picker(zone, staff_client, users):
    aff = f.affiliation(zone, first="Sien", last="Kiezer", org="OCMW Testdorp", function="Onthaalmedewerker")
    page = staff_client.get(url("ambassador_create"), {"person__zoek": "kiezer"})
    assert page.status_code == 200 and "Sien" in page.content.decode()
    response = staff_client.post(
        url("ambassador_create"),
        {
            "person": aff.person.pk,
            "active_from": "27/11/2025",
            "trained_on": "2025-11-27",
            "note": "Sector ouderenzorg",
        },
    )
    assert response.status_code == 302
    role = SignalAmbassador.objects.for_zone(zone).get()
    assert role.affiliation == aff and role.trained_on == START and role.active_from == START


def test_a_person_with_two_organisations_chooses_one(zone, staff_client):
    aff = f.affiliation(zone, first="Jolien", org="Huisartsenpraktijk Noord")
    other = f.affiliation(zone, person=aff.person, org="Kinderopvang Zonnetje", function="Coördinator")
    asked = staff_client.post(
        url("ambassador_create"), {"person": aff.person.pk, "active_from": "2025-11-27"}
    )
    html = asked.content.decode()
    assert asked.status_code == 200 and "meer dan één organisatie" in html
    assert "Huisartsenpraktijk Noord" in html and "Coördinator – Kinderopvang Zonnetje" in html
    assert not SignalAmbassador.objects.for_zone(zone).exists()
    done = staff_client.post(
        url("ambassador_create"),
        {"person": aff.person.pk, "affiliation": other.pk, "active_from": "2025-11-27"},
    )
    assert done.status_code == 302
    assert SignalAmbassador.objects.for_zone(zone).get().affiliation == other


def test_a_person_without_organisation_is_told_what_to_do(zone, staff_client):
    person = Person.objects.create(zone=zone, first_name="Warre", last_name="Losser")
    r = staff_client.post(url("ambassador_create"), {"person": person.pk, "active_from": "2025-11-27"})
    assert r.status_code == 200 and "bij geen enkele organisatie" in r.content.decode()
    assert not SignalAmbassador.objects.for_zone(zone).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"person": ""}, "Kies een persoon."),
        ({"active_from": ""}, "Vanaf wanneer"),
        ({"active_from": "gisteren"}, "Geef een datum als"),
        ({"active_to": "2025-01-01"}, "vóór de begindatum"),
        ({"note": "<b>vet</b>"}, "zonder HTML"),
        ({"note": "a\x00b"}, "stuurteken"),
        ({"note": "x" * 3_000}, "te lang"),
    ],
)
def test_add_page_refuses_bad_input_in_dutch(zone, staff_client, changes, message):
    aff = f.affiliation(zone)
    data = {"person": aff.person.pk, "active_from": "2025-11-27", **changes}
    r = staff_client.post(url("ambassador_create"), data)
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not SignalAmbassador.objects.for_zone(zone).exists()


def test_add_page_refuses_another_zones_person_affiliation_and_event(zone, other_zone, staff_client):
    theirs = f.affiliation(other_zone)
    mine = f.affiliation(zone)
    their_event = make_event(other_zone, days=-2, kind="netwerk")
    for data, message in [
        ({"person": theirs.person.pk}, "bestaat niet (meer) in deze eerstelijnszone"),
        ({"person": mine.person.pk, "affiliation": theirs.pk}, "Kies een functie van deze persoon"),
        ({"person": mine.person.pk, "training_event": their_event.pk}, "activiteit van deze eerstelijnszone"),
    ]:
        r = staff_client.post(url("ambassador_create"), {"active_from": "2025-11-27", **data})
        assert r.status_code == 200
        assert message in r.content.decode()
    assert not SignalAmbassador.objects.unscoped().exists()


def test_edit_page_saves_and_refuses_end_before_start(zone, staff_client):
    role = f.ambassador(zone, active_from=START)
    bad = staff_client.post(
        url("ambassador_edit", pk=role.pk), {"active_from": "2025-11-27", "active_to": "2025-11-01"}
    )
    assert bad.status_code == 200 and "vóór de begindatum" in bad.content.decode()
    role.refresh_from_db()
    assert role.active_to is None
    ok = staff_client.post(
        url("ambassador_edit", pk=role.pk),
        {"active_from": "2025-11-27", "trained_on": "2025-11-27", "note": "Nieuw"},
    )
    assert ok.status_code == 302
    role.refresh_from_db()
    assert role.note == "Nieuw" and role.trained_on == START


def test_end_asks_first_then_ends(zone, staff_client):
    role = f.ambassador(zone, f.affiliation(zone, first="Hannes", last="Stopper"))
    ask = staff_client.get(url("ambassador_end", pk=role.pk))
    assert ask.status_code == 200
    html = ask.content.decode()
    assert "Hannes Stopper" in html and "Rol beëindigen" in html and 'method="post"' in html
    role.refresh_from_db()
    assert role.active_to is None  # asking changed nothing
    done = staff_client.post(url("ambassador_end", pk=role.pk))
    assert done.status_code == 302
    role.refresh_from_db()
    assert role.active_to == timezone.localdate()


def test_another_zones_role_is_not_found(zone, other_zone, staff_client):
    theirs = f.ambassador(other_zone)
    for name in ("ambassador_edit", "ambassador_end"):
        assert staff_client.get(url(name, pk=theirs.pk)).status_code == 404
        assert staff_client.post(url(name, pk=theirs.pk), {"active_from": "2025-11-27"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.active_to is None


@pytest.mark.parametrize("role", ["anonymous", "partner", "member", "secretary", "other_staff"])
def test_only_staff_of_the_zone_may_manage_ambassadors(zone, client_as, role):
    existing = f.ambassador(zone)
    aff = f.affiliation(zone)
    client = client_as(role)
    for name, kw in [
        ("ambassador_list", {}),
        ("ambassador_create", {}),
        ("ambassador_edit", {"pk": existing.pk}),
    ]:
        assert client.get(url(name, **kw)).status_code in (302, 403)
    r = client.post(url("ambassador_create"), {"person": aff.person.pk, "active_from": "2025-11-27"})
    assert r.status_code in (302, 403)
    r = client.post(url("ambassador_end", pk=existing.pk))
    assert r.status_code in (302, 403)
    assert SignalAmbassador.objects.for_zone(zone).count() == 1
    existing.refresh_from_db()
    assert existing.active_to is None


# --- privacy -------------------------------------------------------------------------------------


def test_privacy_export_shows_the_role_and_erasure_removes_it(zone, other_zone, users):
    training = make_event(zone, days=-7, title="Netwerkmoment signalenbeleid", kind="netwerk")
    aff = f.affiliation(zone, first="Roel", last="Privé", org="Buurthuis De Linde", function="Opbouwwerker")
    role = f.ambassador(zone, aff, trained_on=START, training_event=training, note="Voor de buurt")
    f.ambassador(zone)  # someone else's role stays
    data = privacy.person_data_export(zone=zone, actor=users["staff"], person=aff.person)
    rows = data["records"]["signals.signalambassador"]
    assert rows == [
        {
            "id": role.pk,
            "organisation": "Buurthuis De Linde",
            "function": "Opbouwwerker",
            "trained_on": "2025-11-27",
            "training_event": str(training),
            "active_from": "2025-01-01",
            "active_to": None,
            "note": "Voor de buurt",
        }
    ]
    preview = privacy.person_erase_preview(zone=zone, person=aff.person)
    assert {"label": "rollen als signaalambassadeur", "count": 1} in preview["deleted"]
    privacy.person_erase(zone=zone, actor=users["staff"], person=aff.person, reason="Vraag van de persoon")
    assert not SignalAmbassador.objects.for_zone(zone).filter(pk=role.pk).exists()
    assert SignalAmbassador.objects.for_zone(zone).count() == 1
    assert Affiliation.objects.for_zone(zone).filter(pk=aff.pk).exists()  # the function itself stays
    history = AuditEntry.objects.for_zone(zone).filter(model="signalambassador", object_id=role.pk)
    assert history.exists() and not any("Roel" in e.object_repr for e in history)
    again = privacy.person_data_export(zone=zone, actor=users["staff"], person=aff.person)
    assert again["records"]["signals.signalambassador"] == []


# --- demo ----------------------------------------------------------------------------------------


def test_demo_ambassadors_load_twice_without_doubles(zones):
    from zorgraad.network import demo as network_demo
    from zorgraad.signals.models import Signal

    waasland = zones["waasland"]
    network_demo.load({"waasland": waasland}, {})
    training = make_event(waasland, days=-300, title=demo.TRAINING_TITLE, kind="netwerk")
    demo.load_ambassadors({"waasland": waasland})
    roles = list(SignalAmbassador.objects.for_zone(waasland).select_related("affiliation__person"))
    assert len(roles) == demo.AMBASSADORS_WANTED
    assert {r.training_event_id for r in roles} == {training.pk}
    assert len({r.affiliation.organisation_id for r in roles}) == len(roles)
    assert sum(1 for r in roles if r.active_to is not None) == 1
    invented = set(network_demo.FIRST_NAMES)
    assert all(r.affiliation.person.first_name in invented for r in roles)
    signals = Signal.objects.for_zone(waasland).filter(title__in=[t for t, *_ in demo.AMBASSADOR_SIGNALS])
    assert signals.count() == 2 and set(signals.values_list("source", flat=True)) == {"phone", "mail"}
    demo.load_ambassadors({"waasland": waasland})
    assert SignalAmbassador.objects.for_zone(waasland).count() == demo.AMBASSADORS_WANTED
    assert (
        Signal.objects.for_zone(waasland).filter(title__in=[t for t, *_ in demo.AMBASSADOR_SIGNALS]).count()
        == 2
    )
    assert not SignalAmbassador.objects.for_zone(zones["amalo"]).exists()
