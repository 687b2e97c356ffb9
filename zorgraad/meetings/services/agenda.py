"""The agenda of a meeting: fixed items of the body, carried-over follow-ups, ad-hoc items, order."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgraad.core import audit
from zorgraad.governance.models import FixedAgendaItem
from zorgraad.network.services import ServiceError
from zorgraad.zones.models import Zone

from ..models import AgendaItem, FollowUp, Meeting, MeetingStatus

ITEM_FIELDS = ["title", "description", "presenter", "presenter_text"]
TITLE_MAX = AgendaItem._meta.get_field("title").max_length or 250
FOLLOW_UP_PREFIX = "Opvolging: "
LOCKED = (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED, MeetingStatus.CANCELLED)


def _locked_message(meeting: Meeting) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return _("Deze vergadering is geannuleerd: de agenda kan niet meer veranderen.")
    return _("Het verslag van deze vergadering is goedgekeurd: de agenda ligt vast.")


def _meeting_for_write(zone: Zone, meeting: Meeting) -> Meeting:
    """The meeting, locked for the rest of the transaction, after the zone and status checks."""
    if meeting.zone_id != zone.pk:
        raise ServiceError(_("Deze vergadering hoort niet bij deze eerstelijnszone."))
    locked = Meeting.objects.for_zone(zone).select_for_update().select_related("body").get(pk=meeting.pk)
    if locked.status in LOCKED:
        raise ServiceError(_locked_message(locked))
    return locked


def _items(zone: Zone, meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.for_zone(zone).filter(meeting=meeting).order_by("order", "id"))


def _end_titles(zone: Zone, meeting: Meeting) -> set[str]:
    return set(
        FixedAgendaItem.objects.for_zone(zone)
        .filter(body_id=meeting.body_id, at_end=True)
        .values_list("title", flat=True)
    )


def _split_tail(items: list[AgendaItem], end_titles: set[str]) -> tuple[list[AgendaItem], list[AgendaItem]]:
    """Items before the closing fixed items (varia ...) and those closing items."""
    cut = len(items)
    while cut > 0 and items[cut - 1].is_fixed and items[cut - 1].title in end_titles:
        cut -= 1
    return items[:cut], items[cut:]


def _renumber(zone: Zone, items: list[AgendaItem]) -> None:
    """Give the items the orders 1..n in list order, writing only the ones that changed."""
    changed = []
    for n, item in enumerate(items, start=1):
        if item.order != n:
            item.order = n
            changed.append(item)
    if changed:
        AgendaItem.objects.for_zone(zone).bulk_update(changed, ["order"])


def _follow_up_title(fu: FollowUp) -> str:
    first_line = (fu.description.strip().splitlines() or [""])[0].strip()
    title = FOLLOW_UP_PREFIX + first_line
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rstrip() + "…"
    return title


def _follow_up_description(fu: FollowUp) -> str:
    text = fu.description.strip()
    # The title already shows the first line; repeat the text only when there is more of it.
    lines = [text] if _follow_up_title(fu) != FOLLOW_UP_PREFIX + text else []
    owner = str(fu.owner) if fu.owner_id and fu.owner else fu.owner_text
    if owner:
        lines.append(_("Wie: {owner}").format(owner=owner))
    if fu.due_date:
        lines.append(_("Tegen: {day}").format(day=f"{fu.due_date:%d/%m/%Y}"))
    lines.append(_("Afgesproken op de vergadering van {day}.").format(day=f"{fu.meeting.date:%d/%m/%Y}"))
    return "\n".join(lines)


@transaction.atomic
def agenda_build(*, zone: Zone, actor: Any, meeting: Meeting) -> list[AgendaItem]:
    """Add the body's fixed items and the open follow-ups of its earlier meetings, each once.

    Opening fixed items go first, closing ones (`at_end`) last, carried-over follow-ups just before
    the closing items. Items already on the agenda keep their place. Returns the items that were added.
    """
    meeting = _meeting_for_write(zone, meeting)
    items = _items(zone, meeting)
    fixed = list(FixedAgendaItem.objects.for_zone(zone).filter(body_id=meeting.body_id))
    have_fixed = {i.title for i in items if i.is_fixed}
    have_carried = {i.carried_from_id for i in items if i.carried_from_id}
    end_titles = {f.title for f in fixed if f.at_end}

    def new_item(**kwargs: Any) -> AgendaItem:
        return AgendaItem(zone=zone, meeting=meeting, **kwargs)

    opening = [
        new_item(title=f.title, is_fixed=True) for f in fixed if not f.at_end and f.title not in have_fixed
    ]
    closing = [
        new_item(title=f.title, is_fixed=True) for f in fixed if f.at_end and f.title not in have_fixed
    ]
    follow_ups = (
        FollowUp.objects.for_zone(zone)
        .filter(meeting__body_id=meeting.body_id, done=False)
        .filter(meeting__date__lt=meeting.date)
        .exclude(meeting=meeting)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("owner", "meeting")
        .order_by("meeting__date", "id")
    )
    carried = [
        new_item(
            title=_follow_up_title(fu),
            description=_follow_up_description(fu),
            presenter=fu.owner,
            presenter_text="" if fu.owner_id else fu.owner_text[:200],
            carried_from=fu,
        )
        for fu in follow_ups
        if fu.pk not in have_carried
    ]
    added = [*opening, *carried, *closing]
    if added:
        head, tail = _split_tail(items, end_titles)
        ordered = [*opening, *head, *carried, *tail, *closing]
        for n, item in enumerate(ordered, start=1):
            item.order = n
        AgendaItem.objects.bulk_create(added)
        if items:
            AgendaItem.objects.for_zone(zone).bulk_update(items, ["order"])
    audit.record(
        zone=zone,
        actor=actor,
        action="agenda_built",
        instance=meeting,
        changes={"agenda": [None, [i.title for i in added]]} if added else {},
    )
    return added


def _check_item_data(zone: Zone, data: dict[str, Any]) -> dict[str, Any]:
    values = {f: data[f] for f in ITEM_FIELDS if f in data}
    for f in ("title", "description", "presenter_text"):
        if isinstance(values.get(f), str):
            values[f] = values[f].strip()
    if "title" in values and not values["title"]:
        raise ServiceError({"title": [_("Geef het agendapunt een titel.")]})
    presenter = values.get("presenter")
    if presenter is not None and presenter.zone_id != zone.pk:
        raise ServiceError({"presenter": [_("Kies een persoon van deze eerstelijnszone.")]})
    if presenter is not None:
        values["presenter_text"] = ""
    return values


@transaction.atomic
def agenda_item_add(*, zone: Zone, actor: Any, meeting: Meeting, data: dict[str, Any]) -> AgendaItem:
    """An ad-hoc item, placed before the body's closing items (varia stays last)."""
    meeting = _meeting_for_write(zone, meeting)
    values = _check_item_data(zone, data)
    if not values.get("title"):
        raise ServiceError({"title": [_("Geef het agendapunt een titel.")]})
    items = _items(zone, meeting)
    head, tail = _split_tail(items, _end_titles(zone, meeting))
    item = AgendaItem(zone=zone, meeting=meeting, order=len(head) + 1, **values)
    item.save()
    _renumber(zone, [*head, item, *tail])
    audit.record(
        zone=zone,
        actor=actor,
        action="created",
        instance=item,
        changes=audit.diff({}, audit.snapshot(item, ITEM_FIELDS)),
    )
    return item


