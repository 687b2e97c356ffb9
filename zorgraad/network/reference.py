"""The reference lists of the staff forms (sectors, clusters, a zone's municipalities), read once per change.

Why (issue 17): the filter forms of the organisation and people lists and the organisation form
showed these lists through a ModelChoiceField each: a query (a server-side cursor on PostgreSQL)
and the model instances built again on every page. They change about never, so their options
(primary key, label) are kept in the cache, keyed by the zone's page-cache generations of the
`zone` kind (its municipalities) and the `reference` kind (the shared tables; core/pagecache.py),
and the day (a zone's municipalities are those valid today). Every write to those tables raises
one of these generations, so a list is never stale.

The fields keep their querysets: what is posted is validated against the database as before.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.cache import cache

from zorgraad.core import pagecache
from zorgraad.zones.models import Cluster, Sector, Zone

CACHE_SECONDS = 3600
KINDS = ("sectors", "clusters", "municipalities")


def _key(zone: Zone, day: dt.date) -> str:
    gens = pagecache.generations_of(zone)
    return f"reference-options:{zone.pk}:{gens.get(pagecache.ZONE, 0)}:{gens.get(pagecache.REFERENCE, 0)}:{day.isoformat()}"


def options(zone: Zone) -> dict[str, list[tuple[int, str]]]:
    """(pk, label) of every sector, cluster and municipality of the zone today, in the order and with
    the labels a ModelChoiceField over the same querysets shows."""
    day = dt.date.today()  # as Zone.municipalities_on()
    key = _key(zone, day)
    found: dict[str, list[tuple[int, str]]] | None = cache.get(key)
    if found is None:
        found = {
            "sectors": [(o.pk, str(o)) for o in Sector.objects.all()],
            "clusters": [(o.pk, str(o)) for o in Cluster.objects.all()],
            "municipalities": [(o.pk, str(o)) for o in zone.municipalities_on(day)],
        }
        cache.set(key, found, CACHE_SECONDS)
    return found


def show(field: forms.Field, pairs: list[tuple[Any, str]]) -> None:
    """Show `pairs` as the options of a ModelChoiceField or ModelMultipleChoiceField (its empty label
    first); its queryset still validates what is posted."""
    if not isinstance(field, forms.ModelChoiceField):
        return
    choices: list[tuple[Any, Any]] = list(pairs)
    if field.empty_label is not None:
        choices.insert(0, ("", field.empty_label))
    field.choices = choices


def show_for_zone(form: forms.BaseForm, zone: Zone, **fields: str) -> None:
    """`show_for_zone(form, zone, sector="sectors", municipality="municipalities")`."""
    found = options(zone)
    for name, kind in fields.items():
        if name in form.fields:
            show(form.fields[name], found[kind])
