"""A library on a read-only mount opens read-only in the reader, says so and offers no
writing action (a real read-only tmpfs; skipped where mounting is not allowed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from gui_helpers import make_settings

from library.ingest.importer import import_paths
from library.storage.database import library_files
from library.storage.store import open_library

ROOT = Path(__file__).resolve().parent.parent


def _mount(*args: str) -> bool:
    if shutil.which("mount") is None:
        return False
    proc = subprocess.run(["mount", *args], capture_output=True, text=True, timeout=20)
    return proc.returncode == 0


@pytest.fixture
def mount_point(tmp_path):
    folder = tmp_path / "mnt"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=32m", "tmpfs", str(folder)):
        pytest.skip("mounting a tmpfs is not allowed here (needs root)")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=20)


def _remount_read_only(folder: Path) -> None:
    assert _mount("-o", "remount,ro", str(folder)), "remounting read-only failed"


def _library_with_its_log(source: Path, target: Path, samples: Path) -> int:
    """A library copied with its -wal and -shm (as when it was open), into `target`."""
    lib = open_library(source)
    try:
        count = import_paths(lib, [samples], workers=0).imported
        lib.conn.execute("PRAGMA wal_autocheckpoint = 0")
        lib.conn.execute("UPDATE articles SET title = title || ' ' WHERE id = 1")
        for name in library_files(source):
            if name.exists():
                shutil.copyfile(name, target.with_name(target.name + name.name[len(source.name) :]))
    finally:
        lib.close()
    return count


@pytest.mark.timeout(60)
@pytest.mark.parametrize("with_log", [True, False], ids=["with-wal-and-shm", "closed-cleanly"])
def test_a_library_on_a_read_only_mount_opens_read_only(
    qtbot, tmp_path, samples, mount_point, with_log
):
    from reader.app import start

    target = mount_point / "lib.sqlite"
    if with_log:
        count = _library_with_its_log(tmp_path / "source.sqlite", target, samples)
        assert (mount_point / "lib.sqlite-shm").exists()
    else:
        lib = open_library(target)
        count = import_paths(lib, [samples], workers=0).imported
        lib.close()
    _remount_read_only(mount_point)
    started = start(target, "en", settings=make_settings(tmp_path), interactive=False)
    assert started is not None
    _app, window, lib = started
    qtbot.addWidget(window)
    try:
        assert lib.readonly
        assert "(read-only)" in window.windowTitle()
        assert not window.acts.import_files.isEnabled()
        assert not window.start_import([samples])
        assert window.model.rowCount() == count
    finally:
        window.close()
        window.shutdown()
        lib.close()
