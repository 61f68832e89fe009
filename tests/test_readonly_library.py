"""A library on a read-only mount: the read commands read it (a cleanly closed WAL
library without -wal/-shm, and one copied while open, with them), `check` finds nothing
wrong, and the commands that write are refused in one line naming the file.

A real read-only file system: a tmpfs mounted here and remounted read-only (root in the
sandbox; skipped where mounting is not allowed).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess

import pytest
from test_damaged_library import assert_one_line_failure, make_library, run

from library.cli import main


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, timeout=30)


@pytest.fixture(params=["closed", "copied-while-open"])
def readonly_library(request, tmp_path):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if shutil.which("mount") is None or _mount("-t", "tmpfs", "tmpfs", str(mnt)).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root); no read-only file system to test")
    try:
        if request.param == "closed":
            path = make_library(mnt / "lib", articles=8)
            assert not (mnt / "lib" / "lib.sqlite-wal").exists()
        else:
            # Another program holds the library open while a note is written: the note is
            # in the -wal only, and the copy takes the -wal and -shm with it.
            original = make_library(tmp_path / "orig", articles=8)
            holder = sqlite3.connect(original)
            holder.execute("SELECT count(*) FROM articles").fetchone()
            assert main(["annotate", "3", "--note", "في السجل", "--library", str(original)]) == 0
            (mnt / "lib").mkdir()
            for suffix in ("", "-wal", "-shm"):
                shutil.copyfile(f"{original}{suffix}", mnt / "lib" / f"lib.sqlite{suffix}")
            holder.close()
            path = mnt / "lib" / "lib.sqlite"
            assert (mnt / "lib" / "lib.sqlite-wal").stat().st_size > 0
        proc = _mount("-o", "remount,ro", str(mnt))
        if proc.returncode:
            pytest.skip(f"cannot remount read-only: {proc.stderr.decode().strip()}")
        yield path, request.param
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=30)


@pytest.mark.timeout(120)
def test_read_commands_read_a_library_on_a_readonly_mount(readonly_library, tmp_path):
    path, kind = readonly_library
    before = sorted(p.name for p in path.parent.iterdir())
    proc = run("list", "--json", library=path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(json.loads(proc.stdout)) == 8
    proc = run("show", "3", "--json", library=path)
    assert proc.returncode == 0, proc.stderr.decode()
    notes = [a.get("note") for a in json.loads(proc.stdout)["annotations"]]
    assert ("في السجل" in notes) == (kind == "copied-while-open"), notes
    proc = run("search", "خطة", "--json", "--limit", "100", library=path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(json.loads(proc.stdout)) == 8
    proc = run("check", "--json", library=path)
    assert proc.returncode == 0, (proc.stdout.decode(), proc.stderr.decode())
    report = json.loads(proc.stdout)
    assert report["ok"] and report["problems"] == [], report
    assert report["articles"] == 8
    backup = tmp_path / "backup.sqlite"
    proc = run("backup", str(backup), library=path)
    assert proc.returncode == 0, proc.stderr.decode()
    assert main(["check", "--library", str(backup)]) == 0
    assert sorted(p.name for p in path.parent.iterdir()) == before


@pytest.mark.timeout(120)
def test_writing_to_a_library_on_a_readonly_mount_is_refused_in_one_line(
    readonly_library, tmp_path
):
    path, _ = readonly_library
    src = tmp_path / "new"
    src.mkdir()
    (src / "x.txt").write_text("خبر جديد\n\nنص جديد تماما.", "utf-8")
    for argv in (
        ["annotate", "1", "--note", "x"],
        ["import", str(src)],
        ["check", "--repair"],
        ["reindex"],
    ):
        line = assert_one_line_failure(run(*argv, library=path))
        assert str(path) in line and "read-only" in line, (argv, line)


@pytest.mark.timeout(120)
def test_search_says_in_one_line_that_a_readonly_index_cannot_be_rebuilt(tmp_path):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if _mount("-t", "tmpfs", "tmpfs", str(mnt)).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root); no read-only file system to test")
    try:
        path = make_library(mnt / "lib", articles=6)
        conn = sqlite3.connect(path)
        conn.execute("UPDATE meta SET value = 'old' WHERE key = 'search_rules_version'")
        conn.commit()
        conn.close()
        if _mount("-o", "remount,ro", str(mnt)).returncode:
            pytest.skip("cannot remount read-only")
        line = assert_one_line_failure(run("search", "خطة", library=path))
        assert "out of date" in line and str(path) in line, line
        assert run("list", library=path).returncode == 0
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True, timeout=30)
