"""Duplicate checks with the zone's records prepared once (network/duplicates.py, issue 17).

The checks must give exactly what the plain loop over every record of the zone gave before (the
`plain_*` functions below are that loop, as it was): same candidates, same order, for any input; and
a committed write must be seen by the next check (the prepared records are kept per generation).
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rapidfuzz import fuzz, utils

from zorgraad.core import pagecache, staffcache
from zorgraad.meetings.selectors import minutes
from zorgraad.network import duplicates
from zorgraad.network.models import Organisation, Person, normalise

from .test_directory_helpers import make_org, make_person

pytestmark = pytest.mark.django_db


# --- the plain loop, as it was before the prepared records -------------------------------------------


def _plain_key(text: str) -> str:
    return str(utils.default_process(normalise(text)))


def _plain_score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return float(fuzz.token_sort_ratio(a, b))


def plain_organisation_pks(zone: Any, name: str, exclude_pk: int | None = None) -> list[int]:
    wanted = _plain_key(name)
    if not wanted:
        return []
    rows = Organisation.objects.for_zone(zone).filter(is_archived=False)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    scored: list[tuple[float, int]] = []
    for pk, org_name, short_name in rows.values_list("pk", "name", "short_name"):
        score = max(_plain_score(wanted, _plain_key(org_name)), _plain_score(wanted, _plain_key(short_name)))
        if score >= 85:
            scored.append((score, pk))
    return [pk for _s, pk in sorted(scored, key=lambda s: (-s[0], s[1]))[:5]]


def plain_person_pks(
    zone: Any,
    first_name: str,
    last_name: str,
    email: str,
    exclude_pk: int | None = None,
    threshold: float = 85,
    limit: int = 5,
) -> list[int]:
    wanted = _plain_key(f"{first_name} {last_name}")
    address = (email or "").strip().lower()
    if not wanted and not address:
        return []
    rows = Person.objects.for_zone(zone)
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    same_email: list[int] = []
    scored: list[tuple[float, int]] = []
    for pk, first, last, mail, archived in rows.values_list(
        "pk", "first_name", "last_name", "email", "is_archived"
    ):
        if address and (mail or "").strip().lower() == address:
            same_email.append(pk)
            continue
        if archived or not wanted:
            continue
        score = _plain_score(wanted, _plain_key(f"{first} {last}"))
        if score >= threshold:
            scored.append((score, pk))
    by_name = [pk for _s, pk in sorted(scored, key=lambda s: (-s[0], s[1]))]
    return (sorted(same_email) + by_name)[:limit]


# --- data ---------------------------------------------------------------------------------------------

PEOPLE = [
    ("Anna", "Proefmans", "anna.p@example.be", False),
    ("Ánna", "Próefmans", "", False),
    ("Proefmans", "Anna", "", False),
    ("Anna-Marie", "Proefmans", "", False),
    ("Anne", "Proefman", " ANNA.P@EXAMPLE.BE ", True),  # same address, other case, archived
    ("Zeger", "Anders", "Anna.P@Example.be", False),
    ("Jan", "Peeters", "jan@example.be", False),
    ("Jan", "Peters", "", False),
    ("Jean", "Peeters", "", False),
    ("Jan", "Peeters", "", True),  # archived: only by e-mail
    ("Jo", "Li", "", False),
    ("Jo", "Le", "", False),
    ("J", "L", "", False),
    ("", "", "leeg@example.be", False),  # no name at all
    ("", "Vandenbroucke", "", False),
    ("Françoise", "Dœuf-Ørsted", "", False),
    ("Francoise", "Doeuf Orsted", "", False),
    ("Çağla", "Yılmaz", "cagla@example.be", False),
    ("Cagla", "Yilmaz", "CAGLA@example.be", False),
    ("Straße", "Groß", "", False),
    ("Strasse", "Gross", "", False),
    ("Ïe", "Van Der Velde", "", False),
    ("Ie", "Vandervelde", "", False),
    ("  Piet  ", "  Proefmans ", "", False),
    ("Piet", "Proefmans.", "", False),
    ("Lotte", "Testjens", "lotte@example.be", False),
]
for _i in range(8):  # more look-alikes than the limit
    PEOPLE.append(("Lotte", f"Testjens{_i}", "", False))

ORGANISATIONS = [
    ("CAW Halle-Vilvoorde", "", False),
    ("Halle Vilvoorde CAW", "CAW HV", False),
    ("CAW Oost-Brabant", "", False),
    ("Openbaar Centrum voor Maatschappelijk Welzijn Asse", "OCMW Asse", False),
    ("OCMW Asse", "", True),  # archived: never
    ("Woonzorgcentrum Klaproos", "WZC Klaproos", False),
    ("Wóónzorgcentrum Klaproos", "", False),
    ("", "Leeg", False),
    ("Dienstencentrum Proefhof", "", False),
    ("Ö", "", False),
]
for _i in range(8):
    ORGANISATIONS.append((f"Dienstencentrum Proefhof {_i}", f"DC{_i}", False))

PERSON_QUERIES = [
    ("Anna", "Proefmans", ""),
    ("ánna", "PROEFMANS", "anna.p@example.be"),
    ("Proefmans", "Anna", ""),
    ("", "", "ANNA.P@example.be  "),
    ("", "", "nobody@example.be"),
    ("", "", ""),
    ("  ", " - ", ""),
    ("Jan", "Peeters", ""),
    ("Jan", "Peeters", "JAN@EXAMPLE.BE"),
    ("Jo", "Li", ""),
    ("J", "L", ""),
    ("", "", "leeg@example.be"),
    ("Francoise", "Doeuf-Orsted", ""),
    ("Cagla", "Yilmaz", "cagla@example.be"),
    ("Strasse", "Gross", ""),
    ("Straße", "Groß", ""),
    ("Ie", "Van der Velde", ""),
    ("Piet", "Proefmans", ""),
    ("Lotte", "Testjens", ""),
    ("Lotte", "Testjens", "lotte@example.be"),
    ("Vandenbroucke", "", ""),
    ("Zeger", "Anders", ""),
]

ORGANISATION_QUERIES = [
    "CAW Halle-Vilvoorde",
    "caw halle vilvoorde",
    "Halle-Vilvoorde CAW",
    "CAW Hale-Vilvoorde",
    "ocmw asse",
    "OCMW Asse",
    "Woonzorgcentrum Klaproos",
    "WZC Klaproos",
    "Dienstencentrum Proefhof",
    "DC1",
    "Leeg",
    "Ö",
    "",
    " - ",
    "Iets heel anders",
]


def _fill(zone: Any, other_zone: Any) -> tuple[list[Person], list[Organisation]]:
    people = [
        Person.objects.create(zone=zone, first_name=f, last_name=last, email=mail, is_archived=archived)
        for f, last, mail, archived in PEOPLE
    ]
    for f, last, mail, archived in PEOPLE[:12]:  # the same records in another zone
        Person.objects.create(zone=other_zone, first_name=f, last_name=last, email=mail, is_archived=archived)
    orgs = [
        Organisation.objects.create(zone=zone, name=name, short_name=short, is_archived=archived)
        for name, short, archived in ORGANISATIONS
    ]
    for name, short, archived in ORGANISATIONS[:6]:
        Organisation.objects.create(zone=other_zone, name=name, short_name=short, is_archived=archived)
    return people, orgs


def _committed(django_capture_on_commit_callbacks: Any, write: Any) -> Any:
    """Run `write` and its on-commit callbacks (the generations raised), as a committed request does.

    The test's own transaction is never committed: what the fixtures wrote before is taken as
    committed too (their pending raises flushed as their on-commit callback would)."""
    pending = transaction.get_connection().__dict__.get("_zorgraad_bumps")
    if pending:
        pagecache._flush(pending)
    with django_capture_on_commit_callbacks(execute=True):
        result = write()
    assert not _dirty(), "the generations should be raised"
    return result


def _check_all(zone: Any, people: list[Person], orgs: list[Organisation]) -> None:
    for first, last, mail in PERSON_QUERIES:
        for exclude in (None, people[0].pk, people[5].pk):
            expected = plain_person_pks(zone, first, last, mail, exclude_pk=exclude)
            found = duplicates.person_candidates(zone, first, last, mail, exclude_pk=exclude)
            assert [p.pk for p in found] == expected, (first, last, mail, exclude)
        guests = minutes.guest_candidates(zone=zone, first_name=first, last_name=last, email=mail)
        assert [p.pk for p in guests] == plain_person_pks(zone, first, last, mail, threshold=90)
    for name in ORGANISATION_QUERIES:
        for exclude in (None, orgs[0].pk):
            expected = plain_organisation_pks(zone, name, exclude_pk=exclude)
            found = duplicates.organisation_candidates(zone, name, exclude_pk=exclude)
            assert [o.pk for o in found] == expected, (name, exclude)


# --- the same results as the plain loop --------------------------------------------------------------


def test_same_results_as_the_plain_loop_uncommitted(zone, other_zone):
    """Inside the writing transaction (nothing committed): the rows are read for each check."""
    people, orgs = _fill(zone, other_zone)
    assert _dirty()
    _check_all(zone, people, orgs)
    assert duplicates._local == {}  # nothing kept from an uncommitted state


def test_same_results_as_the_plain_loop_prepared(
    zone, other_zone, django_capture_on_commit_callbacks, monkeypatch
):
    people, orgs = _committed(django_capture_on_commit_callbacks, lambda: _fill(zone, other_zone))
    builds = _count_builds(monkeypatch)
    _check_all(zone, people, orgs)
    _check_all(zone, people, orgs)
    assert builds == {"people": 1, "organisations": 1}  # prepared once, then kept
    # the results of the plain loop are not empty: the comparison says something
    assert len(plain_person_pks(zone, "Anna", "Proefmans", "anna.p@example.be")) == 5
    assert plain_organisation_pks(zone, "Halle-Vilvoorde CAW")


def test_same_results_for_random_names(zone, other_zone, django_capture_on_commit_callbacks):
    """Random names and edits of them (around the threshold): the prepared check and the loop agree."""
    rng = random.Random(17)
    parts = ["an", "na", "jan", "pe", "ters", "é", "ö", "van", "de", "ß", "o", "ij", "-", " ", "'", "ï"]

    def name() -> str:
        return "".join(rng.choice(parts) for _ in range(rng.randint(1, 6)))

    def edit(text: str) -> str:
        chars = list(text)
        for _ in range(rng.randint(0, 3)):
            i = rng.randrange(len(chars) + 1)
            choice = rng.random()
            if choice < 0.4 and i < len(chars):
                del chars[i]
            elif choice < 0.8:
                chars.insert(i, rng.choice("aeiouéx- "))
            else:
                chars = list(" ".join(reversed("".join(chars).split())))
        return "".join(chars)

    names: list[tuple[str, str]] = []
    orgs: list[str] = []

    def fill() -> None:
        for _ in range(300):
            first, last = name(), name()
            names.append((first, last))
            Person.objects.create(zone=zone, first_name=first, last_name=last, is_archived=rng.random() < 0.1)
            orgs.append(name() + " " + name())
            Organisation.objects.create(zone=zone, name=orgs[-1], short_name=name())

    _committed(django_capture_on_commit_callbacks, fill)
    matched = guests_matched = 0
    for _ in range(200):
        first, last = rng.choice(names)
        first, last, org = edit(first), edit(last), edit(rng.choice(orgs))
        if rng.random() < 0.2:
            first, last, org = name(), name(), name() + " " + name()
        expected = plain_person_pks(zone, first, last, "")
        matched += bool(expected)
        assert _pks(duplicates.person_candidates(zone, first, last, "")) == expected, (first, last)
        expected = plain_person_pks(zone, first, last, "", threshold=90)
        guests_matched += bool(expected)
        guests = minutes.guest_candidates(zone=zone, first_name=first, last_name=last, email="")
        assert _pks(guests) == expected, (first, last)
        assert _pks(duplicates.organisation_candidates(zone, org)) == plain_organisation_pks(zone, org), org
    assert matched > 100 and guests_matched > 50  # many names near others, not only misses


def test_other_zone_never_returned(zone, other_zone, django_capture_on_commit_callbacks):
    _committed(django_capture_on_commit_callbacks, lambda: _fill(zone, other_zone))
    for z, other in ((zone, other_zone), (other_zone, zone)):  # both zones prepared side by side
        found = duplicates.person_candidates(z, "Anna", "Proefmans", "anna.p@example.be")
        assert found and all(p.zone_id == z.pk for p in found)
        orgs = duplicates.organisation_candidates(z, "CAW Halle-Vilvoorde")
        assert orgs and all(o.zone_id == z.pk for o in orgs)
        guests = minutes.guest_candidates(zone=z, first_name="Jan", last_name="Peeters", email="")
        assert guests and all(p.zone_id == z.pk for p in guests)
        assert not Person.objects.for_zone(other).filter(pk__in=[p.pk for p in found]).exists()


# --- a committed write is seen by the next check -----------------------------------------------------


def test_person_writes_seen_by_the_next_check(zone, django_capture_on_commit_callbacks):
    c = django_capture_on_commit_callbacks
    anna = _committed(c, lambda: make_person(zone, "Anna", "Proefmans", "anna@example.be"))
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == [anna.pk]  # prepared

    new = _committed(c, lambda: make_person(zone, "Anna", "Proefman"))
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == [anna.pk, new.pk]

    def rename() -> None:
        new.last_name = "Totaalanders"
        new.save()

    _committed(c, rename)
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == [anna.pk]
    assert _pks(duplicates.person_candidates(zone, "Anna", "Totaalanders", "")) == [new.pk]

    _committed(c, lambda: Person.objects.for_zone(zone).filter(pk=anna.pk).update(is_archived=True))
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == []
    assert _pks(duplicates.person_candidates(zone, "X", "Y", "ANNA@example.be")) == [anna.pk]  # archived too

    _committed(c, lambda: Person.objects.for_zone(zone).filter(pk=anna.pk).update(email="ander@example.be"))
    assert _pks(duplicates.person_candidates(zone, "X", "Y", "anna@example.be")) == []

    bulk = _committed(
        c,
        lambda: Person.objects.for_zone(zone).bulk_create(
            [Person(zone=zone, first_name="Bo", last_name="Bulk")]
        ),
    )
    assert _pks(duplicates.person_candidates(zone, "Bo", "Bulk", "")) == [bulk[0].pk]

    _committed(c, lambda: Person.objects.for_zone(zone).filter(pk=bulk[0].pk).delete())
    assert _pks(duplicates.person_candidates(zone, "Bo", "Bulk", "")) == []
    assert _pks(minutes.guest_candidates(zone=zone, first_name="Bo", last_name="Bulk", email="")) == []


def test_organisation_writes_seen_by_the_next_check(zone, django_capture_on_commit_callbacks):
    c = django_capture_on_commit_callbacks
    caw = _committed(c, lambda: make_org(zone, "CAW Halle-Vilvoorde"))
    assert _pks(duplicates.organisation_candidates(zone, "CAW Halle Vilvoorde")) == [caw.pk]

    def rename() -> None:
        caw.name = "Huisartsenkring"
        caw.save(update_fields=["name"])

    _committed(c, rename)
    assert _pks(duplicates.organisation_candidates(zone, "CAW Halle Vilvoorde")) == []
    assert _pks(duplicates.organisation_candidates(zone, "huisartsenkring")) == [caw.pk]

    _committed(c, lambda: Organisation.objects.for_zone(zone).filter(pk=caw.pk).update(short_name="CAW HV"))
    assert _pks(duplicates.organisation_candidates(zone, "caw hv")) == [caw.pk]

    _committed(c, lambda: Organisation.objects.for_zone(zone).filter(pk=caw.pk).update(is_archived=True))
    assert _pks(duplicates.organisation_candidates(zone, "huisartsenkring")) == []

    new = _committed(c, lambda: make_org(zone, "Huisartsenkring"))
    assert _pks(duplicates.organisation_candidates(zone, "huisartsenkring")) == [new.pk]


def test_uncommitted_write_of_the_same_transaction_is_seen(zone, django_capture_on_commit_callbacks):
    anna = _committed(django_capture_on_commit_callbacks, lambda: make_person(zone, "Anna", "Proefmans"))
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == [anna.pk]  # prepared
    twin = make_person(zone, "Anna", "Proefmans")  # not committed: its generation not raised yet
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == [anna.pk, twin.pk]


def test_a_person_gone_without_a_raise_is_not_offered(zone, django_capture_on_commit_callbacks):
    """A record removed behind the ORM's back (no generation raised): the check reads the rows again."""
    c = django_capture_on_commit_callbacks
    people = _committed(c, lambda: [make_person(zone, "Lotte", f"Testjens{i}") for i in range(7)])
    orgs = _committed(c, lambda: [make_org(zone, f"Dienstencentrum Proefhof {i}") for i in range(7)])
    assert len(duplicates.person_candidates(zone, "Lotte", "Testjens", "")) == 5
    assert len(duplicates.organisation_candidates(zone, "Dienstencentrum Proefhof")) == 5
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Person._meta.db_table} WHERE id = %s", [people[0].pk])
        cursor.execute(f"DELETE FROM {Organisation._meta.db_table} WHERE id = %s", [orgs[0].pk])
    assert _pks(duplicates.person_candidates(zone, "Lotte", "Testjens", "")) == plain_person_pks(
        zone, "Lotte", "Testjens", ""
    )
    assert len(duplicates.person_candidates(zone, "Lotte", "Testjens", "")) == 5
    assert _pks(
        duplicates.organisation_candidates(zone, "Dienstencentrum Proefhof")
    ) == plain_organisation_pks(zone, "Dienstencentrum Proefhof")


