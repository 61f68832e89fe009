"""`export --force` replaces only what an earlier export in the same format wrote: never a
folder of the user's files, a device, a named pipe or a socket (nor one behind a link);
and what a killed export or backup left half-written is cleaned up by the next one.

Real files and real processes: the command runs as `python -m library.cli`, and the
killed writers are killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from test_export_library import build_library

from library.exchange import OutputExists, Selection, export
from library.storage.store import open_library

CLI = [sys.executable, "-m", "library.cli"]
pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    return build_library(tmp_path_factory.mktemp("replacing"))


def hashiya(*args: str, library: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args, "--library", str(library)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=30,
    )


def export_cli(library: Path, fmt: str, output: Path, *extra: str) -> subprocess.CompletedProcess:
    return hashiya("export", "--format", fmt, "--output", str(output), *extra, library=library)


def one_line_error(proc: subprocess.CompletedProcess, code: int = 2) -> str:
    assert proc.returncode == code, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hashiya: error:"), proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    return lines[0]


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- folders -----------------------------------------------------------------------------------


def test_force_never_empties_a_folder_of_the_users_files(library, tmp_path):
    documents = tmp_path / "Documents"
    (documents / "Papers").mkdir(parents=True)
    (documents / "thesis.txt").write_text("سنوات من العمل", encoding="utf-8")
    (documents / "Papers" / "draft.ann").write_text("mine", encoding="utf-8")
    error = one_line_error(export_cli(library, "brat", documents, "--force"))
    assert "thesis.txt" in error and "Papers/" in error and "new folder" in error
    assert (documents / "thesis.txt").read_text(encoding="utf-8") == "سنوات من العمل"
    assert (documents / "Papers" / "draft.ann").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents"]  # nothing beside it
    # A new folder name works, and is what the message asks for.
    assert export_cli(library, "brat", documents / "brat").returncode == 0


def test_force_replaces_an_earlier_brat_export_whole(library, tmp_path):
    target = tmp_path / "brat"
    assert export_cli(library, "brat", target).returncode == 0
    written = sorted(p.name for p in target.iterdir())
    (target / "article-99.txt").write_text("an article exported last time", encoding="utf-8")
    (target / "article-99.ann").write_text("", encoding="utf-8")
    (target / ".stats_cache").write_bytes(b"brat's own cache")
    proc = export_cli(library, "brat", target, "--force", "--article", "1")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in target.iterdir()) == [
        "annotation.conf",
        "article-1.ann",
        "article-1.txt",
    ]
    assert len(written) == 5
    assert hidden(tmp_path) == []  # no temporary or moved-aside folder left


def test_a_file_where_a_brat_folder_goes_is_not_replaced(library, tmp_path):
    target = tmp_path / "brat"
    target.write_text("# Hashiya notes\n", encoding="utf-8")
    error = one_line_error(export_cli(library, "brat", target, "--force"))
    assert "is a file" in error and target.read_text(encoding="utf-8") == "# Hashiya notes\n"


# --- single files ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("markdown", "n.md"), ("csv", "n.csv"), ("json", "n.jsonld"), ("brat", "n.zip"),
     ("conll", "n.conll"), ("tei", "n.xml"), ("docx", "n.docx")],
)  # fmt: skip
def test_an_earlier_export_is_replaced_and_a_users_file_is_not(library, tmp_path, fmt, name):
    target = tmp_path / name
    with open_library(library) as lib:
        export(lib, fmt, target, Selection(tag="Gaza"))
        first = target.read_bytes()
        result = export(lib, fmt, target, force=True)  # the earlier export: replaced
        assert result.annotations + len(result.left_out) == 13  # brat, CoNLL: some left out
        assert target.read_bytes() != first
        for foreign in (b"my thesis", b"PK\x03\x04 a zip of mine", b"%PDF-1.7 a paper"):
            target.write_bytes(foreign)
            with pytest.raises(OutputExists, match="not an earlier"):
                export(lib, fmt, target, force=True)
            assert target.read_bytes() == foreign
        target.write_bytes(b"")  # an empty file holds nothing to lose
        export(lib, fmt, target, force=True)
        assert target.stat().st_size > 0
    assert hidden(tmp_path) == []


def test_a_users_conll_corpus_is_never_taken_for_an_earlier_export(library, tmp_path):
    # Shaped like ours (CoNLL-2003, -DOCSTART-), but with part-of-speech and chunk tags:
    # somebody's corpus, which --force must not replace.
    corpus = "-DOCSTART- -X- O O\n\nزار NN B-VP O\nالوفد NN B-NP O\nعمان NNP B-NP B-LOC\n"
    target = tmp_path / "corpus.conll"
    target.write_text(corpus, "utf-8")
    with open_library(library) as lib:
        with pytest.raises(OutputExists, match="not an earlier"):
            export(lib, "conll", target, force=True)
        assert target.read_text("utf-8") == corpus
        target.write_text(corpus.replace("NN B-VP", "-X- -X-").replace("NN B-NP", "-X- -X-")
                          .replace("NNP B-NP", "-X- -X-"), "utf-8")  # fmt: skip
        export(lib, "conll", target, force=True)  # our own shape: replaced


def test_force_never_writes_one_format_over_another(library, tmp_path):
    thesis = tmp_path / "thesis.docx"
    with open_library(library) as lib:
        export(lib, "docx", thesis)
    before = thesis.read_bytes()
    error = one_line_error(export_cli(library, "csv", thesis, "--force"))
    assert "not an earlier CSV export" in error and thesis.read_bytes() == before


def test_a_link_to_an_earlier_export_is_followed_and_kept(library, tmp_path):
    real = tmp_path / "real.md"
    link = tmp_path / "notes.md"
    with open_library(library) as lib:
        export(lib, "markdown", real, Selection(tag="Gaza"))
    link.symlink_to(real)
    assert export_cli(library, "markdown", link).returncode == 2  # exists: needs --force
    assert export_cli(library, "markdown", link, "--force").returncode == 0
    assert link.is_symlink() and link.resolve() == real
    assert "13 annotation(s)" in real.read_text(encoding="utf-8")
    dangling = tmp_path / "gone.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    error = one_line_error(export_cli(library, "markdown", dangling, "--force"))
    assert "link to nothing" in error and dangling.is_symlink()


# --- devices, pipes, sockets ---------------------------------------------------------------------


@pytest.mark.timeout(30)
@pytest.mark.parametrize("force", [False, True])
def test_a_fifo_and_a_link_to_it_are_never_replaced_nor_opened(library, tmp_path, force):
    fifo = tmp_path / "notes.md"
    os.mkfifo(fifo)
    link = tmp_path / "link.md"
    link.symlink_to(fifo)
    for target in (fifo, link):
        # Opening a FIFO with no writer would block: the timeout catches that too.
        error = one_line_error(
            export_cli(library, "markdown", target, *(["--force"] if force else []))
        )
        assert "named pipe (FIFO)" in error
    assert stat.S_ISFIFO(fifo.lstat().st_mode) and link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "notes.md"]


@pytest.mark.timeout(30)
def test_a_link_to_dev_null_leaves_the_device_alone(library, tmp_path):
    link = tmp_path / "notes.csv"
    link.symlink_to("/dev/null")
    for fmt in ("csv", "brat"):
        error = one_line_error(export_cli(library, fmt, link, "--force"))
        assert "character device" in error
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode) and link.is_symlink()
    from library.exchange import NotReplaceable, replace_refusal

    with open_library(library) as lib, pytest.raises(NotReplaceable):
        export(lib, "csv", link, force=True)
    assert replace_refusal("csv", link) and replace_refusal("csv", tmp_path / "free.csv") is None
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


@pytest.mark.timeout(30)
def test_a_device_node_itself_is_never_replaced(library, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    node = tmp_path / "full.csv"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    error = one_line_error(export_cli(library, "csv", node, "--force"))
    assert "character device" in error and stat.S_ISCHR(node.lstat().st_mode)


def test_a_socket_is_never_replaced(library, tmp_path):
    path = tmp_path / "s.md"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        with open_library(library) as lib:
            for force in (False, True):
                with pytest.raises(OutputExists, match="socket"):
                    export(lib, "markdown", path, force=force)
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        server.close()


# --- what killed writers leave ----------------------------------------------------------------


def _killed_while_writing(code: str, folder: Path, pattern: str) -> list[str]:
    """Run `code` in a process whose fsync never returns, wait for its temporary file
    to appear, SIGKILL it; the leftovers it left."""
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not list(folder.glob(pattern)):
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    return sorted(p.name for p in folder.glob(pattern))


HANG_FSYNC = textwrap.dedent("""
    import os, time
    os.fsync = lambda fd: time.sleep(600)
    import library.exchange.atomic as atomic
    atomic._syncfs = lambda: (lambda fd: time.sleep(600))  # a folder syncs once
    from library.cli import main
