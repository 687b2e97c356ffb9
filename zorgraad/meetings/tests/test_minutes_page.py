"""Issue 15, section 2: nothing a secretary types on the minutes page is lost; decisions, follow-ups
and partner-round entries can be corrected and removed (with history); approval at a meeting that
still lies in the future is refused, and approval by mail is the second way."""

from __future__ import annotations

import datetime as dt
import pathlib
import re
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.models import AuditEntry
from zorgraad.meetings.models import (
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    MinutesRevision,
    PartnerRoundEntry,
)
from zorgraad.meetings.services import minutes as services
from zorgraad.network.services import ServiceError

from .test_minutes_data import make_body, make_item, make_meeting, make_org

OCT = dt.date(2025, 10, 9)
MARCH = dt.date(2026, 3, 17)


@pytest.fixture
def setup(zone: Any) -> dict[str, Any]:
    body = make_body(zone)
    meeting = make_meeting(
        zone, body, OCT, status=MeetingStatus.HELD, venue="Residentie De Kastanje, Merchtem"
    )
    items = [
        make_item(zone, meeting, 1, "Goedkeuring verslag vorige vergadering"),
        make_item(zone, meeting, 2, "Voorstelling 1 Gezin 1 Plan"),
    ]
    march = make_meeting(
        zone, body, MARCH, status=MeetingStatus.HELD, start=dt.time(8, 30), end=dt.time(10, 30)
    )
    org = make_org(zone, "LDC Den Hopstaak", "lokaal-dienstencentrum")
    return {"body": body, "meeting": meeting, "items": items, "march": march, "org": org}


def url(name: str, pk: int) -> str:
    return reverse(f"meetings:{name}", kwargs={"zone": "amalo", "pk": pk})


def reload(meeting: Meeting) -> Meeting:
    return Meeting.objects.for_zone(meeting.zone).get(pk=meeting.pk)


def page_post(setup: Any, **extra: Any) -> dict[str, Any]:
    """What the browser posts when a button of the minutes page is pressed: every field of the page."""
    items = setup["items"]
    data: dict[str, Any] = {
        "intro": "",
        f"item_{items[0].pk}": "",
        f"item_{items[1].pk}": "",
        "decision-text": "",
        "decision-item": "",
        "followup-description": "",
        "followup-owner": "",
        "followup-owner_text": "",
        "followup-due_date": "",
        "followup-item": "",
        "partner-organisation": "",
        "partner-text": "",
        "next-date": "",
        "next-start_time": "13:30",
        "next-end_time": "16:00",
        "next-venue_organisation": "",
        "next-venue": "",
        "next-online_url": "",
    }
    data.update(extra)
    return data


