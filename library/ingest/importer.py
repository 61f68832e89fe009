"""Import files and folders into a library, one file at a time.

Streaming: files are read one by one and their articles written in batched
transactions, so memory does not grow with the collection and a killed import leaves
only whole articles (a file's articles are committed together). Re-running the same
import completes it: what is already there is recognised by its content hash.

Reading, cleaning and folding are pure Python and cost more than the SQLite writes, so
a large import prepares files in worker processes while this process writes, with a
bounded number of files in flight (memory stays flat however big the folder is).

A web archive (`.warc`, `.warc.gz`; `library.ingest.formats.warc`) can hold hundreds of
thousands of pages in gigabytes: it is streamed instead, record by record, its pages read
in worker processes by tasks of a few dozen and committed a few hundred at a time, with
progress in bytes and Cancel between records. Its records that are no article are
listed in the report's `skipped` with their reason, and every page keeps its capture
(`library.storage.metadata.Capture`): the same text captured twice is one article with
both captures.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from library.ingest.formats.draft import ReadError
from library.ingest.formats.warc import Page, Skipped, WarcReader, is_warc
from library.ingest.preparing import (
    ROW_COLUMNS,
    Failure,
    ImportCancelled,
    Prepared,
    open_regular,
    prepare_file,
    prepare_pages,
)
from library.ingest.recleaning import mark_cleaned
from library.ingest.site_templates import SiteTemplates
from library.ingest.worker_pool import WorkerPool, can_spawn
from library.storage import bulk_indexes, index_terms, page_templates, search_index
from library.storage.database import Library, is_library_file, set_checkpoint
from library.storage.metadata import add_captures

MAX_FILE_BYTES = 50 * 1024 * 1024
# Commit at least this often: big enough to amortise the commit, small enough that a
# reader in another process (the GUI) sees new articles within a moment. A commit writes
# the batch's index terms as one new FTS5 segment, which later merges rewrite: 4,000
# articles a commit wrote a third less than 1,000, and 8,000 took the importing process
# 10% less CPU again (300,000 files: 68-69 s against 72-82 s; a million: 2.46x the
# plain FTS5 insert against 2.57x; bench/million_bench.py). Memory is the cost: the
# importing process peaked at 410 MB for a million articles, from 254 MB.
BATCH_ARTICLES = 8000
BATCH_SECONDS = 4.0
# Below this many files, worker processes cost more to start than they save.
PARALLEL_MIN_FILES = 400
CHUNK_FILES = 32
# Tasks of files each worker may hold ready ahead of the writer. The workers are fed only
# between the writer's commits, so they must hold enough to go on working through one: at
# 3 tasks (96 files) they stood idle while a batch of 4,000 was written. 64 tasks of 32
# files held a batch of 4,000 for 2 workers (300,000 files on 2 cores: 126 s to 101 s);
# 128 hold one of 8,000, about 100 MB of prepared text (bench/million_bench.py).
FILES_AHEAD = 128
# An import of this many files into an empty library builds the articles' indexes at
# its end instead of inserting into them article by article (library.storage.bulk_indexes).
DEFER_INDEXES_MIN_FILES = 20_000
# Or of web archives this big: a few thousand real pages, some 35,000 of bench/'s.
DEFER_INDEXES_MIN_ARCHIVE_BYTES = 64 * 2**20
INDEXING = "indexing"
# The import's checkpoint size, in bytes (see `import_paths`).
IMPORT_CHECKPOINT_BYTES = 64 * 2**20
# A web archive's articles are committed this many at a time (and at least every
# BATCH_SECONDS), so an archive of any size is imported in flat memory.
WARC_BATCH_ARTICLES = 200
# A web archive this big is read in worker processes (about 1,000 pages), by tasks of
# this many pages (or bytes).
PARALLEL_MIN_ARCHIVE_BYTES = 4 * 2**20
# At most this many: a worker reads a page in about 2.3 ms (trafilatura, mostly) and the
# importing process stores one in about 0.4 ms, so six workers keep it busy
# (bench/million_bench.py --warc). Files need fewer: their workers only decode and clean.
ARCHIVE_MAX_WORKERS = 6
ARCHIVE_TASK_PAGES = 64
ARCHIVE_TASK_BYTES = 4 * 2**20
# The report lists at most this many skipped records (`skipped_count` counts them all).
MAX_SKIPPED_LISTED = 1000


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    failed: list[Failure] = field(default_factory=list)
    articles: array = field(default_factory=lambda: array("q"))
    files: int = 0
    cancelled: bool = False
    # Records of web archives that are no article, and damaged stretches of archives
    # (record None): {"path", "record", "reason"}, the first MAX_SKIPPED_LISTED of them.
    skipped: list[dict] = field(default_factory=list)
    skipped_count: int = 0

    def skip(self, path: str, record: str | None, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_SKIPPED_LISTED:
            self.skipped.append({"path": path, "record": record, "reason": reason})

    def to_json(self) -> dict:
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": [{"path": f.path, "error": f.error} for f in self.failed],
            "skipped": self.skipped,
            "skipped_count": self.skipped_count,
            "articles": list(self.articles),
        }


@dataclass(frozen=True, slots=True)
class Progress:
    files_done: int
    files_total: int
    current: str
    imported: int
    duplicates: int
    failed: int
    # Within a web archive being read: bytes of it read, its size, records skipped.
    bytes_done: int = 0
    bytes_total: int = 0
    skipped: int = 0
    # "" while reading files; INDEXING once they are all stored and the library's
    # indexes are being built (`library.storage.bulk_indexes`).
    stage: str = ""


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


def _walk(paths: Iterable[str | Path], failures: list[Failure]) -> Iterator[tuple[str, str]]:
    """(folder, name) of the files under `paths`: see `iter_files`."""
    for given in paths:
        path = Path(given).absolute()
        if not path.exists():
            failures.append(Failure(displayable_path(path), "no such file or folder", "missing"))
            continue
        if not path.is_dir():
            yield str(path.parent), path.name
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield root, name


def iter_files(paths: Iterable[str | Path], failures: list[Failure]) -> Iterator[Path]:
    """Files under `paths`, folders walked recursively in a stable order, hidden ones skipped.

    Only folders are walked; every other name is yielded, and reading it refuses what is
    not a regular file (a named pipe, a link to a device: `preparing.read_limited`)."""
    folder, base = None, Path()
    for root, name in _walk(paths, failures):
        if root != folder:
            folder, base = root, Path(root)
        yield base / name


def count_inputs(paths: Iterable[str | Path]) -> tuple[int, int]:
    """How many files `iter_files` yields, and the bytes of the web archives among them,
    without making their paths (a million of them cost the importing process, which
    writes every article, some 20 s)."""
    files = archive_bytes = 0
    for root, name in _walk(paths, []):
        files += 1
        if is_warc(name):
            with contextlib.suppress(OSError):  # reading it will say what is wrong
                archive_bytes += Path(root, name).stat().st_size
    return files, archive_bytes


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


_INSERT = (
    f"INSERT INTO articles ({', '.join(ROW_COLUMNS)}, raw, raw_template, source_path, "
    f"source_index, imported_at) VALUES ({', '.join('?' * len(ROW_COLUMNS))}, '', ?, ?, ?, ?) "
    "ON CONFLICT (content_hash) DO NOTHING RETURNING id"
)
_BY_HASH = "SELECT id FROM articles WHERE content_hash = ?"


def _template_id(lib: Library, template: tuple[str, bytes | None], known: dict[str, int]) -> int:
    """The id of a page's template (`library.ingest.site_templates`), stored with the
    first page that brings its bytes; `known` holds the ids of this transaction."""
    digest, data = template
    found = known.get(digest)
    if found is None:
        found = known[digest] = page_templates.stored(lib.conn, digest, data)
    return found


def _batch_terms(batch: list[tuple[Path, list[Prepared]]]) -> set[str]:
    """The index terms a batch may bring: what its workers met first, or every term of
    articles prepared here."""
    terms: set[str] = set()
    for _, prepared in batch:
        for item in prepared:
            terms.update(search_index.terms_of(item.keys) if item.terms is None else item.terms)
    return terms


def store_batch(
    lib: Library, batch: list[tuple[Path, list[Prepared]]], report: ImportReport
) -> None:
    """Write a batch of files' articles in one transaction, then index them.

    An article already there (its text's hash) is a duplicate; the captures it came with
    (a web archive's record) are added to the stored one: the same page captured twice
    is one article with both captures.

    Rows first, index second: FTS5 flushes its pending terms whenever a statement on
    another table opens a statement savepoint, so interleaving the two (one article,
    one index row) writes a tiny index segment per article and runs several times slower.
    """
    if not batch:
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    added: list[tuple[int, search_index.Keys]] = []
    templates: dict[str, int] = {}
    with lib.transaction():
        for path, prepared in batch:
            source = displayable_path(path)
            for index, item in enumerate(prepared):
                draft = item.draft
                place = index if item.index is None else item.index
                template = item.template and _template_id(lib, item.template, templates)
                row = lib.conn.execute(
                    _INSERT, (*item.row, template, source, place, now)
                ).fetchone()
                if row is None:
                    report.duplicates += 1
                    if draft.captures:
                        found = lib.conn.execute(_BY_HASH, (item.content_hash,)).fetchone()
                        if found is not None:
                            add_captures(lib, found[0], draft.captures)
                else:
                    added.append((row[0], item.keys))
                    if draft.captures:
                        add_captures(lib, row[0], draft.captures)
        # Before the index rows: FTS5 writes out its pending terms at another table's
        # statement, and a duplicate's terms too (a worker reports a term once).
        index_terms.record(lib.conn, _batch_terms(batch))
        search_index.add_all(lib.conn, added)
    report.imported += len(added)
    report.articles.extend(article_id for article_id, _ in added)


def _prepared_serially(
    files: Iterable[Path],
    field_map: dict[str, str] | None,
    max_bytes: int,
    should_cancel: Callable[[], bool] | None,
) -> Iterator[list[Prepared] | Failure]:
    templates = SiteTemplates()
    for path in files:
        yield prepare_file(path, field_map, max_bytes, should_cancel, templates)


def _chunks(files: Iterable[Path], size: int) -> Iterator[list[Path]]:
    chunk: list[Path] = []
    for path in files:
        chunk.append(path)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepared_in_workers(
    files: Iterable[Path],
    field_map: dict[str, str] | None,
    max_bytes: int,
    workers: int,
    should_cancel: Callable[[], bool] | None,
) -> Iterator[list[Prepared] | Failure]:
    """The same results as `_prepared_serially`, in order, from worker processes. The
    files are taken as the workers need them, never listed whole."""
    with WorkerPool(workers, ahead=FILES_AHEAD) as pool:
        for results in pool.map_chunks(
            _chunks(files, CHUNK_FILES), field_map, max_bytes, should_cancel
        ):
            yield from results


def _prepared(
    files: Iterable[Path],
    total: int,
    *,
    field_map: dict[str, str] | None,
    max_bytes: int,
    workers: int | None,
    should_cancel: Callable[[], bool] | None,
) -> Iterator[list[Prepared] | Failure]:
    if workers is None:
        big = total >= PARALLEL_MIN_FILES and can_spawn()
        workers = min(os.cpu_count() or 1, 4) if big else 0
    if workers > 0:
        return _prepared_in_workers(files, field_map, max_bytes, workers, should_cancel)
    return _prepared_serially(files, field_map, max_bytes, should_cancel)


def _count(report: ImportReport, failure: Failure | None) -> None:
    if report.cancelled:
        return
    if failure is not None:
        report.failed.append(failure)
    else:
        report.files += 1


def _archive_tasks(items: Iterator[tuple[int, Page | Skipped]]) -> Iterator[list]:
    """A web archive's records in tasks of about ARCHIVE_TASK_PAGES pages."""
    task: list[tuple[int, Page | Skipped]] = []
    pages = size = 0
    for index, item in items:
        task.append((index, item))
        if isinstance(item, Page):
            pages += 1
            size += len(item.data)
        if pages >= ARCHIVE_TASK_PAGES or size >= ARCHIVE_TASK_BYTES or len(task) >= 1000:
            yield task
            task, pages, size = [], 0, 0
    if task:
        yield task


def _archive_results(
    reader: WarcReader, workers: int | None, should_cancel: Callable[[], bool] | None
) -> Iterator[Prepared | Skipped]:
    """The archive's records, in order, each page read (in worker processes for a big
    archive, `workers` of them, or by default one per core up to ARCHIVE_MAX_WORKERS)."""
    if workers is None:
        big = reader.size >= PARALLEL_MIN_ARCHIVE_BYTES and can_spawn()
        workers = min(os.cpu_count() or 1, ARCHIVE_MAX_WORKERS) if big else 0
    if workers <= 0:
        templates = SiteTemplates()
        for task in _archive_tasks(reader.pages()):
            yield from prepare_pages(task, templates)
        return
    with WorkerPool(workers) as pool:
        for results in pool.map_pages(_archive_tasks(reader.pages()), should_cancel):
            yield from results


def _import_archive(
    lib: Library,
    path: Path,
    report: ImportReport,
    should_cancel: Callable[[], bool] | None,
    progress: Callable[[int, int], None],
    *,
    workers: int | None = None,
) -> Failure | None:
    """Import a web archive record by record, committing every WARC_BATCH_ARTICLES
    articles (or BATCH_SECONDS): memory stays flat however big the archive, a cancelled
    or killed import keeps whole articles, and running it again completes it (what is
    there is recognised by its hash, a capture by its record id). Sets `report.cancelled`
    when asked to stop; returns why the file could not be read at all, if it could not."""
    source = displayable_path(path)
    try:
        fd, info = open_regular(path)
    except ReadError as exc:
        return Failure(source, str(exc), exc.kind)
    chunk: list[Prepared] = []
    last_commit = time.monotonic()
    articles = 0
    with os.fdopen(fd, "rb") as stream:
        reader = WarcReader(stream, source, size=info.st_size)
        results = _archive_results(reader, workers, should_cancel)
        try:
            for item in results:
                if isinstance(item, Prepared):
                    chunk.append(item)
                    articles += 1
                else:
                    report.skip(source, item.record, item.reason)
                now = time.monotonic()
                if len(chunk) >= WARC_BATCH_ARTICLES or now - last_commit >= BATCH_SECONDS:
                    store_batch(lib, [(path, chunk)], report)
                    chunk, last_commit = [], now
                    progress(reader.position, reader.size)
                if should_cancel is not None and should_cancel():
                    report.cancelled = True
                    break
        except ImportCancelled:  # while waiting for a worker
            report.cancelled = True
        except ReadError as exc:  # not a web archive at all
            return Failure(source, str(exc), exc.kind)
        except OSError as exc:
            report.skip(source, None, f"cannot read the rest of the archive: {exc.strerror or exc}")
        finally:
            results.close()  # stops the workers at once when cancelled or failing
            store_batch(lib, [(path, chunk)], report)
    if not articles and not report.cancelled:
        return Failure(source, "no HTML page with article text in the archive", "no_article")
    return None


def _defer_indexes(lib: Library, files: int, archive_bytes: int) -> bool:
    """Whether an import of `files` files (`archive_bytes` of them web archives) into this
    empty library drops the articles' indexes, to build them at its end
    (library.storage.bulk_indexes); drops them if so."""
    if files < DEFER_INDEXES_MIN_FILES and archive_bytes < DEFER_INDEXES_MIN_ARCHIVE_BYTES:
        return False
    with lib.transaction():
        return bulk_indexes.defer(lib.conn) > 0


def import_paths(  # noqa: PLR0915 - one pass: files, archives, bags of results, report
    lib: Library,
    paths: Iterable[str | Path],
    *,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    field_map: dict[str, str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    workers: int | None = None,
) -> ImportReport:
    """Import `paths` (files or folders); `workers=0` keeps all work in this process.

    Web archives (`.warc`, `.warc.gz`) have no size limit: they are read here, record by
    record, while the other files are prepared (in workers for a large import)."""
    report = ImportReport()
    paths = list(paths)
    # The files are walked as they are imported, never listed whole (a million paths
    # took some 400 MB): once here to count them for the progress, then once, shared
    # by this loop and the workers' feed (`tee` keeps only what the feed is ahead by).
    total, archive_bytes = count_inputs(paths)
    walked = (p for p in iter_files(paths, report.failed) if not _own_file(lib, p, report))
    files, feed = itertools.tee(walked)
    others = (p for p in feed if not is_warc(p.name))
    empty = lib.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
    if empty:
        mark_cleaned(lib.conn)  # all it will hold is cleaned under the current rules
    search_index.hold_batches(lib)
    # Fewer, larger checkpoints while importing: the pages a batch rewrites again (the
    # index's, the tables' inner pages) are copied into the file once per checkpoint, not
    # once per commit. The -wal file grows to about 64 MB meanwhile.
    set_checkpoint(lib.conn, IMPORT_CHECKPOINT_BYTES)
    results = _prepared(
        others,
        total,
        field_map=field_map,
        max_bytes=max_bytes,
        workers=workers,
        should_cancel=should_cancel,
    )
    batch: list[tuple[Path, list[Prepared]]] = []
    pending = 0
    last_commit = time.monotonic()
    done = 0

    def report_progress(
        current: str, bytes_done: int = 0, bytes_total: int = 0, stage: str = ""
    ) -> None:
        if progress is not None:
            progress(
                Progress(
                    done,
                    total,
                    current,
                    report.imported,
                    report.duplicates,
                    len(report.failed),
                    bytes_done,
                    bytes_total,
                    report.skipped_count,
                    stage,
                )
            )

    # Right before the `try` whose `finally` builds them again.
    deferred = empty and _defer_indexes(lib, total, archive_bytes)
    try:
        for path in files:
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                break
            report_progress(shown := displayable_path(path))
            if is_warc(path.name):
                store_batch(lib, batch, report)  # the articles stay in the files' order
                batch, pending, last_commit = [], 0, time.monotonic()
                _count(
                    report,
                    _import_archive(
                        lib,
                        path,
                        report,
                        should_cancel,
                        lambda position, size, shown=shown: report_progress(shown, position, size),
                        workers=workers,
                    ),
                )
                if report.cancelled:
                    break
                done += 1
                continue
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
        if deferred:
            try:
                report_progress("", stage=INDEXING)
            finally:  # even when the progress callback is what failed
                with lib.transaction():
                    bulk_indexes.restore(lib.conn)
        set_checkpoint(lib.conn)
    report_progress("")
    return report
