"""File formats: each module turns one file's bytes into article drafts and never touches
the library.

Each raises `ReadError` (`library.ingest.formats.draft`) with a message for the import
report when a file cannot be read; the importer records it and goes on with the next file.
`read_bytes` picks the format by the file's suffix.
"""

from __future__ import annotations

import io
from pathlib import Path

from library.ingest.decoding import DecodeError
from library.ingest.formats import html, records, text, warc
from library.ingest.formats.draft import Draft, ReadError

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".json", ".jsonl", ".ndjson", ".csv", ".tsv"}
WARC_SUFFIXES = set(warc.SUFFIXES)  # read record by record: see library.ingest.importer
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | WARC_SUFFIXES


def suffix_of(path: Path) -> str:
    """The suffix that names the file's format: ".warc.gz" for an archive, else the last."""
    return ".warc.gz" if path.name.lower().endswith(".warc.gz") else path.suffix.lower()


def read_bytes(path: Path, data: bytes, field_map: dict[str, str] | None = None) -> list[Draft]:
    suffix = suffix_of(path)
    if suffix in WARC_SUFFIXES:  # a small archive in memory; the importer streams them
        reader = warc.WarcReader(io.BytesIO(data), str(path), size=len(data))
        drafts = [item for _, item in reader if isinstance(item, Draft)]
        if not drafts:
            raise ReadError("no HTML page with article text in the archive", "no_article")
        return drafts
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
