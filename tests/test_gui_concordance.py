"""The concordance view: lines aligned on the keyword, sorted by a context word,
exported as CSV, and a double-click opens the article at the occurrence."""

from __future__ import annotations

import csv

import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from library.changes import Changes
from library.marks.entities import tag_entity
from library.search.concordance import CSV_COLUMNS, csv_bytes, line_at
from library.search.query import QueryError
from reader.pictures.concordance_jobs import resolved
from reader.pictures.concordance_model import (
    AFTER,
    ARTICLE,
    BEFORE,
    KEYWORD,
    ConcordanceModel,
    LineRole,
)
from reader.pictures.concordance_view import ConcordanceView
from reader.workers.runner import Runner

# Written for these tests: the keyword السوق after and before different words.
BODIES = (
    "افتتح المحافظ السوق المركزي صباح الاثنين.",
    "ازدحم السوق القديم بالزوار، وعاد التجار إلى السوق بعد العيد.",
    "قال البائع إن السوق هادئ هذا الأسبوع.",
    "لا شيء عن التجارة هنا.",
)


@pytest.fixture
def library(lib, tmp_path):
    ids = [
        add_article(lib, f"خبر السوق {n}", body, folder=tmp_path) for n, body in enumerate(BODIES)
    ]
    return lib, ids


@pytest.fixture
def view(qtbot, library):
    lib, _ids = library
    runner = Runner()
    widget = ConcordanceView(lib, runner, lambda: lib.path, lambda: QColor("#f9d96f"))
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    yield widget
    widget.stop()
    runner.shutdown()


def show(qtbot, view, query: str) -> None:
    with qtbot.waitSignal(view.finished, timeout=10_000):
        view.run(query)


def column(view, col: int) -> list[str]:
    model = view.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_every_occurrence_is_a_line_aligned_on_the_keyword(qtbot, view, library):
    _lib, ids = library
    show(qtbot, view, "السوق")
    assert view.model.rowCount() == 4
    assert column(view, KEYWORD) == ["السوق"] * 4
    assert column(view, ARTICLE)[0] == "خبر السوق 0"
    first = view.model.index(0, BEFORE).data(LineRole)
    assert (first.article_id, first.left.strip()) == (ids[0], "افتتح المحافظ")
    assert column(view, AFTER)[0].startswith(" المركزي")
    # Right to left: the text before the keyword is drawn on its right, the text after
    # it on its left, each against the keyword's column.
    table = view.table
    x = {c: table.columnViewportPosition(c) for c in (BEFORE, KEYWORD, AFTER)}
    assert x[AFTER] < x[KEYWORD] < x[BEFORE]
    delegate = table.itemDelegate()
    from PySide6.QtWidgets import QStyleOptionViewItem

    before, after = QStyleOptionViewItem(), QStyleOptionViewItem()
    delegate.initStyleOption(before, view.model.index(0, BEFORE))
    delegate.initStyleOption(after, view.model.index(0, AFTER))
    assert before.displayAlignment & Qt.AlignmentFlag.AlignLeft  # against the keyword
    assert after.displayAlignment & Qt.AlignmentFlag.AlignRight
    assert before.textElideMode == Qt.TextElideMode.ElideLeft  # loses its far words
    assert view.status.text() == "Lines: 4 · Articles: 3"


def test_sorting_by_the_words_before_and_after(qtbot, view):
    show(qtbot, view, "السوق")

    def sort(row: int) -> None:
        with qtbot.waitSignal(view.finished, timeout=10_000):
            view.sort_box.setCurrentIndex(row)

    first_after = lambda: [x.split()[0] for x in column(view, AFTER)]  # noqa: E731
    first_before = lambda: [x.split()[-1] for x in column(view, BEFORE)]  # noqa: E731
    assert first_after() == ["المركزي", "القديم", "بعد", "هادئ"]  # article order
    sort(3)  # 1st word after, folded: القديم < المركزي < بعد < هادئ
    assert first_after() == ["القديم", "المركزي", "بعد", "هادئ"]
    sort(1)  # 1st word before, folded: ازدحم < المحافظ < إلى (الي) < إن (ان)
    assert first_before() == ["ازدحم", "المحافظ", "إلى", "إن"]
    sort(4)  # 2nd word after
    assert [x.split()[1] for x in column(view, AFTER)] == ["العيد.", "بالزوار،", "صباح", "هذا"]
    sort(0)
    assert first_after() == ["المركزي", "القديم", "بعد", "هادئ"]


