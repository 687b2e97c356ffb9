"""Privacy requests: export everything about one person (art. 15) and erase it (art. 17). People are invented."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.accounts.models import AccessInvitation, Role, User, ZoneRole
from zorgraad.core import audit
from zorgraad.core.models import AuditEntry
from zorgraad.events.models import Answer, Question, Registration
from zorgraad.events.tests.factories import make_event
from zorgraad.governance import services as governance
from zorgraad.governance.models import Candidacy, MandateCall, Membership
from zorgraad.governance.tests import factories
from zorgraad.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    FollowUp,
    MeetingStatus,
    PartnerRoundEntry,
)
from zorgraad.network import services
from zorgraad.network.models import Affiliation, ConfirmationRound, OfferProposal, Person, SelfServiceLink
from zorgraad.network.services import privacy
from zorgraad.newsletter.models import Status as SubscriberStatus
from zorgraad.newsletter.models import Subscriber
from zorgraad.signals.models import Signal

from .test_directory_helpers import make_org, url

pytestmark = pytest.mark.django_db

NAME = "Wannes Proefstraete"
OLD_NAME = "Wannes Proefstraat"
EMAIL = "wannes.proef@example.be"
PHONE = "0470 12 34 56"
OTHER_EMAIL = "anke.naast@example.be"


def _world(zone: Any, staff: Any, tag: str = "") -> dict[str, Any]:
    """A person with a trace in every app, next to another person of the same zone."""
    org = make_org(zone, f"Dienstencentrum De Proefhoeve{tag}")
    person = services.person_create(
        zone=zone,
        actor=staff,
        data={"first_name": "Wannes", "last_name": "Proefstraat", "email": EMAIL, "phone": PHONE},
    )
    person = services.person_update(zone=zone, actor=staff, person=person, data={"last_name": "Proefstraete"})
    other = services.person_create(
        zone=zone,
        actor=staff,
        data={"first_name": "Anke", "last_name": "Naastenbos", "email": OTHER_EMAIL},
    )
    services.affiliation_add(
        zone=zone, actor=staff, person=person, data={"organisation": org, "function": "thuisverpleegkundige"}
    )
    services.affiliation_add(
        zone=zone, actor=staff, person=other, data={"organisation": org, "function": "onthaal"}
    )
    body = factories.body(zone, name=f"Werkgroep proefzorg{tag}")
    governance.membership_add(zone=zone, actor=staff, body=body, data={"person": person, "organisation": org})
    governance.membership_add(zone=zone, actor=staff, body=body, data={"person": other})
    meeting = factories.meeting(body, dt.date(2025, 10, 9), status=MeetingStatus.HELD)
    for who, status in ((person, AttendanceStatus.PRESENT), (other, AttendanceStatus.EXCUSED)):
        Attendance.objects.create(zone=zone, meeting=meeting, person=who, status=status)
    # What the attendance service writes: the names are keys of the meeting's history.
    audit.record(
        zone=zone,
        actor=staff,
        action="attendance",
        instance=meeting,
        changes={NAME: ["invited", "present"], "Anke Naastenbos": ["invited", "excused"]},
    )
    item = AgendaItem.objects.create(
        zone=zone, meeting=meeting, order=1, title="Zorgpad dementie", presenter=person, presenter_text=NAME
    )
    FollowUp.objects.create(
        zone=zone, meeting=meeting, item=item, description="Folder nalezen", owner=person, owner_text=NAME
    )
    PartnerRoundEntry.objects.create(
        zone=zone, meeting=meeting, person=person, organisation=org, text="Infoavond mantelzorg op 12 mei"
    )

    Signal.objects.create(
        zone=zone,
        reference=f"SIG-2025-{Signal.objects.for_zone(zone).count() + 1:04d}",
        title="Wachtlijst thuisverpleging",
        source="partner_account",
        received_on=dt.date(2025, 10, 9),
        reporter_person=person,
        reporter_name=NAME,
    )
    OfferProposal.objects.create(
        zone=zone,
        organisation=org,
        is_new=True,
        proposer=person,
        proposer_name=NAME,
        changes={"title": "Praatcafé"},
    )
    call = MandateCall.objects.create(
        zone=zone,
        body=body,
        title=f"Vernieuwing werkgroep{tag}",
        deadline=dt.date(2030, 1, 1),
        mandate_start=dt.date(2030, 2, 1),
    )
    Candidacy.objects.create(
        zone=zone, call=call, person=person, motivation="Twintig jaar thuiszorg in de regio."
    )
    link = SelfServiceLink.objects.create(
        zone=zone,
        person=person,
        email=EMAIL,
        expires_at=timezone.now() + dt.timedelta(days=14),
        sent_by=staff,
    )
    audit.record(
        zone=zone,
        actor=staff,
        action="selfservice_link_sent",
        instance=person,
        changes={"zelfservicelink": [None, f"{EMAIL} (geldig tot 2030-01-01)"]},
    )
    open_body = factories.body(zone, name=f"Forum eerstelijn{tag}", is_open=True)
    subscriber = governance.subscriber_add(
        zone=zone, actor=None, body=open_body, email=EMAIL.upper(), consent_text="Ik wil de agenda krijgen."
    )
    governance.subscriber_add(
        zone=zone, actor=None, body=open_body, email=OTHER_EMAIL, consent_text="Ik wil de agenda krijgen."
    )
    ConfirmationRound.objects.create(
        zone=zone,
        failures=[
            {"person": person.pk, "name": NAME, "email": EMAIL, "reason": "550", "bounced": True},
            {
                "person": other.pk,
                "name": "Anke Naastenbos",
                "email": OTHER_EMAIL,
                "reason": "550",
                "bounced": True,
            },
        ],
    )
    # a past event the person registered for through their account, next to the other person
    event = make_event(zone, days=-30, title=f"Infoavond dementie{tag}")
    question = Question.objects.create(zone=zone, event=event, text="Dieetwensen?")
    registration = Registration.objects.create(
        zone=zone, event=event, person=person, name=NAME, email=EMAIL, status="attended"
    )
    Answer.objects.create(zone=zone, registration=registration, question=question, value="Vegetarisch")
    Registration.objects.create(
        zone=zone, event=event, person=other, name="Anke Naastenbos", email=OTHER_EMAIL, status="attended"
    )
    # an open invitation for a role (the address already had an account somewhere)
    invitation = AccessInvitation.objects.create(
        zone=zone,
        person=person,
        role=Role.MEMBER,
        email=EMAIL,
        created_by=staff,
        expires_at=timezone.now() + dt.timedelta(days=14),
    )
    return {
        "person": person,
        "other": other,
        "org": org,
        "body": body,
        "meeting": meeting,
        "link": link,
        "subscriber": subscriber,
        "invitation": invitation,
        "event": event,
        "registration": registration,
    }


@pytest.fixture
def world(zone: Any, users: dict[str, Any]) -> dict[str, Any]:
    return _world(zone, users["staff"])


def _everything(zone: Any) -> dict[str, Any]:
    """A fingerprint of all rows the privacy services could touch."""
    return {
        "people": sorted(
            Person.objects.unscoped().values_list(
                "pk", "first_name", "last_name", "email", "phone", "user_id", "is_archived"
            )
        ),
        "links": sorted(SelfServiceLink.objects.unscoped().values_list("pk", "person_id")),
        "subscribers": sorted(Subscriber.objects.unscoped().values_list("pk", "email")),
        "attendances": sorted(Attendance.objects.unscoped().values_list("pk", "person_id", "status")),
        "candidacies": sorted(Candidacy.objects.unscoped().values_list("pk", "motivation")),
        "audit": sorted(
            (pk, json.dumps(changes, sort_keys=True), repr_, label)
            for pk, changes, repr_, label in AuditEntry.objects.unscoped().values_list(
                "pk", "changes", "object_repr", "actor_label"
            )
        ),
        "rounds": sorted(
            (pk, json.dumps(f))
            for pk, f in ConfirmationRound.objects.unscoped().values_list("pk", "failures")
        ),
        "invitations": sorted(AccessInvitation.objects.unscoped().values_list("pk", "person_id", "email")),
        "accounts": sorted(
            User.objects.values_list("pk", "email", "first_name", "last_name", "is_active", "session_version")
        ),
        "roles": sorted(ZoneRole.objects.values_list("pk", "zone_id", "user_id", "role")),
    }


# --- export ---------------------------------------------------------------------------------------


def test_export_holds_data_of_every_app_and_nothing_of_anyone_else(zone, other_zone, users, world):
    person, other = world["person"], world["other"]
    user = User.objects.create_user(EMAIL, "geheim-wachtwoord-1")
    ZoneRole.objects.create(zone=zone, user=user, role=Role.MEMBER)
    ZoneRole.objects.create(zone=other_zone, user=user, role=Role.STAFF)
    Person.objects.for_zone(zone).filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    # the same human in another zone, with their own trace there
    elsewhere = _world(other_zone, users["other_staff"], tag=" Zenne")

    data = privacy.person_data_export(zone=zone, actor=users["staff"], person=person)

    assert data["person"]["first_name"] == "Wannes" and data["person"]["email"] == EMAIL
    assert data["account"]["email"] == EMAIL
    assert [r["role"] for r in data["account"]["roles"]] == ["member"]  # not the role in the other zone
    records = data["records"]
    assert [a["function"] for a in records["network.affiliation"]] == ["thuisverpleegkundige"]
    assert [m["body"] for m in records["governance.membership"]] == ["Werkgroep proefzorg"]
    assert [a["status"] for a in records["meetings.attendance"]] == ["present"]
    assert records["meetings.attendance"][0]["meeting"]["date"] == "2025-10-09"
    assert [c["motivation"] for c in records["governance.candidacy"]] == [
        "Twintig jaar thuiszorg in de regio."
    ]
    assert [f["description"] for f in records["meetings.followup"]] == ["Folder nalezen"]
    assert [i["title"] for i in records["meetings.agendaitem"]] == ["Zorgpad dementie"]
    assert [e["text"] for e in records["meetings.partnerroundentry"]] == ["Infoavond mantelzorg op 12 mei"]
    [link] = records["network.selfservicelink"]
    assert link["email"] == EMAIL and link["used_at"] is None and "token" not in link
    [subscription] = records["governance.subscriber"]
    assert (
        subscription["body"] == "Forum eerstelijn"
        and subscription["consent_text"] == "Ik wil de agenda krijgen."
    )
    assert subscription["consent_at"]
    assert [f["email"] for f in records["network.confirmationround"]] == [EMAIL]
    actions = [h["action"] for h in data["history"]]
    assert {"created", "updated", "affiliation_added", "membership_added", "selfservice_link_sent"} <= set(
        actions
    )
    assert any(h["changes"].get("last_name") == ["Proefstraat", "Proefstraete"] for h in data["history"])

    text = json.dumps(data, ensure_ascii=False)
    for foreign in ("Anke", "Naastenbos", OTHER_EMAIL, "onthaal", "Zenne"):
        assert foreign not in text, foreign
    others = {other.pk, elsewhere["person"].pk}
    assert {r["id"] for r in records["meetings.attendance"]}.isdisjoint(
        Attendance.objects.unscoped().filter(person__in=others).values_list("pk", flat=True)
    )
    # the export itself is on the record
    assert (
        AuditEntry.objects.for_zone(zone)
        .filter(model="person", object_id=person.pk, action="exported")
        .exists()
    )


def test_export_has_a_key_for_every_relation_to_person(zone, users, world):
    """Fails when a model with a foreign key to Person is added and the export does not cover it."""
    data = privacy.person_data_export(zone=zone, actor=users["staff"], person=world["person"])
    every = {
        f.related_model._meta.label_lower
        for f in Person._meta.get_fields(include_hidden=True)
        if f.is_relation and not f.concrete and not f.related_model._meta.auto_created
    }
    assert "meetings.partnerroundentry" in every  # hidden relations (related_name="+") count too
    assert every <= set(data["records"])
    for key in every:
        assert data["records"][key], f"{key}: the person's row is missing from the export"


def test_every_relation_to_person_has_a_readable_row_and_a_label():
    """A new relation to Person needs a decision: how to export it and what erasure does with it."""
    keys = {privacy.relation_key(rel) for rel in privacy.person_relations()}
    assert keys - set(privacy.ROW_BUILDERS) == set()
    assert keys - set(privacy.RELATION_LABELS) == set()


def test_export_view_downloads_utf8_json(zone, staff_client, world):
    person = world["person"]
    Person.objects.for_zone(zone).filter(pk=person.pk).update(first_name="Wannès")
    response = staff_client.get(url("person_data_export", zone, pk=person.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    today = timezone.localdate().strftime("%Y-%m-%d")
    assert response["Content-Disposition"] == f'attachment; filename="persoon-{person.pk}-{today}.json"'
    raw = response.content.decode("utf-8")
    assert '"first_name": "Wannès"' in raw  # ensure_ascii=False
    assert '\n  "person": {' in raw  # indent 2
    assert json.loads(raw)["person"]["id"] == person.pk


def test_person_page_links_to_export_and_erase(zone, staff_client, world):
    person = world["person"]
    html = staff_client.get(url("person_detail", zone, pk=person.pk)).content.decode()
    assert "Alle gegevens downloaden (JSON)" in html and url("person_data_export", zone, pk=person.pk) in html
    assert "Gegevens wissen…" in html and url("person_erase", zone, pk=person.pk) in html


# --- erasure --------------------------------------------------------------------------------------


def test_erase_anonymises_scrubs_history_and_keeps_counts(zone, users, world):
    person, other, meeting = world["person"], world["other"], world["meeting"]
    user = User.objects.create_user(EMAIL, "geheim-wachtwoord-1")
    Person.objects.for_zone(zone).filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    attendance_before = Attendance.objects.for_zone(zone).filter(meeting=meeting).count()
    memberships_before = Membership.objects.for_zone(zone).filter(body=world["body"]).count()

    privacy.person_erase(
        zone=zone, actor=users["staff"], person=person, reason="Verzoek per e-mail van 3 maart"
    )

    person.refresh_from_db()
    assert (person.first_name, person.last_name, person.email, person.phone) == ("Gewiste", "persoon", "", "")
    assert person.user_id is None and person.is_archived and person.archived_at
    assert "proef" not in person.search_text
    # what reports count stays, now pointing at the anonymous person
    assert Attendance.objects.for_zone(zone).filter(meeting=meeting).count() == attendance_before
    assert Attendance.objects.for_zone(zone).get(meeting=meeting, person=person).status == "present"
    assert Membership.objects.for_zone(zone).filter(body=world["body"]).count() == memberships_before
    assert Affiliation.objects.for_zone(zone).filter(person=person).count() == 1
    assert Candidacy.objects.for_zone(zone).get(person=person).motivation == ""
    assert AgendaItem.objects.for_zone(zone).get(presenter=person).presenter_text == "[gewist]"
    assert FollowUp.objects.for_zone(zone).get(owner=person).owner_text == "[gewist]"
    # deleted: the links and the subscription with their address; the other subscriber stays
    assert not SelfServiceLink.objects.for_zone(zone).exists()
    assert list(Subscriber.objects.for_zone(zone).values_list("email", flat=True)) == [OTHER_EMAIL]
    # the user account itself is not deleted
    assert User.objects.filter(pk=user.pk).exists()

    # the history: no name, e-mail or phone left anywhere in the zone's audit trail (old name too)
    trail = json.dumps(
        list(AuditEntry.objects.for_zone(zone).values_list("changes", "object_repr", "actor_label")),
        ensure_ascii=False,
    )
    for trace in (NAME, OLD_NAME, EMAIL, PHONE, "Proefstraat"):
        assert trace.lower() not in trail.lower(), trace
    # ... but the other person's are untouched
    assert "Anke Naastenbos" in trail and OTHER_EMAIL in trail
    updated = AuditEntry.objects.for_zone(zone).get(model="person", object_id=person.pk, action="updated")
    assert updated.changes == {"last_name": ["[gewist]", "[gewist]"]}
    created = AuditEntry.objects.for_zone(zone).get(model="person", object_id=person.pk, action="created")
    assert created.changes["first_name"] == [None, "[gewist]"]
    assert created.object_repr == "Gewiste persoon"
    attendance_entry = AuditEntry.objects.for_zone(zone).get(
        model="meeting", object_id=meeting.pk, action="attendance"
    )
    assert attendance_entry.changes == {
        "[gewist]": ["invited", "present"],
        "Anke Naastenbos": ["invited", "excused"],
    }
    failures = ConfirmationRound.objects.for_zone(zone).get().failures
    assert failures[0]["name"] == "[gewist]" and failures[0]["email"] == "[gewist]"
    assert failures[1]["email"] == OTHER_EMAIL
    # one 'erased' entry with the reason and no personal data
    erased = AuditEntry.objects.for_zone(zone).get(model="person", object_id=person.pk, action="erased")
    assert erased.changes["reden"] == [None, "Verzoek per e-mail van 3 maart"]
    assert "wannes" not in json.dumps(erased.changes).lower() and erased.object_repr == "Gewiste persoon"
    # the other person is untouched
    other.refresh_from_db()
    assert (other.first_name, other.email) == ("Anke", OTHER_EMAIL)


def test_erase_twice_is_refused_in_dutch_and_changes_nothing(zone, users, world):
    person = world["person"]
    privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Verzoek")
    before = _everything(zone)
    with pytest.raises(services.ServiceError) as caught:
        privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Nog eens")
    assert caught.value.messages == ["De gegevens van deze persoon zijn al gewist."]
    assert _everything(zone) == before


def test_erase_without_reason_is_refused_and_changes_nothing(zone, users, world):
    before = _everything(zone)
    with pytest.raises(services.ServiceError) as caught:
        privacy.person_erase(zone=zone, actor=users["staff"], person=world["person"], reason="   ")
    assert caught.value.messages == ["Geef de reden van het wissen op."]
    assert _everything(zone) == before


def test_services_refuse_a_person_of_another_zone(zone, other_zone, users, world):
    before = _everything(zone)
    for call in (
        lambda: privacy.person_erase(
            zone=other_zone, actor=users["other_staff"], person=world["person"], reason="x"
        ),
        lambda: privacy.person_data_export(
            zone=other_zone, actor=users["other_staff"], person=world["person"]
        ),
    ):
        with pytest.raises(services.ServiceError) as caught:
            call()
        assert caught.value.messages == ["Deze persoon hoort niet bij deze eerstelijnszone."]
    assert _everything(zone) == before


def test_erase_page_explains_and_erases(zone, staff_client, world):
    person = world["person"]
    page = url("person_erase", zone, pk=person.pk)
    html = staff_client.get(page).content.decode()
    assert "Wat gewist wordt" in html and "Wat bewaard blijft" in html
    assert "Aanwezigheden op vergaderingen: 1" in html and "Zelfservicelinks: 1" in html
    assert 'for="id_reason"' in html and 'for="id_confirm_name"' in html

    response = staff_client.post(
        page, {"reason": "Verzoek van de persoon", "confirm_name": " wannes  PROEFSTRAETE "}
    )
    assert response.status_code == 302
    assert response["Location"] == url("person_detail", zone, pk=person.pk)
    person.refresh_from_db()
    assert person.full_name == "Gewiste persoon"
    shown = staff_client.get(response["Location"]).content.decode()
    assert "De persoonsgegevens zijn gewist." in shown

    again = staff_client.get(page).content.decode()
    assert "De gegevens van deze persoon zijn al gewist." in again and "id_confirm_name" not in again


def test_erase_with_the_wrong_name_changes_nothing(zone, staff_client, world):
    person = world["person"]
    before = _everything(zone)
    response = staff_client.post(
        url("person_erase", zone, pk=person.pk), {"reason": "Verzoek", "confirm_name": "Anke Naastenbos"}
    )
    assert response.status_code == 200
    assert f"De naam komt niet overeen met {NAME}. Er is niets gewist." in response.content.decode()
    assert _everything(zone) == before


def test_erase_without_reason_in_the_form_changes_nothing(zone, staff_client, world):
    before = _everything(zone)
    response = staff_client.post(
        url("person_erase", zone, pk=world["person"].pk), {"reason": "", "confirm_name": NAME}
    )
    assert response.status_code == 200
    assert "Geef de reden van het wissen op." in response.content.decode()
    assert _everything(zone) == before


def test_a_person_of_another_zone_is_not_found(zone, other_zone, users, client_as):
    foreign = _world(other_zone, users["other_staff"], tag=" Zenne")["person"]
    before = _everything(zone)
    client = client_as("staff")
    assert client.get(url("person_data_export", zone, pk=foreign.pk)).status_code == 404
    assert client.get(url("person_erase", zone, pk=foreign.pk)).status_code == 404
    response = client.post(url("person_erase", zone, pk=foreign.pk), {"reason": "x", "confirm_name": NAME})
    assert response.status_code == 404
    assert _everything(zone) == before


@pytest.mark.parametrize("role", ["anonymous", "partner", "member", "secretary", "other_staff"])
def test_non_staff_cannot_erase_or_export(role, zone, client_as, world):
    person = world["person"]
    before = _everything(zone)
    client = client_as(role)
    response = client.post(url("person_erase", zone, pk=person.pk), {"reason": "x", "confirm_name": NAME})
    login = reverse("account_login")
    assert response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith(login)
    )
    export = client.get(url("person_data_export", zone, pk=person.pk))
    assert export.status_code in (302, 403) and "application/json" not in export.get("Content-Type", "")
    assert _everything(zone) == before


def test_a_relation_without_a_readable_row_is_still_exported_with_its_fields(world):
    """The safety net for a model that points at Person before it gets a readable row."""
    row = Attendance.objects.for_zone(world["person"].zone).get(person=world["person"])
    plain = privacy._plain_row(row)
    assert plain["status"] == "present" and plain["person"] == NAME and plain["is_guest"] is False
    assert "zone" not in plain


# --- the linked account (issue 14, findings 3 and 5) -----------------------------------------------


def _linked_account(zone: Any, person: Person, *roles: tuple[Any, str]) -> User:
    """An account for the person's address, linked to the person, with the given (zone, role)s."""
    user = User.objects.create_user(
        EMAIL, "geheim-wachtwoord-1", first_name="Wannes", last_name="Proefstraete"
    )
    for role_zone, role in roles:
        ZoneRole.objects.create(zone=role_zone, user=user, role=role)
    Person.objects.for_zone(zone).filter(pk=person.pk).update(user=user)
    person.refresh_from_db()
    return user


