"""A date mention keeps its normalised ISO 8601 value (migration 4), and the library can
be narrowed to the articles that mention a date in a range."""

from __future__ import annotations

import json
import sqlite3

import pytest

from library.cli import main
from library.ingest.importer import import_paths
from library.marks.annotations import annotations_for
from library.marks.entities import tag_entity
from library.search.engine import search
from library.storage import migrations
from library.storage.filters import Filters
from library.storage.store import open_library

# Original sentences, one article each; every one holds the word "الميناء" to search by.
ARTICLES = {
    "a.txt": "افتتاح الميناء\n\nافتتح الميناء الجديد في 12 مارس 2024 بحضور الوزير.",
    "b.txt": "توسعة الميناء\n\nبدأت توسعة الميناء في مايو 2023 وتنتهي العام المقبل.",
    "c.txt": "مؤتمر الميناء\n\nيعقد مؤتمر الميناء بين 30 ديسمبر 2024 و2 يناير 2025.",
    "d.txt": "تاريخ الميناء\n\nبني الميناء عام 1998 على الساحل الشمالي.",
    "e.txt": "عيد الميناء\n\nيحتفل عمال الميناء كل عام في 5 أبريل بعيدهم.",
}
# (file, the date's words in the body, its value)
DATES = [
    ("a.txt", "12 مارس 2024", "2024-03-12"),
    ("b.txt", "مايو 2023", "2023-05"),
    ("c.txt", "30 ديسمبر 2024 و2 يناير 2025", "2024-12-30/2025-01-02"),
    ("d.txt", "1998", "1998"),
    ("e.txt", "5 أبريل", "--04-05"),  # no year: no place in time
]


@pytest.fixture
def dated(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, "utf-8")
    lib = open_library(tmp_path / "lib.sqlite")
    import_paths(lib, [src], workers=0)
    ids = {}
    for name, words, value in DATES:
        row = lib.conn.execute(
            "SELECT id, body FROM articles WHERE source_path LIKE ?", (f"%{name}",)
        ).fetchone()
        start = row[1].index(words)
        tag_entity(
            lib, row[0], start, start + len(words), entity_type="date", name=words, value=value
        )
        ids[name] = row[0]
    yield lib, ids
    lib.close()


def matching(lib, **limits) -> set[int]:
    return {h.article_id for h in search(lib, "الميناء", limit=50, filters=Filters(**limits))}


def test_the_value_is_stored_with_the_mention_and_read_back(dated):
    lib, ids = dated
    (mention,) = annotations_for(lib, ids["c.txt"])
    assert mention.value == "2024-12-30/2025-01-02"
    assert mention.to_json()["value"] == "2024-12-30/2025-01-02"


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        ({"mentions_from": "2024-03-12", "mentions_to": "2024-03-12"}, {"a.txt"}),
        ({"mentions_from": "2024-03-13", "mentions_to": "2024-03-31"}, set()),
        # a month meets any day of it, from either side
        ({"mentions_from": "2023-05-31", "mentions_to": "2023-06-30"}, {"b.txt"}),
        ({"mentions_from": "2023-04-01", "mentions_to": "2023-05-01"}, {"b.txt"}),
        # an interval meets a range that holds only its end
        ({"mentions_from": "2025-01-01"}, {"c.txt"}),
        ({"mentions_to": "2024-12-31", "mentions_from": "2024-12-31"}, {"c.txt"}),
        # a year
        ({"mentions_from": "1998-07-01", "mentions_to": "1998-07-01"}, {"d.txt"}),
        ({"mentions_to": "2000"}, {"d.txt"}),
        ({"mentions_from": "1999", "mentions_to": "2023-04-30"}, set()),
    ],
)
def test_articles_that_mention_a_date_in_a_range(dated, limits, expected):
    lib, ids = dated
    assert matching(lib, **limits) == {ids[n] for n in expected}
    # the year-less date never matches, whatever the range
    assert ids["e.txt"] not in matching(lib, mentions_from="0001", mentions_to="9999")


