"""A file (bytes + name) as text lines and, for tables and spreadsheets, rows.

.docx through python-docx (paragraphs and tables in document order; Word's automatic numbering is
written out as '1.' so numbered agenda items survive), .pdf through poppler's `pdftotext`
(bounded in time and pages), .txt, .csv and .xlsx (openpyxl, read-only). Every failure is an
ExtractError with a Dutch message for the user; nothing here raises anything else.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 300
MAX_ROWS = 5000
MAX_CHARS = 2_000_000
PDF_TIMEOUT = 20
EXTENSIONS = (".docx", ".pdf", ".txt", ".csv", ".xlsx")


class ExtractError(Exception):
    """A file that cannot be read, with the reason in Dutch."""


@dataclass
class Extracted:
    text: str
    rows: list[list[str]] = field(default_factory=list)  # tables (docx) or the sheet (csv/xlsx)
    suffix: str = ""
    pages: int = 0


def extract(name: str, data: bytes) -> Extracted:
    suffix = Path(name or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise ExtractError(
            "Dit bestandstype wordt niet ondersteund. Kies een .docx, .pdf of .txt (voor contacten ook .csv of .xlsx)."
        )
    if not data:
        raise ExtractError("Het bestand is leeg.")
    if len(data) > MAX_BYTES:
        raise ExtractError("Het bestand is te groot (meer dan 10 MB).")
    try:
        if suffix == ".docx":
            result = _docx(data)
        elif suffix == ".pdf":
            result = _pdf(data)
        elif suffix == ".txt":
            result = Extracted(_decode(data))
        elif suffix == ".csv":
            result = _csv(data)
        else:
            result = _xlsx(data)
    except ExtractError:
        raise
    except Exception as exc:  # noqa: BLE001 - any library failure is a file we cannot read
        raise ExtractError(
            f"Het bestand kan niet gelezen worden: het is beschadigd of geen echt {suffix}-bestand."
        ) from exc
    result.suffix = suffix
    if "\x00" in result.text or any("\x00" in c for r in result.rows for c in r):
        # PostgreSQL text and jsonb cannot hold a NUL; it never means anything in a document
        result.text = result.text.replace("\x00", "")
        result.rows = [[c.replace("\x00", "") for c in r] for r in result.rows]
    if len(result.text) > MAX_CHARS:
        result.text = result.text[:MAX_CHARS]
    if not result.text.strip() and not result.rows:
        if suffix == ".pdf":
            raise ExtractError(
                "Deze PDF heeft geen tekstlaag (enkel afbeeldingen, bv. een scan). "
                "Exporteer het document opnieuw als PDF vanuit Word, of laad het .docx-bestand op."
            )
        raise ExtractError("Het bestand bevat geen tekst.")
    return result


def _decode(data: bytes) -> str:
    """UTF-16 (Excel's 'Unicode text'), UTF-8 with or without a BOM, else Windows-1252 (Excel in Belgium)."""
    sample = data[:4096]
    utf16 = None
    if sample[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        utf16 = "utf-16"
    elif sample[1::2].count(0) > len(sample) // 4:
        utf16 = "utf-16-le"  # ASCII text as UTF-16 without a BOM: every other byte is NUL
    elif sample[0::2].count(0) > len(sample) // 4:
        utf16 = "utf-16-be"
    elif sum(1 for b in sample if b < 32 and b not in b"\t\n\r\x0b\x0c") > max(2, len(sample) // 50):
        raise ExtractError("Dit is geen tekstbestand.")  # a binary file: more than a stray control byte
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError as exc:
            raise ExtractError("Dit is geen tekstbestand.") from exc
    # A stray NUL byte is dropped by extract(), other control characters by the parsers.
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# --- docx -----------------------------------------------------------------------------------------


def _docx(data: bytes) -> Extracted:
    from docx import Document
    from docx.oxml.ns import qn

    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise ExtractError(
                "Dit Word-bestand is versleuteld met een wachtwoord of in het oude .doc-formaat. "
                "Verwijder het wachtwoord of bewaar het als .docx en probeer opnieuw."
            )
        raise ExtractError(
            "Het bestand kan niet gelezen worden: het is beschadigd of geen echt .docx-bestand."
        )
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        total = sum(i.file_size for i in zf.infolist())
        if total > 100 * 1024 * 1024:
            raise ExtractError("Het bestand is uitgepakt te groot om te verwerken.")
    doc = Document(io.BytesIO(data))
    formats = _numbering_formats(doc)
    formats.update(_style_numbering(doc))
    counters: dict[tuple[str, int], int] = {}
    lines: list[str] = []
    rows: list[list[str]] = []
    body = doc.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.extend(_paragraph_text(child, formats, counters).split("\n"))
            lines.append("")
        elif child.tag == qn("w:tbl"):
            for tr in child.iter(qn("w:tr")):
                cells = []
                for tc in tr.iter(qn("w:tc")):
                    parts = [_paragraph_text(p, formats, counters) for p in tc.iter(qn("w:p"))]
                    cells.append("\n".join(p for p in parts if p).strip())
                # Merged cells repeat: keep each value once per row.
                dedup: list[str] = []
                for c in cells:
                    if not dedup or c != dedup[-1]:
                        dedup.append(c)
                rows.append(dedup)
                if any(dedup):
                    lines.append(" | ".join(c.replace("\n", " ") for c in dedup if c))
            lines.append("")
        if len(lines) > 200_000:
            break
    return Extracted("\n".join(lines), rows)


def _numbering_formats(doc: object) -> dict[tuple[str, int], str]:
    """(numId, level) -> numFmt ('decimal', 'bullet', 'lowerLetter'...) from the numbering part."""
    from docx.oxml.ns import qn

    out: dict[tuple[str, int], str] = {}
    try:
        numbering = doc.part.numbering_part.element  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a document without numbering
        return out
    abstract: dict[str, dict[int, str]] = {}
    for an in numbering.iter(qn("w:abstractNum")):
        levels: dict[int, str] = {}
        for lvl in an.iter(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            levels[int(lvl.get(qn("w:ilvl")) or 0)] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        abstract[an.get(qn("w:abstractNumId")) or ""] = levels
    for num in numbering.iter(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is None:
            continue
        for level, fmt in abstract.get(ref.get(qn("w:val")) or "", {}).items():
            out[(num.get(qn("w:numId")) or "", level)] = fmt
    return out


def _style_numbering(doc: object) -> dict[tuple[str, int], str]:
    """Paragraph styles that number ('List Number'): ('style:<id>', 0) -> 'numId:level'."""
    from docx.oxml.ns import qn

    out: dict[tuple[str, int], str] = {}
    try:
        styles = doc.styles.element  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001
        return out
    for st in styles.iter(qn("w:style")):
        ppr = st.find(qn("w:pPr"))
        num = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num is None:
            continue
        num_id = num.find(qn("w:numId"))
        ilvl = num.find(qn("w:ilvl"))
        if num_id is not None:
            level = int(ilvl.get(qn("w:val")) or 0) if ilvl is not None else 0
            out[("style:" + (st.get(qn("w:styleId")) or ""), 0)] = f"{num_id.get(qn('w:val'))}:{level}"
    return out


def _paragraph_text(
    p: object, formats: dict[tuple[str, int], str], counters: dict[tuple[str, int], int]
) -> str:
    from docx.oxml.ns import qn

    parts: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:sym")):  # type: ignore[attr-defined]
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        elif node.tag == qn("w:br"):
            parts.append("\n")
        elif node.tag == qn("w:sym"):
            parts.append("☒" if (node.get(qn("w:char")) or "").upper() in {"F078", "F0FD", "F0FE"} else "☐")
    text = "".join(parts)
    ppr = p.find(qn("w:pPr"))  # type: ignore[attr-defined]
    num = ppr.find(qn("w:numPr")) if ppr is not None else None
    num_id, level = "", 0
    if num is not None:
        num_id_el, ilvl_el = num.find(qn("w:numId")), num.find(qn("w:ilvl"))
        num_id = (num_id_el.get(qn("w:val")) if num_id_el is not None else "") or ""
        level = int(ilvl_el.get(qn("w:val")) or 0) if ilvl_el is not None else 0
    elif ppr is not None and ppr.find(qn("w:pStyle")) is not None:
        by_style = formats.get(("style:" + (ppr.find(qn("w:pStyle")).get(qn("w:val")) or ""), 0))
        if by_style:
            num_id, level = by_style.split(":")[0], int(by_style.split(":")[1])
    if num_id and num_id != "0" and text.strip():
        fmt = formats.get((num_id or "", level), "bullet")
        key = (num_id or "", level)
        counters[key] = counters.get(key, 0) + 1
        # A new item on a level restarts the deeper levels.
        for k in [k for k in counters if k[0] == num_id and k[1] > level]:
            del counters[k]
        n = counters[key]
        if fmt == "decimal":
            text = f"{n}. {text}"
        elif fmt in ("lowerLetter", "upperLetter"):
            letter = chr(ord("a") + (n - 1) % 26)
            text = f"{letter if fmt == 'lowerLetter' else letter.upper()}) {text}"
        elif fmt == "bullet":
            text = f"- {text}"
    return text


# --- pdf ------------------------------------------------------------------------------------------


def _pdf(data: bytes) -> Extracted:
    if not data.startswith(b"%PDF"):
        raise ExtractError("Het bestand kan niet gelezen worden: het is beschadigd of geen echte PDF.")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.pdf"
        path.write_bytes(data)
        try:
            done = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-l", str(MAX_PAGES), str(path), "-"],
                capture_output=True,
                timeout=PDF_TIMEOUT,
                check=False,
            )
        except FileNotFoundError as exc:
            raise ExtractError(
                "PDF-bestanden kunnen op deze server niet gelezen worden (pdftotext ontbreekt)."
            ) from exc
        except subprocess.TimeoutExpired as exc:
            raise ExtractError(
                "Het lezen van deze PDF duurde te lang. Laad een kleiner document op."
            ) from exc
    err = done.stderr.decode("utf-8", "replace").lower()
    if done.returncode != 0:
        if "password" in err or "encrypt" in err:
            raise ExtractError(
                "Deze PDF is beveiligd met een wachtwoord. Verwijder de beveiliging en probeer opnieuw."
            )
        raise ExtractError("Het bestand kan niet gelezen worden: de PDF is beschadigd.")
    text = done.stdout.decode("utf-8", "replace")
    pages = text.count("\f") + 1
    return Extracted(text.replace("\f", "\n"), pages=pages)


# --- spreadsheets ---------------------------------------------------------------------------------


def _csv(data: bytes) -> Extracted:
    text = _decode(data)
    # Excel's hint on the first line ('sep=;') names the separator.
    first, _newline, rest = text.partition("\n")
    hint = re.fullmatch(r"\s*sep=(.)\s*", first)
    if hint:
        delimiter, text = hint.group(1), rest
    else:
        sample = text[:4096]
        try:
            delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
    rows = []
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter)):
            if i >= MAX_ROWS:
                break
            rows.append([c.strip() for c in row])
    except csv.Error as exc:
        # a cell past the reader's limit (131,072 characters)
        raise ExtractError(
            "Een cel in dit CSV-bestand is te lang om in te lezen. Meestal staat er ergens een "
            'aanhalingsteken (") dat niet gesloten wordt, zodat de rest van het bestand één cel wordt. '
            "Verbeter dat in Excel en bewaar het bestand opnieuw als CSV."
        ) from exc
    return Extracted("\n".join(" | ".join(r) for r in rows), rows)


def _xlsx(data: bytes) -> Extracted:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise ExtractError(
                "Dit Excel-bestand is versleuteld met een wachtwoord of in het oude .xls-formaat. "
                "Bewaar het zonder wachtwoord als .xlsx en probeer opnieuw."
            )
        raise ExtractError(
            "Het bestand kan niet gelezen worden: het is beschadigd of geen echt .xlsx-bestand."
        )
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        rows: list[list[str]] = []
        for i, row in enumerate(ws.iter_rows(values_only=True)):
            if i >= MAX_ROWS:
                break
            rows.append(["" if v is None else str(v).strip() for v in row[:50]])
    finally:
        wb.close()
    while rows and not any(rows[-1]):
        rows.pop()
    return Extracted("\n".join(" | ".join(r) for r in rows), rows)
