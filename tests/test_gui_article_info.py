"""The Article Info panel: each field corrected is one undoable edit, what cannot be stored
is said and not saved, the panel follows the open article and other processes; and the
library list's optional metadata columns, chosen from its header and remembered."""

from __future__ import annotations

from contextlib import contextmanager

from gui_helpers import add_article, answer_modals, open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from library.changes import Changes
from library.search.engine import count
from library.storage.articles import get_article
from library.storage.metadata import Capture, add_captures, metadata, update
from library.storage.store import open_library
from reader.views.library_model import AUTHOR, DATE, PUBLISHER, TITLE

# Written for these tests.
TITLE_A = "افتتاح سوق الكتب المستعملة في الساحة القديمة"
BODY_A = (
    "افتتحت البلدية صباح السبت سوقاً أسبوعية للكتب المستعملة في الساحة القديمة، "
    "يشارك فيها أكثر من ثلاثين بائعاً من المدينة والقرى المجاورة."
)
TITLE_B = "Rain returns to the northern valleys"
BODY_B = "هطلت الأمطار أمس على الوديان الشمالية بعد انقطاع دام ثلاثة أشهر، وفق الأرصاد الجوية."


@contextmanager
def info_window(qtbot, tmp_path, **kwargs):
    lib = open_library(tmp_path / "lib.sqlite")
    a = add_article(lib, TITLE_A, BODY_A, folder=tmp_path / "in")
    b = add_article(lib, TITLE_B, BODY_B, folder=tmp_path / "in")
    update(lib, a, authors=("ليلى حداد",), published="2024-03-09", section="ثقافة")
    try:
        with open_window(qtbot, lib, tmp_path, **kwargs) as session:
            window = session.window
            window.open_article(a)
            window.library_panel.select_article(a)
            window.bring_dock(window.info_dock)
            yield session, a, b
    finally:
        lib.close()


def type_into(qtbot, edit, text: str) -> None:
    """What a user does: select what is there, type over it, press Enter."""
    edit.window().activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    edit.selectAll()
    if text:
        edit.insert(text)  # QTest can only type ASCII
        edit.setModified(True)  # as typing would
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_the_panel_shows_the_open_article_and_its_captures(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, b):
        window, panel = session.window, session.window.info_panel
        assert window.info_dock.isVisible()
        assert window.info_dock.toggleViewAction().shortcut().toString() == "Ctrl+5"
        assert panel.edits["title"].text() == TITLE_A
        assert panel.edits["authors"].text() == "ليلى حداد"
        assert panel.edits["published"].text() == "2024-03-09"
        assert panel.edits["publisher"].text() == "الموقع"
        assert panel.no_captures.isVisible() and panel.capture_rows == []
        with session.lib.transaction():
            add_captures(
                session.lib,
                b,
                [
                    Capture(
                        "https://example.org/rain", "2024-05-02T10:00:00Z", "<urn:uuid:1>", "a.warc"
                    )
                ],
            )
        window.open_article(b)
        assert panel.edits["title"].text() == TITLE_B
        assert panel.edits["authors"].text() == ""
        assert len(panel.capture_rows) == 1
        shown = {key: field.text() for key, field in panel.capture_rows[0].items()}
        assert shown == {
            "date": "2024-05-02T10:00:00Z",
            "uri": "https://example.org/rain",
            "record_id": "<urn:uuid:1>",
            "file": "a.warc",
        }
        assert all(field.isReadOnly() for field in panel.capture_rows[0].values())
        assert not panel.no_captures.isVisible()
        window.open_article(a)
        assert panel.capture_rows == [] and panel.no_captures.isVisible()


def test_a_field_edit_is_one_undoable_operation(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, _b):
        window, panel, lib = session.window, session.window.info_panel, session.lib
        stack = window.annotations.stack
        type_into(qtbot, panel.edits["authors"], "ليلى حداد ؛ Omar Nasser")
        assert metadata(lib, a).authors == ("ليلى حداد", "Omar Nasser")
        assert panel.edits["authors"].text() == "ليلى حداد; Omar Nasser"
        assert stack.count() == 1 and stack.undoText() == "Edit Article Info"
        type_into(qtbot, panel.edits["section"], "كتب")
        assert stack.count() == 2
        # Enter again, or leaving the field unchanged, saves nothing more.
        panel.edits["section"].editingFinished.emit()
        assert stack.count() == 2
        stack.undo()
        assert metadata(lib, a).section == "ثقافة" and panel.edits["section"].text() == "ثقافة"
        stack.undo()
        assert metadata(lib, a).authors == ("ليلى حداد",)
        assert panel.edits["authors"].text() == "ليلى حداد"
        stack.redo()
        assert metadata(lib, a).authors == ("ليلى حداد", "Omar Nasser")
        assert panel.edits["authors"].text() == "ليلى حداد; Omar Nasser"


