"""The library list's title filter folds as search does, and its title sort collates
Arabic: both work on a stored, indexed key (`articles.title_key`) that any SQLite reads."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from library.storage import articles, migrations, title_keys
from library.storage.articles import list_articles, replace_text, row_of
from library.storage.database import Library
from library.storage.store import connect, open_library

TITLES = {
    "un": "الأمم المتحدة تدعو إلى الحوار",
    "un_plain": "بيان الامم المتحده",
    "muhammad_marked": "مُحَمَّد",
    "muhammad": "محمد",
    "port": "ميناء",
    "ibrahim": "إبراهيم",
    "ahmad": "أحمد",
    "door": "باب",
    "apple": "تفاح",
    "fruit": "ثمرة",
    "huda": "هدى",
    "walid": "وليد",
    "yasir": "ياسر",
    "conflicts": "تقرير عن النـزاعات المسلحة",
    "latin": "The UN Report",
}


def insert(conn: sqlite3.Connection, title: str, n: int, *, key: bool = True) -> int:
    """A row straight into the table, as a script or the GUI tests' bulk helper writes it."""
    columns = "title, body, source_path, format, encoding, raw, content_hash, words, imported_at"
    values = [title, f"نص {n}", f"/x/{n}.txt", "text", "utf-8", f"نص {n}",
              hashlib.sha256(f"{n}{title}".encode()).hexdigest(), 2, "2024-01-01"]  # fmt: skip
    if key:
        columns += ", title_key"
        values.append(title_keys.title_key(title))
    marks = ", ".join("?" * len(values))
    return conn.execute(
        f"INSERT INTO articles ({columns}) VALUES ({marks}) RETURNING id", values
    ).fetchone()[0]


@pytest.fixture
def titled(lib):
    ids = {name: insert(lib.conn, title, n) for n, (name, title) in enumerate(TITLES.items())}
    return lib, ids


def filtered(lib, text, **kw):
    return {s.id for s in list_articles(lib, title_filter=text, **kw)}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("الامم", {"un", "un_plain"}),  # alef without hamza finds الأمم
        ("الأمم", {"un", "un_plain"}),  # and the other way round
        ("الأُمَم", {"un", "un_plain"}),  # diacritics typed
        ("المتحدة", {"un", "un_plain"}),  # ة and ه
        ("محمد", {"muhammad", "muhammad_marked"}),
        ("مُحَمَّد", {"muhammad", "muhammad_marked"}),
        ("النزاعات", {"conflicts"}),  # tatweel in the title
        ("النـــزاعات", {"conflicts"}),  # tatweel typed
        ("ابراهيم", {"ibrahim"}),
        ("هدي", {"huda"}),  # ى and ي
        ("un report", {"latin"}),  # Latin case
    ],
)
def test_the_title_filter_folds_like_search(titled, typed, expected):
    lib, ids = titled
    want = {ids[name] for name in expected}
    assert filtered(lib, typed) == want
    assert articles.count(lib, typed) == len(want)
    for name in expected:
        assert row_of(lib, ids[name], title_filter=typed) is not None
    assert row_of(lib, ids["port"], title_filter=typed) is None


def test_a_filter_of_punctuation_only_is_looked_for_as_typed(lib):
    quoted = insert(lib.conn, "«الاتحاد» يرد", 1)
    insert(lib.conn, "الاتحاد يرد", 2)
    assert filtered(lib, "«") == {quoted}
    assert filtered(lib, "«الاتحاد»") == filtered(lib, "الاتحاد") != {quoted}


def test_the_title_sort_collates_arabic(titled):
    lib, ids = titled
    order = [s.title for s in list_articles(lib, sort="title")]
    arabic = [t for t in order if t != TITLES["latin"]]
    assert arabic == [
        "إبراهيم", "أحمد", "الأمم المتحدة تدعو إلى الحوار", "باب", "بيان الامم المتحده",
        "تفاح", "تقرير عن النـزاعات المسلحة", "ثمرة", "مُحَمَّد", "محمد", "ميناء", "هدى",
        "وليد", "ياسر",
    ]  # fmt: skip
    # مُحَمَّد sorts with محمد (one key, then by id), before ميناء, not after it.
    assert order.index("مُحَمَّد") < order.index("ميناء")
    descending = [s.title for s in list_articles(lib, sort="title", descending=True)]
    assert descending == order[::-1]
    # Pages and row_of agree with the whole list, both ways, filtered or not.
    for descending, typed in [(False, ""), (True, ""), (False, "ا"), (True, "م")]:
        kw = {"sort": "title", "descending": descending, "title_filter": typed}
        whole = [s.id for s in list_articles(lib, **kw)]
        paged = [
            s.id
            for offset in range(0, len(whole), 4)
            for s in list_articles(lib, limit=4, offset=offset, **kw)
        ]
        assert paged == whole
        for article_id in ids.values():
            row = row_of(lib, article_id, **kw)
            assert row == (whole.index(article_id) if article_id in whole else None)


def test_the_title_sort_uses_an_index(titled):
    lib, _ = titled
    for direction in ("ASC", "DESC"):
        plan = " ".join(
            r[3]
            for r in lib.conn.execute(
                f"EXPLAIN QUERY PLAN {articles._SUMMARY} "
                f"ORDER BY {articles.SORT_COLUMNS['title']} {direction}, a.id {direction} "
                "LIMIT 50 OFFSET 100"
            )
        )
        assert "USING INDEX articles_title_key" in plan and "TEMP B-TREE" not in plan, plan