""")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("fmt", ["csv", "brat"])
def test_a_killed_exports_leftovers_go_with_the_next_export(library, tmp_path, fmt):
    target = tmp_path / ("notes.csv" if fmt == "csv" else "brat")
    left = _killed_while_writing(
        HANG_FSYNC + f"main(['export', '--format', '{fmt}', '--output', {str(target)!r},"
        f" '--library', {str(library)!r}])",
        tmp_path,
        ".*.part",
    )
    assert len(left) == 1 and ".hashiya-" in left[0], left
    assert not target.exists()
    # The next export, into the same folder under another name, removes it.
    other = tmp_path / ("other.csv" if fmt == "csv" else "other")
    assert export_cli(library, fmt, other).returncode == 0
    assert hidden(tmp_path) == []


def test_a_running_exports_temporary_file_is_left_alone(library, tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        running = tmp_path / f".notes.csv.hashiya-{sleeper.pid}-abcd1234.part"
        running.write_bytes(b"half")
        mine = tmp_path / f".notes.csv.hashiya-{os.getpid()}-efgh5678.part"
        mine.write_bytes(b"half")
        legacy_old = tmp_path / ".notes.csv.k3j9a8b2.part"  # named as before: an hour old
        legacy_old.write_bytes(b"half")
        os.utime(legacy_old, (time.time() - 7200, time.time() - 7200))
        legacy_new = tmp_path / ".notes.csv.x1y2z3w4.part"
        legacy_new.write_bytes(b"half")
        someone_elses = tmp_path / ".download.part"
        someone_elses.write_bytes(b"half")
        assert export_cli(library, "csv", tmp_path / "notes.csv").returncode == 0
        assert hidden(tmp_path) == sorted(
            p.name for p in (running, mine, legacy_new, someone_elses)
        )
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.timeout(60)
def test_a_killed_backups_partial_copy_goes_with_the_next_backup(library, tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    left = _killed_while_writing(
        HANG_FSYNC + f"main(['backup', {str(folder / 'lib-2024-05-01.sqlite')!r},"
        f" '--library', {str(library)!r}])",
        folder,
        ".*.partial",
    )
    assert left and ".hashiya-" in left[0], left
    # The next day's backup has another name; yesterday's half copy goes all the same.
    proc = hashiya("backup", str(folder / "lib-2024-05-02.sqlite"), library=library)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["lib-2024-05-02.sqlite"]
