"""What the user's decisions teach the suggestions across the library
(`library.marks.feedback`): a rejection elsewhere, a retyped name, an ambiguous one-word
name, undo; and the learned model that sees the rules' suggestions."""

from __future__ import annotations

import pytest

from library.ingest.importer import import_paths
from library.marks import feedback as fb
from library.marks import learning
from library.marks.entities import tag_entity
from library.marks.feedback import Feedback, build, feedback, folded
from library.marks.learning_features import sequence_features
from library.marks.suggest import (
    Suggestion,
    accept,
    candidates,
    forget_decision,
    reject,
    resolve,
    restore_decision,
    suggest,
    suggest_text,
    with_feedback,
    with_learned,
)
from library.storage.store import open_library
from library.text.arabic import tokens

# Written for these tests.
CAIRO_A = "وصل الوزير إلى القاهرة صباحاً وعقد لقاء مع الصحفيين."
CAIRO_B = "غادر الوفد إلى القاهرة مساء أمس بعد الاجتماع."
CAIRO_C = "عاد السفير إلى القاهرة بعد جولة طويلة."
HOPE_TAGGED = "أعلنت الأمل عن برنامج جديد للشباب."
HOPE_WORDS = "قال الدكتور عادل فهمي إن الأمل كبير، وإن الأمل لا يموت."
HOPE_ONCE = "أعلنت الأمل خطتها. وقالت الأمل إن الخطة جاهزة."
HOPE_NEW = "يبقى الأمل قائما في المدينة."


def add(lib, folder, *bodies: str) -> list[int]:
    folder.mkdir(exist_ok=True)
    start = len(list(folder.iterdir()))
    for n, body in enumerate(bodies, start):
        (folder / f"{n:03d}.txt").write_text(f"خبر {n}\n\n{body}", "utf-8")
    paths = [folder / f"{n:03d}.txt" for n in range(start, start + len(bodies))]
    return list(import_paths(lib, paths, workers=0).articles)


def body(lib, article_id: int) -> str:
    return lib.conn.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()[0]


def tag(lib, article_id: int, words: str, kind: str, nth: int = 0):
    text = body(lib, article_id)
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return tag_entity(lib, article_id, start, start + len(words), entity_type=kind)


def found(lib, article_id: int, **kw) -> dict[str, Suggestion]:
    return {s.text: s for s in suggest(lib, article_id, **kw)}


@pytest.fixture
def lib(tmp_path):
    lib = open_library(tmp_path / "lib.sqlite")
    lib.folder = tmp_path / "src"
    yield lib
    lib.close()


# --- decisions across articles ----------------------------------------------------------


def test_a_name_rejected_in_one_article_is_not_suggested_in_another(lib):
    a, b = add(lib, lib.folder, CAIRO_A, CAIRO_B)
    assert found(lib, b)["القاهرة"].type == "place"
    decision = reject(lib, a, found(lib, a)["القاهرة"])
    assert "القاهرة" not in found(lib, b)
    # Without learning, the rejection stays in its own article, as before.
    assert "القاهرة" in found(lib, b, learn=False)
    # Undo brings it back everywhere; redo takes it away again.
    forget_decision(lib, decision.id)
    assert found(lib, b)["القاهرة"].confidence == pytest.approx(0.9)
    restore_decision(lib, decision)
    assert "القاهرة" not in found(lib, b)


def test_accepted_as_often_as_rejected_it_stays_and_says_how_sure(lib):
    a, b, c = add(lib, lib.folder, CAIRO_A, CAIRO_B, CAIRO_C)
    accept(lib, c, found(lib, c)["القاهرة"])
    reject(lib, a, found(lib, a)["القاهرة"])
    cairo = found(lib, b)["القاهرة"]
    # Rejected in one article, accepted in one, from the gazetteer's 0.9:
    # (1 + 0.9) / (1 + 1 + 1); found again as the user's entity, which wins on ties.
    assert cairo.type == "place"
    assert 0.5 < cairo.confidence <= 1.0
    words = folded("القاهرة")
    verdict = feedback(lib).judge(words, "place", 0.9)
    assert verdict is not None and verdict.confidence == pytest.approx(1.9 / 3, abs=1e-3)
    # Accepted twice, never rejected: surer than the gazetteer alone.
    assert Feedback({words: {"place": (2, 0)}}).judge(words, "place", 0.6).confidence > 0.6


