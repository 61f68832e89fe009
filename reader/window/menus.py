"""The menu bar and the toolbar, laid out from the window's actions."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from reader.team.team_menu import TeamMenu, window_services
from reader.window.actions import Actions


def build_toolbar(window: QMainWindow, acts: Actions) -> QToolBar:
    bar = QToolBar(window)
    bar.setObjectName("mainToolbar")
    bar.setMovable(False)
    for item in (
        acts.import_files, None, acts.previous_article, acts.next_article, None,
        acts.zoom_out, acts.zoom_in, acts.show_diacritics, acts.find, None, acts.search, acts.preferences,
    ):  # fmt: skip
        if item is None:
            bar.addSeparator()
        else:
            bar.addAction(item)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar


class Menus(QObject):
    """The menus of the main window; `panels` are the dock and toolbar toggles."""

    def __init__(self, window: QMainWindow, acts: Actions, panels: list[QAction]) -> None:
        super().__init__(window)
        bar = window.menuBar()
        # Agreement, curation and the team library's sync (reader/team/).
        self.team_actions = TeamMenu(window, lambda: window_services(window))
        self.file = bar.addMenu("")
        self.file.addActions([acts.new_library, acts.open_library])
        self.recent = self.file.addMenu("")
        self.file.addSeparator()
        self.file.addActions([acts.import_files, acts.import_folder, acts.import_sample])
        self.file.addSeparator()
        self.file.addAction(acts.export_notes)
        self.file.addSeparator()
        # File ▸ Sync: where a user looks for it first; the Team menu holds it too.
        self.file.addActions([self.team_actions.sync_settings, self.team_actions.sync_action])
        self.file.addSeparator()
        self.file.addAction(acts.quit)

        self.edit = bar.addMenu("")
        self.edit.addActions([acts.copy, acts.select_all])
        self.edit.addSeparator()
        self.edit.addActions([acts.find, acts.find_next, acts.find_previous])
        self.edit.addSeparator()
        self.edit.addActions([acts.search, acts.filter_library])
        self.edit.addSeparator()
        self.edit.addAction(acts.preferences)

        self.view = bar.addMenu("")
        self.view.addActions([acts.zoom_in, acts.zoom_out, acts.zoom_reset])
        self.view.addSeparator()
        self.view.addAction(acts.show_diacritics)
        self.view.addSeparator()
        self.panels = self.view.addMenu("")
        self.panels.addActions(panels)
        self.theme = self.view.addMenu("")
        self.theme.addActions([acts.theme_system, acts.theme_light, acts.theme_dark])
        self.language = self.view.addMenu("")
        self.language.addActions([acts.language_en, acts.language_ar])
        self.view.addSeparator()
        self.view.addAction(acts.full_screen)

        self.go = bar.addMenu("")
        self.go.addActions([acts.next_article, acts.previous_article])
        self.go.addSeparator()
        self.go.addActions([acts.focus_library, acts.focus_article, acts.search])

        self.team = bar.addMenu("")
        self.team.addActions(self.team_actions.actions())

        self.tools = QMenu(bar)
        self.help = bar.addMenu("")
        self.help.addActions([acts.shortcuts, acts.about])
        self.retranslate()

    def add_view_mode(self, action: QAction) -> None:
        """A mode of the article page (View ▸ Translate), first in the View menu."""
        first = self.view.actions()[0] if self.view.actions() else None
        self.view.insertAction(first, action)
        if first is not None:
            self.view.insertSeparator(first)

    def add_tools(self, actions: list[QAction]) -> None:
        """The Tools menu (library maintenance), placed before Help."""
        self.tools.addActions(actions)
        self.window_bar().insertMenu(self.help.menuAction(), self.tools)

    def window_bar(self):
        return self.parent().menuBar()

    def all(self) -> list[QMenu]:
        return [self.file, self.recent, self.edit, self.view, self.panels, self.theme,
                self.language, self.go, self.team, self.tools, self.help]  # fmt: skip

    def retranslate(self) -> None:
        self.file.setTitle(self.tr("&File"))
        self.recent.setTitle(self.tr("Open &Recent"))
        self.edit.setTitle(self.tr("&Edit"))
        self.view.setTitle(self.tr("&View"))
        self.panels.setTitle(self.tr("&Panels"))
        self.theme.setTitle(self.tr("&Theme"))
        self.language.setTitle(self.tr("&Interface Language"))
        self.go.setTitle(self.tr("&Go"))
        self.team.setTitle(self.tr("Tea&m"))
        self.team_actions.retranslate()
        self.tools.setTitle(self.tr("&Tools"))
        self.help.setTitle(self.tr("&Help"))
