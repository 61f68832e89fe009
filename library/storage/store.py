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

import contextlib
import os
import sqlite3
from pathlib import Path

from library.storage import bulk_indexes, migrations, raw_text, search_index, title_keys
from library.storage.database import (
    BUSY_TIMEOUT_MS,
    Library,
    LibraryError,
    connect_readonly,
    is_companion_file,
    library_files,
    set_checkpoint,
)

PAGE_SIZE = 32768


class ReadOnlyLibrary(LibraryError):
    """The library file (or its folder) cannot be written; it can still be read."""


def lock_holders(path: str | Path) -> list[str]:
    """The names of the other processes holding a lock on the library at `path` or its
    -shm (Linux's /proc/locks and /proc/PID/comm; empty where that cannot be told).
    `stat` and /proc only: the library's files are never opened (DESIGN.md fact 11)."""
    keys = set()
    for name in library_files(Path(path))[:3]:
        try:
            st = name.stat()
        except OSError:
            continue
        keys.add(f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}")
    try:
        lines = Path("/proc/locks").read_text(encoding="ascii", errors="replace").splitlines()
    except OSError:
        return []
    pids = set()
    for line in lines:
        fields = line.split()
        if len(fields) > 5 and fields[1] != "->" and fields[5] in keys:
            pids.add(fields[4])
    pids.discard(str(os.getpid()))
    names = []
    for pid in sorted(pids, key=lambda p: int(p) if p.isdigit() else 0):
        try:
            comm = Path(f"/proc/{pid}/comm").read_text(errors="replace").strip()
        except OSError:
            comm = "a program"
        names.append(f"{comm} (process {pid})")
    return names


def describe_error(exc: BaseException, path: str | Path | None = None) -> str:
    """A sentence for the user about a storage error (damaged file, full disk, locked,
    read-only); `path`, the library, lets a "locked" say which program holds it."""
    text = str(exc).lower()
    if "disk is full" in text or "no space" in text or getattr(exc, "errno", None) == 28:
        return (
            "The disk is full. Free some space and try again; everything saved before "
            "this change is safe."
        )
    if "readonly" in text or "read-only" in text or "permission denied" in text:
        return "The library cannot be written (it is read-only). Nothing was changed."
    if "locked" in text or "busy" in text:
        holders = lock_holders(path) if path is not None else []
        who = ", ".join(holders) if holders else "Another program"
        return (
            f"The library is busy: {who[:1].lower() + who[1:] if not holders else who} kept "
            f"it locked for more than {BUSY_TIMEOUT_MS // 1000} s. "
            "Try again when it is done; nothing was changed."
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return (
            f"The library file is damaged ({exc}). Check it (Tools ▸ Check Library, or "
            "hashiya check --repair to salvage what can be read) or restore a backup."
        )
    if "disk i/o error" in text:
        return f"The library file could not be read or written ({exc}); nothing was changed."
    return " ".join((str(exc) or type(exc).__name__).split())


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A raw connection with the library's settings, without migrating anything."""
    path = Path(path)
    if not str(path) or str(path) == ".":
        raise LibraryError("the library path is empty")
    if path.exists() and not path.is_file():
        raise LibraryError(f"{path} is not a library file (it is a folder or a device)")
    if is_companion_file(path):
        # Opening SQLite's -wal or -shm as a database and closing it again would drop
        # this process's locks on it, were that library open here (DESIGN.md fact 11).
        raise LibraryError(f"{path} is SQLite's file beside a library, not a library")
    try:
        if readonly:
            conn = connect_readonly(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            new = not path.exists() or path.stat().st_size == 0
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
            if new:
                # An article's row (its text, the raw text compressed) is about 4 KB:
                # on 4 KiB pages most rows filled a leaf alone, 8 KiB pages held one
                # each too, and 32 KiB pages hold eight (bench/million_bench.py: a
                # million articles took 1.80x their text against 1.91x, searched and
                # listed as fast). Only settable before the first write: an existing
                # library keeps its pages (in WAL mode even VACUUM keeps them).
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                conn.execute("PRAGMA journal_mode = WAL")
    except (sqlite3.Error, OSError) as exc:
        raise LibraryError(f"cannot open library {path}: {exc}") from exc
    conn.isolation_level = None
    conn.row_factory = sqlite3.Row
    raw_text.register(conn)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Touch the schema so that a file that is not a database fails here, clearly.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        # Another program's database is left exactly as it was: no WAL, no tables.
        refuse_foreign(conn, path)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            set_checkpoint(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" in str(exc) or "unable to open" in str(exc):
            raise ReadOnlyLibrary(f"{path} cannot be written ({exc})") from exc
        raise LibraryError(f"cannot open library {path}: {describe_error(exc)}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LibraryError(f"{path} is not a Hashiya library ({exc})") from exc
    except LibraryError:
        conn.close()
        raise
    return conn


def refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Raise `LibraryError` if the database holds tables but is not a Hashiya library
    (no `meta` table, or no row of Hashiya's in it). An empty database is a new library."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names:
        return
    ours = False
    if "meta" in names:
        with contextlib.suppress(sqlite3.Error):
            ours = (
                conn.execute(
                    "SELECT 1 FROM meta WHERE key = ?", (search_index.META_KEY,)
                ).fetchone()
                is not None
            )
    if not ours:
        raise LibraryError(
            f"{path} is another program's database, not a Hashiya library; "
            "it was left as it was (give another --library)"
        )


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
        if not readonly and bulk_indexes.pending(conn):  # an import was killed
            with lib.transaction():
                bulk_indexes.restore(conn)
    except BaseException:
        conn.close()
        raise
    return lib


def open_memory() -> Library:
    """An in-memory library, for tests and throwaway work."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    raw_text.register(conn)
    lib = Library(conn, None, readonly=False)
    migrations.migrate(lib)
    return lib
