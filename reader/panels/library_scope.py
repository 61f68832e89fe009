"""The library list's second filter: all articles, those carrying an article tag, those
mentioning an entity, those of a publisher or an author, or those at a stage of their
translation (untranslated, in progress, translated, reviewed). Beside the title filter; the
list applies it in its SQL."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from library.marks.entities import Entity
from library.marks.tags import Tag
from library.storage.filters import TRANSLATION_STATUSES
from reader.views.library_model import Scope
from reader.views.marks import Look, swatch

TAG, ENTITY, PUBLISHER, AUTHOR = "tag", "entity", "publisher", "author"
TRANSLATION = "translation"
# "tag:<id>", "entity:<id>", "publisher:<name>", "author:<name>", "translation:<status>"
# or "" for all
ScopeRole = Qt.ItemDataRole.UserRole + 1


class LibraryScopeBox(QComboBox):
    scope_changed = Signal(object)  # a Scope

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryScope")
        self.setMinimumContentsLength(8)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self._tags: list[Tag] = []
        self._entities: list[Entity] = []
        self._publishers: list[tuple[str, int]] = []
        self._authors: list[tuple[str, int]] = []
        self._look = Look()
        self._scope = ""
        self.currentIndexChanged.connect(self._chosen)
        self._fill()

    @property
    def scope(self) -> Scope:
        """What is chosen; an empty Scope for all articles."""
        if not self._scope:
            return Scope()
        kind, value = self._scope.split(":", 1)
        if kind == TAG:
            tag = next((t for t in self._tags if str(t.id) == value), None)
            return Scope(tag=tag.name) if tag else Scope()
        if kind == PUBLISHER:
            return Scope(publisher=value)
        if kind == AUTHOR:
            return Scope(author=value)
        if kind == TRANSLATION:
            return Scope(translation_status=value)
        return Scope(entity=value)

    def set_choices(
        self,
        tags: Sequence[Tag],
        entities: Sequence[Entity],
        look: Look,
        *,
        publishers: Sequence[tuple[str, int]] = (),
        authors: Sequence[tuple[str, int]] = (),
    ) -> None:
        before = self.scope
        self._tags, self._entities, self._look = list(tags), list(entities), look
        self._publishers, self._authors = list(publishers), list(authors)
        self._fill()
        if self.scope != before:
            self.scope_changed.emit(self.scope)

    def show_entity(self, entity_id: str) -> None:
        self._select(f"{ENTITY}:{entity_id}")

    def show_tag(self, tag_name: str) -> None:
        tag = next((t for t in self._tags if t.name == tag_name), None)
        if tag is not None:
            self._select(f"{TAG}:{tag.id}")

    def show_translation_status(self, status: str) -> None:
        self._select(f"{TRANSLATION}:{status}")

    def show_all(self) -> None:
        self._select("")

    def _select(self, scope: str) -> None:
        for row in range(self._model.rowCount()):
            if self._model.item(row).data(ScopeRole) == scope:
                self.setCurrentIndex(row)
                return

    def _fill(self) -> None:
        self.blockSignals(True)
        self._model.clear()
        everything = QStandardItem(self.tr("All articles"))
        everything.setData("", ScopeRole)
        self._model.appendRow(everything)
        rows = [everything]
        if self._tags:
            rows.append(self._heading(self.tr("Article tags")))
            for tag in self._tags:
                item = QStandardItem(f"{tag.name} ({tag.articles})")
                item.setData(f"{TAG}:{tag.id}", ScopeRole)
                rows.append(item)
        rows.append(self._heading(self.tr("Translation")))
        names = {
            "untranslated": self.tr("Untranslated"),
            "in-progress": self.tr("Translation in progress"),
            "translated": self.tr("Translated"),
            "reviewed": self.tr("Reviewed"),
        }
        for status in TRANSLATION_STATUSES:
            item = QStandardItem(names.get(status, status))
            item.setData(f"{TRANSLATION}:{status}", ScopeRole)
            rows.append(item)
        for kind, heading, values in (
            (PUBLISHER, self.tr("Publishers"), self._publishers),
            (AUTHOR, self.tr("Authors"), self._authors),
        ):
            if values:
                rows.append(self._heading(heading))
                for name, count in values:
                    item = QStandardItem(f"{name} ({count})")
                    item.setData(f"{kind}:{name}", ScopeRole)
                    rows.append(item)
        if self._entities:
            rows.append(self._heading(self.tr("Entities")))
            hexes = self._look.type_hex()
            for entity in self._entities:
                item = QStandardItem(swatch(hexes.get(entity.type, "#999999")), entity.name)
                item.setData(f"{ENTITY}:{entity.id}", ScopeRole)
                rows.append(item)
        for item in rows[1:]:
            self._model.appendRow(item)
        index = next(
            (
                r
                for r in range(self._model.rowCount())
                if self._model.item(r).data(ScopeRole) == self._scope
            ),
            0,
        )
        self._scope = self._model.item(index).data(ScopeRole) or ""
        self.setCurrentIndex(index)
        self.blockSignals(False)
        self.setToolTip(
            self.tr(
                "Show all articles, or those with a tag, a translation status, a publisher, "
                "an author or an entity"
            )
        )

    def _heading(self, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setEnabled(False)
        item.setSelectable(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        return item

    def _chosen(self, row: int) -> None:
        item = self._model.item(row) if row >= 0 else None
        self._scope = (item.data(ScopeRole) or "") if item is not None else ""
        self.scope_changed.emit(self.scope)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._fill()
        super().changeEvent(event)
