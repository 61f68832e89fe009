"""The library's own vocabulary: in how many articles each folded word occurs.

Read from the search index itself (FTS5's `fts5vocab` over the `body` column of
`article_index`, whose terms are the folded words of `library.text.arabic.fold`), so it
costs no table of its own and is always in step with the articles. Re-cleaning uses it to
tell two words glued together (`عمليبدأ`: `عمل` and `يبدأ` are frequent, the glued form is
not) from a word of its own (`library.ingest.cleaning.vocabulary_split`).

Counts are read once per word and kept for the life of the object, so a re-clean that
changes articles as it goes decides every article on the vocabulary it started with.
"""

from __future__ import annotations

import sqlite3

_TABLE = "temp.article_vocabulary"


class Vocabulary:
    """In how many articles' bodies a folded word occurs (`articles`), as the index says."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {_TABLE} USING fts5vocab(main, article_index, col)"
        )
        self._conn = conn
        self._counts: dict[str, int] = {}

    def articles(self, key: str) -> int:
        found = self._counts.get(key)
        if found is None:
            row = self._conn.execute(
                f"SELECT doc FROM {_TABLE} WHERE term = ? AND col = 'body'", (key,)
            ).fetchone()
            found = self._counts[key] = row[0] if row else 0
        return found
