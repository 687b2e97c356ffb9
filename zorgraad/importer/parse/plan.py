"""An action plan in the Flemish department's template into a plan tree.

General rules:
- 'Strategische doelstelling N - text' and 'Operationele doelstelling N - text' (any dash, any
  spacing, text wrapped over lines until a blank line) open objectives; their labels are kept as
  written ('Strategische doelstelling 5' stays 5). A heading repeated before each action is the same
  objective, not a new one;
- the action title is the first paragraph after the objective headings and before 'Wat?';
- the template's sections ('Wat?', 'Waarom?', 'Voor wie?', 'Met wie?', 'Hoe?', 'Evaluatie') split
  the action; the template's grey prompts are dropped;
- 'Hoe?' steps are numbered '1.' with lettered sub-steps 'a)';
- 'Evaluatie': '☒/☐ Procesevaluatie' and '☒/☐ Resultaatgerichte evaluatie' with '- ' items under
  optional sub-headings; each output item gets its target read from words:
  'minimum 40 deelnemers', 'minimaal 2 per jaar', '(minstens 20)', '3 à 4 keer per jaar',
  'per bijeenkomst' (per instance) or 'per jaar' (per period).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .common import Field, fold, normalise_text, parse_number, sure, to_plain, unsure
from .minutes import BULLET_RE, reflow

SD_RE = re.compile(
    r"^(?P<label>(?:strategische\s+doelstelling|SD)\s*(?P<n>\d+[\w.]*))\s*(?:[-–—:]\s*|\s+)(?P<text>.*)$",
    re.IGNORECASE,
)
OD_RE = re.compile(
    r"^(?P<label>(?:operationele\s+doelstelling|OD)\s*(?P<n>\d+[\w.]*))\s*(?:[-–—:]\s*|\s+)(?P<text>.*)$",
    re.IGNORECASE,
)
SECTION_RE = re.compile(
    r"^(?P<s>wat|waarom|voor\s+wie|met\s+wie|hoe|evaluatie)\s*\??\s*:?\s*$", re.IGNORECASE
)
PROMPTS = [
    r"geef een korte beschrijving van wat je gaat doen\.?",
    r"definieer duidelijk de scope van de actie:?",
    r"waarom deze actie\?\s*waarom deze actie nu\?",
    r"noteer hier de context en waarom je deze actie waardevol vindt\..*",
    r"verdedigen\? maak hier de link naar de omgevingsanalyse.*",
    r"maak hier de link naar de omgevingsanalyse.*",
    r"doelgroep\(en\)",
    r"lijst hier de doelgroep\(en\) op die je wenst te bereiken met deze actie\.?",
    r"geef een beknopt plan hoe deze actie gaat worden opgezet of aangepakt\.?",
    r"vermeld hier ook de mijlpalen.*",
    r"selecteer minstens één van onderstaande manieren voor evaluatie\.?",
    r"definieer de indicatoren die worden gebruikt.*",
    r"te evalueren\. geef ook de meetmethode mee.*",
    r"geef ook de meetmethode mee.*",
]
PROMPT_RE = re.compile(r"^(?:" + "|".join(PROMPTS) + r")$", re.IGNORECASE)
WEL_RE = re.compile(r"^\s*1\)\s*wat\s+ga\s+je\s+wel\s+doen\s*\??\s*(?P<rest>.*)$", re.IGNORECASE)
NIET_RE = re.compile(r"^\s*2\)\s*wat\s+ga\s+je\s+niet\s+doen\s*\??\s*(?P<rest>.*)$", re.IGNORECASE)
LEAD_RE = re.compile(r"^wie\s+is\s+de\s+trekker\s+van\s+de\s+actie\s*\??\s*(?P<rest>.*)$", re.IGNORECASE)
ROLE_RE = re.compile(
    r"^indien\s+de\s+zorgraad\s+niet\s+de\s+trekker\s+is.*?rol\s+de\s+zorgraad\s+opneemt\.?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
STAKE_RE = re.compile(
    r"^met\s+welke\s+stakeholders\s+wordt\s+er\s+samengewerkt.*?\?\s*(?P<rest>.*)$", re.IGNORECASE
)
BOX_RE = re.compile(
    r"^\s*(?P<box>[☒☐✓✔xX■□☑])?\s*(?P<kind>procesevaluatie|resultaatgerichte\s+evaluatie.*)$", re.IGNORECASE
)
STEP_RE = re.compile(r"^(?P<n>\d{1,2})[.)]\s+(?P<text>.+)$")
SUBSTEP_RE = re.compile(r"^(?P<n>[a-z])\)\s*(?P<text>.+)$")

COMPARATORS = [
    (
        r"minimaal|minimum(?:\s+van)?|minstens|ten\s+minste|min\.|≥|>=|meer\s+dan|streefdoel(?:\s+is)?\s+minimum",
        "gte",
    ),
    (r"maximaal|maximum(?:\s+van)?|hoogstens|ten\s+hoogste|max\.|≤|<=|minder\s+dan", "lte"),
]
NUM = r"(\d+(?:[.,]\d+)?|één|eén|een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twintig|dertig|veertig|vijftig|honderd)"
PERIOD_WORDS = r"jaar|maand|kwartaal|week|semester|trimester|schooljaar|werkjaar"
RANGE_RE = re.compile(NUM + r"\s*(?:à|a|tot|-|–|of)\s*" + NUM + r"\s+(?P<unit>keer|maal|\w+)", re.IGNORECASE)
PER_RE = re.compile(r"\b(?:per|in\s+elke|in\s+elk|elke|na\s+elke|na\s+elk)\s+(?P<what>[\w-]+)", re.IGNORECASE)


@dataclass
class Target:
    comparator: str = ""  # gte, lte, eq, range, '' (none)
    number: float | None = None
    number_max: float | None = None
    unit: str = ""
    scope: str = "period"  # 'instance' (per bijeenkomst) or 'period' (in total, per year)
    per: str = ""  # 'bijeenkomst', 'jaar'
    text: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "comparator": self.comparator,
            "number": self.number,
            "number_max": self.number_max,
            "unit": self.unit,
            "scope": self.scope,
            "per": self.per,
            "text": self.text,
        }


def _num(text: str) -> float | None:
    n = parse_number(text)
    if n is not None:
        return float(n)
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def parse_target(text: str) -> Target | None:
    """The target in an indicator's words, or None when it names none."""
    t = " ".join(text.split())
    target = Target()
    found = False
    m = RANGE_RE.search(t)
    low, high = (_num(m.group(1)), _num(m.group(2))) if m else (None, None)
    if m and low is not None and high is not None and low < high:
        target.comparator, target.number, target.number_max = "range", low, high
        target.unit = m.group("unit")
        target.text = m.group(0)
        found = True
    if not found:
        for words, comp in COMPARATORS:
            cm = re.search(
                rf"(?:{words})\s*(?:van\s+)?(?:\(\s*)?{NUM}(?:\s+(?P<unit>[\w-]+))?", t, re.IGNORECASE
            )
            if cm:
                number = _num(cm.group(1))
                if number is None:
                    continue
                target.comparator, target.number = comp, number
                unit = cm.group("unit") or ""
                if unit.lower() in ("per", "in", "op", "tot", "en", "of"):
                    unit = ""
                target.unit = unit
                target.text = re.sub(r"\s+(per|in|op|tot|en|of)$", "", cm.group(0).strip("() "))
                found = True
                break
    if not found:
        return None
    if target.unit.lower() in ("keer", "maal") or target.unit.lower().startswith("keer"):
        target.unit = "keer"
    per = None
    for pm in PER_RE.finditer(t):
        per = pm
        break
    if per:
        what = per.group("what").lower()
        target.per = what
        target.scope = "period" if re.fullmatch(PERIOD_WORDS, what) else "instance"
    return target


