"""The signals list to .xlsx and .csv (the directory's exporter: header with a filter, safe cells)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from zorgraad.network.exporters import LIST_SEPARATOR, ListExporter

from .models import Signal


class SignalExporter(ListExporter):
    """Rows of `selectors.export_list` (staff only: includes the reporter and the internal notes)."""

    title = "Signalen"
    basename = "signalen"

    def headers(self) -> list[str]:
        return [
            _("Referentie"),
            _("Titel"),
            _("Omschrijving"),
            _("Soort"),
            _("Status"),
            _("Structureel"),
            _("Uitdagingen"),
            _("Gemeenten"),
            _("Doelgroepen"),
            _("Melder"),
            _("Organisatie"),
            _("Sector"),
            _("Cluster"),
            _("Bron"),
            _("Vastgesteld op"),
            _("Ontvangen op"),
            _("Gericht aan"),
            _("Doorgegeven aan"),
            _("Doorgegeven op"),
            _("Antwoord"),
            _("Antwoord op"),
            _("Gebundelde meldingen"),
            _("Interne nota"),
        ]

    def row(self, s: Signal) -> list[Any]:
        return [
            s.reference,
            s.title,
            s.description,
            s.get_kind_display(),
            s.get_status_display(),
            s.is_structural,
            LIST_SEPARATOR.join(c.label for c in s.challenges.all()),
            LIST_SEPARATOR.join(m.name for m in s.municipalities.all()),
            LIST_SEPARATOR.join(t.name for t in s.target_groups.all()),
            s.reporter_label,
            s.organisation_label,
            s.sector.name if s.sector else "",
            s.cluster.name if s.cluster else "",
            s.get_source_display(),
            s.noticed_on,
            s.received_on,
            s.get_addressee_level_display(),
            s.passed_on_to,
            s.passed_on_at,
            s.answer,
            s.answered_on,
            getattr(s, "bundled", 0),
            s.internal_notes,
        ]

    def rows(self) -> Any:
        # prefetches need a list (iterator() would drop them); the export is of one zone's signals
        for record in list(self.records):
            yield [self._cell(v) for v in self.row(record)]

    @staticmethod
    def _cell(value: Any) -> Any:
        from zorgraad.network.exporters import _text

        return _text(value)
