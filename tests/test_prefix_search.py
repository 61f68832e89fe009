"""A prefix searched as the index's own terms (library.search.prefixes), and the list of
those terms kept whole by every path that indexes text (library.storage.index_terms)."""

from __future__ import annotations

from collections import Counter

import pytest
from older_schemas import back_to_11

from library.ingest.importer import import_paths
from library.ingest.worker_pool import WorkerPool
from library.search import prefixes
from library.search.engine import count, search
from library.search.prefixes import expand_prefixes
from library.search.query import parse, to_fts
from library.storage import index_terms, migrations, search_index
from library.storage.articles import delete_article, replace_text
from library.storage.maintenance import check
from library.text.arabic import index_text, normalize

ARTICLES = [
    (
        "وزير الزراعة يزور مزارع الوادي",
        "زار وزير الزراعة صباح الأحد مزارع الوادي الشرقي، واطلع على خطط الوزارة لموسم "
        "الحصاد. وقال الوزير إن وزن المحصول فاق التوقعات هذا العام.",
    ),
    (
        "اجتماع لوزراء الخارجية العرب",
        "يعقد وزراء الخارجية العرب اجتماعهم الدوري في القاهرة، ويبحثون ملف المياه. "
        "وأكدت وزارة الخارجية المصرية جاهزية القاعة.",
    ),
    (
        "أسعار الخضار في السوق المركزي",
        "ارتفعت أسعار الطماطم والبطاطا في السوق المركزي، وعزا التجار ذلك إلى قلة الموارد "
        "وزيادة كلفة النقل من المحافظات.",
    ),
    (
        "مباراة حاسمة في الدوري",
        "يلتقي الفريقان مساء الجمعة في مباراة حاسمة، ووزعت الإدارة التذاكر على المشجعين "
        "مجاناً، بحسب بيان النادي.",
    ),
    (
        "الاقتصاد المحلي بعد الأزمة",
        "قال خبراء إن الاقتصاد المحلي يتعافى ببطء، وإن الاقتصادات المجاورة سبقته. وتوقعت "
        "وزارة الاقتصاد نمواً معتدلاً.",
    ),
]


def _write(folder, articles=ARTICLES):
    folder.mkdir(exist_ok=True)
    for n, (title, body) in enumerate(articles):
        (folder / f"{n:03}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


@pytest.fixture
def filled(lib, tmp_path):
    import_paths(lib, [_write(tmp_path / "news")], workers=0)
    return lib


def _index_terms(lib) -> set[str]:
    """Every term the FTS5 index holds, read from the index itself."""
    lib.conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, article_index, row)"
    )
    return {r[0] for r in lib.conn.execute("SELECT term FROM temp.v")}


def _listed(lib) -> set[str]:
    return {r[0] for r in lib.conn.execute("SELECT term FROM index_terms")}


# --- the list of terms ------------------------------------------------------------------


def test_the_stem_cache_reports_each_term_it_meets_once_when_tracked(monkeypatch):
    monkeypatch.setattr(normalize, "_stems", normalize._StemCache())
    assert normalize.index_terms_met() is None  # not tracked: nothing is kept
    normalize.track_index_terms()
    keys, stems = index_text("الوزير والوزارة")
    met = set(normalize.index_terms_met())
    assert met == set(keys.split()) | set(stems.split())
    index_text("الوزير يزور")  # الوزير was met before; يزور is new
    assert set(normalize.index_terms_met()) == set(" ".join(index_text("يزور")).split())
    # Once the cache forgets (a new word past its limit), what it meets again is
    # reported again.
    monkeypatch.setattr(normalize._StemCache, "limit", 1)
    index_text("الوزير الجديد")
    assert {"الوزير", "الجديد"} <= set(normalize.index_terms_met())


def test_a_worker_reports_every_term_of_its_articles_once(tmp_path):
    folder = _write(tmp_path / "news", ARTICLES * 2)  # the same words again
    files = sorted(folder.iterdir())
    with WorkerPool(1) as pool:
        results = [
            item
            for chunk in pool.map_chunks([files[:4], files[4:]], None, 2**20)
            for prepared in chunk
            for item in prepared
        ]
    reported = Counter(term for item in results for term in item.terms)
    # Once each, or twice for a word first met as another word's stem, then as a word.
    assert max(reported.values()) <= 2 and len(results) == 10
    wanted = set().union(*(search_index.terms_of(item.keys) for item in results))
    assert set(reported) == wanted


