"""The reader never loses its SQLite locks on the library (DESIGN.md fact 11).

On POSIX, closing any descriptor of a file drops every lock the process holds on it. A Qt
file dialog showing the library's folder used to open and close `lib.sqlite`, `-wal` and
`-shm` to guess their types; the next `hashiya` command to close the library then
deleted the -wal and -shm under the window, and the window's later writes were lost.

Each dialog the reader has is opened here on the library's own folder while the window
holds the library, and really lists it; then another process opens the library, writes
and closes it. The window's -wal and -shm must still be there, the other process's write
must show in the window within the poll, the window's write must reach the file, and
`check` must pass. The runtime guard is tested too: a library file deleted, replaced or
unlocked under the window is never written into, and the window reopens it or says so.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from gui_helpers import answer_modals, open_window, sample_library
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel

from library.ops import annotating
from library.storage.backup import backup_file, backups_folder
from reader.views.library_model import ANNOTATIONS
from reader.window.main_window import POLL_MS

CLI = [sys.executable, "-m", "library.cli"]
PROC_LOCKS = Path("/proc/locks")


def cli(library: Path, *args: str) -> subprocess.CompletedProcess:
    """Another process: opens the library, does its work and closes it."""
    done = subprocess.run(
        [*CLI, *args, "--library", str(library)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done


def identities(path: Path) -> tuple[tuple[int, int], ...]:
    """(device, inode) of the library and its -wal and -shm: stat only."""
    names = (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
    return tuple((p.stat().st_dev, p.stat().st_ino) for p in names)


def holds_lock(path: Path) -> bool:
    """Whether this process holds a POSIX lock on `path` (Linux's /proc/locks)."""
    st = path.stat()
    key = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    for line in PROC_LOCKS.read_text().splitlines():
        fields = line.split()
        if fields[1] != "->" and fields[4] == str(os.getpid()) and fields[5] == key:
            return True
    return False


def annotation_count(window, article_id: int):
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.article_id(r) == article_id)
    return model.data(model.index(row, ANNOTATIONS))


def shown_annotation_ids(library: Path, article_id: int) -> list[str]:
    shown = json.loads(cli(library, "show", str(article_id), "--json").stdout)
    return [a["id"] for a in shown["annotations"]]


class CancelAfterLooking:
    """A user who opens a dialog, goes to the library's folder, looks at what it holds
    (all files, where the dialog offers it) and cancels. A file dialog is cancelled only
    once its model has listed the folder: the subfolder `articles` and, where the dialog
    lists files, the library. The dialog runs its own modal loop meanwhile, as for a
    user."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.answered: list[str] = []  # "file dialog", or the dialog's class, in order
        self.listed: list[str] = []  # what the last file dialog showed in the folder

    def arm(self) -> None:
        QTimer.singleShot(0, self._answer)

    def _answer(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, self._answer)
            return
        if not isinstance(dialog, QFileDialog):
            self.answered.append(type(dialog).__name__)
            dialog.reject()
            return
        every = [f for f in dialog.nameFilters() if f.endswith("(*)")]
        if every:
            dialog.selectNameFilter(every[0])
        dialog.setDirectory(str(self.folder))
        files_too = dialog.fileMode() != QFileDialog.FileMode.Directory
        self._wait(dialog, dialog.findChild(QFileSystemModel), files_too)

    def _wait(self, dialog: QFileDialog, model: QFileSystemModel, files_too: bool) -> None:
        root = model.index(str(self.folder))
        names = [model.fileName(model.index(r, 0, root)) for r in range(model.rowCount(root))]
        wanted = {"articles", "lib.sqlite"} if files_too else {"articles"}
        if not wanted <= set(names):
            QTimer.singleShot(10, lambda: self._wait(dialog, model, files_too))
            return
        for name in names:  # what the dialog draws: each one's type and icon
            index = model.index(str(self.folder / name))
            assert model.type(index)
            model.fileIcon(index)
        self.listed = names
        self.answered.append("file dialog")
        dialog.reject()


def _export(window) -> None:
    from reader.dialogs.export_dialog import ExportDialog

    dialog = ExportDialog(window._library_path(), runner=window.runner, parent=window)
    dialog.show()
    dialog.path.setText(str(window._library_path().parent / "notes.md"))
    dialog.browse.click()
    dialog.close()
    dialog.deleteLater()


def _restore(window) -> None:
    backup_file(window._library_path(), backups_folder(window._library_path()) / "x.sqlite")
    window.maintenance.choose_restore()


DIALOGS: dict[str, tuple[Callable, str]] = {
    "import files": (lambda w: w.acts.import_files.trigger(), "file dialog"),
    "import a folder": (lambda w: w.acts.import_folder.trigger(), "file dialog"),
    "open library": (lambda w: w.acts.open_library.trigger(), "file dialog"),
    "new library": (lambda w: w.acts.new_library.trigger(), "file dialog"),
    "export to": (_export, "file dialog"),
    "back up now": (lambda w: w.maintenance.back_up_now(), "file dialog"),
    "restore": (_restore, "RestoreDialog"),
}


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The library's folder, which is also the user's home (dialogs start there)."""
    work = tmp_path / "work"
    (work / "articles").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(work))
    return work


