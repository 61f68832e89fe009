"""The articles' secondary indexes, built once at the end of a large first import.

An import inserts each article into every index of the articles table (title key, date,
site, source, words, authors, ids): a random insert in each, per article. Building an
index over rows already there is one sort. At 300,000 text files into an empty library
the import took 84.1 s keeping them, 73.9 s plus 2.9 s building them at the end; at
1,000,000 (bench/million_bench.py) the importing process's CPU went from 235 to 203 s,
and the import from 2.54x to 2.09x the plain FTS5 insert measured in the same run. So an
import of many files into an empty library drops them at its start (`defer`) and builds
them again at its end, however it ends (`restore`). The unique index on the text's hash stays: it is how a
duplicate is recognised.

Which indexes were dropped is written in `meta` (their SQL, as the schema held it) in
the same transaction that drops them, so a process killed in between leaves a library
that knows what it misses: opening it builds them again before anything reads it. Until
then every query still works, only slower (the library list's other sort orders).
"""

from __future__ import annotations

import json
import sqlite3

from library.storage.meta import read_meta, write_meta

META_KEY = "deferred_indexes"


def defer(conn: sqlite3.Connection) -> int:
    """Drop the articles' secondary indexes (inside the caller's transaction), noting
    them for `restore`; returns how many."""
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles' "
        "AND sql IS NOT NULL ORDER BY name"
    ).fetchall()
    noted = dict(json.loads(read_meta(conn, META_KEY) or "{}"))
    for name, sql in found:
        noted[name] = sql
        conn.execute(f'DROP INDEX "{name}"')
    write_meta(conn, META_KEY, json.dumps(noted))
    return len(found)


def pending(conn: sqlite3.Connection) -> bool:
    return read_meta(conn, META_KEY) is not None


def restore(conn: sqlite3.Connection) -> int:
    """Build the indexes `defer` dropped (inside the caller's transaction); returns how
    many were built."""
    noted = read_meta(conn, META_KEY)
    if noted is None:
        return 0
    there = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    built = 0
    for name, sql in json.loads(noted).items():
        if name not in there:
            conn.execute(sql)
            built += 1
    write_meta(conn, META_KEY, None)
    return built
