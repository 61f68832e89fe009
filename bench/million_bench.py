"""A million articles (issue 19 part 7): every figure of the issue beside its baseline.

Builds (or with `--keep DIR` reuses) a library of N synthetic articles (bench/corpus.py)
imported by the real importer, from one .txt file per article or (`--warc`) from one
.warc.gz holding the same articles as news pages, and prints:

- import: seconds and articles/s, beside a plain FTS5 `executemany` of the same rows in
  the same run (target: at most 2.5x, and under 10 minutes at 1,000,000); peak RSS of the
  importing process and of its largest worker (target: under 500 MB);
- the library file beside the UTF-8 size of the text it holds (title, body, captions;
  target: at most 2x);
- search: p50/p95 by query class (rare words, words found in most articles, phrases,
  prefixes, several words): top 20 with snippets and spans; the search panel's first
  page (100 results), which it shows at once; the exact count, which the panel runs
  after that page is shown (reader/workers/search_jobs.py); beside plain FTS5
  `ORDER BY rank LIMIT 20` with snippet() over the baseline's table (target: p95 under
  100 ms for what the user waits on, the first page);
- start: process start to the main window shown (offscreen) beside a bare QMainWindow
  (target: at most 1.5 s more);
- the library list: a page (the model's PAGE_SIZE rows) at the start, middle and end
  in every sort order, beside the first page in id order.

Each import and start runs in a fresh process. At 100,000 articles the whole run takes a
few minutes; at 1,000,000 about half an hour (most of it the two imports).

    python bench/million_bench.py [--articles 100000] [--warc] [--keep DIR] [--runs 3]
        [--skip SECTION...]   (import, size, search, start, list)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from corpus import RARE, articles, import_in_this_process, write_files  # noqa: E402

PAGE_SIZE = 200  # reader/views/library_model.LibraryModel.PAGE_SIZE

QUERY_CLASSES = {
    "rare": list(RARE),
    # Found in most articles (the run prints the share of articles each one matches).
    "common": ["في", "من", "وزير", "رئيس", "الحكومة", "أمس", "بحسب", "التعاون"],
    "phrase": [
        '"الطاقة المتجددة"',
        '"الهلال الأحمر"',
        '"وزير الخارجية"',
        '"في العاصمة"',
        '"تبادل الأسرى"',
        '"بحسب بيان رسمي"',
    ],
    # و* (6.5 s at a million) is refused now: a prefix needs two letters besides ال.
    "prefix": ["الاقتص*", "المحافظ*", "تحلي*", "الانتخاب*", "وز*"],
    "words": [
        "الطاقة الشمسية",
        "وزير الزراعة الجفاف",
        "جدة OR الدوحة",
        "القمة -الاقتصادية",
        "النقل العام",
        "مُحَمَّد",
        "احمد",
    ],
}


def _baseline_query(q: str) -> str:
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


def _pct(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s), s[int(0.95 * (len(s) - 1))]


# --- inputs -----------------------------------------------------------------------------


def write_warc(path: Path, count: int) -> int:
    """The same articles as bench/corpus.py's, as news pages in one .warc.gz."""
    from warc_import_bench import page
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    total = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        for n, (title, body) in enumerate(articles(count)):
            data = page(title, body, n)
            total += len(data)
            writer.write_record(
                writer.create_warc_record(
                    f"https://miqyas.example/news/{n}",
                    "response",
                    payload=io.BytesIO(data),
                    http_headers=http,
                )
            )
    return total


# --- children ---------------------------------------------------------------------------


