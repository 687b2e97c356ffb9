"""The pages of the signals app: public intake, public list, staff triage, dashboard, actions, exports."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail as django_mail
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from zorgraad.governance.tests import factories as gov
from zorgraad.network.models import TargetGroup
from zorgraad.signals import services
from zorgraad.signals.models import Signal

from . import factories as f

pytestmark = pytest.mark.django_db


def url(name: str, **kw: Any) -> str:
    return reverse(f"signals:{name}", kwargs={"zone": "amalo", **kw})


GOOD = {
    "title": "Geen huisarts die nieuwe patiënten aanneemt",
    "description": "Een gezin dat verhuisde vindt al drie maanden geen huisarts.",
    "contact_email": "burger@example.be",
    "follow_up": "on",
}


def test_public_intake_anonymous_with_reference_and_mail(
    zone, mailoutbox, django_capture_on_commit_callbacks
):
    client = Client()
    page = client.get(url("public_create"))
    assert page.status_code == 200
    assert "Een signaal melden" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("public_create"), {**GOOD, "form_token": page.context["form_token"]})
    assert response.status_code == 302
    done = client.get(response["Location"])
    signal = Signal.objects.for_zone(zone).get()
    assert signal.reference in done.content.decode()
    assert signal.source == "public_form" and signal.follow_up and signal.reporter_user is None
    assert len(mailoutbox) == 1
    assert signal.reference in mailoutbox[0].subject
    assert mailoutbox[0].to == ["burger@example.be"]
    assert "/signalen/afmelden/" in mailoutbox[0].body


def test_honeypot_stores_nothing(zone):
    response = Client().post(url("public_create"), {**GOOD, "website": "http://spam.example"})
    assert response.status_code == 200
    assert not Signal.objects.for_zone(zone).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"description": ""}, "Beschrijf de situatie"),
        ({"description": "x" * 20_000}, "te lang"),
        ({"description": "<script>alert(1)</script>"}, "zonder HTML"),
        ({"title": "wacht\x07lijst"}, "stuurteken"),
        ({"contact_email": "", "follow_up": "on"}, "Geef een e-mailadres"),
        ({"contact_email": "geen-adres"}, "geldig e-mailadres"),
        ({"municipalities": ["999999"]}, "Kies"),
    ],
)
def test_public_intake_bad_input(zone, changes, message):
    response = Client().post(url("public_create"), {**GOOD, **changes})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Signal.objects.for_zone(zone).exists()


def test_flood_from_one_address_is_limited(zone, settings):
    client = Client()
    codes = [client.post(url("public_create"), {"title": ""}).status_code for _ in range(12)]
    assert codes[:10] == [200] * 10
    assert codes[10:] == [429, 429]


def test_public_list_hides_reporter_and_internal_notes(zone, users):
    s = f.signal(
        zone,
        title="Tekort aan betaalbaar vervoer",
        description="Mensen missen afspraken.",
        reporter_name="Griet Geheimnaam",
        contact_email="geheim@example.be",
        organisation_text="Dienst Onbekend",
        internal_notes="Intern: bellen met de schepen",
    )
    services.signal_transition(zone=zone, actor=users["staff"], signal=s, to_status="structural")
    f.signal(zone, title="Niet structureel signaal")
    body = Client().get(url("public_list")).content.decode()
    assert "Tekort aan betaalbaar vervoer" in body
    for secret in (
        "Griet Geheimnaam",
        "geheim@example.be",
        "Dienst Onbekend",
        "Intern: bellen",
        "Niet structureel",
    ):
        assert secret not in body


def test_triage_oldest_untreated_first_and_constant_queries(
    zone, staff_client, users, django_assert_max_num_queries
):
    c = f.challenge(zone)
    old_done = f.signal(zone, title="Oud behandeld", received_on=dt.date(2025, 1, 1))
    services.signal_transition(zone=zone, actor=users["staff"], signal=old_done, to_status="analysis")
    f.signal(zone, title="Nieuw onbehandeld", received_on=dt.date(2026, 5, 1), challenges=[c])
    f.signal(zone, title="Oud onbehandeld", received_on=dt.date(2025, 6, 1))
    with django_assert_max_num_queries(14):
        body = staff_client.get(url("triage")).content.decode()
    assert body.index("Oud onbehandeld") < body.index("Nieuw onbehandeld") < body.index("Oud behandeld")
    for _ in range(20):
        f.signal(zone, challenges=[c])
    with django_assert_max_num_queries(14):
        assert staff_client.get(url("triage")).status_code == 200
    filtered = staff_client.get(url("triage"), {"challenge": "none"}).content.decode()
    assert "Oud onbehandeld" in filtered and "Nieuw onbehandeld" not in filtered


def test_dashboard_counts_in_database(zone, staff_client, django_assert_max_num_queries):
    c1, c2 = f.challenge(zone, title="Huisvesting"), f.challenge(zone, title="Verslaving")
    group = TargetGroup.objects.create(name="Dak- en thuislozen", slug="dak-thuislozen")
    f.signal(zone, challenges=[c1, c2], target_groups=[group])
    f.signal(zone, challenges=[c1])
    f.signal(zone)
    with django_assert_max_num_queries(16):
        response = staff_client.get(url("dashboard"))
    charts = {c.key: c for c in response.context["charts"]}
    counts = {b.label: b.count for b in charts["challenge"].bars}
    assert counts[c1.label] == 2 and counts[c2.label] == 1 and counts["Zonder uitdaging"] == 1
    assert {b.label: b.count for b in charts["target_group"].bars} == {"Dak- en thuislozen": 1}
    assert sum(b.count for b in charts["month"].bars) == 3
    assert "<svg" in response.content.decode() and "<table" in response.content.decode()


def test_staff_workflow_through_pages(
    zone, staff_client, users, mailoutbox, django_capture_on_commit_callbacks
):
    c1, c2 = f.challenge(zone), f.challenge(zone)
    body = gov.body(zone, name="Clusteroverleg test")
    gov.meeting(body, dt.date.today() + dt.timedelta(days=14))
    s = f.signal(zone, contact_email="volger@example.be", follow_up=True)
    dup = f.signal(zone, title="Dubbel signaal")
    r = staff_client.post(
        url("edit", pk=s.pk),
        {"title": s.title, "description": "x", "kind": "signal", "challenges": [c1.pk, c2.pk]},
    )
    assert r.status_code == 302
    assert set(s.challenges.all()) == {c1, c2}
    r = staff_client.post(url("merge", pk=dup.pk), {"parent": s.pk})
    assert r.status_code == 302
    r = staff_client.post(url("to_meeting", pk=s.pk), {"body": body.pk})
    assert r.status_code == 302
    staff_client.post(url("transition", pk=s.pk), {"to_status": "structural"})
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            url("transition", pk=s.pk),
            {
                "to_status": "passed_on",
                "passed_on_to": "Departement Zorg",
                "passed_on_text": "Zie bijlage.",
                "addressee_level": "flemish",
            },
        )
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url("transition", pk=s.pk), {"to_status": "answered", "answer": "Wordt opgenomen."})
    s.refresh_from_db()
    assert s.status == "answered" and s.is_structural and s.meeting is not None
    assert [m.subject.split(" ")[0] for m in mailoutbox] == ["Je", "Antwoord"]
    assert "doorgegeven" in mailoutbox[0].subject and "Departement Zorg" in mailoutbox[0].body
    assert "Wordt opgenomen." in mailoutbox[-1].body
    refused = staff_client.post(url("transition", pk=s.pk), {"to_status": "received"})
    assert refused.status_code == 400
    assert "kan niet naar" in refused.content.decode()


def test_merge_into_itself_via_page(zone, staff_client):
    s = f.signal(zone)
    r = staff_client.post(url("merge", pk=s.pk), {"parent": s.pk})
    assert r.status_code == 400
    assert "met zichzelf" in r.content.decode()


def test_merge_with_other_zone_id_is_refused(zone, other_zone, staff_client):
    s = f.signal(zone)
    theirs = f.signal(other_zone)
    r = staff_client.post(url("merge", pk=s.pk), {"parent": theirs.pk})
    assert r.status_code == 400
    s.refresh_from_db()
    assert s.parent_id is None


def test_unfollow_link(zone, staff_client):
    from zorgraad.signals import mail

    s = f.signal(zone, contact_email="a@example.be", follow_up=True)
    token = mail.unfollow_token(s)
    assert Client().get(url("unfollow", token=token)).status_code == 200
    Client().post(url("unfollow", token=token))
    s.refresh_from_db()
    assert not s.follow_up
    assert Client().get(url("unfollow", token="vervalst")).status_code == 400


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_exports(zone, staff_client, fmt):
    f.signal(zone, title="=SOM(A1)", internal_notes="nota")
    response = staff_client.get(url("export", fmt=fmt))
    assert response.status_code == 200
    if fmt == "xlsx":
        ws = load_workbook(io.BytesIO(response.content)).active
        assert ws["A1"].value == "Referentie"
        assert ws.auto_filter.ref
        assert ws["B2"].value == "=SOM(A1)" and ws["B2"].data_type == "s"
    else:
        assert "'=SOM(A1)" in response.content.decode("utf-8-sig")


def test_partner_reports_from_account(zone, client_as, users):
    from zorgraad.network.models import Person

    person = Person.objects.create(zone=zone, first_name="Pia", last_name="Partner", user=users["partner"])
    client = client_as("partner")
    page = client.get(url("partner_create"))
    assert page.status_code == 200
    r = client.post(url("partner_create"), {"title": "Wachtlijst", "description": "Lang wachten."})
    assert r.status_code == 302
    s = Signal.objects.for_zone(zone).get()
    assert s.reporter_person == person and s.source == "partner_account"


def test_register_from_meeting_links_the_item(zone, staff_client):
    from zorgraad.meetings.models import AgendaItem

    body = gov.body(zone)
    meeting = gov.meeting(body, dt.date(2025, 2, 17), status="held")
    item = AgendaItem.objects.create(zone=zone, meeting=meeting, order=1, title="Signalen")
    page = staff_client.get(url("register_from_meeting", meeting=meeting.pk) + f"?punt={item.pk}")
    assert page.status_code == 200
    r = staff_client.post(
        url("register_from_meeting", meeting=meeting.pk),
        {"punt": item.pk, "title": "Mobiliteit", "kind": "signal", "source": "agenda_item"},
    )
    assert r.status_code == 302
    s = Signal.objects.for_zone(zone).get()
    assert s.agenda_item == item and s.meeting == meeting and s.source == "agenda_item"


def test_body_list_warns_above_two(zone, staff_client, users):
    body = gov.body(zone)
    for _ in range(3):
        services.signal_endorse(
            zone=zone, actor=users["staff"], signal=f.signal(zone), body=body, decision_text="Ja"
        )
    page = staff_client.get(url("body_endorsements", body=body.slug)).content.decode()
    assert "één of twee" in page


def test_no_mail_without_address(zone, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(url("public_create"), {**GOOD, "contact_email": "", "follow_up": ""})
    assert Signal.objects.for_zone(zone).count() == 1
    assert django_mail.outbox == []


def test_register_from_partner_round_entry(zone, staff_client):
    from zorgraad.meetings.models import PartnerRoundEntry

    body = gov.body(zone)
    meeting = gov.meeting(body, dt.date(2025, 10, 9), status="held")
    entry = PartnerRoundEntry.objects.create(
        zone=zone, meeting=meeting, text="Lange wachtlijst bij de thuiszorg."
    )
    minutes = staff_client.get(reverse("meetings:minutes", kwargs={"zone": "amalo", "pk": meeting.pk}))
    assert f"?ronde={entry.pk}" in minutes.content.decode()
    page = staff_client.get(url("register_from_meeting", meeting=meeting.pk) + f"?ronde={entry.pk}")
    assert "Lange wachtlijst bij de thuiszorg." in page.content.decode()
    r = staff_client.post(
        url("register_from_meeting", meeting=meeting.pk),
        {"ronde": entry.pk, "title": "Wachtlijst thuiszorg", "kind": "signal", "source": "partner_round"},
    )
    assert r.status_code == 302
    s = Signal.objects.for_zone(zone).get()
    assert s.partner_round_entry == entry and s.source == "partner_round"


def test_dashboard_follows_every_write(zone, staff_client):
    """Cached per page-cache generations of the zone: a committed write raises one (core/pagecache.py,
    tested in core), and the next page counts again."""
    from zorgraad.core.models import PageGeneration

    def without_challenge() -> int:
        charts = {c.key: c for c in staff_client.get(url("dashboard")).context["charts"]}
        return next(b.count for b in charts["challenge"].bars if b.label == "Zonder uitdaging")

    assert without_challenge() == 0
    f.signal(zone)
    assert without_challenge() == 0  # same generation: the cached counts
    PageGeneration.raise_(zone.pk, "zone")  # what the commit of that write does
    assert without_challenge() == 1
