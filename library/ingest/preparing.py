"""The CPU work of an import, one file at a time: read, clean, hash and fold.

Nothing here touches the library, so it runs as well in a worker process
(`library.ingest.worker_pool`) as in the importing one (`library.ingest.importer`), which then only
writes what was prepared. The results are pickled between processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from library.ingest.formats import SUPPORTED, read_bytes
from library.ingest.formats.draft import Draft, ReadError
from library.storage import search_index
from library.storage.articles import content_hash


@dataclass
class Failure:
    """A file that was not imported, and why (for the import report)."""

    path: str
    error: str
    kind: str = "unreadable"  # one of library.ingest.formats.draft.KINDS


def read_file(path: Path, field_map: dict[str, str] | None, max_bytes: int) -> list[Draft]:
    if path.suffix.lower() not in SUPPORTED:
        raise ReadError(f"unsupported file type {path.suffix}", "unsupported")
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(
            f"too large ({size / 2**20:.0f} MB; the limit is {max_bytes / 2**20:.0f} MB)",
            "too_large",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}", "unreadable") from exc
    return read_bytes(path, data, field_map)


@dataclass(slots=True)
class Prepared:
    """A draft ready to store: everything that costs CPU is already computed."""

    draft: Draft
    content_hash: str
    keys: search_index.Keys


def prepare_file(
    path: Path, field_map: dict[str, str] | None, max_bytes: int
) -> list[Prepared] | Failure:
    try:
        drafts = read_file(path, field_map, max_bytes)
    except ReadError as exc:
        return Failure(str(path), str(exc), exc.kind)
    except (OSError, MemoryError, RecursionError, ValueError) as exc:
        return Failure(str(path), f"cannot read: {exc}", "unreadable")
    return [
        Prepared(
            d,
            content_hash(d.title, d.body, d.captions),
            search_index.keys_for(d.title, d.body, d.captions),
        )
        for d in drafts
    ]


def prepare_chunk(
    paths: list[Path], field_map: dict[str, str] | None, max_bytes: int
) -> list[list[Prepared] | Failure]:
    """`prepare_file` for each path, in order: one task of a worker process."""
    return [prepare_file(p, field_map, max_bytes) for p in paths]
