"""What every reader returns (`Draft`) or raises (`ReadError`, with a `kind` from `KINDS`).

A module of its own so that the readers (`html`, `records`, `text`) and the dispatcher
that picks one of them (`library.ingest.formats.read_bytes`) can both use it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from library.storage.metadata import Capture

# Why a file was skipped, in a word an interface can translate (the message adds detail).
KINDS = (
    "missing", "unsupported", "too_large", "empty", "binary", "undecodable", "malformed",
    "no_article", "unreadable", "not_a_file",
)  # fmt: skip


class ReadError(ValueError):
    def __init__(self, message: str, kind: str = "malformed") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Draft:
    """An article as read from a file, cleaned, not yet stored."""

    title: str
    body: str
    raw: str
    encoding: str
    format: str
    captions: list[str] = field(default_factory=list)
    date: str | None = None
    url: str | None = None
    site: str | None = None  # the publisher
    # Bibliographic metadata where the source has it (HTML meta and JSON-LD, a record's
    # fields, a web archive's headers); see library.storage.metadata.
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    language: str | None = None
    modified: str | None = None
    identifier: str | None = None
    captures: list[Capture] = field(default_factory=list)
