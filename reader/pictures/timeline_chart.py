"""The timeline's picture, painted with QPainter: articles per bucket as bars, the
mentions of chosen entities as lines, dates along the time axis, a legend, and a brush.

Direction. Time runs with the reading direction of the interface: left to right in an
English interface, RIGHT TO LEFT in an Arabic one (the earliest bucket at the right
edge), as an Arabic reader reads a line and as Arabic calendars and charts lay out time.
Everything horizontal follows from `_x_of` / `_bucket_at`: bars, lines, labels, the
brush and the mouse; the count axis stands at the start side (left in English, right in
Arabic).

The brush: press on the chart and drag along the time axis; on release the buckets
covered are the chosen range (`range_chosen`, first and last bucket index). A click
without a drag, or Escape, clears it (`range_cleared`).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from library.marks.timeline import DAY, MONTH, WEEK, Timeline

MARGIN = 8
# Lines of entities that share a type (and so a colour) differ by their pen.
_DASHES = (
    Qt.PenStyle.SolidLine,
    Qt.PenStyle.DashLine,
    Qt.PenStyle.DotLine,
    Qt.PenStyle.DashDotLine,
)


class TimelineChart(QWidget):
    range_chosen = Signal(int, int)  # first and last bucket index, in time order
    range_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineChart")
        self.setMinimumHeight(180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._timeline: Timeline | None = None
        self._series: list[tuple[str, QColor, tuple[int, ...]]] = []  # name, colour, counts
        self._brush: tuple[int, int] | None = None  # bucket indexes, either order
        self._pressed_at: int | None = None
        self._dragged = False
        self._hover: int | None = None
        self.bar_colour = QColor("#8e9aa6")
        self.brush_colour = QColor(48, 140, 198, 70)
        self.empty_text = ""

    # --- data ------------------------------------------------------------------------

    @property
    def timeline(self) -> Timeline | None:
        return self._timeline

    def set_timeline(
        self, timeline: Timeline | None, series: list[tuple[str, QColor, tuple[int, ...]]]
    ) -> None:
        """The buckets and bars, and the lines: (legend name, colour, count per bucket)."""
        self._timeline = timeline
        self._series = list(series)
        self._brush = None
        self._hover = None
        self.update()

    @property
    def brush(self) -> tuple[int, int] | None:
        """The chosen bucket indexes (first, last) in time order, or None."""
        return tuple(sorted(self._brush)) if self._brush else None  # type: ignore[return-value]

    def set_brush(self, first: int, last: int) -> None:
        """Show a range as chosen, without announcing it (it is chosen already)."""
        self._brush = (first, last)
        self.update()

    def clear_brush(self) -> None:
        if self._brush is not None:
            self._brush = None
            self.update()
            self.range_cleared.emit()

    # --- geometry --------------------------------------------------------------------

    def _count(self) -> int:
        return len(self._timeline.buckets) if self._timeline else 0

    def plot_rect(self) -> QRectF:
        """Where the bars go: room for the count axis at the start side, the dates below
        and the legend above."""
        metrics = QFontMetricsF(self.font())
        axis = metrics.horizontalAdvance("00000") + MARGIN
        legend = (metrics.height() + 6) if self._series else 0
        rect = QRectF(self.rect()).adjusted(
            MARGIN, MARGIN + legend, -MARGIN, -(metrics.height() * 2 + MARGIN)
        )
        if self.isRightToLeft():
            return rect.adjusted(0, 0, -axis, 0)
        return rect.adjusted(axis, 0, 0, 0)

    def _step(self) -> float:
        return self.plot_rect().width() / max(1, self._count())

    def _x_of(self, index: int) -> float:
        """The left edge of bucket `index` on screen (time runs with the reading direction)."""
        plot = self.plot_rect()
        step = self._step()
        if self.isRightToLeft():
            return plot.right() - (index + 1) * step
        return plot.left() + index * step

    def bucket_at(self, x: float) -> int | None:
        count = self._count()
        plot = self.plot_rect()
        if not count or plot.width() <= 0:
            return None
        offset = (plot.right() - x) if self.isRightToLeft() else (x - plot.left())
        return min(count - 1, max(0, int(offset / self._step())))

    def bar_rect(self, index: int) -> QRectF:
        """Bucket `index`'s bar (empty for a bucket with no article)."""
        timeline = self._timeline
        if timeline is None or not 0 <= index < self._count():
            return QRectF()
        plot = self.plot_rect()
        height = plot.height() * timeline.articles[index] / self.top()
        step = self._step()
        gap = min(2.0, step * 0.15)
        return QRectF(self._x_of(index) + gap / 2, plot.bottom() - height, step - gap, height)

    def top(self) -> int:
        """The count at the top of the plot: bars and lines share one scale (and one
        axis), so a line above a bar means more mentions than articles."""
        lines = (max(counts) for _n, _c, counts in self._series if counts)
        articles = max(self._timeline.articles) if self._timeline and self._timeline.articles else 0
        return max(articles, *lines, 1)

    def centre_x(self, index: int) -> float:
        return self._x_of(index) + self._step() / 2

    # --- painting --------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(palette.ColorRole.WindowText)
        dark = palette.color(palette.ColorRole.Window).lightness() < 128
        # Bars recede behind the lines in either theme: a grey a little off the page.
        self.bar_colour = QColor("#56616d") if dark else QColor("#a9b3bd")
        self.brush_colour = QColor(palette.color(palette.ColorRole.Highlight))
        self.brush_colour.setAlpha(80)
        plot = self.plot_rect()
        timeline = self._timeline
        if timeline is None or not timeline.buckets:
            painter.setPen(text)
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        for index in range(len(timeline.buckets)):
            if timeline.articles[index]:
                colour = self.bar_colour.lighter(125) if index == self._hover else self.bar_colour
                painter.fillRect(self.bar_rect(index), colour)
        # Over the bars: the chosen ones tinted, the rest as they were.
        if self._brush is not None:
            a, b = sorted(self._brush)
            left = min(self._x_of(a), self._x_of(b))
            band = QRectF(
                left, plot.top(), abs(self._x_of(b) - self._x_of(a)) + self._step(), plot.height()
            )
            painter.fillRect(band, self.brush_colour)
        self._paint_lines(painter, plot)
        self._paint_axes(painter, plot, text)
        self._paint_legend(painter, text)

    def _paint_lines(self, painter: QPainter, plot: QRectF) -> None:
        top = self.top()
        for number, (_name, colour, counts) in enumerate(self._series):
            if not counts:
                continue
            painter.setPen(QPen(colour, 2.2, self._style(number)))
            points = [
                QPointF(self.centre_x(i), plot.bottom() - plot.height() * n / top)
                for i, n in enumerate(counts)
            ]
            painter.drawPolyline(points)
            painter.setBrush(colour)
            for point, n in zip(points, counts, strict=True):
                if n:
                    painter.drawEllipse(point, 2.5, 2.5)
            painter.setBrush(Qt.BrushStyle.NoBrush)

    def _style(self, number: int) -> Qt.PenStyle:
        """Solid, unless earlier lines have the same colour: then dashed, dotted…"""
        colour = self._series[number][1]
        same = sum(1 for _n, c, _s in self._series[:number] if c == colour)
        return _DASHES[same % len(_DASHES)]

    def _paint_axes(self, painter: QPainter, plot: QRectF, text: QColor) -> None:
        timeline = self._timeline
        assert timeline is not None
        metrics = QFontMetricsF(self.font())
        grid = QColor(text)
        grid.setAlpha(60)
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
        painter.setPen(text)
        top = self.top()
        rtl = self.isRightToLeft()
        # The count axis: the highest bar's count at its top, 0 at the bottom.
        axis_x = plot.right() + 4 if rtl else plot.left() - metrics.horizontalAdvance("00000") - 4
        axis_w = metrics.horizontalAdvance("00000")
        align = (
            Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight
        ) | Qt.AlignmentFlag.AlignAbsolute
        for value, y in ((top, plot.top()), (0, plot.bottom())):
            box = QRectF(axis_x, y - metrics.height() / 2, axis_w, metrics.height())
            painter.drawText(
                box, align | Qt.AlignmentFlag.AlignVCenter, self.locale().toString(value)
            )
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), plot.top()), QPointF(plot.right(), plot.top()))
        painter.setPen(text)
        # Dates: as many as fit without touching, the first bucket always.
        labels = [self.date_label(b) for b in timeline.buckets]
        widest = max(metrics.horizontalAdvance(label) for label in labels) + 12
        every = max(1, int(widest / max(1.0, self._step())) + 1)
        for index in range(0, len(labels), every):
            centre = self.centre_x(index)
            box = QRectF(centre - widest / 2, plot.bottom() + 4, widest, metrics.height() + 2)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, labels[index])
            painter.setPen(grid)
            painter.drawLine(QPointF(centre, plot.bottom()), QPointF(centre, plot.bottom() + 3))
            painter.setPen(text)
        if self._hover is not None and self._hover < len(labels):
            detail = (
                f"{labels[self._hover]}: {self.locale().toString(timeline.articles[self._hover])}"
            )
            box = QRectF(
                plot.left(),
                plot.bottom() + metrics.height() + 4,
                plot.width(),
                metrics.height() + 2,
            )
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, detail)

    def _paint_legend(self, painter: QPainter, text: QColor) -> None:
        if not self._series:
            return
        metrics = QFontMetricsF(self.font())
        rtl = self.isRightToLeft()
        x = self.width() - MARGIN if rtl else float(MARGIN)
        y = float(MARGIN)
        for number, (name, colour, _counts) in enumerate(self._series):
            style = self._style(number)
            width = metrics.horizontalAdvance(name)
            swatch = 18.0
            if rtl:
                line = (x - swatch, x)
                label = QRectF(x - swatch - 4 - width, y, width, metrics.height())
                x -= swatch + 4 + width + 16
            else:
                line = (x, x + swatch)
                label = QRectF(x + swatch + 4, y, width, metrics.height())
                x += swatch + 4 + width + 16
            painter.setPen(QPen(colour, 2.5, style))
            mid = y + metrics.height() / 2
            painter.drawLine(QPointF(line[0], mid), QPointF(line[1], mid))
            painter.setPen(text)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, name)

    def date_label(self, bucket: str) -> str:
        """A bucket's date in the interface's language (Arabic month names and digits in
        an Arabic interface)."""
        date = QDate.fromString(bucket, "yyyy-MM-dd")
        unit = self._timeline.unit if self._timeline else MONTH
        locale = self.locale()
        if unit == MONTH:
            return locale.toString(date, "MMM yyyy")
        if unit in (DAY, WEEK):
            return locale.toString(date, "d MMM")
        return bucket

    # --- the brush -------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed_at = self.bucket_at(event.position().x())
            self._brush = None if self._pressed_at is None else (self._pressed_at, self._pressed_at)
            self._dragged = False
            self.update()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        at = self.bucket_at(event.position().x())
        if self._pressed_at is not None and at is not None:
            if at != self._pressed_at:
                self._dragged = True
            self._brush = (self._pressed_at, at)
        self._hover = at if self.plot_rect().contains(event.position()) else None
        self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._pressed_at is not None:
            at = self.bucket_at(event.position().x())
            start = self._pressed_at
            self._pressed_at = None
            if at is None or (at == start and not self._dragged):
                # A click: no range (a click on a bar is not a drag across time).
                self._brush = None
                self.update()
                self.range_cleared.emit()
            else:
                self._brush = (start, at)
                self.update()
                first, last = sorted(self._brush)
                self.range_chosen.emit(first, last)
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self._brush is not None:
            self.clear_brush()
            return
        super().keyPressEvent(event)

    def leaveEvent(self, event) -> None:
        self._hover = None
        self.update()
        super().leaveEvent(event)
