"""The relations of the open article, as the annotation panel lists them under its marks:
from, relation, to, note.

Clicking or Enter shows the source mention in the article; F2 or a double-click on the
relation or the note edits it in place (the relation as a box of the types the two ends
allow); Delete removes the selected relations. The list only asks: the workspace runs
each request as one undoable operation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QTableView,
    QWidget,
)

from library.marks.relations import RelationView
from reader.dialogs.relation_dialog import allowed
from reader.views.marks import ArticleMarks, Look, isolate, relation_label
from reader.views.rows import select_row

FROM, TYPE, TO, NOTE = range(4)
RelationRole = Qt.ItemDataRole.UserRole + 11
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RelationRow:
    view: RelationView
    source_span: tuple[int, int] | None
    source_text: str
    target_text: str  # the target mention's quote, or the entity's name
    to_entity: bool
    source_type: str
    target_type: str

    @property
    def id(self) -> str:
        return self.view.relation.id


def relation_rows(
    views: Sequence[RelationView], marks: ArticleMarks, names: dict[str, str], types: dict[str, str]
) -> list[RelationRow]:
    """What the list shows of each relation; `names` and `types` of the entities at the
    ends (some are not in the article)."""
    spans = {a.id: (a.start, a.end) for a in marks.annotations}
    rows = []
    for v in views:
        r = v.relation
        to_entity = r.target_annotation is None
        target = names.get(v.target_entity, "") if to_entity else (v.target_text or "")
        rows.append(
            RelationRow(
                v,
                spans.get(r.source),
                " ".join(v.source_text.split()),
                " ".join(target.split()),
                to_entity,
                types.get(v.source_entity, ""),
                types.get(v.target_entity, ""),
            )
        )
    return rows


class RelationModel(QAbstractTableModel):
    edit_requested = Signal(str, str, object)  # relation id, "type" or "note", value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[RelationRow] = []
        self.look = Look()

    def show(self, rows: list[RelationRow], look: Look) -> None:
        self.beginResetModel()
        self.rows = rows
        self.look = look
        self.endResetModel()

    def row_of(self, relation_id: str) -> int | None:
        return next((n for n, r in enumerate(self.rows) if r.id == relation_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        by_role = {
            RelationRole: lambda: row,
            Qt.ItemDataRole.EditRole: lambda: {
                TYPE: row.view.relation.type,
                NOTE: row.view.relation.note or "",
            }.get(column),
            Qt.ItemDataRole.DisplayRole: lambda: self.text(row, column),
            Qt.ItemDataRole.ToolTipRole: lambda: row.view.relation.note if column == NOTE else None,
            Qt.ItemDataRole.AccessibleTextRole: lambda: " — ".join(
                t for c in range(4) if (t := self.text(row, c))
            ),
        }
        value = by_role.get(role)
        return value() if value is not None else None

    def text(self, row: RelationRow, column: int) -> str:
        if column == FROM:
            return row.source_text
        if column == TYPE:
            return self.look.relation_label(row.view.relation.type)
        if column == TO:
            # An entity (not a mention of this article) is marked as such.
            return f"⟨{row.target_text}⟩" if row.to_entity else row.target_text
        return " ".join((row.view.relation.note or "").split())

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            FROM: self.tr("From"),
            TYPE: self.tr("Relation"),
            TO: self.tr("To"),
            NOTE: self.tr("Note"),
        }.get(section)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in (TYPE, NOTE):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if value == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        row = self.rows[index.row()]
        field = "type" if index.column() == TYPE else "note"
        # After the editor has closed: the edit reloads (resets) this model.
        QTimer.singleShot(0, lambda: self.edit_requested.emit(row.id, field, value))
        return True

    def allowed_types(self, row: RelationRow) -> list[tuple[str, str]]:
        """(id, label) of the types this relation could have, its own first if forbidden."""
        kinds = [
            (k.id, relation_label(k))
            for k in self.look.relations
            if allowed(k, row.source_type, row.target_type)
        ]
        own = row.view.relation.type
        if all(k != own for k, _ in kinds):
            kinds.insert(0, (own, self.look.relation_label(own)))
        return kinds


class RelationDelegate(QStyledItemDelegate):
    """The relation's type is chosen in a box of the types its two ends allow."""

    def __init__(self, model: RelationModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option, index: _Index):
        row: RelationRow | None = index.data(RelationRole)
        if row is None or index.column() != TYPE:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.setObjectName("relationTypeEditor")
        for type_id, label in self._model.allowed_types(row):
            box.addItem(label, type_id)
        box.activated.connect(lambda _n, b=box: self._commit(b))
        return box

    def _commit(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class RelationTable(QTableView):
    jump_requested = Signal(int, int)
    edit_requested = Signal(str, str, object)
    delete_requested = Signal(list)  # relation ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("relationList")
        self.relations = RelationModel(self)
        self.setModel(self.relations)
        self.setItemDelegate(RelationDelegate(self.relations, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        # Fitted to the dock, whatever its width: long quotes are elided, not scrolled to.
        for column in (FROM, TO, NOTE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TYPE, QHeaderView.ResizeMode.ResizeToContents)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.relations.edit_requested.connect(self.edit_requested)
        self.clicked.connect(self._jump)
        self.customContextMenuRequested.connect(self._context_menu)

    def selected_ids(self) -> list[str]:
        return [
            i.data(RelationRole).id
            for i in self.selectionModel().selectedRows()
            if i.data(RelationRole) is not None
        ]

    def select_ids(self, ids: Sequence[str]) -> None:
        selection = self.selectionModel()
        selection.clearSelection()
        for relation_id in ids:
            row = self.relations.row_of(relation_id)
            if row is not None:
                selection.select(
                    self.relations.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def _jump(self, index: QModelIndex) -> None:
        row: RelationRow | None = index.data(RelationRole)
        if row is not None and row.source_span is not None:
            self.jump_requested.emit(*row.source_span)

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                ids = self.selected_ids()
                if ids:
                    self.delete_requested.emit(ids)
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._jump(self.currentIndex())
                event.accept()
                return
        super().keyPressEvent(event)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.indexAt(pos)
        row: RelationRow | None = index.data(RelationRole)
        if row is None:
            return
        if row.id not in self.selected_ids():
            select_row(self, index.row())
        menu = self.context_menu(row)
        menu.exec(self.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self, row: RelationRow) -> QMenu:
        menu = QMenu(self)
        if row.source_span is not None:
            menu.addAction(
                self.tr("Show in the Article"), lambda: self.jump_requested.emit(*row.source_span)
            )
        kinds = menu.addMenu(self.tr("Relation"))
        for type_id, label in self.relations.allowed_types(row):
            action = kinds.addAction(label)
            action.setCheckable(True)
            action.setChecked(type_id == row.view.relation.type)
            action.triggered.connect(
                lambda _on=False, t=type_id: self.edit_requested.emit(row.id, "type", t)
            )
        menu.addAction(self.tr("Edit Note"), lambda: self._edit_note(row.id))
        menu.addSeparator()
        ids = self.selected_ids() or [row.id]
        menu.addAction(
            self.tr("Delete “%1”").replace("%1", isolate(f"{row.source_text} → {row.target_text}"))
            if len(ids) == 1
            else self.tr("Delete %Ln Relation(s)", "", len(ids)),
            lambda: self.delete_requested.emit(ids),
        )
        return menu

    def _edit_note(self, relation_id: str) -> None:
        row = self.relations.row_of(relation_id)
        if row is not None:
            index = self.relations.index(row, NOTE)
            self.setCurrentIndex(index)
            self.edit(index)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.relations.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        super().changeEvent(event)
