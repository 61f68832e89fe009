"""Team ▸ Curate This Article: an article's disagreements between annotators, settled one
key at a time into the curated layer (`library.team.curation`, `library.ops.curating`).

The window shows the list of items (disagreements; agreed ones on request), the chosen
item's versions side by side, one column per annotator and one for the curated layer,
each the sentence around the item with that version's mentions painted under the text
(as the article page paints marks, so no letter changes its shape), and a progress bar.
Keys: 1–9 take that annotator's version, 0 takes "no mention here", Enter goes to the next
undecided item. Every decision is one edit on the window's undo stack; the view refreshes
from the change stream, so an undo in the main window shows here at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from PySide6.QtCore import QLocale, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetricsF, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from library.changes import Changes
from library.marks.entities import selection_span
from library.marks.entity_types import entity_types
from library.ops import curating
from library.storage.store import Library
from library.team import curation as cur
from reader.editing.changes import ChangeStream
from reader.look.theme import ArticleColours
from reader.views.highlight_painter import SpanStyle, paint_boxes
from reader.views.item_text import mark_boxes, text_layout
from reader.views.mark_layers import is_dark, mix
from reader.views.marks import isolate, shown_name
from reader.views.text_map import TextMap

Perform = Callable[[str, Callable[[Library], object]], object]
ItemRole = Qt.ItemDataRole.UserRole + 1
MAX_AUTHORS = 9  # one digit key each
LINES = 6
PAD = 6


class SentencePane(QWidget):
    """A sentence with some spans painted under the text, each in its type's colour.

    A selectable pane also lets the mouse select a stretch of the sentence (painted under
    the text too): the curator's own span, for an edited decision."""

    selected = Signal(int, int)  # code points into `text`; empty when cleared

    def __init__(self, colours: Callable[[], ArticleColours], parent=None) -> None:
        super().__init__(parent)
        self._colours = colours
        self.text = ""
        self.spans: list[tuple[int, int, QColor]] = []  # code points into `text`
        self.content_font: QFont | None = None
        self.selectable = False
        self.selection: tuple[int, int] = (0, 0)
        self._anchor: int | None = None
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setAutoFillBackground(False)

    def show_spans(self, text: str, spans: Sequence[tuple[int, int, QColor]]) -> None:
        if text != self.text:
            self.select_range(0, 0)
        self.text, self.spans = text, list(spans)
        self.updateGeometry()
        self.update()

    def select_range(self, start: int, end: int) -> None:
        start, end = sorted((max(0, start), max(0, end)))
        if (start, end) != self.selection:
            self.selection = (start, end)
            self.update()
            self.selected.emit(start, end)

    def _font(self) -> QFont:
        return QFont(self.content_font or self.font())

    def sizeHint(self) -> QSize:
        return QSize(260, int(LINES * QFontMetricsF(self._font()).height() + 2 * PAD))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, int(3 * QFontMetricsF(self._font()).height() + 2 * PAD))

    def _layout(self):
        width = float(max(self.width() - 2 * PAD, 10))
        lines = max(1, int((self.height() - 2 * PAD) / QFontMetricsF(self._font()).height()))
        return text_layout(self.text, self._font(), width, lines, Qt.LayoutDirection.RightToLeft)

    def position_at(self, point: QPointF) -> int:
        """The code point of `text` nearest to a point of the widget."""
        layout = self._layout()
        x, y = point.x() - PAD, point.y() - PAD
        line = None
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            if y < line.y() + line.height():
                break
        if line is None:
            return 0
        return TextMap(self.text).to_store(line.xToCursor(x))

    def mousePressEvent(self, event) -> None:
        if not self.selectable or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self._anchor = self.position_at(event.position())
        self.select_range(self._anchor, self._anchor)

    def mouseMoveEvent(self, event) -> None:
        if self._anchor is None:
            super().mouseMoveEvent(event)
            return
        self.select_range(self._anchor, self.position_at(event.position()))

    def mouseReleaseEvent(self, event) -> None:
        if self._anchor is not None:
            self.select_range(self._anchor, self.position_at(event.position()))
            self._anchor = None
        super().mouseReleaseEvent(event)

    def paintEvent(self, _event) -> None:
        colours = self._colours()
        painter = QPainter(self)
        painter.fillRect(self.rect(), colours.paper)
        layout = self._layout()
        painter.translate(QPointF(PAD, PAD))
        share = 0.45 if is_dark(colours) else 0.35
        for start, end, colour in self.spans:
            boxes = mark_boxes(layout, self.text, [(start, end)])
            paint_boxes(painter, boxes, mix(colour, colours.paper, share), SpanStyle.FILL)
            paint_boxes(painter, boxes, colour, SpanStyle.UNDERLINE)
        start, end = self.selection
        if end > start:
            boxes = mark_boxes(layout, self.text, [(start, end)])
            paint_boxes(painter, boxes, colours.selection, SpanStyle.FRAME)
        painter.setPen(colours.ink)
        layout.draw(painter, QPointF(0, 0))
        painter.end()


