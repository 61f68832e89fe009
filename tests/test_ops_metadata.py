"""Correcting an article's metadata is one operation: what it changed, undo and redo, and
the search index kept in step with a new title."""

from __future__ import annotations

import json

import pytest

from library.changes import Changes
from library.ingest.importer import import_paths
from library.ops import describing
from library.ops.operation import LABELS
from library.search.engine import count
from library.storage.articles import NotFound
from library.storage.maintenance import index_problems
from library.storage.metadata import Capture, add_captures, metadata
from library.storage.store import open_library

# Written for these tests.
TITLE = "افتتاح جسر المشاة فوق النهر"
BODY = "افتتحت البلدية صباح اليوم جسراً جديداً للمشاة يربط ضفتي النهر في وسط المدينة."


@pytest.fixture
def one(lib, tmp_path):
    path = tmp_path / "a.json"
    record = {"title": TITLE, "body": BODY, "captions": ["صورة الجسر ليلاً"], "site": "الرقيب"}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (article_id,) = import_paths(lib, [path]).articles
    return lib, article_id


def test_the_label_is_known():
    assert describing.LABEL in LABELS


def test_an_edit_says_what_it_changed_and_undo_and_redo_replay_it(one):
    lib, a = one
    before = metadata(lib, a)
    op = describing.edit_metadata(lib, a, authors=["ليلى حداد", " Omar Nasser "], section="محليات")
    assert op.label == "edit-metadata" and op.changed
    assert op.changes == Changes.of(articles=[a])  # not on the page, not in the order
    after = metadata(lib, a)
    assert after.authors == ("ليلى حداد", "Omar Nasser") and after.section == "محليات"
    assert op.result == after
    op.undo(lib)
    assert metadata(lib, a) == before
    op.redo(lib)
    assert metadata(lib, a) == after


def test_what_the_page_shows_is_published_as_content(one):
    lib, a = one
    for field, value in (("publisher", "الشاهد"), ("published", "2024-05-01"), ("title", "جسر")):
        op = describing.edit_metadata(lib, a, **{field: value})
        assert op.changes == Changes.of(content=[a]), field


def test_a_new_title_is_searched_and_the_old_one_no_longer(one):
    lib, a = one
    assert count(lib, "افتتاح") == 1 and count(lib, "الجسور") == 0
    op = describing.edit_metadata(lib, a, title="تدشين أطول الجسور في المدينة")
    assert count(lib, "تدشين") == 1 and count(lib, "افتتاح") == 0
    assert count(lib, "صورة") == 1  # the captions' keys stay
    assert index_problems(lib) == []
    op.undo(lib)
    assert count(lib, "افتتاح") == 1 and count(lib, "تدشين") == 0
    assert metadata(lib, a).title == TITLE
    assert index_problems(lib) == []
    op.redo(lib)
    assert count(lib, "تدشين") == 1 and count(lib, "افتتاح") == 0
    assert index_problems(lib) == []


def test_an_empty_title_and_a_bad_date_are_refused_and_nothing_changes(one):
    lib, a = one
    before = metadata(lib, a)
    with pytest.raises(ValueError, match="title"):
        describing.edit_metadata(lib, a, title="   ")
    for bad in ("1/5/2024", "2024-13", "2024-02-30", "أمس", "2024-05-01 صباحاً"):
        with pytest.raises(ValueError, match="ISO 8601"):
            describing.edit_metadata(lib, a, published=bad)
    with pytest.raises(ValueError, match="not a metadata field"):
        describing.edit_metadata(lib, a, words=3)
    with pytest.raises(NotFound):
        describing.edit_metadata(lib, 999, section="x")
    assert metadata(lib, a) == before
    assert count(lib, "افتتاح") == 1


@pytest.mark.parametrize(
    "good", ["2024", "2024-05", "2024-05-01", "2024-05-01T09:30:00+03:00", "2024-05-01T09:30Z"]
)
def test_iso_dates(one, good):
    lib, a = one
    op = describing.edit_metadata(lib, a, modified=good)
    assert metadata(lib, a).modified == good and op.changed


def test_clearing_a_field_and_the_same_value_again(one):
    lib, a = one
    describing.edit_metadata(lib, a, url="https://example.org/bridge")
    op = describing.edit_metadata(lib, a, url="  https://example.org/bridge ")
    assert not op.changed and op.label == "edit-metadata"
    op = describing.edit_metadata(lib, a, url="", published="")
    assert metadata(lib, a).url is None and op.changed
    op.undo(lib)
    assert metadata(lib, a).url == "https://example.org/bridge"


def test_undo_and_redo_leave_what_someone_else_changed_meanwhile(one, tmp_path):
    lib, a = one
    op = describing.edit_metadata(lib, a, language="ar")
    other = open_library(tmp_path / "lib.sqlite")  # the CLI, meanwhile
    describing.edit_metadata(other, a, section="مجتمع", title="جسر المشاة الجديد")
    with other.transaction():
        add_captures(
            other, a, [Capture("https://example.org/b", "2024-05-02T10:00:00Z", "<urn:1>")]
        )
    other.close()
    op.undo(lib)
    meta = metadata(lib, a)
    assert meta.language is None and len(meta.captures) == 1
    assert (meta.section, meta.title) == ("مجتمع", "جسر المشاة الجديد")
    op.redo(lib)
    assert metadata(lib, a).language == "ar" and metadata(lib, a).section == "مجتمع"
    assert count(lib, "المشاة") == 1 and count(lib, "افتتاح") == 0
    assert index_problems(lib) == []
