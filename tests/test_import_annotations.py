"""`import-annotations`: W3C JSON-LD, brat and CoNLL back into a library; round trips and
broken input (nothing lost, nothing half-written, nothing silently misplaced)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from test_export_library import BODY_A, TITLE_A, build_library, ids_by_title, write_sources

from library.cli import main
from library.exchange import export
from library.exchange.import_annotations import import_annotations
from library.ingest.importer import import_paths
from library.storage.store import open_library


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Path]:
    """One annotated library exported once in each format that can be imported."""
    folder = tmp_path_factory.mktemp("exported")
    path = build_library(folder)
    with open_library(path) as lib:
        return {
            "json": export(lib, "json", folder / "a.jsonld").output,
            "brat": export(lib, "brat", folder / "brat").output,
            "zip": export(lib, "brat", folder / "a.zip").output,
            "conll": export(lib, "conll", folder / "a.conll").output,
            "conll_commented": export(
                lib, "conll", folder / "c.conll", conll_dialect="commented"
            ).output,
            "library": path,
        }


def fresh(tmp_path: Path, name: str = "fresh") -> Path:
    """A library with the same articles and no annotations."""
    sources = write_sources(tmp_path / f"{name}-sources")
    path = tmp_path / f"{name}.sqlite"
    with open_library(path) as lib:
        assert import_paths(lib, [sources], workers=0).imported == 3
    return path


def annotation_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            'SELECT a.kind, a.start, a."end", a.exact, a.colour, a.note, e.name, e.type '
            "FROM annotations a LEFT JOIN entities e ON e.id = a.entity_id "
            'ORDER BY a.article_id, a.start, a."end", a.kind, a.note'
        ).fetchall()


def import_cli(capsys, library: Path, *args) -> tuple[int, dict | None, str]:
    capsys.readouterr()
    code = main(["import-annotations", *args, "--library", str(library), "--json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


# --- round trips -------------------------------------------------------------------------------


def test_json_round_trip_gives_the_same_annotations(capsys, exported, tmp_path):
    target = fresh(tmp_path)
    code, report, err = import_cli(capsys, target, str(exported["json"]))
    assert code == 0, err
    assert report == {"added": 13, "reanchored": 0, "duplicates": 0, "entities_created": 6,
                      "relations_added": 0, "relation_duplicates": 0,
                      "relation_types_created": 0,
                      "unmatched": [], "failed": [], "files": 1}  # fmt: skip
    assert annotation_rows(target) == annotation_rows(exported["library"])
    with open_library(target) as lib:
        again = export(lib, "json", tmp_path / "again.jsonld").output
    first = json.loads(exported["json"].read_text(encoding="utf-8"))["first"]["items"]
    second = json.loads(again.read_text(encoding="utf-8"))["first"]["items"]
    assert second == first  # same ids, offsets, bodies, authors and timestamps
    # Importing again adds nothing.
    code, report, _ = import_cli(capsys, target, str(exported["json"]))
    assert (report["added"], report["duplicates"]) == (0, 13)


@pytest.mark.parametrize("which", ["brat", "zip"])
def test_brat_round_trip(capsys, exported, tmp_path, which):
    target = fresh(tmp_path)
    code, report, err = import_cli(capsys, target, str(exported[which]))
    assert code == 0, err
    assert report["added"] == 12 and report["failed"] == [] and report["unmatched"] == []
    rows = [r for r in annotation_rows(exported["library"]) if r[3]]  # the article note aside
    assert annotation_rows(target) == rows
    with open_library(target) as lib:
        again = export(lib, "brat", tmp_path / "again").output
    for ann in Path(exported["brat"]).glob("*.ann"):
        name = f"article-{ids_by_title_from(exported['library'], ann)}"
        assert (again / f"{name}.ann").read_text(encoding="utf-8") == ann.read_text(
            encoding="utf-8"
        )


def ids_by_title_from(library: Path, ann: Path) -> int:
    return int(ann.stem.split("-")[1])  # both libraries import the sources in the same order


@pytest.mark.parametrize("which", ["conll", "conll_commented"])
def test_conll_round_trip(capsys, exported, tmp_path, which):
    target = fresh(tmp_path)
    code, report, err = import_cli(capsys, target, str(exported[which]))
    assert code == 0, err
    assert report["added"] == 7 and report["failed"] == [] and report["reanchored"] == 0
    entity_rows = [r for r in annotation_rows(exported["library"]) if r[0] == "entity"]
    assert annotation_rows(target) == entity_rows
    with open_library(target) as lib:
        dialect = "commented" if which == "conll_commented" else "conll2003"
        again = export(lib, "conll", tmp_path / "again.conll", conll_dialect=dialect).output
    assert again.read_text(encoding="utf-8") == exported[which].read_text(encoding="utf-8")


def test_a_folder_of_files_is_imported_file_by_file(capsys, exported, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "a.jsonld").write_bytes(exported["json"].read_bytes())
    (folder / "b.conll").write_bytes(exported["conll"].read_bytes())
    (folder / "notes.txt").write_text("not an annotation file", encoding="utf-8")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(folder))
    assert code == 0 and report["files"] == 2
    assert (report["added"], report["duplicates"]) == (13, 7)  # CoNLL's mentions were in JSON


# --- broken input -------------------------------------------------------------------------------


def test_truncated_json_adds_nothing_and_says_why(capsys, exported, tmp_path):
    target = fresh(tmp_path)
    broken = tmp_path / "broken.jsonld"
    text = exported["json"].read_text(encoding="utf-8")
    broken.write_text(text[: len(text) // 2], encoding="utf-8")
    code, report, err = import_cli(capsys, target, str(broken))
    assert code == 2 and report is None
    assert (
        err.startswith("hashiya: error:") and "not valid JSON" in err and len(err.splitlines()) == 1
    )
    assert annotation_rows(target) == []
    with open_library(target) as lib:
        report = import_annotations(lib, broken)
    assert report.added == 0 and "not valid JSON" in report.failed[0]["error"]


def _json_doc(exported) -> dict:
    return json.loads(exported["json"].read_text(encoding="utf-8"))


def _selectors(item: dict) -> tuple[dict, dict]:
    return item["target"]["selector"][0], item["target"]["selector"][1]


def test_wrong_offsets_are_reanchored_by_quote_and_missing_quotes_reported(
    capsys, exported, tmp_path
):
    doc = _json_doc(exported)
    items = doc["first"]["items"]
    by_quote = {_selectors(i)[0]["exact"]: i for i in items if "selector" in i["target"]}
    _, pos = _selectors(by_quote["عادل فهمي"])
    pos["start"] += 40
    pos["end"] += 40  # points at other words now
    quote, _ = _selectors(by_quote["The report"])
    quote["exact"] = "a sentence that is nowhere"
    quote2, pos2 = _selectors(by_quote["مُحَمَّد"])
    quote2["exact"], pos2["end"] = "محمد", pos2["start"] + 4  # written without harakat
    path = tmp_path / "edited.jsonld"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(path))
    assert code == 0
    assert report["added"] == 12 and report["reanchored"] == 2
    assert [f["quote"] for f in report["failed"]] == ["a sentence that is nowhere"]
    assert "not in the article" in report["failed"][0]["error"]
    rows = annotation_rows(target)
    start = BODY_A.index("عادل فهمي")
    assert ("entity", start, start + 9, "عادل فهمي") in [r[:4] for r in rows]
    start = BODY_A.index("مُحَمَّد")
    assert ("entity", start, start + len("مُحَمَّد"), "مُحَمَّد") in [r[:4] for r in rows]


def test_unknown_articles_are_unmatched_and_nothing_is_added_for_them(capsys, exported, tmp_path):
    doc = _json_doc(exported)
    for item in doc["first"]["items"]:
        target = item["target"]
        source = target.get("source", target)
        if source["dc:title"] == TITLE_A:
            source["id"] = "urn:hashiya:article:" + "0" * 64
            source["dc:title"] = "an article this library never saw"
    path = tmp_path / "other.jsonld"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(path))
    assert code == 0
    assert report["added"] == 2  # article B's two annotations
    assert report["unmatched"] == [{"path": str(path), "article": "an article this library never saw",
                                    "annotations": 11}]  # fmt: skip


def test_an_article_is_matched_by_title_when_its_hash_is_unknown(capsys, exported, tmp_path):
    doc = _json_doc(exported)
    for item in doc["first"]["items"]:
        target = item["target"]
        source = target.get("source", target)
        source["id"] = f"urn:example:copy-of-{source['dc:title']}"
    path = tmp_path / "by-title.jsonld"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(path))
    assert code == 0 and report["added"] == 13 and report["unmatched"] == []


def test_items_that_are_not_annotations_are_reported(capsys, exported, tmp_path):
    doc = _json_doc(exported)
    items = doc["first"]["items"]
    items.append({"type": "Annotation", "body": {"type": "TextualBody", "value": "x"}})
    items.append({"type": "Annotation", "target": {"source": items[1]["target"]["source"],
                  "selector": {"type": "TextPositionSelector", "start": 3, "end": 9}},
                  "bodyValue": "no quote"})  # fmt: skip
    items.append(42)
    path = tmp_path / "odd.jsonld"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    target = fresh(tmp_path)
    _, report, _ = import_cli(capsys, target, str(path))
    assert report["added"] == 13
    errors = [(f["where"], f["error"]) for f in report["failed"]]
    assert errors == [
        ("item 14", "an annotation without a target"),
        ("item 15", "no TextQuoteSelector: the passage cannot be checked, so it is not imported"),
        ("item 16", "not an annotation object"),
    ]


def test_bad_brat_lines_are_reported_and_the_rest_imported(capsys, exported, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    source = next(p for p in Path(exported["brat"]).glob("*.ann") if "عادل" in p.read_text("utf-8"))
    (folder / "a.txt").write_bytes(source.with_suffix(".txt").read_bytes())
    lines = source.read_text(encoding="utf-8").splitlines()
    start = BODY_A.index("عادل فهمي")
    lines[0] = f"T1\tPerson {start + 3} {start + 12}\tعادل فهمي"  # offsets off by three
    lines += [
        "T99\tPerson 5",  # no offsets
        "T98\tPerson 0 3;20 25\tقال الدكت",  # pieces that are not one passage
        "#9\tAnnotatorNotes T77\tto nothing",
        "garbage line",
        "R1\tRelation Arg1:T1 Arg2:T2",  # a relation: not ours, skipped quietly
    ]
    (folder / "a.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(folder))
    assert code == 0
    assert report["added"] == 10 and report["reanchored"] == 1
    wheres = sorted(f["where"] for f in report["failed"])
    assert wheres == sorted([f"line {len(lines) - i}" for i in (4, 3, 2, 1)])
    rows = annotation_rows(target)
    assert ("entity", start, start + 9, "عادل فهمي") in [r[:4] for r in rows]


def test_brat_without_its_txt_is_reported(capsys, tmp_path):
    (tmp_path / "lonely.ann").write_text("T1\tPerson 0 3\tقال\n", encoding="utf-8")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(tmp_path / "lonely.ann"))
    assert code == 0 and report["added"] == 0
    assert "no .txt" in report["failed"][0]["error"]


def test_conll_with_mismatched_tokens_is_reanchored_or_reported(capsys, exported, tmp_path):
    # The commented dialect: its doc_id finds the article even when the tokens differ.
    lines = exported["conll_commented"].read_text(encoding="utf-8").split("\n")
    # Another tokeniser: the clitic glued back on, and one word misspelt.
    i = lines.index("ل\tO")
    lines[i : i + 2] = ["لمنظمة\tB-ORG"]
    j = lines.index("فهمي\tI-PER")
    lines[j] = "فهمى\tI-PER"  # ى for ي: found again by folding
    k = lines.index("الوساطة\tB-EVENT")
    lines[k] = "الوسيط\tB-EVENT"  # another word: reported
    lines.insert(k, "word\tB-PER\textra\tX-BAD")
    path = tmp_path / "other.conll"
    path.write_text("\n".join(lines), encoding="utf-8")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(path))
    assert code == 0
    failed = {f["quote"]: f["error"] for f in report["failed"] if "quote" in f}
    assert "الوسيط" in failed and "not in the article" in failed["الوسيط"]
    assert any("not an IOB2 tag" in f["error"] for f in report["failed"])
    assert report["reanchored"] >= 2  # every mention of the first document was placed by quote
    rows = {r[3]: r for r in annotation_rows(target)}
    assert "عادل فهمي" in rows and "لمنظمة التعاون الإسلامي" in rows and "الوسيط" not in rows


def test_a_file_that_is_not_utf8_or_of_unknown_type(capsys, tmp_path):
    target = fresh(tmp_path)
    bad = tmp_path / "latin.conll"
    bad.write_bytes("caf\xe9\tO\n".encode("latin-1"))
    code, _, err = import_cli(capsys, target, str(bad))
    assert code == 2 and "not UTF-8" in err
    odd = tmp_path / "notes.odt"
    odd.write_bytes(b"PK")
    code, _, err = import_cli(capsys, target, str(odd))
    assert code == 2 and "unknown annotation file type" in err
    code, _, err = import_cli(capsys, target, str(tmp_path / "missing.jsonld"))
    assert code == 2 and "no such file" in err
    broken_zip = tmp_path / "b.zip"
    broken_zip.write_bytes(b"not a zip")
    code, _, err = import_cli(capsys, target, str(broken_zip))
    assert code == 2 and "zip" in err


def test_a_database_error_rolls_the_whole_file_back(exported, tmp_path, monkeypatch):
    from library.exchange import import_annotations as importing

    target = fresh(tmp_path)
    calls = []
    real_insert = importing.insert

    def insert_then_fail(lib, rows):
        calls.append(1)
        if len(calls) == 5:
            raise sqlite3.OperationalError("database or disk is full")
        real_insert(lib, rows)

    monkeypatch.setattr(importing, "insert", insert_then_fail)
    with open_library(target) as lib, pytest.raises(importing.LibraryFailed) as failed:
        import_annotations(lib, exported["json"])
    assert "nothing was imported from" in str(failed.value) and "disk is full" in str(failed.value)
    report = failed.value.report
    assert report.added == 0 and report.entities_created == 0 and report.failed == []
    assert annotation_rows(target) == []
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 0


def test_entities_are_matched_by_name_when_ids_differ(capsys, exported, tmp_path):
    target = fresh(tmp_path)
    with open_library(target) as lib:
        from library.marks.entities import create_entity

        existing = create_entity(lib, "person", "عادِل فهمي")  # same name, with a haraka
    _, report, _ = import_cli(capsys, target, str(exported["conll"]))
    assert report["entities_created"] == 5
    with sqlite3.connect(target) as conn:
        linked = conn.execute(
            "SELECT count(*) FROM annotations WHERE entity_id = ?", (existing.id,)
        ).fetchone()[0]
    assert linked == 1


def test_zip_member_without_txt(capsys, tmp_path):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("x.ann", "T1\tPerson 0 3\tقال\n")
    target = fresh(tmp_path)
    code, report, _ = import_cli(capsys, target, str(path))
    assert code == 0 and report["added"] == 0 and "no .txt" in report["failed"][0]["error"]


def test_the_human_readable_report(capsys, exported, tmp_path):
    target = fresh(tmp_path)
    capsys.readouterr()
    assert main(["import-annotations", str(exported["json"]), "--library", str(target)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("added 13 annotation(s) (0 re-anchored), 0 already there")
    assert ids_by_title  # the shared helpers stay importable
