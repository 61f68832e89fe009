"""`hashiya annotate`, `hashiya entities` and `hashiya suggest` (DESIGN.md contract)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from library.cli import main

BODY = (
    "قال الدكتور عادل فهمي إن لمنظمة التعاون الإسلامي دوراً في الوساطة، "
    "وإن الوفد سيزور الرياض يوم 12 مايو 2024."
)


@pytest.fixture
def library(tmp_path):
    (tmp_path / "a.txt").write_text("خبر الوساطة\n\n" + BODY, encoding="utf-8")
    path = tmp_path / "lib.sqlite"
    assert main(["import", str(tmp_path / "a.txt"), "--library", str(path), "--json"]) == 0
    return path


def run(capsys, library, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([*args, "--library", str(library)])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, library, *args):
    code, out, err = run(capsys, library, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def at(part: str) -> list[str]:
    start = BODY.index(part)
    return ["--start", str(start), "--end", str(start + len(part))]


def test_annotate_highlight_prints_the_same_shape_as_show(capsys, library):
    made = run_json(capsys, library, "annotate", "1", *at("الوساطة"), "--highlight")
    shown = run_json(capsys, library, "show", "1")
    assert shown["annotations"] == [made]
    assert made["kind"] == "highlight" and made["exact"] == "الوساطة"
    assert made["colour"] == "yellow" and made["article"] == 1
    assert {"id", "start", "end", "prefix", "suffix", "note", "entity", "author", "created",
            "updated"} <= set(made)  # fmt: skip


def test_annotate_highlight_in_a_named_colour_and_notes(capsys, library):
    quote = run_json(capsys, library, "annotate", "1", *at("دوراً"), "--highlight", "Quote")
    assert quote["colour"] == "green"
    note = run_json(capsys, library, "annotate", "1", *at("الوفد"), "--note", "أي وفد؟")
    assert (note["kind"], note["note"], note["exact"]) == ("note", "أي وفد؟", "الوفد")
    whole = run_json(capsys, library, "annotate", "1", "--note", "للترجمة")
    assert (whole["start"], whole["end"], whole["exact"]) == (0, 0, "")
    code, out, _ = run(capsys, library, "annotate", "1", *at("الرياض"), "--highlight", "pink")
    assert code == 0 and "highlight" in out
    assert len(run_json(capsys, library, "show", "1")["annotations"]) == 4


def test_annotate_entity_creates_then_links(capsys, library):
    first = run_json(capsys, library, "annotate", "1", *at("عادل فهمي"), "--entity", "person")
    assert first["kind"] == "entity" and first["entity_created"] is True
    assert first["entity_name"] == "عادل فهمي" and first["entity_type"] == "person"
    second = run_json(
        capsys, library, "annotate", "1", *at("فهمي"), "--entity", "Person", "--name", "عادِل فهمي"
    )
    assert second["entity"] == first["entity"] and second["entity_created"] is False
    org = run_json(
        capsys, library, "annotate", "1", *at("لمنظمة التعاون الإسلامي"), "--entity",
        "organisation", "--snap",
    )  # fmt: skip
    assert org["exact"] == "منظمة التعاون الإسلامي"  # --snap leaves the clitic out
    listed = run_json(capsys, library, "entities")
    assert [(e["name"], e["type"], e["mentions"]) for e in listed] == [
        ("عادل فهمي", "person", 2),
        ("منظمة التعاون الإسلامي", "organisation", 1),
    ]
    assert {"id", "type", "name", "aliases", "mentions"} <= set(listed[0])
    assert run_json(capsys, library, "entities", "--type", "place") == []
    code, out, _ = run(capsys, library, "entities")
    assert code == 0 and "عادل فهمي" in out


def test_suggest_lists_candidates_not_yet_accepted(capsys, library):
    got = run_json(capsys, library, "suggest", "1")
    assert all({"start", "end", "text", "type", "source"} <= set(s) for s in got)
    texts = {s["text"]: s for s in got}
    assert texts["عادل فهمي"]["type"] == "person" and texts["عادل فهمي"]["source"] == "rule"
    assert texts["الرياض"]["source"] == "gazetteer"
    assert texts["12 مايو 2024"]["type"] == "date"
    assert BODY[texts["منظمة التعاون الإسلامي"]["start"] - 1] == "ل"
    run_json(capsys, library, "annotate", "1", *at("الرياض"), "--entity", "place")
    assert "الرياض" not in {s["text"] for s in run_json(capsys, library, "suggest", "1")}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["annotate", "1", "--start", "5", "--end", "5", "--highlight"], "start < end"),
        (["annotate", "1", "--start", "9", "--end", "4", "--highlight"], "start < end"),
        (["annotate", "1", "--start", "-1", "--end", "4", "--highlight"], "start < end"),
        (["annotate", "1", "--start", "0", "--end", "9999", "--note", "x"], "start < end"),
        (["annotate", "1", "--start", "0", "--end", "3", "--highlight", "violet"], "colour"),
        (["annotate", "1", "--start", "0", "--end", "3", "--entity", "weapon"], "type"),
        (["annotate", "77", "--start", "0", "--end", "3", "--highlight"], "no article 77"),
        (["annotate", "abc", "--start", "0", "--end", "3", "--highlight"], "number"),
        (["annotate", "1", "--start", "0", "--end", "3", "--highlight", "--name", "x"], "--entity"),
        (["annotate", "1", "--start", "0", "--highlight"], "--start and --end"),
        (["annotate", "1", "--highlight"], "--start and --end"),
        (["annotate", "1", "--start", "0", "--end", "3"], "one of the arguments"),
        (["annotate", "1", "--start", "x", "--end", "3", "--highlight"], "invalid int"),
        (
            ["annotate", "1", "--start", "0", "--end", "3", "--highlight", "--note", "n"],
            "not allowed",
        ),
        (["annotate", "1", "--start", "0", "--end", "3", "--note", "  "], "text"),
        (["suggest", "77"], "no article 77"),
        (["entities", "--type", "weapon"], "type"),
    ],
)
def test_bad_input_is_one_line_on_stderr_and_exit_2(capsys, library, args, message):
    code, out, err = run(capsys, library, *args)
    assert code == 2, err
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hashiya: error:"), err
    assert message in lines[0]
    assert "Traceback" not in err
    shown = run_json(capsys, library, "show", "1")
    assert shown["annotations"] == []


def test_the_installed_command_annotates_without_a_traceback(library):
    def hashiya(*args):
        return subprocess.run(
            [sys.executable, "-m", "library.cli", *args, "--library", str(library)],
            capture_output=True, text=True, encoding="utf-8",
        )  # fmt: skip

    ok = hashiya("annotate", "1", *at("الوساطة"), "--entity", "event", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["exact"] == "الوساطة"
    bad = hashiya("annotate", "1", "--start", "0", "--end", "100000", "--highlight")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1


def test_annotate_can_say_what_the_edit_changed(capsys, library):
    made = run_json(
        capsys, library, "annotate", "1", *at("الوساطة"), "--entity", "place", "--changes"
    )
    assert made["operation"] == "tag-entity"
    changes = made["changes"]
    assert changes["articles"] == [1] and changes["annotations"] == [made["id"]]
    assert len(changes["entities"]) == 1 and not changes["everything"]
    plain = run_json(capsys, library, "annotate", "1", *at("دوراً"), "--highlight")
    assert "changes" not in plain and "operation" not in plain
