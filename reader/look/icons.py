"""Monochrome SVG icons from resources/icons, drawn in the palette's text colour.

The files use `currentColor`, so one file serves the light and the dark theme: the icon is
rendered again whenever the palette changes.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from library.paths import resources_dir

SIZES = (16, 24, 32, 48)


def icons_dir() -> Path:
    return resources_dir() / "icons"


@cache
def _svg(name: str) -> str:
    return (icons_dir() / f"{name}.svg").read_text(encoding="utf-8")


def _pixmap(svg: str, size: int) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return pixmap


def themed_icon(name: str, colour: QColor, disabled: QColor | None = None) -> QIcon:
    icon = QIcon()
    for mode, tint in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled)):
        if tint is None:
            continue
        svg = _svg(name).replace("currentColor", tint.name())
        for size in SIZES:
            icon.addPixmap(_pixmap(svg, size), mode)
    return icon


def app_icon() -> QIcon:
    icon = QIcon()
    for size in (*SIZES, 64, 128, 256):
        icon.addPixmap(_pixmap(_svg("hashiya"), size))
    return icon
