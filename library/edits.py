"""What a change did, so that an undo command can reverse it exactly.

Mutating functions in the annotation modules return either the rows they created (undo:
delete them; redo: restore them with the same ids), the full rows they removed (undo:
restore them), or an `Edit` holding the whole row before and after (undo: put `before`
back; redo: put `after` back). Nothing here knows about Qt: the reader's QUndoCommands
hold these records and call the library's `put_*` / `restore_*` functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Edit(Generic[T]):
    """One row, before and after a change (`before == after` when nothing changed)."""

    before: T
    after: T

    @property
    def changed(self) -> bool:
        return self.before != self.after


def now() -> str:
    """ISO 8601 UTC with milliseconds, e.g. 2024-05-01T09:30:12.345Z (sorts as text)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
