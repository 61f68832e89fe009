"""Annotate ▸ Relation Types: the kinds of relation, edited like the entity types.

Each type has an English and an Arabic name (the interface shows the one of its
language) and, optionally, the entity types allowed at each end (none ticked: any). Types
are added, renamed, constrained, reordered and removed here; the whole list is one
undoable edit (`library.ops.relating.edit_relation_types`), which refuses to remove a type
still in use and says how many relations use it. `RelationTypesDialog.edit_types` runs it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from library.marks.relations import RelationType
from reader.views.marks import Look, relation_label, swatch


def new_id(label: str, taken: set[str]) -> str:
    """A stable id for a new type, from its English name."""
    base = re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-") or "relation"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


class RelationTypesDialog(QDialog):
    def __init__(
        self, types: Sequence[RelationType], look: Look, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("relationTypesDialog")
        self._look = look
        self.types: list[RelationType] = list(types)
        self._loading = False
        self.list = QListWidget(self)
        self.list.setObjectName("relationTypeList")
        self.label = QLineEdit(self)
        self.label.setObjectName("relationLabel")
        self.label_ar = QLineEdit(self)
        self.label_ar.setObjectName("relationLabelAr")
        self.label_ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.sources = self._type_list("relationSources")
        self.targets = self._type_list("relationTargets")
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addRelationType")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("removeRelationType")
        self.up_button = QPushButton(self)
        self.up_button.setObjectName("relationTypeUp")
        self.down_button = QPushButton(self)
        self.down_button.setObjectName("relationTypeDown")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.list.currentRowChanged.connect(self._show_current)
        for line in (self.label, self.label_ar):
            line.textEdited.connect(self._store_current)
        for box in (self.sources, self.targets):
            box.itemChanged.connect(self._store_current)
        self.add_button.clicked.connect(self.add_type)
        self.remove_button.clicked.connect(self.remove_type)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.retranslate()
        self._fill()
        self.list.setCurrentRow(0)

    def _type_list(self, name: str) -> QListWidget:
        box = QListWidget(self)
        box.setObjectName(name)
        for t in self._look.types:
            item = QListWidgetItem(swatch(t.colour), self._look.type_label(t.id))
            item.setData(Qt.ItemDataRole.UserRole, t.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            box.addItem(item)
        box.setMaximumHeight(box.sizeHintForRow(0) * (len(self._look.types) + 1) + 6)
        return box

    def _lay_out(self) -> None:
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            side.addWidget(button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.list, 1)
        top.addLayout(side)
        form = QFormLayout()
        self.label_caption = QLabel(self)
        self.label_caption.setBuddy(self.label)
        self.label_ar_caption = QLabel(self)
        self.label_ar_caption.setBuddy(self.label_ar)
        form.addRow(self.label_caption, self.label)
        form.addRow(self.label_ar_caption, self.label_ar)
        ends = QGridLayout()
        self.sources_caption = QLabel(self)
        self.targets_caption = QLabel(self)
        ends.addWidget(self.sources_caption, 0, 0)
        ends.addWidget(self.targets_caption, 0, 1)
        ends.addWidget(self.sources, 1, 0)
        ends.addWidget(self.targets, 1, 1)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(form)
        layout.addLayout(ends)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.resize(520, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Relation Types"))
        self.add_button.setText(self.tr("&Add"))
        self.remove_button.setText(self.tr("&Remove"))
        self.up_button.setText(self.tr("Move &Up"))
        self.down_button.setText(self.tr("Move &Down"))
        self.label_caption.setText(self.tr("&English name:"))
        self.label_ar_caption.setText(self.tr("A&rabic name:"))
        self.sources_caption.setText(self.tr("From (none ticked: any type)"))
        self.targets_caption.setText(self.tr("To (none ticked: any type)"))
        self.hint.setText(
            self.tr("A type still used by a relation cannot be removed; you can undo all of this.")
        )

    # --- the list -----------------------------------------------------------------------

    def _fill(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.types:
            self.list.addItem(self._item_text(t))
        self.list.blockSignals(False)
        if self.types:
            self.list.setCurrentRow(min(max(row, 0), len(self.types) - 1))
        self._show_current(self.list.currentRow())

    @staticmethod
    def _item_text(t: RelationType) -> str:
        shown = relation_label(t)
        other = t.label if shown != t.label else t.label_ar
        return f"{shown} — {other}" if other else shown

    def _show_current(self, row: int) -> None:
        valid = 0 <= row < len(self.types)
        for widget in (self.label, self.label_ar, self.sources, self.targets,
                       self.remove_button):  # fmt: skip
            widget.setEnabled(valid)
        self.up_button.setEnabled(valid and row > 0)
        self.down_button.setEnabled(valid and row < len(self.types) - 1)
        if not valid:
            return
        t = self.types[row]
        self._loading = True
        self.label.setText(t.label)
        self.label_ar.setText(t.label_ar)
        for box, chosen in ((self.sources, t.source_types), (self.targets, t.target_types)):
            for n in range(box.count()):
                item = box.item(n)
                ticked = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        self._loading = False

    def _ticked(self, box: QListWidget) -> tuple[str, ...]:
        return tuple(
            box.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(box.count())
            if box.item(n).checkState() == Qt.CheckState.Checked
        )

    def _store_current(self, *_args: object) -> None:
        row = self.list.currentRow()
        if self._loading or not 0 <= row < len(self.types):
            return
        t = replace(
            self.types[row],
            label=" ".join(self.label.text().split()),
            label_ar=" ".join(self.label_ar.text().split()),
            source_types=self._ticked(self.sources),
            target_types=self._ticked(self.targets),
        )
        self.types[row] = t
        self.list.item(row).setText(self._item_text(t))
        self._check()

    def _check(self) -> None:
        ok = all(t.label for t in self.types)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def add_type(self) -> None:
        label = self.tr("new relation")
        taken = {t.id for t in self.types}
        self.types.append(RelationType(new_id("relation", taken), label, "", (), (), 0))
        self._fill()
        self.list.setCurrentRow(len(self.types) - 1)
        self.label.setFocus()
        self.label.selectAll()
        self._check()

    def remove_type(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.types):
            del self.types[row]
            self._fill()
            self._check()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        other = row + step
        if 0 <= row < len(self.types) and 0 <= other < len(self.types):
            self.types[row], self.types[other] = self.types[other], self.types[row]
            self._fill()
            self.list.setCurrentRow(other)

    def result_types(self) -> list[RelationType]:
        """The list as it should be, in order (positions from it)."""
        return [replace(t, position=n) for n, t in enumerate(self.types)]

    @classmethod
    def edit_types(
        cls, parent: QWidget | None, types: Sequence[RelationType], look: Look
    ) -> list[RelationType] | None:
        dialog = cls(types, look, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_types()
        finally:
            dialog.deleteLater()
