"""Relations between entity mentions: one operation each, undone and redone exactly, types
and their constraints, the CASCADE of a deleted mention undone, the entity-level view."""

from __future__ import annotations

import json

import pytest

from library.changes import Changes
from library.ingest.importer import import_paths
from library.marks import relations as rel
from library.marks.entities import tag_entity
from library.ops import annotating, naming, relating
from library.ops.operation import LABELS

# Written for these tests.
BODY_A = (
    "التقى الوزير كريم منصور رئيس هيئة الموانئ نادر سليم في ميناء الحديدة أمس.\n"
    "وقال منصور إن هيئة الموانئ ستفتح مكتباً في الحديدة."
)
BODY_B = "يرأس نادر سليم هيئة الموانئ منذ عامين، وزار الحديدة مرتين."
TABLES = ("annotations", "entities", "relations", "relation_types")


@pytest.fixture
def two(lib, tmp_path):
    ids = []
    for n, body in enumerate((BODY_A, BODY_B)):
        path = tmp_path / f"a{n}.json"
        path.write_text(json.dumps({"title": f"خبر {n}", "body": body}, ensure_ascii=False))
        ids += import_paths(lib, [path]).articles
    bodies = dict(lib.conn.execute("SELECT id, body FROM articles"))
    return lib, ids, bodies


def mention(lib, article, body, part, entity_type, *, nth=0, name=None):
    start = -1
    for _ in range(nth + 1):
        start = body.index(part, start + 1)
    return tag_entity(
        lib, article, start, start + len(part), entity_type=entity_type, name=name
    ).annotation


def state(lib):
    return {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES
    }


def round_trip(lib, run):
    before = state(lib)
    op = run(lib)
    assert op.label in LABELS
    after = state(lib)
    assert op.changed == (after != before)
    for _ in range(2):
        op.undo(lib)
        assert state(lib) == before
        op.redo(lib)
        assert state(lib) == after
    return op


@pytest.fixture
def marked(two):
    lib, (a, b), bodies = two
    m = {
        "mansour": mention(lib, a, bodies[a], "كريم منصور", "person"),
        "salim": mention(lib, a, bodies[a], "نادر سليم", "person"),
        "ports": mention(lib, a, bodies[a], "هيئة الموانئ", "organisation"),
        "hudaydah": mention(lib, a, bodies[a], "الحديدة", "place"),
        "mansour2": mention(lib, a, bodies[a], "منصور", "person", nth=1, name="كريم منصور"),
        "salim_b": mention(lib, b, bodies[b], "نادر سليم", "person"),
        "ports_b": mention(lib, b, bodies[b], "هيئة الموانئ", "organisation"),
    }
    return lib, (a, b), m


def test_default_types_have_arabic_names_and_constraints(lib):
    types = {t.id: t for t in rel.relation_types(lib)}
    assert list(types) == ["heads", "member-of", "met-with", "located-in", "said-about"]
    assert types["heads"].label_ar == "رئيس"
    assert (types["heads"].source_types, types["heads"].target_types) == (
        ("person",),
        ("organisation",),
    )
    assert types["said-about"].target_types == ()
    assert rel.resolve_relation_type(lib, "التقى").id == "met-with"


def test_relate_two_mentions_undo_redo(marked):
    lib, (a, _b), m = marked
    op = round_trip(
        lib,
        lambda db: relating.relate(
            db, m["salim"].id, m["ports"].id, type="heads", note="منذ عامين"
        ),
    )
    row = op.result
    assert op.label == "relate"
    assert op.changes == Changes.of(
        articles=[a],
        entities=[m["salim"].entity_id, m["ports"].entity_id],
        relations=[row.id],
    )
    (view,) = rel.list_relations(lib)
    assert view.to_json() == {
        "id": row.id,
        "type": "heads",
        "from": m["salim"].id,
        "to": m["ports"].id,
        "article": a,
        "note": "منذ عامين",
    }
    assert [v.relation.id for v in rel.relations_in(lib, a)] == [row.id]


def test_edit_and_delete_relation(marked):
    lib, _ids, m = marked
    row = relating.relate(lib, m["mansour"].id, m["salim"].id, type="met-with").result
    edit = round_trip(lib, lambda db: relating.edit_relation(db, row.id, note="في الميناء"))
    assert edit.label == "edit-relation" and edit.result.after.note == "في الميناء"
    same = relating.edit_relation(lib, row.id, note="في الميناء")
    assert not same.changed
    retyped = round_trip(lib, lambda db: relating.edit_relation(db, row.id, type="said-about"))
    assert retyped.result.after.type == "said-about"
    with pytest.raises(rel.RelationError, match="goes to organisation"):
        relating.edit_relation(lib, row.id, type="heads")
    gone = round_trip(lib, lambda db: relating.delete_relation(db, row.id))
    assert gone.label == "delete-relation" and rel.list_relations(lib) == []
    assert not relating.delete_relation(lib, "no-such-id").changed


