"""The allow-list HTML cleaner of the newsletter's free-text blocks, on nh3 (the Rust `ammonia` sanitizer).

Only a handful of tags survive, without attributes except `href` on links (http, https or mailto,
absolute) and `src`/`alt` on images (http/https, or the edition's own uploads under /media/).
Everything else is dropped: scripts, styles and other active content WITH their content, event
handlers, `javascript:`/`data:` URLs, comments. Text keeps its characters, escaped. Plain text (no
tag, comment or entity) becomes paragraphs, a single line break a `<br>`; cleaning a cleaned text
again changes nothing (an edited block is saved through here again).

nh3 parses like a browser (html5ever), so malformed markup cannot smuggle a tag past it the way it
can past a hand-written parser; its output is well-formed and cleaning it again changes nothing.
"""

from __future__ import annotations

import re
from html import escape

import nh3

from zorgraad.core.text import strip_control_characters

ALLOWED = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "img"}
DROP_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep only absolute http(s)/mailto links and http(s) or /media/ images (no relative tricks)."""
    low = "".join(value.lower().split())
    if tag == "a" and attribute == "href":
        return value.strip() if low.startswith(SAFE_SCHEMES) else None
    if tag == "img" and attribute == "src":
        return value.strip() if low.startswith(("http://", "https://", "/media/")) else None
    return value


def clean_html(text: str) -> str:
    """`text` with only the allowed tags and attributes; plain text gets paragraphs."""
    text = strip_control_characters(text or "")  # forms refuse them; an import or the API may not
    if not _MARKUP.search(text):  # no tag and no entity: plain text, typed as it should read
        return _paragraphs(text)
    cleaned = nh3.clean(
        text,
        tags=ALLOWED,
        clean_content_tags=DROP_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
        link_rel="noopener noreferrer",
    )
    if "<img" in cleaned:
        # An image whose source was refused is of no use: drop the tag. nh3's output quotes every
        # attribute value with " and escapes " inside it, so this pattern reads its tags exactly.
        cleaned = _IMG.sub(lambda m: m[0] if ' src="' in m[0] else "", cleaned)
    if not _MARKUP.search(cleaned):  # nothing of the markup was kept: read the rest as plain text
        return _paragraphs(cleaned)
    return cleaned


def _paragraphs(text: str) -> str:
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + escape(p, quote=False).replace("\n", "<br>") + "</p>" for p in paragraphs)


# A tag, comment or entity: text that is (or was, once cleaned) HTML. Anything else is plain text, so
# "a < b" stays readable and a cleaned text saved again is not escaped twice.
_MARKUP = re.compile(r"<[a-zA-Z!/?]|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
_IMG = re.compile(r'<img(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"]*")*\s*/?>')
