"""Minutes of a meeting as .docx (python-docx) and .pdf (WeasyPrint), in the layout of the zone's minutes.

The layout follows the minutes the zones already write: the title "Verslag <body> <zone>", a header
block (Datum, Tijdstip, Locatie), "1 Deelnemers" (present people, then the excused ones), "2 Verslag"
(the intro, the numbered agenda items with their minutes, decisions and follow-ups, the partner round
and the next meetings) and, in the internal copy only, "3 Contactgegevens deelnemers".

`minutes_document()` reads the meeting once, with a fixed number of queries, into plain dataclasses;
both writers render that same structure, so the two formats cannot drift apart. Every text in it
is stripped of invisible control characters (stored before forms refused them), which Word and
XML refuse.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

# Dates and times as the minutes write them ('Donderdag 9 oktober 2025', '13u30'); the names stay
# importable from here.
from zorgraad.core.dutch import long_date as dutch_date
from zorgraad.core.dutch import short_time as dutch_time
from zorgraad.core.text import clean_texts
from zorgraad.network.models import Affiliation, normalise

from .models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    FollowUp,
    Meeting,
    MeetingStatus,
    MeetingStatusChange,
    PartnerRoundEntry,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
NEXT_MEETINGS = 4
APPROVED_STATUSES = (MeetingStatus.MINUTES_APPROVED, MeetingStatus.PUBLISHED)
BULLET_STARTS = ("- ", "• ")
DASH = " – "


# --- Times, as the minutes write them ------------------------------------------------------------


def time_range(start: dt.time, end: dt.time) -> str:
    """'Van 13u30 tot 16u'."""
    return _("Van %(start)s tot %(end)s") % {"start": dutch_time(start), "end": dutch_time(end)}


# --- The document as data ------------------------------------------------------------------------


@dataclass
class Labelled:
    """'Beslissing: ...' with the label set apart (bold in both formats)."""

    label: str
    text: str

    def __str__(self) -> str:
        return f"{self.label}: {self.text}"


@dataclass
class Block:
    """A paragraph (lines kept as line breaks) or a bullet list."""

    kind: str  # "p" | "ul"
    lines: list[str]


@dataclass
class ItemSection:
    number: int
    title: str
    presenter: str
    blocks: list[Block]
    decisions: list[Labelled]
    follow_ups: list[Labelled]
    partner_round: list[str] = field(default_factory=list)


@dataclass
class MinutesDocument:
    title: str
    zone_name: str
    body_name: str
    meeting_start: dt.datetime
    approved: bool
    approval_line: str  # 'Ontwerp – nog niet goedgekeurd' or 'Goedgekeurd op 13 mei 2025'
    date_line: str
    time_line: str
    location: str
    present: list[str]
    excused: list[str]
    intro: list[Block]
    lead: str
    items: list[ItemSection]
    loose_decisions: list[Labelled]
    loose_follow_ups: list[Labelled]
    partner_round: list[str]  # entries not shown under a partner-round agenda item
    next_meetings: list[str]
    internal: bool
    contacts: list[str]


def text_blocks(text: str) -> list[Block]:
    """Plain minutes text to blocks: blank lines end a paragraph, lines starting with '- ' are bullets."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            current = None
            continue
        kind = "ul" if line.startswith(BULLET_STARTS) else "p"
        if kind == "ul":
            line = line[2:].strip()
        if current is None or current.kind != kind:
            current = Block(kind=kind, lines=[])
            blocks.append(current)
        current.lines.append(line)
    return blocks


def _follow_up_line(follow_up: FollowUp) -> Labelled:
    owner = str(follow_up.owner) if follow_up.owner_id and follow_up.owner else follow_up.owner_text
    details = []
    if owner:
        details.append(owner)
    if follow_up.due_date:
        details.append(_("tegen %(date)s") % {"date": dutch_date(follow_up.due_date, weekday=False)})
    text = follow_up.description.strip()
    if details:
        text += f" ({', '.join(details)})"
    if follow_up.done:
        text += DASH + _("afgewerkt")
    return Labelled(_("Opvolging"), text)