def _logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    assert not _sent_to_login(client)
    return client


def _sent_to_login(client: Client) -> bool:
    response = client.get(reverse("home_redirect"))
    return response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_export_shows_only_what_the_zone_holds_about_the_account(zone, other_zone, users, world):
    person = world["person"]
    user = _linked_account(zone, person, (zone, Role.PARTNER), (other_zone, Role.STAFF))
    User.objects.filter(pk=user.pk).update(last_login=timezone.now())

    data = privacy.person_data_export(zone=zone, actor=users["staff"], person=person)

    assert data["account"] == {
        "email": EMAIL,
        "roles": [
            {"role": "partner", "label": "partnergebruiker", "since": data["account"]["roles"][0]["since"]}
        ],
    }
    text = json.dumps(data)
    assert "date_joined" not in text and "last_login" not in text
    [invitation] = data["records"]["accounts.accessinvitation"]
    assert (
        invitation["role"] == "member" and invitation["email"] == EMAIL and invitation["accepted_at"] is None
    )
    assert "token" not in invitation


def test_erase_deactivates_and_anonymises_an_account_with_no_roles_elsewhere(
    zone, users, world, staff_client
):
    person = world["person"]
    user = _linked_account(zone, person, (zone, Role.PARTNER), (zone, Role.MEMBER))
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"})
    their_browser = _logged_in(user)
    page = url("person_erase", zone, pk=person.pk)
    html = staff_client.get(page).content.decode()
    assert "Het account wordt uitgeschakeld en geanonimiseerd" in html
    assert "partnergebruiker" in html and "lid van een overlegorgaan" in html

    response = staff_client.post(page, {"reason": "Verzoek van de persoon", "confirm_name": NAME})

    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("", "")
    assert user.email == f"gewist-{user.pk}@gewist.invalid"
    assert not ZoneRole.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not AccessInvitation.objects.unscoped().filter(person=person).exists()
    assert _sent_to_login(their_browser)  # their open session is over
    # the access page still works and shows no account and no invitation
    access = staff_client.get(reverse("accounts:person_access", kwargs={"zone": zone.slug, "pk": person.pk}))
    assert access.status_code == 200
    text = access.content.decode()
    assert "nog geen toegang" in text and "Openstaande uitnodigingen" not in text
    erased = AuditEntry.objects.for_zone(zone).get(model="person", object_id=person.pk, action="erased")
    assert "account uitgeschakeld" in erased.changes["account"][1]
    # the address is free again: staff can give the same address a new account later
    assert EMAIL not in json.dumps(list(User.objects.values_list("email", flat=True)))


