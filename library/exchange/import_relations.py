"""Relations read from a file, added between the mentions an import just placed.

`library.exchange.import_annotations` calls `apply` after each article's annotations:
every `Incoming` then knows the library annotation it became (`placed`: new, or the
one already there that it repeats). Each relation (`IncomingRelation`) is then:

- refused, and reported in `failed`, when an end's mention was not imported (its quote
  is gone, the file spoilt it) or when the library's rules refuse it
  (`library.marks.relations.check_relation`: the type's constraints, two ends in one
  article, a mention to itself);
- counted in `relation_duplicates` when the library has it already (the same id, or
  the same type, source and target), so importing a file twice adds nothing;
- added otherwise, keeping the file's id (a UUID), note, author and dates.

A target entity is found or made as a mention's entity is (`_Applier.entity_id`); the
type is the library's type whose id, brat name, English or Arabic label is the file's,
else a new type with the file's label (and no constraints), counted in
`relation_types_created`. Each relation is its own savepoint: one that fails leaves the
others and the annotations in place.
"""

from __future__ import annotations

import re
import sqlite3
import uuid

import library.exchange.brat as brat_writer
from library.edits import now
from library.exchange.incoming import Incoming, IncomingArticle, IncomingRelation
from library.marks.annotations import AnnotationError
from library.marks.relations import (
    Relation,
    RelationError,
    RelationType,
    check_relation,
    put_relation_types,
    put_relations,
    relation_types,
)
from library.storage.articles import NotFound

_BAD_VALUE = (UnicodeError, OverflowError, ValueError, sqlite3.IntegrityError, sqlite3.DataError)


def relation_type(applier, given: str, label: str | None) -> str:
    """The library's relation type for a file's type (see the module docstring)."""
    key = given.strip().casefold()
    cache: dict[str, str] = applier.relation_types
    if key in cache:
        return cache[key]
    types = relation_types(applier.lib)
    wanted = {key, (label or "").strip().casefold()} - {""}
    found = next(
        (
            t.id
            for t in types
            if wanted
            & {
                t.id.casefold(),
                t.label.casefold(),
                t.label_ar.casefold(),
                brat_writer.relation_name(t.id).casefold(),
            }
        ),
        None,
    )
    if found is None:
        # An id like the ones the types dialog makes: no spaces (brat and TEI need names).
        new_id = re.sub(r"[^\w-]+", "-", given.strip().casefold()).strip("-") or "related"
        if any(t.id == new_id for t in types):
            new_id = str(uuid.uuid4())
        position = max((t.position for t in types), default=-1) + 1
        kind = RelationType(new_id, (label or given).strip() or new_id, position=position)
        put_relation_types(applier.lib, [*types, kind])
        applier.report.relation_types_created += 1
        found = new_id
    cache[key] = found
    return found


def _fail(applier, art: IncomingArticle, rel: IncomingRelation, error: str) -> None:
    if applier.problems.take():
        applier.report.failed.append(
            {
                "path": applier.source,
                "article": art.label,
                "where": rel.where,
                "error": f"a relation: {error}",
            }
        )


def _made(
    applier, rel: IncomingRelation, source: Incoming, target: Incoming | None
) -> Relation | None:
    """The relation to add, or None when the library has it already (counted)."""
    conn = applier.lib.conn
    target_entity = None
    if target is None:
        entity = rel.target_entity
        known = (
            entity is not None
            and conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity.id,)).fetchone()
        )
        if entity is None or not (known or entity.name.strip()):
            raise RelationError("it points at no mention and at no entity this library knows")
        target_entity = applier.entity_id(entity)
    type_id = relation_type(applier, rel.type, rel.type_label)
    target_annotation = target.placed if target is not None else None
    same = conn.execute(
        "SELECT 1 FROM relations WHERE id = ? OR (type = ? AND source = ? AND "
        "coalesce(target_annotation, '') = ? AND coalesce(target_entity, '') = ?)",
        (rel.id or "", type_id, source.placed, target_annotation or "", target_entity or ""),
    ).fetchone()
    if same:
        applier.report.relation_duplicates += 1
        return None
    stamp = now()
    try:
        relation_id = str(uuid.UUID(rel.id or ""))
    except ValueError:
        relation_id = str(uuid.uuid4())
    return Relation(
        id=relation_id,
        type=type_id,
        source=source.placed or "",
        target_annotation=target_annotation,
        target_entity=target_entity,
        note=(rel.note or "").strip() or None,
        author=rel.author or getattr(applier.lib, "acting_author", None),
        created_at=rel.created or stamp,
        updated_at=rel.updated or rel.created or stamp,
    )


def apply(applier, art: IncomingArticle) -> None:
    """Add the article's relations (`applier`: the import's `_Applier`)."""
    by_key = {inc.key: inc for inc in art.annotations if inc.key}
    for rel in art.relations:
        source = by_key.get(rel.source)
        target = by_key.get(rel.target) if rel.target is not None else None
        if source is None or source.placed is None:
            _fail(applier, art, rel, f"its source mention {rel.source} was not imported")
            continue
        if rel.target is not None and (target is None or target.placed is None):
            _fail(applier, art, rel, f"its target mention {rel.target} was not imported")
            continue
        try:
            with applier.lib.transaction():  # a savepoint: one bad relation spoils nothing
                made = _made(applier, rel, source, target)
                if made is None:
                    continue
                check_relation(
                    applier.lib, made.source, made.type, made.target_annotation, made.target_entity
                )
                put_relations(applier.lib, [made])
                applier.report.relations_added += 1
        except (RelationError, NotFound, AnnotationError) as exc:
            _fail(applier, art, rel, str(exc).strip("'\""))
        except _BAD_VALUE as exc:
            _fail(applier, art, rel, f"a value the library cannot store: {exc}")
