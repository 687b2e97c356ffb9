from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from zorgraad.events import indicators, selectors, services
from zorgraad.events.models import (
    EvaluationKind,
    EvaluationQuestion,
    Event,
    EventStatus,
    PartnerPromotion,
    Registration,
    RegistrationStatus,
)
from zorgraad.network.models import Organisation
from zorgraad.planning.sources import SourceQuery

from .factories import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.sends_mail]


def _u(name, event, **kw):
    return reverse(f"events:{name}", kwargs={"zone": event.zone.slug, "pk": event.pk, **kw})


def reg(zone, event, n, **kw):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.registration_create(
            zone=zone, event=event, name=f"Deelnemer {n}", email=f"d{n}@voorbeeld.be", **kw
        ).registration


def test_staff_create_event_refuses_end_before_start_in_dutch(zone, staff_client):
    url = reverse("events:event_create", kwargs={"zone": zone.slug})
    data = {
        "kind": "infolunch",
        "audience": "professionals",
        "title": "Infolunch",
        "day": "2027-01-14",
        "start_time": "14:00",
        "end_time": "12:00",
        "status": "published",
        "capacity": "20",
        "registration_required": "on",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "eindigt vóór ze begint" in response.content.decode()
    assert not Event.objects.for_zone(zone).exists()
    data["end_time"] = "16:00"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    event = Event.objects.for_zone(zone).get()
    assert timezone.localtime(event.starts_at).strftime("%a %H:%M") == "Thu 14:00"


def test_staff_edit_capacity_below_confirmed_shows_the_numbers(zone, staff_client, mailoutbox):
    event = make_event(zone, capacity=5)
    for n in range(3):
        reg(zone, event, n)
    response = staff_client.get(_u("event_edit", event))
    form = response.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | tuple)}
    data.update(
        day=form.initial["day"].isoformat(),
        start_time="12:00",
        end_time="14:00",
        capacity="2",
        status="published",
        registration_required="on",
        kind=event.kind,
        audience=event.audience,
        title=event.title,
    )
    response = staff_client.post(_u("event_edit", event), data)
    assert response.status_code == 200
    assert "3 bevestigde inschrijvingen" in response.content.decode()
    event.refresh_from_db()
    assert event.capacity == 5


def test_same_day_shows_partners_and_other_zones(zone, other_zone, staff_client):
    mine = make_event(zone, title="Partnerlunch", status=EventStatus.PROPOSED)
    make_event(other_zone, title="Symposium elders")
    day = timezone.localdate(mine.starts_at).isoformat()
    response = staff_client.get(reverse("events:same_day", kwargs={"zone": zone.slug}), {"day": day})
    body = response.content.decode()
    assert "Partnerlunch" in body and "Symposium elders" in body and other_zone.name in body


def test_partner_proposes_and_staff_approve(zone, client_as, staff_client):
    partner = client_as("partner")
    url = reverse("events:event_propose", kwargs={"zone": zone.slug})
    response = partner.post(
        url,
        {
            "kind": "infolunch",
            "audience": "burgers",
            "title": "Praatcafé dementie",
            "day": "2027-02-03",
            "start_time": "14:00",
            "end_time": "16:00",
            "registration_required": "on",
        },
    )
    assert response.status_code == 302
    event = Event.objects.for_zone(zone).get()
    assert event.status == EventStatus.PROPOSED
    assert (
        "Praatcafé"
        not in staff_client.get(reverse("events:agenda", kwargs={"zone": zone.slug})).content.decode()
    )
    staff_client.post(_u("event_decide", event), {"besluit": "opnemen"})
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert partner.get(_u("event_detail", event)).status_code == 403


def test_check_in_on_a_phone_walk_in_no_show_and_exports(zone, staff_client, mailoutbox):
    event = make_event(zone, capacity=3)
    a, b = reg(zone, event, 1), reg(zone, event, 2)
    page = staff_client.get(_u("check_in", event), {"q": "Deelnemer 1"})
    assert "Deelnemer 1" in page.content.decode() and "Deelnemer 2" not in page.content.decode()
    row = staff_client.post(
        _u("check_in", event), {"inschrijving": a.pk, "aanwezig": "1"}, HTTP_HX_REQUEST="true"
    )
    assert "✓" in row.content.decode()
    staff_client.post(_u("walk_in", event), {"name": "Loes Binnenloop", "organisation": "CAW"})
    staff_client.post(_u("attendance_close", event))
    statuses = dict(Registration.objects.for_zone(zone).filter(event=event).values_list("name", "status"))
    assert statuses == {
        "Deelnemer 1": RegistrationStatus.ATTENDED,
        "Deelnemer 2": RegistrationStatus.NO_SHOW,
        "Loes Binnenloop": RegistrationStatus.ATTENDED,
    }
    xlsx = staff_client.get(_u("attendance_export", event))
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    assert ws.auto_filter.ref == "A1:G4"
    assert {ws.cell(row=r, column=1).value for r in range(2, 5)} == set(statuses)
    printable = staff_client.get(_u("attendance_print", event)).content.decode()
    assert "Loes Binnenloop" in printable and "Handtekening" in printable
    assert b.pk


