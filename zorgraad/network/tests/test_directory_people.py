"""People: services, list with filters, create/edit/archive screens, cross-zone refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from zorgraad.core.models import AuditEntry
from zorgraad.network import selectors, services
from zorgraad.network.models import Affiliation, Person

from .test_directory_helpers import affiliate, audit_rows, make_org, make_person, municipality, sector, url

pytestmark = pytest.mark.django_db


# --- services ------------------------------------------------------------------------------------


def test_person_create_fills_search_text_and_audits(zone, users):
    org = make_org(zone, "Woonzorgcentrum Klaproos")
    person = services.person_create(
        zone=zone,
        actor=users["staff"],
        data={"first_name": " Jorinde ", "last_name": "Vanproef", "email": "Jorinde.Vanproef@Example.be"},
        organisation=org,
        function="directeur",
    )
    person.refresh_from_db()
    assert person.first_name == "Jorinde"
    assert person.email == "jorinde.vanproef@example.be"
    assert "vanproef" in person.search_text
    assert [(a.organisation_id, a.function) for a in person.affiliations.all()] == [(org.pk, "directeur")]
    actions = sorted(e.action for e in audit_rows(zone, person))
    assert actions == ["affiliation_added", "created"]


def test_person_create_refuses_invalid_email_and_saves_nothing(zone, users):
    with pytest.raises(services.ServiceError) as caught:
        services.person_create(
            zone=zone,
            actor=users["staff"],
            data={"first_name": "Bram", "last_name": "Proef", "email": "bram@"},
        )
    assert "email" in caught.value.message_dict
    assert Person.objects.for_zone(zone).count() == 0
    assert AuditEntry.objects.for_zone(zone).count() == 0


def test_person_create_refuses_organisation_of_other_zone(zone, other_zone, users):
    foreign = make_org(other_zone, "CAW Zennevallei")
    with pytest.raises(services.ServiceError) as caught:
        services.person_create(
            zone=zone,
            actor=users["staff"],
            data={"first_name": "Bram", "last_name": "Proef"},
            organisation=foreign,
        )
    assert "hoort niet bij deze eerstelijnszone" in caught.value.messages[0]
    assert Person.objects.for_zone(zone).count() == 0


def test_person_update_records_what_changed(zone, users):
    person = make_person(zone, "Saar", "Proefmans", "saar@example.be")
    services.person_update(
        zone=zone, actor=users["staff"], person=person, data={"phone": "0470 00 00 01", "email_bounced": True}
    )
    [entry] = audit_rows(zone, person)
    assert entry.action == "updated"
    assert entry.changes == {"phone": ["", "0470 00 00 01"], "email_bounced": [False, True]}


def test_person_update_refuses_other_zone(zone, other_zone, users):
    person = make_person(other_zone, "Saar", "Proefmans")
    with pytest.raises(services.ServiceError):
        services.person_update(zone=zone, actor=users["staff"], person=person, data={"first_name": "X"})
    person.refresh_from_db()
    assert person.first_name == "Saar"


def test_person_archive_twice_is_refused(zone, users):
    person = make_person(zone)
    services.person_archive(zone=zone, actor=users["staff"], person=person)
    with pytest.raises(services.ServiceError) as caught:
        services.person_archive(zone=zone, actor=users["staff"], person=person)
    assert caught.value.messages == ["Deze persoon is al gearchiveerd."]
    assert [e.action for e in audit_rows(zone, person)] == ["archived"]


# --- list ------------------------------------------------------------------------------------------


def test_person_list_filters(zone, other_zone):
    asse, opwijk = municipality(zone, "Asse"), municipality(zone, "Opwijk")
    caw = make_org(zone, "CAW Proefland", sector=sector("caw"), municipalities=[asse])
    wzc = make_org(zone, "WZC Lindeproef", sector=sector("woonzorgcentrum"), municipalities=[opwijk])
    anna = make_person(zone, "Anna", "Aertsproef", "anna@example.be")
    affiliate(anna, caw, "onthaal")
    bert = make_person(zone, "Bert", "Bosproef")
    affiliate(bert, wzc, "directeur")
    affiliate(bert, caw, "vroeger", start=dt.date(2020, 1, 1), end=dt.date(2021, 1, 1))
    make_person(zone, "Cas", "Cleemproef")
    make_person(zone, "Dirk", "Archiefproef", is_archived=True)
    make_person(other_zone, "Anna", "Aertsproef")

    def names(**kw):
        return [p.first_name for p in selectors.person_list(zone=zone, filters=selectors.PersonFilters(**kw))]

    assert names() == ["Anna", "Bert", "Cas"]
    assert names(q="ANNA aerts") == ["Anna"]
    assert names(q="anna@example") == ["Anna"]
    assert names(organisation=caw.pk) == ["Anna"]  # Bert's past function at the CAW does not count
    assert names(sector=sector("woonzorgcentrum").pk) == ["Bert"]
    assert names(municipality=asse.pk) == ["Anna"]
    assert names(without_function=True) == ["Cas"]
    assert names(archived=True) == ["Dirk"]
    assert names(organisation=caw.pk, sector=sector("woonzorgcentrum").pk) == []


def test_person_list_page_shows_functions_and_paginates(zone, staff_client):
    org = make_org(zone, "Huis van het Kind Proefdorp")
    for i in range(27):
        p = make_person(zone, f"Voornaam{i:02}", f"Proef{i:02}")
        affiliate(p, org, "vroedvrouw")
    response = staff_client.get(url("person_list", zone))
    html = response.content.decode()
    assert response.status_code == 200
    assert "27 personen" in html
    assert html.count("vroedvrouw") == 25
    assert "Pagina 1 van 2" in html
    assert "te bevestigen" in html
    page2 = staff_client.get(url("person_list", zone) + "?page=2").content.decode()
    assert "Proef26" in page2 and "Proef00" not in page2


def test_person_list_empty_and_no_results(zone, staff_client):
    html = staff_client.get(url("person_list", zone)).content.decode()
    assert "Nog geen personen" in html
    html = staff_client.get(url("person_list", zone) + "?q=niemand").content.decode()
    assert "Geen personen gevonden" in html


# --- create / edit / archive screens --------------------------------------------------------------


def test_person_create_view(zone, staff_client):
    org = make_org(zone, "OCMW Proefstad")
    response = staff_client.post(
        url("person_create", zone),
        {
            "first_name": "Wout",
            "last_name": "Proefkens",
            "email": "wout@example.be",
            "organisation": org.pk,
            "function": "maatschappelijk assistent",
        },
        follow=True,
    )
    person = Person.objects.for_zone(zone).get()
    assert response.redirect_chain[-1][0] == url("person_detail", zone, pk=person.pk)
    html = response.content.decode()
    assert "Wout Proefkens is toegevoegd." in html
    assert "maatschappelijk assistent" in html


def test_person_create_view_invalid_email(zone, staff_client):
    response = staff_client.post(
        url("person_create", zone),
        {"first_name": "Wout", "last_name": "Proefkens", "email": "wout(at)example"},
    )
    assert response.status_code == 200
    assert "Geef een geldig e-mailadres, bijvoorbeeld naam@voorbeeld.be." in response.content.decode()
    assert Person.objects.for_zone(zone).count() == 0


def test_person_create_view_function_without_organisation(zone, staff_client):
    response = staff_client.post(
        url("person_create", zone),
        {"first_name": "Wout", "last_name": "Proefkens", "function": "coördinator"},
    )
    assert "Kies de organisatie waar deze functie bij hoort." in response.content.decode()
    assert Person.objects.for_zone(zone).count() == 0


def test_person_detail_page(zone, staff_client):
    org = make_org(zone, "CAW Proefland")
    old = make_org(zone, "Oude Werkgever vzw")
    person = make_person(zone, "Fien", "Proefhout", "fien@example.be")
    current = affiliate(person, org, "onthaalmedewerker")
    affiliate(person, old, "stagiair", start=dt.date(2019, 1, 1), end=dt.date(2019, 6, 30))
    html = staff_client.get(url("person_detail", zone, pk=person.pk)).content.decode()
    assert "onthaalmedewerker" in html and "stagiair" in html
    assert f'action="{url("affiliation_end", zone, pk=current.pk)}"' in html
    assert html.count("beëindigen</button>") == 1  # only the current function
    assert f'action="{url("selfservice_send", zone, pk=person.pk)}"' in html
    assert "Zelfservicelink versturen" in html
    for name in ("person_edit", "person_archive", "person_merge", "affiliation_add"):
        assert url(name, zone, pk=person.pk) in html
    assert "Geschiedenis" in html


def test_person_edit_view_audits(zone, staff_client):
    person = make_person(zone, "Fien", "Proefhout", "fien@example.be")
    response = staff_client.post(
        url("person_edit", zone, pk=person.pk),
        {"first_name": "Fien", "last_name": "Proefhout-Test", "email": "fien@example.be", "phone": ""},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_name == "Proefhout-Test"
    [entry] = audit_rows(zone, person)
    assert entry.changes == {"last_name": ["Proefhout", "Proefhout-Test"]}


def test_person_edit_view_invalid_email_changes_nothing(zone, staff_client):
    person = make_person(zone, "Fien", "Proefhout", "fien@example.be")
    response = staff_client.post(
        url("person_edit", zone, pk=person.pk),
        {"first_name": "Fien", "last_name": "Anders", "email": "geen-adres"},
    )
    assert "Geef een geldig e-mailadres" in response.content.decode()
    person.refresh_from_db()
    assert (person.last_name, person.email) == ("Proefhout", "fien@example.be")
    assert audit_rows(zone, person) == []


def test_person_archive_confirm_then_archive(zone, staff_client):
    person = make_person(zone, "Fien", "Proefhout")
    html = staff_client.get(url("person_archive", zone, pk=person.pk)).content.decode()
    assert "Wil je Fien Proefhout archiveren?" in html
    person.refresh_from_db()
    assert not person.is_archived
    response = staff_client.post(url("person_archive", zone, pk=person.pk), follow=True)
    assert "Fien Proefhout is gearchiveerd." in response.content.decode()
    person.refresh_from_db()
    assert person.is_archived and person.archived_at is not None


def test_person_pages_are_404_across_zones(zone, other_zone, staff_client):
    foreign = make_person(other_zone, "Zeno", "Zennproef")
    for name in ("person_detail", "person_edit", "person_archive", "person_merge", "affiliation_add"):
        assert staff_client.get(url(name, zone, pk=foreign.pk)).status_code == 404, name
    assert staff_client.post(url("person_archive", zone, pk=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert not foreign.is_archived


def test_person_pages_need_staff(zone, client_as):
    person = make_person(zone)
    assert client_as("member").get(url("person_detail", zone, pk=person.pk)).status_code == 403
    assert client_as("other_staff").get(url("person_list", zone)).status_code == 403
    assert Affiliation.objects.for_zone(zone).count() == 0
