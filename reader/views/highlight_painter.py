"""Highlights painted *under* an unformatted document, so no glyph ever changes shape.

A character format or an ExtraSelection splits the text run at the highlight's edge and
breaks the lam-alef ligature (DESIGN.md fact 10). Here the text is never formatted for a
highlight: the geometry of a span comes from the block's QTextLayout and is painted
before the document draws itself on top.

Search hits, the Find bar, and later user highlights, notes and entity underlines all use
`PaintSpan`s in stored code-point offsets; the view converts them through its TextMap.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument, QTextLayout, QTextLine

from reader.views.text_map import utf16_characters

_RUN_FLAGS = (
    QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
    | QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
)


class SpanStyle(Enum):
    FILL = "fill"
    UNDERLINE = "underline"
    FRAME = "frame"
    # A second underline below the first, for a mention nested in another one.
    UNDERLINE_LOW = "underline-low"
    # Dotted: a suggestion, not yet a mark the user made.
    DOTTED = "dotted"


@dataclass(frozen=True, slots=True)
class PaintSpan:
    """A range of the stored body (code points) and how to mark it."""

    start: int
    end: int
    colour: QColor
    style: SpanStyle = SpanStyle.FILL


@dataclass(frozen=True, slots=True)
class LineBox:
    """One visual piece of a span: its horizontal extent on one line, in document coordinates."""

    rect: QRectF
    baseline: float


def _char_extent(line: QTextLine, char: str, index: int) -> tuple[float, float] | None:
    """Extent of `char`, the character at Qt position `index` of the line's layout."""
    lead = line.cursorToX(index, QTextLine.Edge.Leading)[0]
    trail = line.cursorToX(index, QTextLine.Edge.Trailing)[0]
    if lead != trail:
        return min(lead, trail), max(lead, trail)
    if unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return None
    # Qt answers a zero width for the first character of a run embedded in the other
    # direction (an English word in an Arabic line); its glyphs know where it really is.
    extents = []
    for run in line.glyphRuns(index, 1, _RUN_FLAGS):
        advances = run.rawFont().advancesForGlyphIndexes(run.glyphIndexes())
        for pos, adv in zip(run.positions(), advances, strict=False):
            extents += [pos.x(), pos.x() + adv.x()]
    if not extents:
        return None
    return min(extents), max(extents)


def _merge(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[list[float]] = []
    for x1, x2 in sorted(intervals):
        if merged and x1 <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], x2)
        else:
            merged.append([x1, x2])
    return [(a, b) for a, b in merged]


def span_boxes(
    document: QTextDocument, start: int, end: int, clip: QRectF | None = None
) -> list[LineBox]:
    """Boxes covering document positions [start, end), one per visual piece per line.

    A span crossing direction runs (an English name in an Arabic line) gives several
    boxes on the same line. Only lines intersecting `clip` are measured.
    """
    boxes: list[LineBox] = []
    if end <= start:
        return boxes
    layout = document.documentLayout()
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        rect = layout.blockBoundingRect(block)
        if clip is not None and rect.top() > clip.bottom():
            break
        if clip is None or rect.bottom() >= clip.top():
            boxes += _block_boxes(block, start, end, clip)
        block = block.next()
    return boxes


def _block_boxes(block, start: int, end: int, clip: QRectF | None) -> list[LineBox]:
    first = max(start - block.position(), 0)
    # Qt's own length (UTF-16 units, without the block separator), not len(): an emoji
    # in the paragraph would cut the end of a span reaching the paragraph's end.
    last = min(end - block.position(), block.length() - 1)
    return layout_boxes(block.layout(), block.text(), first, last, clip)


def layout_boxes(
    text_layout: QTextLayout, text: str, first: int, last: int, clip: QRectF | None = None
) -> list[LineBox]:
    """Boxes covering Qt positions [first, last) of a laid-out QTextLayout of `text`, in its
    coordinates. Positions are UTF-16 units: convert code-point spans with
    `text_map.utf16_spans` first."""
    origin = text_layout.position()
    boxes = []
    for n in range(text_layout.lineCount()):
        line = text_layout.lineAt(n)
        line_start = line.textStart()
        line_end = line_start + line.textLength()
        a, b = max(first, line_start), min(last, line_end)
        if a >= b:
            continue
        top = origin.y() + line.y()
        if clip is not None and (top > clip.bottom() or top + line.height() < clip.top()):
            continue
        extents = [
            e
            for i, char in utf16_characters(text, a, b)
            if (e := _char_extent(line, char, i)) is not None
        ]
        for x1, x2 in _merge(extents):
            boxes.append(
                LineBox(
                    QRectF(origin.x() + x1, top, x2 - x1, line.height()),
                    top + line.ascent(),
                )
            )
    return boxes


def paint_boxes(
    painter: QPainter, boxes: Iterable[LineBox], colour: QColor, style: SpanStyle
) -> None:
    painter.save()
    for box in boxes:
        _paint_box(painter, box, colour, style)
    painter.restore()


def paint_spans(
    painter: QPainter,
    document: QTextDocument,
    spans: Iterable[tuple[int, int, QColor, SpanStyle]],
    clip: QRectF | None = None,
) -> None:
    """Paint spans given in *document positions*, in order (later ones on top)."""
    painter.save()
    for start, end, colour, style in spans:
        for box in span_boxes(document, start, end, clip):
            _paint_box(painter, box, colour, style)
    painter.restore()


# Underline styles: (depth below the baseline as a share of the descent, pen style).
_UNDERLINES = {
    SpanStyle.UNDERLINE: (0.35, Qt.PenStyle.SolidLine),
    SpanStyle.UNDERLINE_LOW: (0.75, Qt.PenStyle.SolidLine),
    SpanStyle.DOTTED: (0.35, Qt.PenStyle.DotLine),
}


def _paint_box(painter: QPainter, box: LineBox, colour: QColor, style: SpanStyle) -> None:
    rect = box.rect
    if style is SpanStyle.FILL:
        # Square and unblended edges: a fill in the paper colour leaves every pixel as it
        # was, which is what the ligature test relies on.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(rect, colour)
        return
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    if style in _UNDERLINES:
        depth, pen_style = _UNDERLINES[style]
        thickness = max(1.5, rect.height() / 16)
        descent = rect.bottom() - box.baseline
        y = box.baseline + descent * depth
        painter.setPen(QPen(colour, thickness, pen_style, Qt.PenCapStyle.FlatCap))
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
    else:
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect.adjusted(0.75, 0.75, -0.75, -0.75), 2.5, 2.5)
