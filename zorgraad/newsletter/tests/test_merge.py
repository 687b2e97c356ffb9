"""The merge of governance's agenda subscriptions into the newsletter's subscribers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from zorgraad.governance.tests import factories as gf

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("governance", "0003_body_rule_excluded_months_body_rule_months"), ("newsletter", "0001_initial")]


def test_the_data_migration_moves_every_body_subscription(zones: Any) -> None:
    """Rows of governance.Subscriber become one subscriber per address with an interest and the consent
    per body, linked to the directory person with that address; backwards restores them."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Old = old_apps.get_model("governance", "Subscriber")
    Body = old_apps.get_model("governance", "Body")
    Person = old_apps.get_model("network", "Person")
    zone = zones["amalo"]
    a = Body.objects.create(zone_id=zone.pk, name="Forum", slug="forum", kind="forum", is_open=True)
    b = Body.objects.create(zone_id=zone.pk, name="Welzijn", slug="welzijn", kind="forum", is_open=True)
    person = Person.objects.create(
        zone_id=zone.pk, first_name="Ilse", last_name="Moens", email="ilse@example.org"
    )
    at = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)
    Old.objects.create(
        zone_id=zone.pk,
        body=a,
        email="ilse@example.org",
        name="Ilse",
        consent_at=at,
        consent_text="ja A",
        confirmed_at=at,
    )
    Old.objects.create(
        zone_id=zone.pk, body=b, email="ilse@example.org", name="Ilse", consent_at=at, consent_text="ja B"
    )
    Old.objects.create(
        zone_id=zone.pk, body=a, email="tom@example.org", name="", consent_at=at, consent_text="ja A"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    from zorgraad.newsletter.models import Consent, Interest, Subscriber

    subs = {s.email: s for s in Subscriber.objects.unscoped()}
    assert set(subs) == {"ilse@example.org", "tom@example.org"}
    assert subs["ilse@example.org"].person_id == person.pk and subs["ilse@example.org"].status == "active"
    assert sorted(
        Interest.objects.unscoped()
        .filter(subscriber=subs["ilse@example.org"])
        .values_list("body_id", flat=True)
    ) == sorted([a.pk, b.pk])
    assert sorted(Consent.objects.unscoped().values_list("wording", flat=True)) == ["ja A", "ja A", "ja B"]
    assert all(c.given_at == at and c.source == "body" for c in Consent.objects.unscoped())
    assert "governance_subscriber" not in connection.introspection.table_names()
    # the governance side now reads them through the registry
    from zorgraad.governance.models import Body as LiveBody

    body_a = LiveBody.objects.for_zone(zone).get(pk=a.pk)
    assert [s.email for s in gf.subscriptions(zone, body_a)] == ["ilse@example.org", "tom@example.org"]
