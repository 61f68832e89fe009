"""The annotation panel, the entity index, Tag All Occurrences, suggestions, and the
library list's tag and entity filters, on real libraries."""

from __future__ import annotations

import pytest
from annotate_helpers import (
    OIC,
    answer,
    bodies,
    make_library,
    reading,
    rows,
    settle,
    span,
)
from gui_helpers import insert_articles, open_window
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from library.changes import EVERYTHING
from library.marks.annotations import add_highlight, add_note, annotations_for
from library.marks.entities import create_entity, find_entity, tag_entity
from library.marks.suggest import decisions
from library.marks.tags import articles_with_tag, tag_articles, tags_for
from library.storage.store import open_library
from reader.dialogs.occurrences_dialog import LIBRARY, OccurrencesDialog
from reader.dialogs.tags_dialog import TagsDialog
from reader.panels.annotation_panel import AnnotationRole
from reader.panels.entity_index import MENTIONS, NAME, EntityRole
from reader.views.highlight_painter import SpanStyle


@pytest.fixture
def library(tmp_path):
    lib, a, b = make_library(tmp_path / "lib.sqlite")
    yield lib, a, b
    lib.close()


def marked(lib, a, body):
    """A highlight, a note, an entity mention and a second highlight over the first."""
    h1 = add_highlight(lib, a, *span(body, "الأمين العام"), "yellow")
    note = add_note(lib, a, *span(body, "الوساطة"), "من هم الطرفان؟")
    mention = tag_entity(lib, a, *span(body, "عادل فهمي"), entity_type="person").annotation
    h2 = add_highlight(lib, a, *span(body, "العام إن"), "blue")
    return h1, note, mention, h2


def test_the_panel_lists_in_reading_order_filters_and_jumps(qtbot, library, tmp_path):
    lib, a, _b = library
    body = bodies(lib)[a]
    h1, note, mention, h2 = marked(lib, a, body)
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        panel = window.annotation_panel
        window.annotation_dock.show()
        assert [m.id for m in panel.model.rows] == [h1.id, h2.id, note.id, mention.id]
        assert panel.status.text() == "Annotations: 4"
        # What a row says: the kind, the colour's or entity's name, the quote, the note.
        index = panel.model.index(2, 0)
        assert index.data() == "من هم الطرفان؟".join(["الوساطة — ", ""])
        assert panel.model.index(0, 0).data().startswith("Highlight — الأمين العام")
        assert panel.model.index(3, 0).data().startswith("Person · عادل فهمي")
        # Filters: by kind, by colour, by entity type.
        panel.set_filters(kind="highlight")
        assert [
            panel.model.index(r, 0).data(AnnotationRole).id for r in range(panel.model.rowCount())
        ] == [h1.id, h2.id]
        assert panel.status.text() == "Annotations shown: 2 of 4"
        panel.set_filters(colour="blue")
        assert panel.model.rowCount() == 1
        panel.set_filters(entity_type="person")
        assert [panel.model.index(0, 0).data(AnnotationRole).id] == [mention.id]
        panel.set_filters(entity_type="place")
        assert panel.model.rowCount() == 0
        panel.set_filters()
        assert panel.model.rowCount() == 4
        # A click shows the passage in the article: selected and in view.
        rect = panel.list.visualRect(panel.index_of(note.id))
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.view.selection_span() == (note.start, note.end)


