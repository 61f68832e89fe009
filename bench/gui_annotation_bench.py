"""Opening an article with 2,000 annotations in the reader, against the same article
without them, in the same run (offscreen).

    .venv/bin/python bench/gui_annotation_bench.py [--runs 15] [--words 12000]

Two articles with the same text (a different last word, so the library takes both):
one holds 2,000 annotations (highlights, some overlapping and some with notes, notes,
entity mentions of 40 entities, some nested), the other none. Measured, alternating
between the two so that noise hits both alike:

- view: what the article page does to open it: build and lay out the document, read the
  annotations, cut them into paint layers, paint the page (a forced repaint);
- window: MainWindow.open_article, which also fills the annotation panel, shows the
  tags and starts the suggestions in the background, then the page is painted.

Targets (the issue): at most 2x the time without annotations, and under 150 ms.
Prints medians and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ANNOTATIONS = 2000
SENTENCE = (
    "قال المتحدث باسم الوزارة إن اللجنة ستعقد اجتماعها المقبل في العاصمة لمناقشة الخطة "
    "الجديدة للتعليم والصحة والاقتصاد بحضور ممثلين عن المنظمات الدولية والمحلية."
)


def body_text(words: int, tail: str) -> str:
    per = len(SENTENCE.split())
    paragraphs, sentences = [], words // per
    for p in range(0, sentences, 6):
        paragraphs.append(" ".join(SENTENCE for _ in range(min(6, sentences - p))))
    return "\n".join(paragraphs) + " " + tail


def build(path: Path, words: int) -> tuple[int, int]:
    """A library with the annotated article and its bare twin; returns their ids."""
    from library.marks.annotations import insert, make_annotation
    from library.marks.entities import create_entity
    from library.storage.store import open_library
    from library.text.spans import words as word_spans

    lib = open_library(path)
    stamp = "2024-01-01T00:00:00+00:00"
    ids = []
    with lib.transaction():
        for n, tail in enumerate(("نهاية.", "انتهى.")):
            body = body_text(words, tail)
            digest = hashlib.sha256(body.encode()).hexdigest()
            ids.append(
                lib.conn.execute(
                    "INSERT INTO articles (title, body, captions, site, source_path, source_index, "
                    "format, encoding, raw, content_hash, words, imported_at) "
                    "VALUES (?, ?, '[]', 'bench', ?, 0, 'text', 'utf-8', ?, ?, ?, ?) RETURNING id",
                    (
                        f"مقال طويل {n}",
                        body,
                        f"/bench/{n}.txt",
                        body,
                        digest,
                        len(body.split()),
                        stamp,
                    ),
                ).fetchone()[0]
            )
    annotated, bare = ids
    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (annotated,)).fetchone()[0]
    tokens = word_spans(body, 0, len(body))
    types = ["person", "organisation", "place", "date", "event", "other"]
    entity_ids = [create_entity(lib, types[n % 6], f"كيان رقم {n}").id for n in range(40)]
    colours = ["yellow", "green", "blue", "pink", "orange"]
    rng = random.Random(7)
    rows = []
    step = max(1, len(tokens) // ANNOTATIONS)
    for n in range(ANNOTATIONS):
        first = min(n * step + rng.randrange(step), len(tokens) - 4)
        length = rng.choice((1, 1, 2, 3, 5))
        start, end = tokens[first].start, tokens[min(first + length, len(tokens) - 1)].end
        kind = n % 10
        if kind < 5:  # highlights, a few with a note, some overlapping the next
            rows.append(make_annotation(body, annotated, "highlight", start, end,
                                        colour=colours[n % 5], note="ملاحظة" if kind == 0 else None))  # fmt: skip
        elif kind < 8:  # mentions, some nested in the highlight before
            rows.append(make_annotation(body, annotated, "entity", start, end,
                                        entity_id=entity_ids[n % 40]))  # fmt: skip
        else:
            rows.append(make_annotation(body, annotated, "note", start, end, note="تحقق من هذا"))
    with lib.transaction():
        insert(lib, rows)
    lib.close()
    return annotated, bare


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def measure(window, lib, ids: tuple[int, int], runs: int) -> dict[str, dict[int, list[float]]]:
    """Open each article `runs` times in two ways, alternating; seconds per open."""
    from PySide6.QtWidgets import QApplication

    from library.storage import articles
    from reader.views.mark_layers import LayerColours, annotation_spans
    from reader.views.marks import ArticleMarks, Look

    app = QApplication.instance()
    view = window.view
    texts = {i: articles.get_article(lib, i) for i in ids}
    look = Look.read(lib)

    def open_view(article_id: int) -> None:
        view.show_article(texts[article_id])
        marks = ArticleMarks.read(lib, article_id)
        page = view.style.colours
        colours = LayerColours.resolve(look.colour_hex(), look.type_hex(), page)
        spans = annotation_spans(marks.annotations, marks.entity_types(), colours, page)
        view.set_layer("annotations", spans)
        view.viewport().repaint()

    def open_window(article_id: int) -> None:
        window.open_article(article_id)
        view.viewport().repaint()
        window.annotation_panel.list.viewport().repaint()

    results: dict[str, dict[int, list[float]]] = {"view": {}, "window": {}}
    for name, action in (("view", open_view), ("window", open_window)):
        for article_id in ids * 2:  # warm up
            view.show_article(None)
            action(article_id)
        for _ in range(runs):
            for article_id in ids:
                view.show_article(None)
                app.processEvents()
                started = time.perf_counter()
                action(article_id)
                results[name].setdefault(article_id, []).append(time.perf_counter() - started)
                app.processEvents()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--words", type=int, default=12_000)
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from library.storage.store import open_library
    from reader import binding_guard  # noqa: F401 - see reader/__init__.py
    from reader.i18n import Translations
    from reader.look.fonts import register_bundled_fonts
    from reader.look.theme import ThemeManager
    from reader.settings import Settings
    from reader.views.marks import ArticleMarks
    from reader.window.main_window import MainWindow

    register_bundled_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        annotated, bare = build(path, args.words)
        lib = open_library(path)
        translations = Translations(app)
        translations.install("en")
        settings = Settings(QSettings(str(Path(tmp) / "b.ini"), QSettings.Format.IniFormat))
        window = MainWindow(lib, settings, ThemeManager(app, "light"), translations)
        window.resize(1280, 820)
        window.annotation_dock.show()
        window.show()
        app.processEvents()
        results = measure(window, lib, (annotated, bare), args.runs)
        count = len(ArticleMarks.read(lib, annotated).annotations)
        words = window.view.article.words if window.view.article else 0
        window.close()
        window.shutdown()
        lib.close()

    print(
        f"article: {words:,} words; annotations: {count:,} (and 0 in its twin); runs: {args.runs}"
    )
    for name in ("view", "window"):
        with_ms = median_ms(results[name][annotated])
        without_ms = median_ms(results[name][bare])
        ratio = with_ms / without_ms
        verdict = "ok" if ratio <= 2 and with_ms < 150 else "OVER TARGET"
        print(
            f"{name:>6}: with {with_ms:7.1f} ms   without {without_ms:7.1f} ms   "
            f"ratio {ratio:4.2f}x   (target <= 2x and < 150 ms: {verdict})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
