"""Tools ▸ Check / Back Up / Restore, and the automatic daily backup.

Each job runs on a worker thread with its own connection to the library file (a sqlite3
connection belongs to its thread), so the window stays responsive while a large library
is checked or copied. Restoring replaces the file, so it asks first and reopens the
library through the window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from library import backup
from library.maintenance import CheckReport, check
from library.store import describe_error, open_library
from reader.messages import show_error

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:
            log.exception("maintenance job failed")
            self.signals.failed.emit(describe_error(exc))
            return
        self.signals.done.emit(result)


def _reanchor() -> Callable | None:
    try:
        from library.anchoring import reanchor_article
    except ImportError:
        return None
    return reanchor_article


def run_check(path: Path, repair: bool) -> CheckReport:
    with open_library(path) as lib:
        return check(lib, repair=repair, reanchor=_reanchor())


class CheckDialog(QDialog):
    """What `check` found, with a Repair button when there is something to repair."""

    def __init__(self, report: CheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle(self.tr("Check Library"))
        layout = QVBoxLayout(self)
        if not report.problems:
            summary = self.tr("The library is sound: %1 articles, %2 annotations.")
        elif report.ok:
            summary = self.tr("Every problem was repaired (%1 articles, %2 annotations).")
        else:
            summary = self.tr("Problems found in the library (%1 articles, %2 annotations):")
        self.summary = QLabel(
            summary.replace("%1", str(report.articles)).replace("%2", str(report.annotations))
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.details = QPlainTextEdit(readOnly=True)
        self.details.setPlainText(
            "\n".join(f"{'✓ ' if p.repaired else ''}{p.kind}: {p.message}" for p in report.problems)
        )
        self.details.setVisible(bool(report.problems))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.repair_button = None
        if not report.ok:
            self.repair_button = buttons.addButton(
                self.tr("Repair"), QDialogButtonBox.ButtonRole.AcceptRole
            )
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(560, 320 if report.problems else 120)


class RestoreDialog(QDialog):
    """Pick one of the automatic (or pre-upgrade) backups."""

    def __init__(self, choices: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from Backup"))
        layout = QVBoxLayout(self)
        label = QLabel(
            self.tr(
                "Choose a backup. The library will be replaced by it; the current file "
                "is kept beside it first."
            )
        )
        label.setWordWrap(True)
        layout.addWidget(label)
        self.list = QListWidget()
        for path in choices:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.list.addItem(item)
        if choices:
            self.list.setCurrentRow(0)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None


class Maintenance(QObject):
    """The Tools menu's actions and the daily backup, for a window.

    `library_path()` gives the open library's file; `reopen(path)` makes the window
    close and open it again (after a restore).
    """

    finished = Signal(str)  # for tests and the status bar: "check", "backup", "restore"

    def __init__(
        self,
        parent: QWidget,
        library_path: Callable[[], Path],
        reopen: Callable[[Path], bool],
        release: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.library_path = library_path
        self.reopen = reopen
        self.release = release
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._jobs: set[_Job] = set()
        self.check_action = QAction(parent, objectName="checkLibrary")
        self.backup_action = QAction(parent, objectName="backupLibrary")
        self.restore_action = QAction(parent, objectName="restoreLibrary")
        self.check_action.triggered.connect(lambda: self.run_check(repair=False))
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action.triggered.connect(self.choose_restore)
        self.last_dialog: QDialog | None = None
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.check_action, self.backup_action, self.restore_action]

    def retranslate(self) -> None:
        self.check_action.setText(self.tr("&Check Library…"))
        self.check_action.setStatusTip(self.tr("Look for damage and repair what can be rebuilt"))
        self.backup_action.setText(self.tr("&Back Up Now…"))
        self.backup_action.setStatusTip(self.tr("Save a consistent copy of the library"))
        self.restore_action.setText(self.tr("&Restore from Backup…"))
        self.restore_action.setStatusTip(self.tr("Replace the library by one of its backups"))

    def _run(self, job: _Job) -> None:
        # Keep the job (and its signals object) alive until its queued signal has been
        # delivered here; otherwise the result can be lost with the runnable.
        job.setAutoDelete(False)
        self._jobs.add(job)
        job.signals.done.connect(lambda _result: self._jobs.discard(job))
        job.signals.failed.connect(lambda _message: self._jobs.discard(job))
        self.pool.start(job)

    def _start(self, work: Callable[[], Any], done: Callable[[Any], None], title: str) -> None:
        job = _Job(work)
        job.signals.done.connect(done)
        job.signals.failed.connect(lambda message: self._failed(title, message))
        self._run(job)

    def _failed(self, title: str, message: str) -> None:
        show_error(self.window, title, message)
        self.finished.emit("failed")

    # --- check ---

    def run_check(self, repair: bool) -> None:
        path = self.library_path()
        self._start(lambda: run_check(path, repair), self._checked, self.tr("Check Library"))

    def _checked(self, report: CheckReport) -> None:
        dialog = CheckDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.run_check(repair=True))
        self.last_dialog = dialog
        dialog.open()
        self.finished.emit("check")

    # --- backups ---

    def daily(self) -> None:
        """Today's automatic backup, if not made yet (quietly; failures are logged)."""
        path = self.library_path()

        def work() -> Path | None:
            with open_library(path, readonly=True) as lib:
                return backup.daily_backup(lib.conn, path)

        job = _Job(work)
        job.signals.failed.connect(lambda message: log.warning("daily backup: %s", message))
        job.signals.done.connect(lambda _made: self.finished.emit("daily"))
        self._run(job)

    def back_up_now(self) -> None:
        source = self.library_path()
        suggested = backup.backups_folder(source) / f"{source.stem}-copy.sqlite"
        target, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Back Up Now"),
            str(suggested),
            self.tr("Hashiya libraries (*.sqlite)"),
        )
        if target:
            self.back_up_to(Path(target))

    def back_up_to(self, target: Path) -> None:
        source = self.library_path()
        self._start(
            lambda: backup.backup_file(source, target), self._backed_up, self.tr("Back Up Now")
        )

    def _backed_up(self, target: Path) -> None:
        self.window.statusBar().showMessage(
            self.tr("Backup saved to %1").replace("%1", str(target)), 8000
        )
        self.finished.emit("backup")

    def backups(self) -> list[Path]:
        path = self.library_path()
        beside = sorted(path.parent.glob(f"{path.name}.*.bak"), reverse=True)
        return [*backup.list_backups(backup.backups_folder(path)), *beside]

    def choose_restore(self) -> None:
        choices = self.backups()
        if not choices:
            QMessageBox.information(
                self.window, self.tr("Restore from Backup"), self.tr("There are no backups yet.")
            )
            return
        dialog = RestoreDialog(choices, self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen() is not None:
            self.restore(dialog.chosen())

    def restore(self, chosen: Path) -> bool:
        path = self.library_path()
        answer = QMessageBox.question(
            self.window,
            self.tr("Restore from Backup"),
            self.tr("Replace the library by %1? The current file is kept beside it.").replace(
                "%1", chosen.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.pool.waitForDone()
        self.release()
        try:
            backup.restore(chosen, path)
        except Exception as exc:
            show_error(self.window, self.tr("Restore from Backup"), describe_error(exc))
            self.reopen(path)
            return False
        self.reopen(path)
        self.finished.emit("restore")
        return True

    def shutdown(self) -> None:
        self.pool.waitForDone()
