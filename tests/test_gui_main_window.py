"""The main window on a real library: open, browse, search, find, navigate, remember."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import (
    AMEEN_BODY,
    add_article,
    answer_modals,
    make_settings,
    open_window,
    sample_library,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from library.storage.store import open_library
from reader.dialogs.file_dialogs import FileDialog
from reader.views.library_model import TITLE, ArticleIdRole


@pytest.fixture
def no_modal(monkeypatch):
    return answer_modals(monkeypatch)


@pytest.fixture
def lib(tmp_path):
    library = sample_library(tmp_path / "lib.sqlite")
    add_article(
        library,
        "الأمين العام يزور المدينة",
        AMEEN_BODY,
        ["صورة الأمين العام في المدينة"],
        folder=tmp_path,
    )
    yield library
    library.close()


@pytest.fixture
def session(qtbot, lib, tmp_path):
    with open_window(qtbot, lib, tmp_path) as s:
        yield s


def trigger(window, name: str) -> None:
    action = next(a for a in window.acts.all() if a.objectName() == name)
    action.trigger()


def test_opens_on_the_library_with_the_list_and_a_hint(session):
    window = session.window
    assert window.model.rowCount() >= 9
    assert window.pages.currentWidget() is window.hint
    assert window.library_dock.isVisible()
    assert window.windowTitle().endswith("Hashiya")


def test_clicking_a_row_opens_the_article_and_the_status_bar_tells_words_and_position(
    session, qtbot
):
    window = session.window
    table = window.library_panel.table
    index = window.model.index(2, TITLE)
    table.scrollTo(index)
    rect = table.visualRect(index)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.view.article is not None)
    article = window.view.article
    assert article.id == index.data(ArticleIdRole)
    assert window.pages.currentWidget() is window.reader_page
    assert window.status.words_label.text() == f"Words: {article.words}"
    assert window.status.position_label.text().startswith("Paragraph 1 of ")
    assert article.title in window.windowTitle()


def test_next_and_previous_article_from_the_keyboard(session, qtbot):
    window = session.window
    first = window.model.index(0, TITLE).data(ArticleIdRole)
    second = window.model.index(1, TITLE).data(ArticleIdRole)
    window.view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.view.article.id == first
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.view.article.id == second
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.view.article.id == first


def test_focus_shortcuts(session, qtbot):
    window = session.window
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_panel.box.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.library_panel.table.hasFocus()
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.library_panel.filter_box.hasFocus()
    window.open_article(window.model.index(0, TITLE).data(ArticleIdRole))
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.view.hasFocus()


def test_every_action_is_in_a_menu_and_keyed_actions_show_their_shortcut(session):
    window = session.window
    in_menus = set()
    for menu_action in window.menuBar().actions():
        stack = [menu_action.menu()]
        while stack:
            menu = stack.pop()
            for action in menu.actions():
                if action.menu():
                    stack.append(action.menu())
                in_menus.add(action)
    for action in window.acts.all():
        assert action in in_menus or action.objectName().startswith("toggle"), action.objectName()
    # Qt shows an action's shortcut beside its text in the menu.
    assert window.acts.find.shortcut() == QKeySequence("Ctrl+F")
    assert window.acts.zoom_in.shortcut() == QKeySequence("Ctrl++")
    assert QKeySequence("F3") in window.acts.find_next.shortcuts()
    assert window.library_dock.toggleViewAction() in in_menus


def test_panels_toggle_from_the_keyboard(session, qtbot):
    window = session.window
    assert window.library_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert not window.library_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.library_dock.isVisible()
    assert not window.annotation_dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.annotation_dock.isVisible()


def test_search_shows_snippets_and_opens_the_article_with_hits(session, qtbot):
    window = session.window
    window.focus_search()
    window.search_panel.box.insert("الأمين")  # QTest can only type ASCII
    qtbot.keyClick(window.search_panel.box, Qt.Key.Key_Return)
    results = window.search_panel.model
    qtbot.waitUntil(lambda: results.rowCount() > 0, timeout=5000)
    assert window.search_panel.status.text().startswith("Articles found:")
    hit = results.hits[0]
    assert "الأمين" in hit.snippet
    window.search_panel.results.setFocus()
    window.search_panel.results.setCurrentIndex(results.index(0))
    qtbot.keyClick(window.search_panel.results, Qt.Key.Key_Return)
    assert window.view.article.id == hit.article_id
    assert window.view.hits == sorted(hit.matches)
    assert window.status.hits_label.text() == f"Match 1 of {len(hit.matches)}"
    QApplication.processEvents()
    label = window.status.hits_label
    assert label.width() >= label.sizeHint().width()  # laid out again, not clipped
    # F3 and Shift+F3 step through the hits.
    qtbot.keyClick(window.view, Qt.Key.Key_F3)
    assert window.view.current_hit == 1 % len(hit.matches)
    qtbot.keyClick(window.view, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_hit == 0


def test_a_stale_search_result_is_dropped(session, qtbot):
    window = session.window
    seen = []
    window.search.results.connect(lambda query, hits: seen.append(query))
    window.search.search_now("الأمين")
    window.search.search_now("المدينة")
    qtbot.waitUntil(lambda: "المدينة" in seen, timeout=5000)
    qtbot.wait(100)
    assert seen == ["المدينة"]


def test_search_results_follow_articles_added_by_another_process(session, qtbot, tmp_path):
    """The results of the current search come again when another process imports: the
    window's data_version poll publishes on the change stream, and the search listens."""
    window = session.window
    results = window.search_panel.model
    window.focus_search()
    window.search_panel.box.insert("الزعفران")
    qtbot.keyClick(window.search_panel.box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "0" in window.search_panel.status.text() or results.rowCount() == 0)
    assert results.rowCount() == 0
    other = open_library(session.lib.path)  # a script beside the window
    try:
        add_article(
            other, "موسم الزعفران", "بدأ موسم قطف الزعفران في القرى الجبلية.", folder=tmp_path
        )
    finally:
        other.close()
    qtbot.waitUntil(lambda: results.rowCount() == 1, timeout=8000)
    assert "الزعفران" in results.hits[0].snippet


