"""Giving a person of the directory an account in a zone, and taking it back.

An account is reached only through its own mailbox (login by e-mailed code; an address is changed
only after the new one is verified). So staff may create an account for an address that has none,
but an address that already has an account (perhaps another zone's, perhaps the platform admin's)
is never attached by staff: its owner gets an invitation with a signed link and accepts it while
logged in with that address. Every role change ends the account's sessions (accounts/sessions.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from zorgraad.core import audit
from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from . import selectors, sessions
from .models import AccessInvitation, Role, User, ZoneRole

GRANTABLE = [Role.PARTNER, Role.MEMBER, Role.SECRETARY, Role.STAFF]
WRONG_ACCOUNT = (
    "Deze uitnodiging is voor een ander e-mailadres dan dat van je account. Meld je af en meld je "
    "aan met het e-mailadres waarop je de uitnodiging kreeg."
)


def invitation_days() -> int:
    return int(getattr(settings, "ZORGRAAD_INVITATION_DAYS", 14))


def account_for_address(email: str) -> User | None:
    """The account that logs in with `email`, or that holds it as one of its addresses."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        user = address.user if address else None  # type: ignore[assignment]
    return user


def _locked_person(zone: Zone, person: Person) -> Person:
    if person.zone_id != zone.pk:
        raise ServiceError("Deze persoon hoort niet bij deze eerstelijnszone.")
    found = Person.objects.for_zone(zone).select_for_update().filter(pk=person.pk).first()
    if found is None:
        raise ServiceError("Deze persoon bestaat niet meer.")
    return found


def _mail(subject: str, body: str, email: str) -> None:
    def send() -> None:
        with translation.override("nl"):
            send_mail(subject, body, None, [email])

    transaction.on_commit(send)


def _mail_access(*, zone: Zone, actor: Any, person: Person, role: str, email: str, new_account: bool) -> None:
    login_url = settings.ZORGRAAD_BASE_URL + reverse("account_request_login_code")
    _mail(
        f"Je hebt toegang tot Zorgraad {zone.name}",
        (
            f"Dag {person.first_name},\n\n"
            f"{actor} gaf je toegang tot de werkplek van {zone.legal_name or zone.name} "
            f"als {Role(role).label}.\n\n"
            f"Aanmelden doe je met je e-mailadres {email}: vraag op {login_url} een code aan; "
            "die krijg je meteen per mail.\n"
            + ("Je kunt daarna zelf een wachtwoord kiezen.\n" if new_account else "")
            + "\nHeb je dit niet verwacht? Dan mag je deze mail negeren.\n"
        ),
        email,
    )


