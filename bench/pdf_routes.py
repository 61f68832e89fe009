"""PDF routes side by side: how much of the quotes and notes real tools get back.

A small library of our own news-like sentences (Arabic, English, both mixed; lam-alef,
harakat, digits, `/ ( )`, guillemets, an emoji, line breaks) carries 40+ highlighted
quotes, most with a note. Each route renders the same export; the text is then read back
by poppler's `pdftotext` (the default mode, what a user gets, and `-raw`) and by pypdf.
A quote or note counts when its exact text, whitespace-normalised (runs of white space
made one space, the invisible bidi controls pdftotext adds removed), is in the page text.
Each route is also timed on 1,000 annotations (50 synthetic articles, bench/corpus.py).

Routes:
  qt          today's route before issue 14: Qt's QTextDocument printed on QPdfWriter
              (reader/pdf_writer.py as in commit 9145efb, the last with it, loaded into a temporary module)
  fpdf2       library/exchange/pdf.py: our own bidi runs and lines, uharfbuzz shaping,
              Amiri with kerning off, a read layer of one character per glyph in logical
              run order (fpdf2 only writes the file)
  fpdf2-kern  the same with Amiri's kerning on (HarfBuzz's default features)
  fpdf2-sch   the same as fpdf2 with Scheherazade (system font, if installed)
Qt with /ActualText spans is not feasible: QPdfWriter/QPainter has no marked-content
API; and poppler 22.12 reverses the ActualText of a right-to-left run (tried with fpdf2).

    python bench/pdf_routes.py [--annotations 1000] [--repeat 1] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from qt_pdf_route import qt_route  # noqa: E402

BIDI_CONTROLS = dict.fromkeys(
    [0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)

# Our own sentences: (quote, note or None). Quotes are highlighted in an article made of
# them; each appears once in the whole export.
ITEMS: list[tuple[str, str | None]] = [
    ("لا يمكن الوصول إلى اتفاق دون مشاركة جميع الأطراف", "قول الوزير في المؤتمر الصحفي"),
    ("أكد الإمام أن الإسلام دين السلام والتعايش", "تصريح متكرر في خطب الجمعة"),
    ("وقالت الوزيرة إن الاجتماع المقبل سيعقد في عمّان", "راجع التاريخ"),
    ("بلغت نسبة التضخم 7.5 بالمئة خلال الربع الأول", "رقم مهم للمقارنة"),
    ("افتتح المحافظ مستشفى جديداً يضم 120 سريراً", None),
    ("دعا الاتحاد إلى وقف إطلاق النار فوراً", "لا تعليق من الطرف الآخر"),
    ("الجلسة الثالثة (المغلقة) انتهت دون بيان", "الأقواس في الأصل"),
    ("سعر الصرف 3.75 ريال/دولار منذ سنوات", "الشرطة المائلة في النص"),
    ("نشرت الصحيفة تقريراً بعنوان «الطريق إلى السلام»", "عنوان التقرير بين قوسين"),
    ("أعلنت الشركة عن خطة لتوظيف ألف شاب وشابة", None),
    ("لا بد من إصلاح شامل للقطاع الزراعي", "رأي الخبراء"),
    ("استقبل الرئيس وفداً من البرلمان الأوروبي", "EU delegation, confirm the date"),
    ("قال المتحدث إن الحكومة لن تتراجع عن قرارها", "الحكومة الحالية"),
    ("وصل عدد الزوار إلى 2,500,000 زائر هذا العام", "أرقام رسمية"),
    ("أكدت الهيئة أن الطيران سيعود إلى طبيعته الأسبوع المقبل", None),
    ("مُحَمَّد الأمين رئيساً للجنة الوطنية", "الاسم بالتشكيل"),
    ("ناقش المجلس ميزانية عام 2025 بالتفصيل", "تحقق من الأرقام"),
    ("السلام عليكم ورحمة الله", "تحية البداية"),
    ("أعرب السفير عن قلقه من تدهور الأوضاع الإنسانية", "السفير الفرنسي"),
    ("وقّع الطرفان مذكرة تفاهم في مجال الطاقة الشمسية", "مشروع مشترك"),
    ("انخفضت صادرات النفط بنسبة 12% مقارنة بالعام الماضي", None),
    ("أشار التقرير إلى أن البطالة بين الشباب لا تزال مرتفعة", "قارن مع تقرير العام الماضي"),
    ("يوم 12 مايو 2024 في الرياض", "تاريخ ومكان"),
    ("2020", "سنة فقط"),
    ("زار الوفد مدينة الإسكندرية والتقى بالصيادين", None),
    ("قالت منظمة الصحة العالمية (WHO) إن الوباء انحسر", "اسم المنظمة بالإنجليزية"),
    ("الاتفاق 😀 سيوقع غداً", "نص مع رمز تعبيري"),
    ("The minister said the talks (in Cairo) would resume", "check the English (source)"),
    ("Exports fell 12% year/year, the ministry said", "slash and percent"),
    ("A report by the UN/WHO team is due in May", None),
    ("The council approved the budget on 3 March", "official record 😀"),
    ("Prices rose by 4.2 percent in January", "سعر الوقود"),
]


def build_library(folder: Path) -> Path:
    """A library with one Arabic and one English article, every item highlighted."""
    from library.ingest.importer import import_paths
    from library.marks.annotations import add_highlight, add_note
    from library.storage.store import open_library

    arabic = [q for q, _ in ITEMS if not q.isascii()]
    english = [q for q, _ in ITEMS if q.isascii()]
    sources = folder / "sources"
    sources.mkdir(parents=True)
    (sources / "a.txt").write_text(
        "اختبار الاستخراج من الوثيقة\n\n" + "\n".join(s + "." for s in arabic), encoding="utf-8"
    )
    (sources / "b.txt").write_text(
        "Extraction test\n\n" + "\n".join(s + "." for s in english), encoding="utf-8"
    )
    path = folder / "routes.sqlite"
    with open_library(path) as lib:
        import_paths(lib, [sources], workers=0)
        for article_id, body in lib.conn.execute("SELECT id, body FROM articles"):
            for quote, note in ITEMS:
                found = re.search(rf"(?<![\d,]){re.escape(quote)}(?![\d,])", body)
                if found is None:
                    continue
                start, end = found.span()
                colours = ("green", "yellow", "blue")
                add_highlight(lib, article_id, start, end, colours[start % 3], note=note)
        # Two multi-line notes.
        article_id, body = lib.conn.execute("SELECT id, body FROM articles").fetchone()
        first = arabic[0]
        add_note(lib, article_id, 0, len(first) - 5, "سطر أول\nسطر ثان فيه لا والإسلام")
    return path


def expected(path: Path) -> list[str]:
    from library.exchange import Selection
    from library.exchange.notes import passages
    from library.exchange.selection import collect
    from library.storage.store import open_library

    with open_library(path) as lib:
        data = collect(lib, Selection())
    out = []
    for _, anns in data.items:
        for p in passages(data, anns):
            out.append(p.quote)
            out.extend(p.notes)
    return out


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(BIDI_CONTROLS)).strip()


def pdftotext(pdf: Path, *, raw: bool) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def pypdf_text(pdf: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(str(pdf)).pages)


def recovered(text: str, wanted: list[str]) -> list[str]:
    """The items of `wanted` found exactly (whitespace-normalised) in `text`."""
    flat = normalise(text)
    return [w for w in wanted if normalise(w) in flat]


# --- routes ------------------------------------------------------------------------------------


def fpdf2_route(*, kern: bool = False, fonts: dict[str, Path] | None = None) -> Callable:
    from library.exchange import pdf as module

    def render(data):
        saved_fonts, saved_features = module.amiri_files, module.FEATURES
        try:
            if fonts:
                module.amiri_files = lambda: fonts
            if kern:
                module.FEATURES = {}  # HarfBuzz's defaults: kerning on
            return module.pdf_bytes(data)
        finally:
            module.amiri_files, module.FEATURES = saved_fonts, saved_features

    return render


def routes() -> dict[str, Callable]:
    out = {"qt": None, "fpdf2": fpdf2_route(), "fpdf2-kern": fpdf2_route(kern=True)}
    scheherazade = Path("/usr/share/fonts/truetype/scheherazade")
    if (scheherazade / "Scheherazade-Regular.ttf").is_file():
        out["fpdf2-sch"] = fpdf2_route(
            fonts={
                "": scheherazade / "Scheherazade-Regular.ttf",
                "B": scheherazade / "Scheherazade-Bold.ttf",
            }
        )
    try:
        out["qt"] = qt_route()
    except Exception as exc:
        print(f"qt route unavailable: {exc}", file=sys.stderr)
        del out["qt"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotations", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from export_bench import build as build_timing_library

    from library.exchange import Selection
    from library.exchange.selection import collect
    from library.storage.store import open_library

    folder = Path(tempfile.mkdtemp(prefix="hashiya-pdf-routes-"))
    try:
        path = build_library(folder / "content")
        wanted = expected(path)
        with open_library(path) as lib:
            data = collect(lib, Selection())
        (folder / "timing").mkdir()
        timing_path = build_timing_library(folder / "timing", 50, args.annotations)
        with open_library(timing_path) as lib:
            big = collect(lib, Selection())
        print(f"{len(wanted)} quotes and notes to recover; timing on "
              f"{big.annotation_count:,} annotations")  # fmt: skip
        header = (
            f"{'route':<11} {'pdftotext':>10} {'-raw':>6} {'pypdf':>6} "
            f"{'1k ann. s':>9} {'1k size':>9}"
        )
        print(header)
        misses: dict[str, dict[str, list[str]]] = {}
        for name, render in routes().items():
            pdf = folder / f"{name}.pdf"
            pdf.write_bytes(render(data))
            texts = {
                "pdftotext": pdftotext(pdf, raw=False),
                "-raw": pdftotext(pdf, raw=True),
                "pypdf": pypdf_text(pdf),
            }
            found = {k: recovered(t, wanted) for k, t in texts.items()}
            misses[name] = {k: [w for w in wanted if w not in v] for k, v in found.items()}
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                payload = render(big)
                times.append(time.perf_counter() - start)
            pct = {k: 100 * len(v) / len(wanted) for k, v in found.items()}
            print(
                f"{name:<11} {pct['pdftotext']:>9.0f}% {pct['-raw']:>5.0f}% {pct['pypdf']:>5.0f}% "
                f"{min(times):>9.2f} {len(payload) / 1e3:>7.0f} kB"
            )
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
                shutil.copy(pdf, args.keep / pdf.name)
                (args.keep / f"{name}-1k.pdf").write_bytes(payload)
        print("\nmissed (route / reader: items):")
        for name, by_reader in misses.items():
            for reader, items in by_reader.items():
                if items and len(items) <= 8:
                    print(f"  {name} / {reader}: " + " | ".join(items))
                elif items:
                    print(f"  {name} / {reader}: {len(items)} items")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
