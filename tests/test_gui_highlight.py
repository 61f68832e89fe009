"""Highlights are painted under the text and never change a glyph (DESIGN.md fact 10)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from gui_helpers import AMEEN_BODY, article
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument

from reader.look.fonts import article_family, register_bundled_fonts
from reader.look.theme import ARTICLE_COLOURS
from reader.views.article_document import ReadingStyle, build_document
from reader.views.article_view import ArticleView
from reader.views.highlight_painter import PaintSpan, SpanStyle, paint_spans, span_boxes

LIGHT = ARTICLE_COLOURS["light"]


@pytest.fixture
def view(qtbot):
    register_bundled_fonts()
    style = ReadingStyle(article_family(), 22, 115, False, LIGHT)
    widget = ArticleView(style)
    widget.setFocusPolicy(widget.focusPolicy().NoFocus)  # no blinking caret in the pictures
    qtbot.addWidget(widget)
    widget.resize(720, 520)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_article(article(AMEEN_BODY, title="الأمين العام"))
    return widget


def lam_alef_spans(body: str) -> list[tuple[int, int]]:
    """Spans that start or end between the lam and the alef of every الأمين."""
    spans = []
    start = body.find("الأمين")
    while start >= 0:
        spans += [(start + 2, start + 6), (start + 1, start + 2), (start, start + 2)]
        start = body.find("الأمين", start + 1)
    return spans


def grab(view: ArticleView) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def test_highlights_in_the_paper_colour_leave_every_pixel_unchanged(view):
    plain = grab(view)
    spans = lam_alef_spans(view.article.body)
    assert len(spans) >= 9
    view.set_layer("test", [PaintSpan(s, e, LIGHT.paper) for s, e in spans])
    assert grab(view) == plain
    # The same spans in a visible colour do change the picture: they are really painted
    # (the base class does not paint over them).
    view.set_layer("test", [PaintSpan(s, e, QColor("#ff0000")) for s, e in spans])
    marked = grab(view)
    assert marked != plain
    reds = sum(
        1
        for y in range(0, marked.height(), 2)
        for x in range(0, marked.width(), 2)
        if marked.pixelColor(x, y) == QColor("#ff0000")
    )
    assert reds > 50


def test_search_hits_are_painted_the_same_way(view):
    plain = grab(view)
    spans = lam_alef_spans(view.article.body)
    view.set_hits(spans)
    assert grab(view) != plain
    # Repaint the hits in the paper colour: identical to no hits at all.
    invisible = replace(LIGHT, hit=LIGHT.paper, current_hit=LIGHT.paper)
    view.set_style(replace(view.style, colours=invisible))
    view.set_hits(spans)
    view.scroll_to_offset(0)
    assert grab(view) == plain


def test_a_box_covers_its_letters_and_follows_the_line_direction(view):
    built = view._built
    document, text_map = built.document, built.text_map
    body = view.article.body
    word = body.index("الأمين")
    start, end = text_map.doc_span(word, word + len("الأمين"))
    boxes = span_boxes(document, start, end)
    assert len(boxes) == 1
    block = document.findBlock(start)
    line = block.layout().lineForTextPosition(start - block.position())
    right = block.layout().position().x() + line.cursorToX(start - block.position())[0]
    # An Arabic word in an RTL line: its first letter is at the box's right edge.
    assert boxes[0].rect.right() == pytest.approx(right, abs=0.5)
    assert boxes[0].rect.width() > 20


def test_a_span_across_directions_gets_a_box_per_visual_run(view):
    built = view._built
    body = view.article.body
    line_start = body.index("The report")
    # "quotes الأمين العام twice": Latin, Arabic, Latin on one LTR line.
    s = body.index("quotes", line_start)
    e = body.index("twice", line_start) + len("twice")
    boxes = span_boxes(built.document, *built.text_map.doc_span(s, e))
    assert len(boxes) == 1  # one contiguous visual run when the whole phrase is covered
    start_ar = body.index("الأمين", line_start)
    mixed = span_boxes(built.document, *built.text_map.doc_span(start_ar - 3, start_ar + 3))
    # "es الأ": the Latin tail and the Arabic head are apart on screen.
    assert len(mixed) == 2
    assert all(box.rect.width() > 0 for box in mixed)


def test_underline_and_frame_styles_paint_without_touching_the_letters(qapp):
    register_bundled_fonts()
    built = build_document(
        article("قال الأمين العام"), ReadingStyle(article_family(), 20, 115, False, LIGHT)
    )
    document: QTextDocument = built.document
    document.setTextWidth(500)
    image = QImage(520, 300, QImage.Format.Format_ARGB32)

    def render(spans) -> QImage:
        image.fill(LIGHT.paper)
        painter = QPainter(image)
        paint_spans(painter, document, spans, QRectF(0, 0, 520, 300))
        document.drawContents(painter)
        painter.end()
        return image.copy()

    plain = render([])
    s, e = built.text_map.doc_span(4, 10)
    for style in (SpanStyle.UNDERLINE, SpanStyle.FRAME):
        assert render([(s, e, QColor("#0050ff"), style)]) != plain