@pytest.mark.parametrize("which", list(DIALOGS))
def test_a_dialog_on_the_library_folder_leaves_the_library_to_sqlite(
    qtbot, tmp_path, folder, which
):
    path = folder / "lib.sqlite"
    lib = sample_library(path)
    user = CancelAfterLooking(folder)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        before = identities(path)
        open_dialog, kind = DIALOGS[which]
        user.arm()
        open_dialog(window)
        assert user.answered == [kind]
        if kind == "file dialog":
            assert "articles" in user.listed

        # Another process opens the library, writes and closes it: the last one to close
        # it, were the window's locks gone, it would delete the -wal and -shm.
        cli(path, "annotate", "1", "--start", "0", "--end", "4", "--highlight", "--json")
        assert identities(path) == before
        qtbot.waitUntil(lambda: annotation_count(window, 1) in (1, "1"), timeout=3 * POLL_MS)

        # The window's own write reaches the file, where another process reads it.
        op = window.annotations.performer.perform(
            "highlight", lambda db: annotating.highlight(db, 2, 0, 4)
        )
        assert op is not None
        assert op.result[0].id in shown_annotation_ids(path, 2)
        assert identities(path) == before
        if PROC_LOCKS.exists():
            assert holds_lock(path)
    lib.close()
    report = json.loads(cli(path, "check", "--json").stdout)
    assert report["ok"] and not report["problems"], report


def test_every_file_dialog_of_the_reader_is_the_one_that_opens_nothing():
    """Qt's static dialogs (getOpenFileName…), a QFileSystemModel or a QMimeDatabase
    built elsewhere would read the files of the folder they show again: only
    reader/dialogs/file_dialogs.py may use them."""
    root = Path(__file__).resolve().parent.parent / "reader"
    names = ("QFileDialog", "QFileSystemModel", "QFileIconProvider", "QMimeDatabase")
    found = [
        f"{path.relative_to(root)}: {name}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "file_dialogs.py"
        for name in names
        if name in path.read_text(encoding="utf-8")
    ]
    assert not found


def wal_descriptors(path: Path) -> list[Path]:
    """This process's descriptors of the library's -wal (Linux), read as links only."""
    wal = path.with_name(path.name + "-wal")
    found = []
    for fd in Path("/proc/self/fd").iterdir():
        try:
            if fd.readlink() == wal:
                found.append(fd)
        except OSError:
            continue
    return found


def unchanged_since(descriptors: list[Path]) -> Callable[[], bool]:
    """A check that nothing was written to the files behind `descriptors` since now
    (`stat` through /proc/self/fd follows the descriptor, even to a deleted file)."""

    def state() -> list[tuple[int, int]]:
        return [(d.stat().st_size, d.stat().st_mtime_ns) for d in descriptors]

    before = state()
    return lambda: state() == before


linux_only = pytest.mark.skipif(
    not (PROC_LOCKS.exists() and Path("/proc/self/fd").exists()), reason="needs Linux's /proc"
)


@linux_only
def test_a_library_deleted_under_the_window_is_not_written_and_is_reopened_when_back(
    qtbot, tmp_path, folder, monkeypatch
):
    path = folder / "lib.sqlite"
    lib = sample_library(path)
    kept = backup_file(path, tmp_path / "kept.sqlite")
    seen = answer_modals(monkeypatch)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        descriptors = wal_descriptors(path)
        assert descriptors
        for name in ("lib.sqlite", "lib.sqlite-wal", "lib.sqlite-shm"):
            (folder / name).unlink()
        untouched = unchanged_since(descriptors)
        qtbot.waitUntil(lambda: any("deleted" in t for t in seen), timeout=3 * POLL_MS)
        assert window.lib.readonly
        assert "(read-only)" in window.windowTitle()

        op = window.annotations.performer.perform(
            "highlight", lambda db: annotating.highlight(db, 2, 0, 4)
        )
        assert op is None  # refused, and said so
        assert untouched()
        assert not path.exists()

        kept.replace(path)  # the user puts the file back
        qtbot.waitUntil(lambda: any("reopened" in t for t in seen), timeout=3 * POLL_MS)
        assert not window.lib.readonly
        op = window.annotations.performer.perform(
            "highlight", lambda db: annotating.highlight(db, 2, 0, 4)
        )
        assert op is not None
        assert op.result[0].id in shown_annotation_ids(path, 2)
    lib.close()
    assert json.loads(cli(path, "check", "--json").stdout)["ok"]


