"""The HTML extraction benchmark's page set, its scorer, and a fast end-to-end run."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PAGES = BENCH / "extract_eval" / "pages"
TRUTH = BENCH / "extract_eval" / "truth"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCH))
    try:
        import extract_eval

        yield extract_eval
    finally:
        sys.path.remove(str(BENCH))


def test_every_page_has_a_truth_file_with_the_required_fields(bench) -> None:
    pages = sorted(PAGES.glob("*.html"))
    assert len(pages) >= 24
    assert sorted(p.stem for p in TRUTH.glob("*.json")) == [p.stem for p in pages]
    for page in pages:
        assert page.name[:2].isdigit() and page.name[2] == "-", page.name
        truth = json.loads((TRUTH / f"{page.stem}.json").read_text(encoding="utf-8"))
        missing = [f for f in bench.REQUIRED if f not in truth]
        assert not missing, (page.name, missing)
        assert truth["title"] and truth["body"] and truth["language"] == "ar", page.name
        assert len(bench.tokens(truth["body"])) >= 40, page.name
        assert truth["published"][:4].isdigit() and truth["published"][4] == "-", page.name
        html = page.read_text(encoding="utf-8")  # every page is UTF-8, whatever it declares
        # every paragraph of the true body is on the page (tables: each cell is)
        for paragraph in truth["body"].split("\n\n"):
            for word in paragraph.split():
                assert word.replace('"', "&quot;") in html or word in html, (page.name, word)


def test_scorer_on_a_hand_checked_case(bench) -> None:
    # output: قال بيان بيان (punctuation is no token); truth: 5 tokens, all 3 found:
    # P = 3/3, R = 3/5, F1 = 2 * 1 * 0.6 / 1.6 = 0.75
    p, r, f = bench.prf("قال ، بيان بيان!", "قال بيان  بيان وزير اليوم")
    assert (p, r) == (1.0, 3 / 5)
    assert f == pytest.approx(0.75)
    # truth: a b b c d (5 tokens, B lower-cased); output: a b x x (4 tokens)
    # hits = a + one b = 2; P = 2/4, R = 2/5, F1 = 2PR/(P+R) = 0.4/0.9
    p, r, f = bench.prf("a b x x", "a B b c d")
    assert (p, r) == (2 / 4, 2 / 5)
    assert f == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    assert bench.prf("", "a b") == (0.0, 0.0, 0.0)
    assert bench.prf("x", "a") == (0.0, 0.0, 0.0)
    assert bench.prf("", "") == (1.0, 1.0, 1.0)


def test_light_normalisation(bench) -> None:
    # diacritics and tatweel go, Arabic-Indic digits become ASCII, punctuation splits
    assert bench.tokens("مُحَمَّـــد، ٢٠٢٤-03 «الأمم»") == ["محمد", "2024", "03", "الأمم"]


def test_metadata_field_rules(bench) -> None:
    assert bench.field_ok("title", " عنوان  الخبر\n", "عنوان الخبر")
    assert bench.field_ok("published", "2024-03-12T09:30:00+03:00", "2024-03-12")
    assert not bench.field_ok("published", "2024-03-13", "2024-03-12")
    assert bench.field_ok("author", None, None)
    assert not bench.field_ok("author", "فلان", None)
    assert bench.field_ok("language", "ar-EG", "ar")
    assert bench.field_ok("url", "https://x.example/a/", "https://x.example/a")
    assert bench.field_ok("section", ["اقتصاد", "محليات"], "محليات")
    assert bench.arabic_date("نشر في ١٢ مارس ٢٠٢٤ | آخر تحديث") == "2024-03-12"
    assert bench.arabic_date("17 أكتوبر 2024") == "2024-10-17"


def test_bench_runs_end_to_end_on_two_pages(bench, capsys) -> None:
    pytest.importorskip("trafilatura")
    figures = bench.main(["--pages", "1,2", "--repeat", "1", "--no-import-time"])
    assert figures is not None
    assert figures["pages"] == ["01-gulf-agency", "02-egyptian-daily"]
    for name in bench.EXTRACTORS:
        summary = figures["summary"][name]
        assert 0.0 <= summary["f1_mean"] <= 1.0
        assert set(summary["fields"]) == set(bench.FIELDS)
    assert figures["summary"]["ours"]["f1_mean"] > 0.5
    assert figures["summary"]["traf"]["f1_mean"] > 0.5
    out = capsys.readouterr().out
    assert "01-gulf-agency" in out and "Summary" in out
