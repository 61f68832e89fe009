"""Suggestions: rules, gazetteer, the user's own entities; decisions that persist."""

from __future__ import annotations

from itertools import pairwise

import pytest

from library.ingest.importer import import_paths
from library.marks import gazetteer
from library.marks.annotations import annotations_for
from library.marks.entities import create_entity, entities, tag_entity
from library.marks.suggest import (
    accept,
    accept_all,
    decisions,
    forget_decision,
    redo_accept_all,
    reject,
    restore_decision,
    suggest,
    suggest_text,
    undo_accept_all,
)
from library.storage.articles import get_article
from library.storage.store import open_library
from library.text.arabic import fold


def found(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.type) for s in suggest_text(text)]


# --- rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("وصل اللواء سمير الحسن إلى المطار.", "سمير الحسن"),
        ("وقال الدكتور عادل فهمي، أمس، إن الخطة جاهزة.", "عادل فهمي"),
        ("أكد السفير كريم منصور أن العلاقات جيدة.", "كريم منصور"),
        ("وأعلن الرئيس الفرنسي السابق جان دوبوا استقالته.", "جان دوبوا"),
        ("وصرح وزير الخارجية سامي الزين بأن اللقاء مثمر.", "سامي الزين"),
        ("التقى المبعوث الخاص ليلى منصور في المساء.", "ليلى منصور"),
        ("وقال المتحدث باسم الحكومة هاني سالم إن الوضع هادئ.", "هاني سالم"),
        ("واستقبل الملك عبد الله الثاني الوفد.", "عبد الله الثاني"),  # regnal number inside
        ("وكتب الشيخ محمد بن راشد رسالة.", "محمد بن راشد"),
        ("وردّ الرئيس السيسي على الأسئلة.", "السيسي"),
        ("وقال د. نبيل عمر إن النتائج مشجعة.", "نبيل عمر"),
        ("وحضر رئيس الهيئة الدكتور فؤاد حداد الاجتماع.", "فؤاد حداد"),
    ],
)
def test_a_person_after_a_title(text, name):
    assert (name, "person") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "وصل السفير الفرنسي في موعده.",  # no name after the title
        "وقال الرئيس إن الاجتماع انتهى.",
        "وزير الخارجية قال إن الوضع صعب.",
    ],
)
def test_no_person_without_a_name(text):
    assert not [s for s in suggest_text(text) if s.type == "person"]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("رحبت منظمة التعاون الإسلامي بالقرار.", "منظمة التعاون الإسلامي"),
        ("وقالت وزارة الخارجية الأمريكية في بيان", "وزارة الخارجية الأمريكية"),
        ("أعلن التحالف الدولي أمس بدء العملية.", "التحالف الدولي"),
        ("نشرت الهيئة العامة للطيران المدني تقريرها.", "الهيئة العامة للطيران المدني"),
        ("وأشارت منظمة الأغذية والزراعة إلى ارتفاع الأسعار.", "منظمة الأغذية والزراعة"),
        ("وأفاد جهاز الأمن الوطني في بيان.", "جهاز الأمن الوطني"),
        ("ونقلت وكالة الأنباء الرسمية الخبر.", "وكالة الأنباء الرسمية"),
        ("وانتقد حزب الله القرار.", "حزب الله"),
        ("وصوت الكونغرس على القانون.", "الكونغرس"),
        ("ودعت لمنظمة الصحة العالمية جهات عدة.", "منظمة الصحة العالمية"),
    ],
)
def test_an_organisation_after_a_head(text, org):
    assert (org, "organisation") in found(text)


def test_an_organisation_stops_at_time_words_and_prepositions():
    assert ("وزارة الصحة", "organisation") in found("أعلنت وزارة الصحة اليوم في غزة")
    assert not [s for s in suggest_text("زار مقر وزارة في المدينة") if s.type == "organisation"]


