"""The marked-up articles of the evaluation set: parsing and self-checks.

Markup (CONVENTIONS.md): `⟦TAG mention⟧` where TAG is PER, ORG, LOC, DATE (or MISC, not
scored), one space,
then the mention exactly as it stands in the text. The brackets are U+27E6 and U+27E7
(mathematical white square brackets), which never occur in Arabic news text; marks are
never nested. Removing the markup gives the plain text the suggestion tool is given, and
each mention's code-point span (start, end) in that plain text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

OPEN, CLOSE = "\u27e6", "\u27e7"
TAGS = {"PER": "person", "ORG": "organisation", "LOC": "place", "DATE": "date", "MISC": "misc"}
# The scored types; "misc" (events, laws, prizes, competitions...) only marks names that
# hold a word of a scored type which must not be suggested there (CONVENTIONS.md).
TYPES = ("person", "organisation", "place", "date")
ARTICLES = Path(__file__).resolve().parent / "articles"

_MARK = re.compile(OPEN + r"([A-Z]+) ([^" + OPEN + CLOSE + r"\n]*)" + CLOSE)

# Proclitics that stay outside a mention: a conjunction (و ف), then a preposition (ب ك ل).
PROCLITICS = re.compile(r"^[وف]?[بكل]?$")
_CLITIC_THEN_ARTICLE = re.compile(r"^(?:[وف][بكل]?|[بكل])ال")
# Names that really begin with clitic letters followed by "ال" (not a clitic + article).
CLITIC_LOOKALIKES = frozenset(
    {"وكالة", "وكالات", "كاليفورنيا", "بالي", "فالنسيا", "كالياري", "والاس", "بالما"}
)
YEAR = re.compile(r"(?<![\d٠-٩.,٫/])(?:1[89]\d\d|20\d\d|14\d\d|[١٢][٠-٩]{3})(?![\d٠-٩.,٫/%٪])")
TITLES = frozenset(
    [
        "السيد",
        "السيدة",
        "الرئيس",
        "الملك",
        "الأمير",
        "الأميرة",
        "الشيخ",
        "الشيخة",
        "الدكتور",
        "الدكتورة",
        "د.",
        "الوزير",
        "الوزيرة",
        "اللواء",
        "العميد",
        "العقيد",
        "الفريق",
        "المشير",
        "الطيار",
        "الركن",
        "المهندس",
        "الأستاذ",
        "الإمام",
        "البابا",
        "المستشار",
        "القاضي",
        "النائب",
        "النائبة",
        "السفير",
        "الحاج",
        "سمو",
        "سماحة",
        "فخامة",
        "معالي",
    ]
)
RELATIVE = frozenset(
    [
        "أمس",
        "اليوم",
        "غدا",
        "غداً",
        "الماضي",
        "الماضية",
        "المقبل",
        "المقبلة",
        "الحالي",
        "الجاري",
        "القادم",
    ]
)
MONTHS = frozenset(
    [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "إبريل",
        "ابريل",
        "مايو",
        "يونيو",
        "يوليو",
        "أغسطس",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
        "جانفي",
        "فيفري",
        "أفريل",
        "ماي",
        "جوان",
        "جويلية",
        "أوت",
        "سبتمبر",
        "أكتوبر",
        "نوفمبر",
        "ديسمبر",
        "يونيه",
        "يوليه",
        "كانون",
        "الثاني",
        "شباط",
        "آذار",
        "نيسان",
        "أيار",
        "حزيران",
        "تموز",
        "آب",
        "أيلول",
        "تشرين",
        "الأول",
        "محرم",
        "صفر",
        "ربيع",
        "جمادى",
        "رجب",
        "شعبان",
        "رمضان",
        "شوال",
        "ذي",
        "ذو",
        "القعدة",
        "الحجة",
    ]
)


class MarkupError(ValueError):
    pass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str  # person | organisation | place | date


@dataclass(frozen=True)
class Article:
    name: str  # the file's stem, e.g. "01-riyadh-diplomacy"
    text: str  # the plain text the suggestion tool sees
    spans: tuple[Span, ...]  # the scored types only
    misc: tuple[Span, ...] = ()  # names of other kinds, marked to exclude what they hold

    def mention(self, span: Span) -> str:
        return self.text[span.start : span.end]


def parse(marked: str) -> tuple[str, tuple[Span, ...]]:
    """Plain text and gold spans of a marked-up text; MarkupError on malformed markup."""
    parts: list[str] = []
    spans: list[Span] = []
    length = 0
    pos = 0
    for m in _MARK.finditer(marked):
        between = marked[pos : m.start()]
        _no_brackets(marked, pos, between)
        tag, body = m.group(1), m.group(2)
        if tag not in TAGS:
            raise MarkupError(f"unknown tag {tag!r} at line {_line(marked, m.start())}")
        if not body.strip():
            raise MarkupError(f"empty mention at line {_line(marked, m.start())}")
        parts.append(between)
        length += len(between)
        parts.append(body)
        spans.append(Span(length, length + len(body), TAGS[tag]))
        length += len(body)
        pos = m.end()
    _no_brackets(marked, pos, marked[pos:])
    parts.append(marked[pos:])
    return "".join(parts), tuple(spans)


def _no_brackets(marked: str, offset: int, chunk: str) -> None:
    for i, ch in enumerate(chunk):
        if ch in (OPEN, CLOSE):
            raise MarkupError(f"stray or malformed mark at line {_line(marked, offset + i)}")


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def load(folder: Path = ARTICLES) -> list[Article]:
    """Every article of a folder (`*.txt`, sorted by name)."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        text, spans = parse(path.read_text(encoding="utf-8"))
        scored = tuple(s for s in spans if s.type in TYPES)
        misc = tuple(s for s in spans if s.type not in TYPES)
        out.append(Article(path.stem, text, scored, misc))
    return out


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM" or ch.isdigit()


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and _is_letter(text[pos - 1]):
        pos -= 1
    return pos


