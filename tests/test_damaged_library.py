"""A damaged, full, foreign, read-only or inconsistent library file, and bad bytes in
arguments: the CLI says what is wrong in one line (exit 1 for a failure, 2 for bad
input), never a traceback, and never changes a file that is not its own.

Real files and real processes (`python -m library.cli`); the damage is real garbage
written over pages of the file, a full disk is SQLite's `PRAGMA max_page_count`.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from library.cli import main
from library.ingest.importer import import_paths
from library.storage import migrations
from library.storage.store import open_library

CLI = [sys.executable, "-m", "library.cli"]
PARAGRAPH = "قال المتحدث باسم الوزارة إن الاجتماع ناقش خطة التنمية والتعاون الإقليمي. " * 20


def run(*args: str | bytes, library: Path | str | bytes, prefix=CLI) -> subprocess.CompletedProcess:
    return subprocess.run([*prefix, *args, "--library", library], capture_output=True, timeout=120)


def assert_one_line_failure(proc: subprocess.CompletedProcess, code: int = 1) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == code, err
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def make_library(folder: Path, articles: int = 60) -> Path:  # at least 6
    src = folder / "src"
    src.mkdir(parents=True)
    for i in range(articles):
        (src / f"{i:03}.txt").write_text(f"خبر رقم {i}\n\n{PARAGRAPH}\nنهاية {i}.", "utf-8")
    path = folder / "lib.sqlite"
    lib = open_library(path)
    import_paths(lib, [src])
    lib.close()
    for article in (1, 2, 5):
        assert (
            main(
                [
                    "annotate",
                    str(article),
                    "--start",
                    "0",
                    "--end",
                    "3",
                    "--highlight",
                    "--library",
                    str(path),
                ]
            )
            == 0
        )
    assert main(["annotate", "6", "--note", "ملاحظة", "--library", str(path)]) == 0
    return path


def garble_table(path: Path, table: str) -> None:
    """Garbage over every page of `table` (after a checkpoint, so the file holds them)."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = [n for (n,) in conn.execute("SELECT pageno FROM dbstat WHERE name = ?", (table,))]
    conn.close()
    assert pages
    with path.open("r+b") as f:
        for page in pages:
            f.seek((page - 1) * size)
            f.write(b"\xff" * size)