def test_registration_lists_cost_the_same_queries_for_2_and_20(zone, staff_client, mailoutbox):
    orgs = [Organisation.objects.create(zone=zone, name=f"Organisatie {n}") for n in range(3)]
    event = make_event(zone, capacity=100)
    for n in range(2):
        reg(zone, event, n, organisation=orgs[n % 3])
    counts = {}
    for name in ("event_detail", "check_in"):
        staff_client.get(_u(name, event))
        with CaptureQueriesContext(connection) as q:
            staff_client.get(_u(name, event))
        counts[name] = len(q)
    for n in range(2, 20):
        reg(zone, event, n, organisation=orgs[n % 3])
    for name, before in counts.items():
        with CaptureQueriesContext(connection) as q:
            response = staff_client.get(_u(name, event))
        assert "Deelnemer 19" in response.content.decode()
        assert len(q) <= before, name
    staff_client.get(reverse("events:event_list", kwargs={"zone": zone.slug}))
    with CaptureQueriesContext(connection) as few:
        staff_client.get(reverse("events:event_list", kwargs={"zone": zone.slug}))
    for n in range(10):
        make_event(zone, days=20 + n)
    with CaptureQueriesContext(connection) as many:
        staff_client.get(reverse("events:event_list", kwargs={"zone": zone.slug}))
    assert len(many) <= len(few)


