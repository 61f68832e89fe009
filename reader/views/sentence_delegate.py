"""A list row for a mention in context: the article's title, then the sentence around the
mention with the mention marked the way the article marks things (painted under the
text, never a format change). Used by the entity index and Tag All Occurrences."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.views.highlight_painter import SpanStyle, paint_boxes
from reader.views.item_text import mark_boxes, text_layout

SentenceRole = Qt.ItemDataRole.UserRole + 20
LINES = 2
PADDING = 5

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class InContext:
    title: str
    sentence: str
    start: int  # the mention inside `sentence`, in code points (converted when drawn)
    end: int


def window_around(context: InContext, before: int = 60) -> InContext:
    """Start the sentence a little before the mention, so two lines always show it."""
    if context.start <= before:
        return context
    cut = context.sentence.rfind(" ", 0, context.start - before)
    cut = context.start - before if cut < 0 else cut + 1
    return InContext(
        context.title,
        "…" + context.sentence[cut:],
        context.start - cut + 1,
        context.end - cut + 1,
    )


class SentenceDelegate(QStyledItemDelegate):
    def __init__(self, mark_colour: Callable[[], QColor], parent=None) -> None:
        super().__init__(parent)
        self._mark_colour = mark_colour
        self.content_font: QFont | None = None

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        body = QFont(self.content_font or option.font)
        title = QFont(option.font)
        title.setBold(True)
        return title, body

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title, body = self._fonts(option)
        height = QFontMetricsF(title).height() + LINES * QFontMetricsF(body).height()
        return QSize(200, int(height + 3 * PADDING))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        context: InContext | None = index.data(SentenceRole)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if context is None:
            return
        context = window_around(context)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        title_font, body_font = self._fonts(option)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        rect = text_rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        width = float(max(rect.width(), 10))
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(ink)
        title_text = QFontMetricsF(title_font).elidedText(
            " ".join(context.title.split()), Qt.TextElideMode.ElideRight, width
        )
        text_layout(title_text, title_font, width, 1, opt.direction).draw(
            painter, QPointF(rect.left(), rect.top())
        )
        sentence = text_layout(context.sentence, body_font, width, LINES, opt.direction)
        painter.translate(
            QPointF(rect.left(), rect.top() + QFontMetricsF(title_font).height() + PADDING / 2)
        )
        if not selected and context.end > context.start:
            paint_boxes(
                painter,
                mark_boxes(sentence, context.sentence, [(context.start, context.end)]),
                self._mark_colour(),
                SpanStyle.FILL,
            )
        sentence.draw(painter, QPointF(0, 0))
        painter.restore()
