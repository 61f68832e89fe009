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

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from library.store import Library, LibraryError, ReadOnlyLibrary, describe_error, open_library
from reader.fonts import register_bundled_fonts
from reader.i18n import Translations, resolve_language
from reader.icons import app_icon
from reader.logs import log_path, setup_logging
from reader.main_window import MainWindow
from reader.messages import show_error
from reader.settings import Settings
from reader.theme import ThemeManager

APP_NAME = "Hashiya"
log = logging.getLogger("reader")


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setWindowIcon(app_icon())
    return app


def start(
    path: Path, lang: str | None = None, *, settings: Settings | None = None
) -> tuple[QApplication, MainWindow, Library] | None:
    """Build and show the main window on the library at `path` (created if missing).

    Returns None, after telling the user why, if the library cannot be opened.
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


def run(path: Path, lang: str | None = None) -> int:
    setup_logging()
    started = start(Path(path), lang)
    if started is None:
        return 1
    app, window, lib = started
    previous_hook = sys.excepthook
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
        return app.exec()
    finally:
        wake.stop()
        sys.excepthook = previous_hook
        window.shutdown()
        lib.close()


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
