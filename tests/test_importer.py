import codecs
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from fixtures import CAPTION_B, MULTI, TITLE_A, TITLE_B

from library.ingest.importer import import_paths
from library.storage.articles import get_article, list_articles
from library.storage.store import open_library


def _folder(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "multi.txt").write_text(MULTI, encoding="utf-8")
    (d / "sub" / "one.txt").write_text(
        "خبر واحد\n\nنص الخبر الوحيد في هذا الملف.", encoding="utf-8"
    )
    (d / "empty.txt").write_bytes(b"")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(500))
    (d / "huge.txt").write_bytes(b"x" * 5000)
    (d / ".hidden.txt").write_text("مخفي\n\nلا يستورد.", encoding="utf-8")
    (d / ".git").mkdir()
    (d / ".git" / "x.txt").write_text("مخفي\n\nلا يستورد.", encoding="utf-8")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4")
    return d


def test_folder_import_keeps_good_files_and_reports_the_rest(lib, tmp_path):
    report = import_paths(lib, [_folder(tmp_path)], max_bytes=4096)
    assert report.imported == 3
    reasons = {Path(f.path).name: f.error for f in report.failed}
    assert set(reasons) == {"empty.txt", "image.txt", "huge.txt", "notes.pdf"}
    assert "empty" in reasons["empty.txt"]
    assert "PNG" in reasons["image.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "unsupported" in reasons["notes.pdf"]
    titles = [a.title for a in list_articles(lib)]
    assert titles == [TITLE_A, TITLE_B, "خبر واحد"]
    second = get_article(lib, report.articles[1])
    assert second.captions == [CAPTION_B]
    assert second.raw.count(CAPTION_B) == 4  # raw kept exactly as decoded
    assert second.encoding == "utf-8"


def test_same_article_in_another_encoding_or_line_endings_is_a_duplicate(lib, tmp_path):
    text = "تقرير عن الزراعة\n\nارتفع إنتاج القمح هذا العام بعد موسم أمطار جيد.\nوقال المزارعون إن الأسعار استقرت."
    variants = {
        "a.txt": text.encode("utf-8"),
        "b.txt": codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le"),
        "c.txt": text.replace("\n", "\r\n").encode("cp1256"),
        "d.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
    report = import_paths(lib, [tmp_path / n for n in variants])
    assert (report.imported, report.duplicates, report.failed) == (1, 3, [])
    again = import_paths(lib, [tmp_path / "a.txt"])
    assert (again.imported, again.duplicates) == (0, 1)
    assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_progress_is_reported_and_cancel_stops_between_files(lib, tmp_path):
    for i in range(10):
        (tmp_path / f"{i:02}.txt").write_text(
            f"خبر رقم {i}\n\nنص الخبر رقم {i} كاملاً.", encoding="utf-8"
        )
    seen = []

    def progress(p):
        seen.append(p.files_done)

    report = import_paths(lib, [tmp_path], progress=progress, should_cancel=lambda: len(seen) >= 4)
    assert report.cancelled
    assert report.imported == 4
    assert seen[:4] == [0, 1, 2, 3]
    # Running it again completes it.
    rest = import_paths(lib, [tmp_path])
    assert (rest.imported, rest.duplicates) == (6, 4)


def test_missing_path_is_reported(lib, tmp_path):
    report = import_paths(lib, [tmp_path / "nope"])
    assert report.failed[0].error == "no such file or folder"


def test_sample_collection_imports_cleanly(lib, samples):
    report = import_paths(lib, [samples])
    assert report.failed == []
    assert report.imported == 11
    encodings = {r[0] for r in lib.conn.execute("SELECT DISTINCT encoding FROM articles")}
    assert {"utf-8", "cp1256", "utf-16-le", "utf-8-sig"} <= encodings


def test_killed_import_leaves_a_sound_library_and_rerun_completes_it(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    n = 3000
    body = "جملة عن الاقتصاد والسياسة في المنطقة العربية. " * 40
    for i in range(n):
        (src / f"{i:05}.txt").write_text(f"خبر {i}\n\n{body}رقم {i}.", encoding="utf-8")
    path = tmp_path / "lib.sqlite"
    code = textwrap.dedent(
        f"""
        import sys
        from library.storage.store import open_library
        import library.ingest.importer as importer
        from library.ingest.importer import import_paths
        importer.BATCH_ARTICLES = 1000  # so that batches are committed before the kill
        lib = open_library({str(path)!r})
        def progress(p):
            if p.files_done == 1200:
                print("going", flush=True)
        import_paths(lib, [{str(src)!r}], progress=progress)
        """
    )
    with subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True) as proc:
        try:
            assert proc.stdout.readline().strip() == "going"
        finally:
            proc.send_signal(signal.SIGKILL)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = conn.execute("SELECT title, body FROM articles").fetchall()
    assert 0 < len(rows) < n
    for title, text in rows:  # only whole articles
        number = title.split()[1]
        assert text.endswith(f"رقم {number}.")
    conn.close()
    lib = open_library(path)
    report = import_paths(lib, [src])
    assert report.imported + report.duplicates == n
    assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == n
    lib.close()


def _many(tmp_path, n=120):
    src = tmp_path / "many"
    src.mkdir()
    for i in range(n):
        (src / f"{i:04}.txt").write_text(f"خبر {i}\n\nنص الخبر رقم {i} عن السوق.", encoding="utf-8")
    (src / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    return src


def _rows(lib):
    return lib.conn.execute("SELECT title, body, words FROM articles ORDER BY id").fetchall()


def test_worker_processes_give_the_same_library_as_one_process(tmp_path):
    src = _many(tmp_path)
    serial = open_library(tmp_path / "serial.sqlite")
    parallel = open_library(tmp_path / "parallel.sqlite")
    a = import_paths(serial, [src], workers=0)
    b = import_paths(parallel, [src], workers=2)
    assert (a.imported, a.duplicates, a.failed) == (b.imported, b.duplicates, b.failed)
    assert [tuple(r) for r in _rows(serial)] == [tuple(r) for r in _rows(parallel)]
    from library.search.engine import search

    assert [h.article_id for h in search(parallel, "السوق", limit=500)]


def kill_the_first_worker(monkeypatch) -> None:
    """Every worker pool started from here on loses its first worker at once."""
    import library.ingest.worker_pool as iw

    original = iw.WorkerPool.__init__

    def start_and_kill_one(self, *args, **kwargs):
        original(self, *args, **kwargs)
        os.kill(self.procs[0].pid, signal.SIGKILL)

    monkeypatch.setattr(iw.WorkerPool, "__init__", start_and_kill_one)


def test_a_dead_worker_costs_nothing(tmp_path, monkeypatch):
    kill_the_first_worker(monkeypatch)
    lib = open_library(tmp_path / "l.sqlite")
    report = import_paths(lib, [_many(tmp_path)], workers=2)
    assert report.imported == 120
    assert len(report.failed) == 1


def test_cancel_with_workers_stops_them(tmp_path):
    lib = open_library(tmp_path / "l.sqlite")
    calls = []
    report = import_paths(
        lib, [_many(tmp_path)], workers=2, should_cancel=lambda: calls.append(1) or len(calls) > 30
    )
    # Asked before each file, and also while a worker is slow to answer (starting up).
    assert report.cancelled and report.imported <= 30


def test_every_skip_has_a_kind_an_interface_can_translate(lib, tmp_path):
    from library.ingest.formats.draft import KINDS

    d = _folder(tmp_path)
    (d / "broken.json").write_text("{not json", encoding="utf-8")
    (d / "nobody.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    report = import_paths(lib, [d, tmp_path / "gone"], max_bytes=4096, workers=0)
    kinds = {Path(f.path).name: f.kind for f in report.failed}
    assert kinds == {
        "empty.txt": "empty",
        "image.txt": "binary",
        "huge.txt": "too_large",
        "notes.pdf": "unsupported",
        "broken.json": "malformed",
        "nobody.csv": "no_article",
        "gone": "missing",
    }
    assert set(kinds.values()) <= set(KINDS)
    assert all(set(f) == {"path", "error"} for f in report.to_json()["failed"])


def _folder_with_an_undecodable_name(tmp_path) -> Path:
    """A folder with a good file and one whose name has bytes that are not UTF-8."""
    d = tmp_path / "names"
    d.mkdir()
    (d / "good.txt").write_text("خبر سليم\n\nنص الخبر السليم في هذا الملف.", encoding="utf-8")
    (d / os.fsdecode(b"bad\xff\xfe.txt")).write_bytes(
        "خبر باسم غريب\n\nنص خبر اسمه ليس بترميز سليم.".encode()
    )
    return d


def test_a_file_name_that_is_not_utf8_is_imported_with_its_bytes_shown(tmp_path):
    folder = _folder_with_an_undecodable_name(tmp_path)
    library = tmp_path / "lib.sqlite"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "library.cli",
            "import",
            str(folder),
            "--json",
            "--library",
            str(library),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["imported"] == 2 and doc["failed"] == []
    lib = open_library(library)
    try:
        sources = sorted(Path(row.source).name for row in list_articles(lib))
    finally:
        lib.close()
    assert sources == ["bad\\xff\\xfe.txt", "good.txt"]


def test_an_unreadable_file_with_a_name_that_is_not_utf8_is_reported_by_a_shown_name(lib, tmp_path):
    folder = _folder_with_an_undecodable_name(tmp_path)
    (folder / os.fsdecode(b"empty\xff.txt")).write_bytes(b"")
    report = import_paths(lib, [folder], workers=0)
    assert report.imported == 2
    assert [Path(f.path).name for f in report.failed] == ["empty\\xff.txt"]
    report.failed[0].path.encode("utf-8")  # storable, printable, shown by Qt


def test_an_import_keeps_a_batch_of_index_terms_in_memory_until_its_commit(tmp_path):
    """FTS5's 'hashsize' is raised once, so a batch is written as one index segment."""
    from library.storage import search_index

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("عنوان\n\nنص الخبر الأول عن المدينة.", encoding="utf-8")
    with open_library(tmp_path / "l.sqlite") as lib:
        import_paths(lib, [folder])
        sql = "SELECT v FROM article_index_config WHERE k = 'hashsize'"
        assert lib.conn.execute(sql).fetchone()[0] == search_index.PENDING_BYTES
