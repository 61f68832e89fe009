"""A named, coloured, user-editable list kept in one table: the highlight palette and the
entity types are both one.

Rows are (id, name, colour, position); the id is what other rows store (a highlight's
colour, an entity's type), so renaming or recolouring an entry changes everything that
uses it at once. What differs between the two lists is the table, the word for the name
("name" or "label"), how a new id is made and what uses an entry; deleting an entry is
left to the owner, because what happens to its users differs (highlights move to another
colour; entities move to another type and are stamped).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Generic, Protocol, TypeVar

from library.edits import Edit
from library.marks.annotations import AnnotationError
from library.storage.articles import NotFound
from library.storage.store import Library

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


class Entry(Protocol):
    id: str
    colour: str
    position: int


R = TypeVar("R", bound=Entry)


def check_hex(colour: str) -> str:
    if not _HEX.match(colour or ""):
        raise AnnotationError(f"a colour is written #rrggbb, not {colour!r}")
    return colour.lower()


class ColouredList(Generic[R]):
    def __init__(
        self,
        *,
        table: str,
        name: str,
        noun: str,
        row: Callable[..., R],
        ids: Callable[[str, int], Iterator[str]],
    ) -> None:
        self.table = table
        self.name = name  # the column (and the row's field) holding the user's name for it
        self.noun = noun  # "highlight colour", "entity type": for messages
        self.a_noun = ("an " if noun[:1] in "aeiou" else "a ") + noun
        self.row = row
        self.ids = ids  # candidate ids for a new entry, from its name and position
        self._columns = f"id, {name}, colour, position"

    def all(self, lib: Library) -> list[R]:
        rows = lib.conn.execute(f"SELECT {self._columns} FROM {self.table} ORDER BY position, id")
        return [self.row(*r) for r in rows]

    def get(self, lib: Library, entry_id: str) -> R:
        row = lib.conn.execute(
            f"SELECT {self._columns} FROM {self.table} WHERE id = ?", (entry_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no {self.noun} {entry_id!r}")
        return self.row(*row)

    def find(self, lib: Library, text: str) -> R | None:
        """An entry by id or by name, case-insensitively."""
        wanted = text.strip().casefold()
        for entry in self.all(lib):
            if wanted in (entry.id.casefold(), getattr(entry, self.name).casefold()):
                return entry
        return None

    def _named(self, text: str | None) -> str:
        if text is None or not text.strip():
            raise AnnotationError(f"{self.a_noun} needs a {self.name}")
        return text.strip()

    def _taken(self, lib: Library, entry_id: str) -> bool:
        return (
            lib.conn.execute(f"SELECT 1 FROM {self.table} WHERE id = ?", (entry_id,)).fetchone()
            is not None
        )

    def add(self, lib: Library, name: str, colour: str, entry_id: str | None = None) -> R:
        """A new entry at the end of the list (undo: the owner's delete)."""
        name = self._named(name)
        hex_colour = check_hex(colour)
        with lib.transaction():
            position = lib.conn.execute(
                f"SELECT coalesce(max(position), -1) + 1 FROM {self.table}"
            ).fetchone()[0]
            if entry_id is not None:
                if self._taken(lib, entry_id):
                    raise AnnotationError(f"there is already {self.a_noun} {entry_id!r}")
            else:
                entry_id = next(i for i in self.ids(name, position) if not self._taken(lib, i))
            new = self.row(entry_id, name, hex_colour, position)
            self.put(lib, new)
        return new

    def update(
        self, lib: Library, entry_id: str, *, name: str | None = None, colour: str | None = None
    ) -> Edit[R]:
        """Rename and/or recolour an entry (undo: `put(lib, edit.before)`)."""
        with lib.transaction():
            before = self.get(lib, entry_id)
            after = before
            if name is not None:
                after = replace(after, **{self.name: self._named(name)})
            if colour is not None:
                after = replace(after, colour=check_hex(colour))
            self.put(lib, after)
        return Edit(before, after)

    def put(self, lib: Library, entry: R) -> None:
        """Write a row exactly as given (insert or overwrite): undo and redo of edits."""
        with lib.transaction():
            lib.conn.execute(
                f"INSERT INTO {self.table} ({self._columns}) VALUES (?, ?, ?, ?) "
                f"ON CONFLICT (id) DO UPDATE SET {self.name} = excluded.{self.name}, "
                "colour = excluded.colour, position = excluded.position",
                (entry.id, getattr(entry, self.name), entry.colour, entry.position),
            )