@dataclass
class Indicator:
    name: str
    group: str = ""
    target: Target | None = None
    kind: str = "number"  # number, qualitative, yesno

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "group": self.group,
            "kind": self.kind,
            "target": self.target.to_json() if self.target else None,
        }


@dataclass
class ProcessItem:
    text: str
    group: str = ""
    kind: str = "statement"  # statement, count, moment

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "group": self.group, "kind": self.kind}


@dataclass
class Step:
    number: str
    text: str
    condition: str = ""
    due_text: str = ""  # 'eind maart', 'najaar 2024', as written

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "text": self.text,
            "condition": self.condition,
            "due_text": self.due_text,
        }


_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DUE_RE = re.compile(
    rf"\b(?:(?:eind|begin|midden|half|medio)\s+(?:{_MONTHS})(?:\s+20\d\d)?"
    r"|(?:voorjaar|najaar|zomer|winter|lente|herfst)(?:\s+(?:van\s+)?20\d\d)?"
    r"|(?:Q[1-4]|[1-4]e\s+kwartaal)(?:\s+20\d\d)?"
    rf"|(?:tegen|vóór|voor)\s+(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+20\d\d)?)\b",
    re.IGNORECASE,
)


@dataclass
class Action:
    title: Field
    sd_label: str
    od_label: str
    description: str = ""
    scope_do: list[Any] = field(default_factory=list)
    scope_dont: list[Any] = field(default_factory=list)
    why: str = ""
    target_text: str = ""
    lead_text: str = ""
    lead_kind: str = "zone"
    zone_role: str = "trekker"
    zone_role_text: str = ""
    partners_text: str = ""
    steps: list[Step] = field(default_factory=list)
    evaluates_process: bool = False
    evaluates_output: bool = False
    process_items: list[ProcessItem] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title.to_json(),
            "sd_label": self.sd_label,
            "od_label": self.od_label,
            "description": self.description,
            "scope_do": self.scope_do,
            "scope_dont": self.scope_dont,
            "why": self.why,
            "target_text": self.target_text,
            "lead_text": self.lead_text,
            "lead_kind": self.lead_kind,
            "zone_role": self.zone_role,
            "zone_role_text": self.zone_role_text,
            "partners_text": self.partners_text,
            "steps": [s.to_json() for s in self.steps],
            "evaluates_process": self.evaluates_process,
            "evaluates_output": self.evaluates_output,
            "process_items": [p.to_json() for p in self.process_items],
            "indicators": [i.to_json() for i in self.indicators],
            "warnings": self.warnings,
        }


