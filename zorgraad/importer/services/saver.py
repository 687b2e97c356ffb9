"""The records a confirmed import creates or links, counted and linked to their document at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from zorgraad.network.models import Organisation, Person
from zorgraad.zones.models import Zone

from ..models import ImportedDocument, ImportedRecord
from ..parse.common import fold
from .common import ImportFailed, _int, _valid_email
from .matching import _match_person, _org_index, _person_index


@dataclass
class ImportResult:
    document: ImportedDocument | None
    created: dict[str, int] = field(default_factory=dict)
    linked: dict[str, int] = field(default_factory=dict)
    summary: list[str] = field(default_factory=list)


class _Saver:
    """Collects the records an import creates, to link them to the document at the end."""

    def __init__(self, zone: Zone, actor: Any) -> None:
        self.zone = zone
        self.actor = actor
        self.records: list[tuple[models.Model, bool]] = []
        self.result = ImportResult(document=None)
        self.by_mail, self.by_name = _person_index(zone)
        self.orgs = _org_index(zone)

    def add(self, instance: models.Model, created: bool = True) -> None:
        self.records.append((instance, created))
        label = record_label(instance._meta.model_name or "")
        bucket = self.result.created if created else self.result.linked
        bucket[str(label)] = bucket.get(str(label), 0) + 1

    def organisation(self, name: str, match_id: Any = None) -> Organisation | None:
        from zorgraad.network.services.directory import organisation_create

        name = (name or "").strip()[:200]
        if match_id:
            org = Organisation.objects.for_zone(self.zone).filter(pk=_int(match_id)).first()
            if org is None:
                raise ImportFailed("Een gekozen organisatie bestaat niet (meer) in deze eerstelijnszone.")
            return org
        if not name:
            return None
        found = self.orgs.get(fold(name))
        if found is not None:
            return found
        org = organisation_create(zone=self.zone, actor=self.actor, data={"name": name})
        self.orgs[fold(name)] = org
        self.add(org)
        return org

    def person(
        self,
        name: str,
        *,
        first: str = "",
        last: str = "",
        email: str = "",
        organisation: Organisation | None = None,
        function: str = "",
        match_id: Any = None,
    ) -> Person | None:
        from zorgraad.network.services.directory import affiliation_add, person_create

        if match_id:
            person = Person.objects.for_zone(self.zone).filter(pk=_int(match_id)).first()
            if person is None:
                raise ImportFailed("Een gekozen persoon bestaat niet (meer) in deze eerstelijnszone.")
            if (
                organisation is not None
                and not person.affiliations.filter(organisation=organisation, end__isnull=True).exists()
            ):
                aff = affiliation_add(
                    zone=self.zone,
                    actor=self.actor,
                    person=person,
                    data={"organisation": organisation, "function": function[:150]},
                )
                self.add(aff)
            return person
        email = _valid_email(email)
        found = _match_person(name, email, self.by_mail, self.by_name)
        if found is not None:
            return self.person(name, organisation=organisation, function=function, match_id=found.pk)
        if not (first and last):
            # a part is missing (a row without a surname, a name corrected in the preview): the full name
            words = name.split()
            if len(words) < 2:
                raise ImportFailed(
                    f"‘{name}’ is geen volledige naam: vul voornaam en familienaam in, "
                    "of kies ‘Niet overnemen’."
                )
            first, last = words[0], " ".join(words[1:])
        for label, value in (("voornaam", first), ("familienaam", last)):
            if len(value) > 100:
                raise ImportFailed(f"De {label} is te lang (hoogstens 100 tekens). Kort de naam in.")
        person = person_create(
            zone=self.zone,
            actor=self.actor,
            data={"first_name": first[:100], "last_name": last[:100], "email": email},
            organisation=organisation,
            function=function[:150],
        )
        self.add(person)
        if organisation is not None:
            for aff in person.affiliations.all():
                self.add(aff)
        if email:
            self.by_mail[email] = person
        self.by_name[fold(f"{first} {last}")] = person
        return person

    def link_all(self, document: ImportedDocument) -> None:
        ImportedRecord.objects.bulk_create(
            [
                ImportedRecord(
                    zone=self.zone,
                    document=document,
                    content_type=ContentType.objects.get_for_model(inst),
                    object_id=inst.pk,
                    created=created,
                )
                for inst, created in self.records
            ]
        )


PLURAL_LABELS = {
    "meeting": "vergaderingen",
    "agendaitem": "agendapunten",
    "decision": "beslissingen",
    "attendance": "aanwezigheden",
    "partnerroundentry": "bijdragen aan het rondje",
    "person": "personen",
    "organisation": "organisaties",
    "affiliation": "functies bij organisaties",
    "yearplan": "actieplannen",
    "strategicobjective": "strategische doelstellingen",
    "operationalobjective": "operationele doelstellingen",
    "action": "acties",
    "step": "stappen",
    "processitem": "procesitems",
    "indicator": "indicatoren",
}


def record_label(model_name: str) -> str:
    """Dutch plural for a kind of record an import makes."""
    return PLURAL_LABELS.get(model_name, model_name)
