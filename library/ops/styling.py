"""Operations on the look of marks: highlight colours and entity types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from library.changes import Changes
from library.marks import entity_types, palette
from library.ops.operation import Operation, combine, nothing
from library.storage.store import Library

PALETTE = Changes(palette=True)


def _colour_edited(edit) -> Operation:
    if not edit.changed:
        return nothing("palette", edit)
    return Operation(
        "palette",
        edit,
        PALETTE,
        lambda lib: palette.put_colour(lib, edit.before),
        lambda lib: palette.put_colour(lib, edit.after),
    )


def _type_edited(edit) -> Operation:
    if not edit.changed:
        return nothing("palette", edit)
    return Operation(
        "palette",
        edit,
        PALETTE,
        lambda lib: entity_types.put_type(lib, edit.before),
        lambda lib: entity_types.put_type(lib, edit.after),
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
            _colour_edited(palette.update_colour(lib, i, name=name, colour=colour))
            for i, (name, colour) in (colours or {}).items()
        ]
        parts += [
            _type_edited(entity_types.update_type(lib, i, label=label, colour=colour))
            for i, (label, colour) in (types or {}).items()
        ]
        parts += [_type_added(entity_types.add_type(lib, label, c)) for label, c in new_types]
    return combine("palette", parts)
