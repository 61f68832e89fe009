"""Translation benchmarks (library side), each against a baseline measured in the same run.

1. Cutting a 2,000-segment article into sentences (`segmenting.cut`), and its first use
   (`segments`: cut and stored in one transaction), in ms; reading the stored segments
   again (what the parallel view does when it opens) against reading the article's body
   alone (what the plain article view reads).
2. Exporting XLIFF 2.1 for 10,000 segments (five such articles, half of them
   translated, with notes) through `library.exchange.export`, against writing the same
   rows as plain JSON in the same run. Target: under 2 s. XLIFF 1.2 and TMX are timed
   too, and importing the XLIFF back.

The sentences are made up here from a few patterns; the library is made in a temporary
folder with the real importer.

    python bench/translation_bench.py [--segments 2000] [--articles 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

SUBJECTS = ["الوزير", "المتحدث", "الوفد", "رئيس البلدية", "د. سامر", "مراسل أ.ف.ب", "اللجنة"]
VERBS = ["أعلن", "أكد", "نفى", "ذكر", "أوضح", "قال"]
OBJECTS = [
    "أن المحادثات ستستمر حتى نهاية الأسبوع",
    "أن النمو بلغ 3.5 في المئة خلال العام",
    "«أن الخطة واضحة. وأن التنفيذ يبدأ غداً»",
    "أن عدد المشاركين تجاوز 1.200 شخص",
    "(بحسب البيان الرسمي) أن الاجتماع أُجّل",
    "أن الطريق سيفتح في 12.03.2024",
]
ENDS = [".", ".", "؟", "!", "؛", "."]


def body(n: int, seed: int = 0) -> str:
    """About `n` sentences, a paragraph every seven."""
    out, line = [], []
    for i in range(n):
        k = i + seed
        line.append(
            f"{VERBS[k % len(VERBS)]} {SUBJECTS[k % len(SUBJECTS)]} رقم {k} "
            f"{OBJECTS[k % len(OBJECTS)]}{ENDS[k % len(ENDS)]}"
        )
        if len(line) == 7:
            out.append(" ".join(line))
            line = []
    if line:
        out.append(" ".join(line))
    return "\n".join(out)


def timed(func, repeat: int = 5) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def one_article(lib, article_id: int) -> None:
    from library.marks.annotations import article_body
    from library.translation.segmenting import cut
    from library.translation.segments import segments, stored_segments

    text = article_body(lib, article_id)
    print(f"1. one article: {len(text):,} code points")
    t_cut, spans = timed(lambda: cut(text))
    print(f"   cut into {len(spans):,} segments: {t_cut * 1000:.1f} ms")
    start = time.perf_counter()
    made = segments(lib, article_id)
    t_first = time.perf_counter() - start
    print(f"   first use (cut and stored, one transaction): {t_first * 1000:.1f} ms")
    t_body, _ = timed(lambda: article_body(lib, article_id), 20)
    t_read, rows = timed(lambda: stored_segments(lib, article_id), 20)
    print(
        f"   reading its {len(rows):,} stored segments: {t_read * 1000:.1f} ms "
        f"(its body alone: {t_body * 1000:.2f} ms)"
    )
    assert len(made) == len(rows)


def translate_half(lib, ids: list[int]) -> int:
    from library.translation.segments import put_segments, segments

    total = 0
    for article_id in ids:
        segs = segments(lib, article_id)
        total += len(segs)
        put_segments(
            lib,
            [
                replace(
                    s,
                    target=f"Sentence {i}: the official said the talks go on.",
                    status=("draft", "translated", "reviewed")[i % 3],
                    note="راجع الرقم" if i % 10 == 0 else None,
                )
                for i, s in enumerate(segs)
                if i % 2 == 0
            ],
        )
    return total


def exports(lib, ids: list[int], folder: Path) -> None:
    from library.exchange import Selection, export
    from library.translation.importing import import_translations
    from library.translation.segments import stored_segments

    total = translate_half(lib, ids)
    print(f"2. {total:,} segments in {len(ids)} articles")
    sel = Selection(article_ids=tuple(ids))

    def to_json() -> None:
        doc = [
            {
                "article": s.article_id,
                "id": s.id,
                "source": s.exact,
                "target": s.target,
                "status": s.status,
                "note": s.note,
            }
            for i in ids
            for s in stored_segments(lib, i)
        ]
        (folder / "plain.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")

    t_json, _ = timed(to_json, 3)
    results = {}
    for fmt in ("xliff", "xliff12", "tmx"):
        target = folder / f"out.{fmt}"

        def run(fmt=fmt, target=target):
            target.unlink(missing_ok=True)
            return export(lib, fmt, target, sel)

        results[fmt], _ = timed(run, 3)
    verdict = "OK" if results["xliff"] < 2.0 else "OVER the 2 s target"
    print(
        f"   XLIFF 2.1: {results['xliff'] * 1000:.0f} ms ({verdict}); "
        f"plain JSON of the same rows: {t_json * 1000:.0f} ms "
        f"({results['xliff'] / t_json:.1f}x)"
    )
    print(
        f"   XLIFF 1.2: {results['xliff12'] * 1000:.0f} ms; "
        f"TMX: {results['tmx'] * 1000:.0f} ms; "
        f"XLIFF file: {(folder / 'out.xliff').stat().st_size / 1e6:.1f} MB"
    )
    start = time.perf_counter()
    report = import_translations(lib, folder / "out.xliff")
    t_import = time.perf_counter() - start
    print(
        f"   importing the XLIFF back: {t_import * 1000:.0f} ms "
        f"({report.unchanged:,} unchanged, {report.updated} updated)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=5)
    args = parser.parse_args()

    from library.ingest.importer import import_paths
    from library.storage.store import open_library

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        lib = open_library(folder / "bench.sqlite")
        files = []
        for n in range(args.articles):
            path = folder / f"a{n}.json"
            text = body(args.segments, seed=n * 7919)
            path.write_text(json.dumps({"title": f"مقال {n}", "body": text}, ensure_ascii=False))
            files.append(path)
        ids = import_paths(lib, files).articles
        one_article(lib, ids[0])
        exports(lib, ids, folder)
        lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
