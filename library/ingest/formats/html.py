"""An HTML page saved from a news site: its title, main text and metadata, without the
chrome.

The main text and most metadata (title, authors, publication date, publisher, section,
URL) come from trafilatura (`extract_main`, favouring precision, without comments, with
tables), which scored a body F1 of 0.98 against 0.72 for our own parser on
bench/extract_eval's pages. Our rules add what it lacks: the lines of its text that are
the headline or a photo caption are dropped; figure captions (<figcaption>) are the
article's captions; the modified date comes from JSON-LD `dateModified` or
`article:modified_time`; the language from <html lang>, else "ar" when most letters are
Arabic; a date written in Arabic words where it found none.

Our own parser (`_PageParser`, the standard library's tolerant one, linear on
pathological pages) reads the captions, meta tags and JSON-LD of every page, and the
main text when trafilatura finds none, fails, or the page is huge: the text of
<article>, else <main>, else <body>, without script, style, navigation, header, footer,
asides and forms. Broken markup degrades to text instead of failing.
"""

from __future__ import annotations

import configparser
import json
import logging
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
_MAX_JSON_LD = 20  # blocks kept per page
_MAX_JSON_LD_CHARS = 2**20
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
        self.lang: str | None = None
        self.json_ld: list[str] = []
        self._json_ld: list[str] | None = None
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
        if tag == "html" and a.get("lang") and self.lang is None:
            self.lang = a["lang"]
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self._json_ld = []
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
        if tag == "script" and self._json_ld is not None:
            if len(self.json_ld) < _MAX_JSON_LD:
                self.json_ld.append("".join(self._json_ld))
            self._json_ld = None
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
        if self._json_ld is not None:
            if sum(map(len, self._json_ld)) < _MAX_JSON_LD_CHARS:
                self._json_ld.append(data)
            return
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


def _is_utf8(data: bytes) -> bool:
    """Non-ASCII bytes that are valid UTF-8: a page saved as UTF-8 that still declares
    the code page it once had (a legacy code page's Arabic is never valid UTF-8)."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The page as text and the encoding used: the one declared (by the HTTP header that
    came with it, else by its <meta>), else the one detected."""
    declared = (declared or _charset(data) or "").strip().strip("\"'").lower() or None
    if declared and declared not in ("utf-8", "utf8") and not _is_utf8(data):
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


# ---------------------------------------------------------------- the main extractor

# Pages longer than this are read by our parser alone: trafilatura builds a whole lxml
# tree (several times the page in memory) and its heuristics are not linear on garbage.
TRAFILATURA_MAX_CHARS = 4 * 2**20
# Below this many words, trafilatura's text is a remnant its precision rules left of a
# page too short for them (they drop short blocks): our parser's text is used if longer.
MIN_THEIR_WORDS = 30
_extractor: dict[str, tuple] = {}


def _trafilatura() -> tuple | None:
    """(bare_extraction, its options), imported on first use: importing trafilatura
    costs about 0.15 s, which only an import of HTML pays. None when it is not
    installed."""
    if "x" not in _extractor:
        try:
            from trafilatura import bare_extraction
            from trafilatura.settings import Extractor, use_config
        except ImportError:  # pragma: no cover - a dependency; our parser still works
            _extractor["x"] = ()
            return None
        config = use_config()
        # Its "rescue" for short texts glues every paragraph of a short article into
        # one line; a short text found where the article is is the article.
        config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
        config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # a signal: main thread only
        for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
            # Its warnings ("discarding data") are not ours to print on a terminal.
            logging.getLogger(name).addHandler(logging.NullHandler())
        # Made once: built per call from the arguments, the options read the config
        # again for every page (4% of a small page's time, bench/million_bench.py
        # --warc). trafilatura never changes them while it reads a page.
        try:
            options = Extractor(
                config=config,
                output_format="python",
                precision=True,
                # Its comparison with a second extractor (readability) took a quarter of
                # the time of a page and changed nothing on bench/extract_eval (body F1
                # 0.978 either way, the same metadata): 4.1 against 6.5 ms a page.
                fast=True,
                comments=False,
                tables=True,
            )
        except (configparser.Error, ValueError) as exc:
            # Its settings.cfg missing or unreadable (a bundle built without it): our
            # parser reads every page, and the bundle's self-check says why.
            _extractor["problem"] = f"trafilatura's settings cannot be read: {exc}"
            logging.getLogger(__name__).warning(_extractor["problem"])
            _extractor["x"] = ()
            return None
        _extractor["x"] = (bare_extraction, options)
    return _extractor["x"] or None


