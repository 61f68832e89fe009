"""Undo of deleting or merging an entity brings back the relations that ON DELETE CASCADE
took with its mentions or with the entity; a merge keeps them, pointed at what stays."""

from __future__ import annotations

import json

import pytest

from library.ingest.importer import import_paths
from library.marks import relations as rel
from library.marks.entities import get_entity, tag_entity
from library.ops import naming, relating
from library.storage.articles import NotFound

# Written for these tests.
BODY = (
    "استقبلت المهندسة سلمى دراج مدير شركة الواحة للنقل عادل فارس في مدينة تيماء.\n"
    "وأكدت دراج أن شركة الواحة تنوي توسيع خطوطها إلى تيماء وما حولها."
)
TABLES = ("annotations", "entities", "relations")


def state(lib):
    return {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1")] for t in TABLES
    }


@pytest.fixture
def tagged(lib, tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "خبر", "body": BODY}, ensure_ascii=False))
    (article,) = import_paths(lib, [path]).articles

    def mention(part, kind, nth=0, name=None):
        start = -1
        for _ in range(nth + 1):
            start = BODY.index(part, start + 1)
        return tag_entity(
            lib, article, start, start + len(part), entity_type=kind, name=name
        ).annotation

    m = {
        "salma": mention("سلمى دراج", "person"),
        "company": mention("شركة الواحة للنقل", "organisation"),
        "adel": mention("عادل فارس", "person"),
        "town": mention("تيماء", "place"),
        "town2": mention("تيماء", "place", nth=1),
    }
    return lib, article, m


def test_undo_of_deleting_an_entity_brings_back_its_relations(tagged):
    lib, _article, m = tagged
    relating.relate(lib, m["adel"].id, m["company"].id, type="heads")
    relating.relate(lib, m["salma"].id, m["adel"].id, type="met-with", note="في الصباح")
    relating.relate(lib, m["company"].id, target_entity=m["adel"].entity_id, type="said-about")
    relating.relate(lib, m["salma"].id, m["town"].id, type="said-about")
    before = state(lib)
    op = naming.delete_entity(lib, m["adel"].entity_id)
    # Only the relation that did not touch the entity is left.
    assert [v.relation.target_annotation for v in rel.list_relations(lib)] == [m["town"].id]
    assert len(op.changes.relations) == 3
    op.undo(lib)
    assert state(lib) == before
    op.redo(lib)
    assert len(rel.list_relations(lib)) == 1
    op.undo(lib)
    assert state(lib) == before


def test_merge_keeps_relations_pointed_at_what_stays_and_undo_restores_them(tagged):
    lib, _article, m = tagged
    # A second entity for the same place, with a mention of the same span as the first
    # one's (a double, dropped by the merge) and one of its own.
    lib_town = m["town"].entity_id
    other = tag_entity(
        lib, m["town"].article_id, m["town"].start, m["town"].end,
        entity_type="place", name="واحة تيماء",
    ).annotation  # fmt: skip
    relink = lib.conn.execute(
        "UPDATE annotations SET entity_id = ? WHERE id = ?", (other.entity_id, m["town2"].id)
    )
    assert relink.rowcount == 1
    lib.conn.commit()
    to_double = relating.relate(lib, m["company"].id, other.id, type="located-in").result
    to_entity = relating.relate(
        lib, m["salma"].id, target_entity=other.entity_id, type="said-about"
    ).result
    from_moved = relating.relate(lib, m["town2"].id, m["town"].id, type="located-in").result
    before = state(lib)

    op = naming.merge(lib, lib_town, other.entity_id)
    with pytest.raises(NotFound):
        get_entity(lib, other.entity_id)
    after = {r.id: r for r in rel.read_relations(lib)}
    # The double's relation now ends at the kept mention of the same span.
    assert after[to_double.id].target_annotation == m["town"].id
    assert after[to_entity.id].target_entity == lib_town
    assert after[from_moved.id].source == m["town2"].id
    merged = state(lib)

    op.undo(lib)
    assert state(lib) == before
    assert rel.get_relation(lib, to_double.id) == to_double
    assert rel.get_relation(lib, to_entity.id) == to_entity
    op.redo(lib)
    assert state(lib) == merged
    op.undo(lib)
    assert state(lib) == before