def _decision_line(decision: Decision) -> Labelled:
    return Labelled(_("Beslissing"), decision.text.strip())


def _partner_line(entry: PartnerRoundEntry) -> str:
    who = entry.organisation.name if entry.organisation_id and entry.organisation else ""
    if not who and entry.person_id and entry.person:
        who = str(entry.person)
    return f"{who}{DASH}{entry.text.strip()}" if who else entry.text.strip()


def _location(meeting: Meeting) -> str:
    if not meeting.online_url:
        return meeting.location
    online = _("online: %(url)s") % {"url": meeting.online_url}
    if meeting.venue or meeting.venue_organisation_id:
        return f"{meeting.location}{DASH}{online}"
    return online[:1].upper() + online[1:]


def _contact_line(attendance: Attendance) -> str:
    person = attendance.person
    affiliations = [a for a in person.affiliations.all() if a.is_current]
    chosen = None
    if attendance.organisation_id:
        chosen = next((a for a in affiliations if a.organisation_id == attendance.organisation_id), None)
    if chosen is None and affiliations:
        chosen = affiliations[0]
    organisation = attendance.organisation or (chosen.organisation if chosen else None)
    parts = [str(person), chosen.function if chosen else "", organisation.name if organisation else ""]
    parts.append(person.email)
    return " - ".join(p for p in parts if p)


def _is_partner_round(title: str) -> bool:
    text = normalise(title)
    return "rondje" in text or "partnerronde" in text


