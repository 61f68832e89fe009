"""The archival package: a BagIt bag that bagit-python's own validator accepts, and that
imports back into a fresh library with the same articles, annotations and metadata."""

from __future__ import annotations

import json

import pytest
from test_export_provenance import AUTHORS, CAPTURED, PUBLISHER, TITLE_D, build_provenance_library

from library.cli import main
from library.exchange import NotReplaceable, OutputExists, Selection, export
from library.exchange.bag import BagError, restore, verify
from library.marks.annotations import read_annotations
from library.storage.metadata import metadata_for
from library.storage.store import open_library


@pytest.fixture
def built(tmp_path):
    return build_provenance_library(tmp_path / "src")


def _bag(built, tmp_path, name="bag", **kw):
    path, ids = built
    out = tmp_path / name
    with open_library(path) as lib:
        result = export(lib, "bagit", out, kw.pop("selection", Selection()), **kw)
    return out, result, ids


def test_bag_is_valid_for_bagit_and_holds_every_article(built, tmp_path):
    bagit = pytest.importorskip("bagit")
    out, result, ids = _bag(built, tmp_path)
    bag = bagit.Bag(str(out))
    bag.validate()  # raises BagValidationError when anything is wrong
    assert bag.info["Bag-Software-Agent"].startswith("Hashiya")
    assert bag.info["Source-Organization"] and bag.info["External-Description"]
    assert len(bag.info["Bagging-Date"]) == 10
    assert set(bag.algorithms) == {"sha256", "sha512"}
    payload = set(bag.payload_files())
    for article_id in ids.values():  # annotated or not
        assert f"data/articles/article-{article_id}.json" in payload
        assert f"data/raw/article-{article_id}.txt" in payload
    assert {"data/metadata.json", "data/annotations.jsonld", "data/annotations.tei.xml"} <= payload
    record = json.loads((out / f"data/articles/article-{ids['full']}.json").read_text("utf-8"))
    assert record["authors"] == list(AUTHORS) and record["site"] == PUBLISHER
    assert result.articles == 4 and result.annotations > 0
    # A changed byte is caught by bagit and by our own check.
    target = out / f"data/raw/article-{ids['bare']}.txt"
    target.write_bytes(target.read_bytes() + b"x")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(out)).validate()
    with pytest.raises(BagError):
        verify(out)


def test_bag_imports_back_into_a_fresh_library_without_loss(built, tmp_path):
    out, _, ids = _bag(built, tmp_path)
    src_path, _ = built
    with open_library(src_path) as src:
        hashes = dict(src.conn.execute("SELECT content_hash, title FROM articles").fetchall())
        annotations = {
            (a.kind, a.start, a.end, a.exact, a.note or "")
            for a in read_annotations(src, "1=1", [])
        }
        meta_before = {
            src.conn.execute("SELECT content_hash FROM articles WHERE id = ?", (i,)).fetchone()[
                0
            ]: m
            for i, m in metadata_for(src, ids.values()).items()
        }
    with open_library(tmp_path / "fresh.sqlite") as fresh:
        report = restore(fresh, out)
        assert report.annotations["added"] == len(annotations), report.to_json()
        got = dict(fresh.conn.execute("SELECT content_hash, title FROM articles").fetchall())
        assert got == hashes
        assert {
            (a.kind, a.start, a.end, a.exact, a.note or "")
            for a in read_annotations(fresh, "1=1", [])
        } == annotations
        by_hash = dict(fresh.conn.execute("SELECT content_hash, id FROM articles").fetchall())
        after = metadata_for(fresh, by_hash.values())
        for content_hash, before in meta_before.items():
            again = after[by_hash[content_hash]]
            assert again.authors == before.authors and again.publisher == before.publisher
            assert again.url == before.url and again.published == before.published
            assert again.section == before.section and again.language == before.language
            assert set(again.captures) == set(before.captures)
        full = after[by_hash[next(h for h, m in meta_before.items() if m.authors)]]
        assert full.accessed == CAPTURED
        # Importing the same bag again adds nothing.
        again = restore(fresh, out)
        assert again.annotations["added"] == 0 and again.metadata == 0


def test_bag_refuses_a_users_folder_and_replaces_only_its_own(built, tmp_path, capsys):
    path, ids = built
    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "chapter1.txt").write_text("mine", encoding="utf-8")
    with open_library(path) as lib:
        with pytest.raises(OutputExists):
            export(lib, "bagit", mine, Selection())
        with pytest.raises(NotReplaceable):
            export(lib, "bagit", mine, Selection(), force=True)
    assert [p.name for p in mine.iterdir()] == ["chapter1.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    _bag(built, tmp_path, "empty")  # an empty folder is taken as it is
    out, _, _ = _bag(built, tmp_path, "bag")
    with pytest.raises(OutputExists):
        _bag(built, tmp_path, "bag")
    _, result, _ = _bag(
        built, tmp_path, "bag", force=True, selection=Selection(article_ids=(ids["bare"],))
    )
    assert result.articles == 1
    assert sorted(p.name for p in (out / "data/articles").iterdir()) == [
        f"article-{ids['bare']}.json"
    ]
    (out / "data" / "notes.txt").write_text("added by hand", encoding="utf-8")
    with pytest.raises(NotReplaceable):
        _bag(built, tmp_path, "bag", force=True)
    # The command line, with a selection.
    out2 = tmp_path / "cli-bag"
    assert main(["--library", str(path), "export", "--format", "bagit", "--output", str(out2),
                 "--query", "مقال", "--json"]) == 0  # fmt: skip
    assert json.loads(capsys.readouterr().out)["articles"] == 1
    record = json.loads((out2 / f"data/articles/article-{ids['bare']}.json").read_text("utf-8"))
    assert record["title"] == TITLE_D
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no leftovers


def test_hashiya_import_restores_a_bag_and_refuses_a_tampered_one(built, tmp_path, capsys):
    from library.cli import main

    out, _, _ids = _bag(built, tmp_path)
    src_path, _ = built
    with open_library(src_path) as src:
        hashes = {r[0] for r in src.conn.execute("SELECT content_hash FROM articles")}
        annotations = src.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    fresh = tmp_path / "fresh.sqlite"
    assert main(["import", str(out), "--json", "--library", str(fresh)]) == 0
    (bag,) = json.loads(capsys.readouterr().out)["bags"]
    assert bag["annotations"]["added"] == annotations
    with open_library(fresh) as lib:
        assert {r[0] for r in lib.conn.execute("SELECT content_hash FROM articles")} == hashes
        # the raw texts and listings of the bag are not imported as articles of their own
        assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(hashes)
    raw = next((out / "data" / "raw").iterdir())
    raw.write_bytes(raw.read_bytes() + b"x")
    assert main(["import", str(out), "--library", str(tmp_path / "other.sqlite")]) == 2
    assert str(out) in capsys.readouterr().err  # one line naming the bag
