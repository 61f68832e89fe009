"""Curation: an article's items between annotators' layers (agreed, one-sided, type,
boundary, mixed), deciding them into the curated layer as undoable operations, and the
progress derived from the curated layer."""

from __future__ import annotations

import json

import pytest

from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.ops import curating
from library.ops.operation import LABELS
from library.team import curation as cur
from library.team.curation import CURATED_AUTHOR, REJECTED_NOTE

# Written for these tests.
BODY = "التقى الوزير كريم منصور وفد شركة النور للطاقة في مدينة حلب يوم الأحد، ثم زار مصنع الزيتون."
# (text, type) per author; items in text order:
#   كريم منصور        all three, person                   → agreed
#   شركة النور للطاقة  organisation / other / organisation  → type
#   مدينة حلب | حلب    place, all three                    → boundary
#   الأحد             amal and camila, date; bilal nothing → one-sided
#   مصنع الزيتون | الزيتون  organisation / other / nothing  → mixed
LAYERS = {
    "amal": [
        ("كريم منصور", "person"), ("شركة النور للطاقة", "organisation"),
        ("مدينة حلب", "place"), ("الأحد", "date"), ("مصنع الزيتون", "organisation"),
    ],
    "bilal": [
        ("كريم منصور", "person"), ("شركة النور للطاقة", "other"), ("حلب", "place"),
        ("الزيتون", "other"),
    ],
    "camila": [
        ("كريم منصور", "person"), ("شركة النور للطاقة", "organisation"), ("حلب", "place"),
        ("الأحد", "date"),
    ],
}  # fmt: skip
KINDS = ["agreed", "type", "boundary", "one-sided", "mixed"]
TABLES = ("annotations", "entities", "relations")


def tag(lib, article, part, kind, author):
    start = BODY.index(part)
    return tag_entity(
        lib, article, start, start + len(part), entity_type=kind, author=author
    ).annotation


@pytest.fixture
def article(lib, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "خبر", "body": BODY}, ensure_ascii=False))
    (article_id,) = import_paths(lib, [path]).articles
    assert lib.conn.execute("SELECT body FROM articles").fetchone()[0] == BODY
    for author, marks in LAYERS.items():
        for part, kind in marks:
            tag(lib, article_id, part, kind, author)
    return article_id


def state(lib):
    return {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES
    }


def round_trip(lib, op, before):
    """Undo brings back exactly `before`; redo exactly what the edit left; twice."""
    assert op.label in LABELS and op.changed
    after = state(lib)
    assert after != before
    for _ in range(2):
        op.undo(lib)
        assert state(lib) == before
        op.redo(lib)
        assert state(lib) == after


def test_items_and_their_kinds(lib, article):
    found = cur.curation(lib, article)
    assert found.authors == ("amal", "bilal", "camila")
    assert [i.kind for i in found.items] == KINDS
    assert found.progress == (0, 5) == cur.progress(lib, article)
    assert [i.kind for i in found.disagreements] == KINDS[1:]
    boundary = found.items[2]
    assert BODY[boundary.start : boundary.end] == "مدينة حلب"
    by_author = {v.author: [m.exact for m in v.marks] for v in boundary.versions}
    assert by_author == {"amal": ["مدينة حلب"], "bilal": ["حلب"], "camila": ["حلب"]}
    one_sided = found.items[3]
    assert [bool(v.marks) for v in one_sided.versions] == [True, False, True]
    sentence, at = found.sentence(boundary)
    assert BODY[at : at + len(sentence)] == sentence and "مدينة حلب" in sentence
    # Between two of them only, the kinds follow those two.
    pair = cur.curation(lib, article, ["amal", "camila"])
    assert [i.kind for i in pair.items] == ["agreed", "agreed", "boundary", "agreed", "one-sided"]
    assert json.loads(json.dumps(pair.items[0].to_json()))["kind"] == "agreed"


def test_the_curated_layer_is_not_an_annotator(lib, article):
    with pytest.raises(cur.CurationError, match="curated layer"):
        cur.curation(lib, article, ["amal", CURATED_AUTHOR])
    with pytest.raises(cur.CurationError, match="named twice"):
        cur.curation(lib, article, ["amal", "amal"])


def test_an_article_without_mentions_has_nothing_to_curate(lib, tmp_path):
    path = tmp_path / "b.json"
    path.write_text(json.dumps({"title": "خبر", "body": "لا شيء هنا."}, ensure_ascii=False))
    (article_id,) = import_paths(lib, [path]).articles
    with pytest.raises(cur.CurationError, match="no entity mentions"):
        cur.curation(lib, article_id)


def test_accepting_a_version_links_its_entity_and_undoes(lib, article):
    item = cur.curation(lib, article).items[1]  # the type disagreement
    before = state(lib)
    op = curating.accept_version(lib, article, item, "bilal")
    (mark,) = cur.curation(lib, article).items[1].curated
    (bilal,) = item.versions[1].marks
    assert (mark.start, mark.end, mark.type, mark.entity_id) == (
        bilal.start, bilal.end, "other", bilal.entity_id,
    )  # fmt: skip
    assert mark.author == CURATED_AUTHOR
    assert op.changes.articles == {article}
    assert cur.curation(lib, article).progress == (1, 5)
    round_trip(lib, op, before)


