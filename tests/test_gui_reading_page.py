"""The article page at any width and when it moves to a passage: lines break between words
only (a word wider than the column overflows and the page scrolls to it), justified lines
reach both margins, and a search hit or a jump lands in the middle of the page."""

from __future__ import annotations

import re

import pytest
from gui_helpers import add_article, article, open_window, sample_library
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from reader.look.fonts import article_family, register_bundled_fonts
from reader.look.theme import ARTICLE_COLOURS
from reader.views.article_document import ReadingStyle, build_document
from reader.views.article_view import ArticleView

LIGHT = ARTICLE_COLOURS["light"]
ARABIC = (
    "قال الأمين العام للأمم المتحدة إن اللجنة ستجتمع غداً لمراجعة الخطة الجديدة للتعاون "
    "بين الدول الأعضاء والأمم المتحدة في مجال مكافحة الإرهاب والتنمية المستدامة، وأكد أن "
    "الاتفاق نهائي بعد مفاوضات طويلة وشاقة استمرت عدة أشهر بين الأطراف المعنية."
)
ENGLISH = (
    "The Secretary-General of the United Nations said the committee will meet tomorrow to "
    "review the new plan for cooperation between member states and the United Nations on "
    "counter-terrorism and sustainable development, after long negotiations."
)
# A sub-heading glued to the next sentence, as scraped articles have them (DESIGN.md fact 4).
GLUED = "توعيةتنظمالجمعيةالأهليةلقاءهاالشهري"
PARAGRAPH = "يَقْرَأُ الباحثُ المقالاتِ ويكتبُ ملاحظاتِه في الهامش، ثم يعود إليها بعد حين."


def style(size: float = 20) -> ReadingStyle:
    register_bundled_fonts()
    return ReadingStyle(article_family(), size, 115, False, LIGHT)


@pytest.fixture
def view(qtbot):
    widget = ArticleView(style())
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def body_lines(view: ArticleView) -> list[tuple[str, int, int]]:
    """(block text, line start, line end) of every line of the body."""
    document = view.document()
    lines = []
    block = document.findBlock(view.text_map.to_doc(0))
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            lines.append((block.text(), line.textStart(), line.textStart() + line.textLength()))
        block = block.next()
    return lines


def broken_words(view: ArticleView) -> list[str]:
    broken = []
    for text, _start, end in body_lines(view):
        if 0 < end < len(text) and not text[end - 1].isspace() and not text[end].isspace():
            if text[end - 1] in "-\u2010":  # after a hyphen: a break the word allows
                continue
            broken.append(f"{text[max(end - 8, 0) : end]}|{text[end : end + 4]}")
    return broken


# --- narrow columns ----------------------------------------------------------------------


def test_a_narrow_column_breaks_lines_between_words_only(view, qtbot):
    view.show_article(article(f"{ARABIC}\n{ENGLISH}", title=""))
    for width in range(120, 300, 10):
        view.resize(width, 500)
        qtbot.wait(1)
        # Not التعاو|ن, not الإرها|ب, no alef of a lam-alef left alone on a line.
        assert broken_words(view) == [], width


def test_a_word_wider_than_the_column_overflows_and_the_page_scrolls_to_it(view, qtbot):
    view.show_article(article(f"{ARABIC} {GLUED} بعد ذلك.", title=""))
    view.resize(260, 500)
    qtbot.wait(1)
    assert broken_words(view) == []
    lines = body_lines(view)
    glued = next((text[a:b] for text, a, b in lines if GLUED in text[a:b]), None)
    assert glued is not None, "the glued word was cut"
    # Wider than column and margin: a scroll bar reaches it, and the page opens on the column.
    bar = view.horizontalScrollBar()
    assert bar.isVisible()
    assert bar.maximum() + view.viewport().width() >= view.document().size().width() - 1
    assert bar.value() == bar.minimum()
    view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # an Arabic interface
    view.resize(250, 500)
    qtbot.wait(1)
    # Mirrored, the bar's far end is the page's left edge: the column is still in view.
    assert bar.isVisible() and bar.value() == bar.maximum()


@pytest.mark.parametrize("width", [420, 560, 700, 900, 1100])
def test_ordinary_widths_have_no_sideways_scroll_bar(view, qtbot, width):
    view.show_article(article(f"{ARABIC}\n{ENGLISH}\n{ARABIC} {ENGLISH}", title="عنوان"))
    view.resize(width, 500)
    qtbot.wait(1)
    assert not view.horizontalScrollBar().isVisible()