def test_erase_only_detaches_an_account_with_roles_in_another_zone(
    zone, other_zone, users, world, staff_client
):
    person = world["person"]
    user = _linked_account(zone, person, (zone, Role.PARTNER), (other_zone, Role.MEMBER))
    their_browser = _logged_in(user)
    page = url("person_erase", zone, pk=person.pk)
    html = staff_client.get(page).content.decode()
    assert "Het account zelf blijft bestaan" in html

    staff_client.post(page, {"reason": "Verzoek van de persoon", "confirm_name": NAME})

    user.refresh_from_db()
    person.refresh_from_db()
    assert user.is_active and user.email == EMAIL and user.has_usable_password()
    assert person.user_id is None
    assert list(ZoneRole.objects.filter(user=user).values_list("zone_id", "role")) == [
        (other_zone.pk, "member")
    ]
    assert _sent_to_login(their_browser)  # roles changed: logged out everywhere
    assert "_auth_user_id" not in their_browser.session
    erased = AuditEntry.objects.for_zone(zone).get(model="person", object_id=person.pk, action="erased")
    assert "losgekoppeld" in erased.changes["account"][1]


def test_erase_never_deactivates_a_platform_admin(zone, users, world):
    person = world["person"]
    admin = users["admin"]
    Person.objects.for_zone(zone).filter(pk=person.pk).update(user=admin)
    person.refresh_from_db()
    privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Verzoek")
    admin.refresh_from_db()
    assert admin.is_active and admin.email == "admin@platform.test" and admin.has_usable_password()