def test_deciding_again_replaces_the_decision(lib, article):
    item = cur.curation(lib, article).items[2]  # boundary
    curating.accept_version(lib, article, item, "bilal")
    before = state(lib)
    op = curating.accept_version(lib, article, item, "amal")
    (mark,) = cur.curation(lib, article).items[2].curated
    assert mark.exact == "مدينة حلب"
    assert len(op.result.removed) == 1 and op.result.removed[0].exact == "حلب"
    round_trip(lib, op, before)


def test_rejecting_records_a_note_and_counts_as_decided(lib, article):
    item = cur.curation(lib, article).items[4]  # mixed
    before = state(lib)
    op = curating.reject(lib, article, item)
    again = cur.curation(lib, article).items[4]
    assert again.rejected and again.decided and again.curated == ()
    (note,) = op.result.added
    assert (note.kind, note.note, note.author) == ("note", REJECTED_NOTE, CURATED_AUTHOR)
    round_trip(lib, op, before)
    # Accepting camila's empty version of it is the same decision.
    op.undo(lib)
    curating.accept_version(lib, article, item, "camila")
    assert cur.curation(lib, article).items[4].rejected
    # And a later accept takes the rejection away.
    curating.accept_version(lib, article, item, "amal")
    after = cur.curation(lib, article).items[4]
    assert not after.rejected and [m.exact for m in after.curated] == ["مصنع الزيتون"]


def test_an_edited_type_makes_or_finds_an_entity_of_that_type(lib, article):
    item = cur.curation(lib, article).items[4]
    before = state(lib)
    entities_before = lib.conn.execute("SELECT count(*) FROM entities").fetchone()[0]
    op = curating.decide(
        lib,
        article,
        item.start,
        item.end,
        [curating.Choice(item.start, item.end, "place", item.versions[0].marks[0].entity_id)],
    )
    (mark,) = cur.curation(lib, article).items[4].curated
    assert mark.type == "place" and mark.entity_id != item.versions[0].marks[0].entity_id
    assert len(op.result.entities) == 1
    assert lib.conn.execute("SELECT count(*) FROM entities").fetchone()[0] == entities_before + 1
    round_trip(lib, op, before)  # the undo takes the new entity away too


def test_accept_all_agreed(lib, article):
    before = state(lib)
    op = curating.accept_agreed(lib, article)
    assert op.label == "curate-agreed"
    found = cur.curation(lib, article)
    assert [i.decided for i in found.items] == [True, False, False, False, False]
    assert found.progress == (1, 5)
    round_trip(lib, op, before)
    # Nothing left to take: no edit.
    assert not curating.accept_agreed(lib, article).changed
    # Between amal and camila three items agree; the one already decided is kept.
    op = curating.accept_agreed(lib, article, ["amal", "camila"])
    assert len(op.result.added) == 2
    assert cur.curation(lib, article, ["amal", "camila"]).progress == (3, 5)


def test_a_bad_span_changes_nothing(lib, article):
    before = state(lib)
    with pytest.raises(ValueError, match="not inside the article"):
        curating.decide(lib, article, 5, 9999, [curating.Choice(5, 9999, "place")])
    assert state(lib) == before


def test_the_curated_layer_is_a_layer_for_agreement(lib, article):
    from library.team.agreement import agreement

    curating.accept_agreed(lib, article)
    result = agreement(lib, ["amal", CURATED_AUTHOR])
    assert result.overall.both == 1 and result.overall.a_only == 4


NESTED = "وصل وفد هيئة مياه حلب إلى المدينة."


def test_a_nested_mention_one_author_adds_is_one_sided(lib, tmp_path):
    path = tmp_path / "n.json"
    path.write_text(json.dumps({"title": "خبر", "body": NESTED}, ensure_ascii=False))
    (article,) = import_paths(lib, [path]).articles

    def at(part, kind, author):
        start = NESTED.index(part)
        tag_entity(lib, article, start, start + len(part), entity_type=kind, author=author)

    at("هيئة مياه حلب", "organisation", "amal")
    at("حلب", "place", "amal")
    at("هيئة مياه حلب", "organisation", "bilal")
    (item,) = cur.curation(lib, article).items
    assert item.kind == "one-sided"
    assert [len(v.marks) for v in item.versions] == [2, 1]
    # Taking amal's version takes both of her mentions.
    curating.accept_version(lib, article, item, "amal")
    (item,) = cur.curation(lib, article).items
    assert sorted((m.exact, m.type) for m in item.curated) == [
        ("حلب", "place"), ("هيئة مياه حلب", "organisation"),
    ]  # fmt: skip
    # A place inside bilal's organisation that amal did not also tag as one is a difference.
    at("مياه حلب", "place", "bilal")
    (item,) = cur.curation(lib, article).items
    assert item.kind == "boundary"


def test_relations_of_a_replaced_curated_mention_come_back_on_undo(lib, article):
    from library.ops import relating

    items = cur.curation(lib, article).items
    curating.accept_version(lib, article, items[1], "amal")  # organisation
    curating.accept_version(lib, article, items[2], "amal")  # place مدينة حلب
    found = cur.curation(lib, article).items
    (org,), (place,) = found[1].curated, found[2].curated
    relating.relate(lib, org.id, place.id, type="located-in")
    before = state(lib)
    op = curating.accept_version(lib, article, found[2], "bilal")
    assert lib.conn.execute("SELECT count(*) FROM relations").fetchone()[0] == 0
    assert len(op.result.links) == 1 and op.changes.relations
    round_trip(lib, op, before)
