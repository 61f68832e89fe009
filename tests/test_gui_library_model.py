"""The library list is lazy: it pages rows in from SQL and never holds the whole library."""

from __future__ import annotations

import time

import pytest
from gui_helpers import insert_articles
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from library.storage.store import open_library
from reader.panels.library_panel import LibraryPanel
from reader.views.library_model import (
    ANNOTATIONS,
    DATE,
    SOURCE,
    TITLE,
    WORDS,
    ArticleIdRole,
    LibraryModel,
)

ROWS = 5000


@pytest.fixture
def big(tmp_path):
    lib = open_library(tmp_path / "big.sqlite")
    insert_articles(lib, ROWS)
    yield lib
    lib.close()


def test_opening_loads_one_page_and_memory_stays_bounded(qtbot, big):
    model = LibraryModel(big)
    panel = LibraryPanel(model)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    qtbot.waitExposed(panel)
    panel.table.viewport().repaint()
    assert model.index(0, TITLE).data() == "مقال 000000"
    assert model.rowCount() == ROWS  # the scroll bar is true from the start...
    assert model.loaded_rows() <= LibraryModel.PAGE_SIZE  # ...but one page is in memory
    assert model.page_queries == 1

    # Scroll through the whole library: pages come and go, the cache stays bounded.
    bar = panel.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    for value in range(0, bar.maximum() + 1, max(bar.pageStep(), 1)):
        bar.setValue(value)
        QApplication.processEvents()  # let the view paint the rows now on screen
        assert model.loaded_rows() <= LibraryModel.PAGE_SIZE * LibraryModel.MAX_PAGES
    assert model.index(ROWS - 1, TITLE).data() == "مقال 004999"
    assert model.page_queries >= ROWS // LibraryModel.PAGE_SIZE
    assert model.loaded_rows() <= LibraryModel.PAGE_SIZE * LibraryModel.MAX_PAGES


def test_the_model_passes_qts_own_consistency_checks(qtbot, big):
    model = LibraryModel(big)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.sort(TITLE, Qt.SortOrder.DescendingOrder)
    model.set_title_filter("0049")


def test_columns_and_roles(big):
    model = LibraryModel(big)
    index = model.index(3, TITLE)
    assert index.data() == "مقال 000003"
    assert index.data(ArticleIdRole) == 4
    assert model.index(3, SOURCE).data() == "site-3"
    assert model.index(3, DATE).data() == "2024-04-04"
    assert model.index(3, WORDS).data() == "7"
    assert model.index(3, ANNOTATIONS).data() == ""
    assert model.headerData(WORDS, Qt.Orientation.Horizontal) == "Words"


def test_sorting_and_filtering_are_sql_queries(big):
    model = LibraryModel(big)
    model.sort(TITLE, Qt.SortOrder.DescendingOrder)
    assert model.index(0, TITLE).data() == "مقال 004999"
    assert model.loaded_rows() <= LibraryModel.PAGE_SIZE
    model.set_title_filter("مقال 00012")
    assert model.rowCount() == 10  # 000120..000129
    assert model.index(0, TITLE).data() == "مقال 000129"
    assert model.index(4, TITLE).data() == "مقال 000125"
    assert model.row_of(model.index(4, TITLE).data(ArticleIdRole)) == 4
    assert model.row_of(1) is None  # filtered out
    model.set_title_filter("")
    model.sort(WORDS, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == ROWS


def test_row_of_agrees_with_the_rows_for_every_sort(big):
    model = LibraryModel(big)
    for column in (TITLE, SOURCE, DATE, WORDS, ANNOTATIONS):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            for row in (0, 1, 777, ROWS - 1):
                article_id = model.index(row, TITLE).data(ArticleIdRole)
                assert model.row_of(article_id) == row


def test_a_large_library_opens_fast(tmp_path):
    lib = open_library(tmp_path / "large.sqlite")
    insert_articles(lib, 50_000)
    started = time.perf_counter()
    model = LibraryModel(lib)
    first = model.index(0, TITLE).data()
    elapsed = time.perf_counter() - started
    lib.close()
    assert first == "مقال 000000"
    assert elapsed < 0.5, elapsed


def test_filter_box_and_step_through_rows(qtbot, big):
    model = LibraryModel(big)
    panel = LibraryPanel(model)
    qtbot.addWidget(panel)
    panel.show()
    opened = []
    panel.article_activated.connect(lambda article_id, focus: opened.append(article_id))
    panel.activateWindow()
    panel.filter_box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.filter_box)
    panel.filter_box.setText("مقال 00042")
    qtbot.waitUntil(lambda: model.rowCount() == 10)
    titles = [model.index(row, TITLE).data() for row in range(10)]
    assert sorted(titles) == [f"مقال 00042{n}" for n in range(10)]
    assert not panel.table.selectionModel().hasSelection()
    # Down in the filter box moves into the list, on its first row.
    qtbot.keyClick(panel.filter_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is panel.table
    assert panel.table.currentIndex().row() == 0
    assert [i.row() for i in panel.table.selectionModel().selectedRows()] == [0]
    assert panel.filter_box.text() == "مقال 00042"
    assert panel.step(1) == model.index(1, TITLE).data(ArticleIdRole)
    qtbot.waitUntil(
        lambda: bool(opened) and opened[-1] == model.index(1, TITLE).data(ArticleIdRole)
    )


def test_an_edit_repaints_only_the_changed_rows(qtbot, big):
    """A note added in article 7 reloads and repaints row 6 alone; rows coming or going,
    or moving under the sort, are what a reset is for."""
    from library.changes import EVERYTHING, Changes
    from library.marks.annotations import add_note

    model = LibraryModel(big)
    assert model.summary(6).annotations == 0
    add_note(big, 7, 0, 3, "مهم")
    resets, changed = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda a, b: changed.append((a.row(), b.row())))
    model.apply_changes(Changes.of(articles=[7, ROWS + 50]))  # the second is not loaded
    assert (resets, changed) == ([], [(6, 6)])
    assert model.summary(6).annotations == 1
    model.apply_changes(Changes.of(entities=["someone"]))  # no row of the list shows it
    assert (resets, changed) == ([], [(6, 6)])
    model.sort(ANNOTATIONS, Qt.SortOrder.DescendingOrder)
    resets.clear()
    model.apply_changes(Changes.of(articles=[7]))
    assert resets == [1] and model.article_id(0) == 7
    model.sort(TITLE)
    resets.clear()
    model.apply_changes(EVERYTHING)
    assert resets == [1]
