"""`import-annotations` against hostile input and a failing library: huge files are read a
line at a time, zip bombs are refused by their declared size, the report's lists are
capped; damaged, encrypted or oddly compressed zip members, JSON nested too deep, odd
values and lone surrogates are each a problem of their own file; and a full disk or a
damaged library is a failure of the library (exit 1), not bad input.

Every broken input is made for real (bytes of a zip patched, a real zip bomb, a real
damaged page in the library file); the memory figures are those of a real process."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from test_export_library import build_library, write_sources

from library.cli import main
from library.exchange import export
from library.exchange.import_annotations import import_annotations
from library.ingest.importer import import_paths
from library.storage.store import describe_error, open_library

CLI = [sys.executable, "-m", "library.cli"]
pytestmark = pytest.mark.timeout(60)


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """An annotated library, its exports, and the articles it holds without annotations."""
    folder = tmp_path_factory.mktemp("hostile")
    path = build_library(folder)
    with open_library(path) as lib:
        files = {
            "json": export(lib, "json", folder / "a.jsonld").output,
            "zip": export(lib, "brat", folder / "a.zip").output,
            "conll": export(lib, "conll", folder / "a.conll").output,
            "library": path,
        }
        files["hashes"] = folder / "hashes.json"
        hashes = [r[0] for r in lib.conn.execute("SELECT content_hash FROM articles ORDER BY id")]
        files["hashes"].write_text(json.dumps(hashes), encoding="utf-8")
    sources = write_sources(folder / "fresh-sources")
    fresh = folder / "fresh.sqlite"
    with open_library(fresh) as lib:
        import_paths(lib, [sources], workers=0)
    files["fresh"] = fresh
    return files


def fresh(made, tmp_path: Path, name: str = "lib.sqlite") -> Path:
    """A copy of the library with the same articles and no annotations."""
    target = tmp_path / name
    target.write_bytes(made["fresh"].read_bytes())
    return target


def count(path: Path, table: str = "annotations") -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def hashiya(*args: str, library: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *args, "--library", str(library)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=50,
    )


IMPORT_IN_A_PROCESS = """
import json, sys

def peak_kb():  # this process's own high-water mark (ru_maxrss would count the parent's)
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))

from library.exchange.import_annotations import import_annotations
from library.storage.store import open_library
given = json.loads(sys.argv[3])
if given:
    from library.exchange.incoming import Limits
    given = {"limits": Limits(**given)}
with open_library(sys.argv[1]) as lib:
    lib.conn.execute("SELECT count(*) FROM articles").fetchone()
    base = peak_kb()
    report = import_annotations(lib, sys.argv[2], **given)
    peak = peak_kb()
with open(sys.argv[4], "w", encoding="utf-8") as out:  # a file: a pipe could fill up
    json.dump({"base": base, "peak": peak, "report": report.to_json()}, out)
