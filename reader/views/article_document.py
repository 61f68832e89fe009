"""Turns an article into the QTextDocument the reader shows.

Everything goes in as plain text through QTextCursor.insertText, so markup in an article
is shown as written and never interpreted. The text is given to Qt in logical order and
unshaped: Qt shapes Arabic and runs the bidi algorithm itself (DESIGN.md fact 1).

Layout: the title, a line naming the source and date, the captions (set apart: smaller,
italic, on a tinted band), a rule, then the body with one block per paragraph. The body
is last and contiguous, so the TextMap only needs the position where it starts.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from library.storage.articles import Article
from reader.look.fonts import article_font
from reader.look.labels import local_date
from reader.look.theme import ArticleColours
from reader.views.text_map import TextMap, strip_diacritics

_PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
# QTextFormat.FontSizeAdjustment steps: +2 is 1.5 times the body size, -1 is 0.8 times.
TITLE_SIZE_STEP = 2
SMALL_SIZE_STEP = -1
LTR, RTL = Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft


@dataclass(frozen=True)
class ReadingStyle:
    family: str
    point_size: float
    line_spacing: int  # percent
    hide_diacritics: bool
    colours: ArticleColours


@dataclass
class ArticleDocument:
    document: QTextDocument
    text_map: TextMap
    first_body_block: int
    justified: bool | None = None  # set by the view from the width it has


def paragraph_direction(text: str, default: Qt.LayoutDirection = RTL) -> Qt.LayoutDirection:
    """The bidi algorithm's rule P2: the first strong character decides."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return LTR
        if kind in ("R", "AL"):
            return RTL
    return default


def source_label(article: Article) -> str:
    if article.site:
        return article.site
    return Path(article.source).name if article.source else ""


class _Builder:
    """Appends blocks to a document, each with its own direction from its text."""

    def __init__(self, document: QTextDocument) -> None:
        self.cursor = QTextCursor(document)
        self.empty = True

    def start_block(self, fmt: QTextBlockFormat, chars: QTextCharFormat) -> None:
        if self.empty:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(chars)
            self.empty = False
        else:
            self.cursor.insertBlock(fmt, chars)

    def block(
        self,
        fmt: QTextBlockFormat,
        chars: QTextCharFormat,
        text: str,
        direction: Qt.LayoutDirection | None = None,
    ) -> None:
        fmt.setLayoutDirection(direction or paragraph_direction(text))
        self.start_block(fmt, chars)
        self.cursor.insertText(text, chars)


def _header(builder: _Builder, article: Article, style: ReadingStyle, em: float) -> None:
    def show(text: str) -> str:
        return strip_diacritics(text) if style.hide_diacritics else text

    muted = QTextCharFormat()
    muted.setForeground(style.colours.muted)
    muted.setProperty(QTextFormat.Property.FontSizeAdjustment, SMALL_SIZE_STEP)

    if article.title:
        title_format = QTextBlockFormat()
        title_format.setAlignment(Qt.AlignmentFlag.AlignLeading)
        title_format.setBottomMargin(em * 0.25)
        title_format.setLineHeight(105, _PROPORTIONAL)
        title_chars = QTextCharFormat()
        title_chars.setFontWeight(700)
        title_chars.setProperty(QTextFormat.Property.FontSizeAdjustment, TITLE_SIZE_STEP)
        builder.block(title_format, title_chars, show(article.title))

    # Each part isolated: a file name or an ISO date must not be reordered by the line's
    # direction (a timestamp in an Arabic line otherwise reads "20T08:00-05-2024").
    parts = (source_label(article), local_date(article.date))
    meta = " · ".join(f"\u2068{part}\u2069" for part in parts if part)
    if meta:
        meta_format = QTextBlockFormat()
        meta_format.setAlignment(Qt.AlignmentFlag.AlignLeading)
        meta_format.setBottomMargin(em * 0.6)
        # A Latin site name under an Arabic title still lines up with the title.
        builder.block(meta_format, muted, meta, paragraph_direction(article.title + article.body))

    for caption in article.captions:
        caption_format = QTextBlockFormat()
        caption_format.setAlignment(Qt.AlignmentFlag.AlignLeading)
        caption_format.setBackground(style.colours.caption_background)
        caption_format.setTopMargin(em * 0.15)
        caption_format.setBottomMargin(em * 0.45)
        caption_format.setLeftMargin(em * 0.5)
        caption_format.setRightMargin(em * 0.5)
        caption_chars = QTextCharFormat(muted)
        caption_chars.setFontItalic(True)
        builder.block(caption_format, caption_chars, show(caption))

    if not builder.empty:
        rule = QTextBlockFormat()
        rule.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth, 1)
        rule.setBottomMargin(em * 0.8)
        rule.setLineHeight(40, _PROPORTIONAL)
        builder.block(rule, QTextCharFormat(), "")


def build_document(article: Article, style: ReadingStyle) -> ArticleDocument:
    em = style.point_size * 96 / 72
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    document.setDefaultFont(article_font(style.family, style.point_size))
    document.setDocumentMargin(em * 1.2)
    option = QTextOption()
    option.setTextDirection(RTL)
    # Lines break between words only, never inside one (the view sets the same mode).
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    # Not IncludeTrailingSpaces: with it Qt (6.11) still draws a justified Arabic line a
    # space short of the right margin, draws a justified English line a space short of it
    # too, and lets a ragged line's trailing space stick out of the column.
    document.setDefaultTextOption(option)

    builder = _Builder(document)
    _header(builder, article, style, em)

    body_format = QTextBlockFormat()
    body_format.setAlignment(Qt.AlignmentFlag.AlignJustify)
    body_format.setLineHeight(style.line_spacing, _PROPORTIONAL)
    body_format.setBottomMargin(em * 0.7)
    body_format.setLayoutDirection(RTL)
    plain = QTextCharFormat()
    builder.start_block(body_format, plain)
    cursor = builder.cursor
    first_body_block = cursor.blockNumber()
    text_map = TextMap(article.body, hide_diacritics=style.hide_diacritics, base=cursor.position())
    # One insertText for the whole body: each "\n" becomes a block with the body format.
    cursor.insertText(text_map.display_text, plain)

    ltr = QTextBlockFormat()
    ltr.setLayoutDirection(LTR)
    for number, paragraph in enumerate(text_map.display_text.split("\n")):
        if paragraph_direction(paragraph) == LTR:
            QTextCursor(document.findBlockByNumber(first_body_block + number)).mergeBlockFormat(ltr)
    return ArticleDocument(document, text_map, first_body_block)
