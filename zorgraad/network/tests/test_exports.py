"""Exports of the organisation and person lists: the files are opened again and read back."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from zorgraad.network.exporters import OrganisationExporter, PersonExporter

from .test_directory_helpers import affiliate, cluster, make_org, make_person, municipality, sector, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(zone, other_zone):
    asse, opwijk = municipality(zone, "Asse"), municipality(zone, "Opwijk")
    caw = make_org(
        zone,
        "CAW Proefland",
        short_name="CAW",
        sector=sector("caw"),
        clusters=[cluster("welzijn"), cluster("pzon")],
        municipalities=[asse, opwijk],
        postal_code="1730",
        city="Asse",
        phone="+32 2 123 45 67",
    )
    wzc = make_org(zone, "=WZC Formule", sector=sector("woonzorgcentrum"), municipalities=[opwijk])
    make_org(zone, "Oud Proefcentrum", is_archived=True)
    anna = make_person(zone, "Anna", "Aertsproef", "anna@example.be", phone="0470 12 34 56")
    affiliate(anna, caw, "maatschappelijk werker")
    affiliate(anna, wzc, "vrijwilliger")
    affiliate(anna, wzc, "stagiair", start=dt.date(2019, 1, 1), end=dt.date(2019, 6, 1))
    make_person(zone, "Bert", "Bosproef", "bert@example.be", email_bounced=True)
    foreign = make_org(other_zone, "CAW Zennevallei")
    affiliate(make_person(other_zone, "Zeno", "Zennproef", "zeno@example.be"), foreign, "teamleider")
    return {"caw": caw, "wzc": wzc, "anna": anna}


def _xlsx_rows(content: bytes) -> list[list]:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_organisation_export_xlsx(zone, directory, staff_client):
    response = staff_client.get(url("organisation_export", zone, fmt="xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="organisaties-amalo-{today}.xlsx"'
    rows = _xlsx_rows(response.content)
    header = rows[0]
    assert header[:5] == ["Naam", "Afkorting", "Sector", "Clusters", "Werkt in"]
    by_name = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(by_name) == {"CAW Proefland", "=WZC Formule"}  # no archived, no other zone
    caw = by_name["CAW Proefland"]
    assert caw["Sector"] == "CAW (centrum algemeen welzijnswerk)"
    assert caw["Clusters"] == "Welzijn, PZON (personen met een zorg- en ondersteuningsnood)"
    assert caw["Werkt in"] == "Asse, Opwijk"
    assert caw["Postcode"] == "1730" and caw["Telefoon"] == "+32 2 123 45 67"
    assert caw["Personen en functies"] == "Anna Aertsproef (maatschappelijk werker)"
    assert caw["Gearchiveerd"] == "nee"
    # a name starting with "=" is text in the workbook, not a formula
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    cell = next(c for c in wb.active["A"] if c.value == "=WZC Formule")
    assert cell.data_type == "s"


def test_organisation_export_csv_honours_filters(zone, directory, staff_client):
    opwijk = municipality(zone, "Opwijk")
    response = staff_client.get(
        url("organisation_export", zone, fmt="csv") + f"?sector={sector('caw').pk}&municipality={opwijk.pk}"
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith(f'-{timezone.localdate().isoformat()}.csv"')
    rows = _csv_rows(response.content)
    assert rows[0][0] == "Naam"
    assert [r[0] for r in rows[1:]] == ["CAW Proefland"]
    assert rows[1][rows[0].index("Telefoon")] == "+32 2 123 45 67"
    archived = _csv_rows(
        staff_client.get(url("organisation_export", zone, fmt="csv") + "?archived=on").content
    )
    assert [r[0] for r in archived[1:]] == ["Oud Proefcentrum"]


def test_csv_neutralises_formulas(zone, directory, staff_client):
    rows = _csv_rows(staff_client.get(url("organisation_export", zone, fmt="csv")).content)
    assert "'=WZC Formule" in [r[0] for r in rows]


def test_person_export_xlsx(zone, directory, staff_client):
    response = staff_client.get(url("person_export", zone, fmt="xlsx"))
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="personen-amalo-{today}.xlsx"'
    rows = _xlsx_rows(response.content)
    header = rows[0]
    assert header[:4] == ["Voornaam", "Familienaam", "E-mail", "Telefoon"]
    people = {r[2]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert set(people) == {"anna@example.be", "bert@example.be"}  # not Zennevallei's Zeno
    anna = people["anna@example.be"]
    assert anna["Organisaties"] == "=WZC Formule; CAW Proefland"
    assert anna["Functies"] == "vrijwilliger – =WZC Formule; maatschappelijk werker – CAW Proefland"
    assert "stagiair" not in str(anna)  # past functions are not current
    assert anna["Sectoren"] == "CAW (centrum algemeen welzijnswerk), Woonzorgcentrum"
    assert people["bert@example.be"]["E-mail onbestelbaar"] == "ja"


def test_person_export_csv_honours_filters(zone, directory, staff_client):
    caw = directory["caw"]
    rows = _csv_rows(
        staff_client.get(url("person_export", zone, fmt="csv") + f"?organisation={caw.pk}").content
    )
    assert [r[:3] for r in rows[1:]] == [["Anna", "Aertsproef", "anna@example.be"]]
    rows = _csv_rows(staff_client.get(url("person_export", zone, fmt="csv") + "?without_function=on").content)
    assert [r[0] for r in rows[1:]] == ["Bert"]
    rows = _csv_rows(staff_client.get(url("person_export", zone, fmt="csv") + "?q=zeno").content)
    assert rows[1:] == []


def test_other_format_is_404(zone, directory, staff_client):
    for name in ("organisation_export", "person_export"):
        assert staff_client.get(url(name, zone, fmt="pdf")).status_code == 404
        assert staff_client.get(url(name, zone, fmt="XLSX")).status_code == 404


def test_export_needs_staff_of_the_zone(zone, directory, client_as):
    assert client_as("other_staff").get(url("person_export", zone, fmt="csv")).status_code == 403
    assert client_as("member").get(url("organisation_export", zone, fmt="xlsx")).status_code == 403


def test_empty_export_has_the_header_row(zone, staff_client):
    rows = _xlsx_rows(staff_client.get(url("person_export", zone, fmt="xlsx")).content)
    assert rows == [PersonExporter([]).headers()]
    rows = _csv_rows(staff_client.get(url("organisation_export", zone, fmt="csv")).content)
    assert rows == [OrganisationExporter([]).headers()]


def test_dates_are_real_dates_in_xlsx(zone, staff_client):
    confirmed = timezone.make_aware(dt.datetime(2026, 3, 4, 10, 30))
    make_person(zone, "Cato", "Datumproef", last_confirmed_at=confirmed)
    rows = _xlsx_rows(staff_client.get(url("person_export", zone, fmt="xlsx")).content)
    header = rows[0]
    assert rows[1][header.index("Laatst bevestigd")] == dt.datetime(2026, 3, 4, 10, 30)
    csv_rows = _csv_rows(staff_client.get(url("person_export", zone, fmt="csv")).content)
    assert csv_rows[1][header.index("Laatst bevestigd")] == "04/03/2026 10:30"