@transaction.atomic
def agenda_item_update(*, zone: Zone, actor: Any, item: AgendaItem, data: dict[str, Any]) -> AgendaItem:
    if item.zone_id != zone.pk:
        raise ServiceError(_("Dit agendapunt hoort niet bij deze eerstelijnszone."))
    _meeting_for_write(zone, item.meeting)
    stored = AgendaItem.objects.for_zone(zone).select_related("presenter").get(pk=item.pk)
    before = audit.snapshot(stored, ITEM_FIELDS)
    values = _check_item_data(zone, data)
    for f, v in values.items():
        setattr(stored, f, v)
    changes = audit.diff(before, audit.snapshot(stored, ITEM_FIELDS))
    if changes:
        stored.save(update_fields=list(values))
        audit.record(zone=zone, actor=actor, action="updated", instance=stored, changes=changes)
    return stored


@transaction.atomic
def agenda_item_move(*, zone: Zone, actor: Any, item: AgendaItem, direction: str) -> list[AgendaItem]:
    """Swap the item with its neighbour above ('up') or below ('down'); returns the new order."""
    if item.zone_id != zone.pk:
        raise ServiceError(_("Dit agendapunt hoort niet bij deze eerstelijnszone."))
    if direction not in ("up", "down"):
        raise ServiceError(_("Kies omhoog of omlaag."))
    meeting = _meeting_for_write(zone, item.meeting)
    items = _items(zone, meeting)
    index = next((n for n, i in enumerate(items) if i.pk == item.pk), None)
    if index is None:
        raise ServiceError(_("Dit agendapunt staat niet meer op de agenda."))
    other = index - 1 if direction == "up" else index + 1
    if other < 0:
        raise ServiceError(_("‘{title}’ staat al bovenaan.").format(title=items[index].title))
    if other >= len(items):
        raise ServiceError(_("‘{title}’ staat al onderaan.").format(title=items[index].title))
    items[index], items[other] = items[other], items[index]
    _renumber(zone, items)
    audit.record(
        zone=zone,
        actor=actor,
        action="moved",
        instance=items[other],
        changes={"order": [index + 1, other + 1]},
    )
    return items


@transaction.atomic
def agenda_item_delete(*, zone: Zone, actor: Any, item: AgendaItem) -> Meeting:
    if item.zone_id != zone.pk:
        raise ServiceError(_("Dit agendapunt hoort niet bij deze eerstelijnszone."))
    meeting = _meeting_for_write(zone, item.meeting)
    stored = AgendaItem.objects.for_zone(zone).get(pk=item.pk)
    if stored.minutes.strip() or stored.decisions.exists() or stored.follow_ups.exists():
        raise ServiceError(
            _(
                "‘{title}’ heeft al een verslag, beslissingen of opvolgpunten en kan niet meer "
                "verwijderd worden."
            ).format(title=stored.title)
        )
    audit.record(
        zone=zone,
        actor=actor,
        action="deleted",
        instance=stored,
        changes={f: [v, None] for f, v in audit.snapshot(stored, ITEM_FIELDS).items() if v},
    )
    stored.delete()
    _renumber(zone, _items(zone, meeting))
    return meeting
