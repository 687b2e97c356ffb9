"""The history tables speak Dutch: field labels, choice labels, dates, lists and the action names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from zorgraad.core import audit
from zorgraad.core.models import ACTION_LABELS
from zorgraad.governance.models import Body, BodyKind
from zorgraad.meetings.models import Meeting, MeetingStatus
from zorgraad.network.models import Organisation, Person

SOURCE = Path(__file__).resolve().parents[2]


def _rows(entry: Any) -> list[tuple[str, str, str]]:
    return [(r.label, r.before, r.after) for r in entry.change_rows]


@pytest.mark.django_db
def test_field_names_become_their_dutch_labels(zone: Any) -> None:
    org = Organisation.objects.create(zone=zone, name="Vzw Proefhuis")
    entry = audit.record(
        zone=zone,
        actor=None,
        action="updated",
        instance=org,
        changes={"postal_code": ["1730", "1731"], "is_archived": [False, True], "phone": ["", "02 1"]},
    )
    assert _rows(entry) == [
        ("Postcode", "1730", "1731"),
        ("Gearchiveerd", "nee", "ja"),
        ("Telefoon", "–", "02 1"),
    ]


@pytest.mark.django_db
def test_choices_dates_and_lists_are_shown_in_dutch(zone: Any) -> None:
    body = Body.objects.create(zone=zone, name="Proefoverleg", slug="proefoverleg", kind=BodyKind.CLUSTER)
    meeting = Meeting.objects.create(
        zone=zone, body=body, date=dt.date(2025, 10, 9), start_time=dt.time(9), end_time=dt.time(11)
    )
    status = audit.record(
        zone=zone,
        actor=None,
        action="status",
        instance=meeting,
        changes={"status": [MeetingStatus.PLANNED, MeetingStatus.INVITED]},
    )
    assert _rows(status) == [("Status", "gepland", "uitgenodigd")]
    created = audit.record(
        zone=zone,
        actor=None,
        action="created",
        instance=meeting,
        changes=audit.diff({}, audit.snapshot(meeting, ["date", "start_time"])),
    )
    assert _rows(created)[0] == ("Datum", "–", "9 oktober 2025")
    agenda = audit.record(
        zone=zone,
        actor=None,
        action="agenda_built",
        instance=meeting,
        changes={"agenda": [None, ["Welkom", "Rondje partners"]]},
    )
    assert _rows(agenda) == [("Agenda", "–", "Welkom, Rondje partners")]
    attendance = audit.record(
        zone=zone,
        actor=None,
        action="attendance",
        instance=meeting,
        changes={"Ada Proef": ["invited", "excused"]},
    )
    assert _rows(attendance) == [("Ada Proef", "uitgenodigd", "verontschuldigd")]


@pytest.mark.django_db
def test_history_on_the_person_page_has_no_field_names_nor_english(zone: Any, staff_client: Any) -> None:
    person = Person.objects.create(zone=zone, first_name="Ada", last_name="Proef")
    audit.record(
        zone=zone,
        actor=None,
        action="updated",
        instance=person,
        changes={"email": ["", "ada@example.be"], "last_confirmed_at": [None, "2025-03-04T10:15:00+00:00"]},
    )
    audit.record(zone=zone, actor=None, action="invitation_sent", instance=person, changes={})
    html = staff_client.get(
        reverse("network:person_detail", kwargs={"zone": zone.slug, "pk": person.pk})
    ).content
    text = html.decode()
    assert "E-mailadres</strong>" in text
    assert "last_confirmed_at" not in text and "email</strong>" not in text
    assert "4 maart 2025 om 11:15" in text
    assert "uitnodiging verstuurd" in text and "invitation sent" not in text


def test_every_recorded_action_has_a_dutch_label() -> None:
    """Scan the services for the action names they record; each must have a label."""
    pattern = re.compile(r'action="([a-z_]+)"(?:\s+if\s[^\n]*?\selse\s"([a-z_]+)")?')
    used: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or "management" in path.parts:
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            used.update(name for name in match.groups() if name)
    assert {"status", "approved", "invitation_sent"} <= used
    assert sorted(used - set(ACTION_LABELS)) == []


# Field names that are the same word in Dutch.
SAME_IN_DUTCH = {"cluster", "clusters", "sector", "status", "website", "e-mail"}


def test_no_model_form_shows_an_english_field_name() -> None:
    """A ModelForm label that is only the field name ('Organisation') means a verbose_name is missing."""
    import importlib
    import pkgutil

    from django import forms

    import zorgraad

    for module in pkgutil.walk_packages(zorgraad.__path__, "zorgraad."):
        if "form" in module.name and ".tests" not in module.name:
            importlib.import_module(module.name)

    def subclasses(cls: type) -> Any:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    english = []
    for form in set(subclasses(forms.ModelForm)):
        if not form.__module__.startswith("zorgraad"):
            continue
        for name, field in form.base_fields.items():
            label = str(field.label or "").lower()
            if label == name.replace("_", " ") and label not in SAME_IN_DUTCH:
                english.append(f"{form.__name__}.{name}: {field.label}")
    assert english == []


def test_the_function_form_asks_for_an_organisatie() -> None:
    from zorgraad.network.forms.directory import AffiliationForm

    assert str(AffiliationForm.base_fields["organisation"].label) == "Organisatie"
