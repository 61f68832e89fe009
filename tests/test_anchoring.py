"""Re-anchoring annotations after the text changes: exact, moved, fuzzy, orphaned."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from library.ingest.importer import import_paths
from library.marks.anchoring import anchor, anchor_annotation, is_anchored, reanchor_article
from library.marks.annotations import (
    CONTEXT,
    add_article_note,
    add_highlight,
    add_note,
    anchor_context,
    annotations_for,
    put_annotations,
)
from library.storage.articles import get_article, replace_text

BODY = (
    "وقّع رئيس الهيئة اتفاقية تعاون مع المعهد الوطني للتدريب، تشمل برامج مشتركة بين "
    "الطرفين.ووقّع الجانبان ملحقاً خاصاً بتبادل الخبرات. وأكد أن الاتفاقية تدعم جهود الهيئة."
)


def at(body: str, exact: str, nth: int = 0):
    start = -1
    for _ in range(nth + 1):
        start = body.index(exact, start + 1)
    return start, start + len(exact)


def anchored(body: str, exact: str, nth: int = 0) -> dict:
    start, end = at(body, exact, nth)
    e, prefix, suffix = anchor_context(body, start, end)
    return {"exact": e, "prefix": prefix, "suffix": suffix, "start": start, "end": end}


def test_unchanged_text_is_exact():
    a = anchored(BODY, "المعهد الوطني")
    assert anchor(BODY, **a) == type(anchor(BODY, **a))("exact", a["start"], a["end"])


def test_text_inserted_before_moves_the_span():
    a = anchored(BODY, "ملحقاً خاصاً")
    new = "عاجل: " + BODY
    where = anchor(new, **a)
    assert where.status == "moved"
    assert new[where.start : where.end] == "ملحقاً خاصاً"
    assert where.start == a["start"] + len("عاجل: ")


def test_a_repeated_quote_is_told_apart_by_its_context():
    a = anchored(BODY, "الهيئة", 1)  # the second one, at the end
    new = BODY.replace("وقّع رئيس", "وقّع اليوم رئيس")
    where = anchor(new, **a)
    assert (where.status, where.start) == ("moved", at(new, "الهيئة", 1)[0])
    # Even when the other occurrence now sits exactly at the old offset.
    shift = a["start"] - at(BODY, "الهيئة", 0)[0]
    tricky = "x" * shift + BODY
    assert tricky[a["start"] : a["end"]] == "الهيئة"
    where = anchor(tricky, **a)
    assert where.start == at(tricky, "الهيئة", 1)[0] and where.status == "moved"


def test_changed_diacritics_and_hamza_anchor_fuzzily():
    a = anchored(BODY, "وأكد أن الاتفاقية")
    new = BODY.replace("وأكد أن الاتفاقية", "واكّد أنَّ الاتفاقيـة")
    where = anchor(new, **a)
    assert where.status == "fuzzy"
    assert new[where.start : where.end] == "واكّد أنَّ الاتفاقيـة"


def test_reglued_text_anchors_by_its_words():
    a = anchored(BODY, "الطرفين.ووقّع الجانبان")
    new = BODY.replace("الطرفين.ووقّع", "الطرفين. ووقّع")
    where = anchor(new, **a)
    assert where.status == "fuzzy"
    assert new[where.start : where.end] == "الطرفين. ووقّع الجانبان"


def test_a_quote_that_is_gone_is_orphaned_never_misplaced():
    a = anchored(BODY, "بتبادل الخبرات")
    new = BODY.replace("بتبادل الخبرات", "بتنظيم الدورات")
    where = anchor(new, **a)
    assert (where.status, where.start, where.end) == ("orphaned", a["start"], a["end"])
    assert not where.found


def test_a_span_never_ends_between_a_letter_and_its_marks():
    a = anchored("قال محمد كلمته", "محمد")
    new = "قال مُحَمَّد كلمته"
    where = anchor(new, **a)
    assert where.status == "fuzzy" and new[where.start : where.end] == "مُحَمَّد"


@pytest.fixture
def article(lib, tmp_path):
    (tmp_path / "a.txt").write_text("اتفاقية تعاون\n\nنص مؤقت.", encoding="utf-8")
    (article_id,) = import_paths(lib, [tmp_path / "a.txt"], workers=0).articles
    # The importer would unglue `الطرفين.ووقّع`; store the text as a re-cleaning might.
    replace_text(lib, article_id, title="اتفاقية تعاون", body=BODY)
    assert get_article(lib, article_id).body == BODY
    return article_id


def test_reanchor_article_after_recleaning_and_undo(lib, article):
    moved = add_highlight(lib, article, *at(BODY, "المعهد الوطني للتدريب"))
    fuzzy = add_note(lib, article, *at(BODY, "الطرفين.ووقّع"), "مكان الخلل")
    orphan = add_highlight(lib, article, *at(BODY, "بتبادل الخبرات"), "pink")
    whole = add_article_note(lib, article, "ملاحظة عامة")
    new_body = "تمهيد قصير. " + BODY.replace("الطرفين.ووقّع", "الطرفين. ووقّع").replace(
        "بتبادل الخبرات", "بتبادل الزيارات"
    )
    replace_text(lib, article, title="اتفاقية تعاون", body=new_body)
    results = {r.annotation_id: r for r in reanchor_article(lib, article)}
    assert results[moved.id].status == "moved"
    assert results[fuzzy.id].status == "fuzzy"
    assert results[orphan.id].status == "orphaned" and not results[orphan.id].changed
    assert results[whole.id].status == "exact" and not results[whole.id].changed
    now = {a.id: a for a in annotations_for(lib, article)}
    assert new_body[now[moved.id].start : now[moved.id].end] == "المعهد الوطني للتدريب"
    assert now[fuzzy.id].exact == "الطرفين. ووقّع" and is_anchored(now[fuzzy.id], new_body)
    assert (
        now[moved.id].prefix
        == new_body[max(0, now[moved.id].start - CONTEXT) : now[moved.id].start]
    )
    assert now[orphan.id] == orphan and not is_anchored(orphan, new_body)
    # Undo: the rows as they were.
    put_annotations(lib, [r.before for r in results.values() if r.changed])
    assert {a.id: a for a in annotations_for(lib, article)} == {
        a.id: a for a in (moved, fuzzy, orphan, whole)
    }
    # Nothing to do the second time round.
    replace_text(lib, article, title="اتفاقية تعاون", body=BODY)
    assert all(not r.changed for r in reanchor_article(lib, article))
    assert all(anchor_annotation(a, BODY).status == "exact" for a in annotations_for(lib, article))


# --- properties ---------------------------------------------------------------------------

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى "
text_st = st.text(alphabet=LETTERS, min_size=0, max_size=120)


@settings(max_examples=300, deadline=None)
@given(
    before=text_st,
    quote=st.text(alphabet=LETTERS, min_size=1, max_size=15),
    after=text_st,
    edit=st.tuples(
        st.sampled_from(["insert", "delete"]),
        st.sampled_from(["before", "after"]),
        st.floats(0, 1),
        text_st,
        st.integers(0, 40),
    ),
)
def test_edits_away_from_the_passage_find_it_at_its_new_place(before, quote, after, edit):
    body = before + quote + after
    start, end = len(before), len(before) + len(quote)
    exact, prefix, suffix = anchor_context(body, start, end)
    kind, side, where, inserted, deleted = edit
    # Edit outside the passage and its stored context, so the right place is knowable.
    if side == "before":
        limit = start - len(prefix)
        pos = int(where * limit)
        new_start = start
        if kind == "insert":
            new = body[:pos] + inserted + body[pos:]
            new_start += len(inserted)
        else:
            cut = min(deleted, limit - pos)
            new = body[:pos] + body[pos + cut :]
            new_start -= cut
    else:
        lo = end + len(suffix)
        pos = lo + int(where * (len(body) - lo))
        new_start = start
        if kind == "insert":
            new = body[:pos] + inserted + body[pos:]
        else:
            new = body[:pos] + body[pos + min(deleted, len(body) - pos) :]
    window = prefix + exact + suffix
    assume(sum(new.startswith(window, i) for i in range(len(new))) == 1)
    found = anchor(new, exact, prefix, suffix, start=start, end=end)
    assert found.status in ("exact", "moved")
    assert (found.start, found.end) == (new_start, new_start + len(quote))
    assert found.status == ("exact" if new_start == start else "moved")


@settings(max_examples=200, deadline=None)
@given(body=text_st, a=st.integers(0, 120), b=st.integers(1, 20), new=text_st)
def test_whatever_the_new_text_a_found_span_holds_the_quote(body, a, b, new):
    body = body or "ب"
    start = min(a, len(body) - 1)
    end = min(len(body), start + b)
    exact, prefix, suffix = anchor_context(body, start, end)
    found = anchor(new, exact, prefix, suffix, start=start, end=end)
    if found.status in ("exact", "moved"):
        assert new[found.start : found.end] == exact
    elif found.status == "fuzzy":
        from library.text.arabic import fold, tokens

        got = new[found.start : found.end]
        assert fold(got).split() == fold(exact).split() or [t.key for t in tokens(got)] == [
            t.key for t in tokens(exact)
        ]
    else:
        assert exact not in new
