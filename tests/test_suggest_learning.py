"""Suggestions merged with the model learned from the user's tagging: its source and
confidence, the threshold, the CLI, and date values whoever found the date."""

from __future__ import annotations

import json

import pytest
from test_recommender import ARTICLES, NAMES

from library.cli import main
from library.ingest.importer import import_paths
from library.marks import learning
from library.marks.entities import tag_entity
from library.marks.suggest import (
    LEARNED_FLOOR,
    Suggestion,
    accept,
    suggest,
    suggest_text,
    with_learned,
)
from library.storage.store import open_library

# The rules know no title المحتسب: only the model, trained on the tagged articles, does.
UNSEEN = "وقال المحتسب قرطان بلهوز إن التدقيق انتهى."
UNSEEN_NAME = "قرطان بلهوز"


@pytest.fixture
def library(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for n, body in enumerate([*ARTICLES, UNSEEN]):
        (src / f"{n}.txt").write_text(f"خبر {n}\n\n{body}", "utf-8")
    path = tmp_path / "lib.sqlite"
    with open_library(path) as lib:
        import_paths(lib, [src], workers=0)
        ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles ORDER BY source_path")]
        for article_id, names in zip(ids, [*NAMES, []], strict=True):
            (body,) = lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,))
            for name in names:
                start = body[0].index(name)
                tag_entity(lib, article_id, start, start + len(name), entity_type="person")
    return path, ids


def test_the_rules_alone_miss_what_the_model_learned(library):
    path, ids = library
    assert UNSEEN_NAME not in {s.text for s in suggest_text(UNSEEN)}
    with open_library(path) as lib:
        model = learning.train(learning.examples_from_library(lib))
        found = {s.text: s for s in suggest(lib, ids[4], model=model)}
    learned = found[UNSEEN_NAME]
    assert (learned.type, learned.source) == ("person", "learned")
    assert 0.5 < learned.confidence <= 1.0


def test_agreement_raises_confidence_and_a_sure_rule_is_not_overruled():
    text = "زار الوفد مدينة طرابلس أمس."
    start = text.index("طرابلس")
    rule = Suggestion(start, start + 6, "طرابلس", "place", "gazetteer", "place", confidence=0.6)

    class Model:
        def __init__(self, *predictions):
            self.predictions = predictions

        def predict(self, _text):
            return list(self.predictions)

    agreeing = learning.Prediction(start, start + 6, "place", 0.5)
    (merged,) = with_learned(text, [rule], Model(agreeing))
    assert merged.source == "gazetteer" and merged.confidence == pytest.approx(0.8)
    # A learned span over the rule's, however sure: left out (the model fills gaps).
    over = learning.Prediction(text.index("مدينة"), start + 6, "organisation", 0.99)
    assert with_learned(text, [rule], Model(over)) == [rule]
    # Where nothing else is suggested: offered when the model is sure enough, not below.
    alone = text.index("الوفد")
    sure = learning.Prediction(alone, alone + 5, "organisation", LEARNED_FLOOR + 0.01)
    unsure = learning.Prediction(alone, alone + 5, "organisation", LEARNED_FLOOR - 0.01)
    assert [s.source for s in with_learned(text, [rule], Model(sure))] == ["gazetteer", "learned"]
    assert with_learned(text, [rule], Model(unsure)) == [rule]
    # A type the library no longer has is not suggested.
    assert with_learned(text, [rule], Model(sure), types=["place"]) == [rule]


def test_the_threshold_drops_what_is_less_sure():
    text = "وقال أمين العلي في تونس إن الاجتماع عقد في 2021."
    everything = suggest_text(text)
    assert len({round(s.confidence, 2) for s in everything}) > 1
    cut = sorted(s.confidence for s in everything)[len(everything) // 2]
    kept = suggest_text(text, min_confidence=cut)
    assert kept and all(s.confidence >= cut for s in kept)
    assert len(kept) < len(everything)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_suggest_on_the_command_line_learns_and_filters(library, capsys):
    path, ids = library
    lib_args = ("--library", str(path))
    code, out, _ = run(capsys, "suggest", str(ids[4]), "--json", *lib_args)
    assert code == 0
    got = {s["text"]: s for s in json.loads(out)}
    assert got[UNSEEN_NAME]["source"] == "learned"
    assert set(got[UNSEEN_NAME]) >= {"confidence", "value", "source", "type"}
    code, out, _ = run(capsys, "suggest", str(ids[4]), "--json", "--no-learning", *lib_args)
    assert UNSEEN_NAME not in {s["text"] for s in json.loads(out)}
    code, out, _ = run(capsys, "suggest", str(ids[4]), "--json", "--min-confidence", "1", *lib_args)
    assert code == 0 and all(s["confidence"] >= 1 for s in json.loads(out))
    for bad in ("1.5", "-0.1", "sure"):
        code, _, err = run(capsys, "suggest", str(ids[4]), "--min-confidence", bad, *lib_args)
        assert code == 2 and "confidence" in err


def test_a_date_mention_keeps_its_value_however_it_was_tagged(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("خبر\n\nافتتح المعرض في 15 رمضان 1445 هـ واختتم عام ٢٠٢٤ بحضور الوزير.", "utf-8")
    with open_library(tmp_path / "lib.sqlite") as lib:
        import_paths(lib, [src], workers=0)
        (article_id, body) = lib.conn.execute("SELECT id, body FROM articles").fetchone()
        # accepted from a suggestion: the rule's value
        (hijri,) = [s for s in suggest(lib, article_id) if s.type == "date" and "رمضان" in s.text]
        assert accept(lib, article_id, hijri).annotation.value == "2024-03-25"
        # tagged by hand: read from its words
        start = body.index("٢٠٢٤")
        tagging = tag_entity(lib, article_id, start, start + 4, entity_type="date")
        assert tagging.annotation.value == "2024"
        # not a date type: no value
        start = body.index("الوزير")
        assert (
            tag_entity(lib, article_id, start, start + 6, entity_type="person").annotation.value
            is None
        )
