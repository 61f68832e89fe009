"""Sync a library with the team library on a PostgreSQL server: push, then pull.

`sync(lib, url)` pushes what changed here since the last sync (the journal that
migration 9's triggers fill: annotations, entities with their merges, relations, entity
and relation types, tags on articles, translations (segments), glossary terms and
article metadata), then pulls what the others pushed since this library last pulled.
Records are keyed by uuid (articles by content hash, tags by name) and carry the server
revision they were written at; a deletion travels as a tombstone. An article's text
(title, body, captions) goes to the server only with `share_text`.

Conflicts. A pushed record that someone else changed on the server since this library
last saw it (the server's revision is newer than ours, another library wrote it, and the
two versions differ) is not written: the server keeps the other version, this library
keeps its own, and both are kept in the conflict list (`sync_conflicts`). A deletion
against an edit is a conflict too, as is a pulled deletion of something this library
still uses. Nothing is overwritten silently in either direction: a record in conflict
is neither pushed nor replaced by later pulls (later versions from the server update
the conflict's "theirs") until the user resolves it, with `hashiya conflicts` (the
list: both versions and who wrote theirs) and `hashiya conflicts resolve ID --keep
mine|theirs` (`library.team.sync_conflicts`): "theirs" puts the server's version here at
once, "mine" sends this library's version at the next sync. A change the server's
access rules refuse (row-level security: a member changes only their own layer's rows)
is a conflict too ("refused"), and the rest of the push goes through.

Parked records. A pulled annotation, translation segment or article tag whose article
(by content hash) is not in this library, or a record naming one that is parked, is
kept in `sync_parked` and applied at the first sync after the article is imported here
(before that sync even reaches the server: `apply_parked`).

Crash safety. The push is one PostgreSQL transaction under the team's write lock;
every change carries its journal change uuid, and the server records the changes it
took (`hashiya_changes`), so a push repeated after a crash between the server's commit
and this library's bookkeeping writes nothing twice. The bookkeeping (the revisions
seen, the journal acknowledged) is one SQLite transaction; the pull applies records and
advances the last pulled revision in one SQLite transaction. A sync killed at any moment
leaves both sides consistent, and the next one completes the work.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import conninfo, sql

import library.team.server_schema as schema
import library.team.sync_records as records
from library.marks.annotations import default_author
from library.storage.database import Library
from library.team import journal

Progress = Callable[[str, int, int], None]

# A process started with this variable set to a stage name stops there until it is
# killed (the tests' way to kill a sync at a known moment without timing guesses).
PAUSE_VARIABLE = "HASHIYA_SYNC_TEST_PAUSE"
STAGES = ("push-locked", "push-committed", "pull-applied")

CONNECT_TIMEOUT_S = 10


class SyncError(Exception):
    """The sync could not finish; the message is for the user. Nothing was lost: what
    was not pushed stays in the journal for the next sync."""


@dataclass
class SyncReport:
    server: str
    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0  # found by this sync
    open_conflicts: int = 0  # waiting for the user, this sync's included
    parked: int = 0  # pulled records waiting for their article
    first: bool = False  # the first sync of this library with this server

    def to_json(self) -> dict:
        return {
            "server": self.server,
            "pushed": self.pushed,
            "pulled": self.pulled,
            "conflicts": self.conflicts,
            "open_conflicts": self.open_conflicts,
            "parked": self.parked,
            "first": self.first,
        }


def _pause_for_tests(stage: str) -> None:
    if os.environ.get(PAUSE_VARIABLE) == stage:
        print(f"hashiya-sync-paused:{stage}", file=sys.stderr, flush=True)
        while True:
            signal.pause()


def describe_server(url: str) -> str:
    """The server as a user knows it (user@host:port/database), never its password."""
    try:
        parts = conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "the team server"
    host = parts.get("host") or "localhost"
    where = f"{host}:{parts['port']}" if parts.get("port") else host
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"{user}{where}/{parts.get('dbname', '')}"


def server_address(url: str) -> str:
    """`url` without its password (in the user part or as a `password=` parameter)."""
    parts = urlsplit(url)
    where = parts.netloc
    if "@" in where:
        user, host = where.rsplit("@", 1)
        where = f"{user.split(':', 1)[0]}@{host}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "password"])
    return urlunsplit((parts.scheme, where, parts.path, query, parts.fragment))


def check_url(url: str) -> None:
    if not url.startswith(("postgresql://", "postgres://")):
        raise ValueError(
            f"not a PostgreSQL URL: {url.rsplit('@', maxsplit=1)[-1]!r} "
            "(expected postgresql://USER@HOST[:PORT]/DATABASE)"
        )
    try:
        conninfo.conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise ValueError(f"not a valid PostgreSQL URL: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def connect(url: str) -> psycopg.Connection:
    check_url(url)
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
    except psycopg.Error as exc:
        raise SyncError(
            f"cannot reach the team library at {describe_server(url)}: {_first_line(exc)}; "
            "nothing was changed, your changes wait for the next sync"
        ) from None


def sync(
    lib: Library, url: str, *, share_text: bool = False, progress: Progress | None = None
) -> SyncReport:
    """Push this library's changes to the team library at `url`, then pull the team's
    (see the module's docstring for conflicts, parked records and crash safety)."""
    report = SyncReport(server=describe_server(url))
    tell = progress or (lambda _stage, _done, _total: None)
    check_url(url)
    if lib.conn.execute("SELECT 1 FROM sync_parked LIMIT 1").fetchone():
        apply_parked(lib)
    conn = connect(url)
    try:
        try:
            server_id = schema.ensure(conn)
            report.first = journal.get_state(lib, "server_id") != server_id
            if report.first:
                with lib.transaction():
                    # Another server (or the first sync): what this library knew of the
                    # last one means nothing here; everything is pushed and pulled.
                    lib.conn.execute("DELETE FROM sync_base")
                    journal.set_state(lib, "pulled_rev", 0)
                    # The full push below reads every record; from here on the journal
                    # catches what changes meanwhile, for the next push.
                    journal.start_journal(lib)
            _push(lib, conn, report, server_id=server_id, share_text=share_text, tell=tell)
            _pull(lib, conn, report, tell=tell)
        except psycopg.Error as exc:
            raise SyncError(
                f"the sync with {report.server} stopped: {_first_line(exc)}; nothing was "
                "lost (the server keeps whole pushes only, and unpushed changes wait here): "
                "sync again"
            ) from None
    finally:
        conn.close()
    with lib.transaction():
        # Where to sync next time (File ▸ Sync, a timer): never with the password,
        # which libpq finds in ~/.pgpass or $PGPASSWORD.
        journal.set_state(lib, "server", server_address(url))
    report.open_conflicts = len(journal.open_conflicts(lib))
    report.parked = lib.conn.execute("SELECT count(*) FROM sync_parked").fetchone()[0]
    return report


# ---- push ----------------------------------------------------------------------------


def _outgoing(lib: Library, *, full: bool, share_text: bool) -> tuple[list[tuple], int]:
    """The rows to push (kind, key, payload, text, deleted, base rev, change id, author,
    order) and the last journal seq they cover."""
    entries, upto = journal.pending(lib)
    conflicted = journal.open_conflicts(lib)
    changes: dict[str, dict[str, str]] = {kind: {} for kind in schema.KINDS}
    for entry in entries:
        if entry.kind in changes:
            changes[entry.kind][entry.key] = str(uuid.UUID(entry.change_id))
    me = default_author(lib)
    origin = journal.origin(lib)
    rows: list[tuple] = []
    for kind in schema.KINDS:
        found = records.read(lib, kind, None if full else changes[kind], share_text=share_text)
        if full:
            # A full push also sends the deletions still in the journal.
            found.update(records.read(lib, kind, changes[kind], share_text=share_text))
        base = journal.base_revs(lib, kind, found)
        for key, (payload, text) in found.items():
            if (kind, key) in conflicted:
                continue
            change_id = changes[kind].get(key) or _unjournaled_change(origin, kind, key, payload)
            author = (payload or {}).get("author") or me
            rows.append(
                (
                    kind,
                    key,
                    json.dumps(payload if payload is not None else {}, ensure_ascii=False),
                    None if text is None else json.dumps(text, ensure_ascii=False),
                    payload is None,
                    base.get(key),
                    change_id,
                    author,
                    len(rows),
                )
            )
    return rows, upto


def _unjournaled_change(origin: str, kind: str, key: str, payload: dict | None) -> str:
    """The change id of a record pushed without a journal entry (a full push: before the
    first sync nothing is journaled). Derived from this library, the record and its
    content, so a push repeated after a crash between the server's commit and this
    library's bookkeeping sends the same id, and the server knows it took it already."""
    content = json.dumps(payload, ensure_ascii=False, sort_keys=True)
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"hashiya:{origin}:{kind}:{key}:{content}"))


