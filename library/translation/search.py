"""Search in the translations (migration 6: `translation_index`, an FTS5 index of the
segments' targets with Latin-script folding: case and accents ignored, so "Cafe" finds
"café" and "CAFÉ").

    search_translations(lib, "ceasefire talks", 50) -> [(article_id, segment_id, snippet)]

Every word of the query must be in the translation (whole words; a word ending in `*`
matches as a prefix: "negotiat*"). Results come best first (bm25).
"""

from __future__ import annotations

import re

from library.storage.store import Library

_WORD = re.compile(r"\w+\*?")
SNIPPET_TOKENS = 16


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


def rebuild_translation_index(lib: Library) -> None:
    """Build the index again from the segments (after rows were copied without their
    rowids, e.g. by a salvage)."""
    with lib.transaction():
        lib.conn.execute("INSERT INTO translation_index (translation_index) VALUES ('rebuild')")
