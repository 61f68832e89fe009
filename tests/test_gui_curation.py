"""The curation view: opened from Team ▸ Curate This Article, one key per decision, Enter to
the next undecided item, the progress bar, the window's undo stack; screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication
from test_curation import BODY, LAYERS, tag

from library.storage.store import open_library
from library.team import curation as cur
from library.team.curation import CURATED_AUTHOR

SHOTS = Path(os.environ.get("HASHIYA_TEAM_SHOTS", "/tmp/hashiya-team-shots"))


def make(tmp_path: Path):
    lib = open_library(tmp_path / "lib.sqlite")
    article = add_article(lib, "زيارة إلى حلب", BODY, folder=tmp_path)
    for author, marks in LAYERS.items():
        for part, kind in marks:
            tag(lib, article, part, kind, author)
    return lib, article


def open_curation(qtbot, window, article):
    assert window.open_article(article)
    window.menus.team_actions.curate.trigger()
    view = window.menus.team_actions.curation_view
    qtbot.waitExposed(view)
    view.activateWindow()
    view.items.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.items)
    return view


def texts(view):
    return [view.items.item(r).text() for r in range(view.items.count())]


def test_keys_decide_and_enter_moves_on(qtbot, tmp_path):
    lib, article = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = open_curation(qtbot, window, article)
        assert view.authors() == ["amal", "bilal", "camila"]
        assert len(view.columns) == 3
        # Agreed items are not listed unless asked for; all count in the progress.
        assert view.items.count() == 4 and all(t.startswith("•") for t in texts(view))
        assert (view.progress.value(), view.progress.maximum()) == (0, 5)
        assert view.progress.text() == "0 of 5 decided"
        assert "type differs" in texts(view)[0]
        shown = {c.property("author"): c.marks.text() for c in view.columns}
        assert shown["bilal"].startswith("Other:") and "شركة النور للطاقة" in shown["bilal"]

        qtbot.keyClick(view.items, Qt.Key.Key_2)  # bilal's version of the type item
        qtbot.waitUntil(lambda: view.progress.value() == 1)
        item = cur.curation(lib, article).items[1]
        assert [(m.type, m.author) for m in item.curated] == [("other", CURATED_AUTHOR)]
        assert texts(view)[0].startswith("✓") and view.items.currentRow() == 0
        assert "Other:" in view.curated.marks.text()

        qtbot.keyClick(view.items, Qt.Key.Key_Return)
        assert view.items.currentRow() == 1 and "boundaries differ" in texts(view)[1]
        qtbot.keyClick(view.items, Qt.Key.Key_1)  # amal's مدينة حلب
        qtbot.waitUntil(lambda: view.progress.value() == 2)
        assert [m.exact for m in cur.curation(lib, article).items[2].curated] == ["مدينة حلب"]

        qtbot.keyClick(view.items, Qt.Key.Key_Enter)
        qtbot.keyClick(view.items, Qt.Key.Key_0)  # no mention for the one-sided item
        qtbot.waitUntil(lambda: view.progress.value() == 3)
        assert cur.curation(lib, article).items[3].rejected
        assert view.curated.marks.text() == "No mention here"

        # Undo runs on the window's stack and the view follows the change stream.
        stack = window.annotations.stack
        assert stack.undoText() == "Curate Mention"
        stack.undo()
        qtbot.waitUntil(lambda: view.progress.value() == 2)
        assert not cur.curation(lib, article).items[3].decided
        stack.redo()
        qtbot.waitUntil(lambda: view.progress.value() == 3)

        # Enter from the last undecided item wraps round to the remaining one.
        qtbot.keyClick(view.items, Qt.Key.Key_Return)
        assert "type and boundaries differ" in view.items.currentItem().text()

        # A type chosen under "Accept as" applies to the next acceptance only.
        view.as_type.setCurrentIndex(view.as_type.findData("place"))
        qtbot.keyClick(view.items, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: view.progress.value() == 4)
        assert [m.type for m in cur.curation(lib, article).items[4].curated] == ["place"]
        assert view.as_type.currentData() is None

        assert view.agreed_button.isEnabled()
        view.agreed_button.click()
        qtbot.waitUntil(lambda: view.progress.value() == 5)
        assert not view.agreed_button.isEnabled()
        assert stack.undoText() == "Accept Agreed Mentions"
        view.show_agreed.setChecked(True)
        assert view.items.count() == 5 and all(t.startswith("✓") for t in texts(view))
        view.close()


def test_fewer_annotators_and_an_article_without_layers(qtbot, tmp_path):
    lib, article = make(tmp_path)
    other = add_article(lib, "خبر آخر", "لا أحد هنا.", folder=tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        assert window.view.article is None  # nothing open yet: said in the status bar
        window.menus.team_actions.curate.trigger()
        assert window.statusBar().currentMessage() == "Open an article to curate it."
        assert window.menus.team_actions.curation_view is None
        view = open_curation(qtbot, window, article)
        view.layer_boxes[1].setChecked(False)  # amal and camila only
        assert len(view.columns) == 2 and view.items.count() == 2
        assert view.progress.maximum() == 5
        qtbot.keyClick(view.items, Qt.Key.Key_3)  # no third annotator now: nothing happens
        assert view.progress.value() == 0
        for box in view.layer_boxes:
            box.setChecked(False)
        assert "Check the annotators" in view.message.text()
        assert view.items.count() == 0

        assert window.open_article(other)
        window.menus.team_actions.curate.trigger()
        assert window.menus.team_actions.curation_view is view
        assert view.layer_boxes == [] and view.items.count() == 0
        assert view.message.text() == "Check the annotators whose versions you want to compare."
        view.close()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(qtbot, tmp_path, language, theme):
    lib, article = make(tmp_path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
        view = open_curation(qtbot, session.window, article)
        qtbot.keyClick(view.items, Qt.Key.Key_2)
        qtbot.waitUntil(lambda: view.progress.value() == 1)
        qtbot.keyClick(view.items, Qt.Key.Key_Return)
        pane = view.curated.sentence
        at = pane.text.index("حلب")
        pane.select_range(at, at + 3)  # the curator's own span, framed
        QApplication.processEvents()
        path = SHOTS / f"curation-{language}-{theme}.png"
        assert view.grab().save(str(path))
        assert path.stat().st_size > 10_000
        view.close()


def test_the_curator_selects_a_span_of_their_own(qtbot, tmp_path):
    lib, article = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        view = open_curation(qtbot, session.window, article)
        qtbot.keyClick(view.items, Qt.Key.Key_Return)  # the boundary item: مدينة حلب | حلب
        item = view.current_item()
        assert item.kind == "boundary"
        pane = view.curated.sentence
        assert not view.curated.accept.isEnabled()

        # The mouse: a drag along the first line selects part of the sentence; the first
        # line of a right-to-left sentence starts at the right.
        qtbot.waitUntil(lambda: pane.width() > 100)
        y = 6 + pane.fontMetrics().height() // 2
        right, middle = pane.width() - 2, pane.width() // 2
        assert pane.position_at(QPointF(right, y)) == 0
        qtbot.mousePress(pane, Qt.MouseButton.LeftButton, pos=QPoint(right, y))
        qtbot.mouseMove(pane, QPoint(middle, y))
        qtbot.mouseRelease(pane, Qt.MouseButton.LeftButton, pos=QPoint(middle, y))
        first, last = pane.selection
        assert first == 0 and last > 3 and view.curated.accept.isEnabled()

        # A part of a word grows to the whole word; the type is that of the mention
        # it overlaps unless "Accept as" says otherwise.
        sentence = pane.text
        at = sentence.index("مدينة حلب")
        pane.select_range(at + 2, at + 4)  # inside مدينة
        view.curated.accept.click()
        qtbot.waitUntil(lambda: view.progress.value() == 1)
        (mark,) = cur.curation(lib, article).items[2].curated
        assert (mark.exact, mark.type) == ("مدينة", "place")
        assert pane.selection == (0, 0)

        # Words outside the item are refused, and nothing changes.
        away = sentence.index("التقى")
        pane.select_range(away, away + 5)
        view.curated.accept.click()
        assert view.message.text() == "Select words that overlap the item."
        assert [m.exact for m in cur.curation(lib, article).items[2].curated] == ["مدينة"]
        view.close()
