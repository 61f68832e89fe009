"""The annotation dialogs and panels in Arabic, and the palette and entity-type editor."""

from __future__ import annotations

import re

import pytest
from annotate_helpers import OIC, answer, bodies, make_library, reading, span
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QWidget

from library.marks.annotations import add_highlight
from library.marks.entities import create_entity, entities, tag_entity
from library.marks.entity_types import entity_types
from library.marks.palette import colours
from library.marks.tags import tags
from reader.dialogs.entity_dialog import (
    AliasDialog,
    EntityDialog,
    EntityEditDialog,
    EntityPickerDialog,
)
from reader.dialogs.note_dialog import NoteDialog
from reader.dialogs.occurrences_dialog import OccurrencesDialog
from reader.dialogs.palette_dialog import PaletteDialog
from reader.dialogs.tags_dialog import TagsDialog

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Key names stay as they are.
ALLOWED = {"Alt", "Ctrl", "Shift", "Del"}


@pytest.fixture
def library(tmp_path):
    lib, a, b = make_library(tmp_path / "lib.sqlite")
    yield lib, a, b
    lib.close()


def interface_texts(widget: QWidget) -> list[str]:
    texts = [widget.windowTitle()]
    texts += [w.text() for w in widget.findChildren(QLabel)]
    texts += [w.text() for w in widget.findChildren(QAbstractButton)]
    texts += [w.placeholderText() for w in widget.findChildren(QLineEdit)]
    for box in widget.findChildren(QComboBox):
        texts += [box.itemText(n) for n in range(box.count())]
    return texts


def latin_leftovers(texts: list[str], data: set[str]) -> list[str]:
    out = []
    for text in texts:
        words = set(LATIN_WORD.findall(text)) - ALLOWED
        if words and not any(d and d in text for d in data):
            out.append(text)
    return out


def test_every_annotation_text_is_arabic_in_the_arabic_interface(qtbot, library, tmp_path):
    lib, a, _b = library
    body = bodies(lib)[a]
    add_highlight(lib, a, *span(body, "الأمين العام"), "yellow", note="ملاحظة")
    oic = create_entity(lib, "organisation", OIC)
    tag_entity(lib, a, *span(body, OIC), entity_id=oic.id)
    with reading(qtbot, lib, tmp_path, a, language="ar") as session:
        window = session.window
        window.annotation_dock.show()
        window.entity_dock.show()
        qtbot.waitUntil(lambda: window.menus.file.title() == "&ملف")
        texts = interface_texts(window.annotation_panel) + interface_texts(window.entity_index)
        texts += interface_texts(window.library_panel)
        texts.append(window.annotations.actions.menu.title())
        for action in (
            window.annotations.actions.menu.actions() + window.annotations.shortcut_actions()
        ):
            texts += [action.text(), action.statusTip(), action.toolTip()]
        for action in window.entity_index.commands.values():
            texts += [action.text(), action.toolTip()]
        model = window.annotation_panel.model
        texts += [model.detail(r) for r in model.rows]
        texts += [window.annotation_panel.delegate.kind_label(r) for r in model.rows]
        texts += [window.annotation_panel.context_menu(r).actions()[0].text() for r in model.rows]
        index = window.entity_index.model
        texts += [str(index.headerData(c, Qt.Orientation.Horizontal)) for c in range(5)]
        look = window.annotations.look
        names = [OIC, "الأمين العام", "ملاحظة"]
        parent = window
        dialogs = [
            NoteDialog("الأمين العام", "", parent),
            NoteDialog("", "", parent),
            EntityDialog("التعاون الإسلامي", look, {}, lambda *_: None, clitic="ل", parent=parent),
            AliasDialog("التعاون الإسلامي", [oic], look, parent),
            EntityPickerDialog(entities(lib), look, "دمج", "؟", parent),
            EntityEditDialog(oic, look, parent),
            TagsDialog(tags(lib), {}, 2, parent),
            PaletteDialog(colours(lib), entity_types(lib), parent),
        ]
        for dialog in dialogs:
            texts += interface_texts(dialog)
        leftovers = latin_leftovers(texts, set(names))
        for dialog in dialogs:
            dialog.deleteLater()
        assert leftovers == []
        # Default palette and type names come translated; the undo text too.
        assert look.colour_name("green") == "اقتباس"
        assert look.type_label("person") == "شخص"
        assert window.annotations.actions.undo.text().startswith("&تراجع")


