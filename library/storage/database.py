"""The open library: one SQLite connection and how it is used (`Library`), and the error
every storage problem derives from (`LibraryError`).

This is the lowest layer of the library file: opening a file and bringing its schema up
to date (`library.storage.store`), the migrations and the backups all build on it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 30_000


class LibraryError(Exception):
    """A library file that cannot be used; the message is meant for the user."""


class LibraryMoved(LibraryError, sqlite3.OperationalError):
    """The file a connection has open is no longer the library at its path (or this
    process lost its locks on it): the connection writes nothing more. An
    `sqlite3.OperationalError` too, so that whoever reports a failed write reports it."""


# SQLite's files beside a library: the write-ahead log and its index (WAL mode), and the
# rollback journal. A process that has the library open must never open any of them, or
# the library itself, except through SQLite: on POSIX, closing any descriptor of a file
# drops every lock the process holds on it ("How To Corrupt An SQLite Database File"
# §2.2; DESIGN.md fact 11), and the next program to close the library then deletes the
# -wal and -shm under this one.
COMPANIONS = ("-wal", "-shm", "-journal")

MOVED = {
    "deleted": "The library file was deleted or moved away while it was open",
    "replaced": "Another file took the library file's place while it was open",
    "detached": "The library's -wal and -shm files were removed while it was open",
    "unlocked": "This program lost its locks on the library file",
}


# SQLite checkpoints its -wal file into the library every this many bytes (SQLite's own
# default is 1,000 pages, whatever their size).
CHECKPOINT_BYTES = 4 * 2**20


def set_checkpoint(conn: sqlite3.Connection, size: int = CHECKPOINT_BYTES) -> None:
    """Checkpoint the -wal file every `size` bytes, whatever the library's page size."""
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.execute(f"PRAGMA wal_autocheckpoint = {max(1, size // page)}")


def connect_readonly(path: Path, *, timeout: float = BUSY_TIMEOUT_MS / 1000) -> sqlite3.Connection:
    """A connection that only reads `path`, also on read-only media. SQLite's `mode=ro`
    reads a WAL library there while its -shm exists (a library copied while open); a
    cleanly closed one has no -wal or -shm and SQLite cannot make the -shm, so it is then
    read as `immutable` (nothing can change a file that cannot be written). A -wal with
    commits in it but no -shm cannot be read without writing: that is an error."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=timeout)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if "unable to open" not in str(exc):
            raise
        wal = path.with_name(path.name + "-wal")
        try:
            has_log = wal.stat().st_size > 0
        except FileNotFoundError:
            has_log = False
        if has_log or (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            raise
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=timeout)


def library_files(path: Path) -> tuple[Path, ...]:
    """The library file and SQLite's files beside it (`COMPANIONS`)."""
    return (path, *(path.with_name(path.name + suffix) for suffix in COMPANIONS))


def is_companion_file(path: Path) -> bool:
    """Whether `path` is SQLite's file beside a database (`x.sqlite-wal` where
    `x.sqlite` exists), not a library of its own. `stat` only."""
    for suffix in COMPANIONS:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            return path.with_name(path.name[: -len(suffix)]).is_file()
    return False


def is_library_file(path: str | Path, library: str | Path) -> bool:
    """Whether `path` is the library at `library` or SQLite's file beside it: by name,
    or by identity when `path` exists (a link to one of them). `stat` calls only."""
    path, names = Path(path).expanduser().absolute(), library_files(Path(library).absolute())
    if path in names:
        return True
    try:
        found = _identity(path)
        return found is not None and any(_identity(name) == found for name in names)
    except OSError:
        return False


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of `path`, None if there is no such file. `stat` only: never
    opens it. Other errors (a folder that cannot be read) are raised."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return st.st_dev, st.st_ino


def _holds_lock(identity: tuple[int, int]) -> bool | None:
    """Whether this process holds a POSIX lock on the file (Linux's /proc/locks), or
    None where that cannot be told."""
    dev, ino = identity
    key = f"{os.major(dev):02x}:{os.minor(dev):02x}:{ino}"
    pid = str(os.getpid())
    try:
        lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) > 5 and fields[1] != "->" and fields[4] == pid and fields[5] == key:
            return True
    return False


