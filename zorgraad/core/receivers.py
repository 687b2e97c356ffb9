"""Cache invalidation: a write raises the generations of the kinds of public data it changes (pagecache.py).

Which model changes which kind is declared here for the foundation's apps; other apps declare theirs
in their hooks.connect() with `pagecache.register_model` (a model that declares nothing raises the
zone kind, which every page of the zone depends on: slow, never stale).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import pagecache as pc
from .scoping import ZoneOwned

# Written on every change anyway, or never shown on public pages.
# The social map's search index is derived from offers, whose own writes raise the generation; its
# rows are deleted in bulk, which a post_delete receiver would turn into one query per row.
IGNORED = {"core.AuditEntry", "core.RateBucket", "network.OfferSearchTerm"}

# Names of people appear on public body and meeting pages (members, presenters, attendance).
PERSON_PUBLIC_FIELDS = {"first_name", "last_name", "is_archived", "zone"}
BUILTIN: dict[str, tuple[tuple[str, ...], set[str] | None]] = {
    # Meeting pages and feeds show an organisation's name and address (attendance, partner round,
    # venue), not its phone or e-mail: those raise MEETINGS only through ORGANISATION_MEETING_FIELDS.
    "network.Organisation": ((pc.DIRECTORY, pc.SOCIALMAP), None),
    "network.Offer": ((pc.DIRECTORY, pc.SOCIALMAP), None),
    "network.Person": ((pc.MEETINGS,), PERSON_PUBLIC_FIELDS),
    "network.Affiliation": ((), None),  # shown to staff only
    "network.SelfServiceLink": ((), None),
    "network.ConfirmationRound": ((), None),
    "network.OfferProposal": ((), None),  # nothing public changes until staff accept (through Offer)
    "accounts.AccessInvitation": ((), None),
    "governance.Body": ((pc.MEETINGS,), None),
    "governance.Membership": ((pc.MEETINGS,), None),
    "governance.FixedAgendaItem": ((), None),  # copied into agendas, which raise MEETINGS themselves
    "governance.MandateCall": ((), None),
    "governance.Candidacy": ((), None),
    "meetings.Meeting": ((pc.MEETINGS,), None),
    "meetings.AgendaItem": ((pc.MEETINGS,), None),
    "meetings.Attendance": ((pc.MEETINGS,), {"status", "is_guest", "organisation", "person", "meeting"}),
    "meetings.Decision": ((pc.MEETINGS,), None),
    "meetings.FollowUp": ((pc.MEETINGS,), None),
    "meetings.PartnerRoundEntry": ((pc.MEETINGS,), None),
    "meetings.MeetingStatusChange": ((), None),
    "meetings.MinutesRevision": ((), None),
}
ORGANISATION_MEETING_FIELDS = {
    "name",
    "short_name",
    "street",
    "postal_code",
    "city",
    "zone",
    "zone_id",
    "is_archived",
}
# How to reach an organisation, and when it last confirmed its details: the social map shows them
# on the pages that show one of its offers (its own, or a child's: the contact falls back to the
# parent's). A save of one organisation touching only these fields raises the `contacts` record
# kind for it instead of DIRECTORY and SOCIALMAP (core/pagerecords.py): the social map's pages track
# the organisations they read, and only those that read it are rendered again. Its staff search
# text holds the e-mail address; the public API searches it, so the API keeps the kind in its key.
ORGANISATION_CONTACT_FIELDS = {"phone", "email", "website", "last_confirmed_at", "search_text", "updated_at"}
# Shared by every zone: their writes raise REFERENCE, which every page depends on.
GLOBAL = {
    "zones.Municipality",
    "zones.Cluster",
    "zones.Sector",
    "zones.PostalPlace",
    "network.TargetGroup",
    "network.Theme",
    "network.SearchSynonym",
}


def _on_change(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    pk = instance.pk if kwargs.get("signal") is post_save else None  # a delete is never one record's
    pc.bump_model(sender._meta.label, getattr(instance, "zone_id", None), update_fields, pk)


def _on_m2m(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if not action.startswith("post_"):
        return
    label = type(instance)._meta.label
    zone_id = getattr(instance, "zone_id", None)
    if zone_id or label in pc.GLOBAL_MODELS:
        pc.bump_model(label, zone_id, None)
        return
    # The reverse side of a relation, from a record without a zone (zone.events_co_organised.add(e)):
    # the zones of the other side's rows, or every zone when they are not known (a reverse clear).
    model, pks = kwargs.get("model"), kwargs.get("pk_set")
    if model is not None and issubclass(model, ZoneOwned) and pks:
        zones = model._base_manager.filter(pk__in=pks).values_list("zone_id", flat=True).distinct()
        for other in set(zones):
            pc.bump_model(model._meta.label, other, None)
    else:
        pc.bump(None, pc.ZONE, pc.STAFF_ANY)


# Tables without a zone that staff pages show: the user in the header and on person pages, their
# e-mail addresses and authenticators (for None: every zone). A login writes only `last_login`,
# which no page shows: it clears nothing.
NOT_SHOWN_USER_FIELDS = frozenset({"last_login"})


def _on_account(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if update_fields is not None and set(update_fields) <= NOT_SHOWN_USER_FIELDS:
        return
    pc.bump_staff(None)


def _on_zone_staff_row(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A zone's row of a table that raises no public kind (a role, an audit entry): staff pages."""
    if not kwargs.get("raw"):
        pc.bump_staff(getattr(instance, "zone_id", None))


