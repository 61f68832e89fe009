"""Search benchmark: 50+ queries over a 100,000-article library, against a baseline.

The library is built with the import benchmark's generator and the real importer (kept
in bench/out/ for the next run). The baseline, in the same run: the same queries as
plain FTS5 `unicode61` MATCH over the raw text (no folding, no stemming, no spans),
top 20 by rank with FTS5's own snippet(). Prints p50/p95 latency of both and the index
size against the text size. Then counting and paging as the search panel uses them: the
exact count of matches (beside a plain FTS5 count(*) over the raw text), the next page of
PAGE results, and a page past the ranked window (offset RANK_CAP) for the common words.

    python bench/search_bench.py [--articles 100000] [--rebuild]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import RARE, cached_libraries  # noqa: E402

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


PAGE = 100  # the search panel's page


def _paging(lib, base: sqlite3.Connection, rounds: int) -> None:
    from library.search.engine import RANK_CAP, count, search

    counted: list[float] = []
    base_counted: list[float] = []
    next_page: list[float] = []
    deep_page: list[float] = []
    deep_rows = deep_queries = 0
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            total = count(lib, q)
            counted.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            base.execute(
                "SELECT count(*) FROM raw WHERE raw MATCH ?", (_baseline_query(q),)
            ).fetchone()
            base_counted.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            search(lib, q, limit=PAGE, offset=PAGE)
            next_page.append((time.perf_counter() - t) * 1000)
            if total > RANK_CAP + PAGE:
                t = time.perf_counter()
                deep_rows += len(search(lib, q, limit=PAGE, offset=RANK_CAP))
                deep_page.append((time.perf_counter() - t) * 1000)
                deep_queries += 1
    c50, c95 = _percentiles(counted)
    b50, b95 = _percentiles(base_counted)
    n50, n95 = _percentiles(next_page)
    print(f"count:    p50 {c50:.1f} ms, p95 {c95:.1f} ms  (baseline count(*): p50 {b50:.1f} ms, "
          f"p95 {b95:.1f} ms)")  # fmt: skip
    print(f"page 2 ({PAGE} results): p50 {n50:.1f} ms, p95 {n95:.1f} ms")
    if deep_page:
        d50, d95 = _percentiles(deep_page)
        print(f"page past the ranked window (offset {RANK_CAP}), {deep_queries // rounds} "
              f"common queries: p50 {d50:.1f} ms, p95 {d95:.1f} ms, "
              f"{deep_rows / max(1, deep_queries):.0f} of {PAGE} results a page")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached library")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from library.search.engine import search
    from library.storage.store import open_library

    lib_path, base_path = cached_libraries(args.articles, rebuild=args.rebuild)
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
    _paging(lib, base, args.rounds)


if __name__ == "__main__":
    main()
