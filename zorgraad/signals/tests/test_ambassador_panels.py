"""The signal ambassador cards on a person's and an organisation's staff page (signals/panels.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from zorgraad.core import pagecache
from zorgraad.core.registry import LazyContext, organisation_panels_for, person_panels_for
from zorgraad.events.tests.factories import make_event
from zorgraad.network.models import Organisation
from zorgraad.signals import panels
from zorgraad.signals.models import SignalAmbassador
from zorgraad.signals.services import ambassadors as services

from . import factories as f

pytestmark = pytest.mark.django_db

TRAINED = dt.date(2025, 11, 27)


def person_url(zone: Any, person: Any) -> str:
    return reverse("network:person_detail", kwargs={"zone": zone.slug, "pk": person.pk})


def org_url(zone: Any, org: Any) -> str:
    return reverse("network:organisation_detail", kwargs={"zone": zone.slug, "pk": org.pk})


@pytest.fixture
def roles(zone: Any, other_zone: Any, users: dict[str, Any]) -> dict[str, Any]:
    training = make_event(zone, days=-40, title="Netwerkmoment signalenbeleid")
    bron = Organisation.objects.create(zone=zone, name="Lokaal dienstencentrum De Bron")
    active_aff = f.affiliation(
        zone, first="Ilse", last="Ambassadeurs", organisation=bron, function="Maatschappelijk werker"
    )
    active = f.ambassador(
        zone, active_aff, trained_on=TRAINED, training_event=training, active_from=dt.date(2025, 12, 1)
    )
    # an earlier role of the same person at another organisation, ended
    ended_aff = f.affiliation(
        zone, person=active_aff.person, org="Thuiszorg Vleugels", function="Verpleegkundige"
    )
    ended = f.ambassador(zone, ended_aff, active_from=dt.date(2024, 1, 1))
    SignalAmbassador.objects.for_zone(zone).filter(pk=ended.pk).update(active_to=dt.date(2024, 12, 31))
    # a colleague at De Bron whose role ended
    gone_aff = f.affiliation(zone, first="Wout", last="Vroegerman", organisation=bron, function="Onthaal")
    gone = f.ambassador(zone, gone_aff, trained_on=dt.date(2023, 5, 4), active_from=dt.date(2023, 6, 1))
    SignalAmbassador.objects.for_zone(zone).filter(pk=gone.pk).update(active_to=dt.date(2025, 6, 30))
    # someone at De Bron who never was an ambassador
    plain = f.affiliation(zone, first="Nele", last="Gewoonlid", organisation=bron)
    # an ambassador in another zone
    elsewhere_aff = f.affiliation(other_zone, first="Zenne", last="Buurzone", org="CAW Halle")
    f.ambassador(other_zone, elsewhere_aff, trained_on=dt.date(2025, 3, 3))
    return {
        "bron": bron,
        "person": active_aff.person,
        "active": active,
        "ended": ended,
        "gone": gone,
        "gone_person": gone_aff.person,
        "plain": plain.person,
        "elsewhere": elsewhere_aff,
    }


def _card(html: str, heading: str) -> str:
    """The card's HTML, from its heading to the end of its section ('' when there is none)."""
    start = html.find(f">{heading}</h2>")
    if start < 0:
        return ""
    return html[start : html.find("</section>", start)]


# --- the person's page ------------------------------------------------------------------------------


def test_person_page_shows_the_active_role_with_training_and_the_ended_one_marked(zone, staff_client, roles):
    response = staff_client.get(person_url(zone, roles["person"]))
    assert response.status_code == 200
    card = _card(response.content.decode(), "Signaalambassadeur")
    assert card, "no ambassador card"
    active_row, ended_row = card.split("<tr>")[2:4]
    assert "Lokaal dienstencentrum De Bron" in active_row and "Maatschappelijk werker" in active_row
    assert "27 november 2025" in active_row and "Netwerkmoment signalenbeleid" in active_row
    assert "actief" in active_row and "sinds 1 december 2025" in active_row
    assert "beëindigd" not in active_row
    assert "Thuiszorg Vleugels" in ended_row and "beëindigd" in ended_row
    assert "31 december 2024" in ended_row and "actief" not in ended_row
    edit = reverse("signals:ambassador_edit", kwargs={"zone": zone.slug, "pk": roles["active"].pk})
    assert edit in active_row


def test_person_page_of_someone_who_never_was_an_ambassador_has_no_card(zone, staff_client, roles):
    html = staff_client.get(person_url(zone, roles["plain"])).content.decode()
    assert "Signaalambassadeur" not in html


