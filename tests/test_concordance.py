"""The concordance: every occurrence with its context, found with search's folding."""

from __future__ import annotations

import csv
import io
import json

import pytest

from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.search.concordance import CSV_COLUMNS, concordance, csv_bytes, in_batches, word_key
from library.search.engine import find_in_article
from library.search.query import QueryError
from library.storage.filters import Filters

# Written for these tests.
BODIES = (
    "وصل الوفد إلى الرياض مساء الأحد.\nوبالرياض عقد الوفد لقاءً مع التجار.",
    "غادر الوزير بغداد متوجهاً إلى الرِّياض، ثم عاد أمس.",
    "لا ذكر للعاصمة في هذا الخبر عن الزراعة.",
)


@pytest.fixture
def three(lib, tmp_path):
    ids = []
    for n, body in enumerate(BODIES):
        path = tmp_path / f"a{n}.json"
        doc = {"title": f"خبر {n}", "body": body, "date": f"2024-05-0{n + 1}"}
        path.write_text(json.dumps(doc, ensure_ascii=False))
        ids += import_paths(lib, [path]).articles
    return lib, ids


def test_clitics_diacritics_and_context(three):
    lib, (a, b, _c) = three
    lines = list(concordance(lib, "الرياض", width=10))
    assert [(x.article_id, x.match) for x in lines] == [
        (a, "الرياض"), (a, "وبالرياض"), (b, "الرِّياض")
    ]  # fmt: skip
    body = BODIES[0]
    # The same spans as search finds in the article.
    assert [(x.start, x.end) for x in lines[:2]] == find_in_article(body, "الرياض")
    first = lines[0]
    assert first.left == body[first.start - 10 : first.start]
    assert first.right == body[first.end : first.end + 10]
    # Line breaks become spaces, the length (and so the offsets) kept.
    assert "\n" not in lines[1].left and len(lines[1].left) == 10
    assert first.to_json() == {
        "article": a, "left": first.left, "match": "الرياض", "right": first.right,
        "start": first.start, "end": first.end,
    }  # fmt: skip


def test_a_phrase_limit_and_stream(three):
    lib, (a, _b, _c) = three
    assert [x.match for x in concordance(lib, '"عقد الوفد"')] == ["عقد الوفد"]
    lines = concordance(lib, "الرياض", limit=1)
    assert not isinstance(lines, list)  # a generator: the first lines come first
    assert [x.article_id for x in lines] == [a]
    assert list(concordance(lib, "الرياض", limit=0)) == []


def test_sort_by_left_or_right_context_word(three):
    lib, _ids = three
    left = [x.left.split()[-1] for x in concordance(lib, "الوفد", sort="left")]
    assert left == sorted(left) and set(left) == {"وصل", "عقد"}
    right = [x.right.split()[0] for x in concordance(lib, "الوفد", sort="right")]
    assert right == ["إلى", "لقاءً"]  # folded: إلى sorts as الى
    with pytest.raises(ValueError, match="unknown sort"):
        concordance(lib, "الوفد", sort="middle")


def test_entity_lines_are_its_mentions_and_filters_apply(three):
    lib, (a, b, _c) = three
    body = BODIES[1]
    start = body.index("بغداد")
    entity = tag_entity(lib, b, start, start + 5, entity_type="place").entity
    start = BODIES[0].index("الرياض")
    tag_entity(lib, a, start, start + 6, entity_type="place")
    lines = list(concordance(lib, f"entity:{entity.id}", width=7))
    assert [(x.article_id, x.match, x.left) for x in lines] == [(b, "بغداد", "الوزير ")]
    dated = list(concordance(lib, "الرياض", filters=Filters(date_from="2024-05-02")))
    assert [x.article_id for x in dated] == [b]


def test_a_query_with_nothing_to_look_for(three):
    lib, _ids = three
    with pytest.raises(QueryError):
        list(concordance(lib, "-الرياض"))


def test_lines_stream_in_batches_first_a_screen(three):
    lib, _ids = three
    lines = concordance(lib, "الرياض OR الوفد")
    batches = list(in_batches(lines, first=2, size=3))
    assert [len(b) for b in batches] == [2, 3]
    assert list(in_batches(iter([]), first=2)) == []


def test_word_key_sorts_by_the_nth_word_on_either_side(three):
    lib, _ids = three
    lines = list(concordance(lib, "الوفد", width=30))
    # 1st word after: إلى (folded الي) before لقاءً; 2nd word after: الرياض before مع.
    by_first = sorted(lines, key=lambda x: word_key(x, "right", 1))
    assert [x.right.split()[0] for x in by_first] == ["إلى", "لقاءً"]
    by_second = sorted(lines, key=lambda x: word_key(x, "right", 2))
    assert [x.right.split()[1] for x in by_second] == ["الرياض", "مع"]
    # 2nd word before: a line without one sorts first.
    by_left = sorted(lines, key=lambda x: word_key(x, "left", 2))
    assert by_left[0].left.split()[-1] == "وصل"
    with pytest.raises(ValueError, match="unknown side"):
        word_key(lines[0], "middle")


def test_csv_with_a_bom_reads_back(three):
    lib, (a, b, _c) = three
    lines = list(concordance(lib, "الرياض", width=8))
    data = csv_bytes(lines, {a: "خبر 0", b: "خبر, 1"})
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(CSV_COLUMNS)
    assert rows[3][:4] == [str(b), "خبر, 1", lines[2].left, "الرِّياض"]
    assert [int(rows[1][5]), int(rows[1][6])] == [lines[0].start, lines[0].end]
