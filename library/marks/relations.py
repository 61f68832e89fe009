"""Relations: a typed, directed link from an entity mention to another mention of the same
article, or from a mention to an entity (the entity index's gesture), with an optional note.

Tables (made by a migration of `library.storage.migrations`, with the default types):

- `relation_types(id, label, label_ar, source_types, target_types, position)`: the kinds
  of link, user-editable like entity types. `source_types` and `target_types` are JSON
  lists of the entity types allowed at each end; an empty list allows any type.
- `relations(id, type, source, target_annotation, target_entity, note, author,
  created_at, updated_at)`: `source` is a mention (an annotation of kind entity); exactly
  one of `target_annotation` (a mention) and `target_entity` is set. Deleting a mention
  or an entity deletes its relations (ON DELETE CASCADE): an undo that brings the
  mention back must bring them back too (`relations_touching` before, `restore_relations`
  after; `library.ops.annotating.remove` does).

Every function that changes something commits at once and returns what an undo needs,
as `library.marks.annotations` does: created rows, removed rows, or an `Edit`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from library.edits import Edit, now
from library.marks.annotations import AnnotationError, Kind, default_author
from library.storage.articles import NotFound
from library.storage.store import Library


class RelationError(AnnotationError):
    """A relation that cannot be made as asked; the message is meant for the user."""


# --- types ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationType:
    id: str
    label: str
    label_ar: str = ""
    source_types: tuple[str, ...] = ()  # entity types allowed at the source; () = any
    target_types: tuple[str, ...] = ()
    position: int = 0

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "label": self.label,
            "label_ar": self.label_ar,
            "source_types": list(self.source_types),
            "target_types": list(self.target_types),
            "position": self.position,
        }

    def _row(self) -> tuple:
        return (
            self.id,
            self.label,
            self.label_ar,
            json.dumps(list(self.source_types)),
            json.dumps(list(self.target_types)),
            self.position,
        )


def _type_list(text: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _type(row) -> RelationType:
    return RelationType(row[0], row[1], row[2], _type_list(row[3]), _type_list(row[4]), row[5])


def relation_types(lib: Library) -> list[RelationType]:
    rows = lib.conn.execute(
        "SELECT id, label, label_ar, source_types, target_types, position "
        "FROM relation_types ORDER BY position, id"
    )
    return [_type(r) for r in rows]


def resolve_relation_type(lib: Library, text: str) -> RelationType:
    """A type by its id, or its English or Arabic label (case-insensitive)."""
    wanted = text.strip().casefold()
    for t in relation_types(lib):
        if wanted in (t.id.casefold(), t.label.casefold(), t.label_ar.casefold()):
            return t
    known = ", ".join(t.id for t in relation_types(lib))
    raise RelationError(f"no relation type {text!r} (known: {known})")


def put_relation_types(lib: Library, types: Sequence[RelationType]) -> list[RelationType]:
    """Make the table hold exactly `types` (added, changed, the others removed); returns
    the list before (undo: `put_relation_types(lib, before)`). A type still used by a
    relation cannot be removed: nothing is changed then."""
    with lib.transaction():
        before = relation_types(lib)
        ids = [t.id for t in types]
        if len(set(ids)) != len(ids):
            raise RelationError("two relation types with the same id")
        for t in types:
            if not t.id.strip() or not t.label.strip():
                raise RelationError("a relation type needs an id and a label")
        gone = [t.id for t in before if t.id not in set(ids)]
        for type_id in gone:
            used = lib.conn.execute(
                "SELECT count(*) FROM relations WHERE type = ?", (type_id,)
            ).fetchone()[0]
            if used:
                raise RelationError(
                    f"the relation type {type_id!r} is used by {used} relation(s): "
                    "delete them or change their type first"
                )
        lib.conn.executemany("DELETE FROM relation_types WHERE id = ?", [(i,) for i in gone])
        lib.conn.executemany(
            "INSERT INTO relation_types VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
            "SET label = excluded.label, label_ar = excluded.label_ar, "
            "source_types = excluded.source_types, target_types = excluded.target_types, "
            "position = excluded.position",
            [t._row() for t in types],
        )
    return before


# --- relations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    id: str
    type: str
    source: str  # a mention (annotation id)
    target_annotation: str | None
    target_entity: str | None
    note: str | None
    author: str | None
    created_at: str
    updated_at: str

    @property
    def target(self) -> str:
        return self.target_annotation or self.target_entity or ""

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "from": self.source,
            "to": self.target_annotation,
            "to_entity": self.target_entity,
            "note": self.note,
            "author": self.author,
            "created": self.created_at,
            "updated": self.updated_at,
        }


_FIELDS = [f.name for f in fields(Relation)]
_COLUMNS = ", ".join(_FIELDS)
_UPSERT = (
    f"INSERT INTO relations ({_COLUMNS}) VALUES ({', '.join('?' * len(_FIELDS))}) "
    "ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{f} = excluded.{f}" for f in _FIELDS if f != "id")
)


def _values(r: Relation) -> tuple:
    return tuple(getattr(r, f) for f in _FIELDS)


def read_relations(lib: Library, where: str = "1", params: Sequence = ()) -> list[Relation]:
    rows = lib.conn.execute(f"SELECT {_COLUMNS} FROM relations WHERE {where}", params)
    return [Relation(*r) for r in rows]


def get_relation(lib: Library, relation_id: str) -> Relation:
    found = read_relations(lib, "id = ?", (relation_id,))
    if not found:
        raise NotFound(f"no relation {relation_id}")
    return found[0]


def _mention(lib: Library, annotation_id: str) -> tuple[int, str]:
    """(article, entity type) of a mention; refused if it is not one."""
    row = lib.conn.execute(
        "SELECT n.article_id, n.kind, e.type FROM annotations n "
        "LEFT JOIN entities e ON e.id = n.entity_id WHERE n.id = ?",
        (annotation_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"no annotation {annotation_id}")
    if row[1] != Kind.ENTITY or row[2] is None:
        raise RelationError(f"annotation {annotation_id} is a {row[1]}, not an entity mention")
    return row[0], row[2]


def _entity_type(lib: Library, entity_id: str) -> str:
    row = lib.conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()
    if row is None:
        raise NotFound(f"no entity {entity_id}")
    return row[0]


def _check_types(kind: RelationType, source_type: str, target_type: str) -> None:
    if kind.source_types and source_type not in kind.source_types:
        raise RelationError(
            f"a “{kind.label}” relation goes from {' or '.join(kind.source_types)}, "
            f"not from {source_type}"
        )
    if kind.target_types and target_type not in kind.target_types:
        raise RelationError(
            f"a “{kind.label}” relation goes to {' or '.join(kind.target_types)}, "
            f"not to {target_type}"
        )


def check_relation(
    lib: Library,
    source: str,
    type_id: str,
    target_annotation: str | None = None,
    target_entity: str | None = None,
) -> RelationType:
    """Refuse (RelationError, NotFound) a relation that breaks a rule: ends that are not
    mentions, two targets or none, mentions of two articles, a mention to itself, entity
    types the relation type does not allow."""
    if (target_annotation is None) == (target_entity is None):
        raise RelationError("a relation goes to one mention or to one entity")
    kind = resolve_relation_type(lib, type_id)
    article, source_type = _mention(lib, source)
    if target_annotation is not None:
        if target_annotation == source:
            raise RelationError("a relation needs two different mentions")
        other_article, target_type = _mention(lib, target_annotation)
        if other_article != article:
            raise RelationError(
                f"the two mentions are in different articles ({article} and {other_article}); "
                "relate a mention to the other entity instead"
            )
    else:
        target_type = _entity_type(lib, target_entity or "")
    _check_types(kind, source_type, target_type)
    return kind


def add_relation(
    lib: Library,
    source: str,
    type_id: str,
    *,
    target_annotation: str | None = None,
    target_entity: str | None = None,
    note: str | None = None,
    author: str | None = None,
) -> Relation:
    """A new relation (undo: `delete_relations`, redo: `restore_relations`)."""
    with lib.transaction():
        kind = check_relation(lib, source, type_id, target_annotation, target_entity)
        stamp = now()
        row = Relation(
            str(uuid.uuid4()),
            kind.id,
            source,
            target_annotation,
            target_entity,
            (note or "").strip() or None,
            author if author is not None else default_author(lib),
            stamp,
            stamp,
        )
        lib.conn.execute(_UPSERT, _values(row))
    return row


_UNSET: object = object()


def update_relation(
    lib: Library, relation_id: str, *, type_id: object = _UNSET, note: object = _UNSET
) -> Edit[Relation]:
    """A new type or note (the new type's constraints are checked)."""
    with lib.transaction():
        before = get_relation(lib, relation_id)
        after = before
        if type_id is not _UNSET:
            kind = check_relation(
                lib, before.source, str(type_id), before.target_annotation, before.target_entity
            )
            after = replace(after, type=kind.id)
        if note is not _UNSET:
            after = replace(after, note=(str(note or "")).strip() or None)
        if after != before:
            after = replace(after, updated_at=now())
            lib.conn.execute(_UPSERT, _values(after))
    return Edit(before, after)


def put_relations(lib: Library, rows: Iterable[Relation]) -> None:
    """Write rows as they are (same ids): restores removed rows and undoes edits."""
    with lib.transaction():
        lib.conn.executemany(_UPSERT, [_values(r) for r in rows])


restore_relations = put_relations


def delete_relations(lib: Library, ids: Sequence[str]) -> list[Relation]:
    """Delete relations (ids no longer there are skipped); returns the rows removed."""
    with lib.transaction():
        gone = []
        for chunk in range(0, len(ids), 500):
            part = list(ids[chunk : chunk + 500])
            gone += read_relations(lib, f"id IN ({', '.join('?' * len(part))})", part)
            lib.conn.execute(
                f"DELETE FROM relations WHERE id IN ({', '.join('?' * len(part))})", part
            )
    return gone


def relations_touching(lib: Library, annotation_ids: Sequence[str]) -> list[Relation]:
    """The relations at either end of these mentions: what deleting them takes away."""
    out: dict[str, Relation] = {}
    for chunk in range(0, len(annotation_ids), 400):
        part = list(annotation_ids[chunk : chunk + 400])
        marks = ", ".join("?" * len(part))
        for r in read_relations(
            lib, f"source IN ({marks}) OR target_annotation IN ({marks})", [*part, *part]
        ):
            out[r.id] = r
    return sorted(out.values(), key=lambda r: (r.created_at, r.id))


def relations_of_entity_rows(lib: Library, entity_id: str) -> list[Relation]:
    """The relations pointing at an entity directly (deleted with it)."""
    return read_relations(lib, "target_entity = ? ORDER BY created_at, id", (entity_id,))


# --- reading for lists ----------------------------------------------------------------------


@dataclass(frozen=True)
class RelationView:
    """A relation with what a list shows of it: the article and both ends' entities."""

    relation: Relation
    article_id: int
    source_entity: str
    target_entity: str
    source_text: str
    target_text: str | None  # the target mention's quote (None for an entity target)

    def to_json(self) -> dict:
        r = self.relation
        return {
            "id": r.id,
            "type": r.type,
            "from": r.source,
            "to": r.target_annotation or r.target_entity,
            "article": self.article_id,
            "note": r.note,
        }


_VIEW = (
    "SELECT r.id, r.type, r.source, r.target_annotation, r.target_entity, r.note, r.author, "
    "r.created_at, r.updated_at, s.article_id, s.entity_id, "
    "coalesce(t.entity_id, r.target_entity), s.exact, t.exact "
    "FROM relations r JOIN annotations s ON s.id = r.source "
    "LEFT JOIN annotations t ON t.id = r.target_annotation"
)


def _views(lib: Library, where: str, params: Sequence) -> list[RelationView]:
    rows = lib.conn.execute(f"{_VIEW} WHERE {where} ORDER BY s.article_id, s.start, r.id", params)
    return [RelationView(Relation(*r[:9]), r[9], r[10], r[11], r[12], r[13]) for r in rows]


def list_relations(lib: Library, entity_id: str | None = None) -> list[RelationView]:
    """Every relation (by article and position), or those with the entity at either end."""
    if entity_id is None:
        return _views(lib, "1", ())
    return _views(
        lib,
        "s.entity_id = ? OR t.entity_id = ? OR r.target_entity = ?",
        (entity_id, entity_id, entity_id),
    )


def relations_in(lib: Library, article_id: int) -> list[RelationView]:
    """The relations whose source mention is in the article (the annotation panel)."""
    return _views(lib, "s.article_id = ?", (article_id,))


@dataclass(frozen=True)
class EntityRelation:
    """The relations of one type between an entity and another, across the library."""

    type: str
    other: str  # the other entity's id
    outgoing: bool  # the entity is the source
    count: int
    articles: int

    def to_json(self) -> dict:
        return {
            "type": self.type,
            "entity": self.other,
            "direction": "out" if self.outgoing else "in",
            "count": self.count,
            "articles": self.articles,
        }


def entity_relations(lib: Library, entity_id: str) -> list[EntityRelation]:
    """The relations an entity takes part in (through its mentions, or as a target),
    counted per (type, other entity, direction), most frequent first."""
    rows = lib.conn.execute(
        """
        WITH ends AS (
            SELECT r.type, s.entity_id AS src, coalesce(t.entity_id, r.target_entity) AS dst,
                   s.article_id AS article
            FROM relations r JOIN annotations s ON s.id = r.source
            LEFT JOIN annotations t ON t.id = r.target_annotation
        )
        SELECT type, dst, 1, count(*), count(DISTINCT article) FROM ends WHERE src = ?1
        GROUP BY type, dst
        UNION ALL
        SELECT type, src, 0, count(*), count(DISTINCT article) FROM ends
        WHERE dst = ?1 AND src != ?1
        GROUP BY type, src
        """,
        (entity_id,),
    ).fetchall()
    out = [EntityRelation(r[0], r[1], bool(r[2]), r[3], r[4]) for r in rows]
    return sorted(out, key=lambda e: (-e.count, e.type, e.other, not e.outgoing))
