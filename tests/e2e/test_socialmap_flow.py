"""Issue 16 end to end on a phone: a citizen searches the social map with a typo, follows "bedoelde
je", opens the offer and downloads its referral card."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect


@pytest.mark.django_db(transaction=True)
def test_search_with_a_typo_on_a_phone(
    live_server: Any, browser: Browser, demo: None, shot: Any, tmp_path: Path
) -> None:
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="nl-BE",
        accept_downloads=True,
    )
    page = context.new_page()
    page.goto(live_server.url + "/amalo/sociale-kaart/")

    # Every example under the box is a link that finds offers; the citizen types a word with a typo.
    page.locator("input[name=q]").fill("demetie")
    page.keyboard.press("Enter")
    expect(page.locator("#did-you-mean")).to_have_text("dementie")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # no sideways scrolling
    shot(page, "16-01-typo-op-gsm")

    page.locator("#did-you-mean").click()
    expect(page).to_have_url(re.compile(r"\?q=dementie$"))
    first = page.locator("main article h2 a").first
    expect(first).to_contain_text("dementie")
    shot(page, "16-02-bedoelde-je")

    first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("dementie")
    expect(page.get_by_role("heading", name="Hoe doorverwijzen of aanmelden?")).to_be_visible()
    assert "–" not in page.locator("section[aria-labelledby=h-org]").inner_text()
    shot(page, "16-03-aanbod")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Doorverwijskaartje (PDF)").click()
    download = download_info.value
    assert download.suggested_filename.startswith(
        "doorverwijskaartje-"
    ) and download.suggested_filename.endswith(".pdf")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    assert "dementie" in text and "/amalo/sociale-kaart/" in text
    context.close()