def test_evaluation_is_anonymous_closes_and_sums_up(zone, staff_client, client, mailoutbox):
    event = make_event(zone, days=-1)
    Event.objects.for_zone(zone).filter(pk=event.pk).update(
        evaluation_closes_at=timezone.now() + dt.timedelta(days=7)
    )
    event.refresh_from_db()
    scale = EvaluationQuestion.objects.create(
        zone=zone, event=event, text="Tevreden?", kind=EvaluationKind.SCALE
    )
    choice = EvaluationQuestion.objects.create(
        zone=zone, event=event, text="Bruikbaar?", kind=EvaluationKind.CHOICE, choices="ja\nnee"
    )
    text = EvaluationQuestion.objects.create(
        zone=zone, event=event, text="Opmerkingen", kind=EvaluationKind.TEXT
    )
    people = [
        Registration.objects.create(
            zone=zone,
            event=event,
            name=f"P{n}",
            email=f"e{n}@voorbeeld.be",
            status=RegistrationStatus.ATTENDED,
        )
        for n in range(3)
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        staff_client.post(_u("evaluation_summary", event))
    assert len(mailoutbox) == 3 and "/activiteiten/evaluatie/" in mailoutbox[0].body
    from zorgraad.events import mail as event_mail

    for person, (score, pick, words) in zip(people[:2], [(4, "ja", "Goed"), (5, "nee", "")], strict=True):
        url = reverse("events:evaluation", kwargs={"zone": zone.slug, "token": event_mail.link_token(person)})
        response = client.post(url, {f"q_{scale.pk}": score, f"q_{choice.pk}": pick, f"q_{text.pk}": words})
        assert response.status_code == 302
    again = client.post(url, {f"q_{scale.pk}": 1}, follow=True)
    assert "al geëvalueerd" in again.content.decode()
    responses, summaries = selectors.evaluation_summary(zone, event)
    assert responses == 2
    assert summaries[0].average == 4.5 and dict(summaries[0].distribution)["5"] == 1
    assert dict(summaries[1].distribution) == {"ja": 1, "nee": 1}
    assert summaries[2].texts == ["Goed"]
    page = staff_client.get(_u("evaluation_summary", event)).content.decode()
    assert "2 antwoorden van 3 aanwezigen" in page and "4,5" in page
    # anonymous: nothing links an answer to a person
    from zorgraad.events.models import EvaluationResponse

    assert not [f for f in EvaluationResponse._meta.get_fields() if f.name in ("registration", "person")]
    Event.objects.for_zone(zone).filter(pk=event.pk).update(evaluation_closes_at=timezone.now())
    url = reverse("events:evaluation", kwargs={"zone": zone.slug, "token": event_mail.link_token(people[2])})
    closed = client.post(url, {f"q_{scale.pk}": 3})
    assert "gesloten" in closed.content.decode()
    assert selectors.evaluation_summary(zone, event)[0] == 2


def test_promotion_per_partner(zone, other_zone, staff_client):
    event = make_event(zone)
    org = Organisation.objects.create(zone=zone, name="CM")
    theirs = Organisation.objects.create(zone=other_zone, name="Elders")
    staff_client.post(
        _u("promotion", event),
        {"promotie-organisation": org.pk, "promotie-promoted": "on", "promotie-channels": "nieuwsbrief"},
    )
    response = staff_client.post(_u("promotion", event), {"promotie-organisation": theirs.pk}, follow=True)
    assert "bestaat niet (meer)" in response.content.decode()
    assert list(PartnerPromotion.objects.for_zone(zone).values_list("organisation__name", "promoted")) == [
        ("CM", True)
    ]


def test_indicator_sources_count_per_event_and_for_the_action(zone, mailoutbox):
    from zorgraad.planning import sources

    a = make_event(zone, days=-10, title="Piekuurtje 1")
    b = make_event(zone, days=-5, title="Piekuurtje 2")
    make_event(zone, days=-4, title="Geannuleerd", status=EventStatus.CANCELLED)
    for event, came in ((a, 3), (b, 1)):
        for n in range(came):
            Registration.objects.create(
                zone=zone,
                event=event,
                name=f"x{n}",
                email=f"{event.pk}-{n}@v.be",
                status=RegistrationStatus.ATTENDED,
                has_seat=True,
            )
        Registration.objects.create(
            zone=zone,
            event=event,
            name="weg",
            email=f"{event.pk}-no@v.be",
            status=RegistrationStatus.NO_SHOW,
            has_seat=True,
        )
    today = timezone.localdate()
    q = SourceQuery(zone=zone, start=today - dt.timedelta(days=30), end=today, object_ids=(a.pk, b.pk))
    attendees = sources.get(indicators.ATTENDEES).compute(q)
    assert attendees.total == 4 and [i.value for i in attendees.instances] == [3, 1]
    assert sources.get(indicators.REGISTRATIONS).compute(q).total == 6
    assert sources.get(indicators.COUNT).compute(q).total == 2
    none = SourceQuery(zone=zone, start=today - dt.timedelta(days=30), end=today, action_id=None)
    assert sources.get(indicators.COUNT).compute(none).total == 0
    assert sources.get(indicators.COUNT).target_model == "events.Event"


def test_new_series_and_co_organiser_from_the_event_form(zone, other_zone, staff_client):
    partner = Organisation.objects.create(zone=zone, name="Huis van het Kind Asse")
    theirs = Organisation.objects.create(zone=other_zone, name="Elders vzw")
    url = reverse("events:event_create", kwargs={"zone": zone.slug})
    data = {
        "kind": "buurtnetwerk",
        "audience": "professionals",
        "title": "Lokaal buurtnetwerk Asse",
        "day": "2027-03-09",
        "start_time": "19:00",
        "end_time": "21:00",
        "status": "published",
        "registration_required": "on",
        "new_series": "Lokale buurtnetwerken",
        "co_organiser": theirs.pk,
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "bestaat niet (meer)" in response.content.decode()
    assert not Event.objects.for_zone(zone).exists()
    data["co_organiser"] = partner.pk
    assert staff_client.post(url, data).status_code == 302
    event = Event.objects.for_zone(zone).get()
    assert event.series.title == "Lokale buurtnetwerken"
    assert list(event.co_organisers.all()) == [partner]
    page = staff_client.get(_u("event_public", event)).content.decode()
    assert "samen met Huis van het Kind Asse" in page


def test_staff_home_and_challenge_hub_show_the_events(zone, staff_client, mailoutbox):
    from zorgraad.challenges.models import Challenge

    challenge = Challenge.objects.create(zone=zone, number="3", title="Mantelzorgers")
    event = make_event(zone, capacity=10, title="Infolunch mantelzorg")
    event.challenges.add(challenge)
    make_event(zone, title="Voorstel van een partner", status=EventStatus.PROPOSED)
    reg(zone, event, 1)
    home = staff_client.get(reverse("zones:dashboard", kwargs={"zone": zone.slug})).content.decode()
    assert "Komende activiteiten" in home and "Infolunch mantelzorg" in home and "1/10 ingeschreven" in home
    assert "1 voorstel van een partner wacht" in home
    hub = staff_client.get(reverse("challenges:detail", kwargs={"zone": zone.slug, "pk": challenge.pk}))
    assert "Infolunch mantelzorg" in hub.content.decode()
