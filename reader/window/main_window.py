"""The main window: it owns the panels and wires their intents to the library.

The window does no work of its own beyond that: the list, the article page, the search,
the Find bar and the import each live in their own module and talk through signals;
everything that touches the data goes through `library`.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import library
from library.changes import EVERYTHING, Changes
from library.ingest.formats import SUPPORTED
from library.ingest.importer import ImportReport, import_paths
from library.marks import identity
from library.paths import sample_collection
from library.search.engine import SearchHit, find_in_article
from library.storage import articles
from library.storage.store import Library, LibraryError, open_library
from library.translation.search import TranslationHit
from reader.annotate.workspace import AnnotationWorkspace
from reader.dialogs.file_dialogs import FileDialog
from reader.dialogs.import_summary import ImportSummaryDialog
from reader.dialogs.preferences_dialog import PreferencesDialog
from reader.dialogs.shortcuts_dialog import ShortcutsDialog
from reader.editing.changes import ChangeStream
from reader.i18n import Translations, resolve_language
from reader.logs import log_path
from reader.look.fonts import article_family
from reader.look.icons import app_icon
from reader.look.theme import ThemeManager
from reader.messages import show_error
from reader.panels.annotation_panel import AnnotationPanel
from reader.panels.article_info import ArticleInfoPanel
from reader.panels.entity_index import EntityIndexPanel
from reader.panels.library_panel import LibraryPanel
from reader.panels.search_panel import SearchPanel
from reader.panels.welcome import HintPage, WelcomePage
from reader.pictures.network_entry import NetworkEntry
from reader.pictures.timeline_docks import TimeAndWordDocks
from reader.settings import Preferences, Settings
from reader.translate.translate_mode import TranslateMode
from reader.views.article_document import ReadingStyle
from reader.views.article_view import ArticleView
from reader.views.find_bar import FindBar
from reader.views.library_model import LibraryModel
from reader.views.rows import select_row
from reader.window.actions import Actions
from reader.window.maintenance_menu import Maintenance
from reader.window.menus import Menus, build_toolbar
from reader.window.status_bar import ReaderStatusBar
from reader.workers.import_jobs import ImportController, Importer
from reader.workers.runner import Runner
from reader.workers.search_jobs import TRANSLATIONS, SearchController

log = logging.getLogger(__name__)

POLL_MS = 1500  # how often to look for changes made by another process (the CLI)
DEFAULT_SIZE = Preferences().font_size


class MainWindow(QMainWindow):
    article_opened = Signal(int)
    _file_lost = ""  # "gone" or "unopenable": the window's library file, told to the user
    _abandoned = False  # its construction failed (`_abandon`)

    def __init__(  # noqa: PLR0915 - one construction, guarded as a whole
        self,
        lib: Library,
        settings: Settings,
        theme: ThemeManager,
        translations: Translations,
        *,
        importer: Importer = import_paths,
    ) -> None:
        super().__init__()
        try:
            self.setObjectName("mainWindow")
            self.lib = lib
            self.settings = settings
            self.theme = theme
            self.translations = translations
            self.prefs = settings.preferences()
            self._owned: list[Library] = []  # libraries this window opened and must close
            self._search_spans: list[tuple[int, int]] = []
            self.summary_dialog: ImportSummaryDialog | None = None
            self.acts = Actions(self)
            # The one change stream: every change to the library, whoever made it, goes here.
            self.changes = ChangeStream(self)

            self._build_pages()
            self._build_docks(lib)
            self.toolbar = build_toolbar(self, self.acts)
            self.status = ReaderStatusBar(self)
            self.setStatusBar(self.status)
            self.menus = Menus(
                self,
                self.acts,
                [
                    self.library_dock.toggleViewAction(),
                    self.search_dock.toggleViewAction(),
                    self.annotation_dock.toggleViewAction(),
                    self.entity_dock.toggleViewAction(),
                    self.info_dock.toggleViewAction(),
                    self.toolbar.toggleViewAction(),
                ],
            )
            self.menus.recent.aboutToShow.connect(self._fill_recent)
            self.runner = Runner(self)  # the one runner of background work (reader.workers.runner)
            self.maintenance = Maintenance(
                self, self.runner, self._library_path, self.switch_library, lambda: None
            )
            self.menus.add_tools(self.maintenance.actions())
            self.annotations = AnnotationWorkspace(
                self, lib, changes=self.changes, runner=self.runner, view=self.view, panel=self.annotation_panel, index=self.entity_index,
                library_panel=self.library_panel, page_colours=lambda: self.theme.article_colours,
                open_article=self.open_article,
                show_index=lambda: (self.entity_dock.show(), self.entity_dock.raise_()),
                status=lambda text: self.statusBar().showMessage(text, 5000),
                settings=self.settings.store,
            )  # fmt: skip
            self.annotations.add_to_menus(self.menuBar(), self.menus.edit, self.menus.view)
            self._build_translating(lib)
            self._build_time_and_words(lib)
            self._build_network(lib)
            # The team library's automatic sync: its runner and undo stack exist now.
            self.menus.team_actions.start()
            self._configure_suggestions(self.prefs)
            self.read_only = lib.readonly

            self.search = SearchController(self.runner, self._library_path(), self)
            self.imports = ImportController(self, self.runner, importer)
            self._connect()
            self._poll = QTimer(self, interval=POLL_MS)
            self._poll.timeout.connect(self._poll_changes)
            self._data_version = lib.data_version()
            self._poll.start()

            self.setAcceptDrops(True)
            self.setWindowIcon(app_icon())
            self.resize(1280, 820)
            self.resizeDocks([self.library_dock], [560], Qt.Orientation.Horizontal)
            geometry, state, saved_rtl = settings.window_state()
            if geometry is not None:
                self.restoreGeometry(geometry)
            if state is not None:
                self.restoreState(state)
                if saved_rtl != self.isRightToLeft():
                    self._mirror_docks()
            self.acts.show_diacritics.setChecked(self.prefs.show_diacritics)
            self._sync_theme_actions()
            self._sync_language_actions()
            self._apply_theme(self.theme.scheme)
            self.retranslate()
            self._sync_read_only()
            self._update_page()
        except BaseException:
            # A library that fails to be read while the window is built (a damaged
            # page): stop the worker threads already started, or Qt aborts the process
            # ("QThread: Destroyed while thread is still running") as the window goes.
            self._abandon()
            raise

    # --- construction ------------------------------------------------------------------

    def _build_pages(self) -> None:
        """Central pages: an empty library, no article chosen yet, the article."""
        self.view = ArticleView(self._reading_style())
        self.view.setAcceptDrops(False)  # drops go to the window: they are imports
        self.find_bar = FindBar()
        self.find_bar.hide()
        self.reader_page = QWidget()
        self.reader_page.setObjectName("readerPage")
        reader_layout = QVBoxLayout(self.reader_page)
        reader_layout.setContentsMargins(0, 0, 0, 0)
        reader_layout.setSpacing(0)
        reader_layout.addWidget(self.view, 1)
        reader_layout.addWidget(self.find_bar)
        self.welcome = WelcomePage()
        self.hint = HintPage()
        self.pages = QStackedWidget()
        for page in (self.welcome, self.hint, self.reader_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

    def _build_docks(self, lib: Library) -> None:
        self.model = LibraryModel(lib, self)
        column, descending = self.settings.library_sort()
        self.library_panel = LibraryPanel(self.model)
        columns = self.settings.library_columns()
        if columns is not None:
            self.library_panel.set_visible_columns(columns)
        self.library_panel.columns_changed.connect(self.settings.save_library_columns)
        self.search_panel = SearchPanel(lambda: self.theme.article_colours.hit)
        self.annotation_panel = AnnotationPanel(lambda: self.theme.article_colours)
        self.entity_index = EntityIndexPanel(lambda: self.theme.article_colours.hit)
        # Its edits run through the undo stack the annotation workspace owns (built later).
        self.info_panel = ArticleInfoPanel(
            lambda label, work: self.annotations.performer.perform(label, work)  # noqa: PLW0108
        )
        self.info_panel.set_library(lib)
        # QMainWindow does not mirror dock areas itself: the list goes on the reading start.
        start, end = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        if self.isRightToLeft():
            start, end = end, start
        self.library_dock = self._dock("libraryDock", self.library_panel, start)
        self.search_dock = self._dock("searchDock", self.search_panel, start)
        self.annotation_dock = self._dock("annotationDock", self.annotation_panel, end)
        self.entity_dock = self._dock("entityDock", self.entity_index, end)
        self.info_dock = self._dock("articleInfoDock", self.info_panel, end)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.tabifyDockWidget(self.library_dock, self.search_dock)
        self.library_dock.raise_()
        self.tabifyDockWidget(self.annotation_dock, self.entity_dock)
        self.tabifyDockWidget(self.entity_dock, self.info_dock)
        self.annotation_dock.hide()
        self.entity_dock.hide()
        self.info_dock.hide()
        for dock, key in (
            (self.library_dock, "Ctrl+1"),
            (self.search_dock, "Ctrl+2"),
            (self.annotation_dock, "Ctrl+3"),
            (self.entity_dock, "Ctrl+4"),
            (self.info_dock, "Ctrl+5"),
        ):
            action = dock.toggleViewAction()
            action.setShortcut(key)
            action.setObjectName(f"toggle{dock.objectName()[0].upper()}{dock.objectName()[1:]}")
            # Not Qt's toggle, which hides a panel that is open behind another tab.
            action.triggered.disconnect()
            action.triggered.connect(lambda _checked=False, d=dock: self.bring_dock(d))
            self.addAction(action)
        if column > 0:
            self.library_panel.table.sortByColumn(
                column, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
            )

    def _build_translating(self, lib: Library) -> None:
        """The translate mode: the parallel view in the article page, the Translate menu,
        View ▸ Translate. Its edits run through the annotation workspace's undo stack."""
        self.translating = TranslateMode(
            self,
            lib,
            changes=self.changes,
            perform=lambda label, work: self.annotations.performer.perform(label, work),  # noqa: PLW0108
            status_bar=self.status,
            status=lambda text: self.statusBar().showMessage(text, 5000),
        )
        self.reader_page.layout().insertWidget(1, self.translating.page, 1)
        self.menuBar().insertMenu(self.menus.view.menuAction(), self.translating.actions.menu)
        self.menus.add_view_mode(self.translating.actions.mode)
        self.translating.active_changed.connect(self._translate_mode_changed)
        self.article_opened.connect(self.translating.show_article)
        # The entity index's "Glossary Terms…": the same command as the glossary strip's.
        self.entity_index.glossary_requested.connect(self.translating.edit_term)
        self.view.zoom_changed.connect(lambda _size: self.translating.set_style(self.view.style))

    def _build_time_and_words(self, lib: Library) -> None:
        """View ▸ Concordance and View ▸ Timeline: docks at the bottom; the timeline's
        brush narrows the library list to a range of days."""
        self.time_and_words = TimeAndWordDocks(
            self, lib, runner=self.runner, library_path=self._library_path,
            mark_colour=lambda: self.theme.article_colours.hit, bring_dock=self.bring_dock,
            open_occurrence=self._open_occurrence,
            set_period=self.library_panel.set_period, view_menu=self.menus.view,
            current_entity=self.entity_index.current_entity,
        )  # fmt: skip

    def _build_network(self, lib: Library) -> None:
        """View ▸ Entity Network: its own window, made on first use (reader/pictures/)."""
        self.network = NetworkEntry(
            self, lib, runner=self.runner, changes=self.changes,
            open_at=self.annotations.open_at,
            explain=lambda r: self.search.explain(r),  # noqa: PLW0108 - made after this
            mark_colour=lambda: self.theme.article_colours.hit, view_menu=self.menus.view,
        )  # fmt: skip

    def _open_occurrence(self, article_id: int, start: int, end: int) -> None:
        """A concordance line: its article, the occurrence marked and in view."""
        if self.open_article(article_id, hits=[(start, end)], focus=True):
            QTimer.singleShot(0, lambda: self.library_panel.select_article(article_id))

    def _translate_mode_changed(self, on: bool) -> None:
        self.view.setVisible(not on)
        if on:
            self.find_bar.close_bar()
        elif self.pages.currentWidget() is self.reader_page:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        a = self.acts
        a.new_library.triggered.connect(self.new_library)
        a.open_library.triggered.connect(self.choose_library)
        a.import_files.triggered.connect(self.import_files)
        a.import_folder.triggered.connect(self.import_folder)
        a.import_sample.triggered.connect(self.import_sample)
        a.export_notes.triggered.connect(self.export_notes)
        a.quit.triggered.connect(self.close)
        a.copy.triggered.connect(self.view.copy)
        a.select_all.triggered.connect(self.view.selectAll)
        a.find.triggered.connect(self.open_find_bar)
        a.find_next.triggered.connect(lambda: self.step_hit(1))
        a.find_previous.triggered.connect(lambda: self.step_hit(-1))
        a.search.triggered.connect(self.focus_search)
        a.filter_library.triggered.connect(self.focus_filter)
        a.preferences.triggered.connect(self.edit_preferences)
        a.zoom_in.triggered.connect(self.view.zoom_in)
        a.zoom_out.triggered.connect(self.view.zoom_out)
        a.zoom_reset.triggered.connect(lambda: self.view.set_point_size(DEFAULT_SIZE))
        a.show_diacritics.toggled.connect(self.set_show_diacritics)
        a.full_screen.toggled.connect(self._full_screen)
        a.theme_system.triggered.connect(lambda: self.set_theme("system"))
        a.theme_light.triggered.connect(lambda: self.set_theme("light"))
        a.theme_dark.triggered.connect(lambda: self.set_theme("dark"))
        a.language_en.triggered.connect(lambda: self.set_language("en"))
        a.language_ar.triggered.connect(lambda: self.set_language("ar"))
        a.next_article.triggered.connect(lambda: self.step_article(1))
        a.previous_article.triggered.connect(lambda: self.step_article(-1))
        a.focus_library.triggered.connect(self.focus_library)
        a.focus_article.triggered.connect(self.focus_article)
        a.shortcuts.triggered.connect(self.show_shortcuts)
        a.about.triggered.connect(self.show_about)

        self._connect_panels()
        self._connect_changes()

    def _connect_changes(self) -> None:
        """Who listens to the change stream (the annotation workspace subscribes itself)."""
        self.model.read_failed.connect(self._read_failed)
        self.changes.changed.connect(self.library_panel.apply_changes)
        self.changes.changed.connect(self._apply_changes)
        self.changes.changed.connect(self.info_panel.apply_changes)
        self.changes.changed.connect(self.time_and_words.apply_changes)
        # What a repair changed (a restore reopens the library, which shows it all anew).
        self.maintenance.changed.connect(self.changes.publish)

    def _connect_panels(self) -> None:
        self.library_panel.article_activated.connect(
            lambda article_id, focus: self.open_article(article_id, focus=focus)
        )
        self.library_panel.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self.search_panel.query_changed.connect(self.search.schedule)
        self.search_panel.query_entered.connect(self.search.search_now)
        self.search_panel.hit_activated.connect(self.open_hit)
        self.search.started.connect(self.search_panel.show_searching)
        self.search.results.connect(self.search_panel.show_page)
        self.search.more.connect(self.search_panel.show_page)
        self.search.counted.connect(self.search_panel.show_count)
        self.search_panel.more_wanted.connect(self.search.fetch_more)
        self.search_panel.scope_changed.connect(self.search.set_scope)
        self.search.failed.connect(self.search_panel.show_error)
        self.find_bar.query_changed.connect(self._find)
        self.find_bar.step_requested.connect(self.step_hit)
        self.find_bar.closed.connect(self._find_closed)
        self.view.hits_changed.connect(self._hits_changed)
        self.view.position_changed.connect(self.status.set_position)
        self.view.zoom_changed.connect(self._zoom_changed)
        self.imports.finished.connect(self._import_finished)
        self.imports.failed.connect(self._import_failed)
        # A background job's failure with a title is the window's to show (reader.workers.runner).
        self.runner.failed.connect(
            lambda _ticket, text, title: show_error(self, title, text) if title else None
        )
        self.welcome.import_sample.connect(self.import_sample)
        self.welcome.import_files.connect(self.import_files)
        self.welcome.import_folder.connect(self.import_folder)
        self.theme.changed.connect(self._apply_theme)
        self.translations.language_changed.connect(lambda _lang: self._sync_language_actions())

    # --- texts -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.acts.retranslate()
        self.menus.retranslate()
        self.annotations.actions.retranslate()
        self.translating.retranslate()
        self.maintenance.retranslate()
        self.library_dock.setWindowTitle(self.tr("Library"))
        self.search_dock.setWindowTitle(self.tr("Search"))
        self.annotation_dock.setWindowTitle(self.tr("Annotations"))
        self.entity_dock.setWindowTitle(self.tr("Entities"))
        self.info_dock.setWindowTitle(self.tr("Article Info"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.toolbar.toggleViewAction().setText(self.tr("Toolbar"))
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
        )
        self.library_panel.table.viewport().update()
        self._update_title()
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if self._abandoned:  # built part-way only, and being deleted
            super().changeEvent(event)
            return
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.LayoutDirectionChange:
            self._mirror_docks()
        super().changeEvent(event)

    def _mirror_docks(self) -> None:
        """Move docked panels to the other side, keeping tab groups, sizes and the tab shown."""
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        mirror = {left: right, right: left}
        docks = [self.library_dock, self.search_dock, self.annotation_dock, self.entity_dock,
                 self.info_dock]  # fmt: skip
        moved: set[QDockWidget] = set()
        for dock in docks:
            area = self.dockWidgetArea(dock)
            if dock in moved or dock.isFloating() or area not in mirror:
                continue
            group = [dock, *(d for d in self.tabifiedDockWidgets(dock) if d in docks)]
            shown = next((d for d in group if not d.visibleRegion().isEmpty()), dock)
            width = dock.width()
            for member in group:
                self.addDockWidget(mirror[area], member)
            for member in group[1:]:
                self.tabifyDockWidget(group[0], member)
            shown.raise_()
            self.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
            moved.update(group)

    def _update_title(self) -> None:
        app_name = self.tr("Hashiya")
        article = self.view.article
        library_name = self.lib.path.name if self.lib.path else ""
        if article is not None and article.title:
            title = f"{article.title} — {app_name}"
        else:
            title = f"{library_name} — {app_name}" if library_name else app_name
        if self.lib.readonly:
            title += " " + self.tr("(read-only)")
        self.setWindowTitle(title)

    def _sync_read_only(self) -> None:
        """A library that cannot be written can be read, searched and exported, not changed."""
        writable = not self.lib.readonly
        for action in (self.acts.import_files, self.acts.import_folder, self.acts.import_sample):
            action.setEnabled(writable)
        self.maintenance.restore_action.setEnabled(writable)
        self.info_panel.sync_writable()
        self.setAcceptDrops(writable)
        if not writable:
            self.statusBar().showMessage(
                self.tr("This library is read-only: you can read and search it, not change it.")
            )

    def _update_status(self) -> None:
        article = self.view.article
        self.status.set_article_words(article.words if article is not None else None)
        self.status.set_point_size(self.view.style.point_size)

    # --- articles ----------------------------------------------------------------------

    def reload_article(self, *, only_if_changed: bool = False) -> None:
        """The open article's text changed (re-cleaned, repaired): show it again at the
        same place, or nothing if it is gone. `only_if_changed`: leave the view alone
        when the stored text is what it shows (a change elsewhere in the library)."""
        article = self.view.article
        if article is None:
            return
        offset = self.view.reading_offset()
        try:
            fresh = articles.get_article(self.lib, article.id)
        except articles.NotFound:
            self.view.show_article(None)
            self.annotations.show_article(None)
            self.info_panel.show_article(None)
            return
        # The page shows the title, the text, the captions, the source and the date.
        same = (fresh.title, fresh.body, fresh.captions, fresh.site, fresh.date) == (
            article.title,
            article.body,
            article.captions,
            article.site,
            article.date,
        )
        if only_if_changed and same:
            return
        self.view.show_article(fresh, offset=offset)
        self.annotations.show_article(fresh.id)
        self.info_panel.show_article(fresh.id)

    def open_article(
        self,
        article_id: int,
        *,
        hits: list[tuple[int, int]] | None = None,
        offset: int = 0,
        focus: bool = False,
    ) -> bool:
        current = self.view.article
        if current is not None and current.id == article_id and hits is None and not offset:
            if focus:
                self.view.setFocus()
            return True
        try:
            article = articles.get_article(self.lib, article_id)
        except articles.NotFound:
            self.statusBar().showMessage(self.tr("That article is no longer in the library."), 5000)
            return False
        self.view.show_article(article, offset=offset)
        self.pages.setCurrentWidget(self.reader_page)
        self.annotations.show_article(article.id)
        self.info_panel.show_article(article.id)
        self._search_spans = list(hits or [])
        if self.find_bar.query.strip():
            self._find(self.find_bar.query)
        elif hits:
            self.view.set_hits(hits)
        self.settings.save_last_article(self.lib.path, article.id, offset)
        if focus:
            self.view.setFocus()
        self._update_title()
        self._update_status()
        self.article_opened.emit(article.id)
        return True

    def open_hit(self, hit: SearchHit | TranslationHit, focus: bool = False) -> None:
        if isinstance(hit, TranslationHit):
            self.open_segment(hit.article_id, hit.segment_id, focus=focus)
            return
        if self.open_article(hit.article_id, hits=list(hit.matches), focus=focus):
            QTimer.singleShot(0, lambda: self.library_panel.select_article(hit.article_id))

    def open_segment(self, article_id: int, segment_id: str, *, focus: bool = False) -> None:
        """The article in the parallel view, at one of its segments (a translation found)."""
        if not self.open_article(article_id):
            return
        self.translating.set_active(True)
        self.translating.view.go_to_segment(segment_id)
        if focus:
            self.translating.view.setFocus(Qt.FocusReason.OtherFocusReason)
        QTimer.singleShot(0, lambda: self.library_panel.select_article(article_id))

    def step_article(self, delta: int) -> None:
        current = self.view.article.id if self.view.article is not None else None
        article_id = self.library_panel.step(delta, current)
        if article_id is not None:
            self.open_article(article_id)

    def restore_last_article(self) -> None:
        article_id, offset = self.settings.last_article(self.lib.path)
        if article_id is not None and self.open_article(article_id, offset=offset):
            self.library_panel.select_article(article_id)

    def _update_page(self) -> None:
        self.translating.show_article(self.view.article.id if self.view.article else None)
        if self.view.article is not None:
            self.pages.setCurrentWidget(self.reader_page)
        elif self.model.rowCount() == 0 and not self.model.filtered:
            self.pages.setCurrentWidget(self.welcome)
        else:
            self.pages.setCurrentWidget(self.hint)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self.settings.save_library_sort(column, order == Qt.SortOrder.DescendingOrder)

    # --- hits, Find bar, search --------------------------------------------------------

    def open_find_bar(self) -> None:
        if self.view.article is None:
            return
        selected = self.view.textCursor().selectedText()
        self.find_bar.open_bar(selected if selected and "\u2029" not in selected else "")

    def _find(self, query: str) -> None:
        article = self.view.article
        if article is None:
            return
        if not query.strip():
            self.view.set_hits(self._search_spans, reveal=False)
            return
        spans = find_in_article(article.body, query)
        # Start from the first match on or after the page being read.
        here = self.view.reading_offset()
        first = next((n for n, (s, _e) in enumerate(spans) if s >= here), 0)
        self.view.set_hits(spans, current=first)

    def _find_closed(self) -> None:
        self.view.set_hits(self._search_spans, reveal=False)
        self.view.setFocus()

    def step_hit(self, delta: int) -> None:
        if self.view.hits:
            self.view.step_hit(delta)
        elif self.view.article is not None and not self.find_bar.isVisible():
            self.open_find_bar()

    def _hits_changed(self, current: int, total: int) -> None:
        self.find_bar.set_count(current, total)
        self.status.set_hits(current, total)

    def focus_search(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.box.setFocus()
        self.search_panel.box.selectAll()

    def bring_dock(self, dock: QDockWidget) -> None:
        """Ctrl+1…4 and View ▸ Panels: the panel comes in front of the tabs it shares its
        place with and takes the keyboard; pressed again where the keyboard already is,
        the panel closes and the keyboard goes back to the page."""
        focus = QApplication.focusWidget()
        in_front = dock.isVisible() and not dock.visibleRegion().isEmpty()
        if in_front and focus is not None and dock.isAncestorOf(focus):
            dock.hide()
            dock.toggleViewAction().setChecked(False)
            if self.pages.currentWidget() is self.reader_page:
                self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        dock.show()
        dock.raise_()
        dock.toggleViewAction().setChecked(True)
        dock.widget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_filter(self) -> None:
        self.library_dock.show()
        self.library_dock.raise_()
        self.library_panel.filter_box.setFocus()
        self.library_panel.filter_box.selectAll()

    def focus_library(self) -> None:
        self.library_dock.show()
        self.library_dock.raise_()
        self.library_panel.table.setFocus()
        if not self.library_panel.table.selectionModel().hasSelection() and self.model.rowCount():
            select_row(self.library_panel.table, 0)

    def focus_article(self) -> None:
        if self.pages.currentWidget() is self.reader_page and self.translating.active:
            self.translating.view.setFocus()
        elif self.pages.currentWidget() is self.reader_page:
            self.view.setFocus()
        else:
            self.pages.currentWidget().setFocus()

    # --- reading style, theme, language ------------------------------------------------

    def _reading_style(self, prefs: Preferences | None = None) -> ReadingStyle:
        prefs = prefs or self.prefs
        return ReadingStyle(
            family=article_family(prefs.font_family),
            point_size=prefs.font_size,
            line_spacing=prefs.line_spacing,
            hide_diacritics=not prefs.show_diacritics,
            colours=self.theme.article_colours,
        )

    def set_show_diacritics(self, show: bool) -> None:
        self.prefs = replace(self.prefs, show_diacritics=show)
        self.settings.save_preferences(self.prefs)
        self.view.set_hide_diacritics(not show)

    def _zoom_changed(self, size: float) -> None:
        self.prefs = replace(self.prefs, font_size=size)
        self.settings.save_preferences(self.prefs)
        self._update_status()

    def set_theme(self, mode: str) -> None:
        self.prefs = replace(self.prefs, theme=mode)
        self.settings.save_preferences(self.prefs)
        self.theme.apply(mode)
        self._sync_theme_actions()

    def set_language(self, language: str) -> None:
        self.prefs = replace(self.prefs, language=language)
        self.settings.save_preferences(self.prefs)
        self.translations.install(language)
        self._sync_language_actions()

    def _sync_theme_actions(self) -> None:
        mode = self.theme.mode
        self.acts.theme_system.setChecked(mode == "system")
        self.acts.theme_light.setChecked(mode == "light")
        self.acts.theme_dark.setChecked(mode == "dark")

    def _sync_language_actions(self) -> None:
        self.acts.language_en.setChecked(self.translations.language == "en")
        self.acts.language_ar.setChecked(self.translations.language == "ar")

    def _apply_theme(self, _scheme: str) -> None:
        palette = QGuiApplication.palette()
        self.acts.set_icon_colour(
            palette.color(QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
        )
        self.find_bar.set_icons(self.acts.find_previous.icon(), self.acts.find_next.icon())
        self.view.set_style(replace(self.view.style, colours=self.theme.article_colours))
        self.translating.set_style(self.view.style)
        content = QFont(self.view.style.family)
        content.setPointSizeF(max(QFont().pointSizeF(), 9) * 1.15)
        self.search_panel.set_content_font(content)
        self.annotations.set_content_font(content)
        self.annotations.theme_changed()
        self.search_panel.results.viewport().update()

    def edit_preferences(self) -> None:
        # A read-only library cannot record who the user is, so the fields are not offered.
        current = None if self.lib.readonly else identity.identity(self.lib)
        edited = PreferencesDialog.edit(self.prefs, self, current)
        if edited is None:
            return
        chosen, who = edited
        if who is not None and who != current:
            identity.set_identity(self.lib, who.name, who.email)
        old = self.prefs
        self.prefs = chosen
        self.settings.save_preferences(chosen)
        if chosen.theme != old.theme:
            self.theme.apply(chosen.theme)
            self._sync_theme_actions()
        if chosen.language != old.language:
            self.translations.install(resolve_language(None, chosen.language))
            self._sync_language_actions()
        self.acts.show_diacritics.blockSignals(True)
        self.acts.show_diacritics.setChecked(chosen.show_diacritics)
        self.acts.show_diacritics.blockSignals(False)
        self.view.set_style(self._reading_style(chosen))
        self._apply_theme(self.theme.scheme)
        self._configure_suggestions(chosen)
        self._update_status()

    def _configure_suggestions(self, prefs: Preferences) -> None:
        self.annotations.suggestions.configure(
            min_confidence=prefs.suggestion_confidence / 100, learning=prefs.learn_from_tagging
        )

    def _full_screen(self, on: bool) -> None:
        if on:
            self.showFullScreen()
        else:
            self.showNormal()

    # --- libraries ---------------------------------------------------------------------

    def _library_path(self) -> Path:
        if self.lib.path is None:
            raise LibraryError("the reader needs a library file, not an in-memory library")
        return self.lib.path

    def new_library(self) -> None:
        path = FileDialog.save_file(
            self,
            self.tr("New Library"),
            str(Path.home() / "library.sqlite"),
            self.tr("Hashiya libraries (*.sqlite)"),
            confirm_overwrite=False,
        )
        if path:
            target = Path(path)
            if not target.suffix:
                target = target.with_suffix(".sqlite")
            self.switch_library(target)

    def choose_library(self) -> None:
        path = FileDialog.open_file(
            self,
            self.tr("Open Library"),
            str(self.lib.path.parent if self.lib.path else Path.home()),
            self.tr("Hashiya libraries (*.sqlite);;All files (*)"),
        )
        if path:
            self.switch_library(Path(path))

    def _fill_recent(self) -> None:
        self.menus.recent.clear()
        current = self.lib.path.resolve() if self.lib.path else None
        for path in self.settings.recent_libraries():
            if path == current:
                continue
            action = self.menus.recent.addAction(str(path))
            action.triggered.connect(lambda _checked=False, p=path: self.switch_library(p))
        self.menus.recent.setEnabled(not self.menus.recent.isEmpty())

    def switch_library(self, path: Path) -> bool:
        if self.imports.running:
            show_error(
                self, self.tr("Open Library"), self.tr("Wait for the import to finish first.")
            )
            return False
        try:
            new = open_library(path)
        except LibraryError as exc:
            show_error(
                self, self.tr("Open Library"), self.tr("Cannot open this library."), str(exc)
            )
            return False
        if not self.lib.readonly and self.lib.moved() is None:
            self.info_panel.save_all()  # into the library it was typed for
            self.translating.commit()
        self._remember_reading()
        old = self.lib
        self.lib = new
        self._owned.append(new)
        if old in self._owned:
            self._owned.remove(old)
            old.close()
        self.settings.add_recent_library(path)
        self.search.set_library_path(path)
        self.search_panel.show_results("", [])
        self.view.show_article(None)
        self.model.set_library(new)
        self.annotations.set_library(new)
        self.translating.set_library(new)
        self.time_and_words.set_library(new)
        self.network.set_library(new)
        self.info_panel.set_library(new)
        self._data_version = new.data_version()
        self._file_lost = ""
        self._sync_read_only()
        self._update_page()
        self._update_title()
        self._update_status()
        self.restore_last_article()
        return True

    def _remember_reading(self) -> None:
        article = self.view.article
        if article is not None:
            self.settings.save_last_article(self.lib.path, article.id, self.view.reading_offset())

    def _poll_changes(self) -> None:
        if self._guard_library_file() or self.imports.running:
            return
        version = self.lib.data_version()
        if version != self._data_version:
            self._data_version = version
            self.changes.publish(EVERYTHING)  # another process wrote: we cannot know what

    def _guard_library_file(self) -> bool:
        """True when the file under the window's connection is no longer the library
        (deleted, replaced, its -wal and -shm removed, or this process's locks on it
        lost: DESIGN.md fact 11). The connection writes nothing more from then on
        (`Library.moved`); the window reopens the file when it is there, or says that it
        is gone and turns read-only until it comes back."""
        why = self.lib.moved()
        if why is None:
            return False
        path = self._library_path()
        if self._file_lost == "unopenable" or self.runner.busy():
            return True  # told already / the jobs' own connections must end first
        if not path.exists():
            if not self._file_lost:
                self._file_lost = "gone"
                log.warning("the library file %s is gone (%s)", path, why)
                self._show_read_only()
                show_error(
                    self,
                    self.tr("Library File"),
                    self.tr(
                        "The library file was deleted or moved away while it was open. "
                        "Nothing more is written to it, and this window is read-only until "
                        "the file is back: put it back, or open or restore a library."
                    ),
                    str(path),
                )
            return True
        log.warning("reopening the library %s (%s)", path, why)
        stale = self.lib
        same_file = stale.has_file_at_path()
        if same_file:
            # SQLite shares one lock state and one -shm mapping per file among a
            # process's connections: the old one must be closed before a new one can
            # hold locks on the same file.
            stale.close()
        if not self.switch_library(path):  # it said why
            self._file_lost = "unopenable"
            if not same_file:
                self._show_read_only()  # the old connection still reads
            return True
        stale.close()  # switch_library closes only the libraries the window opened
        self.changes.publish(EVERYTHING)
        if why == "unlocked":
            self.statusBar().showMessage(
                self.tr("The library was reopened to hold its locks on the file again."), 8000
            )
        else:
            show_error(
                self,
                self.tr("Library File"),
                self.tr(
                    "Another program replaced or removed the library's files while it was "
                    "open. Hashiya has reopened the library: check that your latest changes "
                    "are in it."
                ),
                str(path),
            )
        return True

    def _show_read_only(self) -> None:
        """The library can no longer be written (its file vanished): say so everywhere."""
        self.lib.readonly = True
        self.translating.sync_writable()
        self._sync_read_only()
        self._update_title()
        article = self.view.article
        self.annotations.set_library(self.lib)
        if article is not None:
            self.annotations.show_article(article.id)

    def _apply_changes(self, changes: Changes) -> None:
        """The window's own share of a change: search results and which page shows."""
        article = self.view.article
        translations = self.search.scope == TRANSLATIONS and bool(changes.segments)
        if changes.everything or changes.content or translations:
            query = self.search_panel.box.text().strip()
            if query:
                self.search.search_now(query)  # results may have come or gone
        if article is not None and article.id in changes.content:
            self.reload_article()
        elif article is not None and changes.everything:
            # Another process may have re-cleaned or deleted it: its marks are read again
            # with their new offsets, so the text under them must be the new one too.
            self.reload_article(only_if_changed=True)
        self._update_page()
        self._update_title()  # the open article's title may be another now

    # --- import ------------------------------------------------------------------------

    def import_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(SUPPORTED) if s)
        paths = FileDialog.open_files(
            self,
            self.tr("Import Files"),
            str(Path.home()),
            self.tr("Articles (%1);;All files (*)").replace("%1", patterns),
        )
        if paths:
            self.start_import([Path(p) for p in paths])

    def import_folder(self) -> None:
        folder = FileDialog.folder(self, self.tr("Import a Folder"), str(Path.home()))
        if folder:
            self.start_import([Path(folder)])

    def export_notes(self) -> None:
        """The export dialog, offering the open article and the current search as scopes."""
        from reader.dialogs.export_dialog import ExportDialog

        article = self.view.article
        # The search's articles are a scope only when it searches their text.
        query = self.search_panel.box.text().strip() if self.search.scope != TRANSLATIONS else ""
        ExportDialog.run(
            self,
            self._library_path(),
            runner=self.runner,
            article_ids=[article.id] if article is not None else None,
            query=query or None,
        )

    def import_sample(self) -> None:
        self.start_import([sample_collection()])

    def start_import(self, paths: list[Path]) -> bool:
        if self.lib.readonly:
            self.statusBar().showMessage(self.tr("This library is read-only."), 5000)
            return False
        if self.imports.running:
            self.statusBar().showMessage(self.tr("An import is already running."), 5000)
            return False
        return self.imports.start(self._library_path(), paths)

    def _import_finished(self, report: ImportReport) -> None:
        self._data_version = self.lib.data_version()
        self.changes.publish(Changes.of(content=report.articles))
        if self.view.article is None and report.articles:
            first = report.articles[0]
            if self.open_article(first):
                self.library_panel.select_article(first)
        self._update_page()
        self.summary_dialog = ImportSummaryDialog(report, self)
        self.summary_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.summary_dialog.destroyed.connect(lambda: setattr(self, "summary_dialog", None))
        self.summary_dialog.open()

    def _import_failed(self, message: str) -> None:
        self._data_version = self.lib.data_version()
        self.changes.publish(EVERYTHING)  # some chunks may have landed: which is unknown
        show_error(
            self, self.tr("Import"), self.tr("The import stopped because of an error."), message
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    # --- help --------------------------------------------------------------------------

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(
            self.acts.all()
            + self.annotations.shortcut_actions()
            + self.translating.shortcut_actions(),
            self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About Hashiya"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setText(
            self.tr(
                "Hashiya %1\nA reader and annotator for collections of Arabic news articles."
            ).replace("%1", library.__version__)
        )
        details = (
            self.tr("Library: %1").replace("%1", f"\u2066{self.lib.path}\u2069")
            + "\n"
            + self.tr("Schema version: %1").replace("%1", str(self.lib.schema_version))
            + "\n"
            + self.tr("Log file: %1").replace("%1", f"\u2066{log_path()}\u2069")
        )
        box.setInformativeText(
            details
            + "\n\n"
            + self.tr(
                "Free software under the GNU LGPL 3.0 or later. The Amiri font is under the SIL Open Font License."
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- closing -----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.info_panel.save_all()  # a field still being typed in
        self.translating.commit()  # a translation still being typed
        self._remember_reading()
        self.settings.save_window_state(self.saveGeometry(), self.saveState(), self.isRightToLeft())
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)

    def _read_failed(self, message: str) -> None:
        """A read of the library failed after it was opened (a damaged page)."""
        log.error("cannot read the library %s: %s", self.lib.path, message)
        self.statusBar().showMessage(message)
        show_error(self, self.tr("Cannot read the library"), message)

    def _abandon(self) -> None:
        """Stop what a construction that failed part-way had started."""
        self._abandoned = True
        self.deleteLater()
        for name in ("_poll", "maintenance", "library_panel", "imports", "search", "annotations",
                     "translating"):  # fmt: skip
            part = getattr(self, name, None)
            stop = {"_poll": "stop", "library_panel": "stop"}.get(name, "shutdown")
            if part is not None:
                try:
                    getattr(part, stop)()
                except Exception:
                    log.exception("stopping %s of a window that failed to open", name)
        runner = getattr(self, "runner", None)
        if runner is not None:
            runner.shutdown()

    def shutdown(self) -> None:
        """Stop the workers and close the libraries this window opened (idempotent)."""
        self._poll.stop()
        self.maintenance.shutdown()
        self.library_panel.stop()
        self.find_bar.close_bar()
        self.imports.shutdown()
        self.search.shutdown()
        self.annotations.shutdown()
        self.time_and_words.shutdown()
        self.network.shutdown()
        self.translating.shutdown()
        self.runner.shutdown()  # drops every result; joins the workers within a bound
        for lib in self._owned:
            lib.close()
        self._owned.clear()


def _local_paths(mime) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