def test_a_retyped_name_comes_back_with_the_users_type(lib):
    a, b = add(lib, lib.folder, CAIRO_A, CAIRO_B)
    reject(lib, a, found(lib, a)["القاهرة"])
    tag(lib, a, "القاهرة", "organisation")
    again = [s for s in suggest(lib, b) if s.text == "القاهرة"]
    assert [s.type for s in again] == ["organisation"]
    # The retyping is the feedback's, not only the user's entity found again: with the
    # library's feedback and no entities, the gazetteer's place comes back retyped.
    (retyped,) = suggest_text(body(lib, b), feedback=feedback(lib))
    assert (retyped.type, retyped.source) == ("organisation", "gazetteer")
    assert retyped.confidence == pytest.approx(0.95)
    assert [s.type for s in suggest_text(body(lib, b))] == ["place"]


def test_a_retyped_date_loses_its_value_and_a_new_date_gets_one():
    words = folded("12 مايو 2024")
    text = "عقد الاجتماع في 12 مايو 2024 في المدينة."
    (date,) = [s for s in suggest_text(text) if s.type == "date"]
    assert date.value
    (other,) = with_feedback([date], Feedback({words: {"event": (2, 0)}}))
    assert (other.type, other.value) == ("event", "")


CITIES = ("القاهرة", "بغداد", "دمشق", "عمان", "تونس")


def test_a_rule_the_user_keeps_rejecting_fades_for_other_words_too(lib):
    ids = add(lib, lib.folder, *(f"زار الوفد {city} أمس." for city in CITIES))
    for article_id in ids[:2]:
        (place,) = suggest(lib, article_id)
        reject(lib, article_id, place)
    # The gazetteer's places rejected twice, never accepted: 0.9 worth 4 decisions.
    (tunis,) = suggest(lib, ids[4])
    assert (tunis.text, tunis.source) == ("تونس", "gazetteer")
    assert tunis.confidence == pytest.approx(4 * 0.9 / 6, abs=1e-3)
    for article_id in ids[2:4]:
        (place,) = suggest(lib, article_id)
        reject(lib, article_id, place)
    assert feedback(lib).rules[("gazetteer", "place", "place")] == (0, 4)
    assert suggest(lib, ids[4]) == []
    # What the user tags of that rule's suggestions counts for it.
    tag(lib, ids[4], "تونس", "place")
    assert feedback(lib).rules[("gazetteer", "place", "place")] == (1, 4)


def test_a_refused_long_name_still_hides_the_words_inside_it():
    text = "افتتح الوزير «منتدى القاهرة للحوار» أمس."
    name = folded("منتدى القاهرة للحوار")
    refused = Feedback({name: dict.fromkeys(("organisation", "event", "person"), (0, 3))})
    assert [s.text for s in suggest_text(text)] == ["منتدى القاهرة للحوار"]
    assert suggest_text(text, feedback=refused) == []
    # Taken away before `resolve`, it would have let the place inside it through.
    dropped: list[Suggestion] = []
    kept = with_feedback(candidates(text), refused, dropped=dropped)
    assert [s.text for s in resolve(kept)] == ["القاهرة"]
    assert resolve(kept, dropped) == []


# --- one-word names of the user's ---------------------------------------------------------


def test_an_ambiguous_one_word_name_is_not_found_again(lib):
    tagged, words, new = add(lib, lib.folder, HOPE_TAGGED, HOPE_WORDS, HOPE_NEW)
    tag(lib, tagged, "الأمل", "organisation")
    # Before the user tagged anything in the article where the word is a common noun,
    # the name is found again...
    assert found(lib, new)["الأمل"].source == "entity"
    # ... after: that article is the user's (a name tagged there), and its two "الأمل"
    # were left untagged, so the name proved right once in three.
    tag(lib, words, "عادل فهمي", "person")
    assert feedback(lib).seen[("organisation", folded("الأمل"))] == (1, 2)
    assert "الأمل" not in found(lib, new)
    # Names of several words are not judged so.
    assert "عادل فهمي" in {s.text for s in suggest_text(HOPE_WORDS)}


def test_a_name_tagged_once_in_an_article_is_not_counted_against_there(lib):
    once, new = add(lib, lib.folder, HOPE_ONCE, HOPE_NEW)
    tag(lib, once, "الأمل", "organisation")  # the first mention only, a common habit
    assert feedback(lib).seen[("organisation", folded("الأمل"))] == (1, 0)
    assert found(lib, new)["الأمل"].source == "entity"


