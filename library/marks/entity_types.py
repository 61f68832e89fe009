"""Entity types: user-editable (defaults person, organisation, place, date, event, other),
each with a label and a colour.

A type's id is what entities store (`entities.type`). Labels and colours can change at
will; a type can be deleted only when no entity has it, or with a type to move those
entities to. Changes return what an undo needs (`Edit`, `TypeRemoval`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

from library.edits import Edit, now
from library.marks.annotations import AnnotationError
from library.marks.coloured_list import ColouredList
from library.storage.store import Library


@dataclass(frozen=True)
class EntityType:
    id: str
    label: str
    colour: str
    position: int

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "colour": self.colour}


def _ids(label: str, _position: int) -> Iterator[str]:
    base = re.sub(r"[^\w]+", "-", label.strip().casefold()).strip("-") or "type"
    yield base
    yield from (f"{base}-{n}" for n in count(2))


TYPES = ColouredList(
    table="entity_types", name="label", noun="entity type", row=EntityType, ids=_ids
)


def entity_types(lib: Library) -> list[EntityType]:
    return TYPES.all(lib)


def get_type(lib: Library, type_id: str) -> EntityType:
    return TYPES.get(lib, type_id)


def resolve_type(lib: Library, text: str) -> EntityType:
    """A type by id or label, case-insensitively ("person", "Person", "org" is not one)."""
    found = TYPES.find(lib, text)
    if found is None:
        known = ", ".join(t.id for t in entity_types(lib))
        raise AnnotationError(f"no entity type {text!r}; the types are {known}")
    return found


def add_type(lib: Library, label: str, colour: str, type_id: str | None = None) -> EntityType:
    """A new type at the end of the list (undo: `delete_type(lib, new.id)`)."""
    return TYPES.add(lib, label, colour, type_id)


def update_type(
    lib: Library, type_id: str, *, label: str | None = None, colour: str | None = None
) -> Edit[EntityType]:
    """Relabel and/or recolour a type (undo: `put_type(lib, edit.before)`)."""
    return TYPES.update(lib, type_id, name=label, colour=colour)


def put_type(lib: Library, entity_type: EntityType) -> None:
    """Write a type row exactly as given (insert or overwrite)."""
    TYPES.put(lib, entity_type)


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
