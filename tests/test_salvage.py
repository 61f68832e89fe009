"""`hashiya check --repair` on a damaged library salvages what reads into a new library
beside it and never touches the original (the Python route, SQLite's `.recover` idea)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from test_damaged_library import damage_article_pages, garble_table, make_library, run

from library.cli import main
from library.storage.salvage import salvage


def _count(path, table):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.timeout(120)
def test_check_repair_salvages_a_damaged_library_into_a_new_file(tmp_path):
    path = make_library(tmp_path / "lib")
    lost = damage_article_pages(path)
    before = path.read_bytes()
    proc = run("check", "--repair", "--json", library=path)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    assert proc.returncode == 1, proc.stderr.decode()  # the original is still damaged
    report = json.loads(proc.stdout)
    salvaged = report["salvaged"]
    new = tmp_path / "lib" / salvaged["path"].rsplit("/", 1)[-1]
    assert new.parent == path.parent and new.name.startswith("lib.recovered-"), new
    assert new.name.endswith(".sqlite")
    assert path.read_bytes() == before
    tables = salvaged["tables"]
    assert tables["articles"] == {"saved": 60 - len(lost), "lost": len(lost)}
    assert tables["annotations"] == {"saved": 4, "lost": 0}
    assert tables["entity_types"]["lost"] == tables["highlight_colours"]["lost"] == 0
    assert main(["check", "--library", str(new)]) == 0
    assert _count(new, "articles") == 60 - len(lost)
    assert _count(new, "annotations") == 4
    conn = sqlite3.connect(new)
    assert not {i for (i,) in conn.execute("SELECT id FROM articles")} & set(lost)
    conn.close()
    # Searchable, listed with its title keys.
    proc = run("search", "خطة", "--json", "--limit", "100", library=new)
    assert proc.returncode == 0 and len(json.loads(proc.stdout)) == 60 - len(lost)
    # A second repair makes a second file, never overwriting the first.
    proc = run("check", "--repair", library=path)
    assert b"recovered-" in proc.stdout, proc.stdout
    assert len(list(path.parent.glob("lib.recovered-*.sqlite"))) == 2
    assert path.read_bytes() == before


@pytest.mark.timeout(120)
def test_a_library_too_damaged_to_open_is_still_salvaged(tmp_path):
    path = make_library(tmp_path / "lib", articles=10)
    # Garbage over the meta table's pages: opening it as a Hashiya library fails, but
    # the articles still read.
    garble_table(path, "meta")
    before = path.read_bytes()
    assert run("list", library=path).returncode == 1
    proc = run("check", "--repair", "--json", library=path)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    report = json.loads(proc.stdout)
    assert report["salvaged"]["tables"]["articles"] == {"saved": 10, "lost": 0}
    assert report["salvaged"]["tables"]["annotations"] == {"saved": 4, "lost": 0}
    assert path.read_bytes() == before
    new = path.parent / report["salvaged"]["path"].rsplit("/", 1)[-1]
    assert main(["check", "--library", str(new)]) == 0


@pytest.mark.timeout(60)
def test_salvage_keeps_the_users_meta_and_ids(tmp_path):
    path = make_library(tmp_path / "lib", articles=6)
    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('author', 'سارة')")
    conn.commit()
    ids = sorted(r[0] for r in conn.execute("SELECT id FROM annotations"))
    conn.close()
    report = salvage(path)
    conn = sqlite3.connect(report.path)
    assert conn.execute("SELECT value FROM meta WHERE key = 'author'").fetchone()[0] == "سارة"
    assert sorted(r[0] for r in conn.execute("SELECT id FROM annotations")) == ids
    conn.close()
