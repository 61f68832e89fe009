"""Rule patterns added after scoring fresh articles (tests/data/suggest_dev/round5): each
case is a general shape of Arabic news text, written here with invented names, and would
fail without the rule it names."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from library.marks.suggest import suggest_text


def found(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.type) for s in suggest_text(text)]


def names(text: str, kind: str) -> list[str]:
    return [s.text for s in suggest_text(text) if s.type == kind]


# --- persons ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # عبد + a divine name that is a title elsewhere
        ("وقال رئيس اللجنة عبد الملك الهاشمي إن القوائم جاهزة.", "عبد الملك الهاشمي"),
        # a Maghrebi family name in بل/بن after a compound given name
        ("ثم سجل البديل عبد الغني بلعمري هدف الفوز.", "عبد الغني بلعمري"),
        # a family name that is also a given name in ين, after a title
        ("وأوضح الدكتور سامي عبد الرحيم شاهين أن المخزون تراجع.", "سامي عبد الرحيم شاهين"),
        # a four-word foreign name stops before a feminine past verb
        ("وقالت المنسقة الأممية كلارا فيرا مونتيل طلبت تمويلا إضافيا.", "كلارا فيرا مونتيل"),
        # the rest of a titled name that no list knows, up to reported speech
        ("وقال وزير الإعلام عطاء الله كوراني إن الحكومة ملتزمة.", "عطاء الله كوراني"),
        # a monarch's regnal number is part of the name
        ("وقال البابا ليو الرابع عشر إن السلام ممكن.", "ليو الرابع عشر"),
        # a nisba family name after بن عبد + a divine name
        ("وأعلن المهندس خالد بن عبد الله الزهراني أن المشروع اكتمل.", "خالد بن عبد الله الزهراني"),
        # an ambiguous given name after a possessed position, before a definite surname
        ("وقال مديرها رائد الخطيب إن الفرق انتشرت.", "رائد الخطيب"),
    ],
)
def test_person_spans(text, name):
    assert (name, "person") in found(text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # باسم after a spokesman and its modifier is "in the name of"
        ("وقال المتحدث الرسمي باسم الوزارة الدكتور هشام الراوي إن", "باسم الوزارة"),
    ],
)
def test_person_false_positives(text, wrong):
    assert wrong not in names(text, "person")


def test_a_past_verb_is_not_the_fourth_word_of_a_foreign_name():
    people = names("وقالت المنسقة كلارا فيرا مونتيل أعلنت البرنامج.", "person")
    assert people == ["كلارا فيرا مونتيل"]


# --- organisations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "org"),
    [
        # a definite head with an adjective and a genitive in لل
        ("ودعا الفرقة الوطنية للشرطة القضائية إلى التحقيق.", "الفرقة الوطنية للشرطة القضائية"),
        ("وأعلن المكتب الوطني للسكك الحديدية استئناف الرحلات.", "المكتب الوطني للسكك الحديدية"),
        ("وقررت الرابطة المحترفة لكرة القدم تأجيل المباراة.", "الرابطة المحترفة لكرة القدم"),
        ("وقال الناطق باسم الإدارة العامة للحرس الوطني إن", "الإدارة العامة للحرس الوطني"),
        # a library, a university and a hospital named after a person
        ("بالشراكة مع مكتبة الملك فهد الوطنية في الرياض.", "مكتبة الملك فهد الوطنية"),
        (
            "في حرم جامعة الأميرة نورة بنت عبد الرحمن شرقي المدينة.",
            "جامعة الأميرة نورة بنت عبد الرحمن",
        ),
        ("ونقل المصابون إلى مستشفى جمال عبد الناصر، وإن", "مستشفى جمال عبد الناصر"),
        # an army named القوات المسلحة + nisba; after لل the span starts after ل
        ("وإن القوات المسلحة الأردنية نشرت فرقا للإنقاذ.", "القوات المسلحة الأردنية"),
        ("وقدم الدعم للقوات المسلحة السودانية منذ أشهر.", "لقوات المسلحة السودانية"),
    ],
)
def test_organisation_spans(text, org):
    assert (org, "organisation") in found(text)


def test_a_party_joined_by_waw_to_a_party_named_with_a_country_is_two():
    orgs = names("وتقدم حزب المحافظين وديمقراطيي الدنمارك في الاستطلاع.", "organisation")
    assert "حزب المحافظين" in orgs
    assert "حزب المحافظين وديمقراطيي الدنمارك" not in orgs


def test_one_ministry_with_a_compound_name_stays_one():
    orgs = names("وأعلنت وزارة الاقتصاد وتنمية الصادرات خطة جديدة.", "organisation")
    assert orgs == ["وزارة الاقتصاد وتنمية الصادرات"]


def test_a_describing_noun_stays_outside_a_name_known_alone():
    orgs = found("وفازت شركة المقاولون العرب بعقد الطريق.")
    assert ("المقاولون العرب", "organisation") in orgs
    assert ("شركة المقاولون العرب", "organisation") not in orgs


def test_a_town_club_in_an_article_about_sport():
    text = "تأهل فريق مولودية سطيف إلى النهائي بعد مباراة قوية، وقال المدرب إن اللاعب تألق."
    assert ("مولودية سطيف", "organisation") in found(text)
    assert ("سطيف", "place") not in found(text)


def test_a_town_after_a_club_word_outside_sport_is_a_place():
    text = "وزار الوفد مدينة سطيف، حيث التقى شباب سطيف المتطوعين."
    assert ("مولودية سطيف", "organisation") not in found(text)
    assert ("شباب سطيف", "organisation") not in found(text)


def test_a_place_whose_word_begins_with_b_is_not_b_plus_a_company():
    # بابل is no ب + آبل (Apple)
    assert ("ابل", "organisation") not in found("وزار محافظ بابل الموقع الأثري.")
    assert ("بابل", "place") in found("وزار محافظ بابل الموقع الأثري.")


# --- places -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a facility named with a place-name prefix or a head of its own
        ("وأعيد فتح معبر رأس جدير أمام المسافرين.", "معبر رأس جدير"),
        ("ووصل الركاب إلى محطة أولاد زيان صباحا.", "محطة أولاد زيان"),
        # a stadium named after a person whose given name ends like a plural
        ("وأقيمت المباراة على ملعب نيلسون مانديلا أمس.", "ملعب نيلسون مانديلا"),
        # a quarter with its compass adjective
        ("وانهار مبنى في حي الرمل الجنوبي فجرا.", "الرمل الجنوبي"),
        # an ambiguous place after the capital and its nisba, or after a governor
        ("وعقدت الجولة في العاصمة العمانية مسقط، برعاية أممية.", "مسقط"),
        ("وقال محافظ بابل إن الموسم ناجح.", "بابل"),
        # a settlement word stays outside, like حي
        ("واقتلع المستوطنون أشجارا قرب مستوطنة يتسهار أمس.", "يتسهار"),
    ],
)
def test_place_spans(text, place):
    assert (place, "place") in found(text)


def test_a_facility_name_stops_before_a_preposition_word():
    places = names("وأقيمت المباراة على ملعب نيلسون مانديلا ببراقي أمس.", "place")
    assert "ملعب نيلسون مانديلا" in places
    assert "ملعب نيلسون مانديلا ببراقي" not in places


def test_a_noun_with_a_pronoun_after_a_facility_head_is_no_place():
    # رأس مالها: "its capital", not a cape
    assert names("وخصصت الشركة 10 في المئة من رأس مالها للعمال.", "place") == []


# --- dates --------------------------------------------------------------------------------


def test_a_hijri_year_needs_no_cue_word():
    text = "وارتفعت المبيعات مقارنة بدورة 1446 هـ، كما قال."
    dates = [(s.text, s.value) for s in suggest_text(text) if s.type == "date"]
    assert dates == [("1446 هـ", "2024-07-08/2025-06-26")]  # the Hijri year as a range


def test_a_target_year_ending_a_clause_is_a_date_but_a_count_is_not():
    assert ("2045", "date") in found("ولا تلتزم الدول بأهداف تتجاوز 2045.")
    assert ("2045", "date") not in found("وباعت الشركة 2045 سيارة هذا الشهر.")


# --- after scoring the second fresh set (round6) ------------------------------------------


def test_a_described_name_stops_where_a_persons_name_begins():
    orgs = names(
        "وقال المحلل في شركة ديلتا كابيتال سامر يوسف الحداد إن السوق هادئة.", "organisation"
    )
    assert orgs == ["ديلتا كابيتال"]


def test_a_national_team_leaves_its_sport_outside():
    text = "وتأهل منتخب الأردن لكرة السلة إلى النهائي بعد مباراة مثيرة."
    assert ("منتخب الأردن", "organisation") in found(text)


def test_a_second_genitive_in_l_is_a_purpose_not_the_name():
    text = "وتنتظر البلدية منحة من الوكالة الفرنسية للتنمية لإصلاح الشبكة القديمة."
    assert ("الوكالة الفرنسية للتنمية", "organisation") in found(text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("وضبطت الجمارك التونسية شحنة من السجائر المهربة.", "الجمارك التونسية"),
        ("وأوقف الدرك الملكي المشتبه به قرب الحدود.", "الدرك الملكي"),
        ("وتوقعت موديز أن يتحسن التصنيف.", "موديز"),
    ],
)
def test_customs_gendarmerie_and_rating_agencies(text, org):
    assert (org, "organisation") in found(text)


def test_a_word_with_a_clitic_letter_is_not_cut_into_an_ambiguous_place():
    # لغات "languages" is no ل + غات
    assert names("ويضم المبنى مكتبة بثلاث لغات وقاعة للعروض.", "place") == []


def test_a_crossing_named_by_a_definite_word_is_a_place():
    assert ("معبر السلوم", "place") in found("وعبرت الشاحنات معبر السلوم فجرا.")


def test_a_name_from_the_given_names_runs_up_to_reported_speech():
    text = "وقال المستشار في الحركة يوسف جمعة كاريكو إن قواته التزمت بالهدنة."
    assert ("يوسف جمعة كاريكو", "person") in found(text)


# --- the fresh sets themselves ------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "suggest_dev"


def _labels():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from suggest_eval import labels
        from suggest_eval.scoring import Score, score
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return labels, Score, score


@pytest.mark.parametrize(("folder", "size"), [("round5", 12), ("round6", 8)])
def test_the_fresh_sets_follow_the_conventions(folder, size):
    labels, _, _ = _labels()
    articles = labels.load(DEV / folder)
    assert len(articles) == size
    assert labels.check_set(articles) == []
    for a in articles:
        assert 150 <= len(a.text.split()) <= 300, a.name
        assert {s.type for s in a.spans} == {"person", "organisation", "place", "date"}, a.name


def test_the_rules_hold_on_round5_after_it_was_read():
    # round5 was scored fresh (0.816) and then used to improve the rules: it is a
    # development set now, kept above 0.9 so a later change cannot quietly undo the work
    labels, Score, score = _labels()
    total = Score()
    for a in labels.load(DEV / "round5"):
        pred = [(s.start, s.end, s.type) for s in suggest_text(a.text)]
        total.add(score([(s.start, s.end, s.type) for s in a.spans], pred))
    assert total.overall("strict").f1 >= 0.9