_INCOMING = (
    "CREATE TEMP TABLE hashiya_incoming (kind TEXT NOT NULL, key TEXT NOT NULL, "
    "payload JSONB NOT NULL, text JSONB, deleted BOOLEAN NOT NULL, base BIGINT, "
    "change_id UUID NOT NULL, author TEXT, n INTEGER NOT NULL, action TEXT, rev BIGINT, "
    "PRIMARY KEY (kind, key)) ON COMMIT DROP"
)


def _push(
    lib: Library,
    conn: psycopg.Connection,
    report: SyncReport,
    *,
    server_id: str,
    share_text: bool,
    tell: Progress,
) -> None:
    rows, upto = _outgoing(lib, full=report.first, share_text=share_text)
    me = journal.origin(lib)
    tell("push", 0, len(rows))
    results: list[tuple] = []
    theirs: list[tuple] = []
    if rows:
        try:
            results, theirs, report.pushed = _send(conn, rows, me, one_by_one=False)
        except psycopg.errors.InsufficientPrivilege:
            # The server's access rules (row-level security: members change their own
            # rows only) refused a row, and the whole push was rolled back. Again, a row
            # at a time: what is allowed goes; a refused row becomes a conflict.
            results, theirs, report.pushed = _send(conn, rows, me, one_by_one=True)
        _pause_for_tests("push-committed")
    tell("push", len(rows), len(rows))
    locals_by_key = {(r[0], r[1]): r for r in rows}
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    with lib.transaction():
        by_kind: dict[str, list[tuple[str, int]]] = {}
        for kind, key, rev in results:
            by_kind.setdefault(kind, []).append((key, rev))
        for kind, revs in by_kind.items():
            journal.set_base(lib, kind, revs)
        for kind, key, payload, deleted, author, rev, reason in theirs:
            mine = locals_by_key[(kind, key)]
            gone = deleted or payload is None
            _add_conflict(
                lib,
                kind,
                key,
                local=None if mine[4] else mine[2],
                remote=None if gone else json.dumps(payload, ensure_ascii=False),
                author=author,
                rev=rev,
                stamp=stamp,
                reason=reason,
            )
        report.conflicts += len(theirs)
        journal.acknowledge(lib, upto)
        journal.set_state(lib, "server_id", server_id)


