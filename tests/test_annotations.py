"""Highlights, notes, the palette, undo records and persistence (library level, no Qt)."""

from __future__ import annotations

import getpass
import re
import sqlite3
import uuid
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from library.ingest.importer import import_paths
from library.marks.annotations import (
    CONTEXT,
    Annotation,
    AnnotationError,
    add_article_note,
    add_highlight,
    add_note,
    annotations_for,
    annotations_overlapping,
    default_author,
    delete_annotations,
    get_annotation,
    layers,
    put_annotations,
    restore_annotations,
    set_author,
    update_annotation,
)
from library.marks.palette import (
    add_colour,
    colours,
    delete_colour,
    rename_colour,
    resolve_colour,
    restore_colour,
    update_colour,
)
from library.storage import migrations
from library.storage.articles import NotFound, get_article
from library.storage.store import open_library

BODY_TITLE = "اجتماع في المدينة"
BODY = (
    "عقد مجلس الحيّ اجتماعه الأسبوعي في قاعة المكتبة العامة، وناقش الأعضاء خطة تنظيف الحدائق. "
    "وقالت رئيسة المجلس إن الخطة تبدأ الشهر المقبل بمشاركة المتطوعين من المدارس.\n"
    "وأضافت أن البلدية وعدت بتوفير الأدوات والشاحنات اللازمة."
)
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def add_articles(lib, folder, *bodies: str, title: str = BODY_TITLE) -> list[int]:
    for n, body in enumerate(bodies):
        (folder / f"{n:03}.txt").write_text(f"{title} {n}\n\n{body}", encoding="utf-8")
    report = import_paths(lib, sorted(folder.glob("*.txt")), workers=0)
    assert report.imported == len(bodies), report.failed
    return report.articles


@pytest.fixture
def article(lib, tmp_path):
    (article_id,) = add_articles(lib, tmp_path, BODY)
    body = get_article(lib, article_id).body
    assert body == BODY
    return article_id


def span(text: str, part: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part)


def rows(lib) -> list[tuple]:
    return [tuple(r) for r in lib.conn.execute("SELECT * FROM annotations ORDER BY id")]


# --- creating -----------------------------------------------------------------------------


def test_highlight_keeps_quote_context_uuid_author_and_utc_times(lib, article):
    start, end = span(BODY, "خطة تنظيف الحدائق")
    a = add_highlight(lib, article, start, end, author="سلمى")
    assert uuid.UUID(a.id).version == 4
    assert (a.kind, a.start, a.end, a.exact) == ("highlight", start, end, "خطة تنظيف الحدائق")
    assert a.prefix == BODY[start - CONTEXT : start] and len(a.prefix) == CONTEXT
    assert a.suffix == BODY[end : end + CONTEXT]
    assert a.colour == colours(lib)[0].id  # the first colour of the palette by default
    assert a.author == "سلمى"
    assert ISO_UTC.match(a.created_at) and a.created_at == a.updated_at
    assert annotations_for(lib, article) == [a]


def test_context_is_shorter_at_the_edges_of_the_text(lib, article):
    a = add_highlight(lib, article, 0, 3)
    assert a.prefix == "" and a.exact == BODY[:3]
    b = add_highlight(lib, article, len(BODY) - 4, len(BODY))
    assert b.suffix == "" and b.prefix == BODY[len(BODY) - 4 - CONTEXT : len(BODY) - 4]


def test_a_palette_of_at_least_five_named_colours(lib):
    palette = colours(lib)
    assert len(palette) >= 5
    assert all(re.match(r"^#[0-9a-f]{6}$", c.colour) for c in palette)
    assert resolve_colour(lib, "quote").id == "green"  # by name, any case
    assert resolve_colour(lib, "PINK").name == "Check"


