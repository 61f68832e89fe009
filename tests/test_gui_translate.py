"""The translate mode: the parallel view, its keys, its edits (one undo step each), the
glossary strip, the consistency check, the list's progress column and status filter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from library.changes import EVERYTHING
from library.marks.entities import create_entity
from library.ops import translating
from library.storage.store import open_library
from library.translation.segments import stored_segments
from reader.translate.parallel_view import ParallelView
from reader.translate.segment_delegate import TargetEditor
from reader.translate.segment_model import SOURCE, TARGET
from reader.translate.split_dialog import SplitDialog
from reader.views.library_model import TRANSLATED

# Written for these tests: three sentences, the first and the third naming the
# organisation (the third after a clitic: لمنظمة).
TITLE = "اجتماع في جدة"
BODY = (
    "عقدت منظمة التعاون الإسلامي اجتماعاً طارئاً في جدة أمس. "
    "وقال المتحدث إن المحادثات ستستمر حتى نهاية الأسبوع. "
    "وأكد الوزير دعم بلاده لمنظمة التعاون الإسلامي في جهودها."
)
OTHER = "وصل الوفد إلى المدينة صباح اليوم. وبدأت الزيارة باجتماع قصير."


def make(tmp_path: Path):
    lib = open_library(tmp_path / "lib.sqlite")
    a = add_article(lib, TITLE, BODY, folder=tmp_path)
    b = add_article(lib, "وفد في المدينة", OTHER, folder=tmp_path)
    return lib, a, b


def translate_on(qtbot, window, article_id: int) -> ParallelView:
    assert window.open_article(article_id)
    window.translating.actions.mode.trigger()
    view = window.translating.view
    qtbot.waitUntil(view.isVisible)
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    return view


def type_into(qtbot, view: ParallelView, row: int, text: str) -> TargetEditor:
    view.go_to_row(row)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    editor = view.editor()
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    return editor


def targets(lib, article_id: int) -> list[tuple[str, str]]:
    return [(s.target, s.status) for s in stored_segments(lib, article_id)]


def test_the_mode_shows_every_segment_beside_an_empty_translation(qtbot, tmp_path):
    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        assert not window.view.isVisible()
        model = view.segments
        assert model.rowCount() == 3
        assert [model.index(r, SOURCE).data() for r in range(3)] == [
            s.exact for s in stored_segments(lib, a)
        ]
        assert all(model.index(r, TARGET).data() == "" for r in range(3))
        assert window.translating.progress_label.text() == "0 of 3 translated"
        # Rows are as tall as their text: laid out once the view has had a moment.
        qtbot.waitUntil(lambda: view.measured_rows() == 3)
        assert all(view.rowHeight(r) > view.fontMetrics().height() for r in range(3))
        window.translating.actions.mode.trigger()
        assert window.view.isVisible() and not view.isVisible()


def test_typing_and_committing_is_one_undoable_operation(qtbot, tmp_path):
    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        stack = window.annotations.stack
        editor = type_into(qtbot, view, 0, "The OIC held an emergency meeting in Jeddah.")
        assert stack.count() == 0  # typing writes nothing
        assert targets(lib, a)[0] == ("", "new")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert view.editor() is None
        assert targets(lib, a)[0] == ("The OIC held an emergency meeting in Jeddah.", "draft")
        assert stack.count() == 1 and stack.undoText() == "Translate Segment"
        assert view.segments.index(0, TARGET).data().startswith("The OIC")
        stack.undo()
        assert targets(lib, a)[0] == ("", "new")
        assert view.segments.index(0, TARGET).data() == ""
        stack.redo()
        assert targets(lib, a)[0][0].startswith("The OIC")
        # Moving to another row commits what was typed, once.
        type_into(qtbot, view, 1, "The spokesman said")
        view.go_to_row(2)
        assert targets(lib, a)[1] == ("The spokesman said", "draft")
        assert stack.count() == 2
        # Shift+Enter is a new line inside the translation.
        editor = type_into(qtbot, view, 2, "One")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(editor, "two")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert targets(lib, a)[2][0] == "One\ntwo"


def test_confirm_and_next_untranslated(qtbot, tmp_path):
    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        stack = window.annotations.stack
        editor = type_into(qtbot, view, 0, "First.")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert targets(lib, a)[0] == ("First.", "translated")
        assert stack.count() == 1  # text and status in one step
        assert view.current_row() == 1 and view.editor() is not None  # editing the next
        qtbot.keyClick(view.editor(), Qt.Key.Key_Escape)
        assert view.editor() is None and targets(lib, a)[1] == ("", "new")
        # F9 goes to the next segment still to translate, round the end.
        view.go_to_row(1)
        window.annotations.performer.perform(
            "translate",
            lambda db: translating.translate(
                db, stored_segments(db, a)[2].id, "Third.", status="translated"
            ),
        )
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_F9)
        assert view.current_row() == 1  # 2 is translated, 0 too: 1 is the only one left
        window.translating.next_untranslated()
        assert view.current_row() == 1
        assert window.translating.progress_label.text() == "2 of 3 translated"


def test_alt_arrows_move_between_segments_not_articles(qtbot, tmp_path):
    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        view.go_to_row(0)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        assert view.current_row() == 1 and window.view.article.id == a
        editor = type_into(qtbot, view, 1, "Middle.")
        qtbot.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
        assert targets(lib, a)[1] == ("Middle.", "draft")
        assert view.current_row() == 2 and view.editor() is not None
        qtbot.keyClick(view.editor(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
        assert view.current_row() == 1 and window.view.article.id == a


def test_mark_reviewed_and_note(qtbot, tmp_path, monkeypatch):
    lib, a, _b = make(tmp_path)
    from reader.dialogs.note_dialog import NoteDialog

    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        stack = window.annotations.stack
        qtbot.keyClick(type_into(qtbot, view, 0, "Done."), Qt.Key.Key_Return)
        view.setFocus()
        qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert targets(lib, a)[0] == ("Done.", "reviewed")
        assert stack.undoText() == "Change Segment Status"
        stack.undo()
        assert targets(lib, a)[0] == ("Done.", "draft")
        stack.redo()
        monkeypatch.setattr(
            NoteDialog,
            "get_note",
            classmethod(lambda cls, parent, quote, text="": "Check the name"),
        )
        qtbot.keyClick(view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
        assert stored_segments(lib, a)[0].note == "Check the name"
        assert stack.undoText() == "Segment Note"
        assert "Check the name" in view.segments.index(0, TARGET).data(Qt.ItemDataRole.ToolTipRole)
        stack.undo()
        assert stored_segments(lib, a)[0].note is None


def test_split_and_merge_through_the_menu(qtbot, tmp_path, monkeypatch):
    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        stack = window.annotations.stack
        first = stored_segments(lib, a)[0]
        cut = first.exact.index("اجتماعاً")
        monkeypatch.setattr(SplitDialog, "choose", classmethod(lambda cls, p, s, f: cut))
        view.go_to_row(0)
        menu = window.translating.actions.menu
        assert window.translating.actions.split in menu.actions()
        window.translating.actions.split.trigger()
        rows = stored_segments(lib, a)
        assert len(rows) == 4 and view.segments.rowCount() == 4
        assert rows[0].exact == first.exact[:cut].rstrip() and rows[1].exact.startswith("اجتماعاً")
        assert stack.undoText() == "Split Segment"
        stack.undo()
        assert view.segments.rowCount() == 3
        stack.redo()
        view.go_to_row(0)
        window.translating.actions.merge.trigger()
        assert view.segments.rowCount() == 3
        assert stored_segments(lib, a)[0].exact == first.exact
        assert stack.undoText() == "Merge Segments"
        # The last segment has nothing to merge with: said, not raised.
        from reader import messages

        said: list[str] = []
        monkeypatch.setattr(
            "reader.translate.translate_mode.show_error",
            lambda parent, title, text, *more: said.append(text),
        )
        assert messages  # the module the window shows errors with
        view.go_to_row(2)
        window.translating.actions.merge.trigger()
        assert said and view.segments.rowCount() == 3


def test_glossary_strip_and_consistency(qtbot, tmp_path):
    lib, a, _b = make(tmp_path)
    oic = create_entity(lib, "organisation", "منظمة التعاون الإسلامي")
    translating.set_term(lib, oic.id, "Organisation of Islamic Cooperation")
    translating.set_term(lib, oic.id, "Organization of the Islamic Conference", forbidden=True)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        strip = window.translating.strip
        view.go_to_row(0)
        qtbot.waitUntil(lambda: strip.term_texts() != [])
        (line,) = strip.term_texts()
        assert "منظمة التعاون الإسلامي" in line and "Organisation of Islamic Cooperation" in line
        assert "Organization of the Islamic Conference" in line
        view.go_to_row(1)
        qtbot.waitUntil(lambda: strip.term_texts() == [])
        view.go_to_row(2)  # لمنظمة: the clitic is not part of the name
        qtbot.waitUntil(lambda: strip.term_texts() != [])
        qtbot.keyClick(type_into(qtbot, view, 0, "The OIC met in Jeddah."), Qt.Key.Key_Return)
        qtbot.keyClick(
            type_into(
                qtbot, view, 2, "The minister backed the Organisation of Islamic Cooperation."
            ),
            Qt.Key.Key_Return,
        )
        strip.check.click()
        (issue,) = strip.issue_texts()
        assert issue.startswith("Segment 1") and "Organisation of Islamic Cooperation" in issue
        view.go_to_row(2)
        strip.issues.itemClicked.emit(strip.issues.item(0))
        assert view.current_row() == 0
        # Fixing the translation updates the list.
        qtbot.keyClick(
            type_into(qtbot, view, 0, "The Organisation of Islamic Cooperation met."),
            Qt.Key.Key_Return,
        )
        assert strip.issue_texts() == []


def test_progress_column_and_status_filter_in_the_library_list(qtbot, tmp_path):
    lib, a, b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        panel = window.library_panel
        panel.set_visible_columns([*panel.visible_columns(), "translated"])
        model = window.model
        row = model.row_of(a)
        assert model.index(row, TRANSLATED).data() is None  # never cut
        view = translate_on(qtbot, window, a)
        assert model.index(row, TRANSLATED).data() == "0/3"
        qtbot.keyClick(
            type_into(qtbot, view, 0, "First."),
            Qt.Key.Key_Return,
            Qt.KeyboardModifier.ControlModifier,
        )
        assert model.index(row, TRANSLATED).data() == "1/3"
        assert "1 of 3" in model.index(row, TRANSLATED).data(Qt.ItemDataRole.ToolTipRole)
        box = window.annotations.scope_box
        box.show_translation_status("in-progress")
        assert model.rowCount() == 1 and model.article_id(0) == a
        box.show_translation_status("untranslated")
        assert model.rowCount() == 1 and model.article_id(0) == b
        box.show_all()
        assert model.rowCount() == 2


def test_another_process_translating_shows_after_the_poll(qtbot, tmp_path):
    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        other = open_library(tmp_path / "lib.sqlite")
        try:
            seg = stored_segments(other, a)[1]
            translating.translate(other, seg.id, "From the command line.", status="translated")
        finally:
            other.close()
        qtbot.waitUntil(
            lambda: view.segments.index(1, TARGET).data() == "From the command line.",
            timeout=5000,
        )
        assert window.translating.progress_label.text() == "1 of 3 translated"


def test_an_arabic_interface_keeps_the_source_on_the_right(qtbot, tmp_path):
    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path, language="ar") as session:
        window = session.window
        assert window.isRightToLeft()
        view = translate_on(qtbot, window, a)
        source = view.visualRect(view.segments.index(0, SOURCE))
        target = view.visualRect(view.segments.index(0, TARGET))
        assert source.left() > target.left()  # the Arabic on the reading start: the right
        # The translation is in its own direction: an English editor is left to right.
        editor = type_into(qtbot, view, 0, "Left to right")
        assert editor.layoutDirection() == Qt.LayoutDirection.LeftToRight
        qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_translation_language_dialog_sets_the_library_language(qtbot, tmp_path, monkeypatch):
    from library.translation.segments import translation_language
    from reader.dialogs.translation_language_dialog import TranslationLanguageDialog

    lib, a, _b = make(tmp_path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        view = translate_on(qtbot, window, a)
        monkeypatch.setattr(
            TranslationLanguageDialog, "choose", classmethod(lambda cls, parent, current: "fr")
        )
        window.translating.actions.language.trigger()
        assert translation_language(lib) == "fr"
        assert "fr" in view.segments.headerData(TARGET, Qt.Orientation.Horizontal)
        dialog = TranslationLanguageDialog("en")
        dialog.combo.setEditText("pt-BR")
        assert dialog.language() == "pt-BR"
        dialog.combo.setEditText("not a tag!")
        assert not dialog.buttons.buttons()[0].isEnabled()
        dialog.deleteLater()


SHOTS = Path(os.environ.get("HASHIYA_PARALLEL_SHOTS", "/tmp"))


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(qtbot, tmp_path, language, theme):
    lib, a, _b = make(tmp_path)
    oic = create_entity(lib, "organisation", "منظمة التعاون الإسلامي")
    translating.set_term(lib, oic.id, "Organisation of Islamic Cooperation")
    with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
        window = session.window
        window.resize(1280, 760)
        view = translate_on(qtbot, window, a)
        rows = stored_segments(lib, a)
        translating.translate(
            lib,
            rows[0].id,
            "The Organisation of Islamic Cooperation held an emergency meeting in Jeddah yesterday.",
            status="reviewed",
        )
        translating.translate(
            lib,
            rows[1].id,
            "The spokesman said the talks would go on until the end of the week.",
            status="translated",
        )
        translating.set_note(lib, rows[1].id, "Check: “talks” or “negotiations”?")
        translating.translate(lib, rows[2].id, "The minister affirmed his country's support")
        window.changes.publish(EVERYTHING)
        view.go_to_row(0)
        qtbot.waitUntil(lambda: window.translating.strip.term_texts() != [])
        window.translating.check_consistency()
        qtbot.wait(50)
        QApplication.processEvents()
        path = SHOTS / f"parallel-{language}-{theme}.png"
        assert window.grab().save(str(path))
        assert path.stat().st_size > 10_000
