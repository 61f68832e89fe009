"""A damaged library in the reader: a clear line (smoke test) or a clear dialog that offers
the daily backups, never a traceback or an abort; a read that fails later is one message."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from gui_helpers import make_settings
from PySide6.QtWidgets import QDialog, QMessageBox

from library.ingest.importer import import_paths
from library.storage import backup
from library.storage.store import open_library

ROOT = Path(__file__).resolve().parent.parent


def _damage(path: Path, tables: tuple[str, ...]) -> None:
    """Overwrite the pages of `tables` (not page 1) with garbage, as a failing disk would."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    marks = ",".join("?" * len(tables))
    pages = [
        r[0]
        for r in conn.execute(f"SELECT rootpage FROM sqlite_master WHERE name IN ({marks})", tables)
    ]
    conn.close()
    assert pages and 1 not in pages
    with path.open("r+b") as f:
        for page in pages:
            f.seek((page - 1) * size)
            f.write(os.urandom(size))


def _library(path: Path, samples: Path, *, with_backup: bool = False) -> int:
    lib = open_library(path)
    try:
        count = import_paths(lib, [samples], workers=0).imported
        if with_backup:
            backup.daily_backup_of(lib)
    finally:
        lib.close()
    return count


DAMAGED_AT_OPEN = ("entities", "annotations", "tags", "article_tags", "sqlite_autoindex_entities_1")


@pytest.mark.timeout(60)
def test_the_smoke_test_on_a_damaged_library_says_so_in_one_line(tmp_path, samples):
    path = tmp_path / "lib.sqlite"
    _library(path, samples)
    _damage(path, DAMAGED_AT_OPEN)
    proc = subprocess.run(
        [sys.executable, "-m", "reader.launch", "gui", "--library", str(path), "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=50,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr and "QThread" not in proc.stderr, proc.stderr
    said = [line for line in proc.stderr.splitlines() if line.startswith("hashiya:")]
    assert len(said) == 1, proc.stderr
    assert "damaged" in said[0]


@pytest.mark.timeout(60)
def test_a_damaged_library_offers_its_backups_and_opens_the_restored_one(
    qtbot, tmp_path, samples, monkeypatch
):
    from reader.app import start
    from reader.window.maintenance_menu import LibraryTroubleBox, RestoreDialog

    path = tmp_path / "lib.sqlite"
    count = _library(path, samples, with_backup=True)
    _damage(path, DAMAGED_AT_OPEN)
    asked: list[str] = []

    def pick_restore(box):
        asked.append(box.text())
        assert box.restore_button is not None  # there is a backup to offer
        box.restore_button.click()
        return 0

    monkeypatch.setattr(LibraryTroubleBox, "exec", pick_restore)
    monkeypatch.setattr(RestoreDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(
        QMessageBox, "exec", lambda self: pytest.fail(f"unexpected box: {self.text()}")
    )
    started = start(path, "en", settings=make_settings(tmp_path), interactive=True)
    assert started is not None
    _app, window, lib = started
    qtbot.addWidget(window)
    try:
        assert len(asked) == 1 and "damaged" in asked[0]
        assert lib.path == path and not lib.readonly
        assert window.model.rowCount() == count
        assert window.model.summary(0) is not None
        assert list(path.parent.glob("lib.sqlite.damaged-*.bak"))  # kept beside
    finally:
        window.close()
        window.shutdown()
        lib.close()


@pytest.mark.timeout(60)
def test_a_read_that_fails_after_opening_is_one_clear_message(
    qtbot, tmp_path, samples, monkeypatch
):
    from gui_helpers import open_window

    from reader.window import main_window

    path = tmp_path / "lib.sqlite"
    _library(path, samples)
    _damage(path, ("articles",))  # opens (the schema is sound), then the list cannot be read
    shown = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, *args: shown.append(args))
    lib = open_library(path)
    try:
        with open_window(qtbot, lib, tmp_path) as session:
            window = session.window
            qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
            qtbot.wait(300)
            assert len(shown) == 1
            assert "damaged" in shown[0][1]
            assert window.model.failure
    finally:
        lib.close()
