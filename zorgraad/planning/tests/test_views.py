"""Action plan pages: overview (query guard), action page, forms with Dutch errors, exports, copy and compare."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.governance.tests import factories as gf
from zorgraad.planning import builtin_sources, services
from zorgraad.planning.models import Action, Indicator, YearPlan
from zorgraad.planning.tests.test_services import make_tree

pytestmark = pytest.mark.django_db


def url(name: str, **kw: Any) -> str:
    return reverse(f"planning:{name}", kwargs={"zone": "amalo", **kw})


def _add_actions(zone: Any, od: Any, body: Any, n: int) -> None:
    for i in range(n):
        a = services.action_create(zone=zone, actor=None, objective=od, title=f"Actie {i}", bodies=[body])
        services.step_create(
            zone=zone, actor=None, action=a, text="Mijlpaal", is_milestone=True, due_date=dt.date(2025, 2, 1)
        )
        services.process_item_create(zone=zone, actor=None, action=a, text="Evaluatie", done=True)
        services.indicator_create(
            zone=zone,
            actor=None,
            action=a,
            name="Overleggen",
            comparator="gte",
            target=2,
            source_key=builtin_sources.MEETINGS_HELD,
        )
        services.indicator_create(
            zone=zone,
            actor=None,
            action=a,
            name="Aanwezigen",
            comparator="gte",
            target=3,
            scope="instance",
            source_key=builtin_sources.ATTENDEES,
        )
        services.indicator_create(
            zone=zone,
            actor=None,
            action=a,
            name="Partners",
            source_key=builtin_sources.ORGANISATIONS_PRESENT,
            object_ids=[body.pk],
        )
        ind = services.indicator_create(zone=zone, actor=None, action=a, name="Aanmeldingen")
        services.indicator_value_add(zone=zone, actor=None, indicator=ind, date=dt.date(2025, 3, 1), value=4)


def test_overview_queries_do_not_grow_with_actions(
    zone: Any, staff_client: Client, django_assert_max_num_queries: Any
) -> None:
    t = make_tree(zone)
    body = gf.body(zone)
    m = gf.meeting(body, dt.date(2025, 3, 3), status="held")
    services.action_update(zone=zone, actor=None, action=t["action"], bodies=[body])
    _add_actions(zone, t["od"], body, 1)
    staff_client.get(url("plan_detail", pk=t["plan"].pk))  # warm: sessions, last values stored
    with django_assert_max_num_queries(40) as few:
        assert staff_client.get(url("plan_detail", pk=t["plan"].pk)).status_code == 200
    one_action = len(few)
    _add_actions(zone, t["od"], body, 15)
    sd2 = services.objective_create(
        zone=zone, actor=None, plan=t["plan"], label="Strategische doelstelling 2", text="Meer"
    )
    od2 = services.operational_objective_create(
        zone=zone, actor=None, strategic=sd2, label="Operationele doelstelling 1", text="x"
    )
    _add_actions(zone, od2, body, 5)
    staff_client.get(url("plan_detail", pk=t["plan"].pk))
    with django_assert_max_num_queries(one_action):
        response = staff_client.get(url("plan_detail", pk=t["plan"].pk))
    assert response.status_code == 200 and m.pk


def test_action_page_shows_template_sections_and_values(zone: Any, staff_client: Client) -> None:
    t = make_tree(zone)
    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=t["action"],
        name="Aanwezigen netwerkevent",
        comparator="gte",
        target=40,
        unit="deelnemers",
    )
    services.indicator_value_add(zone=zone, actor=None, indicator=ind, date=dt.date(2025, 3, 31), value=45)
    html = staff_client.get(url("action_detail", pk=t["action"].pk)).content.decode()
    for heading in ("Wat?", "Waarom?", "Voor wie?", "Met wie?", "Hoe?", "Evaluatie", "☒ Procesevaluatie"):
        assert heading in html
    assert "≥ 40 deelnemers" in html and "45" in html and "streefdoel gehaald" in html


def test_action_form_refuses_no_evaluation_kind_in_dutch(zone: Any, staff_client: Client) -> None:
    t = make_tree(zone)
    response = staff_client.post(
        url("action_edit", pk=t["action"].pk),
        {"title": "Nieuwe titel", "lead_kind": "zone", "zone_role": "trekker"},
    )
    assert response.status_code == 200
    assert "Selecteer minstens één manier van evaluatie" in response.content.decode()
    assert Action.objects.for_zone(zone).get(pk=t["action"].pk).title == "Zennevallei verbindt en inspireert"


def test_indicator_form_target_without_number_and_other_zone_body(
    zone: Any, other_zone: Any, staff_client: Client
) -> None:
    t = make_tree(zone)
    r = staff_client.post(
        url("indicator_create", pk=t["action"].pk),
        {"name": "Aanwezigen", "kind": "number", "comparator": "gte", "scope": "period"},
    )
    assert "Een streefdoel heeft een getal nodig" in r.content.decode()
    foreign = gf.body(other_zone)
    r = staff_client.post(
        url("indicator_create", pk=t["action"].pk),
        {
            "name": "Aanwezigen",
            "kind": "number",
            "comparator": "gte",
            "target": "40",
            "scope": "period",
            "source_key": builtin_sources.MEETINGS_HELD,
            "linked": [f"governance.Body:{foreign.pk}"],
        },
    )
    assert r.status_code == 200
    assert not Indicator.objects.for_zone(zone).exists()


def test_milestone_after_plan_end_form(zone: Any, staff_client: Client) -> None:
    t = make_tree(zone)
    r = staff_client.post(
        url("step_create", pk=t["action"].pk),
        {"text": "Event", "is_milestone": "on", "due_date": "2026-01-15", "status": "todo"},
    )
    assert "na het einde van het plan" in r.content.decode()


def test_other_zones_staff_gets_404(zone: Any, other_zone: Any, client_as: Any) -> None:
    t = make_tree(zone)
    c = client_as("other_staff")
    assert (
        c.get(
            reverse("planning:action_detail", kwargs={"zone": "zennevallei", "pk": t["action"].pk})
        ).status_code
        == 404
    )


def test_copy_refuses_existing_year_and_compare(zone: Any, staff_client: Client) -> None:
    t = make_tree(zone)
    services.plan_create(zone=zone, actor=None, year=2026)
    r = staff_client.post(url("plan_copy", pk=t["plan"].pk), {"year": "2026"})
    assert "Er bestaat al een actieplan voor 2026" in r.content.decode()
    r = staff_client.post(url("plan_copy", pk=t["plan"].pk), {"year": "2027"})
    new = YearPlan.objects.for_zone(zone).get(year=2027)
    assert r.status_code == 302
    html = staff_client.get(url("plan_compare", pk=t["plan"].pk) + f"?met={new.pk}").content.decode()
    assert html.count("Zennevallei verbindt en inspireert") >= 2


def _docx_text(content: bytes) -> tuple[list[str], str]:
    from docx import Document

    doc = Document(io.BytesIO(content))
    headings = [
        p.text
        for p in doc.paragraphs
        if p.style is not None and p.style.name.startswith(("Heading", "Title"))
    ]
    body = "\n".join(p.text for p in doc.paragraphs)
    section = doc.sections[0]
    assert abs(section.page_width.cm - 21) < 0.01 and abs(section.page_height.cm - 29.7) < 0.01
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml
    return headings, body


def test_docx_and_pdf_export(zone: Any, staff_client: Client, tmp_path: Any) -> None:
    t = make_tree(zone)
    ind = services.indicator_create(
        zone=zone,
        actor=None,
        action=t["action"],
        name="Aanwezigen per piekuurtje",
        comparator="gte",
        target=20,
        unit="aanwezigen",
        scope="instance",
        instance_label="piekuurtje",
    )
    for day, n in ((1, 25), (2, 18)):
        services.indicator_value_add(
            zone=zone, actor=None, indicator=ind, date=dt.date(2025, day, 10), value=n
        )
    services.action_update(zone=zone, actor=None, action=t["action"], evaluates_process=False)
    r = staff_client.get(url("plan_export", pk=t["plan"].pk, fmt="docx"))
    assert r.status_code == 200 and r["Content-Disposition"].endswith('actieplan-2025.docx"')
    headings, body = _docx_text(r.content)
    assert "Strategische doelstelling 5 - Open netwerk" in headings
    assert "Operationele doelstelling 4 - Kennis en vertrouwen" in headings
    for h in ("Wat?", "Waarom?", "Voor wie?", "Met wie?", "Hoe?", "Evaluatie"):
        assert h in headings
    assert "☐ Procesevaluatie" in body and "☒ Resultaatgerichte evaluatie (Output)" in body
    assert "≥ 20 aanwezigen per piekuurtje" in body and "1 van 2 piekuurtjes haalden 20" in body
    pdf = staff_client.get(url("action_export", pk=t["action"].pk, fmt="pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    assert "Strategische doelstelling 5 - Open netwerk" in text
    assert "Hoe?" in text and "1 van 2 piekuurtjes haalden 20" in text and "pagina 1 van" in text
    assert staff_client.get(url("plan_export", pk=t["plan"].pk, fmt="odt")).status_code == 404


def test_export_command(zone: Any, tmp_path: Any) -> None:
    from django.core.management import call_command

    t = make_tree(zone)
    out = tmp_path / "plan.docx"
    call_command("export_plan", zone="amalo", plan=t["plan"].pk, format="docx", o=str(out))
    headings, _body = _docx_text(out.read_bytes())
    assert "Zennevallei verbindt en inspireert" in headings
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("export_plan", zone="amalo", plan=999999, format="docx", o=str(out))
