"""The search panel's second scope: the translations. A Latin-script query finds the
segments whose translation holds it (case and accents folded), each shown with its
article's title and the translation's snippet, the matched words marked; activating one
opens the article in the parallel view at that segment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from library.ops import translating
from library.storage.store import open_library
from library.translation.search import (
    TranslationHit,
    count_translations,
    find_translations,
    marked_snippet,
)
from library.translation.segments import segments
from reader.panels.search_panel import SearchResultDelegate, SearchResultsModel
from reader.workers.search_jobs import PAGE_SIZE, TEXT, TRANSLATIONS

# Written for these tests.
CAFE_TITLE = "مقهى جديد في الحي"
CAFE_BODY = (
    "افتتح مقهى صغير في الحي القديم. "
    "وقال صاحبه إن القهوة تأتي من الجبال. "
    "ويزور المكان طلاب الجامعة كل مساء."
)
CAFE_TARGETS = [
    "A small CAFÉ opened in the old quarter.",
    "Its owner said the coffee comes from the mountains.",
    "",
]
PARK_TITLE = "حديقة قرب النهر"
PARK_BODY = "افتتحت البلدية حديقة عامة قرب النهر. وفي الحديقة مقهى للعائلات."
PARK_TARGETS = ["The municipality opened a public park by the river.", "The park has a cafe."]


def make(tmp_path: Path):
    lib = open_library(tmp_path / "lib.sqlite")
    cafe = add_article(lib, CAFE_TITLE, CAFE_BODY, folder=tmp_path)
    park = add_article(lib, PARK_TITLE, PARK_BODY, folder=tmp_path)
    for article_id, targets in ((cafe, CAFE_TARGETS), (park, PARK_TARGETS)):
        for seg, text in zip(segments(lib, article_id), targets, strict=True):
            if text:
                translating.translate(lib, seg.id, text)
    return lib, cafe, park


# --- the library's side --------------------------------------------------------------------


def test_translations_are_found_folded_with_their_matches_in_the_snippet(tmp_path):
    lib, cafe, park = make(tmp_path)
    hits = find_translations(lib, "Cafe")
    assert {(h.article_id, h.number) for h in hits} == {(cafe, 1), (park, 2)}
    by_article = {h.article_id: h for h in hits}
    assert by_article[cafe].title == CAFE_TITLE
    assert by_article[cafe].segment_id == segments(lib, cafe)[0].id
    for hit in hits:
        ((start, end),) = hit.matches
        assert hit.snippet[start:end].casefold() in ("café", "cafe")
    assert count_translations(lib, "cafe") == 2
    # Every word is required; a prefix ends with *; pages follow one another.
    assert [h.article_id for h in find_translations(lib, "PARK cafe")] == [park]
    assert len(find_translations(lib, "mount*")) == 1
    first, second = find_translations(lib, "cafe", 1), find_translations(lib, "cafe", 1, 1)
    assert {first[0].segment_id, second[0].segment_id} == {h.segment_id for h in hits}
    # What cannot be a query finds nothing, and says so without an error.
    assert find_translations(lib, '") OR NEAR(') == []
    assert count_translations(lib, "  ") == 0


def test_a_snippet_is_one_line_with_its_marks_counted_in_code_points():
    text, spans = marked_snippet("Le \ue000café\ue001  du\n\ue000cafe\ue001 😀 \ue000x\ue001")
    assert text == "Le café du cafe 😀 x"
    assert [text[s:e] for s, e in spans] == ["café", "cafe", "x"]


# --- the panel -----------------------------------------------------------------------------


def search_translations_by_keys(qtbot, window, query: str) -> None:
    """Ctrl+2 to the search box, Tab to the scope box, Down to "Translations", back to
    the box with Shift+Tab, type, Enter: all from the keyboard."""
    panel = window.search_panel
    window.activateWindow()
    window.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.box)
    qtbot.keyClick(panel.box, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.scope)
    qtbot.keyClick(panel.scope, Qt.Key.Key_Down)
    assert panel.current_scope() == TRANSLATIONS
    qtbot.keyClick(panel.scope, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.box)
    panel.box.clear()
    qtbot.keyClicks(panel.box, query)
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)


def test_the_panel_finds_translations_and_opens_the_parallel_view_at_the_segment(qtbot, tmp_path):
    lib, cafe, park = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        panel = window.search_panel
        search_translations_by_keys(qtbot, window, "MOUNTAINS")
        model = panel.model
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=10000)
        assert window.search.scope == TRANSLATIONS
        assert panel.status.text() == "Translated segments found: 1"
        assert panel.box.placeholderText() == "Search the translations"
        (hit,) = model.hits
        assert isinstance(hit, TranslationHit)
        assert hit.title == CAFE_TITLE and "mountains" in hit.snippet
        index = model.index(0)
        assert index.data() == CAFE_TITLE
        assert index.data(Qt.ItemDataRole.ToolTipRole) == f"Segment 2 of “{CAFE_TITLE}”"
        # Down to the list, Enter on the hit: the parallel view, at the second segment.
        qtbot.keyClick(panel.box, Qt.Key.Key_Down)
        assert QApplication.focusWidget() is panel.results
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
        view = window.translating.view
        qtbot.waitUntil(view.isVisible)
        assert window.translating.active and window.view.article.id == cafe
        assert view.current_row() == 1
        assert QApplication.focusWidget() is view
        # A hit in another article: that article, at its segment.
        panel.box.clear()
        qtbot.keyClicks(panel.box, "park cafe")
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: [h.article_id for h in model.hits] == [park], timeout=10000)
        panel.results.activated.emit(model.index(0))
        assert window.view.article.id == park and view.current_row() == 1


def test_changing_the_scope_searches_the_same_words_again(qtbot, tmp_path):
    lib, cafe, park = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        panel = window.search_panel
        model = panel.model
        window.focus_search()
        panel.box.insert("مقهى")  # QTest types ASCII only
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10000)
        assert {h.article_id for h in model.hits} == {cafe, park}
        assert not any(isinstance(h, TranslationHit) for h in model.hits)
        panel.set_scope(TRANSLATIONS)
        # Arabic words are in no translation: nothing, said as such.
        qtbot.waitUntil(lambda: panel.status.text() == "No translation matches.", timeout=10000)
        assert model.rowCount() == 0
        panel.box.setText("cafe")
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10000)
        assert all(isinstance(h, TranslationHit) for h in model.hits)
        panel.set_scope(TEXT)
        qtbot.waitUntil(lambda: panel.status.text() == "No articles match.", timeout=10000)
        assert window.search.scope == TEXT


def test_a_new_translation_shows_in_the_results_shown(qtbot, tmp_path):
    lib, cafe, _park = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        panel = window.search_panel
        search_translations_by_keys(qtbot, window, "students")
        qtbot.waitUntil(lambda: panel.status.text() == "No translation matches.", timeout=10000)
        third = segments(lib, cafe)[2]
        window.annotations.performer.perform(
            "translate",
            lambda lib: translating.translate(lib, third.id, "Students come every evening."),
        )
        qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=10000)
        assert panel.model.hits[0].segment_id == third.id
        window.annotations.stack.undo()
        qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=10000)


def test_translation_results_come_a_page_at_a_time(qtbot, tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    count = PAGE_SIZE + 23
    body = " ".join(f"زرع الفلاح شجرة رقم {n} في الحقل." for n in range(count))
    article_id = add_article(lib, "أشجار الحقل", body, folder=tmp_path)
    rows = segments(lib, article_id)
    assert len(rows) == count
    for n, seg in enumerate(rows):
        translating.translate(lib, seg.id, f"The farmer planted tree number {n} in the field.")
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        panel = window.search_panel
        panel.set_scope(TRANSLATIONS)
        panel.box.setText("tree field")
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        model = panel.model
        qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=10000)
        # The count comes after the first page.
        final = f"Translated segments found: {count}"
        qtbot.waitUntil(lambda: panel.status.text() == final, timeout=10000)
        bar = panel.results.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0)
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda: model.rowCount() == count, timeout=10000)
        assert {h.segment_id for h in model.hits} == {s.id for s in rows}


def _render(delegate: SearchResultDelegate, model: SearchResultsModel) -> QImage:
    image = QImage(420, 80, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 420, 80)
    option.palette = QApplication.palette()
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(0))
    painter.end()
    return image


def test_the_matched_words_of_a_translation_are_marked_under_the_text(qtbot):
    model = SearchResultsModel()
    delegate = SearchResultDelegate(model, lambda: QColor("#ffd54f"))
    snippet = "The park has a cafe."
    marked = TranslationHit(1, "s", 2, PARK_TITLE, snippet, ((15, 19),))
    plain = TranslationHit(1, "s", 2, PARK_TITLE, snippet, ())
    model.set_results("cafe", [plain])
    without = _render(delegate, model)
    model.set_results("cafe", [marked])
    with_mark = _render(delegate, model)
    assert with_mark != without
    yellow = QColor("#ffd54f").rgb()
    assert any(with_mark.pixel(x, y) == yellow for x in range(420) for y in range(80)) and not any(
        without.pixel(x, y) == yellow for x in range(420) for y in range(80)
    )
    assert model.rowCount(QModelIndex()) == 1


SHOTS = Path(os.environ.get("HASHIYA_TRANSLATION_SEARCH_SHOTS", "/tmp"))


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(qtbot, tmp_path, language, theme):
    lib, _cafe, _park = make(tmp_path)
    with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
        window = session.window
        window.resize(1280, 760)
        panel = window.search_panel
        window.focus_search()
        panel.set_scope(TRANSLATIONS)
        panel.box.setText("cafe")
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=10000)
        # A click on the second hit: its article, in the parallel view, beside the results.
        panel.results.setCurrentIndex(panel.model.index(1))
        panel.results.clicked.emit(panel.model.index(1))
        qtbot.waitUntil(window.translating.view.isVisible)
        qtbot.waitUntil(lambda: window.translating.view.measured_rows() > 0)
        QApplication.processEvents()
        path = SHOTS / f"translation-search-{language}-{theme}.png"
        assert window.grab().save(str(path))
        assert path.stat().st_size > 10_000
