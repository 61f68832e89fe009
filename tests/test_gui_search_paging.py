"""In the window: the search panel shows its first page at once, then the exact number of
matches, and loads further results as its list scrolls; the library's title filter folds
as search does."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from gui_helpers import open_window
from PySide6.QtCore import QModelIndex, Qt

from library.ingest.importer import import_paths
from library.search.engine import SearchHit
from library.storage.store import open_library
from reader.panels.search_panel import SearchResultsModel
from reader.views.library_model import TITLE
from reader.workers import search_jobs
from reader.workers.search_jobs import PAGE_SIZE

MATCHING = 2 * PAGE_SIZE + 37


def import_records(lib, folder, records) -> list[int]:
    path = folder / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    report = import_paths(lib, [path])
    assert report.imported == len(records), report
    return report.articles


@pytest.fixture
def olives(tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    records = [
        {"title": f"موسم الزيتون {n}", "body": f"بدأ قطف الزيتون في القرية رقم {n}."}
        for n in range(MATCHING)
    ] + [{"title": "الأمم المتحدة تدعو إلى الحوار", "body": "نص البيان."}]
    ids = import_records(lib, tmp_path, records)
    yield lib, set(ids[:MATCHING]), ids[-1]
    lib.close()


def test_the_search_panel_shows_the_exact_total_and_loads_more_as_it_scrolls(
    qtbot, olives, tmp_path
):
    lib, matching, _ = olives
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        panel = window.search_panel
        window.focus_search()
        panel.box.insert("الزيتون")  # QTest can only type ASCII
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        model = panel.model
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
        final = f"Articles found: {MATCHING}"  # not the page size
        qtbot.waitUntil(lambda: panel.status.text() == final, timeout=10000)
        assert model.rowCount() == PAGE_SIZE
        bar = panel.results.verticalScrollBar()
        qtbot.waitUntil(lambda: bar.maximum() > 0)
        for loaded in (2 * PAGE_SIZE, MATCHING):
            bar.setValue(bar.maximum())  # the view asks the model for more at the end
            qtbot.waitUntil(lambda n=loaded: model.rowCount() == n, timeout=10000)
            assert panel.status.text() == f"Articles found: {MATCHING}"
        assert not model.canFetchMore(QModelIndex())
        found = [hit.article_id for hit in model.hits]
        assert len(found) == len(set(found)) and set(found) == matching
        # A new query starts again from its first page.
        panel.box.clear()
        panel.box.insert("القرية")
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: model.query == "القرية" and model.rowCount() == PAGE_SIZE)
        qtbot.waitUntil(lambda: panel.status.text() == final, timeout=10000)


def test_the_first_page_is_shown_before_the_matches_are_counted(
    qtbot, olives, tmp_path, monkeypatch
):
    """Counting a word found in most of a big library takes longer than finding its
    first page: the page does not wait for the number."""
    lib, matching, _ = olives
    release, counting = threading.Event(), threading.Event()
    real_count = search_jobs.count

    def held_count(library, query):
        counting.set()
        assert release.wait(timeout=30)
        return real_count(library, query)

    monkeypatch.setattr(search_jobs, "count", held_count)
    with open_window(qtbot, lib, tmp_path) as session:
        panel = session.window.search_panel
        session.window.focus_search()
        panel.box.insert("الزيتون")
        qtbot.keyClick(panel.box, Qt.Key.Key_Return)
        model = panel.model
        qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE, timeout=10000)
        qtbot.waitUntil(counting.is_set, timeout=10000)
        assert model.counting
        assert panel.status.text() == f"Articles found: {PAGE_SIZE} so far, counting…"
        assert {hit.article_id for hit in model.hits} <= matching
        release.set()
        final = f"Articles found: {MATCHING}"
        qtbot.waitUntil(lambda: panel.status.text() == final, timeout=10000)
        assert not model.counting and model.total == MATCHING


def _hit(article_id: int) -> SearchHit:
    return SearchHit(article_id, "عنوان", "نص", [], 1.0)


def test_the_results_model_asks_once_and_keeps_only_pages_that_follow(qtbot):
    model = SearchResultsModel()
    asked = []
    model.more_wanted.connect(lambda query, offset: asked.append((query, offset)))
    model.set_results("س", [_hit(n) for n in range(3)], total=7)
    assert model.total == 7 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # already loading: not asked twice
    assert asked == [("س", 3)]
    model.add_results("ص", 3, [_hit(9)])  # another query's page
    model.add_results("س", 5, [_hit(9)])  # not the next page
    assert model.rowCount() == 3
    model.add_results("س", 3, [_hit(2), _hit(3), _hit(4)])  # 2 is shown already
    assert [h.article_id for h in model.hits] == [0, 1, 2, 3, 4]
    model.fetchMore(QModelIndex())
    assert asked[-1] == ("س", 6)
    model.add_results("س", 6, [])  # fewer than counted: the library changed meanwhile
    assert model.total == 5 and not model.canFetchMore(QModelIndex())


def test_while_counting_the_model_fetches_on_until_a_page_comes_back_empty(qtbot):
    model = SearchResultsModel()
    asked = []
    model.more_wanted.connect(lambda query, offset: asked.append((query, offset)))
    model.set_results("س", [_hit(n) for n in range(3)], counting=True)
    assert model.counting and model.total == 3 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.add_results("س", 3, [_hit(3), _hit(4)])
    assert model.total == 5 and model.canFetchMore(QModelIndex())
    assert not model.set_count("ص", 99)  # another query's count
    assert model.set_count("س", 9) and model.total == 9 and not model.counting
    assert not model.set_count("س", 4)  # counted once
    model.set_results("ق", [_hit(1)], counting=True)
    model.fetchMore(QModelIndex())
    model.add_results("ق", 1, [])
    assert not model.canFetchMore(QModelIndex()) and asked[-1] == ("ق", 1)


def test_the_title_filter_box_folds_like_search(qtbot, olives, tmp_path):
    lib, _, un = olives
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        window.focus_filter()
        window.library_panel.filter_box.insert("الامم")  # without hamza
        qtbot.keyClick(window.library_panel.filter_box, Qt.Key.Key_Return)
        model = window.model
        qtbot.waitUntil(lambda: model.rowCount() == 1)
        assert model.index(0, TITLE).data() == "الأمم المتحدة تدعو إلى الحوار"
        assert model.row_of(un) == 0


SHOTS = Path(os.environ.get("HASHIYA_SEARCH_SHOTS", "/tmp"))


LOOKS = [("en", "light"), ("en", "dark"), ("ar", "light"), ("ar", "dark")]


@pytest.mark.parametrize("look", LOOKS, ids=["-".join(look) for look in LOOKS])
def test_screenshots_of_a_search_being_counted(qtbot, olives, tmp_path, monkeypatch, look):
    language, theme = look
    lib, _, _ = olives
    release = threading.Event()
    real_count = search_jobs.count

    def held_count(library, query):
        assert release.wait(timeout=30)
        return real_count(library, query)

    monkeypatch.setattr(search_jobs, "count", held_count)
    try:
        with open_window(qtbot, lib, tmp_path, language=language, theme=theme) as session:
            window = session.window
            window.resize(1100, 700)
            panel = window.search_panel
            window.focus_search()
            panel.box.insert("الزيتون")
            qtbot.keyClick(panel.box, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: panel.model.rowCount() == PAGE_SIZE, timeout=10000)
            assert panel.model.counting
            path = SHOTS / f"search-counting-{language}-{theme}.png"
            assert window.grab().save(str(path))
            assert path.stat().st_size > 5_000
    finally:
        release.set()
