"""Builders shared by the directory test modules (no tests here). All people are invented."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.test import Client
from django.urls import reverse

from zorgraad.core.models import AuditEntry
from zorgraad.network.models import Affiliation, Offer, Organisation, Person, normalise
from zorgraad.zones.models import Cluster, Sector


def make_org(zone: Any, name: str = "Dienstencentrum De Proefhoeve", **kw: Any) -> Organisation:
    clusters = kw.pop("clusters", [])
    municipalities = kw.pop("municipalities", [])
    org = Organisation(zone=zone, name=name, **kw)
    org.search_text = org.build_search_text()
    org.save()
    org.clusters.set(clusters)
    org.municipalities.set(municipalities)
    return org


def make_person(
    zone: Any, first: str = "Lotte", last: str = "Testjens", email: str = "", **kw: Any
) -> Person:
    person = Person(zone=zone, first_name=first, last_name=last, email=email, **kw)
    person.search_text = person.build_search_text()
    person.save()
    return person


def affiliate(
    person: Person,
    org: Organisation,
    function: str = "maatschappelijk werker",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Affiliation:
    return Affiliation.objects.create(
        zone=person.zone, person=person, organisation=org, function=function, start=start, end=end
    )


def make_offer(org: Organisation, title: str = "Sociaal huisbezoek", **kw: Any) -> Offer:
    offer = Offer(
        zone=org.zone, organisation=org, title=title, description=kw.pop("description", "Uitleg."), **kw
    )
    offer.search_text = offer.build_search_text()
    offer.save()
    return offer


def sector(code: str = "caw") -> Sector:
    return Sector.objects.get(code=code)


def cluster(code: str = "welzijn") -> Cluster:
    return Cluster.objects.get(code=code)


def municipality(zone: Any, name: str) -> Any:
    return zone.municipalities_on().get(name=name)


def url(name: str, zone: Any, **kwargs: Any) -> str:
    return reverse(f"network:{name}", kwargs={"zone": zone.slug, **kwargs})


def form_token(client: Client, page_url: str) -> str:
    """GET a create form and read its one-time token."""
    html = client.get(page_url).content.decode()
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found, "the form has no form_token"
    return found.group(1)


def audit_rows(zone: Any, instance: Any) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.for_zone(zone).filter(model=instance._meta.model_name, object_id=instance.pk)
    )


def words(text: str) -> str:
    return normalise(text)
