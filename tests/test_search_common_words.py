"""A word found in most of the library is ranked without bm25 (`engine.BM25_MAX_DOCS`):
the articles holding it in the headline first, then the newest; pages still reach every
match once, and the count stays exact."""

from __future__ import annotations

import json

import pytest

from library.ingest.importer import import_paths
from library.search import engine
from library.search.engine import count, search


@pytest.fixture
def common(lib, tmp_path, monkeypatch):
    records = []
    for n in range(30):
        title = f"تقرير الزيتون رقم {n}" if n % 5 == 0 else f"تقرير رقم {n}"
        records.append({"title": title, "body": f"حصاد الزيتون في القرية رقم {n}."})
    records.append({"title": "خبر آخر", "body": "افتتاح مدرسة جديدة."})
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    report = import_paths(lib, [path])
    monkeypatch.setattr(engine, "BM25_MAX_DOCS", 10)
    return lib, report.articles[:30]


def _pages(lib, query, size):
    seen, offset = [], 0
    while page := search(lib, query, limit=size, offset=offset):
        seen += [hit.article_id for hit in page]
        offset += size
    return seen


def test_headline_matches_first_then_newest(common):
    lib, ids = common
    in_title = [ids[n] for n in range(30) if n % 5 == 0]
    hits = [h.article_id for h in search(lib, "الزيتون", limit=30)]
    assert hits[:6] == sorted(in_title, reverse=True)
    assert hits[6:] == sorted(set(ids) - set(in_title), reverse=True)
    assert all(h.matches for h in search(lib, "الزيتون", limit=5))


@pytest.mark.parametrize("cap", [7, 3000])
def test_pages_reach_every_match_once(common, monkeypatch, cap):
    lib, ids = common
    monkeypatch.setattr(engine, "RANK_CAP", cap)
    seen = _pages(lib, "الزيتون", 4)
    assert len(seen) == len(set(seen)) == count(lib, "الزيتون") == 30
    assert set(seen) == set(ids)


def test_a_rare_word_is_still_ranked_by_bm25(common, monkeypatch):
    lib, _ = common
    monkeypatch.setattr(engine, "BM25_MAX_DOCS", 1000)
    assert engine._bm25_affordable(lib, engine.parse("الزيتون"))
    monkeypatch.setattr(engine, "BM25_MAX_DOCS", 10)
    assert not engine._bm25_affordable(lib, engine.parse("الزيتون"))
    assert engine._bm25_affordable(lib, engine.parse("مدرسة"))
    assert [h.article_id for h in search(lib, "مدرسة")] != []


def _index_reads(lib, query) -> list[str]:
    statements: list[str] = []
    lib.conn.set_trace_callback(statements.append)
    try:
        search(lib, query)
    finally:
        lib.conn.set_trace_callback(None)
    return [s for s in statements if "MATCH" in s]


def test_a_search_that_matches_nothing_reads_the_index_once(common):
    """Nothing found reads the whole of the words' lists: the search stops after that one
    read instead of ranking an empty window over them again."""
    lib, _ = common
    assert len(_index_reads(lib, "الزيتون -حصاد")) == 1
    assert len(_index_reads(lib, "الزيتون")) > 1  # something found: ranked as before
