"""Annotations: highlights, notes and entity mentions anchored in an article's body.

Offsets are code points into `articles.body` (Qt's UTF-16 positions are converted at the
Qt boundary, never here). Each annotation also keeps the W3C Web Annotation anchor
context (exact quote, prefix, suffix: up to `CONTEXT` code points on each side) so it
can be found again if the text changes (`library.marks.anchoring`).

Kinds:
- highlight: a passage in a colour of the palette (`library.marks.palette`); may carry a note;
- note: a passage with a note (plain text, any language). A note on the *whole article*
  is a note with start = end = 0 and an empty quote (`Annotation.is_article_note`): the
  v1 schema already allows it, it needs no extra column, and it can never be mistaken for
  a passage, because a passage always has start < end;
- entity: a passage that mentions an entity (`library.marks.entities`).

Every function that changes something commits at once (one transaction) and returns what
an undo needs (see `library.edits`): created rows (undo: `delete_annotations`, redo:
`restore_annotations`, same ids), removed rows (undo: `restore_annotations`), or an
`Edit` of the whole row (undo: `put_annotations([edit.before])`).
"""

from __future__ import annotations

import getpass
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from itertools import pairwise

from library.edits import Edit, now
from library.storage.articles import NotFound
from library.storage.meta import read_meta, write_meta
from library.storage.store import Library


class Kind(StrEnum):
    """What an annotation is. A StrEnum: rows keep the plain text the schema's CHECK
    allows, and `a.kind == Kind.NOTE` holds for a row read back as "note"."""

    HIGHLIGHT = "highlight"
    NOTE = "note"
    ENTITY = "entity"


KINDS = tuple(k.value for k in Kind)
CONTEXT = 32
AUTHOR_KEY = "author"


class AnnotationError(ValueError):
    """An annotation that cannot be made as asked; the message is meant for the user."""


@dataclass(frozen=True)
class Annotation:
    id: str
    article_id: int
    kind: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    colour: str | None
    note: str | None
    entity_id: str | None
    author: str | None
    created_at: str
    updated_at: str
    # A mention's normalised value: ISO 8601 for a date (migration 4), else None.
    value: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Annotation:
        return cls(**{k: row[k] for k in row.keys()})  # noqa: SIM118 - sqlite3.Row

    @property
    def is_article_note(self) -> bool:
        """A note on the whole article (start = end = 0, no quote)."""
        return self.kind == Kind.NOTE and self.start == self.end

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "article": self.article_id,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "colour": self.colour,
            "note": self.note,
            "entity": self.entity_id,
            "author": self.author,
            "created": self.created_at,
            "updated": self.updated_at,
            "value": self.value,
        }


_FIELDS = [f.name for f in fields(Annotation)]
COLUMNS = ", ".join('"end"' if f == "end" else f for f in _FIELDS)
_INSERT = f"INSERT INTO annotations ({COLUMNS}) VALUES ({', '.join('?' * len(_FIELDS))})"
_UPSERT = (
    _INSERT
    + " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f'"{f}" = excluded."{f}"' for f in _FIELDS if f != "id")
)


def _values(a: Annotation) -> tuple:
    return tuple(getattr(a, f) for f in _FIELDS)


# --- author and context -------------------------------------------------------------------


def default_author(lib: Library) -> str | None:
    """Who a new row belongs to: the acting author of this session (`--author`), else the
    `author` set in the library's meta table (Preferences), else the OS user name, else
    None."""
    if lib.acting_author:
        return lib.acting_author
    name = read_meta(lib.conn, AUTHOR_KEY)
    if name:
        return name
    try:
        return getpass.getuser() or None
    except Exception:  # no user name on this system (getpass raises several kinds)
        return None


def set_author(lib: Library, name: str | None) -> str | None:
    """Set (or clear, with None) the library's author name; returns the previous one."""
    with lib.transaction():
        before = read_meta(lib.conn, AUTHOR_KEY)
        write_meta(lib.conn, AUTHOR_KEY, name or None)
    return before


def anchor_context(body: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) for a span: the W3C TextQuoteSelector of it."""
    return body[start:end], body[max(0, start - CONTEXT) : start], body[end : end + CONTEXT]


# --- reading --------------------------------------------------------------------------------


def article_body(lib: Library, article_id: int) -> str:
    row = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(f"no article {article_id} in this library")
    return row[0]


def read_annotations(lib: Library, where: str, params: Sequence) -> list[Annotation]:
    """Annotations matching an SQL condition, as plain tuples turned into Annotations (an
    article may hold thousands: sqlite3.Row and keyword construction double the time)."""
    cursor = lib.conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(f"SELECT {COLUMNS} FROM annotations WHERE {where}", params)
    return [Annotation(*r) for r in rows]


def annotations_for(lib: Library, article_id: int, *, kind: str | None = None) -> list[Annotation]:
    """The article's annotations in reading order (article notes first)."""
    where, params = "article_id = ?", [article_id]
    if kind is not None:
        where += " AND kind = ?"
        params.append(kind)
    return read_annotations(lib, where + ' ORDER BY start, "end", created_at, id', params)


