"""A large first import builds the articles' indexes at its end (library.storage.bulk_indexes):
they are gone while it runs, back whatever way it ends, and back at the next open after
a process that died in between."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from gui_helpers import open_window
from test_gui_import import slow_importer
from test_importer import _many
from test_warc_import import _many as _archive

from library.ingest import importer
from library.ingest.importer import INDEXING, Progress, import_paths
from library.storage import bulk_indexes
from library.storage.articles import list_articles
from library.storage.store import open_library


def _indexes(conn: sqlite3.Connection) -> set[str]:
    return {
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'articles'"
        )
    }


@pytest.fixture
def schema_indexes(tmp_path) -> set[str]:
    with open_library(tmp_path / "fresh.sqlite") as lib:
        found = _indexes(lib.conn)
    assert {"articles_title_key", "articles_date", "articles_ids"} <= found
    return found


@pytest.fixture
def low_threshold(monkeypatch):
    monkeypatch.setattr(importer, "DEFER_INDEXES_MIN_FILES", 50)


def _watch(lib, seen: list):
    """A progress callback noting the indexes there at each report, and its stage."""
    return lambda p: seen.append((p.stage, p.files_done, _indexes(lib.conn)))


@pytest.mark.parametrize("workers", [0, 2])
def test_a_large_first_import_builds_the_indexes_at_its_end(
    tmp_path, schema_indexes, low_threshold, workers
):
    seen: list = []
    with open_library(tmp_path / "l.sqlite") as lib:
        report = import_paths(lib, [_many(tmp_path)], progress=_watch(lib, seen), workers=workers)
        assert report.imported == 120
        during = [found for stage, done, found in seen if stage == "" and 0 < done < 120]
        assert during and all(found == {"sqlite_autoindex_articles_1"} for found in during)
        assert [stage for stage, _, _ in seen].count(INDEXING) == 1
        assert _indexes(lib.conn) == schema_indexes
        assert not bulk_indexes.pending(lib.conn)
        # The indexes serve the library list as before.
        titles = [a.title for a in list_articles(lib, limit=3, sort="title")]
        assert titles == sorted(titles)
        plan = lib.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM articles ORDER BY coalesce(title_key, title)"
        ).fetchall()
        assert any("articles_title_key" in str(tuple(step)) for step in plan)


def test_a_large_web_archive_is_a_large_import_too(tmp_path, schema_indexes, monkeypatch):
    # One file, but thousands of pages: its size decides, as a folder's count of files does.
    archive = _archive(tmp_path, 30)
    monkeypatch.setattr(importer, "WARC_BATCH_ARTICLES", 4)
    monkeypatch.setattr(importer, "DEFER_INDEXES_MIN_ARCHIVE_BYTES", archive.stat().st_size)
    seen: list = []
    with open_library(tmp_path / "l.sqlite") as lib:
        report = import_paths(lib, [archive], progress=_watch(lib, seen), workers=0)
        assert report.imported == 30
        during = [found for stage, _, found in seen if stage == ""][1:-1]
        assert during and all(found == {"sqlite_autoindex_articles_1"} for found in during)
        assert [stage for stage, _, _ in seen].count(INDEXING) == 1
        assert _indexes(lib.conn) == schema_indexes
    # A byte smaller than the threshold, it keeps them.
    monkeypatch.setattr(importer, "DEFER_INDEXES_MIN_ARCHIVE_BYTES", archive.stat().st_size + 1)
    seen.clear()
    with open_library(tmp_path / "m.sqlite") as lib:
        import_paths(lib, [archive], progress=_watch(lib, seen), workers=0)
        assert seen and all(found == schema_indexes for _, _, found in seen)


def test_an_import_into_a_library_that_holds_articles_keeps_them(
    tmp_path, schema_indexes, low_threshold
):
    seen: list = []
    with open_library(tmp_path / "l.sqlite") as lib:
        first = tmp_path / "first.txt"
        first.write_text("خبر أول\n\nنص الخبر الأول في المكتبة.", encoding="utf-8")
        import_paths(lib, [first])
        import_paths(lib, [_many(tmp_path)], progress=_watch(lib, seen), workers=0)
        assert all(found == schema_indexes for _, _, found in seen)
        assert INDEXING not in [stage for stage, _, _ in seen]


def test_a_small_import_keeps_them(tmp_path, schema_indexes):
    seen: list = []
    with open_library(tmp_path / "l.sqlite") as lib:
        import_paths(lib, [_many(tmp_path)], progress=_watch(lib, seen), workers=0)
        assert seen and all(found == schema_indexes for _, _, found in seen)


def test_a_cancelled_or_failing_import_builds_them_again(tmp_path, schema_indexes, low_threshold):
    with open_library(tmp_path / "l.sqlite") as lib:
        calls = []
        report = import_paths(
            lib, [_many(tmp_path)], should_cancel=lambda: len(calls.append(1) or calls) > 60
        )
        assert report.cancelled
        assert _indexes(lib.conn) == schema_indexes

    def failing(progress):
        if progress.files_done == 30:
            raise RuntimeError("the disk went away")

    with open_library(tmp_path / "m.sqlite") as lib:
        with pytest.raises(RuntimeError):
            import_paths(lib, [tmp_path / "many"], progress=failing, workers=0)
        assert _indexes(lib.conn) == schema_indexes


def test_a_library_left_without_them_gets_them_back_when_opened(tmp_path, schema_indexes):
    path = tmp_path / "l.sqlite"
    with open_library(path) as lib:
        import_paths(lib, [_many(tmp_path)], workers=0)
        # What a process killed in the middle of a large first import leaves behind.
        with lib.transaction():
            assert bulk_indexes.defer(lib.conn) == len(schema_indexes) - 1
    with open_library(path, readonly=True) as lib:  # read-only: still readable
        assert _indexes(lib.conn) == {"sqlite_autoindex_articles_1"}
        assert len(list_articles(lib, limit=500, sort="title")) == 120
    with open_library(path) as lib:
        assert _indexes(lib.conn) == schema_indexes
        assert not bulk_indexes.pending(lib.conn)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_progress_window_says_the_indexes_are_being_built(
    qtbot, tmp_path, tmp_path_factory, language, theme
):
    shots = Path(os.environ.get("HASHIYA_SHOTS_DIR") or tmp_path_factory.mktemp("shots"))
    shots.mkdir(parents=True, exist_ok=True)
    lib = open_library(tmp_path / "l.sqlite")
    try:
        with open_window(
            qtbot, lib, tmp_path, language=language, theme=theme, importer=slow_importer(0.05)
        ) as session:
            window = session.window
            jobs = window.imports
            assert window.start_import([_many(tmp_path)])
            qtbot.waitUntil(lambda: jobs.progress_dialog is not None, timeout=5000)
            # What the importer reports once every file is in.
            jobs._progressed(jobs._ticket, Progress(120, 120, "", 1180, 2, 1, stage=INDEXING))
            dialog = jobs.progress_dialog
            dialog.show()
            qtbot.waitExposed(dialog)
            label = dialog.labelText()
            dialog.grab().save(str(shots / f"import-indexing-{language}-{theme}.png"))
            assert dialog.maximum() == 0  # busy: no share of it to show
            jobs.cancel()
            qtbot.waitUntil(lambda: not jobs.running, timeout=20_000)
    finally:
        lib.close()
    expected = "Building the library's indexes" if language == "en" else "تُبنى فهارس المكتبة"
    assert label.startswith(expected)
    assert ("1,180" if language == "en" else "١٬١٨٠") in label
