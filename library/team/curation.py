"""Curation: settling the differences between annotators' layers, one article at a time.

The **curated layer** is the set of annotations whose author is `CURATED_AUTHOR`
("curation"): a reserved author name, so the curated layer needs no column of its own,
syncs and exports like any other layer, and can itself be compared with the annotators'
layers (`hashiya agreement amal curation`). No annotator should use that name.

An article's *items* are the groups of mentions of the chosen authors that overlap each
other (transitively): one item per place in the text where somebody tagged something.
Each author's *version* of an item is the set of their mentions in it (possibly none).
An item is:

- "agreed" when every author has the same version (same spans, same types);
- "one-sided" when some authors have a mention the others lack, and nothing of the
  others contradicts it (a mention nested in one everybody has counts as one-sided);
- "type" when a span is the same but the types differ;
- "boundary" when spans of one type overlap with different boundaries;
- "mixed" when overlapping spans differ in both, or the item holds several kinds.

**Progress is derived from the curated layer, so it needs no table of its own**: an item is
decided when the curated layer holds an entity mention overlapping it (a version accepted
or an edited span), or a *rejection note* over it: a note of the curated layer whose text
is `REJECTED_NOTE`, which records "the curator decided there is no mention here".
Rejection notes are notes, so exports of entity mentions (brat, CoNLL) leave them out.
Accepting and rejecting are operations (`library.ops.curating`), undone like any edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from library.marks.annotations import Kind, article_body
from library.storage.store import Library
from library.text.spans import sentence_at

CURATED_AUTHOR = "curation"
REJECTED_NOTE = "no entity here (curation)"

AGREED = "agreed"
ONE_SIDED = "one-sided"
TYPE = "type"
BOUNDARY = "boundary"
MIXED = "mixed"
KINDS = (AGREED, ONE_SIDED, TYPE, BOUNDARY, MIXED)


class CurationError(ValueError):
    """Curation that cannot be done as asked; the message is meant for the user."""


@dataclass(frozen=True)
class Mark:
    """One entity mention as curation sees it."""

    id: str  # the annotation's id
    author: str
    start: int
    end: int
    type: str
    entity_id: str | None
    exact: str

    @property
    def signature(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.type)


@dataclass(frozen=True)
class Version:
    author: str
    marks: tuple[Mark, ...]  # in text order; empty: the author tagged nothing here

    @property
    def signature(self) -> frozenset[tuple[int, int, str]]:
        return frozenset(m.signature for m in self.marks)


@dataclass(frozen=True)
class Item:
    start: int  # the extent of every author's marks in it
    end: int
    kind: str  # one of KINDS
    versions: tuple[Version, ...]  # one per chosen author, in their order
    curated: tuple[Mark, ...]  # the curated layer's mentions overlapping it
    rejected: bool  # a rejection note of the curated layer covers it

    @property
    def decided(self) -> bool:
        return bool(self.curated) or self.rejected

    @property
    def agreed(self) -> bool:
        return self.kind == AGREED

    def to_json(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "decided": self.decided,
            "versions": {
                v.author: [
                    {"start": m.start, "end": m.end, "type": m.type, "text": m.exact}
                    for m in v.marks
                ]
                for v in self.versions
            },
        }


@dataclass(frozen=True)
class Curation:
    article_id: int
    body: str
    authors: tuple[str, ...]
    items: tuple[Item, ...]

    @property
    def decided(self) -> int:
        return sum(item.decided for item in self.items)

    @property
    def progress(self) -> tuple[int, int]:
        """(decided items, all items)."""
        return self.decided, len(self.items)

    @property
    def disagreements(self) -> list[Item]:
        return [item for item in self.items if not item.agreed]

    def sentence(self, item: Item) -> tuple[str, int]:
        """The sentence (or sentences) around an item, and where it starts in the body."""
        return sentence_at(self.body, item.start, item.end)


def _marks(lib: Library, article_id: int, who: Sequence[str] | None) -> list[Mark]:
    sql = (
        'SELECT a.id, a.author, a.start, a."end", e.type, a.entity_id, a.exact '
        "FROM annotations a JOIN entities e ON e.id = a.entity_id "
        "WHERE a.article_id = ? AND a.kind = ?"
    )
    params: list = [article_id, Kind.ENTITY.value]
    if who is not None:
        sql += f" AND a.author IN ({', '.join('?' * len(who))})"
        params += list(who)
    rows = lib.conn.execute(sql + ' ORDER BY a.start, a."end", a.id', params)
    return [Mark(*r) for r in rows]


def article_authors(lib: Library, article_id: int) -> list[str]:
    """The layers of an article: authors with entity mentions in it, the curated layer
    left out."""
    rows = lib.conn.execute(
        "SELECT DISTINCT author FROM annotations WHERE article_id = ? AND kind = ? "
        "AND author IS NOT NULL AND author != ? ORDER BY author",
        (article_id, Kind.ENTITY.value, CURATED_AUTHOR),
    )
    return [r[0] for r in rows]


def rejections(lib: Library, article_id: int) -> list[tuple[str, int, int]]:
    """(id, start, end) of the curated layer's rejection notes in an article."""
    rows = lib.conn.execute(
        'SELECT id, start, "end" FROM annotations WHERE article_id = ? AND kind = ? '
        "AND author = ? AND note = ?",
        (article_id, Kind.NOTE.value, CURATED_AUTHOR, REJECTED_NOTE),
    )
    return [(r[0], r[1], r[2]) for r in rows]


