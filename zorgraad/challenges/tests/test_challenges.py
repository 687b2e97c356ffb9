"""Challenges: the services' rules, the staff and public pages, the hub panels and the demo."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.challenges import demo, services
from zorgraad.challenges.models import Challenge
from zorgraad.core.errors import ServiceError
from zorgraad.core.registry import Panel, challenge_panels
from zorgraad.governance.tests import factories as gf

pytestmark = pytest.mark.django_db


def _make(zone: Any, **data: Any) -> Challenge:
    return services.challenge_create(zone=zone, actor=None, data={"title": "Huisvesting", **data})


def test_create_and_update_keep_labels_as_written(zone: Any) -> None:
    c = _make(zone, number="3", short_label="Huisvesting", order=3)
    assert c.label == "3. Huisvesting"
    services.challenge_update(zone=zone, actor=None, challenge=c, data={"short_label": "Wonen"})
    assert Challenge.objects.for_zone(zone).get(pk=c.pk).label == "3. Wonen"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "   "}, "title"),
        ({"active_from": dt.date(2026, 5, 1), "active_until": dt.date(2026, 1, 1)}, "active_until"),
    ],
)
def test_bad_input_is_refused_in_dutch(zone: Any, data: dict[str, Any], field: str) -> None:
    with pytest.raises(ServiceError) as exc:
        _make(zone, **data)
    assert field in exc.value.message_dict
    assert Challenge.objects.for_zone(zone).count() == 0


def test_number_is_unique_per_zone_not_across_zones(zone: Any, other_zone: Any) -> None:
    _make(zone, number="1")
    with pytest.raises(ServiceError, match="al een uitdaging met nummer 1"):
        _make(zone, number="1")
    _make(other_zone, number="1")  # another zone numbers its own


def test_another_zones_body_is_refused(zone: Any, other_zone: Any) -> None:
    foreign = gf.body(other_zone, name="Vreemd overleg")
    with pytest.raises(ServiceError, match="hoort niet bij deze eerstelijnszone"):
        _make(zone, bodies=[foreign])
    assert Challenge.objects.for_zone(zone).count() == 0


def test_staff_create_edit_and_hub(zone: Any, staff_client: Client) -> None:
    body = gf.body(zone, name="Stuurgroep wonen")
    url = reverse("challenges:create", kwargs={"zone": zone.slug})
    response = staff_client.post(url, {"number": "3", "title": "Betaalbaar wonen", "bodies": [body.pk]})
    challenge = Challenge.objects.for_zone(zone).get()
    assert response.status_code == 302
    page = staff_client.get(reverse("challenges:detail", kwargs={"zone": zone.slug, "pk": challenge.pk}))
    assert "Betaalbaar wonen" in page.content.decode() and "Stuurgroep wonen" in page.content.decode()
    bad = staff_client.post(
        reverse("challenges:edit", kwargs={"zone": zone.slug, "pk": challenge.pk}),
        {"number": "3", "title": "Betaalbaar wonen", "title_extra": "", "description": "a\x00b"},
    )
    assert bad.status_code == 200 and "teken" in bad.content.decode()
    assert Challenge.objects.for_zone(zone).get().description == ""


def test_other_zone_challenge_is_not_found(zone: Any, other_zone: Any, client_as: Any) -> None:
    foreign = _make(other_zone, number="1")
    client = client_as("staff")
    for name in ("challenges:detail", "challenges:edit", "challenges:public_detail"):
        assert client.get(reverse(name, kwargs={"zone": zone.slug, "pk": foreign.pk})).status_code == 404


def test_hub_shows_panels_of_other_apps_and_tells_them_it_is_public(zone: Any, client: Client) -> None:
    challenge = _make(zone, number="2", title="Mentaal welzijn")
    seen: list[bool] = []

    def receiver(public: bool, **kwargs: Any) -> Panel | None:
        seen.append(public)
        return None if not public else Panel("x", "challenges/_test_panel.html")

    challenge_panels.connect(receiver, dispatch_uid="test-challenge-panel")
    try:
        page = client.get(reverse("challenges:public_detail", kwargs={"zone": zone.slug, "pk": challenge.pk}))
    finally:
        challenge_panels.disconnect(dispatch_uid="test-challenge-panel")
    assert seen == [True]
    assert "Mentaal welzijn" in page.content.decode()
    assert "panel-from-another-app" in page.content.decode()


def test_public_list_shows_only_active_challenges(zone: Any, client: Client) -> None:
    _make(zone, number="1", title="Loopt nog")
    _make(zone, number="2", title="Afgelopen", active_until=dt.date(2020, 1, 1))
    page = client.get(reverse("challenges:public_list", kwargs={"zone": zone.slug})).content.decode()
    assert "Loopt nog" in page and "Afgelopen" not in page


def test_demo_has_the_eleven_waasland_challenges(zones: dict[str, Any]) -> None:
    demo.load(zones)
    waasland = zones["waasland"]
    challenges = list(Challenge.objects.for_zone(waasland))
    assert [c.number for c in challenges] == [str(n) for n in range(1, 12)]
    # challenge 6 is not in the voting lists: no short label; 10 short labels in all
    assert sum(1 for c in challenges if c.short_label) == 10
    assert challenges[0].bodies.count() == 7
    assert Challenge.objects.for_zone(zones["amalo"]).count() == 0
