"""What the signals app adds elsewhere: the staff home card, the challenge hub section, the
indicator source 'signals.count', and the public list's constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from zorgraad.core.registry import challenge_panels_for, panels_for
from zorgraad.planning import sources
from zorgraad.signals import services

from . import factories as f

pytestmark = pytest.mark.django_db


def test_dashboard_card_counts_untreated(zone, users):
    f.signal(zone)
    done = f.signal(zone)
    services.signal_transition(zone=zone, actor=users["staff"], signal=done, to_status="analysis")
    panel = next(p for p in panels_for(zone, RequestFactory().get("/")) if p.key == "signals-untreated")
    assert panel.context["untreated"] == 1
    html = render_to_string(panel.template, {"panel": panel, "zone": zone})
    assert "1 signaal wacht" in html


def test_challenge_section_lists_only_public_structural_signals(zone, users):
    c = f.challenge(zone)
    s = f.signal(
        zone,
        title="Huisartsentekort",
        challenges=[c],
        internal_notes="geheime nota",
        reporter_name="Melder X",
    )
    services.signal_transition(zone=zone, actor=users["staff"], signal=s, to_status="structural")
    f.signal(zone, title="Nog niet structureel", challenges=[c])
    panel = next(p for p in challenge_panels_for(zone, c, None) if p.key == "signals-structural")
    html = render_to_string(panel.template, {"panel": panel, "zone": zone})
    assert "Structurele signalen" in html and "Huisartsentekort" in html
    for hidden in ("Nog niet structureel", "geheime nota", "Melder X"):
        assert hidden not in html


def test_indicator_source_counts_per_challenge(zone, other_zone):
    source = sources.get("signals.count")
    assert source is not None and source.target_model == "challenges.Challenge"
    c1, c2 = f.challenge(zone), f.challenge(zone)
    f.signal(zone, challenges=[c1, c2], received_on=dt.date(2025, 3, 1))
    f.signal(zone, challenges=[c1], received_on=dt.date(2025, 4, 1))
    f.signal(zone, received_on=dt.date(2025, 4, 1))  # no challenge: not counted
    f.signal(zone, challenges=[c1], received_on=dt.date(2024, 4, 1))  # outside the period
    f.signal(other_zone, challenges=[f.challenge(other_zone)], received_on=dt.date(2025, 4, 1))
    query = sources.SourceQuery(zone=zone, start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
    result = source.compute(query)
    assert result.total == 2
    assert [i.value for i in result.instances] == [2, 1]
    only = source.compute(
        sources.SourceQuery(zone=zone, start=query.start, end=query.end, object_ids=(c2.pk, 999999))
    )
    assert only.total == 1 and only.missing_ids == (999999,)


def test_public_list_constant_queries(zone, users, django_assert_max_num_queries):
    def structural(n: int) -> None:
        c = f.challenge(zone)
        for _ in range(n):
            s = f.signal(zone, challenges=[c])
            services.signal_transition(zone=zone, actor=users["staff"], signal=s, to_status="structural")

    url = reverse("signals:public_list", kwargs={"zone": zone.slug})
    structural(1)
    with django_assert_max_num_queries(6):
        assert Client().get(url + "?a=1").status_code == 200
    structural(15)
    with django_assert_max_num_queries(6):
        assert Client().get(url + "?a=2").status_code == 200
