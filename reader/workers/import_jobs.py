"""Importing from the GUI: the work on the window's Runner, a progress dialog with Cancel.

The import is a write job on the runner's long lane: `import_job` opens its own Library
on the file in the worker thread (a sqlite3 connection belongs to the thread that made
it) and hands the runner's handle to the importer for progress and Cancel. The library
is WAL with a busy timeout, so the window keeps reading while the import writes, and
refreshes its list when the import is done. Cancel asks the import to stop after the
current file, or between two chunks of a long file being read (a slow disk); its report
(what was imported until then) still arrives. A web archive is read record by record:
the label shows how far into it, and Cancel stops it between two records. Reading never
waits on a named pipe or a device (they are skipped), so neither Cancel nor closing the
window waits on one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from library.ingest.importer import INDEXING, ImportReport, Progress, import_paths
from library.storage.store import open_library
from reader.workers.runner import LONG, Handle, Runner

Importer = Callable[..., ImportReport]


def import_job(
    importer: Importer, paths: Sequence[Path], library_path: Path, handle: Handle
) -> ImportReport:
    with open_library(library_path) as lib:
        return importer(lib, paths, progress=handle.progress, should_cancel=handle.should_cancel)


class ImportController(QObject):
    """Runs one import at a time for a window and tells it when the library changed."""

    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, parent: QWidget, runner: Runner, importer: Importer = import_paths) -> None:
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self._importer = importer
        self._ticket = 0
        self._cancelled = False
        self.progress_dialog: QProgressDialog | None = None
        runner.progressed.connect(self._progressed)
        runner.done.connect(self._finished)
        runner.failed.connect(self._failed)

    @property
    def running(self) -> bool:
        return self._ticket != 0

    def start(self, library_path: Path, paths: Sequence[Path]) -> bool:
        if self.running or not paths:
            return False
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
        self._cancelled = False
        job = partial(import_job, self._importer, [Path(p) for p in paths])
        self._ticket = self._runner.submit(library_path, job, lane=LONG, write=True)
        return True

    def cancel(self) -> None:
        if self._ticket:
            self._cancelled = True
            self._runner.stop(self._ticket)
            if self.progress_dialog is not None:
                self.progress_dialog.setLabelText(self.tr("Cancelling after the current file…"))

    def _progressed(self, ticket: int, progress: Progress) -> None:
        dialog = self.progress_dialog
        if ticket != self._ticket or dialog is None or self._cancelled:
            return
        locale = QLocale()
        if progress.stage == INDEXING:  # every file is in; the indexes are being built
            dialog.setRange(0, 0)
            dialog.setLabelText(
                self.tr("Building the library's indexes…\nImported: %1 · Duplicates: %2")
                .replace("%1", locale.toString(progress.imported))
                .replace("%2", locale.toString(progress.duplicates))
            )
            return
        dialog.setMaximum(max(progress.files_total, 1))
        dialog.setValue(min(progress.files_done, progress.files_total))
        name = Path(progress.current).name if progress.current else ""
        if progress.bytes_total:  # a web archive: how far into it
            percent = min(100 * progress.bytes_done // progress.bytes_total, 99)
            name += f" — {locale.toString(percent)}%"
        dialog.setLabelText(
            self.tr("File %1 of %2: %3\nImported: %4 · Duplicates: %5 · Skipped: %6")
            .replace("%1", locale.toString(min(progress.files_done + 1, progress.files_total)))
            .replace("%2", locale.toString(progress.files_total))
            .replace("%3", name)
            .replace("%4", locale.toString(progress.imported))
            .replace("%5", locale.toString(progress.duplicates))
            .replace("%6", locale.toString(progress.failed + progress.skipped))
        )

    def _finished(self, ticket: int, report: object) -> None:
        if ticket == self._ticket:
            self._stop()
            self.finished.emit(report)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self._stop()
            self.failed.emit(message)

    def _stop(self) -> None:
        self._ticket = 0
        if self.progress_dialog is not None:
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def shutdown(self) -> None:
        """The window is closing: ask a running import to stop at the next file (the
        runner's shutdown waits for it, within its bound)."""
        if self._ticket:
            self._runner.stop(self._ticket)
