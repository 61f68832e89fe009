"""The full-text index: FTS5 over folded keys, kept in step with the articles.

SQLite's tokenizer folds no Arabic (DESIGN.md fact 2), so the index holds the output of
`library.text.arabic.index_text`: per article, the exact (normalised) keys and the light
stems, for the title and captions and for the body. The table is contentless, because
the keys can always be derived again from the article, and storing them would double
the file; a row is removed by handing FTS5 the same keys back ('delete' command).
The rules' version is recorded in `meta`, so a library indexed under older rules is
rebuilt (`rebuild`) rather than searched with mismatched keys.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from library.storage import index_terms
from library.storage.meta import read_meta, write_meta
from library.text.arabic import RULES_VERSION, UNICODE_VERSION, index_text

META_KEY = "search_rules_version"
# Folding follows the running Python's Unicode tables too, so both are recorded.
CURRENT = f"{RULES_VERSION}/{UNICODE_VERSION}"


@dataclass(frozen=True, slots=True)
class Keys:
    title: str
    title_stem: str
    body: str
    body_stem: str

    @property
    def words(self) -> int:
        """Words in the body, as search sees them (runs of letters or digits)."""
        return self.body.count(" ") + 1 if self.body else 0


def keys_for(title: str, body: str, captions: list[str]) -> Keys:
    head_exact, head_stem = index_text("\n".join([title, *captions]))
    body_exact, body_stem = index_text(body)
    return Keys(head_exact, head_stem, body_exact, body_stem)


_INSERT = (
    "INSERT INTO article_index (rowid, title, title_stem, body, body_stem) VALUES (?, ?, ?, ?, ?)"
)


def add(conn: sqlite3.Connection, article_id: int, keys: Keys, *, listed: bool = False) -> None:
    """Index an article; `listed`: its terms are already in `index_terms` (an import
    records a batch's terms at once)."""
    if not listed:
        index_terms.record(conn, terms_of(keys))
    conn.execute(_INSERT, (article_id, keys.title, keys.title_stem, keys.body, keys.body_stem))


def add_all(conn: sqlite3.Connection, articles: list[tuple[int, Keys]]) -> None:
    """Index many articles whose terms are already in `index_terms` (an import batch)."""
    conn.executemany(
        _INSERT, ((i, k.title, k.title_stem, k.body, k.body_stem) for i, k in articles)
    )


def terms_of(keys: Keys) -> set[str]:
    return index_terms.of(keys.title, keys.title_stem, keys.body, keys.body_stem)


def remove(conn: sqlite3.Connection, article_id: int, keys: Keys) -> None:
    conn.execute(
        "INSERT INTO article_index (article_index, rowid, title, title_stem, body, body_stem) "
        "VALUES ('delete', ?, ?, ?, ?, ?)",
        (article_id, keys.title, keys.title_stem, keys.body, keys.body_stem),
    )


# FTS5 keeps the terms of a transaction in memory and writes them out as a new segment
# when they pass its 'hashsize' (1 MB by default), so an import batch of a few thousand
# articles became several small segments for the merges to rewrite. 64 MB holds a batch
# of 8,000 (library.ingest.importer.BATCH_ARTICLES; bench/million_bench.py). 'hashsize'
# is an option of FTS5's configuration table (fts5_config.c) that its documentation
# does not list: where a SQLite lacks it, the default stays.
PENDING_BYTES = 64 * 2**20


def hold_batches(lib) -> None:
    """Let an import batch's index terms stay in memory until its commit (once per
    library; the setting is stored in the index's own configuration)."""
    try:
        found = lib.conn.execute(
            "SELECT v FROM article_index_config WHERE k = 'hashsize'"
        ).fetchone()
        if found is not None and found[0] == PENDING_BYTES:
            return
        with lib.transaction():
            lib.conn.execute(
                "INSERT INTO article_index (article_index, rank) VALUES ('hashsize', ?)",
                (PENDING_BYTES,),
            )
    except sqlite3.OperationalError:
        pass  # an FTS5 without the option (or a read-only file): FTS5's default


def indexed_version(conn: sqlite3.Connection) -> str | None:
    return read_meta(conn, META_KEY)


def is_current(conn: sqlite3.Connection) -> bool:
    return indexed_version(conn) == CURRENT


def rebuild(conn: sqlite3.Connection) -> int:
    """Re-derive the whole index (inside the caller's transaction); returns articles indexed."""
    conn.execute("INSERT INTO article_index (article_index) VALUES ('delete-all')")
    count = 0
    for row in conn.execute("SELECT id, title, body, captions FROM articles"):
        add(conn, row[0], keys_for(row[1], row[2], json.loads(row[3])), listed=True)
        count += 1
    index_terms.refill(conn)  # read back from the index: stale terms go too
    mark_current(conn)
    return count


def mark_current(conn: sqlite3.Connection) -> None:
    write_meta(conn, META_KEY, CURRENT)
