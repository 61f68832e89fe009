"""Operations on entities: tagging a mention (with the alias decision), relinking a
mention, editing, merging and deleting entities."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from library.changes import Changes
from library.edits import Edit
from library.marks import annotations as notes
from library.marks import entities as ents
from library.marks import relations as rel
from library.ops.annotating import edited
from library.ops.operation import Operation, combine, nothing
from library.storage.store import Library


def tagged(label: str, tagging: ents.Tagging) -> Operation[ents.Tagging]:
    """A mention just tagged: undo removes it (and an entity or alias it made)."""
    return Operation(
        label,
        tagging,
        Changes.of_annotations([tagging.annotation], entities=[tagging.entity.id]),
        lambda lib: ents.untag(lib, tagging),
        lambda lib: ents.retag(lib, tagging),
    )


def alias_offer(lib: Library, name: str, entity_type: str) -> list[ents.Entity]:
    """Entities the user may mean when tagging `name` as a new `entity_type`: empty when an
    entity of that name exists (tagging links to it) or nothing is close. The reader asks
    the user to choose one of them (the mention becomes its alias) or a new entity."""
    if ents.find_entity(lib, name, entity_type) is not None:
        return []
    return ents.alias_candidates(lib, name, entity_type)


def tag_entity(
    lib: Library,
    article_id: int,
    start: int,
    end: int,
    *,
    entity_type: str | None = None,
    name: str | None = None,
    alias_of: str | None = None,
    entity_id: str | None = None,
    author: str | None = None,
) -> Operation[ents.Tagging]:
    """Tag [start, end) as a mention: of `entity_id`; or of `alias_of`, whose aliases then
    gain the quoted text (the answer to `alias_offer`); or of the entity of `entity_type`
    called `name` (default: the quote), created if there is none."""
    if alias_of is not None:
        how: dict = {"entity_id": alias_of, "as_alias": True}
    elif entity_id is not None:
        how = {"entity_id": entity_id}
    else:
        how = {"entity_type": entity_type, "name": name}
    return tagged("tag-entity", ents.tag_entity(lib, article_id, start, end, author=author, **how))


def entity_created(label: str, entity: ents.Entity) -> Operation[ents.Entity]:
    return Operation(
        label,
        entity,
        Changes.of(entities=[entity.id]),
        lambda lib: ents.delete_entity(lib, entity.id),
        lambda lib: ents.put_entity(lib, entity),
    )


def entity_edited(label: str, edit: Edit[ents.Entity]) -> Operation[Edit[ents.Entity]]:
    if not edit.changed:
        return nothing(label, edit)
    return Operation(
        label,
        edit,
        Changes.of(entities=[edit.before.id]),
        lambda lib: ents.put_entity(lib, edit.before),
        lambda lib: ents.put_entity(lib, edit.after),
    )


def relink(lib: Library, annotation_id: str, name: str, default_type: str) -> Operation:
    """Point a mention at the entity called `name`: of the mention's current type first,
    then of any type, else a new entity of the current type (or `default_type` for a
    mention that links to nothing)."""
    with lib.transaction():
        mention = notes.get_annotation(lib, annotation_id)
        current = ents.get_entity(lib, mention.entity_id) if mention.entity_id else None
        kind = current.type if current else default_type
        target = ents.find_entity(lib, name, kind) or ents.find_entity(lib, name)
        if target is not None and current is not None and target.id == current.id:
            return nothing("relink")
        parts = []
        if target is None:
            target = ents.create_entity(lib, kind, name)
            parts.append(entity_created("new-entity", target))
        parts.append(edited("relink", ents.relink_mention(lib, annotation_id, target.id)))
    return combine("relink", parts)


def edit_entity(
    lib: Library,
    entity_id: str,
    *,
    name: str | None = None,
    entity_type: str | None = None,
    aliases: Iterable[str] | None = None,
) -> Operation:
    edit = ents.update_entity(lib, entity_id, name=name, entity_type=entity_type, aliases=aliases)
    if not edit.changed:
        return nothing("edit-entity", edit)
    # A new type repaints every mention of the entity; the id in `entities` says so.
    return entity_edited("edit-entity", edit)


def _relations_of(lib: Library, entity_id: str) -> list[rel.Relation]:
    """The relations that go when the entity's mentions or the entity itself go (ON
    DELETE CASCADE): at either end of one of its mentions, or pointing at the entity."""
    mention_ids = [
        r[0]
        for r in lib.conn.execute("SELECT id FROM annotations WHERE entity_id = ?", (entity_id,))
    ]
    found = {r.id: r for r in rel.relations_touching(lib, mention_ids)}
    found.update((r.id, r) for r in rel.relations_of_entity_rows(lib, entity_id))
    return sorted(found.values(), key=lambda r: (r.created_at, r.id))


def _existing(lib: Library, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in range(0, len(ids), 500):
        part = ids[chunk : chunk + 500]
        found.update(
            r.id for r in rel.read_relations(lib, f"id IN ({', '.join('?' * len(part))})", part)
        )
    return found


def _redirected(lib: Library, lost: list[rel.Relation], done: ents.Merge) -> list[rel.Relation]:
    """The relations a merge's cascade took, pointed at what took the place of their ends:
    the kept entity for the removed one, the kept mention of the same span for a dropped
    mention. One that would now link a mention to itself stays lost (undo brings it back)."""
    twins: dict[str, str] = {}
    keep_id = done.kept.after.id
    for a in done.dropped:
        row = lib.conn.execute(
            'SELECT id FROM annotations WHERE article_id = ? AND start = ? AND "end" = ? '
            "AND entity_id = ? ORDER BY id LIMIT 1",
            (a.article_id, a.start, a.end, keep_id),
        ).fetchone()
        if row is not None:
            twins[a.id] = row[0]
    out = []
    for r in lost:
        source = twins.get(r.source, r.source)
        target_annotation = (
            twins.get(r.target_annotation, r.target_annotation) if r.target_annotation else None
        )
        target_entity = keep_id if r.target_entity == done.removed.id else r.target_entity
        gone = {a.id for a in done.dropped}
        if source in gone or (target_annotation in gone) or source == target_annotation:
            continue
        out.append(
            replace(
                r, source=source, target_annotation=target_annotation, target_entity=target_entity
            )
        )
    return out


def merge(lib: Library, keep_id: str, other_id: str) -> Operation[ents.Merge]:
    """Merge `other` into `keep` (see `entities.merge_entities`). The relations of the
    mentions dropped as doubles and those pointing at `other` would go with them (ON
    DELETE CASCADE): they are pointed at the kept mention and entity instead, and undo
    puts them back exactly as they were."""
    with lib.transaction():
        touching = _relations_of(lib, other_id)
        done = ents.merge_entities(lib, keep_id, other_id)
        still = _existing(lib, [r.id for r in touching])
        lost = [r for r in touching if r.id not in still]
        moved = _redirected(lib, lost, done)
        rel.put_relations(lib, moved)
    articles = ents.articles_for_entity(lib, keep_id)

    def undo(db: Library) -> None:
        with db.transaction():
            ents.unmerge(db, done)
            rel.put_relations(db, lost)

    def redo(db: Library) -> None:
        with db.transaction():
            ents.redo_merge(db, done)
            rel.put_relations(db, moved)

    return Operation(
        "merge",
        done,
        Changes.of(
            articles=[*articles, *(a.article_id for a in done.dropped)],
            annotations=[*done.moved, *(a.id for a in done.dropped)],
            entities=[keep_id, other_id],
            relations=[r.id for r in touching],
        ),
        undo,
        redo,
    )


def delete_entity(lib: Library, entity_id: str) -> Operation[ents.EntityRemoval]:
    """Delete an entity with all its mentions, and so with the relations at their ends or
    pointing at the entity (ON DELETE CASCADE); undo brings those back too."""
    with lib.transaction():
        links = _relations_of(lib, entity_id)
        removal = ents.delete_entity(lib, entity_id)

    def undo(db: Library) -> None:
        with db.transaction():
            ents.restore_entity(db, removal)
            rel.put_relations(db, links)

    return Operation(
        "delete-entity",
        removal,
        Changes.of_annotations(
            removal.mentions, entities=[entity_id], relations=[r.id for r in links]
        ),
        undo,
        lambda lib: ents.delete_entity(lib, entity_id),
    )
