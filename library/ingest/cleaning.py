"""Cleaning and splitting of scraped article text: every rule lives here.

The raw decoded text is always kept as it was (articles.raw); these rules only make the
text the reader shows. They never touch letters: tatweel and diacritics stay (search
folds them, the reader can hide diacritics), so nothing a user quotes is altered.

Rules, in the order they run:
1. `normalise_newlines`: CRLF, CR, NEL, LS and PS become "\\n"; a leading BOM goes.
2. `normalise_spaces`: runs of spaces, tabs and Unicode spaces (NBSP, thin…) become one
   space; spaces at line ends go; C0/C1 control characters other than newline go;
   the text is put in NFC so the same words always hash the same.
3. `split_articles`: a scraped file may hold several articles, each announced by a
   "TT" marker line (the title printed before and after it). Each becomes one article.
4. Header clean-up per article: repeated title lines and "TT" lines are dropped; a line
   printed twice in a row in the header is a photo caption, kept once as a caption.
5. `split_glued_sentences`: a full stop, question or exclamation mark glued to the next
   word (`الطرفين.ووقّع`) gets a paragraph break, because scrapers drop the break between
   <p> elements. Only between two Arabic words of 2+ letters, so `أ.ف.ب` and `3.5` stay.
6. Paragraphs are one per line; blank lines go.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

_NEWLINES = re.compile(r"\r\n|\r|\u0085|\u2028|\u2029")
_OTHER_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f"
_SPACES = re.compile(f"[ {_OTHER_SPACES}]+")
_ODD_SPACE = re.compile(f"[{_OTHER_SPACES}]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_MARKER = "TT"
_MAX_TITLE = 200

# Arabic letters, with the combining marks that may follow them inside a word.
_AR = "\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
# Candidates only: a stop mark followed at once by an Arabic letter (maybe after an
# opening quote). The word-length checks run in Python on these few places, because a
# regex that checks them itself backtracks at every position of every article.
_GLUED = re.compile(rf"[.!؟?](?=[«\"(]?[{_AR}])")
_LETTER = re.compile(rf"[{_AR}0-9٠-٩]")
_MARK_OR_CLOSE = frozenset(
    [chr(c) for c in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0640, 0x0670)]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + list('»")')
)


def _letters_before(text: str, pos: int, wanted: int) -> bool:
    """At least `wanted` letters (diacritics and a closing quote skipped) end at `pos`."""
    found = 0
    while pos > 0 and found < wanted:
        pos -= 1
        ch = text[pos]
        if _LETTER.match(ch):
            found += 1
        elif ch not in _MARK_OR_CLOSE:
            break
    return found >= wanted


def _letters_after(text: str, pos: int, wanted: int) -> bool:
    found = 0
    if pos < len(text) and text[pos] in '«"(':
        pos += 1
    while pos < len(text) and found < wanted:
        ch = text[pos]
        if _LETTER.match(ch) and not ch.isdigit():
            found += 1
        elif ch not in _MARK_OR_CLOSE:
            break
        pos += 1
    return found >= wanted


def normalise_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _NEWLINES.sub("\n", text)
    return text


def normalise_spaces(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _CONTROLS.sub("", text)
    # Matching every single space (most of the text) is slow; most articles need nothing.
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def split_glued_sentences(text: str) -> str:
    def cut(m: re.Match[str]) -> str:
        if _letters_before(text, m.start(), 2) and _letters_after(text, m.end(), 2):
            return m.group() + "\n"
        return m.group()

    return _GLUED.sub(cut, text)


def paragraphs(text: str) -> list[str]:
    return [line for line in (part.strip() for part in text.split("\n")) if line]


def clean_text(text: str) -> str:
    """Rules 1, 2, 5 and 6 on free text (a body from JSON/CSV/HTML, a title)."""
    text = normalise_spaces(normalise_newlines(text))
    return "\n".join(paragraphs(split_glued_sentences(text)))


def clean_title(text: str) -> str:
    return " ".join(normalise_spaces(normalise_newlines(text)).split())


@dataclass
class Segment:
    """One article found in a text file, before it is stored."""

    title: str
    body: str
    captions: list[str] = field(default_factory=list)
    raw: str = ""


def _marker_starts(lines: list[str]) -> list[int]:
    """Line index where each "TT"-announced article starts (its first title line)."""
    markers = [i for i, line in enumerate(lines) if line == _MARKER]
    starts: list[int] = []
    floor = 0
    for m in markers:
        title = next((line for line in lines[m + 1 :] if line and line != _MARKER), None)
        start = m
        if title is not None:
            for j in range(floor, m):
                if lines[j] == title:
                    start = j
                    break
        starts.append(start)
        floor = m + 1
    return starts


def _segment(lines: list[str], raw: str) -> Segment | None:
    """Rule 4: title, captions and body of the lines of one article."""
    content = [line for line in lines if line]
    if not content:
        return None
    title = content[0] if content[0] != _MARKER else (content[1] if len(content) > 1 else "")
    if len(title) > _MAX_TITLE:
        # No title line: the file starts with its text. Name it by its first words and
        # keep all of it as the body.
        text = "\n".join(paragraphs(split_glued_sentences("\n".join(content))))
        return Segment(title=" ".join(title.split()[:12]) + "…", body=text, raw=raw)
    captions: list[str] = []
    body: list[str] = []
    seen_header: set[str] = set()
    in_header = True
    previous = None
    for line in content:
        if in_header:
            if line in (title, _MARKER):
                previous = line
                continue
            if line == previous or line in seen_header:
                if line not in captions:
                    captions.append(line)
                continue
            # A line is header material until the body starts: one that is printed
            # again right after it is a caption, so look one line ahead.
            idx = content.index(line)
            follower = content[idx + 1] if idx + 1 < len(content) else None
            if follower == line:
                seen_header.add(line)
                previous = line
                continue
            in_header = False
        body.append(line)
    text = "\n".join(paragraphs(split_glued_sentences("\n".join(body))))
    return Segment(title=title, body=text, captions=captions, raw=raw)


def split_articles(text: str) -> list[Segment]:
    """Rules 1–6 on a whole text file: one Segment per article found in it."""
    raw_lines = normalise_newlines(text).split("\n")
    lines = normalise_spaces("\n".join(raw_lines)).split("\n")
    starts = _marker_starts(lines) if _MARKER in lines else []
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    bounds = [*starts, len(lines)]
    segments = []
    for a, b in itertools.pairwise(bounds):
        seg = _segment(lines[a:b], "\n".join(raw_lines[a:b]).strip("\n"))
        if seg is not None and (seg.body or seg.captions):
            segments.append(seg)
        elif seg is not None and segments:
            # A title-only fragment (no body) is stray header text; keep it with the
            # article before rather than inventing an empty article.
            continue
    return segments