def test_un_after_lam_gets_its_article_back_in_the_name():
    (s,) = [s for s in suggest_text("قدم الوفد تقريره للأمم المتحدة.") if s.type == "organisation"]
    assert s.text == "لأمم المتحدة" and s.name == "الأمم المتحدة"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("عقد الاجتماع في 12 يناير 2024 بحضور الوزراء.", "12 يناير 2024"),
        ("وذلك في ٣ مارس ٢٠٢٣ وفق البيان.", "٣ مارس ٢٠٢٣"),
        ("بدأ يوم الأحد 5 تشرين الأول 2022 في الصباح.", "الأحد 5 تشرين الأول 2022"),
        ("صدر القرار في 7 كانون الثاني (يناير) 2020 رسمياً.", "7 كانون الثاني (يناير) 2020"),
        ("أعلن في 14 جويلية 2021 عن المشروع.", "14 جويلية 2021"),
        ("وذلك في 10 رمضان 1445 هـ كما ذكر.", "10 رمضان 1445 هـ"),
        ("تأجل حتى أيلول 2025 بسبب الأزمة.", "أيلول 2025"),
        ("وكان ذلك عام 2019 قبل الجائحة.", "2019"),  # عام is a cue, outside
        ("الموعد هو 12/01/2024 كما تقرر.", "12/01/2024"),
    ],
)
def test_dates(text, date):
    assert (date, "date") in found(text)


def test_month_names_that_are_ordinary_words_need_a_number():
    assert not [
        s for s in suggest_text("مارس الفريق ضغطاً كبيراً في صفر من الفرص.") if s.type == "date"
    ]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("ونقلت صحيفة «الرأي» عن مصدر", "الرأي", "organisation"),
        ("وقالت حركة «حماس» في بيان", "حماس", "organisation"),
        ("وأفاد «الموساد» بأن", "الموساد", "organisation"),
        ("وانطلقت «عملية الفجر الجديد» أمس", "عملية الفجر الجديد", "event"),
        ("ووصف «الاتحاد الإقليمي» الخطة", "الاتحاد الإقليمي", "organisation"),
    ],
)
def test_names_in_guillemets(text, name, kind):
    assert (name, kind) in found(text)


def test_speech_in_guillemets_is_not_a_name():
    text = "وقال المنسق: «نريد خطة واضحة» ثم قال: «لا»."
    assert not [s for s in suggest_text(text) if s.rule == "quoted"]


# --- gazetteer ----------------------------------------------------------------------------


def test_the_gazetteer_is_a_few_hundred_places_with_variants():
    places = gazetteer.load()
    assert len(places) >= 300
    lexicon = gazetteer.lexicon()
    for variant, canonical in [
        ("بيجين", "بكين"), ("دولة الإمارات العربية المتحدة", "الإمارات"), ("واشنطن", "واشنطن"),
        ("الولايات المتحدة الأميركية", "الولايات المتحدة"), ("أبو ظبي", "أبوظبي"),
    ]:  # fmt: skip
        assert canonical in {p.canonical for p in lexicon.lookup(variant)}, variant
    assert {"country", "capital", "city", "region"} <= {p.kind for p in places}


def test_places_with_clitics_and_multiword_names():
    got = suggest_text("وصل الوفد بمصر ثم إلى دولة الإمارات العربية المتحدة، وزار وواشنطن وللرياض.")
    places = [(s.text, s.name) for s in got if s.source == "gazetteer"]
    assert places == [
        ("مصر", "مصر"),
        ("دولة الإمارات العربية المتحدة", "الإمارات"),
        ("واشنطن", "واشنطن"),
        ("لرياض", "الرياض"),
    ]


def test_an_ambiguous_place_needs_a_cue():
    assert [s.text for s in suggest_text("عرض المصور صور الحدث ثم سافر إلى صور.")] == ["صور"]
    (s,) = suggest_text("عرض المصور صور الحدث ثم سافر إلى صور.")
    assert s.start > 20
    assert suggest_text("وضع مالي صعب") == []
    assert [s.text for s in suggest_text("انتخابات في مالي")] == ["مالي"]


def test_suggestions_are_sorted_and_never_overlap_longest_first():
    text = "زار الوفد جامعة القاهرة ثم القاهرة، والتقى منظمة التعاون الإسلامي في الرياض."
    got = suggest_text(text)
    assert [(s.text, s.type) for s in got] == [
        ("جامعة القاهرة", "organisation"),
        ("القاهرة", "place"),
        ("منظمة التعاون الإسلامي", "organisation"),
        ("الرياض", "place"),
    ]
    assert all(a.end <= b.start for a, b in pairwise(got))


def test_no_suggestion_starts_with_an_attached_clitic():
    text = "وبالرياض ولمنظمة الصحة العالمية وللأمم المتحدة وبمصر وفي لبنان وبغداد"
    for s in suggest_text(text):
        word_start = text.rfind(" ", 0, s.start) + 1
        clitic = fold(text[word_start : s.start])
        assert clitic in ("", "و", "ب", "وب", "ل", "ول", "ف", "ك"), s
    assert "لبنان" in [s.text for s in suggest_text(text)]
    assert "بغداد" in [s.text for s in suggest_text(text)]


