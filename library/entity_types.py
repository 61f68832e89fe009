"""Entity types: user-editable (defaults person, organisation, place, date, event, other),
each with a label and a colour.

A type's id is what entities store (`entities.type`). Labels and colours can change at
will; a type can be deleted only when no entity has it, or with a type to move those
entities to. Changes return what an undo needs (`Edit`, `TypeRemoval`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from library.annotations import AnnotationError
from library.articles import NotFound
from library.edits import Edit, now
from library.store import Library

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class EntityType:
    id: str
    label: str
    colour: str
    position: int

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "colour": self.colour}


def _check_hex(colour: str) -> str:
    if not _HEX.match(colour or ""):
        raise AnnotationError(f"a colour is written #rrggbb, not {colour!r}")
    return colour.lower()


def entity_types(lib: Library) -> list[EntityType]:
    rows = lib.conn.execute(
        "SELECT id, label, colour, position FROM entity_types ORDER BY position, id"
    )
    return [EntityType(*r) for r in rows]


def get_type(lib: Library, type_id: str) -> EntityType:
    row = lib.conn.execute(
        "SELECT id, label, colour, position FROM entity_types WHERE id = ?", (type_id,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no entity type {type_id!r}")
    return EntityType(*row)


def resolve_type(lib: Library, text: str) -> EntityType:
    """A type by id or label, case-insensitively ("person", "Person", "org" is not one)."""
    wanted = text.strip().casefold()
    for t in entity_types(lib):
        if wanted in (t.id.casefold(), t.label.casefold()):
            return t
    known = ", ".join(t.id for t in entity_types(lib))
    raise AnnotationError(f"no entity type {text!r}; the types are {known}")


def _slug(label: str) -> str:
    slug = re.sub(r"[^\w]+", "-", label.strip().casefold()).strip("-")
    return slug or "type"


def add_type(lib: Library, label: str, colour: str, type_id: str | None = None) -> EntityType:
    """A new type at the end of the list (undo: `delete_type(lib, new.id)`)."""
    label = label.strip()
    if not label:
        raise AnnotationError("an entity type needs a label")
    hex_colour = _check_hex(colour)
    with lib.transaction():
        base = type_id or _slug(label)
        candidate, n = base, 2
        while lib.conn.execute("SELECT 1 FROM entity_types WHERE id = ?", (candidate,)).fetchone():
            if type_id is not None:
                raise AnnotationError(f"there is already an entity type {type_id!r}")
            candidate, n = f"{base}-{n}", n + 1
        position = lib.conn.execute(
            "SELECT coalesce(max(position), -1) + 1 FROM entity_types"
        ).fetchone()[0]
        new = EntityType(candidate, label, hex_colour, position)
        put_type(lib, new)
    return new


def update_type(
    lib: Library, type_id: str, *, label: str | None = None, colour: str | None = None
) -> Edit[EntityType]:
    """Relabel and/or recolour a type (undo: `put_type(lib, edit.before)`)."""
    with lib.transaction():
        before = get_type(lib, type_id)
        after = before
        if label is not None:
            if not label.strip():
                raise AnnotationError("an entity type needs a label")
            after = replace(after, label=label.strip())
        if colour is not None:
            after = replace(after, colour=_check_hex(colour))
        put_type(lib, after)
    return Edit(before, after)


def put_type(lib: Library, entity_type: EntityType) -> None:
    """Write a type row exactly as given (insert or overwrite)."""
    t = entity_type
    with lib.transaction():
        lib.conn.execute(
            "INSERT INTO entity_types (id, label, colour, position) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET label = excluded.label, colour = excluded.colour, "
            "position = excluded.position",
            (t.id, t.label, t.colour, t.position),
        )


@dataclass(frozen=True)
class TypeRemoval:
    type: EntityType
    moved_to: str | None
    entities: tuple[tuple[str, str], ...]  # (entity id, its updated_at before the move)


def delete_type(lib: Library, type_id: str, move_to: str | None = None) -> TypeRemoval:
    """Remove a type; its entities move to `move_to`, which is required if there are any.
    Undo: `restore_type(lib, removal)`."""
    with lib.transaction():
        gone = get_type(lib, type_id)
        used = tuple(
            (r[0], r[1])
            for r in lib.conn.execute(
                "SELECT id, updated_at FROM entities WHERE type = ?", (type_id,)
            )
        )
        if move_to is not None:
            get_type(lib, move_to)
            if move_to == type_id:
                raise AnnotationError("cannot move entities to the type being removed")
        elif used:
            raise AnnotationError(
                f"{len(used)} entit(ies) are of type {gone.label!r}; choose a type to move them to"
            )
        if used:
            lib.conn.execute(
                "UPDATE entities SET type = ?, updated_at = ? WHERE type = ?",
                (move_to, now(), type_id),
            )
        lib.conn.execute("DELETE FROM entity_types WHERE id = ?", (type_id,))
    return TypeRemoval(gone, move_to, used)


def restore_type(lib: Library, removal: TypeRemoval) -> None:
    """Undo `delete_type`: the type comes back and its entities return to it."""
    with lib.transaction():
        put_type(lib, removal.type)
        lib.conn.executemany(
            "UPDATE entities SET type = ?, updated_at = ? WHERE id = ?",
            [(removal.type.id, stamp, eid) for eid, stamp in removal.entities],
        )