"""


def import_in_a_process(library: Path, path: Path, **limits) -> tuple[int, dict]:
    """Import `path` in a fresh Python: how much its peak resident memory grew during the
    import (MB: its VmHWM after opening the library and after the import), and the report."""
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc to read a process's peak memory")
    result_file = path.with_name(path.name + ".result.json")
    proc = subprocess.run(
        [sys.executable, "-c", IMPORT_IN_A_PROCESS, str(library), str(path), json.dumps(limits),
         str(result_file)],
        stderr=subprocess.PIPE,
        text=True,
        timeout=50,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(result_file.read_text(encoding="utf-8"))
    return (result["peak"] - result["base"]) // 1024, result["report"]


def conll_lines(hashes: list[str], lines: int, *, bad_every: int = 2) -> str:
    """Documents for articles not in the library, every `bad_every`-th tag not IOB2."""
    out, n = [], 0
    while n < lines:
        out.append(f"# doc_id = urn:hashiya:article:{hashes[len(out) % len(hashes)]}")
        for i in range(500):
            tag = "NNP" if i % bad_every == 0 else ("B-PER" if i % 10 == 1 else "O")
            out.append(f"كلمة{i}\t{tag}")
        out.append("")
        n += 502
    return "\n".join(out) + "\n"


# --- sizes -------------------------------------------------------------------------------------


def test_the_problem_list_is_capped_and_says_how_many_more(made, tmp_path):
    from library.exchange.incoming import Limits

    path = tmp_path / "big.conll"
    path.write_text(conll_lines(["f" * 64], 20_000), encoding="utf-8")
    with open_library(fresh(made, tmp_path)) as lib:
        report = import_annotations(lib, path, limits=Limits(problems=10))
    listed = [f for f in report.failed if "more" not in f]
    assert len(listed) == 10 and all("not an IOB2 tag" in f["error"] for f in listed)
    last = report.failed[-1]
    total_bad = 20_080 // 502 * 250  # 40 documents, 250 bad tags each
    assert last["more"] == total_bad - 10
    assert last["error"] == f"… and {total_bad - 10:,} more problem(s) in this file, not listed"
    assert len(report.unmatched) == 11 and report.unmatched[-1]["more"] == 30
    assert report.unmatched[-1]["annotations"] == 30 * 50  # their mentions, counted


def test_the_command_lists_a_hundred_problems_per_file(made, tmp_path):
    path = tmp_path / "big.conll"
    path.write_text(conll_lines(["e" * 64], 5_000), encoding="utf-8")
    proc = hashiya("import-annotations", str(path), "--json", library=fresh(made, tmp_path))
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert len(report["failed"]) == 101 and report["failed"][-1]["more"] == 2_500 - 100
    assert report["failed"][-1]["error"].startswith("… and 2,400 more problem(s)")


@pytest.mark.timeout(60)
def test_a_long_conll_file_is_read_in_bounded_memory(made, tmp_path):
    path = tmp_path / "long.conll"
    hashes = json.loads(made["hashes"].read_text(encoding="utf-8"))
    path.write_text(conll_lines(["d" * 64, *hashes], 400_000), encoding="utf-8")
    growth, report = import_in_a_process(fresh(made, tmp_path), path)
    # Read whole (and every problem kept) it took some 250 MB more; a line at a time, none.
    assert growth < 40, f"{growth} MB"
    assert len(report["failed"]) == 101 and report["failed"][-1]["more"] > 190_000


def test_a_document_longer_than_any_article_is_reported_and_skipped(made, tmp_path):
    from library.exchange.incoming import Limits

    hashes = json.loads(made["hashes"].read_text(encoding="utf-8"))
    long_doc = "\n".join(
        [f"# doc_id = urn:hashiya:article:{hashes[0]}"] + [f"w{i}\tB-PER" for i in range(3_000)]
    )
    path = tmp_path / "two.conll"
    path.write_text(long_doc + "\n\n" + made["conll"].read_text(encoding="utf-8"), "utf-8")
    library = fresh(made, tmp_path)
    with open_library(library) as lib:
        report = import_annotations(lib, path, limits=Limits(document_tokens=2_000))
    assert any("more than 2,000 tokens" in f["error"] for f in report.failed)
    assert report.added == 7 and report.unmatched == []  # the real documents, all of them


def test_an_endless_line_is_refused_without_reading_it_whole(made, tmp_path):
    from library.exchange.incoming import Limits

    path = tmp_path / "one-line.conll"
    path.write_bytes(made["conll"].read_bytes() + b"x" * 3_000_000)
    library = fresh(made, tmp_path)
    with open_library(library) as lib:
        report = import_annotations(lib, path, limits=Limits(line_bytes=1_000_000))
    assert report.added == 0 and "longer than 1 MB" in report.failed[0]["error"]
    assert count(library) == 0  # the documents before it were rolled back with the file


def write_bomb(path: Path, megabytes: int) -> None:
    chunk = b"a" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", "نص")
        with archive.open("bomb.ann", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(chunk)


@pytest.mark.timeout(60)
def test_a_zip_bomb_is_refused_by_its_declared_size_in_bounded_memory(made, tmp_path):
    bomb = tmp_path / "bomb.zip"
    write_bomb(bomb, 200)
    assert bomb.stat().st_size < 1_000_000  # 200 MB unpacked
    growth, report = import_in_a_process(fresh(made, tmp_path), bomb)  # its limit: 50 MB
    assert growth < 40, f"{growth} MB"  # unpacked, it took over 400 MB
    assert report["failed"] == [
        {
            "path": f"{bomb}:bomb.ann",
            "error": "bomb.ann unpacks to 200 MB, over the 50 MB limit for one file in a zip: "
            "not read",
        }
    ]
    growth_capped, report = import_in_a_process(fresh(made, tmp_path), bomb, file_bytes=5 << 20)
    assert "over the 5 MB limit" in report["failed"][0]["error"] and growth_capped < 40


def test_a_zip_is_unpacked_only_up_to_its_total_limit(made, tmp_path):
    from library.exchange.incoming import Limits

    with zipfile.ZipFile(made["zip"]) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for i in range(5):
            archive.writestr(f"pad-{i}.txt", "ا" * 300_000)
            archive.writestr(f"pad-{i}.ann", "")
    library = fresh(made, tmp_path)
    with open_library(library) as lib:
        report = import_annotations(lib, big, limits=Limits(zip_bytes=1_500_000))
    assert report.added == 12  # the real articles come first (sorted names)
    refused = [f for f in report.failed if "the limit for one zip" in f["error"]]
    assert len(refused) >= 2 and all("pad-" in f["path"] for f in refused)


# --- broken zips, JSON and text: each a problem of its own file --------------------------------


def stored_copy(made, path: Path) -> Path:
    """The brat export as a zip of stored (uncompressed) members."""
    with zipfile.ZipFile(made["zip"]) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, data in sorted(members.items()):
            archive.writestr(name, data)
    return path


def patch_member(path: Path, name: str, *, flags: int = 0, method: int | None = None) -> None:
    """Set bits of the general purpose flags, or the compression method, of one member in
    both its local header and its central directory entry."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(name).header_offset
        central = archive.start_dir
    headers = [(local, 6)]  # local header: flags at 6, method at 8
    pos = central
    while data[pos : pos + 4] == b"PK\x01\x02":  # central entries: flags at 8, method at 10
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, pos + 28)
        if data[pos + 46 : pos + 46 + name_len].decode() == name:
            headers.append((pos, 8))
        pos += 46 + name_len + extra_len + comment_len
    assert len(headers) == 2
    for offset, field in headers:
        bits = struct.unpack_from("<H", data, offset + field)[0]
        struct.pack_into("<H", data, offset + field, bits | flags)
        if method is not None:
            struct.pack_into("<H", data, offset + field + 2, method)
    path.write_bytes(bytes(data))


