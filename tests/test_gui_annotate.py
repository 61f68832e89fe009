"""Annotating in the reader with the keyboard and the mouse, as a user does: select, press
a key, check what the library holds; undo and redo; a restart; another process."""

from __future__ import annotations

import subprocess
import sys

import pytest
from annotate_helpers import (
    OIC,
    answer,
    drag,
    make_library,
    point,
    reading,
    rows,
    select,
    settle,
    span,
)
from gui_helpers import open_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from library.changes import EVERYTHING
from library.marks.annotations import annotations_for
from library.marks.entities import create_entity, entities, find_entity, get_entity
from library.marks.tags import tag_articles
from library.storage.store import open_library
from reader.dialogs.entity_dialog import AliasDialog, EntityDialog, EntityPickerDialog
from reader.dialogs.note_dialog import NoteDialog
from reader.views.highlight_painter import SpanStyle


@pytest.fixture
def library(tmp_path):
    lib, a, b = make_library(tmp_path / "lib.sqlite")
    yield lib, a, b
    lib.close()


def key(qtbot, window, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.view, k, modifier)


def test_a_key_highlights_the_selection_snapped_to_whole_words(qtbot, library, tmp_path):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        word = span(body, "الأمين")
        # From between the lam and the alef to the middle of the word: the whole word.
        select(window, word[0] + 2, word[0] + 4)
        key(qtbot, window, Qt.Key.Key_1)
        [mark] = annotations_for(lib, a)
        assert (mark.kind, mark.colour, mark.start, mark.end) == ("highlight", "yellow", *word)
        assert mark.exact == "الأمين"
        # Painted, and listed in the panel, at once.
        fills = [s for s in window.view.layer("annotations") if s.style is SpanStyle.FILL]
        assert [(s.start, s.end) for s in fills] == [word]
        assert window.annotation_panel.model.rows == [mark]
        # The same passage with another key changes its colour rather than doubling it.
        select(window, *word)
        key(qtbot, window, Qt.Key.Key_3)
        [mark] = annotations_for(lib, a)
        assert mark.colour == "blue"
        assert window.acts.all()  # the window is alive
        assert window.annotations.actions.undo.text().startswith("&Undo Change Colour")


def test_holding_alt_while_selecting_keeps_the_exact_selection(qtbot, library, tmp_path):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        start, _ = span(body, "الوساطة")
        drag(qtbot, window.view, start + 1, start + 4, Qt.KeyboardModifier.AltModifier)
        assert window.view.selection_span() == (start + 1, start + 4)
        key(qtbot, window, Qt.Key.Key_2)
        [mark] = annotations_for(lib, a)
        assert (mark.start, mark.end, mark.colour) == (start + 1, start + 4, "green")
        # Without the modifier the same drag snaps to the word.
        drag(qtbot, window.view, start + 1, start + 4)
        key(qtbot, window, Qt.Key.Key_4)
        marks = annotations_for(lib, a)
        assert (start, start + len("الوساطة"), "pink") in [
            (m.start, m.end, m.colour) for m in marks
        ]