def test_staff_cannot_erase_their_own_record(zone, users, world):
    person = world["person"]
    Person.objects.for_zone(zone).filter(pk=person.pk).update(user=users["staff"])
    person.refresh_from_db()
    before = _everything(zone)
    with pytest.raises(services.ServiceError) as caught:
        privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Verzoek")
    assert caught.value.messages == ["Je kunt je eigen gegevens niet wissen: vraag het aan een collega."]
    assert _everything(zone) == before


# --- rows found by the person's address (events, signals, newsletter register them) ----------------

ADDR = "lotte.adresveld@example.be"


def _address_traces(zone: Any, tag: str = "") -> dict[str, Any]:
    """An event registration, a signal and a newsletter subscription made with ADDR, none linked
    to a person record."""
    event = make_event(zone, days=-20, title=f"Vorming valpreventie{tag}")
    question = Question.objects.create(zone=zone, event=event, text="Welke workshop?")
    registration = Registration.objects.create(
        zone=zone, event=event, name="Lotte Adresveld", email=ADDR.upper(), status="attended"
    )
    Answer.objects.create(zone=zone, registration=registration, question=question, value="Lotte kiest B")
    stranger = Registration.objects.create(
        zone=zone, event=event, name="Bram Buurman", email="bram.buurman@example.be", status="attended"
    )
    signal = Signal.objects.create(
        zone=zone,
        reference=f"SIG-2025-{Signal.objects.for_zone(zone).count() + 1:04d}",
        title="Geen vervoer naar het dagcentrum",
        description="Gemeld door Lotte Adresveld",
        source="website",
        received_on=dt.date(2025, 11, 3),
        reporter_name="Lotte Adresveld",
        contact_email=ADDR,
        follow_up=True,
        follow_up_consent_at=timezone.now(),
    )
    subscriber = Subscriber.objects.create(
        zone=zone, email=ADDR, name="Lotte Adresveld", status=SubscriberStatus.ACTIVE
    )
    return {
        "registration": registration,
        "stranger": stranger,
        "signal": signal,
        "subscriber": subscriber,
    }


