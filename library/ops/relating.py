"""Operations on relations between entity mentions, and on the relation types."""

from __future__ import annotations

from collections.abc import Sequence

from library.changes import Changes
from library.marks import relations as rel
from library.ops.operation import Operation, nothing
from library.storage.store import Library


def touched(lib: Library, rows: Sequence[rel.Relation]) -> Changes:
    """The relations, the articles of their mentions and the entities at their ends."""
    annotation_ids = sorted({i for r in rows for i in (r.source, r.target_annotation) if i})
    articles: set[int] = set()
    entities = {r.target_entity for r in rows}
    for chunk in range(0, len(annotation_ids), 500):
        part = annotation_ids[chunk : chunk + 500]
        for article_id, entity_id in lib.conn.execute(
            f"SELECT article_id, entity_id FROM annotations WHERE id IN ({', '.join('?' * len(part))})",
            part,
        ):
            articles.add(article_id)
            entities.add(entity_id)
    return Changes.of(articles=articles, entities=entities, relations=[r.id for r in rows])


def relate(
    lib: Library,
    source_annotation: str,
    target_annotation: str | None = None,
    target_entity: str | None = None,
    *,
    type: str,
    note: str | None = None,
    author: str | None = None,
) -> Operation[rel.Relation]:
    """Relate a mention to another mention of the same article, or to an entity. Refused
    (RelationError) when the relation type does not allow the two entities' types."""
    row = rel.add_relation(
        lib,
        source_annotation,
        type,
        target_annotation=target_annotation,
        target_entity=target_entity,
        note=note,
        author=author,
    )
    return Operation(
        "relate",
        row,
        touched(lib, [row]),
        lambda lib: rel.delete_relations(lib, [row.id]),
        lambda lib: rel.restore_relations(lib, [row]),
    )


_UNSET: object = object()


def edit_relation(
    lib: Library,
    relation_id: str,
    *,
    type: object = _UNSET,
    note: object = _UNSET,
) -> Operation:
    """A relation's new type (its constraints checked) or note."""
    kw: dict = {}
    if type is not _UNSET:
        kw["type_id"] = type
    if note is not _UNSET:
        kw["note"] = note
    edit = rel.update_relation(lib, relation_id, **kw)
    if not edit.changed:
        return nothing("edit-relation", edit)
    return Operation(
        "edit-relation",
        edit,
        touched(lib, [edit.after]),
        lambda lib: rel.put_relations(lib, [edit.before]),
        lambda lib: rel.put_relations(lib, [edit.after]),
    )


def delete_relations(lib: Library, relation_ids: Sequence[str]) -> Operation:
    """Remove relations (ids no longer there are skipped)."""
    gone = rel.delete_relations(lib, list(relation_ids))
    if not gone:
        return nothing("delete-relation", [])
    ids = [r.id for r in gone]
    return Operation(
        "delete-relation",
        gone,
        touched(lib, gone),
        lambda lib: rel.restore_relations(lib, gone),
        lambda lib: rel.delete_relations(lib, ids),
    )


def delete_relation(lib: Library, relation_id: str) -> Operation:
    return delete_relations(lib, [relation_id])


def edit_relation_types(lib: Library, types: Sequence[rel.RelationType]) -> Operation:
    """What the relation types dialog asks, as one edit: the list as it should be (types
    added, relabelled, constrained, reordered; those left out removed, if unused)."""
    types = tuple(types)
    before = rel.put_relation_types(lib, types)
    if tuple(before) == tuple(rel.relation_types(lib)):
        return nothing("relation-types", before)
    return Operation(
        "relation-types",
        types,
        Changes(palette=True),
        lambda lib: rel.put_relation_types(lib, before),
        lambda lib: rel.put_relation_types(lib, types),
    )
