"""Search keys for Arabic (and Latin) text, with spans back into the original text.

SQLite FTS5 does not fold Arabic (DESIGN.md fact 2), so the index stores keys made here and
the reader highlights hits through the spans of ``tokens``. Folding works one character at
a time without context: every character of the original becomes a fixed string (usually
itself, sometimes nothing, for a ligature several letters). That is what lets ``fold`` be a
single ``str.translate`` over a whole article and still agree exactly with ``tokens``.

Folding rules (bump ``RULES_VERSION`` when any of them, or the stemmer, changes):

1. Harakat U+064B–U+065F, superscript alef U+0670, Quranic marks U+0610–U+061A and
   U+06D6–U+06ED, and every other combining mark (Mn, Mc, Me) are removed: vowelling is
   optional and rare in news, so مُحَمَّد must meet محمد. The two Quranic signs that stand
   alone between words, ۞ U+06DE and ۩ U+06E9, separate words instead.
2. Tatweel U+0640 is removed: it only stretches a joining line (النـزاعات).
3. Format controls (category Cf) are removed: bidi marks and isolates (U+200E, U+200F,
   U+202A–U+202E, U+2066–U+2069, U+061C), zero-width space and (non-)joiners
   U+200B–U+200D, BOM U+FEFF, soft hyphen U+00AD, word joiner U+2060. They are invisible,
   only steer rendering, and scraped text sprinkles them inside words; so a zero-width
   space joins its neighbours rather than separating them.
4. Accents come off through canonical decomposition: a character whose NFD holds marks
   becomes its base letters (آ أ إ → ا, ؤ → و, ئ → ي, ۀ ۂ → ه, é → e). Users often type
   hamza without its sign (رييس, مسوول); decomposed and precomposed input then fold
   alike, as unicode61's remove_diacritics does for Latin. Cost: a word spelt on two
   different seats (مسؤول / مسئول) keeps two keys.
5. ٱ (wasla) and the wavy/high-hamza alefs ٲ ٳ ٵ → ا, ٶ → و, ٸ → ي: more alef and hamza
   spellings that have no decomposition.
6. ى → ي everywhere (Lucene's convention): many texts write final ي as ى (فى, على).
   Cost: على (on) and the name علي share one key.
7. ة → ه everywhere (Lucene's convention): final ة/ه are confused in practice, and in
   run-together text (الأمانةالعامة) the ة is not even final.
8. A lone hamza ء is kept (as Lucene and Larkey do): dropping it would merge جزء/جز and
   سماء/سما and push short words under the stemmer's minimum. So شيء and the misspelt
   شئ (→ شي) do not meet.
9. Persian/Urdu code points for Arabic letters: ک ڪ → ك; ی ے ۓ → ي; ہ ۃ ھ ە → ه (ۀ ۂ via
   rule 4). Pasted text uses them for the same letters. گ پ چ ژ ڤ stay: distinct letters.
10. Arabic-Indic ٠–٩ and Persian ۰–۹ digits → ASCII 0–9: dates come written both ways.
11. Compatibility forms U+FB50–U+FDFF, U+FE70–U+FEFF (Arabic presentation forms) and
    U+FF01–U+FF5E (fullwidth ASCII) are NFKC-normalised, then folded: old PDFs and some
    scrapers emit them. One character may become several letters (ﻻ → لا); the token's
    span is still that one character. ﷺ, ﷻ (several words) and ﷼ (a symbol that
    reads as a word) become words of their own, even when glued to others (100﷼), and
    all their tokens span that one character (with any marks on it).
12. Case is folded (``str.casefold``), for Latin and any other cased script.

Words are maximal runs of word characters (letters and digits: ``str.isalnum``; the
underscore is not one); anything else separates words. Keys hold only word characters,
which unicode61 also treats as token characters, so FTS5 splits ``index_text`` exactly at
our spaces. Results follow the Unicode tables of the running Python (``UNICODE_VERSION``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain

from library.text.arabic.stem import light_stem

RULES_VERSION = 1
UNICODE_VERSION: str = unicodedata.unidata_version

# Tatweel and the Quranic annotation block, less the two free-standing signs ۞ ۩.
_REMOVED = frozenset([0x0640, *range(0x06D6, 0x06EE)]) - {0x06DE, 0x06E9}
_REMOVED_CATEGORIES = frozenset({"Mn", "Mc", "Me", "Cf"})
_COMPAT_RANGES = ((0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0xFF01, 0xFF5E))

_LETTERS: dict[str, str] = {
    **dict.fromkeys("ٱٲٳٵ", "ا"),
    "ٶ": "و",
    **dict.fromkeys("ىیےٸ", "ي"),
    **dict.fromkeys("ةۃہھە", "ه"),
    **dict.fromkeys("کڪ", "ك"),
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
}

# translate() tables are lists indexed by code point: a dict would raise (and swallow) a
# KeyError for every unchanged character, which doubles the time on Arabic text. Planes 0
# and 1 hold every folded character but those of plane 14 (tags, variation selectors).
_LIST_END = 0x20000
_PLANE_14 = range(0xE0000, 0xE1000)
_HIGH = re.compile("[\U00020000-\U0010ffff]")
_WORD = re.compile(r"[^\W_]+")


def _removed(ch: str) -> bool:
    return ord(ch) in _REMOVED or unicodedata.category(ch) in _REMOVED_CATEGORIES


def _fold_char(ch: str) -> str:
    """The reference definition of folding, for one character (rules in the docstring)."""
    if _removed(ch):  # even a mark that case-folds to a letter (U+0345 → ι)
        return ""
    cp = ord(ch)
    text = ch
    if any(lo <= cp <= hi for lo, hi in _COMPAT_RANGES):
        text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    decomposed = unicodedata.normalize("NFD", text)
    if any(map(_removed, decomposed)):  # keeps characters that only decompose (Hangul)
        text = decomposed
    folded = "".join(_LETTERS.get(c, c) for c in text if not _removed(c))
    words = _WORD.findall(folded)
    if words and not (ch.isalnum() and "".join(words) == folded):
        # ﷺ (several words) or ﷼ (a symbol that reads as a word): words of their own,
        # padded so that they never glue to the neighbouring words.
        folded = " " + " ".join(words) + " "
    return folded


def _char_class(code_points: Iterable[int]) -> str:
    """Regex character-class body for the code points, as compact ranges."""
    parts: list[str] = []
    run: list[int] = []
    for cp in sorted(code_points):
        if run and cp == run[1] + 1:
            run[1] = cp
            continue
        if run:
            parts.append(f"\\U{run[0]:08x}-\\U{run[1]:08x}")
        run = [cp, cp]
    if run:
        parts.append(f"\\U{run[0]:08x}-\\U{run[1]:08x}")
    return "".join(parts)


def _one_of(code_points: Iterable[int]) -> str:
    """Regex for one of the code points. re tests astral ranges one by one, so they sit
    behind a single range check that ordinary text fails at once."""
    bmp, astral = [], []
    for cp in code_points:
        (bmp if cp < 0x10000 else astral).append(cp)
    parts = [f"[{_char_class(bmp)}]"] if bmp else []
    if astral:
        parts.append(f"(?=[\\U00010000-\\U0010ffff])[{_char_class(astral)}]")
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


@dataclass(frozen=True, slots=True)
class _Tables:
    fold: list[int | str]  # translate() table for fold()
    index: list[int | str]  # the same, and every separator → " " (for index_text)
    high: dict[str, str]  # folded characters at or above _LIST_END
    token: re.Pattern[str]  # one word of the original text, or one multi-word ligature
    multi: dict[str, tuple[str, ...]]  # ligature → its words


@cache
def _tables() -> _Tables:
    # Built on first use (well under 0.1 s), so importing the package stays cheap.
    compat = (range(lo, hi + 1) for lo, hi in _COMPAT_RANGES)
    special = _REMOVED | {ord(c) for c in _LETTERS} | set(chain.from_iterable(compat))
    category, decomposition = unicodedata.category, unicodedata.decomposition
    changed: dict[int, str] = {}
    for cp in chain(range(_LIST_END), _PLANE_14):
        ch = chr(cp)
        if (
            cp in special
            or category(ch) in _REMOVED_CATEGORIES
            or decomposition(ch)
            or ch.casefold() != ch
        ):
            folded = _fold_char(ch)
            if folded != ch:
                changed[cp] = folded

    fold: list[int | str] = list(range(_LIST_END))
    index: list[int | str] = [cp if chr(cp).isalnum() else " " for cp in fold]
    for cp, folded in changed.items():
        if cp < _LIST_END:
            fold[cp] = folded
            index[cp] = folded if folded == "" or _WORD.search(folded) else " "

    is_word = str.isalnum
    # Letters and digits, less those that fold to nothing or to separate words.
    excluded = [cp for cp, f in changed.items() if is_word(chr(cp)) and not is_word(f)]
    word = f"[^\\W_{_char_class(excluded)}]"
    ignorable = [cp for cp, f in changed.items() if f == ""]
    ign = _one_of(ignorable)
    # Marks and tatweel after a word belong to it; trailing bidi/zero-width controls don't.
    attached = _one_of(cp for cp in ignorable if unicodedata.category(chr(cp)) != "Cf")
    tail = f"(?:{ign}*{attached})?"
    multi = {chr(cp): tuple(f.split()) for cp, f in changed.items() if f.strip() and f[0] == " "}
    pattern = f"{word}+(?:{ign}+{word}+)*{tail}"
    if multi:
        pattern += f"|(?P<multi>{_one_of(map(ord, multi))}){tail}"
    high = {chr(cp): f for cp, f in changed.items() if cp >= _LIST_END}
    return _Tables(fold, index, high, re.compile(pattern), multi)


def fold(text: str) -> str:
    """Fold a whole text (rules in the module docstring); one character never depends on
    another, and ``fold(fold(t)) == fold(t)``."""
    tables = _tables()
    folded = text.translate(tables.fold)
    if _HIGH.search(folded):
        high = tables.high
        folded = _HIGH.sub(lambda m: high.get(m[0], m[0]), folded)
    return folded


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text: its key, its light stem and its span in the original text."""

    key: str  # folded form of the whole word
    stem: str  # light stem of key (== key when nothing is stripped)
    start: int  # code-point offset into the ORIGINAL text
    end: int  # exclusive; the whole word with what it carries (harakat, tatweel, controls)


