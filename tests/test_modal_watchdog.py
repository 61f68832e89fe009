"""The test run's guard against a dialog nobody answers (tests/modal_watchdog.py)."""

from __future__ import annotations

from modal_watchdog import ModalWatchdog
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def test_a_modal_box_nobody_answers_is_closed_and_named(qtbot):
    watchdog = ModalWatchdog(QApplication.instance(), patience=0.5)
    try:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Restore",
            "The library is busy",
            QMessageBox.StandardButton.Ok,
        )
        box.exec()  # returns only because the watchdog closed it
    finally:
        watchdog.stop()
    assert watchdog.closed == ["'Restore': The library is busy"]


def test_a_box_answered_in_time_is_left_alone(qtbot):
    watchdog = ModalWatchdog(QApplication.instance(), patience=5)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "Ask", "Go on?", QMessageBox.StandardButton.Ok)
        QTimer.singleShot(1200, box.accept)  # the user answers after a second
        box.exec()
    finally:
        watchdog.stop()
    assert watchdog.closed == []
