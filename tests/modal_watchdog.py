"""A dialog left open in an offscreen test waits for a click that never comes: the run
hung there with no output (pytest-timeout's signal cannot interrupt Qt's modal loop).
The watchdog closes a modal dialog that has stayed open for `PATIENCE_S` and says which
one, so the test fails with its text instead."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

PATIENCE_S = 30.0


class ModalWatchdog(QObject):
    def __init__(self, app: QApplication, patience: float = PATIENCE_S) -> None:
        super().__init__()
        self.patience = patience
        self.closed: list[str] = []
        self._seen: tuple[object, float] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, QDialog):
            self._seen = None
            return
        if self._seen is None or self._seen[0] is not modal:
            self._seen = (modal, time.monotonic())
            return
        if time.monotonic() - self._seen[1] < self.patience:
            return
        text = modal.text() if isinstance(modal, QMessageBox) else ""
        self.closed.append(f"{modal.windowTitle()!r}: {text}".strip())
        self._seen = None
        modal.done(QDialog.DialogCode.Rejected)

    def stop(self) -> None:
        self._timer.stop()
