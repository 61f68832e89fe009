"""Page templates: the markup many pages of one site share, stored once.

An article read from a web page keeps the page's HTML as its raw text
(`library.storage.raw_text`), compressed against its own body. What is left is the
page's chrome (head, scripts, navigation, footer), which every page of the site repeats.
So the importer keeps the start of an earlier page of the same site (`SiteTemplates` in
`library.ingest.site_templates`) in `raw_templates`, once, and packs the later pages
against it: `articles.raw_template` names it.

A template is immutable: rows are added, never changed, and an article's raw text reads
back only with the very bytes it was packed against (zlib checks their Adler-32). Its
key is the SHA-256 of its bytes, so the same template met twice (two workers, two
imports) is stored once. A template no article names any more (its articles deleted)
stays: at most 32 KiB a site, where finding the unused ones would read every article.
"""

from __future__ import annotations

import hashlib
import sqlite3

TABLE = "raw_templates"


def create(conn: sqlite3.Connection) -> None:
    conn.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, "
        "digest TEXT NOT NULL UNIQUE, data BLOB NOT NULL)"
    )


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored(conn: sqlite3.Connection, digest: str, data: bytes | None) -> int:
    """The id of the template `digest` names, storing `data` (its bytes) when it is not
    there yet. Without `data`, the template must already be stored (the importer sends
    a template's bytes with the first page packed against it)."""
    if data is not None:
        conn.execute(
            f"INSERT INTO {TABLE} (digest, data) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING",
            (digest, data),
        )
    row = conn.execute(f"SELECT id FROM {TABLE} WHERE digest = ?", (digest,)).fetchone()
    if row is None:
        raise LookupError(f"page template {digest[:12]}… is not in the library")
    return row[0]
