"""The timeline and the concordance as docks of the main window: their View menu
entries and shortcuts, and their wiring to the window's services (the runner, the
change stream, the library list, opening an article). The window builds one
`TimeAndWordDocks` and tells it when the library changes; nothing else of it knows the
two views."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from library.changes import Changes
from library.marks.entities import Entity
from library.storage.store import Library
from reader.pictures.concordance_view import ConcordanceView
from reader.pictures.timeline_view import TimelineView
from reader.workers.runner import Runner

CONCORDANCE_KEY = "Ctrl+Shift+K"  # K for KWIC (Ctrl+K is Search)
TIMELINE_KEY = "Ctrl+Shift+Y"


class _Dock(QDockWidget):
    """A dock whose title follows the interface language."""

    def __init__(
        self, name: str, title: Callable[[], str], widget: QWidget, parent: QMainWindow
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWidget(widget)
        self._title = title
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.setWindowTitle(title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.setWindowTitle(self._title())
        super().changeEvent(event)


class TimeAndWordDocks(QObject):
    def __init__(
        self,
        window: QMainWindow,
        lib: Library,
        *,
        runner: Runner,
        library_path: Callable[[], Path],
        mark_colour: Callable[[], QColor],
        bring_dock: Callable[[QDockWidget], None],
        open_occurrence: Callable[[int, int, int], object],
        set_period: Callable[[object], None],
        view_menu: QMenu,
        current_entity: Callable[[], Entity | None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.concordance = ConcordanceView(
            lib, runner, library_path, mark_colour, current_entity=current_entity
        )
        self.timeline = TimelineView(runner, library_path)
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.concordance_dock = _Dock(
            "concordanceDock",
            lambda: QCoreApplication.translate("TimeAndWordDocks", "Concordance"),
            self.concordance,
            window,
        )
        self.timeline_dock = _Dock(
            "timelineDock",
            lambda: QCoreApplication.translate("TimeAndWordDocks", "Timeline"),
            self.timeline,
            window,
        )
        window.addDockWidget(bottom, self.concordance_dock)
        window.addDockWidget(bottom, self.timeline_dock)
        # Tabified when both are open (`_bring`): a tab group of hidden docks made
        # restoreState grow the window by the group's height.
        self._window = window
        self.concordance_dock.hide()
        self.timeline_dock.hide()
        self._bring = bring_dock
        view_menu.addSeparator()
        for dock, key in (
            (self.concordance_dock, CONCORDANCE_KEY),
            (self.timeline_dock, TIMELINE_KEY),
        ):
            action = dock.toggleViewAction()
            action.setShortcut(QKeySequence(key))
            action.setObjectName(f"toggle{dock.objectName()[0].upper()}{dock.objectName()[1:]}")
            # As the window's panels: brought to the front, not toggled away from behind a tab.
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False, d=dock: self._bring_dock(d))
            window.addAction(action)
            view_menu.addAction(action)
        self.concordance.open_requested.connect(open_occurrence)
        self.timeline.period_changed.connect(set_period)
        self.timeline_dock.visibilityChanged.connect(self._timeline_visibility)

    def _bring_dock(self, dock: QDockWidget) -> None:
        """The window's way of bringing a panel forward, sharing the place of the other
        picture when that one is open where this one goes."""
        other = self.timeline_dock if dock is self.concordance_dock else self.concordance_dock
        window = self._window
        beside = (
            not dock.isVisible()
            and other.isVisible()
            and not other.isFloating()
            and window.dockWidgetArea(other) == window.dockWidgetArea(dock)
        )
        if beside and dock not in window.tabifiedDockWidgets(other):
            window.tabifyDockWidget(other, dock)
        self._bring(dock)

    def _timeline_visibility(self, visible: bool) -> None:
        """The timeline closed: its range no longer narrows the list, which would
        otherwise stay narrowed with nothing on screen to say so. (Behind another tab it
        is not hidden, and the range stays.)"""
        if not visible and self.timeline_dock.isHidden():
            self.timeline.chart.clear_brush()

    def show_concordance(self) -> None:
        self._bring_dock(self.concordance_dock)

    def show_timeline(self) -> None:
        self._bring_dock(self.timeline_dock)

    def set_library(self, lib: Library) -> None:
        self.concordance.set_library(lib)
        self.timeline.set_library(lib)

    def apply_changes(self, changes: Changes) -> None:
        self.timeline.apply_changes(changes)
        if changes.entities or changes.everything:
            self.concordance.entities_changed()

    def shutdown(self) -> None:
        self.concordance.stop()
        self.timeline.stop()
