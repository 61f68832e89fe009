"""Tag All Occurrences: an entity's untagged occurrences, for review, accepted all or some.

The search runs in the background (the whole library may take a while), on its own
connection; the list shows each occurrence's article and sentence with the match set
apart, checked by default. Accepting tags the chosen ones through `accept` (which the
window turns into one undoable command) and takes them off the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from library.marks.entities import Entity
from library.marks.occurrences import Occurrence, find_occurrences
from reader.views.marks import isolate
from reader.views.sentence_delegate import InContext, SentenceDelegate, SentenceRole
from reader.workers.runner import Runner

OccurrenceRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
ARTICLE, LIBRARY = "article", "library"


class OccurrenceModel(QAbstractListModel):
    def __init__(self, titles: Callable[[int], str], parent=None) -> None:
        super().__init__(parent)
        self._titles = titles
        self.rows: list[Occurrence] = []
        self.checked: list[bool] = []

    def reset(self, rows: Sequence[Occurrence]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.checked = [True] * len(self.rows)
        self.endResetModel()

    def remove(self, done: Sequence[Occurrence]) -> None:
        gone = set(done)
        keep = [(o, c) for o, c in zip(self.rows, self.checked, strict=True) if o not in gone]
        self.beginResetModel()
        self.rows = [o for o, _c in keep]
        self.checked = [c for _o, c in keep]
        self.endResetModel()

    def chosen(self) -> list[Occurrence]:
        return [o for o, c in zip(self.rows, self.checked, strict=True) if c]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        occ = self.rows[index.row()]
        if role == SentenceRole:
            at = occ.start - occ.sentence_start
            return InContext(
                self._titles(occ.article_id), occ.sentence, at, at + occ.end - occ.start
            )
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{self._titles(occ.article_id)}: {occ.sentence}"
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self.checked[index.row()] else Qt.CheckState.Unchecked
        if role == OccurrenceRole:
            return occ
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        self.checked[index.row()] = Qt.CheckState(value) == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [role])
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable


class OccurrencesDialog(QDialog):
    def __init__(
        self,
        entity: Entity,
        *,
        article_id: int | None,
        path: Path,
        runner: Runner,
        titles: Callable[[int], str],
        accept: Callable[[str, list[Occurrence]], bool],
        mark_colour: Callable[[], QColor],
        scope: str = ARTICLE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("occurrencesDialog")
        self.setWindowTitle(self.tr("Tag All Occurrences"))
        self.entity = entity
        self._article_id = article_id
        self._path = path
        self._runner = runner
        self._accept = accept
        self._ticket = 0
        self.accepted_count = 0
        self._build(titles, mark_colour)
        self.set_scope(scope)
        runner.done.connect(self._found)
        runner.failed.connect(self._failed)
        self._connected = True
        self.scope.currentIndexChanged.connect(lambda _n: self.search())
        self.resize(640, 460)
        self.search()

    def _build(self, titles: Callable[[int], str], mark_colour: Callable[[], QColor]) -> None:
        heading = QLabel(
            self.tr("Untagged occurrences of “%1”:").replace("%1", isolate(self.entity.name)), self
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.scope = QComboBox(self)
        self.scope.setObjectName("occurrenceScope")
        if self._article_id is not None:
            self.scope.addItem(self.tr("In this article"), ARTICLE)
        self.scope.addItem(self.tr("In the whole library"), LIBRARY)
        self.model = OccurrenceModel(titles, self)
        self.list = QListView(self)
        self.list.setObjectName("occurrenceList")
        self.list.setModel(self.model)
        self.list.setItemDelegate(SentenceDelegate(mark_colour, self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAlternatingRowColors(True)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.accept_selected = QPushButton(self.tr("Accept Checked"), self)
        self.accept_selected.setObjectName("acceptChecked")
        self.accept_all = QPushButton(self.tr("Accept All"), self)
        self.accept_all.setObjectName("acceptAll")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.accept_selected, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.accept_all, QDialogButtonBox.ButtonRole.ActionRole)
        self.accept_selected.clicked.connect(lambda: self._take(self.model.chosen()))
        self.accept_all.clicked.connect(lambda: self._take(list(self.model.rows)))
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.scope)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    @property
    def searching(self) -> bool:
        return self._ticket != 0

    def set_scope(self, scope: str) -> None:
        n = self.scope.findData(scope)
        if n >= 0:
            self.scope.setCurrentIndex(n)

    def search(self) -> None:
        if self._ticket:
            self._runner.cancel(self._ticket)
        article = self._article_id if self.scope.currentData() == ARTICLE else None
        entity_id = self.entity.id
        self.model.reset([])
        self.status.setText(self.tr("Looking for occurrences…"))
        self._sync_buttons()
        self._ticket = self._runner.submit(
            self._path, lambda lib, _handle: find_occurrences(lib, entity_id, article)
        )

    def _found(self, ticket: int, rows: object) -> None:
        if ticket != self._ticket:
            return
        self._ticket = 0
        self.model.reset(rows)  # type: ignore[arg-type]
        self._show_count()

    def _failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self._ticket = 0
            self.status.setText(message)
            self._sync_buttons()

    def _show_count(self) -> None:
        n = self.model.rowCount()
        self.status.setText(
            self.tr("No untagged occurrences.")
            if n == 0
            else self.tr("Occurrences found: %1").replace("%1", str(n))
        )
        self._sync_buttons()

    def _sync_buttons(self) -> None:
        has = self.model.rowCount() > 0 and not self._ticket
        self.accept_selected.setEnabled(has)
        self.accept_all.setEnabled(has)

    def _take(self, chosen: list[Occurrence]) -> None:
        if chosen and self._accept(self.entity.id, chosen):
            self.accepted_count += len(chosen)
            self.model.remove(chosen)
            self._show_count()

    def done(self, result: int) -> None:
        if self._ticket:
            self._runner.cancel(self._ticket)
            self._ticket = 0
        if self._connected:
            self._connected = False
            self._runner.done.disconnect(self._found)
            self._runner.failed.disconnect(self._failed)
        super().done(result)

    @classmethod
    def review(cls, parent: QWidget | None, entity: Entity, **kw) -> int:
        """Show the dialog until it is closed; returns how many occurrences were tagged.
        The keywords are the constructor's."""
        dialog = cls(entity, parent=parent, **kw)
        try:
            dialog.exec()
            return dialog.accepted_count
        finally:
            dialog.deleteLater()