@dataclass(frozen=True)
class _Opened:
    """What the library's files were when the connection opened them."""

    file: tuple[int, int]
    wal: tuple[int, int] | None
    shm: tuple[int, int] | None
    locked: bool  # /proc/locks showed this process's lock on the file (Linux, WAL mode)

    @classmethod
    def of(cls, path: Path) -> _Opened | None:
        try:
            file = _identity(path)
            if file is None:
                return None
            wal, shm = (_identity(path.with_name(path.name + s)) for s in ("-wal", "-shm"))
        except OSError:
            return None
        return cls(file, wal, shm, _holds_lock(file) is True)

    def compare(self, path: Path) -> str | None:
        """A key of `MOVED`, or None while `path` is still what was opened."""
        try:
            now = _identity(path)
            if now is None:
                return "deleted"
            if now != self.file:
                return "replaced"
            for suffix, before in (("-wal", self.wal), ("-shm", self.shm)):
                if before is not None and _identity(path.with_name(path.name + suffix)) != before:
                    return "detached"
        except OSError:
            return None  # cannot tell
        if self.locked and _holds_lock(self.file) is False:
            return "unlocked"
        return None

    def remove_companions(self, path: Path) -> None:
        """Unlink the -wal and -shm beside `path` if they are still the ones opened with
        the file that is no longer there: SQLite would otherwise replay the old file's
        log onto whatever file comes to `path` (we saw it show the old rows). This
        process's descriptors of them stay valid; nothing is opened."""
        for suffix, before in (("-wal", self.wal), ("-shm", self.shm)):
            companion = path.with_name(path.name + suffix)
            with contextlib.suppress(OSError):
                if before is not None and _identity(companion) == before:
                    companion.unlink()


class Library:
    """An open library file.

    `conn` is in autocommit mode: every statement outside `transaction()` commits at once,
    which is what "every write the user makes is committed at once" needs; batches use
    `transaction()` so they are all-or-nothing.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._depth = 0
        self._opened = _Opened.of(Path(path)) if path is not None else None
        self._moved: str | None = None
        # Who is working, when a command names someone (`--author`): rows this Library
        # creates are theirs, overriding the library's own identity for this session only.
        self.acting_author: str | None = None

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for the migrations. Made when first
        asked for: sqlite-utils imports pandas wherever pandas is installed, which cost
        the window 0.4 to 0.8 s at every start (bench/million_bench.py, start)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

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
            self.check_file()
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield self.conn
        except BaseException:
            self._depth -= 1
            # SQLite rolls the whole transaction back by itself on some errors (a full
            # disk, an I/O error): then there is nothing left to roll back, and trying
            # would hide the error that matters under "no transaction is active".
            if self.conn.in_transaction:
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

    def moved(self) -> str | None:
        """Whether the file this connection has open stopped being the library at `path`:
        a key of `MOVED` ("deleted", "replaced", "detached": its -wal or -shm was removed
        or replaced, which only happens when this process has lost its locks on the file;
        "unlocked": Linux shows this process holds no lock on it any more), None while all
        is well. `stat` calls and /proc/locks only: cheap enough for every transaction and
        a poll. From the first time it says so, the connection writes nothing more (and,
        the file being gone or replaced, its old -wal and -shm leave the path: see
        `_Opened.remove_companions`). Reopening is the caller's: close this first."""
        if self._moved is None and self._opened is not None:
            self._moved = self._opened.compare(Path(self.path))
            if self._moved is not None:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA query_only = ON")
            if self._moved in ("deleted", "replaced"):
                self._opened.remove_companions(Path(self.path))
        return self._moved

    def has_file_at_path(self) -> bool:
        """Whether the file at `path` is the very file this connection opened (also after
        being moved away and back). A new connection to it would share this one's lock
        state and -shm mapping (SQLite keeps one per file in a process), so this one must
        be closed first."""
        if self._opened is None:
            return False
        try:
            return _identity(Path(self.path)) == self._opened.file
        except OSError:
            return False

    def check_file(self) -> None:
        """Raise `LibraryMoved` rather than write into a file that is not the library."""
        why = self.moved()
        if why is not None:
            raise LibraryMoved(f"{MOVED[why]} ({self.path}); nothing was written.")

    def stop_when(self, should_stop) -> None:
        """Interrupt the statement running on this connection once `should_stop()` says
        so (asked every 20,000 SQLite steps): a long read nobody waits for any more, such
        as the count of a search the user has replaced, stops with OperationalError."""
        self.conn.set_progress_handler(lambda: 1 if should_stop() else 0, 20_000)

    def data_version(self) -> int:
        """Changes when another connection commits; cheap enough to poll on a timer."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        try:
            if not self.readonly and self._moved is None:
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