@pytest.fixture
def by_address(zone, other_zone, users):
    person = services.person_create(
        zone=zone, actor=users["staff"], data={"first_name": "Lotte", "last_name": "Adresveld", "email": ADDR}
    )
    here = _address_traces(zone)
    # the same address in another zone: never the concern of this zone's erasure
    services.person_create(
        zone=other_zone,
        actor=users["other_staff"],
        data={"first_name": "Lotte", "last_name": "Adresveld", "email": ADDR},
    )
    _address_traces(other_zone, tag=" Zenne")
    return {"person": person, **here}


def test_export_finds_registration_signal_and_subscriber_by_address(zone, other_zone, users, by_address):
    data = privacy.person_data_export(zone=zone, actor=users["staff"], person=by_address["person"])
    records = data["records"]
    [registration] = records["events.registration"]
    assert registration["id"] == by_address["registration"].pk
    assert registration["event"] == "Vorming valpreventie" and registration["email"] == ADDR.upper()
    assert registration["answers"] == [{"question": "Welke workshop?", "answer": "Lotte kiest B"}]
    assert "token" not in registration
    [signal] = records["signals.signal"]
    assert signal["contact_email"] == ADDR and signal["follow_up"] is True
    [subscriber] = records["newsletter.subscriber"]
    assert subscriber["email"] == ADDR and subscriber["id"] == by_address["subscriber"].pk
    text = json.dumps(data, ensure_ascii=False)
    assert "Zenne" not in text and "Bram" not in text


