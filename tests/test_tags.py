"""Article tags (collections) and the library list's tag filter."""

from __future__ import annotations

import pytest

from library.ingest.importer import import_paths
from library.marks.annotations import AnnotationError
from library.marks.tags import (
    articles_with_tag,
    delete_tag,
    get_tag,
    redo_tag_articles,
    rename_tag,
    restore_tag,
    tag_articles,
    tags,
    tags_for,
    undo_tag_articles,
    untag_articles,
)
from library.storage.articles import NotFound, count, delete_article, list_articles


@pytest.fixture
def three(lib, tmp_path):
    for n, body in enumerate(["نص أول عن غزة.", "نص ثان عن المطر.", "نص ثالث عن الأسواق."]):
        (tmp_path / f"{n}.txt").write_text(f"عنوان {n}\n\n{body}", encoding="utf-8")
    report = import_paths(lib, sorted(tmp_path.glob("*.txt")), workers=0)
    return lib, report.articles


def state(lib) -> tuple:
    return (
        [tuple(r) for r in lib.conn.execute("SELECT * FROM tags ORDER BY id")],
        [tuple(r) for r in lib.conn.execute("SELECT * FROM article_tags ORDER BY 1, 2")],
    )


def test_tagging_articles_creates_the_tag_once_and_undoes(three):
    lib, (a, b, c) = three
    empty = state(lib)
    first = tag_articles(lib, [a, b], "  غزة ")
    assert first.created and first.tag.name == "غزة" and first.added == (a, b)
    after_first = state(lib)
    second = tag_articles(lib, [b, c, c], "غزة")
    assert not second.created and second.added == (c,)
    assert articles_with_tag(lib, "غزة") == [a, b, c]
    undo_tag_articles(lib, second)
    assert state(lib) == after_first
    undo_tag_articles(lib, first)
    assert state(lib) == empty
    redo_tag_articles(lib, first)
    redo_tag_articles(lib, second)
    assert articles_with_tag(lib, first.tag.id) == [a, b, c]
    assert get_tag(lib, "غزة").id == first.tag.id


def test_tags_with_counts_and_per_article(three):
    lib, (a, b, c) = three
    tag_articles(lib, [a], "to translate")
    tag_articles(lib, [a, c], "غزة")
    assert [(t.name, t.articles) for t in tags(lib)] == [("to translate", 1), ("غزة", 2)]
    assert [t.name for t in tags_for(lib, a)] == ["to translate", "غزة"]
    assert tags_for(lib, b) == []
    assert get_tag(lib, "غزة").to_json()["articles"] == 2


def test_the_library_list_filters_by_tag(three):
    lib, (a, _, c) = three
    tag_articles(lib, [a, c], "غزة")
    assert [s.id for s in list_articles(lib, tag="غزة")] == [a, c]
    assert count(lib, tag="غزة") == 2
    assert list_articles(lib, tag="لا يوجد") == [] and count(lib, tag="لا يوجد") == 0
    assert count(lib, "عنوان", tag="غزة") == 2 and count(lib, "ثان", tag="غزة") == 0


def test_untag_rename_delete_and_restore(three):
    lib, (a, b, c) = three
    tagged = tag_articles(lib, [a, b, c], "مراجعة")
    assert untag_articles(lib, tagged.tag.id, [b, b, 999]) == (b,)
    edit = rename_tag(lib, tagged.tag.id, "للمراجعة")
    assert (edit.before.name, edit.after.name) == ("مراجعة", "للمراجعة")
    tag_articles(lib, [a], "أخرى")
    with pytest.raises(AnnotationError):
        rename_tag(lib, tagged.tag.id, "أخرى")
    before = state(lib)
    removal = delete_tag(lib, tagged.tag.id)
    assert removal.articles == (a, c) and articles_with_tag(lib, "للمراجعة") == []
    restore_tag(lib, removal)
    assert state(lib) == before


def test_bad_tag_input(three):
    lib, (a, _, _) = three
    with pytest.raises(AnnotationError):
        tag_articles(lib, [a], "   ")
    with pytest.raises(NotFound):
        tag_articles(lib, [a, 424242], "x")
    assert tags(lib) == []  # all or nothing
    with pytest.raises(NotFound):
        get_tag(lib, "missing")


def test_deleting_an_article_drops_its_tags(three):
    lib, (a, b, _) = three
    tag_articles(lib, [a, b], "غزة")
    delete_article(lib, a)
    assert articles_with_tag(lib, "غزة") == [b]
