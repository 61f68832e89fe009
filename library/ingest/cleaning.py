"""Cleaning and splitting of scraped article text: every rule lives here.

The raw decoded text is always kept as it was (articles.raw); these rules only make the
text the reader shows. They never touch letters: tatweel and diacritics stay (search
folds them, the reader can hide diacritics), so nothing a user quotes is altered.

Rules, in the order they run:
1. `normalise_newlines`: CRLF, CR, NEL, LS and PS become "\\n"; a leading BOM goes.
2. `normalise_spaces`: runs of spaces, tabs and Unicode spaces (NBSP, thin…) become one
   space; spaces at line ends go; C0/C1 control characters other than newline go;
   the text is put in NFC so the same words always hash the same.
3. `split_articles`: a scraped file may hold several articles, each announced by a
   "TT" marker line (the title printed before and after it). Each becomes one article.
4. Header clean-up per article: repeated title lines and "TT" lines are dropped; a line
   printed twice in a row in the header is a photo caption, kept once as a caption.
5. `split_glued_sentences`: a full stop, question or exclamation mark glued to the next
   word (`الطرفين.ووقّع`) gets a paragraph break, because scrapers drop the break between
   <p> elements. Only between two Arabic words of 2+ letters, so `أ.ف.ب` and `3.5` stay.
6. Paragraphs are one per line; blank lines go.
7. `split_glued_words`: scrapers also drop the break after a sub-heading, which is then
   glued to the first word of its paragraph (`زراعةتواجه المزارع`, `فريق عمليبدأ`).
   a. A ة followed by an Arabic letter (after any harakat or tatweel on it: `جولةٌجديدة`)
      is a split point, because ة only ends a word in Arabic spelling. Digits and Latin
      after a ة are left alone (`سنة2020`, `مرحلةB`).
   b. With a vocabulary (how many of the library's articles hold a word; only when
      re-cleaning a library, `library.ingest.recleaning`), a rare word is a split point
      when it is two frequent words glued (`عمليبدأ` = `عمل` + `يبدأ`, `تأسيستم` =
      `تأسيس` + `تم`): see `vocabulary_split` for how conservative that is.
   A split among the first `HEADING_WORDS` words of a paragraph, with only letters before
   it, ends a heading: the heading becomes a line of its own. Any other ة split (rule a
   only) is a missing space and gets one (`الأمانةالعامة` → `الأمانة العامة`), and so
   does ة + ال even at a paragraph's start, which is far more often a phrase typed
   without its space than a heading before a sentence that starts with ال.
   `CLEANING_VERSION` changes whenever a rule does, so a library can tell it was cleaned
   under older rules and be re-cleaned from its raw text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from library.text.arabic import fold, light_stem, tokens
from library.text.spans import advance_letters

# Bumped whenever a rule changes what a text cleans to (1: rules 1–6; 2: rule 7).
CLEANING_VERSION = 2

_NEWLINES = re.compile(r"\r\n|\r|\u0085|\u2028|\u2029")
_OTHER_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\v\f"
_SPACES = re.compile(f"[ {_OTHER_SPACES}]+")
_ODD_SPACE = re.compile(f"[{_OTHER_SPACES}]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_MARKER = "TT"
_MAX_TITLE = 200

# Arabic letters, with the combining marks that may follow them inside a word.
_AR = "\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
# Candidates only: a stop mark followed at once by an Arabic letter (maybe after an
# opening quote). The word-length checks run in Python on these few places, because a
# regex that checks them itself backtracks at every position of every article.
_GLUED = re.compile(rf"[.!؟?](?=[«\"(]?[{_AR}])")
_LETTER = re.compile(rf"[{_AR}0-9٠-٩]")
_MARK_OR_CLOSE = frozenset(
    [chr(c) for c in (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0640, 0x0670)]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + list('»")')
)


def _letters_before(text: str, pos: int, wanted: int) -> bool:
    """At least `wanted` letters (diacritics and a closing quote skipped) end at `pos`."""
    found = 0
    while pos > 0 and found < wanted:
        pos -= 1
        ch = text[pos]
        if _LETTER.match(ch):
            found += 1
        elif ch not in _MARK_OR_CLOSE:
            break
    return found >= wanted


def _letters_after(text: str, pos: int, wanted: int) -> bool:
    found = 0
    if pos < len(text) and text[pos] in '«"(':
        pos += 1
    while pos < len(text) and found < wanted:
        ch = text[pos]
        if _LETTER.match(ch) and not ch.isdigit():
            found += 1
        elif ch not in _MARK_OR_CLOSE:
            break
        pos += 1
    return found >= wanted


def normalise_newlines(text: str) -> str:
    text = text.removeprefix("\ufeff")
    if "\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        return _NEWLINES.sub("\n", text)
    return text


def normalise_spaces(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _CONTROLS.sub("", text)
    # Matching every single space (most of the text) is slow; most articles need nothing.
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def split_glued_sentences(text: str) -> str:
    def cut(m: re.Match[str]) -> str:
        if _letters_before(text, m.start(), 2) and _letters_after(text, m.end(), 2):
            return m.group() + "\n"
        return m.group()

    return _GLUED.sub(cut, text)


# --- rule 7: words glued together ---------------------------------------------------------

# Arabic letters without tatweel (U+0640, inside the letters' block), which is a mark here.
_AR_LETTER = "\u0621-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"
_TA_MARBUTA_GLUED = re.compile(f"\u0629[{_MARKS}]*(?=[{_AR_LETTER}])")
_HEADING_WORD = re.compile(f"[{_AR_LETTER}][{_AR_LETTER}{_MARKS}]*")
HEADING_WORDS = 3


class Vocabulary(Protocol):
    def articles(self, key: str) -> int:
        """How many articles hold the folded word `key` (`library.text.arabic.fold`)."""
        ...


# Rule 7b. A rare word (in at most GLUED_MAX articles) is cut in two when:
# - both parts are words in PART_RATIO times as many articles as it (and PART_RATIO at
#   least); the first has 3+ letters (5+ with an article: البنك), the second 3+ or is one
#   of the two-letter words a sentence starts with (تم, قد…);
# - the first part, the heading's last word, occurs in the article elsewhere (its light
#   stem does): a sub-heading names what its section is about (تأسيستم تأسيس…);
# - the word has no reading as one word: a proclitic before a frequent word (ليتلقى) or
#   a frequent word with a suffix (تقربنا, العمودين) is a word, not two;
# - the first part is no particle (إلى, بعد…) and the second no pronoun or ending that is
#   also a word (ها, هما, ان, لها…), which would cut inflected forms (الجانبان, كفيلها).
# Measured with a vocabulary simulated from word frequencies (20,000 articles): over every
# word of the two real seed files, 2 splits, both right glued headings; over 85,000 rare
# real words, 4% would be cut if the first part always recurred in the article, about
# 0.1% with the recurrence left to chance. tests/test_cleaning.py holds our own cases.
GLUED_MAX = 3
PART_RATIO = 10
MIN_GLUED = 5


def _words(listed: str) -> frozenset[str]:
    return frozenset(listed.split())


_SHORT_STARTS = _words("تم قد لم لن في من عن مع هو هي كل ثم")
# Not the end of a heading: particles and pronoun-bearing function words (folded).
_NOT_HEADING_END = _words(
    """الي علي التي الذي الذين اللذين هذا هذه هذان ذلك تلك هولاء لكن بعد قبل حتي منذ
    عند بين حول نحو دون غير مثل كان كانت يكون تكون ليس اذا لدي عبر ضمن خلال امام لان
    انه انها كما حيث فيما بينما عندما منها منه فيه فيها عليه عليها اليه لها لهم وهو وهي
    ومن وفي وعن وعلي والي ولكن"""
)
# Not the start of a sentence: pronouns and endings that are also words, and a
# preposition with a pronoun, which would cut inflected forms in two.
_NOT_SENTENCE_START = _words(
    """ها هم هما هن كم كما نا ني ان ين ون ات يه ما تها تهم تين تان يين يون يات
    له لها لهم لنا لكم لي به بها بهم بنا فيه فيها فيهم منه منها منهم عنه عنها عنهم
    عنا عليه عليها عليهم معه معها معهم انه انها اننا لان"""
)
# What makes a rare word one word: a proclitic before a word, a word before a suffix.
_PROCLITICS = ("وبال", "وكال", "فبال", "وال", "بال", "كال", "فال", "ولل", "فلل", "لل", "ال")
_PROCLITICS += ("وس", "فس", "وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ك", "ل", "س")
_SUFFIXES = _words(
    "ه ها هم هما هن ك كم كما نا ني ات ان ين ون وا يه ته تها تهم تهما تنا يات يين يون تين تان"
)
_ARTICLES = tuple(p for p in _PROCLITICS if p.endswith(("ال", "لل")))


def _one_word(key: str, need: int, vocabulary: Vocabulary) -> bool:
    """`key` reads as a frequent word with a proclitic or a suffix."""
    return any(
        key.startswith(clitic)
        and len(key) - len(clitic) >= 3
        and vocabulary.articles(key[len(clitic) :]) >= need
        for clitic in _PROCLITICS
    ) or any(
        key[-n:] in _SUFFIXES and len(key) - n >= 3 and vocabulary.articles(key[:-n]) >= need
        for n in (1, 2, 3, 4)
    )


def _too_short(first: str) -> bool:
    """A first part that is an article with fewer than 3 letters after it (الم, وال)."""
    return any(first.startswith(a) and len(first) - len(a) < 3 for a in _ARTICLES)


def vocabulary_split(
    word: str, vocabulary: Vocabulary, in_article: Callable[[str], bool] = lambda key: True
) -> int | None:
    """Where `word` (letters and marks only) is two frequent words glued, as an offset
    into it after the first word and its marks; None when it is a word of its own.
    `in_article(key)` says whether a word of that light stem occurs elsewhere in the
    article."""
    key = fold(word)
    if len(key) < MIN_GLUED or not key.isalpha():
        return None
    glued = vocabulary.articles(key)
    if glued > GLUED_MAX:
        return None
    need = PART_RATIO * max(1, glued)
    best: tuple[int, int] | None = None
    for cut in range(3, len(key) - 1):
        first, second = key[:cut], key[cut:]
        if len(second) < 3 and second not in _SHORT_STARTS:
            continue
        if first in _NOT_HEADING_END or second in _NOT_SENTENCE_START or _too_short(first):
            continue
        score = min(vocabulary.articles(first), vocabulary.articles(second))
        if score >= need and (best is None or score > best[0]) and in_article(first):
            best = (score, cut)
    if best is None or _one_word(key, need, vocabulary):
        return None
    return advance_letters(word, 0, best[1])


def _heading_end(
    line: str, vocabulary: Vocabulary | None, in_article: Callable[[str], bool]
) -> int | None:
    """Where a heading glued to its paragraph ends, among the line's first words."""
    pos = 0
    for _ in range(HEADING_WORDS):
        word = _HEADING_WORD.match(line, pos)
        if word is None:
            return None
        glued = _TA_MARBUTA_GLUED.search(line, pos, word.end())
        if glued is not None:
            # ة + ال is most often a missing space inside a phrase (الأمانةالعامة): rule
            # 7a gives it a space; a sentence after a heading rarely starts that way.
            return None if line.startswith("ال", glued.end()) else glued.end()
        if vocabulary is not None:
            cut = vocabulary_split(word[0], vocabulary, in_article)
            if cut is not None:
                return pos + cut
        if line[word.end() : word.end() + 1] != " ":
            return None  # punctuation or the end of the line: no heading here
        pos = word.end() + 1
    return None


