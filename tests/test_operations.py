"""Every edit is one operation of `library.ops`: it says what it changed, and its undo and
redo put the library back exactly as it was before and after (same ids, same rows)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from library.changes import EVERYTHING, NOTHING, Changes
from library.ingest.importer import import_paths
from library.marks.annotations import AnnotationError, annotations_for
from library.marks.entities import find_entity, get_entity, tag_entity
from library.marks.occurrences import find_occurrences
from library.marks.suggest import suggest
from library.marks.tags import tag_articles, tags_for
from library.ops import annotating, deciding, naming, styling, tagging
from library.ops.operation import LABELS, Operation, combine, nothing
from library.storage.articles import delete_article

# Written for these tests.
BODY_A = (
    "استقبل وزير الخارجية سامي الخطيب وفد مجلس التعاون في عمّان أمس.\n"
    "وقال الخطيب إن اللقاء تناول ملف المياه والحدود."
)
BODY_B = "وصل وفد مجلس التعاون إلى بغداد صباح الثلاثاء، والتقى سامي الخطيب هناك."
TABLES = (
    "annotations",
    "entities",
    "tags",
    "article_tags",
    "highlight_colours",
    "entity_types",
    "suggestion_decisions",
)


@pytest.fixture
def two(lib, tmp_path):
    ids = []
    for n, body in enumerate((BODY_A, BODY_B)):
        path = tmp_path / f"a{n}.json"
        path.write_text(json.dumps({"title": f"خبر {n}", "body": body}, ensure_ascii=False))
        ids += import_paths(lib, [path]).articles
    bodies = dict(lib.conn.execute("SELECT id, body FROM articles"))
    return lib, ids, bodies


def at(body: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = body.index(part, start + 1)
    return start, start + len(part)


def state(lib) -> dict[str, list[tuple]]:
    return {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in TABLES
    }


def round_trip(lib, run) -> Operation:
    """Run an operation; check undo restores the state before and redo the state after,
    twice over (a redo after an undo after a redo…)."""
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


def test_highlight_then_the_same_passage_again_recolours(two):
    lib, (a, _b), bodies = two
    span = at(bodies[a], "ملف المياه")
    op = round_trip(lib, lambda db: annotating.highlight(db, a, *span, "yellow"))
    (row,) = op.result
    assert op.label == "highlight"
    assert op.changes == Changes.of(articles=[a], annotations=[row.id])
    again = round_trip(lib, lambda db: annotating.highlight(db, a, *span, "green"))
    assert again.label == "recolour" and again.result.after.colour == "green"
    assert again.changes.annotations == {row.id}
    same = annotating.highlight(lib, a, *span, "green")
    assert not same.changed and same.changes == NOTHING
    assert len(annotations_for(lib, a)) == 1


def test_notes_edits_and_removal(two):
    lib, (a, _b), bodies = two
    note = round_trip(lib, lambda db: annotating.add_note(db, a, *at(bodies[a], "الحدود"), "؟"))
    whole = round_trip(lib, lambda db: annotating.add_article_note(db, a, "للترجمة"))
    assert (note.label, whole.label) == ("note", "article-note")
    nid = note.result[0].id
    edit = round_trip(lib, lambda db: annotating.edit_annotation(db, nid, note="سؤال"))
    assert edit.label == "edit-note" and edit.changes.annotations == {nid}
    unchanged = annotating.edit_annotation(lib, nid, note="سؤال")
    assert not unchanged.changed
    gone = round_trip(lib, lambda db: annotating.remove(db, [nid, whole.result[0].id]))
    assert gone.label == "delete" and gone.changes.articles == {a}
    assert annotations_for(lib, a) == []
    assert not annotating.remove(lib, ["no-such-id"]).changed


def test_tag_entity_creates_links_and_takes_an_alias(two):
    lib, (a, b), bodies = two
    first = round_trip(
        lib,
        lambda db: naming.tag_entity(db, a, *at(bodies[a], "سامي الخطيب"), entity_type="person"),
    )
    person = first.result.entity
    assert first.result.created
    assert first.changes == Changes.of(
        articles=[a], annotations=[first.result.annotation.id], entities=[person.id]
    )
    # A surname alone: the core offers the full name as what it may be an alias of.
    assert [e.id for e in naming.alias_offer(lib, "الخطيب", "person")] == [person.id]
    assert naming.alias_offer(lib, "سامي الخطيب", "person") == []  # it exists: link to it
    alias = round_trip(
        lib,
        lambda db: naming.tag_entity(
            db, a, *at(bodies[a], "الخطيب", 1), entity_type="person", alias_of=person.id
        ),
    )
    assert "الخطيب" in get_entity(lib, person.id).aliases
    assert alias.result.entity_before is not None
    # The same name in another article links to the same entity.
    again = naming.tag_entity(lib, b, *at(bodies[b], "سامي الخطيب"), entity_type="person")
    assert again.result.entity.id == person.id and not again.result.created


def test_relink_makes_the_entity_it_needs_and_undoes_both(two):
    lib, (a, _b), bodies = two
    tagging = tag_entity(lib, a, *at(bodies[a], "مجلس التعاون"), entity_type="organisation")
    mention = tagging.annotation.id
    op = round_trip(lib, lambda db: naming.relink(db, mention, "مجلس التعاون الخليجي", "person"))
    made = find_entity(lib, "مجلس التعاون الخليجي", "organisation")
    assert made is not None and op.label == "relink"
    assert op.changes.entities == {tagging.entity.id, made.id}
    assert not naming.relink(lib, mention, "مجلس التعاون الخليجي", "person").changed


def test_edit_merge_and_delete_entities(two):
    lib, (a, b), bodies = two
    t1 = tag_entity(lib, a, *at(bodies[a], "سامي الخطيب"), entity_type="person")
    t2 = tag_entity(lib, b, *at(bodies[b], "سامي الخطيب"), entity_type="person")
    other = tag_entity(lib, a, *at(bodies[a], "الخطيب", 1), entity_type="person", name="خطيب")
    keep = t1.entity.id
    assert t2.entity.id == keep
    edit = round_trip(lib, lambda db: naming.edit_entity(db, keep, aliases=["أبو سامي"]))
    assert edit.label == "edit-entity" and edit.changes.entities == {keep}
    merge = round_trip(lib, lambda db: naming.merge(db, keep, other.entity.id))
    assert merge.changes.entities == {keep, other.entity.id}
    assert other.annotation.id in merge.changes.annotations and a in merge.changes.articles
    gone = round_trip(lib, lambda db: naming.delete_entity(db, keep))
    assert gone.changes.articles == {a, b}
    with pytest.raises(AnnotationError):
        naming.merge(lib, other.entity.id, other.entity.id)


def test_accept_reject_and_accept_all_suggestions(two):
    lib, (a, _b), _bodies = two
    found = suggest(lib, a)
    assert len(found) >= 2, found
    first, *rest = found
    rejected = round_trip(lib, lambda db: deciding.reject(db, a, first))
    assert rejected.changes.decisions and rejected.changes.articles == {a}
    assert (first.start, first.end) not in {(s.start, s.end) for s in suggest(lib, a)}
    accepted = round_trip(lib, lambda db: deciding.accept(db, a, rest[0]))
    assert accepted.label == "accept" and accepted.changes.articles == {a}
    remaining = suggest(lib, a)
    every = round_trip(lib, lambda db: deciding.accept_all(db, a, remaining))
    assert len(every.result) == len(remaining)
    assert not deciding.accept_all(lib, a, []).changed


def test_tag_occurrences_is_one_edit(two):
    lib, (a, b), bodies = two
    t = tag_entity(lib, a, *at(bodies[a], "سامي الخطيب"), entity_type="person")
    found = [o for o in find_occurrences(lib, t.entity.id) if o.article_id == b]
    assert found
    op = round_trip(lib, lambda db: annotating.tag_occurrences(db, t.entity.id, found))
    assert op.label == "occurrences" and op.changes.articles == {b}


def test_one_tags_dialog_is_one_edit(two):
    lib, (a, b), _bodies = two
    old = tag_articles(lib, [a], "قديم").tag
    doomed = tag_articles(lib, [b], "مؤقت").tag
    op = round_trip(
        lib,
        lambda db: tagging.edit_tags(
            db, [a, b], add=["مياه"], remove=[old], renamed={old.id: "أرشيف"}, deleted=[doomed]
        ),
    )
    assert op.label == "tags"
    assert {t.name for t in tags_for(lib, a)} == {"مياه"}
    assert op.changes.tagged == {a, b} and old.id in op.changes.tags
    assert not tagging.edit_tags(lib, [a], add=["مياه"]).changed  # already there


def test_one_palette_dialog_is_one_edit(two):
    lib, _ids, _bodies = two
    op = round_trip(
        lib,
        lambda db: styling.edit_palette(
            db,
            colours={"yellow": ("Key point", "#ffe066")},
            types={"person": ("People", "#3366cc")},
            new_types=[("Weapon", "#aa3333")],
        ),
    )
    assert op.label == "palette" and op.changes.palette
    assert not styling.edit_palette(lib, colours={"yellow": ("Key point", "#ffe066")}).changed


def test_refusals_write_nothing(two):
    lib, (a, _b), _bodies = two
    before = state(lib)
    with pytest.raises(AnnotationError):
        annotating.highlight(lib, a, 5, 2, "yellow")
    with pytest.raises(AnnotationError):
        styling.edit_palette(lib, colours={"yellow": ("", "#ffe066")}, new_types=[("X", "#000")])
    assert state(lib) == before


def test_a_redo_that_cannot_be_replayed_writes_nothing(two):
    lib, (a, b), bodies = two
    op = annotating.add_note(lib, a, *at(bodies[a], "عمّان"), "أين؟")
    tagged = naming.tag_entity(lib, b, *at(bodies[b], "بغداد"), entity_type="place")
    op.undo(lib)
    tagged.undo(lib)
    delete_article(lib, a)  # as another process would, between the undo and the redo
    snapshot = state(lib)
    with pytest.raises(sqlite3.IntegrityError):
        combine("note", [tagged, op]).redo(lib)  # the first part would succeed alone
    assert state(lib) == snapshot


def test_combine_and_nothing():
    assert not nothing("tags").changed
    assert not combine("tags", [nothing("tags"), nothing("tags")]).changed
    with pytest.raises(ValueError):
        nothing("no-such-edit")


def test_changes_merge_and_say_what_they_touch():
    one = Changes.of(articles=[1], annotations=["x"])
    two = Changes.of(entities=["e"], tagged=[2])
    both = one | two
    assert both.articles == {1} and both.entities == {"e"} and both.tagged == {2}
    assert one.touches(1) and not one.touches(2) and not one.touches(None)
    assert two.touches(7)  # an entity renamed: every article's marks may show it
    assert EVERYTHING.touches(3) and EVERYTHING.marks
    assert NOTHING.empty and not one.empty
    assert json.loads(json.dumps(both.to_json()))["articles"] == [1]
