"""The library in time: articles and entity mentions per day, week or month."""

from __future__ import annotations

import json

import pytest

from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.marks.timeline import (
    BY_MENTIONED,
    DAY,
    MONTH,
    WEEK,
    article_counts,
    bucket_end,
    bucket_of,
    buckets_between,
    choose_unit,
    mention_counts,
    mentioned_dates,
    timeline,
    undated_articles,
)
from library.storage import articles
from library.storage.filters import Filters

# Written for these tests: (date, body). 2024-03-04 is a Monday.
ARTICLES = (
    ("2024-03-04", "زار الوزير سليم مدينة طرابلس في 12 يناير 2023 والتقى التجار."),
    ("2024-03-05", "قال سليم إن المعرض يفتح أبوابه قريباً."),
    ("2024-03-10", "عاد سليم من طرابلس مساء الأحد."),
    ("2024-03-11", "لا أسماء في هذا الخبر القصير."),
    ("2024-04-02", "في 3 فبراير 2023 وقّع سليم الاتفاق، ثم سافر في 9 مايو 2023."),
    ("", "خبر بلا تاريخ عن سليم."),
    ("2024-05", "خبر مؤرخ بالشهر وحده."),
)


@pytest.fixture
def dated(lib, tmp_path):
    ids = []
    for n, (date, body) in enumerate(ARTICLES):
        path = tmp_path / f"a{n}.json"
        record = {"title": f"خبر {n}", "body": body}
        if date:
            record["date"] = date
        path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        ids += import_paths(lib, [path]).articles
    assert len(ids) == len(ARTICLES)
    person = None
    for article_id, (_date, body) in zip(ids, ARTICLES, strict=True):
        if "سليم" in body:
            start = body.index("سليم")
            tagging = tag_entity(
                lib, article_id, start, start + 4, entity_type="person", entity_id=person
            )
            person = tagging.entity.id
    for article_id, (_date, body) in zip(ids, ARTICLES, strict=True):
        for phrase in ("12 يناير 2023", "3 فبراير 2023", "9 مايو 2023"):
            if phrase in body:
                start = body.index(phrase)
                tag_entity(lib, article_id, start, start + len(phrase), entity_type="date")
    return lib, ids, person


def test_buckets_and_their_ends():
    assert bucket_of("2024-03-10", WEEK) == "2024-03-04"  # a Sunday ends Monday's week
    assert bucket_of("2024-03-11", WEEK) == "2024-03-11"
    assert bucket_of("2024-02-29", MONTH) == "2024-02-01"
    assert bucket_of("2024-05", MONTH) == "2024-05-01"
    assert bucket_of("2024-05", DAY) is None and bucket_of("2023", MONTH) is None
    assert bucket_of("2023-01-12/2023-01-14", DAY) == "2023-01-12"  # an interval: its start
    assert bucket_end("2024-02-01", MONTH) == "2024-02-29"
    assert bucket_end("2024-03-04", WEEK) == "2024-03-10"
    assert buckets_between("2024-01-30", "2024-03-02", MONTH) == [
        "2024-01-01", "2024-02-01", "2024-03-01"
    ]  # fmt: skip
    assert len(buckets_between("2024-03-01", "2024-03-31", DAY)) == 31
    assert choose_unit("2024-03-01", "2024-04-01") == DAY
    assert choose_unit("2024-01-01", "2024-12-31") == WEEK
    assert choose_unit("2020-01-01", "2024-12-31") == MONTH


def test_articles_per_day_week_and_month(dated):
    lib, _ids, _person = dated
    assert article_counts(lib, DAY) == {
        "2024-03-04": 1, "2024-03-05": 1, "2024-03-10": 1, "2024-03-11": 1, "2024-04-02": 1
    }  # fmt: skip
    assert article_counts(lib, WEEK) == {"2024-03-04": 3, "2024-03-11": 1, "2024-04-01": 1}
    # The article dated by its month alone counts in months, not in days.
    assert article_counts(lib, MONTH) == {"2024-03-01": 4, "2024-04-01": 1, "2024-05-01": 1}
    assert undated_articles(lib, DAY) == 2
    assert undated_articles(lib, MONTH) == 1
    march = Filters(date_from="2024-03-05", date_to="2024-03-31")
    assert article_counts(lib, MONTH, march) == {"2024-03-01": 3}


def test_the_whole_timeline_has_no_gaps(dated):
    lib, _ids, person = dated
    line = timeline(lib, unit=WEEK, entity_ids=[person])
    assert line.buckets == ("2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25", "2024-04-01")
    assert line.articles == (3, 1, 0, 0, 1)
    assert line.series[person] == (3, 0, 0, 0, 1)
    assert line.unplaced[person] == 1  # the undated article's mention
    assert line.range_of(3, 1) == ("2024-03-11", "2024-03-31")
    auto = timeline(lib)
    assert auto.unit == DAY and sum(auto.articles) == 5 and auto.undated == 2


def test_mentions_placed_by_the_dates_the_text_gives(dated):
    lib, ids, person = dated
    values = mentioned_dates(lib)
    assert [v for _s, v in values[ids[4]]] == ["2023-02-03", "2023-05-09"]
    counts, unplaced = mention_counts(lib, [person], MONTH, by=BY_MENTIONED)
    # First article: its only date. Fifth: the nearer of its two dates (the first).
    assert counts[person] == {"2023-01-01": 1, "2023-02-01": 1}
    assert unplaced[person] == 3  # three mentions in articles that name no date
    line = timeline(lib, unit=MONTH, entity_ids=[person], by=BY_MENTIONED)
    assert line.buckets[0] == "2023-01-01" and line.buckets[-1] == "2024-05-01"
    assert sum(line.series[person]) == 2 and sum(line.articles) == 6


def test_an_empty_library_and_bad_arguments(lib):
    empty = timeline(lib)
    assert empty.buckets == () and empty.articles == () and empty.undated == 0
    with pytest.raises(ValueError, match="unknown unit"):
        timeline(lib, unit="year")
    with pytest.raises(ValueError, match="unknown placing"):
        mention_counts(lib, ["x"], DAY, by="sometime")


def test_the_library_list_narrowed_to_a_range_of_days(dated):
    """What the timeline's brush asks of the list: by article date, or by mentioned date."""
    lib, ids, _person = dated
    march = {"date_from": "2024-03-05", "date_to": "2024-03-31"}
    assert articles.count(lib, **march) == 3
    assert [a.id for a in articles.list_articles(lib, **march)] == ids[1:4]
    assert articles.row_of(lib, ids[2], **march) == 1
    assert articles.row_of(lib, ids[0], **march) is None
    mentioned = {"mentions_from": "2023-01-01", "mentions_to": "2023-02-28"}
    assert [a.id for a in articles.list_articles(lib, **mentioned)] == [ids[0], ids[4]]
    assert articles.count(lib, "خبر", **mentioned) == 2
