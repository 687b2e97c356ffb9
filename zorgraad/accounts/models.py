from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from zorgraad.core.scoping import ZoneOwned


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("E-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        mark_address_verified(user)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """An account. People log in with their e-mail address; there is no username."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mailadres"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []  # type: ignore[misc]

    # Raised to end every session of the account at its next request (see accounts/sessions.py).
    session_version = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()  # type: ignore[misc,assignment]

    def __str__(self) -> str:
        full = self.get_full_name()
        return full or self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's hash of the password, plus the session version once it was raised.

        Django's AuthenticationMiddleware compares this hash with the one stored in the session and
        ends a session that no longer matches: raising `session_version` logs the account out
        everywhere, whatever the session backend. Version 0 gives Django's own hash, so no session
        ended when this field was added.
        """
        if not self.session_version:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc,no-any-return]
        return salted_hmac(
            "zorgraad.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


def mark_address_verified(user: User) -> None:
    """The account's login address counts as verified, and is its only primary address.

    Accounts are made by zone staff or the platform admin for a person's known address, and are
    reached only through that mailbox (login by e-mailed code). allauth must see that address as
    verified: otherwise an unverified address the user adds could be made primary (allauth allows
    that while no address is verified), and mandatory verification would stop the password login.
    """
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).filter(primary=True).update(
        primary=False
    )
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    elif not (address.verified and address.primary):
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])


class Role(models.TextChoices):
    STAFF = "staff", _("medewerker zorgraad")
    SECRETARY = "secretary", _("secretaris van een overlegorgaan")
    MEMBER = "member", _("lid van een overlegorgaan")
    PARTNER = "partner", _("partnergebruiker")


class ZoneRole(models.Model):
    """What a user may do in one zone. A user can hold roles in several zones."""

    zone = models.ForeignKey("zones.Zone", on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="zone_roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["zone", "user", "role"], name="zone_role_once")]
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.zone})"


class AccessInvitation(ZoneOwned):
    """A role in a zone offered to an address that already has an account.

    Staff cannot attach an existing account to a person of their zone: the account's owner gets a
    signed link by mail and accepts it while logged in with that address (accounts/services.py).
    """

    person = models.ForeignKey("network.Person", on_delete=models.CASCADE, related_name="access_invitations")
    role = models.CharField(max_length=20, choices=Role.choices)
    email = models.EmailField()
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["zone", "person", "accepted_at"], name="access_invitation_open")]
        verbose_name = _("uitnodiging voor toegang")
        verbose_name_plural = _("uitnodigingen voor toegang")

    def __str__(self) -> str:
        return f"uitnodiging {self.get_role_display()} voor {self.person}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