def test_csv_export_reads_back(qtbot, view, tmp_path):
    show(qtbot, view, "السوق")
    path = tmp_path / "kwic.csv"
    with qtbot.waitSignal(view.exported, timeout=10_000):
        view.export_csv(path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, for spreadsheets
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["match"] for r in rows] == ["السوق"] * 4
    body = BODIES[1]
    second = rows[1]
    assert second["title"] == "خبر السوق 1"
    assert body[int(second["start"]) : int(second["end"])] == "السوق"
    assert second["left"] + second["match"] + second["right"] in body


def test_a_bad_query_says_so_and_keeps_nothing(qtbot, view):
    view.run("entity:لا أحد بهذا الاسم")
    qtbot.waitUntil(lambda: not view.reading, timeout=10_000)
    assert view.status.text() == "No entity has that name or id."
    assert view.model.rowCount() == 0 and not view.export_button.isEnabled()
    view.run("-السوق")
    qtbot.waitUntil(lambda: not view.reading, timeout=10_000)
    assert view.status.text().startswith("Add a word to look for")
    assert view.model.rowCount() == 0


def test_double_click_opens_the_article_at_the_occurrence(qtbot, tmp_path, library):
    lib, ids = library
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        window.time_and_words.show_concordance()
        concordance = window.time_and_words.concordance
        assert window.time_and_words.concordance_dock.isVisible()
        show(qtbot, concordance, "السوق")
        table = concordance.table
        index = concordance.model.index(2, KEYWORD)  # the second line of the second article
        table.scrollTo(index)
        rect = table.visualRect(index)
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(lambda: window.view.article is not None)
        assert window.view.article.id == ids[1]
        start = BODIES[1].rindex("السوق")
        assert window.view.hits == [(start, start + 5)]
        # An entity chosen in the entity index: the lines of its mentions.
        concordance.entity_button.click()
        assert concordance.status.text() == "Choose an entity in the Entities panel first."
        body = BODIES[2]
        at = body.index("البائع")
        entity = tag_entity(lib, ids[2], at, at + 6, entity_type="person").entity
        window.changes.publish(Changes.of(articles=[ids[2]], entities=[entity.id]))
        window.entity_dock.show()
        index = window.entity_index
        qtbot.waitUntil(lambda: index.model.rowCount() == 1, timeout=10_000)
        assert index.select_entity(entity.id)
        with qtbot.waitSignal(concordance.finished, timeout=10_000):
            concordance.entity_button.click()
        assert concordance.query_box.text() == "entity:البائع"
        assert column(concordance, KEYWORD) == ["البائع"]


def test_a_cut_context_shows_whole_words_and_exports_as_cut():
    body = "كلمة " * 30 + "السوق" + " عبارة" * 30
    start = body.index("السوق")
    line = line_at(7, body, start, start + 5, 22)
    model = ConcordanceModel(22)
    model.append([line], {7: "خبر"})
    before = model.index(0, BEFORE).data()
    after = model.index(0, AFTER).data()
    assert line.left.startswith("ة ") and before == line.left[2:]  # "ة" ends a cut word
    assert before.split() == ["كلمة"] * 4
    assert after.split() == ["عبارة"] * 3 and len(line.right) == 22
    assert csv_bytes([line], model.titles).decode("utf-8-sig").splitlines()[1].split(",")[2] == (
        line.left
    )


def test_an_entity_by_its_name_or_id_and_an_unknown_one(library):
    lib, ids = library
    body = BODIES[2]
    start = body.index("البائع")
    entity = tag_entity(lib, ids[2], start, start + 6, entity_type="person").entity
    assert resolved(lib, "entity:البائع") == f"entity:{entity.id}"
    assert resolved(lib, f"entity:{entity.id}") == f"entity:{entity.id}"
    assert resolved(lib, "السوق") == "السوق"
    with pytest.raises(QueryError, match="no entity called"):
        resolved(lib, "entity:المشتري")
