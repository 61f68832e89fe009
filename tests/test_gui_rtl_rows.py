"""Choosing a row from code works in the Arabic (right-to-left) interface too:
`QTableView.selectRow` selects nothing there, `reader.views.rows.select_row` does."""

from __future__ import annotations

import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTableView

from reader.views.rows import select_row


@pytest.mark.parametrize(
    "direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]
)
def test_select_row_in_either_direction(qtbot, direction):
    model = QStandardItemModel(3, 2)
    for r in range(3):
        for c in range(2):
            model.setItem(r, c, QStandardItem(f"{r}{c}"))
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setLayoutDirection(direction)
    qtbot.addWidget(view)
    view.show()
    select_row(view, 1)
    assert [i.row() for i in view.selectionModel().selectedRows()] == [1]
    assert view.currentIndex().row() == 1
    select_row(view, 2)  # the only one chosen
    assert [i.row() for i in view.selectionModel().selectedRows()] == [2]
    select_row(view, 7)  # no such row: nothing changes
    assert view.currentIndex().row() == 2


def test_ctrl_l_chooses_the_first_article_in_the_arabic_interface(qtbot, lib, tmp_path):
    # Written for this test.
    add_article(lib, "جسر جديد", "افتتح جسر جديد فوق النهر.", folder=tmp_path)
    add_article(lib, "سوق الكتب", "عاد سوق الكتب إلى الساحة.", folder=tmp_path)
    with open_window(qtbot, lib, tmp_path, language="ar") as session:
        window = session.window
        assert window.isRightToLeft()
        table = window.library_panel.table
        assert window.model.rowCount() == 2
        table.clearSelection()
        window.acts.focus_library.trigger()
        assert [i.row() for i in table.selectionModel().selectedRows()] == [0]
