"""The window open while scripts import and annotate the same library in other processes:
both sides succeed, and the window shows the changes within a couple of seconds."""

from __future__ import annotations

import json
import subprocess
import sys

from gui_helpers import open_window, sample_library

from reader.views.library_model import ANNOTATIONS

CLI = [sys.executable, "-m", "library.cli"]


def test_imports_and_annotations_from_scripts_show_up_while_the_window_is_open(qtbot, tmp_path):
    lib = sample_library(tmp_path / "lib.sqlite")
    src = tmp_path / "new"
    src.mkdir()
    for i in range(30):
        (src / f"{i}.txt").write_text(f"خبر من سكربت {i}\n\nنص الخبر رقم {i}.", encoding="utf-8")
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        before = window.model.rowCount()
        # The window keeps reading (and polling) while the script writes.
        proc = subprocess.Popen(
            [*CLI, "import", str(src), "--json", "--library", str(lib.path)],
            stdout=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=60_000)
        assert proc.returncode == 0
        assert json.loads(proc.stdout.read())["imported"] == 30
        proc.stdout.close()
        qtbot.waitUntil(lambda: window.model.rowCount() == before + 30, timeout=3_000)

        done = subprocess.run(
            [*CLI, "annotate", "1", "--start", "0", "--end", "4", "--highlight", "--json",
             "--library", str(lib.path)],
            capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        row = next(r for r in range(window.model.rowCount()) if window.model.article_id(r) == 1)
        notes = window.model.index(row, ANNOTATIONS)
        qtbot.waitUntil(lambda: window.model.data(notes) in (1, "1"), timeout=3_000)
    lib.close()