@pytest.mark.parametrize("workers", [0, 2])
def test_an_import_lists_every_term_it_indexes(lib, tmp_path, workers):
    import_paths(lib, [_write(tmp_path / "news", ARTICLES * 2)], workers=workers)
    assert _listed(lib) == _index_terms(lib) != set()
    assert index_terms.missing(lib.conn) == 0


def test_edits_list_new_terms_and_a_rebuild_drops_stale_ones(filled):
    replace_text(filled, 1, title="وزير الزراعة", body="أعلن الوزير خطة لتوزيع البذور مجاناً.")
    assert "لتوزيع" in _listed(filled) and index_terms.missing(filled.conn) == 0
    delete_article(filled, 4)  # the only article with مباراة
    assert "مباراه" in _listed(filled)  # kept: a superset matches nothing more
    assert search(filled, "مبار*") == []
    with filled.transaction():
        search_index.rebuild(filled.conn)
    assert "مباراه" not in _listed(filled)
    assert _listed(filled) == _index_terms(filled)


def test_the_library_check_finds_and_repairs_a_short_term_list(filled):
    filled.conn.execute("DELETE FROM index_terms WHERE term LIKE 'وز%'")
    report = check(filled)
    assert any("missing from the term list" in p.message for p in report.problems)
    assert check(filled, repair=True).ok
    assert check(filled).problems == []
    assert index_terms.missing(filled.conn) == 0


def test_migration_12_lists_the_terms_of_an_older_library(tmp_path):
    from library.storage.store import open_library

    path = tmp_path / "l.sqlite"
    with open_library(path) as lib:
        import_paths(lib, [_write(tmp_path / "news")], workers=0)
        back_to_11(lib.conn)  # no list of terms (nor anything later)
    with open_library(path) as lib:
        assert lib.schema_version == migrations.latest_version() >= 12
        assert _listed(lib) == _index_terms(lib) != set()
        assert {h.article_id for h in search(lib, "وزار*")} == {1, 2, 5}


# --- prefixes searched as terms ---------------------------------------------------------

QUERIES = ["وز*", "الوز*", "الاقتص*", "وزار*", "وزير الزر*", "وزار* -الزراعة", "حاسم* OR وزن*"]


@pytest.mark.parametrize("query", QUERIES)
def test_a_prefix_finds_the_same_articles_as_terms_as_by_fts5(filled, monkeypatch, query):
    listed = search(filled, query, limit=50)
    listed_count = count(filled, query)
    assert "*" not in to_fts(expand_prefixes(filled.conn, parse(query)))  # terms, no prefix
    monkeypatch.setattr(prefixes, "MAX_TERMS", 0)  # every prefix left to FTS5
    assert "*" in to_fts(expand_prefixes(filled.conn, parse(query)))
    merged = search(filled, query, limit=50)
    # The same articles and matches; bm25 may order them otherwise (it weighs each term
    # of the OR by its own rarity, where FTS5's prefix was one term).
    assert {h.article_id: h.matches for h in listed} == {h.article_id: h.matches for h in merged}
    assert listed_count == count(filled, query) == len(listed) > 0


def test_a_prefix_matches_words_with_the_letters_after_it(filled):
    found = {h.article_id for h in search(filled, "وزار*")}
    assert found == {1, 2, 5}  # الوزارة, وزارة twice; not وزراء, وزير, وزن
    assert {h.article_id for h in search(filled, "وزر*")} == {2}
    assert search(filled, "وزارز*") == []  # no term starts with it: the search is empty


def test_a_prefix_with_more_terms_than_the_limit_is_left_to_fts5(filled, monkeypatch):
    monkeypatch.setattr(prefixes, "MAX_TERMS", 2)
    expression = to_fts(expand_prefixes(filled.conn, parse("وز*")))
    assert '"وز" *' in expression
    assert {h.article_id for h in search(filled, "وز*")} == {1, 2, 3, 4, 5}