@dataclass
class Objective:
    label: str
    text: str
    children: list[Objective] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"label": self.label, "text": self.text}
        if self.children or "strategische" in self.label.lower():
            data["operational"] = [c.to_json() for c in self.children]
        return data


@dataclass
class PlanExtraction:
    kind: str = "plan"
    title: Field = field(default_factory=Field)
    year: Field = field(default_factory=Field)
    strategic: list[Objective] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    chapters: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return to_plain(
            {
                "kind": self.kind,
                "title": self.title.to_json(),
                "year": self.year.to_json(),
                "strategic": [s.to_json() for s in self.strategic],
                "actions": [a.to_json() for a in self.actions],
                "chapters": self.chapters,
                "warnings": self.warnings,
            }
        )


def _heading_text(lines: list[str], i: int, first: str) -> tuple[str, int]:
    """The objective text: the rest of the heading line plus the lines up to a blank one."""
    parts = [first] if first else []
    j = i + 1
    while j < len(lines) and not SD_RE.match(lines[j]) and not OD_RE.match(lines[j]):
        nxt = lines[j]
        if not nxt:
            # A blank line inside a sentence (a paragraph per line, as in some .docx files).
            k = j + 1
            while k < len(lines) and not lines[k]:
                k += 1
            if (
                parts
                and not parts[-1].rstrip().endswith((".", ":", "!", "?"))
                and k < len(lines)
                and lines[k][:1].islower()
            ):
                j = k
                continue
            break
        # 'zorgplanning.' followed by a short line without a full stop: that line is the action title.
        if parts and parts[-1].endswith(".") and len(nxt.split()) <= 8 and not nxt.endswith("."):
            break
        parts.append(nxt)
        j += 1
    return " ".join(" ".join(parts).split()), j


def _norm_label(label: str) -> str:
    return " ".join(label.split())


