from fixtures import CAPTION_B, GLUED, GLUED_TITLE, MULTI, TITLE_A, TITLE_B

from library.ingest import cleaning


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
