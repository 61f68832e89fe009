"""The entity index of the whole library: every entity with its type, aliases and how often
and where it is mentioned; selecting one lists its mentions with their sentences.

Double-clicking a mention opens its article at it. The buttons (and the context menu)
filter the library list by the entity, look for its untagged occurrences, edit, merge
or delete it; the panel only asks, the window does the undoable work.

The index is read again only while the panel is shown (a large library has thousands
of entities); a change seen while hidden just marks it stale.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from library.marks.entities import Entity, EntityStats, Mention, entity_index, mentions_of
from library.storage.store import Library
from library.text.arabic import fold
from reader.panels.entity_relations import EntityRelationsPane
from reader.views.marks import Look, isolate, swatch
from reader.views.rows import select_row
from reader.views.sentence_delegate import InContext, SentenceDelegate, SentenceRole

NAME, TYPE, ALIASES, MENTIONS, ARTICLES = range(5)
EntityRole = Qt.ItemDataRole.UserRole + 1
TypeRole = Qt.ItemDataRole.UserRole + 2
KeyRole = Qt.ItemDataRole.UserRole + 3
MentionRole = Qt.ItemDataRole.UserRole + 4
SortRole = Qt.ItemDataRole.UserRole + 5
_Index = QModelIndex | QPersistentModelIndex


class EntityIndexModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[EntityStats] = []
        self._keys: list[str] = []
        self._icons: dict[str, QIcon] = {}
        self.look = Look()

    def reset(self, rows: list[EntityStats], look: Look) -> None:
        self.beginResetModel()
        self.rows = rows
        self.look = look
        self._keys = [fold(" ".join(s.entity.names)) for s in rows]
        self.endResetModel()

    def row_of(self, entity_id: str) -> int | None:
        return next((n for n, s in enumerate(self.rows) if s.entity.id == entity_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        stats = self.rows[index.row()]
        e, column = stats.entity, index.column()
        by_role = {
            EntityRole: lambda: e,
            TypeRole: lambda: e.type,
            KeyRole: lambda: self._keys[index.row()],
            Qt.ItemDataRole.DisplayRole: lambda: self._shown(stats, column),
            SortRole: lambda: self._sort_key(stats, column),
            Qt.ItemDataRole.DecorationRole: lambda: self._icon(e.type) if column == TYPE else None,
            Qt.ItemDataRole.TextAlignmentRole: lambda: (
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column in (MENTIONS, ARTICLES)
                else None
            ),
            Qt.ItemDataRole.ToolTipRole: lambda: (
                "\n".join(e.aliases) if column == ALIASES and e.aliases else None
            ),
        }
        value = by_role.get(role)
        return value() if value is not None else None

    def _shown(self, stats: EntityStats, column: int) -> str:
        e = stats.entity
        return {
            NAME: lambda: e.name,
            TYPE: lambda: self.look.type_label(e.type),
            ALIASES: lambda: "، ".join(e.aliases),
            MENTIONS: lambda: QLocale().toString(stats.mentions),
            ARTICLES: lambda: QLocale().toString(stats.articles),
        }[column]()

    def _sort_key(self, stats: EntityStats, column: int):
        e = stats.entity
        return {NAME: e.name, TYPE: self.look.type_label(e.type), ALIASES: len(e.aliases),
                MENTIONS: stats.mentions, ARTICLES: stats.articles}[column]  # fmt: skip

    def _icon(self, type_id: str) -> QIcon:
        colour = self.look.type_hex().get(type_id, "#999999")
        if colour not in self._icons:
            self._icons[colour] = swatch(colour)
        return self._icons[colour]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            NAME: self.tr("Name"),
            TYPE: self.tr("Type"),
            ALIASES: self.tr("Aliases"),
            MENTIONS: self.tr("Mentions"),
            ARTICLES: self.tr("Articles"),
        }.get(section)


def refilter(proxy: QSortFilterProxyModel, change: Callable[[], None]) -> None:
    """Change what a proxy's filter looks at, and filter the rows again."""
    if hasattr(proxy, "endFilterChange"):  # Qt 6.10 and later
        proxy.beginFilterChange()
        change()
        proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)
    else:
        change()
        proxy.invalidateRowsFilter()


