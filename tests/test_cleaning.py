from fixtures import CAPTION_B, GLUED, GLUED_TITLE, MULTI, TITLE_A, TITLE_B

from library.ingest import cleaning
from library.text.arabic import fold


def test_newlines_are_normalised_and_bom_dropped():
    assert cleaning.normalise_newlines("\ufeffأ\r\nب\rج\u2029د") == "أ\nب\nج\nد"


def test_runs_of_spaces_collapse_and_lines_are_trimmed():
    text = "  كلمة\t\u00a0 أخرى   \nسطر\u2009ثان  "
    assert cleaning.normalise_spaces(text) == "كلمة أخرى\nسطر ثان"


def test_control_characters_go_but_letters_diacritics_and_tatweel_stay():
    text = "مُحَمَّد\x07 النـزاعات\x1b"
    assert cleaning.normalise_spaces(text) == "مُحَمَّد النـزاعات"


def test_glued_sentence_gets_a_break():
    out = cleaning.split_glued_sentences("بين الطرفين.ووقّع الجانبان")
    assert out == "بين الطرفين.\nووقّع الجانبان"


def test_glued_question_and_quote_get_a_break():
    assert cleaning.split_glued_sentences("ماذا بعد؟وقال") == "ماذا بعد؟\nوقال"
    assert cleaning.split_glued_sentences("المشترك».وتعقد") == "المشترك».\nوتعقد"


def test_abbreviations_and_decimals_are_not_split():
    for text in ("(أ.ف.ب)", "بحضور 3.5 ألف", "example.com", "ق.م.أ"):
        assert cleaning.split_glued_sentences(text) == text


def test_multi_article_file_becomes_two_articles():
    segments = cleaning.split_articles(MULTI)
    assert [s.title for s in segments] == [TITLE_A, TITLE_B]
    for seg in segments:
        assert "TT" not in seg.body.split("\n")
        assert seg.title not in seg.body
    assert segments[0].captions == []
    assert segments[1].captions == [CAPTION_B]
    assert CAPTION_B not in segments[1].body
    assert segments[1].body.startswith("يُنتظر أن تبدأ")
    assert "النـزاعات" in segments[0].body  # tatweel kept in the shown text


def test_raw_segment_keeps_the_original_lines():
    segments = cleaning.split_articles(MULTI)
    assert segments[1].raw.count(CAPTION_B) == 4
    assert "TT" in segments[0].raw


def test_glued_text_is_split_at_full_stops():
    (seg,) = cleaning.split_articles(GLUED)
    assert seg.title == GLUED_TITLE
    lines = seg.body.split("\n")
    assert "تشمل برامج مشتركة بين الطرفين." in lines[0]
    assert lines[1].startswith("ووقّع الجانبان")
    # The glued sub-heading is at least split from the sentence before it.
    assert any(line.startswith("تدريبتعقد") for line in lines)
    assert "(أ.ف.ب) بحضور 3.5 ألف متدرب." in seg.body


def test_file_without_title_line_gets_a_title_and_keeps_all_text():
    long_line = " ".join(["كلمة"] * 80) + "."
    (seg,) = cleaning.split_articles(long_line)
    assert seg.title.endswith("…")
    assert seg.body == long_line


# --- rule 7: words glued together (our own texts, with the seed files' kinds of mess) ------

# A long line as a scraper prints it: sub-headings glued to the sentence before them
# after a full stop, and to the first word of their paragraph.
HEADINGS = (
    "مشروع للري في الريف\n\n"
    "أعلنت وزارة الزراعة، أمس، خطة لري الأراضي الزراعية في الريف الشرقي.زراعةتواجه المزارع "
    "نقصاً في المياه منذ بداية الموسم، بحسب تقرير الوزارة.خطة عاجلةتبدأ الخطة الشهر "
    "المقبل بحفر آبار جديدة.وقال الوزير إن الخطة تشمل جولةٌجديدةٌ من المشاورات."
)


def test_a_ta_marbuta_glued_to_a_letter_is_split():
    # at a paragraph's start it ends a heading, which gets its own line
    assert cleaning.split_glued_words("زراعةتواجه المزارع نقصاً") == "زراعة\nتواجه المزارع نقصاً"
    assert cleaning.split_glued_words("خطة عاجلةتبدأ الخطة") == "خطة عاجلة\nتبدأ الخطة"
    # anywhere else it is a missing space, also after harakat and tatweel on the ة
    text = "وقال إن الخطة تشمل جولةٌجديدةٌ من"
    assert cleaning.split_glued_words(text) == "وقال إن الخطة تشمل جولةٌ جديدةٌ من"
    assert cleaning.split_glued_words("وقال إن المرحلـةالثانية") == "وقال إن المرحلـة الثانية"


