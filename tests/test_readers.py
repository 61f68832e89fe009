import json
from pathlib import Path

import pytest

from library.ingest.formats import read_bytes
from library.ingest.formats.draft import ReadError


def read(name: str, data: bytes | str, **kw):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return read_bytes(Path(name), data, kw.get("field_map"))


PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>عنوان الصفحة | موقع الأخبار</title>
<meta property="og:site_name" content="موقع الأخبار">
<meta property="article:published_time" content="2024-02-01T10:00:00+03:00">
<script>var x = "<p>ليس نصاً</p>";</script><style>p { color: red }</style></head>
<body><nav><a>الرئيسية</a><a>سياسة</a></nav>
<div class="ad">إعلان</div>
<article><h1>افتتاح جسر جديد فوق النهر</h1>
<figure><img src="a.jpg"><figcaption>الجسر الجديد ليلاً (تصوير: الموقع)</figcaption></figure>
<p>افتتح المحافظ، اليوم، جسراً جديداً يربط ضفتي النهر.</p><p>ويبلغ طول الجسر <b>800</b> متر.<br>وكلفته 40 مليوناً.</p>
<script>track()</script></article>
<aside>الأكثر قراءة</aside><footer>حقوق النشر</footer></body></html>"""


def test_html_main_text_title_captions_and_meta():
    (d,) = read("page.html", PAGE)
    assert d.title == "افتتاح جسر جديد فوق النهر"
    assert d.body.split("\n") == [
        "افتتح المحافظ، اليوم، جسراً جديداً يربط ضفتي النهر.",
        "ويبلغ طول الجسر 800 متر.",
        "وكلفته 40 مليوناً.",
    ]
    assert d.captions == ["الجسر الجديد ليلاً (تصوير: الموقع)"]
    assert d.site == "موقع الأخبار"
    assert d.date.startswith("2024-02-01")
    for junk in ("الرئيسية", "track", "color", "الأكثر قراءة", "حقوق النشر", "ليس نصاً", "إعلان"):
        assert junk not in d.body


def test_html_without_article_uses_body_and_title_tag():
    (d,) = read(
        "p.htm",
        "<html><head><title>خبر قصير</title></head><body><p>نص الخبر هنا.</p></body></html>",
    )
    assert d.title == "خبر قصير"
    assert d.body == "نص الخبر هنا."


def test_html_in_windows_1256_declared_in_meta():
    page = (
        '<html><head><meta charset="windows-1256"></head><body><p>مرحباً بالقراء</p></body></html>'
    )
    (d,) = read("p.html", page.encode("cp1256"))
    assert d.body == "مرحباً بالقراء"


def test_html_that_is_all_script_is_refused():
    with pytest.raises(ReadError, match="no article text"):
        read("s.html", "<script>" * 5000 + "alert(1)")


def test_json_list_and_container_and_single_object():
    items = [{"title": "أ", "body": "نص أول."}, {"headline": "ب", "content": "نص ثان."}]
    assert [d.body for d in read("a.json", json.dumps(items))] == ["نص أول.", "نص ثان."]
    assert len(read("b.json", json.dumps({"articles": items}))) == 2
    (single,) = read("c.json", json.dumps({"title": "ج", "text": "نص ثالث."}))
    assert single.title == "ج"


def test_json_fields_are_recognised_by_usual_names():
    rec = {
        "Headline": "عنوان",
        "article_body": "<p>فقرة أولى.</p><p>فقرة ثانية.</p>",
        "datePublished": "2024-01-05",
        "Link": "https://example.org/x",
        "Site-Name": {"name": "الجريدة"},
        "image_caption": "صورة",
    }
    (d,) = read("x.json", json.dumps([rec]))
    assert d.title == "عنوان"
    assert d.body == "فقرة أولى.\nفقرة ثانية."
    assert (d.date, d.url, d.site, d.captions) == (
        "2024-01-05",
        "https://example.org/x",
        "الجريدة",
        ["صورة"],
    )


def test_field_map_names_other_fields():
    rec = {"h": "عنوان خاص", "kalam": "النص الكامل."}
    with pytest.raises(ReadError, match="--field body="):
        read("x.jsonl", json.dumps(rec))
    (d,) = read("x.jsonl", json.dumps(rec), field_map={"body": "kalam", "title": "h"})
    assert (d.title, d.body) == ("عنوان خاص", "النص الكامل.")


def test_jsonl_skips_a_broken_line_and_keeps_the_others():
    text = '{"title": "أ", "text": "نص."}\n{"title": "ب", "text": \n{"title": "ج", "text": "نص آخر."}\n'
    assert [d.title for d in read("w.jsonl", text)] == ["أ", "ج"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[" * 10000 + "]" * 10000, "nested too deeply|no record"),
        ('"just a string"', "neither an article"),
        ('{"x": 1}', "without an article"),
        ("[1, 2, 3]", "no record"),
    ],
)
def test_broken_json_gets_a_clear_reason(data, message):
    with pytest.raises(ReadError, match=message):
        read("bad.json", data)


def test_csv_with_bom_quoted_newlines_and_tsv():
    csv_text = '\ufefftitle,body,date\n"عنوان أول","سطر أول\nسطر ثان",2024-03-01\n'
    (d,) = read("a.csv", csv_text)
    assert (d.title, d.body, d.date) == ("عنوان أول", "سطر أول\nسطر ثان", "2024-03-01")
    (t,) = read("a.tsv", "title\ttext\nعنوان\tنص الخبر.\n")
    assert t.body == "نص الخبر."
    (s,) = read("s.csv", "title;content\nعنوان;نص بفاصلة منقوطة.\n")
    assert s.body == "نص بفاصلة منقوطة."


def test_csv_in_windows_1256():
    (d,) = read("a.csv", "title,body\nعنوان,نص الخبر بالترميز القديم.\n".encode("cp1256"))
    assert d.encoding == "cp1256"
    assert d.title == "عنوان"


def test_csv_without_a_body_column_says_which_columns_it_saw():
    with pytest.raises(ReadError, match="fields found: a, b"):
        read("x.csv", "a,b\n1,2\n")


def test_unknown_suffix_is_refused():
    with pytest.raises(ReadError, match="unsupported"):
        read("x.docx", b"PK\x03\x04")


# Pages that took quadratic time (or longer than the suite's timeout) before: nesting and
# unclosed tags walked the whole stack of open elements for every piece of text, and the
# standard library's parser searched to the end of the page again for every `<` or
# `<!--` that never ends. Each bound is tens of times what a linear reading takes.
NESTED = "<html><body><article>" + "<div>نص " * 200_000 + "</div>" * 200_000 + "</article>"
PATHOLOGICAL_HTML = {
    "nested 200,000 deep": (NESTED, 30, "نص\nنص\nنص"),
    "40,000 unclosed spans": ("<body>" + "<span>كلمة " * 40_000, 10, "كلمة كلمة"),
    "20,000 tags that never end": ("<body><p>نص</p>" + "كلمة <a " * 20_000, 10, "كلمة <a كلمة"),
    "a title that never ends": ("<title>عنوان " + "كلمة <b " * 20_000, 10, None),
    "40,000 comments that never end": ("<body>" + "كلمة <!-- x >" * 40_000, 10, "كلمة <!-- x >"),
    "40,000 sections that never end": ("<body>" + "كلمة <![CDATA[ ]>" * 40_000, 10, "كلمة"),
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "page, seconds, expected", PATHOLOGICAL_HTML.values(), ids=PATHOLOGICAL_HTML
)
def test_pathological_html_is_read_in_linear_time(page, seconds, expected):
    import time

    begun = time.perf_counter()
    try:
        drafts = read("page.html", page)
    except ReadError as exc:
        assert expected is None, exc
    else:
        assert expected is not None and expected in drafts[0].body
    assert time.perf_counter() - begun < seconds


@pytest.mark.timeout(200)
def test_html_nesting_time_grows_linearly():
    import time

    def took(depth: int) -> float:
        page = "<body>" + "<div>نص " * depth + "</div>" * depth
        begun = time.perf_counter()
        read("page.html", page)
        return time.perf_counter() - begun

    took(1000)
    small, large = min(took(5_000) for _ in range(3)), min(took(20_000) for _ in range(2))
    assert large < 10 * small, (small, large)  # 4x the depth; quadratic was 16x


def test_html_tag_names_with_a_colon_are_ordinary_tags():
    (d,) = read("p.html", "<body><div><skip:div>أول</skip:div> ثان</div><p>ثالث</p></body>")
    assert d.body.split() == ["أول", "ثان", "ثالث"]
