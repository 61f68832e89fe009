"""The library file: one SQLite database, opened the same way by the GUI, the CLI and scripts.

Settings chosen for a file that a GUI and a script may use at the same time:
- WAL journal, so readers never block the writer and a reader in another process sees
  committed data while an import is running;
- a generous busy timeout, so a second writer waits for the first instead of failing;
- foreign keys on (SQLite leaves them off by default);
- synchronous=NORMAL: in WAL mode a committed transaction survives a crash of the app
  (only a power cut can lose the last commits, never corrupt the file).
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


class ReadOnlyLibrary(LibraryError):
    """The library file (or its folder) cannot be written; it can still be read."""


def describe_error(exc: BaseException) -> str:
    """A sentence for the user about a storage error (full disk, read-only, locked)."""
    text = str(exc).lower()
    if "disk is full" in text or "no space" in text or getattr(exc, "errno", None) == 28:
        return (
            "The disk is full. Free some space and try again; everything saved before "
            "this change is safe."
        )
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return "The library cannot be written (it is read-only). Nothing was changed."
    if "locked" in text or "busy" in text:
        return "Another program kept the library busy for too long. Try again in a moment."
    return str(exc) or type(exc).__name__


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


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A raw connection with the library's settings, without migrating anything."""
    path = Path(path)
    try:
        if readonly:
            uri = path.resolve().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            new = not path.exists() or path.stat().st_size == 0
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            if new:
                # Articles are a few KB each; 8 KiB pages write them and the index ~15%
                # faster than the 4 KiB default. Only settable before the first write.
                conn.execute("PRAGMA page_size = 8192")
    except (sqlite3.Error, OSError) as exc:
        raise LibraryError(f"cannot open library {path}: {exc}") from exc
    conn.isolation_level = None
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        # Touch the schema so that a file that is not a database fails here, clearly.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise ReadOnlyLibrary(f"{path} cannot be written ({exc})") from exc
        raise LibraryError(f"cannot open library {path}: {describe_error(exc)}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LibraryError(f"{path} is not a Hashiya library ({exc})") from exc
    return conn


def open_library(path: str | Path, *, readonly: bool = False) -> Library:
    """Open (creating if needed) a library and bring its schema up to date."""
    from library import migrations

    path = Path(path).expanduser()
    if readonly and not path.exists():
        raise LibraryError(f"library {path} does not exist")
    conn = connect(path, readonly=readonly)
    lib = Library(conn, path, readonly=readonly)
    try:
        migrations.migrate(lib)
    except BaseException:
        conn.close()
        raise
    return lib


def open_memory() -> Library:
    """An in-memory library, for tests and throwaway work."""
    from library import migrations

    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    lib = Library(conn, None, readonly=False)
    migrations.migrate(lib)
    return lib