def split_glued_words(text: str, vocabulary: Vocabulary | None = None) -> str:
    """Rule 7 on text already cleaned to one paragraph a line."""
    if vocabulary is None and "\u0629" not in text:
        return text
    stems: set[str] | None = None

    def in_article(key: str) -> bool:
        nonlocal stems
        if stems is None:  # tokenising the article costs more than any other check
            stems = {t.stem for t in tokens(text)}
        return light_stem(key) in stems

    out = []
    for line in text.split("\n"):
        cut = _heading_end(line, vocabulary, in_article)
        head, rest = ("", line) if cut is None else (line[:cut] + "\n", line[cut:])
        out.append(head + _TA_MARBUTA_GLUED.sub(_add_space, rest))
    return "\n".join(out)


def _add_space(m: re.Match[str]) -> str:
    return m[0] + " "


def paragraphs(text: str) -> list[str]:
    return [line for line in (part.strip() for part in text.split("\n")) if line]


def clean_text(text: str) -> str:
    """Rules 1, 2, 5, 6 and 7 (without a vocabulary) on free text (a body from
    JSON/CSV/HTML)."""
    text = normalise_spaces(normalise_newlines(text))
    return split_glued_words("\n".join(paragraphs(split_glued_sentences(text))))


def clean_title(text: str) -> str:
    return " ".join(normalise_spaces(normalise_newlines(text)).split())


