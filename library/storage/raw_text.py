"""An article's raw text, stored compressed (`articles.raw_z`).

The raw text, exactly as decoded on import, is kept for provenance and re-cleaning but
rarely read (re-cleaning, a BagIt package, `show`), while the library file holds it for
every article. Since schema 7 it is stored as zlib-compressed UTF-8 (RFC 1950, level 6)
in `articles.raw_z`, and `articles.raw` is left empty. Measured on synthetic and real
Arabic news (bench/million_bench.py): zlib level 6 keeps 27-31% of the bytes at about
0.1-0.2 ms an article and reads back in 0.02 ms; lzma (preset 1) kept 27-33% at 3-7x
the time, and the standard library has no zstd.

A row written by an importer that still fills `raw` (raw_z NULL) reads back the same:
`unpack` takes raw_z when it is set, else raw. Anyone can read it back without Hashiya:
`python -c "import zlib,sys; print(zlib.decompress(blob).decode())"`, or sqlite-utils.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

LEVEL = 6


def pack(text: str) -> bytes:
    """`text` as stored in `articles.raw_z`."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), LEVEL)


def unpack(row_or_bytes: bytes | memoryview | Sequence | None) -> str:
    """The raw text from `raw_z` bytes, or from a row `(raw, raw_z)` (a tuple or a
    `sqlite3.Row` with those two columns, by name when it has them): raw_z when it is
    set, else raw (a row an older importer wrote)."""
    if row_or_bytes is None:
        return ""
    if isinstance(row_or_bytes, bytes | bytearray | memoryview):
        return zlib.decompress(row_or_bytes).decode("utf-8", "surrogatepass")
    try:
        raw, raw_z = row_or_bytes["raw"], row_or_bytes["raw_z"]
    except (IndexError, KeyError, TypeError):
        raw, raw_z = row_or_bytes[0], row_or_bytes[1]
    if raw_z is not None:
        return unpack(raw_z)
    return raw or ""


# How the columns are read in SQL: select this, hand the two values to `unpack`.
COLUMNS = "raw, raw_z"


def raw_of(lib, article_id: int) -> str:
    """The raw text of one article ('' for an article not in the library)."""
    row = lib.conn.execute(f"SELECT {COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    return "" if row is None else unpack(tuple(row))


def sql_raw(raw: str | None, raw_z: bytes | None) -> str | None:
    """`unpack` as an SQL function (`hashiya_raw(raw, raw_z)`, registered on every
    connection the library opens), for code that reads rows in SQL."""
    if raw_z is None:
        return raw
    return unpack(raw_z)


def register(conn) -> None:
    conn.create_function("hashiya_raw", 2, sql_raw, deterministic=True)
