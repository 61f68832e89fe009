"""Who works in this library: the name (and optional email) every annotation, relation,
translation and entity a user makes records as its author, so that a team's layers stay
apart (issue 18). Kept in the library's meta table, because it belongs to the library the
work is in (a researcher may be "Nour" in the team's corpus and no one in a private one);
`Library.acting_author` overrides the name for one session (`hashiya --author`).
"""

from __future__ import annotations

from dataclasses import dataclass

from library.marks.annotations import AUTHOR_KEY, default_author, set_author
from library.storage.meta import read_meta, write_meta
from library.storage.store import Library

EMAIL_KEY = "author_email"


@dataclass(frozen=True)
class Identity:
    name: str | None
    email: str | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "email": self.email}


def identity(lib: Library) -> Identity:
    """The identity set for this library (name None when none is set: new rows then take
    the OS user name, `default_author`)."""
    return Identity(read_meta(lib.conn, AUTHOR_KEY) or None, read_meta(lib.conn, EMAIL_KEY) or None)


def acting_identity(lib: Library) -> Identity:
    """Who new rows are recorded as, now: the session's acting author, else the library's
    identity, else the OS user."""
    name = default_author(lib)
    own = identity(lib)
    return Identity(name, own.email if name == own.name else None)


def set_identity(lib: Library, name: str | None, email: str | None = None) -> Identity:
    """Set (or clear, with empty values) the library's identity; returns the previous one.
    An email is kept only with a name: alone it would describe no one."""
    before = identity(lib)
    name = (name or "").strip() or None
    email = (email or "").strip() or None
    with lib.transaction():
        set_author(lib, name)
        write_meta(lib.conn, EMAIL_KEY, email if name else None)
    return before
