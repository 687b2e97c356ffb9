"""Organisations: unhappy paths of the services and screens, the audit of edits, cross-zone 404s."""

from __future__ import annotations

import pytest

from zorgraad.accounts.models import Role, ZoneRole
from zorgraad.core.models import AuditEntry
from zorgraad.network import services
from zorgraad.network.models import Organisation

from .test_directory_helpers import audit_rows, make_org, municipality, url

pytestmark = pytest.mark.django_db


def test_organisation_create_service_refuses_bad_postal_code(zone, users):
    with pytest.raises(services.ServiceError) as caught:
        services.organisation_create(
            zone=zone, actor=users["staff"], data={"name": "CAW Proef", "postal_code": "17"}
        )
    assert caught.value.message_dict == {
        "postal_code": ["Een Belgische postcode heeft 4 cijfers, bijvoorbeeld 1730."]
    }
    assert Organisation.objects.for_zone(zone).count() == 0
    assert AuditEntry.objects.for_zone(zone).count() == 0


def test_organisation_create_service_refuses_invalid_url_and_email(zone, users):
    with pytest.raises(services.ServiceError) as caught:
        services.organisation_create(
            zone=zone, actor=users["staff"], data={"name": "CAW Proef", "website": "caw proef", "email": "x@"}
        )
    assert set(caught.value.message_dict) == {"website", "email"}
    assert Organisation.objects.for_zone(zone).count() == 0


def test_organisation_create_service_refuses_municipality_of_other_zone(zone, other_zone, users):
    halle = municipality(other_zone, "Halle")
    with pytest.raises(services.ServiceError) as caught:
        services.organisation_create(
            zone=zone, actor=users["staff"], data={"name": "CAW Proef", "municipalities": [halle]}
        )
    assert caught.value.message_dict == {"municipalities": ["Kies enkel gemeenten van deze eerstelijnszone."]}
    assert Organisation.objects.for_zone(zone).count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "website",
            "www zonder schema",
            "Geef een volledig webadres, bijvoorbeeld https://www.voorbeeld.be.",
        ),
        ("email", "info.voorbeeld.be", "Geef een geldig e-mailadres, bijvoorbeeld info@voorbeeld.be."),
        ("postal_code", "17300", "Een Belgische postcode heeft 4 cijfers, bijvoorbeeld 1730."),
        ("postal_code", "A730", "Een Belgische postcode heeft 4 cijfers, bijvoorbeeld 1730."),
    ],
)
def test_organisation_create_view_unhappy(zone, staff_client, field, value, message):
    response = staff_client.post(url("organisation_create", zone), {"name": "Proefcentrum", field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Organisation.objects.for_zone(zone).count() == 0


def test_organisation_create_view_happy(zone, staff_client):
    asse = municipality(zone, "Asse")
    response = staff_client.post(
        url("organisation_create", zone),
        {"name": "Proefcentrum Asse", "postal_code": "1730", "city": "Asse", "municipalities": [asse.pk]},
        follow=True,
    )
    org = Organisation.objects.for_zone(zone).get()
    assert response.redirect_chain[-1][0] == url("organisation_detail", zone, pk=org.pk)
    assert "Organisatie Proefcentrum Asse is aangemaakt." in response.content.decode()
    assert [m.name for m in org.municipalities.all()] == ["Asse"]


def test_organisation_edit_records_the_change(zone, staff_client):
    org = make_org(zone, "Proefcentrum", city="Asse")
    response = staff_client.post(
        url("organisation_edit", zone, pk=org.pk), {"name": "Proefcentrum", "city": "Opwijk"}
    )
    assert response.status_code == 302
    [entry] = audit_rows(zone, org)
    assert entry.action == "updated"
    assert entry.changes == {"city": ["Asse", "Opwijk"]}
    html = staff_client.get(url("organisation_detail", zone, pk=org.pk)).content.decode()
    assert "Opwijk" in html


def test_organisation_edit_invalid_url_changes_nothing(zone, staff_client):
    org = make_org(zone, "Proefcentrum", website="https://proef.example.be")
    response = staff_client.post(
        url("organisation_edit", zone, pk=org.pk), {"name": "Andere naam", "website": "proef punt be"}
    )
    assert "Geef een volledig webadres" in response.content.decode()
    org.refresh_from_db()
    assert (org.name, org.website) == ("Proefcentrum", "https://proef.example.be")
    assert audit_rows(zone, org) == []


def test_organisation_of_other_zone_is_404_in_own_zone(zone, other_zone, staff_client):
    """Staff of AMALO asking /amalo/beheer/organisaties/<zennevallei id>/ get a 404."""
    foreign = make_org(other_zone, "CAW Zennevallei")
    for name in (
        "organisation_detail",
        "organisation_edit",
        "organisation_archive",
        "organisation_merge",
        "offer_create",
    ):
        assert staff_client.get(url(name, zone, pk=foreign.pk)).status_code == 404, name
    assert staff_client.post(url("organisation_archive", zone, pk=foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert not foreign.is_archived


def test_organisation_of_amalo_is_404_under_zennevallei(zone, other_zone, users, client_as):
    """/zennevallei/beheer/organisaties/<amalo id>/ is a 404 for staff of Zennevallei (and for staff of both)."""
    amalo_org = make_org(zone, "Proefcentrum AMALO")
    path = url("organisation_detail", other_zone, pk=amalo_org.pk)
    assert client_as("other_staff").get(path).status_code == 404
    ZoneRole.objects.create(zone=other_zone, user=users["staff"], role=Role.STAFF)
    assert client_as("staff").get(path).status_code == 404
    assert client_as("staff").get(url("organisation_detail", zone, pk=amalo_org.pk)).status_code == 200


def test_staff_of_amalo_only_is_refused_under_zennevallei(zone, other_zone, client_as):
    amalo_org = make_org(zone, "Proefcentrum AMALO")
    # Not staff there at all: the permission table refuses before any lookup.
    assert client_as("staff").get(url("organisation_detail", other_zone, pk=amalo_org.pk)).status_code == 403
