"""The team library's tables on the PostgreSQL server, created and migrated by Hashiya.

One table per record kind (`hashiya_<kind>`), all of one shape: `key` (a uuid for
annotations, entities, relations and segments; the content hash for articles; a name or
a JSON array for tags, tagged articles and glossary terms), `payload` (the record, JSONB),
`text` (an article's title, body and captions, only when a member shared them with
`--share-text`; NULL elsewhere), `rev` (from the server-wide sequence `hashiya_rev`: every
write takes the next number, so "everything after revision N" is one comparison),
`origin` (the library that wrote it), `author`, `modified_at`, `deleted` (a tombstone),
and `change_id` (the journal change it came from). `hashiya_changes` records which
changes are on the server and at which revision, so a change pushed twice (after a
crash) is written once. `hashiya_schema` holds the schema version and the server's own
uuid. Writers take one advisory lock (`WRITE_LOCK`) for the whole push: revisions then
become visible in order, and a reader that saw revision N has seen everything before it.
"""

from __future__ import annotations

import uuid

import psycopg

# The kinds in the order a record may depend on the ones before it (a mention on its
# article and entity, a relation on its mentions): pulled writes are applied in this
# order and deletions in the reverse one.
KINDS = (
    "entity_type",
    "relation_type",
    "tag",
    "article",
    "entity",
    "entity_term",
    "annotation",
    "segment",
    "article_tag",
    "relation",
)

SCHEMA_VERSION = 1

# pg_advisory_xact_lock key of pushes ("hashiya" in ASCII, folded into 63 bits).
WRITE_LOCK = 0x68617368697961


class ServerSchemaError(Exception):
    """The server's schema cannot be used by this version; the message says why."""


def table(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}")
    return f"hashiya_{kind}"


def _v1(cur: psycopg.Cursor) -> None:
    cur.execute("CREATE SEQUENCE hashiya_rev")
    for kind in KINDS:
        name = table(kind)
        cur.execute(
            f"CREATE TABLE {name} ("
            "key TEXT PRIMARY KEY, payload JSONB NOT NULL, text JSONB, rev BIGINT NOT NULL, "
            "origin UUID NOT NULL, author TEXT, modified_at TIMESTAMPTZ NOT NULL DEFAULT now(), "
            "deleted BOOLEAN NOT NULL DEFAULT false, change_id UUID)"
        )
        cur.execute(f"CREATE INDEX {name}_rev ON {name}(rev)")
    cur.execute("CREATE TABLE hashiya_changes (change_id UUID PRIMARY KEY, rev BIGINT NOT NULL)")


MIGRATIONS = [_v1]


def ensure(conn: psycopg.Connection) -> str:
    """Create or bring the schema up to date (in one transaction, under the write lock so
    two first syncs do not race); returns the server's uuid. A schema newer than this
    version knows is refused, never touched."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT to_regclass('hashiya_schema')")
        if cur.fetchone()[0] is None:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            cur.execute(
                "CREATE TABLE IF NOT EXISTS hashiya_schema "
                "(version INTEGER NOT NULL, server_id UUID NOT NULL)"
            )
        cur.execute("SELECT version, server_id FROM hashiya_schema")
        row = cur.fetchone()
        version, server_id = row if row else (0, None)
        if version > SCHEMA_VERSION:
            raise ServerSchemaError(
                f"the team library on this server was made by a newer Hashiya (schema "
                f"{version}, this one knows {SCHEMA_VERSION}); please upgrade Hashiya"
            )
        if version < SCHEMA_VERSION:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            cur.execute("SELECT version, server_id FROM hashiya_schema FOR UPDATE")
            row = cur.fetchone()
            version, server_id = row if row else (0, None)
            for step in MIGRATIONS[version:]:
                step(cur)
            if row is None:
                server_id = str(uuid.uuid4())
                cur.execute(
                    "INSERT INTO hashiya_schema VALUES (%s, %s)", (SCHEMA_VERSION, server_id)
                )
            else:
                cur.execute("UPDATE hashiya_schema SET version = %s", (SCHEMA_VERSION,))
        return str(server_id)
