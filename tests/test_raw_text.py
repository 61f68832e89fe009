"""The raw text stored compressed (`library.storage.raw_text`, migration 7)."""

import json
import sqlite3
import tracemalloc

import pytest

from library.storage import migrations
from library.storage.articles import get_article
from library.storage.raw_text import NeedsText, pack, raw_of, reference, unpack, uses_reference
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


# --- packed against the article's own text (schema 11) -----------------------------------

TITLE = "وزير الزراعة يفتتح سوق المزارعين"
BODY = "افتتح وزير الزراعة أمس سوقاً أسبوعية للمزارعين في ساحة البلدية، بحضور ممثلي التعاونيات."


@pytest.mark.parametrize("text", TEXTS)
def test_packed_against_the_text_round_trips(text):
    packed = pack(text, BODY)
    assert uses_reference(packed)
    assert unpack(packed, BODY) == text
    assert unpack(("", packed, BODY)) == text
    with pytest.raises(NeedsText):
        unpack(packed)
    assert not uses_reference(pack(text))


LINES = [
    BODY,
    "وقال رئيس التعاونية إن الأسعار ستبقى ثابتة حتى نهاية الموسم رغم ارتفاع كلفة النقل.",
    "وتضم السوق أربعين كشكاً للخضار والفواكه والعسل والأجبان القادمة من القرى المجاورة.",
    "وأشارت البلدية إلى أن الدخول مجاني، وأن حافلات إضافية ستعمل صباح كل جمعة.",
]


def test_raw_text_that_is_nearly_the_body_takes_a_few_dozen_bytes():
    body = "\n".join(LINES)
    raw = f"{TITLE}\n\n{body}\n"
    alone, against = len(pack(raw)), len(pack(raw, body))
    assert against < 40 and alone > len(raw.encode()) / 4


def test_a_body_longer_than_the_window_still_round_trips():
    body = "".join(f"الفقرة {n}: {BODY}\n" for n in range(600))  # ~70 KB, over 32 KiB
    raw = f"{TITLE}\n\n{body}"
    assert len(reference(body)) == 32 * 1024
    assert unpack(pack(raw, body), body) == raw


def _import_one(tmp_path, text: str):
    """A library holding one article read from a .txt file of `text`, and the raw text
    the reader made of it (line ends made \\n, outer blank lines dropped)."""
    from pathlib import Path

    from library.ingest.formats import read_bytes
    from library.ingest.importer import import_paths

    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    lib = open_library(tmp_path / "l.sqlite")
    (article_id,) = import_paths(lib, [source]).articles
    (draft,) = read_bytes(Path("a.txt"), text.encode(), None)
    return lib, article_id, draft.raw


def test_an_imported_plain_text_article_reads_back_its_raw_text(tmp_path):
    lib, article_id, raw = _import_one(tmp_path, f"{TITLE}\r\n\r\n" + "\r\n".join(LINES))
    with lib:
        raw_z = lib.conn.execute("SELECT raw_z FROM articles").fetchone()[0]
        assert uses_reference(raw_z) and len(raw_z) < len(raw.encode()) / 3
        assert raw_of(lib, article_id) == raw == get_article(lib, article_id).raw
        sql = "SELECT hashiya_raw(raw, raw_z, body) FROM articles"
        assert lib.conn.execute(sql).fetchone()[0] == raw


def test_a_new_text_packs_the_raw_text_again(tmp_path):
    from library.storage.articles import replace_text

    lib, article_id, raw = _import_one(tmp_path, f"{TITLE}\n\n" + "\n".join(LINES))
    with lib:
        replace_text(lib, article_id, title="عنوان آخر", body="نص آخر تماماً.")
        assert raw_of(lib, article_id) == raw
        assert get_article(lib, article_id).body == "نص آخر تماماً."


def test_another_programs_edit_of_the_body_cannot_lose_the_raw_text(tmp_path):
    lib, article_id, raw = _import_one(tmp_path, f"{TITLE}\n\n" + "\n".join(LINES))
    with lib:
        with pytest.raises(sqlite3.IntegrityError, match="compressed against this body"):
            lib.conn.execute("UPDATE articles SET body = 'x' WHERE id = ?", (article_id,))
        assert raw_of(lib, article_id) == raw
        # Storing the raw text again beside the edit is allowed, and reads back.
        lib.conn.execute(
            "UPDATE articles SET body = 'x', raw = ?, raw_z = NULL WHERE id = ?", (raw, article_id)
        )
        assert raw_of(lib, article_id) == raw
        # Other columns stay editable, the title too (metadata): the raw text does not
        # depend on it.
        lib.conn.execute("UPDATE articles SET title = 'عنوان' WHERE id = ?", (article_id,))
        assert raw_of(lib, article_id) == raw
