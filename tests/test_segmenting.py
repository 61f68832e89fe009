"""Where an article's sentences end (`library.translation.segmenting.cut`): each rule,
and each exception to it. The sentences are written for these tests."""

from __future__ import annotations

import itertools

import pytest

from library.translation.segmenting import cut


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in cut(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each sentence-final mark ends a segment.
        ("بدأ الاجتماع. انتهى اللقاء.", ["بدأ الاجتماع.", "انتهى اللقاء."]),
        ("هل وصل الوفد؟ لم يصل بعد.", ["هل وصل الوفد؟", "لم يصل بعد."]),
        ("Did it rain? Yes.", ["Did it rain?", "Yes."]),
        ("يا له من يوم! عاد الجميع.", ["يا له من يوم!", "عاد الجميع."]),
        ("تأجل الموعد؛ وسيعلن لاحقاً.", ["تأجل الموعد؛", "وسيعلن لاحقاً."]),
        ("جملة بالنقطة العربية۔ وجملة أخرى", ["جملة بالنقطة العربية۔", "وجملة أخرى"]),
        # A run of marks stays with its sentence.
        ("أحقاً؟! نعم...  ثم سكت.", ["أحقاً؟!", "نعم...", "ثم سكت."]),
        # Paragraph ends cut, with or without a mark.
        (
            "عنوان بلا نقطة\nفقرة أولى.\n\nفقرة ثانية",
            ["عنوان بلا نقطة", "فقرة أولى.", "فقرة ثانية"],
        ),
    ],
)
def test_sentence_ends(text, expected):
    assert pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Quotations and parentheses are kept whole.
        (
            "قال الوزير: «لن نتراجع. سنمضي قدماً». ثم غادر.",
            ["قال الوزير: «لن نتراجع. سنمضي قدماً».", "ثم غادر."],
        ),
        ('قالت: "الجلسة انتهت. شكراً" وصمتت.', ['قالت: "الجلسة انتهت. شكراً" وصمتت.']),
        ("عاد الفريق (بعد غياب. طويل) إلى الملعب.", ["عاد الفريق (بعد غياب. طويل) إلى الملعب."]),
        ("كتب “هذا رأيي. لا غير” في الصحيفة.", ["كتب “هذا رأيي. لا غير” في الصحيفة."]),
        # A quotation ending with a full stop inside ends the sentence with it.
        ("قال: «انتهى الأمر.» وبعدها عادوا.", ["قال: «انتهى الأمر.»", "وبعدها عادوا."]),
        # ... but a quoted question usually goes on.
        ("«هل ستأتي؟» سأل الرجل.", ["«هل ستأتي؟» سأل الرجل."]),
        # An unbalanced mark never swallows the paragraph.
        ("قوس مفتوح (بلا إغلاق. جملة ثانية.", ["قوس مفتوح (بلا إغلاق.", "جملة ثانية."]),
        # Quotation marks never span a paragraph.
        ("«سطر أول.\nسطر ثان.»", ["«سطر أول.", "سطر ثان.»"]),
    ],
)
def test_quotes_and_parentheses(text, expected):
    assert pieces(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ذكرت أ.ف.ب أن الوفد وصل. ثم غادر.", ["ذكرت أ.ف.ب أن الوفد وصل.", "ثم غادر."]),
        ("(أ.ف.ب) وصل الوفد.", ["(أ.ف.ب) وصل الوفد."]),
        ("التقى د. سمير بالوفد.", ["التقى د. سمير بالوفد."]),
        ("وقال م. هشام إن العمل بدأ.", ["وقال م. هشام إن العمل بدأ."]),
        (
            "Dr. Salem met the U.S. envoy. Then he left.",
            ["Dr. Salem met the U.S. envoy.", "Then he left."],
        ),
        ("بلغ النمو 3.5 في المئة.", ["بلغ النمو 3.5 في المئة."]),
        ("حضر 1.200 شخص في 12.03.2024 الماضي.", ["حضر 1.200 شخص في 12.03.2024 الماضي."]),
        ("بلغ ٣.٥ بالمئة. وارتفع.", ["بلغ ٣.٥ بالمئة.", "وارتفع."]),
        ("زوروا example.com للمزيد. شكراً.", ["زوروا example.com للمزيد.", "شكراً."]),
    ],
)
def test_no_cut_at_abbreviations_numbers_addresses(text, expected):
    assert pieces(text) == expected


def test_white_space_outside_segments_and_ranges_in_code_points():
    text = "  أوّلاً.   ثانياً 🙂 هنا.  \n   "
    spans = cut(text)
    assert [text[s:e] for s, e in spans] == ["أوّلاً.", "ثانياً 🙂 هنا."]
    assert spans[0] == (2, 2 + len("أوّلاً."))  # code points: the shadda is one, the emoji one
    for s, e in spans:
        assert not text[s].isspace() and not text[e - 1].isspace()


def test_punctuation_alone_joins_the_sentence_before():
    assert pieces("انتهى الخبر. ...") == ["انتهى الخبر. ..."]
    assert pieces("***\nخبر.") == ["***", "خبر."]


def test_empty_and_blank():
    assert cut("") == [] and cut(" \n\n ") == []


def test_segments_cover_every_word_in_order():
    text = "أولاً. ثانياً؟ «ثالثاً. رابعاً». (خامساً.) سادساً!\nسابعاً"
    spans = cut(text)
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(text.split()) == "".join(covered.split())