def test_colours_and_types_are_renamed_recoloured_and_added_with_undo(
    qtbot, library, tmp_path, monkeypatch
):
    lib, a, _b = library

    def edit(dialog: PaletteDialog):
        dialog.colour_table.item(1, 0).setText("مصدر موثوق")  # was "Quote"
        dialog.set_colour(dialog.colour_table, 0, "#ffe680")
        dialog.set_colour(dialog.type_table, 0, "#c0392b")  # person
        dialog.add_type.click()
        dialog.type_table.item(dialog.type_table.rowCount() - 1, 0).setText("سلاح")

    answer(monkeypatch, PaletteDialog, edit)
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        before = (colours(lib), entity_types(lib))
        window.annotations.actions.palette.trigger()
        palette = {c.id: c for c in colours(lib)}
        types = {t.id: t for t in entity_types(lib)}
        assert palette["green"].name == "مصدر موثوق"
        assert palette["yellow"].colour == "#ffe680"
        assert types["person"].colour == "#c0392b"
        assert [t.label for t in entity_types(lib)][-1] == "سلاح"
        # The menu and the keys follow the new names at once.
        assert window.annotations.actions.highlights[1].text().startswith("Highlight: مصدر موثوق")
        assert window.annotations.stack.undoText() == "Edit Colours and Types"
        window.annotations.stack.undo()
        assert (colours(lib), entity_types(lib)) == before
        assert window.annotations.actions.highlights[1].text().startswith("Highlight: Quote")
        window.annotations.stack.redo()
        assert len(entity_types(lib)) == len(before[1]) + 1


def test_a_dialog_left_with_cancel_changes_nothing(qtbot, library, tmp_path, monkeypatch):
    lib, a, _b = library
    for dialog in (EntityDialog, TagsDialog, PaletteDialog):
        answer(monkeypatch, dialog, result=0)
    answer(monkeypatch, OccurrencesDialog, result=0)
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        body = window.view.article.body
        window.view.select_span(*span(body, "الرياض"))
        window.annotations.actions.entity.trigger()
        window.annotations.actions.tags.trigger()
        window.annotations.actions.palette.trigger()
        assert window.annotations.stack.count() == 0
        assert lib.conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 0


def test_the_merge_picker_chooses_nothing_for_the_user(qtbot, library, tmp_path, monkeypatch):
    """Enter must not merge into whoever comes first: nothing is preselected unless one
    entity is clearly the likely one, and the button names both entities."""
    lib, a, _b = library
    texts = bodies(lib)
    full = tag_entity(lib, a, *span(texts[a], "عادل فهمي"), entity_type="person").entity
    other = create_entity(lib, "person", "الأمين العام")
    short = create_entity(lib, "person", "فهمي")
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        look = window.annotations.look
        plain = EntityPickerDialog([full, other], look, "دمج", "؟", window)
        assert plain.chosen() is None and not plain.ok.isEnabled()
        plain.deleteLater()
        seen = []

        def play(dialog):
            seen.append((dialog.chosen(), dialog.ok.text()))

        answer(monkeypatch, EntityPickerDialog, play)
        window.annotations.annotator.merge_entity(short.id)
        ((chosen, button),) = seen
        assert chosen == full  # its name holds "فهمي"
        assert "فهمي" in button and "عادل فهمي" in button
        assert {e.id for e in entities(lib)} == {full.id, other.id}


def test_the_entity_dialog_promises_what_comes_next(qtbot, library, tmp_path):
    lib, a, _b = library
    texts = bodies(lib)
    full = tag_entity(lib, a, *span(texts[a], "عادل فهمي"), entity_type="person").entity
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        look = window.annotations.look
        from library.ops import naming

        dialog = EntityDialog(
            "فهمي",
            look,
            {},
            lambda *_: None,
            entity_type="person",
            similar=lambda name, t: naming.alias_offer(lib, name, t),
            parent=window,
        )
        assert "new entity" not in dialog.match.text()
        assert full.name in dialog.match.text()
        dialog.name_box.setText("اسم لا يشبه أحدا")
        assert dialog.match.text() == "A new entity will be created."
        dialog.deleteLater()
