"""Planning screens: the year table, one meeting (create, edit), the meeting page and its status buttons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from zorgraad.meetings.models import Meeting, MeetingStatus

from . import test_schedule_support as make

D = dt.date
pytestmark = pytest.mark.django_db

# The planning page and the meeting page do a fixed number of queries whatever the number of rows.
SCHEDULE_QUERIES = 16
DETAIL_QUERIES = 9  # one more since issue 15: the count of answers to the invitation


def schedule_url(body: Any, year: int = 2026) -> str:
    return reverse("meetings:schedule", kwargs={"zone": "amalo", "body": body.slug, "year": year})


def detail_url(m: Meeting) -> str:
    return reverse("meetings:meeting_detail", kwargs={"zone": "amalo", "pk": m.pk})


def _rows(body: Any, rows: list[dict[str, Any]], token: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {
        "rij-TOTAL_FORMS": str(len(rows)),
        "rij-INITIAL_FORMS": str(len(rows)),
        "rij-MIN_NUM_FORMS": "0",
        "rij-MAX_NUM_FORMS": "1000",
        "form_token": token,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            if key == "include":
                if value:
                    data[f"rij-{i}-include"] = "on"
            else:
                data[f"rij-{i}-{key}"] = value
    return data


def _row(
    day: str, start: str = "13:30", end: str = "16:00", venue: Any = None, include: bool = True
) -> dict[str, Any]:
    return {
        "include": include,
        "date": day,
        "start_time": start,
        "end_time": end,
        "venue_organisation": venue.pk if venue else "",
        "label": "Q1",
        "reason": "",
    }


@pytest.fixture
def welfare(zone: Any) -> Any:
    body = make.body(zone)
    for name in ("CAW Testhuis", "OCMW Testdorp", "Woonzorgcentrum Testhof"):
        make.member(body, make.person(zone), make.org(zone, name))
    return body


# --- the year table ----------------------------------------------------------------------------------


def test_schedule_page_shows_the_proposals(staff_client: Client, welfare: Any) -> None:
    response = staff_client.get(schedule_url(welfare))
    assert response.status_code == 200
    html = response.content.decode()
    for day in ("2026-02-12", "2026-05-21", "2026-11-12"):
        assert f'value="{day}"' in html
    assert "Donderdag het dichtst bij half mei" in html
    assert "CAW Testhuis" in html
    assert response.context["formset"].forms[0].initial["venue_organisation"]
    assert 'href="/amalo/beheer/overleg/' + welfare.slug + '/planning/2027/"' in html


def test_year_navigation_by_query_string(staff_client: Client, welfare: Any) -> None:
    response = staff_client.get(schedule_url(welfare) + "?jaar=2027")
    assert response.status_code == 302
    assert response["Location"] == schedule_url(welfare, 2027)
    assert staff_client.get(schedule_url(welfare, 1999)).status_code == 404


def test_confirm_the_ticked_rows(staff_client: Client, welfare: Any, zone: Any) -> None:
    host = make.org(zone, "Lokaal dienstencentrum Testhof")
    make.member(welfare, make.person(zone), host)
    data = _rows(
        welfare,
        [
            _row("2026-02-12", venue=host),
            _row("2026-05-21", include=False),
            _row("2026-11-12", start="09:30", end="12:00"),
        ],
    )
    response = staff_client.post(schedule_url(welfare), data, follow=True)
    assert response.status_code == 200
    assert "2 vergadering(en) gepland voor Clusteroverleg welzijn." in response.content.decode()
    made = list(Meeting.objects.for_zone(zone).filter(body=welfare).order_by("date"))
    assert [(m.date, m.start_time, m.venue_organisation_id) for m in made] == [
        (D(2026, 2, 12), dt.time(13, 30), host.pk),
        (D(2026, 11, 12), dt.time(9, 30), None),
    ]


def test_errors_per_row_and_nothing_saved(staff_client: Client, welfare: Any, zone: Any) -> None:
    data = _rows(welfare, [_row("2026-02-12"), _row("2026-05-21", start="16:00", end="13:30")])
    response = staff_client.post(schedule_url(welfare), data)
    assert response.status_code == 200
    forms = response.context["formset"].forms
    assert forms[1].errors["end_time"] == ["Het einduur moet na het beginuur liggen."]
    assert "Het einduur moet na het beginuur liggen." in response.content.decode()
    assert not Meeting.objects.for_zone(zone).exists()


def test_service_errors_land_on_their_row(staff_client: Client, welfare: Any, zone: Any) -> None:
    host = make.org(zone, "Huis van het Kind Testdorp")
    make.meeting(make.body(zone, name="Werkgroep armoede"), D(2026, 5, 21), venue=host)
    data = _rows(welfare, [_row("2026-02-12", venue=None), _row("2026-05-21")])
    data["rij-1-venue_organisation"] = ""
    # the venue is not among the body's member organisations: the choice is refused
    data["rij-0-venue_organisation"] = str(host.pk)
    response = staff_client.post(schedule_url(welfare), data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["venue_organisation"]
    assert Meeting.objects.for_zone(zone).filter(body=welfare).count() == 0
    # same venue through membership: the clash is reported on row 2, nothing is saved
    make.member(welfare, make.person(zone), host)
    data = _rows(welfare, [_row("2026-02-12"), _row("2026-05-21", venue=host)])
    response = staff_client.post(schedule_url(welfare), data)
    assert response.status_code == 200
    errors = response.context["formset"].forms[1].non_field_errors()
    assert "Huis van het Kind Testdorp al een vergadering: Werkgroep armoede" in errors[0]
    assert Meeting.objects.for_zone(zone).filter(body=welfare).count() == 0


def test_nothing_ticked(staff_client: Client, welfare: Any, zone: Any) -> None:
    data = _rows(welfare, [_row("2026-02-12", include=False, start="bad")])
    response = staff_client.post(schedule_url(welfare), data, follow=True)
    assert "Vink minstens één datum aan om te plannen." in response.content.decode()
    assert not Meeting.objects.for_zone(zone).exists()


def test_double_post_plans_once(staff_client: Client, welfare: Any, zone: Any) -> None:
    token = staff_client.get(schedule_url(welfare)).context["form_token"]
    data = _rows(welfare, [_row("2026-02-12")], token=token)
    assert staff_client.post(schedule_url(welfare), data).status_code == 302
    assert staff_client.post(schedule_url(welfare), data).status_code == 302
    assert Meeting.objects.for_zone(zone).count() == 1


def test_no_rule_shows_an_empty_state(staff_client: Client, zone: Any) -> None:
    body = make.body(zone, rule_quarters="", meetings_per_year=0)
    html = staff_client.get(schedule_url(body)).content.decode()
    assert "heeft nog geen vergaderritme" in html


@pytest.mark.parametrize("n", [1, 20])
def test_schedule_page_query_count(
    staff_client: Client, zone: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    body = make.body(zone, rule_quarters="", meetings_per_year=n)
    for i in range(n):
        make.member(body, make.person(zone), make.org(zone))
        make.meeting(body, D(2026, 1, 5) + dt.timedelta(days=7 * i), venue=None)
    with django_assert_max_num_queries(SCHEDULE_QUERIES):
        response = staff_client.get(schedule_url(body))
    assert response.status_code == 200
    assert len(response.context["existing"]) == n


# --- who may plan ---------------------------------------------------------------------------------


def test_body_secretary_plans_only_their_own_body(
    client_as: Any, users: Any, zone: Any, welfare: Any
) -> None:
    other = make.body(zone, name="Werkgroep armoede")
    make.body_secretary(welfare, users["secretary"])
    client = client_as("secretary")
    assert client.get(schedule_url(welfare)).status_code == 200
    assert client.get(schedule_url(other)).status_code == 403
    m = make.meeting(other, D(2026, 3, 5))
    assert client.get(detail_url(m)).status_code == 403
    assert (
        client.post(
            reverse("meetings:meeting_transition", kwargs={"zone": "amalo", "pk": m.pk}), {"to": "cancelled"}
        ).status_code
        == 403
    )
    m.refresh_from_db()
    assert m.status == MeetingStatus.PLANNED


def test_another_zones_meeting_is_a_404(staff_client: Client, other_zone: Any) -> None:
    m = make.meeting(make.body(other_zone), D(2026, 3, 5))
    assert staff_client.get(detail_url(m)).status_code == 404
    assert (
        staff_client.get(reverse("meetings:meeting_edit", kwargs={"zone": "amalo", "pk": m.pk})).status_code
        == 404
    )


# --- one meeting ------------------------------------------------------------------------------------


def _meeting_data(**extra: Any) -> dict[str, Any]:
    return {
        "title": "",
        "date": "2026-03-12",
        "start_time": "13:30",
        "end_time": "16:00",
        "venue_organisation": "",
        "venue": "",
        "online_url": "",
        **extra,
    }


def test_create_a_meeting(staff_client: Client, welfare: Any, zone: Any) -> None:
    url = reverse("meetings:meeting_create", kwargs={"zone": "amalo", "body": welfare.slug})
    form = staff_client.get(url + "?datum=2026-03-12").context["form"]
    assert form.initial["date"] == "2026-03-12"
    assert form.initial["start_time"] == dt.time(13, 30)
    response = staff_client.post(url, _meeting_data(venue="Zaal De Kouter, Asse"), follow=True)
    assert "De vergadering van donderdag 12 maart 2026 is gepland." in response.content.decode()
    m = Meeting.objects.for_zone(zone).get()
    assert (m.body_id, m.venue, m.status) == (welfare.pk, "Zaal De Kouter, Asse", MeetingStatus.PLANNED)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"start_time": "16:00", "end_time": "13:30"},
            "end_time",
            "Het einduur moet na het beginuur liggen.",
        ),
        ({"date": ""}, "date", "Vul de datum in."),
        ({"online_url": "geen link"}, "online_url", "Geef een volledig webadres"),
    ],
)
def test_create_unhappy(
    staff_client: Client, welfare: Any, zone: Any, data: dict[str, str], field: str, message: str
) -> None:
    url = reverse("meetings:meeting_create", kwargs={"zone": "amalo", "body": welfare.slug})
    response = staff_client.post(url, _meeting_data(**data))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Meeting.objects.for_zone(zone).exists()


def test_create_on_a_taken_venue_names_the_other_meeting(
    staff_client: Client, welfare: Any, zone: Any
) -> None:
    host = make.org(zone, "Dienstencentrum Ter Kouter")
    make.meeting(make.body(zone, name="Algemene vergadering"), D(2026, 3, 12), venue=host)
    url = reverse("meetings:meeting_create", kwargs={"zone": "amalo", "body": welfare.slug})
    response = staff_client.post(url, _meeting_data(venue_organisation=str(host.pk)))
    assert response.status_code == 200
    assert (
        "Op donderdag 12 maart 2026 is er bij Dienstencentrum Ter Kouter al een vergadering: "
        "Algemene vergadering (13:30–16:00)." in response.content.decode()
    )
    assert Meeting.objects.for_zone(zone).count() == 1


def test_edit_a_meeting_of_which_the_invitation_went_out(staff_client: Client, welfare: Any) -> None:
    m = make.meeting(welfare, D(2026, 3, 12), status=MeetingStatus.INVITED)
    url = reverse("meetings:meeting_edit", kwargs={"zone": "amalo", "pk": m.pk})
    assert staff_client.get(url).context["form"].initial["date"] == D(2026, 3, 12)
    response = staff_client.post(url, _meeting_data(date="2026-03-19"), follow=True)
    html = response.content.decode()
    assert "De wijzigingen zijn bewaard." in html
    assert "Verstuur ze opnieuw" in html
    m.refresh_from_db()
    assert (m.date, m.sequence) == (D(2026, 3, 19), 1)


def test_edit_end_before_start_changes_nothing(staff_client: Client, welfare: Any) -> None:
    m = make.meeting(welfare, D(2026, 3, 12))
    url = reverse("meetings:meeting_edit", kwargs={"zone": "amalo", "pk": m.pk})
    response = staff_client.post(url, _meeting_data(date="2026-03-19", end_time="12:00"))
    assert "Het einduur moet na het beginuur liggen." in response.content.decode()
    m.refresh_from_db()
    assert (m.date, m.end_time, m.sequence) == (D(2026, 3, 12), dt.time(16, 0), 0)


# --- the meeting page -------------------------------------------------------------------------------


def test_meeting_page_links_to_every_step(staff_client: Client, welfare: Any) -> None:
    m = make.meeting(welfare, D(2026, 3, 12))
    make.item(m, "Goedkeuring vorig verslag", 1)
    html = staff_client.get(detail_url(m)).content.decode()
    for name in ("agenda", "invite", "attendance", "minutes", "meeting_edit"):
        assert reverse(f"meetings:{name}", kwargs={"zone": "amalo", "pk": m.pk}) in html
    assert (
        reverse("meetings:meeting_public", kwargs={"zone": "amalo", "body": welfare.slug, "pk": m.pk}) in html
    )
    assert "Goedkeuring vorig verslag" in html
    assert 'value="held"' in html and 'value="cancelled"' in html
    assert 'value="invited"' not in html  # inviting goes through the invitation page


def test_meeting_page_after_the_meeting(staff_client: Client, welfare: Any) -> None:
    m = make.meeting(welfare, D(2025, 3, 13), status=MeetingStatus.HELD)
    html = staff_client.get(detail_url(m)).content.decode()
    assert reverse("meetings:minutes_approve", kwargs={"zone": "amalo", "pk": m.pk}) in html
    for fmt in ("docx", "pdf"):
        assert reverse("meetings:minutes_export", kwargs={"zone": "amalo", "pk": m.pk, "fmt": fmt}) in html
    approved = make.meeting(welfare, D(2025, 6, 12), status=MeetingStatus.MINUTES_APPROVED)
    html = staff_client.get(detail_url(approved)).content.decode()
    assert reverse("meetings:minutes_publish", kwargs={"zone": "amalo", "pk": approved.pk}) in html


@pytest.mark.parametrize("n", [1, 20])
def test_meeting_page_query_count(
    staff_client: Client, welfare: Any, zone: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    m = make.meeting(welfare, D(2026, 3, 12), venue=make.org(zone))
    for i in range(n):
        make.item(m, f"Punt {i}", i + 1, presenter=make.person(zone))
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = staff_client.get(detail_url(m))
    assert response.status_code == 200
    assert len(response.context["items"]) == n


def test_transition_buttons(staff_client: Client, welfare: Any) -> None:
    m = make.meeting(welfare, dt.date.today() - dt.timedelta(days=2))
    url = reverse("meetings:meeting_transition", kwargs={"zone": "amalo", "pk": m.pk})
    assert staff_client.get(url).status_code == 405
    response = staff_client.post(url, {"to": "held"}, follow=True)
    assert "De vergadering staat nu op ‘gehouden’." in response.content.decode()
    m.refresh_from_db()
    assert m.status == MeetingStatus.HELD


def test_refused_transition_shows_a_dutch_message(staff_client: Client, welfare: Any) -> None:
    m = make.meeting(welfare, dt.date.today() + dt.timedelta(days=30))
    url = reverse("meetings:meeting_transition", kwargs={"zone": "amalo", "pk": m.pk})
    html = staff_client.post(url, {"to": "held"}, follow=True).content.decode()
    assert "Deze vergadering is nog niet gehouden" in html
    html = staff_client.post(url, {"to": "approved"}, follow=True).content.decode()
    assert "Goedkeuren en publiceren gebeurt vanuit het verslag." in html
    m.refresh_from_db()
    assert m.status == MeetingStatus.PLANNED
    cancel = staff_client.post(url, {"to": "cancelled"}, follow=True).content.decode()
    assert "De vergadering staat nu op ‘geannuleerd’." in cancel
    past = make.meeting(welfare, dt.date.today() - dt.timedelta(days=3), status=MeetingStatus.CANCELLED)
    url = reverse("meetings:meeting_transition", kwargs={"zone": "amalo", "pk": past.pk})
    html = staff_client.post(url, {"to": "held"}, follow=True).content.decode()
    assert "Een vergadering met status ‘geannuleerd’ kan niet naar ‘gehouden’." in html
    past.refresh_from_db()
    assert past.status == MeetingStatus.CANCELLED


MANAGE_PAGES = ["meeting_detail", "meeting_edit", "agenda", "invite"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("partner", 403),
        ("member", 403),
        ("other_staff", 403),
        ("secretary", 403),  # a secretary, but not of this body
        ("staff", 200),
        ("admin", 200),
    ],
)
def test_walk_the_planning_pages_as_every_role(client_as: Any, zone: Any, role: str, expected: int) -> None:
    body = make.body(zone)
    m = make.meeting(body, D(2026, 3, 12))
    it = make.item(m, "Punt", 1)
    client = client_as(role)
    urls = [reverse(f"meetings:{name}", kwargs={"zone": "amalo", "pk": m.pk}) for name in MANAGE_PAGES]
    urls += [
        schedule_url(body),
        reverse("meetings:meeting_create", kwargs={"zone": "amalo", "body": body.slug}),
        reverse("meetings:agenda_item_edit", kwargs={"zone": "amalo", "pk": it.pk}),
        reverse("meetings:agenda_item_delete", kwargs={"zone": "amalo", "pk": it.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == expected, url
    for name in ("zone_ics", "body_ics"):
        kwargs = {"zone": "amalo"} if name == "zone_ics" else {"zone": "amalo", "body": body.slug}
        assert client.get(reverse(f"meetings:{name}", kwargs=kwargs)).status_code == 200
