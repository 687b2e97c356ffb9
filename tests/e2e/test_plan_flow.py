"""Issue 19: staff open the Zennevallei 2025 action plan, add an output indicator '≥ 40 deelnemers'
to an action, link it to a body's meetings, see the computed value and status, and download the .docx."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

PASSWORD = "geheim-wachtwoord-1"


@pytest.fixture
def plan_demo(transactional_db: Any) -> Any:
    """Only what this flow needs (fast): the zones, the Zennevallei bodies, the 2025 plan, one staff user."""
    from zorgraad.accounts.models import Role, User, ZoneRole
    from zorgraad.governance import demo as governance_demo
    from zorgraad.planning import demo as planning_demo
    from zorgraad.zones import demo as zones_demo

    zones = zones_demo.load()
    zone = zones["zennevallei"]
    governance_demo.load_more_bodies(zone)
    planning_demo.load({"zennevallei": zone})
    user = User.objects.create_user("planner@zennevallei.test", PASSWORD)
    ZoneRole.objects.create(zone=zone, user=user, role=Role.STAFF)
    return zone


@pytest.mark.django_db(transaction=True)
def test_add_a_computed_indicator_and_download_the_docx(
    live_server: Any, page: Page, plan_demo: Any, settings: Any, shot: Any
) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    base = live_server.url
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill("planner@zennevallei.test")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    page.goto(base + "/zennevallei/beheer/actieplan/")
    page.get_by_role("link", name="Acties 2025").click()
    main = page.locator("main")
    expect(main).to_contain_text("Strategische doelstelling 5")
    expect(main).not_to_contain_text("Strategische doelstelling 4")
    shot(page, "19-actieplan-overzicht")
    page.get_by_role("link", name="Zennevallei verbindt en inspireert").click()
    expect(main).to_contain_text("4 van 5 piekuurtjes haalden 20")
    page.get_by_role("link", name="Outputindicator toevoegen").click()

    page.locator("#id_name").fill("Aantal deelnemers op het forum")
    page.locator("#id_comparator").select_option(label="≥")
    page.locator("#id_target").fill("40")
    page.locator("#id_unit").fill("deelnemers")
    page.locator("#id_source_key").select_option(label="aanwezigen per vergadering")
    page.get_by_label("Forum Buurtgerichte Zorg").check()
    shot(page, "19-indicator-formulier")
    page.get_by_role("button", name="Bewaren").click()

    row = page.locator("tr.indicator", has_text="Aantal deelnemers op het forum")
    expect(row).to_contain_text("≥ 40 deelnemers")
    expect(row.locator("td.value")).to_contain_text("10")  # 2 forum meetings, 5 present at each
    expect(row.locator("td.status")).to_have_text(re.compile("niet gehaald|onderweg"))
    shot(page, "19-actie-met-berekende-indicator")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download als Word (.docx)").click()
    download = download_info.value
    assert download.suggested_filename == "actieplan-2025-zennevallei-verbindt-en-inspireert.docx"
    from docx import Document

    path = download.path()
    assert path is not None
    doc = Document(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Strategische doelstelling 5 - Lokale welzijns- en zorgactoren" in text
    assert "Aantal deelnemers op het forum" in text and "≥ 40 deelnemers" in text and "Stand: 10" in text