def next_meeting_lines(meeting: Meeting) -> list[str]:
    """'Dinsdag 17 maart 2026 – van 8u30 tot 10u30 – LDC …' for the next meetings of the body, as of now."""
    upcoming = (
        Meeting.objects.for_zone(meeting.zone_id)
        .filter(body_id=meeting.body_id, date__gt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("venue_organisation")
        .order_by("date", "start_time")[:NEXT_MEETINGS]
    )
    return [
        DASH.join(
            p for p in (dutch_date(m.date), time_range(m.start_time, m.end_time).lower(), _location(m)) if p
        )
        for m in upcoming
    ]


def minutes_freeze(meeting: Meeting) -> None:
    """Keep the next meetings as they stood when the minutes were approved (called at approval).

    The exports of approved minutes show these lines, not the planning of the day of the export.
    Already frozen minutes stay as they are.
    """
    if meeting.next_meetings_frozen is not None:
        return
    lines = next_meeting_lines(meeting)
    Meeting.objects.for_zone(meeting.zone_id).filter(pk=meeting.pk, next_meetings_frozen__isnull=True).update(
        next_meetings_frozen=lines
    )
    meeting.next_meetings_frozen = lines


def approval_day(meeting: Meeting) -> dt.date | None:
    """The day the minutes were approved: the date of the approving meeting, else the day it was recorded."""
    if meeting.status not in APPROVED_STATUSES:
        return None
    if meeting.approved_at_meeting_id and meeting.approved_at_meeting is not None:
        return meeting.approved_at_meeting.date
    by_mail: dt.date | None = getattr(meeting, "approved_by_mail_on", None)
    if by_mail is not None:
        return by_mail
    change = (
        MeetingStatusChange.objects.for_zone(meeting.zone_id)
        .filter(meeting=meeting, to_status=MeetingStatus.MINUTES_APPROVED)
        .order_by("-at")
        .first()
    )
    if change is not None:
        return timezone.localtime(change.at).date()
    return None


def approval_line(meeting: Meeting) -> str:
    day = approval_day(meeting)
    if meeting.status not in APPROVED_STATUSES:
        return _("Ontwerp – dit verslag is nog niet goedgekeurd")
    if day is None:
        return _("Goedgekeurd")
    return _("Goedgekeurd op %(date)s") % {"date": dutch_date(day, weekday=False)}


def minutes_document(meeting: Meeting, *, internal: bool) -> MinutesDocument:
    """Read everything the minutes show, with a fixed number of queries whatever the number of rows."""
    zone_id = meeting.zone_id
    meeting = (
        Meeting.objects.for_zone(zone_id)
        .select_related("body", "zone", "venue_organisation", "approved_at_meeting")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.for_zone(zone_id)
                .select_related("person", "organisation")
                .prefetch_related(
                    Prefetch(
                        "person__affiliations",
                        queryset=Affiliation.objects.for_zone(zone_id).select_related("organisation"),
                    )
                ),
            ),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.for_zone(zone_id).select_related("presenter"),
            ),
            Prefetch("decisions", queryset=Decision.objects.for_zone(zone_id)),
            Prefetch("follow_ups", queryset=FollowUp.objects.for_zone(zone_id).select_related("owner")),
            Prefetch(
                "partner_round",
                queryset=PartnerRoundEntry.objects.for_zone(zone_id).select_related("organisation", "person"),
            ),
        )
        .get(pk=meeting.pk)
    )
    body = meeting.body
    attendances = list(meeting.attendances.all())
    present = [a for a in attendances if a.status == AttendanceStatus.PRESENT]
    excused = [a for a in attendances if a.status == AttendanceStatus.EXCUSED]

    decisions_by_item: dict[int | None, list[Labelled]] = {}
    for decision in meeting.decisions.all():
        decisions_by_item.setdefault(decision.item_id, []).append(_decision_line(decision))
    follow_ups_by_item: dict[int | None, list[Labelled]] = {}
    for follow_up in meeting.follow_ups.all():
        follow_ups_by_item.setdefault(follow_up.item_id, []).append(_follow_up_line(follow_up))
    partner_round = [_partner_line(e) for e in meeting.partner_round.all()]

    items: list[ItemSection] = []
    round_shown = False
    for number, item in enumerate(meeting.agenda_items.all(), start=1):
        section = ItemSection(
            number=number,
            title=item.title,
            presenter=item.presenter_name,
            blocks=text_blocks(item.minutes),
            decisions=decisions_by_item.get(item.pk, []),
            follow_ups=follow_ups_by_item.get(item.pk, []),
        )
        if not round_shown and partner_round and _is_partner_round(item.title):
            section.partner_round = partner_round
            round_shown = True
        items.append(section)

    approved = meeting.status in APPROVED_STATUSES
    if approved and meeting.next_meetings_frozen is not None:
        next_meetings = [str(line) for line in meeting.next_meetings_frozen]
    else:
        next_meetings = next_meeting_lines(meeting)
    title = _("Verslag %(body)s %(zone)s") % {"body": body.name, "zone": meeting.zone.name}
    if not approved:
        title = _("Ontwerpverslag %(body)s %(zone)s") % {"body": body.name, "zone": meeting.zone.name}

    document = MinutesDocument(
        title=title,
        zone_name=meeting.zone.legal_name or meeting.zone.name,
        body_name=body.name,
        meeting_start=timezone.make_aware(dt.datetime.combine(meeting.date, meeting.start_time)),
        approved=approved,
        approval_line=approval_line(meeting),
        date_line=dutch_date(meeting.date),
        time_line=time_range(meeting.start_time, meeting.end_time),
        location=_location(meeting),
        present=[str(a.person) for a in present],
        excused=[str(a.person) for a in excused],
        intro=text_blocks(meeting.intro),
        lead=_("Tijdens deze vergadering van %(body)s werden volgende punten behandeld:")
        % {"body": body.name},
        items=items,
        loose_decisions=decisions_by_item.get(None, []),
        loose_follow_ups=follow_ups_by_item.get(None, []),
        partner_round=[] if round_shown else partner_round,
        next_meetings=next_meetings,
        internal=internal,
        contacts=[_contact_line(a) for a in present] if internal else [],
    )
    return clean_texts(document)


# --- Word ------------------------------------------------------------------------------------------


