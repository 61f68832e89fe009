"""The concordance (keyword in context): every occurrence of a word, a phrase or an
entity across the library, one line each, with `width` code points of text on each side.

A word or phrase is found the way search finds it (`library.search.engine.match_spans`:
the same folding, clitics and light stems, so وبالرياض is a line for الرياض); the
articles come from the search index in id order, a batch at a time, so the first
screen of lines is ready long before the last article is read (`concordance` is a
generator). `entity:ID` lists the entity's tagged mentions instead.

Sorted by article (the default, streamed), or by the words of the left context nearest
the keyword, or of the right context (then every line is read before the first is given).
Offsets are code points into `articles.body`.

For a view: `in_batches` hands the stream over a screen first, then in larger lists;
`word_key` orders lines by the first, second… word before or after the keyword (what a
concordancer calls 1L, 2L, 1R, 2R); `csv_bytes` is the export (UTF-8 with a BOM).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice

from library.search.engine import _ensure_index, match_spans
from library.search.prefixes import finding_expression
from library.search.query import parse
from library.storage.filters import Filters
from library.storage.store import Library
from library.text.arabic import fold

SORTS = ("article", "left", "right")
BATCH = 200  # articles read per query while streaming
ENTITY_PREFIX = "entity:"


@dataclass(frozen=True)
class Line:
    article_id: int
    left: str
    match: str
    right: str
    start: int
    end: int

    def to_json(self) -> dict:
        return {
            "article": self.article_id,
            "left": self.left,
            "match": self.match,
            "right": self.right,
            "start": self.start,
            "end": self.end,
        }


def _one_line(text: str) -> str:
    """Line breaks and tabs as spaces: the same length, so offsets still hold."""
    return text.replace("\n", " ").replace("\r", " ").replace("\t", " ")


def line_at(article_id: int, body: str, start: int, end: int, width: int) -> Line:
    return Line(
        article_id,
        _one_line(body[max(0, start - width) : start]),
        _one_line(body[start:end]),
        _one_line(body[end : end + width]),
        start,
        end,
    )


def _filter_sql(filters: Filters | None) -> tuple[str, list]:
    where, params = (filters or Filters()).sql()
    if not where:
        return "", []
    return f" AND a.id IN (SELECT a.id FROM articles a WHERE {where})", params


def _text_lines(lib: Library, query: str, width: int, filters: Filters | None) -> Iterator[Line]:
    parsed = parse(query)
    _ensure_index(lib)
    expression = finding_expression(lib.conn, parsed)
    extra, params = _filter_sql(filters)
    last = 0
    while True:
        ids = [
            r[0]
            for r in lib.conn.execute(
                "SELECT rowid FROM article_index WHERE article_index MATCH ? AND rowid > ? "
                "ORDER BY rowid LIMIT ?",
                [expression, last, BATCH],
            )
        ]
        if not ids:
            return
        last = ids[-1]
        marks = ", ".join("?" * len(ids))
        rows = lib.conn.execute(
            f"SELECT a.id, a.body FROM articles a WHERE a.id IN ({marks}){extra} ORDER BY a.id",
            [*ids, *params],
        ).fetchall()
        for article_id, body in rows:
            for start, end in match_spans(body, parsed):
                yield line_at(article_id, body, start, end, width)


def _entity_lines(
    lib: Library, entity_id: str, width: int, filters: Filters | None
) -> Iterator[Line]:
    extra, params = _filter_sql(filters)
    last = 0
    while True:
        ids = [
            r[0]
            for r in lib.conn.execute(
                "SELECT DISTINCT n.article_id FROM annotations n JOIN articles a "
                "ON a.id = n.article_id WHERE n.entity_id = ? AND n.article_id > ?"
                f"{extra} ORDER BY n.article_id LIMIT ?",
                [entity_id, last, *params, BATCH],
            )
        ]
        if not ids:
            return
        marks = ", ".join("?" * len(ids))
        bodies = dict(lib.conn.execute(f"SELECT id, body FROM articles WHERE id IN ({marks})", ids))
        for article_id, start, end in lib.conn.execute(
            f'SELECT article_id, start, "end" FROM annotations WHERE entity_id = ? '
            f'AND article_id IN ({marks}) ORDER BY article_id, start, "end"',
            [entity_id, *ids],
        ):
            yield line_at(article_id, bodies[article_id], start, end, width)
        last = ids[-1]


def _words(text: str) -> list[str]:
    return fold(text).split()


def sort_key(line: Line, sort: str) -> tuple:
    """Left: the nearest word before the keyword first, then the one before it…;
    right: the words after it in order; ties by article and position."""
    if sort == "left":
        words = _words(line.left)
        # The word the context cut in two is still the nearest: keep it, whole or not.
        key = tuple(reversed(words))
    elif sort == "right":
        key = tuple(_words(line.right))
    else:
        key = ()
    return (key, line.article_id, line.start)


def word_key(line: Line, side: str, position: int = 1) -> tuple:
    """Sort by the `position`-th word before the keyword ("left", counted outwards from
    it) or after it ("right"), then the words beyond it, then the nearer ones: the
    1L/2L/1R/2R orders of concordancers. Folded, so a harakah never splits a group."""
    if side not in ("left", "right"):
        raise ValueError(f"unknown side {side!r}; left or right")
    words = list(reversed(_words(line.left))) if side == "left" else _words(line.right)
    n = max(1, position) - 1
    # A line with fewer words than `position` sorts first, as an empty word would.
    key = tuple(words[n:]) if n < len(words) else ("",)
    return (key, tuple(words[:n]), line.article_id, line.start)


def in_batches(lines: Iterable[Line], first: int = 50, size: int = 500) -> Iterator[list[Line]]:
    """The lines in lists: a short first one (a screen, ready as soon as it is found),
    then longer ones, so a view shows the first screen while the rest streams in."""
    batch: list[Line] = []
    wanted = max(1, first)
    for line in lines:
        batch.append(line)
        if len(batch) >= wanted:
            yield batch
            batch, wanted = [], max(1, size)
    if batch:
        yield batch


def concordance(
    lib: Library,
    query: str,
    *,
    width: int = 40,
    limit: int | None = None,
    sort: str = "article",
    filters: Filters | None = None,
) -> Iterator[Line]:
    """The lines for `query` (a search query, or `entity:ID`), at most `limit`.

    Raises QueryError for a query with nothing to look for, ValueError for an unknown
    sort."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}; one of {', '.join(SORTS)}")
    width = max(0, width)
    text = query.strip()
    if text.startswith(ENTITY_PREFIX):
        lines = _entity_lines(lib, text[len(ENTITY_PREFIX) :].strip(), width, filters)
    else:
        lines = _text_lines(lib, text, width, filters)
    if sort != "article":
        lines = iter(sorted(lines, key=lambda line: sort_key(line, sort)))
    return lines if limit is None else islice(lines, max(0, limit))


CSV_COLUMNS = ("article", "title", "left", "match", "right", "start", "end")


def csv_bytes(lines: Iterable[Line], titles: Mapping[int, str]) -> bytes:
    """The lines as CSV, UTF-8 with a BOM (so a spreadsheet reads the Arabic as Arabic),
    a header row of `CSV_COLUMNS`; offsets are code points into the article's body."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            [line.article_id, titles.get(line.article_id, ""), line.left, line.match,
             line.right, line.start, line.end]
        )  # fmt: skip
    return out.getvalue().encode("utf-8-sig")
