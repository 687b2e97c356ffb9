"""Who may use which page: one table, checked by ZoneAccessMiddleware for every request.

Each URL name maps to the lowest access level that may use it. Levels nest:
public < login < partner < member < secretary < staff < admin. Zone pages check the
level against the user's roles *in the zone of the URL*; staff of another zone count as
logged-in users there and nothing more. A URL without an entry is refused (and fails the
permission walk test), so a new view cannot slip out unguarded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from zorgraad.zones.models import Zone

PUBLIC = "public"
LOGIN = "login"
PARTNER = "partner"
MEMBER = "member"
SECRETARY = "secretary"
STAFF = "staff"
ADMIN = "admin"

LEVELS = [PUBLIC, LOGIN, PARTNER, MEMBER, SECRETARY, STAFF, ADMIN]

# URL name -> lowest level that may open it.
URL_ROLES: dict[str, str] = {
    # shell
    "zone_list": PUBLIC,
    "healthz": PUBLIC,
    "home_redirect": LOGIN,
    "set_language": PUBLIC,
    "switch_language": PUBLIC,
    "zones:home": PUBLIC,
    "zones:dashboard": STAFF,
    "accounts:person_access": STAFF,
    # the invited account's owner, logged in with the invited address (checked by the view)
    "accounts:invitation_accept": LOGIN,
    # directory (staff)
    "network:organisation_list": STAFF,
    "network:organisation_export": STAFF,
    "network:organisation_create": STAFF,
    "network:organisation_detail": STAFF,
    "network:organisation_edit": STAFF,
    "network:organisation_archive": STAFF,
    "network:organisation_merge": STAFF,
    "network:person_list": STAFF,
    "network:person_export": STAFF,
    "network:person_create": STAFF,
    "network:person_detail": STAFF,
    "network:person_edit": STAFF,
    "network:person_archive": STAFF,
    "network:person_merge": STAFF,
    # privacy requests (GDPR art. 15 and 17)
    "network:person_data_export": STAFF,
    "network:person_erase": STAFF,
    "network:affiliation_add": STAFF,
    "network:affiliation_end": STAFF,
    "network:offer_create": STAFF,
    "network:offer_edit": STAFF,
    "network:offer_archive": STAFF,
    "network:selfservice_send": STAFF,
    "network:confirmation_round": STAFF,
    "network:stale_report": STAFF,
    # self-service: the signed link is the credential
    "network:selfservice": PUBLIC,
    # own profile for logged-in partners
    "network:my_profile": PARTNER,
    # a partner's own organisations' offers: proposals only, staff confirm (object check in the view)
    "network:my_offers": PARTNER,
    "network:offer_propose": PARTNER,
    "network:organisation_offer_propose": PARTNER,
    "network:offer_proposal_list": STAFF,
    "network:offer_proposal_detail": STAFF,
    # public social map
    "network:search_synonyms": STAFF,
    "network:socialmap": PUBLIC,
    "network:socialmap_offer": PUBLIC,
    "network:socialmap_offer_card": PUBLIC,
    # bodies: staff for the zone-wide screens; SECRETARY pages also check that the user is the
    # secretary of *that* body (governance.permissions.require_body_manager)
    "governance:body_list": SECRETARY,
    "governance:body_create": STAFF,
    "governance:body_detail": SECRETARY,
    "governance:body_edit": STAFF,
    "governance:membership_add": SECRETARY,
    "governance:fixed_items": SECRETARY,
    "governance:membership_end": SECRETARY,
    "governance:mandate_call_create": STAFF,
    "governance:mandate_call_detail": STAFF,
    "governance:candidacy_add": STAFF,
    "governance:mandate_call_decide": STAFF,
    "governance:my_bodies": MEMBER,
    "governance:body_subscribe": PUBLIC,
    # the signed link in the mail is the credential (double opt-in, unsubscribe)
    "governance:subscribe_confirm": PUBLIC,
    "governance:unsubscribe": PUBLIC,
    # search pickers (a person or organisation of the zone, by name; no e-mail addresses)
    "network:person_picker": SECRETARY,
    "network:organisation_picker": SECRETARY,
    # meetings: planning and minutes by staff and the body's secretary (object check in the view)
    "meetings:schedule": SECRETARY,
    "meetings:meeting_create": SECRETARY,
    "meetings:meeting_detail": SECRETARY,
    "meetings:meeting_edit": SECRETARY,
    "meetings:meeting_transition": SECRETARY,
    "meetings:agenda": SECRETARY,
    "meetings:agenda_item_edit": SECRETARY,
    "meetings:agenda_item_move": SECRETARY,
    "meetings:agenda_item_delete": SECRETARY,
    "meetings:invite": SECRETARY,
    "meetings:attendance": SECRETARY,
    "meetings:guest_add": SECRETARY,
    "meetings:minutes": SECRETARY,
    "meetings:followup_done": SECRETARY,
    "meetings:minutes_approve": SECRETARY,
    "meetings:decision_edit": SECRETARY,
    "meetings:decision_delete": SECRETARY,
    "meetings:followup_edit": SECRETARY,
    "meetings:followup_delete": SECRETARY,
    "meetings:partner_round_edit": SECRETARY,
    "meetings:partner_round_delete": SECRETARY,
    "meetings:minutes_publish": SECRETARY,
    "meetings:minutes_export": SECRETARY,
    # feeds and public pages: what they show depends on the body (open or closed) and the reader
    "meetings:zone_ics": PUBLIC,
    "meetings:body_ics": PUBLIC,
    "meetings:meeting_ics": PUBLIC,
    "meetings:body_index": PUBLIC,
    "meetings:minutes_search": PUBLIC,
    "meetings:body_public": PUBLIC,
    "meetings:meeting_public": PUBLIC,
    # "Ik kom / Ik kom niet": the signed link in the invitation is the credential
    "meetings:rsvp": PUBLIC,
    # a member answers from the meeting page (their own row; checked by the view)
    "meetings:meeting_reply": MEMBER,
}

# URL name prefixes handled elsewhere: allauth pages (they guard themselves: the MFA step runs
# before the login is complete), Django admin (own staff check), the API (each operation checks
# its own access and answers JSON).
PREFIX_ROLES: dict[str, str] = {
    "account_": PUBLIC,
    "mfa_": PUBLIC,
    "admin:": PUBLIC,
    "api:": PUBLIC,
}


def register(rules: dict[str, str]) -> None:
    """Add an app's URL names to the one table (called from the app's `hooks.connect()`).

    The table stays one table, checked by the middleware and walked by the test, but an app adds
    its own rows without editing core. A name registered twice with another level is an error.
    """
    for name, level in rules.items():
        if level not in LEVELS:
            raise ValueError(f"Unknown access level {level!r} for URL '{name}'.")
        if URL_ROLES.get(name, level) != level:
            raise ValueError(f"URL '{name}' is registered twice with different levels.")
        URL_ROLES[name] = level


def level_for(view_name: str) -> str | None:
    if view_name in URL_ROLES:
        return URL_ROLES[view_name]
    for prefix, level in PREFIX_ROLES.items():
        if view_name.startswith(prefix):
            return level
    return None


def roles_in_zone(request: HttpRequest, zone: Zone) -> set[str]:
    """The roles of the request's user in `zone`, cached on the request."""
    user = request.user
    if not user.is_authenticated:
        return set()
    cache: dict[int, set[str]] = request.__dict__.setdefault("_zone_roles", {})
    if zone.pk not in cache:
        cache[zone.pk] = _roles(zone.pk, user.pk)
    return cache[zone.pk]


