import itertools
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from library.ingest.importer import import_paths
from library.search.engine import QueryError, count, find_in_article, search
from library.storage import search_index
from library.storage.articles import delete_article, replace_text
from library.storage.filters import Filters
from library.text.arabic import fold, readings, tokens

ARTICLES = {
    "a.txt": "لقاء في العاصمة\n\nاستقبل مُحَمَّد السالم وفد والأمم المتحدة لبحث فض النـزاعات في المنطقة عام ٢٠٢٠.",
    "b.txt": "زيارة رسمية\n\nزار محمد العلي مقر الأمم المتحدة في جنيف، والتقى أحمد الخطيب.",
    "c.txt": "تقرير عن الحدود\n\nقال المتحدث إن إسرائيل أغلقت المعبر، وإن الجيش الإسرائيلي عزز قواته.",
    "d.txt": "الأمم والشعوب\n\nتحدث الكاتب عن الأمم القديمة، ثم انتقل بعد فصول طويلة إلى دور المنظمات المتحدة في التنمية.",
    "e.txt": "سوق الأسهم\n\nارتفعت الأسهم في عام 2020 بنسبة كبيرة، وقال احمد الراشد إن السوق تعافت.",
}


@pytest.fixture
def filled(lib, tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = import_paths(lib, sorted(tmp_path.glob("*.txt")))
    assert report.imported == len(ARTICLES)
    ids = dict(zip(sorted(ARTICLES), report.articles, strict=True))
    return lib, ids


def found(lib, query, **kw):
    return {h.article_id for h in search(lib, query, **kw)}


def body_of(lib, article_id):
    return lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def test_diacritics_are_ignored_both_ways(filled):
    lib, ids = filled
    assert found(lib, "محمد") == {ids["a.txt"], ids["b.txt"]}
    assert found(lib, "مُحَمَّد") == {ids["a.txt"], ids["b.txt"]}


def test_hamza_forms_are_folded(filled):
    lib, ids = filled
    assert found(lib, "احمد") == {ids["b.txt"], ids["e.txt"]}
    assert found(lib, "أحمد") == {ids["b.txt"], ids["e.txt"]}


def test_clitics_are_ignored(filled):
    lib, ids = filled
    assert ids["a.txt"] in found(lib, "الامم المتحدة")
    assert found(lib, '"الامم المتحدة"') == {ids["a.txt"], ids["b.txt"]}


def test_tatweel_is_ignored(filled):
    lib, ids = filled
    assert found(lib, "النزاعات") == {ids["a.txt"]}


def test_israel_finds_the_noun_and_the_adjective(filled):
    lib, ids = filled
    (hit,) = search(lib, "اسرائيل")
    assert hit.article_id == ids["c.txt"]
    words = [body_of(lib, hit.article_id)[s:e] for s, e in hit.matches]
    assert words == ["إسرائيل", "الإسرائيلي"]


def test_digits_in_either_script(filled):
    lib, ids = filled
    assert found(lib, "2020") == {ids["a.txt"], ids["e.txt"]}
    assert found(lib, "٢٠٢٠") == {ids["a.txt"], ids["e.txt"]}


def test_phrase_does_not_match_words_far_apart(filled):
    lib, ids = filled
    assert ids["d.txt"] in found(lib, "الأمم المتحدة")  # both words are in d
    assert ids["d.txt"] not in found(lib, '"الأمم المتحدة"')


def test_minus_excludes(filled):
    lib, ids = filled
    assert found(lib, "محمد -جنيف") == {ids["a.txt"]}
    assert found(lib, 'الأمم -"المتحدة في جنيف"') == {ids["a.txt"], ids["d.txt"]}


def test_or_and_prefix(filled):
    lib, ids = filled
    assert found(lib, "جنيف OR المعبر") == {ids["b.txt"], ids["c.txt"]}
    assert found(lib, "الأسه*") == {ids["e.txt"]}


def test_spans_cover_the_whole_original_word_with_clitics(filled):
    lib, ids = filled
    (hit,) = search(lib, '"الامم المتحدة"', filters=Filters(source="a.txt"))
    body = body_of(lib, ids["a.txt"])
    assert [body[s:e] for s, e in hit.matches] == ["والأمم المتحدة"]
    (hit,) = search(lib, "محمد", filters=Filters(source="a.txt"))
    assert [body[s:e] for s, e in hit.matches] == ["مُحَمَّد"]


def test_snippet_comes_from_the_original_text_around_the_match(filled):
    lib, _ = filled
    (hit,) = search(lib, "النزاعات")
    assert "فض النـزاعات في المنطقة" in hit.snippet
    assert len(hit.snippet.split()) <= 21


def test_exact_form_ranks_above_stem_only(lib, tmp_path):
    (tmp_path / "1.txt").write_text(
        "أ\n\nتحدث عن المنظمات الدولية والمنظمات المحلية.", encoding="utf-8"
    )
    (tmp_path / "2.txt").write_text("ب\n\nتحدث عن المنظمة الدولية.", encoding="utf-8")
    first, second = import_paths(lib, sorted(tmp_path.glob("*.txt"))).articles
    hits = search(lib, "المنظمة")
    assert [h.article_id for h in hits] == [second, first]


def test_filters(filled):
    lib, ids = filled
    lib.conn.execute(
        "UPDATE articles SET site = 'جريدة', date = '2024-05-01' WHERE id = ?", (ids["b.txt"],)
    )
    assert found(lib, "محمد", filters=Filters(source="جريدة")) == {ids["b.txt"]}
    assert found(lib, "محمد", filters=Filters(date_from="2024-01-01", date_to="2024-12-31")) == {
        ids["b.txt"]
    }
    assert found(lib, "محمد", filters=Filters(tag="none")) == set()
    assert count(lib, "محمد") == 2


@pytest.mark.parametrize(
    "query",
    ['"', '""', "*", "**", "(", ")", "NEAR(", "NEAR(a b)", ":", "a:b", "title:محمد", "^محمد",
     "'; DROP TABLE articles; --", "محمد AND", "OR", "OR محمد", "محمد OR", "-", "--", "\\", "{body}: x",
     '"محمد', 'محمد"', "محمد*جنيف", "\x00", "ـــ", "ًٌٍ", "🙂", "a" * 5000],
)  # fmt: skip
def test_any_input_gives_results_or_a_clear_message(filled, query):
    lib, _ = filled
    try:
        hits = search(lib, query)
    except QueryError as exc:
        assert str(exc)
    else:
        assert isinstance(hits, list)
    assert lib.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == len(ARTICLES)


def test_only_exclusions_is_a_clear_message(filled):
    lib, _ = filled
    with pytest.raises(QueryError, match="only leaves articles out"):
        search(lib, "-محمد")


@pytest.mark.parametrize("query", ["و*", "ال*", "الا*", "محمد و*", "-و*"])
def test_a_prefix_too_short_to_narrow_anything_is_refused_with_a_reason(filled, query):
    lib, _ = filled
    with pytest.raises(QueryError, match="letters or more") as raised:
        search(lib, query)
    assert raised.value.reason == "short-prefix"


def test_a_prefix_of_two_letters_or_more_besides_the_article_is_searched(filled):
    lib, _ = filled
    for query in ("جن*", "الاق*", "محم*"):
        search(lib, query)  # no error
    assert found(lib, "جني*") == found(lib, "جنيف")


def test_index_follows_delete_and_reclean(filled):
    lib, ids = filled
    delete_article(lib, ids["b.txt"])
    assert found(lib, "جنيف") == set()
    replace_text(lib, ids["e.txt"], title="سوق الأسهم", body="انخفضت السندات في جنيف.")
    assert found(lib, "جنيف") == {ids["e.txt"]}
    assert found(lib, "الراشد") == set()


def test_index_is_rebuilt_when_the_rules_change(filled, monkeypatch):
    lib, ids = filled
    lib.conn.execute("DELETE FROM meta WHERE key = ?", (search_index.META_KEY,))
    lib.conn.execute("INSERT INTO article_index (article_index) VALUES ('delete-all')")
    assert not search_index.is_current(lib.conn)
    assert found(lib, "جنيف") == {ids["b.txt"]}  # rebuilt on first search
    assert search_index.is_current(lib.conn)


def test_find_in_article_uses_the_same_matching():
    text = "قال مُحَمَّد إن والأمم المتحدة اجتمعت، وإن محمداً غاب."
    spans = find_in_article(text, "الامم")
    assert [text[s:e] for s, e in spans] == ["والأمم"]
    (first,) = find_in_article(text, "محمد")  # محمداً (accusative) is a known miss
    assert text[first[0] : first[1]] == "مُحَمَّد"
    assert find_in_article(text, "") == []
    assert find_in_article(text, '"') == []


ARABIC = st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةىؤئ"))
MARKS = st.sampled_from(["", "", "", "َ", "ُ", "ِ", "ّ", "ْ", "ً", "ـ"])
WORD = st.lists(st.tuples(ARABIC, MARKS).map("".join), min_size=2, max_size=7).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(WORD, min_size=1, max_size=40), pick=st.integers(min_value=0))
def test_spans_lie_inside_the_body_and_hold_the_query_key(words, pick):
    text = " ".join(words)
    query_word = words[pick % len(words)]
    key = tokens(query_word)[0].key
    spans = find_in_article(text, query_word)
    assert spans, "a word of the text must be found"
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        folded = fold(text[start:end])
        # or another reading of a first letter that may be a proclitic (فقال finds قال)
        assert key in folded or any(r in folded for r in readings(key))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ابتثجحخدأإآةىؤئَُِّْـ .،«»0123456789٠١٢ﻻ\u200f"))))