@transaction.atomic
def access_grant(*, zone: Zone, actor: Any, person: Person, role: str) -> ZoneRole | AccessInvitation:
    """Give `person` the role `role` in `zone`.

    - The person's own account (created for them, or attached when they accepted an invitation):
      the role is added.
    - No account for the person's address yet: the account is created (login by e-mailed code) and
      gets the role; only the owner of that mailbox can use it.
    - The address already has an account: an invitation is mailed; nothing is attached until the
      owner accepts it (`invitation_accept`).
    """
    if role not in GRANTABLE:
        raise ServiceError("Kies een geldige rol.")
    person = _locked_person(zone, person)
    if person.is_archived:
        raise ServiceError("Deze persoon is gearchiveerd: haal de persoon eerst uit het archief.")
    if not person.email:
        raise ServiceError(
            "Deze persoon heeft geen e-mailadres. Vul eerst een e-mailadres in: daarmee meldt de persoon zich aan."
        )
    email = person.email.strip().lower()
    label = str(Role(role).label)

    if person.user_id:
        user = person.user
        assert user is not None
        if user.email.lower() != email:
            raise ServiceError(
                "Deze persoon is al gekoppeld aan een account met een ander e-mailadres "
                f"({user.email}). Pas eerst het e-mailadres aan."
            )
        if ZoneRole.objects.filter(zone=zone, user=user, role=role).exists():
            raise ServiceError(f"{person} heeft deze rol al in {zone.name}.")
        zone_role = ZoneRole.objects.create(zone=zone, user=user, role=role)
        audit.record(
            zone=zone, actor=actor, action="access_granted", instance=person, changes={"rol": [None, label]}
        )
        sessions.end_sessions(user.pk)
        _mail_access(zone=zone, actor=actor, person=person, role=role, email=email, new_account=False)
        return zone_role

    existing = account_for_address(email)
    if existing is None:
        user = User.objects.create_user(email, None, first_name=person.first_name, last_name=person.last_name)
        zone_role = ZoneRole.objects.create(zone=zone, user=user, role=role)
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        audit.record(
            zone=zone, actor=actor, action="access_granted", instance=person, changes={"rol": [None, label]}
        )
        _mail_access(zone=zone, actor=actor, person=person, role=role, email=email, new_account=True)
        return zone_role

    if not existing.is_active:
        raise ServiceError(
            "Het account met dit e-mailadres is uitgeschakeld. Vraag de beheerder van het platform "
            "om het opnieuw aan te zetten, of gebruik een ander e-mailadres."
        )
    if selectors.pending_invitations(zone=zone, person=person).filter(role=role).exists():
        raise ServiceError(
            f"{person} heeft al een openstaande uitnodiging voor deze rol. Trek die eerst in als je "
            "een nieuwe wilt sturen."
        )
    invitation = AccessInvitation.objects.create(
        zone=zone,
        person=person,
        role=role,
        email=email,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        expires_at=timezone.now() + dt.timedelta(days=invitation_days()),
    )
    audit.record(
        zone=zone,
        actor=actor,
        action="access_invited",
        instance=person,
        changes={"uitnodiging": [None, f"{label}, geldig tot {invitation.expires_at:%Y-%m-%d}"]},
    )
    link = settings.ZORGRAAD_BASE_URL + reverse(
        "accounts:invitation_accept",
        kwargs={"zone": zone.slug, "token": selectors.invitation_token(invitation)},
    )
    with translation.override("nl"):
        until = formats.date_format(timezone.localtime(invitation.expires_at), "j F Y")
    _mail(
        f"Uitnodiging voor Zorgraad {zone.name}",
        (
            f"Dag {person.first_name},\n\n"
            f"{actor} nodigt je uit voor de werkplek van {zone.legal_name or zone.name} als {label}.\n\n"
            f"Je hebt al een account bij Zorgraad met het e-mailadres {email}. Open deze link, meld je "
            f"aan met dat e-mailadres en aanvaard de uitnodiging (de link is geldig tot {until}):\n\n"
            f"{link}\n\n"
            "Heb je dit niet verwacht? Dan mag je deze mail negeren: zonder jouw aanvaarding "
            "verandert er niets aan je account.\n"
        ),
        email,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, zone: Zone, user: Any, invitation: AccessInvitation) -> ZoneRole:
    """The logged-in owner of the invited address accepts: their account is attached and gets the role."""
    found = AccessInvitation.objects.for_zone(zone).select_for_update().filter(pk=invitation.pk).first()
    if found is None:
        raise ServiceError("Deze uitnodiging bestaat niet meer: ze werd ingetrokken.")
    invitation = found
    if invitation.accepted_at is not None:
        raise ServiceError("Deze uitnodiging is al aanvaard.")
    if invitation.expires_at <= timezone.now():
        raise ServiceError(
            "Deze uitnodiging is verlopen. Vraag de medewerker van de zorgraad om je opnieuw uit te nodigen."
        )
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise ServiceError(WRONG_ACCOUNT)
    verified = EmailAddress.objects.filter(user_id=user.pk, email__iexact=invitation.email, verified=True)
    if not verified.exists():
        raise ServiceError(WRONG_ACCOUNT)
    person = _locked_person(zone, invitation.person)
    if person.is_archived:
        raise ServiceError("Deze uitnodiging geldt niet meer: de persoon werd intussen gearchiveerd.")
    if (person.email or "").strip().lower() != invitation.email.lower():
        raise ServiceError(
            "Deze uitnodiging geldt niet meer: het e-mailadres van de persoon werd intussen gewijzigd."
        )
    if person.user_id and person.user_id != user.pk:
        raise ServiceError(
            "Deze uitnodiging geldt niet meer: de persoon is intussen aan een ander account gekoppeld."
        )
    zone_role, _ = ZoneRole.objects.get_or_create(zone=zone, user=user, role=invitation.role)
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit.record(
        zone=zone,
        actor=user,
        action="access_accepted",
        instance=person,
        changes={"rol": [None, str(Role(invitation.role).label)]},
    )
    sessions.end_sessions(user.pk)
    return zone_role


@transaction.atomic
def invitation_withdraw(*, zone: Zone, actor: Any, person: Person, invitation_id: int) -> None:
    person = _locked_person(zone, person)
    invitation = (
        AccessInvitation.objects.for_zone(zone)
        .select_for_update()
        .filter(pk=invitation_id, person=person, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        raise ServiceError("Deze uitnodiging staat niet (meer) open.")
    label = str(Role(invitation.role).label)
    invitation.delete()
    audit.record(
        zone=zone,
        actor=actor,
        action="access_invitation_withdrawn",
        instance=person,
        changes={"uitnodiging": [label, None]},
    )


@transaction.atomic
def access_revoke(*, zone: Zone, actor: Any, person: Person, role: str) -> None:
    if person.zone_id != zone.pk or not person.user_id:
        raise ServiceError("Deze persoon heeft geen account in deze eerstelijnszone.")
    if getattr(actor, "pk", None) == person.user_id and role == Role.STAFF:
        raise ServiceError("Je kunt je eigen rol als medewerker niet intrekken; vraag het aan een collega.")
    if role not in Role.values:
        raise ServiceError("Deze persoon heeft die rol niet (meer).")
    deleted, _ = ZoneRole.objects.filter(zone=zone, user_id=person.user_id, role=role).delete()
    if not deleted:
        raise ServiceError("Deze persoon heeft die rol niet (meer).")
    audit.record(
        zone=zone,
        actor=actor,
        action="access_revoked",
        instance=person,
        changes={"rol": [str(Role(role).label), None]},
    )
    sessions.end_sessions(person.user_id)
