"""View ▸ Entity Network (Ctrl+Shift+G): the main window's entry to the network window.

The window is made the first time it is asked for, and follows the window's library
and change stream from then on; the main window builds one `NetworkEntry` and tells it
when the library is switched and when it shuts down."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from library.changes import Changes
from library.storage.store import Library
from reader.editing.changes import ChangeStream
from reader.pictures.network_view import NetworkWindow
from reader.workers.runner import Runner

NETWORK_KEY = "Ctrl+Shift+G"  # G for graph


class NetworkEntry(QObject):
    def __init__(
        self,
        window: QMainWindow,
        lib: Library,
        *,
        runner: Runner,
        changes: ChangeStream,
        open_at: Callable[[int, int, int], None],
        explain: Callable[[str], str],
        mark_colour: Callable[[], QColor],
        view_menu: QMenu,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._lib = lib
        self._services = (runner, open_at, explain, mark_colour)
        self.view: NetworkWindow | None = None
        self.action = QAction(window)
        self.action.setObjectName("showNetwork")
        self.action.setShortcut(QKeySequence(NETWORK_KEY))
        self.action.triggered.connect(self.show)
        window.addAction(self.action)
        view_menu.addAction(self.action)
        changes.changed.connect(self._changed)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("NetworkEntry", "Entity &Network…"))
        self.action.setStatusTip(
            QCoreApplication.translate(
                "NetworkEntry", "A picture of who is mentioned with whom, and their relations"
            )
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def show(self) -> NetworkWindow:
        if self.view is None:
            runner, open_at, explain, mark_colour = self._services
            self.view = NetworkWindow(
                self._lib,
                runner,
                open_at=open_at,
                explain=explain,
                mark_colour=mark_colour,
                parent=self._window,
            )
        self.view.show()
        self.view.raise_()
        self.view.activateWindow()
        return self.view

    def set_library(self, lib: Library) -> None:
        self._lib = lib
        if self.view is not None:
            self.view.set_library(lib)

    def _changed(self, changes: Changes) -> None:
        if self.view is not None:
            self.view.changes_seen(changes)

    def shutdown(self) -> None:
        if self.view is not None:
            self.view.cancel()