def test_e_tags_an_entity_without_the_attached_clitic(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b = library
    shown = answer(
        monkeypatch,
        EntityDialog,
        lambda d: d.type_box.setCurrentIndex(d.type_box.findData("organisation")),
    )
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        select(window, *span(body, "لمنظمة التعاون الإسلامي"))
        key(qtbot, window, Qt.Key.Key_E)
        [dialog] = shown
        # The dialog offers the name without the ل, and to keep the ل if the user asks.
        assert dialog.name_box.text() == OIC
        assert not dialog.clitic.isHidden()
        assert "“\u2068ل\u2069”" in dialog.clitic.text()
        [mention] = annotations_for(lib, a)
        assert mention.kind == "entity"
        assert mention.exact == OIC
        assert (mention.start, mention.end) == span(body, OIC)
        entity = get_entity(lib, mention.entity_id)
        assert (entity.type, entity.name) == ("organisation", OIC)
        underlines = [s for s in window.view.layer("annotations") if s.style is SpanStyle.UNDERLINE]
        assert [(s.start, s.end) for s in underlines] == [span(body, OIC)]
        # Only where the user asks: the ل stays in.
        answer(monkeypatch, EntityDialog, lambda d: d.clitic.setChecked(True))
        select(window, *span(body, "لمنظمة التعاون الإسلامي"))
        key(qtbot, window, Qt.Key.Key_E)
        assert [m.exact for m in annotations_for(lib, a)] == ["لمنظمة التعاون الإسلامي", OIC]
        assert len(entities(lib)) == 1  # the same entity both times


def test_a_shorter_name_is_offered_as_an_alias(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b = library
    oic = create_entity(lib, "organisation", OIC)
    answer(
        monkeypatch,
        EntityDialog,
        lambda d: d.type_box.setCurrentIndex(d.type_box.findData("organisation")),
    )
    offered = answer(monkeypatch, AliasDialog, lambda d: setattr(d, "answer", AliasDialog.ALIAS))
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        select(window, *span(body, "التعاون الإسلامي", 2))
        key(qtbot, window, Qt.Key.Key_E)
        [dialog] = offered
        assert dialog.chosen().id == oic.id
        [mention] = annotations_for(lib, a)
        assert mention.entity_id == oic.id
        assert "التعاون الإسلامي" in get_entity(lib, oic.id).aliases
        assert len(entities(lib)) == 1
        # Undo takes the mention and the alias back.
        window.annotations.stack.undo()
        assert annotations_for(lib, a) == []
        assert get_entity(lib, oic.id).aliases == ()


def test_n_writes_a_note_on_the_passage_or_on_the_article(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b = library
    shown = answer(
        monkeypatch, NoteDialog, lambda d: d.editor.setPlainText("Check the date — تاريخ؟")
    )
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        select(window, *span(body, "يوم 12 مايو 2024"))
        key(qtbot, window, Qt.Key.Key_N)
        [note] = annotations_for(lib, a)
        assert (note.kind, note.note, note.exact) == (
            "note",
            "Check the date — تاريخ؟",
            "يوم 12 مايو 2024",
        )
        frames = [s for s in window.view.layer("annotations") if s.style is SpanStyle.FRAME]
        assert [(s.start, s.end) for s in frames] == [(note.start, note.end)]
        # Nothing selected: a note on the whole article, first in the panel.
        window.view.textCursor().clearSelection()
        cursor = window.view.textCursor()
        cursor.clearSelection()
        window.view.setTextCursor(cursor)
        key(qtbot, window, Qt.Key.Key_N)
        marks = annotations_for(lib, a)
        assert marks[0].is_article_note and marks[0].note == "Check the date — تاريخ؟"
        assert window.annotation_panel.model.rows[0].is_article_note
        assert len(shown) == 2
        assert shown[1].quote.text() == "A note on the whole article."
        # Cancelling writes nothing.
        answer(monkeypatch, NoteDialog, result=0)
        key(qtbot, window, Qt.Key.Key_N)
        assert len(annotations_for(lib, a)) == 2


def test_delete_removes_the_annotation_under_the_caret_and_undo_brings_it_back(
    qtbot, library, tmp_path
):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        select(window, *span(body, "الرياض"))
        key(qtbot, window, Qt.Key.Key_5)
        before = rows(lib)
        assert len(before) == 1
        # The caret alone, inside the word.
        cursor = window.view.textCursor()
        cursor.setPosition(window.view.text_map.to_doc(span(body, "الرياض")[0] + 2))
        window.view.setTextCursor(cursor)
        key(qtbot, window, Qt.Key.Key_Delete)
        assert rows(lib) == []
        assert [
            s for s in window.view.layer("annotations") if s.style is not SpanStyle.DOTTED
        ] == []
        assert window.annotations.actions.undo.text().startswith("&Undo Remove Annotation")
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert rows(lib) == before  # the same row: id, times, everything
        qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
        assert rows(lib) == []


def test_undo_and_redo_replay_every_kind_of_edit_exactly(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b = library
    answer(monkeypatch, NoteDialog, lambda d: d.editor.setPlainText("ملاحظة"))
    answer(
        monkeypatch,
        EntityDialog,
        lambda d: d.type_box.setCurrentIndex(d.type_box.findData("person")),
    )
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        stack = window.annotations.stack
        body = window.view.article.body
        states = [rows(lib)]
        for k, part in (
            (Qt.Key.Key_1, "الأمين العام"),
            (Qt.Key.Key_N, "الوساطة"),
            (Qt.Key.Key_E, "عادل فهمي"),
            (Qt.Key.Key_2, "الأمين"),  # overlaps the first highlight
        ):
            select(window, *span(body, part))
            key(qtbot, window, k)
            states.append(rows(lib))
        window.annotation_panel.model.edit_requested.emit(states[-1][0][0], "colour", "orange")
        states.append(rows(lib))
        select(window, *span(body, "الأمين العام"))
        key(qtbot, window, Qt.Key.Key_Delete)
        states.append(rows(lib))
        assert len({len(s) for s in states}) > 3 and states[-1] != states[-2]
        entities_before = [e.id for e in entities(lib)]
        for expected in reversed(states[:-1]):
            stack.undo()
            assert rows(lib) == expected
        assert entities(lib) == []  # the entity the tagging created is gone too
        for expected in states[1:]:
            stack.redo()
            assert rows(lib) == expected
        assert [e.id for e in entities(lib)] == entities_before
        # What the stack says in the Edit menu, and in which order.
        assert [stack.text(n) for n in range(stack.count())] == [
            "Highlight", "Note", "Tag Entity", "Highlight", "Change Colour", "Remove Annotation",
        ]  # fmt: skip


def test_merge_and_accept_all_undo(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        stack = window.annotations.stack
        annotator = window.annotations.annotator
        # Accept every suggestion of the article in one step, then undo it.
        qtbot.waitUntil(lambda: bool(window.annotations.suggestions.items), timeout=5000)
        suggested = list(window.annotations.suggestions.items)
        before = rows(lib)
        key(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
        assert len(rows(lib)) == len(before) + len(suggested)
        assert stack.undoText() == "Accept All Suggestions"
        stack.undo()
        assert rows(lib) == before
        stack.redo()
        accepted = rows(lib)
        assert len(accepted) == len(before) + len(suggested)
        # Two entities for the same organisation, merged.
        person = find_entity(lib, "عادل فهمي")
        assert person is not None
        twin = create_entity(lib, person.type, "الدكتور عادل")
        answer(monkeypatch, EntityPickerDialog, lambda d: d.select(person.id))
        annotator.merge_entity(twin.id)
        assert stack.undoText() == "Merge Entities"
        assert "الدكتور عادل" in get_entity(lib, person.id).aliases
        stack.undo()
        assert get_entity(lib, twin.id).name == "الدكتور عادل"
        assert get_entity(lib, person.id).aliases == person.aliases
        stack.redo()
        assert find_entity(lib, "الدكتور عادل").id == person.id


def test_keys_do_not_fire_while_typing_in_the_find_bar(qtbot, library, tmp_path):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        select(window, *span(body, "الرياض"))
        window.open_find_bar()
        qtbot.waitUntil(window.find_bar.box.hasFocus)
        window.find_bar.box.clear()
        for k in (Qt.Key.Key_1, Qt.Key.Key_N, Qt.Key.Key_E, Qt.Key.Key_S, Qt.Key.Key_X):
            qtbot.keyClick(window.find_bar.box, k)
        assert window.find_bar.box.text() == "1nesx"
        assert rows(lib) == []
        # The search box and the list's filter too.
        window.focus_filter()
        qtbot.keyClick(window.library_panel.filter_box, Qt.Key.Key_2)
        assert rows(lib) == []


def test_the_gestures_are_in_the_annotate_menu_and_the_shortcuts_window(qtbot, library, tmp_path):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        acts = window.annotations.actions
        menu = acts.menu
        assert menu in [action.menu() for action in window.menuBar().actions()]
        assert menu.title() == "&Annotate"
        for action in [
            *acts.highlights,
            acts.note,
            acts.entity,
            acts.remove,
            acts.accept,
            acts.reject,
            acts.accept_all,
        ]:
            assert action in menu.actions()
            assert "\t" in action.text()  # the menu shows the key
        assert acts.highlights[0].shortcut() == QKeySequence("1")
        assert acts.highlights[1].text().startswith("Highlight: Quote")
        assert window.menus.edit.actions()[:2] == [acts.undo, acts.redo]
        from reader.dialogs.shortcuts_dialog import shortcut_rows

        listed = dict(shortcut_rows(window.acts.all() + window.annotations.shortcut_actions()))
        assert "Tag Entity" in listed and "Add Note" in listed and "Undo" in listed
        assert "Accept All Suggestions" in listed
        assert QKeySequence("Shift+S") in acts.accept_all.shortcuts()


def test_a_restart_keeps_every_annotation(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    lib, a, _b = make_library(path)
    answer(monkeypatch, NoteDialog, lambda d: d.editor.setPlainText("بعد إعادة التشغيل"))
    answer(
        monkeypatch,
        EntityDialog,
        lambda d: d.type_box.setCurrentIndex(d.type_box.findData("place")),
    )
    try:
        with reading(qtbot, lib, tmp_path, a) as session:
            window = session.window
            body = window.view.article.body
            for k, part in (
                (Qt.Key.Key_1, "الأمين العام"),
                (Qt.Key.Key_E, "الرياض"),
                (Qt.Key.Key_N, "الوساطة"),
            ):
                select(window, *span(body, part))
                key(qtbot, window, k)
            kept = rows(lib)
            settle(qtbot, window)
            painted = window.view.layer("annotations")
            assert len(kept) == 3
    finally:
        lib.close()
    again = open_library(path)
    try:
        assert rows(again) == kept
        with reading(qtbot, again, tmp_path, a) as session:
            window = session.window
            assert [m.id for m in window.annotation_panel.model.rows] == [
                r[0] for r in sorted(kept, key=lambda r: r[3])
            ]
            settle(qtbot, window)
            assert [(s.start, s.end, s.style) for s in window.view.layer("annotations")] == [
                (s.start, s.end, s.style) for s in painted
            ]
    finally:
        again.close()


def test_an_annotation_from_another_process_shows_after_the_poll(qtbot, library, tmp_path):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        start, end = span(body, "الرياض")
        command = (
            "import sys; from library.cli import main; "
            f"sys.exit(main(['annotate', '{a}', '--start', '{start}', '--end', '{end}', "
            f"'--highlight', 'green', '--library', r'{lib.path}']))"
        )
        result = subprocess.run([sys.executable, "-c", command], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        qtbot.waitUntil(lambda: window.annotation_panel.model.rowCount() == 1, timeout=5000)
        [mark] = window.annotation_panel.model.rows
        assert (mark.start, mark.end, mark.colour) == (start, end, "green")
        fills = [s for s in window.view.layer("annotations") if s.style is SpanStyle.FILL]
        assert [(s.start, s.end) for s in fills] == [(start, end)]
        # The list's count follows too.
        assert window.model.summary(0).annotations + window.model.summary(1).annotations == 1


def test_a_read_only_library_takes_no_annotation(qtbot, tmp_path):
    path = tmp_path / "lib.sqlite"
    lib, a, _b = make_library(path)
    lib.close()
    readonly = open_library(path, readonly=True)
    try:
        with open_window(qtbot, readonly, tmp_path) as session:
            window = session.window
            window.open_article(a)
            window.view.select_span(0, 5)
            window.annotations.annotator.highlight(1)
            assert rows(readonly) == []
            assert not window.annotations.actions.note.isEnabled()
            assert QApplication.instance() is not None
    finally:
        readonly.close()


def test_the_context_menu_offers_what_is_under_the_mouse(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        view = window.view
        body = view.article.body
        select(window, *span(body, "الأمين العام"))
        key(qtbot, window, Qt.Key.Key_1)
        [mark] = annotations_for(lib, a)
        settle(qtbot, window)
        menu = view.createStandardContextMenu()
        window.annotations.annotator.extend_menu(menu, point(view, mark.start + 2))
        texts = [action.text() for action in menu.actions()]
        assert texts[0] == "Edit Note on “\u2068الأمين العام\u2069”…"
        assert texts[1] == "Remove “\u2068الأمين العام\u2069”"
        assert any(t.startswith("&Copy") for t in texts)  # Qt's own entries stay, after ours
        menu.actions()[1].trigger()
        assert annotations_for(lib, a) == []
        # On a suggestion: accept or reject it.
        place = next(s for s in window.annotations.suggestions.items if s.text == "الرياض")
        menu = view.createStandardContextMenu()
        window.annotations.annotator.extend_menu(menu, point(view, place.start + 2))
        accept = next(a for a in menu.actions() if a.text().startswith("Accept"))
        assert accept.text() == "Accept “\u2068الرياض\u2069” (Place)"
        accept.trigger()
        assert [m.exact for m in annotations_for(lib, a)] == ["الرياض"]
        menu.deleteLater()


def test_a_theme_change_recolours_the_marks_and_a_new_library_clears_undo(qtbot, library, tmp_path):
    lib, a, _b = library
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        select(window, *span(body, "الرياض"))
        key(qtbot, window, Qt.Key.Key_1)

        def fills():
            return [
                s.colour.name()
                for s in window.view.layer("annotations")
                if s.style is SpanStyle.FILL
            ]

        light = fills()
        window.acts.theme_dark.trigger()
        dark = fills()
        assert light and dark and light != dark
        window.acts.theme_light.trigger()
        assert fills() == light
        # Another library: nothing to undo there, no marks of the old one shown.
        # (with the list narrowed to a tag of the old library)
        tag_articles(lib, [a], "Gaza")
        window.changes.publish(EVERYTHING)
        window.annotations.scope_box.show_tag("Gaza")
        assert window.model.rowCount() == 1
        other_lib, _x, _y = make_library(tmp_path / "other.sqlite")
        other_lib.close()
        assert window.switch_library(tmp_path / "other.sqlite")
        assert window.annotations.stack.count() == 0
        assert window.annotation_panel.model.rowCount() == 0
        assert window.model.rowCount() == 2