def test_search_on_the_command_line_takes_the_range(dated, capsys):
    lib, ids = dated
    path = str(lib.path)
    code = main(["--library", path, "search", "الميناء", "--mentions-from", "2024-01-01", "--json"])
    assert code == 0
    found = {r["article"] for r in json.loads(capsys.readouterr().out)}
    assert found == {ids["a.txt"], ids["c.txt"]}


def test_migration_4_adds_the_column_to_an_earlier_library(tmp_path):
    from library.storage.store import Library, connect

    path = tmp_path / "v3.sqlite"
    v3 = Library(connect(path), path, readonly=False)
    migrations.migrate(v3, migrations.MIGRATIONS[:3])
    assert v3.schema_version == 3
    v3.close()
    conn = sqlite3.connect(path)
    assert "value" not in [r[1] for r in conn.execute("PRAGMA table_info(annotations)")]
    conn.close()
    with open_library(path) as lib:
        assert lib.schema_version == migrations.latest_version() >= 4
        columns = [r[1] for r in lib.conn.execute("PRAGMA table_info(annotations)")]
        assert "value" in columns


# --- the value travels with the mention through the exports ---------------------------------


def every_annotation(lib):
    ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles")]
    return [a for article_id in ids for a in annotations_for(lib, article_id)]


def _export(lib, fmt: str, target):
    from library.exchange import Selection, export

    export(lib, fmt, target, Selection())
    return target


def test_tei_dates_carry_when_or_from_to_and_stay_valid(dated, tmp_path):
    from lxml import etree
    from test_export_formats import TEI, tei_all

    lib, _ids = dated
    root = etree.parse(str(_export(lib, "tei", tmp_path / "n.xml"))).getroot()
    dates = {d.text: dict(d.attrib) for d in root.iter(f"{TEI}date") if d.get("ref")}
    assert dates["12 مارس 2024"]["when"] == "2024-03-12"
    assert dates["مايو 2023"]["when"] == "2023-05"
    interval = dates["30 ديسمبر 2024 و2 يناير 2025"]
    assert (interval["from"], interval["to"]) == ("2024-12-30", "2025-01-02")
    assert dates["5 أبريل"]["when"] == "--04-05"
    schema = tei_all()
    assert schema.validate(root), schema.error_log  # W3C date types TEI accepts


def test_w3c_keeps_the_value_and_imports_it_back(dated, tmp_path):
    from library.exchange.import_annotations import import_annotations

    lib, _ids = dated
    path = _export(lib, "json", tmp_path / "n.jsonld")
    items = json.loads(path.read_text("utf-8"))["first"]["items"]
    values = {
        b["value"]
        for item in items
        for b in item["body"]
        if isinstance(b, dict) and b.get("purpose") == "describing"
    }
    assert values == {v for _f, _w, v in DATES}
    # Into a library holding the same articles and no annotations: the values come along.
    copy = tmp_path / "copy.sqlite"
    with open_library(copy) as other:
        import_paths(other, [tmp_path / "src"], workers=0)
        report = import_annotations(other, path)
        assert report.added == len(DATES), report
        got = {a.exact: a.value for a in every_annotation(other)}
    assert got == {w: v for _f, w, v in DATES}


def test_brat_carries_no_value_and_the_import_reads_it_from_the_words(dated, tmp_path):
    from library.exchange.import_annotations import import_annotations

    lib, _ids = dated
    path = _export(lib, "brat", tmp_path / "brat")
    with open_library(tmp_path / "copy.sqlite") as other:
        import_paths(other, [tmp_path / "src"], workers=0)
        import_annotations(other, path)
        got = {a.exact: a.value for a in every_annotation(other)}
    assert got["12 مارس 2024"] == "2024-03-12" and got["1998"] == "1998"
