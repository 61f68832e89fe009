"""Importing from the window: menu, drag and drop, first run; a worker thread, progress,
Cancel, and a summary of what was skipped and why."""

from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

import pytest
from gui_helpers import answer_modals, open_window
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from library.ingest.importer import import_paths
from library.paths import sample_collection
from library.storage.store import open_library
from reader.dialogs.file_dialogs import FileDialog
from reader.dialogs.import_summary import ImportSummaryDialog


@pytest.fixture
def no_modal(monkeypatch):
    return answer_modals(monkeypatch)


@pytest.fixture
def empty(tmp_path):
    lib = open_library(tmp_path / "empty.sqlite")
    yield lib
    lib.close()


@pytest.fixture
def folder(tmp_path) -> Path:
    """Forty small articles and two files that cannot be imported."""
    root = tmp_path / "incoming"
    (root / "sub").mkdir(parents=True)
    for n in range(40):
        (root / "sub" / f"{n:02d}.txt").write_text(
            f"عنوان رقم {n}\n\nنص المقال رقم {n} عن المدينة.\n", encoding="utf-8"
        )
    (root / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (root / "empty.txt").write_bytes(b"")
    return root


def slow_importer(delay: float, threads: list[int] | None = None):
    """The real importer, slowed per file so a test can act while it runs; `threads`
    collects the threads it reported progress from."""

    def run(lib, paths, *, progress=None, should_cancel=None, **kwargs):
        def slow_progress(p):
            if threads is not None:
                threads.append(threading.get_ident())
            time.sleep(delay)
            if progress is not None:
                progress(p)

        return import_paths(
            lib, paths, progress=slow_progress, should_cancel=should_cancel, **kwargs
        )

    return run


def drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    point = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(
        point.toPoint(),  # Qt 6 takes a QPoint here and a QPointF for the drop
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event = QDropEvent(
        point,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)


def test_an_empty_library_offers_the_sample_collection(qtbot, empty, tmp_path):
    with open_window(qtbot, empty, tmp_path) as session:
        window = session.window
        assert window.pages.currentWidget() is window.welcome
        qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=10_000)
        expected = len([p for p in sample_collection().iterdir() if p.is_file()])
        assert window.model.rowCount() >= expected
        assert window.view.article is not None  # the first imported article is open
        assert window.pages.currentWidget() is window.reader_page
        assert "Imported:" in window.summary_dialog.summary.text()
        window.summary_dialog.close()


def test_dropping_files_and_folders_imports_them_and_lists_what_was_skipped(
    qtbot, empty, tmp_path, folder
):
    with open_window(qtbot, empty, tmp_path) as session:
        window = session.window
        drop(window, [folder])
        assert window.imports.running
        qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=10_000)
        dialog = window.summary_dialog
        assert window.model.rowCount() == 40
        assert dialog.summary.text().startswith("Imported: 40 · Duplicates: 0 · Skipped: 2")
        items = [dialog.skipped.topLevelItem(n) for n in range(dialog.skipped.topLevelItemCount())]
        # Paths are shown isolated left-to-right (U+2066 ... U+2069).
        skipped = {Path(item.text(0).strip("\u2066\u2069")).name: item.text(1) for item in items}
        assert set(skipped) == {"picture.png", "empty.txt"}
        assert skipped == {
            "picture.png": "Not a kind of file Hashiya reads",
            "empty.txt": "Empty file",
        }
        # The reason is said in the interface's language; the detail stays in the tooltip.
        session.translations.install("ar")
        arabic = ImportSummaryDialog(dialog.report)
        assert {arabic.skipped.topLevelItem(n).text(1) for n in range(2)} == {
            "نوع ملف لا تقرؤه حاشية",
            "ملف فارغ",
        }
        arabic.close()
        session.translations.install("en")
        dialog.close()
        # The same drop again: everything is a duplicate, nothing is added.
        drop(window, [folder / "sub"])
        qtbot.waitUntil(
            lambda: (
                window.summary_dialog is not None and window.summary_dialog.report.duplicates == 40
            ),
            timeout=10_000,
        )
        assert window.model.rowCount() == 40


