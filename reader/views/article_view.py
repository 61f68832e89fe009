"""The article page: a read-only text view with highlights painted under the text.

Everything the view reports or accepts about the article (hits, highlights, selections,
the reading position) is in stored code-point offsets; `TextMap` converts, nowhere else.
Style changes (zoom, font, spacing, theme, hiding diacritics) rebuild the document and
put the same stored offset back at the top of the page, so nothing moves under the
reader's eyes and no highlight drifts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPalette,
    QTextBlockFormat,
    QTextCursor,
    QTextFrameFormat,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QTextEdit, QWidget

from library.storage.articles import Article
from reader.views.article_document import (
    ArticleDocument,
    ReadingStyle,
    build_document,
    paragraph_direction,
)
from reader.views.highlight_painter import PaintSpan, paint_spans
from reader.views.relation_arcs import PlacedArc, RelationArc, paint_arcs, place_arcs
from reader.views.text_map import TextMap

ZOOM_STEPS = (9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 24, 26, 28, 32, 36, 40, 48, 56, 64, 72)
# Lines longer than this many ems are hard to follow; wider windows get side margins.
MEASURE_EMS = 38
# Below this many ems a line holds only a few Arabic words, and Qt justifies them by
# opening gaps between the letters that do not join; ragged lines read better there.
JUSTIFY_MIN_EMS = 24


class ArticleView(QTextEdit):
    position_changed = Signal(int, int, int)  # paragraph (1-based), paragraphs, percent
    hits_changed = Signal(int, int)  # current hit (0-based, -1 for none), number of hits
    zoom_changed = Signal(float)  # point size
    # The context menu before it shows, and the viewport point it is for: other parts
    # (the annotation gestures) add their commands to it.
    context_menu_opening = Signal(object, QPoint)

    def __init__(self, style: ReadingStyle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Lines break between words only: QTextEdit's default also breaks inside a word
        # too wide for the column (التعاو|ن), and leaves the alef of a lam-alef alone.
        # It gives the document its own mode over the document's, so it is set here.
        # Such a word overflows the column; the page scrolls sideways when it overflows
        # the margin too.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalScrollBar().rangeChanged.connect(self._fit_overflow)
        self._style = style
        self._article: Article | None = None
        self._built: ArticleDocument | None = None
        self._layers: dict[str, list[PaintSpan]] = {}
        # The same spans in document positions, converted once per layer and document
        # (a layer may hold thousands of spans and the page repaints often).
        self._doc_layers: dict[str, list[tuple]] = {}
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        # Relations drawn over the text, and their arcs measured on the current layout
        # (None: to measure again, after a new document, width or set of relations).
        self._relations: list[RelationArc] = []
        self._relations_shown = True
        self._placed: list[PlacedArc] | None = None
        self._apply_palette()
        self.verticalScrollBar().valueChanged.connect(self._report_position)

    # --- content -----------------------------------------------------------------------

    @property
    def article(self) -> Article | None:
        return self._article

    @property
    def style(self) -> ReadingStyle:
        return self._style

    @property
    def text_map(self) -> TextMap | None:
        return self._built.text_map if self._built else None

    def show_article(self, article: Article | None, *, offset: int = 0) -> None:
        """Show `article` (None for an empty page) with stored offset `offset` at the top."""
        self._article = article
        self._layers.clear()
        self._relations = []
        self._hits, self._current = [], -1
        self._rebuild(offset)
        self.hits_changed.emit(-1, 0)

    def set_style(self, style: ReadingStyle) -> None:
        if style == self._style:
            return
        offset = self.reading_offset()
        self._style = style
        self._apply_palette()
        self._rebuild(offset)

    def set_hide_diacritics(self, hide: bool) -> None:
        self.set_style(replace(self._style, hide_diacritics=hide))

    def _rebuild(self, offset: int) -> None:
        self._doc_layers.clear()
        self._placed = None
        # The view lets go of the old document before Python frees it.
        if self._article is None:
            self.setDocument(None)  # QTextEdit makes itself an empty one
            self._built = None
            self._report_position()
            return
        built = build_document(self._article, self._style)
        self._set_measure(built, self.viewport().width())
        self.setDocument(built.document)
        self._built = built
        self.scroll_to_offset(offset)
        self._report_position()

    def _apply_palette(self) -> None:
        colours = self._style.colours
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base, colours.paper)
            palette.setColor(group, QPalette.ColorRole.Text, colours.ink)
            palette.setColor(group, QPalette.ColorRole.Highlight, colours.selection)
            palette.setColor(group, QPalette.ColorRole.HighlightedText, colours.selected_ink)
        # QTextDocumentLayout draws a block's horizontal rule in the inactive WindowText.
        palette.setColor(QPalette.ColorGroup.Inactive, QPalette.ColorRole.WindowText, colours.rule)
        self.setPalette(palette)

    def _set_measure(self, built: ArticleDocument, width: int) -> None:
        em = self._style.point_size * 96 / 72
        margin = built.document.documentMargin()
        side = margin + max(0.0, (width - 2 * margin - MEASURE_EMS * em) / 2)
        root = built.document.rootFrame()
        fmt: QTextFrameFormat = root.frameFormat()
        if abs(fmt.leftMargin() - side) >= 1:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            root.setFrameFormat(fmt)
        self._set_justified(built, width - 2 * side >= JUSTIFY_MIN_EMS * em)

    def _set_justified(self, built: ArticleDocument, justified: bool) -> None:
        if built.justified == justified:
            return
        built.justified = justified
        align = QTextBlockFormat()
        # Leading edge: right in an Arabic paragraph, left in an English one.
        align.setAlignment(
            Qt.AlignmentFlag.AlignJustify if justified else Qt.AlignmentFlag.AlignLeading
        )
        block = built.document.findBlockByNumber(built.first_body_block)
        cursor = QTextCursor(built.document)
        cursor.setPosition(block.position())
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeBlockFormat(align)

    def _fit_overflow(self, _minimum: int, overflow: int) -> None:
        """A word wider than the column makes the page wider: Qt lays an overflowing line
        out from the column's left edge, in either direction, into the right margin. A
        scroll bar comes only when the word is wider than column and margin together, and
        the page still opens on the column, whichever way the window is mirrored."""
        margin = self.document().rootFrame().frameFormat().rightMargin()
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if overflow > margin
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        if self.horizontalScrollBarPolicy() != policy:
            self.setHorizontalScrollBarPolicy(policy)
        bar = self.horizontalScrollBar()
        bar.setValue(bar.maximum() if self.isRightToLeft() else bar.minimum())

    def resizeEvent(self, event) -> None:
        if self._built is not None:
            offset = self.reading_offset()
            self._placed = None
            self._set_measure(self._built, event.size().width())
            super().resizeEvent(event)
            self.scroll_to_offset(offset)
        else:
            super().resizeEvent(event)

    # --- zoom --------------------------------------------------------------------------

    def set_point_size(self, size: float) -> None:
        size = min(max(size, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        if size != self._style.point_size:
            self.set_style(replace(self._style, point_size=size))
            self.zoom_changed.emit(size)

    def zoom_in(self) -> None:
        larger = [s for s in ZOOM_STEPS if s > self._style.point_size]
        if larger:
            self.set_point_size(larger[0])

    def zoom_out(self) -> None:
        smaller = [s for s in ZOOM_STEPS if s < self._style.point_size]
        if smaller:
            self.set_point_size(smaller[-1])

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        # Space pages through the article, as in a browser or an e-book reader.
        if (
            event.key() == Qt.Key.Key_Space
            and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
        ):
            bar = self.verticalScrollBar()
            step = bar.pageStep() if not event.modifiers() else -bar.pageStep()
            bar.setValue(bar.value() + step)
            return
        super().keyPressEvent(event)

    # --- positions ---------------------------------------------------------------------

    def reading_offset(self) -> int:
        """Stored offset at the start of the first line on the page (0 at the top)."""
        if self._built is None or self.verticalScrollBar().value() == 0:
            return 0
        doc = self._built.document
        y = self.verticalScrollBar().value() + 2
        pos = doc.documentLayout().hitTest(
            QPointF(self.viewport().width() / 2, y), Qt.HitTestAccuracy.FuzzyHit
        )
        block = doc.findBlock(max(pos, 0))
        line = block.layout().lineForTextPosition(max(pos, 0) - block.position())
        start = block.position() + (line.textStart() if line.isValid() else 0)
        if start < self._built.text_map.base:
            return 0
        return self._built.text_map.to_store(start)

    def scroll_to_offset(self, offset: int) -> None:
        """Put the line holding stored offset `offset` at the top of the page (0: the top)."""
        if self._built is None:
            return
        bar = self.verticalScrollBar()
        if offset <= 0:
            bar.setValue(0)
            return
        bar.setValue(int(self._line_top(self._built.text_map.to_doc(offset))))

    def _line_top(self, pos: int) -> float:
        return self._line_extent(pos)[0]

    def _line_extent(self, pos: int) -> tuple[float, float]:
        """Top and bottom of the line holding document position `pos`, in page pixels."""
        doc = self._built.document
        block = doc.findBlock(pos)
        # blockBoundingRect lays the document out up to this block if it was not yet.
        rect = doc.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        line = layout.lineForTextPosition(pos - block.position())
        if not line.isValid():
            return rect.top(), rect.bottom()
        return rect.top() + line.y(), rect.top() + line.y() + line.height()

    def offset_at(self, point: QPoint) -> int | None:
        """Stored offset under a viewport point, or None outside the body."""
        if self._built is None:
            return None
        pos = self.cursorForPosition(point).position()
        text_map = self._built.text_map
        return text_map.to_store(pos) if text_map.contains(pos) else None

    def selection_span(self) -> tuple[int, int] | None:
        """The selection in stored offsets, trimmed to the body; None if there is none."""
        cursor = self.textCursor()
        if self._built is None or not cursor.hasSelection():
            return None
        text_map = self._built.text_map
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        if end <= text_map.base:
            return None
        span = text_map.store_span(max(start, text_map.base), end)
        return span if span[1] > span[0] else None

    def select_span(self, start: int, end: int) -> None:
        if self._built is None:
            return
        a, b = self._built.text_map.doc_span(start, end)
        cursor = QTextCursor(self._built.document)
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def reveal_span(self, start: int, end: int) -> None:
        """Select a stored span and scroll it into view (a jump from a list)."""
        with self._page_held():
            self.select_span(start, end)
        self._ensure_visible(start, end)

    @contextmanager
    def _page_held(self) -> Iterator[None]:
        """Keep the page where it is while the cursor moves: QTextEdit scrolls just enough
        to show a new cursor, which leaves a hit on the bottom edge; where it goes is for
        `_ensure_visible` to say."""
        bars = (self.verticalScrollBar(), self.horizontalScrollBar())
        values = [bar.value() for bar in bars]
        try:
            yield
        finally:
            for bar, value in zip(bars, values, strict=True):
                bar.setValue(value)

    def selected_text(self) -> str:
        """The selection as the article says it, diacritics included even while hidden."""
        span = self.selection_span()
        cursor = self.textCursor()
        if span and self._built and cursor.selectionStart() >= self._built.text_map.base:
            return self._built.text_map.body[span[0] : span[1]]
        return cursor.selection().toPlainText()

    def copy(self) -> None:
        # Not through createMimeDataFromSelection: a QMimeData made in Python and handed
        # to the clipboard from that override was freed twice at exit (a crash on quit).
        text = self.selected_text()
        if text:
            QGuiApplication.clipboard().setText(text)

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        for action in menu.actions():
            if action.objectName() == "edit-copy":
                action.triggered.disconnect()
                action.triggered.connect(self.copy)
        self.context_menu_opening.emit(menu, event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def _report_position(self, *_args: object) -> None:
        if self._built is None:
            self.position_changed.emit(0, 0, 0)
            return
        bar = self.verticalScrollBar()
        percent = 100 if bar.maximum() <= 0 else round(100 * bar.value() / bar.maximum())
        text_map = self._built.text_map
        paragraph = text_map.paragraph_at(self.reading_offset()) + 1
        self.position_changed.emit(paragraph, text_map.paragraph_count(), percent)

    # --- highlights --------------------------------------------------------------------

    def set_layer(self, name: str, spans: Sequence[PaintSpan]) -> None:
        """Spans painted under the text; layers paint in the order first set, then the hits."""
        if spans:
            self._layers[name] = list(spans)
        else:
            self._layers.pop(name, None)
        self._doc_layers.pop(name, None)
        self.viewport().update()

    def layer(self, name: str) -> list[PaintSpan]:
        return list(self._layers.get(name, []))

    # --- relations ---------------------------------------------------------------------

    def set_relations(self, arcs: Sequence[RelationArc]) -> None:
        """The relations of the article, drawn over the text as arcs (stored offsets)."""
        self._relations = list(arcs)
        self._placed = None
        self.viewport().update()

    @property
    def relations(self) -> list[RelationArc]:
        return list(self._relations)

    def set_relations_shown(self, shown: bool) -> None:
        self._relations_shown = shown
        self.viewport().update()

    @property
    def relations_shown(self) -> bool:
        return self._relations_shown

    def placed_relations(self) -> list[PlacedArc]:
        """The arcs as drawn, in document coordinates (measured once per layout)."""
        if self._built is None or not self._relations:
            return []
        if self._placed is None:
            text_map = self._built.text_map
            ends = [
                (
                    text_map.doc_span(*arc.source),
                    text_map.doc_span(*arc.target) if arc.target is not None else None,
                    arc,
                )
                for arc in self._relations
            ]
            rtl = paragraph_direction(self._built.text_map.body) == Qt.LayoutDirection.RightToLeft
            em = self._style.point_size * 96 / 72
            self._placed = place_arcs(self._built.document, ends, rtl=rtl, em=em)
        return self._placed

    @property
    def hits(self) -> list[tuple[int, int]]:
        return list(self._hits)

    @property
    def current_hit(self) -> int:
        return self._current

    def set_hits(
        self, spans: Sequence[tuple[int, int]], *, current: int = 0, reveal: bool = True
    ) -> None:
        """Matches to mark and step through; `reveal` scrolls the current one into view."""
        self._hits = sorted((s, e) for s, e in spans if e > s)
        self._current = min(max(current, 0), len(self._hits) - 1) if self._hits else -1
        self._show_current(reveal)

    def step_hit(self, delta: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + delta) % len(self._hits)
        self._show_current(True)

    def _show_current(self, reveal: bool) -> None:
        if self._current >= 0 and reveal:
            s, e = self._hits[self._current]
            self._place_caret(s)
            self._ensure_visible(s, e)
        self.viewport().update()
        self.hits_changed.emit(self._current, len(self._hits))

    def _hit_spans(self) -> list[PaintSpan]:
        # Coloured at paint time, so a theme change recolours them with nothing to redo.
        colours = self._style.colours
        spans = [PaintSpan(s, e, colours.hit) for s, e in self._hits]
        if self._current >= 0:
            spans.append(PaintSpan(*self._hits[self._current], colours.current_hit))
        return spans

    def _place_caret(self, offset: int) -> None:
        # Keyboard selection continues from the hit; no selection, so nothing is restyled.
        if self._built is None:
            return
        cursor = QTextCursor(self._built.document)
        cursor.setPosition(self._built.text_map.to_doc(offset))
        self.blockSignals(True)
        with self._page_held():
            self.setTextCursor(cursor)
        self.blockSignals(False)

    def _ensure_visible(self, start: int, end: int) -> None:
        """Centre the span on the page unless it is already in full view, a line away
        from either edge (stepping through hits on one page does not move it)."""
        if self._built is None:
            return
        bar = self.verticalScrollBar()
        text_map = self._built.text_map
        a, b = text_map.doc_span(start, end)
        top, first_bottom = self._line_extent(a)
        bottom = self._line_extent(max(b - 1, a))[1]
        height = self.viewport().height()
        margin = min(first_bottom - top, height / 6)
        if bar.value() + margin <= top and bottom <= bar.value() + height - margin:
            return
        if bottom - top > height:
            bar.setValue(int(top - margin))
        else:
            bar.setValue(round((top + bottom - height) / 2))

    def _painted_spans(self, clip: QRectF):
        doc = self._built.document
        layout = doc.documentLayout()
        low_block = doc.findBlock(
            max(layout.hitTest(QPointF(0, clip.top()), Qt.HitTestAccuracy.FuzzyHit), 0)
        )
        high_block = doc.findBlock(
            max(layout.hitTest(QPointF(0, clip.bottom()), Qt.HitTestAccuracy.FuzzyHit), 0)
        )
        low = low_block.position()
        high = high_block.position() + high_block.length()
        text_map = self._built.text_map
        for name, spans in self._layers.items():
            converted = self._doc_layers.get(name)
            if converted is None:
                converted = self._doc_layers[name] = [
                    (*text_map.doc_span(s.start, s.end), s.colour, s.style) for s in spans
                ]
            for start, end, colour, style in converted:
                if end >= low and start <= high:
                    yield start, end, colour, style
        for span in self._hit_spans():
            start, end = text_map.doc_span(span.start, span.end)
            if end >= low and start <= high:
                yield start, end, span.colour, span.style

    def paintEvent(self, event) -> None:
        if self._built is not None and (self._layers or self._hits):
            dx = self.horizontalScrollBar().value()
            if self.isRightToLeft():
                dx = self.horizontalScrollBar().maximum() - dx
            dy = self.verticalScrollBar().value()
            clip = QRectF(event.rect()).translated(dx, dy)
            painter = QPainter(self.viewport())
            painter.translate(-dx, -dy)
            paint_spans(painter, self._built.document, self._painted_spans(clip), clip)
            painter.end()
        super().paintEvent(event)
        if self._built is not None and self._relations and self._relations_shown:
            self._paint_relations(event)

    def _paint_relations(self, event) -> None:
        """Arcs over the finished text: drawn on the viewport, never put in the document."""
        dx = self.horizontalScrollBar().value()
        if self.isRightToLeft():
            dx = self.horizontalScrollBar().maximum() - dx
        dy = self.verticalScrollBar().value()
        clip = QRectF(event.rect()).translated(dx, dy)
        placed = self.placed_relations()
        rtl = paragraph_direction(self._built.text_map.body) == Qt.LayoutDirection.RightToLeft
        painter = QPainter(self.viewport())
        try:  # a painter left open on the viewport takes the process down
            painter.translate(-dx, -dy)
            font = self._built.document.defaultFont()
            paint_arcs(painter, placed, font, self._style.colours.paper, clip, rtl=rtl)
        finally:
            painter.end()
