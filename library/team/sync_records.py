"""Reading shared records out of the library and writing pulled ones into it, per kind.

A record is what the team shares of one row: a JSON object (`payload`) free of this
library's own numbers (an annotation names its article by content hash, not by id; a
tagged article is the pair tag name, content hash), so it means the same in every
library. `read` returns the current records of some keys (None for a key whose row is
gone: a tombstone); `write` and `delete` apply a pulled record. Columns are taken from
the tables themselves, so a column a later migration adds travels without a change here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from library.storage.database import Library
from library.storage.migrations import ARTICLE_SYNCED_FIELDS

# Kinds stored in a table with a text `id` primary key, and that table.
BY_ID = {
    "entity_type": "entity_types",
    "relation_type": "relation_types",
    "entity": "entities",
    "annotation": "annotations",
    "segment": "segments",
    "relation": "relations",
}
# Kinds whose rows belong to an article (named by content hash in the record).
ON_ARTICLE = {"annotation", "segment"}
ARTICLE_TEXT = ("title", "body", "captions")
ARTICLE_FIELDS = tuple(f for f in ARTICLE_SYNCED_FIELDS if f not in ARTICLE_TEXT)


class MissingArticle(Exception):
    """A pulled record's article is not in this library (the record is parked)."""


def _columns(lib: Library, table: str) -> list[str]:
    return [r[1] for r in lib.conn.execute(f"PRAGMA table_info({table})")]


def _keys_filter(column: str, keys: list[str] | None) -> tuple[str, tuple]:
    if keys is None:
        return "", ()
    return f" WHERE {column} IN (SELECT value FROM json_each(?))", (json.dumps(keys),)


def read(  # noqa: PLR0912 - one branch per kind of record
    lib: Library, kind: str, keys: Iterable[str] | None, *, share_text: bool = False
) -> dict[str, tuple[dict | None, dict | None]]:
    """{key: (payload, text)} for `keys` (every record of the kind when None); a key
    whose row is gone maps to (None, None). `text` is an article's title, body and
    captions when `share_text`, else None."""
    wanted = None if keys is None else list(dict.fromkeys(keys))
    found: dict[str, tuple[dict | None, dict | None]] = {}
    conn = lib.conn
    if kind in BY_ID:
        table = BY_ID[kind]
        columns = [c for c in _columns(lib, table) if c != "article_id"]
        select = ", ".join(f't."{c}"' for c in columns)
        if kind in ON_ARTICLE:
            sql = (
                f"SELECT {select}, a.content_hash FROM {table} t "
                "JOIN articles a ON a.id = t.article_id"
            )
        else:
            sql = f"SELECT {select} FROM {table} t"
        where, params = _keys_filter("t.id", wanted)
        for row in conn.execute(sql + where, params):
            payload = dict(zip(columns, row, strict=False))
            if kind in ON_ARTICLE:
                payload["article"] = row[len(columns)]
            found[payload["id"]] = (payload, None)
    elif kind == "article":
        fields = ", ".join(ARTICLE_FIELDS + ARTICLE_TEXT)
        where, params = _keys_filter("content_hash", wanted)
        for row in conn.execute(f"SELECT content_hash, {fields} FROM articles" + where, params):
            values = dict(zip(ARTICLE_FIELDS + ARTICLE_TEXT, row[1:], strict=True))
            payload = {f: values[f] for f in ARTICLE_FIELDS}
            text = {f: values[f] for f in ARTICLE_TEXT} if share_text else None
            found[row[0]] = (payload, text)
    elif kind == "tag":
        where, params = _keys_filter("name", wanted)
        for (name,) in conn.execute("SELECT name FROM tags" + where, params):
            found[name] = ({}, None)
    elif kind == "article_tag":
        key = "json_array(g.name, a.content_hash)"
        where, params = _keys_filter(key, wanted)
        sql = (
            f"SELECT {key} FROM article_tags t JOIN tags g ON g.id = t.tag_id "
            "JOIN articles a ON a.id = t.article_id"
        )
        for (k,) in conn.execute(sql + where, params):
            found[k] = ({}, None)
    elif kind == "entity_term":
        key = "json_array(entity_id, lang, term)"
        where, params = _keys_filter(key, wanted)
        for k, forbidden in conn.execute(
            f"SELECT {key}, forbidden FROM entity_terms" + where, params
        ):
            found[k] = ({"forbidden": forbidden}, None)
    else:
        raise ValueError(f"unknown record kind {kind!r}")
    if wanted is not None:
        for key in wanted:
            found.setdefault(key, (None, None))
    return found


def _article_id(lib: Library, content_hash: str | None) -> int:
    row = lib.conn.execute(
        "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
    ).fetchone()
    if row is None:
        raise MissingArticle(content_hash)
    return row[0]


