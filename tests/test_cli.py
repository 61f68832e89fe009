import json
import subprocess
import sys

import pytest

from library.cli import main


def run(*args, library=None):
    cmd = [sys.executable, "-m", "library.cli", *args]
    if library is not None:
        cmd += ["--library", str(library)]
    return subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")


@pytest.fixture
def imported(tmp_path, samples):
    path = tmp_path / "lib.sqlite"
    proc = run("import", str(samples), "--json", library=path)
    assert proc.returncode == 0, proc.stderr
    return path, json.loads(proc.stdout)


def test_import_json_shape(imported):
    _, doc = imported
    assert set(doc) == {"imported", "duplicates", "failed", "skipped", "skipped_count", "articles"}
    assert doc["imported"] == 11 and doc["duplicates"] == 0 and doc["failed"] == []
    assert doc["skipped"] == [] and doc["skipped_count"] == 0  # web archives' records
    assert all(isinstance(i, int) for i in doc["articles"])


def test_import_reports_failures_in_json(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    good = tmp_path / "good.txt"
    good.write_text("عنوان\n\nنص.", encoding="utf-8")
    proc = run("import", str(bad), str(good), "--json", library=tmp_path / "l.sqlite")
    doc = json.loads(proc.stdout)
    assert proc.returncode == 0
    assert doc["failed"] == [{"path": str(bad), "error": "empty file"}]


def test_list_json_shape(imported):
    path, doc = imported
    proc = run("list", "--json", library=path)
    rows = json.loads(proc.stdout)
    assert len(rows) == 11
    assert {"id", "title", "source", "words", "annotations"} <= set(rows[0])
    assert [r["id"] for r in rows] == sorted(doc["articles"])
    assert all(r["words"] > 0 and r["annotations"] == 0 for r in rows)


def test_show_json_shape(imported):
    path, _ = imported
    proc = run("list", "--json", library=path)
    energy = next(r for r in json.loads(proc.stdout) if "قمة الطاقة" in r["title"])
    shown = json.loads(run("show", str(energy["id"]), "--json", library=path).stdout)
    assert {"id", "title", "body", "captions", "source", "encoding", "annotations"} <= set(shown)
    assert shown["captions"] == ["وزراء الطاقة خلال الجلسة الافتتاحية للقمة في العاصمة (رويترز)"]
    assert shown["source"].endswith("two-reports.txt")
    assert shown["encoding"] == "utf-8"
    assert shown["annotations"] == []


def test_show_visual_prints_shaped_reversed_text(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("سلام\n\nمرحبا بكم", encoding="utf-8")
    lib = tmp_path / "l.sqlite"
    run("import", str(src), library=lib)
    plain = run("show", "1", library=lib).stdout
    visual = run("show", "1", "--visual", library=lib).stdout
    assert "مرحبا بكم" in plain
    # Presentation forms, right-to-left reversed: what a terminal without bidi needs.
    assert "ﻢﻜﺑ ﺎﺒﺣﺮﻣ" in visual
    assert "مرحبا بكم" not in visual


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "999"], 2, "no article 999"),
        (["show", "abc"], 2, "must be a number"),
        (["import"], 2, "required"),
        (["frobnicate"], 2, "invalid choice"),
        (["import", "/no/such/path"], 2, "no such file"),
    ],
)
def test_errors_are_one_line_with_exit_2(imported, args, code, message):
    path, _ = imported
    proc = run(*args, library=path)
    assert proc.returncode == code
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert message in lines[0]
    assert "Traceback" not in proc.stderr


def test_not_a_library_is_one_clear_line(tmp_path):
    bogus = tmp_path / "x.sqlite"
    bogus.write_bytes(b"garbage" * 1000)
    proc = run("list", library=bogus)
    assert proc.returncode in (1, 2)
    assert proc.stderr.count("\n") == 1 and "not a Hashiya library" in proc.stderr


def test_library_defaults_to_the_environment_variable(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HASHIYA_LIBRARY", str(tmp_path / "env.sqlite"))
    src = tmp_path / "a.txt"
    src.write_text("عنوان\n\nنص الخبر.", encoding="utf-8")
    assert main(["import", str(src), "--json"]) == 0
    capsys.readouterr()
    assert (tmp_path / "env.sqlite").exists()


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("hashiya ")


# --- the window and PDF export are handed in by the `hashiya` launcher (reader.launch) ---


def test_the_window_is_opened_through_the_callable_it_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    calls = []

    def gui(path, *, lang, smoke_test):
        calls.append((path, lang, smoke_test))
        return 7

    library = tmp_path / "l.sqlite"
    assert main(["gui", "--library", str(library), "--lang", "ar"], gui=gui) == 7
    assert main(["--library", str(library), "--smoke-test"], gui=gui) == 7  # the default
    assert calls == [(library, "ar", False), (library, None, True)]
    assert not library.exists()  # opening it is the window's business


def test_without_the_launcher_the_window_says_how_to_get_it(tmp_path, capsys):
    library = tmp_path / "l.sqlite"
    for argv in (["gui"], []):
        assert main([*argv, "--library", str(library)]) == 1
        error = capsys.readouterr().err
        assert error.count("\n") == 1 and "hashiya command" in error, error


def test_export_pdf_needs_no_launcher(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("عنوان\n\nنص الخبر.", encoding="utf-8")
    library = tmp_path / "l.sqlite"
    assert main(["import", str(src), "--library", str(library)]) == 0
    target = tmp_path / "notes.pdf"
    argv = ["export", "--format", "pdf", "--output", str(target), "--library", str(library)]
    assert main(argv) == 0
    assert target.read_bytes().startswith(b"%PDF-")
    assert "exported" in capsys.readouterr().out
