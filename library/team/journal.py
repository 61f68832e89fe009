"""The library's side of the team library: its change journal and sync bookkeeping.

The tables are made by migration 9 (`library.storage.migrations._v9_team_journal`):
triggers add a row to `sync_journal` for every change of a shared record, so nothing
here needs the operations' help. This module reads the journal, and keeps the state a
sync needs between runs: the origin uuid of this library, the server it syncs with, the
last server revision pulled (`sync_state`), and the server revision each record had
when this library last saw it (`sync_base`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from library.storage.database import Library

# `sync_quiet.why` until the library first syncs (migration 10: a first sync pushes
# every record, so there is nothing to journal before it), and while pulled records are
# applied (2 is an article being removed).
UNSHARED = 0
APPLYING = 1


@dataclass(frozen=True)
class Pending:
    """One record changed since the last push: its latest journal entry."""

    kind: str
    key: str
    change_id: str
    seq: int


def get_state(lib: Library, key: str, default: str | None = None) -> str | None:
    row = lib.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return default if row is None or row[0] is None else row[0]


def set_state(lib: Library, key: str, value: str | int | None) -> None:
    lib.conn.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, None if value is None else str(value)),
    )


def origin(lib: Library) -> str:
    """This library's uuid (made by migration 9): every record it pushes carries it."""
    value = get_state(lib, "origin")
    if value is None:
        raise RuntimeError("the library has no origin uuid (migration 9 not applied)")
    return value


def is_journaling(lib: Library) -> bool:
    """Whether changes are journaled: once the library has begun to sync."""
    found = lib.conn.execute("SELECT 1 FROM sync_quiet WHERE why = ?", (UNSHARED,)).fetchone()
    return found is None


def start_journal(lib: Library) -> None:
    """Journal every change from now on (inside a transaction, at the start of the
    library's first sync: what changes while it pushes is pushed next time)."""
    lib.conn.execute("DELETE FROM sync_quiet WHERE why = ?", (UNSHARED,))


def pulled_rev(lib: Library) -> int:
    return int(get_state(lib, "pulled_rev", "0"))


def pending(lib: Library) -> tuple[list[Pending], int]:
    """The records changed since the last push, each once (its latest change), and the
    last journal seq read: the push acknowledges up to that seq, so changes made while
    it runs stay for the next one."""
    rows = lib.conn.execute(
        "SELECT j.kind, j.key, j.change_id, j.seq FROM sync_journal j "
        "JOIN (SELECT kind, key, max(seq) AS seq FROM sync_journal GROUP BY kind, key) m "
        "ON m.seq = j.seq ORDER BY j.seq"
    ).fetchall()
    last = max((r[3] for r in rows), default=0)
    return [Pending(*r) for r in rows], last


def acknowledge(lib: Library, upto: int) -> None:
    """Forget the journal up to `upto`: those changes are on the server (or in conflict)."""
    lib.conn.execute("DELETE FROM sync_journal WHERE seq <= ?", (upto,))


def record_change(lib: Library, kind: str, key: str) -> None:
    """Journal a record by hand (a conflict resolved as "mine" is pushed next time)."""
    lib.conn.execute("INSERT INTO sync_journal (kind, key) VALUES (?, ?)", (kind, key))


def base_revs(lib: Library, kind: str, keys: Iterable[str]) -> dict[str, int]:
    rows = lib.conn.execute(
        "SELECT key, rev FROM sync_base WHERE kind = ? AND key IN (SELECT value FROM json_each(?))",
        (kind, json.dumps(list(keys))),
    )
    return dict(rows.fetchall())


def set_base(lib: Library, kind: str, revs: Iterable[tuple[str, int]]) -> None:
    lib.conn.executemany(
        "INSERT INTO sync_base (kind, key, rev) VALUES (?, ?, ?) "
        "ON CONFLICT (kind, key) DO UPDATE SET rev = excluded.rev",
        [(kind, key, rev) for key, rev in revs],
    )


def open_conflicts(lib: Library) -> set[tuple[str, str]]:
    """(kind, key) of every record with an unresolved conflict: neither pushed nor
    overwritten by a pull until the user resolves it."""
    return {
        (r[0], r[1])
        for r in lib.conn.execute("SELECT kind, key FROM sync_conflicts WHERE resolved IS NULL")
    }


@contextmanager
def quiet(lib: Library) -> Iterator[None]:
    """Inside a transaction: the journal's triggers do not record what is written here
    (pulled records are the server's already). The row goes with the transaction, so a
    process killed here leaves the journal working."""
    if not lib.conn.in_transaction:
        raise RuntimeError("quiet() must run inside a transaction")
    lib.conn.execute("INSERT INTO sync_quiet (why) VALUES (?)", (APPLYING,))
    try:
        yield
    finally:
        lib.conn.execute("DELETE FROM sync_quiet WHERE why = ?", (APPLYING,))
