"""What the reader remembers between runs, on top of a QSettings the caller provides.

The QSettings object is passed in: the app uses the platform's native store, tests use an
INI file in a temporary folder (QSettings caches its default paths once per process, so
changing XDG_CONFIG_HOME between tests would not be enough).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

LANGUAGE_CHOICES = ("system", "en", "ar")
THEME_CHOICES = ("system", "light", "dark")
MAX_RECENT = 6


@dataclass
class Preferences:
    language: str = "system"
    theme: str = "system"
    # Empty: the first installed face of fonts.PREFERRED_FAMILIES.
    font_family: str = ""
    font_size: float = 18.0
    line_spacing: int = 115  # percent of the font's own line height
    show_diacritics: bool = True
    # Suggestions less sure than this (percent) are not shown; 0 shows every one.
    suggestion_confidence: int = 0
    # Suggestions also come from a model trained on the user's tagging in the library.
    learn_from_tagging: bool = True


_TYPES = {"language": str, "theme": str, "font_family": str, "font_size": float,
          "line_spacing": int, "show_diacritics": bool, "suggestion_confidence": int,
          "learn_from_tagging": bool}  # fmt: skip


def _library_key(path: Path | None) -> str:
    # Paths may hold characters QSettings keys do not like ("/" is a group separator).
    raw = str(path.resolve()) if path is not None else ":memory:"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


class Settings:
    def __init__(self, store: QSettings) -> None:
        self.store = store

    # --- preferences -------------------------------------------------------------------

    def preferences(self) -> Preferences:
        prefs = Preferences()
        for f in fields(Preferences):
            kind = _TYPES[f.name]
            value = self.store.value(f"preferences/{f.name}", getattr(prefs, f.name), type=kind)
            setattr(prefs, f.name, kind(value))
        if prefs.language not in LANGUAGE_CHOICES:
            prefs.language = "system"
        if prefs.theme not in THEME_CHOICES:
            prefs.theme = "system"
        prefs.font_size = min(max(prefs.font_size, 8.0), 72.0)
        prefs.line_spacing = min(max(prefs.line_spacing, 80), 300)
        prefs.suggestion_confidence = min(max(prefs.suggestion_confidence, 0), 100)
        return prefs

    def save_preferences(self, prefs: Preferences) -> None:
        for f in fields(Preferences):
            self.store.setValue(f"preferences/{f.name}", getattr(prefs, f.name))
        self.store.sync()

    # --- window ------------------------------------------------------------------------

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None, bool]:
        """Geometry, dock layout, and whether that layout was saved right-to-left."""
        geometry = self.store.value("window/geometry")
        state = self.store.value("window/state")
        rtl = self.store.value("window/rtl", False, type=bool)
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
            bool(rtl),
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray, rtl: bool) -> None:
        self.store.setValue("window/geometry", geometry)
        self.store.setValue("window/state", state)
        self.store.setValue("window/rtl", rtl)

    def library_sort(self) -> tuple[int, bool]:
        column = self.store.value("library/sort_column", 0, type=int)
        descending = self.store.value("library/sort_descending", False, type=bool)
        return int(column), bool(descending)

    def save_library_sort(self, column: int, descending: bool) -> None:
        self.store.setValue("library/sort_column", column)
        self.store.setValue("library/sort_descending", descending)

    def library_columns(self) -> list[str] | None:
        """The names of the library list's columns the user chose to see; None: not chosen."""
        value = self.store.value("library/columns")
        if value is None:
            return None
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [str(v) for v in value if v]

    def save_library_columns(self, names: list[str]) -> None:
        self.store.setValue("library/columns", list(names))

    # --- per library -------------------------------------------------------------------

    def last_article(self, library: Path | None) -> tuple[int | None, int]:
        """The article last open in this library and the reading position in it."""
        key = _library_key(library)
        article = self.store.value(f"libraries/{key}/article", 0, type=int)
        offset = self.store.value(f"libraries/{key}/offset", 0, type=int)
        return (int(article) or None), int(offset)

    def save_last_article(self, library: Path | None, article: int | None, offset: int) -> None:
        key = _library_key(library)
        self.store.setValue(f"libraries/{key}/article", article or 0)
        self.store.setValue(f"libraries/{key}/offset", offset)

    def recent_libraries(self) -> list[Path]:
        value = self.store.value("libraries/recent", [])
        if isinstance(value, str):  # QSettings gives a lone string for a one-item list
            value = [value]
        return [Path(v) for v in (value or []) if v]

    def add_recent_library(self, path: Path) -> None:
        path = path.resolve()
        recent = [p for p in self.recent_libraries() if p != path]
        self.store.setValue("libraries/recent", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def sync(self) -> None:
        self.store.sync()
