"""Import files and folders into a library, one file at a time.

Streaming: files are read one by one and their articles written in batched
transactions, so memory does not grow with the collection and a killed import leaves
only whole articles (a file's articles are committed together). Re-running the same
import completes it: what is already there is recognised by its content hash.

Reading, cleaning and folding are pure Python and cost more than the SQLite writes, so
a large import prepares files in worker processes while this process writes, with a
bounded number of files in flight (memory stays flat however big the folder is).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from library.ingest.formats.records import normalise_date
from library.ingest.preparing import Failure, ImportCancelled, Prepared, prepare_file
from library.ingest.recleaning import mark_cleaned
from library.ingest.worker_pool import WorkerPool, can_spawn
from library.storage import search_index
from library.storage.database import Library, is_library_file
from library.storage.title_keys import title_key

MAX_FILE_BYTES = 50 * 1024 * 1024
# Commit at least this often: big enough to amortise the commit, small enough that a
# reader in another process (the GUI) sees new articles within a moment.
BATCH_ARTICLES = 1000
BATCH_SECONDS = 1.0
# Below this many files, worker processes cost more to start than they save.
PARALLEL_MIN_FILES = 400
CHUNK_FILES = 32


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    files: int = 0
    cancelled: bool = False

    def to_json(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": [{"path": f.path, "error": f.error} for f in self.failed],
            "articles": self.articles,
        }


@dataclass(frozen=True, slots=True)
class Progress:
    files_done: int
    files_total: int
    current: str
    imported: int
    duplicates: int
    failed: int


ProgressCallback = Callable[[Progress], None]


def displayable_path(path: str | Path) -> str:
    """`path` as text that SQLite, JSON and Qt can hold: a file name whose bytes are not
    valid UTF-8 (Python keeps them as lone surrogates, which cannot be encoded) shows
    those bytes escaped, `bad\\xff.txt`, instead of failing the whole import."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def _displayable(failure: Failure) -> Failure:
    path = displayable_path(failure.path)
    return failure if path == failure.path else Failure(path, failure.error, failure.kind)


def iter_files(paths: Iterable[str | Path], failures: list[Failure]) -> Iterator[Path]:
    """Files under `paths`, folders walked recursively in a stable order, hidden ones skipped.

    Only folders are walked; every other name is yielded, and reading it refuses what is
    not a regular file (a named pipe, a link to a device: `preparing.read_limited`)."""
    for given in paths:
        path = Path(given).absolute()
        if not path.exists():
            failures.append(Failure(displayable_path(path), "no such file or folder", "missing"))
            continue
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name


def _own_file(lib: Library, path: Path, report: ImportReport) -> bool:
    """The library's own file (or SQLite's beside it) in a folder being imported: never
    read, even if its name looks like an article's (DESIGN.md fact 11)."""
    if lib.path is None or not path.name.startswith(lib.path.name):
        return False
    if not is_library_file(path, lib.path):
        return False
    report.failed.append(
        Failure(displayable_path(path), "the library itself: not imported", "unsupported")
    )
    return True


_INSERT = """
INSERT INTO articles (title, title_key, body, captions, date, url, site, source_path,
                      source_index, format, encoding, raw, content_hash, words, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (content_hash) DO NOTHING
RETURNING id
"""


def store_batch(
    lib: Library, batch: list[tuple[Path, list[Prepared]]], report: ImportReport
) -> None:
    """Write a batch of files' articles in one transaction, then index them.

    Rows first, index second: FTS5 flushes its pending terms whenever a statement on
    another table opens a statement savepoint, so interleaving the two (one article,
    one index row) writes a tiny index segment per article and runs several times slower.
    """
    if not batch:
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    added: list[tuple[int, search_index.Keys]] = []
    with lib.transaction():
        for path, prepared in batch:
            source = displayable_path(path)
            for index, item in enumerate(prepared):
                draft = item.draft
                row = lib.conn.execute(
                    _INSERT,
                    (
                        draft.title,
                        title_key(draft.title),
                        draft.body,
                        json.dumps(draft.captions, ensure_ascii=False),
                        normalise_date(draft.date),
                        draft.url,
                        draft.site,
                        source,
                        index,
                        draft.format,
                        draft.encoding,
                        draft.raw,
                        item.content_hash,
                        item.keys.words,
                        now,
                    ),
                ).fetchone()
                if row is None:
                    report.duplicates += 1
                else:
                    added.append((row[0], item.keys))
        for article_id, keys in added:
            search_index.add(lib.conn, article_id, keys)
    report.imported += len(added)
    report.articles.extend(article_id for article_id, _ in added)


def _prepared_serially(
    files: list[Path],
    field_map: dict[str, str] | None,
    max_bytes: int,
    should_cancel: Callable[[], bool] | None,
) -> Iterator[list[Prepared] | Failure]:
    for path in files:
        yield prepare_file(path, field_map, max_bytes, should_cancel)


def _prepared_in_workers(
    files: list[Path],
    field_map: dict[str, str] | None,
    max_bytes: int,
    workers: int,
    should_cancel: Callable[[], bool] | None,
) -> Iterator[list[Prepared] | Failure]:
    """The same results as `_prepared_serially`, in order, from worker processes."""
    chunks = [files[i : i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    with WorkerPool(workers) as pool:
        for results in pool.map_chunks(chunks, field_map, max_bytes, should_cancel):
            yield from results


def import_paths(
    lib: Library,
    paths: Iterable[str | Path],
    *,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    field_map: dict[str, str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    workers: int | None = None,
) -> ImportReport:
    """Import `paths` (files or folders); `workers=0` keeps all work in this process."""
    report = ImportReport()
    files = [p for p in iter_files(paths, report.failed) if not _own_file(lib, p, report)]
    total = len(files)
    if lib.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None:
        mark_cleaned(lib.conn)  # all it will hold is cleaned under the current rules
    if workers is None:
        big = total >= PARALLEL_MIN_FILES and can_spawn()
        workers = min(os.cpu_count() or 1, 4) if big else 0
    results = (
        _prepared_in_workers(files, field_map, max_bytes, workers, should_cancel)
        if workers > 0
        else _prepared_serially(files, field_map, max_bytes, should_cancel)
    )
    batch: list[tuple[Path, list[Prepared]]] = []
    pending = 0
    last_commit = time.monotonic()
    done = 0

    def report_progress(current: str) -> None:
        if progress is not None:
            progress(
                Progress(
                    done, total, current, report.imported, report.duplicates, len(report.failed)
                )
            )

    try:
        for path in files:
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                break
            report_progress(displayable_path(path))
            try:
                result = next(results)
            except ImportCancelled:  # while a file was being read
                report.cancelled = True
                break
            done += 1
            if isinstance(result, Failure):
                report.failed.append(_displayable(result))
                continue
            batch.append((path, result))
            report.files += 1
            pending += len(result)
            if pending >= BATCH_ARTICLES or time.monotonic() - last_commit >= BATCH_SECONDS:
                store_batch(lib, batch, report)
                batch, pending, last_commit = [], 0, time.monotonic()
        store_batch(lib, batch, report)
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()  # stops the workers at once when cancelled or failing
    report_progress("")
    return report
