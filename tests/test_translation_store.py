"""The translator's workspace in the library: segments cut on first use, every edit an
operation whose undo and redo put back the exact rows, the glossary (clitic-aware), the
consistency check, search in the translations, the status filter, progress, and
re-anchoring after re-cleaning. Texts written for these tests."""

from __future__ import annotations

import json

import pytest

from library.changes import Changes
from library.ingest.importer import import_paths
from library.marks.entities import create_entity
from library.ops import translating
from library.ops.operation import LABELS
from library.storage import migrations
from library.storage.articles import NotFound, replace_text
from library.storage.filters import Filters
from library.storage.store import Library, connect, open_library
from library.translation import glossary as gl
from library.translation.search import search_translations
from library.translation.segments import (
    SegmentError,
    articles_of,
    get_segment,
    progress,
    reanchor_segments,
    segments,
    set_translation_language,
    stored_segments,
    translation_language,
)

BODY = (
    "وصل وفد الأمم المتحدة إلى الرياض صباح أمس. وقال المتحدث إن المحادثات ستستمر يومين.\n"
    "والتقى الوفد للأمم المتحدة بمسؤولين في مقهى وسط المدينة."
)
OTHER = "أعلنت البلدية افتتاح حديقة جديدة. وحضر الافتتاح عدد من السكان."
TABLES = ("segments", "entity_terms")


@pytest.fixture
def two(lib, tmp_path):
    ids = []
    for n, body in enumerate((BODY, OTHER)):
        path = tmp_path / f"a{n}.json"
        path.write_text(json.dumps({"title": f"خبر {n}", "body": body}, ensure_ascii=False))
        ids += import_paths(lib, [path]).articles
    return lib, ids


def state(lib) -> dict:
    out = {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in TABLES
    }
    out["index"] = search_translations(lib, "the OR delegation", 100)
    out["hits"] = [search_translations(lib, w, 100) for w in ("delegation", "talks", "cafe")]
    return out


def test_schema_6_and_a_v5_library_is_migrated(tmp_path):
    old = tmp_path / "v5.sqlite"
    v5 = Library(connect(old), old, readonly=False)
    migrations.migrate(v5, migrations.MIGRATIONS[:5])
    assert v5.schema_version == 5
    v5.close()
    lib = open_library(old)
    assert lib.schema_version == migrations.latest_version() >= 6
    assert {"segments", "entity_terms", "translation_index"} <= set(lib.db.table_names())
    assert translation_language(lib) == "en"
    assert list(tmp_path.glob("v5.sqlite.v5-*.bak"))  # backed up before migrating
    lib.close()


def test_cut_on_first_use_not_at_import(two):
    lib, (a, b) = two
    assert stored_segments(lib, a) == []  # the import cut nothing
    made = segments(lib, a)
    assert [s.exact for s in made] == [
        "وصل وفد الأمم المتحدة إلى الرياض صباح أمس.",
        "وقال المتحدث إن المحادثات ستستمر يومين.",
        "والتقى الوفد للأمم المتحدة بمسؤولين في مقهى وسط المدينة.",
    ]
    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (a,)).fetchone()[0]
    assert all(body[s.start : s.end] == s.exact for s in made)
    assert all(s.status == "new" and s.target == "" for s in made)
    assert segments(lib, a) == made  # the same rows, the same ids
    assert stored_segments(lib, b) == []
    with pytest.raises(NotFound):
        segments(lib, 999)


def test_translation_language_per_library(lib):
    assert translation_language(lib) == "en"
    assert set_translation_language(lib, "fr") == "en"
    assert translation_language(lib) == "fr"
    with pytest.raises(SegmentError):
        set_translation_language(lib, "not a tag")


