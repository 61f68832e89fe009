"""Start-up: the application object, fonts, language, theme, the library, the window.

`run` is what `hashiya` (no sub-command) and `hashiya gui` call; `start` does everything
but the event loop, so the benchmark and the tests can time and drive a real start.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from library.storage.backup import restore as restore_backup
from library.storage.database import library_files
from library.storage.store import (
    Library,
    LibraryError,
    ReadOnlyLibrary,
    describe_error,
    open_library,
)
from reader import binding_guard  # noqa: F401 - before Qt is used (reader/__init__.py)
from reader.i18n import Translations, resolve_language
from reader.logs import log_path, setup_logging
from reader.look.fonts import register_bundled_fonts
from reader.look.icons import app_icon
from reader.look.theme import ThemeManager
from reader.messages import show_error
from reader.settings import Settings
from reader.window.main_window import MainWindow

APP_NAME = "Hashiya"
# The name of packaging/io.github.hashiya.Hashiya.desktop: Wayland's app_id and KDE's
# window-to-launcher match, so the dock shows the app's icon and name, not a generic one.
APP_ID = "io.github.hashiya.Hashiya"
SMOKE_TEST_MS = 1000
log = logging.getLogger("reader")


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def start(
    path: Path,
    lang: str | None = None,
    *,
    settings: Settings | None = None,
    interactive: bool = True,
) -> tuple[QApplication, MainWindow, Library] | None:
    """Build and show the main window on the library at `path` (created if missing).

    Returns None, after telling the user why, if the library cannot be opened; when not
    `interactive` (a smoke test: nobody would click a message box), raises the
    `LibraryError` instead.
    """
    app = application()
    register_bundled_fonts()
    settings = settings or Settings(QSettings())
    prefs = settings.preferences()
    translations = Translations(app)
    translations.install(resolve_language(lang, prefs.language))
    theme = ThemeManager(app, prefs.theme)
    path = Path(path)
    while True:
        try:
            lib, window = _open_window(path, settings, theme, translations)
            break
        except Exception as exc:  # a damaged page may be met by any read of the window's
            message = _why_not(exc, path)
            log.info("cannot open the library %s: %s", path, message, exc_info=True)
            if not interactive:
                raise LibraryError(message) from exc
            next_path = _after_failure(path, message)
            if next_path is None:
                return None
            path = next_path
    settings.add_recent_library(path)
    window.show()
    # After the first paint: the window appears at once, the article follows.
    QTimer.singleShot(0, window.restore_last_article)
    if not lib.readonly:
        QTimer.singleShot(3000, window.maintenance.daily)
    return app, window, lib


def _open_window(
    path: Path, settings: Settings, theme: ThemeManager, translations: Translations
) -> tuple[Library, MainWindow]:
    lib = open_library_for_reading(path)
    try:
        return lib, MainWindow(lib, settings, theme, translations)
    except BaseException:
        lib.close()
        raise


def _why_not(exc: BaseException, path: Path) -> str:
    """One line for the user: why the library at `path` could not be opened."""
    if isinstance(exc, LibraryError):
        text = str(exc)
        if "malformed" in text or "damaged" in text or "not a database" in text:
            return describe_error(exc, path)
        return " ".join(text.split())
    return " ".join(describe_error(exc, path).split())


def _after_failure(path: Path, message: str) -> Path | None:
    """Ask what to do about a library that cannot be opened: restore one of its backups
    (then open it again), open another library, or quit (None)."""
    from reader.dialogs.file_dialogs import FileDialog
    from reader.window.maintenance_menu import LibraryTroubleBox, RestoreDialog, backups_of

    choices = backups_of(path) if path.exists() else []
    answer = LibraryTroubleBox(path, message, bool(choices)).ask()
    translate = QCoreApplication.translate
    if answer == LibraryTroubleBox.RESTORE:
        dialog = RestoreDialog(choices)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen() is None:
            return _after_failure(path, message)
        try:
            _restore_over_damaged(dialog.chosen(), path)
        except Exception as exc:
            show_error(None, translate("Start", "Restore from Backup"), describe_error(exc, path))
            return _after_failure(path, message)
        return path
    if answer == LibraryTroubleBox.OTHER:
        chosen = FileDialog.open_file(
            None,
            translate("Start", "Open Library"),
            str(path.parent),
            translate("Start", "Hashiya libraries (*.sqlite)"),
        )
        return Path(chosen) if chosen else _after_failure(path, message)
    return None


def _restore_over_damaged(chosen: Path, path: Path) -> None:
    """Put the backup `chosen` in place of the library at `path`, which cannot be opened.

    A damaged file cannot be copied through SQLite (the restore's usual safety copy), so it
    is kept beside, renamed, with SQLite's files (nothing in this process has it open)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in library_files(path):
        if name.exists():
            name.rename(
                name.with_name(f"{path.name}.damaged-{stamp}{name.name[len(path.name) :]}.bak")
            )
    restore_backup(chosen, path)


def open_library_for_reading(path: Path) -> Library:
    """The library at `path`, read-only when it cannot be written (the window says so).

    A read-only mount does not always make SQLite fail to open the file for writing (a
    library with its -wal and -shm is opened and only fails at the first write), so the
    file and its folder are asked first (`os.access`: the file is never opened here,
    DESIGN.md fact 11)."""
    path = Path(path).expanduser()
    if path.is_file() and not _writable(path):
        log.info("%s cannot be written; opening it read-only", path)
        return open_library(path, readonly=True)
    try:
        return open_library(path)
    except ReadOnlyLibrary:
        log.info("%s cannot be written; opening it read-only", path)
        return open_library(path, readonly=True)


def _writable(path: Path) -> bool:
    """Whether the library file and its folder (where SQLite makes the -wal and -shm)
    can be written: false on a read-only mount, whoever the user is."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def run(path: Path, lang: str | None = None, *, smoke_test: bool = False) -> int:
    setup_logging()
    problems = _SmokeTestProblems() if smoke_test else None
    if problems is not None:
        logging.getLogger().addHandler(problems)
    try:
        started = start(Path(path), lang, interactive=not smoke_test)
    except LibraryError as exc:  # a smoke test: said here, not in a message box
        logging.getLogger().removeHandler(problems)
        print(f"hashiya: smoke test failed: cannot open the library: {exc}", file=sys.stderr)
        return 1
    if started is None:
        return 1
    app, window, lib = started
    if problems is not None:
        # Any dialog that opens now would wait forever: close it, and fail the run.
        app.installEventFilter(problems.dialogs)
    previous_hook = sys.excepthook
    if problems is not None:
        # packaging/smoke_test.sh: open the window, let a second of events run (the first
        # article, fonts, icons, translations), close it as a user would. An error fails
        # the run instead of opening a dialog that nobody will click.
        sys.excepthook = lambda *exc: (problems.add_exception(*exc), app.exit(1))
        QTimer.singleShot(SMOKE_TEST_MS, window.close)
    else:
        sys.excepthook = lambda *exc: _report_unexpected(window, *exc)
    # Ctrl+C in the terminal or a SIGTERM closes the window properly (its layout and
    # reading position are saved). Python only sees a signal when it runs some bytecode,
    # hence the idle timer.
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: window.close())
    wake = QTimer(interval=250)
    wake.timeout.connect(lambda: None)
    wake.start()
    try:
        status = app.exec()
    finally:
        wake.stop()
        sys.excepthook = previous_hook
        window.shutdown()
        lib.close()
    if problems is None:
        return status
    logging.getLogger().removeHandler(problems)
    app.removeEventFilter(problems.dialogs)
    if status or problems.messages:
        print(f"hashiya: smoke test failed: {problems.summary(status)}", file=sys.stderr)
        return 1
    print("hashiya: smoke test passed")
    return 0


class _SmokeTestProblems(logging.Handler):
    """Every warning, error and uncaught exception of a --smoke-test run.

    A missing font or translation is only a logged warning in a normal run; in a smoke test
    it is a failure, because that is how a broken bundle shows.
    """

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []
        self.dialogs = _NoDialogs(self.messages)

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"{record.levelname}: {record.getMessage()}")

    def add_exception(self, kind, error, tb) -> None:
        self.messages.append("".join(traceback.format_exception(kind, error, tb)))

    def summary(self, status: int) -> str:
        return "; ".join(self.messages) or f"the event loop ended with status {status}"


class _NoDialogs(QObject):
    """An application event filter for a smoke test: a modal dialog that opens (an error
    box, a question) is noted as a problem and closed at once, instead of waiting for a
    click that never comes."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__()
        self.messages = messages

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog) and watched.isModal():
            text = watched.text() if isinstance(watched, QMessageBox) else ""
            self.messages.append(f"a dialog opened: {watched.windowTitle()} {text}".strip())
            QTimer.singleShot(0, watched.reject)
        return False


def _report_unexpected(
    window: MainWindow, kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    details = "".join(traceback.format_exception(kind, error, tb))
    log.error("unexpected error:\n%s", details)
    translate = QCoreApplication.translate
    show_error(
        window,
        translate("Start", "Hashiya"),
        translate("Start", "Something went wrong: %1").replace("%1", describe_error(error))
        + "\n\n"
        + translate("Start", "Your library is safe. The details are in the log: %1").replace(
            "%1", str(log_path())
        ),
        details,
    )
