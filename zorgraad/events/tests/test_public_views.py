from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.core import signing
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from zorgraad.events import mail as event_mail
from zorgraad.events import services
from zorgraad.events.models import Audience, Event, EventKind, EventStatus, Question, Registration

from .factories import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.sends_mail]
_addresses = itertools.count(1)


def _client() -> Client:
    n = next(_addresses)
    return Client(REMOTE_ADDR=f"10.1.{n // 256 % 256}.{n % 256}")


def _url(event, name="events:event_public"):
    return reverse(name, kwargs={"zone": event.zone.slug, "pk": event.pk})


def _post(client, event, **data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(_url(event), {"name": "An Testpersoon", "email": "an@voorbeeld.be", **data})


@pytest.mark.django_db(transaction=True)  # writes commit and invalidate the page cache, as requests do
def test_register_on_the_event_page_and_land_on_the_personal_page(zone, mailoutbox):
    event = make_event(zone, capacity=1)
    Question.objects.create(zone=zone, event=event, text="Dieetwensen?", order=1)
    client = _client()
    page = client.get(_url(event))
    assert page.status_code == 200 and "Nog 1 plaats vrij" in page.content.decode()
    response = _post(client, event, **{f"vraag_{event.questions.get().pk}": "vegetarisch"})
    assert response.status_code == 302
    personal = client.get(response["Location"])
    assert "Je bent ingeschreven" in personal.content.decode()
    reg = Registration.objects.for_zone(zone).get()
    assert reg.answers.get().value == "vegetarisch"
    # the cached page followed the write: now full, the form offers the waiting list
    again = _client().get(_url(event)).content.decode()
    assert "Volzet" in again and "Op de wachtlijst" in again
    response = _post(_client(), event, name="Bert Tweede", email="bert@voorbeeld.be")
    waiting = _client().get(response["Location"]).content.decode()
    assert "Je staat op de wachtlijst" in waiting and "nummer 1" in waiting


def test_twice_with_one_email_shows_the_existing_registration_and_mails_the_link_again(zone, mailoutbox):
    event = make_event(zone)
    _post(_client(), event)
    mailoutbox.clear()
    response = _post(_client(), event, name="Iemand Anders", email="AN@voorbeeld.be ")
    assert response.status_code == 200
    assert "al ingeschreven" in response.content.decode()
    assert Registration.objects.for_zone(zone).count() == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["an@voorbeeld.be"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": ""}, "Vul je naam in."),
        ({"email": "geen-adres"}, "Geef een geldig e-mailadres."),
        ({"name": "x" * 300}, "te lang"),
        ({"name": "An\x07Test"}, "stuurteken"),
        ({"website": "http://spam"}, "verborgen veld"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_nothing_is_saved(zone, data, message):
    event = make_event(zone)
    response = _post(_client(), event, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Registration.objects.for_zone(zone).exists()
    event.refresh_from_db()
    assert event.seats_taken == 0


def test_html_in_the_name_is_shown_as_text(zone, mailoutbox):
    event = make_event(zone)
    client = _client()
    response = _post(client, event, name="<b>Vet</b>")
    body = client.get(response["Location"]).content.decode()
    assert "&lt;b&gt;Vet&lt;/b&gt;" in body and "<b>Vet</b>" not in body


def test_registration_after_the_window_is_refused(zone):
    event = make_event(zone, registration_closes_at=timezone.now() - dt.timedelta(hours=1))
    response = _post(_client(), event)
    assert response.status_code == 400
    assert "De inschrijvingen voor deze activiteit zijn afgesloten." in response.content.decode()
    assert not Registration.objects.for_zone(zone).exists()


def test_another_zones_event_and_unpublished_events_are_not_found(zone, other_zone):
    theirs = make_event(other_zone)
    url = reverse("events:event_public", kwargs={"zone": zone.slug, "pk": theirs.pk})
    assert _client().get(url).status_code == 404
    assert _client().post(url, {"name": "A", "email": "a@voorbeeld.be"}).status_code == 404
    draft = make_event(zone, status=EventStatus.PROPOSED)
    assert _client().get(_url(draft)).status_code == 404


def test_personal_link_cancels_once_and_forged_links_are_refused(zone, mailoutbox):
    event = make_event(zone)
    client = _client()
    response = _post(client, event)
    manage = response["Location"]
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(manage)
    assert "geannuleerd" in client.get(manage).content.decode()
    again = client.post(manage, follow=True)
    assert "al geannuleerd" in again.content.decode()
    reg = Registration.objects.for_zone(zone).get()
    forged = signing.dumps({"r": reg.pk, "t": "geraden"}, salt=event_mail.LINK_SALT)
    for token in (forged, "rommel", manage.rstrip("/").split("/")[-1] + "x"):
        url = reverse("events:registration_manage", kwargs={"zone": zone.slug, "token": token})
        refused = client.get(url)
        assert refused.status_code == 404 and "Deze link werkt niet" in refused.content.decode()
    event.refresh_from_db()
    assert event.seats_taken == 0


def test_agenda_lists_filters_and_marks_the_waiting_list(zone, other_zone, mailoutbox):
    full = make_event(zone, capacity=1, title="Volle infolunch", kind=EventKind.INFOLUNCH)
    services.registration_create(zone=zone, event=full, name="A B", email="a@voorbeeld.be")
    make_event(zone, title="Buurtavond", kind=EventKind.NEIGHBOURHOOD, audience=Audience.CITIZENS)
    make_event(zone, title="Verborgen voorstel", status=EventStatus.PROPOSED)
    make_event(other_zone, title="Elders")
    url = reverse("events:agenda", kwargs={"zone": zone.slug})
    page = _client().get(url).content.decode()
    assert "Volle infolunch" in page and "(wachtlijst)" in page and "Buurtavond" in page
    assert "Verborgen voorstel" not in page and "Elders" not in page
    filtered = _client().get(url, {"soort": "buurtnetwerk"}).content.decode()
    assert "Buurtavond" in filtered and "Volle infolunch" not in filtered
    month = _client().get(
        url, {"weergave": "maand", "maand": timezone.localdate(full.starts_at).strftime("%Y-%m")}
    )
    assert "Volle infolunch" in month.content.decode()
    bad = _client().get(url, {"maand": "2026-13", "soort": "<x>"})
    assert bad.status_code == 200 and "Kies een maand als 2026-03." in bad.content.decode()


def test_agenda_lists_an_event_still_running_that_began_before_today(zone):
    """An evening that runs past midnight, or a two-day training begun yesterday, is still on the agenda
    today; one that ended yesterday is not."""
    midnight = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(0)))
    make_event(zone, title="Nog bezig", starts_at=midnight - dt.timedelta(hours=2),
               ends_at=midnight + dt.timedelta(hours=1))  # fmt: skip
    make_event(zone, title="Gisteren afgelopen", starts_at=midnight - dt.timedelta(hours=3),
               ends_at=midnight - dt.timedelta(hours=1))  # fmt: skip
    page = _client().get(reverse("events:agenda", kwargs={"zone": zone.slug})).content.decode()
    assert "Nog bezig" in page
    assert "Gisteren afgelopen" not in page


def test_agenda_costs_the_same_queries_for_2_and_20_events(zone, django_assert_max_num_queries):
    url = reverse("events:agenda", kwargs={"zone": zone.slug})
    for n in range(2):
        make_event(zone, days=3 + n)
    Client().get(url)  # warm caches of settings and templates
    from django.core.cache import cache

    cache.clear()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        Client().get(url)
    for n in range(18):
        make_event(zone, days=5 + n)
    cache.clear()
    with django_assert_max_num_queries(len(few)):
        response = Client().get(url)
    assert response.content.decode().count("event-line") >= 20


def test_ical_feed_with_filters_and_etag(zone, mailoutbox):
    make_event(zone, title="Piekuurtje", kind=EventKind.PIEKUURTJE)
    make_event(zone, title="Infolunch", kind=EventKind.INFOLUNCH)
    url = reverse("events:agenda_ics", kwargs={"zone": zone.slug})
    response = Client().get(url, {"soort": "piekuurtje"})
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in cal.walk("VEVENT")] == ["Piekuurtje"]
    again = Client().get(url, {"soort": "piekuurtje"}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_programme_pdf_for_a_month_and_a_half_year(zone):
    event = make_event(zone, title="Infolunch brochure")
    url = reverse("events:agenda_pdf", kwargs={"zone": zone.slug})
    month = timezone.localdate(event.starts_at).strftime("%Y-%m")
    for extra in ({}, {"periode": "half"}):
        response = Client().get(url, {"maand": month, **extra})
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(
        st.sampled_from(["name", "email", "organisation", "newsletter", "website", "vraag_1", "vraag_999"]),
        st.one_of(
            st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
            st.sampled_from(["", "<script>x</script>", "a@voorbeeld.be", "x" * 5000, "\x00", "on"]),
        ),
        max_size=7,
    )
)
def test_public_registration_form_never_errors_and_never_oversells(zone, data):
    event = Event.objects.for_zone(zone).filter(title="Hypothese").first() or make_event(
        zone, title="Hypothese", capacity=2
    )
    response = _client().post(_url(event), data)
    assert response.status_code < 500
    event.refresh_from_db()
    assert event.seats_taken <= 2
    assert event.seats_taken == Registration.objects.for_zone(zone).filter(event=event, has_seat=True).count()


def test_the_event_page_is_the_page_caches_own_view_and_posts_need_no_csrf_token(zone):
    from django.urls import resolve

    from zorgraad.events.views import public

    event = make_event(zone, capacity=5)
    url = reverse("events:event_public", kwargs={"zone": zone.slug, "pk": event.pk})
    view = resolve(url).func
    # the public lane (core/publiclane.py) serves only a view that IS the cache's wrapper
    assert view is public.event_public and getattr(view, "page_cache_view", None) is view
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200
    posted = client.post(url, {"name": "Zonder Token", "email": "zt@voorbeeld.be", "organisation": ""})
    assert posted.status_code == 302
    assert Registration.objects.for_zone(zone).filter(email="zt@voorbeeld.be").exists()
