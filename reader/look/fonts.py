"""The reading face: Amiri ships with the app, better faces are used when installed.

A fresh Linux machine may have no Arabic reading face at all (DESIGN.md fact 5), so the
Amiri files from `fontpkg-amiri` are registered with Qt at start; the user can still
choose any installed family in the preferences.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

log = logging.getLogger(__name__)

PREFERRED_FAMILIES = ("Amiri", "Noto Naskh Arabic", "Scheherazade New")
# What each platform has out of the box, for a machine where even Amiri failed to load.
PLATFORM_FAMILIES = {
    "darwin": ("Geeza Pro", "Al Nile", "Baghdad"),
    "win32": ("Sakkal Majalla", "Traditional Arabic", "Arabic Typesetting", "Segoe UI"),
}


def bundled_font_files() -> list[Path]:
    try:
        import fontpkg_amiri
    except ImportError:
        return []
    return sorted((Path(fontpkg_amiri.ROOT) / "files").glob("*.ttf"))


def register_bundled_fonts() -> list[str]:
    """Register Amiri with Qt (needs a QGuiApplication); returns the families added."""
    if QGuiApplication.instance() is None:
        # Qt's font database crashes rather than failing without an application object.
        raise RuntimeError("register_bundled_fonts() needs a QGuiApplication")
    families: list[str] = []
    for path in bundled_font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Qt could not load the font file %s", path)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        log.warning("no bundled Arabic font: install fontpkg-amiri or an Arabic font")
    return sorted(set(families))


def candidate_families() -> tuple[str, ...]:
    return PREFERRED_FAMILIES + PLATFORM_FAMILIES.get(sys.platform, ())


def article_family(preferred: str = "") -> str:
    """The family articles are set in: the user's choice if installed, else the best one."""
    installed = set(QFontDatabase.families())
    if preferred and preferred in installed:
        return preferred
    for family in candidate_families():
        if family in installed:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()


def article_font(family: str, point_size: float) -> QFont:
    font = QFont(family)
    font.setPointSizeF(point_size)
    # Kerning and the font's own contextual forms carry Arabic; keep Qt from faking any.
    font.setStyleStrategy(QFont.StyleStrategy.PreferQuality)
    return font
