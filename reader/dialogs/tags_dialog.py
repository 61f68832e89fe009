"""Article ▸ Tags: put collections ("to translate", "Gaza") on articles, rename or delete them.

The dialog only collects what the user wants; the window applies it as one undoable step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from library.marks.tags import Tag

TagRole = Qt.ItemDataRole.UserRole + 1
NEW = -1  # the id of a tag typed in this dialog


@dataclass
class TagsEdit:
    add: list[str] = field(default_factory=list)  # tag names to put on the articles
    remove: list[Tag] = field(default_factory=list)  # tags to take off them
    renamed: dict[int, str] = field(default_factory=dict)
    deleted: list[Tag] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.add or self.remove or self.renamed or self.deleted)


class TagsDialog(QDialog):
    def __init__(
        self,
        tags: Sequence[Tag],
        carried: Mapping[int, int],
        articles: int,
        parent: QWidget | None = None,
    ) -> None:
        """`carried`: for each tag id, how many of the `articles` carry it."""
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        self.setWindowTitle(self.tr("Article Tags"))
        self._tags = {t.id: t for t in tags}
        self._carried = dict(carried)
        self._articles = articles
        self._renamed: dict[int, str] = {}
        self._deleted: list[Tag] = []
        intro = QLabel(
            self.tr("Tags of the article:")
            if articles == 1
            else self.tr("Tags of the %Ln selected article(s):", "", articles),
            self,
        )
        self.list = QListWidget(self)
        self.list.setObjectName("tagList")
        for tag in tags:
            self._add_item(tag.id, tag.name, self._state(tag.id))
        self.new_box = QLineEdit(self)
        self.new_box.setObjectName("newTag")
        self.new_box.setPlaceholderText(self.tr("New tag, e.g. to translate"))
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.clicked.connect(self._add_new)
        self.new_box.returnPressed.connect(self._add_new)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button = QPushButton(self.tr("Delete Tag"), self)
        self.delete_button.clicked.connect(self._delete)
        self.list.currentItemChanged.connect(self._sync_buttons)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_box, 1)
        new_row.addWidget(self.add_button)
        manage = QHBoxLayout()
        manage.addWidget(self.rename_button)
        manage.addWidget(self.delete_button)
        manage.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(manage)
        layout.addLayout(new_row)
        layout.addWidget(buttons)
        self._sync_buttons()
        self.resize(380, 420)

    def _state(self, tag_id: int) -> Qt.CheckState:
        n = self._carried.get(tag_id, 0)
        if n == 0:
            return Qt.CheckState.Unchecked
        return Qt.CheckState.Checked if n >= self._articles else Qt.CheckState.PartiallyChecked

    def _add_item(self, tag_id: int, name: str, state: Qt.CheckState) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(TagRole, tag_id)
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        if state == Qt.CheckState.PartiallyChecked:
            flags |= Qt.ItemFlag.ItemIsUserTristate
        item.setFlags(flags)
        item.setCheckState(state)
        self.list.addItem(item)
        return item

    def _sync_buttons(self, *_args: object) -> None:
        item = self.list.currentItem()
        existing = item is not None and item.data(TagRole) != NEW
        self.rename_button.setEnabled(existing)
        self.delete_button.setEnabled(existing)

    def _add_new(self) -> None:
        name = " ".join(self.new_box.text().split())
        if not name:
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked)
                break
        else:
            self.list.setCurrentItem(self._add_item(NEW, name, Qt.CheckState.Checked))
        self.new_box.clear()

    def _rename(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(TagRole) == NEW:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Rename Tag"), self.tr("New name:"), text=item.text()
        )
        name = " ".join(name.split())
        if ok and name and name != item.text():
            item.setText(name)
            self._renamed[item.data(TagRole)] = name

    def _delete(self) -> None:
        item = self.list.currentItem()
        if item is None or item.data(TagRole) == NEW:
            return
        tag_id = item.data(TagRole)
        self._deleted.append(self._tags[tag_id])
        self._renamed.pop(tag_id, None)
        self.list.takeItem(self.list.row(item))

    def tags_edit(self) -> TagsEdit:
        edit = TagsEdit(renamed=dict(self._renamed), deleted=list(self._deleted))
        for row in range(self.list.count()):
            item = self.list.item(row)
            tag_id, state = item.data(TagRole), item.checkState()
            before = self._state(tag_id) if tag_id != NEW else Qt.CheckState.Unchecked
            if state == before:
                continue
            if state == Qt.CheckState.Checked:
                edit.add.append(item.text() if tag_id == NEW else self._tags[tag_id].name)
            elif state == Qt.CheckState.Unchecked and tag_id != NEW:
                edit.remove.append(self._tags[tag_id])
        return edit

    @classmethod
    def edit_tags(
        cls,
        parent: QWidget | None,
        tags: Sequence[Tag],
        carried: Mapping[int, int],
        articles: int,
    ) -> TagsEdit | None:
        dialog = cls(tags, carried, articles, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.tags_edit()
        finally:
            dialog.deleteLater()
