"""Killing the process at the worst moments: the library stays sound and nothing that was
committed is lost (SIGKILL in a subprocess; real files, no mocked SQLite)."""

from __future__ import annotations

import json
import select
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from library.ingest.importer import import_paths
from library.storage import raw_text
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


def _wait_for_line(proc: subprocess.Popen, line: str, timeout: float = 120) -> None:
    """Block until the child prints `line` (it then waits to be killed)."""
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready, f"the child did not say {line!r} within {timeout} s"
    said = proc.stdout.readline().strip()
    assert said == line, f"the child ended or said {said!r} instead of {line!r}"


# Run a `hashiya` command in a child that stops at a chosen point inside the work, says so
# on stdout and waits there to be killed: the kill lands mid-operation, never after it.
# The pause is patched in from here (the child imports the real library and wraps one
# function); `sleep` is only the child waiting for its SIGKILL.
_PAUSING_CLI = """
    import sys, time
    from library.cli import main

    def pause(what):
        print(what, flush=True)
        time.sleep(600)
    {patch}
    sys.exit(main({argv!r}))
"""

# Inside `check --repair`'s transaction: half of the index is rebuilt, not yet committed.
_PAUSE_IN_REPAIR = """
    from library.storage import search_index
    real_rebuild, real_add = search_index.rebuild, search_index.add

    def rebuild(conn):
        added = 0

        def add(*args, **kwargs):
            nonlocal added
            real_add(*args, **kwargs)
            added += 1
            if added == 1250:  # half of big_library's articles
                pause("inside the repair" if conn.in_transaction else "outside a transaction")

        search_index.add = add
        return real_rebuild(conn)

    search_index.rebuild = rebuild
"""

# Inside the backup: SQLite's copy is done into the partial file, the source's read
# transaction still held, the copy not yet checked, synced or renamed into place.
_PAUSE_IN_BACKUP = """
    import sqlite3
    real_connect = sqlite3.connect

    class Pausing(sqlite3.Connection):
        def backup(self, target, *, progress=None, **kwargs):
            def step(status, remaining, total):
                if progress is not None:
                    progress(status, remaining, total)
                pause("inside the backup")

            return super().backup(target, progress=step, **kwargs)

    sqlite3.connect = lambda *args, **kwargs: real_connect(*args, factory=Pausing, **kwargs)
"""


@contextmanager
def _paused_cli(patch: str, *argv: str) -> Iterator[subprocess.Popen]:
    """The child of `_PAUSING_CLI`; killed on the way out whatever happened (a failed
    check must not leave it waiting), its pipe closed."""
    code = textwrap.dedent(_PAUSING_CLI).format(patch=textwrap.dedent(patch), argv=list(argv))
    with _spawn(code) as proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()


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
    with proc:
        committed = [proc.stdout.readline().strip() for _ in range(300)]
        proc.send_signal(signal.SIGKILL)
    # Whatever was printed had been committed; what came after may or may not have been.
    conn = sqlite3.connect(big_library)
    ids = {r[0] for r in conn.execute("SELECT id FROM annotations")}
    conn.close()
    assert set(committed) <= ids
    assert_sound(big_library)


def test_killed_during_check_repair_then_repaired(big_library):
    conn = sqlite3.connect(big_library)
    raw_text.register(conn)  # another program changing the text keeps the raw text
    conn.execute(
        "UPDATE articles SET raw = hashiya_raw(raw, raw_z, body), raw_z = NULL, body = body || ' إضافة' WHERE id % 3 = 0"
    )  # behind the index
    conn.execute(
        'INSERT INTO annotations (id, article_id, kind, start, "end", exact, prefix, suffix, '
        "created_at, updated_at) SELECT 'n' || id, id, 'highlight', 4, 10, substr(body, 5, 6), "
        "'', '', 'now', 'now' FROM articles WHERE id <= 50"
    )
    conn.commit()
    conn.close()
    before = hashiya("check", "--json", library=big_library)
    assert before.returncode == 1
    problems = json.loads(before.stdout)["problems"]
    assert [p["message"] for p in problems] == ["833 article(s) indexed with outdated text"]
    with _paused_cli(_PAUSE_IN_REPAIR, "check", "--repair", "--library", str(big_library)) as proc:
        _wait_for_line(proc, "inside the repair")
        proc.send_signal(signal.SIGKILL)
    conn = sqlite3.connect(big_library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 50
    conn.close()
    # The half-done rebuild was rolled back whole: the index is as it was, still stale.
    after = hashiya("check", "--json", library=big_library)
    assert after.returncode == 1 and json.loads(after.stdout)["problems"] == problems
    assert hashiya("check", "--repair", library=big_library).returncode == 0
    assert_sound(big_library)


def test_killed_during_a_backup_leaves_the_library_sound_and_no_half_backup(big_library, tmp_path):
    target = tmp_path / "copy.sqlite"
    with _paused_cli(
        _PAUSE_IN_BACKUP, "backup", str(target), "--library", str(big_library)
    ) as proc:
        _wait_for_line(proc, "inside the backup")
        proc.send_signal(signal.SIGKILL)
    assert_sound(big_library)
    assert not target.exists()  # killed mid-copy: no backup at all, not half of one
    assert hashiya("backup", str(target), library=big_library).returncode == 0
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2500
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if "copy" in p.name) == ["copy.sqlite"]


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
    raw_text.register(conn)
    conn.execute(
        "UPDATE articles SET raw = hashiya_raw(raw, raw_z, body), raw_z = NULL, body = 'تغير' WHERE id = 2"
    )
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
