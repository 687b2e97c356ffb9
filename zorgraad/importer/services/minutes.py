"""Saving confirmed minutes or an agenda: the meeting, its items, decisions, people, partner round and
the next meetings, through the meetings app's services."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from zorgraad.governance.models import Body
from zorgraad.network.models import Person
from zorgraad.zones.models import Zone

from ..parse.common import fold
from .common import ImportFailed, _date, _int, _time, _v
from .contacts import _save_contact
from .saver import _Saver


def _body(zone: Zone, data: dict[str, Any]) -> Body:
    body_id = data.get("body_id")
    if body_id:
        body = Body.objects.for_zone(zone).filter(pk=_int(body_id)).first()
        if body is None:
            raise ImportFailed("Het gekozen overlegorgaan hoort niet bij deze eerstelijnszone.")
        return body
    name = fold(_v(data, "body") or "")
    for body in Body.objects.for_zone(zone).filter(is_archived=False):
        if fold(body.name) == name:
            return body
    raise ImportFailed("Kies bij welk overlegorgaan deze vergadering hoort.")


def _venue_text(venue: str, address: str) -> str:
    return ", ".join(p for p in ((venue or "").strip(), (address or "").strip()) if p)[:300]


def _save_minutes(saver: _Saver, data: dict[str, Any]) -> None:
    from zorgraad.meetings.models import Meeting, MeetingStatus
    from zorgraad.meetings.services.agenda import agenda_item_add
    from zorgraad.meetings.services.attendance import attendance_set, guest_add
    from zorgraad.meetings.services.minutes import decision_add, minutes_save, partner_round_add
    from zorgraad.meetings.services.schedule import meeting_create
    from zorgraad.meetings.services.status import meeting_transition

    zone, actor = saver.zone, saver.actor
    body = _body(zone, data)
    day = _date(_v(data, "date"), "Datum van de vergadering")
    start = _time(_v(data, "start_time") or body.default_start, "Beginuur")
    end = _time(_v(data, "end_time") or body.default_end, "Einduur")
    if end <= start:
        raise ImportFailed("Het einduur moet na het beginuur liggen.")
    url = (_v(data, "online_url") or "").strip()
    if url and not re.match(r"^https?://", url):
        url = ""
    if (
        Meeting.objects.for_zone(zone)
        .filter(body=body, date=day)
        .exclude(status=MeetingStatus.CANCELLED)
        .exists()
    ):
        raise ImportFailed(
            f"{body.name} heeft al een vergadering op {day.strftime('%d/%m/%Y')}. "
            "Vul het verslag daar aan, of kies een andere datum."
        )
    meeting = meeting_create(
        zone=zone,
        actor=actor,
        body=body,
        data={
            "date": day,
            "start_time": start,
            "end_time": end,
            "venue": _venue_text(_v(data, "venue") or "", _v(data, "address") or ""),
            "online_url": url[:200],
            "title": "",
        },
    )
    saver.add(meeting)
    is_minutes = (_v(data, "document_type") or "verslag") != "agenda"
    # Agenda items and their minutes
    texts: dict[int, str] = {}
    for entry in data.get("items", []):
        if entry.get("skip"):
            continue
        title = (_v(entry, "title") or "").strip()[:250]
        if not title:
            continue
        item = agenda_item_add(zone=zone, actor=actor, meeting=meeting, data={"title": title})
        saver.add(item)
        if is_minutes and (entry.get("text") or "").strip():
            texts[item.pk] = entry["text"]
        for dec in entry.get("decisions", []):
            text = (_v(dec, "value") if isinstance(dec, dict) else dec) or ""
            if isinstance(dec, dict) and dec.get("skip"):
                continue
            if text.strip():
                saver.add(decision_add(zone=zone, actor=actor, meeting=meeting, text=text, item=item))
    if texts:
        minutes_save(zone=zone, actor=actor, meeting=meeting, items=texts)
    # People: the contact block first (it has organisations and e-mails), then the lists of names.
    contacts_by_name: dict[str, Person] = {}
    for c in data.get("contacts", []):
        person = _save_contact(saver, c)
        if person is not None:
            contacts_by_name[fold(_v(c, "name") or "")] = person
    statuses: dict[int, str] = {}
    for key, status in (("participants", "present"), ("excused", "excused")):
        for entry in data.get(key, []):
            if entry.get("skip"):
                continue
            name = (_v(entry, "value") or "").strip()
            if not name:
                continue
            match = (
                (entry.get("person_match") or {}).get("id")
                if isinstance(entry.get("person_match"), dict)
                else None
            )
            person = contacts_by_name.get(fold(name)) or saver.person(name, match_id=match)
            if person is None or person.pk in statuses:
                continue
            saver.add(guest_add(zone=zone, actor=actor, meeting=meeting, person=person))
            statuses[person.pk] = status
    if any(s == "excused" for s in statuses.values()):
        attendance_set(
            zone=zone,
            actor=actor,
            meeting=meeting,
            statuses={k: v for k, v in statuses.items() if v == "excused"},
        )
    # Partner round
    for entry in data.get("partner_round", []):
        if entry.get("skip") or not (entry.get("text") or "").strip():
            continue
        match = entry.get("organisation_match") or {}
        org = saver.organisation(
            _v(entry, "organisation") or "", match.get("id") if isinstance(match, dict) else None
        )
        saver.add(
            partner_round_add(zone=zone, actor=actor, meeting=meeting, text=entry["text"], organisation=org)
        )
    # Held, if the minutes are of a past meeting.
    if is_minutes and day <= timezone.localdate():
        meeting_transition(zone=zone, actor=actor, meeting=meeting, to=MeetingStatus.HELD)
    # Next meetings: planned; one the body already has that day is linked, not doubled.
    for nm in data.get("next_meetings", []):
        if nm.get("skip"):
            continue
        nday = _date(_v(nm, "date"), "Datum van een volgende vergadering")
        nstart = _time(_v(nm, "start_time") or body.default_start, "Beginuur van een volgende vergadering")
        nend = _time(_v(nm, "end_time") or body.default_end, "Einduur van een volgende vergadering")
        if nend <= nstart:
            raise ImportFailed(
                f"Volgende vergadering van {nday.strftime('%d/%m/%Y')}: het einduur moet na het beginuur liggen."
            )
        existing = (
            Meeting.objects.for_zone(zone)
            .filter(body=body, date=nday)
            .exclude(status=MeetingStatus.CANCELLED)
            .first()
        )
        if existing is not None:
            saver.add(existing, created=False)
            continue
        planned = meeting_create(
            zone=zone,
            actor=actor,
            body=body,
            data={
                "date": nday,
                "start_time": nstart,
                "end_time": nend,
                "venue": (_v(nm, "venue") or "")[:300],
                "title": "",
            },
        )
        saver.add(planned)
    saver.result.summary.append(f"Vergadering van {body.name} op {day.strftime('%d/%m/%Y')}")
