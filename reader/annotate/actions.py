"""The Annotate menu's actions, and Undo/Redo for the Edit menu.

The one-key gestures (1–5, N, E, Delete, S, Enter, X…) belong to the article page: their
actions live on the article view with a widget-with-children context, so they work
while the reader is in the article and never while typing in the Find bar, the search
box or the list's filter. They are in the Annotate menu all the same (where a click
works from anywhere) and in the keyboard-shortcuts window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from reader.look.labels import make_action, set_action_text
from reader.views.marks import Look, swatch

HIGHLIGHT_KEYS = 5


class AnnotateActions(QObject):
    def __init__(self, window: QWidget, view: QWidget, stack: QUndoStack) -> None:
        super().__init__(window)
        self._window = window
        self._view = view
        self._stack = stack
        self._tips: dict[QAction, tuple[str, str]] = {}
        # Edit ▸ Undo / Redo: the whole window (a line edit keeps Ctrl+Z for its own text).
        self.undo = self._make(window, "undo", ["Ctrl+Z"])
        self.redo = self._make(window, "redo", ["Ctrl+Shift+Z", "Ctrl+Y"])
        self.undo.triggered.connect(stack.undo)
        self.redo.triggered.connect(stack.redo)
        stack.canUndoChanged.connect(self.undo.setEnabled)
        stack.canRedoChanged.connect(self.redo.setEnabled)
        # The texts come with the signals: the stack may be going away when it sends them.
        self._undo_text = self._redo_text = ""
        stack.undoTextChanged.connect(self._set_undo_text)
        stack.redoTextChanged.connect(self._set_redo_text)
        self.undo.setEnabled(False)
        self.redo.setEnabled(False)
        # The article page's gestures.
        self.highlights = [
            self._make(view, f"highlight{n}", [str(n)]) for n in range(1, HIGHLIGHT_KEYS + 1)
        ]
        self.note = self._make(view, "addNote", ["N"])
        self.entity = self._make(view, "tagEntity", ["E"])
        self.remove = self._make(view, "removeAnnotation", ["Del", "Backspace"])
        self.accept = self._make(view, "acceptSuggestion", ["S", "Return", "Enter"])
        self.reject = self._make(view, "rejectSuggestion", ["X"])
        self.accept_all = self._make(view, "acceptAllSuggestions", ["Shift+S"])
        self.next_suggestion = self._make(view, "nextSuggestion", ["F8"])
        self.previous_suggestion = self._make(view, "previousSuggestion", ["Shift+F8"])
        self.occurrences = self._make(view, "tagOccurrences", ["Shift+E"])
        # R: relate the mention under the caret (Ctrl+L already focuses the library list).
        self.relate = self._make(view, "relateMention", ["R"])
        # Anywhere in the window.
        self.tags = self._make(window, "articleTags", ["Ctrl+T"])
        self.palette = self._make(window, "editPalette", [])
        self.relation_types = self._make(window, "editRelationTypes", [])
        # View ▸ Show Relations (the workspace puts it in the View menu).
        self.show_relations = self._make(window, "showRelations", [], checkable=True)
        self.show_relations.setChecked(True)
        self.show_suggestions = self._make(window, "showSuggestions", [], checkable=True)
        self.show_suggestions.setChecked(True)
        self.snap = self._make(window, "snapToWords", [], checkable=True)
        self.snap.setChecked(True)
        self.menu = QMenu(window)
        self.menu.setObjectName("annotateMenu")
        self.menu.addActions(self.highlights)
        self.menu.addSeparator()
        self.menu.addActions([self.note, self.entity, self.occurrences, self.relate, self.remove])
        self.menu.addSeparator()
        self.menu.addActions(
            [self.accept, self.reject, self.accept_all, self.next_suggestion,
             self.previous_suggestion, self.show_suggestions]
        )  # fmt: skip
        self.menu.addSeparator()
        self.menu.addActions([self.tags, self.palette, self.relation_types, self.snap])
        self._look = Look()
        self.retranslate()

    def _make(self, owner: QWidget, name: str, keys: list, *, checkable: bool = False) -> QAction:
        return make_action(owner, name, keys, checkable=checkable, local=owner is self._view)

    def view_actions(self) -> list[QAction]:
        """The gestures that live on the article view (for the shortcuts window)."""
        return [a for a in self._view.actions() if a.objectName()]

    def set_look(self, look: Look) -> None:
        self._look = look
        self.retranslate()

    def _set(self, action: QAction, text: str, tip: str) -> None:
        set_action_text(action, text, tip)

    def _set_undo_text(self, text: str) -> None:
        self._undo_text = text
        self._undo_texts()

    def _set_redo_text(self, text: str) -> None:
        self._redo_text = text
        self._undo_texts()

    def _undo_texts(self) -> None:
        undo, redo = self._undo_text, self._redo_text
        self._set(
            self.undo,
            self.tr("&Undo %1").replace("%1", undo).strip() if undo else self.tr("&Undo"),
            self.tr("Take back the last change"),
        )
        self._set(
            self.redo,
            self.tr("&Redo %1").replace("%1", redo).strip() if redo else self.tr("&Redo"),
            self.tr("Make the change again"),
        )

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Annotate"))
        self._undo_texts()
        colours = list(self._look.colours)
        for n, action in enumerate(self.highlights):
            if n < len(colours):
                name = self._look.colour_name(colours[n].id)
                action.setIcon(swatch(colours[n].colour))
                action.setEnabled(True)
            else:
                name = str(n + 1)
                action.setEnabled(False)
            self._set(
                action,
                self.tr("Highlight: %1").replace("%1", name),
                self.tr("Highlight the selection in this colour"),
            )
        texts = {
            self.note: (self.tr("Add &Note…"), self.tr("A note on the selection, or on the whole article")),
            self.entity: (self.tr("Tag &Entity…"), self.tr("Mark the selection as a person, place, organisation…")),
            self.occurrences: (self.tr("Tag All &Occurrences…"), self.tr("Find the other occurrences of the entity under the cursor")),
            self.remove: (self.tr("&Remove Annotation"), self.tr("Remove the annotations under the cursor or the selection")),
            self.accept: (self.tr("&Accept Suggestion"), self.tr("Tag the suggested entity under the cursor")),
            self.reject: (self.tr("Re&ject Suggestion"), self.tr("Never suggest these words as this type in this article again")),
            self.accept_all: (self.tr("Accept All &Suggestions"), self.tr("Tag every suggested entity in this article")),
            self.next_suggestion: (self.tr("Ne&xt Suggestion"), self.tr("Go to the next suggested entity")),
            self.previous_suggestion: (self.tr("Pre&vious Suggestion"), self.tr("Go to the previous suggested entity")),
            self.show_suggestions: (self.tr("Show Su&ggestions"), self.tr("Underline candidate entities with a dotted line")),
            self.tags: (self.tr("Article &Tags…"), self.tr("Put the article in collections such as “to translate”")),
            self.palette: (self.tr("&Colours and Entity Types…"), self.tr("Name the highlight colours, edit the entity types")),
            self.relate: (self.tr("Re&late…"), self.tr("Relate the entity under the cursor to another mention or entity")),
            self.relation_types: (self.tr("Relation T&ypes…"), self.tr("Name the kinds of relation and the entity types each one links")),
            self.show_relations: (self.tr("Show &Relations"), self.tr("Draw the relations between mentions over the article")),
            self.snap: (self.tr("Snap Selections to &Whole Words"), self.tr("Hold Alt or Ctrl while selecting with the mouse to keep the exact selection")),
        }  # fmt: skip
        for action, (text, tip) in texts.items():
            self._set(action, text, tip)
