"""DOCX for word processors: the reading notes (library.exchange.notes), written as OOXML.

Written by hand with zipfile (no Qt, no extra dependency): `[Content_Types].xml`,
`_rels/.rels`, `docProps/core.xml` (title, date), `word/document.xml`, `word/styles.xml`
and `word/_rels/document.xml.rels`, the minimum a WordprocessingML package needs
(ECMA-376 Part 1 §11, Part 2 for the packaging).

Indents use `w:left`, which ECMA-376 defines as the leading edge: the right side of a
right-to-left paragraph.

Direction (ECMA-376 §17.3.1.6 `bidi`, §17.3.2.30 `rtl`): a paragraph whose first strong
character is Arabic gets `<w:bidi/>` in its properties (right-to-left paragraph:
alignment, indents and the order of runs follow); inside any paragraph, each run of
Arabic-script text gets `<w:rtl/>` and a complex-script language (`w:lang w:bidi="ar"`),
so Word lays it out and shapes it as Arabic with the complex-script font (`w:cs`);
runs of Latin text stay left-to-right. Word and LibreOffice shape Arabic themselves: the
text is written in logical order, never reshaped. Which paragraphs are right-to-left is
decided in library.exchange.notes (a quote follows its article, so `2020` quoted from an
Arabic article is a right-to-left paragraph).

Highlights (§17.3.2.32 `shd`, §17.3.2.15 `highlight`): the runs of a highlighted quote
are shaded in the palette colour, `<w:shd w:val="clear" w:color="auto" w:fill="RRGGBB"/>`,
which Word and LibreOffice both show as the text's background (a paragraph style or a
"Colour: …" line alone is not shown as marked). When the colour is exactly one of Word's
sixteen highlight colours (ST_HighlightColor), `<w:highlight w:val="…"/>` is written too,
so Word's Text Highlight Color tools see it.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import escape

from library.exchange.notes import Block, article_blocks, document_title, summary_line
from library.exchange.selection import ExportData

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
COMPLEX_FONT = "Arial"  # has Arabic on Windows and macOS; LibreOffice substitutes elsewhere
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Runs: Arabic-script letters (with what sits between them) vs everything else.
_RTL_RUN = re.compile(
    r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]"
    r"(?:[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\s\d\u0660-\u0669\u06F0-\u06F9«»\"'(),.:;!?؟،؛\-–—…]*"
    r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF])?"
)
# ST_HighlightColor (ECMA-376 §17.18.40) and the RGB Word shows for each.
WORD_HIGHLIGHTS = {
    "000000": "black", "0000FF": "blue", "00FFFF": "cyan", "00FF00": "green",
    "FF00FF": "magenta", "FF0000": "red", "FFFF00": "yellow", "FFFFFF": "white",
    "000080": "darkBlue", "008080": "darkCyan", "008000": "darkGreen",
    "800080": "darkMagenta", "800000": "darkRed", "808000": "darkYellow",
    "808080": "darkGray", "C0C0C0": "lightGray",
}  # fmt: skip
_HEX = re.compile(r"^#?([0-9A-Fa-f]{6})$")
STYLE_FOR = {
    "title": "Title",
    "heading": "Heading1",
    "meta": "Meta",
    "article-note": "ArticleNote",
    "quote": "Quote",
    "note": "Note",
    "details": "Details",
}

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
</Relationships>"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""


def _style(
    style_id: str, name: str, *, ppr: str = "", rpr: str = "", based_on: str = "Normal"
) -> str:
    return (
        f'<w:style w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="{based_on}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="{COMPLEX_FONT}"/>'
    '<w:sz w:val="22"/><w:szCs w:val="26"/><w:lang w:val="en-GB" w:bidi="ar"/>'
    "</w:rPr></w:rPrDefault>"
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr>'
    "</w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:qFormat/></w:style>"
    + _style("Title", "Title", ppr='<w:spacing w:after="240"/>',
             rpr='<w:b/><w:bCs/><w:sz w:val="40"/><w:szCs w:val="44"/>')
    + _style("Heading1", "heading 1", ppr='<w:keepNext/><w:spacing w:before="360" w:after="60"/><w:outlineLvl w:val="0"/>',
             rpr='<w:b/><w:bCs/><w:sz w:val="30"/><w:szCs w:val="34"/>')
    + _style("Meta", "Article source", ppr='<w:spacing w:after="200"/>',
             rpr='<w:color w:val="666666"/><w:sz w:val="18"/><w:szCs w:val="22"/>')
    + _style("ArticleNote", "Article note", rpr="<w:b/><w:bCs/>")
    + _style("Quote", "Quote", ppr='<w:keepNext/><w:ind w:left="360"/><w:spacing w:before="160" w:after="60"/>',
             rpr='<w:color w:val="1F3864"/><w:sz w:val="24"/><w:szCs w:val="30"/>')
    + _style("Note", "Note", ppr='<w:ind w:left="720"/><w:spacing w:after="60"/>')
    + _style("Details", "Annotation details", ppr='<w:ind w:left="720"/>',
             rpr='<w:i/><w:color w:val="555555"/><w:sz w:val="18"/><w:szCs w:val="22"/>')
    + "</w:styles>"
)  # fmt: skip


def fill_of(colour: str | None) -> str | None:
    """A palette colour (#rrggbb) as OOXML's RRGGBB, or None when it is not one."""
    m = _HEX.match(colour or "")
    return m[1].upper() if m else None


def _run(text: str, rtl: bool, fill: str | None = None) -> str:
    text = _BAD_XML.sub("", text)
    props = ""  # in CT_RPr's order: highlight, shd, rtl, lang
    if fill:
        named = WORD_HIGHLIGHTS.get(fill)
        if named:
            props += f'<w:highlight w:val="{named}"/>'
        props += f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>'
    if rtl:
        props += '<w:rtl/><w:lang w:bidi="ar"/>'
    props = f"<w:rPr>{props}</w:rPr>" if props else ""
    pieces = text.split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in pieces)
    return f"<w:r>{props}{inner}</w:r>"


