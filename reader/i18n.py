"""The interface language: English in the source, Arabic from resources/i18n/hashiya_ar.qm.

Switching installs the translators and the layout direction on the application; Qt then
sends every widget a LanguageChange event and each one sets its texts again, so the
switch happens live without reopening the window.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from library.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ar")
RTL_LANGUAGES = frozenset({"ar"})
# Shown in the language's own name, so a user who cannot read the current one finds theirs.
NATIVE_NAMES = {"en": "English", "ar": "العربية"}


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def system_language() -> str:
    for language in QLocale.system().uiLanguages():
        code = language.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def resolve_language(requested: str | None, preference: str) -> str:
    """--lang wins, then the preference, then the system's locale."""
    for choice in (requested, preference):
        if choice in LANGUAGES:
            return choice
    return system_language()


class Translations(QObject):
    language_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._installed: list[QTranslator] = []
        self._language = "en"

    @property
    def language(self) -> str:
        return self._language

    def install(self, language: str) -> None:
        language = language if language in LANGUAGES else "en"
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if language != "en":
            self._load(translations_dir(), f"hashiya_{language}", required=True)
            qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
            self._load(qt_dir, f"qtbase_{language}", required=False)
        QLocale.setDefault(QLocale(language))
        direction = (
            Qt.LayoutDirection.RightToLeft
            if language in RTL_LANGUAGES
            else Qt.LayoutDirection.LeftToRight
        )
        self._app.setLayoutDirection(direction)
        changed = language != self._language
        self._language = language
        if changed:
            self.language_changed.emit(language)

    def _load(self, folder: Path, name: str, *, required: bool) -> None:
        translator = QTranslator(self)
        if translator.load(name, str(folder)):
            self._app.installTranslator(translator)
            self._installed.append(translator)
        elif required:
            log.warning("no translation %s in %s; run reader/build_translations.py", name, folder)
