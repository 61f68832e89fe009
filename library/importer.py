"""Import files and folders into a library, one file at a time.

Streaming: files are read one by one and their articles written in batched
transactions, so memory does not grow with the collection and a killed import leaves
only whole articles (a file's articles are committed together). Re-running the same
import completes it: what is already there is recognised by its content hash.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from library import search_index
from library.articles import content_hash
from library.readers import SUPPORTED, Draft, ReadError, read_bytes
from library.readers.records import normalise_date
from library.store import Library

MAX_FILE_BYTES = 50 * 1024 * 1024
# Commit at least this often: big enough to amortise the commit, small enough that a
# reader in another process (the GUI) sees new articles within a moment.
BATCH_ARTICLES = 1000
BATCH_SECONDS = 1.0


@dataclass
class Failure:
    path: str
    error: str


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
            "failed": [asdict(f) for f in self.failed],
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


def iter_files(paths: Iterable[str | Path], failures: list[Failure]) -> Iterator[Path]:
    """Files under `paths`, folders walked recursively in a stable order, hidden ones skipped."""
    for given in paths:
        path = Path(given).absolute()
        if not path.exists():
            failures.append(Failure(str(path), "no such file or folder"))
            continue
        if path.is_file():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name


def read_file(path: Path, field_map: dict[str, str] | None, max_bytes: int) -> list[Draft]:
    if path.suffix.lower() not in SUPPORTED:
        raise ReadError(f"unsupported file type {path.suffix}")
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(
            f"too large ({size / 2**20:.0f} MB; the limit is {max_bytes / 2**20:.0f} MB)"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    return read_bytes(path, data, field_map)


_INSERT = """
INSERT INTO articles (title, body, captions, date, url, site, source_path, source_index,
                      format, encoding, raw, content_hash, words, imported_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (content_hash) DO NOTHING
RETURNING id
"""


def store_drafts(lib: Library, path: Path, drafts: list[Draft], report: ImportReport) -> None:
    """Insert one file's drafts (inside the caller's transaction) and index them."""
    from library.cleaning import word_count

    now = datetime.now(UTC).isoformat(timespec="seconds")
    source = str(path)
    for index, draft in enumerate(drafts):
        row = lib.conn.execute(
            _INSERT,
            (
                draft.title,
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
                content_hash(draft.title, draft.body, draft.captions),
                word_count(draft.body),
                now,
            ),
        ).fetchone()
        if row is None:
            report.duplicates += 1
            continue
        article_id = row[0]
        search_index.add(lib.conn, article_id, draft.title, draft.body, draft.captions)
        report.imported += 1
        report.articles.append(article_id)


def import_paths(
    lib: Library,
    paths: Iterable[str | Path],
    *,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    field_map: dict[str, str] | None = None,
    max_bytes: int = MAX_FILE_BYTES,
) -> ImportReport:
    report = ImportReport()
    files = list(iter_files(paths, report.failed))
    seen = {str(p) for p in files}
    total = len(files)
    pending = 0
    last_commit = time.monotonic()
    in_tx = False

    def commit() -> None:
        nonlocal in_tx, pending, last_commit
        if in_tx:
            lib.conn.execute("COMMIT")
            in_tx = False
        pending = 0
        last_commit = time.monotonic()

    try:
        for done, path in enumerate(files):
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(
                    Progress(
                        done,
                        total,
                        str(path),
                        report.imported,
                        report.duplicates,
                        len(report.failed),
                    )
                )
            try:
                drafts = read_file(path, field_map, max_bytes)
            except ReadError as exc:
                report.failed.append(Failure(str(path), str(exc)))
                continue
            except (OSError, MemoryError, RecursionError) as exc:
                report.failed.append(Failure(str(path), f"cannot read: {exc}"))
                continue
            if not in_tx:
                lib.conn.execute("BEGIN IMMEDIATE")
                in_tx = True
            store_drafts(lib, path, drafts, report)
            report.files += 1
            pending += len(drafts)
            if pending >= BATCH_ARTICLES or time.monotonic() - last_commit >= BATCH_SECONDS:
                commit()
        commit()
    except BaseException:
        if in_tx:
            lib.conn.execute("ROLLBACK")
        raise
    if progress is not None:
        finished = report.files + sum(1 for f in report.failed if f.path in seen)
        progress(
            Progress(finished, total, "", report.imported, report.duplicates, len(report.failed))
        )
    return report
