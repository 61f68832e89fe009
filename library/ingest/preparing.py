"""The CPU work of an import, one file at a time: read, clean, hash and fold.

Nothing here touches the library, so it runs as well in a worker process
(`library.ingest.worker_pool`) as in the importing one (`library.ingest.importer`), which then only
writes what was prepared. The results are pickled between processes.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from library.ingest.formats import SUPPORTED, read_bytes, suffix_of
from library.ingest.formats.draft import Draft, ReadError
from library.ingest.formats.records import normalise_date
from library.ingest.formats.warc import Page, Skipped, read_page
from library.ingest.site_templates import SiteTemplates
from library.storage import search_index
from library.storage.articles import content_hash
from library.storage.raw_text import pack
from library.storage.title_keys import title_key
from library.text.arabic import index_terms_met


@dataclass
class Failure:
    """A file that was not imported, and why (for the import report)."""

    path: str
    error: str
    kind: str = "unreadable"  # one of library.ingest.formats.draft.KINDS


class ImportCancelled(Exception):
    """The import was cancelled while a file was being read."""


# A read between two looks at Cancel: a file on a slow disk or network share stops at the
# next chunk, not at the end of the file.
READ_CHUNK = 4 * 2**20
# Open without waiting: a named pipe (even one that was a regular file when it was looked
# at) opens at once instead of waiting for a writer, and a terminal is never adopted.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _check_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_FILES if test(mode)), "a special file")
        raise ReadError(f"not a regular file ({what})", "not_a_file")


def _too_large(size: str, max_bytes: int) -> ReadError:
    return ReadError(f"too large ({size}; the limit is {max_bytes / 2**20:.0f} MB)", "too_large")


def open_regular(path: Path) -> tuple[int, os.stat_result]:
    """A descriptor open on a regular file (links followed), blocking, and its status;
    `ReadError` for a device, pipe or socket, checked before and after opening (see
    `read_limited`)."""
    try:
        _check_regular(path.stat().st_mode)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}", "unreadable") from exc
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode)
        if hasattr(os, "O_NONBLOCK"):
            os.set_blocking(fd, True)  # a regular file: reads wait for the disk as usual
    except OSError as exc:
        os.close(fd)
        raise ReadError(f"cannot read: {exc.strerror or exc}", "unreadable") from exc
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_limited(
    path: Path, max_bytes: int, should_cancel: Callable[[], bool] | None = None
) -> bytes:
    """The bytes of a regular file (links followed), at most `max_bytes` of them.

    Devices, pipes and sockets are refused before they are opened (a link to /dev/zero
    reports a size of 0 and never ends), and again on the opened descriptor, so a file
    swapped for one in between is refused too. At most `max_bytes + 1` bytes are read,
    so a file that grows while it is read stops at the limit as well.
    """
    fd, info = open_regular(path)
    try:
        if info.st_size > max_bytes:
            raise _too_large(f"{info.st_size / 2**20:.0f} MB", max_bytes)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            wanted = min(READ_CHUNK, max_bytes + 1 - total)
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            # More to read (a whole chunk came): Cancel is asked between chunks, so a file
            # that fits in one is read whole, as between files.
            if len(chunk) == wanted and should_cancel is not None and should_cancel():
                raise ImportCancelled
        if total > max_bytes:
            raise _too_large("it grew past the limit while it was read", max_bytes)
        return chunks[0] if len(chunks) == 1 else b"".join(chunks)
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}", "unreadable") from exc
    finally:
        os.close(fd)


def read_file(
    path: Path,
    field_map: dict[str, str] | None,
    max_bytes: int,
    should_cancel: Callable[[], bool] | None = None,
) -> list[Draft]:
    if suffix_of(path) not in SUPPORTED:
        raise ReadError(f"unsupported file type {path.suffix}", "unsupported")
    return read_bytes(path, read_limited(path, max_bytes, should_cancel), field_map)


# An article's row as `Prepared.row` holds it, in this order; the importer adds where it
# came from and when (library.ingest.importer).
ROW_COLUMNS = (
    "title", "title_key", "body", "captions", "date", "url", "site", "format", "encoding",
    "raw_z", "content_hash", "words", "authors", "section", "language", "modified",
    "identifier",
)  # fmt: skip


@dataclass(slots=True)
class Prepared:
    """A draft ready to store: everything that costs CPU is already computed."""

    draft: Draft
    content_hash: str
    keys: search_index.Keys
    # The values of ROW_COLUMNS: made here, in a worker for a large import, so that the
    # importing process, which writes every article, only hands them to SQLite.
    row: tuple
    index: int | None = None  # its place in the file, when not its place in the list
    # Index terms the preparing process met first here (a worker tracks them,
    # `library.text.arabic.track_index_terms`); None: not tracked, the writer lists the
    # article's own terms.
    terms: list[str] | None = None
    # The page template its raw text is packed against (`library.ingest.site_templates`):
    # (digest, its bytes the first time this process used it, else None).
    template: tuple[str, bytes | None] | None = None


def _text_or_none(value: str | None) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def prepare(
    draft: Draft, index: int | None = None, templates: SiteTemplates | None = None
) -> Prepared:
    """`draft` ready to store; its raw HTML packed against its site's page template when
    `templates` (the import's, in this process) has one."""
    chosen = templates.choose(draft) if templates is not None else None
    if chosen is None:
        raw_z, template = pack(draft.raw, draft.body), None
    else:
        digest, data, first = chosen
        raw_z, template = pack(draft.raw, draft.body, data), (digest, data if first else None)
    draft.raw = ""
    keys = search_index.keys_for(draft.title, draft.body, draft.captions)
    digest = content_hash(draft.title, draft.body, draft.captions)
    authors = [a.strip() for a in draft.authors if a and a.strip()]
    row = (
        draft.title,
        title_key(draft.title),
        draft.body,
        json.dumps(draft.captions, ensure_ascii=False),
        normalise_date(draft.date),
        draft.url,
        draft.site,
        draft.format,
        draft.encoding,
        raw_z,
        digest,
        keys.words,
        json.dumps(authors, ensure_ascii=False),
        _text_or_none(draft.section),
        _text_or_none(draft.language),
        normalise_date(draft.modified),
        _text_or_none(draft.identifier),
    )
    # Everything met since the last article, a file that failed included: a term met
    # there and not reported would not be reported by the next article holding it.
    return Prepared(draft, digest, keys, row, index, index_terms_met(), template)


def prepare_file(
    path: Path,
    field_map: dict[str, str] | None,
    max_bytes: int,
    should_cancel: Callable[[], bool] | None = None,
    templates: SiteTemplates | None = None,
) -> list[Prepared] | Failure:
    """The file's articles ready to store, or why it is skipped; raises `ImportCancelled`
    when `should_cancel` says so while the file is read."""
    try:
        drafts = read_file(path, field_map, max_bytes, should_cancel)
    except ReadError as exc:
        return Failure(str(path), str(exc), exc.kind)
    except (OSError, MemoryError, RecursionError, ValueError) as exc:
        return Failure(str(path), f"cannot read: {exc}", "unreadable")
    return [prepare(d, templates=templates) for d in drafts]


def prepare_chunk(
    paths: list[Path],
    field_map: dict[str, str] | None,
    max_bytes: int,
    templates: SiteTemplates | None = None,
) -> list[list[Prepared] | Failure]:
    """`prepare_file` for each path, in order: one task of a worker process."""
    return [prepare_file(p, field_map, max_bytes, templates=templates) for p in paths]


def prepare_pages(
    items: list[tuple[int, Page | Skipped]], templates: SiteTemplates | None = None
) -> list[Prepared | Skipped]:
    """A web archive's records, in order, their pages read and ready to store (a page
    without article text becomes `Skipped`): one task of a worker process."""
    out: list[Prepared | Skipped] = []
    for index, item in items:
        found = read_page(item) if isinstance(item, Page) else item
        out.append(found if isinstance(found, Skipped) else prepare(found, index, templates))
    return out
