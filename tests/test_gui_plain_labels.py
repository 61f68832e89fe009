"""User and article text is shown as it is, never read as markup: an entity, tag, colour,
title and note named with HTML shows the HTML, in every dialog and panel."""

from __future__ import annotations

import pytest
from annotate_helpers import bodies, make_library, reading, span
from gui_helpers import add_article
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QLabel, QWidget

from library.marks.annotations import add_highlight
from library.marks.entities import create_entity, entities, tag_entity
from library.marks.entity_types import entity_types
from library.marks.palette import colours, rename_colour
from library.marks.tags import tag_articles, tags
from reader.dialogs.entity_dialog import (
    AliasDialog,
    EntityDialog,
    EntityEditDialog,
    EntityPickerDialog,
)
from reader.dialogs.note_dialog import NoteDialog
from reader.dialogs.palette_dialog import PaletteDialog
from reader.dialogs.tags_dialog import TagsDialog

EVIL = '<b>Evil</b> <img src="file:///etc/hostname">'


def rich_labels(widget: QWidget) -> list[str]:
    """The labels in `widget` that Qt would show as rich text."""
    found = []
    for label in widget.findChildren(QLabel):
        text = label.text()
        if label.textFormat() == Qt.TextFormat.PlainText:
            continue
        if label.textFormat() == Qt.TextFormat.RichText or QtGui.mightBeRichText(text):
            found.append(f"{label.objectName() or type(label.parent()).__name__}: {text!r}")
    return found


@pytest.mark.timeout(60)
def test_markup_in_names_titles_and_notes_is_never_rendered(qtbot, tmp_path):
    lib, a, _b = make_library(tmp_path / "lib.sqlite")
    try:
        evil_article = add_article(
            lib, EVIL, bodies(lib)[a].replace("قال", "قالت"), folder=tmp_path
        )
        body = bodies(lib)[evil_article]
        entity = create_entity(lib, "organisation", EVIL)
        tag_entity(lib, evil_article, *span(body, "الأمين العام"), entity_id=entity.id)
        add_highlight(lib, evil_article, *span(body, "الرياض"), "yellow", note=EVIL)
        tag_articles(lib, [evil_article], EVIL)
        rename_colour(lib, colours(lib)[0].id, EVIL)
        with reading(qtbot, lib, tmp_path, evil_article) as session:
            window = session.window
            window.annotation_dock.show()
            window.entity_dock.show()
            qtbot.wait(200)
            look = window.annotations.look
            named = {EVIL: entities(lib)[0]}
            dialogs = [
                NoteDialog(EVIL, EVIL, window),
                EntityDialog(EVIL, look, named, lambda *_: named[EVIL], parent=window),
                EntityDialog(
                    EVIL,
                    look,
                    {},
                    lambda *_: None,
                    similar=lambda *_: entities(lib),
                    parent=window,
                ),
                AliasDialog(EVIL, entities(lib), look, window),
                EntityPickerDialog(entities(lib), look, EVIL, EVIL, window),
                EntityEditDialog(entities(lib)[0], look, window),
                TagsDialog(tags(lib), {}, 1, window),
                PaletteDialog(colours(lib), entity_types(lib), window),
            ]
            assert EVIL in dialogs[1].match.text()  # the "Links to …" label
            found = rich_labels(window)
            for dialog in dialogs:
                found += rich_labels(dialog)
                dialog.deleteLater()
            assert found == []
    finally:
        lib.close()


@pytest.mark.timeout(60)
def test_questions_quote_names_as_plain_text(qtbot, tmp_path, monkeypatch):
    """The Delete Entity question quotes the entity's name: it is asked in plain text."""
    from PySide6.QtWidgets import QMessageBox

    lib, a, _b = make_library(tmp_path / "lib.sqlite")
    try:
        entity = create_entity(lib, "organisation", EVIL)
        asked = []

        def exec_(box):
            asked.append((box.textFormat(), box.text()))
            return QMessageBox.StandardButton.No

        monkeypatch.setattr(QMessageBox, "exec", exec_)
        with reading(qtbot, lib, tmp_path, a) as session:
            session.window.annotations.annotator.delete_entity(entity.id)
        ((text_format, text),) = asked
        assert EVIL in text and text_format == Qt.TextFormat.PlainText
        assert entity.id in {e.id for e in entities(lib)}  # No was the answer
    finally:
        lib.close()
