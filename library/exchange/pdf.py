"""PDF of the reading notes, laid out here and shaped by HarfBuzz (fpdf2 writes the file; no Qt).

The blocks are those of the Markdown and DOCX exports (`library.exchange.notes`). Each
paragraph of a block gets its bidi levels (UAX #9, python-bidi) with the block's direction
as the paragraph direction (a paragraph whose strong letters are all of the other
direction, like an English line in an Arabic quote, takes theirs), is cut into runs (one
level, one font, no space inside) shaped by uharfbuzz (joining, lam-alef, harakat), broken
into lines, and each line's runs are put in visual order (rule L2). A right-to-left block
is aligned and indented from the right, even one made only of digits.

The page holds two layers of the same glyph positions (DESIGN.md fact 12;
`bench/pdf_routes.py` measures it):
  - what is seen: the shaped glyphs, each mapped to no text in the font's ToUnicode;
  - what is read: for every character, an outline-less glyph (the font's space) mapped to
    that one character, in the box of its run. The runs are written in logical order,
    one text object each, and inside a right-to-left run the characters go right to
    left on the page. pypdf reads the stream in order and flips each right-to-left run;
    poppler sorts by position and flips right-to-left stretches; a viewer's copy follows
    one or the other. One character per glyph keeps a harakah after its letter and both
    letters of lam-alef in both tools (a ligature or a mark mapped to several characters
    is read in opposite orders by them), and a glyph with no text (a mark, the second
    piece of a letter) never breaks poppler's words. Invisible direction marks (ALM,
    LRM) close each stretch of the other direction inside a line, so that poppler does
    not carry a space or a `%` across it (`_direction_marks`).
poppler still reads a right-to-left line with digits or Latin in it in visual order on a
page whose letters are mostly Latin (it takes one direction per page): `12 مايو 2024`
comes back as `2024 مايو12` there from any PDF that draws it correctly.

The face is Amiri from `fontpkg-amiri` (Latin letters too), embedded as a subset. A
character no face here can draw (an emoji) is drawn as an empty box from a tiny font made
for the document, and is still copied as itself. Headings and the meta line under them
are kept with the next block (never alone at a page bottom); quotes sit on a tinted box
with padding on both sides, wider on the reading side.
"""

from __future__ import annotations

import io
import logging
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from library.exchange.notes import Block, article_blocks, document_title, summary_line
from library.exchange.selection import ExportData

FAMILY = "Amiri"
FALLBACK = "HashiyaBox"
PT = 25.4 / 72  # millimetres per point
MARGIN = 18.0  # mm, all sides (A4)
INDENT = 8.0  # mm per indent level


@dataclass(frozen=True)
class Style:
    size: float  # points
    bold: bool
    colour: str
    indent: int  # levels, from the reading side
    background: str | None
    before: float  # mm above the block
    keep_with_next: bool = False


STYLES = {
    "title": Style(20.0, True, "#000000", 0, None, 0.0),
    "heading": Style(16.0, True, "#1f2d3d", 0, None, 6.0, keep_with_next=True),
    "meta": Style(9.0, False, "#666666", 0, None, 0.5, keep_with_next=True),
    "article-note": Style(12.0, True, "#000000", 0, None, 2.0),
    "quote": Style(14.0, False, "#1f3864", 1, "#f4efe1", 3.5),
    "note": Style(12.0, False, "#000000", 2, None, 1.5),
    "details": Style(9.0, False, "#555555", 2, None, 0.5),
}
LINE_HEIGHT = 1.5  # times the font size: Amiri's marks reach far above and below
PAD_READING = 3.0  # mm between a box's reading-side edge and its text
PAD_OTHER = 2.0
PAD_VERTICAL = 1.0
# Amiri's kerning pulls some letters over the next (ر over ي); unkerned, the page looks
# the same. bench/pdf_routes.py's "kern" route turns it back on.
FEATURES: dict[str, bool] = {"kern": False}
# The characters pypdf turns around in a right-to-left run (its RTL_CHARACTER_RANGES):
# anything else inside such a run (a bracket, a full stop, «) goes in a run of its own.
_READ_RTL = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
MARK_WIDTH_PT = 0.6  # the box of an invisible direction mark, in points
ALM, LRM = 0x061C, 0x200E  # ARABIC LETTER MARK, LEFT-TO-RIGHT MARK
# Bidi classes that open a right-to-left level in a left-to-right paragraph.
RIGHTWARD = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI"})

log = logging.getLogger(__name__)