def _kind(versions: Sequence[Version]) -> str:
    present = [v for v in versions if v.marks]
    signatures = {v.signature for v in present}
    if len(signatures) == 1:
        return AGREED if len(present) == len(versions) else ONE_SIDED
    # Compare marks of two authors that overlap where neither author also made the
    # other's mark: a nested mention (a place inside an organisation's name) tagged
    # by one author only is one-sided, not a boundary or type difference.
    found: set[str] = set()
    for x in present:
        for d in x.marks:
            for y in present:
                for m in y.marks:
                    if m.signature in x.signature or d.signature in y.signature:
                        continue  # one of the two also made the other's mark
                    if not (m.start < d.end and d.start < m.end):
                        continue
                    if (m.start, m.end) == (d.start, d.end):
                        found.add(TYPE)
                    elif m.type == d.type:
                        found.add(BOUNDARY)
                    else:
                        found.add(MIXED)
    if not found:
        return ONE_SIDED
    return found.pop() if len(found) == 1 else MIXED


def _clusters(marks: Sequence[Mark]) -> list[list[Mark]]:
    """Marks that overlap each other, transitively, in text order."""
    out: list[list[Mark]] = []
    reach = -1
    for mark in sorted(marks, key=lambda m: (m.start, m.end, m.author)):
        if out and mark.start < reach:
            out[-1].append(mark)
            reach = max(reach, mark.end)
        else:
            out.append([mark])
            reach = mark.end
    return out


def curation(lib: Library, article_id: int, authors: Sequence[str] | None = None) -> Curation:
    """The items of an article between `authors` (default: every layer of the article),
    each with its versions and whether the curated layer has decided it."""
    body = article_body(lib, article_id)
    who = list(authors) if authors is not None else article_authors(lib, article_id)
    if CURATED_AUTHOR in who:
        raise CurationError(f"{CURATED_AUTHOR!r} is the curated layer, not an annotator")
    if len(set(who)) != len(who):
        raise CurationError("an author is named twice")
    if not who:
        raise CurationError("this article has no entity mentions to curate")
    marks = _marks(lib, article_id, [*who, CURATED_AUTHOR])
    curated = [m for m in marks if m.author == CURATED_AUTHOR]
    rejected = rejections(lib, article_id)
    items = []
    for group in _clusters([m for m in marks if m.author != CURATED_AUTHOR]):
        start = min(m.start for m in group)
        end = max(m.end for m in group)
        versions = tuple(
            Version(author, tuple(m for m in group if m.author == author)) for author in who
        )
        items.append(
            Item(
                start,
                end,
                _kind(versions),
                versions,
                tuple(m for m in curated if m.start < end and m.end > start),
                any(s < end and e > start for _, s, e in rejected),
            )
        )
    return Curation(article_id, body, tuple(who), tuple(items))


def progress(
    lib: Library, article_id: int, authors: Sequence[str] | None = None
) -> tuple[int, int]:
    """(decided items, all items) of an article."""
    return curation(lib, article_id, authors).progress