def test_normalising_twice_changes_nothing(text):
    assert fold(fold(text)) == fold(text)


def test_cli_search_json_shape(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    lib = str(tmp_path / "l.sqlite")
    run = [sys.executable, "-m", "library.cli"]
    subprocess.run(
        [*run, "import", str(tmp_path / "a.txt"), "--library", lib], check=True, capture_output=True
    )
    proc = subprocess.run(
        [*run, "search", "الامم", "--json", "--limit", "5", "--library", lib],
        capture_output=True, text=True, encoding="utf-8",
    )  # fmt: skip
    (hit,) = json.loads(proc.stdout)
    assert set(hit) == {"article", "title", "snippet", "matches"}
    assert hit["matches"] == [[hit["matches"][0][0], hit["matches"][0][1]]]
    neg = subprocess.run(
        [*run, "search", "-محمد", "--library", lib], capture_output=True, text=True
    )
    assert neg.returncode == 2 and "only leaves articles out" in neg.stderr
    bad = subprocess.run(
        [*run, "search", "x", "--limit", "0", "--library", lib], capture_output=True, text=True
    )
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


SEPARATORS = st.sampled_from([" ", " ", " ", "، ", ". ", "\n", " «", "» ", " (", ") "])


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(WORD, min_size=1, max_size=30),
    seps=st.lists(SEPARATORS, min_size=30, max_size=30),
    pick=st.integers(min_value=0),
    phrase=st.booleans(),
)
def test_locating_candidates_finds_exactly_what_tokenising_everything_finds(
    words, seps, pick, phrase
):
    from library.search.engine import _merge, _term_spans, match_spans
    from library.search.query import parse

    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    i = pick % len(words)
    wanted = f'"{words[i]} {words[i + 1]}"' if phrase and i + 1 < len(words) else words[i]
    query = parse(wanted)
    toks = tokens(text)
    everything = _merge([s for t in query.positive_terms() for s in _term_spans(toks, t)])
    assert match_spans(text, query) == everything


