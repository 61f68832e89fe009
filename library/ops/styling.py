"""Operations on the look of marks: highlight colours and entity types."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from library.changes import Changes
from library.edits import Edit
from library.marks import entity_types, palette
from library.ops.operation import Operation, combine, nothing
from library.storage.store import Library

PALETTE = Changes(palette=True)


def _edited(edit: Edit, put: Callable[[Library, object], None]) -> Operation:
    """A palette or type row before and after: undo and redo put one or the other back."""
    if not edit.changed:
        return nothing("palette", edit)
    return Operation(
        "palette",
        edit,
        PALETTE,
        lambda lib: put(lib, edit.before),
        lambda lib: put(lib, edit.after),
    )


def _type_added(added: entity_types.EntityType) -> Operation:
    return Operation(
        "palette",
        added,
        PALETTE,
        lambda lib: entity_types.delete_type(lib, added.id),
        lambda lib: entity_types.put_type(lib, added),
    )


def edit_palette(
    lib: Library,
    *,
    colours: Mapping[str, tuple[str, str]] | None = None,
    types: Mapping[str, tuple[str, str]] | None = None,
    new_types: Sequence[tuple[str, str]] = (),
) -> Operation[list]:
    """What the palette dialog asks, as one edit: colours renamed or recoloured
    ({id: (name, #rrggbb)}), types relabelled or recoloured, new types added."""
    with lib.transaction():
        parts = [
            _edited(palette.update_colour(lib, i, name=name, colour=colour), palette.put_colour)
            for i, (name, colour) in (colours or {}).items()
        ]
        parts += [
            _edited(
                entity_types.update_type(lib, i, label=label, colour=colour), entity_types.put_type
            )
            for i, (label, colour) in (types or {}).items()
        ]
        parts += [_type_added(entity_types.add_type(lib, label, c)) for label, c in new_types]
    return combine("palette", parts)
