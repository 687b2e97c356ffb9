"""Move the agenda subscriptions of open bodies (governance.Subscriber) into the newsletter's
subscribers: one subscriber per address per zone, an interest per body, and the consent as it was
given (time, wording, confirmation). governance's next migration drops the old table."""

from django.db import migrations


def forward(apps, schema_editor):
    Old = apps.get_model("governance", "Subscriber")
    Subscriber = apps.get_model("newsletter", "Subscriber")
    Interest = apps.get_model("newsletter", "Interest")
    Consent = apps.get_model("newsletter", "Consent")
    Person = apps.get_model("network", "Person")
    for old in Old.objects.all().order_by("pk").iterator():
        email = old.email.strip().lower()
        sub = Subscriber.objects.filter(zone_id=old.zone_id, email=email).first()
        if sub is None:
            person = (
                Person.objects.filter(zone_id=old.zone_id, email__iexact=email, is_archived=False).order_by("pk").first()
            )
            sub = Subscriber.objects.create(
                zone_id=old.zone_id,
                email=email,
                name=old.name,
                person=person,
                status="active",
                confirmed_at=old.confirmed_at or old.consent_at,
            )
        if not Interest.objects.filter(subscriber=sub, body_id=old.body_id).exists():
            Interest.objects.create(zone_id=old.zone_id, subscriber=sub, body_id=old.body_id)
        Consent.objects.create(
            zone_id=old.zone_id,
            subscriber=sub,
            given_at=old.consent_at,
            confirmed_at=old.confirmed_at,
            wording=old.consent_text,
            source="body",
            body_id=old.body_id,
        )


def backward(apps, schema_editor):
    Old = apps.get_model("governance", "Subscriber")
    Consent = apps.get_model("newsletter", "Consent")
    for consent in Consent.objects.filter(source="body", body__isnull=False).select_related("subscriber"):
        Old.objects.get_or_create(
            zone_id=consent.zone_id,
            body_id=consent.body_id,
            email=consent.subscriber.email,
            defaults={
                "name": consent.subscriber.name,
                "consent_at": consent.given_at,
                "consent_text": consent.wording[:300],
                "confirmed_at": consent.confirmed_at,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("governance", "0003_body_rule_excluded_months_body_rule_months"),
    ]

    operations = [migrations.RunPython(forward, backward)]
