"""The demo part: invented subscribers and one sent edition with clicks, loaded once."""

from __future__ import annotations

from typing import Any

import pytest

from zorgraad.governance.tests import factories as gf
from zorgraad.newsletter import demo, selectors
from zorgraad.newsletter.models import Edition, EditionStatus, Subscriber

pytestmark = pytest.mark.django_db


def test_demo_has_subscribers_and_a_sent_edition_with_clicks_and_loads_once(zone: Any) -> None:
    gf.body(zone, name="Forum", slug="forum", is_open=True)
    demo.load({"amalo": zone})
    demo.load({"amalo": zone})
    assert Subscriber.objects.for_zone(zone).count() == len(demo.SUBSCRIBERS)
    assert all(s.email.endswith("@example.org") for s in Subscriber.objects.for_zone(zone))
    [edition] = Edition.objects.for_zone(zone)
    assert edition.status == EditionStatus.SENT
    clicks = selectors.clicks(zone=zone, edition=edition)
    assert clicks.total > 0 and clicks.per_block
    assert [e.pk for e in selectors.archive(zone=zone)] == [edition.pk]
