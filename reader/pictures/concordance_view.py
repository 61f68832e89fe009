"""The concordance (keyword in context): every occurrence of a word, a phrase or an
entity across the library, one line each, the keyword in a column of its own so that
every line is aligned on it.

Direction. The articles are Arabic, read right to left, so the table is always laid out
right to left, whatever the interface language: the first column, the text *before* the
keyword (`BEFORE`, the CSV's and the CLI's "left" context, left in the logical order of
the string), is drawn on the RIGHT of the keyword, and the text after it on the LEFT,
as the words stand in the article. The text before the keyword therefore hugs the
keyword with its visual left edge and loses its far words (its logical start, on the
right) to the ellipsis; the text after the keyword hugs it with its right edge and
loses its far words (its logical end, on the left). A left-to-right table would put
the preceding words on the wrong side of the keyword and cut each line in the middle.

The lines are read off the GUI thread (`concordance_jobs.stream_lines` on the runner's
quick lane) and arrive in batches: the first, about a screen, as soon as it is found.
Sorting by the first or second word before or after the keyword is done off the GUI
thread too, once every line is in. Double-click (or Enter) opens the article at the
occurrence; Export writes the lines as CSV (UTF-8 with a BOM).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from library.marks.entities import Entity, entities
from library.search.concordance import ENTITY_PREFIX
from library.storage.store import Library
from reader.dialogs.file_dialogs import FileDialog
from reader.pictures.concordance_jobs import (
    Batch,
    Finished,
    sorted_lines,
    stream_lines,
    write_csv,
)
from reader.pictures.concordance_model import (
    AFTER,
    ARTICLE,
    BEFORE,
    KEYWORD,
    ArticleRole,
    ConcordanceModel,
    LineRole,
)
from reader.workers.runner import LONG, QUICK, Runner

WIDTH = 60  # code points of context on each side: more than the columns show
# The sort choices: (side, position); ("", 0) is the order of the articles.
SORTS = (("", 0), ("left", 1), ("left", 2), ("right", 1), ("right", 2))


class ContextDelegate(QStyledItemDelegate):
    """Each column aligned and cut on the keyword's side (see the module's docstring);
    the keyword on the search-hit colour."""

    def __init__(self, mark_colour: Callable[[], QColor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mark_colour = mark_colour

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.direction = Qt.LayoutDirection.RightToLeft
        vertical = Qt.AlignmentFlag.AlignVCenter
        absolute = Qt.AlignmentFlag.AlignAbsolute  # left means left, in a mirrored table too
        column = index.column()
        if column == BEFORE:
            option.displayAlignment = absolute | Qt.AlignmentFlag.AlignLeft | vertical
            option.textElideMode = Qt.TextElideMode.ElideLeft  # the far words, on the right
        elif column == AFTER:
            option.displayAlignment = absolute | Qt.AlignmentFlag.AlignRight | vertical
            option.textElideMode = Qt.TextElideMode.ElideRight  # the far words, on the left
        elif column == KEYWORD:
            option.displayAlignment = Qt.AlignmentFlag.AlignCenter
            option.backgroundBrush = self._mark_colour()
        else:
            option.displayAlignment = Qt.AlignmentFlag.AlignTrailing | vertical


class ConcordanceView(QWidget):
    open_requested = Signal(int, int, int)  # article id, start, end of the occurrence
    finished = Signal(int)  # every line is in (their number); also after a sort
    exported = Signal(str)  # the CSV's path

    def __init__(
        self,
        lib: Library,
        runner: Runner,
        library_path: Callable[[], Path],
        mark_colour: Callable[[], QColor],
        parent: QWidget | None = None,
        *,
        current_entity: Callable[[], Entity | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("concordanceView")
        self._current_entity = current_entity  # the entity index's selection
        self._lib = lib
        self._runner = runner
        self._library_path = library_path
        self._ticket = 0  # the lines being read
        self._sort_ticket = 0
        self._export_ticket = 0
        self._reading = False
        self._query = ""
        self._outcome: Finished | None = None
        self._entities_stale = True
        self._build(mark_colour)
        runner.progressed.connect(self._progressed)
        runner.done.connect(self._done)
        runner.failed.connect(self._failed)
        self.retranslate()

    # --- construction ----------------------------------------------------------------

    def _build(self, mark_colour: Callable[[], QColor]) -> None:
        self.query_box = QLineEdit(self)
        self.query_box.setObjectName("concordanceQuery")
        self.query_box.setClearButtonEnabled(True)
        self.query_box.returnPressed.connect(lambda: self.run(self.query_box.text()))
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.query_box.setCompleter(completer)
        # Ctrl+Shift+K puts the keyboard where the word is typed, as Ctrl+K does for search.
        self.setFocusProxy(self.query_box)
        self.find_button = QPushButton(self)
        self.find_button.clicked.connect(lambda: self.run(self.query_box.text()))
        self.entity_button = QPushButton(self)
        self.entity_button.setObjectName("concordanceEntity")
        self.entity_button.clicked.connect(self._from_index)
        self.sort_box = QComboBox(self)
        self.sort_box.setObjectName("concordanceSort")
        for _ in SORTS:
            self.sort_box.addItem("")
        self.sort_box.currentIndexChanged.connect(self._sort_changed)
        self.sort_label = QLabel(self)
        self.sort_label.setBuddy(self.sort_box)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("concordanceExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._ask_export)
        self.status = QLabel(self)
        self.status.setObjectName("concordanceStatus")
        self._build_table(mark_colour)
        self._lay_out()

    def _build_table(self, mark_colour: Callable[[], QColor]) -> None:
        self.model = ConcordanceModel(WIDTH, self)
        self.table = QTableView(self)
        self.table.setObjectName("concordanceTable")
        self.table.setModel(self.model)
        self.table.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # see the docstring
        self.table.setItemDelegate(ContextDelegate(mark_colour, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        vertical = self.table.verticalHeader()
        vertical.hide()
        # Fixed heights: tens of thousands of rows are never measured one by one.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(int(self.fontMetrics().height() * 1.7))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BEFORE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AFTER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KEYWORD, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ARTICLE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(KEYWORD, self.fontMetrics().horizontalAdvance("M") * 9)
        header.resizeSection(ARTICLE, self.fontMetrics().horizontalAdvance("M") * 12)
        self.table.activated.connect(self._activated)  # double-click or Enter

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.query_box, 1)
        bar.addWidget(self.find_button)
        bar.addWidget(self.entity_button)
        bar.addSpacing(8)
        bar.addWidget(self.sort_label)
        bar.addWidget(self.sort_box)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def retranslate(self) -> None:
        self.query_box.setPlaceholderText(
            self.tr("A word, a phrase in quotes, or entity: and a name")
        )
        self.find_button.setText(self.tr("Show"))
        self.entity_button.setText(self.tr("Selected &Entity"))
        self.entity_button.setToolTip(
            self.tr("Every mention of the entity selected in the Entities panel")
        )
        self.sort_label.setText(self.tr("&Sort by:"))
        texts = (
            self.tr("Article order"),
            self.tr("1st word before"),
            self.tr("2nd word before"),
            self.tr("1st word after"),
            self.tr("2nd word after"),
        )
        for row, text in enumerate(texts):
            self.sort_box.setItemText(row, text)
        self.export_button.setText(self.tr("&Export CSV…"))
        self.export_button.setToolTip(self.tr("Save these lines as a CSV file"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        if self._entities_stale:
            self._fill_entities()
        super().showEvent(event)

    # --- the library -----------------------------------------------------------------

    def set_library(self, lib: Library) -> None:
        self._lib = lib
        self._runner.cancel(self._ticket)
        self._reading = False
        self.model.clear()
        self._outcome = None
        self._entities_stale = True
        if self.isVisible():
            self._fill_entities()
        self._show_status()

    def entities_changed(self) -> None:
        """Entities were made, renamed or removed: the completer is read again."""
        self._entities_stale = True
        if self.isVisible():
            self._fill_entities()

    def _fill_entities(self) -> None:
        self._entities_stale = False
        try:
            names = sorted({e.name for e in entities(self._lib)})
        except Exception:  # a damaged library: no completion, nothing worse
            names = []
        self._names.setStringList([f"{ENTITY_PREFIX}{name}" for name in names])

    def show_entity(self, entity: Entity) -> None:
        """The lines of an entity's mentions: its name in the query field, and its id in
        the query run (two entities may share a name across types)."""
        self.query_box.setText(f"{ENTITY_PREFIX}{entity.name}")
        self.run(f"{ENTITY_PREFIX}{entity.id}", shown=self.query_box.text())

    def _from_index(self) -> None:
        entity = self._current_entity()
        if entity is None:
            self.status.setText(self.tr("Choose an entity in the Entities panel first."))
            return
        self.show_entity(entity)

    # --- reading the lines -----------------------------------------------------------

    def run(self, query: str, *, shown: str = "") -> None:
        """Read the lines of `query`; `shown` is how the query field says it."""
        query = query.strip()
        self._runner.cancel(self._ticket)
        self._runner.cancel(self._sort_ticket)
        self.model.clear()
        self._outcome = None
        self._query = shown or query
        self.export_button.setEnabled(False)
        if not query:
            self._reading = False
            self._show_status()
            return
        self._reading = True
        self._show_status()
        self._ticket = self._runner.submit(
            self._library_path(), stream_lines(query, WIDTH), lane=QUICK, channel="concordance"
        )

    @property
    def reading(self) -> bool:
        return self._reading

    def _progressed(self, ticket: int, value: object) -> None:
        if ticket == self._ticket and isinstance(value, Batch):
            self.model.append(value.lines, value.titles)
            self.export_button.setEnabled(True)
            self._show_status()

    def _done(self, ticket: int, result: object) -> None:
        if ticket == self._ticket and isinstance(result, Finished):
            self._reading = False
            self._outcome = result
            if result.problem:
                self.status.setText(self.explain(result.problem))
                return
            self.export_button.setEnabled(self.model.rowCount() > 0)
            self._show_status()
            if self.sort_box.currentIndex() > 0:
                self._sort_changed(self.sort_box.currentIndex())
            else:
                self.finished.emit(self.model.rowCount())
        elif ticket == self._sort_ticket and isinstance(result, list):
            self.model.set_lines(result)
            self.finished.emit(self.model.rowCount())
        elif ticket == self._export_ticket and isinstance(result, Path):
            self.status.setText(self.tr("Saved %1").replace("%1", str(result)))
            self.exported.emit(str(result))

    def explain(self, reason: str) -> str:
        """Why a query could not be run, in the interface's language."""
        texts = {
            "empty": self.tr("Type a word to look for."),
            "only-exclusions": self.tr("Add a word to look for: “-word” only leaves lines out."),
            "unknown-entity": self.tr("No entity has that name or id."),
            "stale-index": self.tr(
                "The search index is out of date; open the library for writing to rebuild it."
            ),
        }
        return texts.get(reason, self.tr("This query could not be run."))

    def _failed(self, ticket: int, message: str, _title: str) -> None:
        if ticket == self._ticket:
            self._reading = False
            self.status.setText(message)
        elif ticket in (self._sort_ticket, self._export_ticket):
            self.status.setText(message)

    def _sort_changed(self, row: int) -> None:
        """Sorted once every line is in; the articles' order is the order they come in."""
        if self._reading or not self.model.rowCount() or not 0 <= row < len(SORTS):
            return
        side, position = SORTS[row]
        self._sort_ticket = self._runner.submit(
            self._library_path(),
            sorted_lines(self.model.lines, side, position),
            lane=QUICK,
            channel="concordance-sort",
        )

    def _show_status(self) -> None:
        rows = self.model.rowCount()
        locale = self.locale()
        count = locale.toString(rows)
        if not self._query:
            text = self.tr("Type a word to see every place it occurs in the library.")
        elif self._reading:
            text = self.tr("Reading… lines so far: %1").replace("%1", count)
        elif not rows:
            text = self.tr("No occurrences.")
        elif self._outcome is not None and self._outcome.capped:
            text = self.tr("Only the first %1 lines; narrow the query to see the rest.")
            text = text.replace("%1", count)
        else:
            articles = locale.toString(len({line.article_id for line in self.model.lines}))
            text = self.tr("Lines: %1 · Articles: %2").replace("%1", count).replace("%2", articles)
        self.status.setText(text)

    def _activated(self, index: QModelIndex) -> None:
        line = index.siblingAtColumn(BEFORE).data(LineRole)
        if line is not None and index.data(ArticleRole) is not None:
            self.open_requested.emit(line.article_id, line.start, line.end)

    # --- export ----------------------------------------------------------------------

    def _ask_export(self) -> None:
        name = (self._query or "concordance").replace(ENTITY_PREFIX, "").strip('"')
        start = str(Path.home() / f"{name[:40] or 'concordance'}.csv")
        path = FileDialog.save_file(
            self, self.tr("Export the Concordance"), start, self.tr("CSV files (*.csv)")
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> None:
        """Write the lines, in the order shown, off the GUI thread; `exported` when done."""
        self._export_ticket = self._runner.submit(
            self._library_path(),
            write_csv(path, self.model.lines, self.model.titles),
            lane=LONG,
            write=True,  # the job opens no library: it is given the path and ignores it
        )

    def stop(self) -> None:
        self._runner.cancel(self._ticket)
        self._runner.cancel(self._sort_ticket)
