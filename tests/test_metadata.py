"""Article metadata and captures (schema 5): stored, read in batches, updated with a
before/after, shown by `show --json`."""

from __future__ import annotations

import json

import pytest

from library.cli import main
from library.ingest.importer import import_paths
from library.storage import migrations
from library.storage.articles import NotFound
from library.storage.metadata import Capture, add_captures, metadata, metadata_for, update, write
from library.storage.store import open_library


@pytest.fixture
def lib(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("مرفأ جديد\n\nافتتح المرفأ الجديد أمس بحضور الوزير.", "utf-8")
    (src / "b.txt").write_text("سوق الكتب\n\nعاد سوق الكتب القديمة إلى الساحة.", "utf-8")
    lib = open_library(tmp_path / "lib.sqlite")
    import_paths(lib, [src], workers=0)
    yield lib
    lib.close()


def ids(lib) -> list[int]:
    return [r[0] for r in lib.conn.execute("SELECT id FROM articles ORDER BY id")]


def test_a_new_article_has_empty_metadata_but_its_title(lib):
    meta = metadata(lib, ids(lib)[0])
    assert meta.title == "مرفأ جديد"
    assert (meta.authors, meta.section, meta.captures, meta.author) == ((), None, (), None)
    with pytest.raises(NotFound):
        metadata(lib, 999)


def test_update_returns_before_and_after_and_write_restores(lib):
    first = ids(lib)[0]
    before, after = update(
        lib, first, authors="سامي الحسيني", section=" اقتصاد ", language="ar", url=""
    )
    assert after.authors == ("سامي الحسيني",) and after.section == "اقتصاد"
    assert after.url is None and before.section is None
    assert metadata(lib, first) == after
    update(lib, first, authors=["ليلى حداد", "  ", "Omar Nasser"], title="مرفأ جديد للصيادين")
    assert metadata(lib, first).author == "ليلى حداد; Omar Nasser"
    # the list filters and sorts by the new title
    (key,) = lib.conn.execute("SELECT title_key FROM articles WHERE id = ?", (first,)).fetchone()
    assert "للصيادين" in key or "صيادين" in key
    with lib.transaction():
        write(lib, first, before)
    assert metadata(lib, first) == before
    with pytest.raises(ValueError, match="title"):
        update(lib, first, title="  ")
    with pytest.raises(ValueError, match="not a metadata field"):
        update(lib, first, colour="red")


def test_captures_are_recorded_once_each_and_read_in_date_order(lib):
    first, second = ids(lib)
    late = Capture("https://example.org/a", "2024-05-02T10:00:00Z", "<urn:uuid:2>", "b.warc.gz")
    early = Capture("https://example.org/a", "2024-05-01T09:00:00Z", "<urn:uuid:1>", "a.warc.gz")
    with lib.transaction():
        assert add_captures(lib, first, [late, early]) == 2
        assert add_captures(lib, first, [early]) == 0  # the same record again
        bare = Capture("https://example.org/a", "2024-05-03T08:00:00Z")
        assert add_captures(lib, second, [bare, bare]) == 1  # no record id: by URI and date
    found = metadata_for(lib, [second, first, 999])
    assert set(found) == {first, second}
    assert found[first].captures == (early, late)
    assert found[first].accessed == "2024-05-01T09:00:00Z"


def test_show_json_has_the_metadata(lib, capsys):
    first = ids(lib)[0]
    update(lib, first, authors="سامي الحسيني", published="2024-05-01", publisher="صحيفة الميناء")
    assert main(["--library", str(lib.path), "show", str(first), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["metadata"]
    assert shown["author"] == "سامي الحسيني" and shown["publisher"] == "صحيفة الميناء"
    assert shown["published"] == "2024-05-01" and shown["captures"] == []
    assert {"url", "author", "publisher", "published", "language", "captures"} <= set(shown)


def test_migration_5_keeps_what_was_there(tmp_path):
    from library.storage.store import Library, connect

    path = tmp_path / "v4.sqlite"
    v4 = Library(connect(path), path, readonly=False)
    migrations.migrate(v4, migrations.MIGRATIONS[:4])
    v4.conn.execute(
        "INSERT INTO articles (title, body, date, url, site, source_path, format, encoding, raw,"
        " content_hash, words, imported_at) VALUES ('خبر', 'نص', '2023-01-02', 'https://x.org',"
        " 'موقع', 'a.txt', 'text', 'utf-8', 'نص', 'h', 1, '2023-01-02')"
    )
    v4.close()
    with open_library(path) as lib:
        (article,) = ids(lib)
        meta = metadata(lib, article)
    assert (meta.published, meta.url, meta.publisher, meta.authors) == (
        "2023-01-02", "https://x.org", "موقع", ()
    )  # fmt: skip


def test_the_list_and_search_narrow_by_publisher_and_author(lib, capsys):
    from library.search.engine import search
    from library.storage.articles import count, list_articles, row_of
    from library.storage.filters import Filters
    from library.storage.metadata import authors, publishers

    first, second = ids(lib)
    update(lib, first, publisher="صحيفة الميناء", authors=["ليلى حداد", "Omar Nasser"])
    update(lib, second, publisher="صحيفة الميناء", authors=["سامي الحسيني"])
    assert publishers(lib) == [("صحيفة الميناء", 2)]
    assert dict(authors(lib)) == {"ليلى حداد": 1, "Omar Nasser": 1, "سامي الحسيني": 1}
    assert [a.id for a in list_articles(lib, author="Omar Nasser")] == [first]
    assert count(lib, publisher="صحيفة الميناء") == 2 and count(lib, author="Omar") == 0
    assert row_of(lib, second, author="Omar Nasser") is None
    assert row_of(lib, second, author="سامي الحسيني") == 0
    hits = search(lib, "الكتب", filters=Filters(author="سامي الحسيني"))
    assert [h.article_id for h in hits] == [second]
    # A value another program wrote badly is no author, and breaks nothing.
    lib.conn.execute("UPDATE articles SET authors = 'not json' WHERE id = ?", (first,))
    assert count(lib, author="ليلى حداد") == 0 and dict(authors(lib)) == {"سامي الحسيني": 1}
    assert main(["--library", str(lib.path), "list", "--json", "--author", "سامي الحسيني"]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [second]
    argv = ["--library", str(lib.path), "search", "الكتب", "--json", "--publisher", "غيرها"]
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out) == []
