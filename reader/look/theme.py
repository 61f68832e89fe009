"""Light, dark and follow-the-system, for the whole window and the article page.

Fusion with explicit palettes, so a theme looks the same on every platform and under the
offscreen platform the tests use. The article page has its own colours (paper, ink,
highlights) chosen so that text on a highlight keeps a contrast ratio of at least 4.5:1
in both themes (WCAG AA); tests check it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

LIGHT, DARK, SYSTEM = "light", "dark", "system"


@dataclass(frozen=True)
class ArticleColours:
    paper: QColor
    ink: QColor
    muted: QColor
    caption_background: QColor
    rule: QColor
    hit: QColor
    current_hit: QColor
    selection: QColor
    selected_ink: QColor


ARTICLE_COLOURS = {
    LIGHT: ArticleColours(
        paper=QColor("#fbf9f4"),
        ink=QColor("#1f1c17"),
        muted=QColor("#665f53"),
        caption_background=QColor("#f1ece1"),
        rule=QColor("#d8d0c0"),
        hit=QColor("#f9d96f"),
        current_hit=QColor("#f4a448"),
        selection=QColor("#b9d3f5"),
        selected_ink=QColor("#1f1c17"),
    ),
    DARK: ArticleColours(
        paper=QColor("#1d1e21"),
        ink=QColor("#e6e1d6"),
        muted=QColor("#a8a295"),
        caption_background=QColor("#27292d"),
        rule=QColor("#3b3d42"),
        hit=QColor("#5a4b12"),
        current_hit=QColor("#8c4c0c"),
        selection=QColor("#2f4f7a"),
        selected_ink=QColor("#f2efe8"),
    ),
}


def _palette(colours: dict[QPalette.ColorRole, str], disabled: str) -> QPalette:
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.HighlightedText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


R = QPalette.ColorRole
LIGHT_PALETTE = {
    R.Window: "#f0eee9", R.WindowText: "#1f1f1f", R.Base: "#ffffff", R.AlternateBase: "#f6f4ef",
    R.Text: "#1f1f1f", R.Button: "#ebe8e2", R.ButtonText: "#1f1f1f", R.BrightText: "#ffffff",
    R.Highlight: "#2f6db5", R.HighlightedText: "#ffffff", R.ToolTipBase: "#fffbe6",
    R.ToolTipText: "#1f1f1f", R.PlaceholderText: "#77736b", R.Link: "#1f5fa8",
    R.LinkVisited: "#6b3fa0", R.Light: "#ffffff", R.Midlight: "#f5f3ef", R.Mid: "#bdb8ae",
    R.Dark: "#9c978d", R.Shadow: "#5a574f",
}  # fmt: skip
DARK_PALETTE = {
    R.Window: "#2a2c30", R.WindowText: "#e4e4e4", R.Base: "#1f2023", R.AlternateBase: "#26282b",
    R.Text: "#e4e4e4", R.Button: "#34363b", R.ButtonText: "#e4e4e4", R.BrightText: "#ffffff",
    R.Highlight: "#3d74c4", R.HighlightedText: "#ffffff", R.ToolTipBase: "#34363b",
    R.ToolTipText: "#e4e4e4", R.PlaceholderText: "#8d9096", R.Link: "#79aef2",
    R.LinkVisited: "#b794e6", R.Light: "#45484e", R.Midlight: "#3a3c41", R.Mid: "#24262a",
    R.Dark: "#1a1b1e", R.Shadow: "#101113",
}  # fmt: skip


def palette_for(scheme: str) -> QPalette:
    if scheme == DARK:
        return _palette(DARK_PALETTE, "#6f7278")
    return _palette(LIGHT_PALETTE, "#9a968d")


def system_scheme() -> str:
    scheme = QGuiApplication.styleHints().colorScheme()
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def relative_luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


class ThemeManager(QObject):
    """Applies a theme to the application and follows the system when asked to."""

    changed = Signal(str)  # the scheme now in effect: "light" or "dark"

    def __init__(self, app: QApplication, mode: str = SYSTEM) -> None:
        super().__init__(app)
        self._app = app
        self._mode = mode
        self._scheme = LIGHT
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)
        self.apply(mode)

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def scheme(self) -> str:
        return self._scheme

    @property
    def article_colours(self) -> ArticleColours:
        return ARTICLE_COLOURS[self._scheme]

    def apply(self, mode: str) -> None:
        self._mode = mode if mode in (LIGHT, DARK, SYSTEM) else SYSTEM
        scheme = system_scheme() if self._mode == SYSTEM else self._mode
        self._scheme = scheme
        self._app.setPalette(palette_for(scheme))
        self.changed.emit(scheme)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self._mode == SYSTEM:
            self.apply(SYSTEM)