def test_the_find_bar_finds_in_the_article_and_steps(session, qtbot):
    window = session.window
    article_id = window.model.row_of  # noqa: F841 - the list is there
    target = next(
        window.model.index(r, TITLE).data(ArticleIdRole)
        for r in range(window.model.rowCount())
        if window.model.index(r, TITLE).data() == "الأمين العام يزور المدينة"
    )
    window.open_article(target, focus=True)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    assert window.find_bar.box.hasFocus()
    window.find_bar.box.insert("الأمين")
    qtbot.waitUntil(lambda: len(window.view.hits) == 3)
    assert window.find_bar.count.text() == "1 of 3"
    qtbot.keyClick(window.find_bar.box, Qt.Key.Key_Return)
    assert window.view.current_hit == 1
    qtbot.keyClick(window.find_bar.box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.current_hit == 0
    qtbot.keyClick(window.find_bar.box, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()
    assert window.view.hits == []


def test_zoom_from_the_keyboard_is_remembered(session, qtbot):
    window = session.window
    window.open_article(window.model.index(0, TITLE).data(ArticleIdRole), focus=True)
    size = window.view.style.point_size
    qtbot.keyClick(window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.style.point_size > size
    assert session.settings.preferences().font_size == window.view.style.point_size
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.view.style.point_size == 18
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.view.style.point_size < 18


def test_the_diacritics_toggle_from_the_menu(session):
    window = session.window
    window.open_article(window.model.index(0, TITLE).data(ArticleIdRole))
    assert window.acts.show_diacritics.isChecked()
    window.acts.show_diacritics.trigger()
    assert window.view.style.hide_diacritics
    assert not session.settings.preferences().show_diacritics


def test_layout_last_article_and_preferences_are_remembered(qtbot, lib, tmp_path):
    with open_window(qtbot, lib, tmp_path) as first:
        window = first.window
        target = window.model.index(3, TITLE).data(ArticleIdRole)
        window.open_article(target)
        window.annotation_dock.show()
        window.resize(760, 560)  # within the offscreen screen, which restoreGeometry respects
        size = window.size()
        window.acts.show_diacritics.trigger()
    settings = make_settings(tmp_path)
    assert settings.last_article(lib.path)[0] == target
    with open_window(qtbot, lib, tmp_path) as second:
        window = second.window
        window.restore_last_article()
        assert window.view.article.id == target
        assert window.annotation_dock.isVisible()
        assert window.size() == size
        assert not window.acts.show_diacritics.isChecked()
        assert window.library_panel.current_article() == target


def test_new_and_open_library(session, tmp_path, monkeypatch):
    window = session.window
    fresh = tmp_path / "fresh"
    monkeypatch.setattr(FileDialog, "save_file", lambda *a, **k: str(fresh))
    trigger(window, "newLibrary")
    assert window.lib.path == fresh.with_suffix(".sqlite")
    assert window.model.rowCount() == 0
    assert window.pages.currentWidget() is window.welcome
    monkeypatch.setattr(FileDialog, "open_file", lambda *a, **k: str(session.lib.path))
    trigger(window, "openLibrary")
    assert window.lib.path == session.lib.path
    assert window.model.rowCount() >= 9
    assert Path(fresh.with_suffix(".sqlite")).resolve() in session.settings.recent_libraries()


def test_a_broken_library_file_is_refused_with_a_message(session, tmp_path, no_modal):
    window = session.window
    bad = tmp_path / "not-a-library.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    assert not window.switch_library(bad)
    assert no_modal == ["Cannot open this library."]
    assert window.lib is session.lib


def test_changes_made_by_another_process_show_up(session, qtbot, tmp_path):
    window = session.window
    before = window.model.rowCount()
    other = open_library(session.lib.path)
    add_article(other, "مقال من سطر الأوامر", "نص جديد", folder=tmp_path)
    other.close()
    window._poll_changes()
    assert window.model.rowCount() == before + 1


def test_the_shortcuts_window_lists_the_keys(session, qtbot):
    window = session.window
    window.show_shortcuts()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "shortcutsDialog")
    texts = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 1)
        .text()
        .replace("\u2066", "")
        .replace("\u2069", "")
        for r in range(dialog.table.rowCount())
    }
    assert texts["Find in Article"] == "Ctrl+F"
    assert "F3" in texts["Find Next"]
    dialog.close()


