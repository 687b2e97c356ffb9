"""The plan tree: objectives, actions with their steps, process items and indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..common import Field, to_plain
from .targets import Target


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
