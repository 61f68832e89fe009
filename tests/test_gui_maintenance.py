"""Tools ▸ Check/Back Up/Restore, the daily backup, read-only libraries, error reports."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from gui_helpers import answer_modals, open_window, sample_library
from PySide6.QtWidgets import QMessageBox

from library.storage.backup import backups_folder
from library.storage.store import ReadOnlyLibrary, describe_error
from reader.dialogs.file_dialogs import FileDialog


@pytest.fixture
def session(qtbot, tmp_path):
    lib = sample_library(tmp_path / "lib.sqlite")
    with open_window(qtbot, lib, tmp_path) as s:
        yield s
    lib.close()


def _wait(qtbot, maintenance, what: str):
    with qtbot.waitSignal(maintenance.finished, timeout=20_000) as blocker:
        pass
    assert blocker.args == [what]


def test_tools_menu_holds_check_backup_and_restore(session, qtbot, monkeypatch, tmp_path):
    window, maintenance = session.window, session.window.maintenance
    tools = window.menus.tools
    entries = tools.actions()
    assert entries == [maintenance.check_action, maintenance.backup_action,
                       maintenance.restore_action, maintenance.reclean_action]  # fmt: skip
    assert [a.text() for a in entries] == [
        "&Check Library…",
        "&Back Up Now…",
        "&Restore from Backup…",
        "Re-&clean Library…",
    ]
    assert all(a.isEnabled() for a in entries)
    # On the menu bar, just before Help.
    bar = [a.menu() for a in window.menuBar().actions()]
    assert bar.index(tools) == bar.index(window.menus.help) - 1
    assert tools in window.menus.all()

    # Each entry does what it says, from the menu (no dialog is left waiting for a user).
    answer_modals(monkeypatch)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    entries[2].trigger()  # restore, with no backup yet
    assert told == ["There are no backups yet."]
    target = tmp_path / "from-the-menu.sqlite"
    monkeypatch.setattr(FileDialog, "save_file", lambda *a, **k: str(target))
    with qtbot.waitSignal(maintenance.finished, timeout=20_000) as blocker:
        entries[1].trigger()
    assert blocker.args == ["backup"]
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    copy.close()
    with qtbot.waitSignal(maintenance.finished, timeout=20_000) as blocker:
        entries[0].trigger()
    assert blocker.args == ["check"]
    assert "sound" in maintenance.last_dialog.summary.text()
    maintenance.last_dialog.close()


def test_check_finds_and_repairs_a_stale_index(session, qtbot):
    maintenance = session.window.maintenance
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        maintenance.check_action.trigger()
    dialog = maintenance.last_dialog
    assert "sound" in dialog.summary.text() and dialog.repair_button is None
    dialog.close()

    session.lib.conn.execute(
        "UPDATE articles SET raw = hashiya_raw(raw, raw_z, body), raw_z = NULL, body = 'نص تغير خلف الفهرس' WHERE id = 1"
    )
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        maintenance.run_check(repair=False)
    dialog = maintenance.last_dialog
    assert "outdated text" in dialog.details.toPlainText()
    assert dialog.repair_button is not None
    heard = []
    session.window.changes.changed.connect(heard.append)
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        dialog.repair_button.click()
    assert "repaired" in maintenance.last_dialog.summary.text()
    # The rebuilt index reaches every view through the window's change stream.
    assert len(heard) == 1 and heard[0].everything


def test_back_up_now_and_restore(session, qtbot, tmp_path, monkeypatch):
    maintenance = session.window.maintenance
    target = backups_folder(session.lib.path) / "manual.sqlite"
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        maintenance.back_up_to(target)
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    copy.close()

    session.lib.conn.execute("DELETE FROM articles WHERE id > 3")
    monkeypatch.setattr(
        "reader.window.maintenance_menu.ask", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    assert target in maintenance.backups()
    assert maintenance.restore(target)
    window = session.window
    assert window.lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11
    qtbot.waitUntil(lambda: window.model.rowCount() == 11, timeout=5000)
    safety = list(session.lib.path.parent.glob("lib.sqlite.before-restore-*.bak"))
    assert len(safety) == 1


def test_restore_asks_first(session, monkeypatch, qtbot):
    maintenance = session.window.maintenance
    target = backups_folder(session.lib.path) / "manual.sqlite"
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        maintenance.back_up_to(target)
    session.lib.conn.execute("DELETE FROM articles WHERE id > 3")
    monkeypatch.setattr(
        "reader.window.maintenance_menu.ask", lambda *a, **k: QMessageBox.StandardButton.No
    )
    assert not maintenance.restore(target)
    assert session.lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3


def test_restore_waits_until_no_long_job_uses_the_library(session, monkeypatch, qtbot):
    from reader.workers.runner import LONG

    seen = answer_modals(monkeypatch)
    window, maintenance = session.window, session.window.maintenance
    target = backups_folder(session.lib.path) / "manual.sqlite"
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        maintenance.back_up_to(target)
    session.lib.conn.execute("DELETE FROM articles WHERE id > 3")
    monkeypatch.setattr(
        "reader.window.maintenance_menu.ask", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    started, gate = threading.Event(), threading.Event()

    def long_job(_path, _handle):  # an import or an export, say, still using the file
        started.set()
        gate.wait(10)

    try:
        window.runner.submit(session.lib.path, long_job, lane=LONG, write=True)
        assert started.wait(5)
        assert not maintenance.restore(target)
        assert any("busy" in text for text in seen)
        assert session.lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not window.runner.busy(LONG), timeout=5000)
    assert maintenance.restore(target)
    assert window.lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 11


def test_a_failed_backup_is_shown_by_the_window_with_its_title(session, monkeypatch, qtbot):
    shown = []
    monkeypatch.setattr(
        "reader.window.main_window.show_error", lambda parent, *args: shown.append((parent, *args))
    )
    maintenance = session.window.maintenance
    folder = session.lib.path.parent / "a-folder"
    folder.mkdir()
    with qtbot.waitSignal(maintenance.finished, timeout=20_000) as blocker:
        maintenance.back_up_to(folder)
    assert blocker.args == ["failed"]
    assert shown == [
        (session.window, "Back Up Now", f"{folder} is a folder; give the backup's file name")
    ]


def test_daily_backup_is_made_once(session, qtbot):
    maintenance = session.window.maintenance
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        maintenance.daily()
    made = list(backups_folder(session.lib.path).glob("lib-????-??-??.sqlite"))
    assert len(made) == 1
    with qtbot.waitSignal(maintenance.finished, timeout=20_000):
        maintenance.daily()
    assert list(backups_folder(session.lib.path).glob("lib-????-??-??.sqlite")) == made


def test_a_library_that_cannot_be_written_opens_read_only(qtbot, tmp_path, monkeypatch):
    import reader.app as app_module
    from reader.settings import Settings

    sample_library(tmp_path / "lib.sqlite").close()
    real_open = app_module.open_library

    def refuse_writing(path, readonly=False):
        if not readonly:
            raise ReadOnlyLibrary(
                f"{path} cannot be written (attempt to write a readonly database)"
            )
        return real_open(path, readonly=True)

    monkeypatch.setattr(app_module, "open_library", refuse_writing)
    from gui_helpers import make_settings

    settings: Settings = make_settings(tmp_path)
    started = app_module.start(tmp_path / "lib.sqlite", "en", settings=settings)
    assert started is not None
    _app, window, lib = started
    qtbot.addWidget(window)
    try:
        assert lib.readonly
        assert "(read-only)" in window.windowTitle()
        assert not window.acts.import_files.isEnabled()
        assert not window.start_import([tmp_path])
        assert window.model.rowCount() == 11  # still readable
    finally:
        window.close()
        window.shutdown()
        lib.close()


def test_unexpected_errors_show_details_and_the_log(session, monkeypatch):
    import reader.app as app_module

    shown = []
    monkeypatch.setattr(app_module, "show_error", lambda *args: shown.append(args))
    try:
        raise sqlite3.OperationalError("database or disk is full")
    except sqlite3.OperationalError as exc:
        app_module._report_unexpected(session.window, type(exc), exc, exc.__traceback__)
    (_parent, _title, text, details) = shown[0]
    assert "The disk is full" in text
    assert "hashiya.log" in text
    assert "OperationalError" in details


def test_a_full_disk_during_import_is_a_clear_message(session, qtbot, monkeypatch, tmp_path):
    seen = answer_modals(monkeypatch)
    from library.storage import store

    real_connect = store.connect

    def tiny_disk(path, readonly=False):
        conn = real_connect(path, readonly=readonly)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store, "connect", tiny_disk)
    src = tmp_path / "new"
    src.mkdir()
    (src / "a.txt").write_text("عنوان جديد\n\n" + "نص طويل جداً " * 3000, encoding="utf-8")
    window = session.window
    with qtbot.waitSignal(window.imports.failed, timeout=20_000) as blocker:
        window.start_import([src])
    assert "The disk is full" in blocker.args[0]
    qtbot.waitUntil(lambda: any("stopped" in s for s in seen), timeout=5000)


def test_about_names_the_library_schema_and_log(session, qtbot):
    session.window.show_about()
    box = next(w for w in session.window.findChildren(QMessageBox) if w.isVisible())
    info = box.informativeText()
    assert str(session.lib.path) in info and "hashiya.log" in info
    assert f"{session.lib.schema_version}" in info
    box.close()


def test_describe_error_sentences():
    assert "read-only" in describe_error(
        sqlite3.OperationalError("attempt to write a readonly database")
    )
    assert "busy" in describe_error(sqlite3.OperationalError("database is locked"))
    assert describe_error(ValueError("plain")) == "plain"


def test_re_cleaning_from_the_menu_moves_the_annotations_with_the_text(session, qtbot, monkeypatch):
    """Tools ▸ Re-clean Library: every article is cleaned again from its imported text,
    its annotations follow, and the views hear of it on the change stream."""
    from library.marks.annotations import add_highlight, get_annotation

    window, lib = session.window, session.lib
    body = lib.conn.execute("SELECT body FROM articles WHERE id = 1").fetchone()[0]
    # The text as an older cleaning left it: something in front that the rules drop.
    stale = "تمهيد قديم.\n" + body
    lib.conn.execute(
        "UPDATE articles SET raw = hashiya_raw(raw, raw_z, body), raw_z = NULL, body = ? WHERE id = 1",
        (stale,),
    )
    lib.conn.commit()
    word = body.split()[2]
    start = stale.index(word, len("تمهيد قديم.\n"))
    mark = add_highlight(lib, 1, start, start + len(word), "yellow")
    heard = []
    window.changes.changed.connect(heard.append)
    monkeypatch.setattr(
        "reader.window.maintenance_menu.ask", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(window.maintenance.finished, timeout=30_000) as blocker:
        window.maintenance.reclean_action.trigger()
    assert blocker.args == ["reclean"]
    assert lib.conn.execute("SELECT body FROM articles WHERE id = 1").fetchone()[0] == body
    moved = get_annotation(lib, mark.id)
    assert body[moved.start : moved.end] == word and moved.start < start
    assert any(1 in c.content and mark.id in c.annotations for c in heard)
    assert "re-cleaned" in window.statusBar().currentMessage()
