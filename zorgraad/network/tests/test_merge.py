"""Merging two people or two organisations: everything survives on the record that stays."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zorgraad.core import audit
from zorgraad.core.models import AuditEntry
from zorgraad.network import services
from zorgraad.network.models import Affiliation, Offer, Organisation, Person, SelfServiceLink
from zorgraad.network.services import merge

from .test_directory_helpers import (
    affiliate,
    audit_rows,
    cluster,
    make_offer,
    make_org,
    make_person,
    municipality,
    sector,
    url,
)

pytestmark = pytest.mark.django_db


def _link(person: Person) -> SelfServiceLink:
    return SelfServiceLink.objects.create(
        zone=person.zone, person=person, email=person.email or "x@example.be", expires_at=timezone.now()
    )


def _snapshot(zone) -> dict:
    return {
        "people": sorted(
            Person.objects.unscoped().values_list("pk", "first_name", "last_name", "email", "phone")
        ),
        "orgs": sorted(Organisation.objects.unscoped().values_list("pk", "name", "parent_id", "city")),
        "affiliations": sorted(
            Affiliation.objects.unscoped().values_list("pk", "person_id", "organisation_id")
        ),
        "offers": sorted(Offer.objects.unscoped().values_list("pk", "organisation_id")),
        "audit": sorted(AuditEntry.objects.unscoped().values_list("pk", "model", "object_id")),
    }


# --- people --------------------------------------------------------------------------------------


def test_person_merge_keeps_all_affiliations_links_and_history(zone, users):
    org1, org2 = make_org(zone, "CAW Proefland"), make_org(zone, "WZC Proefhof")
    keep = make_person(zone, "Lien", "Proefmaker", "")
    remove = make_person(zone, "Lien", "Proefmaeker", "lien@example.be", phone="0470 11 22 33")
    a1 = affiliate(keep, org1, "onthaal")
    a2 = affiliate(remove, org2, "directie")
    a3 = affiliate(remove, org1, "vroeger", start=dt.date(2019, 1, 1), end=dt.date(2020, 1, 1))
    link = _link(remove)
    services.person_update(zone=zone, actor=users["staff"], person=keep, data={"phone": "02 000 00 00"})
    services.person_update(zone=zone, actor=users["staff"], person=remove, data={"last_name": "Proefmaeker"})
    audit.record(zone=zone, actor=users["staff"], action="updated", instance=remove, changes={"x": [1, 2]})
    removed_pk = remove.pk

    result = merge.person_merge(zone=zone, actor=users["staff"], keep=keep, remove=remove)

    assert not Person.objects.for_zone(zone).filter(pk=removed_pk).exists()
    assert sorted(result.affiliations.values_list("pk", flat=True)) == sorted([a1.pk, a2.pk, a3.pk])
    link.refresh_from_db()
    assert link.person_id == keep.pk
    keep.refresh_from_db()
    assert keep.email == "lien@example.be"  # empty field filled
    assert keep.phone == "02 000 00 00"  # filled field kept
    assert "lien@example.be" in keep.search_text
    history = audit_rows(zone, keep)
    assert [e.action for e in history][0] == "merged"
    merged = history[0]
    assert merged.changes["merged_from"][0] == f"Lien Proefmaeker (#{removed_pk})"
    assert merged.changes["email"] == [None, "lien@example.be"]
    # the history of both records now belongs to the record that stays
    assert sorted(e.action for e in history) == ["merged", "updated", "updated"]
    assert not AuditEntry.objects.for_zone(zone).filter(model="person", object_id=removed_pk).exists()


def test_person_merge_with_itself_is_refused(zone, users):
    person = make_person(zone)
    with pytest.raises(services.ServiceError) as caught:
        merge.person_merge(zone=zone, actor=users["staff"], keep=person, remove=person)
    assert caught.value.messages == ["Een persoon kan niet met zichzelf samengevoegd worden."]
    assert Person.objects.for_zone(zone).count() == 1


def test_person_merge_across_zones_is_refused_and_changes_nothing(zone, other_zone, users):
    keep = make_person(zone, "Lien", "Proefmaker")
    remove = make_person(other_zone, "Lien", "Proefmaker", "lien@example.be")
    affiliate(remove, make_org(other_zone, "CAW Zennevallei"))
    _link(remove)
    before = _snapshot(zone)
    for zone_, a, b in ((zone, keep, remove), (zone, remove, keep), (other_zone, keep, remove)):
        with pytest.raises(services.ServiceError) as caught:
            merge.person_merge(zone=zone_, actor=users["staff"], keep=a, remove=b)
        assert caught.value.messages == ["Je kan enkel records van dezelfde eerstelijnszone samenvoegen."]
    assert _snapshot(zone) == before
    assert SelfServiceLink.objects.unscoped().get().person_id == remove.pk


def test_person_merge_view_compares_then_merges(zone, staff_client):
    org = make_org(zone, "CAW Proefland")
    keep = make_person(zone, "Lien", "Proefmaker", "lien@example.be")
    remove = make_person(zone, "Lien", "Proefmakers", "", phone="0470 99 88 77")
    affiliate(remove, org, "maatschappelijk werker")
    page = url("person_merge", zone, pk=keep.pk)
    html = staff_client.get(page).content.decode()
    # the look-alike is suggested and pre-selected for comparison
    assert "Mogelijke dubbels" in html
    assert "Vergelijking" in html and "0470 99 88 77" in html and "maatschappelijk werker" in html
    assert f'name="other" value="{remove.pk}"' in html
    assert url("person_merge", zone, pk=remove.pk) + f"?other={keep.pk}" in html  # swap direction
    assert Person.objects.for_zone(zone).count() == 2

    response = staff_client.post(page, {"other": remove.pk}, follow=True)
    assert response.redirect_chain[-1][0] == url("person_detail", zone, pk=keep.pk)
    assert "Lien Proefmakers is samengevoegd met Lien Proefmaker." in response.content.decode()
    assert list(Person.objects.for_zone(zone)) == [keep]
    assert Affiliation.objects.for_zone(zone).get().person_id == keep.pk


def test_person_merge_view_search(zone, staff_client):
    keep = make_person(zone, "Lien", "Proefmaker")
    other = make_person(zone, "Totaal", "Verschillend")
    html = staff_client.get(url("person_merge", zone, pk=keep.pk) + "?q=verschil").content.decode()
    assert f"?other={other.pk}" in html
    assert "Vergelijking" not in html


def test_person_merge_view_refuses_other_zone_and_itself(zone, other_zone, staff_client):
    keep = make_person(zone, "Lien", "Proefmaker")
    foreign = make_person(other_zone, "Lien", "Proefmaker")
    before = _snapshot(zone)
    for pk in (foreign.pk, keep.pk):
        response = staff_client.post(url("person_merge", zone, pk=keep.pk), {"other": pk})
        assert response.status_code == 200
        assert "Dit record bestaat niet (meer) in deze eerstelijnszone." in response.content.decode()
    html = staff_client.get(url("person_merge", zone, pk=keep.pk) + f"?other={foreign.pk}").content.decode()
    assert "Vergelijking" not in html
    assert _snapshot(zone) == before


# --- organisations --------------------------------------------------------------------------------


def test_organisation_merge_moves_everything(zone, users):
    asse, opwijk = municipality(zone, "Asse"), municipality(zone, "Opwijk")
    keep = make_org(zone, "CAW Proefland", clusters=[cluster("welzijn")], municipalities=[asse])
    remove = make_org(
        zone,
        "CAW Proefland vzw",
        sector=sector("caw"),
        city="Asse",
        clusters=[cluster("welzijn"), cluster("pzon")],
        municipalities=[opwijk],
    )
    child = make_org(zone, "CAW Proefland – jongerenpunt", parent=remove)
    person = make_person(zone)
    a_keep = affiliate(person, keep, "onthaal")
    a_remove = affiliate(make_person(zone, "Bo", "Proefdaal"), remove, "coördinator")
    offer = make_offer(remove, "Budgetbegeleiding")
    services.organisation_update(zone=zone, actor=users["staff"], organisation=remove, data={"phone": "02 1"})
    removed_pk = remove.pk

    result = merge.organisation_merge(zone=zone, actor=users["staff"], keep=keep, remove=remove)

    assert not Organisation.objects.for_zone(zone).filter(pk=removed_pk).exists()
    assert sorted(result.affiliations.values_list("pk", flat=True)) == sorted([a_keep.pk, a_remove.pk])
    offer.refresh_from_db()
    child.refresh_from_db()
    assert offer.organisation_id == keep.pk and child.parent_id == keep.pk
    keep.refresh_from_db()
    assert keep.sector == sector("caw") and keep.city == "Asse" and keep.phone == "02 1"
    assert sorted(c.code for c in keep.clusters.all()) == ["pzon", "welzijn"]
    assert sorted(m.name for m in keep.municipalities.all()) == ["Asse", "Opwijk"]
    history = audit_rows(zone, keep)
    assert history[0].action == "merged"
    assert history[0].changes["merged_from"][0] == f"CAW Proefland vzw (#{removed_pk})"
    assert "updated" in [e.action for e in history]  # remove's history came along


def test_organisation_merge_when_keep_hangs_under_remove(zone, users):
    top = make_org(zone, "Koepel Proef")
    remove = make_org(zone, "Proefcentrum", parent=top)
    keep = make_org(zone, "Proefcentrum Asse", parent=remove)
    merge.organisation_merge(zone=zone, actor=users["staff"], keep=keep, remove=remove)
    keep.refresh_from_db()
    assert keep.parent_id == top.pk


def test_organisation_merge_across_zones_is_refused_and_changes_nothing(zone, other_zone, users):
    keep = make_org(zone, "CAW Proefland")
    remove = make_org(other_zone, "CAW Proefland")
    affiliate(make_person(other_zone), remove)
    make_offer(remove)
    before = _snapshot(zone)
    with pytest.raises(services.ServiceError) as caught:
        merge.organisation_merge(zone=zone, actor=users["staff"], keep=keep, remove=remove)
    assert caught.value.messages == ["Je kan enkel records van dezelfde eerstelijnszone samenvoegen."]
    with pytest.raises(services.ServiceError) as caught:
        merge.organisation_merge(zone=zone, actor=users["staff"], keep=keep, remove=keep)
    assert caught.value.messages == ["Een organisatie kan niet met zichzelf samengevoegd worden."]
    assert _snapshot(zone) == before


def test_organisation_merge_view(zone, staff_client):
    keep = make_org(zone, "Woonzorgcentrum Klaproos")
    remove = make_org(
        zone, "WZC Klaproos", short_name="Woonzorgcentrum Klaproos", website="https://klaproos.example.be"
    )
    make_offer(remove, "Dagverzorging")
    page = url("organisation_merge", zone, pk=keep.pk)
    html = staff_client.get(page).content.decode()
    assert "https://klaproos.example.be" in html and "Vergelijking" in html
    response = staff_client.post(page, {"other": remove.pk}, follow=True)
    assert "WZC Klaproos is samengevoegd met Woonzorgcentrum Klaproos." in response.content.decode()
    assert list(Organisation.objects.for_zone(zone)) == [keep]
    assert Offer.objects.for_zone(zone).get().organisation_id == keep.pk


def test_organisation_merge_view_refuses_other_zone(zone, other_zone, staff_client):
    keep = make_org(zone, "CAW Proefland")
    foreign = make_org(other_zone, "CAW Proefland")
    before = _snapshot(zone)
    response = staff_client.post(url("organisation_merge", zone, pk=keep.pk), {"other": foreign.pk})
    assert "Dit record bestaat niet (meer) in deze eerstelijnszone." in response.content.decode()
    assert _snapshot(zone) == before


# --- records of other apps that point at a person or organisation ---------------------------------


def _body_and_meeting(zone):
    from django.apps import apps

    body_model = apps.get_model("governance", "Body")
    meeting_model = apps.get_model("meetings", "Meeting")
    body = body_model.objects.create(
        zone=zone, name="Proefwerkgroep", slug="proefwerkgroep", kind="werkgroep"
    )
    meeting = meeting_model.objects.create(
        zone=zone, body=body, date=dt.date(2026, 5, 5), start_time=dt.time(13, 30), end_time=dt.time(15, 0)
    )
    return body, meeting


def test_person_merge_moves_records_of_other_apps(zone, users):
    from django.apps import apps

    membership_model = apps.get_model("governance", "Membership")
    attendance_model = apps.get_model("meetings", "Attendance")
    body, meeting = _body_and_meeting(zone)
    keep, remove = make_person(zone, "Lien", "Proefmaker"), make_person(zone, "Lien", "Proefmakers")
    org = make_org(zone, "CAW Proefland")
    membership = membership_model.objects.create(zone=zone, body=body, person=remove, organisation=org)
    attendance = attendance_model.objects.create(zone=zone, meeting=meeting, person=remove, organisation=org)
    merge.person_merge(zone=zone, actor=users["staff"], keep=keep, remove=remove)
    membership.refresh_from_db()
    attendance.refresh_from_db()
    assert membership.person_id == keep.pk and attendance.person_id == keep.pk


def test_organisation_merge_moves_hidden_relations_of_other_apps(zone, users):
    """Attendance.organisation has related_name='+': it must move too, not be nulled by the delete."""
    from django.apps import apps

    attendance_model = apps.get_model("meetings", "Attendance")
    _body, meeting = _body_and_meeting(zone)
    keep, remove = make_org(zone, "CAW Proefland"), make_org(zone, "CAW Proefland vzw")
    attendance = attendance_model.objects.create(
        zone=zone, meeting=meeting, person=make_person(zone), organisation=remove
    )
    merge.organisation_merge(zone=zone, actor=users["staff"], keep=keep, remove=remove)
    attendance.refresh_from_db()
    assert attendance.organisation_id == keep.pk


def test_person_merge_refused_when_a_unique_rule_of_another_app_would_break(zone, users):
    from django.apps import apps

    attendance_model = apps.get_model("meetings", "Attendance")
    _body, meeting = _body_and_meeting(zone)
    keep, remove = make_person(zone, "Lien", "Proefmaker"), make_person(zone, "Lien", "Proefmakers")
    affiliate(remove, make_org(zone))
    attendance_model.objects.create(zone=zone, meeting=meeting, person=keep)
    attendance_model.objects.create(zone=zone, meeting=meeting, person=remove)
    before = _snapshot(zone)
    with pytest.raises(services.ServiceError) as caught:
        merge.person_merge(zone=zone, actor=users["staff"], keep=keep, remove=remove)
    assert caught.value.messages[0].startswith("Samenvoegen lukt niet: beide records komen samen voor in ")
    assert _snapshot(zone) == before
    assert sorted(attendance_model.objects.for_zone(zone).values_list("person_id", flat=True)) == sorted(
        [keep.pk, remove.pk]
    )