@pytest.mark.parametrize(
    ("start", "end"), [(-1, 3), (5, 5), (9, 4), (0, len(BODY) + 1), (len(BODY), len(BODY) + 2)]
)
def test_spans_outside_the_text_or_empty_are_refused(lib, article, start, end):
    with pytest.raises(AnnotationError):
        add_highlight(lib, article, start, end)
    with pytest.raises(AnnotationError):
        add_note(lib, article, start, end, "ملاحظة")
    assert annotations_for(lib, article) == []


def test_unknown_colour_article_or_empty_note_are_refused(lib, article):
    with pytest.raises(AnnotationError, match="colour"):
        add_highlight(lib, article, 0, 3, "ultraviolet")
    with pytest.raises(NotFound):
        add_highlight(lib, 9999, 0, 3)
    with pytest.raises(AnnotationError):
        add_note(lib, article, 0, 3, "   ")
    with pytest.raises(AnnotationError):
        add_article_note(lib, article, "")
    assert annotations_for(lib, article) == []


def test_notes_on_a_passage_and_on_the_whole_article(lib, article):
    start, end = span(BODY, "البلدية")
    passage = add_note(lib, article, start, end, "check the budget — التحقق من الميزانية")
    whole = add_article_note(lib, article, "مقال مفيد للترجمة")
    assert passage.note.startswith("check") and not passage.is_article_note
    assert (whole.start, whole.end, whole.exact, whole.kind) == (0, 0, "", "note")
    assert whole.is_article_note
    assert annotations_for(lib, article) == [whole, passage]  # article notes first
    assert annotations_for(lib, article, kind="note") == [whole, passage]


def test_overlapping_annotations_are_kept_and_layered(lib, article):
    a = add_highlight(lib, article, *span(BODY, "خطة تنظيف الحدائق"))
    b = add_note(lib, article, *span(BODY, "تنظيف الحدائق. وقالت"), "تداخل")
    c = add_highlight(lib, article, *span(BODY, "تنظيف"), "pink")
    assert len(annotations_for(lib, article)) == 3
    segments = layers(annotations_for(lib, article))
    s0 = span(BODY, "خطة تنظيف")[0]
    s1 = span(BODY, "تنظيف")[0]
    assert segments[0].start == s0 and segments[0].ids == (a.id,)
    covering_word = next(s for s in segments if s.start == s1)
    assert set(covering_word.ids) == {a.id, b.id, c.id}
    assert segments[-1].end == b.end and segments[-1].ids == (b.id,)
    under = annotations_overlapping(lib, article, s1 + 1)
    assert {x.id for x in under} == {a.id, b.id, c.id}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=12))
def test_layers_cover_exactly_the_annotations(pairs):
    annotations = [
        Annotation(
            f"a{n}", 1, "highlight", s, s + w, "", "", "", "yellow", None, None, None, "", ""
        )
        for n, (s, w) in enumerate(pairs)
    ]
    segments = layers(annotations)
    for seg in segments:
        assert seg.start < seg.end
        for pos in (seg.start, seg.end - 1):
            covering = {a.id for a in annotations if a.start <= pos < a.end}
            assert set(seg.ids) == covering
    covered = {p for a in annotations for p in range(a.start, a.end)}
    assert covered == {p for s in segments for p in range(s.start, s.end)}
    assert all(x.end <= y.start for x, y in pairwise(segments))


# --- changing, deleting, undo ----------------------------------------------------------------


def test_update_returns_before_and_after_and_undo_puts_it_back(lib, article):
    a = add_highlight(lib, article, *span(BODY, "المتطوعين"))
    edit = update_annotation(lib, a.id, colour="blue", note="who?")
    assert edit.before == a and edit.changed
    assert (edit.after.colour, edit.after.note) == ("blue", "who?")
    assert edit.after.updated_at >= a.updated_at and edit.after.created_at == a.created_at
    assert get_annotation(lib, a.id) == edit.after
    put_annotations(lib, [edit.before])  # undo
    assert get_annotation(lib, a.id) == a
    put_annotations(lib, [edit.after])  # redo
    assert get_annotation(lib, a.id) == edit.after