def _baseline(count: int, database: str) -> dict:
    """The same rows, generated as they are inserted (so the baseline's own memory does
    not hold them all), into a plain FTS5 table in one transaction."""
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE VIRTUAL TABLE raw USING fts5(title, body)")
    rows = list(articles(min(count, 1)))  # warm the generator's imports
    start = time.perf_counter()
    generating = 0.0
    with conn:
        it = articles(count)
        while True:
            t = time.perf_counter()
            rows = [r for _, r in zip(range(10_000), it, strict=False)]
            generating += time.perf_counter() - t
            if not rows:
                break
            conn.executemany("INSERT INTO raw (title, body) VALUES (?, ?)", rows)
    elapsed = time.perf_counter() - start - generating
    conn.close()
    return {"seconds": elapsed, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _child(kind: str, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- sections ---------------------------------------------------------------------------


def section_import(work: Path, count: int, warc: bool) -> None:
    source = work / ("crawl.warc.gz" if warc else "files")
    if not source.exists():
        t = time.perf_counter()
        size = write_warc(source, count) if warc else write_files(source, count)
        print(f"generated {count:,} articles ({'one WARC' if warc else 'files'}), "
              f"{size / 2**20:.0f} MB in {time.perf_counter() - t:.0f} s", flush=True)  # fmt: skip
    for p in work.glob("library.sqlite*"):
        p.unlink()
    for p in work.glob("baseline.sqlite*"):
        p.unlink()
    base = _child("baseline", str(count), str(work / "baseline.sqlite"))
    ours = _child("ours", str(source), str(work / "library.sqlite"))
    rate = ours["imported"] / ours["seconds"]
    print("\nimport" + (" (one WARC)" if warc else " (one file an article)"))
    print(f"  plain FTS5 insert of the same rows   {base['seconds']:8.1f} s  "
          f"({count / base['seconds']:,.0f} rows/s), peak RSS {base['rss_mb']:.0f} MB")  # fmt: skip
    print(f"  hashiya import                       {ours['seconds']:8.1f} s  "
          f"({rate:,.0f} articles/s), {ours['imported']:,} imported, {ours['failed']} failed")  # fmt: skip
    print(f"  ratio                                {ours['seconds'] / base['seconds']:8.2f}x "
          f"(target <= 2.5x; and under 600 s at 1,000,000)")  # fmt: skip
    print(f"  CPU: importing process {ours['cpu_s']:.0f} s, workers {ours['workers_cpu_s']:.0f} s "
          f"in all ({os.cpu_count()} cores)")  # fmt: skip
    print(f"  peak RSS: importing process {ours['rss_mb']:.0f} MB, largest worker "
          f"{ours['worker_rss_mb']:.0f} MB (target < 500 MB)", flush=True)  # fmt: skip


def section_size(work: Path) -> None:
    library = work / "library.sqlite"
    conn = sqlite3.connect(f"{library.as_uri()}?mode=ro", uri=True)
    text, raw_left, raw_z = conn.execute(
        "SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB)) + "
        "length(CAST(captions AS BLOB))), sum(length(CAST(raw AS BLOB))), "
        "sum(coalesce(length(raw_z), 0)) FROM articles"
    ).fetchone()
    conn.close()
    files = sum(p.stat().st_size for p in work.glob("library.sqlite*") if ".bak" not in p.name)
    base = sum(p.stat().st_size for p in work.glob("baseline.sqlite*"))
    print("\nthe library file")
    print(f"  UTF-8 text it holds (title, body, captions)  {text / 2**20:9.0f} MB")
    print(f"  library file (with -wal)                     {files / 2**20:9.0f} MB  "
          f"{files / text:.2f}x the text (target <= 2x)")  # fmt: skip
    print(f"  raw text: {raw_z / 2**20:.0f} MB compressed (raw_z), {raw_left / 2**20:.0f} MB "
          f"left uncompressed (raw)")  # fmt: skip
    if base:
        print(f"  plain FTS5 table of the same rows            {base / 2**20:9.0f} MB  "
              f"{base / text:.2f}x")  # fmt: skip


def section_search(work: Path, count: int, rounds: int) -> None:
    from library.search.engine import count as count_matches
    from library.search.engine import search
    from library.storage.store import open_library

    lib = open_library(work / "library.sqlite")
    if not (work / "baseline.sqlite").exists():  # a kept folder without it: build it again
        _child("baseline", str(count), str(work / "baseline.sqlite"))
    base = sqlite3.connect(work / "baseline.sqlite")
    print(f"\nsearch, with snippets and spans, {rounds} rounds (p50 / p95 ms)")
    print(f"  {'class':8} {'top 20':>15} {'panel page':>15} {'count after':>15} "
          f"{'plain FTS5 rank':>17}  share matched")  # fmt: skip
    pages, counts, searched = [], [], []
    for name, queries in QUERY_CLASSES.items():
        ours, total, panel, theirs, shares = [], [], [], [], []
        for q in queries:
            search(lib, q, limit=20)  # parse caches, file cache
        for _ in range(rounds):
            for q in queries:
                t = time.perf_counter()
                search(lib, q, limit=20)
                ours.append((time.perf_counter() - t) * 1000)
                # The search panel: its first page of 100, shown at once; then the count
                # (when the page is full), in a job of its own.
                t = time.perf_counter()
                full = len(search(lib, q, limit=100)) == 100
                mid = time.perf_counter()
                n = count_matches(lib, q)
                end = time.perf_counter()
                panel.append((mid - t) * 1000)
                if full:
                    total.append((end - mid) * 1000)
                shares.append(n / count)
                t = time.perf_counter()
                base.execute(
                    "SELECT rowid, snippet(raw, 1, '[', ']', '…', 20) FROM raw "
                    "WHERE raw MATCH ? ORDER BY rank LIMIT 20",
                    (_baseline_query(q),),
                ).fetchall()
                theirs.append((time.perf_counter() - t) * 1000)
        pages += panel
        counts += total
        searched += ours
        (o50, o95), (p50, p95), (b50, b95) = _pct(ours), _pct(panel), _pct(theirs)
        counted = "{:6.1f} / {:6.1f}".format(*_pct(total)) if total else f"{'(page not full)':>15}"
        print(f"  {name:8} {o50:6.1f} / {o95:6.1f} {p50:6.1f} / {p95:6.1f} {counted} "
              f"{b50:7.1f} / {b95:6.1f}   {min(shares):.0%}-{max(shares):.0%}",
              flush=True)  # fmt: skip
    s50, s95 = _pct(searched)
    g50, g95 = _pct(pages)
    c50, c95 = _pct(counts)
    print(f"  all: top 20 p50 {s50:.1f} / p95 {s95:.1f} ms; the panel's first page p50 "
          f"{g50:.1f} / p95 {g95:.1f} ms (target p95 < 100 ms); its count, after the page, "
          f"p50 {c50:.1f} / p95 {c95:.1f} ms")  # fmt: skip
    lib.close()


def section_start(work: Path, runs: int) -> None:
    from gui_bench import APP_CHILD, BASELINE_CHILD, child

    library = work / "library.sqlite"
    bare, app = [], []
    last: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        child(BASELINE_CHILD)
        child(APP_CHILD, str(library), str(Path(tmp) / "warm.ini"))
        for n in range(runs):
            bare.append(child(BASELINE_CHILD)["shown"])
            last = child(APP_CHILD, str(library), str(Path(tmp) / f"s{n}.ini"))
            app.append(last["shown"])
    b, a = statistics.median(bare), statistics.median(app)
    print(f"\nstart to window shown, median of {runs} (offscreen)")
    print(f"  bare QApplication + QMainWindow      {b * 1000:7.0f} ms")
    print(f"  hashiya on {last['rows']:,} articles{'':9} {a * 1000:7.0f} ms  "
          f"difference {(a - b) * 1000:.0f} ms (target <= 1500 ms); peak RSS "
          f"{last['max_rss_mb']:.0f} MB")  # fmt: skip


def section_list(work: Path, runs: int) -> None:
    from library.storage.articles import SORT_COLUMNS, count, list_articles
    from library.storage.store import open_library

    lib = open_library(work / "library.sqlite")
    total = count(lib)

    def timed(**kw) -> float:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            list_articles(lib, limit=PAGE_SIZE, **kw)
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times)

    base = timed(offset=0, sort="id")
    print(f"\nthe library list: a page of {PAGE_SIZE} rows, median of {runs} (ms); "
          f"baseline: the first page by id, {base:.1f} ms")  # fmt: skip
    print(f"  {'sort':18} {'start':>8} {'middle':>8} {'end':>8}")
    for column in SORT_COLUMNS:
        for descending in (False, True):
            row = [
                timed(offset=o, sort=column, descending=descending)
                for o in (0, total // 2, max(0, total - PAGE_SIZE))
            ]
            label = f"{column}{' desc' if descending else ''}"
            print(f"  {label:18} {row[0]:8.1f} {row[1]:8.1f} {row[2]:8.1f}", flush=True)
    lib.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--warc", action="store_true", help="import one .warc.gz instead")
    parser.add_argument("--keep", type=Path, help="work folder to keep (and reuse)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip", nargs="*", default=[], help="sections to leave out")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = (
            import_in_this_process(*rest) if kind == "ours" else _baseline(int(rest[0]), rest[1])
        )
        print(json.dumps(result))
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="hashiya-million-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{args.articles:,} articles in {work}", flush=True)
    started = time.perf_counter()
    try:
        reuse = (work / "library.sqlite").exists() and "import" in args.skip
        if not reuse:
            section_import(work, args.articles, args.warc)
        if "size" not in args.skip:
            section_size(work)
        if "search" not in args.skip:
            section_search(work, args.articles, args.runs)
        if "start" not in args.skip:
            section_start(work, args.runs)
        if "list" not in args.skip:
            section_list(work, args.runs)
        print(f"\n(whole run {time.perf_counter() - started:.0f} s)")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