def _docx_blocks(doc: DocxDocument, blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind == "ul":
            for line in block.lines:
                doc.add_paragraph(line, style="List Bullet")
        else:
            paragraph = doc.add_paragraph()
            for index, line in enumerate(block.lines):
                run = paragraph.add_run(line)
                if index < len(block.lines) - 1:
                    run.add_break()


def _docx_labelled(doc: DocxDocument, lines: list[Labelled]) -> None:
    for line in lines:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{line.label}: ").bold = True
        paragraph.add_run(line.text)


def _set_language(document: DocxDocument, language: str) -> None:
    """Mark the Normal style as Dutch (Belgium), so Word checks the spelling in Dutch."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    rpr.append(lang)


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) as a complex field: begin, instruction, separate, result, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(char("separate"))
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    run._r.append(char("end"))


APP_PROPERTIES = """<?xml version='1.0' encoding='UTF-8' standalone='yes'?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" \
xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">\
<Application>Zorgraad</Application><Company>{company}</Company><DocSecurity>0</DocSecurity>\
<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>\
<HyperlinksChanged>false</HyperlinksChanged></Properties>"""


def _set_properties(doc: DocxDocument, data: MinutesDocument) -> None:
    """Title, author and dates of these minutes, not those of python-docx's template (2013, Mac Word)."""
    from xml.sax.saxutils import escape

    props = doc.core_properties
    props.title = data.title
    props.subject = data.body_name
    props.author = data.zone_name
    props.last_modified_by = data.zone_name
    props.comments = data.approval_line
    props.keywords = _("verslag")
    props.category = _("Verslag")
    props.language = "nl-BE"
    props.revision = 1
    # python-docx writes the time as UTC ("…Z") without converting it: hand it UTC.
    props.created = data.meeting_start.astimezone(dt.UTC)
    props.modified = timezone.now().astimezone(dt.UTC)
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.rels.pop(rel_id)  # the template's picture of an empty page, not of these minutes
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            # python-docx has no API for the extended properties; its template names Mac Word.
            part._blob = APP_PROPERTIES.format(company=escape(data.zone_name)).encode("utf-8")  # type: ignore[attr-defined]


def _set_page(doc: DocxDocument, data: MinutesDocument) -> None:
    """A4 with 2 cm margins, the approval state in the header and 'pagina X van Y' in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    for section in doc.sections:
        section.page_width = Cm(21)
        section.page_height = Cm(29.7)
        section.top_margin = section.bottom_margin = Cm(2)
        section.left_margin = section.right_margin = Cm(2)
        section.header_distance = section.footer_distance = Cm(1)

        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(data.approval_line if data.approved else data.approval_line.upper())
        run.font.size = Pt(9 if data.approved else 12)
        run.font.bold = not data.approved
        run.font.color.rgb = RGBColor(0x66, 0x66, 0x66) if data.approved else RGBColor(0xB0, 0x00, 0x00)

        footer = section.footer.paragraphs[0]
        # The template's Footer style has US Letter tab stops (8.26 and 16.51 cm): one right stop at
        # the A4 text width instead.
        if footer.style is not None:
            footer.style.paragraph_format.tab_stops.clear_all()
        footer.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
        footer.add_run(data.title).font.size = Pt(8)
        footer.add_run("\t" + _("pagina") + " ")
        _add_field(footer, "PAGE", "1")
        footer.add_run(" " + _("van") + " ")
        _add_field(footer, "NUMPAGES", "1")
        for run in footer.runs:
            run.font.size = Pt(8)


def render_docx(data: MinutesDocument) -> bytes:
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    _set_language(doc, "nl-BE")
    _set_properties(doc, data)
    _set_page(doc, data)

    doc.add_heading(data.title, level=0)
    state = doc.add_paragraph()
    state_run = state.add_run(data.approval_line + ("" if data.approved else "."))
    state_run.bold = not data.approved
    state_run.italic = data.approved
    if not data.approved:
        state_run.font.color.rgb = RGBColor(0xB0, 0x00, 0x00)
    if data.internal:
        note = doc.add_paragraph()
        note.add_run(_("Interne versie met contactgegevens – niet verder verspreiden.")).italic = True
    for label, value in ((_("Datum"), data.date_line), (_("Tijdstip"), data.time_line)) + (
        ((_("Locatie"), data.location),) if data.location else ()
    ):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(3))
        paragraph.add_run(label).bold = True
        paragraph.add_run(f"\t{value}")

    doc.add_heading(_("1 Deelnemers"), level=1)
    doc.add_paragraph(DASH.join(data.present) if data.present else _("Geen aanwezigheden genoteerd."))
    if data.excused:
        paragraph = doc.add_paragraph()
        paragraph.add_run(_("Verontschuldigd") + ": ").bold = True
        paragraph.add_run(DASH.join(data.excused))

    doc.add_heading(_("2 Verslag"), level=1)
    _docx_blocks(doc, data.intro)
    doc.add_paragraph(data.lead)
    for item in data.items:
        doc.add_heading(f"{item.number}. {item.title}", level=2)
        if item.presenter:
            doc.add_paragraph().add_run(
                _("Wordt gebracht door %(name)s.") % {"name": item.presenter}
            ).italic = True
        _docx_blocks(doc, item.blocks)
        if item.partner_round:
            _docx_blocks(doc, [Block("ul", item.partner_round)])
        _docx_labelled(doc, item.decisions)
        _docx_labelled(doc, item.follow_ups)
    if data.partner_round:
        doc.add_heading(_("Rondje partners"), level=2)
        _docx_blocks(doc, [Block("ul", data.partner_round)])
    if data.loose_decisions or data.loose_follow_ups:
        doc.add_heading(_("Beslissingen en opvolging"), level=2)
        _docx_labelled(doc, data.loose_decisions)
        _docx_labelled(doc, data.loose_follow_ups)
    if data.next_meetings:
        doc.add_heading(_("Volgende vergaderingen"), level=2)
        _docx_blocks(doc, [Block("ul", data.next_meetings)])

    if data.internal:
        doc.add_heading(_("3 Contactgegevens deelnemers"), level=1)
        for line in data.contacts or [_("Geen aanwezigen genoteerd.")]:
            doc.add_paragraph(line)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- PDF -------------------------------------------------------------------------------------------


def render_pdf(data: MinutesDocument) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string("meetings/export/minutes.html", {"doc": data})
    # The template needs nothing from outside; refuse every URL but inline data.
    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return bytes(pdf or b"")


# --- Entry points ----------------------------------------------------------------------------------


def minutes_docx(meeting: Meeting, *, internal: bool) -> bytes:
    return render_docx(minutes_document(meeting, internal=internal))


def minutes_pdf(meeting: Meeting, *, internal: bool) -> bytes:
    return render_pdf(minutes_document(meeting, internal=internal))


def export_filename(meeting: Meeting, fmt: str, *, internal: bool) -> str:
    """'verslag-clusteroverleg-welzijn-2025-10-09.docx' (with '-intern' for the internal copy)."""
    suffix = "-intern" if internal else ""
    return f"verslag-{meeting.body.slug}-{meeting.date.isoformat()}{suffix}.{fmt}"


def minutes_response(meeting: Meeting, fmt: str, *, internal: bool) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(_("Onbekend formaat."))
    content = (
        minutes_docx(meeting, internal=internal) if fmt == "docx" else minutes_pdf(meeting, internal=internal)
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = export_filename(meeting, fmt, internal=internal)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def minutes_export_response(request: HttpRequest, *, pk: int, fmt: str) -> HttpResponse:
    """The view's work: unknown format or another zone's meeting is 404, a stranger's secretary 403."""
    from zorgraad.governance.permissions import require_body_manager

    from .selectors import meeting_get

    if fmt not in CONTENT_TYPES:
        raise Http404(_("Onbekend formaat."))
    meeting = meeting_get(zone=request.zone, pk=pk)  # type: ignore[attr-defined]
    require_body_manager(request, meeting.body)
    return minutes_response(meeting, fmt, internal=request.GET.get("intern") == "1")