def test_preferences_apply_at_once_and_are_saved(session, qtbot, monkeypatch):
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QDialog

    from reader.dialogs.preferences_dialog import PreferencesDialog

    window = session.window
    window.open_article(window.model.index(0, TITLE).data(ArticleIdRole))
    arabic = QFontDatabase.families(QFontDatabase.WritingSystem.Arabic)
    other = next((f for f in arabic if f != window.view.style.family), None)
    if other is None:
        pytest.skip("needs a second font with Arabic letters")

    def choose(dialog):
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.language.setCurrentIndex(dialog.language.findData("ar"))
        dialog.family.setCurrentFont(QFont(other))
        dialog.size.setValue(24)
        dialog.spacing.setValue(150)
        dialog.diacritics.setChecked(False)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", choose)
    window.acts.preferences.trigger()
    style = window.view.style
    assert (style.family, style.point_size, style.line_spacing, style.hide_diacritics) == (
        other,
        24,
        150,
        True,
    )
    assert session.theme.scheme == "dark"
    assert window.isRightToLeft()
    assert not window.acts.show_diacritics.isChecked()
    saved = session.settings.preferences()
    assert (saved.theme, saved.language, saved.font_family, saved.font_size) == (
        "dark",
        "ar",
        other,
        24,
    )
    body = window.view.document().findBlockByNumber(window.view._built.first_body_block)
    assert body.blockFormat().lineHeight() == 150

    monkeypatch.setattr(PreferencesDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.acts.preferences.trigger()
    assert window.view.style.point_size == 24  # cancelled: nothing changes


def test_the_open_article_follows_a_text_another_process_re_cleaned(session, qtbot):
    """Its marks are read again with their new offsets on the poll; the text under them
    must be the new text too, or every mark would be drawn off its words."""
    from library.marks.anchoring import reanchor_article
    from library.marks.annotations import add_highlight, annotations_for
    from library.storage.articles import get_article, replace_text

    window = session.window
    first = window.model.article_id(0)
    assert window.open_article(first)
    article = window.view.article
    word = article.body.split()[3]
    start = article.body.index(word)
    add_highlight(session.lib, first, start, start + len(word), "yellow")
    other = open_library(session.lib.path)  # hashiya reclean, beside the window
    try:
        stored = get_article(other, first)
        replace_text(other, first, title=stored.title, body="تمهيد جديد.\n" + stored.body)
        reanchor_article(other, first)
    finally:
        other.close()
    qtbot.waitUntil(lambda: window.view.article.body.startswith("تمهيد جديد."), timeout=8000)
    (mark,) = annotations_for(session.lib, first)
    assert window.view.article.body[mark.start : mark.end] == word