@pytest.mark.parametrize("sort", ["id", "title", "source", "date", "words", "annotations"])
def test_a_filter_that_keeps_few_or_many_lists_the_same(titled, monkeypatch, sort):
    lib, _ = titled
    for typed in ("ا", "الامم", "محمد", "ء"):
        lists = []
        for few in (0, 10**9):  # the filter found first, or checked row by row
            monkeypatch.setattr(articles, "_FEW_TITLES", few)
            lists.append([s.id for s in list_articles(lib, sort=sort, title_filter=typed)])
        assert lists[0] == lists[1]
        assert len(lists[0]) == articles.count(lib, typed)


def test_the_title_filter_reads_the_index_not_the_table(titled):
    lib, _ = titled
    where, params = articles._where("الامم", None, None)
    plan = " ".join(
        r[3]
        for r in lib.conn.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM articles a {where}", params
        )
    )
    assert "USING INDEX articles_title_key" in plan, plan


def test_import_and_reclean_keep_the_key_in_step(lib, tmp_path):
    from library.ingest.importer import import_paths

    (tmp_path / "a.txt").write_text("الأُمَم المتحدة\n\nنص الخبر.", encoding="utf-8")
    (article_id,) = import_paths(lib, [tmp_path / "a.txt"]).articles
    key = lib.conn.execute("SELECT title_key FROM articles WHERE id = ?", (article_id,))
    assert key.fetchone()[0] == "الامم المتحده"
    replace_text(lib, article_id, title="إعلان جديد", body="نص آخر.")
    assert filtered(lib, "اعلان") == {article_id}
    assert filtered(lib, "الامم") == set()


def test_rows_written_by_another_program_are_keyed_on_the_next_open(tmp_path):
    path = tmp_path / "l.sqlite"
    open_library(path).close()
    other = sqlite3.connect(path)  # no function of ours registered: plain SQLite
    with other:
        insert(other, "مُحَمَّد", 1, key=False)
        insert(other, "ميناء", 2, key=False)
        rows = other.execute(
            "SELECT title FROM articles ORDER BY coalesce(title_key, title), id"
        ).fetchall()
    assert [r[0] for r in rows] == ["ميناء", "مُحَمَّد"]  # as typed, until keyed
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    other.close()
    lib = open_library(path)
    try:
        keys = lib.conn.execute("SELECT title_key FROM articles ORDER BY id").fetchall()
        assert [k[0] for k in keys] == ["محمد", "ميناء"]
        assert [s.title for s in list_articles(lib, sort="title")] == ["مُحَمَّد", "ميناء"]
    finally:
        lib.close()


def test_a_readonly_open_keys_nothing_and_still_lists(tmp_path):
    path = tmp_path / "l.sqlite"
    open_library(path).close()
    with sqlite3.connect(path) as other:
        insert(other, "إعلان", 1, key=False)
    other.close()
    lib = open_library(path, readonly=True)
    try:
        assert [s.title for s in list_articles(lib, sort="title")] == ["إعلان"]
        assert lib.conn.execute("SELECT title_key FROM articles").fetchone()[0] is None
    finally:
        lib.close()


def test_new_folding_rules_key_every_title_again(tmp_path, monkeypatch):
    path = tmp_path / "l.sqlite"
    lib = open_library(path)
    insert(lib.conn, "أحمد", 1)
    lib.conn.execute("UPDATE articles SET title_key = 'stale'")
    lib.close()
    lib = open_library(path)  # same rules: the keys are left alone
    assert lib.conn.execute("SELECT title_key FROM articles").fetchone()[0] == "stale"
    lib.close()
    monkeypatch.setattr(title_keys, "CURRENT", title_keys.CURRENT + "-next")
    lib = open_library(path)
    try:
        assert lib.conn.execute("SELECT title_key FROM articles").fetchone()[0] == "احمد"
    finally:
        lib.close()


def test_migrating_a_library_of_the_previous_version_adds_and_fills_the_key(tmp_path):
    path = tmp_path / "old.sqlite"
    previous = migrations.MIGRATIONS[:2]  # the schema before title keys (migration 3)
    old = Library(connect(path), path, readonly=False)  # a library as that version made it
    migrations.migrate(old, previous)
    assert old.schema_version == len(previous)
    for n, title in enumerate(TITLES.values()):
        insert(old.conn, title, n, key=False)
    old.close()
    columns = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(articles)")}
    assert "title_key" not in columns

    lib = open_library(path)
    try:
        assert lib.schema_version == migrations.latest_version()
        assert list(tmp_path.glob(f"old.sqlite.v{len(previous)}-*.bak"))  # backed up first
        rows = lib.conn.execute("SELECT title, title_key FROM articles").fetchall()
        assert len(rows) == len(TITLES)
        assert all(key == title_keys.title_key(title) for title, key in rows)
        indexes = {r[1] for r in lib.conn.execute("PRAGMA index_list(articles)")}
        assert {"articles_title_key", "articles_unkeyed"} <= indexes
        assert "articles_title" not in indexes
        names = [r[0] for r in lib.conn.execute("SELECT name FROM migrations ORDER BY version")]
        assert names[-1] == migrations.MIGRATIONS[-1][0]
        order = [s.title for s in list_articles(lib, sort="title")]
        assert abs(order.index("مُحَمَّد") - order.index("محمد")) == 1
        assert filtered(lib, "الامم") == filtered(lib, "الأمم") != set()
    finally:
        lib.close()
