"""Annotate ▸ Colours and Entity Types: name the highlight colours, edit the entity types.

Names and colours are edited in two tables (double-click a name to rename it, a swatch
to pick a colour); new entity types are added at the end. The dialog returns what
changed; the window applies it as one undoable step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from library.marks.entity_types import EntityType
from library.marks.palette import Colour
from reader.views.marks import shown_name, swatch

IdRole = Qt.ItemDataRole.UserRole + 1
NAME, COLOUR = 0, 1


@dataclass
class PaletteEdit:
    colours: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, #rrggbb)
    types: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (label, #rrggbb)
    new_types: list[tuple[str, str]] = field(default_factory=list)  # (label, #rrggbb)

    def __bool__(self) -> bool:
        return bool(self.colours or self.types or self.new_types)


class PaletteDialog(QDialog):
    def __init__(
        self,
        colours: Sequence[Colour],
        types: Sequence[EntityType],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paletteDialog")
        self.setWindowTitle(self.tr("Colours and Entity Types"))
        self._colours = {c.id: (c.name, c.colour) for c in colours}
        self._types = {t.id: (t.label, t.colour) for t in types}
        self.colour_table = self._table(
            "colourTable", [(c.id, shown_name(c.id, c.name), c.colour) for c in colours]
        )
        self.type_table = self._table(
            "typeTable", [(t.id, shown_name(t.id, t.label), t.colour) for t in types]
        )
        self.add_type = QPushButton(self.tr("Add Entity Type"), self)
        self.add_type.clicked.connect(self._add_type)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Highlight colours (keys 1 to 5, in this order):"), self))
        layout.addWidget(self.colour_table)
        layout.addWidget(QLabel(self.tr("Entity types:"), self))
        layout.addWidget(self.type_table)
        layout.addWidget(self.add_type, 0, Qt.AlignmentFlag.AlignLeading)
        layout.addWidget(buttons)
        self.resize(420, 520)

    def _table(self, name: str, rows: list[tuple[str | None, str, str]]) -> QTableWidget:
        table = QTableWidget(0, 2, self)
        table.setObjectName(name)
        table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Colour")])
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(
            COLOUR, QHeaderView.ResizeMode.ResizeToContents
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        for item_id, label, colour in rows:
            self._append(table, item_id, label, colour)
        table.cellDoubleClicked.connect(lambda row, column, t=table: self._pick(t, row, column))
        return table

    def _append(self, table: QTableWidget, item_id: str | None, label: str, colour: str) -> int:
        row = table.rowCount()
        table.insertRow(row)
        name = QTableWidgetItem(label)
        name.setData(IdRole, item_id)
        table.setItem(row, NAME, name)
        swatch_item = QTableWidgetItem(swatch(colour), colour)
        swatch_item.setFlags(swatch_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        table.setItem(row, COLOUR, swatch_item)
        return row

    def _pick(self, table: QTableWidget, row: int, column: int) -> None:
        if column != COLOUR:
            return
        item = table.item(row, COLOUR)
        chosen = QColorDialog.getColor(QColor(item.text()), self, self.tr("Choose a Colour"))
        if chosen.isValid():
            self.set_colour(table, row, chosen.name())

    def set_colour(self, table: QTableWidget, row: int, colour: str) -> None:
        item = table.item(row, COLOUR)
        item.setText(colour)
        item.setIcon(swatch(colour))

    def _add_type(self) -> None:
        row = self._append(self.type_table, None, self.tr("New type"), "#7f8c8d")
        self.type_table.setCurrentCell(row, NAME)
        self.type_table.editItem(self.type_table.item(row, NAME))

    def palette_edit(self) -> PaletteEdit:
        edit = PaletteEdit()
        for table, before, out in (
            (self.colour_table, self._colours, edit.colours),
            (self.type_table, self._types, edit.types),
        ):
            for row in range(table.rowCount()):
                item_id = table.item(row, NAME).data(IdRole)
                label = " ".join(table.item(row, NAME).text().split())
                colour = table.item(row, COLOUR).text()
                if item_id is None:
                    if label:
                        edit.new_types.append((label, colour))
                    continue
                old_label, old_colour = before[item_id]
                if label == shown_name(item_id, old_label):
                    label = old_label  # a translated default name left as it was
                if label and (label, colour) != (old_label, old_colour):
                    out[item_id] = (label, colour)
        return edit

    @classmethod
    def edit_palette(
        cls, parent: QWidget | None, colours: Sequence[Colour], types: Sequence[EntityType]
    ) -> PaletteEdit | None:
        dialog = cls(colours, types, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.palette_edit()
        finally:
            dialog.deleteLater()