def test_erase_scrubs_registration_and_signal_found_by_address_and_deletes_subscriber(
    zone, other_zone, users, by_address
):
    other_zone_before = {
        "registrations": sorted(
            Registration.objects.for_zone(other_zone).values_list("pk", "name", "email", "token")
        ),
        "answers": sorted(Answer.objects.for_zone(other_zone).values_list("pk", "value")),
        "signals": sorted(
            Signal.objects.for_zone(other_zone).values_list("pk", "reporter_name", "contact_email")
        ),
        "subscribers": sorted(Subscriber.objects.for_zone(other_zone).values_list("pk", "email")),
    }
    old_token = by_address["registration"].token
    stranger_before = Registration.objects.for_zone(zone).filter(pk=by_address["stranger"].pk).values().get()

    privacy.person_erase(
        zone=zone, actor=users["staff"], person=by_address["person"], reason="Vraag per brief"
    )

    registration = Registration.objects.for_zone(zone).get(pk=by_address["registration"].pk)
    # kept for the counts (still attended), anonymous
    assert (registration.name, registration.email, registration.status) == (
        "Anonieme deelnemer",
        "",
        "attended",
    )
    assert registration.token != old_token
    assert list(
        Answer.objects.for_zone(zone).filter(registration=registration).values_list("value", flat=True)
    ) == [""]
    signal = Signal.objects.for_zone(zone).get(pk=by_address["signal"].pk)
    assert (signal.reporter_name, signal.contact_email, signal.follow_up, signal.follow_up_consent_at) == (
        "",
        "",
        False,
        None,
    )
    assert signal.description == "Gemeld door [gewist]" and signal.title == "Geen vervoer naar het dagcentrum"
    assert not Subscriber.objects.for_zone(zone).filter(email=ADDR).exists()
    # someone else's registration in the same zone and everything in the other zone: untouched
    assert Registration.objects.for_zone(zone).filter(pk=by_address["stranger"].pk).values().get() == (
        stranger_before
    )
    assert other_zone_before == {
        "registrations": sorted(
            Registration.objects.for_zone(other_zone).values_list("pk", "name", "email", "token")
        ),
        "answers": sorted(Answer.objects.for_zone(other_zone).values_list("pk", "value")),
        "signals": sorted(
            Signal.objects.for_zone(other_zone).values_list("pk", "reporter_name", "contact_email")
        ),
        "subscribers": sorted(Subscriber.objects.for_zone(other_zone).values_list("pk", "email")),
    }
    erased = AuditEntry.objects.for_zone(zone).get(
        model="person", object_id=by_address["person"].pk, action="erased"
    )
    assert "inschrijvingen op de nieuwsbrief" in erased.changes["verwijderd"][1]


