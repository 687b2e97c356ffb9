"""More of the action plan: chapters' time split, hostile input, partners by picker, hand values, panels."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.core.errors import ServiceError
from zorgraad.governance.tests import factories as gf
from zorgraad.planning import builtin_sources, services
from zorgraad.planning.models import ActionPartner, IndicatorValue, PlanChapter
from zorgraad.planning.tests.test_services import make_tree

pytestmark = pytest.mark.django_db


def url(name: str, **kw: Any) -> str:
    return reverse(f"planning:{name}", kwargs={"zone": "amalo", **kw})


def test_time_split_must_add_up_to_the_total(zone: Any) -> None:
    t = make_tree(zone)
    parts = [
        {"title": "Netwerkopbouw en onderhoud", "percent": 30},
        {"title": "Samenwerking en co-creatie", "percent": 20},
    ]
    with pytest.raises(ServiceError) as exc:
        services.chapter_create(
            zone=zone,
            actor=None,
            plan=t["plan"],
            title="Functioneren als netwerkorganisatie",
            items=parts,
            time_total_percent=60,
        )
    assert "tellen op tot 50%, niet tot het totaal van 60%" in str(exc.value)
    assert not PlanChapter.objects.for_zone(zone).exists()
    parts.append({"title": "Participatie en input", "percent": 10})
    ch = services.chapter_create(
        zone=zone,
        actor=None,
        plan=t["plan"],
        title="Functioneren als netwerkorganisatie",
        items=parts,
        time_total_percent=60,
    )
    assert [i["percent"] for i in ch.items] == [30, 20, 10]


def test_chapter_form_parses_lines(zone: Any, staff_client: Client) -> None:
    t = make_tree(zone)
    r = staff_client.post(
        url("chapter_create", pk=t["plan"].pk),
        {
            "title": "Functioneren als netwerkorganisatie",
            "kind": "network",
            "items": "Netwerkopbouw | 30\nSamenwerking | 20",
            "time_total_percent": "60",
        },
    )
    assert "niet tot het totaal van 60%" in r.content.decode()
    r = staff_client.post(
        url("chapter_create", pk=t["plan"].pk),
        {
            "title": "Functioneren als netwerkorganisatie",
            "kind": "network",
            "items": "Netwerkopbouw | 30\nSamenwerking | 30",
            "time_total_percent": "60",
        },
    )
    assert r.status_code == 302


@pytest.mark.parametrize("title", ["Actie\x00met nul", "x" * 400])
def test_action_form_refuses_control_characters_and_huge_titles(
    zone: Any, staff_client: Client, title: str
) -> None:
    t = make_tree(zone)
    r = staff_client.post(
        url("action_edit", pk=t["action"].pk),
        {"title": title, "lead_kind": "zone", "zone_role": "trekker", "evaluates_process": "on"},
    )
    assert r.status_code == 200 and 'class="errorlist' in r.content.decode()
    from zorgraad.planning.models import Action

    assert Action.objects.for_zone(zone).get(pk=t["action"].pk).title == "Zennevallei verbindt en inspireert"


def test_html_in_text_is_escaped(zone: Any, staff_client: Client) -> None:
    t = make_tree(zone)
    services.action_update(zone=zone, actor=None, action=t["action"], description="<script>alert(1)</script>")
    html = staff_client.get(url("action_detail", pk=t["action"].pk)).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_partner_by_picker_and_other_zone_refused(zone: Any, other_zone: Any, staff_client: Client) -> None:
    t = make_tree(zone)
    ours, theirs = (
        gf.organisation(zone, name="Buurthuis Ommekaar"),
        gf.organisation(other_zone, name="Elders vzw"),
    )
    r = staff_client.get(url("partner_add", pk=t["action"].pk) + "?organisation__zoek=ommekaar")
    assert (
        "Buurthuis Ommekaar" in r.content.decode()
        and "<select" not in r.content.decode().split("<main", 1)[1]
    )
    r = staff_client.post(url("partner_add", pk=t["action"].pk), {"organisation": theirs.pk, "group": "kern"})
    assert r.status_code == 200 and not ActionPartner.objects.for_zone(zone).exists()
    r = staff_client.post(
        url("partner_add", pk=t["action"].pk), {"organisation": ours.pk, "group": "kernpartners"}
    )
    assert r.status_code == 302
    r = staff_client.post(
        url("partner_add", pk=t["action"].pk), {"organisation": ours.pk, "group": "kernpartners"}
    )
    assert "is al partner van deze actie" in r.content.decode()
    link = ActionPartner.objects.for_zone(zone).get()
    assert staff_client.post(url("partner_remove", pk=t["action"].pk, link=link.pk)).status_code == 302
    assert not ActionPartner.objects.for_zone(zone).exists()


def test_hand_value_form_and_computed_indicator_refuses_hand_values(
    zone: Any, staff_client: Client, users: Any
) -> None:
    t = make_tree(zone)
    ind = services.indicator_create(zone=zone, actor=None, action=t["action"], name="Aanmeldingen")
    r = staff_client.post(url("value_add", pk=ind.pk), {"date": "2025-05-01", "value": "veel"})
    assert "Geef een getal." in r.content.decode()
    r = staff_client.post(url("value_add", pk=ind.pk), {"date": "2025-05-01", "value": "12,5"})
    assert r.status_code == 302
    value = IndicatorValue.objects.for_zone(zone).get()
    assert value.value == 12.5 and value.entered_by == users["staff"] and value.entered_by_label
    computed = services.indicator_create(
        zone=zone, actor=None, action=t["action"], name="Overleggen", source_key=builtin_sources.MEETINGS_HELD
    )
    r = staff_client.post(url("value_add", pk=computed.pk), {"date": "2025-05-01", "value": "3"})
    assert "wordt berekend" in r.content.decode()


def test_overdue_milestone_on_the_staff_home_and_challenge_hub(zone: Any, staff_client: Client) -> None:
    from zorgraad.challenges import services as challenge_services

    t = make_tree(zone)
    services.step_create(
        zone=zone,
        actor=None,
        action=t["action"],
        text="Kick-off event perinataal netwerk",
        is_milestone=True,
        due_date=dt.date(2025, 3, 1),
    )
    html = staff_client.get(reverse("zones:dashboard", kwargs={"zone": "amalo"})).content.decode()
    assert "Actieplan: mijlpalen over tijd" in html and "Kick-off event perinataal netwerk" in html
    challenge = challenge_services.challenge_create(zone=zone, actor=None, data={"title": "Verbinding"})
    services.action_update(zone=zone, actor=None, action=t["action"], challenges=[challenge])
    hub = staff_client.get(
        reverse("challenges:detail", kwargs={"zone": "amalo", "pk": challenge.pk})
    ).content.decode()
    assert "Acties uit het actieplan" in hub and "Zennevallei verbindt en inspireert" in hub


def test_plan_create_form_and_existing_year(zone: Any, staff_client: Client) -> None:
    r = staff_client.get(url("plan_create"))
    token = r.context["form_token"]
    r = staff_client.post(url("plan_create"), {"year": "2026", "status": "draft", "form_token": token})
    assert r.status_code == 302
    token = staff_client.get(url("plan_create")).context["form_token"]
    r = staff_client.post(url("plan_create"), {"year": "2026", "status": "draft", "form_token": token})
    assert "Er bestaat al een actieplan voor 2026" in r.content.decode()


def test_plan_and_objective_edit(zone: Any, staff_client: Client) -> None:
    from zorgraad.planning.models import StrategicObjective, YearPlan

    t = make_tree(zone)
    services.plan_create(zone=zone, actor=None, year=2026)
    r = staff_client.post(url("plan_edit", pk=t["plan"].pk), {"year": "2026", "status": "submitted"})
    assert "Er bestaat al een actieplan voor 2026" in r.content.decode()
    r = staff_client.post(
        url("plan_edit", pk=t["plan"].pk), {"year": "2025", "status": "submitted", "title": ""}
    )
    assert r.status_code == 302
    plan = YearPlan.objects.for_zone(zone).get(pk=t["plan"].pk)
    assert plan.status == "submitted" and plan.title == "Acties 2025"
    r = staff_client.post(
        url("objective_edit", kind="sd", pk=t["sd"].pk),
        {"label": "Strategische doelstelling 5", "text": "Open netwerk van leden"},
    )
    assert r.status_code == 302
    assert StrategicObjective.objects.for_zone(zone).get(pk=t["sd"].pk).text == "Open netwerk van leden"
    assert staff_client.get(url("objective_edit", kind="xx", pk=t["sd"].pk)).status_code == 404
