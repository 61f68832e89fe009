"""How fast the parallel view of a 2,000-segment article opens, beside the plain article
view of the same article in the same run, and whether typing waits on the library.

    .venv/bin/python bench/parallel_view_bench.py [--runs 5] [--segments 2000]

Offscreen, in one window on a library of two synthetic articles (sentences from
`bench/corpus.py`, 2,000 sentences each, already cut into segments), opened in turn so
that no open is a no-op. Each figure is the median of --runs:

- article view: `open_article` in the article mode, then a synchronous paint;
- parallel view: the translate mode's load of the article (segments read, rows
  estimated, the rows on screen laid out), then a synchronous paint (target < 300 ms);
- translate mode, whole: `open_article` while translating (the hidden article page is
  built too), then a paint;
- a key typed in the translation editor: time per key press (no library call: the
  editor holds the text until it is committed), and the commit (one operation).

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402


def body_of(count: int, seed: int) -> str:
    rng = random.Random(seed)
    sentences = []
    for _ in range(count):
        s = corpus.sentence(rng).rstrip(" .")
        sentences.append(s + ".")
    return "\n".join(" ".join(sentences[i : i + 5]) for i in range(0, count, 5))


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:  # noqa: PLR0915 - one measured scenario, in order
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--segments", type=int, default=2000)
    args = parser.parse_args()

    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from library.ingest.importer import import_paths
    from library.storage.store import open_library
    from library.translation.segments import segments
    from reader.i18n import Translations
    from reader.look.fonts import register_bundled_fonts
    from reader.look.theme import ThemeManager
    from reader.settings import Settings
    from reader.window.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    register_bundled_fonts()
    folder = Path(tempfile.mkdtemp(prefix="parallel-bench-"))
    lib = open_library(folder / "lib.sqlite")
    ids = []
    for seed in (1, 2):
        path = folder / f"a{seed}.json"
        record = {"title": f"مقال طويل {seed}", "body": body_of(args.segments, seed)}
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        (article_id,) = import_paths(lib, [path]).articles
        t0 = time.perf_counter()
        cut = segments(lib, article_id)
        cut_ms = (time.perf_counter() - t0) * 1000
        ids.append(article_id)
        print(f"article {article_id}: {len(cut)} segments, cut in {cut_ms:.0f} ms (first use)")

    settings = Settings(QSettings(str(folder / "hashiya.ini"), QSettings.Format.IniFormat))
    translations = Translations(app)
    translations.install("en")
    window = MainWindow(lib, settings, ThemeManager(app, "light"), translations)
    window.resize(1280, 800)
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()

    def timed(work, paint) -> float:
        t0 = time.perf_counter()
        work()
        paint.repaint()
        return time.perf_counter() - t0

    article_runs, parallel_runs, whole_runs = [], [], []
    window.open_article(ids[1])
    for n in range(args.runs):
        target = ids[n % 2]
        article_runs.append(timed(lambda t=target: window.open_article(t), window.view.viewport()))
        app.processEvents()
    window.translating.set_active(True)
    view = window.translating.view
    for n in range(args.runs):
        target = ids[n % 2]
        parallel_runs.append(timed(lambda t=target: window.translating._load(t), view.viewport()))
        app.processEvents()
    for n in range(args.runs):
        target = ids[(n + 1) % 2]
        whole_runs.append(timed(lambda t=target: window.open_article(t), view.viewport()))
        app.processEvents()

    # Typing: key presses into the editor of the current row, then the commit.
    view.go_to_row(3)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = view.editor()
    text = "The committee will meet next week in the capital."
    t0 = time.perf_counter()
    for char in text:
        QTest.keyClick(editor, char)
    per_key = (time.perf_counter() - t0) / len(text)
    t0 = time.perf_counter()
    QTest.keyClick(editor, Qt.Key.Key_Return)
    commit = time.perf_counter() - t0
    # Rows laid out in the background, a few at a time, until all are.
    t0 = time.perf_counter()
    while view.measured_rows() < view.segments.rowCount() and time.perf_counter() - t0 < 30:
        app.processEvents()
    settle = time.perf_counter() - t0

    print(f"runs: {args.runs} (median), {args.segments} segments per article")
    print(f"  plain article view, open + paint:   {median_ms(article_runs):7.1f} ms")
    print(
        f"  parallel view, open + paint:         {median_ms(parallel_runs):7.1f} ms  (target < 300)"
    )
    print(f"  translate mode, open_article whole:  {median_ms(whole_runs):7.1f} ms")
    print(f"  a key typed in the editor:           {per_key * 1000:7.2f} ms  (no library call)")
    print(f"  commit (one translate operation):    {commit * 1000:7.1f} ms")
    print(f"  every row laid out in the background:{settle * 1000:7.0f} ms after, while idle")
    window.close()
    window.shutdown()
    lib.close()


if __name__ == "__main__":
    main()