def test_justified_english_lines_reach_the_right_margin(qapp):
    """Qt drew a justified English line a space short of the right margin while the
    document asked it to include trailing spaces."""
    built = build_document(article(ENGLISH, title=""), style())
    document = built.document
    document.setTextWidth(700)
    image = QImage(700, int(document.size().height()) + 2, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    document.drawContents(painter)
    painter.end()
    block = document.findBlock(built.text_map.to_doc(0))
    layout = block.layout()
    assert layout.lineCount() >= 3
    right = 700 - document.rootFrame().frameFormat().rightMargin()
    for n in range(layout.lineCount() - 1):  # the last line is ragged
        line = layout.lineAt(n)
        top = int(layout.position().y() + line.y())
        ink = [
            x
            for x in range(image.width())
            for y in range(top, top + int(line.height()))
            if image.pixelColor(x, y).lightness() < 128
        ]
        assert right - 3 <= max(ink) + 1 <= right + 1, (n, max(ink), right)


# --- moving to a passage --------------------------------------------------------------


def long_body() -> str:
    paragraphs = [f"الفقرة {n}: {PARAGRAPH}" for n in range(120)]
    paragraphs[70] = "الفقرة الخاصة: اجتمع مجلس التعاون الخليجي في العاصمة لبحث الأزمة."
    return "\n".join(paragraphs)


def line_extent(view: ArticleView, pos: int) -> tuple[float, float]:
    """Top and bottom of the line holding document position `pos`, on the page."""
    document = view.document()
    block = document.findBlock(pos)
    rect = document.documentLayout().blockBoundingRect(block)
    line = block.layout().lineForTextPosition(pos - block.position())
    return rect.top() + line.y(), rect.top() + line.y() + line.height()


def hit_place(view: ArticleView, start: int, end: int) -> tuple[float, float, float]:
    """Top and bottom of the hit's lines in the viewport, and the viewport's height."""
    a, b = view.text_map.doc_span(start, end)
    top = line_extent(view, a)[0] - view.verticalScrollBar().value()
    bottom = line_extent(view, b - 1)[1] - view.verticalScrollBar().value()
    return top, bottom, view.viewport().height()


def assert_centred(view: ArticleView, start: int, end: int) -> None:
    top, bottom, height = hit_place(view, start, end)
    assert top >= 0 and bottom <= height, (top, bottom, height)
    assert abs((top + bottom) / 2 - height / 2) <= bottom - top, (top, bottom, height)


def test_a_search_hit_opens_in_the_middle_of_the_page(view):
    body = long_body()
    view.show_article(article(body))
    start = body.index("التعاون")
    view.set_hits([(start, start + len("التعاون"))])
    assert_centred(view, start, start + len("التعاون"))


def test_stepping_to_a_hit_on_the_bottom_edge_centres_it(view):
    body = long_body()
    view.show_article(article(body))
    # A word on the line the bottom edge of the page cuts through.
    height = view.viewport().height()
    words = [m.span() for m in re.finditer(r"\S+", body)]
    first = words[3]
    edge = next(
        (s, e)
        for s, e in words
        if line_extent(view, view.text_map.to_doc(s))[0]
        < height
        < line_extent(view, view.text_map.to_doc(s))[1]
    )
    view.set_hits([first, edge])
    assert view.verticalScrollBar().value() == 0  # the first hit is in full view: no move
    view.step_hit(1)  # F3
    assert_centred(view, *edge)
    # A next hit already well inside the page does not move it.
    value = view.verticalScrollBar().value()
    near = next(
        (s, e)
        for s, e in words
        if s > edge[1] and hit_place(view, s, e)[0] > hit_place(view, *edge)[1] + 10
    )
    view.set_hits([edge, near], current=0)
    view.step_hit(1)
    assert view.verticalScrollBar().value() == value


def test_a_jump_from_a_list_centres_the_passage(view):
    body = long_body()
    view.show_article(article(body))
    start = body.index("مجلس")
    view.reveal_span(start, start + 4)
    assert_centred(view, start, start + 4)
    assert view.selection_span() == (start, start + 4)


def test_opening_an_article_from_a_search_hit_centres_the_hit(qtbot, tmp_path):
    lib = sample_library(tmp_path / "lib.sqlite")
    body = long_body()
    article_id = add_article(lib, "مقال طويل", body, folder=tmp_path)
    try:
        with open_window(qtbot, lib, tmp_path) as session:
            window = session.window
            window.resize(1100, 700)
            start = body.index("التعاون")
            window.open_article(article_id, hits=[(start, start + len("التعاون"))])
            qtbot.wait(20)
            assert_centred(window.view, start, start + len("التعاون"))
    finally:
        lib.close()
