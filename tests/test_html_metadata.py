"""Main text and metadata of HTML pages (trafilatura plus our rules) and of JSON/CSV
records, stored as the article's metadata (issue 19)."""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import pytest

from library.ingest.formats import html, read_bytes
from library.ingest.importer import import_paths
from library.storage.metadata import metadata

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

PARAGRAPHS = [
    "قررت بلدية المدينة الجبلية إغلاق الطريق المؤدي إلى الشلال أمام السيارات في أيام "
    "العطل، وتخصيصه للمشاة والدراجات بعد شكاوى السكان من الازدحام والضجيج.",
    "وقالت نائبة رئيس البلدية إن حافلات صغيرة ستنقل الزوار من الساحة العامة إلى مدخل "
    "الطريق كل ربع ساعة، وإن التجربة ستستمر ثلاثة أشهر قبل تقييمها.",
    "ورحب أصحاب المقاهي القريبة بالقرار، فيما طالب بعض السائقين بموقف إضافي للسيارات "
    "عند أطراف البلدة حتى لا تنتقل المشكلة إلى الشوارع الضيقة.",
]
TITLE = "إغلاق طريق الشلال أمام السيارات في العطل"


def _page(head: str = "", lang: str | None = "ar", before: str = "", body: str = "") -> bytes:
    html_tag = f'<html lang="{lang}">' if lang else "<html>"
    text = body or "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<!doctype html>{html_tag}<head><meta charset="utf-8"><title>{TITLE} - الجبل اليوم'
        f"</title>{head}</head><body><header><a href='/'>الجبل اليوم</a></header>"
        f"<article><h1>{TITLE}</h1>{before}"
        "<figure><img src='w.jpg'><figcaption>الطريق إلى الشلال صباح الجمعة</figcaption></figure>"
        f"{text}</article><aside>الأكثر قراءة: خبر آخر</aside></body></html>"
    ).encode()


def read(data: bytes):
    (draft,) = html.read(data)
    return draft


def test_the_metadata_of_a_page_with_meta_tags_and_json_ld():
    json_ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "الجبل اليوم"},
            {
                "@type": ["NewsArticle"],
                "headline": TITLE,
                "author": {"@type": "Person", "name": "هالة منصور"},
                "datePublished": "2024-05-03T08:00:00+03:00",
                "dateModified": "2024-05-04T17:30:00+03:00",
                "articleSection": ["محليات"],
                "identifier": {"@type": "PropertyValue", "value": "JY-2024-5531"},
                "publisher": {"@type": "NewsMediaOrganization", "name": "الجبل اليوم"},
            },
        ],
    }
    head = (
        '<link rel="canonical" href="https://jabal.example/local/5531">'
        '<meta property="og:url" content="https://jabal.example/local/5531?amp">'
        '<meta property="og:site_name" content="الجبل اليوم">'
        f'<script type="application/ld+json">{json.dumps(json_ld, ensure_ascii=False)}</script>'
    )
    d = read(_page(head, lang="ar-LB"))
    assert d.title == TITLE
    assert d.body.split("\n") == PARAGRAPHS  # no headline, no caption, no chrome
    assert d.captions == ["الطريق إلى الشلال صباح الجمعة"]
    assert d.authors == ["هالة منصور"]
    assert d.site == "الجبل اليوم"
    assert d.section == "محليات"
    assert d.language == "ar-LB"
    assert d.url == "https://jabal.example/local/5531"
    assert d.date.startswith("2024-05-03")
    assert d.modified.startswith("2024-05-04")
    assert d.identifier == "JY-2024-5531"


def test_meta_tags_alone_and_modified_time():
    head = (
        '<meta name="author" content="فادي حداد">'
        '<meta property="article:published_time" content="2024-06-01T10:00:00Z">'
        '<meta property="article:modified_time" content="2024-06-02T09:00:00Z">'
        '<meta property="article:section" content="بيئة">'
    )
    d = read(_page(head))
    assert d.authors == ["فادي حداد"]
    assert d.date.startswith("2024-06-01") and d.modified.startswith("2024-06-02")
    assert d.section == "بيئة"


def test_bylines_and_dates_written_in_words():
    before = "<div class='meta'>نشر في 7 أيار 2024 | آخر تحديث: ٩ أيار ٢٠٢٤ | بقلم ليلى سمعان</div>"
    d = read(_page(before=before))
    assert d.authors == ["ليلى سمعان"]
    assert d.date == "2024-05-07"
    assert d.modified == "2024-05-09"
    d = read(_page(before="<p class='by'>كتبت: نور الهدى سالم</p>"))
    assert d.authors == ["نور الهدى سالم"]


@pytest.mark.parametrize(
    "lang, text, expected",
    [
        ("ar", "نص", "ar"),
        ("AR-eg", "نص", "ar-eg"),
        ("en", "نص عربي", "en"),  # the page says so
        (None, "نص عربي كله", "ar"),  # most letters are Arabic
        (None, "An English text with one عربي word", None),
        ("not a tag!", "", None),
    ],
)
def test_language_from_html_lang_else_from_the_letters(lang, text, expected):
    assert html.language_of(lang, text) == expected


def test_a_page_without_lang_is_arabic_by_its_letters():
    assert read(_page(lang=None)).language == "ar"


