"""Segments in the library: an article's sentences with their translation, stored as
code-point ranges of its body (migration 6, table `segments`).

    segments(lib, 7) -> [Segment, ...]     (the article is cut on first use)

An article is cut (`library.translation.segmenting.cut`) the first time its segments
are asked for, in one transaction; an import never cuts. Each segment keeps its quote
with up to 32 code points around it (`exact`, `prefix`, `suffix`, as annotations do),
so it can be placed again when the article's text is re-cleaned (`reanchor_segments`).

Row-level functions, which the operations (`library.ops.translating`) build on: every
one writes in one transaction, and the rows they return are whole, so that an undo can
put them back with the same ids (`put_segments`, `insert_segments`, `delete_segments`).
The translations' full-text index (`translation_index`) follows the rows by itself
(triggers on `segments`, migration 6).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from library.edits import now
from library.marks.anchoring import anchor
from library.marks.annotations import anchor_context, article_body, default_author
from library.storage.articles import NotFound
from library.storage.meta import read_meta, write_meta
from library.storage.store import Library
from library.translation.segmenting import cut

STATUSES = ("new", "draft", "translated", "reviewed")
RANK = {s: n for n, s in enumerate(STATUSES)}
LANGUAGE_KEY = "translation_language"
DEFAULT_LANGUAGE = "en"


class SegmentError(ValueError):
    """A segment edit that cannot be made as asked; the message is meant for the user."""


@dataclass(frozen=True)
class Segment:
    id: str
    article_id: int
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    target: str
    status: str
    note: str | None
    author: str | None
    created_at: str | None
    updated_at: str | None

    @property
    def source(self) -> str:
        return self.exact

    @property
    def done(self) -> bool:
        """Translated or reviewed: what the progress counts."""
        return self.status in ("translated", "reviewed")

    def to_json(self) -> dict:
        """The shape `hashiya segments --json` prints."""
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "source": self.exact,
            "target": self.target,
            "status": self.status,
            "note": self.note,
        }


_FIELDS = [f.name for f in fields(Segment)]
COLUMNS = ", ".join(f'"{f}"' for f in _FIELDS)
_INSERT = f"INSERT INTO segments ({COLUMNS}) VALUES ({', '.join('?' * len(_FIELDS))})"
# An upsert, never INSERT OR REPLACE: a replaced row would not pass through the
# triggers that keep the translation index in step.
_UPSERT = (
    _INSERT
    + " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f'"{f}" = excluded."{f}"' for f in _FIELDS if f != "id")
)


def _values(s: Segment) -> tuple:
    return tuple(getattr(s, f) for f in _FIELDS)


def _segment(row) -> Segment:
    return Segment(*row)


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise SegmentError(f"unknown status {status!r}; statuses are {', '.join(STATUSES)}")
    return status


# --- the target language -------------------------------------------------------------------


def translation_language(lib: Library) -> str:
    return read_meta(lib.conn, LANGUAGE_KEY) or DEFAULT_LANGUAGE


def set_translation_language(lib: Library, lang: str) -> str:
    """Set the library's target language (a BCP 47 tag: en, fr, pt-BR); returns the old."""
    lang = (lang or "").strip()
    if not lang or not all(part.isalnum() for part in lang.split("-")):
        raise SegmentError(f"not a language tag: {lang!r} (e.g. en, fr, pt-BR)")
    old = translation_language(lib)
    with lib.transaction():
        write_meta(lib.conn, LANGUAGE_KEY, lang)
    return old


# --- reading ---------------------------------------------------------------------------------


def stored_segments(lib: Library, article_id: int) -> list[Segment]:
    """The article's segments as stored (none if it was never cut), in text order."""
    return [
        _segment(r)
        for r in lib.conn.execute(
            f"SELECT {COLUMNS} FROM segments WHERE article_id = ? ORDER BY start, id",
            (article_id,),
        )
    ]


def make_segments(body: str, article_id: int, author: str | None = None) -> list[Segment]:
    """New segments for a body (not stored)."""
    stamp = now()
    out = []
    for start, end in cut(body):
        exact, prefix, suffix = anchor_context(body, start, end)
        out.append(
            Segment(
                str(uuid.uuid4()),
                article_id,
                start,
                end,
                exact,
                prefix,
                suffix,
                "",
                "new",
                None,
                author,
                stamp,
                stamp,
            )
        )
    return out


def segments(lib: Library, article_id: int) -> list[Segment]:
    """The article's segments, cutting it first if it never was (one transaction). A
    library opened read-only gets them cut but not stored. NotFound: no such article."""
    found = stored_segments(lib, article_id)
    if found:
        return found
    body = article_body(lib, article_id)  # NotFound
    if lib.readonly:
        return make_segments(body, article_id)
    with lib.transaction():
        found = stored_segments(lib, article_id)  # another process may have cut it
        if found:
            return found
        made = make_segments(body, article_id, default_author(lib))
        insert_segments(lib, made)
    return made


def get_segment(lib: Library, segment_id: str) -> Segment:
    row = lib.conn.execute(f"SELECT {COLUMNS} FROM segments WHERE id = ?", (segment_id,)).fetchone()
    if row is None:
        raise NotFound(f"no segment {segment_id}")
    return _segment(row)