def test_erase_preview_counts_rows_found_by_address(zone, by_address):
    preview = privacy.person_erase_preview(zone=zone, person=by_address["person"])
    kept = {item["label"]: item["count"] for item in preview["kept"]}
    deleted = {item["label"]: item["count"] for item in preview["deleted"]}
    assert kept["inschrijvingen voor activiteiten"] == 1 and kept["gemelde signalen"] == 1
    assert deleted["inschrijvingen op de nieuwsbrief"] == 1


def test_erase_then_export_shows_nothing_personal(zone, users, world, by_address):
    person = world["person"]
    registration = world["registration"]
    privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Verzoek")
    privacy.person_erase(zone=zone, actor=users["staff"], person=by_address["person"], reason="Verzoek")

    kept = Registration.objects.for_zone(zone).get(pk=registration.pk)
    assert (kept.person_id, kept.name, kept.email, kept.status) == (
        person.pk,
        "Anonieme deelnemer",
        "",
        "attended",
    )
    assert Answer.objects.for_zone(zone).get(registration=kept).value == ""
    assert Signal.objects.for_zone(zone).get(reporter_person=person).reporter_name == ""
    for who in (person, by_address["person"]):
        who.refresh_from_db()
        data = privacy.person_data_export(zone=zone, actor=users["staff"], person=who)
        text = json.dumps(data, ensure_ascii=False).lower()
        for trace in (NAME, OLD_NAME, EMAIL, PHONE, "Proefstraat", ADDR, "Lotte", "Adresveld", "Vegetarisch"):
            assert trace.lower() not in text, trace


