"""Relations drawn over the article: an arc from one mention to the other, with the
relation's name small at its top; a relation to an entity is a short line out to the
page's margin, ending in the entity's name.

Painted in the viewport's paint event over the finished document, from the boxes Qt
fills for the two mentions (`highlight_painter.document_boxes`): nothing is inserted in
the text and no format is set on it, so no letter changes shape (DESIGN.md fact 10).
Spans come in stored code-point offsets; the view converts them through its TextMap.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QTextDocument,
)

from reader.views.highlight_painter import LineBox, document_boxes

# How far an arc rises above the line of its ends, in line heights (more for each arc
# starting on the same line, so two arcs there do not lie on each other).
RISE = 0.55
RISE_STEP = 0.3
# The line to an entity reaches this far into the margin, in ems.
MARGIN_REACH = 5
ARROW = 5.0


@dataclass(frozen=True, slots=True)
class RelationArc:
    """One relation to draw: the source mention's stored span, the target mention's (None
    for a relation to an entity), what to write, and the colour."""

    source: tuple[int, int]
    target: tuple[int, int] | None
    label: str
    colour: QColor
    entity: str = ""  # the target entity's name, for a relation to an entity


@dataclass(frozen=True, slots=True)
class PlacedArc:
    """An arc measured on the document: its path and where its label goes."""

    path: QPainterPath
    arrow: QPainterPath
    label: str
    label_at: QPointF
    colour: QColor
    entity: str
    entity_at: QPointF | None


def _anchor(boxes: list[LineBox], rtl: bool) -> QRectF | None:
    """The box a mention's arc starts from: its first line's piece nearest the start."""
    if not boxes:
        return None
    top = min(b.rect.top() for b in boxes)
    first = [b.rect for b in boxes if abs(b.rect.top() - top) < 0.5]
    return max(first, key=lambda r: r.right()) if rtl else min(first, key=lambda r: r.left())


def place_arcs(
    document: QTextDocument,
    arcs: Sequence[tuple[tuple[int, int], tuple[int, int] | None, RelationArc]],
    *,
    rtl: bool,
    em: float,
) -> list[PlacedArc]:
    """Measure arcs given with their ends in *document positions*."""
    spans: list[tuple[int, int]] = []
    for source, target, _arc in arcs:
        spans.append(source)
        spans.append(target if target is not None else source)
    boxes = document_boxes(document, spans)
    frame = document.rootFrame().frameFormat()
    page_left = frame.leftMargin()
    page_right = document.size().width() - frame.rightMargin()
    placed: list[PlacedArc] = []
    stacked: dict[int, int] = {}  # arcs already leaving each line top: raise the next
    for n, (_source, target, arc) in enumerate(arcs):
        a = _anchor(boxes[2 * n], rtl)
        if a is None:
            continue
        height = a.height()
        start = QPointF(a.center().x(), a.top() + height * 0.12)
        level = stacked.get(round(a.top()), 0)
        stacked[round(a.top())] = level + 1
        rise = height * (RISE + RISE_STEP * level)
        path = QPainterPath(start)
        if target is None:
            # Out to the margin on the side the line ends: left in an Arabic page.
            edge = page_left - em * 0.5 if rtl else page_right + em * 0.5
            reach = edge - em * MARGIN_REACH * 0.4 if rtl else edge + em * MARGIN_REACH * 0.4
            reach = min(max(reach, em * 0.5), document.size().width() - em * 0.5)
            y = a.top() - rise * 0.35
            path.lineTo(QPointF(start.x(), y))
            path.lineTo(QPointF(reach, y))
            # One label at the margin end: the relation and the entity it goes to.
            placed.append(
                PlacedArc(path, _dot(QPointF(reach, y)), "", QPointF(reach, y), arc.colour,
                          f"{arc.label} · \u2068{arc.entity}\u2069", QPointF(reach, y))
            )  # fmt: skip
            continue
        b = _anchor(boxes[2 * n + 1], rtl)
        if b is None:
            continue
        end = QPointF(b.center().x(), b.top() + b.height() * 0.12)
        top = min(start.y(), end.y()) - rise
        path.cubicTo(QPointF(start.x(), top), QPointF(end.x(), top), end)
        placed.append(
            PlacedArc(path, _arrow(path), arc.label, path.pointAtPercent(0.5), arc.colour, "", None)
        )
    return placed


def _arrow(path: QPainterPath) -> QPainterPath:
    tip = path.pointAtPercent(1.0)
    back = path.pointAtPercent(0.94)
    angle = math.atan2(tip.y() - back.y(), tip.x() - back.x())
    head = QPainterPath(tip)
    for side in (-0.45, 0.45):
        head.lineTo(
            QPointF(
                tip.x() - ARROW * math.cos(angle + side), tip.y() - ARROW * math.sin(angle + side)
            )
        )
    head.closeSubpath()
    return head


def _dot(at: QPointF) -> QPainterPath:
    dot = QPainterPath()
    dot.addEllipse(at, 2.5, 2.5)
    return dot


def label_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(base.pointSizeF() * 0.6, 8.0))
    return font


def paint_arcs(
    painter: QPainter,
    placed: Sequence[PlacedArc],
    font: QFont,
    paper: QColor,
    clip: QRectF,
    *,
    rtl: bool,
) -> None:
    """Draw measured arcs (document coordinates) over the text."""
    small = label_font(font)
    metrics = QFontMetricsF(small)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setFont(small)
    shown = [
        arc for arc in placed
        if arc.path.controlPointRect().adjusted(-80, -40, 80, 40).intersects(clip)
    ]  # fmt: skip
    # Every line first, then every label, so no arc runs through another's name.
    for arc in shown:
        colour = QColor(arc.colour)
        colour.setAlpha(210)
        painter.setPen(QPen(colour, 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(arc.path)
        painter.setBrush(colour)
        painter.drawPath(arc.arrow)
    for arc in shown:
        colour = QColor(arc.colour)
        _label(
            painter, metrics, arc.label, arc.label_at, colour=colour, paper=paper, clip=clip,
            centred=True, rtl=rtl,
        )  # fmt: skip
        if arc.entity and arc.entity_at is not None:
            _label(
                painter, metrics, arc.entity, arc.entity_at, colour=colour, paper=paper, clip=clip,
                centred=False, rtl=rtl,
            )  # fmt: skip
    painter.restore()


def _label(
    painter: QPainter,
    metrics: QFontMetricsF,
    text: str,
    at: QPointF,
    *,
    colour: QColor,
    paper: QColor,
    clip: QRectF,
    centred: bool,
    rtl: bool,
) -> None:
    if not text:
        return
    width = metrics.horizontalAdvance(text) + 6
    height = metrics.height() + 2
    if centred:
        x = at.x() - width / 2
    else:  # beyond the end of the line to the margin, kept on the page
        x = at.x() - width - 3 if rtl else at.x() + 3
        x = min(max(x, clip.left() + 2), clip.right() - width - 2)
    box = QRectF(x, at.y() - height / 2, width, height)
    back = QColor(paper)
    back.setAlpha(225)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(back)
    painter.drawRoundedRect(box, 3, 3)
    painter.setPen(colour)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