def test_the_feedback_is_rebuilt_only_when_the_library_changed(lib, monkeypatch):
    a, b = add(lib, lib.folder, CAIRO_A, CAIRO_B)
    first = feedback(lib)
    assert feedback(lib) is first
    builds = []
    real = fb.from_library
    monkeypatch.setattr(fb, "from_library", lambda lib: builds.append(1) or real(lib))
    suggest(lib, b)
    assert builds == []
    reject(lib, a, found(lib, a)["القاهرة"])
    assert feedback(lib) is not first and builds == [1]


def test_the_feedback_outlives_the_connection_it_was_built_on(lib, monkeypatch):
    """The reader opens the library anew for each suggestions job: the feedback of an
    unchanged library file is built once, not once per article shown."""
    _a, b = add(lib, lib.folder, CAIRO_A, CAIRO_B)
    first = feedback(lib)
    builds = []
    real = fb.from_library
    monkeypatch.setattr(fb, "from_library", lambda lib: builds.append(1) or real(lib))
    for _ in range(2):
        with open_library(lib.path, readonly=True) as job:
            assert feedback(job) is first
            suggest(job, b)
    assert builds == []


def test_the_feedback_from_plain_data_is_the_librarys():
    data = build(
        [(1, "place", "القاهرة"), (2, "place", "القاهرةُ")],
        [(3, "place", folded("القاهرة")), (3, "organisation", folded("الأمل"))],
    )
    assert data.said[folded("القاهرة")] == {"place": (2, 1)}
    assert data.judge(folded("الأمل"), "organisation", 0.9) is None
    assert data.judge(folded("الأمل"), "organisation", 0.9, entity=True) is None
    assert not build([], [])
    # Without evidence about its words, a suggestion is left as its source made it,
    # however unsure.
    assert data.judge(folded("بغداد"), "place", 0.3).confidence == 0.3


# --- the learned model -----------------------------------------------------------------


class Judge:
    """A model that finds nothing and gives every span asked about `probability`."""

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def assess(self, text, spans, hints=None):
        return [], [self.probability for _ in spans]


def test_a_one_word_name_is_offered_only_where_the_model_does_not_object():
    text = HOPE_NEW
    start = text.index("الأمل")
    name = Suggestion(start, start + 5, "الأمل", "organisation", "entity", "entity", "الأمل",
                      "e1", confidence=0.95)  # fmt: skip
    words = text.index("قائما")
    longer = Suggestion(words, words + 5 + 1 + 5, text[words : words + 11], "organisation",
                        "entity", "entity", confidence=0.95)  # fmt: skip
    place = Suggestion(text.index("المدينة"), len(text) - 1, "المدينة", "place", "gazetteer")
    assert with_learned(text, [name, longer, place], Judge(0.9)) == [name, longer, place]
    # Against it: only the one-word name goes; the rules and longer names stay.
    assert with_learned(text, [name, longer, place], Judge(0.1)) == [longer, place]


def test_the_model_sees_the_rules_suggestions():
    text = CAIRO_A
    toks = tokens(text)
    plain = sequence_features(text, toks)
    start = text.index("القاهرة")
    hinted = sequence_features(text, toks, [(start, start + 7, "place", "place", 0.9)])
    n = next(i for i, t in enumerate(toks) if t.start == start)
    assert "R=B-place" in hinted[n] and "Rr=place|B-place" in hinted[n]
    assert "+1R=B-place" in hinted[n - 1] and "R=O" in hinted[0]
    assert all(f in hinted[i] for i, feats in enumerate(plain) for f in feats)
    # The rules' suggestions are found for the model when not given.
    assert learning.rule_hints(text) == [(start, start + 7, "place", "place", 0.9)]


def test_a_model_trained_on_the_library_assesses_spans_in_one_pass(lib):
    a, b = add(lib, lib.folder, CAIRO_A, CAIRO_B)
    tag(lib, a, "القاهرة", "place")
    model = learning.train(learning.examples_from_library(lib))
    text = body(lib, b)
    start = text.index("القاهرة")
    predictions, (sure, never) = model.assess(
        text, [(start, start + 7, "place"), (start, start + 7, "money")]
    )
    assert predictions == model.predict(text)
    assert sure == pytest.approx(model.confidence(text, start, start + 7, "place"))
    assert 0.0 <= sure <= 1.0 and never == 0.0
    again = learning.Model.from_bytes(model.to_bytes())
    assert again.predict(text) == predictions