def _roles(zone_id: int, user_id: int) -> set[str]:
    """One prepared raw query, run on every zone request: no ORM query is built (issue 17 measured
    0.4-0.6 ms for building one). Always read from the database, so a revoked role counts at once."""
    from django.db import connection

    from zorgraad.accounts.models import ZoneRole

    global _ROLES_SQL
    if _ROLES_SQL is None:
        table = connection.ops.quote_name(ZoneRole._meta.db_table)
        _ROLES_SQL = f"SELECT role FROM {table} WHERE zone_id = %s AND user_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(_ROLES_SQL, [zone_id, user_id])
        return {row[0] for row in cursor.fetchall()}


_ROLES_SQL: str | None = None
_ROLES_RIDER: dict[str, str] = {}


def roles_rider(request: HttpRequest, slug: str) -> tuple[str, tuple[Any, ...]] | None:
    """The user's roles in the zone of `slug` as a rider of the zone query (pagecache.
    zone_with_generations): read in the same statement as the zone; None for an anonymous visitor."""
    user = request.user
    if not user.is_authenticated:
        return None
    from django.db import connection

    sql = _ROLES_RIDER.get(connection.vendor)
    if sql is None:
        from zorgraad.accounts.models import ZoneRole
        from zorgraad.zones.models import Zone

        quote = connection.ops.quote_name
        roles, zones = quote(ZoneRole._meta.db_table), quote(Zone._meta.db_table)
        sql = (
            f"SELECT zr.role AS rider_value FROM {roles} zr JOIN {zones} rz ON zr.zone_id = rz.id "
            "WHERE rz.slug = %s AND zr.user_id = %s"
        )
        _ROLES_RIDER[connection.vendor] = sql
    return sql, (slug, user.pk)


def remember_roles(request: HttpRequest, zone: Zone, roles: list[str]) -> None:
    """The user's roles in `zone` as the zone query's rider read them (`roles_rider`)."""
    request.__dict__.setdefault("_zone_roles", {})[zone.pk] = set(roles)


def user_level(request: HttpRequest, zone: Zone | None) -> str:
    user = request.user
    if not user.is_authenticated:
        return PUBLIC
    if user.is_superuser:
        return ADMIN
    if zone is None:
        return LOGIN
    roles = roles_in_zone(request, zone)
    for level in (STAFF, SECRETARY, MEMBER, PARTNER):
        if level in roles:
            return level
    return LOGIN


def allows(have: str, need: str) -> bool:
    return LEVELS.index(have) >= LEVELS.index(need)


def is_zone_staff(request: HttpRequest, zone: Zone) -> bool:
    return allows(user_level(request, zone), STAFF)