def test_constraints_and_rules_are_refused_with_a_message(marked):
    lib, _ids, m = marked
    before = state(lib)
    with pytest.raises(rel.RelationError, match="goes from person, not from organisation"):
        relating.relate(lib, m["ports"].id, m["salim"].id, type="heads")
    with pytest.raises(rel.RelationError, match="goes to person, not to place"):
        relating.relate(lib, m["mansour"].id, m["hudaydah"].id, type="met-with")
    with pytest.raises(rel.RelationError, match="different articles"):
        relating.relate(lib, m["salim"].id, m["ports_b"].id, type="heads")
    with pytest.raises(rel.RelationError, match="two different mentions"):
        relating.relate(lib, m["salim"].id, m["salim"].id, type="met-with")
    with pytest.raises(rel.RelationError, match="no relation type"):
        relating.relate(lib, m["salim"].id, m["ports"].id, type="owns")
    with pytest.raises(rel.RelationError, match="one mention or to one entity"):
        relating.relate(lib, m["salim"].id, type="heads")
    note = annotating.add_note(lib, _ids[0], 0, 5, "ملاحظة").result[0]
    with pytest.raises(rel.RelationError, match="not an entity mention"):
        relating.relate(lib, note.id, m["ports"].id, type="said-about")
    annotating.remove(lib, [note.id])
    assert state(lib) == before


def test_mention_to_entity_across_articles(marked):
    lib, (_a, b), m = marked
    op = round_trip(
        lib,
        lambda db: relating.relate(
            db, m["salim_b"].id, target_entity=m["ports"].entity_id, type="member-of"
        ),
    )
    (view,) = rel.list_relations(lib)
    assert view.to_json()["to"] == m["ports"].entity_id and view.article_id == b
    assert op.changes.entities == {m["salim_b"].entity_id, m["ports"].entity_id}


def test_deleting_a_mention_takes_its_relations_and_undo_brings_them_back(marked):
    lib, _ids, m = marked
    first = relating.relate(lib, m["salim"].id, m["ports"].id, type="heads").result
    second = relating.relate(lib, m["mansour2"].id, m["salim"].id, type="said-about").result
    third = relating.relate(lib, m["ports"].id, m["hudaydah"].id, type="located-in").result
    op = round_trip(lib, lambda db: annotating.remove(db, [m["salim"].id]))
    assert op.changes.relations == {first.id, second.id}
    op.redo(lib)
    assert [v.relation.id for v in rel.list_relations(lib)] == [third.id]
    op.undo(lib)
    assert {v.relation.id for v in rel.list_relations(lib)} == {first.id, second.id, third.id}
    assert rel.get_relation(lib, first.id) == first


def test_entity_level_relations_are_counted_across_the_library(marked):
    lib, _ids, m = marked
    salim, ports = m["salim"].entity_id, m["ports"].entity_id
    mansour = m["mansour"].entity_id
    relating.relate(lib, m["salim"].id, m["ports"].id, type="heads")
    relating.relate(lib, m["salim_b"].id, m["ports_b"].id, type="heads")
    relating.relate(lib, m["mansour"].id, m["salim"].id, type="met-with")
    relating.relate(lib, m["mansour2"].id, target_entity=ports, type="said-about")
    lifted = [e.to_json() for e in rel.entity_relations(lib, salim)]
    assert lifted == [
        {"type": "heads", "entity": ports, "direction": "out", "count": 2, "articles": 2},
        {"type": "met-with", "entity": mansour, "direction": "in", "count": 1, "articles": 1},
    ]
    of_ports = {(e.type, e.other, e.outgoing, e.count) for e in rel.entity_relations(lib, ports)}
    assert of_ports == {("heads", salim, False, 2), ("said-about", mansour, False, 1)}
    assert len(rel.list_relations(lib, ports)) == 3


def test_relation_types_are_one_edit_and_used_types_stay(marked):
    lib, _ids, m = marked
    types = rel.relation_types(lib)
    new = [
        *types[:4],
        rel.RelationType("funds", "funds", "يموّل", ("organisation",), (), 5),
    ]
    op = round_trip(lib, lambda db: relating.edit_relation_types(db, new))
    assert op.label == "relation-types"
    assert [t.id for t in rel.relation_types(lib)] == [
        "heads", "member-of", "met-with", "located-in", "funds"
    ]  # fmt: skip
    relating.relate(lib, m["salim"].id, m["ports"].id, type="heads")
    before = state(lib)
    with pytest.raises(rel.RelationError, match="used by 1 relation"):
        relating.edit_relation_types(lib, new[1:])
    assert state(lib) == before
    assert not relating.edit_relation_types(lib, new).changed


def test_deleting_an_entity_deletes_relations_to_it(marked):
    lib, _ids, m = marked
    relating.relate(lib, m["mansour2"].id, target_entity=m["hudaydah"].entity_id, type="said-about")
    naming.delete_entity(lib, m["hudaydah"].entity_id)
    assert rel.list_relations(lib) == []
