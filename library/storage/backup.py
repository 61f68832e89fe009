"""Consistent copies of a library, made while it is in use, and their rotation.

SQLite's online backup API copies the database page by page under one read
transaction (`pages=-1`): in WAL mode that is a snapshot, and writers (the GUI, an
import) are never blocked by it. The copy is written beside its destination and renamed
into place, so a backup interrupted at any moment leaves no half-written file under the
backup's name; the hidden half-written copy a killed backup leaves is removed by the next
backup into that folder (`clean_leftovers`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

from library import leftovers
from library.storage.database import (
    BUSY_TIMEOUT_MS,
    Library,
    LibraryError,
    connect_readonly,
    is_library_file,
)

DAILY_KEEP = 7


class BackupError(LibraryError):
    pass


class BackupRefused(BackupError):
    """The destination is not one a backup may replace: the user's input, not a failure."""


def backup_file(source: str | Path, destination: str | Path) -> Path:
    """Copy the library at `source` to `destination` (a file path) consistently."""
    source, destination = Path(source), Path(destination)
    if not source.exists():
        raise BackupError(f"no library at {source}")
    if destination.exists() and destination.is_dir():
        raise BackupError(f"{destination} is a folder; give the backup's file name")
    if is_library_file(destination, source):
        raise BackupError(
            "the backup cannot overwrite the library itself, or SQLite's files beside it"
        )
    _check_replaceable(destination)
    try:
        src = connect_readonly(source, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise BackupError(f"cannot open {source}: {exc}") from exc
    try:
        return _copy(src, destination)
    finally:
        src.close()


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_replaceable(destination: Path) -> None:
    """A backup replaces only an earlier backup: an SQLite file (or an empty one), never
    a device, FIFO or socket (a link is judged by what it points to), never a user's
    document. The header is read without blocking, after the type is checked."""
    try:
        info = destination.stat()
    except OSError:
        return  # nothing there (or no way there): the copy itself says why it fails
    if not stat.S_ISREG(info.st_mode):
        raise BackupRefused(
            f"{destination} is not a regular file (a device, pipe or socket): "
            "a backup never replaces it"
        )
    if info.st_size == 0:
        return
    fd = os.open(destination, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise BackupRefused(f"{destination} is not a regular file: a backup never replaces it")
        head = os.read(fd, len(SQLITE_HEADER))
    finally:
        os.close(fd)
    if head != SQLITE_HEADER:
        raise BackupRefused(
            f"{destination} is not an earlier backup (not an SQLite file): choose another name"
        )


def backup_connection(conn: sqlite3.Connection, destination: str | Path) -> Path:
    """The same, from a connection the caller already has open (the GUI's)."""
    return _copy(conn, Path(destination))


def _copy(src: sqlite3.Connection, destination: Path) -> Path:
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create {destination.parent}: {exc.strerror}") from exc
    clean_leftovers(destination)
    partial = destination.with_name(f".{destination.name}.{leftovers.tag()}.partial")
    try:
        dest = sqlite3.connect(partial)
        try:
            src.backup(dest, pages=-1)
            # A backup is only worth keeping if it reads back.
            if dest.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("the copy failed its integrity check")
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        partial.replace(destination)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        reason = getattr(exc, "strerror", None) or str(exc)
        raise BackupError(f"backup to {destination} failed: {reason}") from exc
    return destination


_PARTIAL = re.compile(r"^\..+\.hashiya-(?P<pid>\d+)\.partial(?:-journal|-wal|-shm)?$")


def clean_leftovers(destination: Path) -> list[Path]:
    """Remove the half-written copies (`.<name>.hashiya-<pid>.partial`, and SQLite's
    journal of one) that killed backups left in `destination`'s folder, whatever their
    name (a daily backup killed yesterday had yesterday's), and the older
    `.<name>.partial` of this destination; a running backup's is left alone."""
    removed = []
    legacy = {f".{destination.name}.partial", f".{destination.name}.partial-journal"}
    with contextlib.suppress(OSError):
        for entry in os.scandir(destination.parent):
            match = _PARTIAL.match(entry.name)
            path = Path(entry.path)
            stale = entry.name in legacy or (
                match is not None and leftovers.abandoned(path, int(match["pid"]))
            )
            if stale and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def backups_folder(library_path: Path) -> Path:
    from library.paths import data_dir

    return data_dir() / "backups" / library_path.stem


def daily_backup(
    conn: sqlite3.Connection,
    library_path: Path,
    folder: Path | None = None,
    today: date | None = None,
) -> Path | None:
    """Make today's backup if there is none yet, and keep only the last DAILY_KEEP days."""
    folder = folder or backups_folder(library_path)
    today = today or datetime.now(UTC).date()
    target = folder / f"{library_path.stem}-{today.isoformat()}.sqlite"
    made = None
    if not target.exists():
        made = backup_connection(conn, target)
    daily = sorted(folder.glob(f"{library_path.stem}-????-??-??.sqlite"))
    for old in daily[:-DAILY_KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def list_backups(folder: Path) -> list[Path]:
    """Backups in `folder`, newest first."""
    if not folder.exists():
        return []
    return sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime, reverse=True)


def restore(backup: Path, library_path: Path) -> Path:
    """Replace the library with `backup`; the current file is first saved beside it.

    The caller must have closed its own connections. Returns the safety copy's path.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safety = library_path.with_name(f"{library_path.name}.before-restore-{stamp}.bak")
    if library_path.exists():
        backup_file(library_path, safety)
    src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(library_path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            with _in_pages_of(src, dest, library_path) as source:
                source.backup(dest, pages=-1)
        finally:
            dest.close()
    except sqlite3.Error as exc:
        raise BackupError(f"restore from {backup} failed: {exc}") from exc
    finally:
        src.close()
    return safety


@contextlib.contextmanager
def _in_pages_of(
    src: sqlite3.Connection, dest: sqlite3.Connection, library_path: Path
) -> Iterator[sqlite3.Connection]:
    """`src`, or a copy of it in `dest`'s page size when `dest` is in WAL mode: SQLite
    refuses to copy pages of another size into a WAL file (a backup made with 4 KiB pages
    over a library made with 32 KiB), and leaving WAL would need every other connection
    to the library (the window's readers) closed. The copy is written beside the library
    (a killed restore's is removed by the next one) and removed after."""
    size = dest.execute("PRAGMA page_size").fetchone()[0]
    wal = dest.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    if not wal or src.execute("PRAGMA page_size").fetchone()[0] == size:
        yield src
        return
    clean_leftovers(library_path)
    copy = library_path.with_name(f".{library_path.name}.{leftovers.tag()}.partial")
    try:
        # One pass: VACUUM INTO writes its file in the page size asked of its source.
        src.execute(f"PRAGMA page_size = {size}")
        src.execute("VACUUM INTO ?", (str(copy),))
        resized = sqlite3.connect(copy)
        try:
            yield resized
        finally:
            resized.close()
    finally:
        with contextlib.suppress(OSError):
            copy.unlink()


def daily_backup_of(lib: Library, folder: Path | None = None) -> Path | None:
    """`daily_backup` of an open library, through its own connection (safe while it is
    open: SQLite's backup API, never a copy of the file)."""
    if lib.path is None:
        return None  # an in-memory library has nothing to keep
    return daily_backup(lib.conn, Path(lib.path), folder)
