"""Folding, tokens with their spans, index_text and query_key (library.text.arabic.normalize).

`.venv/bin/python tests/test_arabic_normalize.py` prints index_text's throughput on 20 MB
of Arabic text (a figure to read, not a timed test).
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from library.text.arabic import RULES_VERSION, Token, fold, index_text, query_key, tokens

# --- one test per folding rule ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("مُحَمَّد", "محمد"),  # harakat
        ("كِتَابٌ", "كتاب"),
        ("هٰذا", "هذا"),  # superscript alef U+0670
        ("صلى\u0610", "صلي"),  # Quranic mark U+0610
        ("قال\u06d6", "قال"),  # Quranic mark U+06D6
        ("الرَّحْمَٰنِ", "الرحمن"),
        ("النـزاعات", "النزاعات"),  # tatweel
        ("أحمد", "احمد"),  # alef forms
        ("إسلام", "اسلام"),
        ("آمال", "امال"),
        ("ٱلله", "الله"),
        ("مصطفى", "مصطفي"),  # alef maqsura
        ("منظمة", "منظمه"),  # teh marbuta
        ("مسؤول", "مسوول"),  # hamza seats
        ("رئيس", "رييس"),
        ("مسئول", "مسيول"),  # a different seat stays a different spelling
        ("شيء", "شيء"),  # lone hamza kept
        ("٢٠٢٠", "2020"),  # Arabic-Indic digits
        ("۱۴۰۲", "1402"),  # Persian digits
        ("کتاب", "كتاب"),  # Persian keheh
        ("ایران", "ايران"),  # Farsi yeh
        ("خانۀ", "خانه"),  # heh with yeh above
        ("پاکستان", "پاكستان"),  # پ stays a distinct letter
        ("ﻻ", "لا"),  # lam-alef ligature
        ("ﻷ", "لا"),
        ("ﺑﺴﻢ", "بسم"),  # presentation forms
        ("ﷲ", "الله"),
        ("Ｈｅｌｌｏ", "hello"),  # fullwidth
        ("Hello WORLD", "hello world"),  # case
        ("İstanbul", "istanbul"),
        ("Café", "cafe"),
        ("Cafe\u0301", "cafe"),  # decomposed accent folds like the precomposed one
    ],
)
def test_folding_rules(raw: str, folded: str) -> None:
    assert fold(raw) == folded


@pytest.mark.parametrize(
    "control",
    [
        "\u200b",
        "\u200c",
        "\u200d",
        "\u200e",
        "\u200f",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u061c",
        "\ufeff",
        "\u00ad",
        "\u2060",
    ],
)
def test_invisible_controls_are_removed_and_join(control: str) -> None:
    assert fold(f"مح{control}مد") == "محمد"
    assert [t.key for t in tokens(f"{control}مح{control}مد{control}")] == ["محمد"]


def test_decomposed_and_precomposed_arabic_fold_alike() -> None:
    text = "أإآؤئۀۂۓ مسؤول"
    assert fold(text) == "اااويههي مسوول"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)


def test_standalone_quranic_signs_separate_words() -> None:
    assert [t.key for t in tokens("الله۞اكبر")] == ["الله", "اكبر"]


def test_fold_agrees_with_its_character_table_on_every_code_point() -> None:
    # Folding is context-free: folding a string is folding each character. With that,
    # checking every code point once proves fold(fold(x)) == fold(x) for every string.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    per_char = [fold(ch) for ch in everything]
    assert fold(everything) == "".join(per_char)
    for folded in set(per_char):
        assert fold(folded) == folded


def test_design_fact_2_pairs_share_keys() -> None:
    assert query_key("محمد")[0] == query_key("مُحَمَّد")[0]
    assert query_key("احمد")[0] == query_key("أحمد")[0]
    assert query_key("النزاعات")[0] == query_key("النـزاعات")[0]
    assert query_key("2020")[0] == query_key("٢٠٢٠")[0]


# --- tokens and their spans ------------------------------------------------------------


def test_tokens_on_a_real_sentence() -> None:
    # Written for this test: hamza, alif maqsura, taa marbuta and ya-hamza folded.
    text = "«المجلس الأعلى» يناقش، الخطة مع الهيئة العامة (2020)."
    found = tokens(text)
    assert [t.key for t in found] == [
        "المجلس",
        "الاعلي",
        "يناقش",
        "الخطه",
        "مع",
        "الهييه",
        "العامه",
        "2020",
    ]
    assert [text[t.start : t.end] for t in found] == [
        "المجلس",
        "الأعلى",
        "يناقش",
        "الخطة",
        "مع",
        "الهيئة",
        "العامة",
        "2020",
    ]
    assert found[0] == Token("المجلس", "مجلس", 1, 7)


def test_span_covers_tatweel_and_final_harakat() -> None:
    text = "فض النـزاعات مُحَمَّدٌ."
    found = tokens(text)
    assert [text[t.start : t.end] for t in found] == ["فض", "النـزاعات", "مُحَمَّدٌ"]
    assert found[-1].end == text.index(".")


def test_span_keeps_out_leading_and_trailing_controls() -> None:
    text = "\u200fسلامٌ\u200f\u200e عليكم"
    first = tokens(text)[0]
    assert text[first.start : first.end] == "سلامٌ"


def test_marks_after_a_control_still_belong_to_the_word() -> None:
    text = "ب\u200dَ ت"
    assert [(t.start, t.end) for t in tokens(text)] == [(0, 3), (4, 5)]


def test_orphan_marks_are_not_words() -> None:
    assert tokens("ً ـ \u200f") == []
    assert [t.key for t in tokens(" ًكتب")] == ["كتب"]


def test_ligature_span_is_the_one_character() -> None:
    text = "ﻻ تنسى"
    found = tokens(text)
    assert found[0] == Token("لا", "لا", 0, 1)
    assert fold(text[found[1].start : found[1].end]) == "تنسي"


def test_marks_on_a_multi_word_ligature_stay_in_its_span() -> None:
    text = "محمد ﷺؐ قال"
    assert {(t.start, t.end) for t in tokens(text)[1:5]} == {(5, 7)}


def test_multi_word_ligature_gives_one_token_per_word_on_one_span() -> None:
    text = "محمدﷺقال"
    found = tokens(text)
    assert [t.key for t in found] == ["محمد", "صلي", "الله", "عليه", "وسلم", "قال"]
    assert [(t.start, t.end) for t in found[1:5]] == [(4, 5)] * 4
    assert index_text(text)[0] == "محمد صلي الله عليه وسلم قال"


def test_rial_sign_is_a_word_of_its_own() -> None:
    assert [(t.key, t.start, t.end) for t in tokens("100﷼")] == [("100", 0, 3), ("ريال", 3, 4)]
    assert index_text("100﷼")[0] == "100 ريال"


def test_punctuation_and_underscore_separate_words() -> None:
    text = 'أ،ب؛ج؟د«ه»و.ز,ح(ط)ي"ك_ل-م:ن!س'
    assert len(tokens(text)) == 15
    assert index_text(text)[0].split() == [t.key for t in tokens(text)]


def test_latin_words_and_digits() -> None:
    assert [t.key for t in tokens("The UN (الأمم) met on 12/05/٢٠٢٠.")] == [
        "the",
        "un",
        "الامم",
        "met",
        "on",
        "12",
        "05",
        "2020",
    ]


def test_glued_sentences_as_scraped_articles_have_them() -> None:
    text = "الطرفين.ووقّع بين الطرفين.تدريبيبدأ"
    assert [t.key for t in tokens(text)] == ["الطرفين", "ووقع", "بين", "الطرفين", "تدريبيبدا"]


def test_astral_characters() -> None:
    text = "سلام😀عليكم \U000e0041x\U000e0100y 𠀀"
    assert [t.key for t in tokens(text)] == ["سلام", "عليكم", "xy", "𠀀"]
    assert index_text(text)[0] == "سلام عليكم xy 𠀀"


# --- index_text and query_key ----------------------------------------------------------


def test_index_text_empty_and_blank() -> None:
    assert index_text("") == ("", "")
    assert index_text(" ،\n\u200f ") == ("", "")
    assert tokens("") == []


def test_index_text_gives_keys_and_stems() -> None:
    keys, stems = index_text("والأمم المتحدة")
    assert keys == "والامم المتحده"
    assert stems == "امم متحد"
    assert index_text("الامم المتحدة")[1] == stems


def test_query_key() -> None:
    assert query_key("  والأمم، ") == ("والامم", "امم")
    assert query_key("U.S.") == ("u s", "u s")
    assert query_key("؟!") == ("", "")


def test_rules_version_is_an_int() -> None:
    assert isinstance(RULES_VERSION, int)
    assert RULES_VERSION >= 1


# --- properties on messy random text ---------------------------------------------------

_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]  # includes tatweel U+0640
_MARKS = [chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x0610, 0x061B)]]
_MARKS += [chr(c) for c in range(0x06D6, 0x06EE)]
_CONTROLS = list("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
_CONTROLS += list("\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad\u2060")
_PUNCT = list(' ،؛؟«».,()"-:!_\n\t\u00a0')
_LATIN = list("abcxyzABCXYZéÉßİøΣσ\u0301\u0308")
_DIGITS = list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_VARIANTS = list("کڪیےۓۀۂہۃھەٱٲٳٵٶٸگپ")
_OTHER = ["😀", "\ufe0f", "\U000e0041", "\U000e0100", "\U00020000", "\U000f0000", "ﷺ", "ﷻ"]

_CHARS = st.one_of(
    st.sampled_from(_LETTERS),
    st.sampled_from(_LETTERS),
    st.sampled_from(_MARKS),
    st.sampled_from(_CONTROLS),
    st.sampled_from(_PUNCT),
    st.sampled_from(_LATIN + _DIGITS + _VARIANTS + _OTHER),
    st.characters(min_codepoint=0xFB50, max_codepoint=0xFDFF),
    st.characters(min_codepoint=0xFE70, max_codepoint=0xFEFF),
)
MESSY = st.text(alphabet=_CHARS, max_size=80)
ANY = st.text(max_size=40)  # every code point but surrogates


def _check_tokens(text: str) -> None:
    found = tokens(text)
    previous: Token | None = None
    gap_start = 0
    for token in found:
        # (1) inside the text, ordered, not overlapping (a ligature's words share a span)
        assert 0 <= token.start < token.end <= len(text)
        piece = text[token.start : token.end]
        if previous and (previous.start, previous.end) == (token.start, token.end):
            assert not fold(piece).isalnum()  # only a multi-word ligature shares a span
        else:
            assert token.start >= gap_start
            # nothing between two tokens folds to a word character
            assert not any(c.isalnum() for c in fold(text[gap_start : token.start]))
        # (2) the span folds to the key (to several words for a multi-word ligature)
        assert token.key
        assert token.key.isalnum()
        folded = fold(piece)
        if folded.isalnum():
            assert folded == token.key
        else:  # a multi-word ligature and its marks
            assert fold(piece[0]).split() == folded.split()
            assert token.key in folded.split()
        # leading and trailing bidi/zero-width controls stay outside the span
        assert unicodedata.category(piece[0]) != "Cf"
        assert unicodedata.category(piece[-1]) != "Cf"
        # (5) a span never starts on, or stops before, a combining mark
        for ch in (text[token.start], text[token.end : token.end + 1]):
            assert not (ch and (unicodedata.combining(ch) or unicodedata.category(ch)[0] == "M"))
        previous = token
        gap_start = token.end
    assert not any(c.isalnum() for c in fold(text[gap_start:]))
    # (3) index_text is exactly the tokens' keys and stems
    keys, stems = index_text(text)
    assert keys == " ".join(t.key for t in found)
    assert stems == " ".join(t.stem for t in found)


_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(MESSY)
def test_tokens_invariants_on_messy_arabic(text: str) -> None:
    _check_tokens(text)


@_SETTINGS
@given(ANY)
def test_tokens_invariants_on_any_unicode(text: str) -> None:
    _check_tokens(text)


@_SETTINGS
@given(st.one_of(MESSY, ANY))
def test_fold_is_idempotent_and_context_free(text: str) -> None:
    # (4)
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == "".join(fold(ch) for ch in text)


@_SETTINGS
@given(MESSY)
def test_query_key_of_each_word_matches_the_index(text: str) -> None:
    for token in tokens(text):
        word = text[token.start : token.end]
        if len(fold(word).split()) == 1:
            assert query_key(word) == (token.key, token.stem)


_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not _SEEDS.is_dir(), reason="shared/seeds is not beside the repository")
def test_seed_articles() -> None:
    for path in sorted(_SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        _check_tokens(text)
        found = tokens(text)
        for token in found:
            if "ـ" in text[token.start : token.end]:
                assert "ـ" not in token.key
    text = (_SEEDS / "001_27d80dda6bdcf08c.txt").read_text(encoding="utf-8")
    spans = [(t.start, t.end) for t in tokens(text) if t.key == "النزاعات"]
    assert [text[a:b] for a, b in spans] == ["النـزاعات"]


# --- the keys survive SQLite's unicode61 tokenizer unchanged ----------------------------


def _fts_terms(db: sqlite3.Connection, column_text: str) -> list[str]:
    db.execute("DELETE FROM t")
    db.execute("INSERT INTO t(x) VALUES (?)", (column_text,))
    return [row[0] for row in db.execute("SELECT term FROM v ORDER BY offset")]


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    return db


_FTS_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(_LETTERS + _MARKS + _CONTROLS + _PUNCT + _DIGITS + _VARIANTS),
        st.sampled_from([*"abcxyzABCXYZ", "ﻻ", "ﷺ", "ﺑ", "ﻫ"]),
    ),
    max_size=80,
)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_FTS_TEXT)
def test_fts5_unicode61_splits_exactly_at_our_spaces(fts: sqlite3.Connection, text: str) -> None:
    keys, stems = index_text(text)
    assert _fts_terms(fts, keys) == keys.split()
    assert _fts_terms(fts, stems) == stems.split()


def test_fts5_finds_what_design_fact_2_says_it_misses(fts: sqlite3.Connection) -> None:
    fts.execute("DELETE FROM t")
    for text in ["قال مُحَمَّد إن أحمد", "اجتماع والأمم المتحدة"]:
        fts.execute("INSERT INTO t(x) VALUES (?)", (index_text(text)[1],))
    for query in ["محمد", "احمد", "الأمم"]:
        stem = query_key(query)[1]
        hits = fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (f'"{stem}"',)).fetchone()
        assert hits == (1,)


# --- throughput (a printed figure, not a timed test) -----------------------------------


def _arabic_corpus(megabytes: int, seed: int = 7) -> str:
    """About ``megabytes`` MB (UTF-8) of news-like Arabic with a large vocabulary."""
    sample = " ".join(p.read_text(encoding="utf-8") for p in sorted(_SEEDS.glob("*.txt")))
    words = sample.split() or ["الأمم", "المتحدة", "مُحَمَّد", "النـزاعات", "٢٠٢٠،"]
    rng = random.Random(seed)
    letters = [chr(c) for c in range(0x0628, 0x064B) if c != 0x0640]
    out: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        if rng.random() < 0.3:  # an unseen word, so the stem cache also misses
            word = rng.choice(["و", "ال", "بال", ""]) + "".join(rng.choices(letters, k=4))
            word += rng.choice(["", "ات", "ها", "ين", "ة"])
        else:
            word = rng.choice(words)
        out.append(word)
        size += len(word.encode()) + 1
    return " ".join(out)


def main() -> None:
    text = _arabic_corpus(20)
    start = time.perf_counter()
    keys, _stems = index_text(text)
    seconds = time.perf_counter() - start
    megabytes = len(text.encode()) / 1e6
    print(
        f"index_text: {megabytes:.1f} MB, {len(text):,} code points, "
        f"{keys.count(' ') + 1:,} words in {seconds:.2f} s ({megabytes / seconds:.1f} MB/s)"
    )
    start = time.perf_counter()
    folded = fold(text)
    print(f"fold: {time.perf_counter() - start:.2f} s for {len(folded):,} code points")


if __name__ == "__main__":
    main()