@dataclass
class Segment:
    """One article found in a text file, before it is stored."""

    title: str
    body: str
    captions: list[str] = field(default_factory=list)
    raw: str = ""


def _marker_starts(lines: list[str]) -> list[int]:
    """Line index where each "TT"-announced article starts (its first title line)."""
    markers = [i for i, line in enumerate(lines) if line == _MARKER]
    starts: list[int] = []
    floor = 0
    for m in markers:
        title = next((line for line in lines[m + 1 :] if line and line != _MARKER), None)
        start = m
        if title is not None:
            for j in range(floor, m):
                if lines[j] == title:
                    start = j
                    break
        starts.append(start)
        floor = m + 1
    return starts


def _segment(lines: list[str], raw: str) -> Segment | None:
    """Rule 4: title, captions and body of the lines of one article."""
    content = [line for line in lines if line]
    if not content:
        return None
    title = content[0] if content[0] != _MARKER else (content[1] if len(content) > 1 else "")
    if len(title) > _MAX_TITLE:
        # No title line: the file starts with its text. Name it by its first words and
        # keep all of it as the body.
        text = split_glued_words("\n".join(paragraphs(split_glued_sentences("\n".join(content)))))
        return Segment(title=" ".join(title.split()[:12]) + "…", body=text, raw=raw)
    captions: list[str] = []
    body: list[str] = []
    seen_header: set[str] = set()
    in_header = True
    previous = None
    for line in content:
        if in_header:
            if line in (title, _MARKER):
                previous = line
                continue
            if line == previous or line in seen_header:
                if line not in captions:
                    captions.append(line)
                continue
            # A line is header material until the body starts: one that is printed
            # again right after it is a caption, so look one line ahead.
            idx = content.index(line)
            follower = content[idx + 1] if idx + 1 < len(content) else None
            if follower == line:
                seen_header.add(line)
                previous = line
                continue
            in_header = False
        body.append(line)
    text = split_glued_words("\n".join(paragraphs(split_glued_sentences("\n".join(body)))))
    return Segment(title=title, body=text, captions=captions, raw=raw)


def split_articles(text: str) -> list[Segment]:
    """Rules 1–7 (7 without a vocabulary) on a whole text file: one Segment per article
    found in it."""
    raw_lines = normalise_newlines(text).split("\n")
    lines = normalise_spaces("\n".join(raw_lines)).split("\n")
    starts = _marker_starts(lines) if _MARKER in lines else []
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    bounds = [*starts, len(lines)]
    segments = []
    for a, b in itertools.pairwise(bounds):
        seg = _segment(lines[a:b], "\n".join(raw_lines[a:b]).strip("\n"))
        if seg is not None and (seg.body or seg.captions):
            segments.append(seg)
        elif seg is not None and segments:
            # A title-only fragment (no body) is stray header text; keep it with the
            # article before rather than inventing an empty article.
            continue
    return segments
