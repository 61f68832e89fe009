import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, timedelta

import pytest

from library.ingest.importer import import_paths
from library.storage.backup import BackupError, backup_file, daily_backup, list_backups, restore
from library.storage.maintenance import check
from library.storage.store import open_library


@pytest.fixture
def filled(lib, samples):
    import_paths(lib, [samples])
    return lib


def kinds(report):
    return [p.kind for p in report.problems]


def test_a_sound_library_passes(filled):
    report = check(filled)
    assert report.ok and report.problems == []
    assert report.articles == 11


def test_text_changed_behind_the_index_is_found_and_repaired(filled):
    filled.conn.execute(
        "UPDATE articles SET raw = hashiya_raw(raw, raw_z, body), raw_z = NULL, body = 'نص جديد تماماً' WHERE id = 1"
    )
    report = check(filled)
    assert not report.ok
    assert any("outdated text" in p.message for p in report.problems)
    assert report.changes.empty  # a check alone changes nothing
    repaired = check(filled, repair=True)
    assert repaired.ok and all(p.repaired for p in repaired.problems)
    assert repaired.changes.everything  # every search result may differ now
    assert check(filled).problems == []


def test_missing_and_orphan_index_rows(filled):
    filled.conn.execute("DELETE FROM articles WHERE id = 2")  # bypasses the index
    filled.conn.execute(
        "INSERT INTO articles (title, body, source_path, format, encoding, raw, content_hash, "
        "words, imported_at) VALUES ('t', 'نص', 'x', 'txt', 'utf-8', 'نص', 'h', 1, 'now')"
    )
    messages = " ".join(p.message for p in check(filled).problems)
    assert "1 article(s) missing" in messages
    assert "1 search index row(s) for deleted articles" in messages
    assert check(filled, repair=True).ok
    assert check(filled).problems == []


def test_index_under_old_rules_is_reported(filled):
    filled.conn.execute("UPDATE meta SET value = 'old' WHERE key = 'search_rules_version'")
    assert "other rules" in check(filled).problems[0].message


def test_misplaced_annotations_and_broken_foreign_keys_are_reported(filled):
    conn = filled.conn
    conn.execute(
        'INSERT INTO annotations (id, article_id, kind, start, "end", exact, created_at, updated_at) '
        "VALUES ('a1', 1, 'highlight', 0, 4, 'ليس هذا', 'now', 'now'),"
        "       ('a2', 1, 'highlight', 5000, 5004, 'خارج', 'now', 'now')"
    )
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(
        'INSERT INTO annotations (id, article_id, kind, start, "end", created_at, updated_at) '
        "VALUES ('a3', 999, 'note', 0, 0, 'now', 'now')"
    )
    conn.execute("PRAGMA foreign_keys = ON")
    report = check(filled)
    assert kinds(report).count("annotation") == 2
    assert "foreign-key" in kinds(report)
    assert not report.ok
    # Without a way to re-anchor, repair reports them and deletes nothing.
    again = check(filled, repair=True)
    assert any("could not be re-anchored" in p.message for p in again.problems)
    assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == 3


def test_backup_is_consistent_while_another_process_writes(tmp_path, samples):
    path = tmp_path / "lib.sqlite"
    lib = open_library(path)
    import_paths(lib, [samples])
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                from library.storage.store import open_library
                lib = open_library({str(path)!r})
                print("go", flush=True)
                for i in range(400):
                    with lib.transaction():
                        lib.conn.execute("INSERT INTO tags (name) VALUES (?)", (f"t{{i}}",))
                        lib.conn.execute("INSERT INTO tags (name) VALUES (?)", (f"u{{i}}",))
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    with writer:
        assert writer.stdout.readline().strip() == "go"
        copies = [backup_file(path, tmp_path / f"copy{i}.sqlite") for i in range(5)]
        assert writer.wait(timeout=60) == 0
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Each transaction adds two tags: a consistent snapshot never holds an odd number.
        assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] % 2 == 0
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
        conn.close()
    lib.close()


def test_backup_errors_are_clear_and_leave_nothing(tmp_path, lib):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="cannot create"):
        backup_file(lib.path, blocker / "b.sqlite")
    with pytest.raises(BackupError, match="no library"):
        backup_file(tmp_path / "nope.sqlite", tmp_path / "b.sqlite")
    with pytest.raises(BackupError, match="cannot overwrite"):
        backup_file(lib.path, lib.path)
    assert not list(tmp_path.glob(".*.partial"))


