"""A role for an address that already has an account: an invitation its owner accepts, never an attach.

Issue 14, findings 2 and 3: `access_grant` found an account by e-mail and attached it, so staff of
one zone could take another zone's account (or the platform admin) into their directory.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.accounts import services
from zorgraad.accounts.models import AccessInvitation, Role, ZoneRole
from zorgraad.core.models import AuditEntry
from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError

LINK = re.compile(r"http://testserver(/[\w-]+/toegang/uitnodiging/[^/\s]+/)")


def access_url(zone: Any, person: Person) -> str:
    return reverse("accounts:person_access", kwargs={"zone": zone.slug, "pk": person.pk})


@pytest.fixture
def invited(
    users: dict[str, Any],
    other_zone: Any,
    client_as: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> dict[str, Any]:
    """Zennevallei's staff give AMALO's partner user (an existing account) the member role."""
    person = Person.objects.create(
        zone=other_zone, first_name="Par", last_name="Tner", email="Partner@Amalo.test"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("other_staff").post(access_url(other_zone, person), {"role": Role.MEMBER})
    assert response.status_code == 302
    [mail] = mailoutbox
    link = LINK.search(mail.body)
    assert link, mail.body
    return {"person": person, "mail": mail, "link": link.group(1), "user": users["partner"]}


def _nothing_attached(invited: dict[str, Any], zone: Any) -> None:
    person = invited["person"]
    person.refresh_from_db()
    assert person.user_id is None
    assert not ZoneRole.objects.filter(zone=zone, user=invited["user"]).exists()


@pytest.mark.django_db
def test_a_role_for_an_existing_account_is_an_invitation_and_attaches_nothing(
    invited: dict[str, Any], other_zone: Any, client_as: Any
) -> None:
    _nothing_attached(invited, other_zone)
    mail = invited["mail"]
    assert mail.to == ["partner@amalo.test"] and "Uitnodiging" in mail.subject
    assert "Je hebt al een account" in mail.body
    [invitation] = AccessInvitation.objects.for_zone(other_zone).filter(person=invited["person"])
    assert (invitation.role, invitation.email, invitation.accepted_at) == (
        "member",
        "partner@amalo.test",
        None,
    )
    assert (
        AuditEntry.objects.for_zone(other_zone)
        .filter(action="access_invited", object_id=invited["person"].pk)
        .exists()
    )
    page = client_as("other_staff").get(access_url(other_zone, invited["person"])).content.decode()
    assert "Openstaande uitnodigingen" in page and "lid van een overlegorgaan" in page


@pytest.mark.django_db
def test_another_zones_staff_cannot_attach_the_platform_admin(
    users: dict[str, Any], other_zone: Any, client_as: Any, mailoutbox: list[Any]
) -> None:
    person = Person.objects.create(
        zone=other_zone, first_name="Plat", last_name="Form", email="admin@platform.test"
    )
    response = client_as("other_staff").post(access_url(other_zone, person), {"role": Role.STAFF})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.user_id is None
    assert not ZoneRole.objects.filter(user=users["admin"]).exists()
    # ... so the privacy export has no account to show either
    from zorgraad.network.services import privacy

    data = privacy.person_data_export(zone=other_zone, actor=users["other_staff"], person=person)
    assert data["account"] is None


@pytest.mark.django_db
def test_the_invited_account_accepts_and_only_then_gets_the_role(
    invited: dict[str, Any], other_zone: Any
) -> None:
    user = invited["user"]
    elsewhere = Client()
    elsewhere.force_login(user)
    browser = Client()
    browser.force_login(user)
    page = browser.get(invited["link"])
    assert page.status_code == 200
    assert "Uitnodiging aanvaarden" in page.content.decode()
    _nothing_attached(invited, other_zone)  # a GET changes nothing

    response = browser.post(invited["link"])

    assert response.status_code == 302
    person = invited["person"]
    person.refresh_from_db()
    assert person.user_id == user.pk
    assert ZoneRole.objects.filter(zone=other_zone, user=user, role=Role.MEMBER).exists()
    assert AccessInvitation.objects.for_zone(other_zone).get(person=person).accepted_at is not None
    assert (
        AuditEntry.objects.for_zone(other_zone).filter(action="access_accepted", object_id=person.pk).exists()
    )
    # this session stays logged in, the user's other sessions end
    assert not browser.get(reverse("home_redirect"))["Location"].startswith(reverse("account_login"))
    assert browser.session.get("_auth_user_id") == str(user.pk)
    assert elsewhere.get(reverse("home_redirect"))["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in elsewhere.session
    # the link works once
    again = browser.post(invited["link"])
    assert again.status_code == 410 and "al aanvaard" in again.content.decode()


@pytest.mark.django_db
def test_accepting_with_another_account_is_refused_in_dutch(
    invited: dict[str, Any], other_zone: Any, client_as: Any
) -> None:
    for role in ("member", "other_staff", "admin"):
        response = client_as(role).post(invited["link"])
        assert response.status_code == 403
        assert "Deze uitnodiging is voor een ander e-mailadres" in response.content.decode()
    anonymous = Client().post(invited["link"])
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("account_login"))
    _nothing_attached(invited, other_zone)


@pytest.mark.django_db
def test_tampered_expired_and_withdrawn_links_are_refused_in_dutch(
    invited: dict[str, Any], other_zone: Any, zone: Any
) -> None:
    browser = Client()
    browser.force_login(invited["user"])
    link = invited["link"]
    token = link.rstrip("/").rsplit("/", 1)[1]

    tampered = link.replace(token, token[:-2] + ("aa" if not token.endswith("aa") else "bb"))
    response = browser.post(tampered)
    assert response.status_code == 400 and "niet geldig" in response.content.decode()
    # the same token under another zone's address
    wrong_zone = reverse("accounts:invitation_accept", kwargs={"zone": zone.slug, "token": token})
    assert browser.post(wrong_zone).status_code == 400

    AccessInvitation.objects.for_zone(other_zone).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = browser.post(link)
    assert response.status_code == 410 and "verlopen" in response.content.decode()
    _nothing_attached(invited, other_zone)

    AccessInvitation.objects.for_zone(other_zone).update(expires_at=timezone.now() + dt.timedelta(days=1))
    invitation = AccessInvitation.objects.for_zone(other_zone).get()
    services.invitation_withdraw(
        zone=other_zone, actor=None, person=invited["person"], invitation_id=invitation.pk
    )
    response = browser.post(link)
    assert response.status_code == 400 and "niet geldig" in response.content.decode()
    _nothing_attached(invited, other_zone)


@pytest.mark.django_db
def test_staff_confirm_before_withdrawing_an_invitation(
    invited: dict[str, Any], other_zone: Any, client_as: Any
) -> None:
    staff = client_as("other_staff")
    invitation = AccessInvitation.objects.for_zone(other_zone).get()
    page = access_url(other_zone, invited["person"])
    html = staff.get(page).content.decode()
    assert f"?intrekken={invitation.pk}" in html
    confirm = staff.get(f"{page}?intrekken={invitation.pk}").content.decode()
    assert "Uitnodiging intrekken?" in confirm and f'name="withdraw" value="{invitation.pk}"' in confirm
    assert AccessInvitation.objects.for_zone(other_zone).exists()  # asking changes nothing

    response = staff.post(page, {"withdraw": invitation.pk})
    assert response.status_code == 302
    assert not AccessInvitation.objects.for_zone(other_zone).exists()
    assert AuditEntry.objects.for_zone(other_zone).filter(action="access_invitation_withdrawn").exists()
    again = staff.post(page, {"withdraw": invitation.pk})
    assert "Deze uitnodiging staat niet (meer) open." in again.content.decode()


@pytest.mark.django_db
def test_an_invitation_of_another_zone_cannot_be_withdrawn(
    invited: dict[str, Any], zone: Any, client_as: Any
) -> None:
    ours = Person.objects.create(zone=zone, first_name="On", last_name="Ze", email="onze@example.be")
    invitation = AccessInvitation.objects.unscoped().get()
    response = client_as("staff").post(access_url(zone, ours), {"withdraw": invitation.pk})
    assert "Deze uitnodiging staat niet (meer) open." in response.content.decode()
    assert AccessInvitation.objects.unscoped().filter(pk=invitation.pk).exists()


@pytest.mark.django_db
def test_a_second_invitation_for_the_same_role_is_refused(
    invited: dict[str, Any], other_zone: Any, users: dict[str, Any]
) -> None:
    with pytest.raises(ServiceError) as caught:
        services.access_grant(
            zone=other_zone, actor=users["other_staff"], person=invited["person"], role=Role.MEMBER
        )
    assert "al een openstaande uitnodiging" in caught.value.messages[0]
    assert AccessInvitation.objects.for_zone(other_zone).count() == 1


@pytest.mark.django_db
def test_an_invitation_dies_when_the_persons_address_changes(
    invited: dict[str, Any], other_zone: Any
) -> None:
    Person.objects.for_zone(other_zone).filter(pk=invited["person"].pk).update(email="ander@example.be")
    invitation = AccessInvitation.objects.for_zone(other_zone).get()
    with pytest.raises(ServiceError) as caught:
        services.invitation_accept(zone=other_zone, user=invited["user"], invitation=invitation)
    assert "het e-mailadres van de persoon werd intussen gewijzigd" in caught.value.messages[0]
    _nothing_attached(invited, other_zone)
