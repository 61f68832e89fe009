"""Re-anchoring: find an annotation's passage again after the article's text changed.

An annotation keeps its quote (`exact`) with up to 32 code points before and after it
(`prefix`, `suffix`: the W3C TextQuoteSelector) beside its offsets. Given a new body:

1. every place where the quote occurs verbatim is scored by how much of the prefix and of
   the suffix still surround it, then by nearness to the old offset. The best wins:
   status "exact" if it is at the old offset, "moved" otherwise;
2. if the quote no longer occurs verbatim, the same search runs on folded text
   (diacritics, hamza forms, tatweel, white space and, last, punctuation between words
   may differ): status "fuzzy", and the annotation takes the new spelling as its quote;
3. otherwise the annotation is "orphaned": it keeps its old offsets and quote, and it is
   reported, never silently placed somewhere else.

An annotation is anchored when `body[start:end] == exact` (`is_anchored`); an orphan
fails that test, which is how the reader and `hashiya check` can tell. Article notes
(start = end = 0, empty quote) are always anchored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from library.edits import now
from library.marks.annotations import (
    Annotation,
    anchor_context,
    annotations_for,
    article_body,
    put_annotations,
)
from library.storage.store import Library
from library.text.arabic import fold, locate, tokens

STATUSES = ("exact", "moved", "fuzzy", "orphaned")


@dataclass(frozen=True)
class Anchor:
    status: str  # exact | moved | fuzzy | orphaned
    start: int  # the new span (the old one when orphaned)
    end: int

    @property
    def found(self) -> bool:
        return self.status != "orphaned"


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _best(
    candidates: list[tuple[int, int]],
    body: str,
    prefix: str,
    suffix: str,
    *,
    old_start: int,
    key=lambda s: s,
) -> tuple[int, int]:
    """The candidate span whose surroundings agree most with prefix/suffix, then the
    nearest to the old start; `key` maps text before comparing (folding)."""
    want_before, want_after = key(prefix), key(suffix)
    width = max(len(prefix), len(suffix)) + 8  # room for removed marks when folding

    def score(span: tuple[int, int]) -> tuple[int, int]:
        s, e = span
        before = key(body[max(0, s - width) : s])
        after = key(body[e : e + width])
        agree = _common_suffix(before, want_before) + _common_prefix(after, want_after)
        return agree, -abs(s - old_start)

    return max(candidates, key=score)


def _verbatim(body: str, exact: str) -> list[tuple[int, int]]:
    out, n = [], len(exact)
    pos = body.find(exact)
    while pos != -1:
        out.append((pos, pos + n))
        pos = body.find(exact, pos + 1)
    return out


def _extend_marks(body: str, end: int) -> int:
    """Past combining marks after `end`: a span never ends between a letter and its marks."""
    while end < len(body) and (
        unicodedata.combining(body[end]) or unicodedata.category(body[end]) == "Mn"
        or body[end] == "\u0640"
    ):  # fmt: skip
        end += 1
    return end


def _folded_matches(body: str, exact: str) -> list[tuple[int, int]]:
    """Places where the quote occurs with other diacritics/hamza/tatweel/white space."""
    pieces = fold(exact).split()
    if not pieces or not locate.plain_enough(body) or not locate.plain_enough(exact):
        return []
    pattern = re.compile(r"\s+".join(locate.pattern(p).pattern for p in pieces))
    return [
        (m.start(), _extend_marks(body, m.end()))
        for m in pattern.finditer(body)
        if m.end() > m.start()
    ]


def _word_matches(body: str, exact: str) -> list[tuple[int, int]]:
    """Places where the quote's words occur in order, whatever lies between them (text
    re-cleaned: `الطرفين.ووقّع` became `الطرفين. ووقّع`)."""
    want = [t.key for t in tokens(exact)]
    if not want:
        return []
    toks = tokens(body)
    n = len(want)
    return [
        (toks[i].start, toks[i + n - 1].end)
        for i in range(len(toks) - n + 1)
        if all(toks[i + j].key == want[j] for j in range(n))
    ]


def anchor(body: str, exact: str, prefix: str, suffix: str, *, start: int, end: int) -> Anchor:
    """Where the passage (exact, prefix, suffix; formerly at start-end) is in `body`."""
    if not exact:
        return Anchor("exact", start, end) if start == end == 0 else Anchor("orphaned", start, end)
    if (
        body[start:end] == exact
        and body[max(0, start - len(prefix)) : start] == prefix
        and body[end : end + len(suffix)] == suffix
    ):
        return Anchor("exact", start, end)
    found = _verbatim(body, exact)
    if found:
        s, e = _best(found, body, prefix, suffix, old_start=start)
        return Anchor("exact" if (s, e) == (start, end) else "moved", s, e)
    for finder in (_folded_matches, _word_matches):
        found = finder(body, exact)
        if found:
            s, e = _best(found, body, prefix, suffix, old_start=start, key=fold)
            return Anchor("fuzzy", s, e)
    return Anchor("orphaned", start, end)


def anchor_annotation(annotation: Annotation, body: str) -> Anchor:
    a = annotation
    if a.is_article_note:
        return Anchor("exact", 0, 0)
    return anchor(body, a.exact, a.prefix, a.suffix, start=a.start, end=a.end)


def is_anchored(annotation: Annotation, body: str) -> bool:
    """The annotation's offsets still hold its quote."""
    if annotation.is_article_note:
        return True
    return (
        annotation.end <= len(body) and body[annotation.start : annotation.end] == annotation.exact
    )


@dataclass(frozen=True)
class Reanchored:
    annotation_id: str
    status: str
    before: Annotation
    after: Annotation  # == before when nothing changed (exact in place, or orphaned)

    @property
    def changed(self) -> bool:
        return self.before != self.after


def reanchor_article(lib: Library, article_id: int) -> list[Reanchored]:
    """Re-anchor every annotation of an article in its current body, in one transaction
    (after re-cleaning, and for `hashiya check --repair`). Moved and fuzzy annotations
    get their new offsets, quote and context; orphans are left as they were. Undo:
    `annotations.put_annotations([r.before for r in results if r.changed])`."""
    results = []
    with lib.transaction():
        body = article_body(lib, article_id)
        changed = []
        for a in annotations_for(lib, article_id):
            where = anchor_annotation(a, body)
            after = a
            if where.found and not a.is_article_note:
                exact, prefix, suffix = anchor_context(body, where.start, where.end)
                moved = replace(
                    a, start=where.start, end=where.end, exact=exact, prefix=prefix, suffix=suffix
                )
                if moved != a:
                    after = replace(moved, updated_at=now())
                    changed.append(after)
            results.append(Reanchored(a.id, where.status, a, after))
        put_annotations(lib, changed)
    return results