def test_person_page_of_a_former_ambassador_says_the_role_ended(zone, staff_client, roles):
    card = _card(
        staff_client.get(person_url(zone, roles["gone_person"])).content.decode(), "Signaalambassadeur"
    )
    assert "beëindigd" in card and "30 juni 2025" in card and "4 mei 2023" in card
    assert ">actief<" not in card


@pytest.mark.parametrize("role", ["other_staff", "partner", "member", "anonymous"])
def test_only_the_zones_staff_see_the_card(zone, client_as, roles, role):
    response = client_as(role).get(person_url(zone, roles["person"]))
    assert response.status_code in (302, 403, 404)
    assert "Netwerkmoment signalenbeleid" not in response.content.decode()


def test_another_zones_staff_see_their_own_ambassador_not_ours(other_zone, client_as, roles):
    html = client_as("other_staff").get(person_url(other_zone, roles["elsewhere"].person)).content.decode()
    card = _card(html, "Signaalambassadeur")
    assert "CAW Halle" in card and "3 maart 2025" in card
    assert "De Bron" not in html and "Netwerkmoment signalenbeleid" not in html


def test_the_card_follows_a_committed_end_of_the_role(zone, users, staff_client, roles):
    """The person page may be cached whole (core/staffcache.py): ending the role shows at once."""
    url = person_url(zone, roles["person"])
    assert "sinds 1 december 2025" in _card(staff_client.get(url).content.decode(), "Signaalambassadeur")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.ambassador_end(zone=zone, actor=users["staff"], ambassador=roles["active"], on=yesterday)
    card = _card(staff_client.get(url).content.decode(), "Signaalambassadeur")
    assert "sinds 1 december 2025" not in card and card.count("beëindigd") == 2


# --- the organisation's page --------------------------------------------------------------------------


def test_organisation_page_lists_its_ambassadors_active_first_ended_marked(zone, staff_client, roles):
    response = staff_client.get(org_url(zone, roles["bron"]))
    assert response.status_code == 200
    card = _card(response.content.decode(), "Signaalambassadeurs")
    assert card, "no ambassador card"
    active_row, ended_row = card.split("<tr>")[2:4]
    assert "Ilse Ambassadeurs" in active_row and "27 november 2025" in active_row and "actief" in active_row
    assert person_url(zone, roles["person"]) in active_row
    assert "Wout Vroegerman" in ended_row and "beëindigd" in ended_row and "30 juni 2025" in ended_row
    # the role at another organisation and a colleague without the role are not on this card
    assert "Thuiszorg Vleugels" not in card and "Gewoonlid" not in card


def test_organisation_without_ambassadors_has_no_card(zone, staff_client, roles):
    other = Organisation.objects.for_zone(zone).get(name="Thuiszorg Vleugels")
    SignalAmbassador.objects.for_zone(zone).filter(affiliation__organisation=other).delete()
    html = staff_client.get(org_url(zone, other)).content.decode()
    assert "Signaalambassadeurs</h2>" not in html


def test_another_zones_staff_cannot_open_our_organisation(zone, client_as, roles):
    response = client_as("other_staff").get(org_url(zone, roles["bron"]))
    assert response.status_code in (403, 404)
    assert "Ilse Ambassadeurs" not in response.content.decode()


# --- what the panels declare -------------------------------------------------------------------------


def test_panels_are_lazy_and_declare_the_kinds_of_what_they_show(zone, roles, django_assert_num_queries, rf):
    request = rf.get("/")
    with django_assert_num_queries(0):
        [person_panel] = [
            p for p in person_panels_for(zone, roles["person"], request) if p.key.startswith("signals-")
        ]
        [org_panel] = [p for p in organisation_panels_for(zone, roles["bron"], request)]
    for panel in (person_panel, org_panel):
        assert isinstance(panel.context, LazyContext)
        assert panel.kinds is not None and panels.STAFF_AMBASSADORS in panel.kinds
        assert "events" in panel.kinds and panel.day == timezone.localdate()
    assert "organisation-names" in person_panel.kinds and "staff-people" in org_panel.kinds
    # the writes that change what the cards show raise those kinds
    assert panels.STAFF_AMBASSADORS in pagecache.kinds_for("signals.SignalAmbassador")
    assert panels.STAFF_AMBASSADORS in pagecache.kinds_for("network.Affiliation", ["function"])
    with django_assert_num_queries(1):
        card = person_panel.context["roles"]
    assert [r.pk for r in card["current"]] == [roles["active"].pk]
    assert [r.pk for r in card["ended"]] == [roles["ended"].pk]