# --- 1. nothing typed is lost -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_minutes_page_is_one_form_with_a_warning_before_leaving(staff_client: Any, setup: Any) -> None:
    html = staff_client.get(url("minutes", setup["meeting"].pk)).content.decode()
    main = html[html.index("<main") :]
    post_forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>", main)
    assert len(post_forms) == 1 and "data-unsaved-warning" in post_forms[0]
    assert "data-unsaved-on-load" not in post_forms[0]
    # Every button of the page is a button of that one form.
    form_html = main[main.index(post_forms[0]) : main.index("</form>")]
    for label in ("Verslag bewaren", "Beslissing toevoegen", "Opvolgpunt toevoegen", "Bijdrage toevoegen"):
        assert label in form_html
    # The warning is a vendored static script, no inline script (CSP script-src 'self').
    assert re.search(r'<script src="[^"]*js/unsaved\.js"', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    script = pathlib.Path(settings.BASE_DIR) / "zorgraad" / "static" / "js" / "unsaved.js"
    assert "beforeunload" in script.read_text()


@pytest.mark.django_db
def test_adding_a_decision_keeps_the_text_typed_in_the_items(
    zone: Any, staff_client: Any, setup: Any
) -> None:
    meeting, items, org = setup["meeting"], setup["items"], setup["org"]
    response = staff_client.post(
        url("minutes", meeting.pk),
        page_post(
            setup,
            action="decision",
            **{
                f"item_{items[1].pk}": "De coördinator stelde 1 Gezin 1 Plan voor.",
                "decision-text": "De cluster verspreidt de folder.",
                "decision-item": items[1].pk,
                "followup-description": "Folder naar alle partners mailen",
                "followup-owner_text": "het secretariaat",
                "partner-organisation": org.pk,
                "partner-text": "Infosessie over slaap in november.",
            },
        ),
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("#beslissingen")
    for text in (
        "Het verslag is bewaard.",
        "De beslissing is toegevoegd.",
        "Het opvolgpunt is toegevoegd.",
        "De bijdrage aan het rondje is toegevoegd.",
    ):
        assert text in page
    items[1].refresh_from_db()
    assert items[1].minutes == "De coördinator stelde 1 Gezin 1 Plan voor."
    assert Decision.objects.for_zone(zone).get(meeting=meeting).item == items[1]
    assert FollowUp.objects.for_zone(zone).get(meeting=meeting).owner_text == "het secretariaat"
    assert PartnerRoundEntry.objects.for_zone(zone).get(meeting=meeting).organisation == org
    # Nothing filled in for a next meeting: none planned.
    assert Meeting.objects.for_zone(zone).count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad, error",
    [
        # refused by the form
        ({"partner-text": "Iets gedeeld"}, "Kies de organisatie die iets deelde."),
        # refused by the service, after the text and the decision would have been written
        (
            {"followup-description": "Iets opvolgen", "followup-due_date": "2025-01-01"},
            "De deadline ligt vóór de vergadering (9 oktober 2025).",
        ),
    ],
)
def test_one_invalid_part_saves_nothing_and_keeps_everything_typed(
    zone: Any, staff_client: Any, setup: Any, bad: dict[str, str], error: str
) -> None:
    meeting, items = setup["meeting"], setup["items"]
    response = staff_client.post(
        url("minutes", meeting.pk),
        page_post(
            setup,
            action="decision",
            intro="Drie partners lieten zich verontschuldigen.",
            **{
                f"item_{items[0].pk}": "Het verslag van mei werd goedgekeurd.",
                "decision-text": "De cluster verspreidt de folder.",
                **bad,
            },
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert "Er is nog niets bewaard" in page
    assert "data-unsaved-on-load" in page  # leaving this page warns: what came back is not saved
    # Everything typed is back in its field.
    assert "Drie partners lieten zich verontschuldigen.</textarea>" in page
    assert "Het verslag van mei werd goedgekeurd.</textarea>" in page
    assert "De cluster verspreidt de folder.</textarea>" in page
    for value in bad.values():
        if not value.startswith("2025"):
            assert f"{value}</textarea>" in page
    # Nothing half-saved.
    for item in items:
        item.refresh_from_db()
        assert item.minutes == ""
    assert reload(meeting).intro == ""
    assert not MinutesRevision.objects.for_zone(zone).exists()
    assert not Decision.objects.for_zone(zone).exists()
    assert not FollowUp.objects.for_zone(zone).exists()
    assert not PartnerRoundEntry.objects.for_zone(zone).exists()


@pytest.mark.django_db
def test_page_save_service_rolls_back_every_part_when_one_is_refused(
    zone: Any, users: Any, setup: Any
) -> None:
    meeting, items = setup["meeting"], setup["items"]
    with pytest.raises(services.MinutesPartError) as exc:
        services.minutes_page_save(
            zone=zone,
            actor=users["staff"],
            meeting=meeting,
            items={items[0].pk: "Goedgekeurd."},
            intro="Inleiding",
            decision={"text": "Een beslissing", "item": None},
            follow_up={"description": "Iets", "due_date": dt.date(2024, 1, 1)},
        )
    assert exc.value.part == "followup"
    items[0].refresh_from_db()
    assert items[0].minutes == "" and reload(meeting).intro == ""
    assert not Decision.objects.for_zone(zone).exists()
    assert not AuditEntry.objects.for_zone(zone).filter(model="decision").exists()


@pytest.mark.django_db
def test_marking_a_follow_up_done_keeps_the_text_typed(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting, items = setup["meeting"], setup["items"]
    follow_up = services.followup_add(zone=zone, actor=users["staff"], meeting=meeting, description="Folder")
    response = staff_client.post(
        url("minutes", meeting.pk),
        page_post(
            setup, action=f"done-{follow_up.pk}", **{f"item_{items[0].pk}": "Goedgekeurd zonder opmerkingen."}
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "Het opvolgpunt is afgewerkt." in page and "Het verslag is bewaard." in page
    follow_up.refresh_from_db()
    items[0].refresh_from_db()
    assert follow_up.done and items[0].minutes == "Goedgekeurd zonder opmerkingen."


# --- 2. correcting and removing, with history ---------------------------------------------------


@pytest.mark.django_db
def test_a_decision_is_corrected_and_removed_with_history(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting, items = setup["meeting"], setup["items"]
    decision = services.decision_add(
        zone=zone, actor=users["staff"], meeting=meeting, text="De cluster komt 2 keer samen."
    )
    page = staff_client.get(url("minutes", meeting.pk)).content.decode()
    assert url("decision_edit", decision.pk) in page and url("decision_delete", decision.pk) in page

    # An empty correction is refused in Dutch and changes nothing.
    page = staff_client.post(url("decision_edit", decision.pk), {"text": " ", "item": ""}).content.decode()
    assert "Schrijf de beslissing op." in page
    decision.refresh_from_db()
    assert decision.text == "De cluster komt 2 keer samen."

    response = staff_client.post(
        url("decision_edit", decision.pk),
        {"text": "De cluster komt 3 keer samen.", "item": items[1].pk},
        follow=True,
    )
    assert "De beslissing is gewijzigd." in response.content.decode()
    decision.refresh_from_db()
    assert (decision.text, decision.item) == ("De cluster komt 3 keer samen.", items[1])
    entry = AuditEntry.objects.for_zone(zone).get(model="decision", action="updated")
    assert entry.changes["text"] == ["De cluster komt 2 keer samen.", "De cluster komt 3 keer samen."]
    assert entry.actor == users["staff"]
    # The edit page shows that history.
    assert (
        "De cluster komt 2 keer samen."
        in staff_client.get(url("decision_edit", decision.pk)).content.decode()
    )

    # Removal asks first; the GET removes nothing.
    page = staff_client.get(url("decision_delete", decision.pk)).content.decode()
    assert "Wil je de beslissing ‘De cluster komt 3 keer samen.’ uit het verslag verwijderen?" in page
    assert Decision.objects.for_zone(zone).filter(pk=decision.pk).exists()
    response = staff_client.post(url("decision_delete", decision.pk), follow=True)
    assert "De beslissing is verwijderd." in response.content.decode()
    assert not Decision.objects.for_zone(zone).filter(pk=decision.pk).exists()
    removed = AuditEntry.objects.for_zone(zone).get(model="decision", action="deleted")
    assert removed.changes["text"] == ["De cluster komt 3 keer samen.", None]


@pytest.mark.django_db
def test_a_follow_up_is_corrected_and_removed_with_history(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    follow_up = services.followup_add(
        zone=zone, actor=users["staff"], meeting=meeting, description="Folder mailen"
    )
    page = staff_client.post(
        url("followup_edit", follow_up.pk), {"description": "Folder mailen", "due_date": "2024-05-01"}
    ).content.decode()
    assert "De deadline ligt vóór de vergadering (9 oktober 2025)." in page
    follow_up.refresh_from_db()
    assert follow_up.due_date is None
    staff_client.post(
        url("followup_edit", follow_up.pk),
        {
            "description": "Folder mailen naar alle partners",
            "owner_text": "secretariaat",
            "due_date": "2025-11-01",
        },
    )
    follow_up.refresh_from_db()
    assert (follow_up.description, follow_up.owner_text, follow_up.due_date) == (
        "Folder mailen naar alle partners",
        "secretariaat",
        dt.date(2025, 11, 1),
    )
    changes = AuditEntry.objects.for_zone(zone).get(model="followup", action="updated").changes
    assert changes["due_date"] == [None, "2025-11-01"]
    assert "Wil je het opvolgpunt" in staff_client.get(url("followup_delete", follow_up.pk)).content.decode()
    staff_client.post(url("followup_delete", follow_up.pk))
    assert not FollowUp.objects.for_zone(zone).exists()
    assert AuditEntry.objects.for_zone(zone).filter(model="followup", action="deleted").count() == 1


@pytest.mark.django_db
def test_a_partner_round_entry_is_corrected_and_removed_in_published_minutes(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting, org = setup["meeting"], setup["org"]
    other_org = make_org(zone, "Huis van het Kind Merchtem")
    entry = services.partner_round_add(
        zone=zone, actor=users["staff"], meeting=meeting, organisation=org, text="Infosessie over slaap"
    )
    Meeting.objects.for_zone(zone).filter(pk=meeting.pk).update(status=MeetingStatus.PUBLISHED)
    services.partner_round_update(
        zone=zone, actor=users["staff"], entry=entry, organisation=other_org, text="Peuterspeelaanbod"
    )
    meeting = reload(meeting)
    assert "peuterspeelaanbod" in meeting.search_text.lower()
    changes = AuditEntry.objects.for_zone(zone).get(model="partnerroundentry", action="updated").changes
    assert changes["organisation"] == ["LDC Den Hopstaak", "Huis van het Kind Merchtem"]
    with pytest.raises(ServiceError) as exc:
        services.partner_round_update(
            zone=zone, actor=users["staff"], entry=entry, organisation=other_org, text=""
        )
    assert exc.value.messages == ["Schrijf op wat de partner deelde."]
    response = staff_client.post(url("partner_round_delete", entry.pk), follow=True)
    assert "De bijdrage aan het rondje is verwijderd." in response.content.decode()
    assert not PartnerRoundEntry.objects.for_zone(zone).exists()
    assert "peuterspeelaanbod" not in reload(meeting).search_text.lower()


@pytest.mark.django_db
def test_correcting_is_for_this_bodys_managers_and_zone_only(
    zone: Any, users: Any, client_as: Any, setup: Any
) -> None:
    decision = services.decision_add(
        zone=zone, actor=users["staff"], meeting=setup["meeting"], text="Besluit"
    )
    # A secretary of another body (not of this one): refused, nothing changed.
    assert client_as("secretary").post(url("decision_delete", decision.pk)).status_code == 403
    other = client_as("other_staff")
    there = reverse("meetings:decision_delete", kwargs={"zone": "zennevallei", "pk": decision.pk})
    assert other.post(there).status_code == 404
    assert Decision.objects.for_zone(zone).filter(pk=decision.pk).exists()


# --- 3. approval: not in the future; by mail as a second way -------------------------------------


@pytest.mark.django_db
def test_approval_at_a_meeting_in_the_future_is_refused(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    future = make_meeting(
        zone, setup["body"], timezone.localdate() + dt.timedelta(days=85), status=MeetingStatus.PLANNED
    )
    with pytest.raises(ServiceError) as exc:
        services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=future)
    assert "moet nog plaatsvinden" in exc.value.messages[0]
    page = staff_client.post(
        url("minutes_approve", meeting.pk), {"how": "meeting", "at_meeting": future.pk}
    ).content.decode()
    assert (
        "moet nog plaatsvinden: een verslag kan pas goedgekeurd worden op een vergadering die al gehouden werd."
        in page
    )
    meeting = reload(meeting)
    assert meeting.status == MeetingStatus.HELD and meeting.approved_at_meeting is None
    # A meeting that took place is fine.
    services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=setup["march"])
    assert reload(meeting).status == MeetingStatus.MINUTES_APPROVED


@pytest.mark.django_db
def test_approval_by_mail_keeps_the_comments_and_shows_them(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    page = staff_client.get(url("minutes_approve", meeting.pk)).content.decode()
    assert "Per mail" in page and "Goedkeuring per mail registreren" in page
    response = staff_client.post(
        url("minutes_approve", meeting.pk),
        {
            "how": "mail",
            "approved_on": "2025-10-27",
            "comments": "Het OCMW vroeg de naam van de spreker te verbeteren; aangepast.",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Het verslag is per mail goedgekeurd op 27 oktober 2025." in page
    assert "Goedgekeurd per mail op 27 oktober 2025" in page
    assert "Het OCMW vroeg de naam van de spreker te verbeteren; aangepast." in page
    meeting = reload(meeting)
    assert meeting.status == MeetingStatus.MINUTES_APPROVED
    assert meeting.approved_by_mail_on == dt.date(2025, 10, 27) and meeting.approved_at_meeting is None
    assert meeting.approval_label == "Goedgekeurd per mail op 27 oktober 2025"
    assert (
        "per mail op 27 oktober 2025" in staff_client.get(url("meeting_detail", meeting.pk)).content.decode()
    )
    audit_entry = AuditEntry.objects.for_zone(zone).get(model="meeting", action="approved")
    assert audit_entry.changes["approved_by_mail_on"] == [None, "2025-10-27"]
    # Once approved, neither way approves again.
    with pytest.raises(ServiceError) as exc:
        services.minutes_approve(zone=zone, actor=users["staff"], meeting=meeting, at_meeting=setup["march"])
    assert exc.value.messages == ["Dit verslag werd al per mail goedgekeurd op 27 oktober 2025."]


@pytest.mark.django_db
def test_approval_by_mail_before_the_meeting_or_in_the_future_is_refused(
    zone: Any, users: Any, staff_client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    page = staff_client.post(
        url("minutes_approve", meeting.pk), {"how": "mail", "approved_on": "2025-10-01"}
    ).content.decode()
    assert "De goedkeuring per mail valt op of na de vergadering (9 oktober 2025)." in page
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ServiceError) as exc:
        services.minutes_approve_by_mail(
            zone=zone, actor=users["staff"], meeting=meeting, approved_on=tomorrow
        )
    assert "ligt in de toekomst" in exc.value.messages[0]
    page = staff_client.post(
        url("minutes_approve", meeting.pk), {"how": "mail", "approved_on": ""}
    ).content.decode()
    assert "Vul de datum in waarop het verslag per mail goedgekeurd werd." in page
    meeting = reload(meeting)
    assert meeting.status == MeetingStatus.HELD and meeting.approved_by_mail_on is None


@pytest.mark.django_db
def test_the_public_minutes_say_they_were_approved_by_mail(
    zone: Any, users: Any, client: Any, setup: Any
) -> None:
    meeting = setup["meeting"]
    services.minutes_approve_by_mail(
        zone=zone,
        actor=users["staff"],
        meeting=meeting,
        approved_on=dt.date(2025, 10, 27),
        comments="Een naam verbeterd.",
    )
    Meeting.objects.for_zone(zone).filter(pk=meeting.pk).update(
        status=MeetingStatus.PUBLISHED, published_at=timezone.now()
    )
    page = client.get(
        reverse(
            "meetings:meeting_public", kwargs={"zone": "amalo", "body": setup["body"].slug, "pk": meeting.pk}
        )
    ).content.decode()
    assert "Goedgekeurd per mail op 27 oktober 2025." in page
    assert "Een naam verbeterd." not in page  # the comments received stay with the staff
