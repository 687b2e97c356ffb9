"""Self-service links: sending (over real SMTP), opening, correcting, and every way a link is refused."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zorgraad.core.audit import history_for
from zorgraad.core.models import AuditEntry
from zorgraad.network.forms.selfservice import SelfServiceForm
from zorgraad.network.models import Affiliation, Organisation, Person, SelfServiceLink
from zorgraad.network.selectors import selfservice as selectors

# --- helpers shared by the self-service test modules ---------------------------------------------


def make_org(zone: Any, name: str = "Thuiszorg De Proefhoeve", **kw: Any) -> Organisation:
    defaults = {
        "phone": "02 111 22 33",
        "email": "info@proefhoeve.example.be",
        "website": "https://proefhoeve.example.be",
        "street": "Voorbeeldstraat 1",
        "postal_code": "1730",
        "city": "Asse",
    }
    return Organisation.objects.create(zone=zone, name=name, **{**defaults, **kw})


def make_person(
    zone: Any,
    first: str = "Lotte",
    last: str = "Testjens",
    email: str = "lotte.testjens@example.be",
    org: Organisation | None = None,
    function: str = "maatschappelijk werker",
    **kw: Any,
) -> Person:
    person = Person.objects.create(
        zone=zone, first_name=first, last_name=last, email=email, phone=kw.pop("phone", "0470 12 34 56"), **kw
    )
    if org is not None:
        Affiliation.objects.create(zone=zone, person=person, organisation=org, function=function)
    return person


def make_link(zone: Any, person: Person, **kw: Any) -> tuple[SelfServiceLink, str]:
    link = SelfServiceLink.objects.create(
        zone=zone,
        person=person,
        email=person.email,
        expires_at=kw.pop("expires_at", timezone.now() + dt.timedelta(days=14)),
        **kw,
    )
    return link, selectors.selfservice_token(link)


def link_url(zone: Any, token: str) -> str:
    return reverse("network:selfservice", kwargs={"zone": zone.slug, "token": token})


def form_data(zone: Any, person: Person, **changes: str) -> dict[str, str]:
    """What the browser posts for the form as shown, with `changes` (keys as posted) applied."""
    form = SelfServiceForm(
        person=person, affiliations=selectors.current_affiliations(zone=zone, person=person)
    )
    data = {"shown": form.shown}
    for sub in [
        form.person_form,
        *[s.form for s in form.sections],
        *[f for s in form.sections for f in s.functions],
    ]:
        for field in sub:
            value = field.initial
            data[field.html_name] = "" if value is None else str(value)
    data.update(changes)
    return data


def snapshot(zone: Any) -> dict[str, Any]:
    """Everything a self-service post may change, to assert that a refused post changed nothing."""
    return {
        "people": list(Person.objects.for_zone(zone).order_by("pk").values()),
        "orgs": list(Organisation.objects.for_zone(zone).order_by("pk").values()),
        "affiliations": list(Affiliation.objects.for_zone(zone).order_by("pk").values()),
        "links": list(SelfServiceLink.objects.for_zone(zone).order_by("pk").values()),
        "audit": AuditEntry.objects.for_zone(zone).count(),
    }


def text(response: Any) -> str:
    return response.content.decode()


# --- sending a link -----------------------------------------------------------------------------


def send_url(zone: Any, person: Person) -> str:
    return reverse("network:selfservice_send", kwargs={"zone": zone.slug, "pk": person.pk})


@pytest.mark.django_db
def test_staff_sends_a_link_over_smtp_and_the_link_in_the_mail_opens_the_form(
    zone, users, staff_client, smtp_server, django_capture_on_commit_callbacks
):
    zone.email = "info@zone.example.be"
    zone.save()
    org = make_org(zone)
    person = make_person(zone, org=org)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(send_url(zone, person))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "network:person_detail", kwargs={"zone": zone.slug, "pk": person.pk}
    )
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("lotte.testjens@example.be" in m and "één keer" in m for m in shown)
    link = SelfServiceLink.objects.for_zone(zone).get()
    assert link.person == person and link.reason == "manual" and link.sent_by == users["staff"]
    assert abs(link.expires_at - (timezone.now() + dt.timedelta(days=14))) < dt.timedelta(minutes=1)

    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received.rcpt_tos == ["lotte.testjens@example.be"]
    assert zone.name in received.subject
    body = received.body
    assert "Beste Lotte," in body
    assert "staff@amalo.test" in body  # who sent it
    assert zone.name in body  # for which zone
    expires = timezone.localtime(link.expires_at)
    assert f"{expires.day} " in body and str(expires.year) in body  # until when
    assert "één keer" in body  # works once
    assert received.message["Reply-To"] == "info@zone.example.be"

    found = re.search(r"http://testserver(/\S+)", body)
    assert found is not None
    page = Client().get(found.group(1))
    assert page.status_code == 200
    assert "Alles klopt / Wijzigingen bewaren" in text(page)
    assert "lotte.testjens@example.be" in text(page)
    assert "Thuiszorg De Proefhoeve" in text(page)
    assert page["Referrer-Policy"] == "same-origin"
    assert history_for(zone=zone, instance=person).filter(action="selfservice_link_sent").count() == 1


@pytest.mark.django_db
def test_send_needs_post(zone, staff_client):
    person = make_person(zone)
    assert staff_client.get(send_url(zone, person)).status_code == 405
    assert SelfServiceLink.objects.for_zone(zone).count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"email": ""}, "heeft geen e-mailadres"),
        ({"is_archived": True}, "is gearchiveerd"),
    ],
)
def test_send_refuses_a_person_without_email_or_archived(
    zone, staff_client, mailoutbox, django_capture_on_commit_callbacks, kwargs, expected
):
    person = make_person(zone, **kwargs)
    before = snapshot(zone)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(send_url(zone, person))
    assert response.status_code == 302
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(expected in m for m in shown)
    assert snapshot(zone) == before
    assert mailoutbox == []


@pytest.mark.django_db
def test_send_is_staff_only_and_stays_in_its_zone(zone, other_zone, client_as, mailoutbox):
    person = make_person(zone)
    other = make_person(other_zone, first="Wannes", last="Voorbeeldt", email="wannes@example.be")
    assert client_as("partner").post(send_url(zone, person)).status_code == 403
    assert client_as("other_staff").post(send_url(zone, person)).status_code == 403
    # staff of AMALO cannot reach a Zennevallei person through the AMALO URL
    assert client_as("staff").post(send_url(zone, other)).status_code == 404
    assert SelfServiceLink.objects.unscoped().count() == 0
    assert mailoutbox == []


# --- opening the link ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_valid_link_shows_person_organisation_and_function(zone, client):
    org = make_org(zone)
    person = make_person(zone, org=org, function="teamleider")
    _, token = make_link(zone, person)
    response = client.get(link_url(zone, token))
    assert response.status_code == 200
    page = text(response)
    for expected in [
        "Lotte",
        "Testjens",
        "0470 12 34 56",
        "teamleider",
        "02 111 22 33",
        "info@proefhoeve.example.be",
        "https://proefhoeve.example.be",
        "Voorbeeldstraat 1",
        "1730",
        "Asse",
    ]:
        assert expected in page
    assert response["X-Robots-Tag"].startswith("noindex")


@pytest.mark.django_db
def test_ended_affiliation_and_archived_organisation_are_not_shown(zone, client):
    gone = make_org(zone, name="Vroeger Werk vzw")
    archived = make_org(zone, name="Opgeheven Dienst", is_archived=True)
    person = make_person(zone, org=archived)
    Affiliation.objects.create(
        zone=zone,
        person=person,
        organisation=gone,
        function="oud",
        end=dt.date.today() - dt.timedelta(days=1),
    )
    _, token = make_link(zone, person)
    page = text(client.get(link_url(zone, token)))
    assert "Vroeger Werk vzw" not in page and "Opgeheven Dienst" not in page
    assert "aan geen enkele organisatie gekoppeld" in page


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["flip", "garbage", "other_salt"])
def test_forged_token_gets_a_clear_404(zone, client, tamper):
    person = make_person(zone)
    link, token = make_link(zone, person)
    if tamper == "flip":
        token = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    elif tamper == "garbage":
        token = "dit-is-geen-link"
    else:
        token = signing.dumps({"l": link.pk, "z": zone.pk}, salt="iets.anders")
    response = client.get(link_url(zone, token))
    assert response.status_code == 404
    assert "Deze link is niet geldig" in text(response)
    assert "Alles klopt" not in text(response)


@pytest.mark.django_db
def test_link_of_another_zone_is_refused(zone, other_zone, client):
    person = make_person(zone)
    _, token = make_link(zone, person)
    response = client.get(link_url(other_zone, token))
    assert response.status_code == 404
    assert "Deze link is niet geldig" in text(response)
    assert "Testjens" not in text(response)
    # a POST through the wrong zone changes nothing either
    before = snapshot(zone)
    response = client.post(
        link_url(other_zone, token), form_data(zone, person, **{"person-phone": "09 999 99 99"})
    )
    assert response.status_code == 404
    assert snapshot(zone) == before


@pytest.mark.django_db
def test_link_record_must_belong_to_the_zone_of_the_token(zone, other_zone, client):
    """A signed payload naming another zone's link id finds nothing in this zone."""
    other_person = make_person(other_zone, first="Wannes", last="Voorbeeldt", email="wannes@example.be")
    other_link, _ = make_link(other_zone, other_person)
    token = signing.dumps({"l": other_link.pk, "z": zone.pk}, salt=selectors.TOKEN_SALT)
    response = client.get(link_url(zone, token))
    assert response.status_code == 404
    assert "Voorbeeldt" not in text(response)


