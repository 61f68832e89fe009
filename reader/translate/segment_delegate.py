"""How a row of the parallel view is drawn and edited.

The source is the article's Arabic, in the article font, right to left, wrapped between
words; the translation is in its own direction (the target language's, or its text's
first strong character), with the segment's note on a line under it; the status is a
coloured mark with its name. Text goes to Qt in logical order and is never reshaped.

Heights come from the wrapped text: `measure` lays a text out once per width and keeps
the height (the view asks for the rows on screen; `estimate` guesses the others from the
number of characters, so a long article opens without laying out every row).
"""

from __future__ import annotations

import math
from collections import OrderedDict

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QFrame,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from reader.translate.segment_model import (
    SOURCE,
    STATUS,
    TARGET,
    NoteRole,
    SegmentIdRole,
    StatusRole,
    status_colour,
    status_text,
)
from reader.views.article_document import paragraph_direction

PAD = 6
NOTE_LINES = 2
CACHE_SIZE = 20_000
# Samples for the average advance of a character (estimates only).
_SAMPLE_AR = "قال المتحدث باسم الوزارة إن اللجنة ستعقد اجتماعها المقبل في العاصمة"
_SAMPLE_LATIN = "The spokesman said the committee would meet next week in the capital"
RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight


def _layout(
    text: str, font: QFont, width: float, direction: Qt.LayoutDirection, max_lines: int = 0
) -> tuple[QTextLayout, float]:
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(direction)
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    start = Qt.AlignmentFlag.AlignRight if direction == RTL else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(start | Qt.AlignmentFlag.AlignAbsolute)
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    lines = 0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
        lines += 1
        if max_lines and lines >= max_lines:
            break
    layout.endLayout()
    return layout, y