class _StemCache:
    """Stems of keys already seen: news vocabulary repeats, stemming is Python code.

    When tracked (`track_index_terms`), it also notes every key it stems and that key's
    stem: the terms this process put in index text since the last `index_terms_met`. A
    key is stemmed the first time it is met, and again after a reset, so that record
    holds every term met at least once: an import's workers report new terms at the cost
    of the cache misses they pay anyway (a set per article cost a quarter of a worker's
    time)."""

    # About 100 bytes an entry: a worker of a million-article import met a million keys
    # (every number is one) and held them all. News vocabulary repeats: the common keys
    # are met again at once after a reset.
    limit = 1 << 17

    def __init__(self) -> None:
        self.table: dict[str, str] = {}
        self.met: set[str] | None = None

    def one(self, key: str) -> str:
        stem = self.table.get(key)
        if stem is None:
            stem = self.table[key] = light_stem(key)
            if self.met is not None:
                self.met.update((key, stem))
        return stem

    def many(self, keys: list[str]) -> list[str]:
        table = self.table
        missing = set(keys).difference(table)
        if missing:
            if len(table) + len(missing) > self.limit:
                # A fresh dict rather than clear(): a concurrent caller keeps a whole one.
                table = self.table = {}
                missing = set(keys)
            fresh = {key: light_stem(key) for key in missing}
            table.update(fresh)
            if self.met is not None:
                self.met.update(fresh)
                self.met.update(fresh.values())
        return list(map(table.__getitem__, keys))


