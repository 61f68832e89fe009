"""Short texts in list items (titles, snippets, sentences), wrapped to a few lines.

Each text is laid out in its own direction and starts on its own side: an Arabic
snippet in an English list is right-aligned, an English one in an Arabic list left.

Marks on such a text (a search hit, a mention) come as code-point spans from the library;
`mark_boxes` turns them into Qt's UTF-16 positions through `text_map` before measuring.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption

from reader.views.article_document import paragraph_direction
from reader.views.highlight_painter import LineBox, layout_boxes
from reader.views.text_map import utf16_spans


def text_layout(
    text: str, font: QFont, width: float, max_lines: int, fallback: Qt.LayoutDirection
) -> QTextLayout:
    layout = QTextLayout(text, font)
    option = QTextOption()
    direction = paragraph_direction(text, fallback)
    option.setTextDirection(direction)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    # Each text starts on its own side (AlignLeading would mean the left edge here).
    start = (
        Qt.AlignmentFlag.AlignRight
        if direction == Qt.LayoutDirection.RightToLeft
        else Qt.AlignmentFlag.AlignLeft
    )
    option.setAlignment(start | Qt.AlignmentFlag.AlignAbsolute)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    for _ in range(max_lines):
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return layout


def mark_boxes(layout: QTextLayout, text: str, spans: Iterable[tuple[int, int]]) -> list[LineBox]:
    """Boxes under the code-point `spans` of `text`, laid out in `layout` by `text_layout`."""
    return [
        box
        for start, end in utf16_spans(text, spans)
        if end > start
        for box in layout_boxes(layout, text, start, end)
    ]
