"""Highlights painted *under* an unformatted document, so no glyph ever changes shape.

A character format or an ExtraSelection splits the text run at the highlight's edge and
breaks the lam-alef ligature (DESIGN.md fact 10). Here the text is never formatted for a
highlight: the geometry of a span is what Qt fills when the block's QTextLayout draws that
span as a selection (below), and it is painted before the document draws itself on top.

Search hits, the Find bar, and later user highlights, notes and entity underlines all use
`PaintSpan`s in stored code-point offsets; the view converts them through its TextMap.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPaintDevice,
    QPaintEngine,
    QPainter,
    QPainterPath,
    QPen,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
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


# --- geometry: what Qt itself fills for a selection ---------------------------------------
#
# QTextLine.cursorToX is not where Qt draws the letters on a justified line: with the
# trailing space of an RTL line, after a word ending in a diacritic, and for a Latin run at
# the start of an Arabic line it answers positions up to a space away from the glyphs.
# What Qt paints for a selection follows the glyphs, justification included (it walks the
# shaped glyphs' justified advances, and splits a ligature between its letters). So the
# boxes are taken from there: the layout draws itself with the spans as selections onto a
# device that keeps the outline filled for each one and paints nothing. The text itself is
# never given a format (DESIGN.md fact 10).

# A selection is told apart by its colour: index + 1 in the low 24 bits.
_INDEX_MASK = 0xFFFFFF
# Qt merges the outlines of all selections of one call; a few at a time keeps that cheap.
_BATCH = 32
# The clip given to QTextLayout.draw picks the lines; it must not cut the boxes sideways.
_WIDE = 1.0e6


class _OutlineEngine(QPaintEngine):
    """Keeps the path each selection is filled with, by the index in its brush colour."""

    def __init__(self) -> None:
        super().__init__(QPaintEngine.PaintEngineFeature.AllFeatures)
        self.outlines: dict[int, list[QRectF]] = {}
        self._index = 0

    def begin(self, device) -> bool:
        return True

    def end(self) -> bool:
        return True

    def type(self) -> QPaintEngine.Type:
        return QPaintEngine.Type.User

    def updateState(self, state) -> None:
        if state.state() & QPaintEngine.DirtyFlag.DirtyBrush:
            self._index = state.brush().color().rgb() & _INDEX_MASK

    def drawPath(self, path: QPainterPath) -> None:
        # Qt fills each selection's outline once, right after setting its brush.
        if self._index:
            rects = self.outlines.setdefault(self._index - 1, [])
            rects += [polygon.boundingRect() for polygon in path.toSubpathPolygons()]
            self._index = 0

    # The letters and everything else: nothing to keep.
    def drawTextItem(self, point, item) -> None:
        pass

    def drawPixmap(self, rect, pixmap, source) -> None:
        pass

    def drawPolygon(self, *args) -> None:
        pass


_SIDE = 1 << 24
_METRICS = {
    QPaintDevice.PaintDeviceMetric.PdmWidth: _SIDE,
    QPaintDevice.PaintDeviceMetric.PdmHeight: _SIDE,
    QPaintDevice.PaintDeviceMetric.PdmWidthMM: _SIDE * 254 // 960,
    QPaintDevice.PaintDeviceMetric.PdmHeightMM: _SIDE * 254 // 960,
    QPaintDevice.PaintDeviceMetric.PdmDpiX: 96,
    QPaintDevice.PaintDeviceMetric.PdmDpiY: 96,
    QPaintDevice.PaintDeviceMetric.PdmPhysicalDpiX: 96,
    QPaintDevice.PaintDeviceMetric.PdmPhysicalDpiY: 96,
    QPaintDevice.PaintDeviceMetric.PdmDepth: 32,
    QPaintDevice.PaintDeviceMetric.PdmDevicePixelRatio: 1,
    QPaintDevice.PaintDeviceMetric.PdmDevicePixelRatioScaled: round(
        QPaintDevice.devicePixelRatioFScale()
    ),
}


class _OutlineDevice(QPaintDevice):
    """A page as wide as needed that Qt paints on through `_OutlineEngine`."""

    def __init__(self) -> None:
        super().__init__()
        self.engine = _OutlineEngine()

    def paintEngine(self) -> QPaintEngine:
        return self.engine

    def metric(self, metric: QPaintDevice.PaintDeviceMetric) -> int:
        return _METRICS.get(metric, 0)


class _Outlines:
    """Measures spans as Qt's selections; one painter for all the layouts of one paint."""

    def __init__(self) -> None:
        self._device = _OutlineDevice()
        self._painter = QPainter(self._device)
        # Without a pen the letters are not even handed to the engine: only the outlines.
        self._painter.setPen(Qt.PenStyle.NoPen)

    def __enter__(self) -> _Outlines:
        return self

    def __exit__(self, *exc: object) -> None:
        # Before the device goes: a device destroyed while painted on takes Python down.
        self._painter.end()

    def measure(
        self, text_layout: QTextLayout, ranges: list[tuple[int, int]], clip: QRectF | None
    ) -> dict[int, list[QRectF]]:
        """The rectangles Qt fills for a selection of each of `ranges` (Qt positions of the
        layout), by index in `ranges`, in the layout's coordinates (its position added)."""
        engine = self._device.engine
        engine.outlines = {}
        top_y, bottom_y = (-_WIDE, _WIDE) if clip is None else (clip.top(), clip.bottom())
        origin_y = text_layout.position().y()
        order = sorted(range(len(ranges)), key=lambda index: ranges[index])
        for batch in range(0, len(order), _BATCH):
            indexes = order[batch : batch + _BATCH]
            selections = []
            for index in indexes:
                first, last = ranges[index]
                chars = QTextCharFormat()
                chars.setBackground(QColor.fromRgb((index + 1) & _INDEX_MASK))
                selection = QTextLayout.FormatRange()
                selection.start, selection.length, selection.format = first, last - first, chars
                selections.append(selection)
            # Qt walks every line in the clip for every selection: only the lines these
            # spans are on (sorted, a batch covers a few lines).
            high = text_layout.lineForTextPosition(ranges[indexes[0]][0])
            low = text_layout.lineForTextPosition(max(ranges[index][1] for index in indexes) - 1)
            top = max(top_y, origin_y + high.y() - 0.5) if high.isValid() else top_y
            bottom = (
                min(bottom_y, origin_y + low.y() + low.height() + 0.5)
                if low.isValid()
                else bottom_y
            )
            if bottom >= top:
                lines = QRectF(-_WIDE, top, 3 * _WIDE, bottom - top)
                text_layout.draw(self._painter, QPointF(0, 0), selections, lines)
        return engine.outlines


