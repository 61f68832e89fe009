"""The translation commands and their JSON shapes (scripts and our checks rely on them):
segments, translate, glossary, glossary set, export --format xliff… --lang,
import-translations. Texts written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from library.cli import main

BODY = "وصل وفد الأمم المتحدة إلى الرياض أمس. وقال المتحدث إن المحادثات ستستمر.\nوانتهى اللقاء."


@pytest.fixture
def library(tmp_path, capsys):
    path = tmp_path / "lib.sqlite"
    article = tmp_path / "a.json"
    article.write_text(json.dumps({"title": "خبر", "body": BODY}, ensure_ascii=False))
    assert main(["import", str(article), "--library", str(path), "--json"]) == 0
    (article_id,) = json.loads(capsys.readouterr().out)["articles"]
    return path, article_id


def cli(capsys, *args):
    code = main([*args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_segments_json_shape(library, capsys):
    path, a = library
    code, out, _ = cli(capsys, "segments", str(a), "--library", str(path), "--json")
    assert code == 0
    rows = json.loads(out)
    assert [set(r) for r in rows] == [
        {"id", "start", "end", "source", "target", "status", "note"}
    ] * 3
    assert rows[0]["source"] == "وصل وفد الأمم المتحدة إلى الرياض أمس."
    assert BODY[rows[1]["start"] : rows[1]["end"]] == rows[1]["source"]
    assert all(r["status"] == "new" and r["target"] == "" and r["note"] is None for r in rows)
    again = json.loads(cli(capsys, "segments", str(a), "--library", str(path), "--json")[1])
    assert again == rows  # cut once, the same ids after


def test_translate_by_id_and_by_number(library, capsys):
    path, a = library
    rows = json.loads(cli(capsys, "segments", str(a), "--library", str(path), "--json")[1])
    code, out, _ = cli(
        capsys, "translate", str(a), rows[0]["id"], "--text", "A UN team arrived.",
        "--library", str(path), "--json",
    )  # fmt: skip
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"id", "start", "end", "source", "target", "status", "note"}
    assert doc["id"] == rows[0]["id"] and doc["status"] == "draft"
    assert doc["target"] == "A UN team arrived."
    code, out, _ = cli(
        capsys, "translate", str(a), "2", "--text", "The talks go on.", "--status",
        "reviewed", "--library", str(path), "--json",
    )  # fmt: skip
    assert json.loads(out)["id"] == rows[1]["id"] and json.loads(out)["status"] == "reviewed"
    code, out, _ = cli(capsys, "segments", str(a), "--library", str(path), "--json")
    assert [r["target"] for r in json.loads(out)] == ["A UN team arrived.", "The talks go on.", ""]


def test_translate_errors(library, capsys):
    path, a = library
    code, _, err = cli(
        capsys, "translate", str(a), "no-such", "--text", "x", "--library", str(path)
    )
    assert code == 2 and "no segment" in err
    code, _, err = cli(capsys, "translate", "999", "1", "--text", "x", "--library", str(path))
    assert code == 2
    code, _, err = cli(capsys, "segments", "999", "--library", str(path))
    assert code == 2 and "999" in err
    code, _, err = cli(
        capsys, "translate", str(a), "1", "--text", "x", "--status", "done", "--library", str(path)
    )
    assert code == 2 and "--status" in err


def test_glossary_shapes(library, capsys):
    path, _ = library
    code, out, _ = cli(capsys, "glossary", "--library", str(path), "--json")
    assert code == 0 and json.loads(out) == []
    cli(capsys, "annotate", "1", "--start", "8", "--end", "21", "--entity", "organisation",
        "--library", str(path))  # fmt: skip
    code, _, err = cli(
        capsys,
        "glossary",
        "set",
        "الأمم المتحدة",
        "--term",
        "United Nations",
        "--library",
        str(path),
    )
    assert code == 0, err
    code, _, err = cli(
        capsys, "glossary", "set", "الأمم المتحدة", "--term", "Nations Unies", "--lang", "fr",
        "--library", str(path),
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = cli(capsys, "glossary", "--library", str(path), "--json")
    rows = json.loads(out)
    assert [set(r) for r in rows] == [{"entity", "name", "lang", "term"}] * 2
    assert {(r["name"], r["lang"], r["term"]) for r in rows} == {
        ("الأمم المتحدة", "en", "United Nations"),
        ("الأمم المتحدة", "fr", "Nations Unies"),
    }
    code, _, err = cli(capsys, "glossary", "set", "لا أحد", "--term", "x", "--library", str(path))
    assert code == 2 and "no entity" in err
    code, _, err = cli(capsys, "glossary", "set", "الأمم المتحدة", "--library", str(path))
    assert code == 2 and "--term" in err


def test_export_formats_and_lang(library, capsys, tmp_path):
    path, a = library
    cli(capsys, "translate", str(a), "1", "--text", "A UN team arrived.", "--library", str(path))
    for fmt in ("xliff", "xliff12", "tmx", "tbx", "omegat", "bilingual-docx"):
        target = tmp_path / f"out-{fmt}"
        code, _, err = cli(
            capsys, "export", "--format", fmt, "--output", str(target), "--article", str(a),
            "--library", str(path), "--json",
        )  # fmt: skip
        assert code == 0, (fmt, err)
        assert target.stat().st_size > 0
    target = tmp_path / "fr.xlf"
    code, _, err = cli(
        capsys, "export", "--format", "xliff", "--output", str(target), "--lang", "fr",
        "--library", str(path),
    )  # fmt: skip
    assert code == 0, err
    assert ET.parse(target).getroot().get("trgLang") == "fr"


def test_import_translations_shape(library, capsys, tmp_path):
    path, a = library
    target = tmp_path / "round.xlf"
    cli(capsys, "export", "--format", "xliff", "--output", str(target), "--article", str(a),
        "--library", str(path))  # fmt: skip
    text = target.read_text(encoding="utf-8")
    text = text.replace(
        "<source>وانتهى اللقاء.</source></segment>",
        "<source>وانتهى اللقاء.</source><target>The meeting ended.</target></segment>",
    )
    target.write_text(text, encoding="utf-8")
    code, out, err = cli(
        capsys, "import-translations", str(target), "--library", str(path), "--json"
    )
    assert code == 0, err
    doc = json.loads(out)
    assert {"updated", "unchanged", "unplaced", "files"} <= set(doc)
    assert (
        doc["updated"] == 1
        and doc["unchanged"] == 2
        and doc["unplaced"] == []
        and doc["files"] == 1
    )
    rows = json.loads(cli(capsys, "segments", str(a), "--library", str(path), "--json")[1])
    assert rows[2]["target"] == "The meeting ended." and rows[2]["status"] == "draft"
    bad = tmp_path / "bad.xlf"
    bad.write_text("<not-xliff/>", encoding="utf-8")
    code, _, err = cli(capsys, "import-translations", str(bad), "--library", str(path))
    assert code == 2 and "not XLIFF" in err
    code, _, err = cli(
        capsys, "import-translations", str(tmp_path / "none.xlf"), "--library", str(path)
    )
    assert code == 2


def test_commands_run_as_a_program(library):
    """One round through the real entry point: the shape on stdout, nothing on stderr."""
    path, a = library
    proc = subprocess.run(
        [sys.executable, "-m", "library.cli", "segments", str(a), "--json", "--library", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0 and proc.stderr == ""
    assert len(json.loads(proc.stdout)) == 3


def test_search_translations_on_the_command_line(tmp_path, capsys):
    import json as _json

    from library.cli import main

    src = tmp_path / "a.txt"
    src.write_text("خبر\n\nافتتح المقهى الجديد أمس. وقال صاحبه إن الإقبال كبير.\n", "utf-8")
    lib = str(tmp_path / "l.sqlite")
    assert main(["import", str(src), "--library", lib]) == 0
    assert main(["translate", "1", "1", "--text", "The new café opened.", "--library", lib]) == 0
    capsys.readouterr()
    assert main(["search", "--translations", "cafe", "--json", "--library", lib]) == 0
    (hit,) = _json.loads(capsys.readouterr().out)
    assert hit["article"] == 1 and "café" in hit["snippet"]
    assert main(["search", "--translations", "المقهى", "--json", "--library", lib]) == 0
    assert _json.loads(capsys.readouterr().out) == []  # the Arabic is not in this index