def _article_from_text(lib: Library, key: str, payload: dict, text: dict | None) -> int:
    """An article a colleague shared the text of (`sync --share-text`), made here as an
    import would make it (indexed, searchable), so the records on it can land. Without
    text, or with a text whose hash is not the record's, it stays missing (parked)."""
    from library.ingest.formats.draft import Draft
    from library.ingest.importer import ImportReport, store_batch
    from library.ingest.preparing import prepare
    from library.storage.articles import content_hash

    if not text or not isinstance(text.get("body"), str) or not text["body"]:
        raise MissingArticle(key)
    captions = text.get("captions") or []
    if isinstance(captions, str):  # the column's JSON, as read from the library
        try:
            captions = json.loads(captions)
        except ValueError:
            captions = []
    captions = [c for c in captions if isinstance(c, str)] if isinstance(captions, list) else []
    title = text.get("title") if isinstance(text.get("title"), str) else ""
    if content_hash(title, text["body"], captions) != key:
        raise MissingArticle(key)  # not the text the record was made on
    draft = Draft(
        title=title,
        body=text["body"],
        raw=text["body"],
        encoding="utf-8",
        format="team",
        captions=captions,
        date=payload.get("date"),
        url=payload.get("url"),
        site=payload.get("site"),
    )
    store_batch(lib, [(Path("team library"), [prepare(draft)])], ImportReport())
    return _article_id(lib, key)


def article_of(kind: str, key: str, payload: dict | None) -> str | None:
    """The content hash of the article a record belongs to, if it belongs to one."""
    if payload is not None and kind in ON_ARTICLE:
        return payload.get("article")
    if kind == "article_tag":
        return json.loads(key)[1]
    if kind == "article":
        return key
    return None


def write(lib: Library, kind: str, key: str, payload: dict, text: dict | None) -> None:
    """Insert or update a pulled record. Raises `MissingArticle` when its article is not
    here, `sqlite3.IntegrityError` when a record it names (an entity, a mention) is not."""
    conn = lib.conn
    if kind in BY_ID:
        table = BY_ID[kind]
        values = dict(payload)
        if kind in ON_ARTICLE:
            values["article_id"] = _article_id(lib, values.pop("article", None))
        known = set(_columns(lib, table))
        values = {c: v for c, v in values.items() if c in known}
        names = list(values)
        quoted = ", ".join(f'"{c}"' for c in names)
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in names if c != "id")
        conn.execute(
            f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(names))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}",
            [values[c] for c in names],
        )
    elif kind == "article":
        try:
            article_id = _article_id(lib, key)
        except MissingArticle:
            article_id = _article_from_text(lib, key, payload, text)
        fields = [f for f in ARTICLE_FIELDS if f in payload]
        if fields:
            conn.execute(
                f"UPDATE articles SET {', '.join(f'{f} = ?' for f in fields)} WHERE id = ?",
                [payload[f] for f in fields] + [article_id],
            )
    elif kind == "tag":
        conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (key,))
    elif kind == "article_tag":
        name, content_hash = json.loads(key)
        article_id = _article_id(lib, content_hash)
        conn.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
        conn.execute(
            "INSERT OR IGNORE INTO article_tags (article_id, tag_id) "
            "SELECT ?, id FROM tags WHERE name = ?",
            (article_id, name),
        )
    elif kind == "entity_term":
        entity_id, lang, term = json.loads(key)
        conn.execute(
            "INSERT INTO entity_terms (entity_id, lang, term, forbidden) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (entity_id, lang, term) DO UPDATE SET forbidden = excluded.forbidden",
            (entity_id, lang, term, payload.get("forbidden", 0)),
        )
    else:
        raise ValueError(f"unknown record kind {kind!r}")


def delete(lib: Library, kind: str, key: str) -> None:
    """Remove a record a pulled tombstone names (nothing if it is not here). Raises
    `sqlite3.IntegrityError` when rows of this library still point at it."""
    conn = lib.conn
    if kind in BY_ID:
        conn.execute(f"DELETE FROM {BY_ID[kind]} WHERE id = ?", (key,))
    elif kind == "tag":
        conn.execute("DELETE FROM tags WHERE name = ?", (key,))
    elif kind == "article_tag":
        name, content_hash = json.loads(key)
        conn.execute(
            "DELETE FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ?) "
            "AND article_id = (SELECT id FROM articles WHERE content_hash = ?)",
            (name, content_hash),
        )
    elif kind == "entity_term":
        entity_id, lang, term = json.loads(key)
        conn.execute(
            "DELETE FROM entity_terms WHERE entity_id = ? AND lang = ? AND term = ?",
            (entity_id, lang, term),
        )
    elif kind == "article":
        pass  # an article leaves a library only by its owner's hand, never by a sync
    else:
        raise ValueError(f"unknown record kind {kind!r}")
