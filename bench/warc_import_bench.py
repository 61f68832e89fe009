"""Web archive import benchmark: N synthetic news pages in one `.warc.gz` against the same
pages as N `.html` files, imported into fresh libraries in the same run (issue 19).

The pages are built from bench/corpus.py's sentences, in the shape of a news site's page
(navigation, headline, figure, paragraphs, footer, Open Graph and JSON-LD metadata); the
archive holds a `request` record before each `response`, as a crawler writes them. Each
import runs in its own process, so its peak RSS is its own (the largest worker's is
printed apart): the archive is read record by record, so its peak should not grow with
its size — run two sizes (`--articles 5000,20000`) to see it.

    python bench/warc_import_bench.py [--articles 20000[,80000]] [--workers N] [--keep]
"""

from __future__ import annotations

import argparse
import io
import json
import random
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


def page(title: str, body: str, n: int) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    meta = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}T08:00:00+03:00",
            "author": {"@type": "Person", "name": "محرر الموقع"},
        },
        ensure_ascii=False,
    )
    return (
        '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{title} | أخبار المقياس</title>"
        '<meta property="og:site_name" content="أخبار المقياس">'
        f'<link rel="canonical" href="https://miqyas.example/news/{n}">'
        f'<script type="application/ld+json">{meta}</script></head><body>'
        "<nav><a href='/'>الرئيسية</a> <a href='/politics'>سياسة</a> <a href='/econ'>اقتصاد</a></nav>"
        f"<article><h1>{title}</h1><figure><img src='{n}.jpg'><figcaption>صورة أرشيفية</figcaption>"
        f"</figure>{paragraphs}</article><aside>الأكثر قراءة</aside>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    ).encode()


def write_inputs(work: Path, count: int) -> tuple[Path, Path, int]:
    """The archive and the folder of the same pages; returns the pages' bytes."""
    from corpus import article
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(1)
    archive = work / f"crawl-{count}.warc.gz"
    folder = work / f"pages-{count}"
    total = 0
    with archive.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(count):
            title, body = article(rng, n)
            data = page(title, body, n)
            total += len(data)
            uri = f"https://miqyas.example/news/{n}?from=home"
            request = StatusAndHeaders(f"GET /news/{n} HTTP/1.1", [], is_http_request=True)
            writer.write_record(
                writer.create_warc_record(
                    uri, "request", payload=io.BytesIO(b""), http_headers=request
                )
            )
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(data), http_headers=http
                )
            )
            sub = folder / f"{n // 1000:04}"
            if n % 1000 == 0:
                sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{n:06}.html").write_bytes(data)
    return archive, folder, total


def _import(source: str, library: str, workers: str) -> dict:
    from library.ingest.importer import import_paths
    from library.storage.store import open_library

    lib = open_library(library)
    start = time.perf_counter()
    report = import_paths(lib, [source], workers=None if workers == "auto" else int(workers))
    elapsed = time.perf_counter() - start
    lib.close()
    return {
        "seconds": elapsed,
        "imported": report.imported,
        "duplicates": report.duplicates,
        "failed": len(report.failed),
        "skipped": report.skipped_count,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _child(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def _line(label: str, r: dict, records: int) -> str:
    return (
        f"  {label:<12} {r['seconds']:7.1f} s  {r['imported']:>7} articles "
        f"({r['imported'] / r['seconds']:6.0f}/s, {records / r['seconds']:6.0f} records/s)  "
        f"peak RSS {r['rss_mb']:5.0f} MB (largest worker {r['worker_rss_mb']:4.0f} MB)  "
        f"{r['skipped']} skipped, {r['failed']} failed"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="20000", help="sizes, comma separated")
    parser.add_argument("--workers", default="auto", help="worker processes (auto, 0, N)")
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_import(*args.child)))
        return
    work = Path(tempfile.mkdtemp(prefix="hashiya-warc-bench-"))
    figures = []
    try:
        for count in (int(c) for c in args.articles.split(",")):
            t = time.perf_counter()
            archive, folder, total = write_inputs(work, count)
            print(
                f"{count} pages ({total / 2**20:.0f} MB of HTML; archive "
                f"{archive.stat().st_size / 2**20:.0f} MB, {2 * count} records) written in "
                f"{time.perf_counter() - t:.0f} s"
            )
            warc = _child(str(archive), str(work / f"warc-{count}.sqlite"), args.workers)
            files = _child(str(folder), str(work / f"files-{count}.sqlite"), args.workers)
            print(_line("WARC", warc, 2 * count))
            print(_line("HTML files", files, count))
            figures.append({"pages": count, "warc": warc, "files": files})
        print(json.dumps(figures))
    finally:
        if args.keep:
            print(f"kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
