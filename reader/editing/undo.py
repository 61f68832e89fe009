"""Running the core's operations from the reader: one undo command for all of them.

`Performer.perform(label, work)` runs `work(lib)` (a function of `library.ops` returning an
`Operation`), tells the user in one message box if the library refused, and otherwise
pushes one `OperationCommand` holding the operation; that command's undo and redo replay
what the operation returned and publish its change record on the window's stream. The
edit is done before the push (so a refusal pushes nothing), which is why the command's
first redo, the one `push` makes, only publishes.

An undo or redo can still fail when another process changed the library meanwhile (the
CLI deleted the annotation being restored): nothing is written (each step is one
transaction), the user is told, and the command leaves the stack.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from library.marks.annotations import AnnotationError
from library.ops.operation import Operation
from library.storage.articles import NotFound
from library.storage.store import Library, describe_error
from reader.editing.changes import ChangeStream
from reader.messages import show_error

log = logging.getLogger(__name__)


def label_texts() -> dict[str, str]:
    """What Edit ▸ Undo/Redo says for each kind of edit (`library.ops.operation.LABELS`)."""
    translate = QCoreApplication.translate
    return {
        "highlight": translate("UndoCommands", "Highlight"),
        "recolour": translate("UndoCommands", "Change Colour"),
        "note": translate("UndoCommands", "Note"),
        "article-note": translate("UndoCommands", "Article Note"),
        "edit-note": translate("UndoCommands", "Edit Note"),
        "tag-entity": translate("UndoCommands", "Tag Entity"),
        "relink": translate("UndoCommands", "Change Entity"),
        "delete": translate("UndoCommands", "Remove Annotation"),
        "accept": translate("UndoCommands", "Accept Suggestion"),
        "accept-all": translate("UndoCommands", "Accept All Suggestions"),
        "reject": translate("UndoCommands", "Reject Suggestion"),
        "occurrences": translate("UndoCommands", "Tag Occurrences"),
        "merge": translate("UndoCommands", "Merge Entities"),
        "edit-entity": translate("UndoCommands", "Edit Entity"),
        "new-entity": translate("UndoCommands", "New Entity"),
        "delete-entity": translate("UndoCommands", "Delete Entity"),
        "tags": translate("UndoCommands", "Change Article Tags"),
        "rename-tag": translate("UndoCommands", "Rename Tag"),
        "delete-tag": translate("UndoCommands", "Delete Tag"),
        "palette": translate("UndoCommands", "Edit Colours and Types"),
        "edit-metadata": translate("UndoCommands", "Edit Article Info"),
        "translate": translate("UndoCommands", "Translate Segment"),
        "segment-status": translate("UndoCommands", "Change Segment Status"),
        "segment-note": translate("UndoCommands", "Segment Note"),
        "split-segment": translate("UndoCommands", "Split Segment"),
        "merge-segments": translate("UndoCommands", "Merge Segments"),
        "glossary": translate("UndoCommands", "Edit Glossary"),
        "relate": translate("UndoCommands", "Relate"),
        "edit-relation": translate("UndoCommands", "Edit Relation"),
        "delete-relation": translate("UndoCommands", "Delete Relation"),
        "relation-types": translate("UndoCommands", "Edit Relation Types"),
        "curate": translate("UndoCommands", "Curate Mention"),
        "curate-agreed": translate("UndoCommands", "Accept Agreed Mentions"),
    }


class OperationCommand(QUndoCommand):
    def __init__(self, op: Operation, text: str, lib: Library, stream: ChangeStream) -> None:
        super().__init__(text)
        self.op = op
        self.lib = lib
        self.stream = stream
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # push() calls redo(): the work is already done
            self._pushed = True
            self.stream.publish(self.op.changes)
            return
        self._replay(self.op.redo)

    def undo(self) -> None:
        self._replay(self.op.undo)

    def _replay(self, step: Callable[[Library], object]) -> None:
        try:
            step(self.lib)
        except Exception as exc:  # a library changed by another process, a full disk…
            log.exception("%s could not be replayed", self.text())
            self.setObsolete(True)
            self.stream.failed.emit(self.text(), describe_error(exc))
        self.stream.publish(self.op.changes)


class _Refused(Exception):
    """The library refused an edit; the user has been told."""


class Performer(QObject):
    """Runs operations for one window: the undo stack, the change stream, the messages."""

    def __init__(self, window: QWidget, stack: QUndoStack, stream: ChangeStream) -> None:
        super().__init__(window)
        self.window = window
        self.stack = stack
        self.stream = stream
        self.lib: Library | None = None
        stream.failed.connect(self._replay_failed)

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    def perform(self, label: str, work: Callable[[Library], Operation]) -> Operation | None:
        """Run an edit; None if the library refused it (the user has been told)."""
        if self.lib is None:
            return None
        texts = label_texts()
        what = texts[label]
        try:
            op = work(self.lib)
        except (AnnotationError, NotFound) as exc:
            show_error(self.window, what, str(exc))
            return None
        except sqlite3.Error as exc:
            log.exception("%s failed", what)
            show_error(
                self.window, what, self.tr("The library could not be changed."), describe_error(exc)
            )
            return None
        if op.changed:
            self.stack.push(OperationCommand(op, texts[op.label], self.lib, self.stream))
        return op

    def _replay_failed(self, what: str, why: str) -> None:
        show_error(
            self.window,
            self.tr("Undo"),
            self.tr("“%1” could not be undone or redone: the library changed meanwhile.").replace(
                "%1", what
            ),
            why,
        )
