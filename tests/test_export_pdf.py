"""PDF export through Qt's text layout: read back with pypdf, rendered with pdftoppm when
it is installed, and made by the CLI without a running GUI."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_export_library import TITLE_A, TITLE_B, build_library

from library.exchange import Selection, render
from library.exchange.selection import collect
from library.storage.store import open_library
from reader.launch import main

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def library_file(tmp_path_factory) -> Path:
    return build_library(tmp_path_factory.mktemp("pdf"))


@pytest.fixture
def pdf(qapp, library_file, tmp_path) -> Path:
    from reader.pdf_writer import pdf_bytes

    with open_library(library_file) as lib:
        data = collect(lib, Selection())
    path = tmp_path / "notes.pdf"
    path.write_bytes(render(data, "pdf", pdf_writer=pdf_bytes))
    return path


def runs_with_positions(page) -> list[tuple[float, str, str]]:
    """(x, font, text) of each text run as pypdf reads the content stream."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            name = font.get("/BaseFont", "") if font else ""
            out.append((tm[4] * cm[0] + cm[4], str(name), text))

    page.extract_text(visitor_text=visit)
    return out


def test_pdf_reads_back_with_fonts_embedded_and_arabic_set_right_to_left(pdf):
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) >= 1
    page = reader.pages[0]
    text = page.extract_text()
    for latin in ("Hashiya notes", "check the English", "Colour", "Quote", "Person", "Event"):
        assert latin in text.replace("\t", " ")
    fonts = {str(f.get_object()["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any("Amiri" in f for f in fonts), fonts  # the bundled Arabic face, embedded
    width = float(page.mediabox.width)
    runs = runs_with_positions(page)
    latin_runs = [x for x, _, t in runs if "Hashiya" in t]
    assert latin_runs and latin_runs[0] < width / 3  # left-to-right text starts on the left
    arabic_lines = [x for x, _, t in runs if any("\u0600" <= c <= "\u06ff" for c in t)]
    assert arabic_lines and max(arabic_lines) > width / 2  # right-to-left text sits on the right
    assert reader.metadata.title == "Hashiya notes"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_pdf_renders_with_arabic_lines_on_the_right(pdf, tmp_path):
    from PySide6.QtGui import QImage

    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
        check=True,
    )
    image = QImage(str(next(tmp_path.glob("p*.png"))))
    assert not image.isNull()
    width, height = image.width(), image.height()

    def ink(y: int) -> list[int]:
        return [x for x in range(width) if image.pixelColor(x, y).lightness() < 120]

    rows = [(y, ink(y)) for y in range(0, height, 2)]
    lines = [xs for _, xs in rows if xs]
    assert lines, "the page is blank"
    right_aligned = [xs for xs in lines if min(xs) > width * 0.5]
    left_aligned = [xs for xs in lines if max(xs) < width * 0.5]
    assert right_aligned and left_aligned  # Arabic headings/quotes right, English left


def test_cli_makes_a_pdf_without_a_gui_running(library_file, tmp_path):
    target = tmp_path / "cli.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "reader.launch", "export", "--format", "pdf", "--output", str(target),
         "--library", str(library_file), "--article", "1"],
        capture_output=True, text=True, encoding="utf-8", env=_env(),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes().startswith(b"%PDF-")
    assert "exported" in proc.stdout


def _env() -> dict:
    import os

    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def test_pdf_export_through_the_library_api_needs_the_writer(library_file, tmp_path):
    from library.exchange import UnknownFormat, export

    with open_library(library_file) as lib, pytest.raises(UnknownFormat, match="Qt"):
        export(lib, "pdf", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_cli_in_process(qapp, capsys, library_file, tmp_path):
    target = tmp_path / "in.pdf"
    assert main(["export", "--format", "pdf", "--output", str(target), "--library",
                 str(library_file), "--type", "person"]) == 0  # fmt: skip
    # `--type person` alone keeps the two person mentions (عادل فهمي, مُحَمَّد), both in
    # TITLE_A's article, and nothing else: no other entity type, highlight or note.
    assert "exported 2 annotation(s) from 1 article(s)" in capsys.readouterr().out
    reader = pypdf.PdfReader(str(target))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert text.count("Entity:") == 2 and text.count("Person") == 2, text
    for left_out in ("Organisation", "Place", "Date", "Event", "Colour:", "check the English"):
        assert left_out not in text, left_out
    # Qt's PDF keeps no text for shaped Arabic, so the article is told by its source line
    # (pypdf reads the path's letters and digits): TITLE_A's file, not TITLE_B's.
    with open_library(library_file) as lib:
        source = dict(lib.conn.execute("SELECT title, source_path FROM articles"))
    letters = re.sub(r"[\W_]", "", text)
    assert re.sub(r"[\W_]", "", source[TITLE_A]) in letters, text
    assert re.sub(r"[\W_]", "", source[TITLE_B]) not in letters, text
