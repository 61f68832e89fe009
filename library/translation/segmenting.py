"""Cutting an article's text into sentence segments, the units a translator works in.

    cut(body) -> [(start, end), ...]   code-point ranges of `body`, in order

A segment ends after a sentence-final mark, with any marks that follow it ("؟!",
"..."): the Arabic full stop (U+06D4) and the full stop ".", "؟", "?", "!", and the
Arabic semicolon "؛"; and at the end of every paragraph (a line break). White space
around a segment stays outside it, and a piece with nothing but white space is none.

No cut is made:
- inside a quotation or parentheses: «…», "…", “…”, (…), […]. A quotation whose
  last sentence ends inside it with a full stop («… البرد.») closes the segment with it. Quotation marks
  never span a paragraph: a paragraph with an unbalanced mark is cut as if it had none;
- at a full stop that belongs to an abbreviation: after a single letter (أ.ف.ب, د.,
  م., U.S.) or a known short form (Dr., Mr.…);
- at a full stop inside a number (3.5, 1.200, 12.03.2024) or directly followed by a
  Latin letter or a digit (a web address, a file name);
- so that a segment would hold no letter or digit: such a piece (a row of dots, a
  lone dash) joins the segment before it in its paragraph.
"""

from __future__ import annotations

import re

ENDS = ".\u06d4؟?!؛"
OPENING = {"«": "»", "(": ")", "[": "]", "“": "”", '"': '"'}
CLOSING = {v: k for k, v in OPENING.items()}
# Latin short forms written with a full stop that do not end a sentence.
SHORT_FORMS = frozenset({"dr", "mr", "mrs", "ms", "prof", "st", "no", "vs", "gen", "col"})
_MARKS = re.compile(r'[.\u06d4؟?!؛«»()\[\]“”"\n]')
_DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _word_before(text: str, pos: int, floor: int) -> str:
    """The run of letters ending just before `pos` (not before `floor`)."""
    i = pos
    while i > floor and (_is_letter(text[i - 1]) or _is_mark(text[i - 1])):
        i -= 1
    return text[i:pos]


def _is_mark(ch: str) -> bool:
    """A combining mark (harakat, shadda) or tatweel: part of the letter before it."""
    return "\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640"


def _letters(word: str) -> str:
    return "".join(c for c in word if not _is_mark(c))


def _holds_full_stop(text: str, pos: int, floor: int, end: int) -> bool:
    """Whether the "." at `pos` is not a sentence end (number, abbreviation, address)."""
    before = text[pos - 1] if pos > floor else ""
    after = text[pos + 1] if pos + 1 < end else ""
    if before in _DIGITS and after in _DIGITS:
        return True  # 3.5, 1.200, 12.03.2024
    if after and (after.isascii() and after.isalnum()):
        return True  # example.com, v2.1
    word = _letters(_word_before(text, pos, floor))
    if len(word) == 1:
        return True  # أ.ف.ب, د., م., U.S.
    return word.lower() in SHORT_FORMS


def _paragraph(text: str, start: int, end: int, quotes: bool) -> list[tuple[int, int]] | None:
    """Cuts of text[start:end] (one paragraph, no line break). None when `quotes` is set
    and a quotation or a parenthesis is left open (the caller cuts again without)."""
    cuts: list[int] = []
    stack: list[str] = []
    pos = start
    while pos < end:
        m = _MARKS.search(text, pos, end)
        if m is None:
            break
        ch, i = m.group(), m.start()
        pos = i + 1
        if quotes and (ch in OPENING or ch in CLOSING):
            _quote(text, i, end, stack, cuts)
            continue
        if ch not in ENDS or (quotes and stack):
            continue
        if ch == "." and _holds_full_stop(text, i, start, end):
            continue
        # The run of closing marks: "؟!", "...", and with `quotes` unset any quote.
        j = i + 1
        while j < end and (text[j] in ENDS or (not quotes and text[j] in CLOSING)):
            j += 1
        cuts.append(j)
        pos = j
    if quotes and stack:
        return None
    return _spans(text, start, end, cuts)


def _quote(text: str, i: int, end: int, stack: list[str], cuts: list[int]) -> None:
    """Follow a quotation mark or a bracket at `i` on the stack of open ones."""
    ch = text[i]
    if ch == '"':
        closes = bool(stack) and stack[-1] == '"'
    else:
        closes = ch in CLOSING and bool(stack) and stack[-1] == CLOSING[ch]
    if closes:
        stack.pop()
        _after_closing(text, i, end, stack, cuts)
    elif ch in OPENING:
        stack.append(ch)
    elif CLOSING[ch] in stack:  # a mark left open inside: close through it
        while stack and stack.pop() != CLOSING[ch]:
            pass


def _after_closing(text: str, i: int, end: int, stack: list[str], cuts: list[int]) -> None:
    """A quotation closed at `i` by the outermost mark right after a full stop, and
    followed by white space or the paragraph's end: the segment ends with it. After a
    question or an exclamation the sentence usually goes on («هل ستأتي؟» سأل الرجل)."""
    if stack or text[i - 1] not in ".\u06d4":
        return
    if i + 1 == end or text[i + 1].isspace():
        cuts.append(i + 1)


def _spans(text: str, start: int, end: int, cuts: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lo = start
    for hi in [*cuts, end]:
        s, e = lo, hi
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        lo = hi
        if s == e:
            continue
        if out and not any(c.isalnum() for c in text[s:e]):
            out[-1] = (out[-1][0], e)  # dots or a dash: kept with the sentence before
            continue
        out.append((s, e))
    return out


def cut(body: str) -> list[tuple[int, int]]:
    """The sentence segments of `body` as (start, end) code-point ranges, in order."""
    out: list[tuple[int, int]] = []
    start = 0
    n = len(body)
    while start <= n:
        stop = body.find("\n", start)
        if stop == -1:
            stop = n
        if stop > start:
            spans = _paragraph(body, start, stop, True)
            if spans is None:
                spans = _paragraph(body, start, stop, False) or []
            out.extend(spans)
        start = stop + 1
    return out