class SegmentDelegate(QStyledItemDelegate):
    # From the editor: go to the segment `delta` rows away (Alt+Up/Down), the text kept.
    step_requested = Signal(int)
    # The editor's text needs this height (the row grows while typing).
    editor_height = Signal(int)
    editor_opened = Signal(int)  # the row being edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_font = QFont()
        self.target_font = QFont()
        self.note_font = QFont()
        self.target_direction = LTR
        self._heights: OrderedDict[tuple, float] = OrderedDict()
        self._advance: dict[tuple[str, str], float] = {}

    # --- fonts -------------------------------------------------------------------------

    def set_fonts(self, source: QFont, target: QFont) -> None:
        self.source_font = QFont(source)
        self.target_font = QFont(target)
        self.note_font = QFont(target)
        self.note_font.setItalic(True)
        self.note_font.setPointSizeF(max(target.pointSizeF() * 0.85, 8))
        self._heights.clear()
        self._advance.clear()

    def status_width(self, font: QFont) -> int:
        metrics = QFontMetricsF(font)
        widest = max(
            metrics.horizontalAdvance(status_text(s))
            for s in ("new", "draft", "translated", "reviewed")
        )
        # The pill: a margin, the dot and a gap before the name, a margin after it.
        return int(widest + 9 + 7 + 4 + 9 + 2 * PAD + 6)

    # --- measuring ---------------------------------------------------------------------

    def _direction(self, text: str, fallback: Qt.LayoutDirection) -> Qt.LayoutDirection:
        return paragraph_direction(text, fallback) if text else fallback

    def measure(self, text: str, font: QFont, width: float, fallback: Qt.LayoutDirection) -> float:
        """The height of `text` wrapped to `width` (cached)."""
        if not text:
            return QFontMetricsF(font).height()
        key = (text, font.key(), round(width), fallback)
        found = self._heights.get(key)
        if found is not None:
            return found
        _unused, height = _layout(text, font, width, self._direction(text, fallback))
        self._heights[key] = height
        if len(self._heights) > CACHE_SIZE:
            self._heights.popitem(last=False)
        return height

    def _lines_guess(self, text: str, font: QFont, width: float, sample: str) -> float:
        key = (font.key(), sample)
        advance = self._advance.get(key)
        if advance is None:
            advance = QFontMetricsF(font).horizontalAdvance(sample) / len(sample)
            self._advance[key] = advance
        if not text:
            return QFontMetricsF(font).height()
        # A line wrapped between words is a little shorter than the column.
        lines = max(1, math.ceil(len(text) * advance * 1.08 / max(width, 20.0)))
        lines += text.count("\n")
        return lines * QFontMetricsF(font).lineSpacing()

    def row_height(
        self, source: str, target: str, note: str | None, widths: tuple[int, int], exact: bool
    ) -> int:
        """The row's height for the columns' widths (`exact`: laid out, else estimated)."""
        source_width = max(widths[0] - 2 * PAD, 20)
        target_width = max(widths[1] - 2 * PAD, 20)
        if exact:
            source_h = self.measure(source, self.source_font, source_width, RTL)
            target_h = self.measure(target, self.target_font, target_width, self.target_direction)
        else:
            source_h = self._lines_guess(source, self.source_font, source_width, _SAMPLE_AR)
            target_h = self._lines_guess(target, self.target_font, target_width, _SAMPLE_LATIN)
        if note:
            target_h += PAD / 2 + min(
                self.measure(note, self.note_font, target_width, self.target_direction)
                if exact
                else QFontMetricsF(self.note_font).lineSpacing(),
                NOTE_LINES * QFontMetricsF(self.note_font).lineSpacing(),
            )
        return math.ceil(max(source_h, target_h) + 2 * PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        # The view sets row heights itself (`ParallelView`); this is what it falls back on.
        return QSize(100, int(QFontMetricsF(self.source_font).lineSpacing() + 2 * PAD))

    # --- painting ----------------------------------------------------------------------

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        palette = option.palette
        rect = QRectF(option.rect)
        dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
        painter.save()
        painter.setClipRect(option.rect)
        # The selected row's tint is the view's Highlight (`ParallelView`), painted under
        # the cells by the style; the text keeps its own colour over it.
        painter.setPen(
            QPen(palette.color(QPalette.ColorRole.Midlight if dark else QPalette.ColorRole.Mid), 1)
        )
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        ink = palette.color(QPalette.ColorRole.Text)
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        column = index.column()
        if column == SOURCE:
            self._paint_text(painter, str(index.data() or ""), self.source_font, inner, RTL, ink)
        elif column == TARGET:
            self._paint_target(painter, index, inner, ink, palette)
        elif column == STATUS:
            self._paint_status(painter, index, inner, option, dark, ink)
        painter.restore()

    def _paint_text(  # noqa: PLR0917 - one text, its font, place and colours
        self,
        painter: QPainter,
        text: str,
        font: QFont,
        rect: QRectF,
        fallback: Qt.LayoutDirection,
        ink: QColor,
        max_lines: int = 0,
    ) -> float:
        if not text:
            return 0.0
        layout, height = _layout(
            text, font, max(rect.width(), 20.0), self._direction(text, fallback), max_lines
        )
        painter.setPen(ink)
        layout.draw(painter, rect.topLeft())
        return height

    def _paint_target(
        self, painter: QPainter, index: QModelIndex, rect: QRectF, ink: QColor, palette: QPalette
    ) -> None:
        text = str(index.data() or "")
        height = self._paint_text(painter, text, self.target_font, rect, self.target_direction, ink)
        note = index.data(NoteRole)
        if note:
            top = rect.top() + (height or QFontMetricsF(self.target_font).height()) + PAD / 2
            muted = palette.color(QPalette.ColorRole.PlaceholderText)
            self._paint_text(
                painter,
                "✎ " + " ".join(note.split()),
                self.note_font,
                QRectF(rect.left(), top, rect.width(), rect.bottom() - top),
                self.target_direction,
                muted,
                NOTE_LINES,
            )

    def _paint_status(  # noqa: PLR0917
        self,
        painter: QPainter,
        index: QModelIndex,
        rect: QRectF,
        option: QStyleOptionViewItem,
        dark: bool,
        ink: QColor,
    ) -> None:
        status = index.data(StatusRole) or "new"
        colour = status_colour(status, dark)
        metrics = QFontMetricsF(option.font)
        pill = QRectF(rect.left(), rect.top(), rect.width(), metrics.height() + 6)
        fill = QColor(colour)
        fill.setAlpha(60 if dark else 40)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(fill)
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        # A dot on the leading side, then the name.
        rtl = option.direction == RTL
        dot = 7.0
        dot_x = pill.right() - 9 - dot if rtl else pill.left() + 9
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(dot_x, pill.center().y() - dot / 2, dot, dot))
        painter.setPen(ink)
        painter.setFont(option.font)
        text_rect = (
            pill.adjusted(9 + dot + 4, 0, -9, 0)
            if not rtl
            else pill.adjusted(9, 0, -(9 + dot + 4), 0)
        )
        painter.drawText(
            text_rect,
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignHCenter),
            metrics.elidedText(status_text(status), Qt.TextElideMode.ElideRight, text_rect.width()),
        )
        # The segment's number under the mark (the consistency check names segments so).
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            QRectF(rect.left(), pill.bottom() + 2, rect.width(), metrics.height()),
            int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter),
            QLocale().toString(index.row() + 1),
        )

    # --- editing -----------------------------------------------------------------------

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = TargetEditor(parent, self.target_direction)
        editor.setFont(self.target_font)
        editor.segment_id = index.data(SegmentIdRole)
        editor.submitted.connect(lambda: self._submit(editor))
        editor.step.connect(self.step_requested)
        editor.textChanged.connect(lambda: self._grow(editor))
        self.editor_opened.emit(index.row())
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, TargetEditor) and not editor.loaded:
            editor.loaded = True
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.moveCursor(editor.textCursor().MoveOperation.End)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if isinstance(editor, TargetEditor):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        editor.setGeometry(option.rect.adjusted(1, 1, -1, -1))

    def _submit(self, editor: TargetEditor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _grow(self, editor: TargetEditor) -> None:
        width = max(editor.viewport().width() - 8, 20)
        needed = self.measure(editor.text(), self.target_font, width, self.target_direction)
        self.editor_height.emit(int(needed + 2 * PAD + 10))


class TargetEditor(QPlainTextEdit):
    """The translation being typed. Enter keeps it, Shift+Enter starts a new line,
    Escape drops it, Alt+Up/Down keeps it and goes to the segment above or below."""

    submitted = Signal()
    step = Signal(int)

    def __init__(self, parent: QWidget, direction: Qt.LayoutDirection) -> None:
        super().__init__(parent)
        self.setObjectName("translationEditor")
        self.segment_id: str | None = None
        self.loaded = False
        self.setFrameShape(QFrame.Shape.Box)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # An empty editor starts on the target language's side; text in it then takes
        # the direction of its first strong character, paragraph by paragraph.
        self.setLayoutDirection(direction)
        option = self.document().defaultTextOption()
        option.setTextDirection(direction)
        self.document().setDefaultTextOption(option)

    def text(self) -> str:
        return self.toPlainText()

    def event(self, event: QEvent) -> bool:
        # Alt+Up/Down are the window's next/previous article: here they move between
        # segments, so the editor claims them before the window's shortcut fires.
        if event.type() == QEvent.Type.ShortcutOverride and _is_step(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if _is_step(event):
            self.step.emit(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
                return
            if not mods & ~Qt.KeyboardModifier.KeypadModifier:
                self.submitted.emit()
                return
        super().keyPressEvent(event)


def _is_step(event: QKeyEvent) -> bool:
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return mods == Qt.KeyboardModifier.AltModifier and event.key() in (
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
    )
