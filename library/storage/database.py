"""The open library: one SQLite connection and how it is used (`Library`), and the error
every storage problem derives from (`LibraryError`).

This is the lowest layer of the library file: opening a file and bringing its schema up
to date (`library.storage.store`), the migrations and the backups all build on it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

BUSY_TIMEOUT_MS = 30_000


class LibraryError(Exception):
    """A library file that cannot be used; the message is meant for the user."""


class Library:
    """An open library file.

    `conn` is in autocommit mode: every statement outside `transaction()` commits at once,
    which is what "every write the user makes is committed at once" needs; batches use
    `transaction()` so they are all-or-nothing.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, readonly: bool) -> None:
        self.conn = conn
        self.db = sqlite_utils.Database(conn)
        self.path = path
        self.readonly = readonly
        self._depth = 0

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing block; nests with savepoints.

        The outer level takes the write lock at BEGIN (IMMEDIATE) so that a second writer
        waits on the busy timeout there, rather than failing later with SQLITE_BUSY when a
        read transaction tries to upgrade.
        """
        name = f"sp{self._depth}"
        if self._depth == 0:
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self.conn.execute("ROLLBACK")
            else:
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        self._depth -= 1
        if self._depth == 0:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute(f"RELEASE {name}")

    def data_version(self) -> int:
        """Changes when another connection commits; cheap enough to poll on a timer."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        try:
            if not self.readonly:
                # Keeps the -wal file small for the next open; harmless if another
                # connection is still reading.
                self.conn.execute("PRAGMA optimize")
        except sqlite3.Error:
            pass
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
