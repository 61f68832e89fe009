"""Spans of an article's body: whole words, attached clitics and sentences (Qt-free).

Everything here works on code-point offsets into the original text and on the words that
`library.text.arabic.tokens` finds, so a span never ends between a letter and its harakat.

Clitics. Arabic writes the conjunctions و ف, the prepositions ب ك ل and their
combinations (وب ول فل…) glued to the next word: لمنظمة is ل + منظمة. An entity span should
cover the name, not the preposition, but many names begin with those very letters
(لبنان, بغداد, فرنسا, كندا, واشنطن), so a clitic is only taken off when the rest is
clearly a word of its own:

1. never when the whole word is a known name (the gazetteer, the user's entities);
2. when the rest is a known name (بمصر → مصر, وواشنطن → واشنطن);
3. when the rest starts with the article ال and at least three letters follow it
   (والرياض, بالرياض, وبالرياض); after ل the article's alef is not written (للرياض =
   ل + الرياض), so a rest that starts with ل after a ل counts as ال (the span then starts
   at the article's lam). The article ال itself is never taken off: it is part of names;
4. otherwise, for و ل ب (alone or last in a combination), when the light stemmer strips
   the same letter (its rules and exception list know وزارة, واشنطن and لبنان keep theirs)
   and at least four letters remain (وسام, وجدي keep theirs);
5. for ف ك, which the stemmer never strips, only before م with five letters left
   (كمنظمة → منظمة; كمية, فترة, فتح keep theirs).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

from library.text.arabic import Token, fold, light_stem, tokens

# Proclitic groups, longest first (two letters before one).
CLITICS = ("وب", "ول", "وك", "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك")
MIN_REST = 2
# Sentence ends: . ! ? ؟ and line breaks (a full stop between digits is a decimal point).
_SENTENCE_END = re.compile(r"[!?؟\n]|(?<![0-9٠-٩])\.|\.(?![0-9٠-٩])")
_DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩")


@lru_cache(maxsize=1 << 16)
def clitic_splits(key: str) -> tuple[tuple[int, str], ...]:
    """Ways a folded word may be a proclitic + a word: (clitic letters, the word), longest
    clitic first. After a ل the word may be an article with its alef elided (للرياض →
    (1, "الرياض")); both readings are returned then ((1, "لرياض") too)."""
    out: list[tuple[int, str]] = []
    for clitic in CLITICS:
        if not key.startswith(clitic):
            continue
        rest = key[len(clitic) :]
        if len(rest) < MIN_REST:
            continue
        if clitic.endswith("ل") and rest.startswith("ل"):
            out.append((len(clitic), "ا" + rest))
        out.append((len(clitic), rest))
    return tuple(out)


def advance_letters(text: str, pos: int, letters: int) -> int | None:
    """The offset after `letters` folded letters from `pos`, past the marks that follow
    them; None if the count falls inside a character that folds to several (ﻻ)."""
    n = len(text)
    count = 0
    while count < letters and pos < n:
        count += len(fold(text[pos]))
        pos += 1
    if count != letters:
        return None
    while pos < n and fold(text[pos]) == "" and unicodedata.category(text[pos]) != "Cf":
        pos += 1
    return pos


def chunk_start(text: str, pos: int) -> int:
    """Start of the whitespace-separated chunk holding `pos` (words never span whitespace)."""
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def chunk_end(text: str, pos: int, chunks: int = 1) -> int:
    """End of the chunk holding `pos`, or of the `chunks - 1`th chunk after it."""
    n = len(text)
    for _ in range(chunks):
        while pos < n and text[pos].isspace():
            pos += 1
        while pos < n and not text[pos].isspace():
            pos += 1
    return pos


def tokens_between(text: str, start: int, end: int) -> list[Token]:
    """`tokens(text[start:end])` with offsets into `text`: tokenise only a window."""
    return [Token(t.key, t.stem, t.start + start, t.end + start) for t in tokens(text[start:end])]


def words(text: str, start: int, end: int) -> list[Token]:
    """The words touching [start, end), with offsets into `text`."""
    return tokens_between(
        text, chunk_start(text, max(0, start)), chunk_end(text, min(len(text), end))
    )


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a selection to the whole words it touches, and drop what is outside them.

    A selection that touches no word is only trimmed of white space; an empty one
    (a click) becomes the word under it, if any.
    """
    n = len(text)
    start, end = max(0, min(start, n)), max(0, min(end, n))
    if start > end:
        start, end = end, start
    if start == end:
        for tok in words(text, start, start):
            if tok.start <= start <= tok.end:
                return tok.start, tok.end
        return start, start
    touched = [t for t in words(text, start, end) if t.start < end and t.end > start]
    if touched:
        return touched[0].start, max(t.end for t in touched)
    lo, hi = start, end
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    # Only white space selected: keep it as it is. Trimming it to nothing would make an
    # empty selection, which means "the word under the caret" when snapped again.
    return (lo, hi) if lo < hi else (start, end)


