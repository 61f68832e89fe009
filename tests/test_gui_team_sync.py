"""Team ▸ Sync with the Team Library…: the reader syncing through a real, throw-away
PostgreSQL server (tests/pg_server.py), its automatic sync, and conflicts settled in it."""

from __future__ import annotations

import pg_server
import pytest
from gui_helpers import add_article, open_window
from PySide6.QtCore import Qt

from library.marks.annotations import set_author
from library.ops import annotating
from library.storage.store import open_library
from library.team.sync import sync
from reader.team.sync_dialog import SyncDialog, with_password

# Written for these tests.
TITLE = "سوق الخضار الجديد"
BODY = "افتتحت البلدية سوقاً جديداً للخضار قرب المحطة، وقال التجار إن الأسعار ستنخفض."


@pytest.fixture
def libraries(tmp_path, pg):
    """Two members' libraries holding the same article, and their team library's URL."""
    made = []
    for name in ("huda", "omar"):
        lib = open_library(tmp_path / f"{name}.sqlite")
        set_author(lib, name)
        add_article(lib, TITLE, BODY, folder=tmp_path / name)
        made.append(lib)
    yield *made, pg.url(pg.new_database())
    for lib in made:
        lib.close()


def first_article(lib) -> int:
    return lib.conn.execute("SELECT id FROM articles").fetchone()[0]


def notes(lib) -> list[tuple[str, str]]:
    rows = lib.conn.execute("SELECT author, note FROM annotations ORDER BY author")
    return [tuple(r) for r in rows]


def sync_in_dialog(qtbot, dialog: SyncDialog) -> None:
    controller = dialog.controller
    with qtbot.waitSignal(controller.running_changed, timeout=30_000) as blocker:
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        if not controller.running:  # refused at once (a bad URL): no signal to wait for
            blocker.signal_triggered = True
    qtbot.waitUntil(lambda: not controller.running, timeout=30_000)


def test_sync_from_the_reader_brings_the_team_s_work_and_settles_a_conflict(
    qtbot, tmp_path, libraries
):
    huda, omar, url = libraries
    start = BODY.index("سوقاً جديداً")
    made = annotating.add_note(omar, first_article(omar), start, start + 12, "سوق الجمعة").result
    sync(omar, url)
    with open_window(qtbot, huda, tmp_path) as session:
        window = session.window
        team = window.menus.team_actions
        team.sync_settings.trigger()
        dialog = team.sync_dialog
        assert dialog is not None and dialog.isVisible()
        dialog.url.setText(url)
        sync_in_dialog(qtbot, dialog)
        assert "1 received" in dialog.status.text(), dialog.status.text()
        assert notes(huda) == [("omar", "سوق الجمعة")]
        # Remembered for this library, without a password.
        assert team.syncer.url == url

        # Both change the same note: the server keeps Omar's, Huda keeps hers, both listed.
        annotating.edit_annotation(omar, made[0].id, note="سوق الأحد")
        sync(omar, url)
        window.annotations.performer.perform(
            "edit-note", lambda lib: annotating.edit_annotation(lib, made[0].id, note="سوق السبت")
        )
        sync_in_dialog(qtbot, dialog)
        assert dialog.table.rowCount() == 1
        assert "note" in dialog.table.item(0, 3).text()
        assert dialog.table.item(0, 1).text() == "omar"
        dialog.table.setCurrentCell(0, 0)  # (selectRow selects nothing in a right-to-left table)
        assert "سوق السبت" in dialog.details.text() and "سوق الأحد" in dialog.details.text()
        qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == 0
        assert notes(huda) == [("omar", "سوق الأحد")]


