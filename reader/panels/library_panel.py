"""The library browser: a filter box over the lazily loaded table of articles.

The header's context menu chooses the columns shown (the title always is); the panel
says which (`columns_changed`, by their names in `COLUMN_KEYS`) for the window to
remember. The metadata columns do not sort: a click on their header leaves the order."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from library.changes import Changes
from reader.views.article_document import paragraph_direction
from reader.views.library_model import (
    ANNOTATIONS,
    AUTHOR,
    COLUMN_COUNT,
    COLUMN_KEYS,
    DATE,
    DEFAULT_COLUMNS,
    LANGUAGE,
    MODIFIED,
    PUBLISHER,
    SECTION,
    SOURCE,
    TITLE,
    TRANSLATED,
    WORDS,
    ArticleIdRole,
    LibraryModel,
    Period,
    Scope,
)
from reader.views.rows import select_row

FILTER_DELAY_MS = 250
OPEN_DELAY_MS = 120


class DirectionDelegate(QStyledItemDelegate):
    """Lays each cell out in its own text's direction (an Arabic title in an English UI)."""

    # paint() rather than an initStyleOption override: PySide6 6.12 corrupts the refcount
    # of None when C++ calls a Python initStyleOption that calls the base class.
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if opt.text:
            opt.direction = paragraph_direction(opt.text, opt.direction)
            opt.textElideMode = Qt.TextElideMode.ElideRight
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)


class LibraryTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows at once (Shift/Ctrl+click) to put articles in a collection together;
        # the current row is the one that opens.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSortingEnabled(True)
        self.setTabKeyNavigation(False)
        self.setItemDelegate(DirectionDelegate(self))
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed row heights: the view then never asks the model about rows it does not show.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(int(self.fontMetrics().height() * 1.7))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(False)