def test_translate_status_note_with_undo_and_redo(two):
    lib, (a, _) = two
    first, second, _ = segments(lib, a)
    before = state(lib)
    op = translating.translate(lib, first.id, "A UN delegation arrived in Riyadh.")
    assert op.label == "translate" and op.label in LABELS
    assert op.result.status == "draft"  # typing into a new segment
    assert op.changes == Changes.of(segments=[first.id])
    after = state(lib)
    assert search_translations(lib, "delegation", 10)[0][:2] == (a, first.id)
    op.undo(lib)
    assert state(lib) == before
    op.redo(lib)
    assert state(lib) == after
    assert articles_of(lib, op.changes.segments) == {a}

    given = translating.translate(lib, second.id, "The talks go on.", status="translated")
    assert given.result.status == "translated"
    kept = translating.translate(lib, second.id, "The talks will go on.")
    assert kept.result.status == "translated"  # retyping keeps the status
    assert translating.translate(lib, second.id, "The talks will go on.").changed is False

    reviewed = translating.set_status(lib, second.id, "reviewed")
    assert reviewed.label == "segment-status" and get_segment(lib, second.id).status == "reviewed"
    reviewed.undo(lib)
    assert get_segment(lib, second.id).status == "translated"
    reviewed.redo(lib)
    with pytest.raises(SegmentError):
        translating.set_status(lib, second.id, "done")

    noted = translating.set_note(lib, first.id, "  اسم المدينة كما في الدليل ")
    assert noted.label == "segment-note" and noted.result.note == "اسم المدينة كما في الدليل"
    snapshot = state(lib)
    noted.undo(lib)
    assert get_segment(lib, first.id).note is None
    noted.redo(lib)
    assert state(lib) == snapshot
    with pytest.raises(NotFound):
        translating.translate(lib, "no-such-segment", "x")


def test_split_and_merge_restore_exact_rows(two):
    lib, (a, _) = two
    first, second, third = segments(lib, a)
    translating.translate(lib, first.id, "The delegation arrived.", status="translated")
    translating.set_note(lib, first.id, "ملاحظة أولى")
    translating.translate(lib, second.id, "The talks go on.", status="reviewed")
    translating.set_note(lib, second.id, "ملاحظة ثانية")
    before = state(lib)

    merged = translating.merge_segments(lib, first.id)
    assert merged.label == "merge-segments"
    m = merged.result
    assert m.id == first.id and (m.start, m.end) == (first.start, second.end)
    assert m.target == "The delegation arrived. The talks go on."
    assert m.note == "ملاحظة أولى\nملاحظة ثانية"
    assert m.status == "translated"  # the lower of translated and reviewed
    assert [s.id for s in stored_segments(lib, a)] == [first.id, third.id]
    merged_state = state(lib)
    merged.undo(lib)
    assert state(lib) == before
    merged.redo(lib)
    assert state(lib) == merged_state
    merged.undo(lib)

    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (a,)).fetchone()[0]
    at = body.index(" إلى الرياض", first.start)
    split = translating.split_segment(lib, first.id, at + 1)  # the caret after the space
    one, two_ = split.result
    assert split.label == "split-segment"
    assert one.id == first.id and one.exact == "وصل وفد الأمم المتحدة"
    assert two_.exact == "إلى الرياض صباح أمس." and two_.status == "new" and two_.target == ""
    assert one.target == "The delegation arrived." and one.note == "ملاحظة أولى"
    split_state = state(lib)
    split.undo(lib)
    assert state(lib) == before
    split.redo(lib)
    assert state(lib) == split_state
    with pytest.raises(SegmentError):
        translating.split_segment(lib, third.id, third.start)
    with pytest.raises(SegmentError):
        translating.merge_segments(lib, third.id)  # the last one