def test_a_match_only_in_a_caption_shows_the_caption(lib, tmp_path):
    page = (
        "<html><body><article><h1>افتتاح معرض</h1><figure><figcaption>زوار في قاعة الزعفران"
        "</figcaption></figure><p>افتتح المعرض أبوابه أمس.</p></article></body></html>"
    )
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    import_paths(lib, [tmp_path / "p.html"])
    (hit,) = search(lib, "الزعفران")
    assert hit.matches == []
    assert "قاعة الزعفران" in hit.snippet and hit.snippet_start == -1


# --- a word whose first letter may be a proclitic: both readings -------------------------

READINGS = {
    # the word with the article: its stem keeps the و (وسام), the query's rule-3 stem is سام
    "medal.txt": "حفل تكريم\n\nمنح رئيس الجامعة الوسام الذهبي لثلاثة من الباحثين في حفل أقيم "
    "مساء أمس بحضور عدد من الأساتذة والطلاب وأولياء الأمور.",
    # the other reading only: سام (poison) with the article, short and repeated (bm25 likes it)
    "poison.txt": "تحقيق\n\nعثر المحققون على السام. السام في الكوب.",
    # the word as typed
    "name.txt": "جائزة\n\nحصل وسام على الجائزة الأولى.",
    "said.txt": "تصريح\n\nقال المتحدث إن الجلسة انتهت.",
}


