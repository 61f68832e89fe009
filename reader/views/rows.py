"""Selecting a whole row of a table from code, in either layout direction.

`QTableView.selectRow` selects nothing when the view is laid out right to left (measured
on this PySide6: the row stays unselected, no error), and the Arabic interface lays every
view out that way; so Ctrl+L would focus a library list with nothing chosen, and a
context menu would act on the row chosen before. The selection model does it right in
both directions.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView


def select_row(view: QAbstractItemView, row: int) -> None:
    """Make `row` the current row and the only one selected."""
    model = view.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    view.selectionModel().setCurrentIndex(model.index(row, 0), flags)
