"""An article's raw text, stored compressed (`articles.raw_z`).

The raw text, exactly as decoded on import, is kept for provenance and re-cleaning but
rarely read (re-cleaning, a BagIt package, `show`), while the library file holds it for
every article. Since schema 7 it is stored as zlib-compressed UTF-8 (RFC 1950, level 6)
in `articles.raw_z`, and `articles.raw` is left empty. Measured on synthetic and real
Arabic news (bench/million_bench.py): zlib level 6 keeps 27-31% of the bytes at about
0.1-0.2 ms an article and reads back in 0.02 ms; lzma (preset 1) kept 27-33% at 3-7x
the time, and the standard library has no zstd.

Since schema 11 the importer compresses the raw text against the article's own cleaned
body (`reference`), given to zlib as a preset dictionary (RFC 1950's FDICT): a
plain-text article's raw text is nearly its body, and then takes a few dozen bytes
instead of a third of its size (a web page's HTML holds its text too). Such a stream
says so in its header (the FDICT bit, `uses_reference`), so a reader knows to ask for
the body. Not the title: the user edits it as metadata. When the body changes
(`articles.replace_text`, a re-clean), the raw text is packed again against the new one;
a trigger of migration 11 refuses a change of the body that leaves such a raw_z behind
(another program's edit), since the raw text could no longer be read back.

Since schema 13 the raw HTML of a page is also packed against a template of its site
(`library.storage.page_templates`): the bytes of an earlier page of the same site, in
`raw_templates`, named by `articles.raw_template`. Pages of one site share most of
their markup (head, navigation, footer, scripts), which the body does not hold: on the
benchmark's news pages a page took 600 bytes against its body alone, 140 against its
site's template and its body. The preset dictionary is then the template followed by
the body (its last 32 KiB, the body nearest).

A row written by an importer that still fills `raw` (raw_z NULL) reads back the same:
`unpack` takes raw_z when it is set, else raw. Anyone can read it back without Hashiya:
`zlib.decompress(raw_z)` for a stream without FDICT; with it,
`d = zlib.decompressobj(zdict=(template + body.encode())[-32768:])` (template
`b""` when `raw_template` is NULL) and `d.decompress(raw_z)`, or sqlite-utils.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

LEVEL = 6
# Deflate looks back at most 32 KiB, so only a reference's last 32 KiB can be used.
WINDOW = 32 * 1024
# The zlib header's second byte with the FDICT bit set, for CMF 0x78 (every FLG that
# makes the header a multiple of 31): what migration 11's trigger tests in SQL.
REFERENCE_FLAGS = ("20", "3F", "7D", "BB", "F9")


def reference(body: str, template: bytes | None = None) -> bytes:
    """What an article's raw text is compressed against: its site's page template (if
    any) followed by its cleaned body, as much as deflate can look back at."""
    return ((template or b"") + body.encode("utf-8", "surrogatepass"))[-WINDOW:]


def pack(text: str, body: str | None = None, template: bytes | None = None) -> bytes:
    """`text` as stored in `articles.raw_z`: against the article's `body` when given,
    after its site's `template` when given (see the module's docstring), else on its
    own."""
    data = text.encode("utf-8", "surrogatepass")
    if not body and not template:
        return zlib.compress(data, LEVEL)
    packer = zlib.compressobj(LEVEL, zdict=reference(body or "", template))
    return packer.compress(data) + packer.flush()


def uses_reference(raw_z: bytes | memoryview) -> bool:
    """Whether `raw_z` was packed against its article's text (the FDICT bit)."""
    return len(raw_z) >= 2 and bool(raw_z[1] & 0x20)


class NeedsText(ValueError):
    """Raw text packed against its article's text, read without that text."""


def _unpack_bytes(
    raw_z: bytes | memoryview, body: str | None, template: bytes | None = None
) -> str:
    if not uses_reference(raw_z):
        return zlib.decompress(raw_z).decode("utf-8", "surrogatepass")
    if body is None:
        raise NeedsText("this raw text is compressed against its article's body")
    reader = zlib.decompressobj(zdict=reference(body, template))
    try:
        data = reader.decompress(raw_z) + reader.flush()
    except zlib.error as exc:
        # zlib checks the dictionary's Adler-32 against the one the stream names.
        raise NeedsText(
            "this raw text is compressed against its site's page template "
            "(raw_templates.data of articles.raw_template) and its article's body"
            if not template
            else f"this raw text does not read back against the text given: {exc}"
        ) from exc
    return data.decode("utf-8", "surrogatepass")


def unpack(
    row_or_bytes: bytes | memoryview | Sequence | None,
    body: str | None = None,
    template: bytes | None = None,
) -> str:
    """The raw text from `raw_z` bytes (with its article's `body` and its page
    `template` when it was packed against them), or from a row
    `(raw, raw_z[, body[, template]])` (a tuple, or a `sqlite3.Row` with those columns,
    by name when it has them): raw_z when it is set, else raw (a row an older importer
    wrote)."""
    if row_or_bytes is None:
        return ""
    if isinstance(row_or_bytes, bytes | bytearray | memoryview):
        return _unpack_bytes(row_or_bytes, body, template)
    row = row_or_bytes
    try:
        raw, raw_z, body = row["raw"], row["raw_z"], row["body"]
        names = row.keys()  # a sqlite3.Row's `in` looks at its values
        template = row["raw_template_data"] if "raw_template_data" in names else None
    except (IndexError, KeyError, TypeError, AttributeError):
        raw, raw_z = row[0], row[1]
        if len(row) >= 3:
            body = row[2]
        if len(row) >= 4:
            template = row[3]
    if raw_z is not None:
        return _unpack_bytes(raw_z, body, template)
    return raw or ""


# The page template's bytes, beside an article's row (`library.storage.page_templates`).
TEMPLATE = "(SELECT data FROM raw_templates WHERE raw_templates.id = articles.raw_template)"
# How the columns are read in SQL (FROM articles, not an alias of it): select this, hand
# the four values to `unpack`.
COLUMNS = f"raw, raw_z, body, {TEMPLATE} AS raw_template_data"


def raw_of(lib, article_id: int) -> str:
    """The raw text of one article ('' for an article not in the library)."""
    row = lib.conn.execute(f"SELECT {COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    return "" if row is None else unpack(tuple(row))


def template_of(conn, article_id: int) -> bytes | None:
    """The page template an article's raw text is packed against, if any."""
    row = conn.execute(f"SELECT {TEMPLATE} FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else row[0]


def sql_raw(
    raw: str | None,
    raw_z: bytes | None,
    body: str | None = None,
    template: bytes | None = None,
) -> str | None:
    """`unpack` as an SQL function, registered on every connection the library opens,
    for code that reads rows in SQL: `hashiya_raw(raw, raw_z, body, template)` with
    `TEMPLATE` as the last argument, reads every row. The three-argument form reads raw
    text packed without a page template, the two-argument form raw text packed on its
    own."""
    if raw_z is None:
        return raw
    return _unpack_bytes(raw_z, body, template)


def register(conn) -> None:
    for arguments in (2, 3, 4):
        conn.create_function("hashiya_raw", arguments, sql_raw, deterministic=True)
