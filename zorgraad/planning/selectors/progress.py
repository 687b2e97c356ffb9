"""An action's progress: not started, on track, at risk or achieved, from its readings, steps and process items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Action, IndicatorKind, Step, StepStatus
from .readings import Reading
from .targets import INFO, MET, NONE, NOT_MET, PARTIAL

# Progress of an action
NOT_STARTED = "not_started"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
ACHIEVED = "achieved"
PROGRESS_LABELS = {
    NOT_STARTED: _("nog niet gestart"),
    ON_TRACK: _("op schema"),
    AT_RISK: _("risico"),
    ACHIEVED: _("bereikt"),
}
PROGRESS_ORDER = [NOT_STARTED, ON_TRACK, AT_RISK, ACHIEVED]


@dataclass
class Progress:
    status: str
    overdue: list[Step] = field(default_factory=list)
    targets_met: int = 0
    targets: int = 0
    process_done: int = 0
    process_total: int = 0
    milestones_done: int = 0
    milestones: int = 0

    @property
    def label(self) -> str:
        return str(PROGRESS_LABELS[self.status])


def action_progress(action: Action, readings: list[Reading], today: dt.date) -> Progress:
    steps = list(action.steps.all())
    items = list(action.process_items.all())
    milestones = [s for s in steps if s.is_milestone and s.status != StepStatus.DROPPED]
    overdue = [s for s in milestones if s.due_date and s.due_date < today and s.status != StepStatus.DONE]
    targeted = [
        r
        for r in readings
        if r.status not in (INFO,) and (r.indicator.comparator or r.indicator.kind == IndicatorKind.YESNO)
    ]
    p = Progress(
        status=ON_TRACK,
        overdue=overdue,
        targets_met=sum(r.status == MET for r in targeted),
        targets=len(targeted),
        process_done=sum(i.done for i in items),
        process_total=len(items),
        milestones_done=sum(s.status == StepStatus.DONE for s in milestones),
        milestones=len(milestones),
    )
    started = (
        any(r.status != NONE for r in readings)
        or p.process_done > 0
        or any(s.status in (StepStatus.DOING, StepStatus.DONE) for s in steps)
    )
    anything = p.targets + p.process_total + p.milestones
    if (
        anything
        and p.targets_met == p.targets
        and p.process_done == p.process_total
        and p.milestones_done == p.milestones
    ):
        p.status = ACHIEVED
    elif overdue or any(r.status in (PARTIAL, NOT_MET) for r in readings):
        p.status = AT_RISK
    elif not started:
        p.status = NOT_STARTED
    return p
