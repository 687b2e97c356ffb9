"""Every fixture document against its hand-checked expectation; the traps of the seeds; robustness."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zorgraad.importer import quality
from zorgraad.importer.extract import ExtractError, extract
from zorgraad.importer.parse.common import email_field, find_dates, find_time, resolve_date
from zorgraad.importer.parse.contacts import parse_contact_lines, parse_contact_rows
from zorgraad.importer.parse.minutes import BodyInfo, parse_minutes
from zorgraad.importer.parse.plan import parse_plan, parse_target

FIXTURES = quality.fixtures()


def test_every_fixture_has_an_expectation() -> None:
    names = {p.name for p, _ in FIXTURES}
    assert {"minutes_welzijn_2025.txt", "minutes_werkgroep_2026.docx", "minutes_werkgroep_2026.pdf"} <= names
    assert {
        "contacts.csv",
        "contacts.xlsx",
        "contacts_block.txt",
        "plan_2026.txt",
        "agenda_forum.txt",
    } <= names


@pytest.mark.parametrize(("document", "expected"), FIXTURES, ids=[p.name for p, _ in FIXTURES])
def test_fixture_extraction_matches_expectation(document, expected) -> None:
    want = json.loads(expected.read_text(encoding="utf-8"))
    got, flags = quality.compact(quality.run_parser(document, want))
    for field, value in want.items():
        if field in ("context", "uncertain"):
            continue
        assert got[field] == value, f"{document.name}: {field}"
    missing = [p for p in want["uncertain"] if p not in flags]
    assert not missing, f"{document.name}: must be marked uncertain: {missing}"


# --- the grammar -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Van 13u30 tot 16u", "13:30", "16:00"),
        ("15u tot 17u", "15:00", "17:00"),
        ("13.30 – 16 uur", "13:30", "16:00"),
        ("8u30 tot 10u30", "08:30", "10:30"),
        ("12 – 12.10 uur", "12:00", "12:10"),
        ("18.30 – 20.30 uur", "18:30", "20:30"),
        ("9 – 13 uur", "09:00", "13:00"),
        ("14h-16h", "14:00", "16:00"),
        ("19:00", "19:00", None),
        ("Om 13u30", "13:30", None),
    ],
)
def test_time_grammar(text: str, start: str, end: str | None) -> None:
    found = find_time(text)
    assert found is not None
    assert found.start.strftime("%H:%M") == start
    assert (found.end.strftime("%H:%M") if found.end else None) == end


@pytest.mark.parametrize("text", ["17 - 18 maart", "2. Voorstelling", "in 2025 - 2026", "1 Gezin 1 Plan"])
def test_no_time_in_numbers(text: str) -> None:
    assert find_time(text) is None


def test_date_without_year_takes_the_first_matching_weekday_and_is_marked() -> None:
    (match,) = find_dates("Maandag 17 februari – Om 13u30")
    field = resolve_date(match, after=dt.date(2024, 11, 27))
    assert field.value == dt.date(2025, 2, 17) and field.uncertain
    assert "jaar ontbreekt" in field.reason


def test_weekday_that_disagrees_is_marked() -> None:
    (match,) = find_dates("Woensdag 19 maart 2026")
    field = resolve_date(match)
    assert field.value == dt.date(2026, 3, 19)
    assert field.uncertain and "weekdag klopt niet" in field.reason


def test_date_that_does_not_exist_gives_no_value() -> None:
    (match,) = find_dates("31 april 2026")
    field = resolve_date(match)
    assert field.value is None and "bestaat niet" in field.reason


def test_invalid_email_is_kept_and_marked() -> None:
    field = email_field("saskia@elz_zonnedal.be")
    assert field.value == "saskia@elz_zonnedal.be" and field.uncertain
    assert not email_field("an.peeters@voorbeeld.be").uncertain


def test_contact_variants_en_dash_hyphen_and_wrapped_lines() -> None:
    lines = [
        "Han Verbeke- Teamcoördinator CAW huis Noord-CAW- ",
        "han.verbeke@cawvoorbeeld.be",
        "",
        "Lotte Van den",
        "Broeck – Directeur – Opcura – lotte.vandenbroeck@opcura.example",
        "",
        "Rob Claes-Centrumleider-LDC Den Akker- rob.claes@ldc",
        "akker.be",
    ]
    contacts = parse_contact_lines(lines)
    assert [c.name.value for c in contacts] == ["Han Verbeke", "Lotte Van den Broeck", "Rob Claes"]
    assert contacts[0].organisation.value == "CAW"
    assert contacts[0].function.value == "Teamcoördinator CAW huis Noord"
    assert contacts[1].organisation.value == "Opcura" and not contacts[1].organisation.uncertain
    assert contacts[2].email.value == "rob.claes@ldcakker.be"


def test_see_separate_list_invents_nobody() -> None:
    ex = parse_minutes(
        "Verslag overleg\n\nDatum 3 maart 2026\n\n1 DEELNEMERS\n\nZie aparte deelnemerslijst.\n"
    )
    assert ex.participants == []
    assert ex.participants_note.uncertain


def test_start_without_end_takes_the_body_default_and_is_marked() -> None:
    body = BodyInfo("Clusteroverleg welzijn", dt.time(13, 30), dt.time(16, 0))
    ex = parse_minutes(
        "Agenda clusteroverleg welzijn\n\nDatum: 2 maart 2026\nTijdstip: Om 13u30\n\n1. Welkom\n",
        bodies=[body],
    )
    assert ex.start_time.value == dt.time(13, 30) and not ex.start_time.uncertain
    assert ex.end_time.value == dt.time(16, 0) and ex.end_time.uncertain


@pytest.mark.parametrize(
    ("text", "comparator", "number", "scope", "per"),
    [
        ("minimum 40 deelnemers", "gte", 40, "period", ""),
        ("minimaal 2 per jaar", "gte", 2, "period", "jaar"),
        ("minstens 20 per bijeenkomst", "gte", 20, "instance", "bijeenkomst"),
        ("Aantal deelnemers per bijeenkomst (minstens 20)", "gte", 20, "instance", "bijeenkomst"),
        ("We streven naar een minimum van 20 aanwezigen per piekuurtje", "gte", 20, "instance", "piekuurtje"),
        ("Minimum één keer per jaar een netwerkevent", "gte", 1, "period", "jaar"),
    ],
)
def test_targets_in_words(text: str, comparator: str, number: int, scope: str, per: str) -> None:
    target = parse_target(text)
    assert target is not None
    assert (target.comparator, target.number, target.scope, target.per) == (comparator, number, scope, per)


def test_range_target() -> None:
    target = parse_target("Deze groep komt 3 à 4 keer per jaar samen")
    assert target is not None
    assert (target.comparator, target.number, target.number_max, target.unit) == ("range", 3, 4, "keer")
    assert parse_target("Aantal samenkomsten kerngroep") is None


def test_plan_labels_kept_as_written_and_repeated_headings_deduplicated() -> None:
    text = (
        "Acties 2025\n\nStrategische doelstelling 5 - Een open netwerk.\n\n"
        "Operationele doelstelling 4  - Kennis delen.\n\nActie A\n\nWat?\nIets.\n\nEvaluatie\n☒ Procesevaluatie\n- Er is een overzicht.\n\n"
        "Strategische doelstelling 5 - Een open netwerk.\n\nOperationele doelstelling 4  - Kennis delen.\n\nActie B\n\nWat?\nIets anders.\n"
    )
    plan = parse_plan(text)
    assert [s.label for s in plan.strategic] == ["Strategische doelstelling 5"]
    assert [o.label for o in plan.strategic[0].children] == ["Operationele doelstelling 4"]
    assert [a.title.value for a in plan.actions] == ["Actie A", "Actie B"]
    assert plan.actions[1].warnings  # nothing ticked under Evaluatie


def test_spreadsheet_with_unknown_columns_says_so() -> None:
    result = parse_contact_rows([["Kolom A", "Kolom B"], ["x", "y"]])
    assert result.contacts == []
    assert "Geen enkele kolom werd herkend" in result.warnings[0]


# --- bad files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("leeg.docx", b"", "leeg"),
        ("kapot.docx", b"PK\x03\x04 dit is geen docx", "beschadigd"),
        ("kapot.pdf", b"%PDF-1.4 niets", "PDF"),
        ("geheim.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "wachtwoord"),
        ("foto.png", b"\x89PNG", "niet ondersteund"),
        ("lijst.xlsx", b"geen excel", "beschadigd"),
    ],
)
def test_bad_files_give_a_dutch_reason(name: str, data: bytes, message: str) -> None:
    with pytest.raises(ExtractError, match=message):
        extract(name, data)


def test_picture_only_pdf_says_there_is_no_text_layer() -> None:
    # scan.pdf: one page with a picture and no text layer (made with weasyprint, see build.py).
    with pytest.raises(ExtractError, match="geen tekstlaag"):
        extract("scan.pdf", (quality.FIXTURES / "scan.pdf").read_bytes())


def test_truncated_fixture_files_never_crash() -> None:
    for path, _ in FIXTURES:
        data = path.read_bytes()
        for cut in (1, len(data) // 3, len(data) // 2, len(data) - 7):
            try:
                ex = extract(path.name, data[:cut])
            except ExtractError:
                continue
            parse_minutes(ex.text)
            parse_plan(ex.text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_random_text_never_crashes_the_parsers(text: str) -> None:
    parse_minutes(text, bodies=[BodyInfo("Overleg", dt.time(9), dt.time(11))], organisations=["CAW"])
    parse_plan(text)
    parse_contact_lines(text.split("\n"))
    json.dumps(parse_minutes(text).to_json())


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Datum",
                "Tijdstip Van 13u30 tot",
                "Maandag 17 februari – Om",
                "1.",
                "2. Varia",
                "- Dinsdag 31 februari –",
                "Strategische doelstelling",
                "☒ Procesevaluatie",
                "CAW:",
                "an@",
                "Zie aparte deelnemerslijst",
                "",
                "Wat?",
                "3 à",
            ]
        ),
        max_size=40,
    )
)
def test_fragments_of_the_grammar_never_crash(parts: list[str]) -> None:
    text = "\n".join(parts)
    parse_minutes(text, today=dt.date(2026, 1, 1))
    parse_plan(text)


def test_password_protected_pdf_says_so() -> None:
    data = (quality.FIXTURES / "encrypted.pdf").read_bytes()
    with pytest.raises(ExtractError, match="beveiligd met een wachtwoord"):
        extract("encrypted.pdf", data)


def test_a_200_page_document_is_read_in_bounded_time() -> None:
    import time

    from docx import Document

    page = (quality.FIXTURES / "minutes_welzijn_2025.txt").read_text(encoding="utf-8")
    text = "\n".join([page] * 100)  # about 200 pages of minutes
    start = time.perf_counter()
    ex = parse_minutes(text, today=dt.date(2026, 1, 1))
    assert time.perf_counter() - start < 15
    assert ex.items
    doc = Document()
    for line in text.splitlines()[:6000]:
        doc.add_paragraph(line)
    from io import BytesIO

    buf = BytesIO()
    doc.save(buf)
    start = time.perf_counter()
    extract("groot.docx", buf.getvalue())
    assert time.perf_counter() - start < 15


def test_abbreviated_objectives_and_step_timing() -> None:
    plan = parse_plan((quality.FIXTURES / "plan_2027.txt").read_text(encoding="utf-8"))
    assert [s.label for s in plan.strategic] == ["SD1"]
    steps = plan.actions[0].steps
    assert [s.due_text for s in steps] == ["eind maart", "najaar 2027"]


def test_items_numbered_with_a_dash_and_decisions_listed_under_a_heading() -> None:
    text = (
        "Verslag werkgroep\n\nDatum: 2 maart 2026\n\n1 – Welkom\nIedereen is er.\n\n"
        "2 – Budget\nBeslissingen:\n- Het budget wordt verdeeld over drie projecten\n- De werkgroep vergadert maandelijks\n\n"
        "3 – Varia\nGeen.\n"
    )
    ex = parse_minutes(text)
    assert [i.title.value for i in ex.items] == ["Welkom", "Budget", "Varia"]
    assert [d.value for d in ex.items[1].decisions] == [
        "Het budget wordt verdeeld over drie projecten",
        "De werkgroep vergadert maandelijks",
    ]
    assert not any(d.uncertain for d in ex.items[1].decisions)
