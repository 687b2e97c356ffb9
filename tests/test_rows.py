"""Row helpers of the staff lists (core/rows.py) give what `reverse` and get_FOO_display give."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from zorgraad.core.rows import choice_labels, label_of, url_maker
from zorgraad.governance.models import Membership
from zorgraad.meetings.models import Meeting


@pytest.mark.parametrize("pk", [1, 7, 987654321, 12345678901])
@pytest.mark.parametrize(
    "name", ["network:organisation_detail", "network:person_detail", "meetings:meeting_detail"]
)
def test_url_maker_gives_what_reverse_gives(name: str, pk: int) -> None:
    assert url_maker(name, zone="amalo")(pk) == reverse(name, kwargs={"zone": "amalo", "pk": pk})


def test_url_maker_refuses_what_is_not_a_number() -> None:
    with pytest.raises(ValueError):
        url_maker("network:person_detail", zone="amalo")("1/../../x")  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["nl-be", "en"])
def test_choice_labels_give_what_get_display_gives(language: str) -> None:
    with translation.override(language):
        statuses = choice_labels(Meeting, "status")
        roles = choice_labels(Membership, "role")
        for value in [*statuses, "onbekend"]:
            assert label_of(statuses, value) == Meeting(status=value).get_status_display()
        for value in roles:
            assert label_of(roles, value) == Membership(role=value).get_role_display()
