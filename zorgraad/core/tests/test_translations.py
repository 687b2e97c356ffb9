"""The English catalogue (locale/en/LC_MESSAGES/django.po) is complete and safe to use.

Dutch (nl-be) is the source language; every msgid needs an English msgstr. These tests fail when
`make messages` brought in strings nobody translated, left entries fuzzy, when a translation lost or
changed a placeholder (%(name)s, %s, {name}) or an HTML tag, or when the committed django.mo is not
compiled from the committed django.po. The .po is read by the small parser below (no polib, no
gettext tools needed), and the checks are run on broken snippets too, so they can fail.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0


def parse_po(text: str) -> list[Entry]:
    """Entries of a .po file (the header, msgid "", included)."""
    entries: list[Entry] = []
    cur: Entry | None = None
    key: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal cur, key
        if cur is not None:
            entries.append(cur)
        cur, key = None, None

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#,"):
            if cur is not None and cur.msgid:
                finish()
            cur = cur or Entry(line=n)
            cur.flags.update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#") and not obsolete:
            continue
        m = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$", line)
        if m:
            word, index, literal = m.group(1), m.group(2), m.group(3)
            if word in ("msgctxt", "msgid") and cur is not None and key is not None and key[0] == "msgstr":
                finish()
            cur = cur or Entry(line=n)
            cur.obsolete = cur.obsolete or obsolete
            if word.startswith("msgstr"):
                key = ("msgstr", int(index or 0))
                cur.msgstr[key[1]] = ast.literal_eval(literal)
            else:
                key = (word, 0)
                setattr(cur, word, ast.literal_eval(literal))
                if word == "msgid":
                    cur.line = n
            continue
        if line.startswith('"') and cur is not None and key is not None:
            value = ast.literal_eval(line)
            if key[0] == "msgstr":
                cur.msgstr[key[1]] += value
            else:
                setattr(cur, key[0], (getattr(cur, key[0]) or "") + value)
            continue
        raise ValueError(f"line {n}: cannot read {raw!r}")
    finish()
    return entries


PYTHON_FORMAT = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx]")
BRACE_FORMAT = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
HTML_TAG = re.compile(r"</?(a|b|i|em|strong|span|br|p|ul|ol|li|code|abbr|small|kbd)\b[^>]*>", re.I)


def placeholders(text: str) -> list[str]:
    found = PYTHON_FORMAT.findall(text.replace("%%", "")) + BRACE_FORMAT.findall(text)
    found += [m.group(0) for m in HTML_TAG.finditer(text)]
    return sorted(found)


def label(e: Entry) -> str:
    return f"line {e.line}: {e.msgid[:70]!r}"


def untranslated_or_fuzzy(entries: list[Entry]) -> list[str]:
    problems = []
    for e in entries:
        if e.obsolete or not e.msgid:
            continue
        if "fuzzy" in e.flags:
            problems.append(f"fuzzy, {label(e)}")
        expected = 2 if e.msgid_plural is not None else 1
        if len(e.msgstr) < expected or any(not s for s in e.msgstr.values()):
            problems.append(f"untranslated, {label(e)}")
    return problems


def placeholder_mismatches(entries: list[Entry]) -> list[str]:
    problems = []
    for e in entries:
        if e.obsolete or not e.msgid:
            continue
        for i, translated in e.msgstr.items():
            if not translated:
                continue
            source = e.msgid if i == 0 or e.msgid_plural is None else e.msgid_plural
            want, got = placeholders(source), placeholders(translated)
            # Only a plural form may drop the count ("One field" for "%(n)s velden" in the singular).
            ok = want == got or (
                e.msgid_plural is not None and set(got) <= set(placeholders(e.msgid + e.msgid_plural))
            )
            if not ok:
                problems.append(f"{label(e)} msgstr[{i}]: expected {want}, got {got}")
    return problems


def catalogue() -> list[Entry]:
    return parse_po(PO.read_text(encoding="utf-8"))


def test_catalogue_is_read_completely() -> None:
    entries = catalogue()
    assert entries[0].msgid == "" and "Plural-Forms" in entries[0].msgstr[0]
    assert len([e for e in entries if e.msgid]) == PO.read_text(encoding="utf-8").count("\nmsgid ") - 1


def test_every_english_entry_is_translated_and_not_fuzzy() -> None:
    problems = untranslated_or_fuzzy(catalogue())
    assert not problems, (
        f"{len(problems)} entries in {PO.name} need a translation (run `make messages`, then "
        "translate and remove the fuzzy flag):\n" + "\n".join(problems[:40])
    )


def test_translations_keep_placeholders_and_tags() -> None:
    problems = placeholder_mismatches(catalogue())
    assert not problems, "\n".join(problems[:40])


def test_committed_mo_is_compiled_from_the_po() -> None:
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    expected: dict[object, str] = {}
    for e in catalogue():
        if e.obsolete or not e.msgid or "fuzzy" in e.flags:
            continue
        msgid = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt is not None else e.msgid
        if e.msgid_plural is None:
            expected[msgid] = e.msgstr[0]
        else:
            for i, s in e.msgstr.items():
                expected[(msgid, i)] = s
    compiled = {k: v for k, v in compiled.items() if k != ""}
    missing = [k for k in expected if compiled.get(k) != expected[k]]
    assert not missing, (
        f"{MO.name} is not compiled from {PO.name} ({len(missing)} differences, e.g. {missing[:3]}): "
        "run `make messages` (compilemessages) and commit django.mo"
    )


def test_english_is_served() -> None:
    with translation.override("en"):
        assert translation.gettext("Nieuwsbrief") == "Newsletter"
        assert translation.ngettext("%(n)s signaal", "%(n)s signalen", 2) == "%(n)s signals"
    with translation.override("nl-be"):
        assert translation.gettext("Nieuwsbrief") == "Nieuwsbrief"


BROKEN = r"""
msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: a.py:1
#, fuzzy, python-format
#| msgid "oud"
msgid "Welkom %(name)s"
msgstr "Welcome %(name)s"

