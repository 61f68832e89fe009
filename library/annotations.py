"""Annotations: highlights, notes and entity mentions anchored in an article's body.

Offsets are code points into `articles.body` (Qt's UTF-16 positions are converted at the
Qt boundary, never here). Each annotation also keeps the W3C Web Annotation anchor
context (exact quote, prefix, suffix) so it can be found again if the text changes.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from library.store import Library

KINDS = ("highlight", "note", "entity")


@dataclass
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

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Annotation:
        return cls(**{k: row[k] for k in row.keys()})  # noqa: SIM118 - sqlite3.Row

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
        }


_COLUMNS = (
    'id, article_id, kind, start, "end", exact, prefix, suffix, colour, note, entity_id, '
    "author, created_at, updated_at"
)


def annotations_for(lib: Library, article_id: int) -> list[Annotation]:
    """The article's annotations in reading order."""
    rows = lib.conn.execute(
        f'SELECT {_COLUMNS} FROM annotations WHERE article_id = ? ORDER BY start, "end", created_at',
        (article_id,),
    )
    return [Annotation.from_row(r) for r in rows]