def check_article(article: Article) -> list[str]:
    """Problems of one article against the conventions (an empty list when it is clean)."""
    problems = []
    text = article.text
    for span in (*article.spans, *article.misc):
        m = article.mention(span)
        where = f"{article.name}:{span.start} {span.type} «{m}»"
        if m != m.strip() or not _is_letter(m[0]) or not (_is_letter(m[-1]) or m[-1] in ".ـ"):
            problems.append(f"{where}: starts or ends with a space or punctuation")
        prefix = text[_word_start(text, span.start) : span.start]
        if prefix and not PROCLITICS.match(prefix):
            problems.append(f"{where}: begins inside a word after {prefix!r}")
        if span.end < len(text) and _is_letter(text[span.end]) and m[-1] != ".":
            problems.append(f"{where}: ends inside a word")
        first = m.split()[0]
        if _CLITIC_THEN_ARTICLE.match(first) and first not in CLITIC_LOOKALIKES:
            problems.append(f"{where}: a proclitic belongs outside the mention")
        if m.startswith("لل"):
            problems.append(f"{where}: for لل the mention starts after the first ل")
        if span.type == "person" and first in TITLES:
            problems.append(f"{where}: titles stay outside a person")
        if span.type == "date":
            words = set(m.split())
            if words & RELATIVE:
                problems.append(f"{where}: relative expressions are not dates")
            if not (any(c.isdigit() for c in m) or words & MONTHS):
                problems.append(f"{where}: a date needs a day, month or year")
    ordered = sorted((*article.spans, *article.misc), key=lambda s: s.start)
    for a, b in itertools.pairwise(ordered):
        if b.start < a.end:
            problems.append(f"{article.name}:{b.start}: overlapping mentions")
    return problems


def _bare(word: str) -> str:
    """A word without the proclitics the conventions leave outside (و ف then ب ك ل)."""
    return re.sub(r"^[وف]?[بكل]?", "", word)


def check_set(articles: list[Article]) -> list[str]:
    """Problems of each article, then of the set: a mention's first word that is another
    mention's first word plus proclitics (e.g. «وبغداد» labelled beside «بغداد»; places and
    organisations only, as persons' names often begin with those letters), a labelled name
    left unlabelled elsewhere in the same article, and a year outside any mark."""
    problems = [p for a in articles for p in check_article(a)]
    firsts = {(a.mention(s).split()[0], s.type) for a in articles for s in a.spans}
    for a in articles:
        for s in a.spans:
            first = a.mention(s).split()[0]
            bare = _bare(first)
            after_lil = a.text[s.start - 1 : s.start] == "ل" and first.startswith("ل")
            if (
                s.type in ("organisation", "place")
                and bare != first
                and not after_lil
                and ((bare, s.type) in firsts)
            ):
                problems.append(f"{a.name}:{s.start} «{first}»: proclitic inside (cf. «{bare}»)")
        problems.extend(_unmarked(a))
        problems.extend(_bare_years(a))
    return problems


def _bare_years(article: Article) -> list[str]:
    marked = [(s.start, s.end) for s in (*article.spans, *article.misc)]
    return [
        f"{article.name}:{m.start()} year «{m.group()}» outside any mention"
        for m in YEAR.finditer(article.text)
        if not any(s <= m.start() and m.end() <= e for s, e in marked)
    ]


def _unmarked(article: Article) -> list[str]:
    text = article.text
    covered = bytearray(len(text))
    for s in (*article.spans, *article.misc):
        covered[s.start : s.end] = b"\1" * (s.end - s.start)
    out = []
    names = {article.mention(s) for s in article.spans if s.type != "date"}
    for name in sorted(names):
        for m in re.finditer(re.escape(name), text):
            i, j = m.start(), m.end()
            if any(covered[i:j]):
                continue
            prefix = text[_word_start(text, i) : i]
            if prefix and not PROCLITICS.match(prefix):
                continue
            if j < len(text) and _is_letter(text[j]):
                continue
            out.append(f"{article.name}:{i} «{name}» is labelled elsewhere but not here")
    return out
