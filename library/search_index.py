"""The full-text index: FTS5 over folded keys, kept in step with the articles.

SQLite's tokenizer folds no Arabic (DESIGN.md fact 2), so the index holds the output of
`library.arabic.index_text`: per article, the exact (normalised) keys and the light
stems, for the title and captions and for the body. The table is contentless, because
the keys can always be derived again from the article, and storing them would double
the file; a row is removed by handing FTS5 the same keys back ('delete' command).
The rules' version is recorded in `meta`, so a library indexed under older rules is
rebuilt (`rebuild`) rather than searched with mismatched keys.
"""

from __future__ import annotations

import sqlite3

from library.arabic import RULES_VERSION, index_text

META_KEY = "search_rules_version"


def _keys(title: str, body: str, captions: list[str]) -> tuple[str, str, str, str]:
    head_exact, head_stem = index_text("\n".join([title, *captions]))
    body_exact, body_stem = index_text(body)
    return head_exact, head_stem, body_exact, body_stem


def add(
    conn: sqlite3.Connection, article_id: int, title: str, body: str, captions: list[str]
) -> None:
    conn.execute(
        "INSERT INTO article_index (rowid, title, title_stem, body, body_stem) VALUES (?, ?, ?, ?, ?)",
        (article_id, *_keys(title, body, captions)),
    )


def remove(
    conn: sqlite3.Connection, article_id: int, title: str, body: str, captions: list[str]
) -> None:
    conn.execute(
        "INSERT INTO article_index (article_index, rowid, title, title_stem, body, body_stem) "
        "VALUES ('delete', ?, ?, ?, ?, ?)",
        (article_id, *_keys(title, body, captions)),
    )


def indexed_version(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return int(row[0]) if row else None


def is_current(conn: sqlite3.Connection) -> bool:
    return indexed_version(conn) == RULES_VERSION


def rebuild(conn: sqlite3.Connection) -> int:
    """Re-derive the whole index (inside the caller's transaction); returns articles indexed."""
    import json

    conn.execute("INSERT INTO article_index (article_index) VALUES ('delete-all')")
    count = 0
    for row in conn.execute("SELECT id, title, body, captions FROM articles"):
        add(conn, row[0], row[1], row[2], json.loads(row[3]))
        count += 1
    mark_current(conn)
    return count


def mark_current(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (META_KEY, str(RULES_VERSION)),
    )
