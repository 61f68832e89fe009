"""Search in the translations (migration 6: `translation_index`, an FTS5 index of the
segments' targets with Latin-script folding: case and accents ignored, so "Cafe" finds
"café" and "CAFÉ").

    search_translations(lib, "ceasefire talks", 50) -> [(article_id, segment_id, snippet)]
    find_translations(lib, "ceasefire", 100, offset=0) -> [TranslationHit]   (the reader's)
    count_translations(lib, "ceasefire") -> 12

Every word of the query must be in the translation (whole words; a word ending in `*`
matches as a prefix: "negotiat*"). Results come best first (bm25).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from library.storage.store import Library

_WORD = re.compile(r"\w+\*?")
SNIPPET_TOKENS = 16
# Around each matched word in FTS5's snippet: characters of the private use area, which
# no translation holds in practice and which are removed again once the spans are read.
_OPEN, _CLOSE = "\ue000", "\ue001"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class TranslationHit:
    """A segment whose translation matches: where it is (its article, its id, its
    position among the article's segments, from 1) and a snippet of the translation on
    one line, with the matched words as code-point spans of the snippet."""

    article_id: int
    segment_id: str
    number: int
    title: str
    snippet: str
    matches: tuple[tuple[int, int], ...]


def fts_query(query: str) -> str:
    """The query as FTS5 syntax: each word a quoted string (so no word is an operator),
    all of them required."""
    parts = []
    for found in _WORD.findall(query or ""):
        word = found.rstrip("*")
        if word:
            parts.append(f'"{word}"' + ("*" if found.endswith("*") else ""))
    return " ".join(parts)


def search_translations(lib: Library, query: str, limit: int = 50) -> list[tuple[int, str, str]]:
    """(article id, segment id, a snippet of the translation around the match)."""
    match = fts_query(query)
    if not match:
        return []
    rows = lib.conn.execute(
        "SELECT s.article_id, s.id, "
        f"snippet(translation_index, 0, '', '', '…', {SNIPPET_TOKENS}) "
        "FROM translation_index JOIN segments s ON s.rowid = translation_index.rowid "
        "WHERE translation_index MATCH ? ORDER BY bm25(translation_index), s.article_id, "
        "s.start LIMIT ?",
        (match, max(0, int(limit))),
    )
    return [(r[0], r[1], r[2]) for r in rows]


def marked_snippet(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with `_OPEN`/`_CLOSE` around its matches → the plain snippet (white
    space made single spaces, so a list shows it on its own lines) and the code-point
    spans of the matches in it."""
    text = _SPACES.sub(" ", raw).strip()
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    start: int | None = None
    length = 0
    for char in text:
        if char == _OPEN:
            start = length
        elif char == _CLOSE:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            out.append(char)
            length += 1
    return "".join(out), tuple(spans)


def find_translations(
    lib: Library, query: str, limit: int = 100, offset: int = 0
) -> list[TranslationHit]:
    """The segments whose translation holds every word of `query` (case and accents
    folded), best first, `limit` of them from `offset` on."""
    match = fts_query(query)
    if not match:
        return []
    rows = lib.conn.execute(
        "SELECT s.article_id, s.id, a.title, "
        f"snippet(translation_index, 0, '{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}), "
        "(SELECT count(*) FROM segments p WHERE p.article_id = s.article_id "
        "AND p.start < s.start) + 1 "
        "FROM translation_index JOIN segments s ON s.rowid = translation_index.rowid "
        "JOIN articles a ON a.id = s.article_id "
        "WHERE translation_index MATCH ? ORDER BY bm25(translation_index), s.article_id, "
        "s.start LIMIT ? OFFSET ?",
        (match, max(0, int(limit)), max(0, int(offset))),
    )
    hits = []
    for article_id, segment_id, title, raw, number in rows:
        snippet, spans = marked_snippet(raw or "")
        hits.append(TranslationHit(article_id, segment_id, number, title or "", snippet, spans))
    return hits


def count_translations(lib: Library, query: str) -> int:
    """How many segments `find_translations` finds in all."""
    match = fts_query(query)
    if not match:
        return 0
    row = lib.conn.execute(
        "SELECT count(*) FROM translation_index WHERE translation_index MATCH ?", (match,)
    ).fetchone()
    return int(row[0])


def rebuild_translation_index(lib: Library) -> None:
    """Build the index again from the segments (after rows were copied without their
    rowids, e.g. by a salvage)."""
    with lib.transaction():
        lib.conn.execute("INSERT INTO translation_index (translation_index) VALUES ('rebuild')")
