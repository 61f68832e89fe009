"""Tools ▸ Check / Back Up / Restore, and the automatic daily backup.

Checking, repairing and backing up are jobs on the long lane of the window's Runner, each
opening its own connection to the library file in the worker thread (a sqlite3 connection
belongs to its thread), so the window stays responsive while a large library is checked
or copied; their failures carry a title, so the window shows them. Restoring replaces
the file under the window's own connection, so it runs on the GUI thread between
releasing the library and reopening it, asks first, and only when no long job (an
import, an export, a check, a backup) is using the file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from library.ingest.recleaning import RecleanReport, reclean
from library.storage import backup
from library.storage.maintenance import CheckReport, check
from library.storage.store import Library, describe_error, open_library
from reader.dialogs.file_dialogs import FileDialog
from reader.messages import ask, show_error
from reader.workers.runner import LONG, Handle, Runner

log = logging.getLogger(__name__)


def _reanchor() -> Callable | None:
    try:
        from library.marks.anchoring import reanchor_article
    except ImportError:
        return None
    return reanchor_article


def run_check(path: Path, repair: bool) -> CheckReport:
    with open_library(path) as lib:
        return check(lib, repair=repair, reanchor=_reanchor())


def check_job(repair: bool, path: Path, _handle: Handle) -> CheckReport:
    return run_check(path, repair)


def backup_job(target: Path, source: Path, _handle: Handle) -> Path:
    return backup.backup_file(source, target)


def reclean_job(path: Path, handle: Handle) -> RecleanReport:
    """Clean every article again from its raw text (a write job on the long lane)."""
    with open_library(path) as lib:
        return reclean(
            lib,
            progress=lambda done, total: handle.progress((done, total)),
            should_cancel=handle.should_cancel,
        )


def daily_job(lib: Library, _handle: Handle) -> Path | None:
    return backup.daily_backup_of(lib)


class CheckDialog(QDialog):
    """What `check` found, with a Repair button when there is something to repair."""

    def __init__(self, report: CheckReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle(self.tr("Check Library"))
        layout = QVBoxLayout(self)
        if not report.problems:
            summary = self.tr("The library is sound: %1, %2.")
        elif report.ok:
            summary = self.tr("Every problem was repaired (%1, %2).")
        else:
            summary = self.tr("Problems found in the library (%1, %2):")
        # Each count a phrase of its own, for Arabic's plural forms.
        self.summary = QLabel(
            summary.replace("%1", self.tr("%Ln article(s)", "", report.articles)).replace(
                "%2", self.tr("%Ln annotation(s)", "", report.annotations)
            )
        )
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
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
        label.setTextFormat(Qt.TextFormat.PlainText)
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


def backups_of(path: Path) -> list[Path]:
    """The daily backups of the library at `path`, newest first, then the copies kept
    beside it (before an upgrade, before a restore)."""
    beside = sorted(path.parent.glob(f"{path.name}.*.bak"), reverse=True)
    return [*backup.list_backups(backup.backups_folder(path)), *beside]


class LibraryTroubleBox(QMessageBox):
    """A library that cannot be opened: why, in plain words, and what to do instead:
    restore one of its backups (when there are any) or open another library."""

    RESTORE, OTHER, QUIT = "restore", "other", "quit"

    def __init__(self, path: Path, message: str, has_backups: bool, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryTroubleBox")
        self.setIcon(QMessageBox.Icon.Critical)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWindowTitle(self.tr("Cannot open the library"))
        text = self.tr("Cannot open the library %1.").replace("%1", f"\u2066{path}\u2069")
        self.setText(f"{text}\n\n{message}")
        self.restore_button = None
        if has_backups:
            self.restore_button = self.addButton(
                self.tr("Restore from Backup…"), QMessageBox.ButtonRole.AcceptRole
            )
        self.other_button = self.addButton(
            self.tr("Open Another Library…"), QMessageBox.ButtonRole.ActionRole
        )
        self.quit_button = self.addButton(self.tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.restore_button or self.other_button)

    def ask(self) -> str:
        self.exec()
        clicked = self.clickedButton()
        if clicked is not None and clicked is self.restore_button:
            return self.RESTORE
        if clicked is self.other_button:
            return self.OTHER
        return self.QUIT


class Maintenance(QObject):
    """The Tools menu's actions and the daily backup, for a window.

    `library_path()` gives the open library's file; `reopen(path)` makes the window
    close and open it again (after a restore).
    """

    finished = Signal(str)  # for tests and the status bar: "check", "backup", "restore"
    changed = Signal(object)  # library.changes.Changes: what a repair changed

    def __init__(
        self,
        parent: QWidget,
        runner: Runner,
        library_path: Callable[[], Path],
        reopen: Callable[[Path], bool],
        release: Callable[[], None],
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.runner = runner
        self.library_path = library_path
        self.reopen = reopen
        self.release = release
        # ticket → (what to do with the result, what to do when it failed)
        self._waiting: dict[int, tuple[Callable[[Any], None], Callable[[str], None]]] = {}
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)
        runner.progressed.connect(self._progressed)
        self._reclean_ticket = 0
        self.check_action = QAction(parent, objectName="checkLibrary")
        self.backup_action = QAction(parent, objectName="backupLibrary")
        self.restore_action = QAction(parent, objectName="restoreLibrary")
        self.reclean_action = QAction(parent, objectName="recleanLibrary")
        self.check_action.triggered.connect(lambda: self.run_check(repair=False))
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action.triggered.connect(self.choose_restore)
        self.reclean_action.triggered.connect(self.run_reclean)
        self.last_dialog: QDialog | None = None
        self.retranslate()

    def actions(self) -> list[QAction]:
        return [self.check_action, self.backup_action, self.restore_action, self.reclean_action]

    def retranslate(self) -> None:
        self.check_action.setText(self.tr("&Check Library…"))
        self.check_action.setStatusTip(self.tr("Look for damage and repair what can be rebuilt"))
        self.backup_action.setText(self.tr("&Back Up Now…"))
        self.backup_action.setStatusTip(self.tr("Save a consistent copy of the library"))
        self.restore_action.setText(self.tr("&Restore from Backup…"))
        self.restore_action.setStatusTip(self.tr("Replace the library by one of its backups"))
        self.reclean_action.setText(self.tr("Re-&clean Library…"))
        self.reclean_action.setStatusTip(
            self.tr("Clean every article again from its imported text with the current rules")
        )

    def _start(
        self,
        job: Callable[[Any, Handle], Any],
        done: Callable[[Any], None],
        title: str,
        *,
        write: bool = True,
        failed: Callable[[str], None] | None = None,
    ) -> int:
        """Run `job` on the long lane; a failure with a `title` is shown by the window."""
        ticket = self.runner.submit(self.library_path(), job, lane=LONG, write=write, title=title)
        self._waiting[ticket] = (done, failed or (lambda _message: self.finished.emit("failed")))
        return ticket

    def _done(self, ticket: int, result: object) -> None:
        if ticket in self._waiting:
            self._waiting.pop(ticket)[0](result)

    def _failed(self, ticket: int, message: str) -> None:
        if ticket in self._waiting:
            self._waiting.pop(ticket)[1](message)

    # --- check ---

    def run_check(self, repair: bool) -> None:
        self._start(partial(check_job, repair), self._checked, self.tr("Check Library"))

    def _checked(self, report: CheckReport) -> None:
        dialog = CheckDialog(report, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.run_check(repair=True))
        self.last_dialog = dialog
        dialog.open()
        if not report.changes.empty:
            self.changed.emit(report.changes)
        self.finished.emit("check")

    # --- re-cleaning ---

    def run_reclean(self) -> None:
        """Clean every article again (glued headings split by the library's own words,
        which an import cannot know yet), moving its annotations with its text."""
        answer = ask(
            self.window,
            self.tr("Re-clean Library"),
            self.tr(
                "Clean every article again from the text it was imported from, with the "
                "current rules, and move its annotations with it? The imported text is "
                "kept as it is."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._reclean_ticket = self._start(
            reclean_job, self._recleaned, self.tr("Re-clean Library")
        )

    def _progressed(self, ticket: int, value: object) -> None:
        if ticket == self._reclean_ticket and isinstance(value, tuple):
            done, total = value
            self.window.statusBar().showMessage(
                self.tr("Re-cleaning: %1 of %2 articles")
                .replace("%1", QLocale().toString(done))
                .replace("%2", QLocale().toString(total))
            )

    def _recleaned(self, report: RecleanReport) -> None:
        self._reclean_ticket = 0
        if not report.changes.empty:
            self.changed.emit(report.changes)
        self.window.statusBar().showMessage(
            self.tr("Articles re-cleaned: %1; text changed in %2; annotations moved: %3")
            .replace("%1", QLocale().toString(report.articles))
            .replace("%2", QLocale().toString(len(report.changed)))
            .replace("%3", QLocale().toString(len(report.reanchored))),
            10000,
        )
        self.finished.emit("reclean")

    # --- backups ---

    def daily(self) -> None:
        """Today's automatic backup, if not made yet (quietly; failures are logged)."""
        self._start(
            daily_job,
            lambda _made: self.finished.emit("daily"),
            "",  # no title: the runner logs a failure, nobody is shown it
            write=False,  # a read-only connection, copied with SQLite's backup API
            failed=lambda _message: None,
        )

    def back_up_now(self) -> None:
        source = self.library_path()
        suggested = backup.backups_folder(source) / f"{source.stem}-copy.sqlite"
        target = FileDialog.save_file(
            self.window,
            self.tr("Back Up Now"),
            str(suggested),
            self.tr("Hashiya libraries (*.sqlite)"),
        )
        if target:
            self.back_up_to(Path(target))

    def back_up_to(self, target: Path) -> None:
        self._start(partial(backup_job, target), self._backed_up, self.tr("Back Up Now"))

    def _backed_up(self, target: Path) -> None:
        self.window.statusBar().showMessage(
            self.tr("Backup saved to %1").replace("%1", f"\u2066{target}\u2069"), 8000
        )
        self.finished.emit("backup")

    def backups(self) -> list[Path]:
        return backups_of(self.library_path())

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
        answer = ask(
            self.window,
            self.tr("Restore from Backup"),
            self.tr("Replace the library by %1? The current file is kept beside it.").replace(
                "%1", chosen.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if self.runner.busy(LONG):
            show_error(
                self.window,
                self.tr("Restore from Backup"),
                self.tr(
                    "The library is busy with an import, an export, a check or a backup. "
                    "Try again when it has finished."
                ),
            )
            return False
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
        """Forget the jobs waited for (the window's runner stops them)."""
        self._waiting.clear()
