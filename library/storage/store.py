"""The library file: one SQLite database, opened the same way by the GUI, the CLI and scripts.

Settings chosen for a file that a GUI and a script may use at the same time:
- WAL journal, so readers never block the writer and a reader in another process sees
  committed data while an import is running;
- a generous busy timeout, so a second writer waits for the first instead of failing;
- foreign keys on (SQLite leaves them off by default);
- synchronous=NORMAL: in WAL mode a committed transaction survives a crash of the app
  (only a power cut can lose the last commits, never corrupt the file).

Opening migrates (`library.storage.migrations`, which backs the file up first) and keys
the titles that need it (`library.storage.title_keys`). The open library itself
(`Library`) and `LibraryError` live one layer down, in `library.storage.database`, which
the migrations and backups use without coming back here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from library.storage import migrations, title_keys
from library.storage.database import BUSY_TIMEOUT_MS, Library, LibraryError, is_companion_file


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
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (
            f"The library file is damaged ({exc}). Check it (Tools ▸ Check Library, or "
            "hashiya check) or restore a backup."
        )
    return str(exc) or type(exc).__name__


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A raw connection with the library's settings, without migrating anything."""
    path = Path(path)
    if is_companion_file(path):
        # Opening SQLite's -wal or -shm as a database and closing it again would drop
        # this process's locks on it, were that library open here (DESIGN.md fact 11).
        raise LibraryError(f"{path} is SQLite's file beside a library, not a library")
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
    path = Path(path).expanduser()
    if readonly and not path.exists():
        raise LibraryError(f"library {path} does not exist")
    conn = connect(path, readonly=readonly)
    lib = Library(conn, path, readonly=readonly)
    try:
        migrations.migrate(lib)
        title_keys.refresh(lib)  # rows another program wrote, or new folding rules
    except BaseException:
        conn.close()
        raise
    return lib


def open_memory() -> Library:
    """An in-memory library, for tests and throwaway work."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    lib = Library(conn, None, readonly=False)
    migrations.migrate(lib)
    return lib
