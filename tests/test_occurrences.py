"""Tag all occurrences: candidates in one article or the library, review, accept, undo."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from library.ingest.importer import import_paths
from library.marks.annotations import (
    AnnotationError,
    annotations_for,
    delete_annotations,
    restore_annotations,
)
from library.marks.entities import add_alias, create_entity, tag_entity
from library.marks.occurrences import accept_occurrences, find_occurrences
from library.storage import search_index
from library.storage.articles import get_article, replace_text
from library.text.lexicon import Lexicon

OIC = "منظمة التعاون الإسلامي"
TEXTS = [
    # 0: the name bare, with a clitic, with diacritics, and an alias
    "رحبت منظمة التعاون الإسلامي بالاتفاق. وقال مسؤول إن لمنظمة التعاون الإسلامي دوراً، "
    "وإن مُنظَّمة التعاونِ الإسلاميّ ستجتمع. وأشاد بدور التعاون الإسلامي في الوساطة.",
    # 1: a near miss (another form of the last word) and a broken phrase
    "تحدث عن منظمة التعاون الإسلامية وعن منظمة، التعاون الإسلامي في سياق آخر.",
    # 2: nothing
    "خبر عن الطقس والمطر في الجبال.",
    # 3: article forms after clitics, for a place
    "وصل الوفد إلى الرياض، ثم غادر والرياض تستعد للقمة. وعاد للرياض مساءً وبالرياض اجتمع.",
]


@pytest.fixture
def corpus(lib, tmp_path):
    for n, body in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(f"خبر {n}\n\n{body}", encoding="utf-8")
    ids = import_paths(lib, sorted(tmp_path.glob("*.txt")), workers=0).articles
    assert [get_article(lib, i).body for i in ids] == TEXTS
    return lib, ids


def texts(occurrences) -> list[str]:
    return [o.exact for o in occurrences]


def test_one_article_clitic_aware_and_diacritics_insensitive(corpus):
    lib, (a, *_) = corpus
    oic = create_entity(lib, "organisation", OIC, ["التعاون الإسلامي"])
    found = find_occurrences(lib, oic.id, a)
    assert texts(found) == [
        "منظمة التعاون الإسلامي",
        "منظمة التعاون الإسلامي",  # the span leaves the ل out
        "مُنظَّمة التعاونِ الإسلاميّ",
        "التعاون الإسلامي",  # the alias, alone
    ]
    body = TEXTS[0]
    assert body[found[1].start - 1] == "ل"
    assert all(body[o.start : o.end] == o.exact for o in found)
    assert (
        found[1].sentence
        == "وقال مسؤول إن لمنظمة التعاون الإسلامي دوراً، وإن مُنظَّمة التعاونِ الإسلاميّ ستجتمع."
    )


def test_tagged_spans_are_not_offered_again(corpus):
    lib, (a, *_) = corpus
    oic = create_entity(lib, "organisation", OIC, ["التعاون الإسلامي"])
    start = TEXTS[0].index(OIC)
    tag_entity(lib, a, start, start + len(OIC), entity_id=oic.id)
    # Another entity on the exact span of the third one also hides it.
    third = TEXTS[0].index("مُنظَّمة")
    other = create_entity(lib, "organisation", "منظمة ما")
    tag_entity(lib, a, third, third + len("مُنظَّمة التعاونِ الإسلاميّ"), entity_id=other.id)
    assert texts(find_occurrences(lib, oic.id, a)) == ["منظمة التعاون الإسلامي", "التعاون الإسلامي"]


def test_no_match_across_punctuation_or_on_another_word_form(corpus):
    lib, (_, b, *_) = corpus
    oic = create_entity(lib, "organisation", OIC)
    assert find_occurrences(lib, oic.id, b) == []


def test_the_whole_library_via_the_index(corpus):
    lib, (a, b, _, d) = corpus
    riyadh = create_entity(lib, "place", "الرياض")
    found = find_occurrences(lib, riyadh.id)
    assert {o.article_id for o in found} == {d}
    assert texts(found) == ["الرياض", "الرياض", "لرياض", "الرياض"]
    oic = create_entity(lib, "organisation", OIC)
    assert [o.article_id for o in find_occurrences(lib, oic.id)] == [a, a, a]
    add_alias(lib, oic.id, "التعاون الإسلامي")  # after the comma in article b, it is one
    assert [o.article_id for o in find_occurrences(lib, oic.id)] == [a, a, a, a, b]


def test_a_stale_index_does_not_hide_occurrences(corpus):
    lib, _ = corpus
    lib.conn.execute("UPDATE meta SET value = 'old' WHERE key = ?", (search_index.META_KEY,))
    riyadh = create_entity(lib, "place", "الرياض")
    assert len(find_occurrences(lib, riyadh.id)) == 4


def test_accept_all_in_one_transaction_and_undo_redo(corpus):
    lib, (a, *_) = corpus
    oic = create_entity(lib, "organisation", OIC, ["التعاون الإسلامي"])
    found = find_occurrences(lib, oic.id, a)
    created = accept_occurrences(lib, oic.id, found, author="مراجع")
    assert [(x.start, x.end) for x in created] == [(o.start, o.end) for o in found]
    assert all(
        x.kind == "entity" and x.entity_id == oic.id and x.author == "مراجع" for x in created
    )
    assert find_occurrences(lib, oic.id, a) == []
    rows = delete_annotations(lib, [x.id for x in created])  # undo
    assert annotations_for(lib, a) == [] and len(find_occurrences(lib, oic.id, a)) == 4
    restore_annotations(lib, rows)  # redo
    assert annotations_for(lib, a) == sorted(created, key=lambda x: x.start)


def test_accept_one_by_one(corpus):
    lib, (a, *_) = corpus
    oic = create_entity(lib, "organisation", OIC)
    first, *rest = find_occurrences(lib, oic.id, a)
    accept_occurrences(lib, oic.id, [first])
    assert find_occurrences(lib, oic.id, a) == rest


def test_accepting_stale_occurrences_writes_nothing(corpus):
    lib, (a, *_) = corpus
    oic = create_entity(lib, "organisation", OIC)
    found = find_occurrences(lib, oic.id, a)
    replace_text(lib, a, title="خبر 0", body="نص جديد تماماً " + TEXTS[0])
    with pytest.raises(AnnotationError, match="changed"):
        accept_occurrences(lib, oic.id, found)
    assert annotations_for(lib, a) == []


WORDS = ["منظمة", "لمنظمة", "مُنظَّمة", "التعاون", "الإسلامي", "الرياض", "للرياض", "والرياض",
         "قال", "في", "،", ".", "«", "»", "بالرياض", "الاسلامي"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=30),
    st.lists(st.sampled_from([" ", "", "\n"]), min_size=30, max_size=30),
)
def test_the_fast_scan_finds_what_the_full_pass_finds(words, gaps):
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))
    lexicon = Lexicon([(OIC, 1), ("الرياض", 2), ("التعاون الإسلامي", 3)])
    assert lexicon.scan(text) == lexicon.find(text)


def test_a_mention_tagged_with_its_clitic_hides_the_occurrence_inside_it(corpus):
    lib, (a, *_) = corpus
    oic = create_entity(lib, "organisation", OIC)
    with_clitic = "لمنظمة التعاون الإسلامي"
    start = TEXTS[0].index(with_clitic)  # the user asked for the ل too
    tag_entity(lib, a, start, start + len(with_clitic), entity_id=oic.id)
    assert texts(find_occurrences(lib, oic.id, a)) == [OIC, "مُنظَّمة التعاونِ الإسلاميّ"]


def test_the_library_wide_search_reads_a_first_letter_both_ways(lib, tmp_path):
    # The stemmer reads وسيم as و + سيم, but ووسيم (and Wasim) stems to وسيم: narrowing by
    # the name's one stem missed the second article.
    texts_ = ["التقى الوزير وسيم الخطيب أمس.", "حضر المدير ووسيم الخطيب الاجتماع."]
    for n, body in enumerate(texts_):
        (tmp_path / f"{n}.txt").write_text(f"خبر {n}\n\n{body}", encoding="utf-8")
    first, second = import_paths(lib, sorted(tmp_path.glob("*.txt")), workers=0).articles
    wasim = create_entity(lib, "person", "وسيم الخطيب")
    found = find_occurrences(lib, wasim.id)
    assert [(o.article_id, o.exact) for o in found] == [
        (first, "وسيم الخطيب"),
        (second, "وسيم الخطيب"),
    ]
