"""The plan's indicator sources: clicks per rubric per edition (planning/sources.py contract)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.urls import reverse

from zorgraad.planning.sources import Instance, SourceQuery, SourceResult

from .selectors import clicks_per_rubric


@functools.cache
def clicks_for(kinds: tuple[str, ...]) -> Callable[[SourceQuery], SourceResult]:
    """A compute function counting the clicks on links of blocks of `kinds` (all when empty), one
    instance per edition sent in the period; `object_ids` narrows to chosen editions."""

    def compute(query: SourceQuery) -> SourceResult:
        rows = clicks_per_rubric(zone=query.zone, start=query.start, end=query.end, kinds=kinds)
        if query.object_ids:
            rows = [(e, n) for e, n in rows if e.pk in query.object_ids]
        missing: tuple[int, ...] = ()
        if query.object_ids:
            from .models import Edition

            existing = set(
                Edition.objects.for_zone(query.zone)
                .filter(pk__in=query.object_ids)
                .values_list("pk", flat=True)
            )
            missing = tuple(sorted(set(query.object_ids) - existing))
        instances = tuple(
            Instance(
                label=e.subject,
                date=e.sent_at.date() if e.sent_at else None,
                value=n,
                url=reverse("newsletter:edition_detail", kwargs={"zone": query.zone.slug, "pk": e.pk}),
            )
            for e, n in rows
        )
        return SourceResult(total=sum(n for _e, n in rows), instances=instances, missing_ids=missing)

    return compute
