"""PDF of the reading notes, drawn by Qt's own text layout (shaped, bidi-ordered).

The blocks are those of the Markdown and DOCX exports (`library.exchange.notes`). Each goes
into a QTextDocument through a QTextCursor, in logical order and never reshaped (DESIGN.md
fact 1): Qt's HarfBuzz shapes the Arabic and its bidi algorithm orders each line; a
right-to-left block gets `setLayoutDirection(RightToLeft)`, so it is also aligned and
indented from the right. The face is the article face (Amiri, bundled, registered with
`reader.look.fonts.register_bundled_fonts`), which has Latin letters too. `QTextDocument.print_`
paginates onto a QPdfWriter (A4) writing into memory; the fonts are embedded (subset).

Works on any thread once a QGuiApplication exists and the fonts are registered; the CLI
makes an offscreen application for it (`standalone_pdf_writer`, called by `reader.launch`).
"""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, Qt, QThread
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from library.exchange.notes import Block, article_blocks, document_title, summary_line
from library.exchange.selection import ExportData
from reader import binding_guard  # noqa: F401 - before Qt is used (reader/__init__.py)
from reader.look.fonts import article_family, register_bundled_fonts

_registered = threading.Event()
# role → (point size, bold, colour, indent level, background, space before)
STYLES = {
    "title": (20.0, True, "#000000", 0, None, 0.0),
    "heading": (16.0, True, "#1f2d3d", 0, None, 18.0),
    "meta": (9.0, False, "#666666", 0, None, 2.0),
    "article-note": (12.0, True, "#000000", 0, None, 6.0),
    "quote": (14.0, False, "#1f3864", 1, "#f4efe1", 10.0),
    "note": (12.0, False, "#000000", 2, None, 4.0),
    "details": (9.0, False, "#555555", 2, None, 2.0),
}


def ensure_fonts() -> None:
    """Register the bundled faces once (on the GUI thread, where Qt wants it)."""
    if _registered.is_set():
        return
    app = QGuiApplication.instance()
    if app is None:
        raise RuntimeError("PDF export needs a QGuiApplication")
    if QThread.currentThread() is app.thread():
        register_bundled_fonts()
        _registered.set()


def _formats(block: Block, family: str) -> tuple[QTextBlockFormat, QTextCharFormat]:
    size, bold, colour, indent, background, before = STYLES.get(block.role, STYLES["note"])
    fmt = QTextBlockFormat()
    fmt.setLayoutDirection(
        Qt.LayoutDirection.RightToLeft if block.rtl else Qt.LayoutDirection.LeftToRight
    )
    fmt.setIndent(indent)
    fmt.setTopMargin(before)
    fmt.setBottomMargin(3.0)
    fmt.setLineHeight(125.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    if background:
        fmt.setBackground(QBrush(QColor(background)))
    char = QTextCharFormat()
    font = QFont(family)
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setStyleStrategy(QFont.StyleStrategy.PreferQuality)
    char.setFont(font)
    char.setForeground(QBrush(QColor(colour)))
    return fmt, char


def blocks(data: ExportData) -> list[Block]:
    out = [Block("title", document_title(data), False), Block("meta", summary_line(data), False)]
    for article, anns in data.items:
        out.extend(article_blocks(data, article, anns))
    return out


def build_document(data: ExportData, family: str | None = None) -> QTextDocument:
    family = family or article_family()
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(QFont(family, 12))
    cursor = QTextCursor(doc)
    for n, block in enumerate(blocks(data)):
        fmt, char = _formats(block, family)
        if n == 0:
            cursor.setBlockFormat(fmt)
            cursor.setBlockCharFormat(char)
        else:
            cursor.insertBlock(fmt, char)
        text = block.text
        if block.role == "article-note":
            text = ("ملاحظة على المقال: " if block.rtl else "Note on the article: ") + text
        # A line break inside a block stays inside it (Unicode LINE SEPARATOR).
        cursor.insertText(text.replace("\r\n", "\n").replace("\n", "\u2028"), char)
    return doc


def pdf_bytes(data: ExportData) -> bytes:
    """The notes as a PDF file's bytes (A4, 18 mm margins)."""
    ensure_fonts()
    doc = build_document(data)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(document_title(data))
    writer.setCreator("Hashiya")
    doc.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(array.data())


_app: QGuiApplication | None = None


def standalone_pdf_writer():
    """`pdf_bytes`, for a process that has no Qt application yet (the command line).

    Creates an offscreen QGuiApplication (kept for the life of the process) so that Qt's
    text layout and fonts are available without a display.
    """
    global _app  # noqa: PLW0603 - one application object per process, by Qt's rules
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication(["hashiya"])
    return pdf_bytes