def test_our_parser_reads_the_page_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(html, "extract_main", lambda text: None)
    d = read(_page('<meta property="og:site_name" content="الجبل اليوم">'))
    assert d.body.split("\n") == PARAGRAPHS
    assert d.title == TITLE and d.site == "الجبل اليوم" and d.language == "ar"


def test_a_failing_extractor_is_no_failure(monkeypatch):
    def broken(*args, **kwargs):
        raise AttributeError("a bug on this page")

    html.extract_main("<p>warm up</p>")  # imports it
    monkeypatch.setitem(html._extractor, "x", (broken, None))
    assert read(_page()).body.split("\n") == PARAGRAPHS


def test_a_huge_page_is_read_by_our_parser_alone(monkeypatch):
    monkeypatch.setattr(html, "TRAFILATURA_MAX_CHARS", 100)
    called = []
    html.extract_main("<p>warm up</p>")  # imports it
    monkeypatch.setitem(html._extractor, "x", (lambda *a, **k: called.append(a), None))
    assert read(_page()).body.split("\n") == PARAGRAPHS
    assert called == []


def test_a_utf8_page_that_declares_a_legacy_code_page_is_read_as_utf8():
    page = _page().replace(b'charset="utf-8"', b'charset="windows-1256"')
    assert read(page).title == TITLE
    legacy = _page().decode().replace('charset="utf-8"', 'charset="windows-1256"')
    assert read(legacy.encode("cp1256")).title == TITLE


def test_records_map_the_new_fields(tmp_path, lib):
    rows = [
        {
            "headline": "خبر من تصدير",
            "story": "نص الخبر المصدّر من أداة الجمع، وفيه جملتان. وهذه الثانية.",
            "authors": ["أمل يوسف", "كريم نادر"],
            "category": "ثقافة",
            "lang": "ar",
            "updated_at": "2024-07-02T12:00:00Z",
            "guid": "exp-77",
        },
        {"text": "خبر ثان بلا حقول إضافية.", "author": "سهى; رامي"},
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    first, second = read_bytes(path, path.read_bytes())
    assert first.authors == ["أمل يوسف", "كريم نادر"] and second.authors == ["سهى", "رامي"]
    assert (first.section, first.language, first.identifier) == ("ثقافة", "ar", "exp-77")
    assert first.modified.startswith("2024-07-02")
    report = import_paths(lib, [path])
    meta = metadata(lib, report.articles[0])
    assert meta.authors == ("أمل يوسف", "كريم نادر")
    assert (meta.section, meta.language, meta.identifier) == ("ثقافة", "ar", "exp-77")
    assert meta.modified.startswith("2024-07-02")
    assert metadata(lib, report.articles[1]).section is None


def test_an_html_import_stores_the_metadata(tmp_path, lib):
    head = '<meta property="article:modified_time" content="2024-06-02T09:00:00Z">'
    (tmp_path / "p.html").write_bytes(_page(head, lang=None))
    (article,) = import_paths(lib, [tmp_path / "p.html"]).articles
    meta = metadata(lib, article)
    assert meta.language == "ar" and meta.modified.startswith("2024-06-02")
    assert meta.captures == ()  # a file, no web archive


# ---------------------------------------------------------------- the benchmark's pages


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import extract_eval

        yield extract_eval
    finally:
        sys.path.remove(str(BENCH))


def test_the_benchmark_pages_read_as_well_as_measured(bench):
    """bench/extract_eval's pages (read only): body F1 and metadata no worse than the
    issue's measurement of trafilatura with our rules (0.978)."""
    f1s, right = [], dict.fromkeys(bench.FIELDS, 0)
    items = bench.load()
    for _stem, data, truth in items:
        d = read(data)
        f1s.append(bench.prf(d.body, truth["body"])[2])
        got = {
            "title": d.title,
            "author": "; ".join(d.authors) or None,
            "published": d.date,
            "modified": d.modified,
            "publisher": d.site,
            "section": d.section,
            "language": d.language,
            "url": d.url,
        }
        for k in bench.FIELDS:
            right[k] += bench.field_ok(k, got[k], truth.get(k))
    assert statistics.mean(f1s) >= 0.97
    share = {k: v / len(items) for k, v in right.items()}
    for k in ("title", "published", "modified", "language", "url"):
        assert share[k] == 1.0, (k, share)
    assert min(share.values()) >= 0.9, share


def test_without_trafilaturas_settings_our_parser_reads_and_the_bundle_check_says_why(
    monkeypatch,
):
    import configparser
    import importlib.util

    import trafilatura.settings

    # What a bundle built without trafilatura's settings.cfg gives it: an empty config.
    monkeypatch.setattr(
        trafilatura.settings, "use_config", lambda *a, **k: configparser.ConfigParser()
    )
    monkeypatch.delitem(html._extractor, "x", raising=False)
    monkeypatch.delitem(html._extractor, "problem", raising=False)
    assert read(_page()).body.split("\n") == PARAGRAPHS
    assert "settings" in (html.extractor_problem() or "")
    spec = importlib.util.spec_from_file_location(
        "bundle_check", Path(__file__).parent.parent / "packaging" / "bundle_check.py"
    )
    bundle_check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bundle_check)
    with pytest.raises(AssertionError, match="does not read pages"):
        bundle_check._page_extractor()
