"""Agenda items (numbered, counting up one by one) and the decisions in their text."""

from __future__ import annotations

import re

from ..common import Field, sure, unsure
from .model import Item
from .patterns import BULLET_RE, DECISION_LABEL_RE, DECISION_SENTENCE_RE, ITEM_RE, PREPOSITION_END
from .text import reflow


def _items(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    cur: Item | None = None
    cur_lines: list[str] = []
    title_open = False
    style: tuple[bool, str] | None = (
        None  # how the items are numbered ('1.', '1)', 'Punt 1:'): a list written otherwise is text
    )
    sub_last = 0  # the last number of a numbered list inside the current item
    for line in lines:
        m = ITEM_RE.match(line)
        expected = (items[-1].number + 1) if items else None
        if cur is not None:
            expected = cur.number + 1
        line_style = (bool(m.group("word")), m.group("delim") or "–") if m else None
        n = int(m.group("n")) if m else -1
        is_item = bool(
            m
            and m.group("title")
            and (expected is None and n in (0, 1) or n == expected)
            and (not style or line_style == style)
            and not (sub_last and n == sub_last + 1)  # '3.' continuing a list '1. 2.' in the item
        )
        if m and not is_item and cur is not None:
            sub_last = n if n == sub_last + 1 or n == 1 else sub_last
        if is_item and m:
            style = style or line_style
            sub_last = 0
            if cur is not None:
                cur.text = reflow(cur_lines).strip()
                cur.lines = cur_lines
                items.append(cur)
            cur = Item(int(m.group("n")), sure(m.group("title").strip()))
            cur_lines = []
            title_open = True
            continue
        if cur is None:
            continue
        if title_open and line and not BULLET_RE.match(line):
            prev = cur.title.value
            # A title wrapped over lines: the next line starts small or the title ends mid-sentence.
            if (line[:1].islower() or PREPOSITION_END.search(prev)) and len(prev) + len(line) < 250:
                cur.title = sure(f"{prev} {line}".strip())
                continue
        title_open = False
        cur_lines.append(line)
    if cur is not None:
        cur.text = reflow(cur_lines).strip()
        cur.lines = cur_lines
        items.append(cur)
    for item in items:
        item.title = sure(re.sub(r"\s+", " ", item.title.value).strip(" :"))
    return items


def _decisions(text: str) -> list[Field]:
    found: list[Field] = []
    under_heading = False  # 'Beslissingen:' alone on a line, the decisions listed below it
    for line in text.split("\n"):
        bare = line.strip()
        if re.fullmatch(
            r"(?:beslissingen|besluiten|beslissing|besluit|genomen beslissingen)\s*:?", bare, re.IGNORECASE
        ):
            under_heading = True
            continue
        if under_heading and BULLET_RE.match(bare):
            found.append(sure(BULLET_RE.sub("", bare).strip()))
            continue
        under_heading = under_heading and not bare
        m = DECISION_LABEL_RE.search(bare.lstrip("-•* "))
        if m:
            # The labelled decision is its first sentence; what follows is read like any text.
            first, sep, rest = m.group("text").strip().partition(". ")
            found.append(sure(first + ("." if sep else "")))
            line = line[: line.find(m.group(0))] + " " + rest if m.group(0) in line else rest
        for sentence in re.split(r"(?<=[.!?])\s+|\s+[–—]\s+", line):
            if DECISION_SENTENCE_RE.search(sentence) and len(sentence) > 20:
                found.append(
                    unsure(sentence.strip(), "afgeleid uit de tekst: controleer of dit een beslissing is")
                )
    return found
