"""No input to the public signal form gives a server error (hypothesis)."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

_addresses = itertools.count(1)

# Surrogates cannot be sent in a request at all (the test client cannot encode them).
chars = st.characters(min_codepoint=0, max_codepoint=0x2FFFF, exclude_categories=("Cs",))
text = st.one_of(
    st.text(alphabet=chars, max_size=300),
    st.sampled_from(["", " ", "<script>alert(1)</script>", "x" * 20_000, "\x00", "=1+1", "ok@example.be"]),
)
FIELDS = [
    "title",
    "description",
    "noticed_on",
    "municipalities",
    "target_groups",
    "organisation_text",
    "reporter_name",
    "contact_email",
    "follow_up",
    "website",
    "form_token",
]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.dictionaries(st.sampled_from(FIELDS), st.one_of(text, st.lists(text, max_size=3)), max_size=11)
)
def test_public_form_never_errors(zone, data):
    n = next(_addresses)
    client = Client(REMOTE_ADDR=f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}")
    response = client.post(reverse("signals:public_create", kwargs={"zone": zone.slug}), data)
    assert response.status_code < 500