def extractor_problem() -> str | None:
    """Why trafilatura cannot read pages here, if it cannot (after its first use)."""
    return _extractor.get("problem")


def extract_main(text: str) -> dict | None:
    """trafilatura's reading of a page (text, title, author, date, sitename,
    categories, url), or None when it finds nothing or fails on the page."""
    extractor = _trafilatura()
    if extractor is None or len(text) > TRAFILATURA_MAX_CHARS:
        return None
    bare_extraction, options = extractor
    try:
        found = bare_extraction(text, options=options)
    except Exception:  # a third party's bug on one page: our parser reads it
        return None
    if not isinstance(found, dict) or not (found.get("text") or "").strip():
        return None
    return found


# ---------------------------------------------------------------- metadata rules

_SPACES = re.compile(r"\s+")
_ARTICLE_TYPES = ("article", "blogposting", "liveblogposting", "report")


def _same(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _json_ld_items(doc: object) -> list[dict]:
    """The objects of a JSON-LD block: the block, its list, its @graph (one level)."""
    items = doc if isinstance(doc, list) else [doc]
    out: list[dict] = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            graph = item.get("@graph")
            if isinstance(graph, list):
                out.extend(g for g in graph if isinstance(g, dict))
    return out


def _json_ld_article(blocks: list[str]) -> dict:
    """The page's JSON-LD article object (NewsArticle, BlogPosting…), or {}."""
    for block in blocks:
        try:
            doc = json.loads(block)
        except (ValueError, RecursionError):
            continue
        for item in _json_ld_items(doc):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(str(k).lower().endswith(_ARTICLE_TYPES) for k in kinds):
                return item
    return {}


def _ld_text(value: object) -> str | None:
    """A JSON-LD value as text: a string, a number, or an object's name/value."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("value") or value.get("@id")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = _same(str(value))
        return text or None
    return None


def _ld_names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = [_ld_text(v) for v in items]
    return [n for n in names if n and not n.startswith(("http://", "https://"))]


def _split_authors(value: str | None) -> list[str]:
    parts = [_same(a) for a in re.split(r"[;|]", value or "")]
    return list(dict.fromkeys(a for a in parts if a and not a.startswith(("http://", "https://"))))


def _first(*values: object) -> str | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            return _same(value)
    return None


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LETTER = re.compile(r"[^\W\d_]")


def language_of(lang_attribute: str | None, text: str) -> str | None:
    """The page's language: its <html lang> (as a BCP 47 tag), else "ar" when most of
    the letters of `text` are Arabic, else None."""
    tag = (lang_attribute or "").strip().replace("_", "-")
    if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", tag):
        primary, *rest = tag.split("-")
        return "-".join([primary.lower(), *rest])
    sample = text[:20_000]
    letters = len(_LETTER.findall(sample))
    return "ar" if letters and len(_ARABIC.findall(sample)) * 2 > letters else None


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_MONTHS = {
    name: number
    for names in (
        "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
        "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني "
        "كانون_الأول",
        "جانفي فيفري مارس أفريل ماي جوان جويلية أوت سبتمبر أكتوبر نوفمبر ديسمبر",
    )
    for number, name in enumerate((n.replace("_", " ") for n in names.split()), 1)
}
_DATE_IN_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})(?!\d)")


def date_in_words(text: str) -> str | None:
    """The first date written "12 مارس 2024" (Egyptian, Levantine or Maghrebi month
    names, Arabic or Western digits) in `text`, as YYYY-MM-DD."""
    m = _DATE_IN_WORDS.search(text.translate(_DIGITS))
    if not m or not 1 <= int(m.group(1)) <= 31:
        return None
    return f"{m.group(3)}-{_MONTHS[m.group(2)]:02d}-{int(m.group(1)):02d}"


_UPDATED = re.compile(r"(?:آخر تحديث|تم التحديث|تحديث|حُدّث|حدث في|عُدّل|تعديل)\s*[:：]?\s*")
_BYLINE = re.compile(
    r"^\s*(?:بقلم|كتب|كتبت|كتبه|كتبتها|إعداد|تحرير)\s*[:：]?\s+(\S+(?:\s+\S+){1,4})\s*$"
)


def modified_in_words(text: str) -> str | None:
    """A date in words right after "آخر تحديث:" (last updated) and its variants."""
    for m in _UPDATED.finditer(text):
        found = date_in_words(text[m.end() : m.end() + 40])
        if found:
            return found
    return None


def byline(text: str) -> list[str]:
    """The name in a short line (or a part of one between `|`) "بقلم …", "كتبت: …"."""
    for line in text.split("\n"):
        if len(line) > 200:
            continue
        for part in re.split(r"[|•·]", line):
            m = _BYLINE.match(part)
            if m:
                return [_same(m.group(1))]
    return []


# ---------------------------------------------------------------- reading


def read(data: bytes, charset: str | None = None) -> list[Draft]:
    """The article of a page's bytes; `charset` is the one its HTTP header declared."""
    text, encoding = _decode(data, charset)
    return read_text(text, encoding)


def _parse(text: str) -> _PageParser:
    parser = _PageParser()
    try:
        parser.feed(_defuse(text))
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser's own failures on garbage
        raise ReadError(f"unreadable HTML: {exc}") from exc
    return parser


def _our_body(parser: _PageParser) -> str:
    regions = {r for r, _ in parser.chunks}
    best = "article" if "article" in regions else "main" if "main" in regions else "body"
    return cleaning.clean_text("".join(t for r, t in parser.chunks if r == best))


def fragment_text(fragment: str) -> str:
    """The cleaned text of a piece of HTML that is all article (a record's body field),
    by our parser alone: nothing in it is chrome to be found and dropped."""
    return _our_body(_parse(f"<article>{fragment}</article>"))


def _their_body(found: dict, not_body: set[str]) -> str:
    """trafilatura's text, cleaned, without the lines that are the headline or a caption
    (it keeps the <h1> and the <figcaption>s of the article in its text)."""
    lines = cleaning.clean_text(found.get("text") or "").split("\n")
    return "\n".join(line for line in lines if _same(line) not in not_body).strip()


def read_text(text: str, encoding: str) -> list[Draft]:
    """`read` on a page already decoded (re-cleaning an article from its raw text).

    The main text and most metadata come from trafilatura; our own parser finds the
    captions (<figcaption>), the <h1>, the meta tags, <html lang> and the JSON-LD, and
    is the whole reader when trafilatura finds nothing."""
    parser = _parse(text)
    meta = parser.meta
    ld = _json_ld_article(parser.json_ld)
    found = extract_main(_defuse(text)) or {}
    h1 = cleaning.clean_title("".join(parser.h1))
    ours_title = cleaning.clean_title(h1 or meta.get("og:title", "") or "".join(parser.title_tag))
    title = cleaning.clean_title(found.get("title") or "") or ours_title
    body = ""
    if found:
        body = _their_body(found, {_same(t) for t in (title, h1, *parser.captions) if t})
    if len(body.split()) < MIN_THEIR_WORDS:
        ours = _our_body(parser)
        body = ours if len(ours.split()) > len(body.split()) else body
    if not body:
        raise ReadError("no article text in the HTML page", "no_article")
    if not title:
        title = " ".join(body.split()[:12])
    published = _first(
        meta.get("article:published_time"),
        _ld_text(ld.get("datePublished")),
        found.get("date"),
        meta.get("date"),
        meta.get("time"),
    )
    # the page's visible text: the datelines, bylines and "last updated" lines
    shown = "".join(t for _, t in parser.chunks[:5000])[:50_000]
    if published is None or published.endswith("-01-01"):
        # htmldate answers January 1st when it only found a year
        published = date_in_words(shown) or published
    categories = found.get("categories") or []
    return [
        Draft(
            title=title,
            body=body,
            raw=text,
            encoding=encoding,
            format="html",
            captions=parser.captions,
            date=published,
            url=_first(meta.get("canonical"), meta.get("og:url"), found.get("url")),
            site=_first(
                found.get("sitename"),
                meta.get("og:site_name"),
                meta.get("application-name"),
                _ld_text(ld.get("publisher")),
            ),
            authors=_split_authors(found.get("author"))
            or _ld_names(ld.get("author"))
            or _split_authors(_first(meta.get("author"), meta.get("article:author")))
            or byline(shown),
            section=_first(
                *(categories if isinstance(categories, list) else [categories]),
                meta.get("article:section"),
                _ld_text(ld.get("articleSection")),
            ),
            language=language_of(parser.lang or _ld_text(ld.get("inLanguage")), body),
            modified=_first(
                _ld_text(ld.get("dateModified")),
                meta.get("article:modified_time"),
                meta.get("og:updated_time"),
                meta.get("datemodified"),
            )
            or modified_in_words(shown),
            identifier=_first(
                _ld_text(ld.get("identifier")),
                meta.get("dc.identifier"),
                meta.get("dcterms.identifier"),
                meta.get("citation_doi"),
            ),
        )
    ]
