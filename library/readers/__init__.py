"""Readers turn one file's bytes into article drafts; they never touch the library.

Each reader raises `ReadError` with a message for the import report when a file cannot
be read; the importer records it and goes on with the next file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from library.decoding import DecodeError

# Why a file was skipped, in a word an interface can translate (the message adds detail).
KINDS = (
    "missing", "unsupported", "too_large", "empty", "binary", "undecodable", "malformed",
    "no_article", "unreadable",
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
    site: str | None = None


TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES


def read_bytes(path: Path, data: bytes, field_map: dict[str, str] | None = None) -> list[Draft]:
    from library.readers import html, records, text

    suffix = path.suffix.lower()
    try:
        if suffix in HTML_SUFFIXES:
            return html.read(data)
        if suffix in RECORD_SUFFIXES:
            return records.read(data, suffix, field_map or {})
        if suffix in TEXT_SUFFIXES:
            return text.read(data)
    except DecodeError as exc:
        raise ReadError(str(exc), exc.kind) from exc
    raise ReadError(f"unsupported file type {suffix}", "unsupported")