def test_editing_in_the_panel_changes_note_colour_and_entity_with_undo(qtbot, library, tmp_path):
    lib, a, _b = library
    body = bodies(lib)[a]
    h1, note, mention, _h2 = marked(lib, a, body)
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        panel = window.annotation_panel
        window.annotation_dock.show()
        stack = window.annotations.stack
        # The note, edited in place (double-click, type, Ctrl+Enter).
        assert panel.edit(note.id)
        editor = panel.list.findChild(QPlainTextEdit, "noteEditor")
        assert editor is not None and editor.toPlainText() == "من هم الطرفان؟"
        editor.setPlainText("الطرفان: الحكومة والمعارضة")
        qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: stack.count() == 1)
        assert {m.id: m.note for m in annotations_for(lib, a)}[
            note.id
        ] == "الطرفان: الحكومة والمعارضة"
        assert stack.undoText() == "Edit Note"
        # The colour, chosen from the palette in place.
        assert panel.edit(h1.id)
        box = panel.list.findChild(QComboBox, "colourEditor")
        box.setCurrentIndex(box.findData("pink"))
        box.activated.emit(box.currentIndex())
        qtbot.waitUntil(lambda: stack.count() == 2)
        assert {m.id: m.colour for m in annotations_for(lib, a)}[h1.id] == "pink"
        # The entity, by name: a new name makes a new entity of the same type.
        assert panel.edit(mention.id)
        line = panel.list.findChild(QLineEdit, "entityEditor")
        assert line.text() == "عادل فهمي"
        line.setText("عادل فهمي الكبير")
        qtbot.keyClick(line, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: stack.count() == 3)
        relinked = {m.id: m.entity_id for m in annotations_for(lib, a)}[mention.id]
        assert find_entity(lib, "عادل فهمي الكبير").id == relinked
        assert stack.undoText() == "Change Entity"
        stack.undo()
        assert {m.id: m.entity_id for m in annotations_for(lib, a)}[mention.id] == mention.entity_id
        assert find_entity(lib, "عادل فهمي الكبير") is None
        stack.undo()
        stack.undo()
        assert {m.id: (m.colour, m.note) for m in annotations_for(lib, a)}[h1.id] == (
            "yellow",
            None,
        )
        assert {m.id: m.note for m in annotations_for(lib, a)}[note.id] == "من هم الطرفان؟"
        # Delete from the panel's keyboard, several at once.
        panel.list.setFocus()
        selection = panel.list.selectionModel()
        selection.clearSelection()
        for r in (0, 1):
            selection.select(panel.model.index(r, 0), QItemSelectionModel.SelectionFlag.Select)
        qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
        assert {m.id for m in annotations_for(lib, a)} == {note.id, mention.id}
        stack.undo()
        assert len(annotations_for(lib, a)) == 4


