"""`import-annotations` on hostile sizes: a long CoNLL file and a zip bomb.

Each case runs `python -m library.cli import-annotations PATH --json` in its own process
and reports its wall time, its peak resident memory and the size of the report it
printed. The peak is `wait4`'s `ru_maxrss`, taken by a tiny launcher (`python -S`) that
forks and execs the command: Linux counts in a child's peak the memory of the process it
was forked from, so measuring straight from this (large) benchmark process would report
the benchmark's own size; the launcher adds about 10 MB.

- CoNLL: documents in the layout `export --format conll` writes, cycling over the
  articles of a small library (so they match and their tokens align), every second token
  line with a tag that is not IOB2 (a part-of-speech column, as CoNLL-2003 files have)
  and every twentieth a `B-PER` mention: about one reported problem per two lines.
- zip bomb: a brat zip whose `.ann` member is LINES of the letter `a`, one GB and a half
  uncompressed, deflated to about a thousandth of that; written streaming, so making it
  needs no memory.

    python bench/annotation_import_bench.py [--lines 2000000] [--bomb-mb 1500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from corpus import write_files  # noqa: E402


def build_library(folder: Path, count: int = 50) -> tuple[Path, list[tuple[str, list[str]]]]:
    from library.ingest.importer import import_paths
    from library.storage.store import open_library

    sources = folder / "articles"
    sources.mkdir()
    write_files(sources, count, seed=7)
    path = folder / "lib.sqlite"
    with open_library(path) as lib:
        import_paths(lib, [sources], workers=0)
        docs = [
            (row[0], row[1].split())
            for row in lib.conn.execute("SELECT content_hash, body FROM articles ORDER BY id")
        ]
    return path, docs


def write_conll(path: Path, docs: list[tuple[str, list[str]]], lines: int) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < lines:
            for content_hash, tokens in docs:
                out.write(f"# doc_id = urn:hashiya:article:{content_hash}\n")
                written += 1
                for n, token in enumerate(tokens):
                    tag = "B-PER" if n % 20 == 0 else "NNP" if n % 2 else "O"
                    out.write(f"{token}\t{tag}\n")
                out.write("\n")
                written += len(tokens) + 1
                if written >= lines:
                    break
    return written


def write_bomb(path: Path, megabytes: int) -> int:
    text = "بلا معنى"
    chunk = b"a" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("bomb.txt", text)
        with archive.open("bomb.ann", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)
        archive.writestr("small.txt", text)
        archive.writestr("small.ann", "T1\tPerson 0 3\tبلا\n")
    return path.stat().st_size


LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
with open(os.environ["PEAK_FILE"], "w") as out:
    out.write(f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def measure(args: list[str], out_file: Path) -> dict:
    peak_file = out_file.with_suffix(".peak")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PEAK_FILE": str(peak_file)}
    command = [sys.executable, "-m", "library.cli", *args]
    start = time.monotonic()
    with out_file.open("wb") as out:
        proc = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, *command],
            stdout=out,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
            check=False,
        )
    elapsed = time.monotonic() - start
    stderr = proc.stderr.decode("utf-8", "replace")
    peak_kb, code = map(int, peak_file.read_text().split())
    report = out_file.read_bytes()
    return {
        "seconds": round(elapsed, 1),
        "peak_rss_mb": round(peak_kb / 1024),  # Linux: KiB
        "exit": code,
        "report_lines": report.count(b"\n"),
        "report_bytes": len(report),
        "stderr": stderr.strip()[:300],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--bomb-mb", type=int, default=1500)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hashiya-annbench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        library, docs = build_library(folder)
        conll = folder / "big.conll"
        lines = write_conll(conll, docs, args.lines)
        digest = hashlib.sha256()
        with conll.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        print(
            f"CoNLL: {lines:,} lines, {conll.stat().st_size / 1e6:.0f} MB, "
            f"{len(docs)} articles (sha256 of the file {digest.hexdigest()[:12]})"
        )
        result = measure(
            ["import-annotations", str(conll), "--library", str(library), "--json"],
            folder / "conll-report.json",
        )
        print(f"  import-annotations --json: {result}")
        bomb = folder / "bomb.zip"
        size = write_bomb(bomb, args.bomb_mb)
        print(f"zip bomb: a {args.bomb_mb} MB member in {size / 1e6:.1f} MB")
        result = measure(
            ["import-annotations", str(bomb), "--library", str(library), "--json"],
            folder / "bomb-report.json",
        )
        print(f"  import-annotations --json: {result}")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