def test_daily_backups_rotate(tmp_path, lib):
    folder = tmp_path / "backups"
    start = date(2026, 1, 1)
    for day in range(10):
        daily_backup(lib.conn, lib.path, folder, today=start + timedelta(days=day))
    assert daily_backup(lib.conn, lib.path, folder, today=start + timedelta(days=9)) is None
    kept = sorted(p.name for p in folder.glob("*.sqlite"))
    assert len(kept) == 7
    assert kept[0].endswith("2026-01-04.sqlite") and kept[-1].endswith("2026-01-10.sqlite")
    assert len(list_backups(folder)) == 7


def test_restore_replaces_the_library_and_keeps_a_safety_copy(tmp_path, samples):
    path = tmp_path / "lib.sqlite"
    lib = open_library(path)
    import_paths(lib, [samples])
    saved = backup_file(path, tmp_path / "saved.sqlite")
    lib.conn.execute("DELETE FROM articles")
    lib.close()
    safety = restore(saved, path)
    lib = open_library(path)
    assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    lib.close()
    old = sqlite3.connect(safety)
    assert old.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    old.close()


@pytest.mark.parametrize(("library_pages", "backup_pages"), [(32768, 4096), (4096, 32768)])
def test_a_backup_restores_over_a_library_of_another_page_size(
    tmp_path, samples, library_pages, backup_pages
):
    # A backup made before libraries had 32 KiB pages, restored over a new library.
    made = tmp_path / "made.sqlite"
    old = sqlite3.connect(made)
    old.execute(f"PRAGMA page_size = {backup_pages}")
    old.execute("VACUUM")  # writes the page size into the empty file
    old.close()
    with open_library(made) as lib:
        import_paths(lib, [samples])
    saved = backup_file(made, tmp_path / "saved.sqlite")
    path = tmp_path / "lib.sqlite"
    new = sqlite3.connect(path)
    new.execute(f"PRAGMA page_size = {library_pages}")
    new.execute("VACUUM")
    new.close()
    open_library(path).close()
    # The window keeps readers of the library open while it restores.
    with open_library(path, readonly=True) as reader:
        restore(saved, path)
        assert reader.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    assert not list(tmp_path.glob(".*partial*"))  # the resized copy is gone
    with open_library(path) as lib:
        # It keeps its own page size, with the backup's rows.
        assert lib.conn.execute("PRAGMA page_size").fetchone()[0] == library_pages
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
        assert check(lib).ok


def test_a_repair_says_which_annotations_it_moved(filled):
    from library.marks.anchoring import reanchor_article
    from library.marks.annotations import add_highlight

    body = filled.conn.execute("SELECT body FROM articles WHERE id = 3").fetchone()[0]
    word = body.split()[4]
    made = add_highlight(filled, 3, body.index(word), body.index(word) + len(word), "yellow")
    shifted = "تمهيد. " + body  # the text was re-cleaned behind the annotation's back
    filled.conn.execute(
        "UPDATE articles SET raw = hashiya_raw(raw, raw_z, body), raw_z = NULL, body = ? WHERE id = 3",
        (shifted,),
    )
    filled.conn.commit()
    report = check(filled, repair=True, reanchor=reanchor_article)
    assert made.id in report.changes.annotations and report.changes.articles == {3}


@pytest.mark.timeout(60)
def test_backup_force_replaces_only_an_earlier_backup(tmp_path, filled):
    """`backup --force` over a FIFO, a link to a device or a user's document refuses in
    one line (exit 2) and leaves it as it was; over an earlier backup it replaces it."""
    import os
    import stat

    filled.close()
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)
    device = tmp_path / "null.sqlite"
    device.symlink_to("/dev/null")
    thesis = tmp_path / "thesis.sqlite"
    thesis.write_text("my thesis, not a database", encoding="utf-8")
    earlier = tmp_path / "earlier.sqlite"
    backup_file(filled.path, earlier)

    def backup(target):
        return subprocess.run(
            [sys.executable, "-m", "library.cli", "backup", str(target), "--force",
             "--library", str(filled.path)],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip

    for target in (fifo, device, thesis):
        done = backup(target)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert stat.S_ISCHR(device.stat().st_mode) and device.is_symlink()
    assert thesis.read_text(encoding="utf-8") == "my thesis, not a database"
    assert backup(earlier).returncode == 0
    with open_library(earlier, readonly=True) as copy:
        assert copy.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
