"""The action plan as a document in the department's template: .docx and .pdf, A4, page numbers.

One registry of formats (`EXPORTERS`: format -> Exporter); a new format registers itself with
`register(...)`. Every exporter renders the same `PlanDocument`: the plan's chapters, then every
action with its strategic and operational objective repeated before it (as the template does),
the template's headings and grey prompts, ☒/☐ for the two kinds of evaluation, and each target
with its current value (a progress report).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors
from .models import Action, IndicatorKind, LeadKind, YearPlan, ZoneRole

PROMPTS = {
    "wat": "Geef een korte beschrijving van wat je gaat doen.",
    "scope": "Definieer duidelijk de scope van de actie:",
    "wel": "1) Wat ga je wel doen?",
    "niet": "2) Wat ga je niet doen?",
    "waarom": (
        "Waarom deze actie? Waarom deze actie nu? Noteer hier de context en waarom je deze actie waardevol "
        "vindt. Welke argumenten heb je om deze actie te verdedigen? Maak hier de link naar de "
        "omgevingsanalyse, het lokaal sociaal beleid, of Vlaamse doelstellingen."
    ),
    "voorwie": "Doelgroep(en) Lijst hier de doelgroep(en) op die je wenst te bereiken met deze actie.",
    "trekker": "Wie is de trekker van de actie?",
    "rol": "Indien de zorgraad niet de trekker is, beschrijf dan kort welke rol de zorgraad opneemt.",
    "stakeholders": "Met welke stakeholders wordt er samengewerkt voor deze actie?",
    "hoe": (
        "Geef een beknopt plan hoe deze actie gaat worden opgezet of aangepakt. Vermeld hier ook de "
        "mijlpalen (link naar tijdslijn)."
    ),
    "evaluatie": (
        "Selecteer minstens één van onderstaande manieren voor evaluatie. Definieer de indicatoren die "
        "worden gebruikt om de voortgang en/of het succes van de actie te evalueren. Geef ook de "
        "meetmethode mee en, indien van toepassing, een streefdoel."
    ),
}
CHECKED, UNCHECKED = "☒", "☐"


@dataclass
class Line:
    text: str
    group: str = ""
    detail: str = ""
    mark: bool = False  # a milestone (the template's yellow highlight)


@dataclass
class ActionBlock:
    sd_heading: str
    od_heading: str
    title: str
    description: str
    scope_do: list[Line]
    scope_dont: list[str]
    why: list[tuple[str, str]]
    target_groups: list[str]
    target_text: str
    lead: str
    role: str
    partners: list[Line]
    partners_text: str
    steps: list[Line]
    process_box: str
    output_box: str
    process: list[Line]
    output: list[Line]
    progress: str


@dataclass
class PlanDocument:
    title: str
    zone_name: str
    subtitle: str
    chapters: list[dict[str, Any]] = field(default_factory=list)
    actions: list[ActionBlock] = field(default_factory=list)
    made_on: dt.date = field(default_factory=timezone.localdate)


def _lead(action: Action) -> str:
    if action.lead_kind == LeadKind.ORGANISATION and action.lead_organisation:
        text = action.lead_organisation.name
    elif action.lead_kind == LeadKind.ZONE:
        text = _("De zorgraad")
    elif action.lead_kind == LeadKind.TBD:
        text = _("Nog te bepalen")
    else:
        text = ""
    return ". ".join(p for p in (text, action.lead_text) if p)


def _value_line(reading: selectors.Reading) -> str:
    ind = reading.indicator
    parts = []
    if reading.target:
        parts.append(_("Streefdoel: %(t)s") % {"t": reading.target})
    if ind.kind == IndicatorKind.QUALITATIVE:
        if reading.texts:
            parts.append(_("Stand: %(v)s") % {"v": "; ".join(reading.texts)})
    elif reading.summary:
        parts.append(_("Stand: %(v)s") % {"v": reading.summary})
    elif reading.value_label:
        parts.append(_("Stand: %(v)s") % {"v": reading.value_label})
    else:
        parts.append(_("Stand: nog geen waarde"))
    parts.append(reading.status_label)
    if reading.warning:
        parts.append(reading.warning)
    return " – ".join(parts)


def _block(row: selectors.ActionRow) -> ActionBlock:
    a = row.action
    od = a.objective
    sd = od.strategic
    why = [(_("Waarom"), a.why)]
    for label, text in (
        (_("Omgevingsanalyse"), a.why_environment_analysis),
        (_("Lokaal sociaal beleid"), a.why_local_policy),
        (_("Vlaamse doelstellingen"), a.why_flemish_objectives),
    ):
        if text:
            why.append((label, text))
    role = ""
    if a.zone_role != ZoneRole.LEAD or a.zone_role_text:
        role = ". ".join(p for p in (str(a.get_zone_role_display()).capitalize(), a.zone_role_text) if p)
    groups = {"core": _("Kernacties"), "secondary": _("Secundaire acties")}
    return ActionBlock(
        sd_heading=f"{sd.label} - {sd.text}",
        od_heading=f"{od.label} - {od.text}",
        title=a.title,
        description=a.description,
        scope_do=[Line(text=i["text"], group=str(groups.get(i.get("group", ""), ""))) for i in a.scope_do],
        scope_dont=[i["text"] for i in a.scope_dont],
        why=[w for w in why if w[1]],
        target_groups=[t.name for t in a.target_groups.all()],
        target_text=a.target_text,
        lead=_lead(a),
        role=role,
        partners=[Line(text=p.organisation.name, group=p.group) for p in a.partner_links.all()],
        partners_text=a.partners_text,
        steps=[
            Line(
                text=f"{s.number}) {s.text}" if s.number else s.text,
                detail=", ".join(
                    p
                    for p in (
                        s.due_text or (s.due_date.strftime("%d/%m/%Y") if s.due_date else ""),
                        str(s.get_status_display()),
                        (_("voorwaarde: %(c)s") % {"c": s.condition}) if s.condition else "",
                    )
                    if p
                ),
                mark=s.is_milestone,
            )
            for s in a.steps.all()
        ],
        process_box=CHECKED if a.evaluates_process else UNCHECKED,
        output_box=CHECKED if a.evaluates_output else UNCHECKED,
        process=[
            Line(
                text=i.text,
                group=i.group,
                detail="; ".join(
                    p
                    for p in (
                        (_("gebeurd op %(d)s") % {"d": i.done_on.strftime("%d/%m/%Y")})
                        if i.done and i.done_on
                        else (_("gebeurd") if i.done else ""),
                        (_("aantal: %(n)s") % {"n": i.count}) if i.count is not None else "",
                        i.evidence,
                    )
                    if p
                ),
                mark=i.done,
            )
            for i in a.process_items.all()
        ],
        output=[
            Line(
                text=r.indicator.name + (f" ({r.indicator.method})" if r.indicator.method else ""),
                group=r.indicator.group,
                detail=_value_line(r),
            )
            for r in row.readings
        ],
        progress=row.progress.label,
    )


def plan_document(*, zone: Any, plan: YearPlan, action: Action | None = None) -> PlanDocument:
    overview = selectors.plan_overview(
        zone=zone, plan=plan, full=True, action_ids=[action.pk] if action is not None else None
    )
    doc = PlanDocument(
        title=action.title if action is not None else plan.title,
        zone_name=zone.name,
        subtitle=(plan.title + " – " + zone.name) if action is not None else zone.name,
    )
    if action is None:
        children: dict[int | None, list[Any]] = {}
        for ch in overview.chapters:
            children.setdefault(ch.parent_id, []).append(ch)

        def walk(parent: int | None, level: int) -> None:
            for ch in children.get(parent, []):
                doc.chapters.append({"chapter": ch, "level": level})
                walk(ch.pk, level + 1)

        walk(None, 1)
    doc.actions = [_block(row) for row in overview.action_rows]
    return doc


# --- .docx ----------------------------------------------------------------------------------------


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    paragraph.add_run()._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def render_docx(data: PlanDocument) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt, RGBColor

    grey = RGBColor(0x80, 0x80, 0x80)
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    props = doc.core_properties
    props.title, props.author, props.language = data.title, data.zone_name, "nl-BE"
    props.created = props.modified = timezone.now().astimezone(dt.UTC)
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Cm(2)
        footer = section.footer.paragraphs[0]
        if footer.style is not None:
            footer.style.paragraph_format.tab_stops.clear_all()
        footer.paragraph_format.tab_stops.add_tab_stop(Cm(17), WD_TAB_ALIGNMENT.RIGHT)
        footer.add_run(f"{data.title} – {data.zone_name}")
        footer.add_run("\t" + _("pagina") + " ")
        _add_field(footer, "PAGE", "1")
        footer.add_run(" " + _("van") + " ")
        _add_field(footer, "NUMPAGES", "1")
        for run in footer.runs:
            run.font.size = Pt(8)
        footer.alignment = WD_ALIGN_PARAGRAPH.LEFT

    def para(text: str = "", style_id: str = "") -> Any:
        # Setting the style id directly: python-docx looks a style up by name in the whole style
        # sheet on every paragraph, which was most of the export's time.
        p = doc.add_paragraph(text)
        if style_id:
            p._p.style = style_id
        return p

    def heading(text: str, level: int) -> Any:
        return para(text, "Title" if level == 0 else f"Heading{level}")

    def prompt(text: str) -> None:
        run = doc.add_paragraph().add_run(text)
        run.italic = True
        run.font.color.rgb = grey

    def lines(items: list[Line], numbered: bool = False) -> None:
        group = None
        for item in items:
            if item.group and item.group != group:
                para().add_run(item.group).bold = True
            group = item.group
            p = para("", "ListNumber" if numbered else "ListBullet")
            run = p.add_run(item.text)
            if item.mark and numbered:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if item.detail:
                detail = p.add_run(f" ({item.detail})")
                detail.font.color.rgb = grey

    heading(data.title, 0)
    doc.add_paragraph(data.subtitle)
    for entry in data.chapters:
        ch = entry["chapter"]
        heading(ch.title, min(entry["level"], 3))
        if ch.text:
            doc.add_paragraph(ch.text)
        for item in ch.items:
            p = para("", "ListBullet")
            label = item.get("title", "")
            if item.get("percent") is not None:
                label += f" {selectors._num(item['percent'])}%"
            p.add_run(label).bold = bool(item.get("text"))
            if item.get("text"):
                p.add_run(f": {item['text']}")
        if ch.time_total_percent is not None:
            doc.add_paragraph(_("Samen %(n)s%% van onze tijd.") % {"n": ch.time_total_percent})
    for block in data.actions:
        sd = heading(block.sd_heading, 1)
        if data.chapters or block is not data.actions[0]:
            sd.paragraph_format.page_break_before = True  # every action starts a page, as in the template
        heading(block.od_heading, 2)
        heading(block.title, 2)
        heading("Wat?", 3)
        prompt(PROMPTS["wat"])
        if block.description:
            doc.add_paragraph(block.description)
        prompt(PROMPTS["scope"])
        doc.add_paragraph().add_run(PROMPTS["wel"]).bold = True
        lines(block.scope_do)
        doc.add_paragraph().add_run(PROMPTS["niet"]).bold = True
        lines([Line(t) for t in block.scope_dont])
        heading("Waarom?", 3)
        prompt(PROMPTS["waarom"])
        for label, text in block.why:
            p = doc.add_paragraph()
            if label != _("Waarom"):
                p.add_run(f"{label}: ").bold = True
            p.add_run(text)
        heading("Voor wie?", 3)
        prompt(PROMPTS["voorwie"])
        if block.target_groups:
            lines([Line(t) for t in block.target_groups])
        if block.target_text:
            doc.add_paragraph(block.target_text)
        heading("Met wie?", 3)
        p = doc.add_paragraph()
        r = p.add_run(PROMPTS["trekker"] + " ")
        r.italic, r.font.color.rgb = True, grey
        p.add_run(block.lead)
        if block.role:
            prompt(PROMPTS["rol"])
            doc.add_paragraph(block.role)
        prompt(PROMPTS["stakeholders"])
        lines(block.partners)
        if block.partners_text:
            doc.add_paragraph(block.partners_text)
        heading("Hoe?", 3)
        prompt(PROMPTS["hoe"])
        lines(block.steps, numbered=True)
        heading("Evaluatie", 3)
        prompt(PROMPTS["evaluatie"])
        doc.add_paragraph().add_run(f"{block.process_box} Procesevaluatie").bold = True
        lines(block.process)
        doc.add_paragraph().add_run(f"{block.output_box} Resultaatgerichte evaluatie (Output)").bold = True
        lines(block.output)
        p = doc.add_paragraph()
        p.add_run(_("Voortgang") + ": ").bold = True
        p.add_run(block.progress)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- .pdf -----------------------------------------------------------------------------------------


def render_pdf(data: PlanDocument) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string("planning/export/plan.html", {"doc": data, "prompts": PROMPTS})
    pdf = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    return bytes(pdf or b"")


# --- the registry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exporter:
    fmt: str
    label: str
    content_type: str
    render: Callable[[PlanDocument], bytes]


EXPORTERS: dict[str, Exporter] = {}


def register(exporter: Exporter) -> None:
    EXPORTERS[exporter.fmt] = exporter


def register_builtin() -> None:
    register(
        Exporter(
            "docx",
            "Word (.docx)",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            render_docx,
        )
    )
    register(Exporter("pdf", "PDF", "application/pdf", render_pdf))


def export(*, zone: Any, plan: YearPlan, fmt: str, action: Action | None = None) -> bytes:
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise KeyError(fmt)
    return exporter.render(plan_document(zone=zone, plan=plan, action=action))


def filename(plan: YearPlan, fmt: str, action: Action | None = None) -> str:
    from django.utils.text import slugify

    base = f"actieplan-{plan.year}"
    if action is not None:
        base += "-" + (slugify(action.title)[:60] or str(action.pk))
    return f"{base}.{fmt}"
