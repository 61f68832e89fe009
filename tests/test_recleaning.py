"""Re-cleaning a library from its raw text under the current rules (our own texts)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from library.ingest import cleaning
from library.ingest.importer import import_paths
from library.ingest.recleaning import cleaned_version, needs_reclean, reclean
from library.marks.anchoring import is_anchored
from library.marks.annotations import add_highlight, add_note, annotations_for
from library.search.engine import search
from library.storage.articles import get_article

# Sub-headings glued to their paragraphs: one ends in ة, one (تمويل) is found through
# the library's vocabulary, which only a re-clean has.
FUND = (
    "صندوق لدعم المشروعات الصغيرة\n\n"
    "أطلق الصندوق الوطني برنامج التمويل الجديد للمشروعات الصغيرة في المدن الساحلية."
    "تمويليعلن الصندوق شروط التقديم الأسبوع المقبل، ويستقبل الطلبات عبر موقعه."
    "متابعةتراجع لجنة مستقلة الطلبات خلال شهر."
)
# The same article with its ة heading split by hand: another file, another raw text,
# which the ة rule makes the same text as FUND (in a library too small for the vocabulary
# to know تمويل and يعلن).
FUND_BY_HAND = (
    "صندوق لدعم المشروعات الصغيرة\n\n"
    "أطلق الصندوق الوطني برنامج التمويل الجديد للمشروعات الصغيرة في المدن الساحلية.\n"
    "تمويليعلن الصندوق شروط التقديم الأسبوع المقبل، ويستقبل الطلبات عبر موقعه.\n"
    "متابعة\nتراجع لجنة مستقلة الطلبات خلال شهر."
)
PAGE = (
    "<html><head><meta charset='windows-1256'><title>معرض</title></head><body><article>"
    "<h1>افتتاح معرض الكتاب</h1><p>افتتح الوزير المعرض في القاعةالكبرى بمشاركة دور "
    "النشر.</p><p>ويستمر المعرض حتى نهايةالشهر.</p></article></body></html>"
)
RECORDS = [
    {"title": "قافلة طبية", "body": "وصلت قافلة طبية إلى القرية.رعايةيقدم الأطباء الفحوص مجاناً."},
]


def _old_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean as before rule 7 existed, as a library imported by an older Hashiya was."""
    monkeypatch.setattr(cleaning, "split_glued_words", lambda text, vocabulary=None: text)


