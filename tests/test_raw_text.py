"""The raw text stored compressed (`library.storage.raw_text`, migration 7)."""

import json
import tracemalloc

import pytest

from library.storage import migrations
from library.storage.articles import get_article
from library.storage.raw_text import pack, raw_of, unpack
from library.storage.store import Library, connect, open_library

TEXTS = [
    "",
    "مُحَمَّد 😀 التعاون",
    "سطر أول\r\n\r\nالنـزاعات «الأمم» 2024 ٢٠٢٤\n" * 50,
    "emoji only 👩‍👩‍👧‍👦🇸🇦",
    "\ufeffBOM and NUL \x00 inside",
]


@pytest.mark.parametrize("text", TEXTS)
def test_pack_and_unpack_round_trip(text):
    packed = pack(text)
    assert isinstance(packed, bytes)
    assert unpack(packed) == text
    assert unpack(memoryview(packed)) == text
    # A row: raw_z when set, else raw (what an importer that still writes raw leaves).
    assert unpack(("", packed)) == text
    assert unpack((text, None)) == text
    assert unpack(None) == ""


def test_long_arabic_text_is_stored_in_a_third_of_its_bytes():
    text = "أعلن وزير الخارجية أمس في العاصمة خطة لتطوير شبكة الطرق، بحسب بيان رسمي. " * 40
    assert len(pack(text)) < len(text.encode()) / 3


def _insert(lib, n, raw):
    lib.conn.execute(
        "INSERT INTO articles (title, body, source_path, format, encoding, raw, content_hash,"
        " words, imported_at) VALUES (?, 'نص', 'a.txt', 'text', 'utf-8', ?, ?, 1, '2024')",
        (f"خبر {n}", raw, f"h{n}"),
    )


def test_migration_7_keeps_an_earlier_librarys_raw_text(tmp_path):
    path = tmp_path / "v6.sqlite"
    v6 = Library(connect(path), path, readonly=False)
    migrations.migrate(v6, migrations.MIGRATIONS[:6])
    for n, text in enumerate(TEXTS):
        _insert(v6, n, text)
    v6.close()
    with open_library(path) as lib:
        assert lib.schema_version == migrations.latest_version() >= 7
        rows = lib.conn.execute("SELECT id, raw, raw_z FROM articles ORDER BY id").fetchall()
        assert all(r["raw"] == "" and r["raw_z"] is not None for r in rows)
        assert [raw_of(lib, r["id"]) for r in rows] == TEXTS
        assert [get_article(lib, r["id"]).raw for r in rows] == TEXTS
        assert [
            r[0]
            for r in lib.conn.execute("SELECT hashiya_raw(raw, raw_z) FROM articles ORDER BY id")
        ] == TEXTS
        assert raw_of(lib, 10_000) == ""


def test_migration_7_packs_a_big_table_in_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(migrations, "RAW_BATCH", 50)
    path = tmp_path / "v6.sqlite"
    v6 = Library(connect(path), path, readonly=False)
    migrations.migrate(v6, migrations.MIGRATIONS[:6])
    big = "خبر طويل عن التعاون الإقليمي في مجال الطاقة المتجددة " * 400  # ~40 KB
    with v6.transaction():
        for n in range(600):  # ~24 MB of raw text
            _insert(v6, n, big + str(n))
    v6.close()
    seen = []
    from library.storage import raw_text

    real_pack = raw_text.pack

    def counting_pack(text):
        seen.append(len(text))
        return real_pack(text)

    monkeypatch.setattr(raw_text, "pack", counting_pack)
    tracemalloc.start()
    with open_library(path) as lib:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(seen) == 600
        assert raw_of(lib, 1) == big + "0" and raw_of(lib, 600) == big + "599"
    # 50 rows of ~80 KB of Python strings at a time, never the 600 of them (~48 MB).
    assert peak < 15 * 2**20


def test_rows_written_with_raw_still_read_back(tmp_path):
    """An importer that writes `raw` (raw_z NULL) into a schema-7 library."""
    with open_library(tmp_path / "l.sqlite") as lib:
        _insert(lib, 1, "نص خام\r\n")
        (article_id,) = lib.conn.execute("SELECT id FROM articles").fetchone()
        assert raw_of(lib, article_id) == "نص خام\r\n"
        assert get_article(lib, article_id).raw == "نص خام\r\n"


def test_every_reader_of_the_raw_text_sees_the_same_text(tmp_path):
    from library.exchange.selection import Selection, collect

    with open_library(tmp_path / "l.sqlite") as lib:
        _insert(lib, 1, "نص خام\r\nقديم")
        lib.conn.execute(
            "INSERT INTO articles (title, body, source_path, format, encoding, raw, raw_z,"
            " content_hash, words, imported_at) VALUES ('خبر', 'نص', 'b.txt', 'text', 'utf-8',"
            " '', ?, 'h2', 1, '2024')",
            (pack("نص خام 😀\nجديد"),),
        )
        old, new = (r[0] for r in lib.conn.execute("SELECT id FROM articles ORDER BY id"))
        exported = collect(lib, Selection(article_ids=(old, new)), every_article=True, raw=True)
        by_id = {a.id: a.raw for a, _ in exported.items}
        assert by_id == {old: "نص خام\r\nقديم", new: "نص خام 😀\nجديد"}
        assert get_article(lib, new).raw == "نص خام 😀\nجديد"
        assert json.dumps(get_article(lib, new).to_json(), ensure_ascii=False)