def test_changing_the_span_takes_the_quote_again(lib, article):
    a = add_highlight(lib, article, *span(BODY, "الأدوات"))
    start, end = span(BODY, "الأدوات والشاحنات")
    edit = update_annotation(lib, a.id, start=start, end=end)
    assert edit.after.exact == "الأدوات والشاحنات"
    assert edit.after.prefix == BODY[start - CONTEXT : start]
    with pytest.raises(AnnotationError):
        update_annotation(lib, a.id, end=len(BODY) + 5)
    with pytest.raises(AnnotationError):
        update_annotation(lib, a.id, colour="nope")
    assert get_annotation(lib, a.id) == edit.after


def test_an_edit_that_changes_nothing_writes_nothing(lib, article):
    a = add_highlight(lib, article, 0, 3, "green")
    edit = update_annotation(lib, a.id, colour="green")
    assert not edit.changed and get_annotation(lib, a.id) == a


def test_delete_returns_full_rows_and_restore_brings_back_the_same_ids(lib, article):
    made = [
        add_highlight(lib, article, *span(BODY, "قاعة المكتبة")),
        add_note(lib, article, *span(BODY, "الشهر المقبل"), "متى؟"),
        add_article_note(lib, article, "عام"),
    ]
    before = rows(lib)
    removed = delete_annotations(lib, [m.id for m in reversed(made)] + ["no-such-id"])
    assert removed == list(reversed(made))
    assert annotations_for(lib, article) == []
    restore_annotations(lib, removed)
    assert rows(lib) == before
    with pytest.raises(sqlite3.IntegrityError):  # restoring twice is refused, all of it
        restore_annotations(lib, removed)
    assert rows(lib) == before


def test_an_undo_stack_of_library_operations_replays_both_ways(lib, article):
    """create, change, delete, note, palette rename; undo all, then redo all."""
    states = [rows(lib)]
    stack = []

    a = add_highlight(lib, article, *span(BODY, "اجتماعه الأسبوعي"))
    stack.append(
        (lambda a=a: delete_annotations(lib, [a.id]), lambda a=a: restore_annotations(lib, [a]))
    )
    states.append(rows(lib))
    edit = update_annotation(lib, a.id, colour="orange")
    stack.append(
        (
            lambda e=edit: put_annotations(lib, [e.before]),
            lambda e=edit: put_annotations(lib, [e.after]),
        )
    )
    states.append(rows(lib))
    n = add_note(lib, article, *span(BODY, "المدارس"), "أي مدارس؟")
    stack.append(
        (lambda n=n: delete_annotations(lib, [n.id]), lambda n=n: restore_annotations(lib, [n]))
    )
    states.append(rows(lib))
    (gone,) = delete_annotations(lib, [a.id])
    stack.append(
        (
            lambda g=gone: restore_annotations(lib, [g]),
            lambda g=gone: delete_annotations(lib, [g.id]),
        )
    )
    states.append(rows(lib))

    for step in range(len(stack) - 1, -1, -1):
        stack[step][0]()
        assert rows(lib) == states[step]
    for step in range(len(stack)):
        stack[step][1]()
        assert rows(lib) == states[step + 1]


def test_author_from_meta_else_os_user_else_none(lib, article, monkeypatch):
    assert set_author(lib, "Nour") is None
    assert default_author(lib) == "Nour"
    assert add_highlight(lib, article, 0, 3).author == "Nour"
    assert set_author(lib, None) == "Nour"

    monkeypatch.setattr(getpass, "getuser", lambda: "reader1")
    assert default_author(lib) == "reader1"

    def no_user():
        raise OSError("no user name")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert default_author(lib) is None
    assert add_highlight(lib, article, 4, 8).author is None


# --- palette ----------------------------------------------------------------------------------


