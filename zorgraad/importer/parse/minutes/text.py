"""Text of a meeting document: headings, paragraphs, wrapped lines joined again, lists of names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..common import Field, find_dates, sure, unsure
from .patterns import BULLET_RE, SECTION_RE, SECTION_WORDS, SEE_LIST_RE


def _is_heading(line: str) -> str | None:
    m = SECTION_RE.match(line)
    # '4. Volgende vergadering' is an agenda item; '3 CONTACTGEGEVENS' (capitals) is a heading.
    if m and line[:1].isdigit() and not m.group("word").isupper():
        return None
    if m:
        for k, _v in SECTION_WORDS:
            if m.group(k):
                return k
    return None


def _paragraphs(lines: Sequence[str]) -> list[list[str]]:
    paras: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if not line:
            if cur:
                paras.append(cur)
                cur = []
            continue
        cur.append(line)
    if cur:
        paras.append(cur)
    return paras


def _short_list_item(line: str) -> bool:
    """A list item too short to have been wrapped ('3. Wandelgroep in Oosterzele')."""
    is_item = BULLET_RE.match(line) or re.match(r"^(\d{1,2}[.)]|[a-z]\))\s", line)
    return bool(is_item) and len(line) < 50 and not line.rstrip().endswith((",", "–", "-", ":"))


def reflow(lines: Sequence[str]) -> str:
    """Lines of a PDF or text file as paragraphs; bullets start a new line, wrapped lines are joined."""
    out: list[str] = []
    for para in _paragraphs(lines):
        text = ""
        for line in para:
            if not text:
                text = line
            elif (
                BULLET_RE.match(line)
                or re.match(r"^[a-z]\)\s", line)
                or re.match(r"^\d{1,2}[.)]\s", line)
                or any(d.start == 0 and d.weekday is not None for d in find_dates(line))
            ):
                text += "\n" + line
            elif _short_list_item(text.rsplit("\n", 1)[-1]) and line[:1].isupper():
                text += "\n" + line  # '3. Wandelgroep' then a new sentence: the list item was not wrapped
            elif text.endswith("-") and text[-2:-1].isalpha() and re.match(r"^(en|of|tot|en/of)\b", line):
                text += " " + line  # 'zorg- en welzijn' cut after the hyphen
            elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].isupper():
                text += line  # 'Sint-' + 'Pieters-Leeuw'
            elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].islower():
                text = text[:-1] + line  # a word broken with a hyphen at the end of the line
            else:
                text += " " + line
        out.append(text)
    return "\n\n".join(out)


def _names(text: str) -> list[str]:
    """'A – B - C\nD' -> names; one name per line when there are no separators."""
    text = re.sub(r"[ \t]+", " ", text)
    if any(s in text for s in (" - ", " – ", "- ", " -", "–", ",", ";", "|")):
        flat = text.replace("\n", " ")
        pieces = re.split(r"\s*[,;|]\s*|\s+[-–—]\s*|\s*[-–—]\s+|–", flat)
    else:
        pieces = text.split("\n")
    names = []
    for p in pieces:
        p = re.sub(r"\s+", " ", p).strip(" .-–")
        p = re.sub(
            r"\s*\([^)]*\)\s*$", "", p
        )  # 'An Pauwels (Logo Zenneland)': the organisation is not part of the name
        p = re.sub(r"^(en|and)\s+", "", p, flags=re.IGNORECASE)
        if p and len(p) < 120 and not SEE_LIST_RE.search(p):
            names.append(p)
    return names


def _person_field(name: str) -> Field:
    words = name.split()
    if 1 < len(words) <= 8 and name[:1].isupper():
        return sure(name)
    if len(words) == 1:
        return unsure(name, "enkel een voornaam of familienaam")
    return unsure(name, "geen gewone persoonsnaam: controleer")


def _looks_like_list(text: str) -> bool:
    """A list of names: short pieces between separators, hardly any verbs or full stops."""
    pieces = _names(text)
    if len(pieces) < 2:
        return len(text.split()) <= 4
    return sum(1 for p in pieces if len(p.split()) <= 5) >= 0.8 * len(pieces) and text.count(". ") <= 1