@pytest.fixture
def old_library(lib, tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fund.txt").write_text(FUND, encoding="utf-8")
    (folder / "page.html").write_bytes(PAGE.encode("cp1256"))
    (folder / "medical.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS), encoding="utf-8"
    )
    # Other articles of the library, which make تمويل and يعلن frequent words of it.
    for n in range(12):
        (folder / f"other{n}.txt").write_text(
            f"خبر {n}\n\nقال المسؤول إن البنك يعلن غداً خطة تمويل للمزارعين في القرية {n}.",
            encoding="utf-8",
        )
    with monkeypatch.context() as m:
        _old_rules(m)
        report = import_paths(lib, sorted(folder.iterdir()), workers=0)
    lib.conn.execute("DELETE FROM meta WHERE key = 'cleaning_rules_version'")
    by_name = {}
    for article_id in report.articles:
        by_name[get_article(lib, article_id).source.rsplit("/", 1)[-1]] = article_id
    return lib, by_name


def test_an_import_into_an_empty_library_is_cleaned_under_the_current_rules(lib, tmp_path):
    (tmp_path / "a.txt").write_text(FUND, encoding="utf-8")
    assert not needs_reclean(lib)  # nothing in it
    import_paths(lib, [tmp_path / "a.txt"], workers=0)
    assert cleaned_version(lib.conn) == cleaning.CLEANING_VERSION
    assert not needs_reclean(lib)


def test_reclean_applies_the_current_rules_from_the_raw_text(old_library):
    lib, ids = old_library
    fund = ids["fund.txt"]
    before = get_article(lib, fund)
    assert "تمويليعلن" in before.body and needs_reclean(lib)
    start = before.body.index("شروط التقديم")
    moved = add_highlight(lib, fund, start, start + len("شروط التقديم"))
    glued = before.body.index("تمويليعلن")
    lost = add_note(lib, fund, glued, glued + len("تمويليعلن"), "عنوان ملتصق؟")

    report = reclean(lib)

    after = get_article(lib, fund)
    assert after.raw == before.raw  # the raw text stays untouched
    assert after.body.split("\n") == [
        "أطلق الصندوق الوطني برنامج التمويل الجديد للمشروعات الصغيرة في المدن الساحلية.",
        "تمويل",
        "يعلن الصندوق شروط التقديم الأسبوع المقبل، ويستقبل الطلبات عبر موقعه.",
        "متابعة",
        "تراجع لجنة مستقلة الطلبات خلال شهر.",
    ]
    assert get_article(lib, ids["page.html"]).body == (
        "افتتح الوزير المعرض في القاعة الكبرى بمشاركة دور النشر.\nويستمر المعرض حتى نهاية الشهر."
    )
    assert get_article(lib, ids["medical.jsonl"]).body == (
        "وصلت قافلة طبية إلى القرية.\nرعاية\nيقدم الأطباء الفحوص مجاناً."
    )
    assert sorted(report.changed) == sorted([fund, ids["page.html"], ids["medical.jsonl"]])
    assert report.articles == 15 and report.kept == []

    # annotations: re-anchored on their quote, or reported and left as they were
    (highlight, note) = sorted(annotations_for(lib, fund), key=lambda a: a.kind)
    assert highlight.id == moved.id and is_anchored(highlight, after.body)
    assert after.body[highlight.start : highlight.end] == "شروط التقديم"
    assert highlight.start == start + 1  # a line break came before it
    assert report.reanchored == [moved.id] and report.orphaned == [lost.id]
    assert (note.start, note.end) == (lost.start, lost.end)

    # what changed, for the views; the search index followed
    assert report.changes.content == set(report.changed)
    assert report.changes.annotations == {moved.id} and report.changes.articles == {fund}
    assert fund in {h.article_id for h in search(lib, "يعلن الصندوق")}
    assert cleaned_version(lib.conn) == cleaning.CLEANING_VERSION and not needs_reclean(lib)

    # a second run has nothing left to do
    again = reclean(lib)
    assert again.changed == [] and again.reanchored == [] and again.changes.empty


def test_an_article_that_cannot_be_cleaned_again_is_kept_and_reported(lib, tmp_path, monkeypatch):
    (tmp_path / "fund.txt").write_text(FUND, encoding="utf-8")
    (tmp_path / "fund-by-hand.txt").write_text(FUND_BY_HAND, encoding="utf-8")
    (tmp_path / "odd.json").write_text(
        json.dumps([{"matn": "خبر عن الطقس.طقسيتوقع الراصد أمطاراً."}], ensure_ascii=False),
        encoding="utf-8",
    )
    with monkeypatch.context() as m:
        _old_rules(m)
        report = import_paths(
            lib, sorted(tmp_path.glob("*.*")), workers=0, field_map={"body": "matn"}
        )
    fund, by_hand, odd = (
        next(i for i in report.articles if get_article(lib, i).source.endswith(name))
        for name in ("fund.txt", "fund-by-hand.txt", "odd.json")
    )
    old = get_article(lib, fund).body
    result = reclean(lib)
    assert result.changed == []
    assert sorted(result.kept) == sorted(
        [
            (fund, "duplicate"),  # the library holds each text once
            (odd, "unreadable"),  # imported with --field body=matn, which was not kept
        ]
    )
    assert get_article(lib, fund).body == old
    assert "\nمتابعة\n" in get_article(lib, by_hand).body


def test_cli_reclean(tmp_path):
    path = tmp_path / "lib.sqlite"
    (tmp_path / "a.txt").write_text(FUND, encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "library.cli", "--library", str(path), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )

    assert run("import", str(tmp_path / "a.txt")).returncode == 0
    done = run("reclean", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "articles": 1,
        "changed": [],
        "kept": [],
        "reanchored": 0,
        "orphaned": [],
        "cancelled": False,
    }
    plain = run("reclean")
    assert plain.returncode == 0 and plain.stdout.startswith("re-cleaned 1 article(s)")


def test_reclean_keeps_translations_and_recuts_untouched_segments(old_library):
    from library.ops.translating import translate
    from library.translation.segments import segments

    lib, ids = old_library
    fund, medical = ids["fund.txt"], ids["medical.jsonl"]
    later = next(s for s in segments(lib, fund) if "شروط التقديم" in s.exact)
    translate(lib, later.id, "The fund announces the terms next week.")
    assert len(segments(lib, medical)) == 2  # cut, nobody worked on it yet
    reclean(lib)
    # A translation is never lost with the text it was anchored to.
    kept = {s.id: s for s in segments(lib, fund)}[later.id]
    assert kept.target == "The fund announces the terms next week."
    # Segments nobody worked on are cut again from the new text, which now has lines.
    body = get_article(lib, medical).body
    again = segments(lib, medical)
    assert [body[s.start : s.end] for s in again] == [s.exact for s in again]
    assert len(again) == 3 and again[-1].exact == "يقدم الأطباء الفحوص مجاناً."