def test_a_new_title_shows_everywhere_and_is_searched(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, _b):
        window, panel, lib = session.window, session.window.info_panel, session.lib
        new = "سوق الكتب المستعملة تعود إلى الساحة"
        type_into(qtbot, panel.edits["title"], new)
        assert get_article(lib, a).title == new
        assert window.view.article.title == new  # the page shows it
        assert window.windowTitle().startswith(new)
        row = window.model.row_of(a)
        assert window.model.index(row, TITLE).data() == new
        assert count(lib, "تعود") == 1 and count(lib, "افتتاح") == 0
        window.annotations.stack.undo()
        assert window.view.article.title == TITLE_A and panel.edits["title"].text() == TITLE_A
        assert count(lib, "افتتاح") == 1 and count(lib, "تعود") == 0


def test_an_empty_title_is_refused_with_a_message(qtbot, tmp_path, monkeypatch):
    seen = answer_modals(monkeypatch)
    with info_window(qtbot, tmp_path) as (session, a, _b):
        window, panel, lib = session.window, session.window.info_panel, session.lib
        type_into(qtbot, panel.edits["title"], "")
        assert panel.errors["title"].isVisible()
        assert "title" in panel.errors["title"].text()
        assert panel.edits["title"].text() == TITLE_A  # kept
        assert metadata(lib, a).title == TITLE_A
        assert window.annotations.stack.count() == 0 and seen == []


def test_a_bad_date_is_refused_and_escape_puts_back_the_stored_one(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, _b):
        window, panel, lib = session.window, session.window.info_panel, session.lib
        edit = panel.edits["published"]
        type_into(qtbot, edit, "9/3/2024")
        assert panel.errors["published"].isVisible()
        assert edit.text() == "9/3/2024"  # left to be corrected
        assert metadata(lib, a).published == "2024-03-09"
        assert window.annotations.stack.count() == 0
        qtbot.keyClick(edit, Qt.Key.Key_Escape)
        assert edit.text() == "2024-03-09" and not panel.errors["published"].isVisible()
        type_into(qtbot, edit, "2024-03-10T08:00:00+03:00")
        assert metadata(lib, a).published == "2024-03-10T08:00:00+03:00"
        assert not panel.errors["published"].isVisible()
        # The list's Date column is the published date.
        assert window.model.index(window.model.row_of(a), DATE).data() == "2024-03-10"


def test_what_was_typed_is_saved_when_another_article_opens(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, b):
        window, panel, lib = session.window, session.window.info_panel, session.lib
        edit = panel.edits["identifier"]
        edit.setFocus()
        qtbot.keyClicks(edit, "urn:example:souq")
        window.step_article(1)  # Alt+Down: the field never lost the focus
        qtbot.waitUntil(lambda: window.view.article.id == b)
        assert metadata(lib, a).identifier == "urn:example:souq"
        assert panel.edits["identifier"].text() == ""


def test_the_panel_follows_another_process(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, _b):
        window, panel = session.window, session.window.info_panel
        other = open_library(tmp_path / "lib.sqlite")  # the CLI, meanwhile
        update(other, a, section="مجتمع", publisher="الرقيب")
        other.close()
        window._poll_changes()  # the window's poll: another process wrote
        assert panel.edits["section"].text() == "مجتمع"
        assert panel.edits["publisher"].text() == "الرقيب"
        row = window.model.row_of(a)
        assert "الرقيب" in window.model.index(row, 1).data()  # the Source column