def runs(text: str, fill: str | None = None) -> str:
    """Runs for one line: Arabic-script stretches marked right-to-left, the rest not;
    all shaded in `fill` (RRGGBB) when given."""
    out, pos = [], 0
    for m in _RTL_RUN.finditer(text):
        if m.start() > pos:
            out.append(_run(text[pos : m.start()], False, fill))
        out.append(_run(m[0], True, fill))
        pos = m.end()
    if pos < len(text):
        out.append(_run(text[pos:], False, fill))
    return "".join(out)


def paragraph(block: Block) -> str:
    ppr = f'<w:pStyle w:val="{STYLE_FOR.get(block.role, "Normal")}"/>'
    if block.rtl:
        ppr += "<w:bidi/>"
    lines = block.text.split("\n")
    if block.role == "article-note":
        lines[0] = ("ملاحظة على المقال: " if block.rtl else "Note on the article: ") + lines[0]
    fill = fill_of(block.colour) if block.role == "quote" else None
    content = "<w:r><w:br/></w:r>".join(runs(line, fill) for line in lines)
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def document_xml(data: ExportData) -> str:
    blocks = [Block("title", document_title(data), False), Block("meta", summary_line(data), False)]
    for article, anns in data.items:
        blocks.extend(article_blocks(data, article, anns))
    body = "".join(paragraph(b) for b in blocks)
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" '
        'w:footer="567" w:gutter="0"/></w:sectPr>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}{section}</w:body></w:document>'
    )


def core_xml(data: ExportData) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(document_title(data))}</dc:title><dc:creator>Hashiya</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{escape(data.generated[:19])}Z</dcterms:created>'
        "</cp:coreProperties>"
    )


def export_bytes(data: ExportData) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("docProps/core.xml", core_xml(data))
        archive.writestr("word/document.xml", document_xml(data))
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/styles.xml", STYLES)
    return buffer.getvalue()