@pytest.mark.django_db
def test_expired_link_explains_and_gives_the_zone_address(zone, client):
    zone.email = "info@zone.example.be"
    zone.save()
    person = make_person(zone)
    _, token = make_link(zone, person, expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = client.get(link_url(zone, token))
    assert response.status_code == 410
    assert "Deze link is verlopen" in text(response)
    assert "nieuwe link" in text(response)
    assert "info@zone.example.be" in text(response)
    assert "Alles klopt" not in text(response)


@pytest.mark.django_db
def test_token_older_than_the_lifetime_is_expired_even_if_the_record_says_otherwise(
    zone, client, monkeypatch
):
    person = make_person(zone)
    link = SelfServiceLink.objects.create(
        zone=zone, person=person, email=person.email, expires_at=timezone.now() + dt.timedelta(days=14)
    )
    fifteen_days_ago = time.time() - 15 * 24 * 3600
    with monkeypatch.context() as m:
        m.setattr(time, "time", lambda: fifteen_days_ago)
        token = selectors.selfservice_token(link)
    response = client.get(link_url(zone, token))
    assert response.status_code == 410
    assert "Deze link is verlopen" in text(response)


@pytest.mark.django_db
def test_used_link_is_refused(zone, client):
    person = make_person(zone)
    _, token = make_link(zone, person, used_at=timezone.now())
    response = client.get(link_url(zone, token))
    assert response.status_code == 410
    assert "Deze link werd al gebruikt" in text(response)


@pytest.mark.django_db
def test_link_of_an_archived_person_is_refused(zone, client):
    person = make_person(zone, is_archived=True)
    _, token = make_link(zone, person)
    response = client.get(link_url(zone, token))
    assert response.status_code == 404
    assert "Deze link is niet geldig" in text(response)


# --- correcting -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_post_saves_corrections_confirms_and_uses_the_link(zone, client):
    org = make_org(zone)
    person = make_person(zone, org=org)
    aff = Affiliation.objects.for_zone(zone).get()
    link, token = make_link(zone, person)
    data = form_data(
        zone,
        person,
        **{
            "person-phone": "0470 65 43 21",
            f"org-{org.pk}-website": "https://nieuw.example.be",
            f"org-{org.pk}-postal_code": "1731",
            f"aff-{aff.pk}-function": "coördinator",
        },
    )
    response = client.post(link_url(zone, token), data)
    assert response.status_code == 200
    assert "Bedankt, Lotte!" in text(response)

    person = Person.objects.for_zone(zone).get(pk=person.pk)
    org = Organisation.objects.for_zone(zone).get(pk=org.pk)
    assert person.phone == "0470 65 43 21"
    assert org.website == "https://nieuw.example.be" and org.postal_code == "1731"
    assert Affiliation.objects.for_zone(zone).get().function == "coördinator"
    assert person.last_confirmed_at is not None and org.last_confirmed_at is not None
    assert timezone.now() - person.last_confirmed_at < dt.timedelta(minutes=1)
    link.refresh_from_db()
    assert link.used_at is not None

    label = "via zelfservicelink (Lotte Testjens)"
    org_update = history_for(zone=zone, instance=org).get(action="updated")
    assert org_update.changes["website"] == ["https://proefhoeve.example.be", "https://nieuw.example.be"]
    assert org_update.changes["postal_code"] == ["1730", "1731"]
    assert org_update.actor_label == label and org_update.actor is None
    aff_update = history_for(zone=zone, instance=aff).get(action="updated")
    assert aff_update.changes == {"function": ["maatschappelijk werker", "coördinator"]}
    assert history_for(zone=zone, instance=org).filter(action="confirmed", actor_label=label).count() == 1


@pytest.mark.django_db
def test_history_shows_the_phone_correction_with_the_selfservice_actor(zone, client):
    person = make_person(zone, phone="02 000 00 01")
    _, token = make_link(zone, person)
    client.post(link_url(zone, token), form_data(zone, person, **{"person-phone": "02 000 00 02"}))
    entries = list(history_for(zone=zone, instance=person))
    updates = [e for e in entries if "phone" in e.changes]
    assert len(updates) == 1
    assert updates[0].changes["phone"] == ["02 000 00 01", "02 000 00 02"]
    assert updates[0].actor_label == "via zelfservicelink (Lotte Testjens)"
    assert updates[0].who == "via zelfservicelink (Lotte Testjens)"
    assert any(e.action == "confirmed" and "last_confirmed_at" in e.changes for e in entries)


@pytest.mark.django_db
def test_everything_correct_only_confirms(zone, client):
    org = make_org(zone)
    person = make_person(zone, org=org)
    _, token = make_link(zone, person)
    response = client.post(link_url(zone, token), form_data(zone, person))
    assert response.status_code == 200
    assert Person.objects.for_zone(zone).get().last_confirmed_at is not None
    assert Organisation.objects.for_zone(zone).get().last_confirmed_at is not None
    assert not AuditEntry.objects.for_zone(zone).filter(action="updated").exists()
    assert AuditEntry.objects.for_zone(zone).filter(action="confirmed").count() == 2


@pytest.mark.django_db
def test_changing_the_email_clears_the_bounce_flag(zone, client):
    person = make_person(zone, email_bounced=True)
    _, token = make_link(zone, person)
    client.post(link_url(zone, token), form_data(zone, person, **{"person-email": "lotte@nieuw.example.be"}))
    person.refresh_from_db()
    assert person.email == "lotte@nieuw.example.be" and person.email_bounced is False
    change = history_for(zone=zone, instance=person).get(action="updated").changes
    assert change["email_bounced"] == [True, False]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("person-email", "lotte-at-example", "Geef een geldig e-mailadres"),
        ("org-website", "dit is geen website", "Geef een volledig webadres"),
        ("org-postal_code", "17300", "Een Belgische postcode heeft 4 cijfers"),
        ("org-postal_code", "ABCD", "Een Belgische postcode heeft 4 cijfers"),
        ("org-email", "info@@proefhoeve", "Geef een geldig e-mailadres"),
        ("person-phone", "bel me maar", "Een telefoonnummer bevat alleen cijfers"),
        ("person-last_name", "", "Vul je familienaam in"),
    ],
)
def test_bad_input_shows_dutch_errors_and_saves_nothing(zone, client, field, value, message):
    org = make_org(zone)
    person = make_person(zone, org=org)
    _, token = make_link(zone, person)
    key = field.replace("org-", f"org-{org.pk}-")
    # a valid change next to the bad one must not be saved either
    data = form_data(zone, person, **{key: value, "person-first_name": "Lotje"})
    before = snapshot(zone)
    response = client.post(link_url(zone, token), data)
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "Er werd niets bewaard" in page
    assert snapshot(zone) == before
    # the link still works
    assert client.get(link_url(zone, token)).status_code == 200


