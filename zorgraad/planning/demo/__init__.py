"""Demo: the Zennevallei action plan 2025 (seed 004) as structured data.

Objectives with their labels as written (SD4 absent; OD 1, 2 / 1, 2 / 3 / 4), the plan-level
chapters (communication, the network organisation with its 60 % time split, the focus points),
and the eight actions with their process items, indicators and targets. Indicators whose counts
come from bodies (the Forum Buurtgerichte Zorg, the prevention steering and core groups, the
perinatal core group) are computed from the demo's 2025 meetings of those bodies, which this part
records as held with their members present. Values of the other indicators are invented examples;
no real people are named.

The package (callers import from here, `zorgraad.planning.demo`):

- structure.py: the zone and year, the objectives (`SDS`), the counted meetings (`MEETINGS`), the
  plan-level chapters (`CHAPTERS`);
- actions.py: the eight actions as data (`_actions`);
- loading.py: `load`, which records the meetings and creates the plan through the services.
"""

from __future__ import annotations

from .actions import _actions, _ind
from .loading import _action, _meetings, load
from .structure import CHAPTERS, MEETINGS, SDS, SLUG, YEAR, D

__all__ = [
    "CHAPTERS",
    "D",
    "MEETINGS",
    "SDS",
    "SLUG",
    "YEAR",
    "_action",
    "_actions",
    "_ind",
    "_meetings",
    "load",
]
