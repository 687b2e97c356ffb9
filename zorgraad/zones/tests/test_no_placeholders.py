"""No entrance to what is not built yet: no "binnenkort" cards, no newsletter tick box.

Each later area (signals, events, newsletter) adds its own entrance when it exists.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "zorgraad" / "templates"
# A feature promised for later ("Knelpunten melden kan hier binnenkort."), not a step of a real
# process ("het verslag wordt binnenkort gepubliceerd").
PROMISES = re.compile(
    r"hier binnenkort|binnenkort (beschikbaar|mogelijk)|coming soon|nog niet beschikbaar|volgt later",
    re.IGNORECASE,
)


def test_no_template_promises_a_feature_for_later() -> None:
    found = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PROMISES.search(line)
    ]
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_zone_home_shows_only_what_exists(client_as: Any, role: str) -> None:
    html = client_as(role).get(reverse("zones:home", kwargs={"zone": "amalo"})).content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "binnenkort" not in main.lower()
    assert "nieuwsbrief" not in main.lower()
    assert "Knelpunten melden" not in main
    # what does exist keeps its entrance
    for name in ("network:socialmap", "meetings:body_index", "meetings:minutes_search", "meetings:zone_ics"):
        assert reverse(name, kwargs={"zone": "amalo"}) in main
