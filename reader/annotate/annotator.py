"""What each annotation gesture does: read the selection, ask what is needed, call the
library, push the undo command.

Selections snap to whole words (`library.text.spans.snap_to_words`) unless the user held Alt
or Ctrl while selecting with the mouse, or turned snapping off; an entity span also
leaves an attached proclitic out (`library.marks.entities.selection_span`: tagging لمنظمة
marks منظمة), unless the user ticks "include" in the entity dialog.

Failures the user can act on (nothing selected, no suggestion under the cursor) go to
the status bar; refusals from the library (AnnotationError…) in a message box. Nothing
is pushed on the undo stack unless the library call succeeded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from library.marks import entities as ents
from library.marks import tags as article_tags
from library.marks.annotations import Annotation, annotations_overlapping, get_annotation
from library.marks.occurrences import Occurrence
from library.marks.suggest import Suggestion
from library.ops import annotating, deciding, naming, styling, tagging
from library.ops.operation import Operation
from library.storage.articles import NotFound, titles
from library.storage.store import Library
from library.text.spans import snap_to_words
from reader.annotate.actions import HIGHLIGHT_KEYS
from reader.annotate.suggestions import Suggestions
from reader.dialogs.entity_dialog import (
    AliasDialog,
    EntityDialog,
    EntityEditDialog,
    EntityPickerDialog,
)
from reader.dialogs.note_dialog import NoteDialog
from reader.dialogs.occurrences_dialog import ARTICLE, LIBRARY, OccurrencesDialog
from reader.dialogs.palette_dialog import PaletteDialog
from reader.dialogs.tags_dialog import TagsDialog
from reader.editing.undo import Performer
from reader.messages import ask
from reader.views.article_view import ArticleView
from reader.views.marks import Look, isolate, swatch
from reader.workers.runner import Runner

log = logging.getLogger(__name__)

EXACT_MODIFIERS = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
_SELECTING_KEYS = frozenset(
    {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home,
     Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}
)  # fmt: skip
QUOTE_IN_MENU = 28


def _short(text: str, limit: int = QUOTE_IN_MENU) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Annotator(QObject):
    def __init__(
        self,
        window: QWidget,
        *,
        view: ArticleView,
        performer: Performer,
        suggestions: Suggestions,
        runner: Runner,
        look: Callable[[], Look],
        snap: Callable[[], bool],
        status: Callable[[str], None],
        articles_for_tags: Callable[[], list[int]],
        mark_colour: Callable[[], QColor],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.performer = performer
        self.suggestions = suggestions
        self.runner = runner
        self.lib: Library | None = None
        self._look = look
        self._snap = snap
        self._status = status
        self._articles_for_tags = articles_for_tags
        self._mark_colour = mark_colour
        self.exact_selection = False  # the user held Alt or Ctrl while selecting
        self.last_type: str | None = None
        # Relate a mention (its id) to another: set by the workspace (reader.annotate.relating).
        self.relate_from: Callable[[str], object] | None = None
        # Compared by identity in eventFilter, which must not call into a widget that may
        # be halfway through its destructor (a Python error there crashes the binding).
        self._viewport = view.viewport()
        self._viewport.installEventFilter(self)
        view.installEventFilter(self)

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    def shutdown(self) -> None:
        """Stop watching the view (before the window takes its widgets down)."""
        self._viewport.removeEventFilter(self)
        self.view.removeEventFilter(self)

    # --- selection ----------------------------------------------------------------------

    def eventFilter(self, watched, event: QEvent) -> bool:
        kind = event.type()
        if watched is self._viewport:
            if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:
                self.exact_selection = bool(event.modifiers() & EXACT_MODIFIERS)
            elif (
                kind == QEvent.Type.MouseMove
                and event.buttons() & Qt.MouseButton.LeftButton
                and event.modifiers() & EXACT_MODIFIERS
            ):
                self.exact_selection = True
        elif (
            watched is self.view
            and kind == QEvent.Type.KeyPress
            and event.key() in _SELECTING_KEYS
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.exact_selection = False
        return False

    @property
    def exact(self) -> bool:
        return self.exact_selection or not self._snap()

    def _article(self):
        return self.view.article

    def caret(self) -> int | None:
        text_map = self.view.text_map
        if text_map is None:
            return None
        pos = self.view.textCursor().position()
        return text_map.to_store(pos) if text_map.contains(pos) else None

    def passage(self) -> tuple[int, int] | None:
        """The selection as a passage to highlight or annotate (snapped unless exact)."""
        article = self._article()
        span = self.view.selection_span()
        if article is None or span is None:
            return None
        if not self.exact:
            span = snap_to_words(article.body, *span)
        return span if span[1] > span[0] else None

    def entity_span(self) -> tuple[int, int, int] | None:
        """(start of the words selected, start without a clitic, end) for an entity."""
        article = self._article()
        span = self.view.selection_span()
        if article is None or span is None or self.lib is None:
            return None
        base = span if self.exact else snap_to_words(article.body, *span)
        start, end = ents.selection_span(self.lib, article.id, *span, snap=not self.exact)
        if end <= start:
            return None
        return min(base[0], start), start, end

    def _need_selection(self) -> None:
        self._status(self.tr("Select a passage in the article first."))

    # --- running edits ----------------------------------------------------------------------

    def perform(self, label: str, work: Callable[[Library], Operation]) -> Operation | None:
        """Run one edit of `library.ops` through the undo stack (None: refused, user told)."""
        return self.performer.perform(label, work)

    def _ready(self) -> bool:
        if self.lib is None or self._article() is None:
            return False
        if self.lib.readonly:
            self._status(self.tr("This library is read-only."))
            return False
        return True

    # --- highlights and notes -----------------------------------------------------------------

    def highlight(self, number: int) -> None:
        """Highlight the selection in the palette's `number`-th colour (1-based)."""
        if not self._ready():
            return
        colours = self._look().colours
        if not 0 < number <= len(colours):
            return
        colour = colours[number - 1].id
        span = self.passage()
        if span is None:
            self._need_selection()
            return
        article_id = self._article().id
        op = self.perform(
            "highlight", lambda lib: annotating.highlight(lib, article_id, *span, colour)
        )
        if op is not None and op.changed:
            self._collapse_selection(span[1])

    def _collapse_selection(self, offset: int) -> None:
        """Drop the selection (it would hide the new mark) and leave the caret after it."""
        text_map = self.view.text_map
        if text_map is None:
            return
        cursor = self.view.textCursor()
        cursor.setPosition(text_map.to_doc(offset))
        self.view.setTextCursor(cursor)

    def add_note(self) -> None:
        """A note on the selection, or on the whole article when nothing is selected."""
        if not self._ready():
            return
        article = self._article()
        span = self.passage()
        if span is None and self.view.selection_span() is not None:
            self._need_selection()  # only white space selected
            return
        quote = article.body[span[0] : span[1]] if span else ""
        text = NoteDialog.get_note(self.window, quote)
        if text is None:
            return
        if span is None:
            op = self.perform(
                "article-note", lambda lib: annotating.add_article_note(lib, article.id, text)
            )
        else:
            op = self.perform("note", lambda lib: annotating.add_note(lib, article.id, *span, text))
        if op is not None and span:
            self._collapse_selection(span[1])

    def edit_note(self, annotation_id: str) -> None:
        if not self._ready():
            return
        try:
            a = get_annotation(self.lib, annotation_id)
        except NotFound:
            return
        text = NoteDialog.get_note(self.window, a.exact, a.note or "")
        if text is not None:
            self.edit_field(annotation_id, "note", text)

    def edit_field(self, annotation_id: str, field: str, value: object) -> None:
        """An edit made in the panel: a colour, a note, or the entity (by name) of a mention."""
        if not self._ready():
            return
        if field == "entity":
            self.relink(annotation_id, str(value))
            return
        self.perform(
            "recolour" if field == "colour" else "edit-note",
            lambda lib: annotating.edit_annotation(lib, annotation_id, **{field: value}),
        )

    # --- entities -----------------------------------------------------------------------------

    def _names(self) -> dict[str, ents.Entity]:
        names: dict[str, ents.Entity] = {}
        for entity in ents.entities(self.lib):
            for name in entity.names:
                names.setdefault(name, entity)
        return names

    def tag_entity(self) -> None:
        if not self._ready():
            return
        found = self.entity_span()
        if found is None:
            self._need_selection()
            return
        words_start, start, end = found
        article = self._article()
        body = article.body
        hint = self.suggestions.at(start, end)
        kind = hint.type if hint else (self.last_type or self._look().types[0].id)
        choice = EntityDialog.ask(
            self.window,
            body[start:end],
            self._look(),
            self._names(),
            lambda name, t: ents.find_entity(self.lib, name, t),
            similar=lambda name, t: naming.alias_offer(self.lib, name, t),
            entity_type=kind,
            name=(hint.name or hint.text)
            if hint and (hint.start, hint.end) == (start, end)
            else None,
            clitic=body[words_start:start],
        )
        if choice is None:
            return
        self.last_type = choice.type
        if choice.keep_clitic:
            start = words_start
        alias_of = None
        candidates = naming.alias_offer(self.lib, choice.name, choice.type)
        if candidates:
            answer = AliasDialog.choose(self.window, choice.name, candidates, self._look())
            if answer is None:
                return
            if answer[0] == AliasDialog.ALIAS:
                alias_of = answer[1].id
        op = self.perform(
            "tag-entity",
            lambda lib: naming.tag_entity(
                lib,
                article.id,
                start,
                end,
                entity_type=choice.type,
                name=choice.name,
                alias_of=alias_of,
            ),
        )
        if op is not None:
            self._collapse_selection(end)

    def relink(self, annotation_id: str, name: str) -> None:
        """Point a mention at the entity called `name` (of its type first), made if new."""
        if not self._ready():
            return
        default = self._look().types[0].id
        self.perform("relink", lambda lib: naming.relink(lib, annotation_id, name, default))

    def _writable_entity(self, entity_id: str) -> ents.Entity | None:
        """The entity, if the library can be changed and it is still there."""
        if self.lib is None or self.lib.readonly:
            return None
        try:
            return ents.get_entity(self.lib, entity_id)
        except NotFound:
            return None

    def edit_entity(self, entity_id: str) -> None:
        entity = self._writable_entity(entity_id)
        if entity is None:
            return
        result = EntityEditDialog.edit(self.window, entity, self._look())
        if result is None:
            return
        self.perform(
            "edit-entity",
            lambda lib: naming.edit_entity(
                lib,
                entity_id,
                name=result.name,
                entity_type=result.type,
                aliases=result.aliases,
            ),
        )

    def merge_entity(self, entity_id: str) -> None:
        other = self._writable_entity(entity_id)
        if other is None:
            return
        choices = [e for e in ents.entities(self.lib) if e.id != entity_id]
        # The likely one: an entity whose name holds this one's or is held by it.
        similar = [e for e in ents.alias_candidates(self.lib, other.name) if e.id != entity_id]
        keep = EntityPickerDialog.pick(
            self.window,
            choices,
            self._look(),
            self.tr("Merge Into"),
            self.tr(
                "Merge “%1” into which entity? Its mentions move there and its names become aliases."
            ).replace("%1", isolate(other.name)),
            likely=similar[0] if similar else None,
            confirm=lambda keep: (
                self.tr("Merge “%1” into “%2”")
                .replace("%1", isolate(_short(other.name)))
                .replace("%2", isolate(_short(keep.name)))
            ),
        )
        if keep is None:
            return
        op = self.perform("merge", lambda lib: naming.merge(lib, keep.id, entity_id))
        if op is not None:
            self._status(
                self.tr("Merged “%1” into “%2”.")
                .replace("%1", isolate(other.name))
                .replace("%2", isolate(keep.name))
            )

    def delete_entity(self, entity_id: str) -> None:
        entity = self._writable_entity(entity_id)
        if entity is None:
            return
        mentions = len(ents.mentions_of(self.lib, entity_id))
        answer = ask(
            self.window,
            self.tr("Delete Entity"),
            self.tr("Delete “%1” and %2? You can undo this.")
            .replace("%1", isolate(entity.name))
            .replace("%2", self.tr("its %Ln mention(s)", "", mentions)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.perform("delete-entity", lambda lib: naming.delete_entity(lib, entity_id))

    # --- removing -----------------------------------------------------------------------------

    def here(self) -> list[Annotation]:
        """The annotations under the selection, or under the caret."""
        article = self._article()
        if article is None or self.lib is None:
            return []
        span = self.view.selection_span()
        if span is not None:
            return annotations_overlapping(self.lib, article.id, *span)
        caret = self.caret()
        if caret is None:
            return []
        found = annotations_overlapping(self.lib, article.id, caret)
        if not found and caret > 0:
            found = annotations_overlapping(self.lib, article.id, caret - 1)
        return found

    def remove_here(self) -> None:
        if not self._ready():
            return
        found = self.here()
        if not found:
            self._status(self.tr("There is no annotation here to remove."))
            return
        self.remove([a.id for a in found])

    def remove(self, ids: list[str]) -> None:
        if not self._ready() or not ids:
            return
        self.perform("delete", lambda lib: annotating.remove(lib, ids))

    # --- suggestions --------------------------------------------------------------------------

    def suggestion_here(self) -> Suggestion | None:
        span = self.view.selection_span()
        if span is not None:
            return self.suggestions.at(*span)
        caret = self.caret()
        return None if caret is None else self.suggestions.at(caret)

    def _no_suggestion(self) -> None:
        self._status(self.tr("There is no suggestion under the cursor (F8 goes to the next one)."))

    def accept_here(self) -> None:
        self._decide_here("accept", deciding.accept)

    def reject_here(self) -> None:
        self._decide_here("reject", deciding.reject)

    def _decide_here(self, label: str, decide) -> None:
        """Accept or reject the suggestion under the caret, undoably, and go to the next."""
        if not self._ready():
            return
        s = self.suggestion_here()
        if s is None:
            self._no_suggestion()
            return
        article = self._article()
        op = self.perform(label, lambda lib: decide(lib, article.id, s))
        if op is not None:
            self.suggestions.drop([s])
            self._go_to_suggestion(s.end)

    def accept_all(self) -> None:
        if not self._ready():
            return
        items = list(self.suggestions.items)
        if not items:
            self._status(self.tr("There are no suggestions in this article."))
            return
        article = self._article()
        op = self.perform("accept-all", lambda lib: deciding.accept_all(lib, article.id, items))
        if op is not None and op.changed:
            self.suggestions.drop(items)
            self._status(
                self.tr("Suggestions accepted: %1").replace(
                    "%1", QLocale().toString(len(op.result))
                )
            )

    def step_suggestion(self, delta: int) -> None:
        items = self.suggestions.items
        if not items:
            self._status(self.tr("There are no suggestions in this article."))
            return
        caret = self.caret() or 0
        current = self.suggestion_here()
        if delta > 0:
            after = current.end if current else caret
            target = next((s for s in items if s.start >= after), items[0])
        else:
            before = current.start if current else caret
            target = next((s for s in reversed(items) if s.end <= before), items[-1])
        self.view.reveal_span(target.start, target.end)
        self._status(self.describe_suggestion(target))

    def _go_to_suggestion(self, after: int) -> None:
        """Select the next suggestion, so that the next key decides on it."""
        target = next((s for s in self.suggestions.items if s.start >= after), None)
        if target is not None:
            self.view.reveal_span(target.start, target.end)
            self._status(self.describe_suggestion(target))
        else:
            self._collapse_selection(after)

    def describe_suggestion(self, s: Suggestion) -> str:
        """What the status bar says of a suggestion: its type, where it comes from, how
        sure it is, and a date's value."""
        sources = {
            "rule": self.tr("a rule"),
            "gazetteer": self.tr("the list of places"),
            "entity": self.tr("your entities"),
            "learned": self.tr("learned from your tagging"),
        }
        sure = QLocale().toString(round(s.confidence * 100))
        text = (
            self.tr("Suggested %1 “%2”: %3, %4 % sure")
            .replace("%1", self._look().type_label(s.type))
            .replace("%2", isolate(_short(s.text)))
            .replace("%3", sources.get(s.source, s.source))
            .replace("%4", sure)
        )
        if s.value:
            text += " · " + s.value
        return text

    # --- all occurrences ----------------------------------------------------------------------

    def occurrences_here(self) -> None:
        if not self._ready():
            return
        mention = next((a for a in self.here() if a.kind == "entity" and a.entity_id), None)
        if mention is None:
            self._status(self.tr("Put the cursor on a tagged entity first."))
            return
        self.tag_occurrences(mention.entity_id or "", ARTICLE)

    def tag_occurrences(self, entity_id: str, scope: str = LIBRARY) -> int:
        if self.lib is None or self.lib.path is None or self.lib.readonly:
            return 0
        try:
            entity = ents.get_entity(self.lib, entity_id)
        except NotFound:
            return 0
        article = self._article()
        known: dict[int, str] = {}

        def title(article_id: int) -> str:
            if article_id not in known:
                known.update(titles(self.lib, [article_id]))
            return known.get(article_id, "")

        return OccurrencesDialog.review(
            self.window,
            entity,
            article_id=article.id if article is not None else None,
            path=Path(self.lib.path),
            runner=self.runner,
            titles=title,
            accept=self.accept_occurrences,
            mark_colour=self._mark_colour,
            scope=scope if article is not None else LIBRARY,
        )

    def accept_occurrences(self, entity_id: str, chosen: list[Occurrence]) -> bool:
        op = self.perform(
            "occurrences", lambda lib: annotating.tag_occurrences(lib, entity_id, chosen)
        )
        return op is not None and op.changed

    # --- article tags --------------------------------------------------------------------------

    def edit_tags(self) -> None:
        if self.lib is None or self.lib.readonly:
            return
        ids = self._articles_for_tags()
        if not ids:
            self._status(self.tr("Open or select an article first."))
            return
        carried: dict[int, int] = {}
        for article_id in ids:
            for tag in article_tags.tags_for(self.lib, article_id):
                carried[tag.id] = carried.get(tag.id, 0) + 1
        edit = TagsDialog.edit_tags(self.window, article_tags.tags(self.lib), carried, len(ids))
        if not edit:
            return
        # Names as they were first: a tag renamed in the same dialog is found by them.
        self.perform(
            "tags",
            lambda lib: tagging.edit_tags(
                lib,
                ids,
                add=edit.add,
                remove=edit.remove,
                renamed=edit.renamed,
                deleted=edit.deleted,
            ),
        )

    # --- palette and types -----------------------------------------------------------------------

    def edit_palette(self) -> None:
        if self.lib is None or self.lib.readonly:
            return
        look = self._look()
        edit = PaletteDialog.edit_palette(self.window, look.colours, look.types)
        if not edit:
            return
        self.perform(
            "palette",
            lambda lib: styling.edit_palette(
                lib, colours=edit.colours, types=edit.types, new_types=edit.new_types
            ),
        )

    # --- the article's context menu --------------------------------------------------------------

    def extend_menu(self, menu: QMenu, pos: QPoint) -> None:
        """Annotation commands for what is under the mouse, above Copy and Select All."""
        article = self._article()
        if article is None or self.lib is None or self.lib.readonly:
            return
        offset = self.view.offset_at(pos)
        added = self._selection_actions(menu)
        if offset is not None:
            added += self._actions_at(menu, article.id, offset)
        if not added:
            return
        first = next((a for a in menu.actions() if a not in added), None)
        for action in added:
            menu.removeAction(action)
        separator = menu.insertSeparator(first) if first is not None else menu.addSeparator()
        menu.insertActions(separator, added)

    def _selection_actions(self, menu: QMenu) -> list[QAction]:
        if self.view.selection_span() is None:
            return []
        colours = QMenu(self.tr("Highlight"), menu)
        look = self._look()
        for n, c in enumerate(look.colours[:HIGHLIGHT_KEYS], start=1):
            colours.addAction(swatch(c.colour), look.colour_name(c.id)).triggered.connect(
                lambda _on=False, k=n: self.highlight(k)
            )
        note = QAction(self.tr("Add Note…"), menu)
        note.triggered.connect(self.add_note)
        entity = QAction(self.tr("Tag Entity…"), menu)
        entity.triggered.connect(self.tag_entity)
        return [colours.menuAction(), note, entity]

    def _actions_at(self, menu: QMenu, article_id: int, offset: int) -> list[QAction]:
        added: list[QAction] = []

        def add(text: str, slot) -> None:
            action = QAction(text, menu)
            action.triggered.connect(slot)
            added.append(action)

        s = self.suggestions.at(offset)
        if s is not None:
            self.view.select_span(s.start, s.end)  # what Accept and Reject act on
            text, label = isolate(_short(s.text)), self._look().type_label(s.type)
            add(
                self.tr("Accept “%1” (%2)").replace("%1", text).replace("%2", label),
                self.accept_here,
            )
            add(self.tr("Reject “%1”").replace("%1", text), self.reject_here)
        for a in annotations_overlapping(self.lib, article_id, offset):
            quote = isolate(_short(a.exact))
            if a.kind == "entity" and a.entity_id:
                add(
                    self.tr("Tag All Occurrences of “%1”…").replace("%1", quote),
                    lambda _on=False, e=a.entity_id: self.tag_occurrences(e, ARTICLE),
                )
                if self.relate_from is not None:
                    add(
                        self.tr("Relate “%1” to…").replace("%1", quote),
                        lambda _on=False, i=a.id, go=self.relate_from: go(i),
                    )
            else:
                add(
                    self.tr("Edit Note on “%1”…").replace("%1", quote),
                    lambda _on=False, i=a.id: self.edit_note(i),
                )
            add(
                self.tr("Remove “%1”").replace("%1", quote),
                lambda _on=False, i=a.id: self.remove([i]),
            )
        return added
