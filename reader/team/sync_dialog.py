"""Team ▸ Sync with the Team Library…: the server, a sync now, a sync every few minutes,
and the conflicts a sync left for the user (`library.team.sync`, `sync_conflicts`).

The sync runs on the window's one runner, in the long lane (it writes the library), and
the window is told that anything may have changed when it is done. The server address is
remembered per library without its password; a password typed here lives only as long as
the window (libpq's `~/.pgpass` or `$PGPASSWORD` keep one between sessions), so nothing
secret is written to the settings file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from library.changes import EVERYTHING
from library.storage.store import Library, open_library
from library.team.sync import SyncReport, check_url, server_address, sync
from library.team.sync_conflicts import Conflict, ConflictError, conflicts, resolve
from reader.editing.changes import ChangeStream
from reader.workers.runner import LONG, Handle, Runner

URL_KEY = "team/{library}/url"
SHARE_KEY = "team/{library}/shareText"
EVERY_KEY = "team/{library}/everyMinutes"


def _library_key(path: Path | None) -> str:
    raw = str(path.resolve()) if path is not None else ":memory:"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def with_password(url: str, password: str) -> str:
    """`url` with a password libpq reads (a `password` parameter), or `url` as it is."""
    if not password:
        return url
    return url + ("&" if "?" in url else "?") + urlencode({"password": password})


def sync_job(url: str, share_text: bool) -> Callable[[Path, Handle], SyncReport]:
    """The runner's job: open the library in the worker thread and sync it."""

    def job(path: Path, handle: Handle) -> SyncReport:
        with open_library(path) as lib:
            return sync(
                lib,
                url,
                share_text=share_text,
                progress=lambda stage, done, total: handle.progress((stage, done, total)),
            )

    return job


class SyncController(QObject):
    """What the Team menu's sync commands share: the settings of this library's team
    server, the timer of the automatic sync, and the one sync running at a time."""

    finished = Signal(object)  # SyncReport
    failed = Signal(str)
    running_changed = Signal(bool)

    def __init__(
        self,
        current_library: Callable[[], Library],
        runner: Runner,
        changes: ChangeStream,
        settings: QSettings | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        # The window's library, asked for at each sync: the user may have opened another.
        self._current = current_library
        self.lib = current_library()
        self.runner = runner
        self.changes = changes
        self.settings = settings
        self.password = ""
        self._ticket: int | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)
        self._start_timer()

    # --- settings, per library ---------------------------------------------------------

    def _key(self, template: str) -> str:
        return template.format(library=_library_key(self.lib.path))

    def _value(self, template: str, default, kind):
        if self.settings is None:
            return default
        return self.settings.value(self._key(template), default, type=kind)

    @property
    def url(self) -> str:
        return self._value(URL_KEY, "", str)

    @property
    def share_text(self) -> bool:
        return self._value(SHARE_KEY, False, bool)

    @property
    def every_minutes(self) -> int:
        return self._value(EVERY_KEY, 0, int)

    def configure(self, url: str, share_text: bool, every_minutes: int, password: str) -> None:
        """Remember the server (without its password) and restart the automatic sync."""
        check_url(url)  # ValueError with a sentence for the user
        self.password = password
        if self.settings is not None:
            self.settings.setValue(self._key(URL_KEY), server_address(url))
            self.settings.setValue(self._key(SHARE_KEY), share_text)
            self.settings.setValue(self._key(EVERY_KEY), every_minutes)
        self._start_timer()

    def _start_timer(self) -> None:
        self.timer.stop()
        if self.every_minutes > 0 and self.url and not self.lib.readonly:
            self.timer.start(self.every_minutes * 60_000)

    def set_library(self, lib: Library) -> None:
        self.lib = lib
        self.password = ""
        self._start_timer()

    # --- syncing --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._ticket is not None

    def sync_now(self) -> bool:
        """Start a sync with the configured server; False when none is set or one runs."""
        if self._current() is not self.lib:
            self.set_library(self._current())
        if self.running or not self.url or self.lib.readonly or self.lib.path is None:
            return False
        url = with_password(self.url, self.password)
        self._ticket = self.runner.submit(
            self.lib.path, sync_job(url, self.share_text), lane=LONG, write=True
        )
        self.running_changed.emit(True)
        return True

    def _done(self, ticket: int, result: object) -> None:
        if ticket != self._ticket:
            return
        self._ticket = None
        self.running_changed.emit(False)
        # Another connection wrote the pulled rows: the views read everything again.
        self.changes.publish(EVERYTHING)
        self.finished.emit(result)

    def _failed(self, ticket: int, message: str, _title: str) -> None:
        if ticket != self._ticket:
            return
        self._ticket = None
        self.running_changed.emit(False)
        self.failed.emit(message)

    def shutdown(self) -> None:
        self.timer.stop()


