"""An indicator's statuses, its target as text, what one instance is called, whether a value meets it.

'≥ 20 deelnemers per piekuurtje', '4 van 5 piekuurtjes': the instance's plural follows the page's language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ..models import Comparator, Indicator, IndicatorKind, TargetScope

# Status of one indicator
NONE = "none"  # no value yet
INFO = "info"  # a value, no target
MET = "met"
PENDING = "pending"  # below target, period still running
PARTIAL = "partial"  # per instance: some instances below target
NOT_MET = "not_met"
STATUS_LABELS = {
    NONE: _("nog geen waarde"),
    INFO: _("gemeten"),
    MET: _("streefdoel gehaald"),
    PENDING: _("onderweg"),
    PARTIAL: _("deels gehaald"),
    NOT_MET: _("niet gehaald"),
}


def _num(value: Any) -> str:
    if value is None:
        return ""
    d = Decimal(value)
    text = format(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize(), "f")
    return text.replace(".", ",")


def _english_plural(word: str) -> str:
    """'session' -> 'sessions', 'class' -> 'classes', 'activity' -> 'activities' (the regular rules)."""
    lower = word.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if len(lower) > 1 and lower.endswith("y") and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def instance_names(label: str) -> tuple[str, str]:
    """('piekuurtje', 'piekuurtjes') from 'piekuurtje'; 'beurs|beurzen' names both forms.

    The plural ending follows the interface's language: Dutch endings ('sessie' -> 'sessies',
    'bijeenkomst' -> 'bijeenkomsten'), English ones when the page is in English ('session' ->
    'sessions', 'activity' -> 'activities'). A label is written by the zone, in either language:
    'one|many' names both forms whatever the language. Without a singular ('', '|') the label is the
    default ('keer' / 'time').
    """
    label = (label or "").strip() or str(_("keer"))
    if "|" in label:
        one, _sep, many = label.partition("|")
        one, many = one.strip(), many.strip()
        if one or many:
            return one or many, many or one
        label = str(_("keer"))
    if label == "keer":
        return label, label
    if (translation.get_language() or "").startswith("en"):
        return label, _english_plural(label)
    if label.endswith(("je", "e", "el", "er", "em", "en", "ie")):
        return label, label + "s"
    return label, label + "en"


def target_label(ind: Indicator) -> str:
    """'≥ 20 deelnemers per piekuurtje', '3 à 4 keer per jaar', or the target as written."""
    if ind.target_text:
        return ind.target_text
    if ind.kind != IndicatorKind.NUMBER or not ind.comparator or ind.target is None:
        return ""
    unit = f" {ind.unit}" if ind.unit else ""
    if ind.comparator == Comparator.RANGE:
        text = f"{_num(ind.target)} à {_num(ind.target_max)}{unit}"
    else:
        symbol = {"gte": "≥", "lte": "≤", "eq": "="}[ind.comparator]
        text = f"{symbol} {_num(ind.target)}{unit}"
    if ind.scope == TargetScope.INSTANCE:
        text += " " + _("per %(what)s") % {"what": instance_names(ind.instance_label)[0]}
    elif ind.period_label:
        text += f" {ind.period_label}"
    return text


def meets(ind: Indicator, value: Any) -> bool:
    if value is None or ind.target is None:
        return False
    v = Decimal(value)
    if ind.comparator == Comparator.LTE:
        return v <= ind.target
    if ind.comparator == Comparator.EQ:
        return v == ind.target
    if ind.comparator == Comparator.RANGE:
        return ind.target <= v <= (ind.target_max if ind.target_max is not None else v)
    return v >= ind.target
