"""Import benchmark: N synthetic article files into a fresh library, against a baseline.

Baseline, measured in the same run: a plain sqlite3 `executemany` of the same cleaned
rows (title, body) into an FTS5 table; it reads no files and folds nothing, so it is the
floor our pipeline (read, detect encoding, clean, hash, fold, stem, index) is compared to.
Each side runs in its own process so that its peak RSS is its own.

    python bench/import_bench.py [--articles 100000] [--keep]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))


def _baseline(count: int, library: str) -> dict:
    import sqlite3

    from corpus import articles

    rows = list(articles(count))  # the same cleaned rows, already in memory
    conn = sqlite3.connect(library)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO t (title, body) VALUES (?, ?)", rows)
    elapsed = time.perf_counter() - start
    conn.close()
    return {"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(kind: str, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        from corpus import import_in_this_process

        kind, *rest = args.child
        result = (
            import_in_this_process(*rest) if kind == "ours" else _baseline(int(rest[0]), rest[1])
        )
        print(json.dumps(result))
        return

    from corpus import write_files

    work = Path(tempfile.mkdtemp(prefix="hashiya-bench-"))
    try:
        t = time.perf_counter()
        size = write_files(work / "files", args.articles)
        print(
            f"generated {args.articles} files, {size / 2**20:.1f} MB in {time.perf_counter() - t:.1f} s"
        )
        base = _child("baseline", str(args.articles), str(work / "baseline.sqlite"))
        ours = _child("ours", str(work / "files"), str(work / "library.sqlite"))
        lib_mb = sum(p.stat().st_size for p in work.glob("library.sqlite*")) / 2**20
        print(
            f"baseline (executemany into FTS5): {base['seconds']:.1f} s, peak RSS {base['rss_mb']:.0f} MB"
        )
        print(
            f"hashiya import: {ours['seconds']:.1f} s for {ours['imported']} articles "
            f"({ours['imported'] / ours['seconds']:.0f} articles/s, "
            f"{size / 2**20 / ours['seconds']:.1f} MB/s), peak RSS {ours['rss_mb']:.0f} MB "
            f"(each worker {ours['worker_rss_mb']:.0f} MB), "
            f"library {lib_mb:.0f} MB, {ours['failed']} failed"
        )
        print(
            f"ratio to baseline: {ours['seconds'] / base['seconds']:.2f}x (target <= 3x, < 60 s, < 500 MB)"
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


if __name__ == "__main__":
    main()