msgid "leeg"
msgstr ""

#, python-format
msgid "Hallo %(name)s, "
"je hebt <a href=\"%(url)s\">een bericht</a>."
msgstr "Hello %(naam)s, you have <a>a message."

msgid "%(n)s veld"
msgid_plural "%(n)s velden"
msgstr[0] "One field"
msgstr[1] ""

msgctxt "maand"
msgid "mei"
msgstr "May"

#~ msgid "weg"
#~ msgstr ""
"""


def test_checks_find_fuzzy_untranslated_and_broken_placeholders() -> None:
    entries = parse_po(BROKEN)
    assert [e.msgid for e in entries][1:] == [
        "Welkom %(name)s",
        "leeg",
        'Hallo %(name)s, je hebt <a href="%(url)s">een bericht</a>.',
        "%(n)s veld",
        "mei",
        "weg",
    ]
    assert entries[5].msgctxt == "maand" and entries[6].obsolete
    problems = untranslated_or_fuzzy(entries)
    assert problems == [
        "fuzzy, line 9: 'Welkom %(name)s'",
        "untranslated, line 12: 'leeg'",
        "untranslated, line 20: '%(n)s veld'",
    ]
    mismatches = placeholder_mismatches(entries)
    assert len(mismatches) == 1 and "%(naam)s" in mismatches[0] and "%(url)s" in mismatches[0]


def test_placeholders_ignore_literal_percent_and_angle_words() -> None:
    assert placeholders("Samen %(n)s%% van onze tijd.") == ["%(n)s"]
    assert placeholders("Leeg: 'Acties <jaar>'.") == []
    assert placeholders("{day} om %s, <br> en <strong>") == ["%s", "<br>", "<strong>", "{day}"]
