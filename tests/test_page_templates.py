"""Web pages' raw HTML packed against a template of their site (library.storage.page_templates,
library.ingest.site_templates): every raw text reads back exactly, through every reader,
after edits, upgrades and salvage, and the pages of a site take a fraction of the space."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from older_schemas import back_to_12
from test_damaged_library import garble_table
from test_importer import kill_the_first_worker
from test_warc_import import BRIDGE, LIBRARY, MARKET, Archive, page

from library.exchange.selection import Selection, collect
from library.ingest import importer
from library.ingest.importer import import_paths
from library.storage import migrations, raw_text
from library.storage.articles import get_article, replace_text
from library.storage.raw_text import TEMPLATE, WINDOW, NeedsText, pack, unpack
from library.storage.salvage import salvage
from library.storage.store import open_library

SITES = {"sahel.example": BRIDGE, "wadi.example": MARKET}


def _page(site: str, i: int) -> bytes:
    paragraphs = [f"{p} وهذا الخبر رقم {i} من موقع {site}." for p in SITES[site]]
    return page(f"خبر رقم {i} من {site}", paragraphs, canonical=f"https://{site}/n/{i}")


def _archive(tmp_path: Path, per_site: int = 12) -> tuple[Path, dict[str, bytes]]:
    """Pages of two sites, interleaved as a crawl writes them, and one lone page."""
    a = Archive()
    pages: dict[str, bytes] = {}
    for i in range(per_site):
        for site in SITES:
            uri = f"https://{site}/n/{i}"
            pages[uri] = _page(site, i)
            a.response(uri, pages[uri])
    lone = "https://lone.example/only"
    pages[lone] = page("خبر وحيد من موقع آخر", LIBRARY, canonical=lone)
    a.response(lone, pages[lone])
    return a.save(tmp_path / "crawl.warc.gz"), pages


def _raw_by_url(lib) -> dict[str, str]:
    ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles")]
    return {get_article(lib, i).url: get_article(lib, i).raw for i in ids}


@pytest.mark.parametrize("workers", [0, 2])
def test_the_pages_of_a_site_are_packed_against_an_earlier_page_of_it(tmp_path, workers):
    path, pages = _archive(tmp_path)
    with open_library(tmp_path / "l.sqlite") as lib:
        report = import_paths(lib, [path], workers=workers)
        assert report.imported == len(pages) and report.failed == []
        # Every raw text reads back as the page it was.
        assert _raw_by_url(lib) == {uri: data.decode() for uri, data in pages.items()}
        templates = dict(lib.conn.execute("SELECT id, data FROM raw_templates"))
        # One per site and process that met a second page of it; none for the lone page.
        assert 2 <= len(templates) <= 2 * max(workers, 1)
        rows = lib.conn.execute(
            "SELECT url, raw_template, raw_z, body FROM articles ORDER BY id"
        ).fetchall()
        for url, template, _, _ in rows:
            if template is not None:
                site = url.split("/")[2]
                first_pages = [d[:WINDOW] for u, d in pages.items() if u.split("/")[2] == site]
                assert templates[template] in first_pages
        assert next(r[1] for r in rows if "lone" in r[0]) is None
        packed = [r for r in rows if r[1] is not None]
        assert len(packed) >= len(pages) - 1 - 2 * max(workers, 1)
        # The space it saves: against the body alone, every page keeps its chrome.
        with_template = sum(len(r[2]) for r in packed)
        body_only = sum(len(pack(pages[r[0]].decode(), r[3])) for r in packed)
        assert with_template < 0.6 * body_only


def test_a_folder_of_saved_pages_is_packed_the_same_way(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.html").write_bytes(_page("sahel.example", i))
    with open_library(tmp_path / "l.sqlite") as lib:
        assert import_paths(lib, [folder], workers=0).imported == 6
        assert lib.conn.execute("SELECT count(*) FROM raw_templates").fetchone()[0] == 1
        nulls = lib.conn.execute("SELECT count(*) FROM articles WHERE raw_template IS NULL")
        assert nulls.fetchone()[0] == 1
        for i in range(6):
            assert get_article(lib, i + 1).raw == _page("sahel.example", i).decode()


def test_text_files_get_no_template(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(4):
        (folder / f"{i}.txt").write_text(f"خبر رقم {i}\n\n" + "\n".join(BRIDGE), encoding="utf-8")
    with open_library(tmp_path / "l.sqlite") as lib:
        import_paths(lib, [folder], workers=0)
        assert lib.conn.execute("SELECT count(*) FROM raw_templates").fetchone()[0] == 0


@pytest.fixture
def imported(tmp_path):
    path, pages = _archive(tmp_path, per_site=4)
    lib = open_library(tmp_path / "l.sqlite")
    import_paths(lib, [path], workers=0)
    yield lib, pages
    lib.close()


def _templated(lib) -> int:
    row = lib.conn.execute("SELECT id FROM articles WHERE raw_template IS NOT NULL LIMIT 1")
    return row.fetchone()[0]


def test_an_edit_of_the_text_keeps_the_raw_text_and_its_template(imported):
    lib, pages = imported
    article_id = _templated(lib)
    before = get_article(lib, article_id)
    template = raw_text.template_of(lib.conn, article_id)
    replace_text(lib, article_id, title=before.title, body=before.body + "\nسطر أضيف للتجربة.")
    after = get_article(lib, article_id)
    assert after.raw == before.raw == pages[before.url].decode()
    assert raw_text.template_of(lib.conn, article_id) == template is not None


def test_every_reader_of_raw_texts_reads_templated_rows(imported):
    lib, pages = imported
    # In SQL: the four-argument function reads every row.
    rows = lib.conn.execute(
        f"SELECT url, hashiya_raw(raw, raw_z, body, {TEMPLATE}) FROM articles"
    ).fetchall()
    assert dict(rows) == {u: d.decode() for u, d in pages.items()}
    # The exports' reader (BagIt, citations).
    data = collect(lib, Selection(), every_article=True, raw=True)
    assert {a.url: a.raw for a, _ in data.items} == {u: d.decode() for u, d in pages.items()}
    # raw_of, and a row read by name.
    article_id = _templated(lib)
    assert raw_text.raw_of(lib, article_id) == get_article(lib, article_id).raw
    lib.conn.row_factory = sqlite3.Row
    try:
        row = lib.conn.execute(
            f"SELECT {raw_text.COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
    finally:
        lib.conn.row_factory = None
    assert unpack(row) == get_article(lib, article_id).raw


def test_without_its_template_a_raw_text_says_what_it_needs(imported):
    lib, _ = imported
    article_id = _templated(lib)
    raw_z, body = lib.conn.execute(
        "SELECT raw_z, body FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    with pytest.raises(NeedsText, match="page template"):
        unpack(raw_z, body)
    with pytest.raises(sqlite3.OperationalError):
        lib.conn.execute(
            "SELECT hashiya_raw(raw, raw_z, body) FROM articles WHERE id = ?", (article_id,)
        ).fetchone()


def test_another_program_cannot_unhook_a_raw_text_from_its_template(imported):
    lib, pages = imported
    article_id = _templated(lib)
    with pytest.raises(sqlite3.IntegrityError, match="page template"):
        lib.conn.execute("UPDATE articles SET raw_template = NULL WHERE id = ?", (article_id,))
    with pytest.raises(sqlite3.IntegrityError):  # nor delete a template in use
        lib.conn.execute("DELETE FROM raw_templates")
    # Storing the raw text again in `raw`, as the trigger's message says, is allowed.
    lib.conn.execute(
        f"UPDATE articles SET raw = hashiya_raw(raw, raw_z, body, {TEMPLATE}), raw_z = NULL, "
        "raw_template = NULL WHERE id = ?",
        (article_id,),
    )
    assert get_article(lib, article_id).raw == pages[get_article(lib, article_id).url].decode()


def test_a_salvaged_library_keeps_the_templates(imported, tmp_path):
    lib, pages = imported
    lib.close()
    report = salvage(tmp_path / "l.sqlite")
    assert report.tables["raw_templates"].saved >= 2
    with open_library(report.path) as saved:
        assert _raw_by_url(saved) == {u: d.decode() for u, d in pages.items()}


def test_an_older_library_upgrades_and_its_rows_read_back(tmp_path):
    path, pages = _archive(tmp_path, per_site=3)
    library = tmp_path / "l.sqlite"
    with open_library(library) as lib:
        import_paths(lib, [path], workers=0)
        # What a version-12 library held: every raw text packed without a template.
        for article_id, body, raw in lib.conn.execute(
            f"SELECT id, body, hashiya_raw(raw, raw_z, body, {TEMPLATE}) FROM articles"
        ).fetchall():
            lib.conn.execute(
                "UPDATE articles SET raw = ?, raw_z = NULL, raw_template = NULL WHERE id = ?",
                (raw, article_id),
            )
            lib.conn.execute(
                "UPDATE articles SET raw = '', raw_z = ? WHERE id = ?",
                (pack(raw, body), article_id),
            )
        back_to_12(lib.conn)
    with open_library(library) as lib:
        assert lib.schema_version == migrations.latest_version() >= 13
        assert _raw_by_url(lib) == {u: d.decode() for u, d in pages.items()}
        more = Archive()
        for i in range(10, 13):
            more.response(f"https://sahel.example/n/{i}", _page("sahel.example", i))
        import_paths(lib, [more.save(tmp_path / "more.warc.gz")], workers=0)
        assert lib.conn.execute("SELECT count(*) FROM raw_templates").fetchone()[0] == 1
        assert get_article(lib, lib.conn.execute("SELECT max(id) FROM articles").fetchone()[0]).raw


def test_a_dead_worker_loses_no_template(tmp_path, monkeypatch):
    kill_the_first_worker(monkeypatch)
    monkeypatch.setattr(importer, "ARCHIVE_TASK_PAGES", 3)
    path, pages = _archive(tmp_path, per_site=10)
    with open_library(tmp_path / "l.sqlite") as lib:
        assert import_paths(lib, [path], workers=2).imported == len(pages)
        assert _raw_by_url(lib) == {u: d.decode() for u, d in pages.items()}
        assert lib.conn.execute("SELECT count(*) FROM raw_templates").fetchone()[0] >= 2


def test_a_lost_template_costs_its_articles_their_raw_text_only(imported, tmp_path):
    lib, pages = imported
    templated = {
        r[0] for r in lib.conn.execute("SELECT url FROM articles WHERE raw_template IS NOT NULL")
    }
    lib.close()
    path = tmp_path / "l.sqlite"
    garble_table(path, "raw_templates")
    report = salvage(path)
    articles = report.tables["articles"]
    assert articles.saved == len(pages) and articles.lost == 0
    assert articles.without_raw == len(templated) > 0
    assert any("without their raw text" in line for line in report.lines())
    with open_library(report.path) as saved:
        raw = _raw_by_url(saved)
        assert set(raw) == set(pages)  # every article, with its text
        for url, text in raw.items():
            assert text == ("" if url in templated else pages[url].decode())
