"""Every command of the main window as a QAction: text, shortcuts and icon in one place.

Menus, the toolbar and the keyboard-shortcuts window are all built from these actions, so
a shortcut shown in a menu is the one that works.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QColor, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.look.icons import themed_icon
from reader.look.labels import key_text, plain_label


class Actions(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._icons: dict[QAction, str] = {}
        make = self._make
        # File
        self.new_library = make("newLibrary", ["Ctrl+Shift+N"])
        self.open_library = make("openLibrary", [QKeySequence.StandardKey.Open], "folder")
        self.import_files = make("importFiles", ["Ctrl+I"], "import")
        self.import_folder = make("importFolder", ["Ctrl+Shift+I"])
        self.import_sample = make("importSample", [], "sample")
        self.export_notes = make("exportNotes", ["Ctrl+Shift+E"])
        self.quit = make("quit", ["Ctrl+Q"])
        # Edit
        self.copy = make("copy", [QKeySequence.StandardKey.Copy])
        self.select_all = make("selectAll", [QKeySequence.StandardKey.SelectAll])
        self.find = make("find", ["Ctrl+F"], "find")
        self.find_next = make("findNext", ["F3"], "next")
        self.find_previous = make("findPrevious", ["Shift+F3"], "previous")
        self.search = make("search", ["Ctrl+K", "Ctrl+Shift+F"], "search")
        self.filter_library = make("filterLibrary", ["Ctrl+Shift+L"])
        self.preferences = make("preferences", ["Ctrl+,"], "settings")
        # View
        self.zoom_in = make("zoomIn", ["Ctrl++", "Ctrl+="], "zoom-in")
        self.zoom_out = make("zoomOut", ["Ctrl+-"], "zoom-out")
        self.zoom_reset = make("zoomReset", ["Ctrl+0"])
        self.show_diacritics = make(
            "showDiacritics", ["Ctrl+Shift+D"], "diacritics", checkable=True
        )
        self.full_screen = make("fullScreen", ["F11"], checkable=True)
        self.theme_system = make("themeSystem", [], checkable=True)
        self.theme_light = make("themeLight", [], checkable=True)
        self.theme_dark = make("themeDark", [], checkable=True)
        self.themes = QActionGroup(self)
        for action in (self.theme_system, self.theme_light, self.theme_dark):
            self.themes.addAction(action)
        self.language_en = make("languageEnglish", [], checkable=True)
        self.language_ar = make("languageArabic", [], checkable=True)
        self.languages = QActionGroup(self)
        for action in (self.language_en, self.language_ar):
            self.languages.addAction(action)
        # Go
        self.next_article = make("nextArticle", ["Alt+Down", "Ctrl+PgDown"], "next")
        self.previous_article = make("previousArticle", ["Alt+Up", "Ctrl+PgUp"], "previous")
        self.focus_library = make("focusLibrary", ["Ctrl+L"])
        self.focus_article = make("focusArticle", ["Ctrl+E"])
        # Help
        self.shortcuts = make("shortcuts", ["F1", "Ctrl+/"])
        self.about = make("about", [])
        self.retranslate()

    def _make(
        self, name: str, keys: list, icon: str | None = None, *, checkable: bool = False
    ) -> QAction:
        action = QAction(self._parent)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        if icon:
            self._icons[action] = icon
        self._parent.addAction(action)
        return action

    def all(self) -> list[QAction]:
        return [a for a in self._parent.actions() if a.objectName()]

    def set_icon_colour(self, colour: QColor, disabled: QColor) -> None:
        for action, name in self._icons.items():
            action.setIcon(themed_icon(name, colour, disabled))

    def retranslate(self) -> None:
        texts = {
            self.new_library: (self.tr("&New Library…"), self.tr("Create an empty library file")),
            self.open_library: (self.tr("&Open Library…"), self.tr("Open another library file")),
            self.import_files: (
                self.tr("&Import Files…"),
                self.tr("Import article files into this library"),
            ),
            self.import_folder: (
                self.tr("Import &Folder…"),
                self.tr("Import every article file in a folder"),
            ),
            self.import_sample: (
                self.tr("Import the &Sample Collection"),
                self.tr("Import the articles that come with Hashiya"),
            ),
            self.export_notes: (
                self.tr("&Export Notes…"),
                self.tr("Export the annotations to a file for other tools"),
            ),
            self.quit: (self.tr("&Quit"), self.tr("Close Hashiya")),
            self.copy: (self.tr("&Copy"), self.tr("Copy the selected text")),
            self.select_all: (self.tr("Select &All"), self.tr("Select the whole article")),
            self.find: (self.tr("&Find in Article…"), self.tr("Find words in this article")),
            self.find_next: (self.tr("Find &Next"), self.tr("Go to the next match")),
            self.find_previous: (self.tr("Find &Previous"), self.tr("Go to the previous match")),
            self.search: (
                self.tr("&Search Library…"),
                self.tr("Search every article in the library"),
            ),
            self.filter_library: (
                self.tr("Filter &Titles…"),
                self.tr("Show only articles whose title contains some text"),
            ),
            self.preferences: (
                self.tr("Pre&ferences…"),
                self.tr("Language, theme and reading preferences"),
            ),
            self.zoom_in: (self.tr("Zoom &In"), self.tr("Larger article text")),
            self.zoom_out: (self.tr("Zoom &Out"), self.tr("Smaller article text")),
            self.zoom_reset: (
                self.tr("&Actual Size"),
                self.tr("Article text at the preferred size"),
            ),
            self.show_diacritics: (
                self.tr("Show &Diacritics"),
                self.tr("Show or hide the harakat in the article"),
            ),
            self.full_screen: (self.tr("F&ull Screen"), self.tr("Use the whole screen")),
            self.theme_system: (
                self.tr("Same as the &System"),
                self.tr("Follow the system's light or dark mode"),
            ),
            self.theme_light: (self.tr("&Light"), self.tr("Light theme")),
            self.theme_dark: (self.tr("&Dark"), self.tr("Dark theme")),
            self.language_en: ("English", "English"),
            self.language_ar: ("العربية", "العربية"),
            self.next_article: (
                self.tr("&Next Article"),
                self.tr("Open the next article in the list"),
            ),
            self.previous_article: (
                self.tr("&Previous Article"),
                self.tr("Open the previous article in the list"),
            ),
            self.focus_library: (
                self.tr("Go to the &Library List"),
                self.tr("Move the keyboard focus to the list of articles"),
            ),
            self.focus_article: (
                self.tr("Go to the &Article"),
                self.tr("Move the keyboard focus to the article"),
            ),
            self.shortcuts: (self.tr("&Keyboard Shortcuts"), self.tr("Every command and its keys")),
            self.about: (self.tr("&About Hashiya"), self.tr("Version and licence")),
        }
        for action, (text, tip) in texts.items():
            shortcut = action.shortcut()
            # Text after a tab is what a menu shows as the shortcut: isolated, so that an
            # Arabic menu shows "Ctrl++" and not "++Ctrl".
            action.setText(f"{text}\t{key_text(shortcut)}" if not shortcut.isEmpty() else text)
            action.setStatusTip(tip)
            label = plain_label(text)
            action.setToolTip(
                f"{label} ({key_text(shortcut)})" if not shortcut.isEmpty() else label
            )