@pytest.fixture
def readings_lib(lib, tmp_path):
    for name, text in READINGS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ids = import_paths(lib, sorted(tmp_path.glob("*.txt")), workers=0).articles
    return lib, dict(zip(sorted(READINGS), ids, strict=True))


def test_a_word_starting_with_a_clitic_letter_is_found_in_both_readings(readings_lib):
    lib, ids = readings_lib
    hits = search(lib, "وسام")
    assert {h.article_id for h in hits} == {ids["medal.txt"], ids["poison.txt"], ids["name.txt"]}
    medal = next(h for h in hits if h.article_id == ids["medal.txt"])
    body = body_of(lib, ids["medal.txt"])
    assert [body[s:e] for s, e in medal.matches] == ["الوسام"]
    assert count(lib, "وسام") == 3
    # ف, which the stemmer never strips: فقال also finds قال, after its own matches.
    assert found(lib, "فقال") == {ids["said.txt"]}


def test_the_word_as_typed_ranks_above_its_other_reading(lib, tmp_path):
    texts = {
        # الوسام in long articles, and in several: bm25 weighs each little
        **{
            f"medal{n}.txt": f"تكريم\n\nمنح رئيس الجامعة الوسام الذهبي لعدد من الباحثين في "
            f"حفل أقيم مساء أمس بحضور {n + 20} من الأساتذة والطلاب وأولياء الأمور والضيوف."
            for n in range(3)
        },
        # السام (the other reading) twice in one short article: bm25 alone ranks it first
        "poison.txt": "تحقيق\n\nعثر المحققون على السام. السام في الكوب.",
        **{f"other{n}.txt": f"خبر\n\nأعلنت البلدية خطة جديدة للنقل رقم {n}." for n in range(6)},
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    imported = import_paths(lib, sorted(tmp_path.glob("*.txt"))).articles
    ids = dict(zip(sorted(texts), imported, strict=True))
    order = [h.article_id for h in search(lib, "وسام")]
    assert order[-1] == ids["poison.txt"]
    assert set(order[:3]) == {ids[f"medal{n}.txt"] for n in range(3)}


def test_find_in_article_and_phrases_use_both_readings():
    text = "منح الوسام لطبيبة، وقلده ووسام الاستحقاق أيضاً."
    assert [text[s:e] for s, e in find_in_article(text, "وسام")] == ["الوسام", "ووسام"]
    (span,) = find_in_article(text, '"وسام الاستحقاق"')
    assert text[span[0] : span[1]] == "ووسام الاستحقاق"
    # A word the rules settle keeps one reading: الوسام does not find سام.
    assert find_in_article("سام", "الوسام") == []


def test_excluding_a_word_excludes_every_reading(readings_lib):
    lib, ids = readings_lib
    assert found(lib, "الذهبي") == {ids["medal.txt"]}
    assert found(lib, "الذهبي -وسام") == set()


def _matching(lib, expression):
    return {
        r[0]
        for r in lib.conn.execute(
            "SELECT rowid FROM article_index WHERE article_index MATCH ?", (expression,)
        )
    }


def test_the_expression_that_only_finds_matches_what_the_ranked_one_finds(lib, samples):
    """The stems alone find what keys and stems find (`query._fts_term`): checked for
    every word of the sample articles as typed there, with its clitics and readings, alone,
    in pairs, as phrases and excluded."""
    from library.search.query import parse, to_fts

    import_paths(lib, [samples])
    words = sorted(
        {
            w.strip("«»\"'.,،؛:()")
            for (body,) in lib.conn.execute("SELECT body FROM articles")
            for w in body.split()
        }
        - {""}
    )
    assert len(words) > 400
    queries = words + [f"{a} {b}" for a, b in zip(words, words[7:], strict=False)][::5]
    queries += [f'"{a} {b}"' for a, b in itertools.pairwise(words)][::9]
    queries += [f"{a} -{b}" for a, b in zip(words, words[3:], strict=False)][::11]
    checked = 0
    for text in queries:
        try:
            query = parse(text)
        except QueryError:
            continue
        ranked, found_only = to_fts(query), to_fts(query, ranked=False)
        assert "{title body}" not in found_only
        assert _matching(lib, ranked) == _matching(lib, found_only), text
        checked += 1
    assert checked > 500
