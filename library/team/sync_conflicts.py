"""The conflict list of the team library: records edited here and by someone else.

A sync records a conflict instead of overwriting either version (`library.team.sync`).
`conflicts` lists the open ones with both versions; `resolve(lib, id, keep)` settles one:
"theirs" writes the server's version into this library now (a deletion deletes), "mine"
keeps this library's version and sends it at the next sync, over the version the
conflict showed (if that changed again on the server meanwhile, the next sync reports a
new conflict rather than overwrite it).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

import library.team.sync_records as records
from library.storage.database import Library
from library.team import journal


class ConflictError(Exception):
    """A conflict that does not exist or cannot be resolved as asked; for the user."""


@dataclass(frozen=True)
class Conflict:
    id: int
    kind: str
    key: str
    mine: dict | None  # None: deleted here
    theirs: dict | None  # None: deleted on the server
    their_author: str | None
    their_rev: int
    detected_at: str
    resolved: str | None
    reason: str = "edited"  # edited, in-use, refused (see `sync._add_conflict`)

    def fields(self) -> list[str]:
        """The fields in which the two versions differ (none when one is a deletion)."""
        if self.mine is None or self.theirs is None:
            return []
        names = sorted(set(self.mine) | set(self.theirs))
        return [n for n in names if self.mine.get(n) != self.theirs.get(n)]

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "kind": self.kind,
            "key": self.key,
            "fields": self.fields(),
            "mine": self.mine,
            "theirs": self.theirs,
            "their_author": self.their_author,
            "reason": self.reason,
            "detected_at": self.detected_at,
            "resolved": self.resolved,
        }


def _conflict(row: sqlite3.Row | tuple) -> Conflict:
    cid, kind, key, local, remote, author, rev, detected, resolved, reason = row
    return Conflict(
        cid,
        kind,
        key,
        None if local is None else json.loads(local),
        None if remote is None else json.loads(remote),
        author,
        rev,
        detected,
        resolved,
        reason,
    )


_COLUMNS = "id, kind, key, local, remote, remote_author, remote_rev, detected_at, resolved, reason"


def conflicts(lib: Library, *, include_resolved: bool = False) -> list[Conflict]:
    where = "" if include_resolved else " WHERE resolved IS NULL"
    rows = lib.conn.execute(f"SELECT {_COLUMNS} FROM sync_conflicts{where} ORDER BY id")
    return [_conflict(tuple(r)) for r in rows]


def resolve(lib: Library, conflict_id: int, keep: str) -> Conflict:
    """Settle one open conflict, keeping "mine" or "theirs"; returns it as it was."""
    if keep not in ("mine", "theirs"):
        raise ConflictError(f"keep must be 'mine' or 'theirs', not {keep!r}")
    row = lib.conn.execute(
        f"SELECT {_COLUMNS} FROM sync_conflicts WHERE id = ?", (conflict_id,)
    ).fetchone()
    if row is None:
        raise ConflictError(f"no conflict {conflict_id} (see hashiya conflicts)")
    found = _conflict(tuple(row))
    if found.resolved is not None:
        raise ConflictError(f"conflict {conflict_id} was already resolved ({found.resolved})")
    with lib.transaction():
        if keep == "theirs":
            with journal.quiet(lib):
                try:
                    if found.theirs is None:
                        records.delete(lib, found.kind, found.key)
                    else:
                        records.write(lib, found.kind, found.key, found.theirs, None)
                except records.MissingArticle:
                    raise ConflictError(
                        f"the article of conflict {conflict_id} is not in this library"
                    ) from None
                except sqlite3.IntegrityError as exc:
                    raise ConflictError(
                        f"their version of conflict {conflict_id} cannot be applied here "
                        f"({exc}); keep mine, or resolve the conflicts it depends on first"
                    ) from None
        else:
            journal.record_change(lib, found.kind, found.key)
        journal.set_base(lib, found.kind, [(found.key, found.their_rev)])
        lib.conn.execute("UPDATE sync_conflicts SET resolved = ? WHERE id = ?", (keep, conflict_id))
    return found
