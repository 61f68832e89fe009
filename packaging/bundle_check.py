"""Self-check of a PyInstaller bundle, run inside it: HASHIYA_BUNDLE_CHECK=1 dist/hashiya/hashiya.

The CLI smoke test proves the core runs; this proves that what the GUI loads at run time
made it into the bundle and loads from there: the resources folder (found the way the app
finds it, through library.paths.resources_dir), the Amiri fonts registered with Qt, the
Arabic `.qm` translations (ours and Qt's own), the SVG icons, the gazetteer, and the Qt
platform plugins for X11, Wayland and offscreen. Prints one JSON report; exits 1 if any
check fails. Outside a bundle it runs too (against the source tree), which is how
tests/test_packaging.py keeps it working.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _resources() -> dict[str, Any]:
    from library.paths import resources_dir

    root = resources_dir()
    found = {
        "samples": sorted(p.name for p in (root / "samples").glob("*") if p.is_file()),
        "qm": sorted(p.name for p in (root / "i18n").glob("*.qm")),
        "icons": len(list((root / "icons").glob("*.svg"))),
    }
    if getattr(sys, "frozen", False):
        # The app must read its resources from inside the bundle, never from a source tree.
        inside = Path(sys._MEIPASS).resolve()  # type: ignore[attr-defined]
        if inside not in root.resolve().parents:
            raise AssertionError(f"resources_dir() is {root}, outside the bundle {inside}")
    if not (found["samples"] and found["qm"] and found["icons"]):
        raise AssertionError(f"resources incomplete in {root}: {found}")
    return {"dir": str(root), **found}


def _gazetteer() -> dict[str, Any]:
    from library.marks import gazetteer

    path = gazetteer.path()
    if not path.is_file():
        raise AssertionError(f"no gazetteer at {path}")
    return {"file": path.name, "places": len(gazetteer.load())}


def _fonts() -> dict[str, Any]:
    from reader.look.fonts import bundled_font_files, register_bundled_fonts

    files = [p.name for p in bundled_font_files()]
    families = register_bundled_fonts()
    if "Amiri" not in families:
        raise AssertionError(f"Amiri not registered (files: {files})")
    return {"files": files, "families": families}


def _translations() -> dict[str, Any]:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from reader.i18n import translations_dir

    ours = QTranslator()
    if not ours.load("hashiya_ar", str(translations_dir())) or ours.isEmpty():
        raise AssertionError(f"hashiya_ar.qm does not load from {translations_dir()}")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator()
    if not qt.load("qtbase_ar", qt_dir):
        raise AssertionError(f"Qt's own qtbase_ar.qm does not load from {qt_dir}")
    return {"hashiya_ar": True, "qtbase_ar": True, "qt_dir": qt_dir}


def _icons() -> dict[str, Any]:
    from PySide6.QtSvg import QSvgRenderer

    from reader.look.icons import app_icon, icons_dir

    broken = [p.name for p in icons_dir().glob("*.svg") if not QSvgRenderer(str(p)).isValid()]
    if broken:
        raise AssertionError(f"SVG icons that do not render: {broken}")
    icon = app_icon()
    if icon.isNull() or icon.pixmap(16, 16).isNull():
        raise AssertionError("the application icon is empty")
    return {"app_icon_sizes": [s.width() for s in icon.availableSizes()]}


def _qt_plugins() -> dict[str, Any]:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    names = {p.name for p in (folder / "platforms").glob("*.so")}
    # X11, Wayland, and offscreen for headless use (tests, CI, this check).
    missing = {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} - names
    if missing:
        raise AssertionError(f"platform plugins missing in {folder}: {sorted(missing)}")
    return {"dir": str(folder), "platforms": sorted(names)}


def _page_extractor() -> dict[str, Any]:
    # trafilatura reads its settings.cfg from its package folder: without it a web page
    # would be read by our own parser alone, silently worse.
    from library.ingest.formats import html

    paragraph = "<p>" + "كلمات الخبر في الصفحة " * 20 + "</p>"
    found = html.extract_main(f"<html><body><article>{paragraph * 3}</article></body></html>")
    if html.extractor_problem() or not found:
        raise AssertionError(f"trafilatura does not read pages: {html.extractor_problem()}")
    return {"trafilatura": True, "words": len(found["text"].split())}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "resources": _resources,
    "page_extractor": _page_extractor,
    "gazetteer": _gazetteer,
    "fonts": _fonts,
    "translations": _translations,
    "icons": _icons,
    "qt_plugins": _qt_plugins,
}


def main() -> int:
    # No window is opened: the check needs Qt's font database and painter, not a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import library

    _app = QApplication.instance() or QApplication(sys.argv[:1])
    report: dict[str, Any] = {
        "version": library.__version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "checks": {},
    }
    ok = True
    for name, check in CHECKS.items():
        try:
            report["checks"][name] = {"ok": True, **check()}
        except Exception as exc:  # a report of everything that is wrong beats the first failure
            ok = False
            report["checks"][name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    report["ok"] = ok
    sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
