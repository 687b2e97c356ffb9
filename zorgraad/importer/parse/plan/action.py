"""One action block split into the template's sections ('Wat?', 'Waarom?', … 'Evaluatie')."""

from __future__ import annotations

import re
from typing import Any

from ..common import fold, sure, unsure
from ..minutes import BULLET_RE, reflow
from .model import Action, Indicator, Objective, ProcessItem, Step
from .targets import parse_target

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

_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
DUE_RE = re.compile(
    rf"\b(?:(?:eind|begin|midden|half|medio)\s+(?:{_MONTHS})(?:\s+20\d\d)?"
    r"|(?:voorjaar|najaar|zomer|winter|lente|herfst)(?:\s+(?:van\s+)?20\d\d)?"
    r"|(?:Q[1-4]|[1-4]e\s+kwartaal)(?:\s+20\d\d)?"
    rf"|(?:tegen|vóór|voor)\s+(?:\d{{1,2}}\s+)?(?:{_MONTHS})(?:\s+20\d\d)?)\b",
    re.IGNORECASE,
)


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
