"""A small allow-list HTML cleaner for the free-text blocks (no nh3 or bleach in the project).

Only a handful of tags survive, without attributes except `href` on links (http, https or mailto)
and `src`/`alt` on images (http/https, or the edition's own uploads). Everything else is escaped or
dropped: scripts and styles with their content, event handlers, `javascript:` links.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

ALLOWED = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "img"}
VOID = {"br", "img"}
DROP_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


def _safe_url(value: str, *, image: bool = False) -> str | None:
    value = (value or "").strip()
    low = "".join(value.lower().split())
    if image:
        return value if low.startswith(("http://", "https://", "/media/")) else None
    return value if low.startswith(SAFE_SCHEMES) else None


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT:
            self.skipping += 1
            return
        if self.skipping or tag not in ALLOWED:
            return
        kept = ""
        values = {k: v or "" for k, v in attrs}
        if tag == "a":
            href = _safe_url(values.get("href", ""))
            if href:
                kept = f' href="{escape(href)}"'
        elif tag == "img":
            src = _safe_url(values.get("src", ""), image=True)
            if not src:
                return
            kept = f' src="{escape(src)}" alt="{escape(values.get("alt", ""))}"'
        self.out.append(f"<{tag}{kept}>")
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.open and self.open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping or tag not in self.open:
            return
        while self.open:
            current = self.open.pop()
            self.out.append(f"</{current}>")
            if current == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        return "".join(self.out)


def clean_html(text: str) -> str:
    """`text` with only the allowed tags and attributes; plain text gets paragraphs."""
    text = text or ""
    if "<" not in text:
        paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
        return "".join("<p>" + escape(p, quote=False).replace("\n", "<br>") + "</p>" for p in paragraphs)
    cleaner = _Cleaner()
    cleaner.feed(text)
    cleaner.close()
    return cleaner.result()
