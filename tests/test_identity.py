"""Who works in a library (issue 18): the identity in Preferences, `--author` on the
commands that make things, and a colleague's file landing as their layer, never merged
into the user's."""

from __future__ import annotations

import json

import pytest

from library.cli import main
from library.marks.annotations import default_author
from library.marks.identity import Identity, acting_identity, identity, set_identity
from library.storage.store import open_library

# Written for these tests.
BODY = "استقبلت الوزيرة ليلى عواد وفد جمعية المزارعين في مدينة الكرك صباح الخميس."


@pytest.fixture
def library(tmp_path):
    (tmp_path / "a.txt").write_text("وفد المزارعين\n\n" + BODY, encoding="utf-8")
    path = tmp_path / "lib.sqlite"
    assert main(["import", str(tmp_path / "a.txt"), "--library", str(path), "--json"]) == 0
    return path


def run_json(capsys, library, *args):
    capsys.readouterr()
    code = main([*args, "--library", str(library), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def authors(path) -> list[tuple[str, str | None]]:
    with open_library(path) as lib:
        rows = lib.conn.execute("SELECT exact, author FROM annotations ORDER BY author, start")
        return [tuple(row) for row in rows]


def test_identity_is_the_library_s_and_an_acting_author_overrides_it(library):
    with open_library(library) as lib:
        assert identity(lib) == Identity(None, None)
        assert set_identity(lib, "  ليلى  ", "laila@example.org") == Identity(None, None)
        assert identity(lib) == Identity("ليلى", "laila@example.org")
        assert default_author(lib) == "ليلى"
        lib.acting_author = "Sami"
        assert default_author(lib) == "Sami"
        assert acting_identity(lib) == Identity("Sami", None)  # not ليلى's email
        lib.acting_author = None
        assert acting_identity(lib) == Identity("ليلى", "laila@example.org")
        # An email alone describes no one: clearing the name clears it too.
        set_identity(lib, "", "laila@example.org")
        assert identity(lib) == Identity(None, None)


def test_author_option_records_the_named_colleague(capsys, library):
    start = BODY.index("ليلى عواد")
    made = run_json(
        capsys, library, "annotate", "1", "--start", str(start), "--end",
        str(start + len("ليلى عواد")), "--entity", "person", "--author", "Huda",
    )  # fmt: skip
    place = BODY.index("الكرك")
    other = run_json(
        capsys, library, "annotate", "1", "--start", str(place), "--end",
        str(place + len("الكرك")), "--entity", "place",
    )  # fmt: skip
    rel = run_json(
        capsys, library, "relate", "1", "--from", made["id"], "--to", other["id"],
        "--type", "said-about", "--author", "Huda",
    )  # fmt: skip
    with open_library(library) as lib:
        row = lib.conn.execute("SELECT author FROM relations WHERE id = ?", (rel["id"],))
        assert row.fetchone()[0] == "Huda"
        got = dict(lib.conn.execute("SELECT id, author FROM annotations").fetchall())
        assert got[made["id"]] == "Huda"
        # The entity the mention made is Huda's too, and an undo/redo keeps its author.
        entity = lib.conn.execute(
            "SELECT e.author FROM entities e JOIN annotations a ON a.entity_id = e.id "
            "WHERE a.id = ?",
            (made["id"],),
        ).fetchone()
        assert entity[0] == "Huda"
        assert got[other["id"]] == default_author(lib) != "Huda"


def _brat(tmp_path, name: str) -> str:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text(BODY, encoding="utf-8")
    start = BODY.index("ليلى عواد")
    place = BODY.index("الكرك")
    (folder / "a.ann").write_text(
        f"T1\tPerson {start} {start + len('ليلى عواد')}\tليلى عواد\n"
        f"T2\tPlace {place} {place + len('الكرك')}\tالكرك\n",
        encoding="utf-8",
    )
    return str(folder)


def test_a_colleague_s_file_lands_as_their_layer_not_merged_into_yours(capsys, library, tmp_path):
    start = BODY.index("ليلى عواد")
    run_json(
        capsys, library, "annotate", "1", "--start", str(start), "--end",
        str(start + len("ليلى عواد")), "--entity", "person", "--author", "Me",
    )  # fmt: skip
    folder = _brat(tmp_path, "sami")
    report = run_json(capsys, library, "import-annotations", folder, "--author", "Sami")
    # The same span as ours is still added: it is Sami's mention, not a duplicate of ours.
    assert report["added"] == 2, report
    assert authors(library) == [("ليلى عواد", "Me"), ("ليلى عواد", "Sami"), ("الكرك", "Sami")]
    again = run_json(capsys, library, "import-annotations", folder, "--author", "Sami")
    assert (again["added"], again["duplicates"]) == (0, 2)


def test_layers_count_what_each_author_made(capsys, library, tmp_path):
    from library.marks.author_layers import author_condition

    start = BODY.index("ليلى عواد")
    mine = run_json(
        capsys, library, "annotate", "1", "--start", str(start), "--end",
        str(start + len("ليلى عواد")), "--entity", "person", "--author", "Me",
    )  # fmt: skip
    run_json(capsys, library, "import-annotations", _brat(tmp_path, "sami"), "--author", "Sami")
    run_json(capsys, library, "import-annotations", _brat(tmp_path, "anon"))
    rows = run_json(capsys, library, "layers")
    assert [(r["author"], r["annotations"], r["mentions"], r["articles"]) for r in rows] == [
        ("Sami", 2, 2, 1),
        ("Me", 1, 1, 1),
    ]  # the anonymous file added nothing: Sami's identical mentions were already there
    assert mine["id"]
    with open_library(library) as lib:
        lib.conn.execute("UPDATE annotations SET author = NULL WHERE author = 'Me'")
        where, params = author_condition(["Sami", None])
        got = lib.conn.execute(f"SELECT count(*) FROM annotations WHERE {where}", params)
        assert got.fetchone()[0] == 3
        where, params = author_condition([None])
        got = lib.conn.execute(f"SELECT count(*) FROM annotations WHERE {where}", params)
        assert got.fetchone()[0] == 1
        assert author_condition([]) == ("0", [])


def test_an_export_takes_the_layers_it_is_given(capsys, library, tmp_path):
    import csv

    start = BODY.index("ليلى عواد")
    run_json(
        capsys, library, "annotate", "1", "--start", str(start), "--end",
        str(start + len("ليلى عواد")), "--entity", "person", "--author", "Me",
    )  # fmt: skip
    run_json(capsys, library, "import-annotations", _brat(tmp_path, "sami"), "--author", "Sami")

    def exported(*layers: str) -> list[tuple[str, str]]:
        out = tmp_path / f"notes-{len(list(tmp_path.iterdir()))}.csv"
        args = [a for layer in layers for a in ("--layer", layer)]
        run_json(capsys, library, "export", "--format", "csv", "--output", str(out), *args)
        with out.open(encoding="utf-8-sig", newline="") as f:
            return sorted((r["author"], r["quote"]) for r in csv.DictReader(f))

    assert exported("Sami") == [("Sami", "الكرك"), ("Sami", "ليلى عواد")]
    assert exported("Me") == [("Me", "ليلى عواد")]
    assert len(exported()) == 3  # no --layer: every layer
    assert exported("Me", "Sami") == exported()


def test_the_export_dialog_offers_the_layers(qtbot, library, capsys, tmp_path):
    from PySide6.QtCore import Qt

    from reader.dialogs.export_dialog import ExportDialog
    from reader.workers.runner import Runner

    start = BODY.index("ليلى عواد")
    run_json(
        capsys, library, "annotate", "1", "--start", str(start), "--end",
        str(start + len("ليلى عواد")), "--entity", "person", "--author", "Me",
    )  # fmt: skip
    run_json(capsys, library, "import-annotations", _brat(tmp_path, "sami"), "--author", "Sami")
    runner = Runner()
    dialog = ExportDialog(library, runner=runner)
    qtbot.addWidget(dialog)
    items = [dialog.layers.item(i) for i in range(dialog.layers.count())]
    assert [i.data(Qt.ItemDataRole.UserRole) for i in items] == ["Sami", "Me"]
    assert dialog.selection().authors is None  # all checked: no filter
    items[1].setCheckState(Qt.CheckState.Unchecked)
    assert dialog.selection().authors == ("Sami",)
    assert runner.shutdown()
