"""CoNLL IOB2: one token per line with its tag, sentences separated by blank lines.

File layout (UTF-8, `\\n` line ends):

    # doc_id = urn:hashiya:article:<content hash>
    # title = <the article's title>
    قال<TAB>O
    الدكتور<TAB>O
    عادل<TAB>B-PER
    فهمي<TAB>I-PER
    ...
    <blank line between sentences and before the next document>

Each article starts with two comment lines in the CoNLL-U style (`# key = value`; a
comment line starts with `#` and a space, a token line never holds a space), which
`import-annotations` uses to find the article again. Readers that know nothing of
comments can drop lines starting with "# ".

Tags: B-/I- (IOB2: every mention starts with B-) plus the type's tag: person PER,
organisation ORG, place LOC, date DATE, event EVENT, other MISC; a user's own type is
its id in capitals (non-letters as `_`). Only entity mentions are tagged; highlights and
notes are not part of this format, and an article without mentions is left out.
Mentions that overlap an earlier (or, at the same start, longer) one are left out:
IOB2 cannot nest.

Tokenisation (deterministic, Qt-free, on the cleaned text):
1. words as the search index sees them (`library.text.arabic.tokens`): a run of letters or
   digits with the harakat, tatweel and invisible controls attached to it, so a token
   never ends between a letter and its marks; a ligature that stands for several words
   (ﷺ) is one token;
2. a number written with a decimal or thousands separator (3.5, 1,200, ٣٫٥) is one token;
3. every other visible character (punctuation, « », an emoji) is a token of its own;
   white space and invisible controls (bidi marks, zero-width spaces) are never tokens;
4. a token is split where an entity mention starts or ends inside it: an attached
   proclitic is its own token (لمنظمة → ل + منظمة when the mention is منظمة...).
Sentences end after `.` `!` `?` `؟` `…` and at line breaks.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterable

from library.exchange.selection import ExportData
from library.marks.annotations import Annotation
from library.text.arabic import tokens

STANDARD_TAGS = {
    "person": "PER",
    "organisation": "ORG",
    "place": "LOC",
    "date": "DATE",
    "event": "EVENT",
    "other": "MISC",
}
SENTENCE_ENDS = frozenset(".!?؟…")
_SEPARATORS = frozenset(".,٫٬")


def tag_for(type_id: str) -> str:
    return (
        STANDARD_TAGS.get(type_id)
        or re.sub(r"[^A-Za-z0-9]+", "_", type_id).strip("_").upper()
        or "MISC"
    )


def type_for_tag(tag: str) -> str:
    for type_id, standard in STANDARD_TAGS.items():
        if standard == tag:
            return type_id
    return tag.lower()


def invisible(ch: str) -> bool:
    """White space and invisible controls: never a token of their own."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def _words(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for t in tokens(body):
        if spans and spans[-1] == (t.start, t.end):
            continue  # a ligature standing for several words: one token
        spans.append((t.start, t.end))
    # Join numbers cut at their separator (3 . 5 → 3.5).
    joined: list[tuple[int, int]] = []
    for s, e in spans:
        if (
            joined
            and s - joined[-1][1] == 1
            and body[joined[-1][1]] in _SEPARATORS
            and body[joined[-1][1] - 1].isdigit()
            and body[s].isdigit()
        ):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    return joined


def tokenise(body: str, cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """Token spans of `body` (rules in the module docstring), cut at the given offsets."""
    words = _words(body)
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in [*words, (len(body), len(body))]:
        for i in range(pos, s):  # what lies between words: one token per visible character
            if not invisible(body[i]):
                out.append((i, i + 1))
        if e > s:
            out.append((s, e))
        pos = e
    cut_set = sorted(set(cuts))
    if not cut_set:
        return out
    split: list[tuple[int, int]] = []
    for s, e in out:
        lo = bisect.bisect_right(cut_set, s)
        hi = bisect.bisect_left(cut_set, e)
        points = [s, *cut_set[lo:hi], e]
        split.extend((a, b) for a, b in itertools.pairwise(points) if b > a)
    return split


def _mentions(data: ExportData, annotations: list[Annotation]) -> list[tuple[int, int, str]]:
    chosen: list[tuple[int, int, str]] = []
    end = -1
    for a in sorted(
        (a for a in annotations if a.kind == "entity"), key=lambda a: (a.start, -a.end)
    ):
        entity = data.entity_of(a)
        if entity is None or a.start < end or a.end <= a.start:
            continue
        chosen.append((a.start, a.end, tag_for(entity.type)))
        end = a.end
    return chosen


def document(data: ExportData, article, annotations: list[Annotation]) -> str:
    mentions = _mentions(data, annotations)
    body = article.body
    spans = tokenise(body, [p for s, e, _ in mentions for p in (s, e)])
    lines = [f"# doc_id = {article.iri}", f"# title = {' '.join(article.title.split())}"]
    m = 0
    previous_end = 0
    sentence_open = False
    for s, e in spans:
        if sentence_open and "\n" in body[previous_end:s]:
            lines.append("")
            sentence_open = False
        while m < len(mentions) and mentions[m][1] <= s:
            m += 1
        if m < len(mentions) and mentions[m][0] <= s < mentions[m][1]:
            tag = ("B-" if s == mentions[m][0] else "I-") + mentions[m][2]
        else:
            tag = "O"
        lines.append(f"{body[s:e]}\t{tag}")
        sentence_open = True
        previous_end = e
        if e - s == 1 and body[s] in SENTENCE_ENDS and tag == "O":
            lines.append("")
            sentence_open = False
    if sentence_open:
        lines.append("")
    return "\n".join(lines) + "\n"


def render(data: ExportData) -> str:
    docs = [
        document(data, article, annotations)
        for article, annotations in data.items
        if any(a.kind == "entity" for a in annotations)
    ]
    return "\n".join(docs)


def export_bytes(data: ExportData) -> bytes:
    return render(data).encode("utf-8")