def test_import_runs_on_a_worker_and_the_window_stays_responsive(qtbot, empty, tmp_path, folder):
    worker_threads = []
    importer = slow_importer(0.02, worker_threads)
    with open_window(qtbot, empty, tmp_path, importer=importer) as session:
        window = session.window
        gui_thread = threading.get_ident()
        assert window.start_import([folder])
        # While the import runs, the event loop keeps serving timers and input.
        ticks = []
        timer = QTimer(interval=10)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        timer.start()
        window.library_panel.filter_box.setText("عنوان")
        qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=3000)
        assert window.imports.running
        timer.stop()
        gaps = [b - a for a, b in itertools.pairwise(ticks)]
        assert max(gaps) < 0.25, gaps
        dialog = window.imports.progress_dialog
        assert dialog is not None and dialog.maximum() >= 40
        qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=20_000)
        assert worker_threads
        assert gui_thread not in worker_threads  # the import ran on the worker thread
        assert window.model.rowCount() == 40
        window.summary_dialog.close()


def test_cancel_stops_the_import_and_keeps_what_was_imported(qtbot, empty, tmp_path, folder):
    with open_window(qtbot, empty, tmp_path, importer=slow_importer(0.03)) as session:
        window = session.window
        assert window.start_import([folder])
        dialog = window.imports.progress_dialog
        qtbot.waitUntil(lambda: dialog.value() >= 3, timeout=10_000)
        cancel = dialog.findChild(QPushButton)
        assert cancel.text() == "Cancel"
        cancel.click()
        qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=10_000)
        report = window.summary_dialog.report
        assert report.cancelled
        assert 0 < report.imported < 40
        assert window.summary_dialog.windowTitle() == "Import cancelled"
        assert window.model.rowCount() == report.imported
        assert not window.imports.running
        window.summary_dialog.close()


def test_closing_the_window_during_an_import_stops_it_without_waiting_for_it(
    qtbot, empty, tmp_path, folder
):
    with open_window(qtbot, empty, tmp_path, importer=slow_importer(0.1)) as session:
        window = session.window
        assert window.start_import([folder])
        dialog = window.imports.progress_dialog
        qtbot.waitUntil(lambda: dialog.value() >= 2, timeout=10_000)
        begun = time.perf_counter()
        window.close()  # the whole import would take 4 s more
        assert time.perf_counter() - begun < 1.5
        assert not window.runner.busy()  # the import stopped at the next file
        assert window.summary_dialog is None  # and nothing is reported to a closed window
    imported = empty.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < imported < 40


def test_the_import_menu_uses_the_file_dialog(qtbot, empty, tmp_path, folder, monkeypatch):
    with open_window(qtbot, empty, tmp_path) as session:
        window = session.window
        files = [str(folder / "sub" / "00.txt"), str(folder / "sub" / "01.txt")]
        monkeypatch.setattr(FileDialog, "open_files", lambda *a, **k: files)
        window.acts.import_files.trigger()
        qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=10_000)
        assert window.model.rowCount() == 2
        window.summary_dialog.close()
        monkeypatch.setattr(FileDialog, "folder", lambda *a, **k: str(folder / "sub"))
        window.acts.import_folder.trigger()
        qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=10_000)


def test_an_import_that_fails_says_so(qtbot, empty, tmp_path, folder, no_modal):
    def broken(lib, paths, **kwargs):
        raise OSError("the disk is full")

    with open_window(qtbot, empty, tmp_path, importer=broken) as session:
        window = session.window
        window.start_import([folder])
        qtbot.waitUntil(lambda: not window.imports.running, timeout=10_000)
        assert no_modal == ["The import stopped because of an error."]


@pytest.mark.timeout(60)
def test_a_file_name_that_is_not_utf8_does_not_stop_the_import(qtbot, empty, tmp_path):
    import os

    root = tmp_path / "names"
    root.mkdir()
    (root / "good.txt").write_text("خبر سليم\n\nنص الخبر السليم في الملف.\n", encoding="utf-8")
    (root / os.fsdecode(b"bad\xff\xfe.txt")).write_bytes(
        "خبر باسم غريب\n\nنص خبر اسمه ليس بترميز سليم.\n".encode()
    )
    (root / os.fsdecode(b"empty\xff.txt")).write_bytes(b"")
    with open_window(qtbot, empty, tmp_path) as session:
        window = session.window
        drop(window, [root])
        qtbot.waitUntil(lambda: window.summary_dialog is not None, timeout=20_000)
        dialog = window.summary_dialog
        assert dialog.report.imported == 2
        assert window.model.rowCount() == 2
        items = [dialog.skipped.topLevelItem(n) for n in range(dialog.skipped.topLevelItemCount())]
        assert [Path(item.text(0).strip("\u2066\u2069")).name for item in items] == [
            "empty\\xff.txt"
        ]
        dialog.close()
