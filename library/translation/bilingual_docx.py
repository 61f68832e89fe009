"""A bilingual DOCX: for each article its title, then a table of three columns, the
Arabic segment (a right-to-left paragraph, `w:bidi`, its runs `w:rtl`), its translation
(in its own direction) and the segment's note, one row per segment, the header row
repeated on every page.

Written by hand as `library.exchange.docx` writes its document (ECMA-376), with the
same package parts, styles and right-to-left runs: that module is handed in (`ooxml`)
by `library.exchange`, which sits above this package. The table is a `w:tbl`
(§17.4.38): a fixed layout, the widths in twentieths of a point (dxa) summing to the
text width of an A4 page.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from types import ModuleType
from xml.sax.saxutils import escape

from library.translation.bundle import Bundle, xml_text

Runs = Callable[[str], str]

WIDTHS = (3855, 3855, 1928)  # 9638 dxa: A4 less two margins of 1134
HEADINGS = {"source": "العربية", "target": "Translation", "note": "Note"}
_RTL_LANGS = {"ar", "fa", "he", "ur", "ps", "yi", "ckb", "sd", "ug", "dv"}
BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A0A0A0"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _is_rtl_lang(lang: str) -> bool:
    return lang.split("-", maxsplit=1)[0].lower() in _RTL_LANGS


def _paragraphs(runs: Runs, text: str, rtl: bool, style: str = "Normal") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:bidi/>" if rtl else "")
    lines = xml_text(text).split("\n") or [""]
    content = "<w:r><w:br/></w:r>".join(runs(line) for line in lines)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def _cell(runs: Runs, text: str, width: int, rtl: bool) -> str:
    body = _paragraphs(runs, text, rtl)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'


def _row(cells: list[str], header: bool = False) -> str:
    trpr = (
        "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        if header
        else "<w:trPr><w:cantSplit/></w:trPr>"
    )
    return f"<w:tr>{trpr}{''.join(cells)}</w:tr>"


def _table(runs: Runs, bundle: Bundle, segs) -> str:
    target_rtl = _is_rtl_lang(bundle.target_language)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in WIDTHS)
    rows = [
        _row(
            [
                _cell(runs, HEADINGS["source"], WIDTHS[0], True),
                _cell(
                    runs, f"{HEADINGS['target']} ({bundle.target_language})", WIDTHS[1], target_rtl
                ),
                _cell(runs, HEADINGS["note"], WIDTHS[2], False),
            ],
            header=True,
        )
    ]
    for s in segs:
        rows.append(
            _row(
                [
                    _cell(runs, s.exact, WIDTHS[0], True),
                    _cell(runs, s.target, WIDTHS[1], target_rtl),
                    _cell(runs, s.note or "", WIDTHS[2], bool(s.note) and _starts_arabic(s.note)),
                ]
            )
        )
    return (
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(WIDTHS)}" w:type="dxa"/><w:tblBorders>{BORDERS}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def _starts_arabic(text: str) -> bool:
    for ch in text:
        if "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u08ff":
            return True
        if ch.isalpha():
            return False
    return False


def document_xml(bundle: Bundle, ooxml: ModuleType) -> str:
    runs = ooxml.runs
    parts = [
        _paragraphs(
            runs,
            f"Hashiya: translation ({bundle.source_language} → {bundle.target_language})",
            False,
            "Title",
        )
    ]
    for article, segs in bundle.items:
        parts.append(_paragraphs(runs, article.title, _starts_arabic(article.title), "Heading1"))
        if segs:
            parts.append(_table(runs, bundle, segs))
            parts.append("<w:p/>")
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" '
        'w:footer="567" w:gutter="0"/></w:sectPr>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{ooxml.W_NS}"><w:body>{"".join(parts)}{section}</w:body></w:document>'
    )


def core_xml(bundle: Bundle) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape('Bilingual translation')}</dc:title><dc:creator>Hashiya</dc:creator>"
        f"<dc:language>{escape(bundle.target_language)}</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{escape(bundle.generated[:19])}Z</dcterms:created>'
        "</cp:coreProperties>"
    )


def export_bytes(bundle: Bundle, ooxml: ModuleType) -> bytes:
    """The DOCX; `ooxml` is `library.exchange.docx` (its parts, styles and `runs`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", ooxml.CONTENT_TYPES)
        archive.writestr("_rels/.rels", ooxml.ROOT_RELS)
        archive.writestr("docProps/core.xml", core_xml(bundle))
        archive.writestr("word/document.xml", document_xml(bundle, ooxml))
        archive.writestr("word/_rels/document.xml.rels", ooxml.DOCUMENT_RELS)
        archive.writestr("word/styles.xml", ooxml.STYLES)
    return buffer.getvalue()