def get_annotation(lib: Library, annotation_id: str) -> Annotation:
    found = read_annotations(lib, "id = ?", (annotation_id,))
    if not found:
        raise NotFound(f"no annotation {annotation_id}")
    return found[0]


def annotations_overlapping(
    lib: Library, article_id: int, start: int, end: int | None = None
) -> list[Annotation]:
    """Annotations of the article covering [start, end) (or the position `start`), e.g.
    under the mouse or the cursor; article notes are not included."""
    end = start + 1 if end is None or end <= start else end
    return read_annotations(
        lib,
        'article_id = ? AND start < ? AND "end" > ? ORDER BY start, "end", created_at, id',
        (article_id, end, start),
    )


@dataclass(frozen=True)
class Segment:
    """A stretch of text covered by the same annotations (for painting overlaps)."""

    start: int
    end: int
    ids: tuple[str, ...]  # in the order of the annotations given (e.g. creation order)


def layers(annotations: Sequence[Annotation]) -> list[Segment]:
    """Cut overlapping annotations into non-overlapping segments, each listing every
    annotation that covers it, so a painter can draw stripes or blend colours. Article
    notes and empty spans are left out; uncovered stretches are not returned."""
    spans = [(a.start, a.end, a.id) for a in annotations if a.end > a.start]
    order = {aid: n for n, (_, _, aid) in enumerate(spans)}
    points = sorted({p for s, e, _ in spans for p in (s, e)})
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for s, e, aid in spans:
        starts.setdefault(s, []).append(aid)
        ends.setdefault(e, []).append(aid)
    active: set[str] = set()
    out: list[Segment] = []
    for here, after in pairwise(points):
        active.difference_update(ends.get(here, ()))
        active.update(starts.get(here, ()))
        if active:
            out.append(Segment(here, after, tuple(sorted(active, key=order.__getitem__))))
    return out


# --- creating -------------------------------------------------------------------------------


def check_span(body: str, start: int, end: int) -> None:
    if not (0 <= start < end <= len(body)):
        raise AnnotationError(
            f"the span {start}-{end} is not inside the article's text "
            f"(0-{len(body)}, start before end)"
        )


def colour_exists(lib: Library, colour: str) -> bool:
    return (
        lib.conn.execute("SELECT 1 FROM highlight_colours WHERE id = ?", (colour,)).fetchone()
        is not None
    )


def first_colour(lib: Library) -> str:
    row = lib.conn.execute(
        "SELECT id FROM highlight_colours ORDER BY position, id LIMIT 1"
    ).fetchone()
    if row is None:
        raise AnnotationError("the palette has no highlight colour")
    return row[0]


def make_annotation(
    body: str,
    article_id: int,
    kind: str,
    start: int,
    end: int,
    *,
    colour: str | None = None,
    note: str | None = None,
    entity_id: str | None = None,
    author: str | None = None,
    value: str | None = None,
) -> Annotation:
    """A new Annotation (not stored) for a span of `body`, with its anchor context."""
    if kind not in KINDS:
        raise AnnotationError(f"unknown annotation kind {kind!r}")
    kind = Kind(kind).value  # rows hold the plain text, as read back from the file
    exact, prefix, suffix = anchor_context(body, start, end)
    stamp = now()
    return Annotation(
        id=str(uuid.uuid4()),
        article_id=article_id,
        kind=kind,
        start=start,
        end=end,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        colour=colour,
        note=note,
        entity_id=entity_id,
        author=author,
        created_at=stamp,
        updated_at=stamp,
        value=value,
    )


def insert(lib: Library, annotations: Iterable[Annotation]) -> None:
    """Store new rows as they are (inside the caller's transaction)."""
    lib.conn.executemany(_INSERT, [_values(a) for a in annotations])


def _create(lib: Library, article_id: int, kind: str, start: int, end: int, **kw) -> Annotation:
    with lib.transaction():
        body = article_body(lib, article_id)
        if not (kind == Kind.NOTE and start == end == 0):
            check_span(body, start, end)
        if kw.get("author") is None:
            kw["author"] = default_author(lib)
        annotation = make_annotation(body, article_id, kind, start, end, **kw)
        insert(lib, [annotation])
    return annotation