def _clitic_is_attached(key: str, clitic_len: int, rest: str, known: Collection[str]) -> bool:
    if rest in known:
        return True
    if rest.startswith("ال"):
        return len(rest) - 2 >= 3
    last = key[clitic_len - 1]
    if last in "ولب":
        return len(rest) >= 4 and light_stem(key) == light_stem(rest)
    return rest.startswith("م") and len(rest) >= 5


def strip_clitic(text: str, start: int, end: int, known: Collection[str] = ()) -> int:
    """Where an entity span should start once an attached proclitic is left out (the
    rules are in the module docstring); `start` itself when there is none. `known` holds
    folded names (whole names or their first words) that settle doubtful cases."""
    toks = words(text, start, start)
    first = next((t for t in toks if t.start == start), None)
    if first is None:
        return start  # the span starts inside a word: the user chose that
    key = first.key
    if key in known:
        return start
    for clitic_len, rest in clitic_splits(key):
        if _clitic_is_attached(key, clitic_len, rest, known):
            pos = advance_letters(text, first.start, clitic_len)
            if pos is not None and pos < min(end, first.end):
                return pos
            return start
    return start


def entity_span(
    text: str, start: int, end: int, known: Collection[str] = (), *, snap: bool = True
) -> tuple[int, int]:
    """The span to tag for a selection: whole words (unless `snap` is False) without an
    attached proclitic in front (the GUI passes snap=False while a modifier is held)."""
    if snap:
        start, end = snap_to_words(text, start, end)
    if start >= end:
        return start, end
    return strip_clitic(text, start, end, known), end


def _is_decimal_point(text: str, pos: int) -> bool:
    return 0 < pos < len(text) - 1 and text[pos - 1] in _DIGITS and text[pos + 1] in _DIGITS


def _last_end_before(text: str, pos: int) -> int:
    """Index of the last sentence end before `pos` (-1 if none), looking backwards only as
    far as needed (an article may hold thousands of mentions)."""
    last = max(text.rfind(ch, 0, pos) for ch in "!?؟\n")
    dot = text.rfind(".", 0, pos)
    while dot > last and _is_decimal_point(text, dot):
        dot = text.rfind(".", 0, dot)
    return max(last, dot)


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` ends (its . ! ? ؟ or line break; a full stop between
    two digits is a decimal point), in order: the sentence holding position p is the one
    after `bisect_left(ends, p)` ends, the same sentence `sentence_bounds` finds, at the
    cost of one pass over the text for all its positions."""
    return [m.start() for m in _SENTENCE_END.finditer(text)]


def sentence_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence holding [start, end): from after the previous . ! ? ؟ or line break
    to the next one (included), without surrounding white space. A full stop between two
    digits (3.5) is a decimal point, not an end."""
    end = start if end is None else end
    lo = _last_end_before(text, max(0, start)) + 1
    m = _SENTENCE_END.search(text, max(end, start))
    hi = len(text) if m is None else (m.start() if m.group() == "\n" else m.end())
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def sentence_at(text: str, start: int, end: int | None = None) -> tuple[str, int]:
    """(the sentence around a span, where it starts in `text`)."""
    lo, hi = sentence_bounds(text, start, end)
    return text[lo:hi], lo