def _on_zone_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        pc.bump_zone(instance.pk)


def _on_zone_link(sender: Any, instance: Any, **kwargs: Any) -> None:
    if not kwargs.get("raw"):
        pc.bump_zone(instance.zone_id)


def _on_global(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    zone_id = getattr(instance, "zone_id", None)
    if zone_id:  # a row of one zone in a shared table (a zone's own search word)
        pc.bump_zone(zone_id)
    else:
        pc.bump(None, pc.REFERENCE, pc.STAFF_ANY)


# Models without a zone whose writes staff pages show (see _on_account); a model absent here is not
# installed in every configuration and is skipped.
ACCOUNT_MODELS = ("accounts.User", "account.EmailAddress", "mfa.Authenticator")
# Zone rows that raise only the staff kind: roles (a table of accounts, with a zone but not ZoneOwned)
# and audit entries (the histories on staff pages; written with every change, so they add no flush).
ZONE_STAFF_MODELS = ("accounts.ZoneRole", "core.AuditEntry")


def connect() -> None:
    for label, (kinds, fields) in BUILTIN.items():
        if label not in pc.MODEL_KINDS:
            pc.register_model(label, *kinds, fields=fields)
    if "network.Organisation" not in pc.FIELD_KINDS:
        pc.register_field_kind("network.Organisation", pc.MEETINGS, ORGANISATION_MEETING_FIELDS)
    pc.register_record_kind(
        pc.CONTACTS,
        "network.Organisation",
        fields=ORGANISATION_CONTACT_FIELDS,
        covers=(pc.DIRECTORY, pc.SOCIALMAP),
    )
    for label in GLOBAL:
        pc.register_global_model(label)
    for model in apps.get_models():
        label = model._meta.label
        if label in IGNORED:
            continue
        if issubclass(model, ZoneOwned):
            post_save.connect(_on_change, sender=model, dispatch_uid=f"bump-{label}")
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"bump-del-{label}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    _on_m2m, sender=field.remote_field.through, dispatch_uid=f"bump-m2m-{label}-{field.name}"
                )
        elif label in GLOBAL:
            post_save.connect(_on_global, sender=model, dispatch_uid=f"bump-{label}")
            post_delete.connect(_on_global, sender=model, dispatch_uid=f"bump-del-{label}")
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    _on_global,
                    sender=field.remote_field.through,
                    dispatch_uid=f"bump-m2m-{label}-{field.name}",
                )
    for label in ACCOUNT_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(_on_account, sender=model, dispatch_uid=f"bump-staff-{label}")
        post_delete.connect(_on_account, sender=model, dispatch_uid=f"bump-staff-del-{label}")
    for label in ZONE_STAFF_MODELS:
        model = apps.get_model(label)
        post_save.connect(_on_zone_staff_row, sender=model, dispatch_uid=f"bump-staff-{label}")
        post_delete.connect(_on_zone_staff_row, sender=model, dispatch_uid=f"bump-staff-del-{label}")
    post_save.connect(_on_zone_saved, sender=apps.get_model("zones", "Zone"), dispatch_uid="bump-zone")
    zone_links = apps.get_model("zones", "ZoneMunicipality")
    post_save.connect(_on_zone_link, sender=zone_links, dispatch_uid="bump-zone-links")
    post_delete.connect(_on_zone_link, sender=zone_links, dispatch_uid="bump-del-zone-links")
