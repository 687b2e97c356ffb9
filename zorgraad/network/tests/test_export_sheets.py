"""The .xlsx exports open in Excel ready to use: a filter on the header row, the header frozen, fitted widths."""

from __future__ import annotations

import io

import openpyxl
import pytest

from zorgraad.network.exporters import WIDTH_MAX, WIDTH_MIN, OrganisationExporter, column_widths

from .test_directory_helpers import affiliate, make_org, make_person, url

pytestmark = pytest.mark.django_db


def _sheet(content: bytes):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(content)).active


@pytest.mark.parametrize("name", ["organisation_export", "person_export"])
def test_xlsx_has_a_filter_on_the_header_and_a_frozen_header(zone, staff_client, name):
    org = make_org(zone, "Vzw Proefhuis voor een heel lange naam van een organisatie", city="Asse")
    make_org(zone, "CAW Proefland")
    person = make_person(zone, "Anna", "Aertsproef", "anna@example.be")
    affiliate(person, org, "maatschappelijk werker")
    make_person(zone, "Bert", "Bosproef", "bert@example.be")
    ws = _sheet(staff_client.get(url(name, zone, fmt="xlsx")).content)
    rows = list(ws.iter_rows(values_only=True))
    last_column = openpyxl.utils.get_column_letter(len(rows[0]))
    assert ws.auto_filter.ref == f"A1:{last_column}{len(rows)}"
    assert ws.freeze_panes == "A2"


def test_xlsx_columns_are_as_wide_as_their_content_but_capped(zone, staff_client):
    long_name = "Vzw Proefhuis voor een heel lange naam van een organisatie"
    make_org(zone, long_name, short_name="VP", website="https://example.be/" + "x" * 150)
    ws = _sheet(staff_client.get(url("organisation_export", zone, fmt="xlsx")).content)
    header = [c.value for c in ws[1]]
    widths = {
        h: ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i, h in enumerate(header, 1)
    }
    assert widths["Naam"] >= len(long_name)
    assert widths["Naam"] <= WIDTH_MAX
    assert WIDTH_MIN <= widths["Afkorting"] < widths["Naam"]
    assert all(WIDTH_MIN <= w <= WIDTH_MAX for w in widths.values())


def test_column_widths_measure_the_longest_line_and_cap() -> None:
    assert column_widths(["Naam", "Notities"], [["kort", "a\nb"], ["wat langer", "x" * 200]]) == [11.0, 60.0]
    assert column_widths(["N"], []) == [float(WIDTH_MIN)]


def test_empty_export_filters_its_header_row(zone):
    ws = _sheet(OrganisationExporter([]).to_xlsx())
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.endswith("1")
