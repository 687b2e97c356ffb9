"""Contact lists as CSV, uploaded, previewed and confirmed through the staff pages as a coordinator does.

The lists as Excel in Belgium writes them: semicolons, 'Naam' for the surname beside 'Voornaam',
UTF-8 with a BOM or Windows-1252, empty lines; and what cannot be imported gets a Dutch reason.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from zorgraad.importer.extract import ExtractError, extract
from zorgraad.importer.models import ImportedDocument, ImportStatus
from zorgraad.importer.parse.contacts import complete_name, guess_columns, parse_contact_rows
from zorgraad.network.models import Person

from .test_views import _form_data, _upload

pytestmark = pytest.mark.django_db


def _preview(client: Client, zone: Any, data: bytes, name: str = "contacten.csv") -> tuple[str, Any]:
    response = _upload(client, zone, name, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = client.get(response["Location"])
    assert page.status_code == 200
    return response["Location"], page


def _confirm(client: Client, url: str, page: Any, **changes: str) -> Any:
    post = _form_data(page)
    post.update(changes)
    post["confirm"] = "1"
    return client.post(url, post)


def _import(client: Client, zone: Any, data: bytes, name: str = "contacten.csv") -> Any:
    """Upload, open the preview and confirm it untouched, as a coordinator who agrees with it."""
    url, page = _preview(client, zone, data, name)
    return _confirm(client, url, page)


def _people(zone: Any) -> list[tuple[str, str, str]]:
    return sorted(Person.objects.for_zone(zone).values_list("first_name", "last_name", "email"))


def _errors(response: Any) -> str:
    return " ".join(str(e) for e in response.context["form"].non_field_errors())


# --- the reported list and its variants ----------------------------------------------------------


def test_voornaam_naam_with_semicolons_imports_first_name_and_surname(
    staff_client: Client, zone: Any
) -> None:
    url, page = _preview(staff_client, zone, b"Voornaam;Naam\nAn;Peeters\nJan;Van den Broeck\n")
    doc = ImportedDocument.objects.for_zone(zone).get()
    assert doc.extraction["columns"] == {"Voornaam": "first_name", "Naam": "last_name"}
    assert "An Peeters" in page.content.decode()  # the preview shows the whole name
    done = _confirm(staff_client, url, page)
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", ""), ("Jan", "Van den Broeck", "")]
    doc.refresh_from_db()
    assert doc.status == ImportStatus.IMPORTED


def test_naam_voornaam_email(staff_client: Client, zone: Any) -> None:
    data = "Naam;Voornaam;E-mail\nPeeters;An;An.Peeters@CAW.be\nDe Smet;Zoë;zoe.desmet@ocmw.be\n".encode()
    done = _import(staff_client, zone, data)
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", "an.peeters@caw.be"), ("Zoë", "De Smet", "zoe.desmet@ocmw.be")]


def test_utf8_with_bom_from_excel(staff_client: Client, zone: Any) -> None:
    done = _import(staff_client, zone, "\ufeffVoornaam;Naam;E-mail\nAn;Peeters;an@caw.be\n".encode())
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", "an@caw.be")]


def test_windows_1252_accents(staff_client: Client, zone: Any) -> None:
    data = "Naam;Voornaam;Functie\nDesmet;André;coördinator\nClaes;Zoë;maatschappelijk werker\n"
    done = _import(staff_client, zone, data.encode("cp1252"))
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("André", "Desmet", ""), ("Zoë", "Claes", "")]


def test_utf16_unicode_text_from_excel_with_tabs(staff_client: Client, zone: Any) -> None:
    done = _import(staff_client, zone, "Voornaam\tNaam\nAn\tPeeters\n".encode("utf-16"))
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", "")]


def test_excel_separator_hint_on_the_first_line(staff_client: Client, zone: Any) -> None:
    done = _import(
        staff_client, zone, b"sep=;\r\nVoornaam;Naam;Organisatie\r\nAn;Peeters;CAW, regio Aalst\r\n"
    )
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", "")]
    assert Person.objects.for_zone(zone).get().affiliations.get().organisation.name == "CAW, regio Aalst"


def test_empty_lines_and_empty_rows_are_skipped(staff_client: Client, zone: Any) -> None:
    data = b"\r\n\r\nVoornaam;Naam\r\n\r\nAn;Peeters\r\n;\r\n  ;  \r\n\r\nJan;Claes\r\n\r\n"
    done = _import(staff_client, zone, data)
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", ""), ("Jan", "Claes", "")]


def test_a_header_only_says_so_in_dutch_and_saves_nothing(staff_client: Client, zone: Any) -> None:
    url, page = _preview(staff_client, zone, b"Voornaam;Naam\r\n")
    assert "Onder de kopregel staat geen enkele rij met een naam" in page.content.decode()
    done = _confirm(staff_client, url, page)
    assert done.status_code == 400
    assert "Er zijn geen contacten om te importeren." in _errors(done)
    assert _people(zone) == []
    assert ImportedDocument.objects.for_zone(zone).get().status == ImportStatus.PENDING


def test_a_cell_too_long_to_read_is_refused_in_dutch_at_upload(staff_client: Client, zone: Any) -> None:
    data = ("Voornaam;Naam;Organisatie\nAn;Peeters;" + "x" * 200_000 + "\n").encode()
    response = _upload(staff_client, zone, "contacten.csv", data)
    assert response.status_code == 400
    assert "Een cel in dit CSV-bestand is te lang om in te lezen" in response.content.decode()
    assert ImportedDocument.objects.for_zone(zone).count() == 0


def test_an_unclosed_quote_is_explained(staff_client: Client, zone: Any) -> None:
    rows = "".join(f"Naam{i};Voornaam{i};{'a' * 60}\n" for i in range(3000))
    response = _upload(
        staff_client, zone, "contacten.csv", f'Naam;Voornaam;Functie\nPeeters;"An;x\n{rows}'.encode()
    )
    assert response.status_code == 400
    assert "aanhalingsteken" in response.content.decode()


def test_a_value_longer_than_the_directory_keeps_is_marked_and_refused_not_cut(
    staff_client: Client, zone: Any
) -> None:
    data = ("Voornaam;Naam;Organisatie\nAn;Peeters;" + "Organisatie " * 100 + "\nJan;Claes;CAW\n").encode()
    url, page = _preview(staff_client, zone, data)
    assert "te lang: hoogstens 200 tekens" in page.content.decode()
    done = _confirm(staff_client, url, page)
    assert done.status_code == 400
    assert "200" in str(done.context["form"].errors["contact_0_organisation"])
    assert _people(zone) == []
    # shortened by the coordinator, it goes in
    done = _confirm(staff_client, url, page, contact_0_organisation="Organisatie")
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", ""), ("Jan", "Claes", "")]


def test_a_surname_too_long_for_the_directory_is_refused_with_the_row(
    staff_client: Client, zone: Any
) -> None:
    # the full name fits the preview's field (200), the surname not the directory's (100)
    data = ("Voornaam;Naam\nJan;Claes\nAn;" + "Peeters" * 20 + "\n").encode()
    done = _import(staff_client, zone, data)
    assert done.status_code == 400
    assert "Contact 2 (An Peeters" in _errors(done)
    assert "De familienaam is te lang (hoogstens 100 tekens)." in _errors(done)
    assert _people(zone) == []


def test_html_and_control_characters_in_cells(staff_client: Client, zone: Any) -> None:
    data = "Voornaam;Naam;Functie\n<script>alert(1)</script>;Peeters;<b>arts</b>\nAn\x0b;Cl\x07aes;ver\x00pleger\n"
    url, page = _preview(staff_client, zone, data.encode())
    html = page.content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "\x07" not in html and "\x00" not in html
    done = _confirm(staff_client, url, page)
    assert done.status_code == 302, _errors(done)
    # kept as text (escaped wherever it is shown), the control characters dropped
    assert _people(zone) == [("<script>alert(1)</script>", "Peeters", ""), ("An", "Claes", "")]
    assert 'value="verpleger"' in html


def test_a_binary_file_named_csv_is_refused_in_dutch(staff_client: Client, zone: Any) -> None:
    response = _upload(staff_client, zone, "contacten.csv", bytes(range(256)) * 40)
    assert response.status_code == 400
    assert "Dit is geen tekstbestand." in response.content.decode()
    assert ImportedDocument.objects.for_zone(zone).count() == 0


def test_a_row_without_surname_gets_a_dutch_reason_naming_the_row(staff_client: Client, zone: Any) -> None:
    url, page = _preview(staff_client, zone, b"Voornaam;Naam\nJan;Claes\nAn;\n")
    assert "Onzeker: voornaam of familienaam ontbreekt" in page.content.decode()
    done = _confirm(staff_client, url, page)
    assert done.status_code == 400
    assert "Contact 2 (An): ‘An’ is geen volledige naam" in _errors(done)
    assert _people(zone) == []
    # the coordinator skips that row
    done = _confirm(staff_client, url, page, contact_1_action="skip")
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("Jan", "Claes", "")]


def test_a_pending_import_read_before_the_fix_gets_a_dutch_reason_not_a_bare_field_error(
    staff_client: Client, zone: Any
) -> None:
    """An extraction kept from before: name 'Peeters' (the surname), first name 'An', no surname."""
    url, page = _preview(staff_client, zone, b"Voornaam;Naam\nAn;Peeters\n")
    doc = ImportedDocument.objects.for_zone(zone).get()
    contact = doc.extraction["contacts"][0]
    contact["name"]["value"], contact["last_name"]["value"] = "Peeters", ""
    doc.save(update_fields=["extraction"])
    page = staff_client.get(url)
    done = _confirm(staff_client, url, page)
    assert done.status_code == 400
    assert "Contact 1 (Peeters): ‘Peeters’ is geen volledige naam" in _errors(done)
    done = _confirm(staff_client, url, page, contact_0_name="An Peeters")
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", "")]


def test_remapping_naam_as_the_full_name_reads_the_rows_again(staff_client: Client, zone: Any) -> None:
    from django.urls import reverse

    url, page = _preview(staff_client, zone, b"Voornaam;Naam\nAn;An Peeters\n")
    doc = ImportedDocument.objects.for_zone(zone).get()
    mapping_url = reverse("importer:mapping", kwargs={"zone": zone.slug, "pk": doc.pk})
    columns = list(doc.mapping)  # the mapping form's order (PostgreSQL's jsonb orders the keys its way)
    chosen = {"Voornaam": "first_name", "Naam": "name"}
    staff_client.post(mapping_url, {f"col_{i}": chosen[c] for i, c in enumerate(columns)})
    doc.refresh_from_db()
    assert doc.mapping == {"Voornaam": "first_name", "Naam": "name"}
    done = _confirm(staff_client, url, staff_client.get(url))
    assert done.status_code == 302, _errors(done)
    assert _people(zone) == [("An", "Peeters", "")]


# --- the rules underneath ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["Voornaam", "Naam"], ["first_name", "last_name"]),
        (["Naam", "Voornaam", "E-mail"], ["last_name", "first_name", "email"]),
        (["First name", "Name"], ["first_name", "last_name"]),
        (["Naam:", "Voornaam*"], ["last_name", "first_name"]),
        # a full name stays a full name
        (["Naam", "E-mail"], ["name", "email"]),
        (["Volledige naam", "Voornaam"], ["name", "first_name"]),
        # with its own surname column, 'Naam' is the full name
        (["Naam", "Voornaam", "Familienaam"], ["name", "first_name", "last_name"]),
    ],
)
def test_header_mapping(header: list[str], expected: list[str]) -> None:
    assert list(guess_columns(header).values()) == expected


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("An Peeters", "", ""), ("An Peeters", "An", "Peeters")),
        (("Peeters", "An", ""), ("An Peeters", "An", "Peeters")),
        (("An Peeters", "An", ""), ("An Peeters", "An", "Peeters")),
        (("Peeters An", "An", ""), ("Peeters An", "An", "Peeters")),
        (("An Peeters", "", "Peeters"), ("An Peeters", "An", "Peeters")),
        (("An", "", "Peeters"), ("An Peeters", "An", "Peeters")),
        (("", "An", "Peeters"), ("An Peeters", "An", "Peeters")),
        (("", "An", "An Peeters"), ("An Peeters", "An", "Peeters")),
        (("An", "An", ""), ("An", "An", "")),
        (("", "", ""), ("", "", "")),
    ],
)
def test_complete_name(cells: tuple[str, str, str], expected: tuple[str, str, str]) -> None:
    assert complete_name(*cells) == expected


def test_parse_rows_strips_control_characters_and_collapses_space() -> None:
    result = parse_contact_rows([["Voornaam", "Naam"], ["An\x07", "Van \n den\tBroeck"]])
    contact = result.contacts[0]
    assert (contact.first_name.value, contact.last_name.value) == ("An", "Van den Broeck")


def test_decoding_stray_nul_bytes_and_binary() -> None:
    assert extract("c.csv", b"Voornaam;Naam\nAn\x00;Peeters\n").rows[1] == ["An", "Peeters"]
    assert extract("c.txt", b"Verslag\x00 van de werkgroep").text == "Verslag van de werkgroep"
    with pytest.raises(ExtractError, match="Dit is geen tekstbestand."):
        extract("c.csv", b"\x00\x01\x02\x00" * 500)