REPLACE = """
import os, sqlite3, sys
path, copy = sys.argv[1], sys.argv[2]
src = sqlite3.connect(path)
dest = sqlite3.connect(copy)
src.backup(dest)
dest.execute("INSERT INTO tags (name) VALUES ('from the copy')")
dest.commit()
dest.close()
src.close()
os.replace(copy, path)
"""


@linux_only
def test_a_library_replaced_under_the_window_is_reopened_and_the_old_file_never_written(
    qtbot, tmp_path, folder, monkeypatch
):
    path = folder / "lib.sqlite"
    lib = sample_library(path)
    seen = answer_modals(monkeypatch)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        old = identities(path)
        descriptors = wal_descriptors(path)
        assert descriptors
        done = subprocess.run(
            [sys.executable, "-c", REPLACE, str(path), str(folder / "copy.sqlite")],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        untouched = unchanged_since(descriptors)
        # A write before the poll has noticed: refused, never in the old file.
        op = window.annotations.performer.perform(
            "highlight", lambda db: annotating.highlight(db, 2, 0, 4)
        )
        assert op is None
        assert untouched()
        qtbot.waitUntil(lambda: any("reopened" in t for t in seen), timeout=3 * POLL_MS)
        assert identities(path)[0] != old[0]
        tags = window.lib.conn.execute("SELECT name FROM tags").fetchall()
        assert [t[0] for t in tags] == ["from the copy"]  # the window reads the new file
        op = window.annotations.performer.perform(
            "highlight", lambda db: annotating.highlight(db, 2, 0, 4)
        )
        assert op is not None
        assert op.result[0].id in shown_annotation_ids(path, 2)
    lib.close()
    report = json.loads(cli(path, "check", "--json").stdout)
    assert report["ok"], report


@linux_only
def test_locks_lost_in_the_window_are_taken_back_before_another_process_closes(
    qtbot, tmp_path, folder
):
    path = folder / "lib.sqlite"
    lib = sample_library(path)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        assert holds_lock(path)
        # Any code of this process opening and closing the file drops the locks
        # (what the file dialogs did): the guard notices and reopens the library.
        with path.open("rb"):
            pass
        assert not holds_lock(path)
        qtbot.waitUntil(lambda: holds_lock(path), timeout=3 * POLL_MS)
        assert "reopened" in window.statusBar().currentMessage()
        after = identities(path)
        cli(path, "annotate", "1", "--start", "0", "--end", "4", "--highlight", "--json")
        assert identities(path) == after
        qtbot.waitUntil(lambda: annotation_count(window, 1) in (1, "1"), timeout=3 * POLL_MS)
        op = window.annotations.performer.perform(
            "highlight", lambda db: annotating.highlight(db, 2, 0, 4)
        )
        assert op is not None
        assert op.result[0].id in shown_annotation_ids(path, 2)
    lib.close()
    assert json.loads(cli(path, "check", "--json").stdout)["ok"]


@linux_only
def test_a_library_moved_away_and_back_keeps_what_the_window_wrote(
    qtbot, tmp_path, folder, monkeypatch
):
    path = folder / "lib.sqlite"
    lib = sample_library(path)
    seen = answer_modals(monkeypatch)
    with open_window(qtbot, lib, tmp_path) as session:
        window = session.window
        op = window.annotations.performer.perform(
            "highlight", lambda db: annotating.highlight(db, 2, 0, 4)
        )
        assert op is not None  # in the -wal only: SQLite has not copied it into the file yet
        away = tmp_path / "elsewhere.sqlite"
        path.replace(away)
        qtbot.waitUntil(lambda: any("deleted" in t for t in seen), timeout=3 * POLL_MS)
        away.replace(path)  # the very same file comes back
        qtbot.waitUntil(lambda: any("reopened" in t for t in seen), timeout=3 * POLL_MS)
        assert not window.lib.readonly
        assert op.result[0].id in shown_annotation_ids(path, 2)
    lib.close()
    assert json.loads(cli(path, "check", "--json").stdout)["ok"]