@pytest.mark.django_db
def test_posting_twice_is_refused_the_second_time_and_changes_nothing(zone, client):
    person = make_person(zone)
    _, token = make_link(zone, person)
    first = client.post(link_url(zone, token), form_data(zone, person, **{"person-phone": "02 000 00 02"}))
    assert first.status_code == 200
    before = snapshot(zone)
    second = client.post(link_url(zone, token), form_data(zone, person, **{"person-phone": "02 000 00 03"}))
    assert second.status_code == 410
    assert "Deze link werd al gebruikt" in text(second)
    assert snapshot(zone) == before
    assert Person.objects.for_zone(zone).get().phone == "02 000 00 02"


@pytest.mark.django_db
def test_apply_refuses_a_link_used_meanwhile(zone):
    """The service re-checks the link under a lock: a race between two posts cannot apply twice."""
    from zorgraad.network.services import selfservice as services

    person = make_person(zone)
    link, _ = make_link(zone, person)
    stale_copy = SelfServiceLink.objects.for_zone(zone).get(pk=link.pk)
    SelfServiceLink.objects.for_zone(zone).filter(pk=link.pk).update(used_at=timezone.now())
    before = snapshot(zone)
    with pytest.raises(services.LinkUsedError, match="al gebruikt"):
        services.selfservice_apply(
            zone=zone,
            actor=None,
            person=person,
            data={"person": {"phone": "09 123 45 67"}, "organisations": {}, "functions": {}},
            link=stale_copy,
            actor_label="test",
        )
    assert snapshot(zone) == before


@pytest.mark.django_db
def test_form_changed_meanwhile_is_shown_again_and_nothing_saved(zone, client):
    person = make_person(zone, org=make_org(zone))
    _, token = make_link(zone, person)
    data = form_data(zone, person, **{"person-phone": "02 000 00 09"})
    # staff add a function at a new organisation between opening and posting the form
    Affiliation.objects.create(zone=zone, person=person, organisation=make_org(zone, name="Nieuwe Dienst"))
    before = snapshot(zone)
    response = client.post(link_url(zone, token), data)
    assert response.status_code == 200
    assert "Je gegevens werden intussen gewijzigd" in text(response)
    assert "Nieuwe Dienst" in text(response)
    assert snapshot(zone) == before
