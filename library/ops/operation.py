"""The operation type: what one user edit did, and how to take it back and replay it.

An operation's `undo` and `redo` replay exactly what the edit did, with the same ids
(rows created come back with their ids; rows removed are restored whole), each in one
transaction, so that a redo after an undo leaves the library as the edit left it. Either
can still fail when another process changed the library meanwhile (the CLI deleted the
annotation being restored): then nothing is written, and the caller tells the user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from library.changes import NOTHING, Changes
from library.storage.store import Library

T = TypeVar("T")
Step = Callable[[Library], object]

# The label keys, one per kind of edit. The reader maps each to its translated text; the
# CLI prints the key. A test checks that the reader has a text for every key.
LABELS = (
    "highlight",
    "recolour",
    "note",
    "article-note",
    "edit-note",
    "tag-entity",
    "relink",
    "delete",
    "accept",
    "accept-all",
    "reject",
    "occurrences",
    "merge",
    "edit-entity",
    "new-entity",
    "delete-entity",
    "tags",
    "rename-tag",
    "delete-tag",
    "palette",
    "edit-metadata",
    "translate",
    "segment-status",
    "segment-note",
    "split-segment",
    "merge-segments",
    "glossary",
    "relate",
    "edit-relation",
    "delete-relation",
    "relation-types",
    "curate",
    "curate-agreed",
)


def _noop(_lib: Library) -> None:
    return None


@dataclass(frozen=True)
class Operation(Generic[T]):
    label: str  # one of LABELS
    result: T  # what the edit made or changed (a row, an Edit, a Tagging…)
    changes: Changes
    undo: Step
    redo: Step

    def __post_init__(self) -> None:
        if self.label not in LABELS:
            raise ValueError(f"unknown operation label {self.label!r}")

    @property
    def changed(self) -> bool:
        """False for an edit that turned out to change nothing (the same colour again):
        callers push nothing on an undo stack for it."""
        return not self.changes.empty

    def to_json(self) -> dict:
        return {"operation": self.label, "changes": self.changes.to_json()}


def nothing(label: str, result: Any = None) -> Operation:
    """An edit that changed nothing."""
    return Operation(label, result, NOTHING, _noop, _noop)


def combine(label: str, parts: Sequence[Operation]) -> Operation[list]:
    """Several operations already applied (inside the caller's one transaction) as one
    edit: undo takes them back last first, redo replays them in order, all in one
    transaction."""
    steps = [p for p in parts if p.changed]

    def undo(db: Library) -> None:
        with db.transaction():
            for part in reversed(steps):
                part.undo(db)

    def redo(db: Library) -> None:
        with db.transaction():
            for part in steps:
                part.redo(db)

    changes = NOTHING
    for part in steps:
        changes = changes | part.changes
    return Operation(label, [p.result for p in parts], changes, undo, redo)
