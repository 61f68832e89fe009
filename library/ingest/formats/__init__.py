"""File formats: each module turns one file's bytes into article drafts and never touches
the library.

Each raises `ReadError` (`library.ingest.formats.draft`) with a message for the import
report when a file cannot be read; the importer records it and goes on with the next file.
`read_bytes` picks the format by the file's suffix.
"""

from __future__ import annotations

from pathlib import Path

from library.ingest.decoding import DecodeError
from library.ingest.formats import html, records, text
from library.ingest.formats.draft import Draft, ReadError

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES


def read_bytes(path: Path, data: bytes, field_map: dict[str, str] | None = None) -> list[Draft]:
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