def _send(
    conn: psycopg.Connection, rows: list[tuple], origin: str, *, one_by_one: bool
) -> tuple[list[tuple], list[tuple], int]:
    """One push transaction: (kind, key, rev) of every record the server now has as
    this library has it; the conflicts (kind, key, their payload, deleted, author, rev,
    reason); how many records were written."""
    theirs: list[tuple] = []
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (schema.WRITE_LOCK,))
        _pause_for_tests("push-locked")
        cur.execute(_INCOMING)
        with cur.copy(
            "COPY hashiya_incoming (kind, key, payload, text, deleted, base, change_id, "
            "author, n) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute("ANALYZE hashiya_incoming")
        # Changes the server already took (a push repeated after a crash).
        cur.execute(
            "UPDATE hashiya_incoming i SET action = 'known', rev = c.rev "
            "FROM hashiya_changes c WHERE c.change_id = i.change_id"
        )
        for kind in schema.KINDS:
            theirs += _push_kind(cur, kind, origin, one_by_one=one_by_one)
        cur.execute(
            "SELECT kind, key, rev FROM hashiya_incoming "
            "WHERE action NOT IN ('conflict', 'refused') AND rev IS NOT NULL"
        )
        results = cur.fetchall()
        cur.execute("SELECT count(*) FROM hashiya_incoming WHERE action = 'written'")
        written = cur.fetchone()[0]
    return results, theirs, written


# Writes the incoming rows of one kind still to be written (`{one}`: or one of them),
# each with the next revision, and records their change uuids.
_WRITE = (
    "WITH w AS (INSERT INTO {t} AS s (key, payload, text, rev, origin, author, "
    "modified_at, deleted, change_id) "
    "SELECT key, payload, text, nextval('hashiya_rev'), %(origin)s, author, now(), "
    "deleted, change_id FROM (SELECT * FROM hashiya_incoming WHERE kind = %(kind)s "
    "AND action IS NULL {one} ORDER BY n) AS i "
    "ON CONFLICT (key) DO UPDATE SET payload = excluded.payload, "
    "text = coalesce(excluded.text, s.text), rev = excluded.rev, "
    "origin = excluded.origin, author = excluded.author, "
    "modified_at = excluded.modified_at, deleted = excluded.deleted, "
    "change_id = excluded.change_id RETURNING key, rev, change_id), "
    "c AS (INSERT INTO hashiya_changes (change_id, rev) "
    "SELECT change_id, rev FROM w ON CONFLICT DO NOTHING) "
    "UPDATE hashiya_incoming i SET action = 'written', rev = w.rev FROM w "
    "WHERE i.kind = %(kind)s AND i.key = w.key"
)


def _push_kind(cur: psycopg.Cursor, kind: str, origin: str, *, one_by_one: bool) -> list[tuple]:
    """Classify and write the incoming rows of one kind; returns the conflicts as
    (kind, key, their payload, their deleted, their author, their rev, reason)."""
    t = sql.Identifier(schema.table(kind))
    params = {"kind": kind, "origin": origin}
    cur.execute(
        sql.SQL(
            "UPDATE hashiya_incoming i SET rev = s.rev, action = CASE "
            "WHEN s.payload = i.payload AND s.deleted = i.deleted "
            " AND (i.text IS NULL OR s.text IS NOT DISTINCT FROM i.text) THEN 'same' "
            "WHEN s.rev > coalesce(i.base, 0) AND s.origin <> %(origin)s THEN 'conflict' "
            "END FROM {t} s WHERE i.kind = %(kind)s AND i.action IS NULL AND s.key = i.key"
        ).format(t=t),
        params,
    )
    # A record made and deleted here before it was ever pushed: nothing to tell.
    cur.execute(
        sql.SQL(
            "UPDATE hashiya_incoming i SET action = 'gone' WHERE i.kind = %(kind)s "
            "AND i.action IS NULL AND i.deleted AND NOT EXISTS (SELECT 1 FROM {t} s "
            "WHERE s.key = i.key)"
        ).format(t=t),
        params,
    )
    if not one_by_one:
        cur.execute(sql.SQL(_WRITE).format(t=t, one=sql.SQL("")), params)
    else:
        cur.execute(
            "SELECT key FROM hashiya_incoming WHERE kind = %(kind)s AND action IS NULL ORDER BY n",
            params,
        )
        one = sql.SQL(_WRITE).format(t=t, one=sql.SQL("AND key = %(key)s"))
        for (key,) in cur.fetchall():
            try:
                with cur.connection.transaction():  # a savepoint
                    cur.execute(one, {**params, "key": key})
            except psycopg.errors.InsufficientPrivilege:
                cur.execute(
                    "UPDATE hashiya_incoming SET action = 'refused' "
                    "WHERE kind = %(kind)s AND key = %(key)s",
                    {**params, "key": key},
                )
    cur.execute(
        sql.SQL(
            "SELECT i.kind, i.key, s.payload, coalesce(s.deleted, false), s.author, "
            "coalesce(s.rev, 0), i.action FROM hashiya_incoming i LEFT JOIN {t} s "
            "ON s.key = i.key WHERE i.kind = %(kind)s AND i.action IN ('conflict', 'refused')"
        ).format(t=t),
        params,
    )
    return [(*r[:6], "edited" if r[6] == "conflict" else "refused") for r in cur.fetchall()]


def _add_conflict(
    lib: Library,
    kind: str,
    key: str,
    *,
    local: str | None,
    remote: str | None,
    author: str | None,
    rev: int,
    stamp: str,
    reason: str = "edited",
) -> None:
    """Record (or bring up to date) the open conflict of one record. `reason`: "edited"
    (both changed it, or one deleted what the other changed), "in-use" (deleted there,
    still needed here), "refused" (the server's access rules refused this change)."""
    row = lib.conn.execute(
        "SELECT id FROM sync_conflicts WHERE kind = ? AND key = ? AND resolved IS NULL",
        (kind, key),
    ).fetchone()
    if row:
        lib.conn.execute(
            "UPDATE sync_conflicts SET remote = ?, remote_author = ?, remote_rev = ? WHERE id = ?",
            (remote, author, rev, row[0]),
        )
    else:
        lib.conn.execute(
            "INSERT INTO sync_conflicts (kind, key, local, remote, remote_author, remote_rev, "
            "detected_at, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, key, local, remote, author, rev, stamp, reason),
        )


# ---- pull ----------------------------------------------------------------------------


def _pull(lib: Library, conn: psycopg.Connection, report: SyncReport, *, tell: Progress) -> None:
    since = journal.pulled_rev(lib)
    fetched: dict[str, list[tuple]] = {}
    newest = since
    with conn.transaction(), conn.cursor() as cur:
        # One snapshot: pushes are serialised by the write lock, so the revisions it
        # shows are every revision up to its newest.
        cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        for kind in schema.KINDS:
            t = sql.Identifier(schema.table(kind))
            cur.execute(sql.SQL("SELECT key, rev FROM {t} WHERE rev > %s").format(t=t), (since,))
            heads = cur.fetchall()
            if not heads:
                continue
            newest = max(newest, *(rev for _key, rev in heads))
            seen = journal.base_revs(lib, kind, [key for key, _rev in heads])
            # What this library pushed itself, or already has, is not fetched again.
            wanted = [key for key, rev in heads if seen.get(key) != rev]
            if not wanted:
                continue
            cur.execute(
                sql.SQL(
                    "SELECT key, payload, text, rev, author, deleted FROM {t} "
                    "WHERE key = ANY(%s) ORDER BY rev"
                ).format(t=t),
                (wanted,),
            )
            fetched[kind] = cur.fetchall()
    total = sum(len(v) for v in fetched.values())
    tell("pull", 0, total)
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    with lib.transaction(), journal.quiet(lib):
        unpushed = {(e.kind, e.key) for e in journal.pending(lib)[0]}
        conflicted = journal.open_conflicts(lib)
        deletions: list[tuple] = []
        for kind in schema.KINDS:
            applied: list[tuple[str, int]] = []
            for key, payload, text, rev, author, deleted in fetched.get(kind, []):
                if (kind, key) in conflicted:
                    remote = None if deleted else json.dumps(payload, ensure_ascii=False)
                    _add_conflict(
                        lib, kind, key, local=None, remote=remote, author=author, rev=rev,
                        stamp=stamp,
                    )  # fmt: skip
                    continue
                if (kind, key) in unpushed:
                    continue  # changed here during this sync: the next push decides
                lib.conn.execute("DELETE FROM sync_parked WHERE kind = ? AND key = ?", (kind, key))
                if deleted:
                    deletions.append((kind, key, rev, author))
                    continue
                if _apply(lib, kind, key, payload, text, rev=rev):
                    applied.append((key, rev))
                report.pulled += 1
            journal.set_base(lib, kind, applied)
        for kind, key, rev, author in sorted(deletions, key=lambda d: -schema.KINDS.index(d[0])):
            if _remove(lib, kind, key, rev=rev, author=author, stamp=stamp):
                report.pulled += 1
        _unpark(lib)
        journal.set_state(lib, "pulled_rev", newest)
        _pause_for_tests("pull-applied")
    tell("pull", total, total)


def _apply(
    lib: Library, kind: str, key: str, payload: dict, text: dict | None, *, rev: int
) -> bool:
    """Write one pulled record; park it (False) when what it needs is not here."""
    lib.conn.execute("SAVEPOINT pulled")
    try:
        records.write(lib, kind, key, payload, text)
    except (records.MissingArticle, sqlite3.IntegrityError):
        lib.conn.execute("ROLLBACK TO pulled")
        lib.conn.execute("RELEASE pulled")
        lib.conn.execute(
            "INSERT INTO sync_parked (kind, key, record, article) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, key) DO UPDATE SET record = excluded.record, "
            "article = excluded.article",
            (
                kind,
                key,
                json.dumps({"payload": payload, "text": text, "rev": rev}, ensure_ascii=False),
                records.article_of(kind, key, payload),
            ),
        )
        return False
    lib.conn.execute("RELEASE pulled")
    return True


def _remove(lib: Library, kind: str, key: str, *, rev: int, author: str | None, stamp: str) -> bool:
    """Apply a pulled tombstone. When rows of this library still need the record (a
    mention of an entity deleted elsewhere), it stays and the two are a conflict."""
    lib.conn.execute("SAVEPOINT pulled")
    try:
        records.delete(lib, kind, key)
    except sqlite3.IntegrityError:
        lib.conn.execute("ROLLBACK TO pulled")
        lib.conn.execute("RELEASE pulled")
        (payload, _text) = records.read(lib, kind, [key])[key]
        _add_conflict(
            lib,
            kind,
            key,
            local=None if payload is None else json.dumps(payload, ensure_ascii=False),
            remote=None,
            author=author,
            rev=rev,
            stamp=stamp,
            reason="in-use",
        )
        return False
    lib.conn.execute("RELEASE pulled")
    journal.set_base(lib, kind, [(key, rev)])
    return True


def apply_parked(lib: Library) -> int:
    """Apply the parked records whose article has been imported since (every sync does
    this first, also when the server cannot be reached); returns how many wait still."""
    with lib.transaction(), journal.quiet(lib):
        _unpark(lib)
    return lib.conn.execute("SELECT count(*) FROM sync_parked").fetchone()[0]


def _unpark(lib: Library) -> None:
    """Apply the parked records that can be applied now (their article was imported),
    in dependency order, until no more can."""
    while True:
        rows = lib.conn.execute(
            "SELECT kind, key, record FROM sync_parked WHERE article IS NULL "
            "OR article IN (SELECT content_hash FROM articles)"
        ).fetchall()
        rows.sort(key=lambda r: schema.KINDS.index(r[0]))
        progressed = False
        for kind, key, record in rows:
            saved = json.loads(record)
            lib.conn.execute("DELETE FROM sync_parked WHERE kind = ? AND key = ?", (kind, key))
            if _apply(lib, kind, key, saved["payload"], saved.get("text"), rev=saved["rev"]):
                journal.set_base(lib, kind, [(key, saved["rev"])])
                progressed = True
        if not progressed:
            return
