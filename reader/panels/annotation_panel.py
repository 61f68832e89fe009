"""The annotation panel of the open article: every annotation in reading order.

Each row shows the kind, its colour or entity, the quote and the note. Clicking a row
shows the passage in the article; double-click, Enter or F2 edits it in place (the
note's text, the highlight's colour, the entity a mention links to); Delete or the
context menu removes it. Filters narrow the list by kind, highlight colour and entity
type. The panel only asks: the window turns each request into an undoable command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from library.marks.annotations import Annotation
from reader.look.theme import ARTICLE_COLOURS, ArticleColours
from reader.panels.relation_list import RelationRow, RelationTable
from reader.views.article_document import paragraph_direction
from reader.views.mark_layers import NOTE_COLOURS, is_dark, readable_fill
from reader.views.marks import ArticleMarks, EntityRef, Look, swatch
from reader.views.sentence_delegate import text_layout

AnnotationRole = Qt.ItemDataRole.UserRole + 1
KIND_HIGHLIGHT, KIND_NOTE, KIND_ENTITY = "highlight", "note", "entity"
PADDING = 5
STRIPE = 4
_Index = QModelIndex | QPersistentModelIndex


class AnnotationModel(QAbstractListModel):
    """The open article's annotations that pass the filters (kind, highlight colour,
    entity type: None lets everything through); edits come out as `edit_requested`.

    The filtering is done here, on the Python list, rather than by a proxy model that
    would ask about every row through the binding (an article may hold thousands)."""

    edit_requested = Signal(str, str, object)  # annotation id, field, new value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.all_rows: list[Annotation] = []
        self.rows: list[Annotation] = []  # those shown
        self.entities: dict[str, EntityRef] = {}
        self.look = Look()
        self.kind: str | None = None
        self.colour: str | None = None
        self.entity_type: str | None = None

    def show(self, marks: ArticleMarks, look: Look) -> None:
        self.beginResetModel()
        self.all_rows = list(marks.annotations)
        self.entities = dict(marks.entities)
        self.look = look
        self.rows = self._filtered()
        self.endResetModel()

    def set_filters(self, kind: str | None, colour: str | None, entity_type: str | None) -> None:
        self.beginResetModel()
        self.kind, self.colour, self.entity_type = kind, colour, entity_type
        self.rows = self._filtered()
        self.endResetModel()

    def _filtered(self) -> list[Annotation]:
        if self.kind is None and self.colour is None and self.entity_type is None:
            return list(self.all_rows)
        return [a for a in self.all_rows if self._passes(a)]

    def _passes(self, a: Annotation) -> bool:
        if self.kind is not None and a.kind != self.kind:
            return False
        if self.colour is not None and (a.kind != KIND_HIGHLIGHT or a.colour != self.colour):
            return False
        return self.entity_type is None or (
            a.kind == KIND_ENTITY and self.type_of(a) == self.entity_type
        )

    def row_of(self, annotation_id: str) -> int | None:
        return next((n for n, a in enumerate(self.rows) if a.id == annotation_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        a = self.rows[index.row()]
        if role == AnnotationRole:
            return a
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [self.detail(a), a.exact, a.note or ""]
            return " — ".join(p for p in parts if p)
        return self.editable(a) if role == Qt.ItemDataRole.EditRole else None

    def editable(self, a: Annotation) -> str | None:
        """What editing a row changes: a highlight's colour, a mention's entity (by name),
        the note of anything else."""
        if a.kind == KIND_HIGHLIGHT:
            return a.colour
        if a.kind == KIND_ENTITY:
            entity = self.entities.get(a.entity_id or "")
            return entity.name if entity else ""
        return a.note or ""

    def detail(self, a: Annotation) -> str:
        """What the row says about the mark: its colour's or entity's name."""
        if a.kind == KIND_HIGHLIGHT:
            return self.look.colour_name(a.colour)
        if a.kind == KIND_ENTITY:
            entity = self.entities.get(a.entity_id or "")
            if entity is None:
                return ""
            return f"{self.look.type_label(entity.type)} · {entity.name}"
        return ""

    def type_of(self, a: Annotation) -> str | None:
        entity = self.entities.get(a.entity_id or "")
        return entity.type if entity else None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        a = self.rows[index.row()]
        if value == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        field = {KIND_HIGHLIGHT: "colour", KIND_ENTITY: "entity"}.get(a.kind, "note")
        # After the editor has closed: the edit reloads (resets) this model.
        QTimer.singleShot(0, lambda: self.edit_requested.emit(a.id, field, value))
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable


class AnnotationDelegate(QStyledItemDelegate):
    """Three lines: what the mark is, the quote, the note; a stripe in the mark's colour."""

    def __init__(self, model: AnnotationModel, page: Callable[[], ArticleColours], parent=None):
        super().__init__(parent)
        self._model = model
        self._page = page
        self.content_font: QFont | None = None
        self.entity_names: list[str] = []
        self._fills: dict[tuple, QColor] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() * 0.9, 7))
        quote = QFont(self.content_font or option.font)
        note = QFont(option.font)
        note.setItalic(True)
        return small, quote, note

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        small, quote, note = self._fonts(option)
        height = sum(QFontMetricsF(f).height() for f in (small, quote, note))
        return QSize(200, int(height + 3 * PADDING))

    def stripe_colour(self, a: Annotation) -> QColor:
        page = self._page()
        look = self._model.look
        if a.kind == KIND_HIGHLIGHT:
            key = (a.colour or "", page.paper.name(), look.colours)
            if key not in self._fills:
                hex_colour = look.colour_hex().get(a.colour or "", "#f7e26b")
                self._fills[key] = readable_fill(QColor(hex_colour), page)
            return self._fills[key]
        if a.kind == KIND_ENTITY:
            return QColor(look.type_hex().get(self._model.type_of(a) or "", "#9a9a9a"))
        return NOTE_COLOURS["dark" if is_dark(page) else "light"]

    def kind_label(self, a: Annotation) -> str:
        if a.kind == KIND_HIGHLIGHT:
            label = self.tr("Highlight")
        elif a.kind == KIND_ENTITY:
            label = self.tr("Entity")
        else:
            label = self.tr("Note on the article") if a.is_article_note else self.tr("Note")
        detail = self._model.detail(a)
        return f"{label} · {detail}" if detail else label

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        a: Annotation | None = index.data(AnnotationRole)
        # The option as the view gives it (state, palette, alternate rows); the row is
        # drawn here, so the model is not asked for the dozen roles initStyleOption reads.
        opt = QStyleOptionViewItem(option)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if a is None:
            return
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = ink if selected else opt.palette.color(QPalette.ColorRole.PlaceholderText)
        small, quote_font, note_font = self._fonts(option)
        rtl = opt.direction == Qt.LayoutDirection.RightToLeft
        rect = opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        stripe = QRect(
            rect.right() - STRIPE + 1 if rtl else rect.left(), rect.top(), STRIPE, rect.height()
        )
        painter.save()
        painter.setClipRect(opt.rect)
        painter.fillRect(stripe, self.stripe_colour(a))
        text = rect.adjusted(
            0 if rtl else STRIPE + PADDING, 0, -(STRIPE + PADDING) if rtl else 0, 0
        )
        width = float(max(text.width(), 10))
        y = float(text.top())
        quote, note = " ".join(a.exact.split()), " ".join((a.note or "").split())
        lines = [
            (self.kind_label(a), small, muted, opt.direction),
            (quote, quote_font, ink, None),
            (note, note_font, ink, None),
        ]
        if not quote:  # a note on the whole article: the note goes up a line
            lines = [lines[0], lines[2], lines[1]]
        for content, font, colour, direction in lines:
            if content:
                shown = QFontMetricsF(font).elidedText(content, Qt.TextElideMode.ElideRight, width)
                layout = text_layout(
                    shown, font, width, 1, direction or paragraph_direction(content, opt.direction)
                )
                painter.setPen(colour)
                layout.draw(painter, QPointF(text.left(), y))
            y += QFontMetricsF(font).height()
        painter.restore()

    # --- editing in place -----------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index):
        a: Annotation | None = index.data(AnnotationRole)
        if a is None:
            return None
        if a.kind == KIND_HIGHLIGHT:
            box = QComboBox(parent)
            box.setObjectName("colourEditor")
            for c in self._model.look.colours:
                box.addItem(swatch(c.colour), self._model.look.colour_name(c.id), c.id)
            box.activated.connect(lambda _n, b=box: self._commit(b))
            return box
        if a.kind == KIND_ENTITY:
            line = QLineEdit(parent)
            line.setObjectName("entityEditor")
            completer = QCompleter(self.entity_names, line)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            line.setCompleter(completer)
            return line
        editor = QPlainTextEdit(parent)
        editor.setObjectName("noteEditor")
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, editor, event: QEvent) -> bool:
        # Ctrl+Enter saves a note being edited (Enter alone starts a new line).
        if (
            isinstance(editor, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self._commit(editor)
            return True
        return super().eventFilter(editor, event)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(value), 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")
            editor.selectAll()
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")

    def setModelData(self, editor: QWidget, model, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QLineEdit):
            value = " ".join(editor.text().split())
        else:
            value = editor.toPlainText().strip()
        if value:
            model.setData(index, value, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index):
        rect = QRect(option.rect)
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height() * 2, 120))
        elif isinstance(editor, QComboBox | QLineEdit):
            rect.setHeight(editor.sizeHint().height())
        editor.setGeometry(rect)


