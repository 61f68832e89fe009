"""Killing the process at the worst moments: the library stays sound and nothing that was
committed is lost (SIGKILL in a subprocess; real files, no mocked SQLite)."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from library.ingest.importer import import_paths
from library.storage.store import open_library

CLI = [sys.executable, "-m", "library.cli"]


def hashiya(*args: str, library) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args, "--library", str(library)], capture_output=True, text=True, encoding="utf-8"
    )


def assert_sound(path) -> None:
    proc = hashiya("check", "--json", library=path)
    report = json.loads(proc.stdout)
    assert proc.returncode == 0, report
    assert report["ok"]


@pytest.fixture
def big_library(tmp_path):
    """A library of a few thousand articles, enough for work that takes a moment."""
    src = tmp_path / "src"
    src.mkdir()
    paragraph = "قال المتحدث باسم الوزارة إن الاجتماع ناقش خطة التنمية والتعاون الإقليمي. " * 30
    for i in range(2500):
        (src / f"{i:05}.txt").write_text(
            f"خبر رقم {i}\n\n{paragraph}\nنهاية {i}.", encoding="utf-8"
        )
    path = tmp_path / "lib.sqlite"
    lib = open_library(path)
    import_paths(lib, [src])
    lib.close()
    return path


def _spawn(code: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True
    )


def test_killed_during_a_batch_of_annotations_loses_no_committed_one(big_library):
    proc = _spawn(
        f"""
        from library.storage.store import open_library
        from library.marks.annotations import add_highlight, add_note
        lib = open_library({str(big_library)!r})
        for i in range(100000):
            article = 1 + i % 2000
            a = add_highlight(lib, article, 0, 4) if i % 2 else add_note(lib, article, 5, 12, "ملاحظة")
            print(a.id, flush=True)
        """
    )
    committed = [proc.stdout.readline().strip() for _ in range(300)]
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Whatever was printed had been committed; what came after may or may not have been.
    conn = sqlite3.connect(big_library)
    ids = {r[0] for r in conn.execute("SELECT id FROM annotations")}
    conn.close()
    assert set(committed) <= ids
    assert_sound(big_library)


def test_killed_during_check_repair_then_repaired(big_library):
    conn = sqlite3.connect(big_library)
    conn.execute("UPDATE articles SET body = body || ' إضافة' WHERE id % 3 = 0")  # behind the index
    conn.execute(
        'INSERT INTO annotations (id, article_id, kind, start, "end", exact, prefix, suffix, '
        "created_at, updated_at) SELECT 'n' || id, id, 'highlight', 4, 10, substr(body, 5, 6), "
        "'', '', 'now', 'now' FROM articles WHERE id <= 50"
    )
    conn.commit()
    conn.close()
    proc = subprocess.Popen([*CLI, "check", "--repair", "--library", str(big_library)])
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(big_library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 50
    conn.close()
    assert hashiya("check", "--repair", library=big_library).returncode == 0
    assert_sound(big_library)


def test_killed_during_a_backup_leaves_the_library_sound_and_no_half_backup(big_library, tmp_path):
    target = tmp_path / "copy.sqlite"
    proc = subprocess.Popen([*CLI, "backup", str(target), "--library", str(big_library)])
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert_sound(big_library)
    if target.exists():  # finished before the kill: then it must be whole
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
    assert hashiya("backup", str(target), "--force", library=big_library).returncode == 0
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2500
    conn.close()


def test_killed_during_an_import_passes_check(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(3000):
        (src / f"{i:05}.txt").write_text(f"خبر {i}\n\nنص الخبر {i} " * 20, encoding="utf-8")
    path = tmp_path / "lib.sqlite"
    proc = subprocess.Popen([*CLI, "import", str(src), "--library", str(path)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if path.exists():
            conn = sqlite3.connect(path)
            try:
                if conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 0:
                    break
            except sqlite3.OperationalError:
                pass
            finally:
                conn.close()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert_sound(path)
    assert hashiya("import", str(src), library=path).returncode == 0
    assert_sound(path)


def test_cli_check_reports_problems_with_exit_1_and_backup_refuses_to_overwrite(tmp_path, samples):
    path = tmp_path / "lib.sqlite"
    assert hashiya("import", str(samples), library=path).returncode == 0
    ok = hashiya("check", library=path)
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 11 article(s)")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE articles SET body = 'تغير' WHERE id = 2")
    conn.commit()
    conn.close()
    bad = hashiya("check", library=path)
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == ["index: 1 article(s) indexed with outdated text"]
    assert hashiya("check", "--repair", library=path).returncode == 0
    assert hashiya("check", library=path).returncode == 0
    first = hashiya("backup", str(tmp_path / "b.sqlite"), library=path)
    assert first.returncode == 0
    again = hashiya("backup", str(tmp_path / "b.sqlite"), library=path)
    assert again.returncode == 2 and "--force" in again.stderr
