"""One undo command for every operation, and one change stream that every view hears."""

from __future__ import annotations

import ast
from pathlib import Path

from annotate_helpers import make_library, reading, span
from gui_helpers import answer_modals
from PySide6.QtGui import QUndoCommand

from library.changes import Changes
from library.ops import annotating
from library.ops.operation import LABELS
from library.storage.articles import delete_article
from library.storage.store import open_library
from reader.editing.undo import OperationCommand, label_texts

READER = Path(__file__).resolve().parent.parent / "reader"


def test_every_kind_of_edit_has_its_undo_text(qapp):
    assert set(label_texts()) == set(LABELS)


def test_the_reader_has_one_undo_command_class():
    """Adding an edit must never add a QUndoCommand subclass again."""
    subclasses = []
    for path in READER.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                getattr(b, "id", getattr(b, "attr", "")) == "QUndoCommand" for b in node.bases
            ):
                subclasses.append(f"{path.name}:{node.name}")
    assert subclasses == ["undo.py:OperationCommand"]
    assert issubclass(OperationCommand, QUndoCommand)


def test_an_edit_is_published_once_and_undo_and_redo_publish_it_again(qtbot, tmp_path):
    lib, a, _b = make_library(tmp_path / "lib.sqlite")
    with reading(qtbot, lib, tmp_path, a) as session:
        window = session.window
        heard: list[Changes] = []
        window.changes.changed.connect(heard.append)
        body = window.view.article.body
        op = window.annotations.performer.perform(
            "note", lambda db: annotating.add_note(db, a, *span(body, "الوساطة"), "لماذا؟")
        )
        assert op is not None and heard == [op.changes]
        assert window.annotations.stack.undoText() == "Note"
        assert window.annotation_panel.model.rowCount() == 1
        window.annotations.stack.undo()
        assert heard == [op.changes] * 2 and window.annotation_panel.model.rowCount() == 0
        window.annotations.stack.redo()
        assert heard == [op.changes] * 3 and window.annotation_panel.model.rowCount() == 1


def test_a_redo_that_the_library_refuses_is_reported_and_dropped(qtbot, tmp_path, monkeypatch):
    lib, a, b = make_library(tmp_path / "lib.sqlite")
    seen = answer_modals(monkeypatch)
    with reading(qtbot, lib, tmp_path, b) as session:
        window = session.window
        stack = window.annotations.stack
        body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (a,)).fetchone()[0]
        window.annotations.performer.perform(
            "note", lambda db: annotating.add_note(db, a, *span(body, "الوساطة"), "؟")
        )
        stack.undo()
        other = open_library(tmp_path / "lib.sqlite")  # the CLI, meanwhile
        delete_article(other, a)
        other.close()
        stack.redo()
        assert any("could not be undone or redone" in text for text in seen), seen
        assert stack.count() == 0  # the obsolete command left the stack
