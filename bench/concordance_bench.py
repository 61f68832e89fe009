"""Concordance benchmark: the first screen of lines (50) and the whole concordance of a
word found in most of a 100,000-article library, against a baseline in the same run.

The library is built with the import benchmark's generator and the real importer (kept
in bench/out/ for the next run). The baseline: the same word as a plain FTS5 `unicode61`
MATCH over the raw text (no folding, no clitics, no spans, no context), its first 50
rowids and then all of them. The concordance's figure that matters is the time to its
first 50 lines (the view's first screen; the target is under 200 ms), because the view
shows them while the rest streams.

    python bench/concordance_bench.py [--articles 100000] [--rounds 3] [--full]
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

from corpus import cached_libraries  # noqa: E402

# Words in most articles, in many, and in few (the generator's own vocabulary).
WORDS = ["في", "وزير", "الحكومة", "الطاقة", "مُحَمَّد", '"الهلال الأحمر"', "الجفاف"]
SCREEN = 50
VIEW_LINES = 50_000  # the view reads at most this many (reader.pictures.concordance_jobs)


def _baseline(conn: sqlite3.Connection, word: str) -> tuple[float, float, int]:
    query = word if word.startswith('"') else f'"{word}"'
    t = time.perf_counter()
    conn.execute("SELECT rowid FROM raw WHERE raw MATCH ? LIMIT ?", (query, SCREEN)).fetchall()
    first = time.perf_counter() - t
    t = time.perf_counter()
    found = len(conn.execute("SELECT rowid FROM raw WHERE raw MATCH ?", (query,)).fetchall())
    return first, time.perf_counter() - t, found


def _concordance(lib, word: str, full: bool) -> tuple[float, float, float | None, int | None]:
    """Seconds to the first screen, to the view's cap (VIEW_LINES), to the last line."""
    from library.search.concordance import concordance, in_batches

    t = time.perf_counter()
    batches = in_batches(concordance(lib, word), first=SCREEN, size=1000)
    read = len(next(batches, []))
    first = time.perf_counter() - t
    for batch in batches:
        read += len(batch)
        if read >= VIEW_LINES:
            break
    capped = time.perf_counter() - t
    if not full:
        return first, capped, None, None
    read += sum(len(b) for b in batches)
    return first, capped, time.perf_counter() - t, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also time every line (slow)")
    args = parser.parse_args()

    from library.storage.store import open_library

    lib_path, base_path = cached_libraries(args.articles)
    lib = open_library(lib_path, readonly=True)
    base = sqlite3.connect(base_path)
    total = lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    print(f"library: {total} articles; first screen = {SCREEN} lines; {args.rounds} rounds")
    print(f"{'word':>18} {'in articles':>12} {'FTS5 first':>11} {'FTS5 all':>9} "
          f"{'KWIC first':>11} {'KWIC 50k':>9} {'KWIC all':>9} {'lines':>8}")  # fmt: skip
    firsts = []
    for word in WORDS:
        base_first, base_all, found = [], [], 0
        kwic_first, kwic_cap, kwic_all, lines = [], [], [], None
        for round_ in range(args.rounds):
            a, b, found = _baseline(base, word)
            base_first.append(a)
            base_all.append(b)
            c, cap, d, n = _concordance(lib, word, args.full and round_ == 0)
            kwic_first.append(c)
            kwic_cap.append(cap)
            if d is not None:
                kwic_all.append(d)
                lines = n
        first = statistics.median(kwic_first) * 1000
        firsts.append(first)
        every = f"{kwic_all[0]:8.2f}s" if kwic_all else f"{'-':>9}"
        print(
            f"{word:>18} {found / total:>11.0%} {statistics.median(base_first) * 1000:>9.1f}ms "
            f"{statistics.median(base_all) * 1000:>7.0f}ms {first:>9.1f}ms "
            f"{statistics.median(kwic_cap):>8.2f}s {every} "
            f"{lines if lines is not None else '-':>8}"
        )
    print(f"first screen: worst {max(firsts):.1f} ms (target < 200 ms)")
    lib.close()
    base.close()


if __name__ == "__main__":
    main()
