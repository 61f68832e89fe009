"""Start-up through the real entry points: `hashiya`, `hashiya gui --library --lang`, and a
real window on an X server (Xvfb) when one can be started."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap

import pytest
from gui_helpers import ROOT

from library.storage.store import open_library

SHOTS = ROOT / "resources" / "screenshots"


# The entry points run in a fresh process, as when a user types `hashiya`: the event loop
# of a real start (app.exec) is not run inside the test process, whose later nested event
# loops it would disturb. The child reports what it opened and quits once the window shows.
ENTRY_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication(sys.argv[:1])
    QMessageBox.exec = lambda self: print(json.dumps({"message": self.text()}), flush=True) or 0

    def report():
        from reader.window.main_window import MainWindow
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, report)
            return
        window = windows[0]
        print(json.dumps({
            "library": str(window.lib.path),
            "rtl": window.isRightToLeft(),
            "page": window.pages.currentWidget().objectName(),
            "menu": window.menus.file.title(),
        }), flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, report)
    from reader.launch import main
    sys.exit(main(sys.argv[1:]))
    """
)


def run_entry(*args: str) -> tuple[int, dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", ENTRY_SCRIPT, *args],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    assert lines, proc.stderr[-2000:]
    return proc.returncode, json.loads(lines[-1])


def test_hashiya_gui_opens_the_given_library_in_arabic(tmp_path):
    library = tmp_path / "new" / "lib.sqlite"
    code, shown = run_entry("gui", "--library", str(library), "--lang", "ar")
    assert code == 0
    assert library.exists()  # created because it was missing
    assert shown == {"library": str(library), "rtl": True, "page": "welcomePage", "menu": "&ملف"}


def test_hashiya_without_a_command_opens_the_default_library(tmp_path):
    code, shown = run_entry()
    assert code == 0
    assert shown["library"] == os.environ["HASHIYA_LIBRARY"]
    assert shown["menu"] == "&File"


def test_a_library_that_cannot_be_opened_is_reported(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 50)
    code, shown = run_entry("gui", "--library", str(bad))
    assert code == 1
    # One box that says why, plainly, and offers another library (reader/app.py).
    assert shown["message"].startswith("Cannot open the library")
    assert "not a Hashiya library" in shown["message"] or "damaged" in shown["message"]


XVFB_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication
    import reader.app as app_module
    from reader.settings import Settings
    from library.ingest.importer import import_paths
    from library.paths import sample_collection
    from library.storage.store import open_library

    library, shot, ini = (Path(a) for a in sys.argv[1:4])
    with open_library(library) as lib:
        import_paths(lib, [sample_collection()])
    app, window, lib = app_module.start(library, "en", settings=Settings(QSettings(str(ini), QSettings.Format.IniFormat)))

    def grab():
        window.open_article(4)
        window.library_panel.select_article(4)
        # No window manager under Xvfb gives the window the X input focus: ask for it.
        window.activateWindow()
        deadline = time.monotonic() + 10
        while not window.isActiveWindow() and time.monotonic() < deadline:
            QGuiApplication.processEvents()
            time.sleep(0.01)
        QGuiApplication.processEvents()
        screen = QGuiApplication.primaryScreen().grabWindow(0)
        screen.save(str(shot))
        # What the X server shows where the window is must be what the window draws.
        screen, own, at = screen.toImage(), window.grab().toImage(), window.geometry().topLeft()
        points = [(x, y) for x in range(0, own.width(), 23) for y in range(0, own.height(), 17)]
        same = sum(screen.pixel(at.x() + x, at.y() + y) == own.pixel(x, y) for x, y in points)
        print("window:" + json.dumps({
            "platform": QGuiApplication.platformName(), "visible": window.isVisible(),
            "active": window.isActiveWindow(), "focus": QApplication.focusWidget() is not None,
            "title": window.windowTitle(), "matching": same, "points": len(points),
        }))
        window.close()
        app.quit()

    QTimer.singleShot(1500, grab)
    app.exec()
    window.shutdown()
    lib.close()
    """
)


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian: xvfb xauth)")
def test_a_real_window_under_xvfb(tmp_path):
    shot = (SHOTS if os.environ.get("HASHIYA_SCREENSHOTS") else tmp_path) / "xvfb-window.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 1280x860x24", sys.executable, "-c", XVFB_SCRIPT,
         str(tmp_path / "lib.sqlite"), str(shot), str(tmp_path / "settings.ini")],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    [line] = [line for line in proc.stdout.splitlines() if line.startswith("window:")]
    shown = json.loads(line.removeprefix("window:"))
    assert shown["platform"] == "xcb", shown  # a real X window, not the offscreen platform
    assert shown["visible"] and shown["active"] and shown["focus"], shown  # it takes the keys
    with open_library(tmp_path / "lib.sqlite") as lib:
        title = lib.conn.execute("SELECT title FROM articles WHERE id = 4").fetchone()[0]
    assert shown["title"].startswith(title), shown  # the article asked for is open
    # The X server's screen shows what the window draws (sampled, a caret may blink).
    assert shown["matching"] >= 0.95 * shown["points"], shown
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert image.width() == 1280
    colours = {image.pixel(x, y) for x in range(0, 1280, 37) for y in range(0, 860, 29)}
    assert len(colours) > 20  # a drawn window, not an empty screen