def damage_article_pages(path: Path, count: int = 4) -> list[int]:
    """Garbage over `count` leaf pages in the middle of the articles table (page 1, the
    schema, and the indexes stay whole, so the file still opens); returns the ids of the
    articles that can no longer be read."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [
        n
        for (n,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'articles' AND pagetype = 'leaf' "
            "ORDER BY pageno"
        )
    ]
    conn.close()
    middle = len(leaves) // 2
    rng = random.Random(7)
    with path.open("r+b") as f:
        for page in leaves[middle : middle + count]:
            f.seek((page - 1) * size)
            f.write(rng.randbytes(size))
    conn = sqlite3.connect(path)
    lost = []
    for article in range(1, 61):
        try:
            conn.execute("SELECT body FROM articles WHERE id = ?", (article,)).fetchall()
        except sqlite3.DatabaseError:
            lost.append(article)
    conn.close()
    assert lost
    return lost


@pytest.fixture
def damaged(tmp_path):
    path = make_library(tmp_path / "lib")
    lost = damage_article_pages(path)
    return path, lost


COMMANDS = [
    ["list"],
    ["show", "ID"],
    ["search", "خطة", "--limit", "100"],
    ["entities"],
    ["suggest", "ID"],
    ["annotate", "ID", "--start", "0", "--end", "3", "--highlight"],
    ["export", "--format", "json", "--output", "OUT", "--article", "ID"],
    ["reindex"],
    ["import", "SRC"],
    ["check"],
]


@pytest.mark.timeout(120)
def test_every_command_reports_a_damaged_library_in_one_line(damaged, tmp_path):
    path, lost = damaged
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "x.txt").write_text("خبر جديد\n\nنص جديد تماما.", "utf-8")
    for command in COMMANDS:
        argv = [
            {
                "OUT": str(tmp_path / "out.json"),
                "SRC": str(tmp_path / "new"),
                "ID": str(lost[0]),
            }.get(a, a)
            for a in command
        ]
        proc = run(*argv, library=path)
        assert b"Traceback" not in proc.stderr, (command, proc.stderr.decode())
        if command[0] in ("entities", "import") and proc.returncode == 0:
            continue  # reads no damaged page (a new article goes at the end)
        line = assert_one_line_failure(proc)
        assert "damaged" in line, (command, line)


FULL_DISK = textwrap.dedent(
    """
    import sys
    import library.storage.store as store
    opened = store.connect
    def connect(path, **kw):
        conn = opened(path, **kw)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn
    store.connect = connect
    from library.cli import main
    sys.exit(main(sys.argv[1:]))
    """
)


@pytest.mark.timeout(120)
def test_a_full_disk_is_said_in_words(tmp_path):
    path = make_library(tmp_path / "lib", articles=10)
    new = tmp_path / "new"
    new.mkdir()
    for i in range(30):
        (new / f"{i}.txt").write_text(f"عنوان {i}\n\n" + f"نص مختلف تماما {i} " * 300, "utf-8")
    full = [sys.executable, "-c", FULL_DISK]
    for argv in (["import", str(new)], ["annotate", "3", "--note", "x" * 60_000]):
        line = assert_one_line_failure(run(*argv, library=path, prefix=full))
        assert "disk is full" in line, line
    assert main(["check", "--library", str(path)]) == 0


@pytest.mark.timeout(60)
def test_text_arguments_that_are_not_utf8_are_refused_in_one_line(tmp_path):
    path = make_library(tmp_path / "lib", articles=6)
    bad = b"\xd9\x85\xff\xfe"
    for argv in (
        [b"annotate", b"1", b"--note", bad],
        [b"annotate", b"1", b"--note", b"ok", b"--author", bad],
        [
            b"annotate",
            b"1",
            b"--start",
            b"0",
            b"--end",
            b"3",
            b"--entity",
            b"person",
            b"--name",
            bad,
        ],
        [b"search", b"x", b"--source", bad],
        [b"search", b"x", b"--tag", bad],
        [
            b"export",
            b"--format",
            b"json",
            b"--output",
            os.fsencode(tmp_path / "o.json"),
            b"--tag",
            bad,
        ],
    ):
        line = assert_one_line_failure(run(*argv, library=os.fsencode(path)), code=2)
        assert "UTF-8" in line, line
    assert main(["check", "--library", str(path)]) == 0


@pytest.mark.timeout(60)
@pytest.mark.parametrize("version", [0, 1, -5])
def test_a_library_whose_user_version_was_changed(tmp_path, version):
    path = make_library(tmp_path / "lib", articles=6)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    for _ in range(2):
        proc = run("list", "--json", library=path)
        assert proc.returncode == 0, proc.stderr.decode()
    # The migrations table says which version it is: put back, no upgrade, no backup.
    assert not list(path.parent.glob("*.bak"))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.latest_version()
    # Without that record the version cannot be told: refused, nothing changed.
    conn.execute("DROP TABLE migrations")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    for _ in range(2):
        line = assert_one_line_failure(run("list", library=path))
        assert "inconsistent schema version" in line, line
    assert not list(path.parent.glob("*.bak"))


@pytest.mark.timeout(60)
def test_another_programs_database_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('x')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for command in (["list"], ["import", str(tmp_path)], ["check"]):
        line = assert_one_line_failure(run(*command, library=path))
        assert "not a Hashiya library" in line, line
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]
    # An empty file is a new library.
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    assert run("list", library=empty).returncode == 0


@pytest.mark.timeout(60)
@pytest.mark.parametrize("library", ["", "/dev/null", "/dev/zero"])
def test_a_library_path_that_cannot_be_a_library(library):
    line = assert_one_line_failure(run("list", library=library), code=2 if not library else 1)
    assert library in line or "empty" in line, line


@pytest.mark.timeout(60)
def test_check_reports_the_damage_as_a_problem(damaged):
    path, _ = damaged
    proc = run("check", "--json", library=path)
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert not report["ok"]
    assert any(p["kind"] == "integrity" for p in report["problems"]), report
