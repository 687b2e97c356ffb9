"""Staff pages on a phone (390 x 844): no sideways scroll of the page, wide tables fold into cards or
scroll inside their own box, and the attendance list keeps its excused and absent choices in view."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from .test_meeting_flow import login

PHONE = {"width": 390, "height": 844}
# The outermost elements that stick out to the right of the screen, to say what to fix.
WIDE_ELEMENTS = """(limit) => {
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= limit + 0.5) continue;
    let p = el.parentElement, inside = false;
    while (p && p !== document.body) {
      const cs = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden'].includes(cs.overflowX)) { inside = true; break; }
      if (p.getBoundingClientRect().right > limit + 0.5) { inside = true; break; }
      p = p.parentElement;
    }
    if (!inside) out.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : '') + ' ' + Math.round(r.right));
  }
  return out.slice(0, 5);
}"""


def staff_pages() -> dict[str, str]:
    """Main staff pages of AMALO in the demo, by a short name used for the screenshots."""
    from zorgraad.governance.models import Body, Membership
    from zorgraad.meetings.models import Attendance, Meeting
    from zorgraad.network.models import Organisation
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(zone).get(slug="clusteroverleg-welzijn")
    held = (
        Meeting.objects.for_zone(zone)
        .filter(body=body, pk__in=Attendance.objects.for_zone(zone).values("meeting"))
        .order_by("-date")
        .first()
    )
    assert held is not None
    coming = (
        Meeting.objects.for_zone(zone)
        .filter(body=body, date__gte=timezone.localdate(), status__in=["planned", "invited"])
        .order_by("date")
        .first()
    )
    assert coming is not None
    member = Membership.objects.for_zone(zone).filter(body=body).select_related("person").first()
    assert member is not None
    org = Organisation.objects.for_zone(zone).order_by("name").first()
    assert org is not None
    z = f"/{zone.slug}/beheer"
    year = timezone.localdate().year
    return {
        "dashboard": f"{z}/",
        "organisations": f"{z}/organisaties/",
        "organisation": f"{z}/organisaties/{org.pk}/",
        "people": f"{z}/personen/",
        "person": f"{z}/personen/{member.person_id}/",
        "bodies": f"{z}/overleg/",
        "body": f"{z}/overleg/{body.slug}/",
        "planning": f"{z}/overleg/{body.slug}/planning/{year}/",
        "planning-next": f"{z}/overleg/{body.slug}/planning/{year + 1}/",
        "meeting": f"{z}/vergaderingen/{held.pk}/",
        "agenda": f"{z}/vergaderingen/{held.pk}/agenda/",
        "invitation": f"{z}/vergaderingen/{coming.pk}/uitnodigen/",
        "coming-meeting": f"{z}/vergaderingen/{coming.pk}/",
        "coming-agenda": f"{z}/vergaderingen/{coming.pk}/agenda/",
        "attendance": f"{z}/vergaderingen/{held.pk}/aanwezigheden/",
        "minutes": f"{z}/vergaderingen/{held.pk}/verslag/",
    }


@pytest.mark.django_db(transaction=True)
def test_staff_pages_fit_a_phone(
    live_server: Any, browser: Any, demo: None, settings: Any, shot: Any
) -> None:
    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    page: Page = context.new_page()
    base = live_server.url
    login(page, base, "staf@amalo.zorgraad.test")
    too_wide = []
    for name, path in staff_pages().items():
        response = page.goto(base + path)
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        shot(page, f"phone-{name}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = page.evaluate(WIDE_ELEMENTS, PHONE["width"])
            too_wide.append(f"{name} {path}: {width}px ({'; '.join(culprits)})")
    assert too_wide == [], "\n".join(too_wide)

    # Attendance: every choice of every row is on screen without scrolling sideways, its word
    # readable next to it (not only the 1 px label for screen readers).
    page.goto(base + staff_pages()["attendance"])
    rows = page.locator("form table tbody tr")
    assert rows.count() > 0
    for index in range(rows.count()):
        row = rows.nth(index)
        radios = row.locator("input[type=radio]")
        assert radios.count() == 3
        for n, word in enumerate(("aanwezig", "verontschuldigd", "afwezig")):
            radio = radios.nth(n)
            label = page.locator(f"label[for='{radio.get_attribute('id')}']")
            for element in (radio, label):
                box = element.bounding_box()
                assert box is not None, word
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (word, box)
            assert word in label.inner_text().lower()
            label_box = label.bounding_box()
            assert label_box is not None and label_box["width"] >= 30, (word, label_box)
    shot(page, "phone-attendance-cards")
    context.close()


def _leave(page: Any) -> None:
    """Back to a blank page after a navigation error, so the next goto starts clean."""
    with contextlib.suppress(PlaywrightError):
        page.goto("about:blank")


def demo_objects() -> dict[str, Any]:
    """One demo record of every kind the staff URLs take, as the permission walk names them."""
    from zorgraad.governance.models import Body, MandateCall, Membership
    from zorgraad.meetings.models import AgendaItem, Attendance, FollowUp, Meeting
    from zorgraad.network.models import Affiliation, Offer
    from zorgraad.zones.models import Zone

    zone = Zone.objects.get(slug="amalo")
    body = Body.objects.for_zone(zone).get(slug="clusteroverleg-welzijn")
    meeting = (
        Meeting.objects.for_zone(zone)
        .filter(body=body, pk__in=Attendance.objects.for_zone(zone).values("meeting"))
        .order_by("-date")
        .first()
    )
    membership = Membership.objects.for_zone(zone).filter(body=body).first()
    affiliation = Affiliation.objects.for_zone(zone).first()
    offer = Offer.objects.for_zone(zone).first()
    item = AgendaItem.objects.for_zone(zone).filter(meeting=meeting).first()
    follow_up = FollowUp.objects.for_zone(zone).first()
    call = MandateCall.objects.for_zone(zone).first()
    found = {
        "organisation": affiliation.organisation_id if affiliation else None,
        "person": membership.person_id if membership else None,
        "affiliation": affiliation.pk if affiliation else None,
        "offer": offer.pk if offer else None,
        "body": body.slug,
        "membership": membership.pk if membership else None,
        "meeting": meeting.pk if meeting else None,
        "agendaitem": item.pk if item else None,
        "followup": follow_up.pk if follow_up else None,
        "mandatecall": call.pk if call else None,
    }
    return {kind: value for kind, value in found.items() if value is not None}


@pytest.mark.django_db(transaction=True)
def test_every_staff_page_fits_a_phone(live_server: Any, browser: Any, demo: None, settings: Any) -> None:
    """Every GET page of staff, secretaries and members (the permission walk's URL list) at 390 px."""
    from django.urls import reverse

    from zorgraad.core import permissions

    from ..test_permission_walk import SKIP_PREFIXES, all_url_names, kwargs_for

    settings.ZORGRAAD_REQUIRE_STAFF_MFA = False
    objects = demo_objects()
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    page: Page = context.new_page()
    base = live_server.url
    login(page, base, "staf@amalo.zorgraad.test")
    levels = {permissions.MEMBER, permissions.SECRETARY, permissions.STAFF}
    too_wide, seen = [], 0
    for name, route in all_url_names():
        if name.startswith(SKIP_PREFIXES) or permissions.level_for(name) not in levels:
            continue
        if "<str:fmt>" in route or route.endswith((".json", ".ics")):
            continue  # downloads, not pages
        try:
            url = reverse(name, kwargs=kwargs_for(name, route, objects))
        except (KeyError, StopIteration):
            continue  # no demo record of that kind
        response = None
        for _attempt in range(2):
            try:
                response = page.goto(base + url)
                break
            except PlaywrightError as exc:
                # POST-only URLs answer 405 without a page, and Chromium's error page may still
                # be navigating when the next goto starts: leave it, and try once more.
                _leave(page)
                if "interrupted by another navigation" not in str(exc):
                    break
        if response is None:
            continue
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        seen += 1
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprits = page.evaluate(WIDE_ELEMENTS, PHONE["width"])
            too_wide.append(f"{name} {url}: {width}px ({'; '.join(culprits)})")
    context.close()
    assert seen > 30
    assert too_wide == [], "\n".join(too_wide)