def test_a_read_only_library_cannot_be_edited(qtbot, tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    a = add_article(lib, TITLE_A, BODY_A, folder=tmp_path / "in")
    lib.close()
    ro = open_library(tmp_path / "lib.sqlite", readonly=True)
    try:
        with open_window(qtbot, ro, tmp_path) as session:
            window, panel = session.window, session.window.info_panel
            window.open_article(a)
            assert all(edit.isReadOnly() for edit in panel.edits.values())
            panel.edits["title"].editingFinished.emit()
            assert window.annotations.stack.count() == 0
    finally:
        ro.close()


def test_arabic_and_latin_fields_read_in_their_own_direction(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, _a, b):
        window, panel = session.window, session.window.info_panel
        rtl, ltr = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
        assert panel.edits["title"].layoutDirection() == rtl  # an English interface
        assert panel.edits["authors"].layoutDirection() == rtl
        window.open_article(b)
        assert panel.edits["title"].layoutDirection() == ltr
        assert panel.edits["authors"].layoutDirection() == ltr  # empty: the interface's
        window.set_language("ar")
        assert QApplication.layoutDirection() == rtl
        assert panel.edits["authors"].layoutDirection() == rtl
        assert panel.edits["title"].layoutDirection() == ltr  # an English title
        assert panel.edits["url"].layoutDirection() == ltr
        assert panel.edits["published"].layoutDirection() == ltr


def test_the_address_opens_in_the_browser(qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    with info_window(qtbot, tmp_path) as (_session, a, _b):
        panel = _session.window.info_panel
        assert not panel.open_url.isEnabled()
        type_into(qtbot, panel.edits["url"], "https://example.org/souq")
        assert metadata(_session.lib, a).url == "https://example.org/souq"
        assert panel.open_url.isEnabled()
        panel.open_url.click()
        assert opened == ["https://example.org/souq"]
        type_into(qtbot, panel.edits["url"], "javascript:alert(1)")
        assert not panel.open_url.isEnabled()


def choose_column(panel, key: str) -> None:
    menu = QMenu()
    panel.add_column_actions(menu)
    action = next(act for act in menu.actions() if act.objectName() == f"column-{key}")
    action.trigger()
    menu.deleteLater()


def test_metadata_columns_are_chosen_from_the_header_and_remembered(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, _b):
        window = session.window
        panel, header = window.library_panel, window.library_panel.table.horizontalHeader()
        assert header.isSectionHidden(AUTHOR) and header.isSectionHidden(PUBLISHER)
        choose_column(panel, "author")
        choose_column(panel, "publisher")
        assert not header.isSectionHidden(AUTHOR) and header.sectionSize(AUTHOR) > 30
        row = window.model.row_of(a)
        assert window.model.index(row, AUTHOR).data() == "ليلى حداد"
        assert window.model.index(row, PUBLISHER).data() == "الموقع"
        # An edit repaints the row.
        type_into(qtbot, window.info_panel.edits["authors"], "Omar Nasser; ليلى حداد")
        assert window.model.index(row, AUTHOR).data() == "Omar Nasser; ليلى حداد"
        # A metadata column does not sort: the order stays what it was.
        before = window.model.sort_key
        header.sectionClicked.emit(AUTHOR)
        panel.table.sortByColumn(AUTHOR, Qt.SortOrder.AscendingOrder)
        qtbot.wait(10)
        assert window.model.sort_key == before
        assert header.sortIndicatorSection() != AUTHOR
        choose_column(panel, "words")  # the usual columns can go too
        assert header.isSectionHidden(3)
        settings = session.settings
    assert "author" in settings.library_columns() and "words" not in settings.library_columns()
    lib = open_library(tmp_path / "lib.sqlite")
    try:
        with open_window(qtbot, lib, tmp_path) as again:  # the same settings file
            header = again.window.library_panel.table.horizontalHeader()
            assert not header.isSectionHidden(AUTHOR) and not header.isSectionHidden(PUBLISHER)
            assert header.isSectionHidden(3)
    finally:
        lib.close()


def test_the_library_list_narrows_to_a_publisher_or_an_author(qtbot, tmp_path):
    with info_window(qtbot, tmp_path) as (session, a, b):
        window = session.window
        box = window.annotations.scope_box
        model = window.library_panel.model
        update(session.lib, b, publisher="صحيفة الوادي")
        # An edit of the publisher is content: the choices follow the change stream.
        window.changes.publish(Changes(content=frozenset({b})))
        texts = [box.itemText(i) for i in range(box.count())]
        assert "صحيفة الوادي (1)" in texts and "ليلى حداد (1)" in texts
        box.setCurrentIndex(texts.index("صحيفة الوادي (1)"))
        qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
        assert model.article_id(0) == b
        box.setCurrentIndex(texts.index("ليلى حداد (1)"))
        qtbot.waitUntil(lambda: model.article_id(0) == a, timeout=3000)
        assert model.rowCount() == 1
        box.show_all()
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=3000)
