"""The highlight palette: colours with user-given names ("quote", "claim", "check").

Rows of `highlight_colours` (id, name, colour, position); a highlight stores the colour's
id, so renaming or recolouring a palette entry changes every highlight at once.
Changes return what an undo needs: an `Edit` of the row (undo: `put_colour(before)`), or
for a deletion the row and the highlights moved to another colour (`restore_colour`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

from library.edits import Edit
from library.marks.annotations import AnnotationError
from library.marks.coloured_list import ColouredList
from library.storage.store import Library


@dataclass(frozen=True)
class Colour:
    id: str
    name: str
    colour: str  # #rrggbb
    position: int

    def to_json(self) -> dict:
        return {"id": self.id, "name": self.name, "colour": self.colour}


def _ids(_name: str, position: int) -> Iterator[str]:
    return (f"colour-{n}" for n in count(position))


PALETTE = ColouredList(
    table="highlight_colours", name="name", noun="highlight colour", row=Colour, ids=_ids
)


def colours(lib: Library) -> list[Colour]:
    return PALETTE.all(lib)


def get_colour(lib: Library, colour_id: str) -> Colour:
    return PALETTE.get(lib, colour_id)


def resolve_colour(lib: Library, text: str) -> Colour:
    """A palette entry by id or by name (case-insensitive), e.g. "yellow" or "Quote"."""
    found = PALETTE.find(lib, text)
    if found is None:
        names = ", ".join(f"{c.id} ({c.name})" for c in colours(lib))
        raise AnnotationError(f"no highlight colour {text!r}; the palette has {names}")
    return found


def add_colour(lib: Library, name: str, colour: str, colour_id: str | None = None) -> Colour:
    """A new palette entry at the end (undo: `delete_colour(lib, new.id)`)."""
    return PALETTE.add(lib, name, colour, colour_id)


def update_colour(
    lib: Library, colour_id: str, *, name: str | None = None, colour: str | None = None
) -> Edit[Colour]:
    """Rename and/or recolour a palette entry (undo: `put_colour(lib, edit.before)`)."""
    return PALETTE.update(lib, colour_id, name=name, colour=colour)


def rename_colour(lib: Library, colour_id: str, name: str) -> Edit[Colour]:
    return update_colour(lib, colour_id, name=name)


def put_colour(lib: Library, colour: Colour) -> None:
    """Write a palette row exactly as given (insert or overwrite)."""
    PALETTE.put(lib, colour)


@dataclass(frozen=True)
class ColourRemoval:
    colour: Colour
    moved_to: str | None
    highlights: tuple[str, ...]  # ids of the highlights that were in this colour


def delete_colour(lib: Library, colour_id: str, move_to: str | None = None) -> ColourRemoval:
    """Remove a palette entry. Highlights in it move to `move_to`; without it the colour
    must be unused. The last colour cannot go. Undo: `restore_colour(lib, removal)`."""
    with lib.transaction():
        gone = get_colour(lib, colour_id)
        used = tuple(
            r[0]
            for r in lib.conn.execute(
                "SELECT id FROM annotations WHERE kind = 'highlight' AND colour = ?", (colour_id,)
            )
        )
        if move_to is not None:
            get_colour(lib, move_to)
            if move_to == colour_id:
                raise AnnotationError("cannot move highlights to the colour being removed")
        elif used:
            raise AnnotationError(
                f"{len(used)} highlight(s) use {gone.name!r}; choose a colour to move them to"
            )
        if len(colours(lib)) <= 1:
            raise AnnotationError("the palette needs at least one colour")
        if used:
            lib.conn.execute(
                "UPDATE annotations SET colour = ? WHERE kind = 'highlight' AND colour = ?",
                (move_to, colour_id),
            )
        lib.conn.execute("DELETE FROM highlight_colours WHERE id = ?", (colour_id,))
    return ColourRemoval(gone, move_to, used)


def restore_colour(lib: Library, removal: ColourRemoval) -> None:
    """Undo `delete_colour`: the entry comes back and its highlights return to it."""
    with lib.transaction():
        put_colour(lib, removal.colour)
        ids = list(removal.highlights)
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            lib.conn.execute(
                f"UPDATE annotations SET colour = ? WHERE id IN ({', '.join('?' * len(part))})",
                [removal.colour.id, *part],
            )
