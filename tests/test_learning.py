"""The learned recommender: a CRF trained on the user's own tagging (library.marks.learning).

Every sentence here was written for these tests. The patterns are chosen outside the
project's lexicons (المحتسب is not a listed title, تعاونية not a listed organisation
head), so what is found is learned, not looked up.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from library.ingest.importer import import_paths
from library.marks.entities import tag_entity
from library.marks.learning import Example, Model, Prediction, examples_from_library, train
from library.marks.suggest import Suggestion, reject


def example(text: str, *mentions: tuple[str, str], nth: int = 0) -> Example:
    """An Example whose spans are the given (words, type), found in order in the text."""
    spans = []
    pos = 0
    for words, kind in mentions:
        start = text.index(words, pos)
        spans.append((start, start + len(words), kind))
        pos = start + len(words)
    return Example(text, tuple(spans))


TRAINING = [
    example("وقال المحتسب سالم الدباغ إن الشكاوى زادت هذا العام.", ("سالم الدباغ", "person")),
    example("وأكد المحتسب هاني القصاب أن التحقيق مستمر.", ("هاني القصاب", "person")),
    example(
        "وأعلنت تعاونية الزيتون أمس توزيع البذور على الأعضاء.",
        ("تعاونية الزيتون", "organisation"),
    ),
    example(
        "ودعا المحتسب فادي النجار إلى دعم تعاونية السنابل في القرية.",
        ("فادي النجار", "person"),
        ("تعاونية السنابل", "organisation"),
    ),
    example(
        "وانضم عشرات المزارعين بتعاونية الكروم خلال الشهر الماضي.",
        ("تعاونية الكروم", "organisation"),
    ),
    example(
        "وطالب المحتسب رامي الحداد بتعاونية البيادر بنشر الحسابات.",
        ("رامي الحداد", "person"),
        ("تعاونية البيادر", "organisation"),
    ),
    example("وقالت الحكومة إن الطقس سيكون باردا غدا في معظم المناطق."),
    example("وشارك المئات في الاحتفال الذي أقيم في الساحة العامة مساء أمس."),
    example("وأوضح التقرير أن أسعار الخبز ارتفعت بنسبة كبيرة خلال العام."),
]


@pytest.fixture(scope="module")
def model() -> Model:
    found = train(TRAINING)
    assert found is not None
    return found


def spans(model: Model, text: str) -> list[tuple[str, str]]:
    return [(text[p.start : p.end], p.type) for p in model.predict(text)]


def test_nothing_to_learn_gives_no_model():
    assert train([]) is None
    assert train([Example("وقال الرجل إن الطقس بارد.", ()), Example("", ())]) is None


def test_a_new_person_after_a_learned_title():
    text = "وأشار المحتسب نزار الفخراني إلى تأخر الرواتب."
    got = spans(train(TRAINING), text)
    assert ("نزار الفخراني", "person") in got
    assert all(kind != "person" or words == "نزار الفخراني" for words, kind in got)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("وقررت تعاونية الينابيع رفع الأسعار.", "تعاونية الينابيع"),
        # The proclitic is left out of the span: it starts after ل, و, وب.
        ("وقدم المحافظ منحة لتعاونية الينابيع هذا الأسبوع.", "تعاونية الينابيع"),
        ("واجتمع الأهالي وتعاونية الينابيع في المدرسة.", "تعاونية الينابيع"),
        ("وتبرع التجار وبتعاونية الينابيع أيضا.", "تعاونية الينابيع"),
    ],
)
def test_a_new_organisation_of_a_learned_pattern_starts_after_the_clitic(model, text, org):
    (found,) = [p for p in model.predict(text) if p.type == "organisation"]
    start = text.index(org)
    assert (found.start, found.end) == (start, start + len(org))


def test_predictions_are_sorted_typed_and_within_the_text(model):
    text = "وقال المحتسب عماد الصفدي إن تعاونية الحقول ستفتح فرعا جديدا."
    got = model.predict(text)
    assert got == sorted(got, key=lambda p: p.start)
    assert all(isinstance(p, Prediction) and 0 <= p.start < p.end <= len(text) for p in got)
    assert {p.type for p in got} <= model.types == {"person", "organisation"}
    assert model.trained_on == len(TRAINING)


def test_confidence_is_a_probability_higher_for_a_learned_pattern(model):
    text = "وقال المحتسب عماد الصفدي إن الأمطار غزيرة في الريف."
    (person,) = [p for p in model.predict(text) if p.type == "person"]
    assert 0.5 < person.confidence <= 1.0
    seen = model.confidence(text, person.start, person.end, "person")
    assert seen == pytest.approx(person.confidence)
    rain = text.index("الأمطار")
    random_word = model.confidence(text, rain, rain + len("الأمطار"), "person")
    assert 0.0 <= random_word < 0.2 < seen
    assert model.confidence(text, person.start, person.end, "no such type") == 0.0
    assert all(0.0 <= p.confidence <= 1.0 for p in model.predict(TRAINING[3].text))


def test_nothing_is_found_in_ordinary_text(model):
    assert model.predict("وارتفعت درجات الحرارة في نهاية الأسبوع.") == []
    assert model.predict("") == []
    assert model.predict("... ، «»") == []


def test_a_model_survives_bytes(model):
    data = model.to_bytes()
    again = Model.from_bytes(data)
    assert (again.types, again.trained_on) == (model.types, model.trained_on)
    for text in [
        "وقدم المحافظ منحة لتعاونية الينابيع هذا الأسبوع.",
        "وأشار المحتسب نزار الفخراني إلى تأخر الرواتب.",
        TRAINING[3].text,
    ]:
        assert again.predict(text) == model.predict(text)
    assert again.to_bytes() == data


@pytest.mark.parametrize("data", [b"", b"junk", b"HASHIYA-CRF\x00\xff\xff\xff\xff{"])
def test_damaged_model_bytes_are_refused(data):
    with pytest.raises(ValueError):
        Model.from_bytes(data)


def test_truncated_or_altered_model_bytes_are_refused_not_crashed_on(model):
    # crfsuite itself would read a truncated model and crash the process.
    data = model.to_bytes()
    for bad in (data[:-100], data[:-1] + bytes([data[-1] ^ 1]), data + b"x"):
        with pytest.raises(ValueError):
            Model.from_bytes(bad)


def test_overlapping_and_out_of_range_spans_are_tolerated():
    text = "وأكد المحتسب هاني القصاب أن التحقيق مستمر."
    start = text.index("هاني")
    messy = Example(
        text,
        (
            (start, start + len("هاني القصاب"), "person"),
            (start, start + len("هاني"), "person"),  # overlaps: the longer one wins
            (5, 500, "person"),  # outside the text
        ),
    )
    got = train([messy, *TRAINING])
    assert got is not None and got.types == {"person", "organisation"}


# --- from a library -----------------------------------------------------------------------

TAGGED = (
    "وقال المحتسب سالم الدباغ إن تعاونية الزيتون وزعت البذور في القرية. وشكر الأهالي التعاونية."
)
UNTAGGED = "ورحب السكان بالقرار. وقال الوزير سمير الحسن إن الخطة جاهزة."
NOTHING = "وارتفعت درجات الحرارة في نهاية الأسبوع."


@pytest.fixture
def articles(lib, tmp_path):
    paths = []
    for n, body in enumerate([TAGGED, UNTAGGED, NOTHING]):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"خبر {n}\n\n{body}", encoding="utf-8")
        paths.append(path)
    ids = import_paths(lib, paths, workers=0).articles
    assert len(ids) == 3
    return ids


def test_examples_from_library(lib, articles):
    tagged, untagged, _nothing = articles
    assert examples_from_library(lib) == []
    person = TAGGED.index("سالم الدباغ")
    org = TAGGED.index("تعاونية الزيتون")
    tag_entity(lib, tagged, org, org + len("تعاونية الزيتون"), entity_type="organisation")
    tag_entity(lib, tagged, person, person + len("سالم الدباغ"), entity_type="person")
    rejected = UNTAGGED.index("سمير الحسن")
    reject(
        lib,
        untagged,
        Suggestion(rejected, rejected + len("سمير الحسن"), "سمير الحسن", "person", "rule"),
    )

    got = examples_from_library(lib)
    assert got[0] == Example(
        TAGGED,
        (
            (person, person + len("سالم الدباغ"), "person"),
            (org, org + len("تعاونية الزيتون"), "organisation"),
        ),
    )
    # The rejection in an untagged article: its words and two on each side, all O,
    # inside its sentence; the article with nothing is not used at all.
    assert got[1:] == [Example("وقال الوزير سمير الحسن إن الخطة", ())]
    assert all(NOTHING not in e.text for e in got)

    assert examples_from_library(lib, exclude_article=tagged) == got[1:]
    assert examples_from_library(lib, exclude_article=untagged) == got[:1]
    assert train(examples_from_library(lib, exclude_article=tagged)) is None
    model = train(got)
    assert model is not None and model.trained_on == 2


def test_a_rejection_in_a_tagged_article_is_already_a_negative(lib, articles):
    tagged = articles[0]
    person = TAGGED.index("سالم الدباغ")
    tag_entity(lib, tagged, person, person + len("سالم الدباغ"), entity_type="person")
    village = TAGGED.index("القرية")
    reject(lib, tagged, Suggestion(village, village + 6, "القرية", "place", "rule"))
    (only,) = examples_from_library(lib)
    assert only.text == TAGGED and only.spans == ((person, person + 11, "person"),)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("وبلفكالمحتسبتعاونيةينابيع «»،.ﷺﻻ\u064e\u0640\u200c 12")),
        max_size=80,
    )
)
def test_any_text_gives_ordered_spans_inside_it(model, text):
    got = model.predict(text)
    assert all(0 <= p.start < p.end <= len(text) for p in got)
    assert all(a.end <= b.start for a, b in pairwise(got))
    assert all(0.0 <= p.confidence <= 1.0 for p in got)
