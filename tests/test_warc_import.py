"""Importing web archives (WARC, `.warc` and `.warc.gz`): each HTML page an article with
its metadata and captures, every other record skipped with its reason, damage reported
and read past, streaming with progress and Cancel (issue 19)."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from library.ingest import importer
from library.ingest.formats import read_bytes
from library.ingest.importer import import_paths
from library.storage.metadata import metadata
from library.storage.store import open_library

# Made-up news, written for these tests.
MARKET = [
    "أعلنت غرفة التجارة في المدينة الساحلية، صباح الأحد، افتتاح السوق الشتوي الجديد "
    "على الواجهة البحرية بمشاركة مئة وعشرين تاجراً من المحافظات المجاورة.",
    "وقال رئيس الغرفة إن السوق سيفتح أبوابه يومياً من العاشرة صباحاً حتى منتصف الليل "
    "طوال شهرين، وإن الأسعار ستخضع لرقابة لجنة مشتركة من البلدية والغرفة.",
    "وأضاف أن ريع الأكشاك سيخصص لترميم المدارس القديمة في الأحياء الشرقية، وأن "
    "الدورة المقبلة ستضم جناحاً للحرف اليدوية التي يصنعها سكان القرى الجبلية.",
]
LIBRARY = [
    "فتحت المكتبة العامة في البلدة القديمة قاعتها الجديدة للمطالعة بعد أعمال ترميم "
    "استمرت عامين، وتتسع القاعة لمئتي قارئ وتضم أرشيف الصحف المحلية منذ تأسيسها.",
    "وأوضحت مديرة المكتبة أن الأرشيف سيتاح للباحثين مجاناً، وأن فريقاً من المتطوعين "
    "يعمل على تصوير الأعداد النادرة وحفظها في نسخ رقمية يسهل البحث فيها.",
]
BRIDGE = [
    "بدأت فرق الصيانة أعمال تقوية الجسر الحديدي القديم فوق الوادي، على أن تغلق حركة "
    "الشاحنات عليه ثلاثة أسابيع وتحول إلى الطريق الدائري الجنوبي طوال مدة الأعمال.",
    "وقال مهندس المشروع إن الفحص كشف تآكلاً في بعض الدعامات، وإن الأعمال تشمل "
    "استبدال الألواح المعدنية وطلاء الهيكل كله بمادة تقاوم الرطوبة والملح.",
]


def page(
    title: str,
    paragraphs: list[str],
    *,
    lang: str | None = "ar",
    canonical: str | None = None,
    json_ld: dict | None = None,
    meta: dict[str, str] | None = None,
) -> bytes:
    head = [f"<title>{title} | أخبار الساحل</title>", '<meta charset="utf-8">']
    if canonical:
        head.append(f'<link rel="canonical" href="{canonical}">')
    for key, value in (meta or {}).items():
        head.append(f'<meta property="{key}" content="{value}">')
    if json_ld:
        block = json.dumps(json_ld, ensure_ascii=False)
        head.append(f'<script type="application/ld+json">{block}</script>')
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html_tag = f'<html lang="{lang}">' if lang else "<html>"
    return (
        f"<!doctype html>{html_tag}<head>{''.join(head)}</head><body>"
        "<nav><a href='/'>الرئيسية</a> <a href='/econ'>اقتصاد</a></nav>"
        f"<article><h1>{title}</h1>"
        "<figure><img src='a.jpg'><figcaption>السوق الشتوي ليلاً</figcaption></figure>"
        f"{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    ).encode()


MARKET_PAGE = page(
    "افتتاح السوق الشتوي على الواجهة البحرية",
    MARKET,
    canonical="https://sahel.example/econ/2024/winter-market",
    meta={
        "og:site_name": "أخبار الساحل",
        "article:published_time": "2024-01-14T09:30:00+03:00",
        "article:section": "اقتصاد",
    },
    json_ld={
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "افتتاح السوق الشتوي على الواجهة البحرية",
        "author": [{"@type": "Person", "name": "ريم الخطيب"}, {"name": "سليم داود"}],
        "datePublished": "2024-01-14T09:30:00+03:00",
        "dateModified": "2024-01-15T11:00:00+03:00",
        "identifier": "sahel-2024-0114-07",
        "publisher": {"@type": "Organization", "name": "أخبار الساحل"},
    },
)
LIBRARY_PAGE = page("المكتبة العامة تفتح قاعتها الجديدة", LIBRARY, lang=None)
BRIDGE_PAGE = page("أعمال تقوية الجسر الحديدي فوق الوادي", BRIDGE)

MARKET_URI = "https://sahel.example/econ/2024/winter-market?utm=feed"
LIBRARY_URI = "https://sahel.example/culture/library"


class Archive:
    """A WARC file written record by record with warcio, for the tests."""

    def __init__(self, gz: bool = True) -> None:
        self.buffer = io.BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=gz)
        self.ids: list[str] = []  # record ids, in order
        self.offsets: list[int] = []  # where each record starts

    def _write(self, record) -> str:
        self.offsets.append(self.buffer.tell())
        self.writer.write_record(record)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        self.ids.append(record_id)
        return record_id

    def response(
        self,
        uri: str,
        payload: bytes,
        *,
        date: str = "2024-02-01T10:00:00Z",
        status: str = "200 OK",
        content_type: str = "text/html; charset=utf-8",
    ) -> str:
        http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(payload),
            http_headers=http,
            warc_headers_dict={"WARC-Date": date},
        )
        return self._write(record)

    def request(self, uri: str) -> str:
        http = StatusAndHeaders(
            f"GET {uri} HTTP/1.1", [("Host", "sahel.example")], is_http_request=True
        )
        record = self.writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b""), http_headers=http
        )
        return self._write(record)

    def revisit(self, uri: str, date: str) -> str:
        record = self.writer.create_revisit_record(
            uri, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", uri, "2024-02-01T10:00:00Z"
        )
        record.rec_headers.replace_header("WARC-Date", date)
        return self._write(record)

    def warcinfo(self) -> str:
        return self._write(
            self.writer.create_warcinfo_record("test.warc.gz", {"software": "tests"})
        )

    def metadata(self, uri: str) -> str:
        record = self.writer.create_warc_record(
            uri,
            "metadata",
            payload=io.BytesIO(b"outlinks: https://sahel.example/\n"),
            warc_content_type="application/warc-fields",
        )
        return self._write(record)

    def save(self, path: Path) -> Path:
        path.write_bytes(self.buffer.getvalue())
        return path


@pytest.fixture
def archive_path(tmp_path) -> tuple[Path, dict[str, str]]:
    """An archive with two pages, one captured twice, and every kind of other record."""
    a = Archive()
    ids = {
        "warcinfo": a.warcinfo(),
        "request": a.request(MARKET_URI),
        "market": a.response(MARKET_URI, MARKET_PAGE, date="2024-02-01T10:00:00Z"),
        "metadata": a.metadata(MARKET_URI),
        "library": a.response(LIBRARY_URI, LIBRARY_PAGE, date="2024-02-01T10:05:00Z"),
        "revisit": a.revisit(MARKET_URI, "2024-02-08T10:00:00Z"),
        "pdf": a.response(
            "https://sahel.example/report.pdf", b"%PDF-1.4 ...", content_type="application/pdf"
        ),
        "missing": a.response(
            "https://sahel.example/gone",
            page("غير موجود", ["الصفحة غير موجودة."]),
            status="404 Not Found",
        ),
        "market again": a.response(MARKET_URI, MARKET_PAGE, date="2024-03-01T08:00:00Z"),
    }
    return a.save(tmp_path / "crawl.warc.gz"), ids


def test_each_html_page_is_an_article_and_every_other_record_is_skipped(lib, archive_path):
    path, ids = archive_path
    report = import_paths(lib, [path])
    assert report.imported == 2 and report.duplicates == 1 and report.failed == []
    assert report.files == 1 and not report.cancelled
    reasons = {s["record"]: s["reason"] for s in report.skipped}
    assert all(s["path"] == str(path) for s in report.skipped)
    assert set(reasons) == {
        ids[k] for k in ("warcinfo", "request", "metadata", "revisit", "pdf", "missing")
    }
    assert report.skipped_count == 6
    assert "revisit record" in reasons[ids["revisit"]]
    assert "request record" in reasons[ids["request"]]
    assert "warcinfo record" in reasons[ids["warcinfo"]]
    assert "metadata record" in reasons[ids["metadata"]]
    assert reasons[ids["pdf"]] == "not an HTML page (application/pdf)"
    assert reasons[ids["missing"]] == "HTTP status 404 Not Found"


def test_an_article_from_an_archive_has_its_metadata_and_both_captures(lib, archive_path):
    path, ids = archive_path
    market, library = import_paths(lib, [path]).articles
    meta = metadata(lib, market)
    assert meta.title == "افتتاح السوق الشتوي على الواجهة البحرية"
    assert meta.authors == ("ريم الخطيب", "سليم داود")
    assert meta.publisher == "أخبار الساحل"
    assert meta.section == "اقتصاد"
    assert meta.language == "ar"
    assert meta.url == "https://sahel.example/econ/2024/winter-market"  # canonical
    assert meta.published.startswith("2024-01-14")
    assert meta.modified.startswith("2024-01-15")
    assert meta.identifier == "sahel-2024-0114-07"
    # the same text captured twice: one article, both captures
    assert [(c.uri, c.date, c.record_id) for c in meta.captures] == [
        (MARKET_URI, "2024-02-01T10:00:00Z", ids["market"]),
        (MARKET_URI, "2024-03-01T08:00:00Z", ids["market again"]),
    ]
    assert {c.file for c in meta.captures} == {str(path)}
    assert meta.accessed == "2024-02-01T10:00:00Z"
    other = metadata(lib, library)
    assert other.url == LIBRARY_URI  # no canonical URL: the record's target
    assert other.language == "ar"  # no <html lang>: most letters are Arabic
    assert [c.record_id for c in other.captures] == [ids["library"]]
    body = lib.conn.execute(
        "SELECT body, captions, format, source_index FROM articles WHERE id = ?", (market,)
    ).fetchone()
    assert body[0].startswith(MARKET[0][:30])
    assert "الرئيسية" not in body[0] and "جميع الحقوق" not in body[0]
    assert "افتتاح السوق الشتوي" not in body[0].split("\n")[0][:20]  # the headline is the title
    assert json.loads(body[1]) == ["السوق الشتوي ليلاً"]
    assert body[2] == "html" and body[3] == 2  # the record's place in the archive


def test_importing_the_archive_again_adds_nothing(lib, archive_path):
    path, _ = archive_path
    import_paths(lib, [path])
    again = import_paths(lib, [path])
    assert again.imported == 0 and again.duplicates == 3
    assert lib.conn.execute("SELECT count(*) FROM captures").fetchone()[0] == 3


def test_import_json_reports_skipped_records(tmp_path, archive_path):
    path, ids = archive_path
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "library.cli",
            "import",
            str(path),
            "--json",
            "--library",
            str(tmp_path / "l.sqlite"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["imported"] == 2 and doc["duplicates"] == 1 and doc["failed"] == []
    assert doc["skipped_count"] == 6
    assert all(set(s) == {"path", "record", "reason"} for s in doc["skipped"])
    assert {s["record"] for s in doc["skipped"]} >= {ids["revisit"], ids["pdf"]}
    text = subprocess.run(
        [
            sys.executable,
            "-m",
            "library.cli",
            "import",
            str(path),
            "--library",
            str(tmp_path / "m.sqlite"),
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert "6 archive record(s) skipped" in text.stdout
    assert "HTTP status 404 Not Found" in text.stdout


def test_an_uncompressed_archive_and_a_resource_record(lib, tmp_path):
    a = Archive(gz=False)
    a.response(LIBRARY_URI, LIBRARY_PAGE)
    record = a.writer.create_warc_record(
        "file:///saved/bridge.html",
        "resource",
        payload=io.BytesIO(BRIDGE_PAGE),
        warc_content_type="text/html",
    )
    a._write(record)
    report = import_paths(lib, [a.save(tmp_path / "plain.warc")])
    assert report.imported == 2 and report.skipped == []


def test_a_truncated_member_at_the_end_loses_nothing_before_it(lib, tmp_path):
    a = Archive()
    a.response(MARKET_URI, MARKET_PAGE)
    a.response(LIBRARY_URI, LIBRARY_PAGE)
    a.response("https://sahel.example/bridge", BRIDGE_PAGE)
    data = a.buffer.getvalue()
    for cut, name in ((len(data) - 40, "a.warc.gz"), (a.offsets[2] + 60, "b.warc.gz")):
        (tmp_path / name).write_bytes(data[:cut])
    report = import_paths(lib, [tmp_path / "a.warc.gz"])
    assert report.imported == 2 and report.failed == []
    assert [s["record"] for s in report.skipped] == [a.ids[2]]
    assert "truncated" in report.skipped[0]["reason"]
    report = import_paths(lib, [tmp_path / "b.warc.gz"])
    assert report.duplicates == 2 and report.failed == []
    (damage,) = report.skipped
    assert damage["record"] is None and "damaged archive" in damage["reason"]
    assert f"from byte {a.offsets[2]}" in damage["reason"]


def test_damage_in_the_middle_is_reported_and_read_past(lib, tmp_path):
    a = Archive()
    a.response(MARKET_URI, MARKET_PAGE)
    a.response(LIBRARY_URI, LIBRARY_PAGE)
    a.response("https://sahel.example/bridge", BRIDGE_PAGE)
    data = bytearray(a.buffer.getvalue())
    middle = (a.offsets[1] + a.offsets[2]) // 2
    data[middle : middle + 16] = b"\x00" * 16  # the second member's deflate stream broken
    path = tmp_path / "damaged.warc.gz"
    path.write_bytes(bytes(data))
    report = import_paths(lib, [path])
    assert report.imported == 2 and report.failed == []  # the first and the third
    titles = {r[0] for r in lib.conn.execute("SELECT title FROM articles")}
    assert titles == {
        "افتتاح السوق الشتوي على الواجهة البحرية",
        "أعمال تقوية الجسر الحديدي فوق الوادي",
    }
    assert len(report.skipped) == 1
    assert report.skipped[0]["record"] in (None, a.ids[1])


def test_a_file_that_is_no_archive_fails_with_a_clear_message(lib, tmp_path):
    bad = tmp_path / "notes.warc"
    bad.write_text("هذا ليس أرشيفاً\n", encoding="utf-8")
    gz = tmp_path / "notes.warc.gz"
    gz.write_bytes(gzip.compress("ولا هذا\n".encode()))
    good = tmp_path / "good.txt"
    good.write_text("خبر\n\nنص خبر قصير.", encoding="utf-8")
    report = import_paths(lib, [bad, gz, good])
    assert report.imported == 1
    errors = {Path(f.path).name: f.error for f in report.failed}
    assert errors["notes.warc"].startswith("not a WARC file")
    assert errors["notes.warc.gz"].startswith("not a WARC file")


def test_an_archive_without_pages_is_reported(lib, tmp_path):
    a = Archive()
    a.warcinfo()
    a.request(MARKET_URI)
    report = import_paths(lib, [a.save(tmp_path / "empty.warc.gz")])
    assert report.imported == 0 and report.skipped_count == 2
    (failure,) = report.failed
    assert failure.kind == "no_article"


def _many(tmp_path: Path, count: int) -> Path:
    a = Archive()
    for i in range(count):
        a.request(f"https://sahel.example/n/{i}")
        paragraphs = [f"{p} وهذا الخبر رقم {i} من السلسلة." for p in BRIDGE]
        a.response(f"https://sahel.example/n/{i}", page(f"خبر الجسر رقم {i}", paragraphs))
    return a.save(tmp_path / "many.warc.gz")


@pytest.mark.parametrize("workers", [0, 2])
def test_an_archive_is_committed_in_batches_with_progress(lib, tmp_path, monkeypatch, workers):
    path = _many(tmp_path, 30)
    monkeypatch.setattr(importer, "WARC_BATCH_ARTICLES", 4)
    monkeypatch.setattr(importer, "ARCHIVE_TASK_PAGES", 5)
    batches = []
    store = importer.store_batch
    monkeypatch.setattr(
        importer,
        "store_batch",
        lambda lib, b, r: (batches.append(sum(len(p) for _, p in b)), store(lib, b, r)),
    )
    seen = []
    report = import_paths(lib, [path], progress=seen.append, workers=workers)
    assert report.imported == 30 and report.skipped_count == 30
    titles = [r[0] for r in lib.conn.execute("SELECT title FROM articles ORDER BY id")]
    assert titles == [f"خبر الجسر رقم {i}" for i in range(30)]  # in the archive's order
    assert max(batches) <= 4 and sum(batches) == 30
    within = [p for p in seen if p.bytes_total]
    assert within and within[-1].bytes_total == path.stat().st_size
    assert [p.bytes_done for p in within] == sorted(p.bytes_done for p in within)
    assert within[-1].skipped > 0


@pytest.mark.parametrize("workers", [0, 2])
def test_cancel_inside_an_archive_keeps_whole_articles_and_a_rerun_completes(
    lib, tmp_path, monkeypatch, workers
):
    path = _many(tmp_path, 30)
    monkeypatch.setattr(importer, "WARC_BATCH_ARTICLES", 4)
    monkeypatch.setattr(importer, "ARCHIVE_TASK_PAGES", 3)
    stored = [0]

    def progress(p) -> None:
        stored[0] = p.imported

    report = import_paths(
        lib, [path], progress=progress, should_cancel=lambda: stored[0] >= 8, workers=workers
    )
    assert report.cancelled and 8 <= report.imported < 30
    rows = lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert rows == report.imported
    captures = lib.conn.execute("SELECT count(*) FROM captures").fetchone()[0]
    assert captures == rows  # every stored article has its capture
    again = import_paths(lib, [path], workers=workers)
    assert again.imported == 30 - rows and again.duplicates == rows
    assert lib.conn.execute("SELECT count(*) FROM captures").fetchone()[0] == 30


@pytest.mark.parametrize("workers", [0, 2])
def test_archives_among_other_files_keep_the_files_order(lib, tmp_path, archive_path, workers):
    path, _ = archive_path
    (tmp_path / "a.txt").write_text("خبر أول\n\nنص الخبر الأول في الملف.", encoding="utf-8")
    (tmp_path / "z.html").write_bytes(BRIDGE_PAGE)
    report = import_paths(lib, [tmp_path / "a.txt", path, tmp_path / "z.html"], workers=workers)
    assert report.imported == 4 and report.files == 3
    sources = [
        Path(r[0]).name for r in lib.conn.execute("SELECT source_path FROM articles ORDER BY id")
    ]
    assert sources == ["a.txt", "crawl.warc.gz", "crawl.warc.gz", "z.html"]


def test_read_bytes_reads_a_small_archive_in_memory(archive_path):
    path, _ = archive_path
    drafts = read_bytes(path, path.read_bytes())
    assert [d.title for d in drafts][:2] == [
        "افتتاح السوق الشتوي على الواجهة البحرية",
        "المكتبة العامة تفتح قاعتها الجديدة",
    ]


def test_the_library_list_does_not_import_the_extractors(tmp_path):
    code = (
        "import sys, library.ingest.importer, library.cli.reading; "
        "print(sorted(m for m in ('trafilatura', 'warcio', 'lxml') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_a_library_file_keeps_working_after_an_archive_import(tmp_path, archive_path):
    path, _ = archive_path
    library = tmp_path / "own.sqlite"
    with open_library(library) as lib:
        import_paths(lib, [path])
    with open_library(library) as lib:
        assert lib.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


@pytest.mark.parametrize(("cores", "expected"), [(2, 2), (8, importer.ARCHIVE_MAX_WORKERS)])
def test_a_big_archive_is_read_by_a_worker_a_core_up_to_the_cap(
    lib, tmp_path, monkeypatch, cores, expected
):
    # Reading pages, not storing them, is an archive's work: more cores, more workers.
    path = _many(tmp_path, 12)
    monkeypatch.setattr(importer, "PARALLEL_MIN_ARCHIVE_BYTES", 0)
    monkeypatch.setattr(importer.os, "cpu_count", lambda: cores)
    made = []
    pool = importer.WorkerPool
    monkeypatch.setattr(importer, "WorkerPool", lambda n: (made.append(n), pool(2))[1])
    assert import_paths(lib, [path]).imported == 12
    assert made == [expected]
