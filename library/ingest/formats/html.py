"""An HTML page saved from a news site: its title and main text, without the chrome.

The main text is what sits in <article>, else <main>, else <body>; script, style,
navigation, header, footer, asides and forms are dropped wherever they are. Figure
captions become the article's captions. Built on the standard library's tolerant
parser, so broken markup degrades to text instead of failing.
"""

from __future__ import annotations

import re
from collections import Counter
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
_MS_SECTION = re.compile(r"<!\[(?:if|else|endif)(?![-_.a-zA-Z0-9])", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # The open elements, outermost first, as (tag, skipped). Pages nest tens of
        # thousands deep (or never close their tags), so nothing here walks the stack:
        # `_open` counts the open (tag, skipped) pairs and `_at` lists each tag's
        # positions in the stack, and every element is pushed and popped once.
        self.stack: list[tuple[str, bool]] = []
        self._open: Counter[tuple[str, bool]] = Counter()
        self._at: dict[str, list[int]] = {}
        self.skip_depth = 0
        # (region, text) where region is "article", "main" or "body"
        self.chunks: list[tuple[str, str]] = []
        self.captions: list[str] = []
        self.h1: list[str] = []
        self.title_tag: list[str] = []
        self.meta: dict[str, str] = {}
        self._caption: list[str] | None = None
        self._in_h1 = False
        # (the parser's buffer, a position in it) per kind of construct: one that starts
        # there does not end (see `parse_comment`).
        self._never_ends: dict[str, tuple[str, int]] = {}

    # The standard library's parser (3.11.7's, at least) searches to the end of the page
    # for the end of every comment (`-->`) and marked section (`]]>`) that does not end,
    # so a page of `<!-- … >` pieces took quadratic time. If none ends after one start,
    # none ends after any later start either: remember the first such start and answer
    # the later ones at once, exactly as the search would.
    def _known_not_to_end(self, kind: str, i: int) -> bool:
        known = self._never_ends.get(kind)
        return known is not None and known[0] is self.rawdata and i >= known[1]

    def _remember(self, kind: str, i: int, end: int) -> int:
        if end < 0:
            self._never_ends[kind] = (self.rawdata, i)
        return end

    def parse_comment(self, i: int, report: bool = True) -> int:
        if self._known_not_to_end("comment", i):
            return -1
        return self._remember("comment", i, super().parse_comment(i, report))

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # `<![if …]>` ends at `]>`, `<![CDATA[…` at `]]>`.
        kind = "ms-section" if _MS_SECTION.match(self.rawdata, i) else "section"
        if self._known_not_to_end(kind, i):
            return -1
        return self._remember(kind, i, super().parse_marked_section(i, report))

    def _region(self) -> str:
        if self._open["article", False]:
            return "article"
        if self._open["main", False]:
            return "main"
        return "body"

    def _in_title(self) -> bool:
        return self._open["title", False] > 0

    def _push(self, tag: str, skipped: bool) -> None:
        self._at.setdefault(tag, []).append(len(self.stack))
        self.stack.append((tag, skipped))
        self._open[tag, skipped] += 1

    def _pop_to(self, i: int) -> None:
        """Close the elements from position `i` of the stack up, innermost last."""
        closed = self.stack[i:]
        del self.stack[i:]
        for tag, skipped in closed:
            self._at[tag].pop()
            self._open[tag, skipped] -= 1
            self._close(tag, skipped)

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
        skipped = tag in _SKIP or a.get("role") in ("navigation", "banner", "contentinfo")
        self._push(tag, skipped)
        if skipped:
            self.skip_depth += 1
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
        positions = self._at.get(tag)
        if positions:
            self._pop_to(positions[-1])
        if tag in _BLOCK:
            self._emit("\n")

    def _close(self, tag: str, skipped: bool) -> None:
        if skipped:
            self.skip_depth -= 1
        elif tag == "figcaption" and self._caption is not None:
            text = cleaning.clean_title("".join(self._caption))
            if text and text not in self.captions:
                self.captions.append(text)
            self._caption = None
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_title():
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
        if self._in_title():
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


def _defuse(text: str) -> str:
    """`text` with `&lt;` for each `<` after its last `>`.

    No tag, comment or declaration can end there, so the parser reads all of it as text
    (and turns `&lt;` back into `<`); but the standard library's parser (3.11.7's, at
    least) searches to the end of the page again for each of them: 10,000 `<a ` with no
    `>` after them took 17 s, 20,000 over a minute."""
    tail_start = text.rfind(">") + 1
    if "<" not in text[tail_start:]:
        return text
    return text[:tail_start] + text[tail_start:].replace("<", "&lt;")


def read(data: bytes) -> list[Draft]:
    text, encoding = _decode(data)
    return read_text(text, encoding)


def read_text(text: str, encoding: str) -> list[Draft]:
    """`read` on a page already decoded (re-cleaning an article from its raw text)."""
    parser = _PageParser()
    try:
        parser.feed(_defuse(text))
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