class LibraryPanel(QWidget):
    # The article to show, and whether the reader should take the keyboard focus.
    article_activated = Signal(int, bool)
    # The names (`COLUMN_KEYS`) of the columns shown, after the user chose them.
    columns_changed = Signal(list)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("libraryFilter")
        self.filter_box.setClearButtonEnabled(True)
        self.table = LibraryTable(self)
        self.table.setModel(model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column in range(COLUMN_COUNT):
            if column != TITLE:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._sorted = (-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.set_visible_columns(DEFAULT_COLUMNS)
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.filter_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(self.filters)
        layout.addWidget(self.table)
        self.setFocusProxy(self.table)

        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_box.returnPressed.connect(self._apply_filter)
        # Moving through the list with the arrow keys shows each article, after a pause so
        # that holding a key down does not open every article on the way.
        self._open_timer = QTimer(self, singleShot=True, interval=OPEN_DELAY_MS)
        self._open_timer.timeout.connect(self._open_current)
        # Selection, not the current index: Qt makes a row current on its own on focus.
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(self._activated)
        self.filter_box.installEventFilter(self)
        self.retranslate()

    def _size_columns(self) -> None:
        # From the header's words and a typical value, never by measuring rows (a
        # ResizeToContents column would page in a thousand rows to measure them).
        metrics = self.table.horizontalHeader().fontMetrics()
        samples = {
            SOURCE: "المصدر الإخباري",
            DATE: "2024-12-31",
            WORDS: "88,888",
            ANNOTATIONS: "888",
            AUTHOR: "سامي الحسيني",
            PUBLISHER: "المصدر الإخباري",
            SECTION: "اقتصاد",
            LANGUAGE: "ar",
            MODIFIED: "2024-12-31",
            TRANSLATED: "888/888",
        }
        header = self.table.horizontalHeader()
        for column, sample in samples.items():
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(
                metrics.horizontalAdvance(label) + 28, metrics.horizontalAdvance(sample) + 16
            )
            header.resizeSection(column, width)

    def retranslate(self) -> None:
        self._size_columns()
        self.filter_box.setPlaceholderText(self.tr("Filter titles"))
        self.filter_box.setAccessibleName(self.tr("Filter titles"))
        self.table.setAccessibleName(self.tr("Articles"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched, event: QEvent) -> bool:
        # Down from the filter box goes into the list, as in a file chooser.
        if (
            watched is self.filter_box
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection() and self.model.rowCount() > 0:
                select_row(self.table, 0)
            return True
        return super().eventFilter(watched, event)

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        current = self.current_article()
        self.model.set_title_filter(self.filter_box.text())
        if current is not None:
            self.select_article(current, scroll=True)

    # --- columns -------------------------------------------------------------------------

    def visible_columns(self) -> list[str]:
        header = self.table.horizontalHeader()
        return [COLUMN_KEYS[c] for c in range(COLUMN_COUNT) if not header.isSectionHidden(c)]

    def set_visible_columns(self, keys: Iterable[str]) -> None:
        """Show the columns named (unknown names are ignored); the title always shows."""
        wanted = {*keys, COLUMN_KEYS[TITLE]}
        header = self.table.horizontalHeader()
        for column, key in COLUMN_KEYS.items():
            header.setSectionHidden(column, key not in wanted)

    def add_column_actions(self, menu: QMenu) -> None:
        """One checkable entry per column the user may show or hide (all but the title)."""
        header = self.table.horizontalHeader()
        for column in range(COLUMN_COUNT):
            if column == TITLE:
                continue
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            action = menu.addAction(label)
            action.setObjectName(f"column-{COLUMN_KEYS[column]}")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda on, c=column: self._show_column(c, on))

    def _column_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        menu.setObjectName("libraryColumnsMenu")
        self.add_column_actions(menu)
        menu.popup(self.table.horizontalHeader().mapToGlobal(pos))

    def _show_column(self, column: int, on: bool) -> None:
        header = self.table.horizontalHeader()
        if header.isSectionHidden(column) != on:
            return
        header.setSectionHidden(column, not on)
        if on and header.sectionSize(column) < 30:
            self._size_columns()
        self.columns_changed.emit(self.visible_columns())

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        if column >= 0 and not self.model.sortable(column):
            # The model kept its order: the arrow goes back where the order comes from.
            QTimer.singleShot(
                0, lambda: self.table.horizontalHeader().setSortIndicator(*self._sorted)
            )
            return
        self._sorted = (column, order)

    def add_filter_widget(self, widget: QWidget) -> None:
        """Another filter beside the title filter (the tag and entity choice)."""
        self.filters.addWidget(widget)

    def set_scope(self, scope: Scope) -> None:
        """Narrow the list to an article tag, an entity, a publisher, an author or a
        translation status, keeping the selected article."""
        current = self.current_article()
        self.model.set_scope(scope)
        if current is not None:
            self.select_article(current, scroll=True)

    def set_period(self, period: Period | None) -> None:
        """Narrow the list to a range of days (the timeline's brush; None: any day),
        keeping the selected article."""
        current = self.current_article()
        self.model.set_period(period)
        if current is not None:
            self.select_article(current, scroll=True)

    def _activated(self, index: QModelIndex) -> None:
        self._open_timer.stop()
        article_id = index.data(ArticleIdRole)
        if article_id is not None:
            self.article_activated.emit(int(article_id), True)

    def _selection_changed(self, *_args: object) -> None:
        if self.table.selectionModel().hasSelection():
            self._open_timer.start()

    def stop(self) -> None:
        """The window is closing: nothing pending may reach a closed library."""
        self._open_timer.stop()
        self._filter_timer.stop()

    def _open_current(self) -> None:
        article_id = self.current_article()
        if article_id is not None:
            self.article_activated.emit(article_id, False)

    def current_article(self) -> int | None:
        """The article of the current row, if it is selected."""
        selection = self.table.selectionModel()
        index = selection.currentIndex()
        if not index.isValid() or not selection.isRowSelected(index.row()):
            selected = selection.selectedRows()
            index = selected[0] if selected else index
        value = index.data(ArticleIdRole) if index.isValid() and selection.hasSelection() else None
        return int(value) if value is not None else None

    def selected_articles(self) -> list[int]:
        """Every selected article, in list order."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [int(v) for v in (i.data(ArticleIdRole) for i in rows) if v is not None]

    def select_article(self, article_id: int, *, scroll: bool = True) -> bool:
        row = self.model.row_of(article_id)
        if row is None:
            self.table.clearSelection()
            return False
        index = self.model.index(row, TITLE)
        selection = self.table.selectionModel()
        selection.setCurrentIndex(
            index,
            selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows,
        )
        if scroll:
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def step(self, delta: int, current_article: int | None = None) -> int | None:
        """Select the row `delta` away from the selected one (or from `current_article`
        when nothing is selected) and return its article; the first step with nothing to
        start from goes to the first row (or the last, going back)."""
        rows = self.model.rowCount()
        if rows == 0:
            return None
        current = self.table.selectionModel().currentIndex()
        start = current.row() if current.isValid() and self.current_article() is not None else None
        if start is None and current_article is not None:
            start = self.model.row_of(current_article)
        if start is None:
            row = 0 if delta > 0 else rows - 1
        else:
            row = min(max(start + delta, 0), rows - 1)
        index = self.model.index(row, TITLE)
        selection = self.table.selectionModel()
        selection.setCurrentIndex(
            index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return self.model.article_id(row)

    def apply_changes(self, changes: Changes) -> None:
        """Subscribed to the window's change stream."""
        if self.model.needs_refresh(changes):
            self.refresh()  # keeps the selected article and the scroll position
        else:
            self.model.apply_changes(changes)

    def refresh(self) -> None:
        current = self.current_article()
        bar = self.table.verticalScrollBar().value()
        self.model.refresh()
        if current is not None and not self.select_article(current, scroll=False):
            self.table.verticalScrollBar().setValue(bar)
