"""One QUndoCommand per user action; each calls the library's own undo and redo functions.

The work itself is done before the command is pushed (by the code that handles the
gesture, which can then tell the user why it failed and push nothing); the command holds
what the library returned (the rows created, the rows removed, an `Edit`, a `Tagging`, a
`Merge`…), and its undo and redo replay exactly that, with the same ids. Every step ends
with one `Change` sent through the hub.

An undo or a redo can still fail when another process changed the library meanwhile
(the CLI deleted the annotation being restored). Then nothing is written (each library
function is one transaction), the user is told, and the command leaves the stack.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from library import annotations as notes
from library import entities as ents
from library import entity_types, palette, suggest, tags
from library.annotations import Annotation
from library.edits import Edit
from library.store import Library, describe_error
from reader.changes import Change, ChangeHub

log = logging.getLogger(__name__)


class LibraryCommand(QUndoCommand):
    """Holds the library, the hub and what changed; `apply` redoes, `revert` undoes."""

    def __init__(self, text: str, lib: Library, hub: ChangeHub, change: Change) -> None:
        super().__init__(text)
        self.lib = lib
        self.hub = hub
        self.change = change
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:  # push() calls redo(): the work is already done
            self._pushed = True
            self.hub.publish(self.change)
            return
        self._run(self.apply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step) -> None:
        try:
            step()
        except Exception as exc:  # a library changed by another process, a full disk…
            log.exception("%s could not be replayed", self.text())
            self.setObsolete(True)
            self.hub.failed.emit(self.text(), describe_error(exc))
        self.hub.publish(self.change)

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


def _articles(rows: Iterable[Annotation]) -> frozenset[int]:
    return frozenset(a.article_id for a in rows)


def _mention_change(rows: Sequence[Annotation]) -> Change:
    return Change.of_articles(
        (a.article_id for a in rows), entities=any(a.kind == "entity" for a in rows)
    )


# --- annotations ------------------------------------------------------------------------


class CreateAnnotations(LibraryCommand):
    """Highlights, notes, accepted occurrences: rows the library created."""

    def __init__(self, text: str, lib: Library, hub: ChangeHub, rows: Sequence[Annotation]):
        super().__init__(text, lib, hub, _mention_change(rows))
        self.rows = tuple(rows)

    def apply(self) -> None:
        notes.restore_annotations(self.lib, self.rows)

    def revert(self) -> None:
        notes.delete_annotations(self.lib, [a.id for a in self.rows])


class DeleteAnnotations(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, removed: Sequence[Annotation]):
        super().__init__(text, lib, hub, _mention_change(removed))
        self.rows = tuple(removed)

    def apply(self) -> None:
        notes.delete_annotations(self.lib, [a.id for a in self.rows])

    def revert(self) -> None:
        notes.restore_annotations(self.lib, self.rows)


class EditAnnotation(LibraryCommand):
    """A colour, a note, a span, or the entity a mention links to."""

    def __init__(self, text: str, lib: Library, hub: ChangeHub, edit: Edit[Annotation]):
        rows = (edit.before, edit.after)
        super().__init__(text, lib, hub, _mention_change(rows))
        self.edit = edit

    def apply(self) -> None:
        notes.put_annotations(self.lib, [self.edit.after])

    def revert(self) -> None:
        notes.put_annotations(self.lib, [self.edit.before])


# --- entities ---------------------------------------------------------------------------


class TagMention(LibraryCommand):
    """Tagging an entity, or accepting one suggestion (the same library operation)."""

    def __init__(self, text: str, lib: Library, hub: ChangeHub, tagging: ents.Tagging):
        super().__init__(
            text, lib, hub, Change.of_articles([tagging.annotation.article_id], entities=True)
        )
        self.tagging = tagging

    def apply(self) -> None:
        ents.retag(self.lib, self.tagging)

    def revert(self) -> None:
        ents.untag(self.lib, self.tagging)


class AcceptAllSuggestions(LibraryCommand):
    def __init__(
        self, text: str, lib: Library, hub: ChangeHub, taggings: Sequence[ents.Tagging]
    ) -> None:
        articles = (t.annotation.article_id for t in taggings)
        super().__init__(text, lib, hub, Change.of_articles(articles, entities=True))
        self.taggings = list(taggings)

    def apply(self) -> None:
        suggest.redo_accept_all(self.lib, self.taggings)

    def revert(self) -> None:
        suggest.undo_accept_all(self.lib, self.taggings)


class RejectSuggestion(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, decision: suggest.Decision):
        articles = [] if decision.article_id is None else [decision.article_id]
        super().__init__(text, lib, hub, Change(articles=frozenset(articles), decisions=True))
        self.decision = decision

    def apply(self) -> None:
        suggest.restore_decision(self.lib, self.decision)

    def revert(self) -> None:
        suggest.forget_decision(self.lib, self.decision.id)


class MergeEntities(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, merge: ents.Merge) -> None:
        super().__init__(text, lib, hub, Change(annotations=True, entities=True))
        self.merge = merge

    def apply(self) -> None:
        ents.redo_merge(self.lib, self.merge)

    def revert(self) -> None:
        ents.unmerge(self.lib, self.merge)


class EditEntity(LibraryCommand):
    """A new name, type or aliases."""

    def __init__(self, text: str, lib: Library, hub: ChangeHub, edit: Edit[ents.Entity]):
        super().__init__(text, lib, hub, Change(entities=True))
        self.edit = edit

    def apply(self) -> None:
        ents.put_entity(self.lib, self.edit.after)

    def revert(self) -> None:
        ents.put_entity(self.lib, self.edit.before)


class CreateEntity(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, entity: ents.Entity) -> None:
        super().__init__(text, lib, hub, Change(entities=True))
        self.entity = entity

    def apply(self) -> None:
        ents.put_entity(self.lib, self.entity)

    def revert(self) -> None:
        ents.delete_entity(self.lib, self.entity.id)


class DeleteEntity(LibraryCommand):
    def __init__(
        self, text: str, lib: Library, hub: ChangeHub, removal: ents.EntityRemoval
    ) -> None:
        super().__init__(
            text, lib, hub, Change(_articles(removal.mentions), annotations=True, entities=True)
        )
        self.removal = removal

    def apply(self) -> None:
        ents.delete_entity(self.lib, self.removal.entity.id)

    def revert(self) -> None:
        ents.restore_entity(self.lib, self.removal)


# --- article tags -------------------------------------------------------------------------


class TagArticles(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, tagged: tags.Tagged) -> None:
        super().__init__(text, lib, hub, Change(tags=True))
        self.tagged = tagged

    def apply(self) -> None:
        tags.redo_tag_articles(self.lib, self.tagged)

    def revert(self) -> None:
        tags.undo_tag_articles(self.lib, self.tagged)


class UntagArticles(LibraryCommand):
    def __init__(
        self, text: str, lib: Library, hub: ChangeHub, tag: tags.Tag, removed: Sequence[int]
    ) -> None:
        super().__init__(text, lib, hub, Change(tags=True))
        self.tag = tag
        self.removed = tuple(removed)

    def apply(self) -> None:
        tags.untag_articles(self.lib, self.tag.id, self.removed)

    def revert(self) -> None:
        tags.redo_tag_articles(self.lib, tags.Tagged(self.tag, False, self.removed))


class RenameTag(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, edit: Edit[tags.Tag]) -> None:
        super().__init__(text, lib, hub, Change(tags=True))
        self.edit = edit

    def apply(self) -> None:
        tags.put_tag(self.lib, self.edit.after)

    def revert(self) -> None:
        tags.put_tag(self.lib, self.edit.before)


class DeleteTag(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, removal: tags.TagRemoval):
        super().__init__(text, lib, hub, Change(tags=True))
        self.removal = removal

    def apply(self) -> None:
        tags.delete_tag(self.lib, self.removal.tag.id)

    def revert(self) -> None:
        tags.restore_tag(self.lib, self.removal)


# --- palette and entity types ---------------------------------------------------------------


class EditColour(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, edit: Edit[palette.Colour]):
        super().__init__(text, lib, hub, Change(palette=True))
        self.edit = edit

    def apply(self) -> None:
        palette.put_colour(self.lib, self.edit.after)

    def revert(self) -> None:
        palette.put_colour(self.lib, self.edit.before)


class EditType(LibraryCommand):
    def __init__(
        self, text: str, lib: Library, hub: ChangeHub, edit: Edit[entity_types.EntityType]
    ) -> None:
        super().__init__(text, lib, hub, Change(palette=True))
        self.edit = edit

    def apply(self) -> None:
        entity_types.put_type(self.lib, self.edit.after)

    def revert(self) -> None:
        entity_types.put_type(self.lib, self.edit.before)


class AddType(LibraryCommand):
    def __init__(
        self, text: str, lib: Library, hub: ChangeHub, added: entity_types.EntityType
    ) -> None:
        super().__init__(text, lib, hub, Change(palette=True))
        self.added = added

    def apply(self) -> None:
        entity_types.put_type(self.lib, self.added)

    def revert(self) -> None:
        entity_types.delete_type(self.lib, self.added.id)


class AddColour(LibraryCommand):
    def __init__(self, text: str, lib: Library, hub: ChangeHub, added: palette.Colour) -> None:
        super().__init__(text, lib, hub, Change(palette=True))
        self.added = added

    def apply(self) -> None:
        palette.put_colour(self.lib, self.added)

    def revert(self) -> None:
        palette.delete_colour(self.lib, self.added.id)


# Texts of the commands, as the Edit menu shows them after "Undo"/"Redo".
def texts() -> dict[str, str]:
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
    }