# --- in a library -------------------------------------------------------------------------

BODY = (
    "قال الدكتور عادل فهمي إن منظمة التعاون الإسلامي ستعقد اجتماعها في الرياض يوم 12 مايو 2024. "
    "وأكدت المنظمة الإقليمية أن لجنة المتابعة ستزور القاهرة، وأن مجلس الحيّ سيشارك."
)


@pytest.fixture
def article(lib, tmp_path):
    (tmp_path / "a.txt").write_text("خبر\n\n" + BODY, encoding="utf-8")
    (article_id,) = import_paths(lib, [tmp_path / "a.txt"], workers=0).articles
    assert get_article(lib, article_id).body == BODY
    return article_id


def test_the_users_own_entities_are_suggested_with_their_id(lib, article):
    council = create_entity(lib, "organisation", "مجلس الحي")
    got = {s.text: s for s in suggest(lib, article)}
    assert got["مجلس الحيّ"].source == "entity" and got["مجلس الحيّ"].entity_id == council.id
    assert got["عادل فهمي"].type == "person" and got["الرياض"].source == "gazetteer"
    assert got["12 مايو 2024"].type == "date"


def test_tagged_spans_are_not_suggested(lib, article):
    start = BODY.index("التعاون الإسلامي")
    tag_entity(lib, article, start, start + len("التعاون الإسلامي"), entity_type="other")
    texts = [s.text for s in suggest(lib, article)]
    assert "منظمة التعاون الإسلامي" not in texts and "الرياض" in texts


def test_rejected_suggestions_stay_rejected_and_undo(lib, article, tmp_path):
    (riyadh,) = [s for s in suggest(lib, article) if s.text == "الرياض"]
    decision = reject(lib, article, riyadh)
    assert "الرياض" not in [s.text for s in suggest(lib, article)]
    assert decisions(lib, article) == [decision]
    lib.close()
    again = open_library(tmp_path / "lib.sqlite")
    assert "الرياض" not in [s.text for s in suggest(again, article)]
    gone = forget_decision(again, decision.id)  # undo
    assert gone == decision and "الرياض" in [s.text for s in suggest(again, article)]
    restore_decision(again, gone)  # redo
    assert "الرياض" not in [s.text for s in suggest(again, article)]
    again.close()


def test_rejected_everywhere_applies_to_other_articles(lib, article, tmp_path):
    (tmp_path / "b.txt").write_text("خبر آخر\n\nوصل الوزير إلى القاهرة صباحاً.", encoding="utf-8")
    (other,) = import_paths(lib, [tmp_path / "b.txt"], workers=0).articles
    (cairo,) = [s for s in suggest(lib, article) if s.text == "القاهرة"]
    reject(lib, article, cairo, everywhere=True)
    assert "القاهرة" not in [s.text for s in suggest(lib, other)]


def test_accepting_tags_the_span_and_accept_all_undoes(lib, article):
    first = suggest(lib, article)[0]
    tagging = accept(lib, article, first)
    assert tagging.annotation.start == first.start and tagging.entity.type == first.type
    assert first.text not in [s.text for s in suggest(lib, article)]
    before = [tuple(r) for r in lib.conn.execute("SELECT * FROM annotations ORDER BY id")]
    taggings = accept_all(lib, article, suggest(lib, article))
    assert suggest(lib, article) == []
    assert len(annotations_for(lib, article)) == 1 + len(taggings)
    undo_accept_all(lib, taggings)
    assert [tuple(r) for r in lib.conn.execute("SELECT * FROM annotations ORDER BY id")] == before
    assert len(entities(lib)) == 1
    redo_accept_all(lib, taggings)
    assert suggest(lib, article) == []


def test_accepting_a_place_uses_its_canonical_name(lib, tmp_path):
    (tmp_path / "c.txt").write_text("خبر\n\nوصل الوفد إلى بيجين أمس.", encoding="utf-8")
    (article_id,) = import_paths(lib, [tmp_path / "c.txt"], workers=0).articles
    (s,) = suggest(lib, article_id)
    tagging = accept(lib, article_id, s)
    assert (tagging.entity.name, tagging.entity.type) == ("بكين", "place")