class SyncDialog(QDialog):
    """The team server, Sync Now, the automatic sync, and the open conflicts."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncDialog")
        self.controller = controller
        self.url = QLineEdit(controller.url, self)
        self.url.setObjectName("syncUrl")
        self.url.setPlaceholderText("postgresql://USER@HOST/DATABASE")
        self.url.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.password = QLineEdit(controller.password, self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.share = QCheckBox(self)
        self.share.setChecked(controller.share_text)
        self.every = QSpinBox(self)
        self.every.setRange(0, 24 * 60)
        self.every.setValue(controller.every_minutes)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setObjectName("syncStatus")
        self.sync_button = QPushButton(self)
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setDefault(True)
        self.sync_button.clicked.connect(self.sync_now)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("syncConflicts")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.details = QLabel(self)
        self.details.setObjectName("syncConflictDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.keep_mine = QPushButton(self)
        self.keep_theirs = QPushButton(self)
        self.keep_mine.clicked.connect(lambda: self._resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self._resolve("theirs"))
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._shown: list[Conflict] = []
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        controller.finished.connect(self._finished)
        controller.failed.connect(self._sync_failed)
        controller.running_changed.connect(self._running)
        self.retranslate()
        self._running(controller.running)
        self.show_conflicts()

    def _lay_out(self) -> None:
        form = QFormLayout()
        self.url_label = QLabel(self)
        self.password_label = QLabel(self)
        self.every_label = QLabel(self)
        form.addRow(self.url_label, self.url)
        form.addRow(self.password_label, self.password)
        form.addRow("", self.share)
        form.addRow(self.every_label, self.every)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.sync_button)
        self.conflicts_label = QLabel(self)
        keep = QHBoxLayout()
        keep.addStretch(1)
        keep.addWidget(self.keep_mine)
        keep.addWidget(self.keep_theirs)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(keep)
        layout.addWidget(self.buttons)
        self.resize(720, 480)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sync with the Team Library"))
        self.url_label.setText(self.tr("&Server:"))
        self.url_label.setBuddy(self.url)
        self.password_label.setText(self.tr("&Password:"))
        self.password_label.setBuddy(self.password)
        self.password.setPlaceholderText(self.tr("Kept until you close Hashiya; or use ~/.pgpass"))
        self.share.setText(self.tr("Share the articles' &text with the team"))
        self.every_label.setText(self.tr("Sync &automatically every:"))
        self.every_label.setBuddy(self.every)
        self.every.setSuffix(self.tr(" min"))
        self.every.setSpecialValueText(self.tr("Never"))
        self.sync_button.setText(self.tr("Sync &Now"))
        self.keep_mine.setText(self.tr("Keep &Mine"))
        self.keep_theirs.setText(self.tr("Keep &Theirs"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Their author"), self.tr("Why"), self.tr("Differs in")]
        )

    # --- syncing --------------------------------------------------------------------------

    def sync_now(self) -> None:
        try:
            self.controller.configure(
                self.url.text().strip(),
                self.share.isChecked(),
                self.every.value(),
                self.password.text(),
            )
        except ValueError as exc:
            self.status.setText(str(exc))
            return
        self.controller.sync_now()

    def _running(self, on: bool) -> None:
        self.sync_button.setEnabled(not on and not self.controller.lib.readonly)
        if on:
            self.status.setText(self.tr("Syncing…"))

    def _finished(self, report: SyncReport) -> None:
        text = self.tr("Synced with %1: %2 sent, %3 received.")
        for n, value in enumerate((report.server, str(report.pushed), str(report.pulled)), 1):
            text = text.replace(f"%{n}", value)
        if report.open_conflicts:
            text += " " + self.tr("%Ln conflict(s) to settle below.", "", report.open_conflicts)
        if report.parked:
            text += " " + self.tr(
                "%Ln record(s) wait for articles you have not imported.", "", report.parked
            )
        self.status.setText(text)
        self.show_conflicts()

    def _sync_failed(self, message: str) -> None:
        self.status.setText(message)

    # --- conflicts --------------------------------------------------------------------------

    def show_conflicts(self) -> None:
        # Kept with the rows: choosing a row looks its conflict up here, not in the library.
        self._shown = found = conflicts(self.controller.lib)
        self.conflicts_label.setText(self.tr("Conflicts: %1").replace("%1", str(len(found))))
        self.table.setRowCount(len(found))
        reasons = {
            "edited": self.tr("changed here and by them"),
            "in-use": self.tr("deleted by them, still used here"),
            "refused": self.tr("the server's rules refused yours"),
        }
        for row, c in enumerate(found):
            shown = ", ".join(c.fields()) or (
                self.tr("deleted here") if c.mine is None else self.tr("deleted by them")
            )
            cells = (c.kind, c.their_author or "", reasons.get(c.reason, c.reason), shown)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                self.table.setItem(row, column, item)
        self._selection_changed()

    def _selected(self) -> Conflict | None:
        items = self.table.selectedItems()
        if not items:
            return None
        wanted = items[0].data(Qt.ItemDataRole.UserRole)
        return next((c for c in self._shown if c.id == wanted), None)

    def _selection_changed(self) -> None:
        conflict = self._selected()
        chosen = conflict is not None and not self.controller.lib.readonly
        self.keep_mine.setEnabled(chosen)
        self.keep_theirs.setEnabled(chosen)
        self.details.setText(self._describe(conflict) if conflict is not None else "")

    def _describe(self, c: Conflict) -> str:
        """The two versions of what differs (times left out: both sides have their own)."""
        if c.mine is None or c.theirs is None:
            return self.tr("Mine: deleted") if c.mine is None else self.tr("Theirs: deleted")
        lines = []
        for name in c.fields():
            if name.endswith("_at"):
                continue
            line = self.tr("%1 — mine: %2 · theirs: %3")
            for n, value in enumerate((name, c.mine.get(name), c.theirs.get(name)), 1):
                line = line.replace(f"%{n}", "\u2068" + str(value) + "\u2069")
            lines.append(line)
        return "\n".join(lines)

    def _resolve(self, keep: str) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        try:
            resolve(self.controller.lib, chosen.id, keep)
        except ConflictError as exc:
            QMessageBox.warning(self, self.windowTitle(), str(exc))
            return
        self.controller.changes.publish(EVERYTHING)
        self.show_conflicts()
