"""The parallel view: each Arabic segment beside its translation, one row each, so the two
texts scroll together and stay aligned.

Rows are as tall as their wrapped text. A long article must open at once, so heights are
first estimated from the number of characters (`SegmentDelegate.row_height(exact=False)`),
then laid out for real: the rows on screen at once, the others a few at a time while the
reader does nothing (a row above the screen that grows moves the page by as much, so
nothing moves under the reader's eyes).

Keys (besides the arrows): Enter, F2 or typing edits the translation; Alt+Up/Down go to
the segment above or below (the window's previous/next article elsewhere). Typing never
touches the library: the editor holds the text until it is committed (Enter, another
row, focus leaving, the article closing), then the model reports it once.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from reader.translate.segment_delegate import SegmentDelegate, TargetEditor
from reader.translate.segment_model import (
    SOURCE,
    STATUS,
    TARGET,
    SegmentModel,
    language_direction,
)

CHUNK = 20  # rows laid out per idle step (about 20 ms)
VISIBLE_MARGIN = 8  # rows beyond the screen laid out with it


@dataclass(frozen=True)
class PendingEdit:
    row: int
    segment_id: str
    text: str


class ParallelView(QTableView):
    current_segment_changed = Signal(object)  # segment id or None

    def __init__(self, model: SegmentModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("parallelView")
        self.setModel(model)
        self.segments = model
        self.delegate = SegmentDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Fixed)
        header.setHighlightSections(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Hidden: its width is worked out from every row's label at each relayout; the
        # segment's number is in the status column instead.
        vertical.hide()
        self._measured: set[int] = set()  # rows whose height was laid out, not guessed
        self._widths: tuple[int, int] = (0, 0)
        self._editing_row = -1
        self._idle = QTimer(self, singleShot=True, interval=0)
        self._idle.timeout.connect(self._measure_some)
        self._visible = QTimer(self, singleShot=True, interval=0)
        self._visible.timeout.connect(self._measure_visible)
        self._next_idle = 0
        model.modelReset.connect(self._reset_heights)
        model.dataChanged.connect(self._rows_changed)
        header.sectionResized.connect(lambda *_a: self._columns_resized())
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._visible.start())
        self.delegate.step_requested.connect(self._step_from_editor)
        self.delegate.editor_height.connect(self._editor_needs)
        self.delegate.editor_opened.connect(self._editor_opened)
        self.delegate.closeEditor.connect(lambda *_a: self._editor_closed())
        self.doubleClicked.connect(self._double_clicked)
        self._tinting = False
        self._tint_selection()
        self.set_fonts(QFont(), QFont())

    # --- look ------------------------------------------------------------------------

    def _tint_selection(self) -> None:
        """The selected row as a light tint of the highlight colour, the text in its own
        colour over it: the status marks and the Arabic stay readable in both themes."""
        if self._tinting:
            return
        self._tinting = True
        try:
            app = QGuiApplication.palette()
            base, highlight = (
                app.color(QPalette.ColorRole.Base),
                app.color(QPalette.ColorRole.Highlight),
            )
            share = 0.35 if base.lightness() < 128 else 0.22
            tint = QColor(
                round(base.red() + (highlight.red() - base.red()) * share),
                round(base.green() + (highlight.green() - base.green()) * share),
                round(base.blue() + (highlight.blue() - base.blue()) * share),
            )
            palette = self.palette()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
                palette.setColor(group, QPalette.ColorRole.Highlight, tint)
                palette.setColor(
                    group, QPalette.ColorRole.HighlightedText, app.color(QPalette.ColorRole.Text)
                )
            self.setPalette(palette)
        finally:
            self._tinting = False

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint_selection()

    # --- fonts and direction ---------------------------------------------------------

    def set_fonts(self, source: QFont, target: QFont) -> None:
        self.delegate.set_fonts(source, target)
        self.horizontalHeader().resizeSection(STATUS, self.delegate.status_width(self.font()))
        self._reset_heights()

    def set_target_language(self, lang: str) -> None:
        self.delegate.target_direction = language_direction(lang)
        self.segments.set_language(lang)
        self._reset_heights()

    # --- the current segment ---------------------------------------------------------

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def go_to_row(self, row: int, *, edit: bool = False) -> None:
        if not 0 <= row < self.segments.rowCount():
            return
        index = self.segments.index(row, TARGET)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        self._measure_visible()
        if edit and self.segments.editable:
            self.edit(index)

    def go_to_segment(self, segment_id: str) -> bool:
        row = self.segments.row_of(segment_id)
        if row is None:
            return False
        self.go_to_row(row)
        return True

    def step(self, delta: int) -> None:
        row = self.current_row()
        self.go_to_row(min(max((row if row >= 0 else -1) + delta, 0), self.segments.rowCount() - 1))

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, previous)
        if current.isValid() and current.column() != TARGET:
            # The translation is what the keys edit, wherever the row was clicked.
            self.selectionModel().setCurrentIndex(
                current.sibling(current.row(), TARGET), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            return
        if current.row() != previous.row() or not previous.isValid():
            seg = self.segments.segment(current.row()) if current.isValid() else None
            self.current_segment_changed.emit(seg.id if seg else None)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != TARGET and self.segments.editable:
            self.edit(index.sibling(index.row(), TARGET))

    # --- the editor ------------------------------------------------------------------

    def editor(self) -> TargetEditor | None:
        if self._editing_row < 0:
            return None
        widget = self.indexWidget(self.segments.index(self._editing_row, TARGET))
        if isinstance(widget, TargetEditor):
            return widget
        found = self.viewport().findChildren(TargetEditor)
        return found[0] if found else None

    def pending_edit(self) -> PendingEdit | None:
        """The translation being typed, if any (not yet committed)."""
        editor = self.editor()
        if editor is None or editor.segment_id is None:
            return None
        return PendingEdit(self._editing_row, editor.segment_id, editor.text())

    def commit_editor(self) -> None:
        """Commit what is being typed (the article closes, a command needs the text)."""
        editor = self.editor()
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, SegmentDelegate.EndEditHint.NoHint)

    def drop_editor(self) -> PendingEdit | None:
        """Close the editor without committing; returns what it held."""
        pending = self.pending_edit()
        editor = self.editor()
        if editor is not None:
            self.closeEditor(editor, SegmentDelegate.EndEditHint.NoHint)
        return pending

    def _editor_opened(self, row: int) -> None:
        self._editing_row = row

    def _editor_closed(self) -> None:
        row = self._editing_row
        self._editing_row = -1
        if row >= 0:
            self._measured.discard(row)
            self._visible.start()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _editor_needs(self, height: int) -> None:
        row = self._editing_row
        if row >= 0 and height > self.rowHeight(row):
            self.verticalHeader().resizeSection(row, height)

    def _step_from_editor(self, delta: int) -> None:
        row = self._editing_row
        self.commit_editor()
        target = row + delta
        if 0 <= target < self.segments.rowCount():
            self.go_to_row(target, edit=True)

    # --- keys ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _alt_arrow(event):
            event.accept()  # segments here, not the window's next/previous article
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if _alt_arrow(event):
            self.step(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            row = self.current_row()
            if row < 0 and self.segments.rowCount():
                row = 0
            if row >= 0 and self.segments.editable:
                self.go_to_row(row, edit=True)
            return
        super().keyPressEvent(event)

    # --- row heights -----------------------------------------------------------------

    def _column_widths(self) -> tuple[int, int]:
        return self.columnWidth(SOURCE), self.columnWidth(TARGET)

    def _height(self, row: int, exact: bool) -> int | None:
        seg = self.segments.segment(row)
        if seg is None:
            return None
        return self.delegate.row_height(seg.exact, seg.target, seg.note, self._widths, exact)

    def _reset_heights(self) -> None:
        """Every row estimated (cheap), then the rows on screen laid out."""
        self._widths = self._column_widths()
        self._measured.clear()
        header = self.verticalHeader()
        header.setUpdatesEnabled(False)  # one relayout at the end, not one per row
        try:
            for row in range(self.segments.rowCount()):
                header.resizeSection(row, self._height(row, exact=False) or 1)
        finally:
            header.setUpdatesEnabled(True)
        self._next_idle = 0
        self._visible.start()

    def _columns_resized(self) -> None:
        if self._column_widths() != self._widths:
            self._reset_heights()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._visible.start()

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles) -> None:
        for row in range(top.row(), bottom.row() + 1):
            self._measured.discard(row)
            height = self._height(row, exact=True)
            if height is not None:
                self._measured.add(row)
                self.verticalHeader().resizeSection(row, height)

    def visible_rows(self) -> range:
        count = self.segments.rowCount()
        if not count:
            return range(0)
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        first = 0 if first < 0 else first
        last = count - 1 if last < 0 else last
        return range(max(first - VISIBLE_MARGIN, 0), min(last + VISIBLE_MARGIN, count - 1) + 1)

    def _measure(self, rows) -> None:
        if self._column_widths() != self._widths:
            self._reset_heights()
            return
        header = self.verticalHeader()
        top = self.rowAt(0)
        shift = 0
        resized = False
        header.setUpdatesEnabled(False)  # one relayout for the lot, not one per row
        try:
            for row in rows:
                if row in self._measured or row == self._editing_row:
                    continue
                self._measured.add(row)
                height = self._height(row, exact=True)
                if height is None:
                    continue
                old = header.sectionSize(row)
                if height != old:
                    if 0 <= row < top:
                        shift += height - old
                    header.resizeSection(row, height)
                    resized = True
        finally:
            header.setUpdatesEnabled(True)
        if resized:
            self.updateGeometries()
            self.viewport().update()
            header.viewport().update()
        if shift:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + shift)

    def _measure_visible(self) -> None:
        self._measure(self.visible_rows())
        if len(self._measured) < self.segments.rowCount():
            self._idle.start()

    def _measure_some(self) -> None:
        count = self.segments.rowCount()
        rows = []
        while self._next_idle < count and len(rows) < CHUNK:
            if self._next_idle not in self._measured:
                rows.append(self._next_idle)
            self._next_idle += 1
        self._measure(rows)
        if self._next_idle < count:
            self._idle.start()

    def measured_rows(self) -> int:
        return len(self._measured)


def _alt_arrow(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return mods == Qt.KeyboardModifier.AltModifier and event.key() in (
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
    )
