"""The header of a meeting document: the body its title names, venue and address, a default end hour."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ..common import Field, fold, split_parts, unsure
from .model import BodyInfo
from .patterns import ADDRESS_RE, TITLE_PREFIX_RE, URL_RE


def _match_body(title: str, bodies: Sequence[BodyInfo]) -> tuple[BodyInfo | None, str]:
    name = TITLE_PREFIX_RE.sub("", title).strip(" -–:")
    name = re.sub(
        r"\s*[-–—:]\s*(?:ontwerp)?(?:verslag|notulen|agenda|uitnodiging)\b.*$", "", name, flags=re.IGNORECASE
    )
    words = set(re.findall(r"\w+", fold(name)))
    best: tuple[int, BodyInfo | None] = (0, None)
    for body in bodies:
        for candidate in (body.name, body.short_name):
            tokens = [t for t in re.findall(r"\w+", fold(candidate)) if len(t) > 2]
            if tokens and all(t in words for t in tokens) and len(tokens) > best[0]:
                best = (len(tokens), body)
    return best[1], name


def _split_venue(text: str) -> tuple[str, str, str]:
    """'Residentie Ter Linde – Gasthuisstraat 17b – 1785 Merchtem' -> (venue, address, online url)."""
    url = ""
    m = URL_RE.search(text)
    if m:
        url = m.group(0).rstrip(").,;")
        text = (text[: m.start()] + text[m.end() :]).strip(" -–:")
    parts = split_parts(text)
    if len(parts) == 1 and "," in text:
        parts = [p.strip() for p in text.split(",") if p.strip()]
    venue_parts = [p for p in parts if not ADDRESS_RE.search(p)]
    address_parts = [p for p in parts if ADDRESS_RE.search(p)]
    venue = " – ".join(venue_parts) if venue_parts else ""
    if not venue and address_parts:
        venue = address_parts[0]
        address_parts = address_parts[1:] if len(address_parts) > 1 else address_parts
    if not venue and url:
        venue = "Online"
    return venue, ", ".join(address_parts), url


def _default_end(start: dt.time, body: BodyInfo | None) -> Field:
    if body and body.default_end and body.default_end > start:
        return unsure(body.default_end, f"geen einduur in het document; standaard einduur van {body.name}")
    end = (dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(hours=2)).time()
    if end < start:
        end = dt.time(23, 59)
    return unsure(end, "geen einduur in het document; twee uur na het begin aangenomen")
