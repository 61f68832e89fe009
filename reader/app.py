"""Start-up: the application object, fonts, language, theme, the library, the window.

`run` is what `hashiya` (no sub-command) and `hashiya gui` call; `start` does everything
but the event loop, so the benchmark and the tests can time and drive a real start.
"""

from __future__ import annotations

import logging
import signal
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

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
    try:
        lib = open_library_for_reading(path)
    except LibraryError as exc:
        if not interactive:
            raise
        translate = QCoreApplication.translate
        show_error(
            None,
            translate("Start", "Hashiya"),
            translate("Start", "Cannot open the library."),
            str(exc),
        )
        return None
    settings.add_recent_library(Path(path))
    window = MainWindow(lib, settings, theme, translations)
    window.show()
    # After the first paint: the window appears at once, the article follows.
    QTimer.singleShot(0, window.restore_last_article)
    if not lib.readonly:
        QTimer.singleShot(3000, window.maintenance.daily)
    return app, window, lib


def open_library_for_reading(path: Path) -> Library:
    """The library at `path`, read-only when it cannot be written (the window says so)."""
    try:
        return open_library(path)
    except ReadOnlyLibrary:
        log.warning("%s cannot be written; opening it read-only", path)
        return open_library(path, readonly=True)


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
