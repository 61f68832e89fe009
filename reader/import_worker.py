"""Importing from the GUI: the work on a thread, a progress dialog with Cancel, a summary.

The worker opens its own Library on the same file (a sqlite3 connection belongs to the
thread that made it); the library is WAL with a busy timeout, so the window keeps
reading while the import writes, and refreshes its list when the import is done.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from library.importer import ImportReport, Progress, import_paths
from library.store import describe_error, open_library

log = logging.getLogger(__name__)

Importer = Callable[..., ImportReport]


class ImportJob(QObject):
    progressed = Signal(object)  # Progress
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(
        self, library_path: Path, paths: Sequence[Path], importer: Importer = import_paths
    ) -> None:
        super().__init__()
        self.library_path = library_path
        self.paths = [Path(p) for p in paths]
        self._importer = importer
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        try:
            with open_library(self.library_path) as lib:
                report = self._importer(
                    lib,
                    self.paths,
                    progress=self.progressed.emit,
                    should_cancel=self._cancel.is_set,
                )
        except Exception as exc:
            log.exception("import of %s failed", self.paths)
            self.failed.emit(describe_error(exc))
            return
        self.finished.emit(report)


class ImportController(QObject):
    """Runs one import at a time for a window and tells it when the library changed."""

    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, parent: QWidget, importer: Importer = import_paths) -> None:
        super().__init__(parent)
        self._parent = parent
        self._importer = importer
        self._thread: QThread | None = None
        self.job: ImportJob | None = None
        self.progress_dialog: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start(self, library_path: Path, paths: Sequence[Path]) -> bool:
        if self.running or not paths:
            return False
        self.job = ImportJob(library_path, paths, self._importer)
        self._thread = QThread(self)
        self._thread.setObjectName("import")
        self.job.moveToThread(self._thread)
        self._thread.started.connect(self.job.run)
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)

        dialog = QProgressDialog(self._parent)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(self.tr("Importing"))
        dialog.setLabelText(self.tr("Looking for files…"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setRange(0, 0)
        dialog.canceled.connect(self.cancel)
        self.progress_dialog = dialog
        self._thread.start()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText(self.tr("Cancelling after the current file…"))

    def _progressed(self, progress: Progress) -> None:
        dialog = self.progress_dialog
        if dialog is None or (self.job is not None and self.job.cancelled):
            return
        locale = QLocale()
        dialog.setMaximum(max(progress.files_total, 1))
        dialog.setValue(min(progress.files_done, progress.files_total))
        name = Path(progress.current).name if progress.current else ""
        dialog.setLabelText(
            self.tr("File %1 of %2: %3\nImported: %4 · Duplicates: %5 · Skipped: %6")
            .replace("%1", locale.toString(min(progress.files_done + 1, progress.files_total)))
            .replace("%2", locale.toString(progress.files_total))
            .replace("%3", name)
            .replace("%4", locale.toString(progress.imported))
            .replace("%5", locale.toString(progress.duplicates))
            .replace("%6", locale.toString(progress.failed))
        )

    def _finished(self, report: ImportReport) -> None:
        self._stop()
        self.finished.emit(report)

    def _failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)

    def _stop(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread.deleteLater()
            self._thread = None
        if self.job is not None:
            self.job.deleteLater()
            self.job = None

    def shutdown(self) -> None:
        """Stop a running import at the next file and wait for it (the window is closing)."""
        if self.job is not None:
            self.job.cancel()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