def test_glossary_operation_and_clitic_aware_terms(two):
    lib, (a, _) = two
    un = create_entity(lib, "organisation", "الأمم المتحدة")
    riyadh = create_entity(lib, "place", "الرياض")
    cafe = create_entity(lib, "place", "مقهى")
    before = state(lib)
    op = translating.set_term(lib, un.id, "United Nations")
    assert op.label == "glossary" and op.result.preferred == "United Nations"
    op.undo(lib)
    assert state(lib) == before
    op.redo(lib)
    translating.set_term(lib, riyadh.id, "Riyadh")
    translating.set_term(lib, riyadh.id, "Riad", forbidden=True)
    translating.set_term(lib, cafe.id, "café")
    translating.set_term(lib, riyadh.id, "Riyadh", lang="fr")
    assert gl.entry(lib, riyadh.id).forbidden == ("Riad",)
    assert gl.glossary(lib, "en") == sorted(
        [
            {"entity": un.id, "name": "الأمم المتحدة", "lang": "en", "term": "United Nations"},
            {"entity": riyadh.id, "name": "الرياض", "lang": "en", "term": "Riyadh"},
            {"entity": cafe.id, "name": "مقهى", "lang": "en", "term": "café"},
        ],
        key=lambda r: r["name"],
    )
    # A new preferred term replaces the old one; forbidding the preferred one drops it.
    swap = translating.set_term(lib, un.id, "the United Nations")
    assert swap.result.preferred == "the United Nations"
    swap.undo(lib)

    first, _, third = segments(lib, a)
    found = gl.terms_in(lib, a, first)
    assert [(f.entry.entity.id, f.entry.preferred) for f in found] == [
        (un.id, "United Nations"),
        (riyadh.id, "Riyadh"),
    ]
    # للأمم: the preposition and the elided alef; والرياض would be the same.
    found = gl.terms_in(lib, a, third.id)
    assert [f.entry.entity.id for f in found] == [un.id, cafe.id]
    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (a,)).fetchone()[0]
    assert all(body[f.start : f.end] == f.text for f in found)
    assert gl.terms_in(lib, a, first, lang="de") == []


def test_terms_after_waw(lib, tmp_path):
    path = tmp_path / "w.json"
    path.write_text(
        json.dumps({"title": "خبر", "body": "زار الوفد جدة والرياض أمس."}, ensure_ascii=False)
    )
    (a,) = import_paths(lib, [path]).articles
    riyadh = create_entity(lib, "place", "الرياض")
    translating.set_term(lib, riyadh.id, "Riyadh")
    (seg,) = segments(lib, a)
    (found,) = gl.terms_in(lib, a, seg)
    assert found.text == "الرياض" and found.entry.preferred == "Riyadh"


def test_consistency(two):
    lib, (a, b) = two
    un = create_entity(lib, "organisation", "الأمم المتحدة", aliases=["المنظمة الدولية"])
    riyadh = create_entity(lib, "place", "الرياض")
    translating.set_term(lib, un.id, "United Nations")
    translating.set_term(lib, riyadh.id, "Riyadh")
    translating.set_term(lib, riyadh.id, "Riad", forbidden=True)
    first, second, third = segments(lib, a)
    assert gl.consistency(lib) == []  # nothing translated yet
    translating.translate(lib, first.id, "A UNITED  NATIONS team reached Riad.")
    translating.translate(lib, second.id, "The spokesman said the talks go on.")
    translating.translate(lib, third.id, "The UN team met officials.")
    issues = {(i.segment_id, i.entity_id, i.kind, i.term) for i in gl.consistency(lib, a)}
    assert issues == {
        (first.id, riyadh.id, "missing", "Riyadh"),
        (first.id, riyadh.id, "forbidden", "Riad"),
        (third.id, un.id, "missing", "United Nations"),
    }
    translating.translate(lib, first.id, "A United Nations team reached Riyadh.")
    translating.translate(lib, third.id, "The united nations team met officials.")
    assert gl.consistency(lib) == [] and gl.consistency(lib, b) == []
    assert gl.uses("Café Riyadh", "cafe") and not gl.uses("Riyadhi", "Riyadh")


