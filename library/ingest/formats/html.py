"""An HTML page saved from a news site: its title and main text, without the chrome.

The main text is what sits in <article>, else <main>, else <body>; script, style,
navigation, header, footer, asides and forms are dropped wherever they are. Figure
captions become the article's captions. Built on the standard library's tolerant
parser, so broken markup degrades to text instead of failing.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from library.ingest import cleaning
from library.ingest.decoding import decode_bytes
from library.ingest.formats.draft import Draft, ReadError

_SKIP = {
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript",
    "iframe", "svg", "template", "button", "select", "textarea", "object", "canvas",
}  # fmt: skip
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "main", "figure", "figcaption", "tr", "table", "pre", "hr", "dd", "dt",
}  # fmt: skip
_VOID = {"br", "img", "meta", "link", "hr", "input", "source", "wbr", "area", "base", "col"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth = 0
        # (region, text) where region is "article", "main" or "body"
        self.chunks: list[tuple[str, str]] = []
        self.captions: list[str] = []
        self.h1: list[str] = []
        self.title_tag: list[str] = []
        self.meta: dict[str, str] = {}
        self._caption: list[str] | None = None
        self._in_h1 = False

    def _region(self) -> str:
        if "article" in self.stack:
            return "article"
        if "main" in self.stack:
            return "main"
        return "body"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
            return
        if tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("canonical", a["href"])
            return
        if tag == "time" and a.get("datetime"):
            self.meta.setdefault("time", a["datetime"])
        if tag in _VOID:
            if tag == "br" and not self.skip_depth:
                self._emit("\n")
            return
        self.stack.append(tag)
        if tag in _SKIP or a.get("role") in ("navigation", "banner", "contentinfo"):
            self.skip_depth += 1
            self.stack[-1] = f"skip:{tag}"
        elif tag == "figcaption":
            self._caption = []
        elif tag == "h1":
            self._in_h1 = True
        if tag in _BLOCK:
            self._emit("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # Pop up to the matching open tag; an end tag that matches nothing is ignored.
        for i in range(len(self.stack) - 1, -1, -1):
            open_tag = self.stack[i]
            if open_tag in (tag, f"skip:{tag}"):
                for closed in self.stack[i:]:
                    self._close(closed)
                del self.stack[i:]
                break
        if tag in _BLOCK:
            self._emit("\n")

    def _close(self, tag: str) -> None:
        if tag.startswith("skip:"):
            self.skip_depth -= 1
        elif tag == "figcaption" and self._caption is not None:
            text = cleaning.clean_title("".join(self._caption))
            if text and text not in self.captions:
                self.captions.append(text)
            self._caption = None
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if "title" in self.stack:
            self.title_tag.append(data)
            return
        if self.skip_depth:
            return
        if self._caption is not None:
            self._caption.append(data)
            return
        if self._in_h1:
            self.h1.append(data)
            return
        self._emit(data)

    def _emit(self, text: str) -> None:
        if self.stack and any(t == "title" for t in self.stack):
            return
        self.chunks.append((self._region(), text))


def _charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


def _decode(data: bytes) -> tuple[str, str]:
    declared = _charset(data)
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall back to detection
    decoded = decode_bytes(data)
    return decoded.text, decoded.encoding


def read(data: bytes) -> list[Draft]:
    text, encoding = _decode(data)
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser's own failures on garbage
        raise ReadError(f"unreadable HTML: {exc}") from exc
    regions = {r for r, _ in parser.chunks}
    best = "article" if "article" in regions else "main" if "main" in regions else "body"
    body = cleaning.clean_text("".join(t for r, t in parser.chunks if r == best))
    meta = parser.meta
    title = cleaning.clean_title(
        "".join(parser.h1) or meta.get("og:title", "") or "".join(parser.title_tag)
    )
    if not body:
        raise ReadError("no article text in the HTML page", "no_article")
    if not title:
        title = " ".join(body.split()[:12])
    return [
        Draft(
            title=title,
            body=body,
            raw=text,
            encoding=encoding,
            format="html",
            captions=parser.captions,
            date=meta.get("article:published_time") or meta.get("date") or meta.get("time"),
            url=meta.get("canonical") or meta.get("og:url"),
            site=meta.get("og:site_name") or meta.get("application-name"),
        )
    ]
