"""Demo accounts: one staff account per zone, a partner user, a member, a body secretary, a platform admin.

All share the password DEMO_PASSWORD. Staff get a TOTP authenticator with DEMO_TOTP_SECRET so the
MFA requirement can be switched on in the demo (see README).
"""

from __future__ import annotations

from allauth.mfa.models import Authenticator

from zorgraad.zones.models import Zone

from .models import Role, User, ZoneRole, mark_address_verified

DEMO_PASSWORD = "zorgraad-demo"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

ACCOUNTS = [
    # email, first, last, zone, role
    ("staf@amalo.zorgraad.test", "Lotte", "Demeester", "amalo", Role.STAFF),
    ("staf@zennevallei.zorgraad.test", "Bram", "Verhaegen", "zennevallei", Role.STAFF),
    ("staf@waasland.zorgraad.test", "Ines", "Van Wesemael", "waasland", Role.STAFF),
    ("secretaris@amalo.zorgraad.test", "Jonas", "Claeys", "amalo", Role.SECRETARY),
    ("lid@amalo.zorgraad.test", "Fien", "Goossens", "amalo", Role.MEMBER),
    ("partner@amalo.zorgraad.test", "Wout", "Mertens", "amalo", Role.PARTNER),
]


def ensure_totp(user: User) -> None:
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": DEMO_TOTP_SECRET}}
    )


def load(zones: dict[str, Zone]) -> dict[str, User]:
    users: dict[str, User] = {}
    admin = User.objects.filter(email="admin@zorgraad.test").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin@zorgraad.test", DEMO_PASSWORD, first_name="Platform", last_name="Beheerder"
        )
    mark_address_verified(admin)  # also for a database loaded before addresses were verified
    ensure_totp(admin)
    users["admin"] = admin
    for email, first, last, slug, role in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, first_name=first, last_name=last)
        mark_address_verified(user)
        ZoneRole.objects.get_or_create(zone=zones[slug], user=user, role=role)
        if role == Role.STAFF:
            ensure_totp(user)
        users[email] = user
    return users