def test_the_automatic_sync_runs_on_its_timer(qtbot, tmp_path, libraries):
    huda, omar, url = libraries
    start = BODY.index("التجار")
    annotating.add_note(omar, first_article(omar), start, start + 6, "من هم؟")
    sync(omar, url)
    with open_window(qtbot, huda, tmp_path) as session:
        team = session.window.menus.team_actions
        team.show_sync()
        dialog = team.sync_dialog
        dialog.url.setText(url)
        dialog.every.setValue(5)
        sync_in_dialog(qtbot, dialog)
        syncer = team.syncer
        assert syncer.timer.isActive() and syncer.timer.interval() == 5 * 60_000
        # Omar adds more; the next tick of the timer (fired here) brings it.
        annotating.add_note(omar, first_article(omar), 0, 5, "البلدية")
        sync(omar, url)
        with qtbot.waitSignal(syncer.finished, timeout=30_000):
            syncer.timer.timeout.emit()
        assert sorted(n for _a, n in notes(huda)) == ["البلدية", "من هم؟"]
        dialog.every.setValue(0)
        dialog.sync_now()
        qtbot.waitUntil(lambda: not syncer.running, timeout=30_000)
        assert not syncer.timer.isActive()


def test_a_bad_address_or_an_absent_server_is_said_and_loses_nothing(qtbot, tmp_path, libraries):
    huda, _omar, _url = libraries
    annotating.add_note(huda, first_article(huda), 0, 5, "ملاحظتي")
    with open_window(qtbot, huda, tmp_path) as session:
        team = session.window.menus.team_actions
        team.show_sync()
        dialog = team.sync_dialog
        dialog.url.setText("mysql://somewhere/team")
        qtbot.mouseClick(dialog.sync_button, Qt.MouseButton.LeftButton)
        assert "not a PostgreSQL URL" in dialog.status.text()
        assert not team.syncer.running
        dialog.url.setText(f"postgresql://nobody@127.0.0.1:{pg_server._free_port()}/team")
        sync_in_dialog(qtbot, dialog)
        assert "cannot reach" in dialog.status.text()
        assert notes(huda) == [("huda", "ملاحظتي")]


def test_a_typed_password_goes_in_the_url_libpq_reads_and_nowhere_else():
    assert with_password("postgresql://u@h/db", "") == "postgresql://u@h/db"
    assert with_password("postgresql://u@h/db", "p&q") == "postgresql://u@h/db?password=p%26q"
    assert with_password("postgresql://u@h/db?sslmode=require", "x").endswith("&password=x")


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshots(qtbot, tmp_path, libraries, language, theme):
    """The dialog after a sync that left a conflict (HASHIYA_TEAM_SHOTS=DIR keeps them)."""
    import os
    from pathlib import Path

    huda, omar, url = libraries
    made = annotating.add_note(omar, first_article(omar), 0, 5, "أولى").result
    sync(omar, url)
    sync(huda, url)
    annotating.edit_annotation(omar, made[0].id, note="ثانية")
    sync(omar, url)
    annotating.edit_annotation(huda, made[0].id, note="ثالثة")
    with open_window(qtbot, huda, tmp_path, language=language, theme=theme) as session:
        team = session.window.menus.team_actions
        team.show_sync()
        dialog = team.sync_dialog
        dialog.url.setText(url)
        sync_in_dialog(qtbot, dialog)
        assert dialog.table.rowCount() == 1
        dialog.table.setCurrentCell(0, 0)  # (selectRow selects nothing in a right-to-left table)
        dialog.layout().activate()  # the details label's new height, before the grab
        folder = Path(os.environ.get("HASHIYA_TEAM_SHOTS", tmp_path))
        folder.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(folder / f"sync-{language}-{theme}.png"))


def test_sync_is_in_the_file_menu_too(qtbot, tmp_path, lib):
    with open_window(qtbot, lib, tmp_path) as session:
        menus = session.window.menus
        team = menus.team_actions
        for menu in (menus.file, menus.team):
            assert team.sync_settings in menu.actions() and team.sync_action in menu.actions()
        assert team.sync_action.shortcut().toString() == "Ctrl+Shift+S"
