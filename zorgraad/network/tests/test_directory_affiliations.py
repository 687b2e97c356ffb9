"""Affiliations: add (dates, zone) and end (POST only, once)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zorgraad.network import services
from zorgraad.network.models import Affiliation

from .test_directory_helpers import affiliate, audit_rows, make_org, make_person, url

pytestmark = pytest.mark.django_db


def test_affiliation_add_service_audits_person_and_organisation(zone, users):
    person, org = make_person(zone), make_org(zone, "CAW Proefland")
    affiliation = services.affiliation_add(
        zone=zone,
        actor=users["staff"],
        person=person,
        data={"organisation": org, "function": " coördinator ", "start": dt.date(2026, 1, 5)},
    )
    assert affiliation.function == "coördinator"
    for record in (person, org):
        [entry] = audit_rows(zone, record)
        assert entry.action == "affiliation_added"
        assert entry.changes["affiliation"] == [None, "coördinator bij CAW Proefland"]


def test_affiliation_add_service_end_before_start(zone, users):
    person, org = make_person(zone), make_org(zone)
    with pytest.raises(services.ServiceError) as caught:
        services.affiliation_add(
            zone=zone,
            actor=users["staff"],
            person=person,
            data={"organisation": org, "start": dt.date(2026, 3, 1), "end": dt.date(2026, 2, 1)},
        )
    assert caught.value.message_dict == {"end": ["De einddatum ligt vóór de begindatum."]}
    assert Affiliation.objects.for_zone(zone).count() == 0
    assert audit_rows(zone, person) == []


def test_affiliation_add_service_refuses_organisation_of_other_zone(zone, other_zone, users):
    person, foreign = make_person(zone), make_org(other_zone, "CAW Zennevallei")
    with pytest.raises(services.ServiceError) as caught:
        services.affiliation_add(
            zone=zone, actor=users["staff"], person=person, data={"organisation": foreign}
        )
    assert caught.value.messages == ["Deze organisatie hoort niet bij deze eerstelijnszone."]
    assert Affiliation.objects.unscoped().count() == 0


def test_affiliation_add_view(zone, staff_client):
    person, org = make_person(zone, "Mila", "Proefkens"), make_org(zone, "WZC Proefhof")
    response = staff_client.post(
        url("affiliation_add", zone, pk=person.pk),
        {"organisation": org.pk, "function": "hoofdverpleegkundige", "start": "2026-02-01", "end": ""},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("person_detail", zone, pk=person.pk)
    assert "Mila Proefkens werkt nu bij WZC Proefhof." in response.content.decode()
    [a] = Affiliation.objects.for_zone(zone)
    assert (a.person_id, a.organisation_id, a.start, a.end) == (person.pk, org.pk, dt.date(2026, 2, 1), None)


def test_affiliation_add_view_end_before_start_is_refused(zone, staff_client):
    person, org = make_person(zone), make_org(zone)
    response = staff_client.post(
        url("affiliation_add", zone, pk=person.pk),
        {"organisation": org.pk, "function": "x", "start": "01/03/2026", "end": "01/02/2026"},
    )
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert Affiliation.objects.for_zone(zone).count() == 0


def test_affiliation_add_view_offers_only_own_zone_organisations(zone, other_zone, staff_client):
    person = make_person(zone)
    foreign = make_org(other_zone, "CAW Zennevallei")
    html = staff_client.get(url("affiliation_add", zone, pk=person.pk)).content.decode()
    assert "CAW Zennevallei" not in html
    response = staff_client.post(url("affiliation_add", zone, pk=person.pk), {"organisation": foreign.pk})
    assert response.status_code == 200
    assert Affiliation.objects.unscoped().count() == 0


def test_affiliation_end_view(zone, staff_client):
    person, org = make_person(zone, "Mila", "Proefkens"), make_org(zone, "WZC Proefhof")
    a = affiliate(person, org, start=dt.date(2025, 1, 1))
    assert staff_client.get(url("affiliation_end", zone, pk=a.pk)).status_code == 405
    response = staff_client.post(url("affiliation_end", zone, pk=a.pk), follow=True)
    assert "De functie van Mila Proefkens bij WZC Proefhof is beëindigd." in response.content.decode()
    a.refresh_from_db()
    assert a.end == timezone.localdate()
    assert [e.action for e in audit_rows(zone, person)] == ["affiliation_ended"]
    assert [e.action for e in audit_rows(zone, org)] == ["affiliation_ended"]


def test_affiliation_end_twice_is_refused(zone, staff_client):
    person, org = make_person(zone), make_org(zone)
    a = affiliate(person, org, end=dt.date(2024, 6, 30))
    response = staff_client.post(url("affiliation_end", zone, pk=a.pk), follow=True)
    assert "Deze functie is al beëindigd." in response.content.decode()
    a.refresh_from_db()
    assert a.end == dt.date(2024, 6, 30)
    assert audit_rows(zone, person) == []


def test_affiliation_end_of_future_function_is_refused(zone, users):
    person, org = make_person(zone), make_org(zone)
    a = affiliate(person, org, start=timezone.localdate() + dt.timedelta(days=10))
    with pytest.raises(services.ServiceError) as caught:
        services.affiliation_end(zone=zone, actor=users["staff"], affiliation=a)
    assert "begint pas op" in caught.value.messages[0]
    a.refresh_from_db()
    assert a.end is None


def test_affiliation_end_of_other_zone_is_404(zone, other_zone, staff_client):
    person, org = make_person(other_zone), make_org(other_zone)
    a = affiliate(person, org)
    assert staff_client.post(url("affiliation_end", zone, pk=a.pk)).status_code == 404
    a.refresh_from_db()
    assert a.end is None