def test_the_entity_index_counts_and_opens_an_article_at_a_mention(qtbot, library, tmp_path):
    lib, a, b = library
    texts = bodies(lib)
    oic = create_entity(lib, "organisation", OIC, ["المنظمة"])
    for article_id, nth in ((a, 0), (a, 1), (b, 0)):
        tag_entity(lib, article_id, *span(texts[article_id], OIC, nth), entity_id=oic.id)
    tag_entity(lib, b, *span(texts[b], "عادل فهمي"), entity_type="person")
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        index = window.entity_index
        window.entity_dock.show()
        window.entity_dock.raise_()
        qtbot.waitUntil(lambda: index.model.rowCount() == 2)
        # Sorted by mentions: the organisation first, with its type, aliases and counts.
        first = index.proxy.index(0, NAME)
        assert first.data() == OIC
        assert [index.proxy.index(0, c).data() for c in range(5)] == [
            OIC,
            "Organisation",
            "المنظمة",
            "3",
            "2",
        ]
        assert index.proxy.index(1, MENTIONS).data() == "1"
        index.table.selectRow(0)
        assert index.mentions.rowCount() == 3
        assert index.mentions_label.text() == f"Mentions of “\u2068{OIC}\u2069”: 3, in 2 articles"
        mention = index.mentions.rows[2]
        assert mention.title == "وفد في القاهرة"
        assert OIC in mention.sentence
        # Double-click a mention: its article opens with the mention selected.
        index.mention_list.scrollTo(index.mentions.index(2))
        rect = index.mention_list.visualRect(index.mentions.index(2))
        qtbot.mouseClick(
            index.mention_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        qtbot.mouseDClick(
            index.mention_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
        assert window.view.article.id == b
        assert window.view.selection_span() == (mention.annotation.start, mention.annotation.end)
        assert window.library_panel.current_article() == b
        # The filter box narrows by folded names and aliases; the type box by type.
        index.filter_box.setText("منظمه")
        assert index.proxy.rowCount() == 1
        index.filter_box.clear()
        index.type_box.setCurrentIndex(index.type_box.findData("person"))
        assert index.proxy.rowCount() == 1
        index.type_box.setCurrentIndex(0)
        # A new mention updates the counts while the index is shown.
        window.view.select_span(*span(texts[b], "عادل فهمي"))
        tag_entity(lib, b, *span(texts[b], "القاهرة"), entity_type="place")
        window.changes.publish(EVERYTHING)
        qtbot.waitUntil(lambda: index.model.rowCount() == 3)
        # "Filter the library": only the articles that mention it.
        index.select_entity(oic.id)
        index.commands["filter"].trigger()
        assert window.model.rowCount() == 2
        assert window.annotations.scope_box.currentText() == OIC
        person = find_entity(lib, "عادل فهمي")
        index.select_entity(person.id)
        index.commands["filter"].trigger()
        assert window.model.rowCount() == 1 and window.model.article_id(0) == b


def test_tag_all_occurrences_in_the_article_and_the_library(qtbot, library, tmp_path, monkeypatch):
    lib, a, b = library
    texts = bodies(lib)
    first = tag_entity(lib, a, *span(texts[a], OIC), entity_type="organisation")
    entity_id = first.entity.id

    def accept_one_then_all(dialog):
        qtbot.waitUntil(lambda: not dialog.searching, timeout=5000)
        if dialog.scope.currentData() == "article":
            # The other one in this article (the ل of لمنظمة left out), unchecked then back.
            assert [(o.article_id, o.exact) for o in dialog.model.rows] == [(a, OIC)]
            dialog.accept_selected.click()
        else:
            assert [(o.article_id, o.exact) for o in dialog.model.rows] == [(b, OIC)]
            assert dialog.model.data(dialog.model.index(0), Qt.ItemDataRole.DisplayRole).startswith(
                "وفد في القاهرة"
            )
            dialog.accept_all.click()
        assert dialog.model.rowCount() == 0
        assert dialog.status.text() == "No untagged occurrences."

    shown = answer(monkeypatch, OccurrencesDialog, accept_one_then_all, result=0)
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        # From a tagged mention in the article: Shift+E.
        cursor = window.view.textCursor()
        cursor.setPosition(window.view.text_map.to_doc(first.annotation.start + 3))
        window.view.setTextCursor(cursor)
        qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
        assert len(shown) == 1
        mentions = [m for m in annotations_for(lib, a) if m.entity_id == entity_id]
        assert [m.exact for m in mentions] == [OIC, OIC]
        assert window.annotations.stack.undoText() == "Tag Occurrences"
        # From the entity index: the whole library.
        window.annotations.annotator.tag_occurrences(entity_id, LIBRARY)
        assert len(shown) == 2
        assert [m.exact for m in annotations_for(lib, b)] == [OIC]
        window.annotations.stack.undo()
        assert annotations_for(lib, b) == []


def test_one_by_one_with_the_checkboxes(qtbot, library, tmp_path, monkeypatch):
    lib, a, b = library
    texts = bodies(lib)
    first = tag_entity(lib, b, *span(texts[b], OIC), entity_type="organisation")

    def uncheck_one(dialog):
        qtbot.waitUntil(lambda: not dialog.searching, timeout=5000)
        assert dialog.model.rowCount() == 2
        dialog.model.setData(
            dialog.model.index(0), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
        )
        dialog.accept_selected.click()
        assert dialog.model.rowCount() == 1

    answer(monkeypatch, OccurrencesDialog, uncheck_one, result=0)
    with reading(qtbot, lib, tmp_path, b) as session:
        window = session.window
        window.annotations.annotator.tag_occurrences(first.entity.id, LIBRARY)
        tagged = [m for m in annotations_for(lib, a) if m.entity_id == first.entity.id]
        assert len(tagged) == 1


def test_suggestions_are_dotted_and_decided_with_one_key(qtbot, tmp_path):
    path = tmp_path / "lib.sqlite"
    lib, a, _b = make_library(path)
    try:
        with reading(qtbot, lib, tmp_path, a) as session:
            window = session.window
            settle(qtbot, window)
            items = window.annotations.suggestions.items
            dotted = [
                (s.start, s.end)
                for s in window.view.layer("annotations")
                if s.style is SpanStyle.DOTTED
            ]
            assert dotted == [(s.start, s.end) for s in items] and len(items) >= 4
            assert window.annotation_panel.suggestions_label.text() == f"Suggestions: {len(items)}"
            place = next(s for s in items if s.text == "الرياض")
            date = next(s for s in items if s.type == "date")
            # F8 goes to the first suggestion, selected.
            qtbot.keyClick(window.view, Qt.Key.Key_F8)
            assert window.view.selection_span() == (items[0].start, items[0].end)
            # X on the date rejects it; S on the place accepts it.
            window.view.select_span(date.start, date.end)
            qtbot.keyClick(window.view, Qt.Key.Key_X)
            assert [(d.text, d.type) for d in decisions(lib, a)] == [(date.text, "date")]
            cursor = window.view.textCursor()
            cursor.setPosition(window.view.text_map.to_doc(place.start + 1))
            window.view.setTextCursor(cursor)
            qtbot.keyClick(window.view, Qt.Key.Key_S)
            [mention] = annotations_for(lib, a)
            assert (mention.start, mention.end, mention.exact) == (place.start, place.end, "الرياض")
            assert find_entity(lib, "الرياض").type == "place"
            settle(qtbot, window)
            left = {(s.start, s.end) for s in window.annotations.suggestions.items}
            assert (date.start, date.end) not in left and (place.start, place.end) not in left
            # Undo the rejection: the date is suggested again; redo: gone again.
            stack = window.annotations.stack
            stack.undo()  # the acceptance
            stack.undo()  # the rejection
            settle(qtbot, window)
            assert (date.start, date.end) in {
                (s.start, s.end) for s in window.annotations.suggestions.items
            }
            stack.redo()
            stack.redo()
            settle(qtbot, window)
    finally:
        lib.close()
    # A rejected suggestion stays rejected after a restart.
    again = open_library(path)
    try:
        with reading(qtbot, again, tmp_path, a) as session:
            window = session.window
            settle(qtbot, window)
            texts = {(s.text, s.type) for s in window.annotations.suggestions.items}
            assert (date.text, "date") not in texts
            assert ("الرياض", "place") not in texts  # tagged now
            assert len(rows(again)) == 1
    finally:
        again.close()


def test_article_tags_and_the_list_filter_keep_paging(qtbot, tmp_path, monkeypatch):
    lib, a, _b = make_library(tmp_path / "lib.sqlite")
    insert_articles(lib, 1000)
    try:
        tag_articles(lib, range(3, 1003, 2), "لاحقاً")  # 500 articles

        def add_gaza(dialog):
            dialog.new_box.setText("Gaza")
            dialog.add_button.click()
            dialog.new_box.setText("to translate")
            dialog.add_button.click()

        answer(monkeypatch, TagsDialog, add_gaza)
        with open_window(qtbot, lib, tmp_path) as session:
            window = session.window
            window.open_article(a)
            window.annotations.actions.tags.trigger()
            assert [t.name for t in tags_for(lib, a)] == ["Gaza", "to translate"]
            assert window.annotation_panel.tags_label.text() == "Tags: Gaza, to translate"
            box = window.annotations.scope_box
            texts = [box.itemText(n) for n in range(box.count())]
            assert "Gaza (1)" in texts and "لاحقاً (500)" in texts
            box.setCurrentIndex(texts.index("Gaza (1)"))
            assert window.model.rowCount() == 1 and window.model.article_id(0) == a
            # A big tag: 500 rows, counted in SQL, loaded a page at a time.
            box.setCurrentIndex(texts.index("لاحقاً (500)"))
            model = window.model
            assert model.rowCount() == 500
            assert model.loaded_rows() <= model.PAGE_SIZE
            window.library_panel.table.scrollToBottom()
            qtbot.wait(20)
            assert model.article_id(499) == articles_with_tag(lib, "لاحقاً")[-1]
            assert model.loaded_rows() <= model.PAGE_SIZE * 2
            assert model.row_of(articles_with_tag(lib, "لاحقاً")[10]) == 10
            # Undo takes both tags off (one step), and the filter goes back to all.
            box.setCurrentIndex(texts.index("Gaza (1)"))
            window.annotations.stack.undo()
            assert tags_for(lib, a) == []
            assert box.currentIndex() == 0
            assert model.rowCount() == 1002
            # Taking a tag off and deleting one, through the dialog.
            window.annotations.stack.redo()

            def untag_and_delete(dialog):
                for row in range(dialog.list.count()):
                    item = dialog.list.item(row)
                    if item.text() == "Gaza":
                        item.setCheckState(Qt.CheckState.Unchecked)
                    if item.text() == "to translate":
                        dialog.list.setCurrentItem(item)
                dialog.delete_button.click()

            answer(monkeypatch, TagsDialog, untag_and_delete)
            window.annotations.actions.tags.trigger()
            assert tags_for(lib, a) == []
            assert [t.name for t in tags_for(lib, 3)] == ["لاحقاً"]
            window.annotations.stack.undo()
            assert [t.name for t in tags_for(lib, a)] == ["Gaza", "to translate"]
    finally:
        lib.close()


def test_entity_index_actions_edit_and_delete_with_undo(qtbot, library, tmp_path, monkeypatch):
    from reader.dialogs.entity_dialog import EntityEditDialog

    lib, a, _b = library
    texts = bodies(lib)
    tagging = tag_entity(lib, a, *span(texts[a], "عادل فهمي"), entity_type="person")

    def rename(dialog):
        dialog.name_box.setText("د. عادل فهمي")
        dialog.aliases.setPlainText("عادل فهمي\nفهمي")

    answer(monkeypatch, EntityEditDialog, rename)
    monkeypatch.setattr(
        "reader.annotate.annotator.ask",
        lambda *_a, **_k: __import__("PySide6.QtWidgets").QtWidgets.QMessageBox.StandardButton.Yes,
    )
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        index = window.entity_index
        window.entity_dock.show()
        qtbot.waitUntil(lambda: index.model.rowCount() == 1)
        index.table.selectRow(0)
        index.commands["edit"].trigger()
        entity = index.proxy.index(0, NAME).data(EntityRole)
        assert (entity.name, entity.aliases) == ("د. عادل فهمي", ("عادل فهمي", "فهمي"))
        index.table.selectRow(0)
        index.commands["delete"].trigger()
        assert index.model.rowCount() == 0
        assert annotations_for(lib, a) == []
        window.annotations.stack.undo()
        window.annotations.stack.undo()
        assert [m.id for m in annotations_for(lib, a)] == [tagging.annotation.id]
        assert find_entity(lib, "عادل فهمي").aliases == ()


def test_several_selected_articles_go_into_a_collection_together(qtbot, tmp_path, monkeypatch):
    lib, _a, _b = make_library(tmp_path / "lib.sqlite")
    insert_articles(lib, 5)
    try:

        def add_tag(dialog):
            dialog.new_box.setText("للترجمة")
            dialog.add_button.click()

        answer(monkeypatch, TagsDialog, add_tag)
        with open_window(qtbot, lib, tmp_path) as session:
            window = session.window
            table = window.library_panel.table
            model = window.model
            window.activateWindow()
            table.setFocus()
            qtbot.waitUntil(table.hasFocus, timeout=2000)
            selection = table.selectionModel()
            flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            for row in (1, 3, 4):
                selection.select(model.index(row, 0), flags)
            selection.setCurrentIndex(model.index(4, 0), selection.SelectionFlag.NoUpdate)
            wanted = sorted(model.article_id(r) for r in (1, 3, 4))
            assert window.library_panel.selected_articles() == wanted
            window.annotations.actions.tags.trigger()
            tagged = sorted(
                r[0]
                for r in lib.conn.execute(
                    "SELECT x.article_id FROM article_tags x JOIN tags t ON t.id = x.tag_id "
                    "WHERE t.name = 'للترجمة'"
                )
            )
            assert tagged == wanted
            # Undo takes the tag off all of them at once.
            window.annotations.stack.undo()
            assert lib.conn.execute("SELECT count(*) FROM article_tags").fetchone()[0] == 0
    finally:
        lib.close()
