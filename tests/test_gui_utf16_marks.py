"""Marks on short texts in lists box exactly the hit, whatever comes before it.

The library gives spans in code points; QTextLayout counts UTF-16 units (DESIGN.md fact 3).
An emoji or an astral letter (𝐀 U+1D400, 𞸀 U+1EE00) is one code point and two units, so a
span handed over unconverted lands one character early for each of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextCursor, QTextDocument, QTransform
from PySide6.QtWidgets import QAbstractItemView

from library.marks.entities import Entity
from library.marks.occurrences import Occurrence
from library.search.engine import SearchHit, find_in_article
from reader.dialogs.occurrences_dialog import OccurrencesDialog
from reader.look.fonts import article_family, register_bundled_fonts
from reader.look.theme import ARTICLE_COLOURS
from reader.panels import search_panel
from reader.panels.search_panel import SearchPanel
from reader.views import sentence_delegate
from reader.views.highlight_painter import LineBox, span_boxes
from reader.views.text_map import utf16_characters, utf16_spans

HIT = QColor("#ff00ff")  # a colour no glyph or row background is painted in

# Original fixture texts, each with an emoji and a supplementary-plane letter before the hit.
SNIPPET = "قال مدرب المنتخب 🎉 إن الفريق نال التصنيف 𝐀 قبل انطلاق البطولة الإقليمية في الربيع."
QUERY = "البطولة"
SENTENCE = "وكتب المتحدث 🙏 على حسابه باسم 𞸀 أن وزارة الصحة ستفتح مراكز جديدة."
MENTION = "وزارة الصحة"


def units(text: str, cp: int) -> int:
    """Qt position of code point `cp`, counted independently of text_map."""
    return len(text[:cp].encode("utf-16-le")) // 2


# --- the text_map helpers --------------------------------------------------------------

ALPHABET = st.sampled_from(
    [*"قال مدرب", "\u064e", "😀", "🎉", "\U0001d400", "\U0001ee00", "a", "\n"]
)


def test_utf16_spans_of_the_fixtures():
    start = SNIPPET.index(QUERY)
    assert utf16_spans(SNIPPET, [(start, start + len(QUERY))]) == [
        (start + 2, start + len(QUERY) + 2)
    ]
    assert utf16_spans("😀𝐀ب", [(0, 1), (1, 2), (2, 3), (0, 3)]) == [
        (0, 2), (2, 4), (4, 5), (0, 5)
    ]  # fmt: skip
    assert utf16_spans("نص", []) == []


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.data())
def test_utf16_spans_agree_with_utf16_encoding(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    ((a, b),) = utf16_spans(text, [(start, end)])
    assert (a, b) == (units(text, start), units(text, end))
    encoded = text.encode("utf-16-le")
    assert encoded[2 * a : 2 * b].decode("utf-16-le") == text[start:end]


@settings(max_examples=200, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.data())
def test_utf16_characters_name_each_character_at_its_qt_position(text, data):
    total = units(text, len(text))
    first = data.draw(st.integers(0, total))
    last = data.draw(st.integers(first, total))
    got = list(utf16_characters(text, first, last))
    starts = [(units(text, cp), ch) for cp, ch in enumerate(text)]
    # Every character starting in [first, last), plus the one `first` falls inside of.
    inside = [(p, ch) for p, ch in starts if p < first < p + len(ch.encode("utf-16-le")) // 2]
    assert got == inside + [(p, ch) for p, ch in starts if first <= p < last]


# --- painting spies ----------------------------------------------------------------------


@dataclass
class Painted:
    layouts: list = field(default_factory=list)  # (text, QTextLayout)
    marks: list = field(default_factory=list)  # (boxes, world transform, colour)


def spy(monkeypatch, module) -> Painted:
    """Records the layouts a delegate builds and the mark boxes it paints."""
    painted = Painted()
    real_layout, real_paint = module.text_layout, module.paint_boxes

    def text_layout(text, *args):
        layout = real_layout(text, *args)
        painted.layouts.append((text, layout))
        return layout

    def paint_boxes(painter: QPainter, boxes, colour, style):
        boxes = list(boxes)
        painted.marks.append((boxes, QTransform(painter.worldTransform()), QColor(colour)))
        real_paint(painter, boxes, colour, style)

    monkeypatch.setattr(module, "text_layout", text_layout)
    monkeypatch.setattr(module, "paint_boxes", paint_boxes)
    return painted


def hit_extent(layout, start16: int, end16: int) -> tuple[float, float, float, float]:
    """x1, x2, top, bottom of Qt positions [start16, end16) on one line of `layout`."""
    line = layout.lineForTextPosition(start16)
    assert line.isValid()
    assert line.textStart() <= start16 < end16 <= line.textStart() + line.textLength()
    xa = line.cursorToX(start16)[0]
    xb = line.cursorToX(end16)[0]
    origin = layout.position()
    top = origin.y() + line.y()
    return origin.x() + min(xa, xb), origin.x() + max(xa, xb), top, top + line.height()


def check_marks(painted: Painted, image: QImage, text: str, start: int, end: int) -> None:
    """The last paint marked exactly code points [start, end) of `text`."""
    layout = [lay for t, lay in painted.layouts if t == text][-1]
    a, b = units(text, start), units(text, end)
    x1, x2, top, bottom = hit_extent(layout, a, b)
    # The fixture discriminates: the code-point bounds would box other letters.
    wrong = hit_extent(layout, start, end)
    assert abs(wrong[0] - x1) > 3 and abs(wrong[1] - x2) > 3

    boxes: list[LineBox]
    boxes, transform, colour = painted.marks[-1]
    assert colour == HIT
    assert len(boxes) == 1, [b.rect for b in boxes]
    rect = boxes[0].rect
    # Qt's selection, which the boxes follow, is on whole pixels.
    assert rect.left() == pytest.approx(x1, abs=1)
    assert rect.right() == pytest.approx(x2, abs=1)
    assert rect.top() == pytest.approx(top, abs=0.5)
    assert rect.bottom() == pytest.approx(bottom, abs=0.5)

    # And on screen: the mark's pixels span the hit's cursorToX bounds, nothing else.
    expected = transform.mapRect(QRectF(x1, top, x2 - x1, bottom - top))
    ratio = image.devicePixelRatio()
    columns = set()
    for y in range(image.height()):
        for x in range(image.width()):
            if image.pixelColor(x, y) == HIT:
                assert expected.top() - 1 <= y / ratio <= expected.bottom() + 1
                columns.add(x / ratio)
    assert columns, "no mark painted"
    assert min(columns) == pytest.approx(expected.left(), abs=1)
    assert max(columns) + 1 / ratio == pytest.approx(expected.right(), abs=1)


# --- a search result -----------------------------------------------------------------


@pytest.fixture
def fonts(qtbot):
    register_bundled_fonts()
    font = QFont(article_family())
    font.setPointSizeF(15)
    return font


def search_panel_with(qtbot, font: QFont, colour: QColor = HIT) -> SearchPanel:
    panel = SearchPanel(lambda: colour)
    qtbot.addWidget(panel)
    panel.set_content_font(font)
    panel.resize(620, 300)
    panel.show()
    qtbot.waitExposed(panel)
    hit = SearchHit(article_id=1, title="المنتخب يستعد للبطولة", snippet=SNIPPET,
                    matches=[], score=1.0)  # fmt: skip
    panel.show_results(QUERY, [hit])
    panel.results.clearSelection()
    panel.results.setCurrentIndex(panel.model.index(-1))
    return panel


def test_a_search_snippet_boxes_the_hit_after_an_emoji_and_an_astral_letter(
    qtbot, monkeypatch, fonts
):
    painted = spy(monkeypatch, search_panel)
    panel = search_panel_with(qtbot, fonts)
    ((start, end),) = find_in_article(SNIPPET, QUERY)
    assert SNIPPET[start:end] == QUERY
    painted.marks.clear()
    image = panel.results.viewport().grab().toImage()
    check_marks(painted, image, SNIPPET, start, end)


def test_screenshot_of_a_search_result_with_an_emoji_before_the_hit(qtbot, fonts, tmp_path):
    # HASHIYA_UTF16_SHOT=/tmp/utf16_search.png keeps the picture for a look.
    path = os.environ.get("HASHIYA_UTF16_SHOT") or str(tmp_path / "utf16_search.png")
    panel = search_panel_with(qtbot, fonts, ARTICLE_COLOURS["light"].hit)
    assert panel.grab().save(path)


# --- an occurrence to review ---------------------------------------------------------


class StubRunner(QObject):
    """Stands in for the BackgroundReader: the test delivers the rows itself."""

    done = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.ticket = 0

    def submit(self, path, job) -> int:
        self.ticket += 1
        return self.ticket

    def cancel(self, ticket: int) -> None:
        pass


def test_an_occurrence_sentence_boxes_the_mention_after_an_emoji_and_an_astral_letter(
    qtbot, monkeypatch, tmp_path, fonts
):
    painted = spy(monkeypatch, sentence_delegate)
    runner = StubRunner()
    entity = Entity("e1", "organisation", MENTION, (), "2024-01-01", "2024-01-01")
    dialog = OccurrencesDialog(
        entity, article_id=1, path=tmp_path / "lib.sqlite", runner=runner,
        titles=lambda _id: "الصحة تعلن خطة", accept=lambda *_a: False, mark_colour=lambda: HIT,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.list.itemDelegate().content_font = fonts
    dialog.list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    dialog.show()
    qtbot.waitExposed(dialog)
    at = SENTENCE.index(MENTION)
    base = 140  # where the sentence starts in the article
    occurrence = Occurrence(1, base + at, base + at + len(MENTION), MENTION, SENTENCE, base)
    runner.done.emit(runner.ticket, [occurrence])
    assert dialog.model.rowCount() == 1
    painted.marks.clear()
    image = dialog.list.viewport().grab().toImage()
    check_marks(painted, image, SENTENCE, at, at + len(MENTION))


# --- a paragraph of the article ----------------------------------------------------------


def test_a_span_at_the_end_of_a_paragraph_with_an_emoji_covers_its_last_letter(qtbot, fonts):
    text = "وصل الوفد 😀 إلى العاصمة"
    document = QTextDocument()
    document.setDefaultFont(fonts)
    QTextCursor(document).insertText(text + "\nسطر ثان")
    start = text.index("العاصمة")
    a, b = units(text, start), units(text, len(text))
    boxes = span_boxes(document, a, b)
    layout = document.firstBlock().layout()
    x1, x2, _top, _bottom = hit_extent(layout, a, b)
    assert [(box.rect.left(), box.rect.right()) for box in boxes] == [
        (pytest.approx(x1, abs=0.5), pytest.approx(x2, abs=0.5))
    ]
