"""How annotations are painted: under the text (never changing a glyph), overlaps blended,
nested mentions on two levels, and colours that keep the text readable in both themes."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest
from gui_helpers import AMEEN_BODY, article
from PySide6.QtGui import QColor, QImage

from library.marks.annotations import make_annotation
from library.marks.suggest import Suggestion
from library.storage.migrations import DEFAULT_ENTITY_TYPES, DEFAULT_HIGHLIGHT_COLOURS
from reader.look.fonts import article_family, register_bundled_fonts
from reader.look.theme import ARTICLE_COLOURS, DARK, LIGHT, contrast_ratio
from reader.views.article_document import ReadingStyle
from reader.views.article_view import ArticleView
from reader.views.highlight_painter import SpanStyle
from reader.views.mark_layers import LayerColours, annotation_spans, blend, readable_fill

PALETTE = {i: c for i, _n, c in DEFAULT_HIGHLIGHT_COLOURS}
TYPES = {i: c for i, _n, c in DEFAULT_ENTITY_TYPES}


def mark(kind: str, start: int, end: int, **kw):
    return make_annotation(AMEEN_BODY, 1, kind, start, end, **kw)


def lam_alef_marks() -> tuple[list, list[Suggestion]]:
    """Every kind of mark, each starting or ending between the lam and the alef of الأمين,
    overlapping each other."""
    marks, suggestions = [], []
    at = AMEEN_BODY.find("الأمين")
    n = 0
    while at >= 0:
        colour = list(PALETTE)[n % len(PALETTE)]
        marks += [
            mark("highlight", at + 2, at + 6, colour=colour),
            mark("highlight", at, at + 2, colour="blue"),
            mark("highlight", at + 1, at + 4, colour="pink", note="؟"),
            mark("entity", at + 2, at + 10, entity_id="e1"),
            mark("entity", at, at + 6, entity_id="e2"),
            mark("note", at + 1, at + 3, note="ملاحظة"),
        ]
        suggestions.append(Suggestion(at + 11, at + 14, "", "place", "rule"))
        at = AMEEN_BODY.find("الأمين", at + 1)
        n += 1
    return marks, suggestions


@pytest.fixture
def view(qtbot):
    register_bundled_fonts()
    widget = ArticleView(ReadingStyle(article_family(), 22, 115, False, ARTICLE_COLOURS[LIGHT]))
    widget.setFocusPolicy(widget.focusPolicy().NoFocus)
    qtbot.addWidget(widget)
    widget.resize(720, 560)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_article(article(AMEEN_BODY, title="الأمين العام"))
    return widget


def grab(view: ArticleView) -> QImage:
    view.viewport().repaint()
    return view.viewport().grab().toImage()


def largest_difference(a: QImage, b: QImage) -> int:
    """The largest difference of one colour channel between two pictures of one size."""
    assert a.size() == b.size()
    a = a.convertToFormat(QImage.Format.Format_RGB32)
    b = b.convertToFormat(QImage.Format.Format_RGB32)
    left, right = bytes(a.constBits()), bytes(b.constBits())
    if left == right:
        return 0
    return max(abs(x - y) for x, y in zip(left, right, strict=True) if x != y)


def test_marks_painted_in_the_page_colour_leave_every_glyph_as_it_was(view):
    """DESIGN.md fact 10, for every kind of annotation layer: fills, underlines on two
    levels, frames and dotted suggestions starting between a lam and an alef."""
    page = view.style.colours
    plain = grab(view)
    marks, suggestions = lam_alef_marks()
    invisible = LayerColours.uniform(page.paper, list(PALETTE), list(TYPES))
    spans = annotation_spans(marks, {"e1": "person", "e2": "place"}, invisible, page, suggestions)
    assert {s.style for s in spans} == set(SpanStyle)
    # The fills of a paper colour stay the paper colour however they are blended.
    assert {s.colour.name() for s in spans} == {page.paper.name()}
    # Fills and frames: every pixel as it was.
    view.set_layer(
        "annotations", [s for s in spans if s.style in (SpanStyle.FILL, SpanStyle.FRAME)]
    )
    assert grab(view) == plain
    # Everything at once: antialiased line ends may round a page pixel by one level, and
    # nothing more (a broken ligature changes whole glyphs).
    view.set_layer("annotations", spans)
    assert largest_difference(grab(view), plain) <= 1
    # In their real colours the same marks do show.
    colours = LayerColours.resolve(PALETTE, TYPES, page)
    view.set_layer(
        "annotations",
        annotation_spans(marks, {"e1": "person", "e2": "place"}, colours, page, suggestions),
    )
    assert grab(view) != plain


def test_overlaps_are_cut_into_blended_segments_and_nested_mentions_go_lower():
    page = ARTICLE_COLOURS[LIGHT]
    colours = LayerColours.resolve(PALETTE, TYPES, page)
    yellow = mark("highlight", 0, 10, colour="yellow")
    blue = mark("highlight", 5, 15, colour="blue")
    outer = mark("entity", 20, 40, entity_id="org")
    inner = mark("entity", 25, 30, entity_id="place")
    note = mark("note", 6, 8, note="x")
    spans = annotation_spans(
        [yellow, blue, outer, inner, note], {"org": "organisation", "place": "place"}, colours, page
    )
    fills = [(s.start, s.end, s.colour.name()) for s in spans if s.style is SpanStyle.FILL]
    both = readable_fill(blend([QColor(PALETTE["yellow"]), QColor(PALETTE["blue"])]), page).name()
    assert fills == [
        (0, 5, readable_fill(QColor(PALETTE["yellow"]), page).name()),
        (5, 10, both),
        (10, 15, readable_fill(QColor(PALETTE["blue"]), page).name()),
    ]
    lines = {
        (s.start, s.end): (s.style, s.colour.name())
        for s in spans
        if s.style in (SpanStyle.UNDERLINE, SpanStyle.UNDERLINE_LOW)
    }
    assert lines == {
        (20, 40): (SpanStyle.UNDERLINE, TYPES["organisation"]),
        (25, 30): (SpanStyle.UNDERLINE_LOW, TYPES["place"]),
    }
    # Fills first, so underlines and frames are never painted over.
    styles = [s.style for s in spans]
    assert styles.index(SpanStyle.FRAME) > max(
        i for i, s in enumerate(styles) if s is SpanStyle.FILL
    )


@pytest.mark.parametrize("scheme", [LIGHT, DARK])
def test_every_fill_and_blend_keeps_the_text_readable(scheme):
    page = ARTICLE_COLOURS[scheme]
    colours = [QColor(c) for c in PALETTE.values()]
    fills = [readable_fill(c, page) for c in colours]
    fills += [readable_fill(blend(pair), page) for pair in combinations(colours, 2)]
    for fill in fills:
        assert contrast_ratio(page.ink, fill) >= 4.5, (scheme, fill.name())
        # And a highlight is still visible on the page.
        assert contrast_ratio(fill, page.paper) >= 1.15, (scheme, fill.name())
    # Even a colour the user picked badly is toned down until the ink reads on it.
    for bad in ("#000000", "#ffffff", "#1f1c17", "#ff0000"):
        assert contrast_ratio(page.ink, readable_fill(QColor(bad), page)) >= 4.5
    # Entity underlines and the note frame stand out from the page.
    resolved = LayerColours.resolve(PALETTE, TYPES, page)
    assert contrast_ratio(resolved.note, page.paper) >= 2.5
    for colour in resolved.types.values():
        assert contrast_ratio(colour, page.paper) >= 1.8


def test_a_theme_change_recolours_the_fills(view):
    marks, _ = lam_alef_marks()
    light = annotation_spans(
        marks,
        {},
        LayerColours.resolve(PALETTE, TYPES, ARTICLE_COLOURS[LIGHT]),
        ARTICLE_COLOURS[LIGHT],
    )
    dark_page = ARTICLE_COLOURS[DARK]
    dark = annotation_spans(marks, {}, LayerColours.resolve(PALETTE, TYPES, dark_page), dark_page)
    assert [(s.start, s.end) for s in light] == [(s.start, s.end) for s in dark]
    light_fills = {s.colour.name() for s in light if s.style is SpanStyle.FILL}
    dark_fills = {s.colour.name() for s in dark if s.style is SpanStyle.FILL}
    assert not light_fills & dark_fills
    assert all(QColor(c).lightness() < 140 for c in dark_fills)
    view.set_style(replace(view.style, colours=dark_page))
    view.set_layer("annotations", dark)
    image = grab(view)
    assert image.pixelColor(2, image.height() - 3).lightness() < 60
