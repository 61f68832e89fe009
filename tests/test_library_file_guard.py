"""The core's side of DESIGN.md fact 11: a process that has the library open never opens
its files except through SQLite (imports, exports, backups, opening a library), and an
open `Library` notices when the file under it stopped being the library and then writes
nothing more (`Library.moved`)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from library.exchange import OutputExists, export
from library.ingest.importer import import_paths
from library.ops import annotating
from library.storage.backup import BackupError, backup_file
from library.storage.database import LibraryMoved, is_library_file
from library.storage.store import LibraryError, open_library

PROC_LOCKS = Path("/proc/locks")
linux_only = pytest.mark.skipif(not PROC_LOCKS.exists(), reason="needs Linux's /proc/locks")


def holds_lock(path: Path) -> bool:
    st = path.stat()
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    return any(
        f.split()[1] != "->" and f.split()[4] == str(os.getpid()) and f.split()[5] == key
        for f in PROC_LOCKS.read_text().splitlines()
    )


@pytest.fixture
def library(tmp_path: Path):
    lib = open_library(tmp_path / "lib.sqlite")
    (tmp_path / "a.txt").write_text("عنوان\n\nنص المقال الأول عن التعاون.", encoding="utf-8")
    assert import_paths(lib, [tmp_path / "a.txt"]).imported == 1
    yield lib
    lib.close()


def annotations(path: Path) -> int:
    other = open_library(path, readonly=True)
    try:
        return other.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    finally:
        other.close()


def test_an_open_library_is_where_it_was_opened(library):
    assert library.moved() is None
    annotating.highlight(library, 1, 0, 4)
    assert library.moved() is None


def test_removed_wal_and_shm_stop_every_write(library, tmp_path):
    for name in ("lib.sqlite-wal", "lib.sqlite-shm"):
        (tmp_path / name).unlink()
    assert library.moved() == "detached"
    with pytest.raises(LibraryMoved, match="nothing was written"):
        annotating.highlight(library, 1, 0, 4)
    with pytest.raises(sqlite3.OperationalError):  # even outside a transaction
        library.conn.execute("DELETE FROM annotations")
    assert isinstance(LibraryMoved("x"), LibraryError)


def test_a_replaced_file_is_never_given_the_old_files_log(library, tmp_path):
    path = tmp_path / "lib.sqlite"
    copy = backup_file(path, tmp_path / "copy.sqlite")
    annotating.highlight(library, 1, 0, 4)  # in the -wal, not yet in the file
    copy.replace(path)
    assert library.moved() == "replaced"
    # SQLite would replay the old -wal onto the new file (it showed the old rows): the
    # old file's -wal and -shm are gone from beside it.
    assert not (tmp_path / "lib.sqlite-wal").exists()
    assert not (tmp_path / "lib.sqlite-shm").exists()
    with pytest.raises(LibraryMoved):
        annotating.highlight(library, 1, 0, 4)
    library.close()
    assert annotations(path) == 0  # the copy's content, as it was made
    reopened = open_library(path)
    assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()


def test_a_deleted_file_is_not_written(library, tmp_path):
    (tmp_path / "lib.sqlite").unlink()
    assert library.moved() == "deleted"
    with pytest.raises(LibraryMoved, match="deleted"):
        annotating.highlight(library, 1, 0, 4)


@linux_only
def test_locks_lost_to_a_stray_descriptor_are_noticed(library, tmp_path):
    path = tmp_path / "lib.sqlite"
    assert holds_lock(path)
    with path.open("rb"):  # what Qt's file dialogs did to guess the file's type
        pass
    assert not holds_lock(path)
    assert library.moved() == "unlocked"
    with pytest.raises(LibraryMoved, match="lost its locks"):
        annotating.highlight(library, 1, 0, 4)


def test_the_library_files_are_told_apart(tmp_path):
    path = tmp_path / "lib.sqlite"
    for name in ("lib.sqlite", "lib.sqlite-wal", "lib.sqlite-shm", "lib.sqlite-journal"):
        assert is_library_file(tmp_path / name, path)
    assert not is_library_file(tmp_path / "lib.sqlite.bak", path)
    assert not is_library_file(tmp_path / "other.sqlite", path)


def test_sqlites_files_beside_a_library_are_not_opened_as_libraries(library, tmp_path):
    for name in ("lib.sqlite-wal", "lib.sqlite-shm"):
        with pytest.raises(LibraryError, match="beside a library"):
            open_library(tmp_path / name)
    assert library.moved() is None
    # A library that only happens to end that way, with no file beside it, opens.
    open_library(tmp_path / "research-journal").close()


def test_a_backup_never_lands_on_the_librarys_files(library, tmp_path):
    for name in ("lib.sqlite", "lib.sqlite-wal", "lib.sqlite-shm"):
        with pytest.raises(BackupError, match="library itself"):
            backup_file(tmp_path / "lib.sqlite", tmp_path / name)
    assert library.moved() is None


@linux_only
def test_importing_the_librarys_folder_leaves_its_files_alone(tmp_path):
    # A library whose name an importer would read as an article.
    path = tmp_path / "notes.json"
    lib = open_library(path)
    (tmp_path / "a.txt").write_text("عنوان\n\nنص.", encoding="utf-8")
    report = import_paths(lib, [tmp_path], workers=0)
    assert report.imported == 1
    skipped = {Path(f.path).name for f in report.failed}
    assert {"notes.json", "notes.json-wal", "notes.json-shm"} <= skipped
    assert holds_lock(path) and lib.moved() is None
    lib.close()


@linux_only
def test_an_export_refuses_the_library_without_reading_it(library, tmp_path):
    path = tmp_path / "lib.sqlite"
    for name in ("lib.sqlite", "lib.sqlite-wal"):
        with pytest.raises(OutputExists, match="library itself"):
            export(library, "markdown", tmp_path / name, force=True)
    assert holds_lock(path) and library.moved() is None
