"""Staff register a signal heard outside a meeting: by phone, by mail, at a network event, ...

The signal lands in the triage list like any other (status ‘ontvangen’), with the first step of its
trail saying who registered it and when (services.signal_create).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgraad.core.errors import ServiceError, same_zone
from zorgraad.zones.models import Zone

from ..models import Signal, SignalSource
from . import signal_create

STAFF_SOURCES = (
    SignalSource.PHONE,
    SignalSource.MAIL,
    SignalSource.NETWORK_EVENT,
    SignalSource.CASE_CONSULTATION,
    SignalSource.INTERVISION,
    SignalSource.SURVEY,
    SignalSource.DREMPELSCAN,
    SignalSource.STAFF,
)


@transaction.atomic
def signal_register(
    *, zone: Zone, actor: Any, data: dict[str, Any], source: str, received_on: dt.date | None = None
) -> Signal:
    """A signal that staff heard, with the reporter from the directory or as free text.

    A reporter from the directory who works at exactly one organisation now brings that organisation
    along when none is given; an organisation brings its sector when none is given.
    """
    from zorgraad.network.models import Affiliation

    if source not in STAFF_SOURCES:
        raise ServiceError({"source": _("Kies hoe het signaal binnenkwam.")})
    data = dict(data)
    person, organisation = data.get("reporter_person"), data.get("organisation")
    same_zone(zone, person, _("Kies een persoon van deze eerstelijnszone."), "reporter_person")
    same_zone(zone, organisation, _("Kies een organisatie van deze eerstelijnszone."), "organisation")
    if person is not None and (data.get("reporter_name") or "").strip():
        raise ServiceError(
            {"reporter_name": _("Kies de melder in de contactenlijst óf schrijf een naam, niet allebei.")}
        )
    if person is not None and organisation is None and not (data.get("organisation_text") or "").strip():
        today = timezone.localdate()
        current = [
            a
            for a in Affiliation.objects.for_zone(zone).filter(person=person).select_related("organisation")
            if (a.start is None or a.start <= today) and (a.end is None or a.end >= today)
        ]
        if len({a.organisation_id for a in current}) == 1:
            organisation = data["organisation"] = current[0].organisation
    if organisation is not None and data.get("sector") is None:
        data["sector"] = organisation.sector
    return signal_create(
        zone=zone, actor=actor, data=data, source=source, require_description=True, received_on=received_on
    )
