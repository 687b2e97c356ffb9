"""Exports of the directory lists to .xlsx and .csv, as staff open them in Excel.

One `ListExporter` per list: a Dutch header row and one row per record (`rows()` is a generator, so
the queryset is read in chunks). `to_xlsx()` writes a real workbook with openpyxl (write-only mode),
`to_csv()` writes UTF-8 with a BOM and `;` between fields, which Excel with Belgian settings opens
as columns. Text that a spreadsheet would run as a formula is neutralised in both, and invisible
control characters (stored before forms refused them) are stripped, so a workbook is always written.
"""

from __future__ import annotations

import abc
import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from zorgraad.core.text import strip_control_characters

from .models import Organisation, Person

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
CHUNK = 500
LIST_SEPARATOR = ", "
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PHONE_LIKE = re.compile(r"^[+\d][\d\s./()-]*$")
XLSX_CELL_MAX = 32_767  # Excel refuses to open a workbook with a longer text in a cell
WIDTH_SAMPLE = 1000  # rows read ahead to fit the column widths; the rest is streamed
WIDTH_MIN = 8
WIDTH_MAX = 60


def _display_width(value: Any) -> int:
    """Characters the value takes in a cell as Excel shows it (longest line of a text)."""
    if value is None or value == "":
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: list[str], rows: Iterable[list[Any]]) -> list[float]:
    """A width per column fitted to the header and the values, between WIDTH_MIN and WIDTH_MAX."""
    widths = [len(h) + 3 for h in headers]  # room for the filter button next to the header
    for values in rows:
        for index, value in enumerate(values[: len(widths)]):
            widths[index] = max(widths[index], _display_width(value) + 1)
    return [float(min(max(w, WIDTH_MIN), WIDTH_MAX)) for w in widths]


def _text(value: Any) -> Any:
    """Cell value: dates stay dates, None becomes empty, booleans become ja/nee, text loses control characters."""
    if value is None:
        return ""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def _csv_safe(value: Any) -> Any:
    """Keep Excel from running a cell as a formula (CSV injection); phone numbers stay as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PHONE_LIKE.match(value):
        return "'" + value
    return value


def _csv_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return _csv_safe(value)


class ListExporter(abc.ABC):
    """Base: subclasses give `title`, `headers` and `row(record)`."""

    title: ClassVar[str] = ""
    basename: ClassVar[str] = "export"

    def __init__(self, records: QuerySet[Any] | Iterable[Any]) -> None:
        self.records = records

    @abc.abstractmethod
    def headers(self) -> list[str]:
        """The Dutch column titles."""

    @abc.abstractmethod
    def row(self, record: Any) -> list[Any]:
        """One record as a list of cell values, in the order of `headers`."""

    def rows(self) -> Iterator[list[Any]]:
        records = self.records
        iterable = records.iterator(chunk_size=CHUNK) if isinstance(records, QuerySet) else records
        for record in iterable:
            yield [_text(v) for v in self.row(record)]

    def to_xlsx(self) -> bytes:
        """A workbook as staff expect it: frozen header row with a filter on it, columns as wide as their text."""
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(title=self.title[:31] or "export")
        ws.freeze_panes = "A2"
        headers = self.headers()
        rows = self.rows()
        ahead = list(itertools.islice(rows, WIDTH_SAMPLE))
        for index, width in enumerate(column_widths(headers, ahead), start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        bold = Font(bold=True)
        header = []
        for name in headers:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        count = 0
        for values in itertools.chain(ahead, rows):
            count += 1
            cells = []
            for value in values:
                cell = WriteOnlyCell(ws, value=value)
                if isinstance(value, dt.datetime):
                    cell.number_format = "DD/MM/YYYY HH:MM"
                elif isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                elif isinstance(value, str):
                    if len(value) > XLSX_CELL_MAX:
                        cell.value = value[: XLSX_CELL_MAX - 1] + "…"
                    if cell.data_type == "f":
                        cell.data_type = "s"  # text that starts with "=" is text, not a formula
                cells.append(cell)
            ws.append(cells)
        if headers:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
        out = io.BytesIO()
        wb.save(out)
        return out.getvalue()

    def to_csv(self) -> bytes:
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(self.headers())
        for values in self.rows():
            writer.writerow([_csv_value(v) for v in values])
        return out.getvalue().encode("utf-8")

    def render(self, fmt: str) -> bytes:
        if fmt == "xlsx":
            return self.to_xlsx()
        if fmt == "csv":
            return self.to_csv()
        raise ValueError(fmt)

    def filename(self, zone_slug: str, fmt: str, day: dt.date | None = None) -> str:
        day = day or timezone.localdate()
        return f"{self.basename}-{zone_slug}-{day.isoformat()}.{fmt}"

    def response(self, fmt: str, zone_slug: str) -> HttpResponse:
        if fmt not in FORMATS:
            raise Http404(_("Onbekend exportformaat."))
        response = HttpResponse(self.render(fmt), content_type=FORMATS[fmt])
        response["Content-Disposition"] = f'attachment; filename="{self.filename(zone_slug, fmt)}"'
        return response


def _names(items: Iterable[Any]) -> str:
    return LIST_SEPARATOR.join(str(i.name) for i in items)


class OrganisationExporter(ListExporter):
    """Rows of `selectors.organisation_export_list`."""

    title = "Organisaties"
    basename = "organisaties"

    def headers(self) -> list[str]:
        return [
            _("Naam"),
            _("Afkorting"),
            _("Sector"),
            _("Clusters"),
            _("Werkt in"),
            _("Maakt deel uit van"),
            _("Straat en nummer"),
            _("Postcode"),
            _("Gemeente"),
            _("Website"),
            _("E-mail"),
            _("Telefoon"),
            _("Personen en functies"),
            _("Laatst bevestigd"),
            _("Gearchiveerd"),
        ]

    def row(self, org: Organisation) -> list[Any]:
        people = "; ".join(
            f"{a.person.full_name} ({a.function or _('medewerker')})"
            for a in getattr(org, "current_affiliations", [])
        )
        return [
            org.name,
            org.short_name,
            org.sector.name if org.sector else "",
            _names(org.clusters.all()),
            _names(org.municipalities.all()),
            org.parent.name if org.parent else "",
            org.street,
            org.postal_code,
            org.city,
            org.website,
            org.email,
            org.phone,
            people,
            org.last_confirmed_at,
            org.is_archived,
        ]


class PersonExporter(ListExporter):
    """Rows of `selectors.person_export_list`."""

    title = "Personen"
    basename = "personen"

    def headers(self) -> list[str]:
        return [
            _("Voornaam"),
            _("Familienaam"),
            _("E-mail"),
            _("Telefoon"),
            _("Organisaties"),
            _("Functies"),
            _("Sectoren"),
            _("E-mail onbestelbaar"),
            _("Laatst bevestigd"),
            _("Gearchiveerd"),
        ]

    def row(self, person: Person) -> list[Any]:
        current = getattr(person, "current_affiliations", [])
        sectors = sorted({str(a.organisation.sector) for a in current if a.organisation.sector_id})
        return [
            person.first_name,
            person.last_name,
            person.email,
            person.phone,
            "; ".join(a.organisation.name for a in current),
            "; ".join(f"{a.function or _('medewerker')} – {a.organisation.name}" for a in current),
            LIST_SEPARATOR.join(sectors),
            person.email_bounced,
            person.last_confirmed_at,
            person.is_archived,
        ]
