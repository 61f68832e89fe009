"""The folded title of each article (`articles.title_key`): what the library list filters
and sorts titles by.

The key is the title's words folded as search folds them (`library.text.arabic.fold`:
diacritics and tatweel gone, alef and hamza forms, ى/ي and ة/ه made one, Latin
case-folded), joined by single spaces, punctuation left out. So the filter `الامم` finds
a title holding `الأُمَم`, and a plain binary comparison of keys collates Arabic: once
folded, the letters' code points run in the alphabet's order (ا ب ت ث … ن ه و ي; ة and
ى, out of order in Unicode, have become ه and ي), so مُحَمَّد sorts with محمد, before
ميناء, instead of after every undiacritised title.

The key is stored, with an index, rather than computed by a function or collation
registered on our connections: sqlite-utils, Datasette or a script open the file too, and
a schema that needed a function of ours could not be read, sorted or written by them.
A row written by such a program has no key (NULL): the list falls back on its title as
it is (`SORT_EXPRESSION`, which the index is on), and the next writable open keys it
(`refresh`, cheap when there is nothing to do: a partial index holds the unkeyed rows).
The keys follow the folding rules, whose version is recorded in `meta`; a library keyed
under other rules is keyed again on open, as the search index is rebuilt.
"""

from __future__ import annotations

import re
import sqlite3

from library.storage.database import Library
from library.storage.meta import read_meta, write_meta
from library.text.arabic import RULES_VERSION, UNICODE_VERSION, fold

META_KEY = "title_key_rules_version"
CURRENT = f"{RULES_VERSION}/{UNICODE_VERSION}"
# What the list sorts and filters by: the key, or the title of a row not keyed yet. The
# index articles_title_key is on this very expression (so `a` must name `articles`).
SORT_EXPRESSION = "coalesce(a.title_key, a.title)"

_WORD = re.compile(r"[^\W_]+")


def title_key(text: str) -> str:
    """The folded words of a title (or of what the user typed in the filter box)."""
    return " ".join(_WORD.findall(fold(text)))


def create(conn: sqlite3.Connection) -> None:
    """The column and its indexes, and a key for every article (a schema step)."""
    conn.execute("ALTER TABLE articles ADD COLUMN title_key TEXT")
    conn.execute("CREATE INDEX articles_title_key ON articles(coalesce(title_key, title))")
    conn.execute("CREATE INDEX articles_unkeyed ON articles(id) WHERE title_key IS NULL")
    rekey(conn)


def rekey(conn: sqlite3.Connection, *, only_missing: bool = False) -> int:
    """Key the articles (inside the caller's transaction): all of them, or only those
    without a key; returns how many were keyed."""
    where = " WHERE title_key IS NULL" if only_missing else ""
    rows = conn.execute(f"SELECT id, title FROM articles{where}").fetchall()
    conn.executemany(
        "UPDATE articles SET title_key = ? WHERE id = ?",
        [(title_key(title), article_id) for article_id, title in rows],
    )
    if not only_missing:
        write_meta(conn, META_KEY, CURRENT)
    return len(rows)


def _stale(conn: sqlite3.Connection) -> str | None:
    """ "all" when the keys follow other folding rules, "missing" when some rows have
    none, None when every key is current (two indexed look-ups)."""
    if read_meta(conn, META_KEY) != CURRENT:
        return "all"
    missing = conn.execute("SELECT 1 FROM articles WHERE title_key IS NULL LIMIT 1").fetchone()
    return "missing" if missing else None


def refresh(lib: Library) -> int:
    """Key the articles that need it, in a writable library (rows another program wrote,
    or every row after the folding rules changed); returns how many were keyed. Takes
    the write lock only when there is something to do."""
    if lib.readonly or _stale(lib.conn) is None:
        return 0
    with lib.transaction():
        stale = _stale(lib.conn)  # again, now that no other writer can come between
        return 0 if stale is None else rekey(lib.conn, only_missing=stale == "missing")