def parse_plan(text: str, *, filename: str = "") -> PlanExtraction:
    ex = PlanExtraction()
    lines = normalise_text(text)
    years = re.findall(r"\b(?:acties|actieplan|jaarplan)\s+(20\d\d)\b", text, re.IGNORECASE)
    years = years or re.findall(r"\b(20\d\d)\b", filename)
    if years:
        ex.year = sure(int(years[0]))
        ex.title = sure(f"Acties {years[0]}")
    else:
        any_year = re.findall(r"\b(20\d\d)\b", text)
        ex.year = (
            unsure(int(any_year[0]), "jaar afgeleid uit het eerste jaartal in het document")
            if any_year
            else unsure(None, "geen jaar gevonden")
        )
        ex.title = unsure(
            f"Acties {ex.year.value}" if ex.year.value else "Actieplan", "geen titel 'Acties JJJJ' gevonden"
        )

    sd_by_label: dict[str, Objective] = {}
    current_sd: Objective | None = None
    current_od: Objective | None = None
    # Split into action blocks: each starts after the last objective heading before a 'Wat?'.
    blocks: list[tuple[Objective | None, Objective | None, list[str]]] = []
    buf: list[str] = []
    i = 0
    started = False
    while i < len(lines):
        line = lines[i]
        sd = SD_RE.match(line)
        od = OD_RE.match(line)
        if sd:
            if started and buf:
                blocks.append((current_sd, current_od, buf))
            buf, started = [], True
            txt, i = _heading_text(lines, i, sd.group("text"))
            label = _norm_label(sd.group("label"))
            label = label[0].upper() + label[1:]
            if label not in sd_by_label:
                sd_by_label[label] = Objective(label, txt)
                ex.strategic.append(sd_by_label[label])
            current_sd = sd_by_label[label]
            current_od = None
            continue
        if od:
            if started and buf and any(SECTION_RE.match(b) for b in buf):
                blocks.append((current_sd, current_od, buf))
                buf = []
            started = True
            txt, i = _heading_text(lines, i, od.group("text"))
            label = _norm_label(od.group("label"))
            label = label[0].upper() + label[1:]
            parent = current_sd
            if parent is None:
                parent = Objective("Strategische doelstelling (onbekend)", "")
                ex.strategic.append(parent)
                sd_by_label[parent.label] = parent
                ex.warnings.append(f"‘{label}’ staat niet onder een strategische doelstelling.")
                current_sd = parent
            existing = next((c for c in parent.children if c.label == label), None)
            if existing is None:
                existing = Objective(label, txt)
                parent.children.append(existing)
            current_od = existing
            continue
        if started:
            buf.append(line)
        i += 1
    if started and buf:
        blocks.append((current_sd, current_od, buf))
    for sd_obj, od_obj, block in blocks:
        if not any(SECTION_RE.match(b) for b in block):
            continue
        action = _action(block, sd_obj, od_obj)
        ex.actions.append(action)
    if not ex.strategic:
        ex.warnings.append("Geen strategische doelstellingen gevonden ('Strategische doelstelling 1 - …').")
    if not ex.actions:
        ex.warnings.append(
            "Geen acties gevonden (een actie heeft de onderdelen 'Wat?', 'Waarom?', … 'Evaluatie')."
        )
    return ex


