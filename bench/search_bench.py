"""Search benchmark: 50+ queries over a 100,000-article library, against a baseline.

The library is built with the import benchmark's generator and the real importer (kept
in bench/out/ for the next run). The baseline, in the same run: the same queries as
plain FTS5 `unicode61` MATCH over the raw text (no folding, no stemming, no spans),
top 20 by rank with FTS5's own snippet(). Prints p50/p95 latency of both and the index
size against the text size.

    python bench/search_bench.py [--articles 100000] [--rebuild]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import RARE, articles, write_files  # noqa: E402

QUERIES = [
    # common words and names, some with diacritics or other hamza forms
    "وزير", "الحكومة", "رئيس", "المنطقة", "التعاون", "الطاقة", "الأسرى", "المياه",
    "الانتخابات", "القمة", "محمد", "مُحَمَّد", "احمد", "أحمد", "ليلى", "الحداد",
    "السفير", "الهلال", "الفرنسي", "الميناء", "الجفاف", "التقاعد",
    # clitic forms
    "والطاقة", "بالتنسيق", "للطيران", "وزارة", "والمنظمة", "بالطاقة", "الامم", "لتطوير",
    # digits in both scripts
    "2024", "٢٠٢٤", "2023", "12",
    # phrases
    '"الطاقة المتجددة"', '"الهلال الأحمر"', '"البنك المركزي"', '"وزير الخارجية"',
    '"شبكة الطرق"', '"حماية البيانات"', '"تبادل الأسرى"',
    # prefixes
    "الاقتص*", "المحافظ*", "تحلي*", "الانتخاب*",
    # several words, OR, NOT
    "الطاقة الشمسية", "وزير الزراعة الجفاف", "جدة OR الدوحة", "القمة -الاقتصادية",
    "النقل العام", "السلطات البلدية",
    # rare words
    *RARE,
]  # fmt: skip


def _baseline_db(path: Path, count: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("CREATE VIRTUAL TABLE raw USING fts5(title, body)")
    with conn:
        conn.executemany("INSERT INTO raw (title, body) VALUES (?, ?)", articles(count))
    return conn


def _baseline_query(q: str) -> str:
    # The same query, in FTS5's own syntax where it has one.
    if q.endswith("*"):
        return f'"{q[:-1]}" *'
    if " OR " in q:
        return " OR ".join(f'"{w}"' for w in q.split(" OR "))
    if " -" in q:
        pos, neg = q.split(" -")
        return f'"{pos}" NOT "{neg}"'
    if q.startswith('"'):
        return q
    return " ".join(f'"{w}"' for w in q.split())


def _sizes(conn: sqlite3.Connection) -> tuple[int, int]:
    """UTF-8 bytes of the articles' text, and bytes of the FTS5 index's own tables."""
    text_bytes = conn.execute(
        "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) FROM articles"
    ).fetchone()[0]
    index_bytes = sum(
        conn.execute(f"SELECT coalesce(sum(length({col})), 0) FROM {table}").fetchone()[0]
        for table, col in (
            ("article_index_data", "block"),
            ("article_index_idx", "term"),
            ("article_index_docsize", "sz"),
        )
    )
    return text_bytes, index_bytes


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached library")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from library.ingest.importer import import_paths
    from library.search.engine import search
    from library.storage.store import open_library

    out = HERE / "out"
    out.mkdir(exist_ok=True)
    lib_path = out / f"search-{args.articles}.sqlite"
    base_path = out / f"search-{args.articles}-baseline.sqlite"
    if args.rebuild or not lib_path.exists():
        for p in out.glob(f"search-{args.articles}*"):
            p.unlink()
        work = Path(tempfile.mkdtemp(prefix="hashiya-search-bench-"))
        try:
            write_files(work, args.articles)
            lib = open_library(lib_path)
            t = time.perf_counter()
            report = import_paths(lib, [work])
            print(f"built library: {report.imported} articles in {time.perf_counter() - t:.0f} s")
            lib.close()
        finally:
            shutil.rmtree(work, ignore_errors=True)
    if not base_path.exists():
        _baseline_db(base_path, args.articles).close()

    lib = open_library(lib_path)
    base = sqlite3.connect(base_path)
    print(f"{len(QUERIES)} queries, {args.rounds} rounds, top 20 with snippets and spans")

    ours: list[float] = []
    theirs: list[float] = []
    hits_ours = hits_base = 0
    for _ in range(args.rounds):
        for q in QUERIES:
            t = time.perf_counter()
            hits = search(lib, q, limit=20)
            ours.append((time.perf_counter() - t) * 1000)
            hits_ours += len(hits)
            t = time.perf_counter()
            rows = base.execute(
                "SELECT rowid, snippet(raw, 1, '[', ']', '…', 20) FROM raw "
                "WHERE raw MATCH ? ORDER BY rank LIMIT 20",
                (_baseline_query(q),),
            ).fetchall()
            theirs.append((time.perf_counter() - t) * 1000)
            hits_base += len(rows)
    slowest = sorted(zip(ours, QUERIES * args.rounds, strict=True), reverse=True)[:5]

    text_bytes, index_bytes = _sizes(lib.conn)
    p50, p95 = _percentiles(ours)
    b50, b95 = _percentiles(theirs)
    print(
        f"hashiya:  p50 {p50:.1f} ms, p95 {p95:.1f} ms  ({hits_ours / args.rounds:.0f} hits a round)"
    )
    print(
        f"baseline: p50 {b50:.1f} ms, p95 {b95:.1f} ms  ({hits_base / args.rounds:.0f} hits a round)"
    )
    print(f"ratio p95: {p95 / b95:.1f}x (target: p95 under 50 ms)")
    print("slowest:", ", ".join(f"{q} {ms:.0f} ms" for ms, q in slowest))
    print(
        f"index {index_bytes / 2**20:.0f} MB for {text_bytes / 2**20:.0f} MB of text: "
        f"{index_bytes / text_bytes:.2f}x (target under 1.5x)"
    )


if __name__ == "__main__":
    main()