class EntityFilter(QSortFilterProxyModel):
    """Names and aliases containing the typed text (folded), of one type if chosen."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.text = ""
        self.entity_type: str | None = None
        self.setSortRole(SortRole)

    def set_filter(self, text: str, entity_type: str | None) -> None:
        def change() -> None:
            self.text, self.entity_type = fold(text.strip()), entity_type

        refilter(self, change)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        index = self.sourceModel().index(row, NAME)
        if self.entity_type is not None and index.data(TypeRole) != self.entity_type:
            return False
        return not self.text or self.text in index.data(KeyRole)


class MentionModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Mention] = []

    def reset(self, rows: list[Mention]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        if role == MentionRole:
            return m
        if role == SentenceRole:
            at = m.annotation.start - m.sentence_start
            return InContext(m.title, m.sentence, at, at + m.annotation.end - m.annotation.start)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{m.title}: {m.sentence}"
        return None


class EntityIndexPanel(QWidget):
    mention_activated = Signal(int, int, int)  # article id, start, end
    filter_requested = Signal(str)  # entity id: filter the library list by it
    occurrences_requested = Signal(str)
    edit_requested = Signal(str)
    merge_requested = Signal(str)
    delete_requested = Signal(str)
    glossary_requested = Signal(str)  # entity id: its translations in the glossary

    def __init__(self, mark_colour: Callable[[], QColor], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityIndex")
        self._lib: Library | None = None
        # The entity whose mentions are listed, with their counts (None: no entity).
        self._mentions_shown: tuple[Entity, int, int] | None = None
        self._stale = True
        self._build_table()
        self._build_mentions(mark_colour)
        self._build_buttons()
        self._lay_out()
        self.filter_box.textChanged.connect(self._filter_changed)
        self.type_box.currentIndexChanged.connect(self._filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._entity_changed)
        self.table.customContextMenuRequested.connect(self._context_menu)
        # Double-click or Enter (a single click where the platform activates on one).
        self.mention_list.activated.connect(self._open_mention)
        self.relations_pane.mention_activated.connect(self.mention_activated)
        self.retranslate()

    def _build_table(self) -> None:
        self.filter_box = QLineEdit(self)
        self.filter_box.setObjectName("entityFilter")
        self.filter_box.setClearButtonEnabled(True)
        self.type_box = QComboBox(self)
        self.type_box.setObjectName("entityTypeFilter")
        self.model = EntityIndexModel(self)
        self.proxy = EntityFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setObjectName("entityTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MENTIONS, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        # Fixed sizes: a library may hold thousands of entities, never measured one by one.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(int(self.fontMetrics().height() * 1.6))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (TYPE, ALIASES, MENTIONS, ARTICLES):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)

    def _size_columns(self) -> None:
        metrics = self.table.horizontalHeader().fontMetrics()
        samples = {
            TYPE: "Organisation   ",
            ALIASES: "اسم آخر طويل",
            MENTIONS: "8,888",
            ARTICLES: "8,888",
        }
        for column, sample in samples.items():
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(
                metrics.horizontalAdvance(label) + 28, metrics.horizontalAdvance(sample) + 24
            )
            self.table.horizontalHeader().resizeSection(column, width)

    def _build_mentions(self, mark_colour: Callable[[], QColor]) -> None:
        self.mentions_label = QLabel(self)
        self.mentions_label.setObjectName("mentionCount")
        self.mentions_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mentions_label.setWordWrap(True)
        self.mentions = MentionModel(self)
        self.mention_list = QListView(self)
        self.mention_list.setObjectName("mentionList")
        self.mention_list.setModel(self.mentions)
        self.mention_delegate = SentenceDelegate(mark_colour, self.mention_list)
        self.mention_list.setItemDelegate(self.mention_delegate)
        self.mention_list.setUniformItemSizes(True)
        self.mention_list.setAlternatingRowColors(True)
        self.mention_list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)

    def _build_buttons(self) -> None:
        # A tool bar: in a narrow dock the commands that do not fit go to its » menu.
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("entityActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.commands: dict[str, QAction] = {}
        for key, signal in (
            ("filter", self.filter_requested),
            ("occurrences", self.occurrences_requested),
            ("edit", self.edit_requested),
            ("merge", self.merge_requested),
            ("delete", self.delete_requested),
        ):
            action = QAction(self)
            action.setObjectName(f"entity-{key}")
            action.triggered.connect(lambda _c=False, s=signal: self._emit(s))
            self.commands[key] = action
            self.toolbar.addAction(action)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.type_box)
        mentions = QWidget(self)
        lower_layout = QVBoxLayout(mentions)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.mentions_label)
        lower_layout.addWidget(self.mention_list, 1)
        # The selected entity's mentions, and its relations across the library.
        self.details = QTabWidget(self)
        self.details.setObjectName("entityDetails")
        self.details.setDocumentMode(True)
        self.relations_pane = EntityRelationsPane(self)
        self.details.addTab(mentions, "")
        self.details.addTab(self.relations_pane, "")
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        self.setFocusProxy(self.filter_box)

    def sizeHint(self) -> QSize:
        # Wide enough for a name and its counts when the dock first opens.
        return QSize(480, 560)

    # --- data -----------------------------------------------------------------------

    def set_library(self, lib: Library) -> None:
        self._lib = lib
        self.model.reset([], self.model.look)
        self.mentions.reset([])
        self.mark_stale()

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        if self._lib is None:
            return
        self._stale = False
        current = self.current_entity()
        look = Look.read(self._lib)
        if look.types != self.model.look.types:
            self._fill_types(look)
        self.model.reset(entity_index(self._lib), look)
        if current is not None:
            self.select_entity(current.id)
        self._entity_changed()

    def _fill_types(self, look: Look) -> None:
        current = self.type_box.currentData()
        self.type_box.blockSignals(True)
        self.type_box.clear()
        self.type_box.addItem(self.tr("All types"), None)
        for t in look.types:
            self.type_box.addItem(swatch(t.colour), look.type_label(t.id), t.id)
        self.type_box.setCurrentIndex(max(self.type_box.findData(current), 0))
        self.type_box.blockSignals(False)

    def set_content_font(self, font: QFont) -> None:
        self.mention_delegate.content_font = font
        self.mention_list.reset()

    def current_entity(self) -> Entity | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(EntityRole) if rows else None

    def select_entity(self, entity_id: str) -> bool:
        if self._stale:
            self.refresh()
        row = self.model.row_of(entity_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, NAME))
        if not index.isValid():  # filtered out: show everything again
            self.filter_box.clear()
            self.type_box.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, NAME))
        selection = self.table.selectionModel()
        selection.setCurrentIndex(
            index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def _filter_changed(self, *_args: object) -> None:
        self.proxy.set_filter(self.filter_box.text(), self.type_box.currentData())

    def _entity_changed(self, *_args: object) -> None:
        entity = self.current_entity()
        for action in self.commands.values():
            action.setEnabled(entity is not None)
        self.relations_pane.show_entity(self._lib, entity, self.model.look)
        if entity is None or self._lib is None:
            self.mentions.reset([])
            self._mentions_shown = None
        else:
            found = mentions_of(self._lib, entity.id)
            self.mentions.reset(found)
            self._mentions_shown = (
                entity,
                len(found),
                len({m.annotation.article_id for m in found}),
            )
        self._say_mentions()

    def _say_mentions(self) -> None:
        """The label over the mentions, from what was read (a language change reads
        nothing again: the library may be closing)."""
        shown = self._mentions_shown
        if shown is None:
            self.mentions_label.setText(self.tr("Choose an entity to see its mentions."))
            return
        entity, mentions, articles = shown
        self.mentions_label.setText(
            self.tr("Mentions of “%1”: %2, in %3 articles")
            .replace("%1", isolate(entity.name))
            .replace("%2", QLocale().toString(mentions))
            .replace("%3", QLocale().toString(articles))
        )

    def _emit(self, signal) -> None:
        entity = self.current_entity()
        if entity is not None:
            signal.emit(entity.id)

    def _open_mention(self, index: QModelIndex) -> None:
        m: Mention | None = index.data(MentionRole)
        if m is not None:
            a = m.annotation
            self.mention_activated.emit(a.article_id, a.start, a.end)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        select_row(self.table, index.row())
        menu = QMenu(self)
        menu.addActions(list(self.commands.values()))
        menu.addSeparator()
        glossary = menu.addAction(self.tr("Glossary Terms…"))
        glossary.setObjectName("entity-glossary")
        glossary.setStatusTip(self.tr("How this entity is to be translated, and how not"))
        glossary.triggered.connect(lambda: self._emit(self.glossary_requested))
        menu.exec(self.table.viewport().mapToGlobal(pos))
        menu.deleteLater()

    # --- texts ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.filter_box.setPlaceholderText(self.tr("Filter entities"))
        self.filter_box.setAccessibleName(self.tr("Filter entities"))
        texts = {
            "filter": (self.tr("Filter the Library"), self.tr("Show only the articles that mention this entity")),
            "occurrences": (self.tr("Tag All Occurrences…"), self.tr("Find this entity's untagged occurrences")),
            "edit": (self.tr("Edit…"), self.tr("Name, type and aliases")),
            "merge": (self.tr("Merge Into…"), self.tr("Move every mention to another entity")),
            "delete": (self.tr("Delete"), self.tr("Delete the entity and all its mentions")),
        }  # fmt: skip
        for key, (text, tip) in texts.items():
            self.commands[key].setText(text)
            self.commands[key].setToolTip(tip)
            self.commands[key].setStatusTip(tip)
        self.table.setAccessibleName(self.tr("Entities"))
        self.mention_list.setAccessibleName(self.tr("Mentions"))
        self.details.setTabText(0, self.tr("Mentions"))
        self.details.setTabText(1, self.tr("Relations"))
        if self.model.look.types:
            self._fill_types(self.model.look)
        else:
            self.type_box.clear()
            self.type_box.addItem(self.tr("All types"), None)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self._size_columns()
        self._say_mentions()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