def add_highlight(
    lib: Library,
    article_id: int,
    start: int,
    end: int,
    colour: str | None = None,
    *,
    note: str | None = None,
    author: str | None = None,
) -> Annotation:
    """Highlight [start, end) in a palette colour (the first of the palette by default)."""
    colour = colour or first_colour(lib)
    if not colour_exists(lib, colour):
        raise AnnotationError(f"no highlight colour {colour!r} in the palette")
    return _create(
        lib, article_id, Kind.HIGHLIGHT, start, end, colour=colour, note=note or None, author=author
    )


def _note_text(text: str) -> str:
    if not text or not text.strip():
        raise AnnotationError("a note needs some text")
    return text


def add_note(
    lib: Library, article_id: int, start: int, end: int, text: str, *, author: str | None = None
) -> Annotation:
    """A note on the passage [start, end)."""
    return _create(lib, article_id, Kind.NOTE, start, end, note=_note_text(text), author=author)


def add_article_note(
    lib: Library, article_id: int, text: str, *, author: str | None = None
) -> Annotation:
    """A note on the whole article (start = end = 0, empty quote)."""
    return _create(lib, article_id, Kind.NOTE, 0, 0, note=_note_text(text), author=author)


def add_mention(
    lib: Library,
    article_id: int,
    start: int,
    end: int,
    entity_id: str,
    *,
    author: str | None = None,
) -> Annotation:
    """Mark [start, end) as a mention of an existing entity (see entities.tag_entity for
    the gesture that also finds or creates the entity)."""
    if lib.conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is None:
        raise NotFound(f"no entity {entity_id}")
    return _create(lib, article_id, Kind.ENTITY, start, end, entity_id=entity_id, author=author)


# --- changing, deleting, restoring ----------------------------------------------------------

_UNSET: object = object()


def update_annotation(
    lib: Library,
    annotation_id: str,
    *,
    colour: object = _UNSET,
    note: object = _UNSET,
    entity_id: object = _UNSET,
    start: int | None = None,
    end: int | None = None,
) -> Edit[Annotation]:
    """Change a colour, a note, the linked entity, or the span (the quote and its context
    are taken again from the body). Returns the row before and after (undo:
    `put_annotations([edit.before])`)."""
    with lib.transaction():
        before = get_annotation(lib, annotation_id)
        changes: dict = {}
        if colour is not _UNSET:
            if before.kind == Kind.HIGHLIGHT and (
                not isinstance(colour, str) or not colour_exists(lib, colour)
            ):
                raise AnnotationError(f"no highlight colour {colour!r} in the palette")
            changes["colour"] = colour
        if note is not _UNSET:
            if before.kind == Kind.NOTE:
                _note_text(note if isinstance(note, str) else "")
            changes["note"] = note or None
        if entity_id is not _UNSET:
            if before.kind == Kind.ENTITY and (
                not isinstance(entity_id, str)
                or lib.conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone()
                is None
            ):
                raise NotFound(f"no entity {entity_id}")
            changes["entity_id"] = entity_id
        if start is not None or end is not None:
            new_start = before.start if start is None else start
            new_end = before.end if end is None else end
            body = article_body(lib, before.article_id)
            check_span(body, new_start, new_end)
            exact, prefix, suffix = anchor_context(body, new_start, new_end)
            changes.update(start=new_start, end=new_end, exact=exact, prefix=prefix, suffix=suffix)
        after = replace(before, **changes)
        if after != before:
            after = replace(after, updated_at=now())
            lib.conn.execute(_UPSERT, _values(after))
    return Edit(before, after)


def put_annotations(lib: Library, annotations: Iterable[Annotation]) -> None:
    """Write rows exactly as given (insert or overwrite by id): the undo/redo of edits."""
    with lib.transaction():
        lib.conn.executemany(_UPSERT, [_values(a) for a in annotations])


def delete_annotations(lib: Library, annotation_ids: Iterable[str]) -> list[Annotation]:
    """Delete annotations; returns the full rows removed (undo: `restore_annotations`).
    Ids that do not exist are ignored (an undo stack may replay a deletion)."""
    ids = list(dict.fromkeys(annotation_ids))
    removed: list[Annotation] = []
    with lib.transaction():
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ", ".join("?" * len(part))
            removed += read_annotations(lib, f"id IN ({marks})", part)
            lib.conn.execute(f"DELETE FROM annotations WHERE id IN ({marks})", part)
    order = {aid: n for n, aid in enumerate(ids)}
    removed.sort(key=lambda a: order[a.id])
    return removed


def restore_annotations(lib: Library, annotations: Iterable[Annotation]) -> None:
    """Put deleted (or undone) annotations back with the same ids and timestamps.

    Fails (IntegrityError, nothing written) if one of the ids exists, or if its article
    or entity is gone: an undo stack replays its commands in order, so it never should.
    """
    with lib.transaction():
        insert(lib, annotations)