class FontMissing(RuntimeError):
    pass


def amiri_files() -> dict[str, Path]:
    """Style ("" or "B") → the Amiri file from the `fontpkg-amiri` package."""
    try:
        import fontpkg_amiri
    except ImportError as exc:
        raise FontMissing(f"PDF export needs the Amiri font (fontpkg-amiri): {exc}") from exc
    folder = Path(fontpkg_amiri.ROOT) / "files"
    files = {"": folder / "Amiri-Regular.ttf", "B": folder / "Amiri-Bold.ttf"}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise FontMissing(f"PDF export needs the Amiri font: {', '.join(missing)} not found")
    return files


@cache
def _covered(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def blocks(data: ExportData) -> list[Block]:
    out = [Block("title", document_title(data), False), Block("meta", summary_line(data), False)]
    for article, anns in data.items:
        out.extend(article_blocks(data, article, anns))
    return out


def block_text(block: Block) -> str:
    text = block.text.replace("\r\n", "\n").replace("\r", "\n")
    if block.role == "article-note":
        text = ("ملاحظة على المقال: " if block.rtl else "Note on the article: ") + text
    return text


def _drawable(ch: str) -> bool:
    """A character that needs a glyph (not a control, a format character or a space)."""
    return unicodedata.category(ch) not in {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn"}


def _box_font(codepoints: Iterable[int], path: Path) -> None:
    """A font whose one glyph, an empty box, stands for each of `codepoints`."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    for contour in (((80, 0), (80, 700), (520, 700), (520, 0)), ((130, 50), (470, 50), (470, 650), (130, 650))):  # fmt: skip
        pen.moveTo(contour[0])
        for point in contour[1:]:
            pen.lineTo(point)
        pen.closePath()
    box, empty = pen.glyph(), TTGlyphPen(None).glyph()
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder([".notdef", "space", "box"])
    fb.setupCharacterMap({0x20: "space", **dict.fromkeys(codepoints, "box")})
    fb.setupGlyf({".notdef": box, "space": empty, "box": box})
    fb.setupHorizontalMetrics({".notdef": (600, 80), "space": (300, 0), "box": (600, 80)})
    fb.setupHorizontalHeader(ascent=800, descent=-200)
    fb.setupNameTable({"familyName": FALLBACK, "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    fb.setupPost()
    fb.save(str(path))


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


# --- bidi ------------------------------------------------------------------------------------


def _strong(ch: str) -> str | None:
    kind = unicodedata.bidirectional(ch)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else None


def paragraph_rtl(text: str, block_rtl: bool) -> bool:
    """The block's direction, unless every strong letter of `text` is of the other one."""
    kinds = {_strong(ch) for ch in text} - {None}
    if kinds == {"L"}:
        return False
    if kinds == {"R"}:
        return True
    return block_rtl


def bidi_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character of one paragraph (UAX #9 up to I2)."""
    if not rtl and not any(unicodedata.bidirectional(ch) in RIGHTWARD for ch in text):
        return [0] * len(text)
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = int(rtl)
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    levels = [c["level"] for c in storage["chars"]]
    if len(levels) != len(text):  # explicit embeddings were dropped (X9): keep it simple
        return [int(rtl)] * len(text)
    return levels


def _number_sign(ch: str) -> bool:
    """A sign that goes with numbers (`%`, `+`, `$`): bidi classes ET and ES."""
    return unicodedata.bidirectional(ch) in ("ET", "ES")


def _read_rtl(ch: str) -> bool:
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi in _READ_RTL)


# --- faces, runs and lines -------------------------------------------------------------------


class _NoText(int):
    """A ToUnicode destination that is empty: fpdf2 formats each code with `:04X`."""

    def __format__(self, spec: str) -> str:
        return ""


NO_TEXT = (_NoText(0),)


class _Face:
    """One embedded font: shaping, and the codes of its glyphs in the PDF."""

    def __init__(self, font) -> None:
        self.font = font
        self.hb = font.hbfont
        self.upem = font.ttfont["head"].unitsPerEm
        self.scale = 1000 / self.upem  # font units → PDF glyph space
        self.space_gid = font.ttfont.getGlyphID(font.ttfont.getBestCmap()[0x20])
        self.space = font.ttfont["hmtx"].metrics[font.ttfont.getGlyphName(self.space_gid)][0]
        self._codes: dict[tuple, int] = {}
        self._shaped: dict[tuple, tuple[tuple, int]] = {}
        self._names = font.ttfont.getGlyphOrder()

    def code(self, gid: int, text: tuple, width: int) -> int:
        """The PDF code of glyph `gid` read as `text`, `width` thousandths of an em wide."""
        key = (gid, text, width)
        code = self._codes.get(key)
        if code is None:
            subset = self.font.subset
            glyph = subset.get_glyph(
                glyph=gid, unicode=text, glyph_name=self._names[gid], glyph_width=width
            )
            code = self._codes[key] = subset.pick_glyph(glyph)
        return code

    def shape(self, text: str, rtl: bool, script: str | None = None) -> tuple[tuple, int]:
        """((gid, x_advance, x_offset, y_offset) in visual order, total advance), font units.

        `script` for a run of digits and punctuation: that of the letters around it (Amiri
        draws `4.2` with an Arabic full stop unless told the text is Latin).
        """
        key = (text, rtl, script)
        found = self._shaped.get(key)
        if found is None:
            import uharfbuzz as hb

            buf = hb.Buffer()
            buf.add_str(text)
            buf.direction = "rtl" if rtl else "ltr"
            buf.guess_segment_properties()
            if script:
                buf.script = script
            hb.shape(self.hb, buf, FEATURES)
            glyphs = tuple(
                (info.codepoint, pos.x_advance, pos.x_offset, pos.y_offset)
                for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
            )
            found = self._shaped[key] = (glyphs, sum(g[1] for g in glyphs))
        return found


@dataclass
class _Run:
    text: str
    level: int
    face: _Face
    glyphs: tuple
    width: float  # points

    @property
    def space(self) -> bool:
        return self.text == " "


@dataclass
class _Line:
    rtl: bool  # the paragraph's direction
    runs: list[_Run] = field(default_factory=list)  # logical order

    @property
    def width(self) -> float:
        return sum(r.width for r in self.runs)


def _break_lines(runs: list[_Run], room: float, rtl: bool) -> list[_Line]:
    """Greedy line breaking at spaces; `room` in points. A word too long stays whole."""
    lines: list[_Line] = []
    line = _Line(rtl)
    words: list[list[_Run]] = [[]]
    for run in runs:
        if run.space:
            words.append([run])
            words.append([])
        else:
            words[-1].append(run)
    for word in words:
        if not word:
            continue
        if not word[0].space and line.runs:
            content = list(line.runs)
            while content and content[-1].space:
                content.pop()
            if content and line.width + sum(r.width for r in word) > room:
                line.runs = content
                lines.append(line)
                line = _Line(rtl)
        line.runs.extend(word)
    while len(line.runs) > 1 and line.runs[-1].space:
        line.runs.pop()  # trailing white space is not drawn (rule L1)
    lines.append(line)
    return lines


def _visual_order(levels: list[int]) -> list[int]:
    """Rule L2: the runs' indices left to right on the page."""
    order = list(range(len(levels)))
    if not levels:
        return order
    for level in range(max(levels), (min(levels) | 1) - 1, -1):
        # Reverse every stretch of runs at `level` or above.
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = reversed(order[i:j])
            i = j
    return order


def _read_ops(run: _Run, size: float, x: float, baseline: float) -> str:
    """The read layer of a run: one outline-less glyph per character, in its box."""
    face = run.face
    chars = list(run.text)
    if run.level % 2:
        chars.reverse()  # right to left on the page
    width = max(1, round(run.width / len(chars) * 1000 / size))
    codes = "".join(f"{face.code(face.space_gid, (ord(ch),), width):04X}" for ch in chars)
    return f"BT /F{face.font.i} {size:.2f} Tf 1 0 0 1 {x:.2f} {baseline:.2f} Tm <{codes}> Tj ET"


def _seen_ops(run: _Run, size: float, x: float, baseline: float) -> list[str]:
    """The seen layer of a run: its shaped glyphs, none of them mapped to text."""
    face = run.face
    unit = size / face.upem
    out: list[str] = []
    chunk: list[str] = []
    pen = 0.0  # the text matrix's pen, font units from `x`
    origin = 0.0  # the next glyph's origin before its offset
    fresh = True  # the next glyph needs a text matrix of its own
    for gid, advance, x_off, y_off in run.glyphs:
        target = origin + x_off
        if y_off or fresh:
            if chunk:
                out.append(f"[{''.join(chunk)}] TJ")
                chunk = []
            out.append(f"1 0 0 1 {x + target * unit:.2f} {baseline + y_off * unit:.2f} Tm")
            pen, fresh = target, bool(y_off)
        elif abs(target - pen) > 0.5:
            chunk.append(f" {(pen - target) * face.scale:.0f} ")
            pen = target
        chunk.append(f"<{face.code(gid, NO_TEXT, round(advance * face.scale)):04X}>")
        pen += advance
        origin += advance
    if chunk:
        out.append(f"[{''.join(chunk)}] TJ")
    return out


def _direction_marks(line: _Line, xs: dict[int, float]) -> dict[int, list[tuple[int, float]]]:
    """Run index → [(mark, left x in points)] of the invisible direction marks after it.

    poppler reads a line in stretches: one of the other direction takes the white space
    and punctuation on its far side with it (`12 مايو` read as `12مايو `), and so does a
    line that ends in a harakah or a full stop. A letter mark (ALM in a right-to-left
    paragraph, LRM in a left-to-right one) right after such a stretch, and at the end of
    such a line, stops it there. Both are invisible, and pypdf reads them where they are
    in the text.
    """
    runs = line.runs
    base = 1 if line.rtl else 0
    mark = ALM if line.rtl else LRM
    out: dict[int, list[tuple[int, float]]] = {}
    start = None
    for n, run in enumerate(runs):
        if run.level > base:
            start = n if start is None else start
            if n + 1 < len(runs) and runs[n + 1].level > base:
                continue
            stretch = range(start, n + 1)
            left = min(xs[m] for m in stretch) - MARK_WIDTH_PT
            right = max(xs[m] + runs[m].width for m in stretch)
            ends = run.text[-1]
            # The stretch's own end, when it is no letter or digit of its direction (`12%`).
            if line.rtl and _strong(ends) != "L" and not ends.isdigit():
                out.setdefault(n, []).append((LRM, right))
            elif not line.rtl and _strong(ends) != "R" and not ends.isdigit():
                out.setdefault(n, []).append((ALM, left))
            out.setdefault(n, []).append((mark, left if line.rtl else right))
            start = None
        elif line.rtl and run.level == base and _number_sign(run.text[-1]):
            # `%` of `12%` after an Arabic word sits left of the digits (AN): poppler
            # reads it as part of a number, and would take the space after it too.
            out.setdefault(n, []).append((ALM, xs[n] - MARK_WIDTH_PT))
    last = max((n for n, r in enumerate(runs) if not r.space), default=None)
    if (
        last is not None
        and last not in out
        and runs[last].level == base
        and _strong(runs[last].text[-1]) != ("R" if line.rtl else "L")
    ):
        at = xs[last] - MARK_WIDTH_PT if line.rtl else xs[last] + runs[last].width
        out[last] = [(mark, at)]
    return out


# --- the writer ------------------------------------------------------------------------------


class _Writer:
    def __init__(self, data: ExportData, page_height: float | None = None) -> None:
        from fpdf import FPDF

        fonts = amiri_files()
        size = "A4" if page_height is None else (210.0, page_height)
        self.pdf = pdf = FPDF(orientation="portrait", unit="mm", format=size)
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(False, margin=MARGIN)
        pdf.set_title(document_title(data))
        pdf.set_creator("Hashiya")
        pdf.set_producer("Hashiya (fpdf2)")
        pdf.set_lang("ar")
        for style, path in fonts.items():
            pdf.add_font(FAMILY, style=style, fname=str(path))
        self.blocks = blocks(data)
        self._box_path: Path | None = None
        covered = _covered(fonts[""]) & _covered(fonts["B"])
        self._covered = covered
        lacking = {
            ord(ch)
            for block in self.blocks
            for ch in block_text(block)
            if ord(ch) not in covered and _drawable(ch)
        }
        self._faces: dict[str, _Face] = {}
        if lacking:
            handle, name = tempfile.mkstemp(suffix=".ttf", prefix="hashiya-box-")
            os.close(handle)
            self._box_path = Path(name)
            _box_font(sorted(lacking), self._box_path)
            pdf.add_font(FALLBACK, fname=name)
            pdf.add_font(FALLBACK, style="B", fname=name)
        self._lacking = lacking
        self._layouts: dict[int, list[_Line]] = {}
        self._page_fonts: set[tuple[int, int]] = set()

    def close(self) -> None:
        if self._box_path is not None:
            self._box_path.unlink(missing_ok=True)

    def _face(self, family: str, bold: bool) -> _Face:
        key = f"{family.lower()}{'B' if bold else ''}"
        face = self._faces.get(key)
        if face is None:
            face = self._faces[key] = _Face(self.pdf.fonts[key])
        return face

    def _set(self, block: Block) -> Style:
        return STYLES.get(block.role, STYLES["note"])

    def _geometry(self, block: Block, style: Style) -> tuple[float, float]:
        """(x, width) of the block's box: indented from the reading side."""
        indent = style.indent * INDENT
        width = self.pdf.epw - indent
        x = self.pdf.l_margin if block.rtl else self.pdf.l_margin + indent
        return x, width

    def _padding(self, block: Block, style: Style) -> tuple[float, float, float, float]:
        if not style.background:
            return (0, 0, 0, 0)
        right, left = (PAD_READING, PAD_OTHER) if block.rtl else (PAD_OTHER, PAD_READING)
        return (PAD_VERTICAL, right, PAD_VERTICAL, left)

    # --- layout ---

    def _runs(self, paragraph: str, rtl: bool, style: Style) -> list[_Run]:
        """The paragraph cut into runs (logical order), each shaped."""
        levels = bidi_levels(paragraph, rtl)
        text_face = self._face(FAMILY, style.bold)
        box_face = self._face(FALLBACK, style.bold) if self._lacking else None
        pieces: list[tuple[str, int, _Face]] = []
        current: list[str] = []
        key: tuple = (0, text_face, False)
        for char, level in zip(paragraph, levels, strict=True):
            if char in " \t":
                if current:
                    pieces.append(("".join(current), key[0], key[1]))
                    current = []
                pieces.append((" ", level, text_face))
                continue
            face = box_face if box_face and ord(char) in self._lacking else text_face
            # pypdf turns a right-to-left run around as a whole only if it starts with a
            # right-to-left letter: anything else in it goes alone.
            alone = level % 2 == 1 and not _read_rtl(char)
            alone = alone and unicodedata.category(char) not in ("Mn", "Cf")
            if current and (alone or key[2] or (key[0], key[1]) != (level, face)):
                pieces.append(("".join(current), key[0], key[1]))
                current = []
            current.append(char)
            key = (level, face, alone)
        if current:
            pieces.append(("".join(current), key[0], key[1]))
        # The letters' direction around each character: the last strong one before it (the
        # first after it at the start), for the script of digits and punctuation.
        around: list[str | None] = []
        last = next((k for k in map(_strong, paragraph) if k), None)
        for char in paragraph:
            last = _strong(char) or last
            around.append(last)
        runs, at = [], 0
        for text, level, face in pieces:
            script = None
            if not any(map(_strong, text)) and around:
                script = {"L": "Latn", "R": "Arab"}.get(around[at])
            glyphs, advance = face.shape(text, level % 2 == 1, script)
            runs.append(_Run(text, level, face, glyphs, advance / face.upem * style.size))
            at += len(text)
        return runs

    def _layout(self, block: Block) -> list[_Line]:
        """The block's lines (runs in logical order), broken to fit its box."""
        found = self._layouts.get(id(block))
        if found is not None:
            return found
        style = self._set(block)
        _, width = self._geometry(block, style)
        pads = self._padding(block, style)
        room = (width - pads[1] - pads[3]) / PT  # points
        text = "".join(
            " " if unicodedata.category(ch) == "Cc" and ch != "\n" else ch
            for ch in block_text(block)
        )
        lines: list[_Line] = []
        for paragraph in text.split("\n"):
            rtl = paragraph_rtl(paragraph, block.rtl)
            lines.extend(_break_lines(self._runs(paragraph, rtl, style), room, rtl))
        self._layouts[id(block)] = lines
        return lines

    # --- drawing ---

    def _use(self, face: _Face) -> None:
        from fpdf.enums import PDFResourceType

        key = (face.font.i, self.pdf.page)
        if key not in self._page_fonts:
            self._page_fonts.add(key)
            self.pdf._resource_catalog.add(PDFResourceType.FONT, face.font.i, self.pdf.page)

    def _line_ops(self, line: _Line, size: float, x: float, baseline: float) -> str:
        """The content stream of one line starting at `x`, on `baseline` (points)."""
        runs = line.runs
        xs: dict[int, float] = {}
        for n in _visual_order([r.level for r in runs]):
            xs[n] = x
            x += runs[n].width
        marks = _direction_marks(line, xs)
        read: list[str] = []
        seen: list[str] = []
        current_face = None
        for n, run in enumerate(runs):
            face = run.face
            self._use(face)
            if not run.glyphs and not run.space:
                continue
            read.append(_read_ops(run, size, xs[n], baseline))
            for mark, at in marks.get(n, ()):
                code = face.code(face.space_gid, (mark,), round(MARK_WIDTH_PT * 1000 / size))
                read.append(f"BT 1 0 0 1 {at:.2f} {baseline:.2f} Tm <{code:04X}> Tj ET")
            if run.space:
                continue
            if face is not current_face:
                seen.append(f"/F{face.font.i} {size:.2f} Tf")
                current_face = face
            seen.extend(_seen_ops(run, size, xs[n], baseline))
        out = "\n".join(read)
        if seen:
            out += "\nBT " + " ".join(seen) + " ET"
        return out

    def _draw(self, block: Block, *, dry_run: bool = False) -> float:
        """Draw `block` at the current position (or only measure it); its height in mm."""
        pdf = self.pdf
        style = self._set(block)
        lines = self._layout(block)
        line_h = style.size * PT * LINE_HEIGHT
        pads = self._padding(block, style)
        if dry_run:
            return len(lines) * line_h + pads[0] + pads[2]
        x, width = self._geometry(block, style)
        before = pdf.y
        i = 0
        while i < len(lines):
            # The lines that fit on this page (at least one).
            top = pdf.y
            room = pdf.page_break_trigger - top - pads[0] - pads[2]
            n = max(1, min(len(lines) - i, int(room // line_h + 1e-9)))
            if room < line_h and top > pdf.t_margin + 0.01:
                pdf.add_page()
                continue
            chunk_h = n * line_h + pads[0] + pads[2]
            if style.background:
                pdf.set_fill_color(*_rgb(style.background))
                pdf.rect(x, top, width, chunk_h, style="F")
            r, g, b = _rgb(style.colour)
            ops = [f"{r / 255:.3f} {g / 255:.3f} {b / 255:.3f} rg"]
            left, right = x + pads[3], x + width - pads[1]
            for m, line in enumerate(lines[i : i + n]):
                line_top = top + pads[0] + m * line_h
                baseline_mm = line_top + 0.5 * line_h + 0.3 * style.size * PT
                baseline = (pdf.h - baseline_mm) * pdf.k
                x_pt = (right * pdf.k - line.width) if block.rtl else left * pdf.k
                ops.append(self._line_ops(line, style.size, x_pt, baseline))
            pdf._out("q " + "\n".join(ops) + " Q")
            pdf.set_y(top + chunk_h)
            i += n
            if i < len(lines):
                pdf.add_page()
        pdf.set_x(pdf.l_margin)
        return pdf.y - before

    def _height(self, block: Block) -> float:
        return STYLES.get(block.role, STYLES["note"]).before + self._draw(block, dry_run=True)

    def _first_line(self, block: Block) -> float:
        style = STYLES.get(block.role, STYLES["note"])
        pads = self._padding(block, style)
        return style.before + style.size * PT * LINE_HEIGHT + pads[0] + pads[2]

    def write(self) -> bytes:
        pdf = self.pdf
        pdf.add_page()
        for n, block in enumerate(self.blocks):
            style = STYLES.get(block.role, STYLES["note"])
            if n and style.keep_with_next:
                # Keep-with-next: this block, the following kept ones and the first line
                # of the next block must fit, else all of them start the next page.
                need = self._height(block)
                m = n + 1
                while (
                    m < len(self.blocks)
                    and STYLES.get(self.blocks[m].role, STYLES["note"]).keep_with_next
                ):
                    if self.blocks[m].role == block.role == "heading":
                        break
                    need += self._height(self.blocks[m])
                    m += 1
                if m < len(self.blocks) and self.blocks[m].role != "heading":
                    need += self._first_line(self.blocks[m])
                if pdf.y + need > pdf.page_break_trigger and pdf.y > pdf.t_margin + 0.01:
                    pdf.add_page()
            if n and pdf.y > pdf.t_margin + 0.01:
                pdf.ln(style.before)
            self._draw(block)
        out = io.BytesIO()
        pdf.output(out)
        return out.getvalue()


def pdf_bytes(data: ExportData, *, page_height: float | None = None) -> bytes:
    """The notes as a PDF file's bytes (A4, 18 mm margins; `page_height` in mm for tests)."""
    writer = _Writer(data, page_height)
    try:
        return writer.write()
    finally:
        writer.close()


def export_bytes(data: ExportData) -> bytes:
    return pdf_bytes(data)
