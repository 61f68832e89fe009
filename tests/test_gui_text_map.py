"""TextMap: stored code-point offsets <-> Qt document positions, the one place they meet."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from reader.views.text_map import DIACRITICS, TextMap, strip_diacritics, utf16_length

# Arabic letters, harakat, shadda, tatweel, Latin, digits, spaces, newlines and astral
# characters (emoji, a math letter): everything that makes the two counts differ.
ALPHABET = st.sampled_from(
    [*"الأمينمحدو", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0670", "\u0640",
     *"ab1 ", "\n", "😀", "\U0001d400", "«", "»"]
)  # fmt: skip
TEXTS = st.text(ALPHABET, max_size=60)


def doc_for(text_map: TextMap, prefix: str = "") -> QTextDocument:
    document = QTextDocument()
    cursor = QTextCursor(document)
    cursor.insertText(prefix + text_map.display_text)
    return document


def test_the_design_example_counts_18_code_points_and_19_positions():
    text = "مُحَمَّد 😀 التعاون"
    text_map = TextMap(text)
    assert len(text) == 18
    assert text_map.to_doc(len(text)) == 19
    assert text_map.to_doc(text.index("ا")) == text.index("ا") + 1  # after the emoji
    assert text_map.to_store(text_map.to_doc(text.index("ا"))) == text.index("ا")


def test_hidden_diacritics_shorten_the_display_and_stay_with_their_letter():
    text = "مُحَمَّد"
    text_map = TextMap(text, hide_diacritics=True)
    assert text_map.display_text == "محمد"
    # The selection of the displayed first letter covers its damma in the store.
    assert text_map.store_span(0, 1) == (0, 2)
    # The second letter starts after the first letter's marks.
    assert text_map.to_store(1) == 2


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans(), st.integers(0, 5))
def test_positions_match_what_qt_holds(body, hide, base):
    text_map = TextMap(body, hide_diacritics=hide, base=base)
    document = doc_for(text_map, prefix="x" * base)
    # Qt counts UTF-16 units; the map must agree with the document's own length.
    assert document.characterCount() - 1 == base + text_map.doc_length
    assert text_map.doc_length == utf16_length(text_map.display_text)
    for cp, char in enumerate(body):
        if hide and DIACRITICS.fullmatch(char):
            continue
        pos = text_map.to_doc(cp)
        cursor = QTextCursor(document)
        cursor.setPosition(pos)
        cursor.setPosition(text_map.to_doc(cp + 1), QTextCursor.MoveMode.KeepAnchor)
        shown = strip_diacritics(char) if hide else char
        assert cursor.selectedText() == ("\u2029" if char == "\n" else shown)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans(), st.integers(0, 3))
def test_round_trips(body, hide, base):
    text_map = TextMap(body, hide_diacritics=hide, base=base)
    for cp in range(len(body) + 1):
        back = text_map.to_store(text_map.to_doc(cp))
        if hide:
            # A hidden mark comes back as the end of its letter's cluster: never earlier,
            # and nothing visible is skipped on the way.
            assert back >= cp
            assert strip_diacritics(body[cp:back]) == ""
        else:
            assert back == cp
    boundaries = {text_map.to_doc(cp) for cp in range(len(body) + 1)}
    for pos in boundaries:
        assert text_map.to_doc(text_map.to_store(pos)) == pos


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.data())
def test_a_span_covers_the_same_letters_with_diacritics_shown_or_hidden(body, data):
    start = data.draw(st.integers(0, len(body)))
    end = data.draw(st.integers(start, len(body)))
    shown = TextMap(body)
    hidden = TextMap(body, hide_diacritics=True)
    a, b = shown.doc_span(start, end)
    c, d = hidden.doc_span(start, end)
    shown_text = _utf16_slice(shown.display_text, a, b)
    hidden_text = _utf16_slice(hidden.display_text, c, d)
    assert strip_diacritics(shown_text) == hidden_text == strip_diacritics(body[start:end])


def test_positions_outside_the_body_are_clamped():
    text_map = TextMap("نص", base=10)
    assert text_map.to_store(0) == 0
    assert text_map.to_store(99) == 2
    assert text_map.to_doc(-5) == 10
    assert not text_map.contains(3)
    assert text_map.contains(11)


def _utf16_slice(text: str, start: int, end: int) -> str:
    units = text.encode("utf-16-le")
    return units[start * 2 : end * 2].decode("utf-16-le")
