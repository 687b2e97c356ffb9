"""Issue 17 end to end: a coordinator corrects a partner's phone number on Monday morning while
citizens read the social map on their phones. The partner's offer page shows the new number at
once; the pages of other partners stay cached (core/pagerecords.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from zorgraad.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

from .conftest import totp_code


def _two_offers_of_two_partners() -> tuple[Any, Any]:
    from zorgraad.network.models import Offer
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug="amalo")
    offers = (
        Offer.objects.for_zone(zone)
        .filter(is_archived=False, organisation__is_archived=False, organisation__parent__isnull=True)
        .exclude(organisation__phone="")
        .select_related("organisation")
        .order_by("pk")
    )
    first = offers.first()
    assert first is not None, "the demo has offers of partners with a phone number"
    second = offers.exclude(organisation=first.organisation).first()
    assert second is not None
    return first, second


@pytest.mark.django_db(transaction=True)
def test_a_corrected_phone_number_reaches_the_citizen_at_once(
    live_server: Any, page: Page, browser: Browser, demo: None, settings: Any, shot: Any
) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = True
    base = live_server.url
    mine, other = _two_offers_of_two_partners()
    old_phone = mine.organisation.phone
    mine_url = f"{base}/amalo/sociale-kaart/{mine.pk}/"
    other_url = f"{base}/amalo/sociale-kaart/{other.pk}/"

    # A citizen reads two offers on a phone (the second visit of each comes from the cache).
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True, locale="nl-BE"
    )
    citizen = context.new_page()
    seen = []
    for url in (mine_url, other_url, mine_url, other_url):
        response = citizen.goto(url)
        assert response is not None and response.status == 200
        seen.append(response.headers.get("x-zorgraad-cache"))
    # the browser asks again with the page's ETag: the server answers 304 without rendering
    assert seen == ["miss", "miss", "not-modified", "not-modified"], seen
    partner = citizen.locator("section[aria-labelledby=h-org]")
    citizen.goto(mine_url)
    expect(partner).to_contain_text(old_phone)

    # The coordinator logs in with password and TOTP and corrects the partner's phone number.
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill("staf@amalo.zorgraad.test")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator("input[name=code]").fill(totp_code(DEMO_TOTP_SECRET))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/amalo/beheer/|/$"))
    page.goto(f"{base}/amalo/beheer/organisaties/{mine.organisation.pk}/bewerken/")
    page.locator("#id_phone").fill("053 98 76 54")
    page.locator("main form").get_by_role("button", name="Bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(mine.organisation.name)
    expect(page.locator("main")).to_contain_text("053 98 76 54")
    shot(page, "17-01-telefoon-gecorrigeerd")

    # The citizen reloads: the new number, rendered again; the other partner's page comes from the
    # cache (whole: its ETag holds the generation of partners' contact details, which moved).
    response = citizen.goto(mine_url)
    assert response is not None and response.headers.get("x-zorgraad-cache") == "miss"
    expect(partner).to_contain_text("053 98 76 54")
    expect(partner).not_to_contain_text(old_phone)
    old_tel = "tel:" + "".join(ch for ch in old_phone if ch not in " /.")
    assert citizen.locator("a[href='tel:053987654']").count() >= 1  # a tap calls the new number
    assert citizen.locator(f"a[href='{old_tel}']").count() == 0
    shot(citizen, "17-02-nieuw-nummer-op-gsm")
    response = citizen.goto(other_url)
    assert response is not None and response.headers.get("x-zorgraad-cache") == "hit"
    context.close()
