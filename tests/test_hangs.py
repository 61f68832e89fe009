"""What used to hang: importing a named pipe or a link to a device, a worker that does not
answer, and suggestions on a long article (quadratic). Each test has a timeout well under
the suite's, and the ones that could eat memory on a regression run under a memory cap."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from library.ingest import preparing
from library.ingest.importer import import_paths
from library.ingest.worker_pool import WorkerPool
from library.storage.store import open_library

ROOT = Path(__file__).resolve().parent.parent
GOOD = "خبر سليم\n\nنص الخبر السليم الذي يستورد.\n"

posix = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="POSIX only"
)


def _hazards(folder: Path, *names: str) -> Path:
    """A folder with a good article and the named hazards, each named like an article."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name in names:
        if name == "fifo":
            os.mkfifo(folder / "a.txt")
        else:
            (folder / f"{name}.txt").symlink_to(f"/dev/{name}")
    return folder


def _release(folder: Path) -> None:
    """Let a reader blocked on a pipe of `folder` go (when run against the old code)."""
    for pipe in folder.rglob("*.txt"):
        if pipe.is_fifo():
            with contextlib.suppress(OSError):  # no reader waiting: nothing to release
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))


def _memory_cap(extra: int):
    """Cap this process's address space at its current size plus `extra` bytes, so a
    regression that reads a device until memory runs out fails with MemoryError at
    once instead of taking the machine down; returns the old limits to restore."""
    import resource

    old = resource.getrlimit(resource.RLIMIT_AS)
    size = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    cap = size + extra if old[1] == resource.RLIM_INFINITY else min(size + extra, old[1])
    resource.setrlimit(resource.RLIMIT_AS, (cap, old[1]))
    return old


def _cli_import(library: Path, *paths: Path) -> subprocess.CompletedProcess:
    code = (
        "import resource, sys; "
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, resource.RLIM_INFINITY)); "
        "from library.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, "--library", str(library), "import", "--json"]
        + [str(p) for p in paths],
        capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


@posix
@pytest.mark.timeout(120)
@pytest.mark.parametrize("hazard", ["fifo", "zero", "urandom"])
def test_the_command_line_import_skips_pipes_and_devices(tmp_path, hazard):
    folder = _hazards(tmp_path / "in", hazard)
    given = tmp_path / "given.txt"  # the same hazard named on the command line
    if hazard == "fifo":
        os.mkfifo(given)
    else:
        given.symlink_to(f"/dev/{hazard}")
    try:
        begun = time.perf_counter()
        proc = _cli_import(tmp_path / "lib.sqlite", folder, given)
        took = time.perf_counter() - begun
    finally:
        _release(tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    assert report["imported"] == 1
    reasons = {Path(f["path"]).name: f["error"] for f in report["failed"]}
    what = "a named pipe" if hazard == "fifo" else "a device"
    skipped = "a.txt" if hazard == "fifo" else f"{hazard}.txt"
    assert reasons == {
        skipped: f"not a regular file ({what})",
        "given.txt": f"not a regular file ({what})",
    }
    assert took < 30


@posix
@pytest.mark.timeout(60)
@pytest.mark.parametrize("workers", [0, 2])
def test_the_importer_skips_pipes_and_devices_with_a_kind(tmp_path, workers):
    folder = _hazards(tmp_path / "in", "fifo", "zero", "urandom")
    old = _memory_cap(1 << 30)
    try:
        with open_library(tmp_path / "lib.sqlite") as lib:
            report = import_paths(lib, [folder], workers=workers)
    finally:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, old)
        _release(folder)
    assert report.imported == 1
    kinds = {Path(f.path).name: (f.kind, f.error) for f in report.failed}
    assert kinds == {
        "a.txt": ("not_a_file", "not a regular file (a named pipe)"),
        "zero.txt": ("not_a_file", "not a regular file (a device)"),
        "urandom.txt": ("not_a_file", "not a regular file (a device)"),
    }


@posix
@pytest.mark.timeout(30)
def test_a_file_that_turns_into_a_pipe_after_it_was_looked_at_is_refused(tmp_path):
    """The check before opening can be raced: the opened descriptor is checked too, and
    opening never waits for a pipe's writer."""
    regular = tmp_path / "regular.txt"
    regular.write_text(GOOD, encoding="utf-8")
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    class Raced(type(pipe)):  # looked at while it was still the regular file
        def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
            return regular.stat()

    try:
        with pytest.raises(preparing.ReadError) as caught:
            preparing.read_file(Raced(pipe), None, 1 << 20)
    finally:
        _release(tmp_path)
    assert caught.value.kind == "not_a_file"


