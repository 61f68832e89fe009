"""The learned recommender's life: trained from the library, cached with the stamp it was
trained at, reused while nothing changes, retrained after an edit, never trusted when
its cache file is damaged."""

from __future__ import annotations

import pytest

from library.ingest.importer import import_paths
from library.marks import learning, recommender
from library.marks.entities import tag_entity, untag
from library.storage.store import open_library

# Written for these tests: a title no lexicon knows (المحتسب) before persons.
ARTICLES = [
    "قال المحتسب سالم الوادي إن التقرير جاهز.\nوأكد المحتسب نادر القاسم أن اللجنة ستجتمع.",
    "وصل المحتسب فارس الحلبي إلى المدينة.\nواستقبله المحتسب كريم العطار في المقر.",
    "أعلن المحتسب هاني الشامي نتائج التدقيق.\nوقال المحتسب وائل البنا إن الأرقام دقيقة.",
    "التقى المحتسب جميل الساعدي بالصحفيين صباح اليوم.",
]
NAMES = [
    ["سالم الوادي", "نادر القاسم"],
    ["فارس الحلبي", "كريم العطار"],
    ["هاني الشامي", "وائل البنا"],
    [],
]


@pytest.fixture
def lib(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n, body in enumerate(ARTICLES):
        (src / f"{n}.txt").write_text(f"خبر {n}\n\n{body}", "utf-8")
    lib = open_library(tmp_path / "lib.sqlite")
    import_paths(lib, [src], workers=0)
    ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles ORDER BY source_path")]
    for article_id, names in zip(ids, NAMES, strict=True):
        body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        for name in names:
            start = body[0].index(name)
            tag_entity(lib, article_id, start, start + len(name), entity_type="person")
    lib.ids = ids
    yield lib
    lib.close()


def test_the_model_learns_from_the_library_and_is_cached(lib, monkeypatch):
    model = recommender.current_model(lib)
    assert model is not None
    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (lib.ids[3],)).fetchone()[0]
    found = {(body[p.start : p.end], p.type) for p in model.predict(body)}
    assert ("جميل الساعدي", "person") in found
    # Nothing changed: the cached model is used, nothing is trained again.
    calls = []
    monkeypatch.setattr(recommender, "train", lambda *a, **k: calls.append(1))
    again, fresh = recommender.stored_model(lib)
    assert fresh and again is not None and recommender.current_model(lib) is not None
    assert calls == []


def test_an_edit_makes_the_cached_model_stale(lib):
    recommender.current_model(lib)
    before = recommender.training_stamp(lib)
    body = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (lib.ids[3],)).fetchone()[0]
    start = body.index("جميل الساعدي")
    tagging = tag_entity(lib, lib.ids[3], start, start + 12, entity_type="person")
    assert recommender.training_stamp(lib) != before
    stale, fresh = recommender.stored_model(lib)
    assert stale is not None and not fresh
    # Without retraining, the stale model still serves (the reader trains in the background).
    served = recommender.current_model(lib, retrain=False)
    assert served is not None and served.trained_on == stale.trained_on == 3
    assert recommender.current_model(lib).trained_on == 4
    assert recommender.stored_model(lib)[1]
    # Taking the tag back is a change too.
    stamp = recommender.training_stamp(lib)
    untag(lib, tagging)
    assert recommender.training_stamp(lib) != stamp


def test_a_damaged_cache_file_is_ignored_and_replaced(lib):
    recommender.current_model(lib)
    path = recommender.cache_path(lib)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert recommender.stored_model(lib) == (None, False)
    assert recommender.current_model(lib) is not None
    assert recommender.stored_model(lib)[1]
    path.write_bytes(b"not a model at all")
    assert recommender.stored_model(lib) == (None, False)


def test_a_library_with_nothing_tagged_has_no_model(tmp_path):
    with open_library(tmp_path / "empty.sqlite") as lib:
        assert recommender.current_model(lib) is None
        assert not recommender.cache_path(lib).exists()
        assert recommender.stored_model(lib) == (None, True)  # nothing to train for


def test_training_keeps_the_latest_tagged_articles(lib, monkeypatch):
    seen = []
    monkeypatch.setattr(recommender, "MAX_ARTICLES", 2)
    real = learning.train
    monkeypatch.setattr(recommender, "train", lambda ex: seen.extend(ex) or real(ex))
    recommender.train_model(lib)
    texts = [e.text for e in seen if e.spans]
    assert len(texts) == 2 and all("سالم الوادي" not in t for t in texts)