def test_import_document_that_created_the_person_is_exported_and_scrubbed(zone, other_zone, users, world):
    from django.contrib.contenttypes.models import ContentType

    from zorgraad.importer.models import ImportedDocument, ImportedRecord

    person = world["person"]
    rows = [{"naam": NAME, "e-mail": EMAIL, "telefoon": PHONE}, {"naam": "Anke Naastenbos"}]
    document = ImportedDocument.objects.create(
        zone=zone,
        kind="contacts",
        status="imported",
        filename="contacten.xlsx",
        content=b"PK",
        extraction={"people": rows},
        rows=rows,
    )
    ImportedRecord.objects.create(
        zone=zone,
        document=document,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=person.pk,
    )
    # a document of another zone that happens to point at the same id: not this zone's
    elsewhere = ImportedDocument.objects.create(
        zone=other_zone, kind="contacts", filename="zenne.xlsx", content=b"PK", rows=rows
    )
    ImportedRecord.objects.create(
        zone=other_zone,
        document=elsewhere,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=person.pk,
    )

    data = privacy.person_data_export(zone=zone, actor=users["staff"], person=person)
    [exported] = data["records"]["importer.importeddocument"]
    assert exported["filename"] == "contacten.xlsx" and "content" not in exported

    privacy.person_erase(zone=zone, actor=users["staff"], person=person, reason="Verzoek")

    document.refresh_from_db()
    assert document.rows == [
        {"naam": "[gewist]", "e-mail": "[gewist]", "telefoon": "[gewist]"},
        {"naam": "Anke Naastenbos"},
    ]
    assert document.extraction == {"people": document.rows}
    elsewhere.refresh_from_db()
    assert elsewhere.rows == rows