class _Lines:
    """The lines of one layout, found by height."""

    def __init__(self, text_layout: QTextLayout) -> None:
        self.layout = text_layout
        self.origin = text_layout.position()
        self.tops = [text_layout.lineAt(n).y() for n in range(text_layout.lineCount())]

    def boxes(self, rects: list[QRectF]) -> list[LineBox]:
        """Qt's selection rectangles as boxes of their line's height, merged along each line."""
        pieces: dict[int, list[tuple[float, float]]] = {}
        for rect in rects:
            if rect.width() > 0:
                n = max(bisect_right(self.tops, rect.center().y() - self.origin.y()) - 1, 0)
                pieces.setdefault(n, []).append((rect.left(), rect.right()))
        boxes = []
        for n in sorted(pieces):
            line = self.layout.lineAt(n)
            top = self.origin.y() + line.y()
            for x1, x2 in _merge(pieces[n]):
                box = QRectF(x1, top, x2 - x1, line.height())
                boxes.append(LineBox(box, top + line.ascent()))
        return boxes


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
    return document_boxes(document, [(start, end)], clip)[0]


def document_boxes(
    document: QTextDocument, spans: list[tuple[int, int]], clip: QRectF | None = None
) -> list[list[LineBox]]:
    """`span_boxes` of each of `spans`, measured block by block (one pass per block)."""
    boxes: list[list[LineBox]] = [[] for _ in spans]
    layout = document.documentLayout()
    blocks: dict[int, tuple[QTextBlock, list[tuple[int, int, int]]]] = {}
    for index, (start, end) in enumerate(spans):
        block = document.findBlock(start)
        while block.isValid() and block.position() < end:
            if clip is not None:
                rect = layout.blockBoundingRect(block)
                if rect.top() > clip.bottom():
                    break
                if rect.bottom() < clip.top():
                    block = block.next()
                    continue
            first = max(start - block.position(), 0)
            # Qt's own length (UTF-16 units, without the block separator), not len(): an
            # emoji in the paragraph would cut the end of a span reaching the paragraph's end.
            last = min(end - block.position(), block.length() - 1)
            if last > first:
                pieces = blocks.setdefault(block.blockNumber(), (block, []))[1]
                pieces += [(index, a, b) for a, b in _line_pieces(block.layout(), first, last)]
            block = block.next()
    if not blocks:
        return boxes
    with _Outlines() as outlines:
        for number in sorted(blocks):
            block, pieces = blocks[number]
            text_layout = block.layout()
            rects = outlines.measure(text_layout, [(a, b) for _, a, b in pieces], clip)
            by_span: dict[int, list[QRectF]] = {}
            for k, (index, _, _) in enumerate(pieces):
                by_span.setdefault(index, []).extend(rects.get(k, []))
            lines = _Lines(text_layout)
            for index, span_rects in by_span.items():
                boxes[index] += lines.boxes(span_rects)
    return boxes


