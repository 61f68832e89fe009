"""What used to hang the reader: an import folder holding a named pipe (Cancel did
nothing, closing the window waited), a file read so slowly that Cancel had to wait for
its end, and `gui --smoke-test` on a library that cannot be opened (a message box that
nobody would click)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gui_helpers import ROOT, open_window
from PySide6.QtWidgets import QPushButton

from library.ingest import preparing
from library.storage.store import open_library

posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")


@pytest.fixture
def empty(tmp_path):
    lib = open_library(tmp_path / "empty.sqlite")
    yield lib
    lib.close()


def _release(pipe: Path) -> None:
    """Let a reader blocked on `pipe` go (when run against the old code)."""
    with contextlib.suppress(OSError):
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


@posix
@pytest.mark.timeout(60)
def test_an_import_folder_with_a_named_pipe_imports_the_rest(qtbot, empty, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"عنوان {n}\n\nنص المقال رقم {n}.\n", encoding="utf-8")
    os.mkfifo(folder / "a.txt")
    try:
        with open_window(qtbot, empty, tmp_path) as session:
            window = session.window
            assert window.start_import([folder])
            qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=10_000)
            dialog = window.summary_dialog
            assert dialog.report.imported == 3
            assert [(Path(f.path).name, f.kind) for f in dialog.report.failed] == [
                ("a.txt", "not_a_file")
            ]
            assert dialog.skipped.topLevelItem(0).text(1) == (
                "Not a regular file (a device, pipe or socket)"
            )
            dialog.close()
            begun = time.perf_counter()
            window.close()
            assert time.perf_counter() - begun < 1.5
    finally:
        _release(folder / "a.txt")


@pytest.fixture
def slow_disk(monkeypatch):
    """Every read of an imported file takes 50 ms for 64 KB (a slow network share)."""
    real_read = os.read

    def slow_read(fd: int, size: int) -> bytes:
        time.sleep(0.05)
        return real_read(fd, size)

    monkeypatch.setattr(preparing, "READ_CHUNK", 64 * 1024, raising=False)
    monkeypatch.setattr(os, "read", slow_read)


def _long_file(folder: Path) -> Path:
    folder.mkdir()
    line = "نص طويل في ملف على قرص بطيء عن الاقتصاد والسياسة.\n"
    path = folder / "long.txt"
    path.write_text("عنوان\n\n" + line * 80_000, encoding="utf-8")  # 4 MB: 4 s to read
    return path


@pytest.mark.timeout(60)
def test_cancel_reaches_an_import_reading_a_slow_file(qtbot, empty, tmp_path, slow_disk):
    folder = tmp_path / "in"
    _long_file(folder)
    with open_window(qtbot, empty, tmp_path) as session:
        window = session.window
        assert window.start_import([folder])
        dialog = window.imports.progress_dialog
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        cancel = dialog.findChild(QPushButton)
        begun = time.perf_counter()
        cancel.click()
        qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=10_000)
        assert time.perf_counter() - begun < 1.5  # the rest of the file takes seconds
        assert window.summary_dialog.report.cancelled
        assert window.summary_dialog.report.imported == 0
        window.summary_dialog.close()


@pytest.mark.timeout(60)
def test_closing_the_window_while_a_slow_file_is_read_does_not_wait(
    qtbot, empty, tmp_path, slow_disk
):
    folder = tmp_path / "in"
    _long_file(folder)
    with open_window(qtbot, empty, tmp_path) as session:
        window = session.window
        assert window.start_import([folder])
        qtbot.waitUntil(window.imports.progress_dialog.isVisible, timeout=5000)
        begun = time.perf_counter()
        window.close()
        assert time.perf_counter() - begun < 1.5
        assert not window.runner.busy()  # the import stopped between two chunks
    assert empty.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def _smoke_test(library: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "reader.launch", "--library", str(library), "gui", "--smoke-test"],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT, check=False,
    )  # fmt: skip


@pytest.mark.timeout(150)
@pytest.mark.parametrize("kind", ["a folder", "garbage"])
def test_a_smoke_test_on_a_library_that_cannot_be_opened_fails_without_a_dialog(tmp_path, kind):
    library = tmp_path / "library.sqlite"
    if kind == "a folder":
        library.mkdir()
    else:
        library.write_bytes(b"not a database at all" * 50)
    proc = _smoke_test(library)  # waited forever on a message box before
    assert proc.returncode == 1, proc.stderr[-2000:]
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("hashiya: smoke test failed: cannot open the library"), line
    assert "passed" not in proc.stdout


DIALOG_DURING_SMOKE_TEST = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox
import reader.app as app_module

real_start = app_module.start

def start(*args, **kwargs):
    started = real_start(*args, **kwargs)
    QTimer.singleShot(100, lambda: QMessageBox.question(None, "Hashiya", "Really?"))
    return started

app_module.start = start
sys.exit(app_module.run(sys.argv[1], smoke_test=True))
"""


@pytest.mark.timeout(150)
def test_a_dialog_during_a_smoke_test_fails_it_instead_of_waiting(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", DIALOG_DURING_SMOKE_TEST, str(tmp_path / "lib.sqlite")],
        capture_output=True, text=True, timeout=60, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "hashiya: smoke test failed: a dialog opened: Hashiya Really?" in proc.stderr


@pytest.mark.timeout(60)
def test_a_job_stuck_in_a_read_delays_the_close_once(qtbot, tmp_path, monkeypatch):
    """The window shuts its runner down when it closes and again when the application
    ends: a job that does not stop costs the bound once, not once per call."""
    import threading

    from reader.workers import runner as runner_module

    monkeypatch.setattr(runner_module, "SHUTDOWN_SECONDS", 0.5)
    runner = runner_module.Runner()
    started, release = threading.Event(), threading.Event()

    def stuck(_path, _handle):  # like a read from a disk that does not answer
        started.set()
        release.wait(30)

    runner.submit(tmp_path, stuck, lane=runner_module.LONG, write=True)
    assert started.wait(10)
    try:
        begun = time.perf_counter()
        assert runner.shutdown() is False
        first = time.perf_counter() - begun
        begun = time.perf_counter()
        assert runner.shutdown() is False
        second = time.perf_counter() - begun
    finally:
        release.set()
    assert 0.4 < first < 2.0 and second < 0.2, (first, second)
