"""Export benchmark: 10,000 annotations in each text format (target: under 2 s each).

A library of 500 synthetic articles (bench/corpus.py) carries 10,000 annotations: per
article 10 highlights in the five palette colours (every third with a note), 3 passage
notes and 7 entity mentions of 120 entities of every default type, on word boundaries.
Each format is timed as `hashiya export` runs it: read the selection from the library,
render, write atomically (temporary file, fsync, rename). The baseline, measured in the
same run, is reading the same rows and dumping them as plain JSON (`Annotation.to_json`
per row): a format's ratio to it says what the format itself costs.

    python bench/export_bench.py [--articles 500] [--annotations 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import articles  # noqa: E402

TEXT_FORMATS = ("markdown", "csv", "json", "brat", "conll", "tei", "docx")
TYPES = ("person", "organisation", "place", "date", "event", "other")
COLOURS = ("yellow", "green", "blue", "pink", "orange")


def build(folder: Path, count: int, total: int) -> Path:
    from library.ingest.importer import import_paths
    from library.marks.annotations import insert, make_annotation
    from library.marks.entities import create_entity
    from library.storage.store import open_library
    from library.text.arabic import tokens

    sources = folder / "articles"
    sources.mkdir()
    for n, (title, body) in enumerate(articles(count, seed=11)):
        (sources / f"{n:05}.txt").write_text(f"{title}\n\n{body}", encoding="utf-8")
    path = folder / "lib.sqlite"
    rng = random.Random(5)
    with open_library(path) as lib:
        import_paths(lib, [sources])
        people = [create_entity(lib, TYPES[n % 6], f"كيان رقم {n}") for n in range(120)]
        per_article = total // count
        made = []
        for article_id, body in lib.conn.execute("SELECT id, body FROM articles ORDER BY id"):
            toks = tokens(body)
            for n in range(per_article):
                i = rng.randrange(len(toks) - 4)
                start, end = toks[i].start, toks[i + rng.randint(0, 3)].end
                kind = "highlight" if n < 10 else "note" if n < 13 else "entity"
                made.append(
                    make_annotation(
                        body, article_id, kind, start, end,
                        colour=COLOURS[n % 5] if kind == "highlight" else None,
                        note="ملاحظة للقياس: راجع المصدر" if kind == "note" or (kind == "highlight" and n % 3 == 0) else None,
                        entity_id=people[rng.randrange(120)].id if kind == "entity" else None,
                        author="bench",
                    )
                )  # fmt: skip
        with lib.transaction():
            insert(lib, made)
    return path


def timed(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from library.exchange import Selection, export
    from library.exchange.selection import collect
    from library.storage.store import open_library

    folder = Path(tempfile.mkdtemp(prefix="hashiya-export-bench-"))
    try:
        start = time.perf_counter()
        path = build(folder, args.articles, args.annotations)
        print(f"built {args.articles} articles with {args.annotations:,} annotations in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
        out = folder / "out"
        out.mkdir()
        with open_library(path) as lib:
            n = collect(lib, Selection()).annotation_count
            assert n == args.annotations, n

            def baseline():
                data = collect(lib, Selection())
                rows = [a.to_json() for _, anns in data.items for a in anns]
                (out / "baseline.json").write_text(
                    json.dumps(rows, ensure_ascii=False), encoding="utf-8"
                )

            base = timed(baseline, args.repeat)
            read = timed(lambda: collect(lib, Selection()), args.repeat)
            print(f"baseline (read the rows, dump them as JSON): {base:.2f} s; "
                  f"reading the selection alone: {read:.2f} s")  # fmt: skip
            print(f"{'format':<10} {'seconds':>8} {'x baseline':>11} {'size':>10}  target < 2 s")
            for fmt in TEXT_FORMATS:
                target = out / (f"{fmt}-out" if fmt == "brat" else f"out.{fmt}")
                seconds = timed(
                    lambda fmt=fmt, target=target: export(lib, fmt, target, force=True), args.repeat
                )
                size = (
                    sum(p.stat().st_size for p in target.iterdir())
                    if target.is_dir()
                    else target.stat().st_size
                )
                verdict = "ok" if seconds < 2 else "SLOW"
                print(
                    f"{fmt:<10} {seconds:>8.2f} {seconds / base:>11.1f} {size / 1e6:>8.1f} MB  {verdict}"
                )
        pdf_timing(folder, args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def pdf_timing(folder: Path, repeat: int, total: int = 1000) -> None:
    """PDF for 1,000 annotations (50 articles): fpdf2 (library.exchange.pdf) beside the Qt
    route it replaced (reader/pdf_writer.py of commit 9145efb, see bench/pdf_routes.py)."""
    import os

    from qt_pdf_route import qt_route

    from library.exchange import Selection, render
    from library.exchange.selection import collect
    from library.storage.store import open_library

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    small = folder / "pdf"
    small.mkdir()
    with open_library(build(small, 50, total)) as lib:
        data = collect(lib, Selection())
    routes = {"pdf": lambda: render(data, "pdf")}
    try:
        qt = qt_route()
        routes["pdf (Qt)"] = lambda: qt(data)
    except Exception as exc:
        print(f"the Qt route cannot run here: {exc}")
    print(f"{'format':<10} {'seconds':>8}  for {total:,} annotations")
    for name, func in routes.items():
        print(f"{name:<10} {timed(func, repeat):>8.2f}  {len(func()) / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