class AnnotationPanel(QWidget):
    jump_requested = Signal(int, int)  # stored span to show in the article
    edit_requested = Signal(str, str, object)  # annotation id, field, value
    note_requested = Signal(str)  # edit the note of an annotation in the note dialog
    delete_requested = Signal(list)  # annotation ids
    occurrences_requested = Signal(str)  # entity id: Tag All Occurrences
    entity_requested = Signal(str)  # entity id: show it in the entity index
    tags_requested = Signal()
    accept_all_requested = Signal()
    relation_edit_requested = Signal(str, str, object)  # relation id, "type"/"note", value
    relation_delete_requested = Signal(list)  # relation ids

    def __init__(
        self, page: Callable[[], ArticleColours] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("annotationPanel")
        self._page = page or (lambda: ARTICLE_COLOURS["light"])
        self._has_article = False
        self._suggestions = 0
        self._tags: list[str] = []
        self._build()
        self._lay_out()
        self.model.edit_requested.connect(self.edit_requested)
        self.relation_table.jump_requested.connect(self.jump_requested)
        self.relation_table.edit_requested.connect(self.relation_edit_requested)
        self.relation_table.delete_requested.connect(self.relation_delete_requested)
        self.list.clicked.connect(self._jump)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.installEventFilter(self)
        for box in (self.kind_box, self.colour_box, self.type_box):
            box.currentIndexChanged.connect(self._filter_changed)
        self.retranslate()

    def _build(self) -> None:
        self.tags_label = QLabel(self)
        self.tags_label.setObjectName("articleTags")
        self.tags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.tags_label.setWordWrap(True)
        self.tags_button = QPushButton(self)
        self.tags_button.setObjectName("editTags")
        self.tags_button.clicked.connect(self.tags_requested)
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("kindFilter")
        self.colour_box = QComboBox(self)
        self.colour_box.setObjectName("colourFilter")
        self.type_box = QComboBox(self)
        self.type_box.setObjectName("typeFilter")
        for box in (self.kind_box, self.colour_box, self.type_box):
            # Narrow docks keep working: the boxes shrink and elide their text.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(3)
        self.status = QLabel(self)
        self.status.setObjectName("annotationStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.model = AnnotationModel(self)
        self.list = QListView(self)
        self.list.setObjectName("annotationList")
        self.list.setModel(self.model)
        self.delegate = AnnotationDelegate(self.model, self._page, self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.suggestions_label = QLabel(self)
        self.suggestions_label.setObjectName("suggestionCount")
        self.suggestions_label.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_all = QPushButton(self)
        self.accept_all.setObjectName("acceptAllSuggestions")
        self.accept_all.clicked.connect(self.accept_all_requested)
        self.relations_label = QLabel(self)
        self.relations_label.setObjectName("relationCount")
        self.relations_label.setTextFormat(Qt.TextFormat.PlainText)
        self.relations_label.setWordWrap(True)
        self.relation_table = RelationTable(self)

    def _lay_out(self) -> None:
        tags_row = QHBoxLayout()
        tags_row.addWidget(self.tags_label, 1)
        tags_row.addWidget(self.tags_button)
        filters = QHBoxLayout()
        for box in (self.kind_box, self.colour_box, self.type_box):
            filters.addWidget(box, 1)
        suggestions_row = QHBoxLayout()
        suggestions_row.addWidget(self.suggestions_label, 1)
        suggestions_row.addWidget(self.accept_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(tags_row)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        # The article's relations under its marks, in a pane the reader can drag open.
        relations = QWidget(self)
        relations_layout = QVBoxLayout(relations)
        relations_layout.setContentsMargins(0, 0, 0, 0)
        relations_layout.setSpacing(2)
        relations_layout.addWidget(self.relations_label)
        relations_layout.addWidget(self.relation_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("annotationSplitter")
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(relations)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(suggestions_row)
        self.setFocusProxy(self.list)

    def sizeHint(self) -> QSize:
        # Room for the three filters and a quote when the dock first opens.
        return QSize(380, 560)

    # --- content ----------------------------------------------------------------------

    def show_marks(self, marks: ArticleMarks | None, look: Look) -> None:
        """The article's annotations (None: no article open), keeping the selection."""
        selected = self.selected_ids()
        self._has_article = marks is not None
        if (look.colours, look.types) != (self.model.look.colours, self.model.look.types):
            self.model.look = look
            self._fill_filter_boxes()
        self.model.show(marks or ArticleMarks(), look)
        self.select_ids(selected)
        self._update_status()

    def show_relations(self, rows: Sequence[RelationRow], look: Look) -> None:
        """The open article's relations (`relation_list.relation_rows`), keeping the selection."""
        selected = self.relation_table.selected_ids()
        self.relation_table.relations.show(list(rows), look)
        self.relation_table.select_ids(selected)
        self._update_relations()

    def _update_relations(self) -> None:
        n = self.relation_table.relations.rowCount()
        if not self._has_article:
            text = ""
        elif n:
            text = self.tr("Relations: %1").replace("%1", QLocale().toString(n))
        else:
            text = self.tr("No relations: put the cursor on an entity and press R to relate it.")
        self.relations_label.setText(text)

    def set_entity_names(self, names: Sequence[str]) -> None:
        self.delegate.entity_names = list(names)

    def set_tags(self, names: Sequence[str] | None) -> None:
        self._tags = list(names or [])
        self._update_tags()

    def set_suggestion_count(self, count: int) -> None:
        self._suggestions = count
        self._update_suggestions()

    def set_content_font(self, font: QFont) -> None:
        self.delegate.content_font = font
        self.list.reset()

    def selected_ids(self) -> list[str]:
        return [
            i.data(AnnotationRole).id
            for i in self.list.selectionModel().selectedIndexes()
            if i.data(AnnotationRole) is not None
        ]

    def select_ids(self, ids: Sequence[str]) -> None:
        selection = self.list.selectionModel()
        selection.clearSelection()
        for annotation_id in ids:
            row = self.model.row_of(annotation_id)
            if row is None:
                continue
            index = self.model.index(row)
            if index.isValid():
                selection.select(index, selection.SelectionFlag.Select)
                selection.setCurrentIndex(index, selection.SelectionFlag.NoUpdate)

    def index_of(self, annotation_id: str) -> QModelIndex:
        row = self.model.row_of(annotation_id)
        return QModelIndex() if row is None else self.model.index(row)

    def edit(self, annotation_id: str) -> bool:
        index = self.index_of(annotation_id)
        if not index.isValid():
            return False
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        return self.list.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None)

    # --- filters --------------------------------------------------------------------

    def _fill_filter_boxes(self) -> None:
        look = self.model.look
        for box, items, first in (
            (self.colour_box, [(c.id, look.colour_name(c.id), c.colour) for c in look.colours],
             self.tr("All colours")),
            (self.type_box, [(t.id, look.type_label(t.id), t.colour) for t in look.types],
             self.tr("All entity types")),
        ):  # fmt: skip
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(first, None)
            for item_id, name, colour in items:
                box.addItem(swatch(colour), name, item_id)
            box.setCurrentIndex(max(box.findData(current), 0))
            box.blockSignals(False)

    def set_filters(
        self, kind: str | None = None, colour: str | None = None, entity_type: str | None = None
    ) -> None:
        for box, value in (
            (self.kind_box, kind),
            (self.colour_box, colour),
            (self.type_box, entity_type),
        ):
            box.setCurrentIndex(max(box.findData(value), 0))

    def _filter_changed(self, *_args: object) -> None:
        self.model.set_filters(
            self.kind_box.currentData(), self.colour_box.currentData(), self.type_box.currentData()
        )
        self._update_status()

    # --- gestures -------------------------------------------------------------------

    def _jump(self, index: QModelIndex) -> None:
        a: Annotation | None = index.data(AnnotationRole)
        if a is not None and not a.is_article_note:
            self.jump_requested.emit(a.start, a.end)

    def eventFilter(self, watched, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            editing = self.list.state() == QAbstractItemView.State.EditingState
            index = self.list.currentIndex()
            if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if index.isValid():
                    self._jump(index)
                    self.list.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None)
                return True
            if not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                ids = self.selected_ids()
                if ids:
                    self.delete_requested.emit(ids)
                return True
        return super().eventFilter(watched, event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        a: Annotation | None = index.data(AnnotationRole)
        if a is None:
            return
        if a.id not in self.selected_ids():
            self.list.setCurrentIndex(index)
        menu = self.context_menu(a)
        menu.exec(self.list.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, a: Annotation) -> QMenu:
        menu = QMenu(self)
        if not a.is_article_note:
            menu.addAction(
                self.tr("Show in the Article"), lambda: self.jump_requested.emit(a.start, a.end)
            )
        if a.kind == KIND_HIGHLIGHT:
            colours = menu.addMenu(self.tr("Colour"))
            for c in self.model.look.colours:
                action = colours.addAction(swatch(c.colour), self.model.look.colour_name(c.id))
                action.setCheckable(True)
                action.setChecked(c.id == a.colour)
                action.triggered.connect(
                    lambda _on=False, cid=c.id: self.edit_requested.emit(a.id, "colour", cid)
                )
            menu.addAction(self.tr("Edit Note…"), lambda: self.note_requested.emit(a.id))
        elif a.kind == KIND_ENTITY:
            menu.addAction(self.tr("Change Entity…"), lambda: self.edit(a.id))
            menu.addAction(
                self.tr("Tag All Occurrences…"),
                lambda: self.occurrences_requested.emit(a.entity_id or ""),
            )
            menu.addAction(
                self.tr("Show in the Entity Index"),
                lambda: self.entity_requested.emit(a.entity_id or ""),
            )
        else:
            menu.addAction(self.tr("Edit Note…"), lambda: self.note_requested.emit(a.id))
        if a.exact:
            menu.addAction(
                self.tr("Copy the Quote"), lambda: QGuiApplication.clipboard().setText(a.exact)
            )
        menu.addSeparator()
        ids = self.selected_ids() or [a.id]
        remove = menu.addAction(
            self.tr("Remove")
            if len(ids) == 1
            else self.tr("Remove %Ln Annotation(s)", "", len(ids))
        )
        remove.triggered.connect(lambda: self.delete_requested.emit(ids))
        return menu

    # --- texts ----------------------------------------------------------------------

    def _update_status(self) -> None:
        total, shown = len(self.model.all_rows), self.model.rowCount()
        locale = QLocale()
        if not self._has_article:
            text = self.tr("Open an article to see its annotations.")
        elif total == 0:
            text = self.tr(
                "No annotations yet: select a passage, then press 1 to 5 to highlight, N for a note, E for an entity."
            )
        elif shown == total:
            text = self.tr("Annotations: %1").replace("%1", locale.toString(total))
        else:
            text = (
                self.tr("Annotations shown: %1 of %2")
                .replace("%1", locale.toString(shown))
                .replace("%2", locale.toString(total))
            )
        self.status.setText(text)
        for widget in (self.kind_box, self.colour_box, self.type_box, self.tags_button):
            widget.setEnabled(self._has_article)
        self._update_tags()
        self._update_suggestions()
        self._update_relations()

    def _update_tags(self) -> None:
        if not self._has_article:
            self.tags_label.setText("")
        elif self._tags:
            self.tags_label.setText(
                self.tr("Tags: %1").replace(
                    "%1", "، ".join(self._tags) if self.isRightToLeft() else ", ".join(self._tags)
                )
            )
        else:
            self.tags_label.setText(self.tr("No tags"))

    def _update_suggestions(self) -> None:
        n = self._suggestions if self._has_article else 0
        self.suggestions_label.setText(
            self.tr("Suggestions: %1").replace("%1", QLocale().toString(n)) if n else ""
        )
        self.accept_all.setVisible(n > 0)

    def retranslate(self) -> None:
        self.tags_button.setText(self.tr("Tags…"))
        self.tags_button.setToolTip(self.tr("Put this article in collections"))
        self.accept_all.setText(self.tr("Accept All"))
        self.accept_all.setToolTip(self.tr("Tag every suggested entity in this article"))
        kind = self.kind_box.currentData()
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        self.kind_box.addItem(self.tr("All kinds"), None)
        self.kind_box.addItem(self.tr("Highlights"), KIND_HIGHLIGHT)
        self.kind_box.addItem(self.tr("Notes"), KIND_NOTE)
        self.kind_box.addItem(self.tr("Entities"), KIND_ENTITY)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind), 0))
        self.kind_box.blockSignals(False)
        self._fill_filter_boxes()
        self.list.setAccessibleName(self.tr("Annotations"))
        self.kind_box.setAccessibleName(self.tr("Show kind"))
        self.colour_box.setAccessibleName(self.tr("Show colour"))
        self.type_box.setAccessibleName(self.tr("Show entity type"))
        self.relation_table.setAccessibleName(self.tr("Relations"))
        self._update_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
