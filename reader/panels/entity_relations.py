"""The relations of one entity across the library, for the entity index: per relation type,
direction and other entity, how many relations say so and in how many articles
(`library.marks.relations.entity_relations`). Activating a row opens the article at the
first mention that supports it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from library.marks.annotations import get_annotation
from library.marks.entities import Entity, get_entity
from library.marks.relations import EntityRelation, entity_relations, list_relations
from library.storage.articles import NotFound
from library.storage.store import Library
from reader.views.marks import Look, isolate

DIRECTION, TYPE, OTHER, COUNT, ARTICLES = range(5)
EntityRelationRole = Qt.ItemDataRole.UserRole + 21
_Index = QModelIndex | QPersistentModelIndex


class EntityRelationModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[EntityRelation] = []
        self.names: dict[str, str] = {}
        self.look = Look()

    def reset(self, rows: list[EntityRelation], names: dict[str, str], look: Look) -> None:
        self.beginResetModel()
        self.rows, self.names, self.look = rows, names, look
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r = self.rows[index.row()]
        if role == EntityRelationRole:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (COUNT, ARTICLES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == DIRECTION:
            return (
                self.tr("This entity is the source of the relation")
                if r.outgoing
                else self.tr("This entity is the target of the relation")
            )
        return None

    def text(self, r: EntityRelation, column: int) -> str:
        return {
            # Words, not arrows: an arrow points the wrong way in one of the two directions.
            DIRECTION: lambda: self.tr("outgoing") if r.outgoing else self.tr("incoming"),
            TYPE: lambda: self.look.relation_label(r.type),
            OTHER: lambda: self.names.get(r.other, r.other),
            COUNT: lambda: QLocale().toString(r.count),
            ARTICLES: lambda: QLocale().toString(r.articles),
        }[column]()

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            DIRECTION: self.tr("Direction"),
            TYPE: self.tr("Relation"),
            OTHER: self.tr("Other entity"),
            COUNT: self.tr("Times"),
            ARTICLES: self.tr("Articles"),
        }.get(section)


class EntityRelationsPane(QWidget):
    mention_activated = Signal(int, int, int)  # article id, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityRelations")
        self._lib: Library | None = None
        self._entity: Entity | None = None
        self.label = QLabel(self)
        self.label.setObjectName("entityRelationCount")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.model = EntityRelationModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("entityRelationTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (DIRECTION, TYPE, COUNT, ARTICLES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(OTHER, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._open)
        self._say()

    def show_entity(self, lib: Library | None, entity: Entity | None, look: Look) -> None:
        self._lib, self._entity = lib, entity
        if lib is None or entity is None:
            self.model.reset([], {}, look)
        else:
            rows = entity_relations(lib, entity.id)
            names = {}
            for other in {r.other for r in rows}:
                try:
                    names[other] = get_entity(lib, other).name
                except NotFound:
                    continue
            self.model.reset(rows, names, look)
        self._say()

    def _say(self) -> None:
        if self._entity is None:
            self.label.setText(self.tr("Choose an entity to see its relations."))
        elif not self.model.rows:
            self.label.setText(
                self.tr("No relations of “%1” yet.").replace("%1", isolate(self._entity.name))
            )
        else:
            total = sum(r.count for r in self.model.rows)
            self.label.setText(
                self.tr("Relations of “%1”: %2")
                .replace("%1", isolate(self._entity.name))
                .replace("%2", QLocale().toString(total))
            )

    def supporting_mention(self, r: EntityRelation) -> tuple[int, int, int] | None:
        """(article, start, end) of the first mention behind a row: this entity's own
        mention when it has one in the relation, else the other end's."""
        if self._lib is None or self._entity is None:
            return None
        me = self._entity.id
        for v in list_relations(self._lib, me):
            rel = v.relation
            if rel.type != r.type:
                continue
            if r.outgoing and v.source_entity == me and v.target_entity == r.other:
                mention = rel.source
            elif not r.outgoing and v.target_entity == me and v.source_entity == r.other:
                mention = rel.target_annotation or rel.source
            else:
                continue
            try:
                a = get_annotation(self._lib, mention)
            except NotFound:
                continue
            return a.article_id, a.start, a.end
        return None

    def _open(self, index: QModelIndex) -> None:
        r: EntityRelation | None = index.data(EntityRelationRole)
        found = self.supporting_mention(r) if r is not None else None
        if found is not None:
            self.mention_activated.emit(*found)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
            self._say()
        super().changeEvent(event)
