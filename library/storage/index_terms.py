"""The search index's terms, listed: what a prefix (`وزار*`) stands for.

Without a prefix index, FTS5 answers a prefix by merging the lists of articles of every
term starting with it, whole, before it yields the first match: at a million articles
`وز*` took a second whatever the LIMIT. The same terms written out as an OR are read
lazily, newest first, so a page costs what a page of ordinary words does
(`library.search.prefixes`). A prefix index would have cost about half the library's
size again.

FTS5 cannot list its terms cheaply (`fts5vocab` counts each term's articles as it lists
it), so the library keeps them: every term ever put in the index. The list is a superset:
a term whose articles were all deleted stays, and matches nothing. `refill` rebuilds it
from the index itself, after a full rebuild and in the migration that made it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

TABLE = "index_terms"
_VOCABULARY = "temp.index_terms_source"
# Past the last code point, so `term < prefix + _LAST` holds for every term starting with
# the prefix (SQLite compares text as UTF-8 bytes, which sort as code points do).
_LAST = "\U0010ffff"


def create(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (term TEXT PRIMARY KEY) WITHOUT ROWID")


def of(*columns: str) -> set[str]:
    """The distinct terms of index text (space-separated keys or stems)."""
    found: set[str] = set()
    for text in columns:
        found.update(text.split())
    return found


def record(conn: sqlite3.Connection, terms: Iterable[str]) -> None:
    """Note terms put in the index (in the caller's transaction); known ones are left."""
    # Sorted: the inserts walk the table's B-tree in order instead of jumping about.
    conn.executemany(
        f"INSERT OR IGNORE INTO {TABLE} (term) VALUES (?)", ((t,) for t in sorted(set(terms)))
    )


def _index_vocabulary(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {_VOCABULARY} "
        "USING fts5vocab(main, article_index, row)"
    )


def refill(conn: sqlite3.Connection) -> int:
    """The list again from the index's own terms (one pass over the whole index; in the
    caller's transaction); returns how many there are."""
    _index_vocabulary(conn)
    conn.execute(f"DELETE FROM {TABLE}")
    conn.execute(f"INSERT INTO {TABLE} (term) SELECT term FROM {_VOCABULARY}")
    return conn.execute(f"SELECT count(*) FROM {TABLE}").fetchone()[0]


def starting_with(conn: sqlite3.Connection, prefix: str, limit: int) -> list[str] | None:
    """The terms starting with `prefix`, in order; None when there are more than `limit`."""
    found = [
        row[0]
        for row in conn.execute(
            f"SELECT term FROM {TABLE} WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
            (prefix, prefix + _LAST, limit + 1),
        )
    ]
    return None if len(found) > limit else found


def missing(conn: sqlite3.Connection) -> int:
    """How many of the index's terms the list lacks (0 when it is whole): one pass over
    the index, for the library check."""
    _index_vocabulary(conn)
    return conn.execute(
        f"SELECT count(*) FROM {_VOCABULARY} v WHERE NOT EXISTS "
        f"(SELECT 1 FROM {TABLE} t WHERE t.term = v.term)"
    ).fetchone()[0]