def _strip_prompts(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        if PROMPT_RE.match(line.strip()):
            continue
        out.append(line)
    # Prompts wrapped over two lines: drop a line that is the known tail of a prompt.
    return [
        ln
        for ln in out
        if not re.match(
            r"^(verdedigen\?|te evalueren\.|omgevingsanalyse, het lokaal sociaal beleid)",
            ln.strip(),
            re.IGNORECASE,
        )
    ]


SCOPE_GROUPS = {
    "kernacties": "core",
    "kernactie": "core",
    "secundaire acties": "secondary",
    "secundaire actie": "secondary",
}


def _bullets(lines: list[str]) -> list[Any]:
    """Bulleted items ('•', '-', 'o'); prose without bullets is one item per paragraph.

    Under 'Kernacties' / 'Secundaire acties' the items carry their group: {"text", "group"}.
    """
    text = reflow(lines)
    items: list[Any] = []
    group = ""
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        key = fold(para).rstrip(": ")
        if key in SCOPE_GROUPS:
            group = SCOPE_GROUPS[key]
            continue
        item = BULLET_RE.sub("", para).strip()
        items.append({"text": item, "group": group} if group else item)
    return items


def _action(block: list[str], sd: Objective | None, od: Objective | None) -> Action:
    sections: dict[str, list[str]] = {"title": []}
    current = "title"
    for line in block:
        m = SECTION_RE.match(line)
        if m:
            current = fold(m.group("s")).replace(" ", "_")
            sections.setdefault(current, [])
            continue
        sections.setdefault(current, []).append(line)
    title_paras = [p for p in reflow(sections["title"]).split("\n\n") if p.strip()]
    title_text = (
        re.sub(r"^(?:actie|titel)\s*(?:\d+\s*)?[:–-]\s*", "", title_paras[0].strip(), flags=re.IGNORECASE)
        if title_paras
        else ""
    )
    title = sure(title_text) if title_text else unsure("", "geen titel gevonden")
    action = Action(title=title, sd_label=sd.label if sd else "", od_label=od.label if od else "")
    if len(title_paras) > 1:
        action.warnings.append("Tekst tussen de titel en ‘Wat?’: " + " ".join(title_paras[1:])[:200])

    # Wat?
    wat = _strip_prompts(sections.get("wat", []))
    desc: list[str] = []
    do: list[str] = []
    dont: list[str] = []
    target = "desc"
    for line in wat:
        if WEL_RE.match(line):
            target = "do"
            rest = WEL_RE.match(line).group("rest")  # type: ignore[union-attr]
            if rest:
                do.append(rest)
            continue
        if NIET_RE.match(line):
            target = "dont"
            rest = NIET_RE.match(line).group("rest")  # type: ignore[union-attr]
            if rest:
                dont.append(rest)
            continue
        {"desc": desc, "do": do, "dont": dont}[target].append(line)
    action.description = reflow(desc).strip()
    action.scope_do = _bullets(do)
    action.scope_dont = _bullets(dont)
    action.why = reflow(_strip_prompts(sections.get("waarom", []))).strip()
    action.target_text = reflow(_strip_prompts(sections.get("voor_wie", []))).strip()

    # Met wie?
    lead, role, partners, where = [], [], [], "none"
    for line in sections.get("met_wie", []):
        lm, rm, sm = LEAD_RE.match(line), ROLE_RE.match(line), STAKE_RE.match(line)
        if lm:
            where = "lead"
            if lm.group("rest"):
                lead.append(lm.group("rest"))
        elif rm or re.match(r"^indien de zorgraad niet de trekker is", line, re.IGNORECASE):
            where = "role"
            if rm and rm.group("rest"):
                role.append(rm.group("rest"))
        elif sm or re.match(r"^met welke stakeholders", line, re.IGNORECASE):
            where = "partners"
            if sm and sm.group("rest"):
                partners.append(sm.group("rest"))
        elif where == "lead":
            lead.append(line)
        elif where == "role":
            role.append(line)
        elif where == "partners":
            partners.append(line)
    action.lead_text = reflow(lead).strip()
    action.zone_role_text = reflow(role).strip()
    action.partners_text = reflow(partners).strip()
    lt = fold(action.lead_text)
    if re.search(r"bepaald|nog te bepalen|onbekend|later", lt):
        action.lead_kind = "tbd"
    elif re.search(r"in samenwerking met|samen met|in tandem|en ", lt) and re.search(
        r"eerstelijnszone|zorgraad|elz", lt
    ):
        action.lead_kind = "consortium"
    elif re.search(r"eerstelijnszone|zorgraad|\belz\b", lt):
        action.lead_kind = "zone"
    elif lt:
        action.lead_kind = "organisation"
    rt = fold(action.zone_role_text + " " + action.lead_text)
    for word, role_key in (
        ("faciliter", "faciliterend"),
        ("ondersteun", "ondersteunend"),
        ("coördiner", "coordinerend"),
        ("coordiner", "coordinerend"),
        ("tandem", "co_trekker"),
        ("co-trekker", "co_trekker"),
    ):
        if word in rt:
            action.zone_role = role_key
            break
    else:
        action.zone_role = "trekker" if action.lead_kind == "zone" else "ondersteunend"

    # Hoe?
    hoe = _strip_prompts(sections.get("hoe", []))
    steps: list[Step] = []
    current_main = ""
    for para in reflow(hoe).split("\n"):
        para = para.strip()
        if not para:
            continue
        sm2 = STEP_RE.match(para)
        sub = SUBSTEP_RE.match(para)
        if sm2:
            current_main = sm2.group("n")
            steps.append(Step(current_main, sm2.group("text").strip()))
        elif sub:
            steps.append(Step(f"{current_main}{sub.group('n')}", sub.group("text").strip()))
        elif steps:
            steps[-1].text += " " + para
        else:
            steps.append(Step("", para))
    for s in steps:
        due = DUE_RE.search(s.text)
        if due:
            s.due_text = due.group(0)[:80]
        cond = re.match(r"^(indien .+?),\s*(.+)$", s.text, re.IGNORECASE)
        if cond:
            s.condition = cond.group(1)
    action.steps = steps

    # Evaluatie
    ev = _strip_prompts(sections.get("evaluatie", []))
    mode = ""
    group = ""
    pending: list[str] = []
    head: list[str] = []  # a sub-heading, possibly wrapped over lines, up to its colon

    def flush() -> None:
        if not pending:
            return
        text = " ".join(" ".join(pending).split())
        pending.clear()
        if mode == "process":
            action.process_items.append(ProcessItem(text, group, _process_kind(text)))
        elif mode == "output":
            action.indicators.append(_indicator(text, group))

    for line in ev:
        bm = BOX_RE.match(line.strip())
        if bm:
            flush()
            ticked = (bm.group("box") or "") not in ("☐", "□")
            if fold(bm.group("kind")).startswith("proces"):
                mode, action.evaluates_process = "process", ticked
            else:
                mode, action.evaluates_output = "output", ticked
            group = ""
            continue
        if not mode:
            continue
        if not line.strip():
            flush()
            if head:  # lines without bullets and without a colon: items, not a heading
                pending.extend(head)
                head.clear()
                flush()
            continue
        stripped = line.strip()
        if re.match(r"^[-–•▪o*]\s*\S", stripped) and not re.match(r"^o\w", stripped):
            flush()
            if head:
                group = " ".join(" ".join(head).split()).rstrip(": ")
                head.clear()
            pending.append(re.sub(r"^[-–•▪o*]\s*", "", stripped))
        elif pending:
            pending.append(stripped)
        else:
            # A sub-heading ('Kerntaken:', 'Piekuurtjes', or wrapped up to its colon).
            head.append(stripped)
            if stripped.endswith(":") or (
                len(head) == 1 and len(stripped.split()) <= 8 and not stripped.endswith(".")
            ):
                group = " ".join(" ".join(head).split()).rstrip(": ")
                head.clear()
    flush()
    if head:
        pending.extend(head)
        flush()
    if not (action.evaluates_process or action.evaluates_output):
        action.warnings.append("Geen evaluatievorm aangevinkt: vink minstens één van de twee aan.")
    return action


def _process_kind(text: str) -> str:
    f = fold(text)
    if re.match(r"^(aantal|frequentie|hoeveel)", f):
        return "count"
    if re.search(r"\bevaluatie\b|bevraging|bevraagd", f):
        return "moment"
    return "statement"


def _indicator(text: str, group: str) -> Indicator:
    f = fold(text)
    target = parse_target(text)
    kind = "number"
    if re.match(r"^(besluiten|beslissingen|lijst|type|welke)", f) or (
        "type" in f and not re.match(r"^(aantal|we meten het aantal|het aantal)", f)
    ):
        kind = "qualitative"
    elif re.match(r"^(de|het|er is|er zijn)\b", f) and not re.search(r"\baantal\b", f):
        kind = "yesno"
    return Indicator(text, group, target, kind)
