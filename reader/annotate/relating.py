"""The relation gestures: relate the mention under the caret (R, or its context menu) to
another mention or an entity, change a relation's type or note, delete relations, edit
the relation types; and the arcs the article view draws for the open article.

Each edit is one operation of `library.ops.relating` run through the undo stack; a
refusal of the library (a type's constraints, a mention gone meanwhile) is shown by the
performer, and nothing is pushed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from library.marks import entities as ents
from library.marks import relations as rel
from library.marks.annotations import Annotation
from library.ops import relating
from library.storage.articles import NotFound
from library.storage.store import Library
from reader.dialogs.relation_dialog import MentionChoice, RelationDialog, context_of
from reader.dialogs.relation_types_dialog import RelationTypesDialog
from reader.editing.undo import Performer
from reader.views.marks import ArticleMarks, Look
from reader.views.relation_arcs import RelationArc


class RelationGestures(QObject):
    def __init__(
        self,
        window: QWidget,
        *,
        performer: Performer,
        look: Callable[[], Look],
        marks: Callable[[], ArticleMarks],
        body: Callable[[], str | None],
        here: Callable[[], list[Annotation]],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.performer = performer
        self.lib: Library | None = None
        self._look = look
        self._marks = marks
        self._body = body
        self._here = here
        self._status = status

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    def _writable(self) -> bool:
        if self.lib is None:
            return False
        if self.lib.readonly:
            self._status(self.tr("This library is read-only."))
            return False
        return True

    # --- relating ---------------------------------------------------------------------

    def mention_here(self) -> Annotation | None:
        return next((a for a in self._here() if a.kind == "entity" and a.entity_id), None)

    def relate_here(self) -> None:
        if not self._writable():
            return
        mention = self.mention_here()
        if mention is None:
            self._status(self.tr("Put the cursor on a tagged entity first."))
            return
        self.relate_from(mention.id)

    def relate_from(self, annotation_id: str) -> bool:
        """Ask what to relate a mention to, and relate it (True: a relation was made)."""
        if not self._writable():
            return False
        marks, body = self._marks(), self._body() or ""
        source = next((a for a in marks.annotations if a.id == annotation_id), None)
        if source is None or source.entity_id not in marks.entities:
            return False
        own = marks.entities[source.entity_id]
        mentions = [
            MentionChoice(
                a.id,
                a.exact,
                marks.entities[a.entity_id].type,
                marks.entities[a.entity_id].name,
                context_of(body, a.start, a.end),
            )
            for a in marks.annotations
            if a.kind == "entity" and a.id != source.id and a.entity_id in marks.entities
        ]
        others = [e for e in ents.entities(self.lib) if e.id != own.id]
        choice = RelationDialog.ask(
            self.window, source.exact, own.type, mentions=mentions, entities=others,
            look=self._look(),
        )  # fmt: skip
        if choice is None:
            return False
        op = self.performer.perform(
            "relate",
            lambda lib: relating.relate(
                lib,
                source.id,
                choice.target_annotation,
                choice.target_entity,
                type=choice.type,
                note=choice.note,
            ),
        )
        return op is not None

    # --- editing ----------------------------------------------------------------------

    def edit(self, relation_id: str, field: str, value: object) -> None:
        """A new type or note of a relation (from the annotation panel)."""
        if not self._writable() or field not in ("type", "note"):
            return
        self.performer.perform(
            "edit-relation", lambda lib: relating.edit_relation(lib, relation_id, **{field: value})
        )

    def delete(self, ids: Sequence[str]) -> None:
        if not self._writable() or not ids:
            return
        self.performer.perform(
            "delete-relation", lambda lib: relating.delete_relations(lib, list(ids))
        )

    def edit_types(self) -> None:
        if not self._writable():
            return
        look = self._look()
        types = RelationTypesDialog.edit_types(self.window, look.relations, look)
        if types is None:
            return
        self.performer.perform(
            "relation-types", lambda lib: relating.edit_relation_types(lib, types)
        )

    # --- what the article shows --------------------------------------------------------

    def read(self, article_id: int | None) -> list[rel.RelationView]:
        if self.lib is None or article_id is None:
            return []
        return rel.relations_in(self.lib, article_id)

    def _entities(self, views: Sequence[rel.RelationView]) -> list[ents.Entity]:
        found = []
        if self.lib is None:
            return found
        for entity_id in {i for v in views for i in (v.source_entity, v.target_entity) if i}:
            try:
                found.append(ents.get_entity(self.lib, entity_id))
            except NotFound:
                continue
        return found

    def entity_names(self, views: Sequence[rel.RelationView]) -> dict[str, str]:
        """The names of the entities at the relations' ends (some not in the article)."""
        return {e.id: e.name for e in self._entities(views)}

    def entity_types(self, views: Sequence[rel.RelationView]) -> dict[str, str]:
        return {e.id: e.type for e in self._entities(views)}


def relation_arcs(
    views: Sequence[rel.RelationView],
    marks: ArticleMarks,
    look: Look,
    ink: QColor,
    names: dict[str, str],
) -> list[RelationArc]:
    """The arcs of an article's relations: from the source mention to the target mention,
    or out to the margin with the target entity's name; coloured as the source's type."""
    spans = {a.id: (a.start, a.end) for a in marks.annotations}
    colours = look.type_hex()
    arcs = []
    for v in views:
        r = v.relation
        source = spans.get(r.source)
        if source is None:
            continue
        source_type = marks.entities.get(v.source_entity)
        colour = QColor(colours.get(source_type.type, "")) if source_type else QColor(ink)
        if not colour.isValid():
            colour = QColor(ink)
        label = look.relation_label(r.type)
        if r.target_annotation is not None:
            target = spans.get(r.target_annotation)
            if target is None:
                continue
            arcs.append(RelationArc(source, target, label, colour))
        else:
            entity = names.get(r.target_entity or "", "")
            arcs.append(RelationArc(source, None, label, colour, entity))
    return arcs
