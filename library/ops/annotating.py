"""Operations on highlights and notes, removing annotations, and tagging occurrences."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from library.changes import Changes
from library.edits import Edit
from library.marks import annotations as notes
from library.marks import relations
from library.marks.annotations import Annotation, Kind
from library.marks.occurrences import Occurrence, accept_occurrences
from library.ops.operation import Operation, nothing
from library.storage.store import Library


def created(label: str, rows: Sequence[Annotation]) -> Operation[list[Annotation]]:
    """Rows just made: undo deletes them, redo restores them with the same ids."""
    rows = tuple(rows)
    ids = [a.id for a in rows]
    return Operation(
        label,
        list(rows),
        Changes.of_annotations(rows),
        lambda lib: notes.delete_annotations(lib, ids),
        lambda lib: notes.restore_annotations(lib, rows),
    )


def removed(label: str, rows: Sequence[Annotation]) -> Operation[list[Annotation]]:
    """Rows just deleted: undo restores them whole, redo deletes them again."""
    made = created(label, rows)
    return Operation(label, made.result, made.changes, made.redo, made.undo)


def edited(label: str, edit: Edit[Annotation]) -> Operation[Edit[Annotation]]:
    """One row before and after: undo puts `before` back, redo puts `after`."""
    if not edit.changed:
        return nothing(label, edit)
    return Operation(
        label,
        edit,
        Changes.of_annotations([edit.before, edit.after]),
        lambda lib: notes.put_annotations(lib, [edit.before]),
        lambda lib: notes.put_annotations(lib, [edit.after]),
    )


def highlight(
    lib: Library,
    article_id: int,
    start: int,
    end: int,
    colour: str | None = None,
    *,
    author: str | None = None,
) -> Operation:
    """Highlight a passage. The same passage highlighted again changes its colour rather
    than doubling it (label "recolour"); in the same colour, nothing happens."""
    with lib.transaction():
        same = [
            a
            for a in notes.annotations_overlapping(lib, article_id, start, end)
            if a.kind == Kind.HIGHLIGHT and (a.start, a.end) == (start, end)
        ]
        if same:
            wanted = colour or notes.first_colour(lib)
            if same[0].colour == wanted:
                return nothing("recolour", Edit(same[0], same[0]))
            return edited("recolour", notes.update_annotation(lib, same[0].id, colour=wanted))
        return add_highlight(lib, article_id, start, end, colour, author=author)


def add_highlight(
    lib: Library,
    article_id: int,
    start: int,
    end: int,
    colour: str | None = None,
    *,
    author: str | None = None,
) -> Operation:
    """A new highlight, even over one of the same span (what a script asks for)."""
    row = notes.add_highlight(lib, article_id, start, end, colour, author=author)
    return created("highlight", [row])


def add_note(
    lib: Library, article_id: int, start: int, end: int, text: str, *, author: str | None = None
) -> Operation:
    return created("note", [notes.add_note(lib, article_id, start, end, text, author=author)])


def add_article_note(
    lib: Library, article_id: int, text: str, *, author: str | None = None
) -> Operation:
    return created("article-note", [notes.add_article_note(lib, article_id, text, author=author)])


def edit_annotation(lib: Library, annotation_id: str, **fields: object) -> Operation:
    """A new colour or note text (or span) of one annotation; label from what changed."""
    label = "recolour" if "colour" in fields else "edit-note"
    return edited(label, notes.update_annotation(lib, annotation_id, **fields))


def remove(lib: Library, annotation_ids: Iterable[str]) -> Operation:
    """Remove annotations (ids no longer there are skipped). The relations of removed
    mentions go with them (ON DELETE CASCADE); the undo brings them back."""
    ids = list(annotation_ids)
    with lib.transaction():
        links = relations.relations_touching(lib, ids)
        gone = notes.delete_annotations(lib, ids)
    if not gone:
        return nothing("delete", [])
    op = removed("delete", gone)
    if not links:
        return op

    def undo(db: Library) -> None:
        with db.transaction():
            op.undo(db)
            relations.restore_relations(db, links)

    changes = op.changes | Changes.of(relations=[r.id for r in links])
    return Operation("delete", op.result, changes, undo, op.redo)


def tag_occurrences(
    lib: Library, entity_id: str, chosen: Iterable[Occurrence], *, author: str | None = None
) -> Operation:
    """Tag found occurrences of an entity as its mentions, all in one transaction."""
    rows = accept_occurrences(lib, entity_id, chosen, author=author)
    return created("occurrences", rows) if rows else nothing("occurrences", [])