def test_palette_rename_recolour_add_and_undo(lib, article):
    edit = rename_colour(lib, "pink", "  to check ")
    assert edit.after.name == "to check" and edit.before.name == "Check"
    assert resolve_colour(lib, "to check").id == "pink"
    recolour = update_colour(lib, "pink", colour="#AA0000")
    assert recolour.after.colour == "#aa0000"
    new = add_colour(lib, "مصدر", "#123456")
    assert colours(lib)[-1] == new and resolve_colour(lib, "مصدر").id == new.id
    with pytest.raises(AnnotationError):
        add_colour(lib, "x", "red")
    with pytest.raises(AnnotationError):
        rename_colour(lib, "pink", " ")


def test_deleting_a_used_colour_needs_a_replacement_and_is_reversible(lib, article):
    a = add_highlight(lib, article, 0, 3, "pink")
    b = add_highlight(lib, article, 5, 9, "pink")
    with pytest.raises(AnnotationError, match="move"):
        delete_colour(lib, "pink")
    removal = delete_colour(lib, "pink", move_to="yellow")
    assert set(removal.highlights) == {a.id, b.id}
    assert {x.colour for x in annotations_for(lib, article)} == {"yellow"}
    assert "pink" not in {c.id for c in colours(lib)}
    restore_colour(lib, removal)
    assert annotations_for(lib, article) == [a, b]
    assert "pink" in {c.id for c in colours(lib)}


# --- persistence and schema -----------------------------------------------------------------


def test_a_restart_keeps_every_annotation(tmp_path):
    from library.marks.entities import merge_entities, tag_entity
    from library.marks.suggest import reject, suggest
    from library.marks.tags import tag_articles

    path = tmp_path / "lib.sqlite"
    folder = tmp_path / "in"
    folder.mkdir()
    lib = open_library(path)
    (article_id,) = add_articles(lib, folder, BODY + " وزار الوفد الرياض والقاهرة.")
    body = get_article(lib, article_id).body
    add_highlight(lib, article_id, *span(body, "قاعة المكتبة"), "green")
    add_note(lib, article_id, *span(body, "الشاحنات"), "كم عددها؟")
    add_article_note(lib, article_id, "للترجمة")
    t1 = tag_entity(lib, article_id, *span(body, "مجلس الحيّ"), entity_type="organisation")
    t2 = tag_entity(lib, article_id, *span(body, "البلدية"), entity_type="organisation")
    merge_entities(lib, t1.entity.id, t2.entity.id)
    tag_articles(lib, [article_id], "للترجمة")
    rejected = next(s for s in suggest(lib, article_id) if s.text == "القاهرة")
    reject(lib, article_id, rejected)
    tables = ("annotations", "entities", "tags", "article_tags", "suggestion_decisions")
    before = {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables
    }
    lib.close()

    lib = open_library(path)
    after = {
        t: [tuple(r) for r in lib.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")] for t in tables
    }
    assert after == before
    assert len(after["annotations"]) == 5 and len(after["entities"]) == 1
    assert "القاهرة" not in {s.text for s in suggest(lib, article_id)}
    lib.close()


def test_schema_2_adds_decisions_and_a_v1_library_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    lib = open_library(path)
    assert lib.schema_version == migrations.latest_version() >= 2
    assert "suggestion_decisions" in lib.db.table_names()
    lib.close()

    old = tmp_path / "v1.sqlite"
    from library.storage.store import Library, connect

    v1 = Library(connect(old), old, readonly=False)
    migrations.migrate(v1, migrations.MIGRATIONS[:1])
    v1.conn.execute("INSERT INTO tags (name) VALUES ('قديم')")
    assert v1.schema_version == 1
    v1.close()
    upgraded = open_library(old)
    assert upgraded.schema_version == migrations.latest_version()
    assert [r[0] for r in upgraded.conn.execute("SELECT name FROM tags")] == ["قديم"]
    assert list(tmp_path.glob("v1.sqlite.v1-*.bak"))  # backed up before migrating
    upgraded.close()