_stems = _StemCache()


def track_index_terms() -> None:
    """Start noting the terms this process puts in index text (for a worker process of
    one import: the terms it reports are new to it, not to any library)."""
    _stems.table = {}  # every term from now on is met once more, so none is missed
    _stems.met = set()


def index_terms_met() -> list[str] | None:
    """The keys and stems met since the last call (a term may come again), once
    `track_index_terms` was called; None when they are not tracked."""
    met = _stems.met
    if met is None:
        return None
    _stems.met = set()
    return list(met)


def tokens(text: str) -> list[Token]:
    """Words of ``text`` with their keys, stems and code-point spans in ``text``.

    A span runs from the word's first letter or digit to its last one, plus the marks
    and tatweel attached after it, so it never ends between a letter and its harakat;
    removed characters inside the word are inside the span; leading and trailing
    controls are not. For an ordinary token, ``fold(text[start:end]) == key``. A
    multi-word ligature (ﷺ) gives one token per word, all with the same span (the
    character and its marks), so ``key in fold(text[start:end]).split()``. Spans are
    ordered and never overlap, except those identical ligature spans.
    """
    tables = _tables()
    multi = tables.multi
    out: list[Token] = []
    for match in tables.token.finditer(text):
        start, end = match.span()
        ligature = match["multi"] if multi else None
        if ligature is not None:
            out.extend(Token(w, _stems.one(w), start, end) for w in multi[ligature])
            continue
        key = fold(match[0])
        out.append(Token(key, _stems.one(key), start, end))
    return out


def _index_high(match: re.Match[str]) -> str:
    folded = _tables().high.get(match[0], match[0])
    return folded if folded == "" or folded.isalnum() else " "


def index_text(text: str) -> tuple[str, str]:
    """(exact_keys, stem_keys) for FTS5: the keys and stems of ``tokens(text)``, in order,
    each joined by single spaces. One translate and one split over the whole text."""
    spaced = text.translate(_tables().index)
    if _HIGH.search(spaced):
        spaced = _HIGH.sub(_index_high, spaced)
    keys = spaced.split()
    return " ".join(keys), " ".join(_stems.many(keys))


def query_key(word: str) -> tuple[str, str]:
    """(key, stem) for one word typed by a user, folded and stemmed as the index is.

    Input that holds several words (``U.S.``, ``الأمم-المتحدة``) gives their keys and
    stems joined by spaces, as index_text does: quoted, that is an FTS5 phrase. Input
    without any word gives ``("", "")``.
    """
    found = tokens(word)
    return " ".join(t.key for t in found), " ".join(t.stem for t in found)
