"""Operations of curation (`library.team.curation`): deciding an item into the curated layer.

Deciding an item replaces whatever the curated layer held over it (its mentions there, a
rejection note) with the decision: the chosen mentions, linked to the entity of the
version they come from (or, when the curator changed the type, to the entity of that type
found or created by name, as tagging does), or a rejection note when the decision is
"no mention here". Every decision is one transaction and one undoable edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from library.changes import Changes
from library.marks import annotations as notes
from library.marks import entities as ents
from library.marks import relations
from library.marks.annotations import Annotation, Kind
from library.ops.operation import Operation, nothing
from library.storage.store import Library
from library.team.curation import CURATED_AUTHOR, REJECTED_NOTE, Item, curation


@dataclass(frozen=True)
class Choice:
    """A mention to put in the curated layer."""

    start: int
    end: int
    type: str
    entity_id: str | None = None  # linked to when it is of `type`


@dataclass(frozen=True)
class Decided:
    added: tuple[Annotation, ...]  # curated mentions or rejection notes made
    removed: tuple[Annotation, ...]  # what the curated layer held there before
    links: tuple[relations.Relation, ...]  # relations of removed mentions (CASCADE)
    entities: tuple[ents.Entity, ...]  # entities made for changed types


# One decision: the extent of the item, and its mentions (None: "no mention here").
Plan = Sequence[tuple[int, int, Sequence[Choice] | None]]


def _curated_over(lib: Library, article_id: int, start: int, end: int) -> list[Annotation]:
    return notes.read_annotations(
        lib,
        'article_id = ? AND author = ? AND start < ? AND "end" > ? '
        "AND (kind = ? OR (kind = ? AND note = ?))",
        (article_id, CURATED_AUTHOR, end, start, Kind.ENTITY.value, Kind.NOTE.value, REJECTED_NOTE),
    )


def _tag(lib: Library, article_id: int, choice: Choice) -> ents.Tagging:
    linked = None
    if choice.entity_id is not None:
        row = lib.conn.execute(
            "SELECT type FROM entities WHERE id = ?", (choice.entity_id,)
        ).fetchone()
        linked = choice.entity_id if row is not None and row[0] == choice.type else None
    if linked is not None:
        how: dict = {"entity_id": linked}
    else:
        how = {"entity_type": choice.type}
    return ents.tag_entity(lib, article_id, choice.start, choice.end, author=CURATED_AUTHOR, **how)


def _decide(lib: Library, article_id: int, plan: Plan) -> Decided:
    added: list[Annotation] = []
    removed: list[Annotation] = []
    links: list[relations.Relation] = []
    made: list[ents.Entity] = []
    with lib.transaction():
        body = notes.article_body(lib, article_id)
        for start, end, choices in plan:
            notes.check_span(body, start, end)
            old = _curated_over(lib, article_id, start, end)
            ids = [a.id for a in old]
            links += relations.relations_touching(lib, ids)
            removed += notes.delete_annotations(lib, ids)
            if choices is None:
                note = notes.make_annotation(
                    body, article_id, Kind.NOTE, start, end,
                    note=REJECTED_NOTE, author=CURATED_AUTHOR,
                )  # fmt: skip
                notes.insert(lib, [note])
                added.append(note)
                continue
            for choice in dict.fromkeys(choices):  # the same mention once
                tagging = _tag(lib, article_id, choice)
                added.append(tagging.annotation)
                if tagging.created:
                    made.append(tagging.entity)
    return Decided(tuple(added), tuple(removed), tuple(links), tuple(made))


def _operation(label: str, done: Decided) -> Operation[Decided]:
    added_ids = [a.id for a in done.added]
    removed_ids = [a.id for a in done.removed]

    def undo(db: Library) -> None:
        with db.transaction():
            notes.delete_annotations(db, added_ids)
            for entity in done.entities:
                db.conn.execute("DELETE FROM entities WHERE id = ?", (entity.id,))
            notes.restore_annotations(db, done.removed)
            relations.restore_relations(db, done.links)

    def redo(db: Library) -> None:
        with db.transaction():
            notes.delete_annotations(db, removed_ids)
            for entity in done.entities:
                ents.put_entity(db, entity)
            notes.restore_annotations(db, done.added)

    changes = Changes.of_annotations(
        [*done.removed, *done.added],
        entities=[e.id for e in done.entities],
        relations=[r.id for r in done.links],
    )
    return Operation(label, done, changes, undo, redo)


def decide(
    lib: Library, article_id: int, start: int, end: int, choices: Sequence[Choice] | None
) -> Operation[Decided]:
    """Decide the item over [start, end): these mentions (possibly edited: another span
    or type), or None for "no mention here" (a rejection note)."""
    return _operation("curate", _decide(lib, article_id, [(start, end, choices)]))


def choices_of(item: Item, author: str) -> list[Choice] | None:
    """An author's version of an item as choices (None when the author tagged nothing)."""
    (version,) = [v for v in item.versions if v.author == author]
    if not version.marks:
        return None
    return [Choice(m.start, m.end, m.type, m.entity_id) for m in version.marks]


def accept_version(lib: Library, article_id: int, item: Item, author: str) -> Operation[Decided]:
    """Take one author's version of an item as the curated one."""
    return decide(lib, article_id, item.start, item.end, choices_of(item, author))


def reject(lib: Library, article_id: int, item: Item) -> Operation[Decided]:
    """No mention in the curated layer for this item."""
    return decide(lib, article_id, item.start, item.end, None)


def accept_agreed(
    lib: Library, article_id: int, authors: Sequence[str] | None = None
) -> Operation[Decided]:
    """Every item all authors agree on and not yet decided, into the curated layer at once."""
    with lib.transaction():
        found = curation(lib, article_id, authors)
        plan = [
            (item.start, item.end, choices_of(item, found.authors[0]))
            for item in found.items
            if item.agreed and not item.decided
        ]
        if not plan:
            return nothing("curate-agreed", Decided((), (), (), ()))
        return _operation("curate-agreed", _decide(lib, article_id, plan))