def test_cleared_cache_prepares_again(zone, django_capture_on_commit_callbacks):
    """The shared cache's token decides: after cache.clear() no process uses what it had prepared."""
    from django.core.cache import cache

    anna = _committed(django_capture_on_commit_callbacks, lambda: make_person(zone, "Anna", "Proefmans"))
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == [anna.pk]
    with connection.cursor() as cursor:  # a change no generation saw
        cursor.execute(f"UPDATE {Person._meta.db_table} SET last_name = 'Anders' WHERE id = %s", [anna.pk])
    cache.clear()
    assert _pks(duplicates.person_candidates(zone, "Anna", "Proefmans", "")) == []


# --- queries ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 40])
def test_queries_do_not_grow_with_the_zone(zone, django_capture_on_commit_callbacks, size):
    def fill() -> list[Person]:
        people = [make_person(zone, "Anna", f"Proefmans{i}" if i else "Proefmans") for i in range(size)]
        for i in range(size):
            make_org(zone, f"CAW Halle {i}" if i else "CAW Halle")
        return people

    _committed(django_capture_on_commit_callbacks, fill)
    counts = []
    for _round in ("prepare", "prepared"):
        with CaptureQueriesContext(connection) as ctx:
            assert duplicates.person_candidates(zone, "Anna", "Proefmans", "")
            assert duplicates.organisation_candidates(zone, "CAW Halle")
            assert minutes.guest_candidates(zone=zone, first_name="Anna", last_name="Proefmans", email="")
        counts.append(len(ctx.captured_queries))
    # prepare: generation, rows, candidates (+ their functions) per check; prepared: no rows read
    assert counts == [4 + 3 + 3, 3 + 2 + 3]


def _pks(rows: list[Any]) -> list[int]:
    return [r.pk for r in rows]


def _dirty() -> bool:
    from zorgraad.zones.models import Zone

    return any(staffcache._dirty(pk) for pk in Zone.objects.values_list("pk", flat=True))


def _count_builds(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count how often the zone's records are prepared (read and keyed)."""
    builds = {"people": 0, "organisations": 0}
    for kind, name in (("people", "_people_index"), ("organisations", "_organisation_index")):
        real = getattr(duplicates, name)

        def counted(*args: Any, _real: Any = real, _kind: str = kind) -> Any:
            builds[_kind] += 1
            return _real(*args)

        monkeypatch.setattr(duplicates, name, counted)
    return builds


@pytest.fixture(autouse=True)
def _nothing_prepared() -> None:
    """Each test starts with no prepared records in this process (ids repeat across tests)."""
    duplicates._local.clear()
