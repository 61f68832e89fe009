"""Counting and paging search results: the count is exact, and the pages that follow one
another reach every matching article once, past the ranked window too; the CLI gives the
total behind --with-total and keeps its plain list by default."""

from __future__ import annotations

import json

import pytest

from library.cli import main
from library.ingest.importer import import_paths
from library.search import engine
from library.search.engine import count, search

MATCHING = 23
OTHERS = 5


@pytest.fixture
def many(lib, tmp_path):
    """MATCHING articles that mention olives (in several spellings), OTHERS that do not."""
    forms = ["الزيتون", "الزَّيتون", "الزيتـون", "والزيتون"]
    records = [
        {"title": f"تقرير رقم {n}", "body": f"حصاد {forms[n % len(forms)]} في القرية رقم {n}."}
        for n in range(MATCHING)
    ] + [{"title": f"خبر {n}", "body": f"افتتاح مدرسة جديدة رقم {n}."} for n in range(OTHERS)]
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    report = import_paths(lib, [path])
    assert report.imported == MATCHING + OTHERS
    return lib, set(report.articles[:MATCHING])


def pages(lib, query, size):
    seen, offset = [], 0
    while True:
        page = search(lib, query, limit=size, offset=offset)
        if not page:
            return seen
        seen += [hit.article_id for hit in page]
        offset += size


def test_the_count_is_exact_beyond_a_page(many):
    lib, _ = many
    assert count(lib, "الزيتون") == MATCHING
    assert len(search(lib, "الزيتون", limit=10)) == 10


@pytest.mark.parametrize("cap", [7, 10, 3000])
def test_pages_reach_every_match_once_past_the_ranked_window(many, monkeypatch, cap):
    lib, matching = many
    monkeypatch.setattr(engine, "RANK_CAP", cap)
    for size in (4, 5, 100):
        seen = pages(lib, "الزيتون", size)
        assert len(seen) == len(set(seen)) == count(lib, "الزيتون") == MATCHING
        assert set(seen) == matching
    # One page across the end of the ranked window holds both sides of it.
    assert len(search(lib, "الزيتون", limit=6, offset=5)) == 6
    assert search(lib, "الزيتون", limit=6, offset=MATCHING) == []


def test_past_the_ranked_window_the_older_matches_come_newest_first(many, monkeypatch):
    lib, matching = many
    monkeypatch.setattr(engine, "RANK_CAP", 7)
    ranked = {hit.article_id for hit in search(lib, "الزيتون", limit=7)}
    assert ranked == set(sorted(matching)[-7:])  # the seven most recently imported
    rest = [hit.article_id for hit in search(lib, "الزيتون", limit=100, offset=7)]
    assert rest == sorted(matching - ranked, reverse=True)


def run_cli(capsys, *args):
    code = main(list(args))
    out = capsys.readouterr().out
    return code, out


def test_cli_with_total_gives_the_total_and_the_default_shape_stays(many, capsys):
    lib, _ = many
    where = ["--library", str(lib.path)]
    code, out = run_cli(capsys, "search", "الزيتون", "--json", "--limit", "3", *where)
    plain = json.loads(out)
    assert code == 0 and isinstance(plain, list) and len(plain) == 3
    assert set(plain[0]) == {"article", "title", "snippet", "matches"}

    code, out = run_cli(
        capsys, "search", "الزيتون", "--json", "--limit", "3", "--with-total", *where
    )
    doc = json.loads(out)
    assert code == 0 and set(doc) == {"total", "results"}
    assert doc["total"] == MATCHING and doc["results"] == plain

    code, out = run_cli(capsys, "search", "مدرسة", "--json", "--with-total", *where)
    doc = json.loads(out)
    assert doc["total"] == OTHERS == len(doc["results"])

    code, out = run_cli(capsys, "search", "الزيتون", "--limit", "3", "--with-total", *where)
    assert out.strip().splitlines()[-1] == f"3 of {MATCHING} matching article(s)"
