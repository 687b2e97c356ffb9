"""Shared grammar for Dutch documents: fields with their certainty, dates, times, separators.

Pure Python: no Django models here, so the parsers can be tested and fuzzed on their own.
Every value the parsers return is a `Field`: the value, whether the importer is unsure of it,
and why ("jaar ontbreekt, afgeleid uit …"). A value the importer cannot read is None with a reason,
never a guess presented as a fact.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
WEEKDAY_ABBR = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "febr": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augustus": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
NUMBER_WORDS = {
    "een": 1,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "vijftien": 15,
    "twintig": 20,
    "dertig": 30,
    "veertig": 40,
    "vijftig": 50,
    "honderd": 100,
}

DASHES = "-–—‒―−"
# A separator between parts of a line: an en/em dash anywhere, a hyphen with a space on at least one side, a bar.
SEPARATOR_RE = re.compile(r"\s*[–—‒―]\s*|\s+-\s*|\s*-\s+|\s*\|\s*|\t+")


@dataclass
class Field:
    value: Any = None
    uncertain: bool = False
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"value": to_plain(self.value), "uncertain": self.uncertain, "reason": self.reason}


def sure(value: Any) -> Field:
    return Field(value)


def unsure(value: Any, reason: str) -> Field:
    return Field(value, True, reason)


def to_plain(value: Any) -> Any:
    """ISO dates, 24-hour times, lists and dicts of those."""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, Field):
        return value.to_json()
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "to_json"):
        return value.to_json()
    return value


def fold(text: str) -> str:
    """Lower case without accents, for comparing names ('Opcura' = 'OPcura', 'coördinator')."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


_ASCII_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DIGIT_RE = re.compile(r"\d")