def _line_pieces(text_layout: QTextLayout, first: int, last: int) -> list[tuple[int, int]]:
    """[first, last) cut at line ends. Qt fills a line a selection covers whole to the
    line's full width, a trailing space past the margin of a justified Arabic line; its
    own piece is measured on the glyphs like any other."""
    line = text_layout.lineForTextPosition(first)
    if not line.isValid():
        return [(first, last)]
    pieces = []
    n = line.lineNumber()
    while first < last and n < text_layout.lineCount():
        line = text_layout.lineAt(n)
        end = min(last, line.textStart() + line.textLength())
        if end > first:
            pieces.append((first, end))
            first = end
        n += 1
    return pieces


def layout_boxes(
    text_layout: QTextLayout, text: str, first: int, last: int, clip: QRectF | None = None
) -> list[LineBox]:
    """Boxes covering Qt positions [first, last) of a laid-out QTextLayout of `text`, in its
    coordinates. Positions are UTF-16 units: convert code-point spans with
    `text_map.utf16_spans` first."""
    if last <= first or not text:
        return []
    pieces = _line_pieces(text_layout, first, last)
    with _Outlines() as outlines:
        rects = outlines.measure(text_layout, pieces, clip)
    return _Lines(text_layout).boxes(
        [rect for k in range(len(pieces)) for rect in rects.get(k, [])]
    )


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
    spans = list(spans)
    measured = document_boxes(document, [(start, end) for start, end, _, _ in spans], clip)
    painter.save()
    for (_, _, colour, style), boxes in zip(spans, measured, strict=True):
        for box in boxes:
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
        # On whole pixels and unblended, like a fill: an antialiased outline blends the
        # page into itself, and that can round a pixel of it one level off.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        pen = 2 if rect.height() >= 24 else 1
        painter.setPen(QPen(colour, pen, Qt.PenStyle.SolidLine, Qt.PenCapStyle.SquareCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        inside = QRectF(rect.toRect()).adjusted(pen / 2, pen / 2, -pen / 2, -pen / 2)
        painter.drawRoundedRect(inside, 2.5, 2.5)