def bad_crc(made, path: Path) -> Path:
    stored_copy(made, path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("article-1.ann")
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    data[start + 5] ^= 0x20  # one bit of the member's text: its CRC no longer matches
    path.write_bytes(bytes(data))
    return path


def encrypted(made, path: Path) -> Path:
    stored_copy(made, path)
    patch_member(path, "article-1.ann", flags=0x1)
    return path


def unknown_method(made, path: Path) -> Path:
    stored_copy(made, path)
    patch_member(path, "article-1.ann", method=99)
    return path


def items(made) -> list[dict]:
    return json.loads(made["json"].read_text(encoding="utf-8"))["first"]["items"]


def with_odd_item(made, path: Path, odd: dict) -> Path:
    good = items(made)
    doc = {"type": "AnnotationPage", "items": [good[0] | odd, *good[1:]]}
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def purpose_object(made, path: Path) -> Path:
    body = [{"type": "TextualBody", "value": "ملاحظة", "purpose": [{"x": 1}]}]
    return with_odd_item(made, path, {"body": body})


def lone_surrogate(made, path: Path) -> Path:
    good = items(made)
    note = next(i for i in good if "bodyValue" in i or any(
        isinstance(b, dict) and b.get("purpose") == "commenting" for b in i.get("body", []))
    )  # fmt: skip
    note["id"] = "urn:uuid:0badc0de-0000-4000-8000-000000000001"  # new, not a duplicate by id
    text = json.dumps({"type": "AnnotationPage", "items": good}, ensure_ascii=True)
    body = note.get("bodyValue") or next(
        b["value"] for b in note["body"] if b.get("purpose") == "commenting"
    )
    escaped = json.dumps(body, ensure_ascii=True)[1:-1]
    assert escaped in text
    text = text.replace(escaped, escaped + "\\ud800", 1)  # a lone surrogate, as JSON escapes it
    path.write_text(text, encoding="ascii")
    return path


def deep_json(made, path: Path) -> Path:
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "case",
    [
        (bad_crc, "crc.zip", "damaged in the zip (Bad CRC-32", "article-2"),
        (encrypted, "locked.zip", "encrypted", "article-2"),
        (unknown_method, "method.zip", "compressed in a way that cannot be read", "article-2"),
        (deep_json, "deep.jsonld", "nested too deeply", 0),
        (purpose_object, "purpose.jsonld", "a body's purpose must be a name", 12),
        (lone_surrogate, "surrogate.jsonld", "not valid Unicode text", 12),
    ],
    ids=lambda case: case[1],
)
def test_each_broken_input_is_a_problem_of_its_file_and_the_rest_goes_on(made, tmp_path, case):
    make, name, words, added = case
    broken = make(made, tmp_path / name)
    if isinstance(added, str):  # the annotations of the other article in the zip
        with zipfile.ZipFile(made["zip"]) as archive:
            ann = archive.read(f"{added}.ann").decode("utf-8")
        added = sum(line.startswith("T") for line in ann.splitlines())
    library = fresh(made, tmp_path)
    with open_library(library) as lib:
        report = import_annotations(lib, broken)
    assert any(words in f["error"] for f in report.failed), report.failed
    assert report.added == added > 0 or name == "deep.jsonld"  # the rest went on
    assert count(library) == report.added