@posix
@pytest.mark.timeout(30)
@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc")
def test_reading_stops_at_the_limit_even_when_the_size_says_otherwise(tmp_path):
    """/proc files are regular files that report a size of 0 and hold more: the read is
    bounded by bytes read, not by the size the file reports."""
    link = tmp_path / "maps.txt"
    link.symlink_to("/proc/self/maps")
    assert link.stat().st_size == 0 and len(link.read_bytes()) > 200
    with open_library(tmp_path / "lib.sqlite") as lib:
        report = import_paths(lib, [link], max_bytes=200, workers=0)
    [failure] = report.failed
    assert failure.kind == "too_large"
    assert "grew past the limit" in failure.error
    with pytest.raises(preparing.ReadError, match="too large"):
        preparing.read_limited(link, 200)


@pytest.mark.timeout(60)
def test_cancel_reaches_an_import_reading_a_long_file(tmp_path, monkeypatch):
    """Cancel is asked between the chunks of a file being read (a slow disk), not only
    between files; a file read in one chunk is read whole."""
    monkeypatch.setattr(preparing, "READ_CHUNK", 64 * 1024, raising=False)
    (tmp_path / "in").mkdir()
    line = "نص طويل في ملف بطيء عن الاقتصاد والسياسة والمجتمع.\n"
    (tmp_path / "in" / "long.txt").write_text("عنوان\n\n" + line * 40_000, encoding="utf-8")
    asked = []

    def should_cancel() -> bool:
        asked.append(1)
        return len(asked) >= 4  # the import asks once before the file, then per chunk

    with open_library(tmp_path / "lib.sqlite") as lib:
        report = import_paths(lib, [tmp_path / "in"], should_cancel=should_cancel, workers=0)
    assert report.cancelled
    assert report.imported == 0 and not report.failed
    assert len(asked) == 4


@posix
@pytest.mark.timeout(60)
def test_cancel_reaches_an_import_waiting_for_a_worker_that_does_not_answer(tmp_path):
    """A worker stuck on a disk that does not answer (here: stopped) does not hold Cancel
    up, and is stopped at once."""
    (tmp_path / "one.txt").write_text(GOOD, encoding="utf-8")
    asked = []
    begun = time.perf_counter()
    with pytest.raises(preparing.ImportCancelled), WorkerPool(1) as pool:
        os.kill(pool.procs[0].pid, signal.SIGSTOP)
        results = pool.map_chunks(
            [[tmp_path / "one.txt"]], None, 1 << 20, lambda: asked.append(1) or len(asked) > 3
        )
        next(results)
    assert time.perf_counter() - begun < 10
    assert all(proc.poll() is not None for proc in pool.procs)


# --- suggestions ---------------------------------------------------------------------------


def _long_article(chars: int) -> str:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import articles
    finally:
        sys.path.remove(str(ROOT / "bench"))
    parts, total = [], 0
    for _, body in articles(10**6, seed=5):
        parts.append(body)
        total += len(body) + 1
        if total >= chars:
            return "\n".join(parts)[:chars]
    raise AssertionError("unreachable")


@pytest.mark.timeout(180)
def test_suggestions_take_time_linear_in_the_article_length():
    from library.marks.suggest import suggest_text

    def took(text: str) -> float:
        begun = time.perf_counter()
        suggest_text(text)
        return time.perf_counter() - begun

    small, large = _long_article(100_000), _long_article(800_000)
    took(small)  # word lists, gazetteer
    times = {len(small): [], len(large): []}
    for _ in range(3):
        times[len(small)].append(took(small))
        times[len(large)].append(took(large))
    small_s, large_s = min(times[len(small)]), min(times[len(large)])
    assert large_s < 16 * small_s, (small_s, large_s)  # 8x the text; quadratic was 40x


@pytest.mark.timeout(180)
def test_suggestions_for_a_1_mb_article_come_in_seconds(tmp_path):
    from library.marks.suggest import suggest
    from library.text.arabic import tokens

    body = _long_article(1_000_000)
    (tmp_path / "long.txt").write_text("مقال طويل جداً\n\n" + body, encoding="utf-8")
    with open_library(tmp_path / "lib.sqlite") as lib:
        [article] = import_paths(lib, [tmp_path / "long.txt"], workers=0).articles
        suggest(lib, article)
        begun = time.perf_counter()
        found = suggest(lib, article)
        took = time.perf_counter() - begun
    begun = time.perf_counter()
    tokens(body)
    baseline = time.perf_counter() - begun
    assert len(found) > 10_000
    assert took < 10, took  # 1 s on a quiet machine; 21 to 172 s before
    assert took < 15 * baseline, (took, baseline)  # about 3x tokenising it
