"""Ctrl+1…4 bring a panel forward and put the keyboard in it: the entity index (Ctrl+4)
used to open as a background tab behind the annotations, and Ctrl+2 closed the search
panel when it was open behind the library list."""

from __future__ import annotations

import pytest
from gui_helpers import open_window, sample_library
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.views.library_model import TITLE, ArticleIdRole

KEYS = {
    "library_dock": Qt.Key.Key_1,
    "search_dock": Qt.Key.Key_2,
    "annotation_dock": Qt.Key.Key_3,
    "entity_dock": Qt.Key.Key_4,
}


@pytest.fixture
def window(qtbot, tmp_path):
    lib = sample_library(tmp_path / "lib.sqlite")
    try:
        with open_window(qtbot, lib, tmp_path) as session:
            window = session.window
            window.open_article(window.model.index(0, TITLE).data(ArticleIdRole))
            window.view.setFocus()
            qtbot.waitUntil(window.view.hasFocus)
            yield window
    finally:
        lib.close()


def press(qtbot, window, name: str) -> None:
    qtbot.keyClick(window, KEYS[name], Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(10)


def in_front(dock) -> bool:
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def has_keyboard(dock) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and dock.isAncestorOf(focus)


def test_ctrl_4_shows_the_entity_index_in_front_with_the_keyboard(qtbot, window):
    # The annotations are open and in front; the index shares their place, closed.
    window.annotation_dock.show()
    window.annotation_dock.raise_()
    assert not window.entity_dock.isVisible()
    press(qtbot, window, "entity_dock")
    assert in_front(window.entity_dock)
    assert not in_front(window.annotation_dock)
    assert has_keyboard(window.entity_dock)
    assert window.entity_index.filter_box.hasFocus()
    assert window.entity_dock.toggleViewAction().isChecked()


def test_a_panel_open_behind_another_tab_comes_forward_and_is_not_closed(qtbot, window):
    # The library list and the search panel share a place; the list is in front.
    window.library_dock.raise_()
    assert window.search_dock.toggleViewAction().isChecked()
    assert not in_front(window.search_dock)
    press(qtbot, window, "search_dock")
    assert in_front(window.search_dock)
    assert has_keyboard(window.search_dock)
    assert window.search_dock.toggleViewAction().isChecked()
    # And back: Ctrl+1 brings the list forward the same way.
    press(qtbot, window, "library_dock")
    assert in_front(window.library_dock)
    assert has_keyboard(window.library_dock)
    assert window.search_dock.toggleViewAction().isChecked()  # still open, behind


@pytest.mark.parametrize("name", list(KEYS))
def test_every_panel_key_brings_its_panel_forward_then_closes_it(qtbot, window, name):
    dock = getattr(window, name)
    for other in KEYS:
        if other != name:
            getattr(window, other).show()
            getattr(window, other).raise_()
    window.view.setFocus()
    press(qtbot, window, name)
    assert in_front(dock), name
    assert has_keyboard(dock), name
    assert dock.toggleViewAction().isChecked()
    # Pressed where the keyboard already is, the key closes the panel.
    press(qtbot, window, name)
    assert not dock.isVisible()
    assert not dock.toggleViewAction().isChecked()
    assert window.view.hasFocus()
    # And opens it again, in front.
    press(qtbot, window, name)
    assert in_front(dock) and has_keyboard(dock)


def test_the_panels_menu_brings_a_covered_panel_forward_too(qtbot, window):
    window.annotation_dock.show()
    window.entity_dock.show()
    window.annotation_dock.raise_()
    window.entity_dock.toggleViewAction().trigger()
    assert in_front(window.entity_dock)
    assert window.entity_dock.toggleViewAction().isChecked()
