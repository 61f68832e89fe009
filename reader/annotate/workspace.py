"""Annotation in the reader, put together: the undo stack, the gestures, the marks painted
on the article, the annotation panel, the entity index, suggestions and the library
list's tag and entity filter.

The main window builds the panels and hands them over with the view; from then on this
object keeps them in step. Every edit runs as one operation of `library.ops` through the
undo stack (`reader.editing.undo`) and ends in one `Changes` on the window's change stream;
`_changed` is the only place here that decides what to read again and repaint.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QFont, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QMenuBar

from library.changes import Changes
from library.marks import tags as article_tags
from library.marks.entities import entities
from library.storage import metadata
from library.storage.store import Library
from reader.annotate.actions import AnnotateActions
from reader.annotate.annotator import Annotator
from reader.annotate.author_layers import AuthorLayers
from reader.annotate.relating import RelationGestures, relation_arcs
from reader.annotate.suggestions import Suggestions
from reader.dialogs.occurrences_dialog import LIBRARY
from reader.editing.changes import ChangeStream
from reader.editing.undo import Performer
from reader.look.theme import ArticleColours
from reader.panels.annotation_panel import AnnotationPanel
from reader.panels.entity_index import EntityIndexPanel
from reader.panels.library_panel import LibraryPanel
from reader.panels.library_scope import LibraryScopeBox
from reader.panels.relation_list import relation_rows
from reader.views.article_view import ArticleView
from reader.views.mark_layers import LayerColours, annotation_spans
from reader.views.marks import ArticleMarks, Look
from reader.workers.runner import Runner

log = logging.getLogger(__name__)

LAYER = "annotations"
SHOW_RELATIONS_KEY = "view/showRelations"


class AnnotationWorkspace(QObject):
    def __init__(
        self,
        window: QMainWindow,
        lib: Library,
        *,
        changes: ChangeStream,
        runner: Runner,
        view: ArticleView,
        panel: AnnotationPanel,
        index: EntityIndexPanel,
        library_panel: LibraryPanel,
        page_colours: Callable[[], ArticleColours],
        open_article: Callable[..., bool],
        show_index: Callable[[], None],
        status: Callable[[str], None],
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(window)
        self.lib = lib
        self.view = view
        self.panel = panel
        self.index = index
        self.library_panel = library_panel
        self._page = page_colours
        self._open_article = open_article
        self._show_index = show_index
        self.changes = changes
        self.stack = QUndoStack(self)
        self.performer = Performer(window, self.stack, changes)
        self.performer.set_library(lib)
        self.suggestions = Suggestions(runner, self)
        self.look = Look.read(lib)
        self.marks = ArticleMarks()
        self.actions = AnnotateActions(window, view, self.stack)
        self.actions.set_look(self.look)
        self.annotator = Annotator(
            window,
            view=view,
            performer=self.performer,
            suggestions=self.suggestions,
            runner=runner,
            look=lambda: self.look,
            snap=self.actions.snap.isChecked,
            status=status,
            articles_for_tags=self._articles_for_tags,
            mark_colour=lambda: self._page().hit,
        )
        self.annotator.set_library(lib)
        self.relating = RelationGestures(
            window,
            performer=self.performer,
            look=lambda: self.look,
            marks=lambda: self.marks,
            body=lambda: self.view.article.body if self.view.article is not None else None,
            here=self.annotator.here,
            status=status,
        )
        self.relating.set_library(lib)
        self.annotator.relate_from = self.relating.relate_from
        # View ▸ Show Relations, remembered between runs.
        self._settings = settings
        shown = True
        if settings is not None:
            shown = settings.value(SHOW_RELATIONS_KEY, True, type=bool)
        self.actions.show_relations.setChecked(shown)
        view.set_relations_shown(shown)
        # View ▸ Layers: whose annotations the article shows, and in which colours.
        self.layers = AuthorLayers(window, lib, settings)
        self.scope_box = LibraryScopeBox(library_panel)
        library_panel.add_filter_widget(self.scope_box)
        index.set_library(lib)
        self._connect()
        self._refresh_choices()
        self.panel.show_marks(None, self.look)
        self._sync_writable()

    def _connect(self) -> None:
        a, g = self.actions, self.annotator
        for n, action in enumerate(a.highlights, start=1):
            action.triggered.connect(lambda _on=False, k=n: g.highlight(k))
        a.note.triggered.connect(g.add_note)
        a.entity.triggered.connect(g.tag_entity)
        a.remove.triggered.connect(g.remove_here)
        a.accept.triggered.connect(g.accept_here)
        a.reject.triggered.connect(g.reject_here)
        a.accept_all.triggered.connect(g.accept_all)
        a.next_suggestion.triggered.connect(lambda: g.step_suggestion(1))
        a.previous_suggestion.triggered.connect(lambda: g.step_suggestion(-1))
        a.occurrences.triggered.connect(g.occurrences_here)
        a.tags.triggered.connect(g.edit_tags)
        a.palette.triggered.connect(g.edit_palette)
        a.show_suggestions.toggled.connect(self._show_suggestions)
        a.relate.triggered.connect(self.relating.relate_here)
        a.relation_types.triggered.connect(self.relating.edit_types)
        a.show_relations.toggled.connect(self._show_relations)
        self.changes.changed.connect(self._changed)
        self.layers.changed.connect(self._layers_changed)
        self.suggestions.changed.connect(self._suggestions_changed)
        self.view.context_menu_opening.connect(g.extend_menu)

        p = self.panel
        p.jump_requested.connect(self.view.reveal_span)
        p.edit_requested.connect(g.edit_field)
        p.note_requested.connect(g.edit_note)
        p.delete_requested.connect(g.remove)
        p.occurrences_requested.connect(lambda e: g.tag_occurrences(e, "article"))
        p.entity_requested.connect(self.show_entity)
        p.tags_requested.connect(g.edit_tags)
        p.accept_all_requested.connect(g.accept_all)
        p.relation_edit_requested.connect(self.relating.edit)
        p.relation_delete_requested.connect(self.relating.delete)

        i = self.index
        i.mention_activated.connect(self.open_at)
        i.filter_requested.connect(self.filter_library)
        i.occurrences_requested.connect(lambda e: g.tag_occurrences(e, LIBRARY))
        i.edit_requested.connect(g.edit_entity)
        i.merge_requested.connect(g.merge_entity)
        i.delete_requested.connect(g.delete_entity)
        self.scope_box.scope_changed.connect(self.library_panel.set_scope)

    # --- the window's side ------------------------------------------------------------------

    def add_to_menus(self, bar: QMenuBar, edit: QMenu, before: QMenu) -> None:
        """Undo and Redo at the top of Edit; the Annotate menu before `before`."""
        first = edit.actions()[0] if edit.actions() else None
        edit.insertActions(first, [self.actions.undo, self.actions.redo])
        if first is not None:
            edit.insertSeparator(first)
        bar.insertMenu(before.menuAction(), self.actions.menu)
        # View ▸ Show Relations, after Show Diacritics (`before` is the View menu).
        shown = before.actions()
        anchor = next((a for a in shown if a.objectName() == "showDiacritics"), None)
        after = shown[shown.index(anchor) + 1] if anchor and anchor is not shown[-1] else None
        before.insertAction(after, self.actions.show_relations)
        before.insertMenu(after, self.layers.menu)

    def shortcut_actions(self) -> list[QAction]:
        return self.actions.view_actions()

    def set_library(self, lib: Library) -> None:
        """Another library: no undo across libraries, nothing of the old one shown."""
        self.stack.clear()
        self.lib = lib
        self.performer.set_library(lib)
        self.annotator.set_library(lib)
        self.relating.set_library(lib)
        self.index.set_library(lib)
        self.layers.set_library(lib)
        self.look = Look.read(lib)
        self.actions.set_look(self.look)
        self.scope_box.show_all()
        self.marks = ArticleMarks()
        self.suggestions.close()  # the other library's training is of no use now
        self.suggestions.load(None, None)
        self.panel.show_marks(None, self.look)
        self._refresh_choices()
        self._sync_writable()

    def _sync_writable(self) -> None:
        writable = not self.lib.readonly
        for action in self.actions.menu.actions():
            if action is not self.actions.show_suggestions and action is not self.actions.snap:
                action.setEnabled(writable)
        if writable:
            self.actions.set_look(self.look)  # highlight keys past the palette stay off

    def show_article(self, article_id: int | None) -> None:
        """The view shows a new article (or none): its marks, tags and suggestions."""
        self.marks = self._read_marks(article_id)
        self.suggestions.load(self.lib.path, article_id)
        self._repaint()
        self.panel.show_marks(self.marks if article_id is not None else None, self.look)
        self._show_relations_of(article_id)
        self._show_tags()

    def set_content_font(self, font: QFont) -> None:
        self.panel.set_content_font(font)
        self.index.set_content_font(font)

    def theme_changed(self) -> None:
        self._repaint()
        self.panel.list.viewport().update()

    def open_at(self, article_id: int, start: int, end: int) -> None:
        """Open an article with a passage selected and in view (a mention in the index)."""
        if self._open_article(article_id, offset=start):
            self.view.reveal_span(start, end)
            self.library_panel.select_article(article_id)

    def show_entity(self, entity_id: str) -> None:
        self._show_index()
        self.index.select_entity(entity_id)

    def filter_library(self, entity_id: str) -> None:
        self._refresh_choices()
        self.scope_box.show_entity(entity_id)

    def shutdown(self) -> None:
        self.annotator.shutdown()
        self.suggestions.close()

    # --- keeping everything in step --------------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        article = self.view.article
        return article.id if article is not None else None

    def _changed(self, changes: Changes) -> None:
        article_id = self.article_id
        if changes.palette or changes.everything:
            self.look = Look.read(self.lib)
            self.actions.set_look(self.look)
        if article_id is not None and changes.touches(article_id):
            self.marks = self._read_marks(article_id)
            self._repaint()
            self.panel.show_marks(self.marks, self.look)
            self.suggestions.load(self.lib.path, article_id, at_once=True)
        if article_id is not None and (changes.touches(article_id) or changes.relations):
            self._show_relations_of(article_id)
        if changes.tags or changes.tagged or changes.everything:
            self._show_tags()
        if changes.marks or changes.entities or changes.palette:
            self.index.mark_stale()
        if changes.marks or changes.relations or changes.segments or changes.everything:
            self.layers.mark_stale()
        if (
            changes.entities
            or changes.tags
            or changes.palette
            or changes.everything
            or changes.content  # new articles, a publisher corrected: the lists change
        ):
            self._refresh_choices()

    def _read_marks(self, article_id: int | None) -> ArticleMarks:
        if article_id is None:
            return ArticleMarks()
        return ArticleMarks.read(self.lib, article_id, self.layers.hidden)

    def _layers_changed(self) -> None:
        """A layer shown or hidden, or the colours changed: the article's marks again."""
        article_id = self.article_id
        self.marks = self._read_marks(article_id)
        self._repaint()
        self.panel.show_marks(self.marks if article_id is not None else None, self.look)
        self._show_relations_of(article_id)

    def _repaint(self) -> None:
        page = self._page()
        colours = LayerColours.resolve(self.look.colour_hex(), self.look.type_hex(), page)
        shown = self._shown_suggestions()
        self.view.set_layer(
            LAYER,
            annotation_spans(
                self.marks.annotations,
                self.marks.entity_types(),
                colours,
                page,
                shown,
                authors=self.layers.colours(),
            ),
        )

    def _show_relations_of(self, article_id: int | None) -> None:
        """The article's relations: arcs over the text, rows in the annotation panel."""
        views = self.relating.read(article_id)
        names = self.relating.entity_names(views)
        types = {e.id: e.type for e in self.marks.entities.values()}
        if any(v.target_entity not in types for v in views):
            types.update(self.relating.entity_types(views))
        ink = self._page().ink
        self.view.set_relations(relation_arcs(views, self.marks, self.look, ink, names))
        self.panel.show_relations(relation_rows(views, self.marks, names, types), self.look)

    def _show_relations(self, on: bool) -> None:
        self.view.set_relations_shown(on)
        if self._settings is not None:
            self._settings.setValue(SHOW_RELATIONS_KEY, on)

    def _shown_suggestions(self) -> list:
        """The suggestions to paint: none where a mention was just tagged (the list is
        found again in the background; a stale one must not linger under a mention)."""
        if not self.actions.show_suggestions.isChecked():
            return []
        tagged = [(a.start, a.end) for a in self.marks.annotations if a.kind == "entity"]
        return [
            s
            for s in self.suggestions.items
            if not any(s.start < e and b < s.end for b, e in tagged)
        ]

    def _suggestions_changed(self) -> None:
        if self.suggestions.article_id != self.article_id:
            return
        self._repaint()
        self.panel.set_suggestion_count(len(self.suggestions.items))

    def _show_suggestions(self, on: bool) -> None:
        self.suggestions.enabled = on
        self.suggestions.load(self.lib.path, self.article_id, at_once=True)

    def _show_tags(self) -> None:
        article_id = self.article_id
        if article_id is None:
            self.panel.set_tags(None)
            return
        self.panel.set_tags([t.name for t in article_tags.tags_for(self.lib, article_id)])

    def _refresh_choices(self) -> None:
        known = entities(self.lib)
        try:
            publishers, authors = metadata.publishers(self.lib), metadata.authors(self.lib)
        except sqlite3.DatabaseError:
            # A damaged articles table: the list says so once (LibraryModel.read_failed);
            # the filter just offers no publishers or authors.
            publishers, authors = [], []
        self.scope_box.set_choices(
            article_tags.tags(self.lib), known, self.look, publishers=publishers, authors=authors
        )
        self.panel.set_entity_names(sorted({n for e in known for n in e.names}))

    def _articles_for_tags(self) -> list[int]:
        table = self.library_panel.table
        selected = self.library_panel.current_article()
        if table.hasFocus() and selected is not None:
            return self.library_panel.selected_articles() or [selected]
        if self.article_id is not None:
            return [self.article_id]
        return [selected] if selected is not None else []

    def focus_panel(self) -> None:
        self.panel.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