def test_search_in_translations_folds_latin(two):
    lib, (a, b) = two
    _first, _second, third = segments(lib, a)
    (park, _) = segments(lib, b)
    translating.translate(lib, third.id, "The delegation met officials in a café downtown.")
    translating.translate(lib, park.id, "The municipality opened a new CAFÉ and park.")
    found = search_translations(lib, "Cafe", 10)
    assert {(r[0], r[1]) for r in found} == {(a, third.id), (b, park.id)}
    assert any("café" in r[2] for r in found)
    assert search_translations(lib, "delegation cafe", 10)[0][:2] == (a, third.id)
    assert search_translations(lib, "municip*", 10)[0][:2] == (b, park.id)
    assert search_translations(lib, '") OR NEAR(', 10) == []  # never FTS syntax
    assert search_translations(lib, "", 10) == []
    op = translating.translate(lib, park.id, "A new park.")
    assert search_translations(lib, "cafe", 10)[0][:2] == (a, third.id)
    op.undo(lib)
    assert len(search_translations(lib, "cafe", 10)) == 2
    lib.conn.execute("DELETE FROM articles WHERE id = ?", (b,))  # the index follows
    assert [r[0] for r in search_translations(lib, "cafe", 10)] == [a]


def test_status_filter_and_progress(two, tmp_path):
    lib, (a, b) = two
    path = tmp_path / "c.json"
    path.write_text(json.dumps({"title": "ثالث", "body": "خبر قصير جداً."}, ensure_ascii=False))
    (c,) = import_paths(lib, [path]).articles

    def having(status):
        where, params = Filters(translation_status=status).sql()
        return {
            r[0] for r in lib.conn.execute(f"SELECT a.id FROM articles a WHERE {where}", params)
        }

    assert having("untranslated") == {a, b, c}  # never cut counts as untranslated
    segs_a, segs_b, (seg_c,) = segments(lib, a), segments(lib, b), segments(lib, c)
    assert having("untranslated") == {a, b, c} and having("translated") == set()
    translating.translate(lib, segs_a[0].id, "First.")
    for s in segs_b:
        translating.translate(lib, s.id, "Done.", status="translated")
    translating.translate(lib, seg_c.id, "Short.", status="reviewed")
    assert having("untranslated") == set()
    assert having("in-progress") == {a}
    assert having("translated") == {b, c}  # every segment translated or reviewed
    assert having("reviewed") == {c}
    with pytest.raises(ValueError):
        Filters(translation_status="half").sql()
    assert progress(lib, [a, b, c, 999]) == {a: (0, 3), b: (2, 2), c: (1, 1), 999: (0, 0)}


def test_reanchor_after_reclean(two):
    lib, (a, b) = two
    _first, second, third = segments(lib, a)
    translating.translate(lib, second.id, "The spokesman said the talks go on for two days.")
    old = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (a,)).fetchone()[0]
    new = "مقدمة جديدة أضيفت.\n" + old.replace("صباح أمس.", "صباح أمس .")
    with lib.transaction():
        replace_text(lib, a, title="خبر 0", body=new, captions=[])
        placed = reanchor_segments(lib, a, old, new)
    statuses = {r.segment_id: r.status for r in placed}
    assert statuses[second.id] == "moved" and statuses[third.id] == "moved"
    assert "new" in statuses.values()  # the new paragraph got a segment of its own
    rows = {s.id: s for s in stored_segments(lib, a)}
    assert new[rows[second.id].start : rows[second.id].end] == second.exact
    assert rows[second.id].target.startswith("The spokesman")
    assert any(s.exact == "مقدمة جديدة أضيفت." for s in rows.values())
    # Never worked on: simply cut again.
    segments(lib, b)
    old_b = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (b,)).fetchone()[0]
    new_b = old_b + "\nفقرة أخرى."
    with lib.transaction():
        replace_text(lib, b, title="خبر 1", body=new_b, captions=[])
        reanchor_segments(lib, b, old_b, new_b)
    assert [s.exact for s in stored_segments(lib, b)][-1] == "فقرة أخرى."
