"""Themes (light, dark, system) and the interface language (English, Arabic, mirrored)."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from gui_helpers import ROOT, open_window, sample_library
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMenu

from reader.i18n import resolve_language, translations_dir
from reader.look.theme import ARTICLE_COLOURS, DARK, LIGHT, ThemeManager, contrast_ratio
from reader.views.library_model import TITLE, ArticleIdRole

TS = ROOT / "resources" / "i18n" / "hashiya_ar.ts"


@pytest.fixture
def lib(tmp_path):
    library = sample_library(tmp_path / "lib.sqlite")
    yield library
    library.close()


@pytest.mark.parametrize("scheme", [LIGHT, DARK])
def test_article_and_highlight_colours_stay_readable(scheme):
    colours = ARTICLE_COLOURS[scheme]
    for background in (colours.paper, colours.hit, colours.current_hit, colours.caption_background):
        assert contrast_ratio(colours.ink, background) >= 4.5, (scheme, background.name())
    assert contrast_ratio(colours.muted, colours.paper) >= 4.5
    assert contrast_ratio(colours.selected_ink, colours.selection) >= 4.5
    # A hit must be visible against the page.
    assert contrast_ratio(colours.hit, colours.paper) >= 1.3
    assert contrast_ratio(colours.current_hit, colours.hit) >= 1.2


def test_switching_theme_recolours_the_window_and_the_article(qtbot, lib, tmp_path):
    with open_window(qtbot, lib, tmp_path, theme="light") as session:
        window = session.window
        window.open_article(window.model.index(0, TITLE).data(ArticleIdRole))
        light_window = QApplication.palette().color(QPalette.ColorRole.Window)
        window.acts.theme_dark.trigger()
        assert session.theme.scheme == DARK
        dark_window = QApplication.palette().color(QPalette.ColorRole.Window)
        assert dark_window.lightness() < 80 < light_window.lightness()
        assert window.view.palette().color(QPalette.ColorRole.Base) == ARTICLE_COLOURS[DARK].paper
        assert window.view.palette().color(QPalette.ColorRole.Text) == ARTICLE_COLOURS[DARK].ink
        assert window.view.style.colours == ARTICLE_COLOURS[DARK]
        assert session.settings.preferences().theme == "dark"
        # The article page really is painted dark.
        image = window.view.viewport().grab().toImage()
        assert image.pixelColor(2, image.height() - 3).lightness() < 60
        window.acts.theme_light.trigger()
        assert window.view.palette().color(QPalette.ColorRole.Base) == ARTICLE_COLOURS[LIGHT].paper


def test_follow_the_system_scheme(qtbot, monkeypatch):
    hints = QGuiApplication.styleHints()
    manager = ThemeManager(QApplication.instance(), "system")
    try:
        monkeypatch.setattr(hints, "colorScheme", lambda: Qt.ColorScheme.Dark)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert manager.scheme == DARK
        monkeypatch.setattr(hints, "colorScheme", lambda: Qt.ColorScheme.Light)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert manager.scheme == LIGHT
        manager.apply("dark")  # an explicit choice no longer follows the system
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert manager.scheme == DARK
    finally:
        manager.apply("light")
        manager.deleteLater()


def test_switching_to_arabic_translates_and_mirrors_the_layout(qtbot, lib, tmp_path):
    with open_window(qtbot, lib, tmp_path, language="en") as session:
        window = session.window
        assert window.menus.file.title() == "&File"
        assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
        library_x = window.library_dock.geometry().center().x()
        assert library_x < window.width() / 2
        window.acts.language_ar.trigger()
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # Qt delivers LanguageChange through the event loop.
        qtbot.waitUntil(lambda: window.menus.file.title() == "&ملف")
        assert window.model.headerData(TITLE, Qt.Orientation.Horizontal) == "العنوان"
        assert window.library_dock.windowTitle() == "المكتبة"
        # The library now sits on the right, where an Arabic reader starts.
        assert window.library_dock.geometry().center().x() > window.width() / 2
        assert QLocale().language() == QLocale.Language.Arabic
        assert session.settings.preferences().language == "ar"
        window.acts.language_en.trigger()
        qtbot.waitUntil(lambda: window.menus.file.title() == "&File")
        assert window.library_dock.geometry().center().x() < window.width() / 2


def test_every_visible_string_is_arabic_when_the_interface_is(qtbot, lib, tmp_path):
    latin_word = re.compile(r"[A-Za-z]{3,}")
    # Names, key names and file patterns stay as they are in Arabic too.
    allowed = {
        "English",
        "Esc",
        "Ctrl",
        "Shift",
        "Alt",
        "Down",
        "Del",
        "Return",
        "Enter",
        "Hashiya",
        "GNU",
        "LGPL",
        "SIL",
        "sqlite",
    }
    with open_window(qtbot, lib, tmp_path, language="ar") as session:
        window = session.window
        window.open_article(window.model.index(0, TITLE).data(ArticleIdRole))
        texts = []
        for menu in window.findChildren(QMenu):
            texts.append(menu.title())
            texts += [a.text() for a in menu.actions()]
        texts += [a.text() for a in window.acts.all()] + [a.toolTip() for a in window.acts.all()]
        texts += [a.statusTip() for a in window.acts.all()]
        texts += [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window)]
        texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisibleTo(window)]
        texts += [
            w.placeholderText()
            for w in (window.search_panel.box, window.library_panel.filter_box, window.find_bar.box)
        ]
        texts += [
            window.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(window.model.columnCount())
        ]
        texts += [
            d.windowTitle()
            for d in (window.library_dock, window.search_dock, window.annotation_dock)
        ]
        # Article data (titles, file names) is not interface text.
        data = _article_strings(window)
        leftovers = [
            t for t in texts
            if t and set(latin_word.findall(t)) - allowed and not any(t in s for s in data)
        ]  # fmt: skip
        assert leftovers == []


def _article_strings(window) -> list[str]:
    model = window.model
    strings = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            strings.append(str(model.index(row, column).data() or ""))
    return strings


def test_the_arabic_translation_is_complete():
    root = ET.parse(TS).getroot()
    messages = root.findall("./context/message")
    assert len(messages) > 100
    unfinished = [
        m.findtext("source")
        for m in messages
        if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
    ]
    assert unfinished == []
    for message in messages:
        source = message.findtext("source")
        node = message.find("translation")
        # A plural message (%n) holds one <numerusform> per Arabic plural form.
        forms = [n.text or "" for n in node.findall("numerusform")]
        translation = " ".join(forms) if forms else node.text
        assert translation and all(forms), source
        # Placeholders survive translation (in every plural form); Arabic text is Arabic.
        for text in forms or [translation]:
            assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", text)), source
        if re.search("[A-Za-z]{3}", source.replace("Hashiya", "")):
            assert re.search("[\u0600-\u06ff]", translation), source


def test_the_ts_file_covers_every_string_in_the_code(tmp_path):
    """lupdate on the code finds nothing the committed .ts file lacks."""
    from reader.build_translations import READER_DIR, tool

    fresh = tmp_path / "fresh_ar.ts"
    fresh.write_bytes(TS.read_bytes())
    sources = sorted(str(p) for p in READER_DIR.rglob("*.py"))
    subprocess.run(
        [
            tool("lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
    )
    root = ET.parse(fresh).getroot()
    missing = [
        m.findtext("source")
        for m in root.findall("./context/message")
        if m.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], "run python -m reader.build_translations and translate the new strings"


def test_the_built_qm_is_there_and_newer_than_the_ts():
    qm = translations_dir() / "hashiya_ar.qm"
    assert qm.exists() and qm.stat().st_size > 1000
    assert qm.stat().st_mtime >= TS.stat().st_mtime - 1


def test_language_choice_order(monkeypatch):
    assert resolve_language("ar", "en") == "ar"
    assert resolve_language(None, "en") == "en"
    monkeypatch.setattr("reader.i18n.system_language", lambda: "ar")
    assert resolve_language(None, "system") == "ar"
