import sqlite3
import subprocess
import sys
import textwrap

import pytest

from library.storage import migrations
from library.storage.migrations import NewerLibraryError, migrate
from library.storage.store import LibraryError, open_library


def test_new_library_has_wal_foreign_keys_and_busy_timeout(tmp_path):
    lib = open_library(tmp_path / "l.sqlite")
    conn = lib.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert lib.schema_version == migrations.latest_version()
    assert set(lib.db.table_names()) >= {
        "articles",
        "annotations",
        "entities",
        "entity_types",
        "tags",
    }
    lib.close()


def test_foreign_keys_are_enforced(lib):
    with pytest.raises(sqlite3.IntegrityError):
        lib.conn.execute(
            'INSERT INTO annotations (id, article_id, kind, start, "end", created_at, updated_at) '
            "VALUES ('x', 999, 'highlight', 0, 1, '', '')"
        )


def test_migration_backs_up_first_and_records_the_step(tmp_path):
    path = tmp_path / "l.sqlite"
    lib = open_library(path)
    lib.conn.execute("INSERT INTO meta VALUES ('marker', 'before')")
    extra = [
        *migrations.MIGRATIONS,
        ("add a column", lambda db: db.execute("ALTER TABLE tags ADD COLUMN colour TEXT")),
    ]
    backup = migrate(lib, extra)
    assert backup is not None and backup.exists()
    assert lib.schema_version == len(extra)
    names = [r[0] for r in lib.conn.execute("SELECT name FROM migrations ORDER BY version")]
    assert names[-1] == "add a column"
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == len(extra) - 1
    assert old.execute("SELECT value FROM meta WHERE key='marker'").fetchone()[0] == "before"
    old.close()
    lib.close()


def test_a_failing_migration_changes_nothing(tmp_path):
    lib = open_library(tmp_path / "l.sqlite")
    version = lib.schema_version

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        migrate(lib, [*migrations.MIGRATIONS, ("broken", broken)])
    assert lib.schema_version == version
    assert "half_done" not in lib.db.table_names()
    lib.close()


def test_library_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "l.sqlite"
    open_library(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(NewerLibraryError, match="newer version"):
        open_library(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LibraryError, match="not a Hashiya library"):
        open_library(path)


def test_transactions_nest_and_roll_back_inner_savepoints(lib):
    with lib.transaction():
        lib.conn.execute("INSERT INTO tags (name) VALUES ('outer')")
        with pytest.raises(ValueError), lib.transaction():
            lib.conn.execute("INSERT INTO tags (name) VALUES ('inner')")
            raise ValueError
    names = {r[0] for r in lib.conn.execute("SELECT name FROM tags")}
    assert names == {"outer"}


def _run(code: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE, text=True
    )


def test_second_process_reads_while_one_writes_and_a_second_writer_waits(tmp_path):
    path = tmp_path / "l.sqlite"
    open_library(path).close()
    # Process A holds the write lock for a while.
    holder = _run(
        f"""
        import time
        from library.storage.store import open_library
        lib = open_library({str(path)!r})
        lib.conn.execute("BEGIN IMMEDIATE")
        lib.conn.execute("INSERT INTO tags (name) VALUES ('from A')")
        print("locked", flush=True)
        time.sleep(1.5)
        lib.conn.execute("COMMIT")
        """
    )
    assert holder.stdout.readline().strip() == "locked"
    # A reader is not blocked by the writer and sees only committed data.
    reader = open_library(path, readonly=True)
    assert reader.conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    # A second writer waits for the lock instead of failing.
    writer = _run(
        f"""
        from library.storage.store import open_library
        lib = open_library({str(path)!r})
        with lib.transaction():
            lib.conn.execute("INSERT INTO tags (name) VALUES ('from B')")
        print("written", flush=True)
        """
    )
    with writer, holder:
        assert writer.wait(timeout=30) == 0
        assert holder.wait(timeout=30) == 0
        assert writer.stdout.read().strip() == "written"
    names = {r[0] for r in reader.conn.execute("SELECT name FROM tags")}
    assert names == {"from A", "from B"}
    reader.close()


def test_migration_9_adds_the_team_journal_to_a_v8_library(tmp_path):
    """What a v8 library held is kept and not journaled (the first sync pushes it all);
    edits after the first sync starts the journal are journaled, entities gain an author
    column."""
    from library.storage.database import Library
    from library.storage.store import connect
    from library.team import journal

    path = tmp_path / "v8.sqlite"
    v8 = Library(connect(path), path, readonly=False)
    migrate(v8, migrations.MIGRATIONS[:8])
    v8.conn.execute(
        "INSERT INTO entities (id, type, name, created_at, updated_at) "
        "VALUES ('e1', 'person', 'ليلى', '2024', '2024')"
    )
    v8.close()
    with open_library(path) as lib:
        assert lib.schema_version == migrations.latest_version() >= 9
        row = lib.conn.execute("SELECT name, author FROM entities").fetchone()
        assert tuple(row) == ("ليلى", None)
        assert lib.conn.execute("SELECT count(*) FROM sync_journal").fetchone()[0] == 0
        origin = lib.conn.execute("SELECT value FROM sync_state WHERE key = 'origin'").fetchone()
        assert origin is not None and len(origin[0]) == 36
        # Never synced: nothing is journaled until the first sync starts the journal.
        lib.conn.execute("INSERT INTO tags (name) VALUES ('محليات')")
        assert lib.conn.execute("SELECT count(*) FROM sync_journal").fetchone()[0] == 0
        with lib.transaction():
            journal.start_journal(lib)
        lib.conn.execute("UPDATE entities SET name = 'ليلى حداد' WHERE id = 'e1'")
        lib.conn.execute("INSERT INTO tags (name) VALUES ('أخبار')")
        journaled = lib.conn.execute("SELECT kind, key FROM sync_journal ORDER BY seq").fetchall()
        assert [tuple(r) for r in journaled] == [("entity", "e1"), ("tag", "أخبار")]


@pytest.mark.parametrize("shared", [False, True])
def test_migration_10_keeps_the_journal_of_a_shared_library_only(tmp_path, shared):
    from library.storage.database import Library
    from library.storage.store import connect
    from library.team import journal

    path = tmp_path / "v9.sqlite"
    v9 = Library(connect(path), path, readonly=False)
    migrate(v9, migrations.MIGRATIONS[:9])
    if shared:
        v9.conn.execute("INSERT INTO sync_state VALUES ('server_id', 'a-server')")
    v9.conn.execute("INSERT INTO tags (name) VALUES ('أخبار')")
    assert v9.conn.execute("SELECT count(*) FROM sync_journal").fetchone()[0] == 1
    v9.close()
    with open_library(path) as lib:
        assert journal.is_journaling(lib) is shared
        kept = lib.conn.execute("SELECT count(*) FROM sync_journal").fetchone()[0]
        assert kept == (1 if shared else 0)
        lib.conn.execute("INSERT INTO tags (name) VALUES ('رياضة')")
        after = lib.conn.execute("SELECT count(*) FROM sync_journal").fetchone()[0]
        assert after == kept + (1 if shared else 0)


def test_stop_when_interrupts_a_long_read_nobody_waits_for(tmp_path):
    """What a replaced search's count relies on (reader/workers/search_jobs.py)."""
    long_read = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) "
        "SELECT count(*) FROM n"
    )
    with open_library(tmp_path / "l.sqlite") as lib:
        asked = []

        def stop() -> bool:
            asked.append(1)
            return len(asked) > 3

        lib.stop_when(stop)
        with pytest.raises(sqlite3.OperationalError, match="interrupted"):
            lib.conn.execute(long_read).fetchone()
        assert len(asked) == 4
        lib.stop_when(lambda: False)
        assert lib.conn.execute("SELECT 1").fetchone()[0] == 1


