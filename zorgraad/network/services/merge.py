"""Merge two records of the same zone that turned out to be one: people or organisations.

Everything that points at the record that goes (`remove`) is moved to the record that stays (`keep`):
every foreign key from any app (affiliations, offers, self-service links, child organisations and
whatever later apps add), many-to-many links to it, and its audit trail. Empty fields of `keep` are
filled from `remove`, its many-to-many fields are united, then `remove` is deleted. One transaction:
either all of it happens or nothing does.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models import ForeignObjectRel
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.core.models import AuditEntry
from zorgraad.zones.models import Zone

from ..models import Organisation, Person
from .directory import ServiceError

PERSON_FILL_FIELDS = ["first_name", "last_name", "email", "phone", "user", "last_confirmed_at"]
ORGANISATION_FILL_FIELDS = [
    "short_name",
    "sector",
    "parent",
    "street",
    "postal_code",
    "city",
    "website",
    "email",
    "phone",
    "description",
    "last_confirmed_at",
]
ORGANISATION_M2M = ["clusters", "municipalities"]

M = TypeVar("M", Person, Organisation)


def _check(zone: Zone, keep: models.Model, remove: models.Model, same_message: str) -> None:
    if keep.pk == remove.pk:
        raise ServiceError(same_message)
    if getattr(keep, "zone_id", None) != zone.pk or getattr(remove, "zone_id", None) != zone.pk:
        raise ServiceError(_("Je kan enkel records van dezelfde eerstelijnszone samenvoegen."))


def _lock(model: type[M], zone: Zone, keep: M, remove: M) -> tuple[M, M]:
    """Re-read both rows inside the transaction (and lock them where the database can)."""
    rows = {
        obj.pk: obj
        for obj in model.objects.for_zone(zone).select_for_update().filter(pk__in=[keep.pk, remove.pk])
    }
    if len(rows) != 2:
        raise ServiceError(
            _("Eén van beide records bestaat niet meer. Vernieuw de pagina en probeer opnieuw.")
        )
    return rows[keep.pk], rows[remove.pk]


def _move_relations(keep: models.Model, remove: models.Model) -> dict[str, int]:
    """Re-point every reverse foreign key and many-to-many link from `remove` to `keep`.

    Walks all reverse relations, hidden ones (`related_name="+"`) included, so models of other
    apps that point at a person or organisation are carried over without this module knowing them.
    """
    moved: dict[str, int] = {}
    for candidate in keep._meta.get_fields(include_hidden=True):
        if not isinstance(candidate, ForeignObjectRel):
            continue
        rel: Any = candidate
        related: Any = rel.related_model
        if rel.many_to_many:
            field = rel.field
            through = field.remote_field.through
            if not through._meta.auto_created:
                continue  # an explicit through model is a plain foreign key below
            source = f"{field.m2m_field_name()}_id"
            target = f"{field.m2m_reverse_field_name()}_id"
            rows = through._base_manager
            already = list(rows.filter(**{target: keep.pk}).values_list(source, flat=True))
            rows.filter(**{target: remove.pk, f"{source}__in": already}).delete()
            count = rows.filter(**{target: remove.pk}).update(**{target: keep.pk})
        elif rel.one_to_many or rel.one_to_one:
            if related._meta.auto_created:
                continue  # the table behind one of our own many-to-many fields: united by the caller
            name = rel.field.attname
            qs = related._base_manager.filter(**{name: remove.pk})
            if related is type(keep):
                qs = qs.exclude(pk=keep.pk)
            try:
                with transaction.atomic():
                    count = qs.update(**{name: keep.pk})
            except IntegrityError as exc:  # a unique rule, e.g. both people invited to the same meeting
                raise ServiceError(
                    _(
                        "Samenvoegen lukt niet: beide records komen samen voor in %(what)s. "
                        "Verwijder of pas eerst één van beide aan en probeer opnieuw."
                    )
                    % {"what": related._meta.verbose_name_plural}
                ) from exc
        else:
            continue
        if count:
            label = related._meta.label_lower
            moved[label] = moved.get(label, 0) + count
    return moved


def _move_history(zone: Zone, keep: models.Model, remove: models.Model) -> int:
    return (
        AuditEntry.objects.for_zone(zone)
        .filter(model=remove._meta.model_name, object_id=remove.pk)
        .update(object_id=keep.pk)
    )


def _fill(keep: models.Model, remove: models.Model, fields: list[str]) -> dict[str, list[Any]]:
    filled: dict[str, list[Any]] = {}
    for name in fields:
        field: Any = keep._meta.get_field(name)
        attname = field.attname
        mine, theirs = getattr(keep, attname), getattr(remove, attname)
        if mine in (None, "") and theirs not in (None, ""):
            setattr(keep, attname, theirs)
            filled[name] = [None, audit.snapshot(keep, [name])[name]]
    return filled


def _finish(
    zone: Zone, actor: Any, keep: models.Model, remove: models.Model, changes: dict[str, Any]
) -> None:
    label = f"{remove} (#{remove.pk})"
    remove.delete()
    audit.record(
        zone=zone,
        actor=actor,
        action="merged",
        instance=keep,
        changes={"merged_from": [label, str(keep)], **changes},
    )


@transaction.atomic
def person_merge(*, zone: Zone, actor: Any, keep: Person, remove: Person) -> Person:
    """Merge `remove` into `keep`; `remove` is deleted. Returns the refreshed `keep`."""
    _check(zone, keep, remove, _("Een persoon kan niet met zichzelf samengevoegd worden."))
    keep, remove = _lock(Person, zone, keep, remove)
    _move_relations(keep, remove)
    _move_history(zone, keep, remove)
    filled = _fill(keep, remove, PERSON_FILL_FIELDS)
    if "email" in filled:
        keep.email_bounced = remove.email_bounced
    keep.search_text = keep.build_search_text()
    keep.save()
    _finish(zone, actor, keep, remove, filled)
    return keep


@transaction.atomic
def organisation_merge(*, zone: Zone, actor: Any, keep: Organisation, remove: Organisation) -> Organisation:
    """Merge `remove` into `keep`; `remove` is deleted. Returns the refreshed `keep`."""
    _check(zone, keep, remove, _("Een organisatie kan niet met zichzelf samengevoegd worden."))
    keep, remove = _lock(Organisation, zone, keep, remove)
    # `keep` may itself hang under `remove`: then it takes over remove's place in the tree.
    if keep.parent_id == remove.pk:
        keep.parent_id = remove.parent_id if remove.parent_id != keep.pk else None
    if remove.parent_id == keep.pk:
        remove.parent_id = None
    before = {n: sorted(str(o) for o in getattr(keep, n).all()) for n in ORGANISATION_M2M}
    _move_relations(keep, remove)
    _move_history(zone, keep, remove)
    filled = _fill(keep, remove, ORGANISATION_FILL_FIELDS)
    if keep.parent_id == keep.pk:
        keep.parent_id = None
    keep.search_text = keep.build_search_text()
    keep.save()
    changes: dict[str, Any] = dict(filled)
    for name in ORGANISATION_M2M:
        getattr(keep, name).add(*getattr(remove, name).all())
        after = sorted(str(o) for o in getattr(keep, name).all())
        if after != before[name]:
            changes[name] = [before[name], after]
    _finish(zone, actor, keep, remove, changes)
    return keep


# --- preview: what the merge will do, for the confirmation page (reads only) --------------------


def _shown(value: Any) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    return str(value)


def _row(label: str, mine: Any, theirs: Any, result: Any | None = None) -> dict[str, str]:
    mine_s, theirs_s = _shown(mine), _shown(theirs)
    result_s = (mine_s or theirs_s) if result is None else _shown(result)
    return {"label": label, "keep": mine_s, "other": theirs_s, "result": result_s}


def _functions(person: Person) -> str:
    return "; ".join(
        f"{a.function or _('medewerker')} – {a.organisation.name}"
        + (" " + _("(voorbij)") if not a.is_current else "")
        for a in person.affiliations.all()
    )


def person_merge_preview(keep: Person, other: Person) -> list[dict[str, str]]:
    """Side by side: the record that stays, the one that goes, and the result."""
    functions = "; ".join(f for f in (_functions(keep), _functions(other)) if f)
    return [
        _row(_("Voornaam"), keep.first_name, other.first_name),
        _row(_("Familienaam"), keep.last_name, other.last_name),
        _row(_("E-mail"), keep.email, other.email),
        _row(_("Telefoon"), keep.phone, other.phone),
        _row(_("Functies"), _functions(keep), _functions(other), functions),
        _row(_("Laatst bevestigd"), keep.last_confirmed_at, other.last_confirmed_at),
        _row(_("Gearchiveerd"), keep.is_archived, other.is_archived, keep.is_archived),
    ]


def organisation_merge_preview(keep: Organisation, other: Organisation) -> list[dict[str, str]]:
    def names(items: Any) -> str:
        return ", ".join(sorted(str(i) for i in items))

    def union(name: str) -> str:
        return names({*getattr(keep, name).all(), *getattr(other, name).all()})

    parent = keep.parent if keep.parent_id not in (None, other.pk) else other.parent
    if parent is not None and parent.pk == keep.pk:
        parent = None
    return [
        _row(_("Naam"), keep.name, other.name),
        _row(_("Afkorting"), keep.short_name, other.short_name),
        _row(_("Sector"), keep.sector, other.sector),
        _row(_("Clusters"), names(keep.clusters.all()), names(other.clusters.all()), union("clusters")),
        _row(
            _("Werkt in"),
            names(keep.municipalities.all()),
            names(other.municipalities.all()),
            union("municipalities"),
        ),
        _row(_("Maakt deel uit van"), keep.parent, other.parent, parent or ""),
        _row(_("Adres"), keep.address, other.address),
        _row(_("Website"), keep.website, other.website),
        _row(_("E-mail"), keep.email, other.email),
        _row(_("Telefoon"), keep.phone, other.phone),
        _row(
            _("Personen"),
            len(keep.affiliations.all()),
            len(other.affiliations.all()),
            len(keep.affiliations.all()) + len(other.affiliations.all()),
        ),
        _row(
            _("Aanbod"),
            len(keep.offers.all()),
            len(other.offers.all()),
            len(keep.offers.all()) + len(other.offers.all()),
        ),
        _row(_("Laatst bevestigd"), keep.last_confirmed_at, other.last_confirmed_at),
        _row(_("Gearchiveerd"), keep.is_archived, other.is_archived, keep.is_archived),
    ]
