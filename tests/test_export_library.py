"""Export: what a selection picks, safe writing, and the `hashiya export` command.

`build_library` (used by the other export tests too) makes a small library whose texts
hold what breaks offsets and direction: an emoji (astral, 2 UTF-16 units, 1 code
point), harakat, tatweel, English inside Arabic, a line break inside a passage.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from library.cli import main
from library.exchange import OutputExists, Selection, SelectionError, atomic, export
from library.exchange.selection import collect
from library.ingest.importer import import_paths
from library.marks.annotations import add_article_note, add_highlight, add_note
from library.marks.entities import tag_entity
from library.marks.tags import tag_articles
from library.storage.articles import NotFound
from library.storage.store import open_library

BODY_A = (
    "قال الدكتور عادل فهمي إن لمنظمة التعاون الإسلامي دوراً 😀 في الوساطة.\n"
    "The report quotes مُحَمَّد twice, in English.\n"
    "وأكد الأمينُ أن الاتفاق «نهائي» بعد 3.5 ساعات في الرياض يوم 12 مايو 2024."
)
BODY_B = (
    "ناقش مجلس الحيّ خطة تنظيف الحدائق مع البلدية في الرياض، وقالت رئيسة المجلس إن النـزاعات انتهت."
)
BODY_C = "The council met on Monday and agreed on the budget for the coming year."
TITLE_A, TITLE_B, TITLE_C = "خبر الوساطة", "اجتماع المجلس", "Council meeting"


def at(body: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(part, start + 1)
    return start, start + len(part)


def write_sources(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(f"{TITLE_A}\n\n{BODY_A}", encoding="utf-8")
    (folder / "b.json").write_text(
        json.dumps(
            [
                {"title": TITLE_B, "body": BODY_B, "date": "2024-05-12", "site": "example.org"},
                {"title": TITLE_C, "body": BODY_C, "date": "2023-01-01", "site": "example.com"},
            ],
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return folder


def ids_by_title(lib) -> dict[str, int]:
    return {r[1]: r[0] for r in lib.conn.execute("SELECT id, title FROM articles")}


def annotate(lib) -> dict[str, object]:
    """The annotations of the export tests; returns the made objects by name."""
    ids = ids_by_title(lib)
    a, b = ids[TITLE_A], ids[TITLE_B]
    made: dict[str, object] = {}
    made["quote"] = add_highlight(lib, a, *at(BODY_A, "دوراً 😀 في"), "green", note="ملاحظة مهمة")
    made["english"] = add_note(lib, a, *at(BODY_A, "The report"), "check the English")
    made["formula"] = add_note(lib, a, *at(BODY_A, "twice"), '=HYPERLINK("x")')
    made["whole"] = add_article_note(lib, a, "للترجمة")
    made["two_lines"] = add_highlight(lib, a, *at(BODY_A, "English.\nوأكد"), "yellow")
    made["person"] = tag_entity(lib, a, *at(BODY_A, "عادل فهمي"), entity_type="person")
    made["org"] = tag_entity(
        lib, a, *at(BODY_A, "منظمة التعاون الإسلامي"), entity_type="organisation"
    )
    made["diacritics"] = tag_entity(lib, a, *at(BODY_A, "مُحَمَّد"), entity_type="person")
    made["place_a"] = tag_entity(lib, a, *at(BODY_A, "الرياض"), entity_type="place")
    made["date"] = tag_entity(lib, a, *at(BODY_A, "12 مايو 2024"), entity_type="date")
    made["event"] = tag_entity(lib, a, *at(BODY_A, "الوساطة"), entity_type="event")
    made["place_b"] = tag_entity(lib, b, *at(BODY_B, "الرياض"), entity_type="place")
    made["tatweel"] = add_highlight(lib, b, *at(BODY_B, "النـزاعات"), "pink")
    tag_articles(lib, [b], "Gaza")
    return made


def build_library(folder: Path, *, annotated: bool = True) -> Path:
    """A library file with the three articles (annotated unless told otherwise)."""
    sources = write_sources(folder / "sources")
    path = folder / "lib.sqlite"
    with open_library(path) as lib:
        report = import_paths(lib, [sources], workers=0)
        assert report.imported == 3, report.failed
        if annotated:
            annotate(lib)
    return path


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return build_library(tmp_path)


@pytest.fixture
def elib(library_path: Path):
    lib = open_library(library_path)
    yield lib
    lib.close()


def kinds_of(data) -> list[str]:
    return sorted(a.kind for _, anns in data.items for a in anns)


# --- selection -----------------------------------------------------------------------------


def test_everything_by_default_and_articles_without_annotations_left_out(elib):
    data = collect(elib, Selection())
    assert [a.title for a, _ in data.items] == [TITLE_A, TITLE_B]
    assert data.annotation_count == 13
    assert {e.name for e in data.entities.values()} >= {"عادل فهمي", "الرياض"}
    assert data.colours["green"].name == "Quote"


def test_kind_colour_and_type_filters_narrow_their_own_kind(elib):
    assert kinds_of(collect(elib, Selection(kinds=("note",)))) == ["note"] * 3
    only_green = collect(elib, Selection(colours=("green",)))
    assert [(a.kind, a.colour) for _, anns in only_green.items for a in anns] == [
        ("highlight", "green")
    ]
    places = collect(elib, Selection(entity_types=("place",)))
    assert [a.exact for _, anns in places.items for a in anns] == ["الرياض", "الرياض"]
    mixed = collect(elib, Selection(kinds=("note", "entity"), entity_types=("person",)))
    assert kinds_of(mixed) == ["entity", "entity", "note", "note", "note"]


def test_article_filters_ids_tag_query_and_dates(elib):
    ids = ids_by_title(elib)
    named = collect(elib, Selection(article_ids=(ids[TITLE_C],)))
    assert [(a.title, anns) for a, anns in named.items] == [(TITLE_C, [])]  # kept when named
    assert [a.title for a, _ in collect(elib, Selection(tag="Gaza")).items] == [TITLE_B]
    assert [a.title for a, _ in collect(elib, Selection(query="الحدائق")).items] == [TITLE_B]
    assert [a.title for a, _ in collect(elib, Selection(query="مُحمّد")).items] == [TITLE_A]
    dated = collect(elib, Selection(date_from="2024-01-01", date_to="2024-05"))
    assert [a.title for a, _ in dated.items] == [TITLE_B]
    assert collect(elib, Selection(date_to="2023-12-31")).items == []


@pytest.mark.parametrize(
    ("selection", "error", "message"),
    [
        (Selection(article_ids=(999,)), NotFound, "no article 999"),
        (Selection(date_from="12/05/2024"), SelectionError, "ISO date"),
        (Selection(colours=("violet",)), SelectionError, "violet"),
        (Selection(entity_types=("weapon",)), SelectionError, "weapon"),
        (Selection(kinds=("bookmark",)), SelectionError, "bookmark"),
    ],
)
def test_bad_selections_are_clear(elib, selection, error, message):
    with pytest.raises(error, match=message):
        collect(elib, selection)


# --- safe writing ----------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name or ".old" in p.name)


def test_existing_file_is_kept_without_force_and_replaced_with_it(elib, tmp_path):
    target = tmp_path / "notes.csv"
    export(elib, "csv", target, selection=Selection(tag="Gaza"))
    earlier = target.read_bytes()
    with pytest.raises(OutputExists):
        export(elib, "csv", target)
    assert target.read_bytes() == earlier
    result = export(elib, "csv", target, force=True)
    assert result.annotations == 13 and target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert target.read_bytes() != earlier
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["csv", "brat"])
def test_a_failed_export_leaves_nothing_half_written(elib, tmp_path, monkeypatch, fmt):
    target = tmp_path / ("out.csv" if fmt == "csv" else "out-brat")
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd):
        calls.append(fd)
        if len(calls) == 2 or fmt == "csv":
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    # A folder is synced with one syncfs where it works; a failing one falls back to a
    # fsync per file, which is where the full disk shows here.
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: -1)
    with pytest.raises(OSError, match="No space"):
        export(elib, fmt, target)
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_a_brat_folder_is_replaced_whole_or_not_at_all(elib, tmp_path, monkeypatch):
    target = tmp_path / "brat"
    export(elib, "brat", target)
    before = sorted(p.name for p in target.iterdir())
    assert "annotation.conf" in before and len(before) == 5
    (target / "mine.txt").write_text("a file of the user's", encoding="utf-8")
    with pytest.raises(OutputExists):
        export(elib, "brat", target)
    assert (target / "mine.txt").exists()

    with pytest.raises(OutputExists, match=r"mine\.txt"):  # not an earlier export's file
        export(elib, "brat", target, force=True)
    assert (target / "mine.txt").exists()
    (target / "mine.txt").unlink()

    def broken(data, *a, **k):
        raise RuntimeError("renderer broke")

    monkeypatch.setattr("library.exchange.render", broken)
    with pytest.raises(RuntimeError):
        export(elib, "brat", target, force=True)
    assert sorted(p.name for p in target.iterdir()) == before
    monkeypatch.undo()
    export(elib, "brat", target, force=True, selection=Selection(tag="Gaza"))
    assert sorted(p.name for p in target.iterdir()) == [
        "annotation.conf",
        *sorted(f"article-{ids_by_title(elib)[TITLE_B]}.{x}" for x in ("ann", "txt")),
    ]
    assert leftovers(tmp_path) == []


# --- the command ------------------------------------------------------------------------------


def run(capsys, library_path, *args):
    capsys.readouterr()
    code = main([*args, "--library", str(library_path)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("markdown", "n.md"), ("csv", "n.csv"), ("json", "n.jsonld"), ("brat", "n.zip"),
        ("brat", "folder"), ("conll", "n.conll"), ("tei", "n.xml"), ("docx", "n.docx"),
    ],
)  # fmt: skip
def test_export_command_writes_each_format(capsys, library_path, tmp_path, fmt, name):
    target = tmp_path / name
    code, out, err = run(
        capsys, library_path, "export", "--format", fmt, "--output", str(target), "--json"
    )
    assert code == 0, err
    got = json.loads(out)
    left_out = got.pop("left_out")
    # brat has no notes on a whole article; CoNLL holds the 7 entity mentions only.
    written = {"brat": 12, "conll": 7}.get(fmt, 13)
    assert got == {
        "format": fmt,
        "output": str(target),
        "articles": 2,
        "annotations": written,
        "files": 5 if name == "folder" else 1,
        "relations": 0,
    }
    assert len(left_out) == 13 - written
    assert all({"article", "annotation", "kind", "reason", "why"} <= set(i) for i in left_out)
    assert target.exists()


def test_export_command_filters(capsys, library_path, tmp_path):
    target = tmp_path / "p.csv"
    code, out, err = run(
        capsys, library_path, "export", "--format", "csv", "--output", str(target),
        "--type", "Place", "--colour", "Check", "--from", "2024-01-01", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["annotations"] == 2  # the place mention and the pink highlight of B
    code, out, _ = run(
        capsys, library_path, "export", "--format", "csv", "--output", str(tmp_path / "k.csv"),
        "--kind", "note", "--query", "الوساطة", "--tag", "Gaza",
    )  # fmt: skip
    assert code == 0 and "0 annotation(s) from 0 article(s)" in out
    code, out, err = run(
        capsys, library_path, "export", "--format", "csv", "--output", str(tmp_path / "m.csv"),
        "--article", "1", "2", "3", "--type", "person", "place", "--kind", "entity", "note", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["articles"] == 3 and json.loads(out)["annotations"] == 7


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "odt"], "invalid choice"),
        (["--format", "csv", "--article", "77"], "no article 77"),
        (["--format", "csv", "--article", "x"], "number"),
        (["--format", "csv", "--colour", "violet"], "violet"),
        (["--format", "csv", "--type", "weapon"], "weapon"),
        (["--format", "csv", "--from", "May 2024"], "ISO date"),
        (["--format", "csv", "--query=-only"], "search for"),
        (["--format", "csv", "--kind", "bookmark"], "invalid choice"),
    ],
)
def test_export_bad_input_is_one_line_and_exit_2(capsys, library_path, tmp_path, args, message):
    target = tmp_path / "out.csv"
    code, out, err = run(capsys, library_path, "export", "--output", str(target), *args)
    assert code == 2, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hashiya: error:"), err
    assert message in lines[0]
    assert not target.exists()


def test_export_existing_file_needs_force(capsys, library_path, tmp_path):
    target = tmp_path / "out.md"
    target.write_text("# Hashiya notes\n\nmine", encoding="utf-8")
    code, _, err = run(
        capsys, library_path, "export", "--format", "markdown", "--output", str(target)
    )
    assert code == 2 and "--force" in err and target.read_text(encoding="utf-8").endswith("mine")
    code, _, err = run(
        capsys, library_path, "export", "--format", "markdown", "--output", str(target), "--force"
    )
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Hashiya notes")


def test_export_failure_is_exit_1(capsys, library_path, tmp_path, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("library.exchange.write_bytes", full_disk)
    code, out, err = run(
        capsys, library_path, "export", "--format", "csv", "--output", str(tmp_path / "x.csv")
    )
    assert code == 1 and out == ""
    assert (
        err.strip() == f"hashiya: error: cannot write {tmp_path / 'x.csv'}: No space left on device"
    )


def test_export_into_a_missing_folder_is_bad_input(capsys, library_path, tmp_path):
    code, _, err = run(
        capsys,
        library_path,
        "export",
        "--format",
        "csv",
        "--output",
        str(tmp_path / "no" / "x.csv"),
    )
    assert code == 2 and "does not exist" in err


def test_library_stays_unchanged_by_an_export(library_path, tmp_path):
    def dump():
        with sqlite3.connect(library_path) as conn:
            return conn.execute("SELECT * FROM annotations ORDER BY id").fetchall()

    before = dump()
    assert main(["export", "--format", "json", "--output", str(tmp_path / "x.jsonld"),
                 "--library", str(library_path)]) == 0  # fmt: skip
    assert dump() == before


def test_exported_files_get_the_usual_permissions_not_the_temporary_files(tmp_path):
    import os
    import stat

    from library.exchange.atomic import write_bytes, write_folder

    umask = os.umask(0o022)
    try:
        made = write_bytes(tmp_path / "notes.md", b"x")
        folder = write_folder(tmp_path / "brat", {"a.txt": b"x"})
    finally:
        os.umask(umask)
    assert stat.S_IMODE(made.stat().st_mode) == 0o644
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
