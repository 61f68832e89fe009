"""Render the application icon into the freedesktop hicolor sizes.

The one drawing is `resources/icons/hashiya.svg` (the running app renders the same file for
its window icon). This script copies it as the scalable icon and renders the PNG sizes
that desktops and software centres look up, under the reverse-DNS application id:

    packaging/icons/hicolor/scalable/apps/io.github.hashiya.Hashiya.svg
    packaging/icons/hicolor/<N>x<N>/apps/io.github.hashiya.Hashiya.png   N = 16 ... 512

Run it again after changing the SVG: `.venv/bin/python packaging/render_icons.py`.
`--check` renders into memory and exits 1 if a committed PNG is missing or differs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

APP_ID = "io.github.hashiya.Hashiya"
SIZES = (16, 32, 48, 64, 128, 256, 512)
ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "hashiya.svg"
HICOLOR = ROOT / "packaging" / "icons" / "hicolor"


def png_path(size: int, hicolor: Path = HICOLOR) -> Path:
    return hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def svg_path(hicolor: Path = HICOLOR) -> Path:
    return hicolor / "scalable" / "apps" / f"{APP_ID}.svg"


def render(size: int, source: Path = SOURCE):
    """The icon at exactly `size` pixels, antialiased, on a transparent background."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {source} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report whether the PNGs are up to date"
    )
    args = parser.parse_args(argv)

    # Rendering needs a QGuiApplication (for the paint engine), not a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication, QImage

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])

    stale: list[str] = []
    scalable = svg_path()
    if not scalable.exists() or scalable.read_bytes() != SOURCE.read_bytes():
        stale.append(str(scalable.relative_to(ROOT)))
        if not args.check:
            scalable.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SOURCE, scalable)
    for size in SIZES:
        image = render(size)
        target = png_path(size)
        if target.exists() and QImage(str(target)).convertToFormat(image.format()) == image:
            continue
        stale.append(str(target.relative_to(ROOT)))
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not image.save(str(target), "PNG"):
                raise SystemExit(f"render_icons: cannot write {target}")

    if args.check:
        for name in stale:
            print(f"out of date: {name}", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
