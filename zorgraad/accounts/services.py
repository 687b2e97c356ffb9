"""Giving a person of the directory an account in a zone, and taking it back."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from zorgraad.core import audit
from zorgraad.network.models import Person
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from .models import Role, User, ZoneRole

GRANTABLE = [Role.PARTNER, Role.MEMBER, Role.SECRETARY, Role.STAFF]


@transaction.atomic
def access_grant(*, zone: Zone, actor: Any, person: Person, role: str) -> ZoneRole:
    """Give `person` the role `role` in `zone`; creates their account (login by e-mailed code) if needed."""
    if person.zone_id != zone.pk:
        raise ServiceError("Deze persoon hoort niet bij deze eerstelijnszone.")
    if role not in GRANTABLE:
        raise ServiceError("Kies een geldige rol.")
    if person.is_archived:
        raise ServiceError("Deze persoon is gearchiveerd: haal de persoon eerst uit het archief.")
    if not person.email:
        raise ServiceError(
            "Deze persoon heeft geen e-mailadres. Vul eerst een e-mailadres in: daarmee meldt de persoon zich aan."
        )
    email = person.email.strip().lower()
    if person.user_id and person.user and person.user.email.lower() != email:
        raise ServiceError(
            "Deze persoon is al gekoppeld aan een account met een ander e-mailadres "
            f"({person.user.email}). Pas eerst het e-mailadres aan."
        )
    user = User.objects.filter(email__iexact=email).first()
    created_user = user is None
    if user is None:
        user = User.objects.create_user(email, None, first_name=person.first_name, last_name=person.last_name)
    if ZoneRole.objects.filter(zone=zone, user=user, role=role).exists():
        raise ServiceError(f"{person} heeft deze rol al in {zone.name}.")
    zone_role = ZoneRole.objects.create(zone=zone, user=user, role=role)
    if person.user_id != user.pk:
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    audit.record(
        zone=zone,
        actor=actor,
        action="access_granted",
        instance=person,
        changes={"rol": [None, str(Role(role).label)]},
    )
    login_url = settings.ZORGRAAD_BASE_URL + reverse("account_request_login_code")

    def mail() -> None:
        with translation.override("nl"):
            send_mail(
                f"Je hebt toegang tot Zorgraad {zone.name}",
                (
                    f"Dag {person.first_name},\n\n"
                    f"{actor} gaf je toegang tot de werkplek van {zone.legal_name or zone.name} "
                    f"als {Role(role).label}.\n\n"
                    f"Aanmelden doe je met je e-mailadres {email}: vraag op {login_url} een code aan; "
                    "die krijg je meteen per mail.\n"
                    + ("Je kunt daarna zelf een wachtwoord kiezen.\n" if created_user else "")
                    + "\nHeb je dit niet verwacht? Dan mag je deze mail negeren.\n"
                ),
                None,
                [email],
            )

    transaction.on_commit(mail)
    return zone_role


@transaction.atomic
def access_revoke(*, zone: Zone, actor: Any, person: Person, role: str) -> None:
    if person.zone_id != zone.pk or not person.user_id:
        raise ServiceError("Deze persoon heeft geen account in deze eerstelijnszone.")
    if getattr(actor, "pk", None) == person.user_id and role == Role.STAFF:
        raise ServiceError("Je kunt je eigen rol als medewerker niet intrekken; vraag het aan een collega.")
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