def test_an_up_to_date_library_opens_without_sqlite_utils(tmp_path):
    """sqlite-utils imports pandas wherever pandas is installed (0.4 to 0.8 s at every
    start of the window): it is imported only when a migration runs."""
    path = tmp_path / "l.sqlite"
    open_library(path).close()  # created, and migrated, in this process
    script = textwrap.dedent(
        f"""
        import sys
        import reader.app
        from library.storage.store import open_library
        with open_library({str(path)!r}) as lib:
            lib.conn.execute("SELECT count(*) FROM articles").fetchone()
        print(sorted(m for m in ("sqlite_utils", "pandas") if m in sys.modules))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def _checkpoint_bytes(conn) -> int:
    pages = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    return pages * conn.execute("PRAGMA page_size").fetchone()[0]


def test_a_new_library_has_32_kib_pages_and_an_old_one_keeps_its_own(tmp_path):
    from library.ingest.importer import IMPORT_CHECKPOINT_BYTES, import_paths
    from library.storage.database import CHECKPOINT_BYTES

    lib = open_library(tmp_path / "new.sqlite")
    assert lib.conn.execute("PRAGMA page_size").fetchone()[0] == 32768
    assert _checkpoint_bytes(lib.conn) == CHECKPOINT_BYTES
    lib.close()

    # A library made before (SQLite's 4 KiB pages) is opened, migrated and written as it is.
    old = tmp_path / "old.sqlite"
    conn = sqlite3.connect(old)
    conn.execute("PRAGMA page_size = 4096")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    lib = open_library(old)
    assert lib.conn.execute("PRAGMA page_size").fetchone()[0] == 4096
    assert _checkpoint_bytes(lib.conn) == CHECKPOINT_BYTES

    # An import checkpoints by the same number of bytes on either page size, and gives
    # the library back with its usual checkpoints.
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"{i}.txt").write_text(f"خبر رقم {i} عن الطقس في المدينة", "utf-8")
    during = []
    import_paths(
        lib,
        [tmp_path / "in"],
        progress=lambda *a, **k: during.append(_checkpoint_bytes(lib.conn)),
        workers=0,
    )
    assert set(during[:-1]) == {IMPORT_CHECKPOINT_BYTES}
    assert _checkpoint_bytes(lib.conn) == CHECKPOINT_BYTES
    lib.close()
