"""Every existing account's login address becomes its verified, primary allauth address.

Accounts were made by staff for a person's address and are reached through that mailbox, so the
login address is trusted. Unverified extra addresses (added under /accounts/email/ before an
address change needed verification) are dropped: from now on an address is stored only once
verified. Without this, mandatory verification would stop the password login of existing users.
"""

from django.db import migrations


def verify_login_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    for user in User.objects.all().only("pk", "email").iterator():
        if not user.email:
            continue
        EmailAddress.objects.filter(user_id=user.pk, verified=False).exclude(
            email__iexact=user.email
        ).delete()
        EmailAddress.objects.filter(user_id=user.pk, primary=True).exclude(email__iexact=user.email).update(
            primary=False
        )
        taken = (
            EmailAddress.objects.filter(email__iexact=user.email, verified=True)
            .exclude(user_id=user.pk)
            .exists()
        )
        if taken:
            continue  # another account verified this address: left to the platform admin
        own = EmailAddress.objects.filter(user_id=user.pk, email__iexact=user.email).first()
        if own is None:
            EmailAddress.objects.create(
                user_id=user.pk, email=user.email.lower(), verified=True, primary=True
            )
        elif not (own.verified and own.primary):
            own.verified = True
            own.primary = True
            own.save(update_fields=["verified", "primary"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_access_invitation_and_session_version"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(verify_login_addresses, migrations.RunPython.noop)]