def test_one_command_over_a_folder_of_broken_files(made, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for make, name in (
        (bad_crc, "1-crc.zip"),
        (encrypted, "2-locked.zip"),
        (unknown_method, "3-method.zip"),
        (deep_json, "4-deep.jsonld"),
        (purpose_object, "5-purpose.jsonld"),
        (lone_surrogate, "6-surrogate.jsonld"),
    ):
        make(made, folder / name)
    (folder / "7-good.conll").write_bytes(made["conll"].read_bytes())
    proc = hashiya("import-annotations", str(folder), "--json", library=fresh(made, tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    report = json.loads(proc.stdout)
    errors = " | ".join(f["path"] + ": " + f["error"] for f in report["failed"])
    for words in ("Bad CRC-32", "encrypted", "cannot be read", "nested too deeply",
                  "purpose must be a name", "not valid Unicode"):  # fmt: skip
        assert words in errors
    assert report["added"] > 12 and report["files"] >= 6


# --- the library fails: exit 1, and which failure it is ------------------------------------------


def big_notes(made, path: Path, count: int = 400) -> Path:
    """A JSON-LD file of many long notes on the first article: new pages in the library."""
    note = next(i for i in items(made) if i["motivation"] == "commenting")
    out = []
    for n in range(count):
        item = json.loads(json.dumps(note))
        item["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
        item["body"] = {"type": "TextualBody", "value": f"ملاحظة {n} " + "نص طويل " * 300}
        item.pop("bodyValue", None)
        out.append(item)
    path.write_text(json.dumps({"type": "AnnotationPage", "items": out}), encoding="utf-8")
    return path


def test_a_full_disk_is_a_failure_of_the_library_not_bad_input(made, tmp_path, monkeypatch, capsys):
    from library.storage import store

    notes = big_notes(made, tmp_path / "notes.jsonld")
    library = fresh(made, tmp_path)
    real_connect = store.connect

    def tiny_disk(path, readonly=False):
        conn = real_connect(path, readonly=readonly)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(store, "connect", tiny_disk)
    capsys.readouterr()
    code = main(["import-annotations", str(notes), "--library", str(library), "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hashiya: error: nothing was imported from")
    assert "The disk is full" in lines[0]
    monkeypatch.undo()
    assert count(library) == 0


@pytest.mark.timeout(60)
def test_a_really_full_disk(made, tmp_path):
    """On a tmpfs of a few MB (skipped where one cannot be mounted)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True
        ).returncode
    ):
        pytest.skip("no tmpfs can be mounted here")
    try:
        library = fresh(made, mount)
        with (mount / "filler").open("wb") as filler:  # leave some 300 KB free
            free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
            filler.write(b"\0" * max(0, free - 300_000))
        notes = big_notes(made, tmp_path / "notes.jsonld", count=600)
        proc = hashiya("import-annotations", str(notes), library=library)
        assert proc.returncode == 1, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "The disk is full" in lines[0] and "Traceback" not in proc.stderr
        (mount / "filler").unlink()
        assert count(library) == 0
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_damaged_library_is_a_failure_of_the_library_not_bad_input(made, tmp_path):
    library = fresh(made, tmp_path)
    with sqlite3.connect(library) as conn:
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'annotations'"
        ).fetchone()[0]
    conn.close()
    with library.open("r+b") as fh:  # one page of garbage where the annotations begin
        fh.seek((root - 1) * page)
        fh.write(b"\xde\xad\xbe\xef" * (page // 4))
    proc = hashiya("import-annotations", str(made["json"]), "--json", library=library)
    assert proc.returncode == 1 and proc.stdout == "", proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "nothing was imported from" in lines[0]
    assert "The library file is damaged" in lines[0] and "Traceback" not in proc.stderr


def test_describe_error_names_a_damaged_library():
    sentence = describe_error(sqlite3.DatabaseError("database disk image is malformed"))
    assert sentence.startswith("The library file is damaged") and "backup" in sentence


def test_library_failed_carries_what_came_before(made, tmp_path, monkeypatch):
    from library.exchange import import_annotations as importing
    from library.exchange.import_annotations import LibraryFailed

    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.conll").write_bytes(made["conll"].read_bytes())
    (folder / "b.jsonld").write_bytes(made["json"].read_bytes())
    library = fresh(made, tmp_path)
    real_insert = importing.insert
    calls = []

    def fail_in_the_second_file(lib, rows):
        calls.append(1)
        if len(calls) > 8:
            raise sqlite3.OperationalError("database or disk is full")
        real_insert(lib, rows)

    monkeypatch.setattr(importing, "insert", fail_in_the_second_file)
    with open_library(library) as lib, pytest.raises(LibraryFailed) as failed:
        import_annotations(lib, folder)
    assert failed.value.report.added == 7 and "7 annotation(s) from the files before" in str(
        failed.value
    )
    assert count(library) == 7


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", ["notes.ann", "notes.zip", "notes.conll", "notes.jsonld"])
def test_a_fifo_named_like_an_annotation_file_is_refused_not_waited_on(tmp_path, name):
    """A FIFO given as the file to import would block the open forever."""
    import os
    import subprocess
    import sys

    library = tmp_path / "lib.sqlite"
    subprocess.run(
        [sys.executable, "-m", "library.cli", "list", "--library", str(library)],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip
    (tmp_path / "notes.txt").write_text("نص قصير", encoding="utf-8")  # a brat pair's text
    fifo = tmp_path / name
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "library.cli", "import-annotations", str(fifo),
         "--library", str(library), "--json"],
        capture_output=True, text=True, timeout=20, check=False,
    )  # fmt: skip
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr
    assert "not a regular file" in done.stderr + done.stdout
