"""The agenda: fixed items, carried-over follow-ups, ad-hoc items, order, delete; services and screens."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.core.models import AuditEntry
from zorgraad.meetings.models import AgendaItem, MeetingStatus
from zorgraad.meetings.services import agenda as svc
from zorgraad.network.services import ServiceError

from . import test_schedule_support as make

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def body(zone: Any) -> Any:
    b = make.body(zone)
    make.fixed(b, "Varia", order=9, at_end=True)
    make.fixed(b, "Goedkeuring vorig verslag", order=1)
    make.fixed(b, "Rondje van de partners", order=8, at_end=True)
    make.fixed(b, "Voorstelling van een sector", order=2)
    return b


def agenda_url(m: Any) -> str:
    return reverse("meetings:agenda", kwargs={"zone": "amalo", "pk": m.pk})


# --- agenda_build -----------------------------------------------------------------------------------


def test_build_adds_fixed_items_and_open_follow_ups_once(zone: Any, users: Any, body: Any) -> None:
    earlier = make.meeting(body, D(2025, 10, 9), status=MeetingStatus.PUBLISHED)
    owner = make.person(zone, first="Lien", last="Verbraeken")
    open_fu = make.follow_up(
        earlier,
        "Folder perinatale zorg verspreiden\nmet de nieuwe adressen",
        owner=owner,
        due_date=D(2026, 1, 31),
    )
    make.follow_up(earlier, "Zaal reserveren", done=True)
    other_body = make.body(zone, name="Werkgroep armoede")
    make.follow_up(make.meeting(other_body, D(2025, 10, 1)), "Niet van dit overleg")
    m = make.meeting(body, D(2026, 2, 12))
    later = make.meeting(body, D(2026, 5, 21))
    make.follow_up(later, "Van een latere vergadering")

    added = svc.agenda_build(zone=zone, actor=users["staff"], meeting=m)
    assert len(added) == 5
    assert make.orders(m) == [
        (1, "Goedkeuring vorig verslag"),
        (2, "Voorstelling van een sector"),
        (3, "Opvolging: Folder perinatale zorg verspreiden"),
        (4, "Rondje van de partners"),
        (5, "Varia"),
    ]
    carried = AgendaItem.objects.for_zone(zone).get(meeting=m, carried_from__isnull=False)
    assert carried.carried_from == open_fu
    assert carried.presenter == owner
    assert "Tegen: 31/01/2026" in carried.description
    assert "Afgesproken op de vergadering van 09/10/2025." in carried.description
    assert "met de nieuwe adressen" in carried.description  # text of more than one line is kept in full
    assert AgendaItem.objects.for_zone(zone).filter(meeting=m, is_fixed=True).count() == 4

    # idempotent: a second build adds nothing
    assert svc.agenda_build(zone=zone, actor=users["staff"], meeting=m) == []
    assert len(make.orders(m)) == 5


def test_build_keeps_existing_items_in_place(zone: Any, users: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    make.item(m, "Thema: kinderarmoede", 1)
    make.item(m, "Varia", 2, is_fixed=True)
    earlier = make.meeting(body, D(2025, 10, 9))
    make.follow_up(earlier, "Cijfers opvragen", owner_text="Gastspreker Jan Testman")
    svc.agenda_build(zone=zone, actor=users["staff"], meeting=m)
    assert make.orders(m) == [
        (1, "Goedkeuring vorig verslag"),
        (2, "Voorstelling van een sector"),
        (3, "Thema: kinderarmoede"),
        (4, "Opvolging: Cijfers opvragen"),
        (5, "Varia"),
        (6, "Rondje van de partners"),
    ]
    carried = AgendaItem.objects.for_zone(zone).get(meeting=m, carried_from__isnull=False)
    assert carried.presenter_name == "Gastspreker Jan Testman"


def test_build_refused_for_an_approved_meeting(zone: Any, users: Any, body: Any) -> None:
    m = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.MINUTES_APPROVED)
    with pytest.raises(ServiceError, match="de agenda ligt vast"):
        svc.agenda_build(zone=zone, actor=users["staff"], meeting=m)
    assert make.orders(m) == []


# --- add, edit, move, delete ---------------------------------------------------------------------


def test_add_goes_before_the_closing_items(zone: Any, users: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    svc.agenda_build(zone=zone, actor=users["staff"], meeting=m)
    presenter = make.person(zone, first="Bram", last="Pieters")
    item = svc.agenda_item_add(
        zone=zone,
        actor=users["staff"],
        meeting=m,
        data={
            "title": "  Project eenzaamheid ",
            "description": "",
            "presenter": presenter,
            "presenter_text": "x",
        },
    )
    assert (item.title, item.presenter_text) == ("Project eenzaamheid", "")
    assert [t for _, t in make.orders(m)][-3:] == ["Project eenzaamheid", "Rondje van de partners", "Varia"]
    assert [o for o, _ in make.orders(m)] == [1, 2, 3, 4, 5]


def test_add_unhappy(zone: Any, other_zone: Any, users: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    with pytest.raises(ServiceError) as exc:
        svc.agenda_item_add(zone=zone, actor=users["staff"], meeting=m, data={"title": "   "})
    assert exc.value.message_dict == {"title": ["Geef het agendapunt een titel."]}
    stranger = make.person(other_zone)
    with pytest.raises(ServiceError, match="Kies een persoon van deze eerstelijnszone."):
        svc.agenda_item_add(
            zone=zone, actor=users["staff"], meeting=m, data={"title": "Punt", "presenter": stranger}
        )
    published = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.PUBLISHED)
    with pytest.raises(ServiceError, match="de agenda ligt vast"):
        svc.agenda_item_add(zone=zone, actor=users["staff"], meeting=published, data={"title": "Punt"})
    assert not AgendaItem.objects.for_zone(zone).exists()


def test_move_keeps_a_clean_sequence(zone: Any, users: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    a = make.item(m, "A", 3)
    b = make.item(m, "B", 7)
    c = make.item(m, "C", 7)
    svc.agenda_item_move(zone=zone, actor=users["staff"], item=c, direction="up")
    assert make.orders(m) == [(1, "A"), (2, "C"), (3, "B")]
    svc.agenda_item_move(zone=zone, actor=users["staff"], item=a, direction="down")
    assert make.orders(m) == [(1, "C"), (2, "A"), (3, "B")]
    with pytest.raises(ServiceError, match="‘C’ staat al bovenaan."):
        svc.agenda_item_move(zone=zone, actor=users["staff"], item=c, direction="up")
    with pytest.raises(ServiceError, match="‘B’ staat al onderaan."):
        svc.agenda_item_move(zone=zone, actor=users["staff"], item=b, direction="down")
    with pytest.raises(ServiceError, match="Kies omhoog of omlaag."):
        svc.agenda_item_move(zone=zone, actor=users["staff"], item=b, direction="sideways")
    assert make.orders(m) == [(1, "C"), (2, "A"), (3, "B")]


def test_delete_renumbers_and_refuses_items_with_minutes(zone: Any, users: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    make.item(m, "A", 1)
    b = make.item(m, "B", 2)
    make.item(m, "C", 3)
    svc.agenda_item_delete(zone=zone, actor=users["staff"], item=b)
    assert make.orders(m) == [(1, "A"), (2, "C")]
    with_minutes = make.item(m, "D", 3, minutes="Er werd afgesproken om ...")
    with pytest.raises(ServiceError, match="‘D’ heeft al een verslag"):
        svc.agenda_item_delete(zone=zone, actor=users["staff"], item=with_minutes)
    assert make.orders(m) == [(1, "A"), (2, "C"), (3, "D")]


def test_update_an_item(zone: Any, users: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    it = make.item(m, "A", 1, presenter=make.person(zone))
    saved = svc.agenda_item_update(
        zone=zone,
        actor=users["staff"],
        item=it,
        data={"title": "A'", "presenter": None, "presenter_text": "Gast"},
    )
    assert (saved.title, saved.presenter_id, saved.presenter_name) == ("A'", None, "Gast")
    with pytest.raises(ServiceError, match="Geef het agendapunt een titel."):
        svc.agenda_item_update(zone=zone, actor=users["staff"], item=it, data={"title": ""})
    it.refresh_from_db()
    assert it.title == "A'"


# --- screens ----------------------------------------------------------------------------------------


def _agenda_rows(zone: Any) -> tuple[int, int]:
    return (
        AgendaItem.objects.for_zone(zone).count(),
        AuditEntry.objects.for_zone(zone).filter(action="agenda_built").count(),
    )


def test_get_shows_an_unbuilt_agenda_and_changes_nothing(staff_client: Client, zone: Any, body: Any) -> None:
    earlier = make.meeting(body, D(2025, 10, 9), status=MeetingStatus.PUBLISHED)
    make.follow_up(earlier, "Zaal reserveren")
    m = make.meeting(body, D(2026, 2, 12))
    before = _agenda_rows(zone)
    for _ in range(2):
        html = staff_client.get(agenda_url(m)).content.decode()
        assert "Deze agenda is nog leeg" in html
        assert "Agenda opbouwen" in html and 'name="action" value="build"' in html
        assert "csrfmiddlewaretoken" in html
    assert _agenda_rows(zone) == before == (0, 0)
    assert make.orders(m) == []


def test_build_needs_a_post_with_a_csrf_token(users: Any, zone: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["staff"])
    assert strict.post(agenda_url(m), {"action": "build"}).status_code == 403
    assert _agenda_rows(zone) == (0, 0)


def test_post_builds_the_agenda_and_a_visit_does_not_rebuild(
    staff_client: Client, zone: Any, body: Any
) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    response = staff_client.post(agenda_url(m), {"action": "build"}, follow=True)
    html = response.content.decode()
    assert "4 punt(en) toegevoegd aan de agenda." in html
    assert "Agenda opbouwen" not in html and "Goedkeuring vorig verslag" in html
    assert len(make.orders(m)) == 4
    varia = AgendaItem.objects.for_zone(zone).get(meeting=m, title="Varia")
    staff_client.post(reverse("meetings:agenda_item_delete", kwargs={"zone": "amalo", "pk": varia.pk}))
    staff_client.get(agenda_url(m))  # not rebuilt: the deleted item stays away
    assert [t for _, t in make.orders(m)] == [
        "Goedkeuring vorig verslag",
        "Voorstelling van een sector",
        "Rondje van de partners",
    ]
    response = staff_client.post(agenda_url(m), {"action": "build"}, follow=True)
    assert "1 punt(en) toegevoegd aan de agenda." in response.content.decode()


def test_an_emptied_agenda_is_not_offered_as_unbuilt(staff_client: Client, zone: Any) -> None:
    m = make.meeting(make.body(zone, name="Werkgroep zonder vaste punten"), D(2026, 2, 12))
    staff_client.post(agenda_url(m), {"action": "build"})  # nothing to add, but built
    html = staff_client.get(agenda_url(m)).content.decode()
    assert "Deze agenda is nog leeg" not in html
    assert "Vaste punten en open opvolgpunten toevoegen" in html


def test_a_held_meeting_is_not_built_on_visit(staff_client: Client, body: Any) -> None:
    m = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.HELD)
    html = staff_client.get(agenda_url(m)).content.decode()
    assert "Nog geen agendapunten" in html
    assert make.orders(m) == []


def test_add_item_on_the_page(staff_client: Client, zone: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12))
    staff_client.post(agenda_url(m), {"action": "build"})
    member = make.person(zone, first="Saar", last="Moortgat")
    make.member(body, member)
    form = staff_client.get(agenda_url(m)).context["form"]
    assert member in form.fields["presenter"].queryset
    response = staff_client.post(agenda_url(m), {"title": "Signalen uit de wijk", "presenter": member.pk})
    assert response.status_code == 302
    assert [t for _, t in make.orders(m)][2] == "Signalen uit de wijk"


def test_add_item_unhappy_on_the_page(staff_client: Client, zone: Any, body: Any) -> None:
    m = make.meeting(body, D(2026, 2, 12), status=MeetingStatus.HELD)
    member = make.person(zone)
    make.member(body, member)
    response = staff_client.post(agenda_url(m), {"title": "", "presenter_text": ""})
    assert "Geef het agendapunt een titel." in response.content.decode()
    response = staff_client.post(agenda_url(m), {"title": "X", "presenter": member.pk, "presenter_text": "Y"})
    assert "Kies een lid óf typ een naam, niet allebei." in response.content.decode()
    assert make.orders(m) == []


def test_move_without_javascript_and_with_htmx(staff_client: Client, body: Any) -> None:
    m = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.HELD)
    a = make.item(m, "A", 1)
    b = make.item(m, "B", 2)
    url = reverse("meetings:agenda_item_move", kwargs={"zone": "amalo", "pk": b.pk})
    assert staff_client.get(url).status_code == 405
    response = staff_client.post(url, {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == agenda_url(m) + f"#punt-{b.pk}"
    assert make.orders(m) == [(1, "B"), (2, "A")]
    url_a = reverse("meetings:agenda_item_move", kwargs={"zone": "amalo", "pk": a.pk})
    response = staff_client.post(url_a, {"direction": "up"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="agenda-list"' in html
    assert html.index(">A<") < html.index(">B<")
    response = staff_client.post(url_a, {"direction": "up"}, HTTP_HX_REQUEST="true")
    assert "‘A’ staat al bovenaan." in response.content.decode()
    response = staff_client.post(url_a, {"direction": "up"}, follow=True)
    assert "‘A’ staat al bovenaan." in response.content.decode()
    assert make.orders(m) == [(1, "A"), (2, "B")]


def test_delete_asks_first(staff_client: Client, body: Any) -> None:
    m = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.HELD)
    it = make.item(m, "Weg ermee", 1)
    url = reverse("meetings:agenda_item_delete", kwargs={"zone": "amalo", "pk": it.pk})
    html = staff_client.get(url).content.decode()
    assert "Wil je ‘Weg ermee’ van de agenda van donderdag 13 februari 2025 halen?" in html
    assert make.orders(m) == [(1, "Weg ermee")]
    response = staff_client.post(url, follow=True)
    assert "‘Weg ermee’ is van de agenda gehaald." in response.content.decode()
    assert make.orders(m) == []


def test_edit_item_page(staff_client: Client, body: Any) -> None:
    m = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.HELD)
    it = make.item(m, "Oud", 1)
    url = reverse("meetings:agenda_item_edit", kwargs={"zone": "amalo", "pk": it.pk})
    assert staff_client.get(url).context["form"].initial["title"] == "Oud"
    assert staff_client.post(url, {"title": "Nieuw", "presenter_text": "Gast"}).status_code == 302
    it.refresh_from_db()
    assert (it.title, it.presenter_text) == ("Nieuw", "Gast")


def test_agenda_screens_of_another_body_or_zone(
    client_as: Any, users: Any, zone: Any, other_zone: Any, body: Any
) -> None:
    mine = make.body(zone, name="Werkgroep mijn")
    make.body_secretary(mine, users["secretary"])
    client = client_as("secretary")
    m = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.HELD)
    it = make.item(m, "A", 1)
    assert client.get(agenda_url(m)).status_code == 403
    assert (
        client.post(reverse("meetings:agenda_item_delete", kwargs={"zone": "amalo", "pk": it.pk})).status_code
        == 403
    )
    assert make.orders(m) == [(1, "A")]
    foreign = make.item(make.meeting(make.body(other_zone), D(2026, 2, 12)), "B", 1)
    staff = client_as("staff")
    assert (
        staff.get(
            reverse("meetings:agenda_item_edit", kwargs={"zone": "amalo", "pk": foreign.pk})
        ).status_code
        == 404
    )


@pytest.mark.parametrize("n", [1, 20])
def test_agenda_page_query_count(
    staff_client: Client, zone: Any, body: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    m = make.meeting(body, D(2025, 2, 13), status=MeetingStatus.HELD)
    for i in range(n):
        make.item(m, f"Punt {i}", i + 1, presenter=make.person(zone))
        make.member(body, make.person(zone))
    with django_assert_max_num_queries(8):
        response = staff_client.get(agenda_url(m))
    assert len(response.context["items"]) == n


def test_a_one_line_follow_up_is_not_repeated_under_its_title() -> None:
    import datetime as dt

    from zorgraad.meetings.models import FollowUp, Meeting
    from zorgraad.meetings.services.agenda import _follow_up_description, _follow_up_title

    fu = FollowUp(
        description="Flyer rondsturen", owner_text="Coördinator", meeting=Meeting(date=dt.date(2025, 10, 9))
    )
    assert _follow_up_title(fu) == "Opvolging: Flyer rondsturen"
    assert _follow_up_description(fu) == "Wie: Coördinator\nAfgesproken op de vergadering van 09/10/2025."