class VersionColumn(QFrame):
    """One annotator's (or the curated layer's) version of the current item."""

    def __init__(self, colours: Callable[[], ArticleColours], parent=None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.header = QLabel()
        self.header.setObjectName("versionHeader")
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.sentence = SentencePane(colours)
        self.marks = QLabel()
        self.marks.setWordWrap(True)
        self.marks.setObjectName("versionMarks")
        self.accept = QPushButton()
        self.accept.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.sentence, 1)
        layout.addWidget(self.marks)
        layout.addWidget(self.accept)


class CurationView(QDialog):
    def __init__(
        self,
        lib: Library,
        article_id: int,
        *,
        perform: Perform,
        changes: ChangeStream,
        colours: Callable[[], ArticleColours],
        content_font: QFont | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("curationView")
        self.lib = lib
        self.article_id = article_id
        self.perform = perform
        self.colours = colours
        self.content_font = content_font
        self.found: cur.Curation | None = None
        self.error = ""
        self.type_colours: dict[str, QColor] = {}
        self.type_names: dict[str, str] = {}

        self.progress = QProgressBar()
        self.progress.setObjectName("curationProgress")
        self.progress.setTextVisible(True)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_top())
        layout.addWidget(self._build_split(), 1)
        layout.addWidget(self.progress)
        self._build_keys()
        changes.changed.connect(self._changed)
        self.resize(1200, 560)
        self.show_article(article_id)

    def _build_top(self) -> QHBoxLayout:
        self.layers_label = QLabel()
        self.layers_row = QHBoxLayout()
        self.layer_boxes: list[QCheckBox] = []
        self.show_agreed = QCheckBox()
        self.show_agreed.setObjectName("showAgreed")
        self.show_agreed.toggled.connect(lambda _on: self._fill_list())
        top = QHBoxLayout()
        top.addWidget(self.layers_label)
        top.addLayout(self.layers_row)
        top.addStretch(1)
        top.addWidget(self.show_agreed)
        return top

    def _build_split(self) -> QSplitter:
        colours = self.colours
        self.items = QListWidget()
        self.items.setObjectName("curationItems")
        self.items.currentRowChanged.connect(lambda _row: self._show_item())
        self.message = QLabel()
        self.message.setObjectName("curationMessage")
        self.message.setWordWrap(True)
        self.columns: list[VersionColumn] = []
        self.curated = VersionColumn(colours)
        # The curated column takes the curator's own span: select, then Accept Selection.
        self.curated.accept.setObjectName("acceptSelection")
        self.curated.accept.clicked.connect(self.accept_selection)
        self.curated.sentence.selectable = True
        self.curated.sentence.selected.connect(lambda _s, _e: self._sync_selection())
        self._sentence_at = 0
        self.grid = QGridLayout()
        self.as_type = QComboBox()
        self.as_type.setObjectName("acceptAsType")
        self.as_type_label = QLabel()
        self.as_type_label.setBuddy(self.as_type)
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.setAutoDefault(False)
        self.reject_button.clicked.connect(self.reject_item)
        self.agreed_button = QPushButton()
        self.agreed_button.setObjectName("acceptAgreedButton")
        self.agreed_button.setAutoDefault(False)
        self.agreed_button.clicked.connect(self.accept_agreed)
        self.next_button = QPushButton()
        self.next_button.setAutoDefault(False)
        self.next_button.clicked.connect(self.next_undecided)
        actions = QHBoxLayout()
        actions.addWidget(self.as_type_label)
        actions.addWidget(self.as_type)
        actions.addStretch(1)
        actions.addWidget(self.reject_button)
        actions.addWidget(self.agreed_button)
        actions.addWidget(self.next_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.message)
        right_layout.addLayout(self.grid, 1)
        right_layout.addLayout(actions)
        split = QSplitter()
        split.addWidget(self.items)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        split.setSizes([260, 900])
        return split

    def _build_keys(self) -> None:
        # The keys: shortcuts of the view, so the list's type-ahead search never eats them.
        self.key_actions: list[QAction] = []
        for n in range(1, MAX_AUTHORS + 1):
            self._key(str(n), lambda _c=False, i=n - 1: self.accept_author(i))
        self._key("0", lambda _c=False: self.reject_item())
        for key in ("Return", "Enter"):
            self._key(key, lambda _c=False: self.next_undecided())

    def _key(self, key: str, slot) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.key_actions.append(action)

    # --- what is shown ------------------------------------------------------------------

    def show_article(self, article_id: int) -> None:
        """Curate another article: its layers, all checked (up to nine)."""
        self.article_id = article_id
        for box in self.layer_boxes:
            self.layers_row.removeWidget(box)
            box.deleteLater()
        self.layer_boxes = []
        for n, author in enumerate(cur.article_authors(self.lib, article_id)):
            box = QCheckBox(author)
            box.setChecked(n < MAX_AUTHORS)
            box.toggled.connect(lambda _on: self.refresh())
            self.layers_row.addWidget(box)
            self.layer_boxes.append(box)
        self.retranslate()
        self.refresh()

    def authors(self) -> list[str]:
        return [b.text() for b in self.layer_boxes if b.isChecked()][:MAX_AUTHORS]

    def refresh(self) -> None:
        """Read the article's items again, keeping the current one."""
        self.type_colours = {t.id: QColor(t.colour) for t in entity_types(self.lib)}
        self.type_names = {t.id: shown_name(t.id, t.label) for t in entity_types(self.lib)}
        current = self.current()
        who = self.authors()
        self.found, self.error = None, ""
        if who:
            try:
                self.found = cur.curation(self.lib, self.article_id, who)
            except (cur.CurationError, LookupError) as exc:
                self.error = str(exc)
        else:
            self.error = self.tr("Check the annotators whose versions you want to compare.")
        self._build_columns(who)
        self._fill_list(current)
        self._show_progress()

    def _build_columns(self, who: Sequence[str]) -> None:
        if [c.property("author") for c in self.columns] == list(who):
            return
        for column in self.columns:
            self.grid.removeWidget(column)
            column.deleteLater()
        self.grid.removeWidget(self.curated)
        self.columns = []
        for n, author in enumerate(who):
            column = VersionColumn(self.colours)
            column.setProperty("author", author)
            column.accept.clicked.connect(lambda _c=False, i=n: self.accept_author(i))
            self.columns.append(column)
            self.grid.addWidget(column, 0, n)
        self.grid.addWidget(self.curated, 0, len(who))
        for column in [*self.columns, self.curated]:
            column.sentence.content_font = self.content_font
        self._label_columns()

    def _label_columns(self) -> None:
        for n, column in enumerate(self.columns):
            column.header.setText(f"{n + 1} · {isolate(column.property('author'))}")
            column.accept.setText(self.tr("Accept (%1)").replace("%1", str(n + 1)))
        self.curated.header.setText(self.tr("Curated"))
        self.curated.accept.setText(self.tr("Accept Selection"))

    def _visible_items(self) -> list[cur.Item]:
        if self.found is None:
            return []
        if self.show_agreed.isChecked():
            return list(self.found.items)
        return self.found.disagreements

    def _fill_list(self, keep: tuple[int, int] | None = None) -> None:
        keep = keep or self.current()
        self.items.blockSignals(True)
        self.items.clear()
        row = 0
        for n, item in enumerate(self._visible_items()):
            entry = QListWidgetItem(self._item_text(item))
            entry.setData(ItemRole, (item.start, item.end))
            self.items.addItem(entry)
            if keep == (item.start, item.end):
                row = n
        self.items.blockSignals(False)
        if self.items.count():
            self.items.setCurrentRow(row)
        self._show_item()

    def _item_text(self, item: cur.Item) -> str:
        kinds = {
            cur.AGREED: self.tr("agreed"),
            cur.ONE_SIDED: self.tr("one-sided"),
            cur.TYPE: self.tr("type differs"),
            cur.BOUNDARY: self.tr("boundaries differ"),
            cur.MIXED: self.tr("type and boundaries differ"),
        }
        mark = "✓" if item.decided else "•"
        quote = " ".join(self.found.body[item.start : item.end].split()) if self.found else ""
        return f"{mark} {kinds[item.kind]}: {isolate(quote)}"

    def current(self) -> tuple[int, int] | None:
        entry = self.items.currentItem()
        return entry.data(ItemRole) if entry is not None else None

    def current_item(self) -> cur.Item | None:
        key = self.current()
        if key is None or self.found is None:
            return None
        return next((i for i in self.found.items if (i.start, i.end) == key), None)

    def _show_item(self) -> None:
        item = self.current_item()
        if self.error:
            self.message.setText(self.error)
        elif self.found is not None and not self._visible_items():
            self.message.setText(
                self.tr("No disagreements in this article.")
                if self.found.items
                else self.tr("No entity mentions to curate in this article.")
            )
        else:
            self.message.setText("")
        self.reject_button.setEnabled(item is not None)
        self._sync_selection()
        for column in self.columns:
            column.accept.setEnabled(item is not None)
        if item is None or self.found is None:
            for column in [*self.columns, self.curated]:
                column.sentence.show_spans("", [])
                column.marks.setText("")
            return
        sentence, at = self.found.sentence(item)
        self._sentence_at = at
        for column, version in zip(self.columns, item.versions, strict=True):
            self._show_marks(column, sentence, at, version.marks)
        if item.rejected:
            self.curated.sentence.show_spans(sentence, [])
            self.curated.marks.setText(self.tr("No mention here"))
        elif item.curated:
            self._show_marks(self.curated, sentence, at, item.curated)
        else:
            self.curated.sentence.show_spans(sentence, [])
            self.curated.marks.setText(self.tr("Not decided yet"))

    def _show_marks(
        self, column: VersionColumn, sentence: str, at: int, marks: Sequence[cur.Mark]
    ) -> None:
        end = at + len(sentence)
        spans = [
            (max(m.start, at) - at, min(m.end, end) - at, self.type_colours.get(m.type, QColor()))
            for m in marks
        ]
        column.sentence.show_spans(sentence, spans)
        if not marks:
            column.marks.setText(self.tr("Nothing tagged"))
            return
        column.marks.setText(
            "\n".join(
                f"{self.type_names.get(m.type, m.type)}: {isolate(' '.join(m.exact.split()))}"
                for m in marks
            )
        )

    def _sync_selection(self) -> None:
        start, end = self.curated.sentence.selection
        self.curated.accept.setEnabled(self.current_item() is not None and end > start)

    def _show_progress(self) -> None:
        decided, total = self.found.progress if self.found is not None else (0, 0)
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(decided)
        self.progress.setFormat(
            self.tr("%1 of %2 decided")
            .replace("%1", QLocale().toString(decided))
            .replace("%2", QLocale().toString(total))
        )
        self.agreed_button.setEnabled(
            self.found is not None and any(i.agreed and not i.decided for i in self.found.items)
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Curate Article"))
        self.layers_label.setText(self.tr("Annotators:"))
        self.show_agreed.setText(self.tr("Show agreed items"))
        self.as_type_label.setText(self.tr("Accept as:"))
        self.reject_button.setText(self.tr("No Mention (0)"))
        self.agreed_button.setText(self.tr("Accept All Agreed"))
        self.next_button.setText(self.tr("Next Undecided (Enter)"))
        chosen = self.as_type.currentData()
        self.as_type.clear()
        self.as_type.addItem(self.tr("the type as tagged"), None)
        for t in entity_types(self.lib):
            self.as_type.addItem(shown_name(t.id, t.label), t.id)
        self.as_type.setCurrentIndex(max(0, self.as_type.findData(chosen)))
        self._label_columns()
        if self.found is not None:
            self._fill_list()
            self._show_progress()

    # --- deciding -----------------------------------------------------------------------

    def accept_author(self, index: int) -> None:
        """Take annotator `index`'s version of the current item (in the type chosen under
        "Accept as", if one is)."""
        item = self.current_item()
        if item is None or index >= len(item.versions):
            return
        choices = curating.choices_of(item, item.versions[index].author)
        retyped = self.as_type.currentData()
        if choices is not None and retyped is not None:
            choices = [curating.Choice(c.start, c.end, retyped, c.entity_id) for c in choices]
        self.as_type.setCurrentIndex(0)
        article = self.article_id
        self.perform(
            "curate", lambda lib: curating.decide(lib, article, item.start, item.end, choices)
        )

    def accept_selection(self) -> None:
        """The span selected in the curated column (snapped to whole words, an attached
        clitic left out, as tagging does), of the type chosen under "Accept as", else of the
        type of the annotators' mention it overlaps."""
        item = self.current_item()
        first, last = self.curated.sentence.selection
        if item is None or last <= first:
            return
        at = self._sentence_at
        start, end = selection_span(self.lib, self.article_id, at + first, at + last)
        marks = [m for v in item.versions for m in v.marks]
        if end <= start or not (start < item.end and item.start < end):
            self.message.setText(self.tr("Select words that overlap the item."))
            return
        near = next((m for m in marks if m.start < end and start < m.end), marks[0])
        kind = self.as_type.currentData() or near.type
        choice = curating.Choice(start, end, kind, near.entity_id)
        self.as_type.setCurrentIndex(0)
        self.curated.sentence.select_range(0, 0)
        article, lo, hi = self.article_id, min(start, item.start), max(end, item.end)
        self.perform("curate", lambda lib: curating.decide(lib, article, lo, hi, [choice]))

    def reject_item(self) -> None:
        item = self.current_item()
        if item is None:
            return
        article = self.article_id
        self.perform("curate", lambda lib: curating.reject(lib, article, item))

    def accept_agreed(self) -> None:
        article, who = self.article_id, self.authors()
        self.perform("curate-agreed", lambda lib: curating.accept_agreed(lib, article, who))

    def next_undecided(self) -> None:
        """The next undecided item after the current one (wrapping around)."""
        count = self.items.count()
        if not count or self.found is None:
            return
        decided = {(i.start, i.end) for i in self.found.items if i.decided}
        here = max(self.items.currentRow(), 0)
        for step in range(1, count + 1):
            row = (here + step) % count
            if self.items.item(row).data(ItemRole) not in decided:
                self.items.setCurrentRow(row)
                return

    def _changed(self, changes: Changes) -> None:
        # A closed view is brought up to date when it is opened again (show_article).
        if not self.isVisible() or not changes.touches(self.article_id):
            return
        try:
            self.refresh()
        except sqlite3.ProgrammingError:  # the window switched to another library
            self.close()