def clean_line(text: str) -> str:
    """Control characters out, non-breaking and odd spaces to plain spaces, runs of spaces to one."""
    if not text.isascii():
        text = "".join(
            " " if unicodedata.category(c) in {"Cc", "Cf", "Zs"} and c not in "\n\t" else c for c in text
        )
    else:
        text = _ASCII_CONTROL_RE.sub(" ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def normalise_text(text: str) -> list[str]:
    """The document as lines: cleaned, trailing spaces gone, blank lines kept as ''."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return [clean_line(line) for line in text.split("\n")]


def split_parts(text: str) -> list[str]:
    """'A – B - C| D' -> ['A', 'B', 'C', 'D'] (hyphens inside words like Sint-Niklaas stay)."""
    return [p.strip(" ,;") for p in SEPARATOR_RE.split(text) if p and p.strip(" ,;")]


# --- dates ----------------------------------------------------------------------------------------

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_ALT = "|".join(WEEKDAYS)
DATE_RE = re.compile(
    rf"(?:(?P<weekday>{_WEEKDAY_ALT}|(?:ma|di|wo|do|vr|za|zo)\.)\s*,?\s+)?"
    rf"(?P<day>[0-3]?\d)(?:e|ste|de)?\s+(?P<month>{_MONTH_ALT})\.?"
    rf"(?:\s+(?P<year>(?:19|20)\d\d)\b|\s+'(?P<year2>\d\d)\b)?"
    r"|"
    rf"(?:(?P<weekday_n>{_WEEKDAY_ALT}|(?:ma|di|wo|do|vr|za|zo)\.)\s*,?\s+)?"
    r"\b(?P<nday>[0-3]?\d)[/.\-](?P<nmonth>[01]?\d)[/.\-](?P<nyear>(?:19|20)?\d\d)\b",
    re.IGNORECASE,
)


@dataclass
class DateMatch:
    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None
    text: str


def find_dates(text: str) -> list[DateMatch]:
    found: list[DateMatch] = []
    if not _DIGIT_RE.search(text):
        return found
    for m in DATE_RE.finditer(text):
        # A month name must stand alone: 'mei' in 'meisjes' is no date.
        if m.group("month"):
            tail = text[m.end("month") : m.end("month") + 1]
            if tail.isalpha():
                continue
            day, month = int(m.group("day")), MONTHS[m.group("month").lower()]
            year: int | None = None
            if m.group("year"):
                year = int(m.group("year"))
            elif m.group("year2"):
                year = 2000 + int(m.group("year2"))
            wd_text = m.group("weekday")
        else:
            day, month = int(m.group("nday")), int(m.group("nmonth"))
            ytxt = m.group("nyear")
            year = int(ytxt) if len(ytxt) == 4 else 2000 + int(ytxt)
            wd_text = m.group("weekday_n")
            before = text[max(0, m.start("nday") - 1) : m.start("nday")]
            if before and (before.isdigit() or before in "/.-"):
                continue
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        weekday = None
        if wd_text:
            w = wd_text.lower().rstrip(".")
            weekday = WEEKDAYS.index(w) if w in WEEKDAYS else WEEKDAY_ABBR.get(w)
        found.append(DateMatch(m.start(), m.end(), day, month, year, weekday, m.group(0)))
    return found


def weekday_label(i: int) -> str:
    return WEEKDAYS[i]


def resolve_date(
    match: DateMatch, *, after: dt.date | None = None, year_hint: int | None = None, hint_source: str = ""
) -> Field:
    """A date from a match: the year as written, else from a hint, else the first one after `after`.

    Marks every guess and every disagreement with the weekday that was written.
    """
    reasons: list[str] = []
    year = match.year
    if year is None:
        if year_hint is not None:
            year = year_hint
            reasons.append(f"jaar ontbreekt, afgeleid uit {hint_source}")
        elif after is not None:
            year = after.year
            candidates = [after.year, after.year + 1]
            if match.weekday is not None:
                # The first year, from the reference date on, where the written weekday fits.
                fitting = [y for y in candidates if _valid(y, match.month, match.day, match.weekday)]
                later = [y for y in fitting if dt.date(y, match.month, match.day) >= after]
                if later:
                    year = later[0]
                    reasons.append(
                        f"jaar ontbreekt, afgeleid: eerste {WEEKDAYS[match.weekday]} {match.day} "
                        f"{_month(match.month)} na {after.strftime('%d/%m/%Y')}"
                    )
            if not reasons:
                for y in candidates:
                    if _exists(y, match.month, match.day) and dt.date(y, match.month, match.day) >= after:
                        year = y
                        break
                reasons.append(f"jaar ontbreekt, afgeleid: eerstvolgende na {after.strftime('%d/%m/%Y')}")
        else:
            return unsure(None, f"jaar ontbreekt bij ‘{match.text.strip()}’ en kan niet worden afgeleid")
    if not _exists(year, match.month, match.day):
        return unsure(None, f"‘{match.text.strip()}’ bestaat niet")
    day = dt.date(year, match.month, match.day)
    if match.weekday is not None and day.weekday() != match.weekday:
        reasons.append(
            f"weekdag klopt niet: {match.day} {_month(match.month)} {year} is een {WEEKDAYS[day.weekday()]}, "
            f"geen {WEEKDAYS[match.weekday]}"
        )
    if reasons:
        return unsure(day, "; ".join(reasons))
    return sure(day)


MONTH_NAMES = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _month(i: int) -> str:
    return MONTH_NAMES[i - 1]


def _exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _valid(year: int, month: int, day: int, weekday: int) -> bool:
    return _exists(year, month, day) and dt.date(year, month, day).weekday() == weekday


# --- times ----------------------------------------------------------------------------------------

_T = r"(?P<{n}h>2[0-4]|[01]?\d)(?!\d)(?:\s*(?P<{n}sep>[u:.h](?!ur\b))\s*(?P<{n}m>[0-5]\d)?)?(?P<{n}unit>\s*(?:uur|u|h)\b)?"
_RANGE_JOIN = r"\s*(?:tot|t\.e\.m\.|tot\s+en\s+met|[-–—]|à|a)\s*"
RANGE_RE = re.compile(
    r"(?<![\d/.])(?P<van>van\s+|vanaf\s+)?"
    + _T.format(n="a")
    + _RANGE_JOIN
    + _T.format(n="b")
    + r"(?!\s*[/.]\d)",
    re.IGNORECASE,
)
SINGLE_RE = re.compile(
    r"(?<![\d/.])(?P<om>(?:om|vanaf|van|start(?:\s+om)?|aanvang)\s+)?" + _T.format(n="a"), re.IGNORECASE
)
_MONTH_AFTER = re.compile(rf"^\s*(?:{_MONTH_ALT})\b", re.IGNORECASE)


def _time(m: re.Match[str], n: str) -> dt.time | None:
    hour = int(m.group(f"{n}h"))
    minute = int(m.group(f"{n}m") or 0)
    if hour == 24 and minute == 0:
        return dt.time(23, 59)
    if hour > 23:
        return None
    return dt.time(hour, minute)


def _marked(m: re.Match[str], n: str) -> bool:
    """The time is written as a time: with minutes, 'u', 'h', ':' or 'uur'."""
    return bool(m.group(f"{n}m") or m.group(f"{n}unit") or (m.group(f"{n}sep") or "") in {"u", "h", ":"})


@dataclass
class TimeMatch:
    start: dt.time | None
    end: dt.time | None
    span: tuple[int, int]


def find_time(text: str) -> TimeMatch | None:
    """The first time or time range in the text: 'Van 13u30 tot 16u', '13.30 – 16 uur', 'Om 13u30', '19:00'."""
    for m in RANGE_RE.finditer(text):
        if _MONTH_AFTER.match(text[m.end() :]):
            continue  # '17 - 18 maart' is a range of days
        if not (_marked(m, "a") or _marked(m, "b") or m.group("van")):
            continue
        # A dotted time needs minutes ('13.30'); '2.' is a list number.
        a, b = _time(m, "a"), _time(m, "b")
        if a is None or b is None:
            continue
        unmarked = not (_marked(m, "a") or _marked(m, "b"))
        if unmarked and not re.match(r"\s*(uur|u)\b", text[m.end() :]) and not m.group("van"):
            continue
        return TimeMatch(a, b, m.span())
    for m in SINGLE_RE.finditer(text):
        if not _marked(m, "a"):
            continue
        if (m.group("asep") or "") == "." and not m.group("am"):
            continue
        if _MONTH_AFTER.match(text[m.end() :]):
            continue
        a = _time(m, "a")
        if a is None:
            continue
        return TimeMatch(a, None, m.span())
    return None


# --- e-mail ---------------------------------------------------------------------------------------

EMAIL_LIKE = re.compile(r"[^\s@<>()\[\],;:|]+@[^\s@<>()\[\],;:|]+")
_EMAIL_OK = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)


def email_field(raw: str) -> Field:
    """Valid addresses are sure; an invalid one keeps its raw text and is marked (never stored)."""
    value = raw.strip().strip(".").lower()
    if value.startswith("mailto:"):
        value = value[7:]
    if _EMAIL_OK.match(value) and ".." not in value:
        return sure(value)
    return unsure(value, "ongeldig e-mailadres: wordt niet opgeslagen")


def parse_number(word: str) -> int | None:
    w = fold(word)
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w) or NUMBER_WORDS.get(word.lower())