def find_segment(lib: Library, article_id: int, key: str) -> Segment:
    """A segment of an article by its id, or by its number in text order (1 = first)."""
    rows = segments(lib, article_id)
    for s in rows:
        if s.id == key:
            return s
    if key.isdigit() and 1 <= int(key) <= len(rows):
        return rows[int(key) - 1]
    raise NotFound(f"no segment {key} in article {article_id}")


def next_segment(lib: Library, segment: Segment) -> Segment | None:
    row = lib.conn.execute(
        f"SELECT {COLUMNS} FROM segments WHERE article_id = ? AND (start > ? OR "
        "(start = ? AND id > ?)) ORDER BY start, id LIMIT 1",
        (segment.article_id, segment.start, segment.start, segment.id),
    ).fetchone()
    return _segment(row) if row else None


def articles_of(lib: Library, segment_ids: Iterable[str]) -> set[int]:
    """The articles holding these segments (for a view given a `Changes.segments`)."""
    ids = list(segment_ids)
    out: set[int] = set()
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        out.update(
            r[0]
            for r in lib.conn.execute(
                f"SELECT DISTINCT article_id FROM segments WHERE id IN ({', '.join('?' * len(part))})",
                part,
            )
        )
    return out


def progress(lib: Library, article_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """{article id: (segments translated or reviewed, segments)}; (0, 0) for an article
    never cut (the library list's column)."""
    out = dict.fromkeys(article_ids, (0, 0))
    ids = list(out)
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        for article_id, done, total in lib.conn.execute(
            "SELECT article_id, sum(status IN ('translated', 'reviewed')), count(*) "
            f"FROM segments WHERE article_id IN ({', '.join('?' * len(part))}) "
            "GROUP BY article_id",
            part,
        ):
            out[article_id] = (done, total)
    return out


# --- writing (each in one transaction) -----------------------------------------------------


def insert_segments(lib: Library, rows: Iterable[Segment]) -> None:
    with lib.transaction():
        lib.conn.executemany(_INSERT, [_values(s) for s in rows])


def put_segments(lib: Library, rows: Iterable[Segment]) -> None:
    """Write the rows as given (made again if removed meanwhile): undo and redo."""
    with lib.transaction():
        lib.conn.executemany(_UPSERT, [_values(s) for s in rows])


def delete_segments(lib: Library, segment_ids: Iterable[str]) -> list[Segment]:
    """Remove segments; returns the rows removed, whole."""
    gone = []
    with lib.transaction():
        for segment_id in segment_ids:
            row = lib.conn.execute(
                f"SELECT {COLUMNS} FROM segments WHERE id = ?", (segment_id,)
            ).fetchone()
            if row is not None:
                gone.append(_segment(row))
                lib.conn.execute("DELETE FROM segments WHERE id = ?", (segment_id,))
    return gone


def replace_segments(lib: Library, remove: Sequence[Segment], put: Sequence[Segment]) -> None:
    """Undo/redo of a split or a merge: these rows out, those in (as given), at once."""
    with lib.transaction():
        keep = {s.id for s in put}
        for s in remove:
            if s.id not in keep:
                lib.conn.execute("DELETE FROM segments WHERE id = ?", (s.id,))
        put_segments(lib, put)


def check_covers(body: str, segment: Segment) -> None:
    if not (0 <= segment.start <= segment.end <= len(body)):
        raise SegmentError("the segment lies outside its article's text")


# --- re-anchoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Replaced:
    segment_id: str
    status: str  # exact | moved | fuzzy | orphaned | new (cut from text no segment held)


def _untouched(rows: Sequence[Segment]) -> bool:
    return all(not s.target and not s.note and s.status == "new" for s in rows)


def reanchor_segments(
    lib: Library, article_id: int, old_body: str, new_body: str
) -> list[Replaced]:
    """Place an article's segments in its new text (after re-cleaning, inside the
    caller's transaction or in one of its own). Segments nobody worked on yet (new, no
    translation, no note) are simply cut again. Otherwise each segment is found by its
    quote and context (`library.marks.anchoring.anchor`): moved and fuzzy ones take their
    new offsets and quote; an orphan keeps its old ones and is reported; text that no
    segment covers any more (a paragraph the new rules brought back) gets new segments."""
    rows = stored_segments(lib, article_id)
    if not rows or old_body == new_body:
        return []
    out: list[Replaced] = []
    with lib.transaction():
        if _untouched(rows):
            delete_segments(lib, [s.id for s in rows])
            made = make_segments(new_body, article_id, rows[0].author)
            insert_segments(lib, made)
            return [Replaced(s.id, "new") for s in made]
        placed: list[Segment] = []
        taken: list[tuple[int, int]] = []
        stamp = now()
        for s in rows:
            where = anchor(new_body, s.exact, s.prefix, s.suffix, start=s.start, end=s.end)
            out.append(Replaced(s.id, where.status))
            if not where.found:
                continue
            taken.append((where.start, where.end))
            exact, prefix, suffix = anchor_context(new_body, where.start, where.end)
            moved = replace(
                s, start=where.start, end=where.end, exact=exact, prefix=prefix, suffix=suffix
            )
            if moved != s:
                placed.append(replace(moved, updated_at=stamp))
        put_segments(lib, placed)
        fresh = [
            s
            for s in make_segments(new_body, article_id, rows[0].author)
            if not any(s.start < e and b < s.end for b, e in taken)
        ]
        insert_segments(lib, fresh)
        out += [Replaced(s.id, "new") for s in fresh]
    return out