def test_a_ta_marbuta_split_is_a_space_when_no_heading_can_end_there():
    # ة + ال is a phrase typed without its space, even at a paragraph's start
    assert cleaning.split_glued_words("الأمانةالعامة تجتمع") == "الأمانة العامة تجتمع"
    # punctuation before it, or past the third word: not a heading
    assert cleaning.split_glued_words("«المنظمةتعلن» اليوم") == "«المنظمة تعلن» اليوم"
    assert cleaning.split_glued_words("قال إن الجهة المختصةتعمل") == "قال إن الجهة المختصة تعمل"


def test_what_follows_a_ta_marbuta_without_being_glued_stays():
    for text in (
        "في سنة2020 وفي مرحلةB",  # digits and Latin
        "جولةٌ جديدةٌ، ومرةً أخرى.",  # tanween, then a space or punctuation
        "المدينة\nالقديمة",
        "السنةَ الماضية (القاهرة)",
        "حياةـ",
    ):
        assert cleaning.split_glued_words(text) == text


def test_importing_splits_glued_headings_and_keeps_the_raw_text():
    (seg,) = cleaning.split_articles(HEADINGS)
    assert seg.body.split("\n") == [
        "أعلنت وزارة الزراعة، أمس، خطة لري الأراضي الزراعية في الريف الشرقي.",
        "زراعة",
        "تواجه المزارع نقصاً في المياه منذ بداية الموسم، بحسب تقرير الوزارة.",
        "خطة عاجلة",
        "تبدأ الخطة الشهر المقبل بحفر آبار جديدة.",
        "وقال الوزير إن الخطة تشمل جولةٌ جديدةٌ من المشاورات.",
    ]
    assert "زراعةتواجه" in seg.raw and "جولةٌجديدةٌ" in seg.raw
    assert cleaning.clean_text(HEADINGS.split("\n\n")[1]) == seg.body  # JSON/CSV/HTML bodies


class Counts:
    """A vocabulary: in how many articles each folded word is."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = {fold(w): n for w, n in counts.items()}

    def articles(self, key: str) -> int:
        return self.counts.get(key, 0)


# Frequent words of a library of news, and two glued forms seen once (in this article).
VOCABULARY = Counts(
    {"تمويل": 40, "يعلن": 30, "تأسيس": 25, "تم": 300, "حوار": 20, "شارك": 60, "عمل": 90,
     "يبدأ": 35, "عملي": 12, "بدأ": 50, "تقرب": 15, "تمويليعلن": 1, "عمليبدأ": 1,
     "الجانب": 80, "كتاب": 45, "هم": 70, "بعد": 400, "ما": 500, "إن": 600, "ان": 600}
)  # fmt: skip
VOCABULARY_TEXT = (
    "يطلق الصندوق برنامج التمويل الجديد للمشروعات الصغيرة.\n"
    "تمويليعلن الصندوق شروط التقديم الأسبوع المقبل.\n"
    "فريق عمليبدأ فريق العمل مراجعة الطلبات.\n"
    "بعدما تنتهي المراجعة تعلن النتائج.\n"
    "الجانبان اتفقا على الموعد.\n"
    "تقربنا الخطة من أهدافنا.\n"
    "حوارشارك في الجلسة خبراء."
)


def test_a_rare_word_made_of_two_frequent_words_is_split_with_a_vocabulary():
    out = cleaning.split_glued_words(VOCABULARY_TEXT, VOCABULARY).split("\n")
    assert out == [
        "يطلق الصندوق برنامج التمويل الجديد للمشروعات الصغيرة.",
        "تمويل",
        "يعلن الصندوق شروط التقديم الأسبوع المقبل.",
        "فريق عمل",  # not عملي + بدأ: يبدأ and عمل are the more frequent pair
        "يبدأ فريق العمل مراجعة الطلبات.",
        "بعدما تنتهي المراجعة تعلن النتائج.",  # بعد + ما: a particle ends no heading
        "الجانبان اتفقا على الموعد.",  # الجانب + ان: an ending is not a sentence's start
        "تقربنا الخطة من أهدافنا.",  # تقرب + نا: a word with its suffix
        # حوار is nowhere else in the article: no heading names what is not its subject
        "حوارشارك في الجلسة خبراء.",
    ]
    # without a vocabulary (an import), only the ة rule runs
    assert cleaning.split_glued_words(VOCABULARY_TEXT) == VOCABULARY_TEXT


def test_the_vocabulary_split_is_conservative():
    split = cleaning.vocabulary_split
    assert split("تأسيستم", VOCABULARY) == len("تأسيس")
    assert split("تمويليعلن", Counts({"تمويل": 9, "يعلن": 30})) is None  # a part too rare
    assert split("تمويليعلن", Counts({"تمويل": 40, "يعلن": 30, "تمويليعلن": 4})) is None
    assert split("كتابهم", VOCABULARY) is None  # هم: a pronoun ending
    assert split("تأسيستم", VOCABULARY, lambda key: False) is None  # not in the article
    # the offset falls after the first word's marks
    assert split("تأسيسٌتم", VOCABULARY) == len("تأسيسٌ")
