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

# A package since the module outgrew one file: every name the old module defined is
# re-exported here, so `from zorgraad.importer.parse.plan import …` keeps working.

from .action import _MONTHS as _MONTHS
from .action import BOX_RE as BOX_RE
from .action import DUE_RE as DUE_RE
from .action import LEAD_RE as LEAD_RE
from .action import NIET_RE as NIET_RE
from .action import PROMPT_RE as PROMPT_RE
from .action import PROMPTS as PROMPTS
from .action import ROLE_RE as ROLE_RE
from .action import SCOPE_GROUPS as SCOPE_GROUPS
from .action import SECTION_RE as SECTION_RE
from .action import STAKE_RE as STAKE_RE
from .action import STEP_RE as STEP_RE
from .action import SUBSTEP_RE as SUBSTEP_RE
from .action import WEL_RE as WEL_RE
from .action import _action as _action
from .action import _bullets as _bullets
from .action import _indicator as _indicator
from .action import _process_kind as _process_kind
from .action import _strip_prompts as _strip_prompts
from .document import OD_RE as OD_RE
from .document import SD_RE as SD_RE
from .document import _heading_text as _heading_text
from .document import _norm_label as _norm_label
from .document import parse_plan as parse_plan
from .model import Action as Action
from .model import Indicator as Indicator
from .model import Objective as Objective
from .model import PlanExtraction as PlanExtraction
from .model import ProcessItem as ProcessItem
from .model import Step as Step
from .targets import COMPARATORS as COMPARATORS
from .targets import NUM as NUM
from .targets import PER_RE as PER_RE
from .targets import PERIOD_WORDS as PERIOD_WORDS
from .targets import RANGE_RE as RANGE_RE
from .targets import Target as Target
from .targets import _num as _num
from .targets import parse_target as parse_target
