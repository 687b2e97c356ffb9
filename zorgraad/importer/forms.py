"""Upload, preview-with-corrections and column mapping for imports.

The preview form is built from the pending extraction (kept server-side on the ImportedDocument):
one field per extracted value, marked when the importer is unsure and why. `confirmed()` returns
the extraction as the user confirmed it; nothing posted outside these fields is taken over.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgraad.core.forms import Form

from .extract import EXTENSIONS, MAX_BYTES
from .parse.contacts import FIELDS as CONTACT_FIELDS
from .parse.contacts import MAX_LENGTH as CONTACT_MAX_LENGTH

KIND_CHOICES = [
    ("", _("Zelf herkennen")),
    ("minutes", _("Verslag of agenda van een vergadering")),
    ("plan", _("Actieplan")),
    ("contacts", _("Contactenlijst")),
]
CONTACT_LABELS = {
    "": _("— niet gebruiken —"),
    "name": _("Naam (voornaam en familienaam)"),
    "first_name": _("Voornaam"),
    "last_name": _("Familienaam"),
    "function": _("Functie"),
    "organisation": _("Organisatie"),
    "email": _("E-mailadres"),
    "phone": _("Telefoon"),
}


class UploadForm(Form):
    file = forms.FileField(
        label=_("Document"),
        help_text=_(".docx, .pdf of .txt; een contactenlijst mag ook .csv of .xlsx zijn. Hoogstens 10 MB."),
        error_messages={
            "empty": _("Het bestand is leeg."),
            "required": _("Kies een bestand."),
            "invalid": _("Dit is geen bestand: kies een document op uw computer."),
        },
    )
    kind = forms.ChoiceField(label=_("Soort document"), choices=KIND_CHOICES, required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in EXTENSIONS:
            raise forms.ValidationError(
                _(
                    "Dit bestandstype wordt niet ondersteund. Kies een .docx, .pdf, .txt, .csv of .xlsx-bestand."
                )
            )
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot (meer dan 10 MB)."))
        if upload.size == 0:
            raise forms.ValidationError(_("Het bestand is leeg."))
        return upload


class MappingForm(Form):
    """For a spreadsheet: what each column holds."""

    def __init__(self, *args: Any, columns: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.columns = list((columns or {}).keys())
        choices = [(k, v) for k, v in CONTACT_LABELS.items() if k == "" or k in CONTACT_FIELDS]
        for i, header in enumerate(self.columns):
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=header, choices=choices, required=False, initial=(columns or {}).get(header, "")
            )

    def mapping(self) -> dict[str, str]:
        return {h: self.cleaned_data.get(f"col_{i}", "") for i, h in enumerate(self.columns)}


def _v(field: Any) -> Any:
    return field.get("value") if isinstance(field, dict) and "value" in field else field


def _note(field: Any) -> str:
    if isinstance(field, dict) and field.get("uncertain"):
        return str(_("Onzeker: %(reason)s") % {"reason": field.get("reason") or _("controleer")})
    return ""


def _lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class PreviewForm(Form):
    """Every extracted field, editable; `notes` holds why a field is marked."""

    def __init__(
        self,
        *args: Any,
        extraction: dict[str, Any] | None = None,
        bodies: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.extraction = extraction or {}
        self.notes: dict[str, str] = {}
        self.groups: list[tuple[str, list[str]]] = []
        kind = self.extraction.get("kind")
        if kind == "minutes":
            self._minutes(bodies or [])
        elif kind == "contacts":
            self._contacts()
        elif kind == "plan":
            self._plan()

    # -- building --------------------------------------------------------------------------------

    def _add(
        self, group: str, name: str, field: forms.Field, source: Any = None, initial: Any = None
    ) -> None:
        field.initial = _v(source) if initial is None else initial
        self.fields[name] = field
        note = _note(source)
        if note:
            self.notes[name] = note
            field.widget.attrs["aria-invalid"] = "true"
            field.widget.attrs["class"] = "uncertain"
            field.help_text = note
        if not self.groups or self.groups[-1][0] != group:
            self.groups.append((group, []))
        self.groups[-1][1].append(name)

    def _minutes(self, bodies: list[tuple[int, str]]) -> None:
        ex = self.extraction
        g = str(_("Vergadering"))
        choices = [("", _("— kies een overlegorgaan —")), *[(str(pk), name) for pk, name in bodies]]
        initial_body = next((str(pk) for pk, name in bodies if name == _v(ex.get("body"))), "")
        self._add(
            g,
            "body",
            forms.ChoiceField(label=_("Overlegorgaan"), choices=choices),
            ex.get("body"),
            initial_body,
        )
        if not initial_body and _v(ex.get("body")):
            self.notes["body"] = str(
                _("Geen overlegorgaan ‘%(name)s’ gevonden: kies er een.") % {"name": _v(ex.get("body"))}
            )
            self.fields["body"].help_text = self.notes["body"]
        self._add(
            g,
            "document_type",
            forms.ChoiceField(
                label=_("Soort"),
                choices=[("verslag", _("Verslag (gehouden vergadering)")), ("agenda", _("Agenda (gepland)"))],
            ),
            ex.get("document_type"),
        )
        self._add(g, "date", forms.DateField(label=_("Datum")), ex.get("date"))
        self._add(g, "start_time", forms.TimeField(label=_("Beginuur")), ex.get("start_time"))
        self._add(g, "end_time", forms.TimeField(label=_("Einduur")), ex.get("end_time"))
        self._add(
            g, "venue", forms.CharField(label=_("Locatie"), required=False, max_length=300), ex.get("venue")
        )
        self._add(
            g, "address", forms.CharField(label=_("Adres"), required=False, max_length=300), ex.get("address")
        )
        self._add(
            g,
            "online_url",
            forms.URLField(label=_("Online link"), required=False, max_length=200),
            ex.get("online_url"),
        )
        g = str(_("Aanwezigheden"))
        participants = [_v(p) for p in ex.get("participants", [])]
        part = forms.CharField(
            label=_("Aanwezig (één naam per regel)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
        )
        self._add(g, "participants", part, ex.get("participants_note"), "\n".join(participants))
        self._add(
            g,
            "excused",
            forms.CharField(
                label=_("Verontschuldigd (één naam per regel)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            ),
            None,
            "\n".join(_v(p) for p in ex.get("excused", [])),
        )
        for i, item in enumerate(ex.get("items", [])):
            g = str(_("Agendapunt %(n)s") % {"n": item.get("number", i + 1)})
            self._add(
                g, f"item_{i}_keep", forms.BooleanField(label=_("Overnemen"), required=False), None, True
            )
            self._add(
                g, f"item_{i}_title", forms.CharField(label=_("Titel"), max_length=250), item.get("title")
            )
            self._add(
                g,
                f"item_{i}_text",
                forms.CharField(label=_("Verslag"), required=False, widget=forms.Textarea(attrs={"rows": 4})),
                None,
                item.get("text", ""),
            )
            decisions = item.get("decisions", [])
            marked = next((d for d in decisions if isinstance(d, dict) and d.get("uncertain")), None)
            self._add(
                g,
                f"item_{i}_decisions",
                forms.CharField(
                    label=_("Beslissingen (één per regel)"),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 2}),
                ),
                marked,
                "\n".join(_v(d) for d in decisions),
            )
        for i, entry in enumerate(ex.get("partner_round", [])):
            g = str(_("Rondje van de partners %(n)s") % {"n": i + 1})
            self._add(
                g, f"partner_{i}_keep", forms.BooleanField(label=_("Overnemen"), required=False), None, True
            )
            org = entry.get("organisation")
            match = entry.get("organisation_match")
            label: Any = _("Organisatie")
            if isinstance(match, dict):
                label = _("Organisatie (gevonden: %(name)s)") % {"name": match.get("label")}
            elif _v(org):
                label = _("Organisatie (nieuw in de gids)")
            self._add(
                g,
                f"partner_{i}_organisation",
                forms.CharField(label=label, required=False, max_length=200),
                org,
            )
            self._add(
                g,
                f"partner_{i}_text",
                forms.CharField(label=_("Wat werd gedeeld"), widget=forms.Textarea(attrs={"rows": 3})),
                None,
                entry.get("text", ""),
            )
            days = [d for d in (_v(x) for x in entry.get("dates", [])) if d]
            if days:
                # Dates in what a partner shared: candidate activities, shown for the user to follow up.
                shown = ", ".join(dt.date.fromisoformat(d).strftime("%d/%m/%Y") for d in days)
                self.fields[f"partner_{i}_text"].help_text = str(
                    _("Data in deze tekst (mogelijke activiteiten): %(days)s") % {"days": shown}
                )
        for i, nm in enumerate(ex.get("next_meetings", [])):
            g = str(_("Volgende vergadering %(n)s") % {"n": i + 1})
            self._add(
                g, f"next_{i}_keep", forms.BooleanField(label=_("Inplannen"), required=False), None, True
            )
            self._add(g, f"next_{i}_date", forms.DateField(label=_("Datum"), required=False), nm.get("date"))
            self._add(
                g,
                f"next_{i}_start_time",
                forms.TimeField(label=_("Beginuur"), required=False),
                nm.get("start_time"),
            )
            self._add(
                g,
                f"next_{i}_end_time",
                forms.TimeField(label=_("Einduur"), required=False),
                nm.get("end_time"),
            )
            self._add(
                g,
                f"next_{i}_venue",
                forms.CharField(label=_("Locatie"), required=False, max_length=300),
                nm.get("venue"),
            )
        self._contacts()

    def _contacts(self) -> None:
        for i, c in enumerate(self.extraction.get("contacts", [])):
            g = str(_("Contact %(n)s: %(name)s") % {"n": i + 1, "name": _v(c.get("name")) or "?"})
            match = c.get("person_match")
            choices: list[tuple[str, Any]] = [
                ("create", _("Nieuwe persoon in de gids")),
                ("skip", _("Niet overnemen")),
            ]
            if isinstance(match, dict):
                choices.insert(0, ("link", _("Bestaande persoon: %(label)s") % {"label": match.get("label")}))
            self._add(
                g,
                f"contact_{i}_action",
                forms.ChoiceField(label=_("Wat doen we?"), choices=choices),
                None,
                c.get("action") or ("link" if match else "create"),
            )
            self._add(
                g,
                f"contact_{i}_name",
                forms.CharField(label=_("Naam"), required=False, max_length=CONTACT_MAX_LENGTH["name"]),
                c.get("name"),
            )
            self._add(
                g,
                f"contact_{i}_function",
                forms.CharField(
                    label=_("Functie"), required=False, max_length=CONTACT_MAX_LENGTH["function"]
                ),
                c.get("function"),
            )
            org_match = c.get("organisation_match")
            org_label: Any = _("Organisatie")
            if isinstance(org_match, dict):
                org_label = _("Organisatie (gevonden: %(name)s)") % {"name": org_match.get("label")}
            elif _v(c.get("organisation")):
                org_label = _("Organisatie (nieuw in de gids)")
            self._add(
                g,
                f"contact_{i}_organisation",
                forms.CharField(
                    label=org_label, required=False, max_length=CONTACT_MAX_LENGTH["organisation"]
                ),
                c.get("organisation"),
            )
            self._add(
                g,
                f"contact_{i}_email",
                forms.CharField(
                    label=_("E-mailadres"), required=False, max_length=CONTACT_MAX_LENGTH["email"]
                ),
                c.get("email"),
            )

    def _plan(self) -> None:
        ex = self.extraction
        g = str(_("Actieplan"))
        self._add(
            g, "year", forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100), ex.get("year")
        )
        self._add(g, "title", forms.CharField(label=_("Titel"), max_length=200), ex.get("title"))
        for i, a in enumerate(ex.get("actions", [])):
            g = str(_("Actie: %(title)s") % {"title": _v(a.get("title")) or "?"})
            self._add(
                g, f"action_{i}_keep", forms.BooleanField(label=_("Overnemen"), required=False), None, True
            )
            self._add(
                g, f"action_{i}_title", forms.CharField(label=_("Titel"), max_length=300), a.get("title")
            )

    # -- reading back ----------------------------------------------------------------------------

    def confirmed(self) -> dict[str, Any]:
        """The pending extraction with the user's corrections; values the user saw and kept stay."""
        data = copy.deepcopy(self.extraction)
        cd = self.cleaned_data

        def put(target: dict[str, Any], key: str, value: Any) -> None:
            old = target.get(key)
            if isinstance(old, dict) and "value" in old:
                changed = old.get("value") != value
                target[key] = {**old, "value": value, "confirmed": True, "corrected": changed}
            else:
                target[key] = {"value": value, "uncertain": False, "reason": "", "confirmed": True}

        kind = data.get("kind")
        if kind == "minutes":
            data["body_id"] = int(cd["body"]) if cd.get("body") else None
            put(data, "document_type", cd.get("document_type") or "verslag")
            put(data, "date", cd["date"].isoformat())
            put(data, "start_time", cd["start_time"].strftime("%H:%M"))
            put(data, "end_time", cd["end_time"].strftime("%H:%M"))
            for key in ("venue", "address", "online_url"):
                put(data, key, cd.get(key) or "")
            old_matches = {
                _v(p): p.get("person_match") for p in data.get("participants", []) + data.get("excused", [])
            }
            for key in ("participants", "excused"):
                data[key] = [
                    {"value": n, "uncertain": False, "reason": "", "person_match": old_matches.get(n)}
                    for n in _lines(cd.get(key, ""))
                ]
            for i, item in enumerate(data.get("items", [])):
                item["skip"] = not cd.get(f"item_{i}_keep")
                put(item, "title", cd.get(f"item_{i}_title", ""))
                item["text"] = cd.get(f"item_{i}_text", "")
                item["decisions"] = [
                    {"value": d, "uncertain": False, "reason": ""}
                    for d in _lines(cd.get(f"item_{i}_decisions", ""))
                ]
            for i, entry in enumerate(data.get("partner_round", [])):
                entry["skip"] = not cd.get(f"partner_{i}_keep")
                name = cd.get(f"partner_{i}_organisation", "")
                if name != _v(entry.get("organisation")):
                    entry["organisation_match"] = None  # changed: matched again by name
                put(entry, "organisation", name)
                entry["text"] = cd.get(f"partner_{i}_text", "")
            for i, nm in enumerate(data.get("next_meetings", [])):
                nm["skip"] = not cd.get(f"next_{i}_keep")
                day = cd.get(f"next_{i}_date")
                start, end = cd.get(f"next_{i}_start_time"), cd.get(f"next_{i}_end_time")
                put(nm, "date", day.isoformat() if day else "")
                put(nm, "start_time", start.strftime("%H:%M") if start else "")
                put(nm, "end_time", end.strftime("%H:%M") if end else "")
                put(nm, "venue", cd.get(f"next_{i}_venue", ""))
        if kind in ("minutes", "contacts"):
            for i, c in enumerate(data.get("contacts", [])):
                c["action"] = cd.get(f"contact_{i}_action") or "create"
                for key in ("name", "function", "organisation", "email"):
                    new = cd.get(f"contact_{i}_{key}", "")
                    if key == "organisation" and new != _v(c.get("organisation")):
                        c["organisation_match"] = None
                    if key == "name" and new != _v(c.get("name")):
                        c["first_name"] = {"value": "", "uncertain": False, "reason": ""}
                        c["last_name"] = {"value": "", "uncertain": False, "reason": ""}
                    put(c, key, new)
        if kind == "plan":
            put(data, "year", cd["year"])
            put(data, "title", cd["title"])
            for i, a in enumerate(data.get("actions", [])):
                a["skip"] = not cd.get(f"action_{i}_keep")
                put(a, "title", cd.get(f"action_{i}_title", ""))
        return data

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for i, _nm in enumerate(self.extraction.get("next_meetings", [])):
            if cleaned.get(f"next_{i}_keep") and not cleaned.get(f"next_{i}_date"):
                self.add_error(f"next_{i}_date", _("Vul een bestaande datum in, of vink ‘Inplannen’ uit."))
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Het einduur moet na het beginuur liggen."))
        return cleaned
